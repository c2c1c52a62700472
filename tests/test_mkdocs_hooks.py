"""The MkDocs hook that cuts Material's indentation (generator/publish/mkdocs_hooks.py)."""

from __future__ import annotations

from generator.publish.mkdocs_hooks import compact, on_post_page


def test_indentation_is_cut_outside_preformatted_elements() -> None:
    page = ("<nav>\n      <ul>\n        <li>\n\n   <a href='x'>X</a>\n  </li>\n</ul></nav>\n"
            "<pre><code>def f():\n    return 1\n</code></pre>\n    <p>a\n     b</p>\n"
            "<script>\n  var s = `a\n    b`;\n</script>\n  <textarea>\n  t\n</textarea>\n"
            "<STYLE>\n  p {}\n</STYLE>")
    out = compact(page)
    assert out == ("<nav>\n<ul>\n<li>\n<a href='x'>X</a>\n</li>\n</ul></nav>\n"
                   "<pre><code>def f():\n    return 1\n</code></pre>\n<p>a\nb</p>\n"
                   "<script>\n  var s = `a\n    b`;\n</script>\n<textarea>\n  t\n</textarea>\n"
                   "<STYLE>\n  p {}\n</STYLE>")
    assert compact(out) == out
    assert on_post_page(page, None, None) == out


def test_built_pages_are_compact(tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    """The per-language configurations load the hook: a built page has no indented line
    outside pre, script, style and textarea elements."""
    import datetime as dt
    import re

    from tests.conftest import SMALL
    from tests.sites import built

    site = built(tmp_path_factory, SMALL, dt.date(2020, 1, 1), copy=True).site
    html = (site / "clusters" / "nordlys-klynge" / "index.html").read_text(
        encoding="utf-8")
    outside = re.sub(r"<(pre|textarea|script|style)\b.*?</\1\s*>", "", html,
                     flags=re.DOTALL | re.IGNORECASE)
    assert "md-nav" in html and not re.search(r"\n[ \t]", outside)
