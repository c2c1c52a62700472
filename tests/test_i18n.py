"""Languages: the catalogs are complete and current, Babel formats dates and numbers the
Norwegian way, the hand-written pages exist in every language, and a third language is
a catalog and a list entry, no code."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from generator.base.dates import PartialDate
from generator.data.load import load_tree
from generator.data.model import Dataset
from generator.publish.mkdocs_config import HANDWRITTEN
from generator.publish.pipeline import BuildOptions, render_languages
from generator.render.text import i18n
from generator.render.text.i18n import Language, MissingCatalog

ROOT = Path(__file__).resolve().parents[1]
LOCALES = ROOT / "generator" / "render" / "text" / "locales"
CATALOGS = sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))
DOCS = ROOT / "docs"
DATA = ROOT / "data"
SMALL = ROOT / "tests" / "fixtures" / "small"
AS_OF = dt.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def fresh_translations() -> Iterator[None]:
    """Every test compiles the catalogs it uses; none leaks a cached one to another."""
    i18n.translations.cache_clear()
    yield
    i18n.translations.cache_clear()


def read_catalog(path: Path) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=path.parents[1].name)


def catalog_problems(catalog: Catalog) -> list[str]:
    """Every entry of ``catalog`` that would show English or a wrong text on a page."""
    problems: list[str] = []
    if catalog.fuzzy:
        problems.append("the header is fuzzy, so its Plural-Forms would be ignored")
    for message in catalog:
        if not message.id:
            continue
        name = str(message.id[0] if isinstance(message.id, tuple) else message.id)
        if message.fuzzy:
            problems.append(f"fuzzy: {name!r}")
        strings = tuple(message.string) if isinstance(message.string, tuple) \
            else (message.string or "",)
        if not all(strings):
            problems.append(f"untranslated: {name!r}")
        elif "%" not in name and any("%" in s for s in strings):
            # Jinja's newstyle gettext applies % to every translation: a bare % breaks it.
            problems.append(f"'%' in the translation of a string without placeholders: {name!r}")
    for message, errors in catalog.check():
        checked = str(message.id[0] if isinstance(message.id, tuple) else message.id)
        problems.extend(f"{error}: {checked!r}" for error in errors)
    return problems


def extracted_messages() -> dict[str, str | tuple[str, ...]]:
    """What `make catalogs` extracts from the templates and Python sources now."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle, "babel.cfg")
    found: dict[str, str | tuple[str, ...]] = {}
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=DEFAULT_KEYWORDS
    ):
        key = message[0] if isinstance(message, tuple) else message
        if key:
            found[key] = tuple(m for m in message if m) if isinstance(message, tuple) else message
    return found


# --- (a) every catalog is fully translated ------------------------------------------------


def test_there_is_a_catalog_for_every_site_language_but_english() -> None:
    site = yaml.safe_load((DATA / "site.yaml").read_text(encoding="utf-8"))
    have = {path.parents[1].name for path in CATALOGS}
    assert {code for code in site["languages"] if code != i18n.SOURCE_LANGUAGE} <= have


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parents[1].name)
def test_catalog_is_fully_translated(path: Path) -> None:
    assert catalog_problems(read_catalog(path)) == []


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parents[1].name)
def test_catalog_header_names_its_language_and_plural_rule(path: Path) -> None:
    code = path.parents[1].name
    catalog = read_catalog(path)
    header = path.read_text(encoding="utf-8")
    assert f'"Language: {code}\\n"' in header
    assert "Plural-Forms: " in header
    assert catalog.num_plurals == get_plural(code).num_plurals
    if code == "nb":
        assert catalog.plural_forms == "nplurals=2; plural=(n != 1);"


def test_the_check_reports_an_untranslated_and_a_fuzzy_entry() -> None:
    po = b"""\
msgid ""
msgstr ""
"Language: nb\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"Content-Type: text/plain; charset=utf-8\\n"

msgid "Members"
msgstr "Medlemmer"

msgid "Timeline"
msgstr ""

#, fuzzy
msgid "Forums"
msgstr "Forumer"

#, python-format
msgid "%(num)d member cluster"
msgid_plural "%(num)d member clusters"
msgstr[0] "%(num)d medlemsklynge"
msgstr[1] "%(num)d medlemsklynger"
"""
    problems = catalog_problems(read_po(io.BytesIO(po), locale="nb"))
    assert problems == ["untranslated: 'Timeline'", "fuzzy: 'Forums'"]


