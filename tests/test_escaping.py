"""Every value a template prints is escaped for where it lands.

The whole-site checks (tests/test_site_checks.py) build hostile text and URLs; these
check the pieces directly, also with values validation refuses (defence in depth: a
template never relies on the validator for its escaping), and scan the templates for
the one filter that prints its value raw.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import markdown
import pytest

from generator.render.pages import markup
from generator.render.pages.jinja import TEMPLATES

HOSTILE_URLS = [
    "https://x.example><script>alert(document.domain)</script>",
    'https://x.example/" onmouseover="alert(1)',
    "https://x.example/' onmouseover='alert(1)",
    "https://x.example/`x`",
    "https://x.example/a b\tc\nd",
    "https://x.example/)[y](javascript:alert(1)",
    "https://x.example/{: onclick=alert(1) }",
    "https://x.example/\x00\x01\x85",
    "https://x.example/*a*_b_[c]",
]


def render(text: str) -> str:
    """Markdown as MkDocs renders a page's text (attribute lists on, as in mkdocs.yml)."""
    return markdown.markdown(text, extensions=["attr_list"])


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_a_web_address_is_one_link_to_itself(url: str) -> None:
    html = render(f"- Website: {markup.web_link(url)}")
    anchors = re.findall(r"<a\b([^>]*)>", html)
    assert len(anchors) == 1, html
    [attributes] = anchors
    href = re.fullmatch(r' href="([^"]*)"', attributes)
    assert href is not None, html  # one attribute, the target, quoted whole
    assert unquote(href[1].replace("&amp;", "&")) == url
    assert "<script" not in html
    assert html.count("<") == html.count(">")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "file:///etc/passwd",
                                 "//evil.example/", "data:text/html,x"])
def test_an_address_that_is_not_http_is_text_only(url: str) -> None:
    html = render(f"- Website: {markup.web_link(url)}")
    assert "<a" not in html


def test_the_raw_filter_prints_only_the_templates_own_literals() -> None:
    """``|md`` prints its value as it is: only for a literal written in the template, never
    for a value from the data."""
    uses = []
    for path in sorted(TEMPLATES.rglob("*.j2")):
        for expression in re.findall(r"\{\{(.*?)\}\}", path.read_text(encoding="utf-8")):
            if re.search(r"\|\s*md\b", expression):
                uses.append((path.name, expression.strip()))
    assert uses, "the scan finds the filter (a rename must update this test)"
    for name, expression in uses:
        assert re.fullmatch(r'"[^"]*"\s*\|\s*md', expression), f"{name}: {{{{ {expression} }}}}"


def test_every_printed_variable_goes_through_an_escaping_filter_or_autoescape() -> None:
    """Filters that return Markup (printed as they are) escape their value themselves;
    everything else is escaped for Markdown by the environment's finalize."""
    from generator.render.pages.jinja import environment
    from generator.render.text.i18n import Language

    env = environment(Language("en", "nb"))
    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) {: onclick=x }"
    for template in ("{{ value }}", "{{ value|esc }}", "{{ value|link }}", "{{ value|t }}"):
        html = render(env.from_string(template).render(value=hostile))
        assert "<script" not in html and "<a" not in html, (template, html)
        assert not re.search(r"<[a-z]+[^>]*onclick", html), (template, html)
        assert html.startswith("<p>&lt;script&gt;"), (template, html)


NAV_NAMES = ['!<svg onload="/*', '\ufffd*/alert(901)">', "<img src=x onerror=alert(1)>",
             '"><script>alert(1)</script>', "{: onclick=alert(1) }", "&lt;b&gt;",
             "Mat & Helse"]


def test_navigation_run_titles_are_text() -> None:
    """With more clusters than the navigation lists one by one, each run is titled by its
    first and last cluster's names: the titles MkDocs gets are escaped (Material prints
    them as they are), whatever the names hold, and read as the names were written."""
    import html
    from html.parser import HTMLParser
    from types import SimpleNamespace

    from generator.base.text import Text
    from generator.publish.mkdocs_config import NAV_GROUP_ABOVE, _cluster_nav, escaped_nav

    first, tail, *others = NAV_NAMES
    names = [first, *others, *[tail] * NAV_GROUP_ABOVE]
    clusters = [SimpleNamespace(id=f"c{i:03d}", name=Text(same=name))
                for i, name in enumerate(names)]
    nav = escaped_nav([{"Clusters": ["clusters/index.md", *_cluster_nav(clusters, "nb")]}])
    runs = nav[0]["Clusters"][1:]
    titles = [title for run in runs for title in run]
    assert len(titles) == 2
    assert titles[0] == "!&lt;svg onload=&quot;/* – \ufffd*/alert(901)&quot;&gt;"

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []

        def handle_starttag(self, tag: str, attrs: object) -> None:
            self.tags.append(tag)

    for title in titles:
        parser = Tags()
        parser.feed(f"<a title=\"{title}\">{title}</a>")
        assert parser.tags == ["a"], title
        assert not re.search(r"[<>\"]", title), title
    assert html.unescape(titles[0]) == f"{first} – {tail}"
    # every title at any depth, never a path
    nested = escaped_nav([{"<b>": [{"<i>": "x/<i>.md"}, "y.md"]}, {"A & B": "a.md"}])
    assert nested == [{"&lt;b&gt;": [{"&lt;i&gt;": "x/<i>.md"}, "y.md"]}, {"A & B": "a.md"}]
