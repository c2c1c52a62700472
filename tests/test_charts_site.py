"""The built site loads nothing from another host, and its charts are where pages say.

The small fixture tree is built as a user builds it (once a session, ``tests/sites``);
then every HTML page is parsed: no script, style, image, frame or media source may point
at another host (``http:``, ``https:`` or ``//host``), every chart image and download
resolves to a file of the built site, and no SVG holds an external URL.
"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import SMALL
from tests.sites import built
from tests.svgrefs import external_references, urls

AS_OF = dt.date(2026, 11, 23)
LOADING_RELS = {"stylesheet", "icon", "shortcut", "preload", "modulepreload", "prefetch",
                "manifest", "apple-touch-icon", "mask-icon", "preconnect", "dns-prefetch"}
"""Link relations that make a browser fetch something (canonical, alternate: they don't)."""
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)|@import\s+['"]([^'"]+)""", re.IGNORECASE)


class Resources(HTMLParser):
    """What an HTML page makes a browser load: (tag, attribute, URL)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self.figures: list[str] = []
        self.links: list[str] = []
        self._in_figure = False
        self._style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "figure" and "kf-chart" in values.get("class", "").split():
            self._in_figure = True
        if tag in ("script", "img", "iframe", "audio", "video", "source", "track", "embed",
                   "input") and values.get("src"):
            self.found.append((tag, "src", values["src"]))
            if tag == "img" and self._in_figure:
                self.figures.append(values["src"])
        if values.get("srcset"):
            for candidate in values["srcset"].split(","):
                self.found.append((tag, "srcset", candidate.strip().split(" ")[0]))
        if tag == "object" and values.get("data"):
            self.found.append((tag, "data", values["data"]))
        if tag == "link" and LOADING_RELS & set(values.get("rel", "").lower().split()):
            self.found.append((tag, "href", values.get("href", "")))
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if values.get("style"):
            for match in _CSS_URL.finditer(values["style"]):
                self.found.append((tag, "style", match.group(1) or match.group(2)))
        self._style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "figure":
            self._in_figure = False
        if tag == "style":
            self._style = False

    def handle_data(self, data: str) -> None:
        if self._style:
            for match in _CSS_URL.finditer(data):
                self.found.append(("style", "css", match.group(1) or match.group(2)))


def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return url.strip().startswith("//") or parts.scheme in ("http", "https") or (
        bool(parts.netloc))


def page_url_dir(site: Path, page: Path) -> PurePosixPath:
    """The folder a page's relative URLs start from (index.html is served as its folder)."""
    return PurePosixPath(page.relative_to(site).parent.as_posix())


def resolve(site: Path, page: Path, url: str) -> Path:
    path = unquote(urlsplit(url).path)
    target = site / page_url_dir(site, page) / path
    if url.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.resolve()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small tree built (shared, tests/sites)."""
    return built(tmp_path_factory, SMALL, AS_OF).site


def pages(site: Path) -> list[Path]:
    found = sorted(site.rglob("*.html"))
    assert len(found) > 20
    return found


def test_no_page_loads_from_another_host(site: Path) -> None:
    offenders = []
    kinds: set[str] = set()
    for page in pages(site):
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        kinds |= {tag for tag, _attr, _url in parser.found}
        offenders += [(page.relative_to(site).as_posix(), *item) for item in parser.found
                      if is_external(item[2])]
    assert offenders == []
    assert {"script", "link", "img"} <= kinds  # the pages do load their own resources


def test_no_stylesheet_loads_from_another_host(site: Path) -> None:
    offenders = []
    for sheet in sorted(site.rglob("*.css")):
        for match in _CSS_URL.finditer(sheet.read_text(encoding="utf-8")):
            url = match.group(1) or match.group(2)
            if is_external(url):
                offenders.append((sheet.relative_to(site).as_posix(), url))
    assert offenders == []


def test_the_check_catches_external_resources() -> None:
    parser = Resources()
    parser.feed('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
                'href="//fonts.example/css"><img src="http://x.example/a.png">'
                '<link rel="canonical" href="https://example.org/page/">'
                '<div style="background: url(https://x.example/b.png)"></div>')
    external = [item for item in parser.found if is_external(item[2])]
    assert [tag for tag, _attr, _url in external] == ["script", "link", "img", "div"]


def test_chart_images_and_downloads_resolve(site: Path) -> None:
    """Every chart on a page loads (its src is relative to the page's URL), and its
    CSV and Vega-Lite downloads exist."""
    images = 0
    for page in pages(site):
        parser = Resources()
        parser.feed(page.read_text(encoding="utf-8"))
        for src in parser.figures:
            assert resolve(site, page, src).is_file(), (page, src)
            images += 1
        for href in parser.links:
            if href.endswith((".csv", ".vl.json")) and not is_external(href):
                assert resolve(site, page, href).is_file(), (page, href)
    assert images >= 2 * 14  # the small tree's 14 charts, in both languages


def test_chart_pages_show_figure_caption_and_table(site: Path) -> None:
    html = (site / "en" / "forums" / "polar" / "index.html").read_text(encoding="utf-8")
    assert html.count('<figure class="kf-chart">') == 3
    assert html.count("<figcaption>") >= 3
    assert "1 of 3 member clusters" in html
    assert re.search(r'<img src="\.\./\.\./charts/forum/polar/scorecard\.svg" alt="[^"]+"', html)
    assert '<details class="info">' in html
    assert 'href="../../charts/forum/polar/scorecard.csv"' in html


def test_svgs_hold_no_external_url(site: Path) -> None:
    svgs = sorted((site / "charts").rglob("*.svg")) + sorted((site / "en" / "charts")
                                                             .rglob("*.svg"))
    assert len(svgs) == 2 * 14
    for svg in svgs:
        content = svg.read_bytes()
        assert urls(content) == [], svg
        assert external_references(content) == [], svg
