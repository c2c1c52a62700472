"""Publishable in both languages, checked on a built site: English pages write dates,
numbers and lists the British way (en_GB), Norwegian pages keep Babel's non-breaking
spaces ('67 %', '1 261'), and no English interface string reaches a Norwegian page:
the theme's own strings (heading links, footer, search, navigation, palette toggle, 404)
included."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest
from babel.messages.pofile import read_po

from generator.base.dates import PartialDate
from generator.base.text import one_line
from generator.data.load import load_tree
from generator.publish.pipeline import BuildOptions, build_site
from generator.render.pages import markup
from generator.render.text.i18n import Language
from tests.conftest import REPO, SMALL

AS_OF = dt.date(2020, 1, 1)
NBSP = "\u00a0"
MATERIAL_EN = Path(material.__file__).parent / "templates" / "partials" / "languages" / "en.html"
CATALOG = REPO / "generator" / "render" / "text" / "locales" / "nb" / "LC_MESSAGES" / "messages.po"
NOT_UI = {"language", "direction", "search.config.lang", "search.config.pipeline",
          "search.config.separator", "blog.categories.in"}
"""Material keys that are settings, not text (and 'in', too short to tell apart)."""
THEME_ENGLISH = ("Permanent link", "Made with", "404 - Not found", "Switch to dark mode",
                 "Switch to light mode")
"""English strings of the theme and of Python-Markdown that Material's tables lack."""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small tree, with a cluster of 1,261 members, built in both languages."""
    work = tmp_path_factory.mktemp("publishable")
    data = work / "data"
    shutil.copytree(SMALL, data)
    cluster = data / "clusters" / "nordlys-klynge" / "cluster.yaml"
    cluster.write_text(cluster.read_text(encoding="utf-8").replace(
        "members_count: 24", "members_count: 1261"), encoding="utf-8")
    result = load_tree(data)
    assert result.dataset is not None, result.problems
    build_site(result.dataset, BuildOptions(data, work / "site", work / "build", AS_OF))
    return work / "site"


def nb_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html")
                  if p.relative_to(site).parts[0] not in ("en", "api", "assets"))


# --- British English ------------------------------------------------------------------------


def test_english_formats_are_british() -> None:
    en = Language("en", "nb")
    assert en.date(PartialDate.parse("2017-06-15")) == "15 June 2017"
    assert en.date(PartialDate.parse("2016-09")) == "September 2016"
    assert en.number(1261) == "1,261"
    assert en.percent(0.67) == "67%"
    assert en.percent_of(84.5) == "84.5%"
    assert en.join(["Bronze", "Silver", "Gold"]) == "Bronze, Silver and Gold"
    nb = Language("nb", "nb")
    assert nb.date(PartialDate.parse("2017-06-15")) == "15. juni 2017"
    assert nb.join(["bronse", "sølv", "gull"]) == "bronse, sølv og gull"
    assert nb.percent_of(80) == f"80{NBSP}%"


def test_english_pages_write_british_dates(site: Path) -> None:
    page = (site / "en" / "clusters" / "nordlys-klynge" / "index.html").read_text("utf-8")
    assert re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|"
                     r"September|October|November|December) \d{4}\b", page)
    assert not re.search(r"\b(January|February|March|April|May|June|July|August|September|"
                         r"October|November|December) \d{1,2}, \d{4}\b", page)
    assert "1,261" in page


# --- non-breaking spaces --------------------------------------------------------------------


def test_every_text_path_keeps_non_breaking_spaces() -> None:
    text = f"Minst 80{NBSP}% av\n  1{NBSP}261 klynger"
    assert one_line(text) == f"Minst 80{NBSP}% av 1{NBSP}261 klynger"
    assert NBSP + "%" in markup.escape_markdown(text)
    assert NBSP + "%" in markup.inline(text)
    assert NBSP + "261" in markup.block(text + "\n\nNeste avsnitt")
    assert NBSP + "261" in markup.html_text(text)


def test_norwegian_pages_keep_non_breaking_spaces(site: Path) -> None:
    cluster = (site / "clusters" / "nordlys-klynge" / "index.html").read_text("utf-8")
    assert f"1{NBSP}261" in cluster and "1 261" not in cluster
    assert re.search(rf"\d{NBSP}%", cluster)  # the score and the next level's requirement
    forum = (site / "forums" / "polar" / "index.html").read_text("utf-8")
    shares = re.findall(r"\d+(\s)%", forum)
    assert shares and set(shares) == {NBSP}  # every share of the scorecard, tables included


# --- no English on Norwegian pages ------------------------------------------------------------


