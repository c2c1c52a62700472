"""Helpers shared by the browser tests and the whole-site checks: build a site into a
folder, serve it on localhost, start Debian's Chromium, read built HTML.

Nothing here downloads a browser: Playwright drives /usr/bin/chromium, which
scripts/ensure-chromium.sh installs from Debian's packages where it is missing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import http.server
import os
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "data"
SMALL = REPO / "tests" / "fixtures" / "small"
STRATEGY = REPO / "tests" / "fixtures" / "strategy"
"""The small tree with every file and key of the regional strategy."""
ARTIFACTS = REPO / "tests" / "artifacts"
AS_OF = dt.date(2026, 11, 23)
"""The fixed "today" of every test build, so that builds are comparable."""

CHROMIUM = Path(os.environ.get("KF_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
"""Flags for Chromium run as root (no sandbox), headless and without a GPU, on a machine
without internet (no update, sync or background requests that would wait for a network)."""
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
INSTALL_HINT = "apt-get update && apt-get install -y chromium"

LANGUAGES = {"nb": "", "en": "en/"}
"""Site languages and where each lives below the site root."""

PAGES = {
    "home": "",
    "forums": "forums/",
    "forum": "forums/nordland/",
    "clusters": "clusters/",
    "cluster": "clusters/mineralklynge-norge/",
    "indicators": "indicators/",
    "indicator": "indicators/1.1.0/",
    "labels": "labels/",
    "surveys": "surveys/",
    "survey": "surveys/klyngeledere-2017/",
    "about": "about/",
    "method": "method/",
    "guide": "guide/",
    "data-format": "data-format/",
}
"""One page of each kind, by the same path in every language."""


# --- building -------------------------------------------------------------------------------


def build(data: Path, site: Path, work: Path, as_of: dt.date = AS_OF) -> None:
    """Build ``data`` into ``site`` the way ``python -m generator build`` does, in this
    process (so tests can monkeypatch the generator); raises on any failure."""
    from generator.data.load import load_tree
    from generator.publish.pipeline import BuildOptions, build_site

    result = load_tree(data)
    if result.dataset is None:
        raise AssertionError("data does not load:\n" + "\n".join(map(str, result.errors)))
    build_site(result.dataset, BuildOptions(data_dir=data, site_dir=site, work_dir=work,
                                            as_of=as_of))


def html_files(site: Path) -> list[Path]:
    """Every HTML page of a built site, both languages, in a stable order."""
    return sorted(site.rglob("*.html"))


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (relative path → content); {} when it does not exist."""
    if not root.exists():
        return {}
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


# --- serving --------------------------------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve ``root`` on a free localhost port in a thread; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- the browser ----------------------------------------------------------------------------


def ensure_chromium() -> Path:
    """Debian's Chromium, installed by scripts/ensure-chromium.sh where it is missing and
    this user may install packages; otherwise an error that says what to install."""
    if not CHROMIUM.exists():
        script = REPO / "scripts" / "ensure-chromium.sh"
        proc = subprocess.run(["bash", str(script)], capture_output=True, text=True,
                              check=False)
        if proc.returncode != 0 or not CHROMIUM.exists():
            raise RuntimeError(
                f"Debian's Chromium is needed at {CHROMIUM} for the browser tests and could "
                f"not be installed here. Install it as root: {INSTALL_HINT}\n"
                + proc.stdout + proc.stderr)
    return CHROMIUM


def launch(playwright):  # type: ignore[no-untyped-def]
    """Start Debian's Chromium through Playwright (never a downloaded browser)."""
    return playwright.chromium.launch(
        executable_path=str(ensure_chromium()), headless=True, args=list(CHROMIUM_FLAGS[1:]))


def is_local(url: str) -> bool:
    """Whether a request URL goes to this machine (or never leaves the page)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    host = parts.hostname or ""
    return host in LOCAL_HOSTS or f"[{host}]" in LOCAL_HOSTS


# --- reading built HTML ---------------------------------------------------------------------


@dataclass
class Element:
    """One start tag of a parsed page."""

    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class ParsedPage:
    """What the checks need from one HTML page."""

    elements: list[Element] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The page's visible text (scripts and styles left out), whitespace collapsed."""
        return " ".join(" ".join(self.text_parts).split())

    def all(self, tag: str) -> list[Element]:
        """Every element with this tag name."""
        return [e for e in self.elements if e.tag == tag]


class _PageParser(HTMLParser):
    _HIDDEN = ("script", "style", "template")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._hidden: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.page.elements.append(element)
        for key in ("id", "name") if tag == "a" else ("id",):
            if element.attrs.get(key):
                self.page.ids.add(element.attrs[key])
        if tag in self._HIDDEN:
            self._hidden.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in self._HIDDEN:
            self._hidden.pop()

    def handle_endtag(self, tag: str) -> None:
        if self._hidden and tag == self._hidden[-1].tag:
            self._hidden.pop()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            self._hidden[-1].text += data
        else:
            self.page.text_parts.append(data)


def parse(html: str) -> ParsedPage:
    """Elements, ids and visible text of an HTML page."""
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    return parser.page