def test_the_check_reports_an_untranslated_plural_form_and_a_lost_placeholder() -> None:
    po = b"""\
msgid ""
msgstr ""
"Language: nb\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#, python-format
msgid "%(num)d member cluster"
msgid_plural "%(num)d member clusters"
msgstr[0] "%(num)d medlemsklynge"
msgstr[1] ""

#, python-format
msgid "awarded %(date)s"
msgstr "tildelt %(dato)s"
"""
    problems = catalog_problems(read_po(io.BytesIO(po), locale="nb"))
    assert problems[0] == "untranslated: '%(num)d member cluster'"
    assert any("awarded %(date)s" in p and "dato" in p for p in problems[1:])


# --- (b) every catalog is up to date with the sources -------------------------------------


def test_extraction_finds_the_template_and_python_strings() -> None:
    found = extracted_messages()
    assert "Portfolio scorecard" in found  # a template
    assert "Home" in found  # generator/publish/pipeline.py
    assert "Not assessed" in found  # generator/render/pages/jinja.py
    assert found["%(num)d member cluster"] == ("%(num)d member cluster",
                                              "%(num)d member clusters")


@pytest.mark.parametrize("path", CATALOGS, ids=lambda p: p.parents[1].name)
def test_catalog_has_every_string_of_the_sources(path: Path) -> None:
    catalog = read_catalog(path)
    missing = []
    for key, message in sorted(extracted_messages().items()):
        entry = catalog.get(key)
        if entry is None or entry.id != message:
            missing.append(key)
    assert missing == [], "run `make catalogs` and translate the new entries"


# --- (c) the catalogs are really used -----------------------------------------------------


def test_norwegian_interface_strings_are_translated() -> None:
    nb = i18n.translations("nb")
    assert nb.gettext("Members") == "Medlemmer"
    assert nb.gettext("Members") != "Members"
    assert nb.ngettext("%(num)d member cluster", "%(num)d member clusters", 1) \
        == "%(num)d medlemsklynge"
    assert nb.ngettext("%(num)d member cluster", "%(num)d member clusters", 7) \
        == "%(num)d medlemsklynger"
    assert Language("nb", "nb").gettext("Not assessed") == "Ikke vurdert"


def test_english_is_the_source_language_and_needs_no_catalog() -> None:
    assert Language("en", "nb").gettext("Members") == "Members"


def test_a_language_without_a_catalog_is_refused(monkeypatch: pytest.MonkeyPatch,
                                                 tmp_path: Path) -> None:
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    assert not i18n.has_catalog("nb")
    with pytest.raises(MissingCatalog, match="no translation catalog for 'nb'"):
        i18n.translations("nb")


# --- (d) dates and numbers ----------------------------------------------------------------


@pytest.mark.parametrize(("code", "text", "shown"), [
    ("nb", "2017-06-15", "15. juni 2017"),
    ("nb", "2016-09", "september 2016"),
    ("nb", "2014", "2014"),
    ("en", "2017-06-15", "15 June 2017"),
    ("en", "2016-09", "September 2016"),
    ("en", "2014", "2014"),
])
def test_dates_keep_their_precision(code: str, text: str, shown: str) -> None:
    assert Language(code, "nb").date(PartialDate.parse(text)) == shown


def test_a_year_given_as_a_number_is_shown_as_the_year() -> None:
    assert Language("nb", "nb").date(PartialDate.parse(2014)) == "2014"


def test_numbers_and_percentages_follow_the_language() -> None:
    nb, en = Language("nb", "nb"), Language("en", "nb")
    assert nb.number(1234.5, 1) == "1\u00a0234,5"
    assert en.number(1234.5, 1) == "1,234.5"
    assert nb.number(32) == "32"
    assert nb.percent(0.42) == "42\u00a0%"
    assert en.percent(0.42) == "42%"


# --- (e) hand-written pages ---------------------------------------------------------------


def doc_languages() -> list[str]:
    return sorted(p.name for p in DOCS.iterdir() if p.is_dir() and p.name != "assets")


def front_matter(text: str) -> dict[str, object]:
    match = re.match(r"---\n(.*?)\n---\n", text, re.DOTALL)
    assert match, "a page starts with front matter between two --- lines"
    data = yaml.safe_load(match.group(1))
    assert isinstance(data, dict)
    return data


