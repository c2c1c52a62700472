"""The generated pages' tables as HTML blocks (generator/publish/html_tables.py): MkDocs
must publish exactly what it published when it read the tables as Markdown, links
included; a link to a missing file stops the build; what the module cannot reproduce
exactly is left as Markdown."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.publish import html_tables
from tests.conftest import REPO

PAGE = """\
# A page

## Lights

| Indicator | Light | Note |
| --- | --- | --- |
| [1.1 Committed *participation*](../indicators/1.1.md) | <b>Green</b> | `a|b` \\| &amp; & |
| [Home](../index.md) · [All](../clusters/index.md) | [web](https://example.org/a?b=1&c=2) | |
| [CSV](../charts/c/lights.csv) | 1. not a list | # not a heading |

??? info "Table: lights"

    | Area | Green |
    | --- | --- |
    | 1 Structure | 3 |

    Download the data: [CSV](../charts/c/lights.csv)

| Only a head | Second |
| --- | --- |

Text before the next table.

| Left | Right |
| :--- | ---: |
| kept | as Markdown |

| Anchor | Link |
| --- | --- |
| [there](../indicators/1.1.md#x) | kept |

| Raw | Link |
| --- | --- |
| <a href="../index.md">raw</a> | kept |

- a list

    | In a list | kept |
    | --- | --- |
    | as | Markdown |
"""

FILES = {"index.md", "clusters/index.md", "indicators/1.1.md", "charts/c/lights.csv",
         "pages/original.md", "pages/converted.md"}


def converter() -> html_tables.TableConverter:
    return html_tables.TableConverter(*html_tables.extensions_of(REPO / "mkdocs.yml"))


def test_tables_become_html_blocks_and_the_rest_stays_markdown() -> None:
    tables = converter()
    out = tables.page("pages/converted.md", PAGE, FILES)
    assert out.count(html_tables.START) == 3  # two at the margin, one in the collapsible
    assert tables.converted == 3 and tables.left == 3  # the one in the list is not looked at
    assert "    <!--kf:html-->\n    <table>" in out  # inside the collapsible, indented
    assert "| :--- | ---: |" in out and "| [there](../indicators/1.1.md#x) | kept |" in out
    assert "    | In a list | kept |" in out
    assert '<a href="../../indicators/1.1/">1.1 Committed <em>participation</em></a>' in out
    assert '<a href="../../charts/c/lights.csv">CSV</a>' in out
    assert '<a href="../../">Home</a>' in out and '<a href="../../clusters/">All</a>' in out
    assert tables.page("pages/converted.md", out, FILES) == out  # converting twice: the same


def test_a_link_to_a_missing_file_stops_the_build() -> None:
    page = "| A | B |\n| --- | --- |\n| [gone](../clusters/gone.md) | x |\n"
    with pytest.raises(html_tables.LinkNotFound, match=r"docs/pages/p\.md: .*'\.\./clusters/"
                       r"gone\.md'.*'clusters/gone\.md' is not among"):
        converter().page("pages/p.md", page, {"pages/p.md"})


def _article(html: str) -> str:
    match = re.search(r"<article[^>]*>(.*)</article>", html, re.DOTALL)
    assert match, "no article in the page"
    return match.group(1)


def test_mkdocs_publishes_the_same_html_from_either_form(tmp_path: Path) -> None:
    """One MkDocs build with the site's extensions and hooks: the page as Markdown tables
    and the same page converted, side by side in one folder, give the same article."""
    docs = tmp_path / "docs"
    for name in FILES - {"pages/original.md", "pages/converted.md"}:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# Page\n" if name.endswith(".md") else "a,b\n",
                                 encoding="utf-8")
    (docs / "pages").mkdir()
    (docs / "pages" / "original.md").write_text(PAGE, encoding="utf-8")
    converted = converter().page("pages/converted.md", PAGE, FILES)
    assert html_tables.START in converted
    (docs / "pages" / "converted.md").write_text(converted, encoding="utf-8")
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"), "site_name": "t", "docs_dir": "docs",
        "hooks": [str(REPO / "generator" / "publish" / "mkdocs_hooks.py")],
        "validation": {"links": {"anchors": "ignore"}},
    }
    (tmp_path / "mkdocs.yml").write_text(json.dumps(config), encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                           str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    original = _article((tmp_path / "site/pages/original/index.html").read_text("utf-8"))
    made = _article((tmp_path / "site/pages/converted/index.html").read_text("utf-8"))
    assert "<table>" in made and "kf:html" not in made
    assert made == original