class _Strings(HTMLParser):
    """The texts and the text attributes a reader or a screen reader meets on a page."""

    ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

    def __init__(self) -> None:
        super().__init__()
        self.strings: list[str] = []
        self.config: dict[str, object] = {}
        self._skip = 0
        self._config = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "code", "pre"):
            self._skip += 1
            self._config = ("id", "__config") in attrs
        for name, value in attrs:
            if name in self.ATTRIBUTES and value:
                self.strings.append(value.strip())

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "code", "pre") and self._skip:
            self._skip -= 1
            self._config = False

    def handle_data(self, data: str) -> None:
        if self._config:
            self.config = json.loads(data)
        elif not self._skip and data.strip():
            self.strings.append(" ".join(data.split()))


def english_ui_strings() -> set[str]:
    """Every English interface string: Material's, the theme's and our catalog's, where the
    Norwegian differs."""
    material_en = dict(re.findall(r'"([a-z.]+)": "([^"]*)"',
                                  MATERIAL_EN.read_text(encoding="utf-8")))
    strings = {value for key, value in material_en.items() if key not in NOT_UI}
    strings.update(THEME_ENGLISH)
    with CATALOG.open("rb") as handle:
        for message in read_po(handle, locale="nb"):
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            translated = message.string if isinstance(message.string, tuple) \
                else (message.string,)
            for text in ids:
                if text and "%" not in text and text not in translated:
                    strings.add(text)
    return strings


def english_on(page: Path, english: set[str]) -> list[str]:
    parser = _Strings()
    parser.feed(page.read_text(encoding="utf-8"))
    found = [s for s in parser.strings if s in english]
    found += [f"{phrase!r} in {s!r}" for s in parser.strings for phrase in THEME_ENGLISH
              if phrase in s and s != phrase]
    translations = parser.config.get("translations", {})
    assert isinstance(translations, dict)
    found += [f"search/clipboard: {v!r}" for v in translations.values() if v in english]
    return found


def test_no_english_interface_string_on_norwegian_pages(site: Path) -> None:
    english = english_ui_strings()
    assert {"Permanent link", "Footer", "Made with", "Search", "Labels"} <= english
    pages = nb_pages(site)
    assert site / "404.html" in pages and site / "index.html" in pages
    problems = {page.relative_to(site).as_posix(): english_on(page, english)
                for page in pages}
    assert {page: found for page, found in problems.items() if found} == {}


def test_the_check_finds_english_on_a_page(site: Path) -> None:
    """The English pages are full of these strings, so the check can fail."""
    english = english_ui_strings()
    found = english_on(site / "en" / "clusters" / "nordlys-klynge" / "index.html", english)
    assert any("Permanent link" in f for f in found)
    assert "Footer" in found


def test_norwegian_theme_strings_are_there(site: Path) -> None:
    page = (site / "clusters" / "nordlys-klynge" / "index.html").read_text("utf-8")
    assert 'title="Permanent lenke"' in page
    assert "Laget med" in page
    assert 'aria-label="Bunntekst"' in page
    assert "Bytt til mørk modus" in page
    not_found = (site / "404.html").read_text("utf-8")
    assert "Fant ikke siden" in not_found


AMERICAN = re.compile(r"\b[A-Za-z]+iz(e|es|ed|ing|ation|ations)\b|\b[Cc]olors?\b|\b[Cc]enter\b")
"""American spellings a British page must not have (-ize, color, center)."""


def material_american() -> set[str]:
    """Material's English interface strings in American spelling: its only English table
    is American ('Initializing search')."""
    material_en = dict(re.findall(r'"([a-z.]+)": "([^"]*)"',
                                  MATERIAL_EN.read_text(encoding="utf-8")))
    return {value for key, value in material_en.items()
            if key not in NOT_UI and AMERICAN.search(value)}


def test_english_pages_show_the_theme_in_british_english(site: Path) -> None:
    american = material_american()
    assert "Initializing search" in american  # else the check has nothing to find
    pages = sorted((site / "en").rglob("*.html"))
    assert site / "en" / "index.html" in pages
    problems = {}
    for page in pages:
        parser = _Strings()
        parser.feed(page.read_text(encoding="utf-8"))
        translations = parser.config.get("translations", {})
        assert isinstance(translations, dict)
        texts = [*parser.strings, *(str(v) for v in translations.values())]
        found = [t for t in texts if t in american]
        if found:
            problems[page.relative_to(site).as_posix()] = found
    assert problems == {}
    home = (site / "en" / "index.html").read_text("utf-8")
    assert "Initialising search" in home
    assert "Starter søk" in (site / "index.html").read_text("utf-8")