def test_every_language_has_the_same_hand_written_pages() -> None:
    languages = doc_languages()
    assert {"nb", "en"} <= set(languages)
    names = {code: sorted(p.name for p in (DOCS / code).glob("*.md")) for code in languages}
    for code in languages:
        assert names[code] == names["nb"], f"docs/{code}/ differs from docs/nb/"
        assert set(HANDWRITTEN) <= set(names[code])


@pytest.mark.parametrize("page", sorted({p.relative_to(DOCS).as_posix()
                                         for code in ("nb", "en")
                                         for p in (DOCS / code).glob("*.md")}))
def test_hand_written_page_has_a_title_and_one_heading(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    title = front_matter(text).get("title")
    assert isinstance(title, str) and title.strip()
    body = re.sub(r"```.*?```", "", text, flags=re.DOTALL)
    assert len(re.findall(r"^# ", body, re.MULTILINE)) == 1


LINK = re.compile(r"\]\(([^)\s]+)\)")


def dataset(data_dir: Path) -> Dataset:
    result = load_tree(data_dir)
    assert result.dataset is not None, [str(p) for p in result.errors]
    return result.dataset


@pytest.mark.parametrize("data_dir", [DATA, SMALL], ids=["data", "small"])
def test_links_of_hand_written_pages_resolve_in_every_language(data_dir: Path,
                                                               tmp_path: Path) -> None:
    # MkDocs --strict fails on a broken link: a hand-written page may only link to pages
    # that every data tree generates, and to anchors every language's page declares.
    trees = render_languages(dataset(data_dir),
                             BuildOptions(data_dir, tmp_path / "site", tmp_path / "build", AS_OF))
    broken = []
    for code, tree in trees.items():
        for name in HANDWRITTEN:
            for target in LINK.findall(tree[f"docs/{name}"].decode("utf-8")):
                path, _, anchor = target.partition("#")
                if re.match(r"^[a-z]+:", target) or not path.endswith(".md"):
                    continue
                page = tree.get(f"docs/{path}")
                if page is None:
                    broken.append(f"{code}/{name}: {target}")
                elif anchor and f"{{ #{anchor} }}" not in page.decode("utf-8"):
                    broken.append(f"{code}/{name}: {target} (no {{ #{anchor} }} there)")
    assert broken == []


# --- (f) a third language -----------------------------------------------------------------


@pytest.mark.slow
def test_a_third_language_is_a_catalog_and_a_list_entry(monkeypatch: pytest.MonkeyPatch,
                                                        tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    swedish = locales / "sv" / "LC_MESSAGES"
    swedish.mkdir(parents=True)
    nb = (LOCALES / "nb" / "LC_MESSAGES" / "messages.po").read_text(encoding="utf-8")
    (swedish / "messages.po").write_text(nb.replace("Language: nb", "Language: sv"),
                                         encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", locales)
    i18n.translations.cache_clear()

    data = dataset(DATA)
    three = dataclasses.replace(
        data, site=data.site.model_copy(update={"languages": ("nb", "en", "sv")}))
    trees = render_languages(three, BuildOptions(DATA, tmp_path / "site", tmp_path / "build",
                                                 AS_OF))

    assert set(trees) == {"nb", "en", "sv"}
    pages = {code: {p for p in tree if p.endswith(".md")} for code, tree in trees.items()}
    assert pages["sv"] == pages["nb"] == pages["en"]
    assert {"docs/index.md", "docs/about.md", "docs/method.md",
            "docs/forums/index.md", "docs/labels.md"} <= pages["sv"]
    config = trees["sv"]["mkdocs.yml"].decode("utf-8")
    assert '"language": "sv"' in config
    assert '"lang": "sv"' in trees["nb"]["mkdocs.yml"].decode("utf-8")
    # the copied catalog is used: Norwegian strings, Swedish dates
    forum = trees["sv"]["docs/forums/nordland.md"].decode("utf-8")
    assert "## Medlemmer" in forum
    assert "## Members" in trees["en"]["docs/forums/nordland.md"].decode("utf-8")
    # no docs/sv/ yet: the default language's hand-written pages stand in
    assert trees["sv"]["docs/about.md"] == (DOCS / "nb" / "about.md").read_bytes()
