"""The site never states more than its sources: every item shows how sure it is, every
page names the sources behind what it shows.

Four copies of the strategy fixture tree (tests/fixtures/strategy, the small tree with
every record kind) are rendered in memory, in both languages, without MkDocs and with a
blank image for each chart: one where every record carries ``certainty: inferred`` (set
on each record, not only on its file), one where every record is ``example``, one with no
certainty at all, and one with a sources.yaml whose ids the records cite. Inferred items
carry the mark "◇ antatt" / "◇ inferred" wherever they are shown, with the legend on the
pages that show one and only there; example items carry "✎ eksempel" / "✎ example" under
the banner of example data; What's new, the feed and the charts' captions and text
alternatives say the same in their own words; the forum, cluster, indicator and survey
pages end with a Sources section whose titles link to the sources' addresses. An event
its source only announced is never shown as held, and a forum's number of members is the
one its sources state, with how many of them are named.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.render.charts.figures import Figure
from generator.render.text.i18n import Language
from tests.conftest import REPO
from tests.inmemory import rendered

STRATEGY = REPO / "tests" / "fixtures" / "strategy"
AS_OF = dt.date(2026, 11, 23)
LANGUAGES = ("nb", "en")
SYMBOL = {"inferred": "◇", "example": "✎"}
WORD = {"inferred": {"nb": "antatt", "en": "inferred"},
        "example": {"nb": "eksempel", "en": "example"}}
NOTE = {"inferred": {"nb": "(antatt)", "en": "(inferred)"},
        "example": {"nb": "(eksempeldata)", "en": "(example data)"}}
CAPTION = {"inferred": {"nb": "Noe av det diagrammet viser, er antatt: sluttet fra det kildene "
                              "sier, ikke sagt av dem.",
                        "en": "Some of what the chart shows is inferred: concluded from what "
                              "the sources say, not stated by them."},
           "example": {"nb": "Tallene er eksempler, ikke publiserte resultater.",
                       "en": "Illustrative figures: examples, not published results."}}
LEGEND = {"nb": "◇ antatt: sluttet fra det kildene sier, ikke sagt av dem.",
          "en": "◇ inferred: concluded from what the sources say, not stated by them."}
BANNER = {"nb": '!!! warning "Eksempeldata"', "en": '!!! warning "Illustrative data"'}
NOTHING_SHOWN = {"indicators/index.md"}
"""The one page made of no record (the catalogue's list of indicators)."""

RECORDS = {"forum": ("members", "events", "joint_actions"),
           "cluster": ("programme", "labels", "events", "focus_areas"),
           "plan": ("actions",), "survey": ("questions",)}
"""The records inside each kind of file that can carry a certainty of their own."""
KINDS = {"forums": "forum", "peer-groups": "peer-group", "stress-tests": "stress-test",
         "actor-maps": "actor-map", "surveys": "survey"}


# --- the trees --------------------------------------------------------------------------------


def _kind(rel: Path) -> str | None:
    """The kind of a data file that holds records (None: a catalogue or the site file)."""
    if rel.parts[0] == "clusters":
        return {"cluster.yaml": "cluster", "plan.yaml": "plan"}.get(rel.name, "assessment")
    return KINDS.get(rel.parts[0])


def certainty_tree(target: Path, certainty: str | None) -> Path:
    """A copy of the strategy tree where every record, and every file that holds records,
    has ``certainty`` (None: no certainty and no illustrative flag anywhere). Nordlys
    Klynge gets a gold label awarded in 2025 (backed by its gold assessment), so that a
    current label is shown in the forum's members, the clusters list and its page."""
    shutil.copytree(STRATEGY, target)
    for path in sorted(target.rglob("*.yaml")):
        kind = _kind(path.relative_to(target))
        if kind is None:
            continue
        document = yaml.safe_load(path.read_text(encoding="utf-8"))

        def settle(record: dict[str, Any]) -> None:
            record.pop("illustrative", None)
            record.pop("certainty", None)
            if certainty is not None:
                record["certainty"] = certainty

        settle(document)
        if kind == "cluster" and document["id"] == "nordlys-klynge":
            document["labels"].append({"level": "gold", "awarded": "2025-06-01"})
        for key in RECORDS.get(kind, ()):
            for record in document.get(key, ()):
                settle(record)
        if kind == "forum":
            settle(document["strategy"])
        path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    return target


def edit(path: Path, **changes: Any) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    document.update(changes)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


SOURCES = [
    {"id": "forum-page", "title": {"nb": "Om Klyngeforum Polar", "en": "About Cluster Forum Polar"},
     "publisher": "Polar fylkeskommune", "url": "https://example.org/polar/about",
     "date": "2016-10"},
    {"id": "cluster-page", "title": "Nordlys Klynge: om oss", "url": "https://example.org/nordlys"},
    {"id": "lights-report", "title": "Rapport [2018] *gull*",
     "url": "https://example.org/reports/nordlys-2018.pdf", "publisher": "ESCA"},
    {"id": "peer-report", "title": {"nb": "Referansetall 2016", "en": "Peer figures 2016"},
     "url": "https://example.org/peers"},
    {"id": "survey-slides", "title": "Lysark fra forumets møte", "publisher": "Polar"},
]
"""sources.yaml of the sources tree: a title with Markdown in it, one without address."""


def sources_tree(target: Path) -> Path:
    """The tree with no certainty, and a sources.yaml whose ids the forum, a cluster, an
    assessment, the peer group and the survey cite."""
    certainty_tree(target, None)
    (target / "sources.yaml").write_text(yaml.safe_dump(
        {"schema_version": 1, "sources": SOURCES}, allow_unicode=True, sort_keys=False),
        encoding="utf-8")
    edit(target / "forums" / "polar.yaml", source="forum-page")
    edit(target / "clusters" / "nordlys-klynge" / "cluster.yaml", source="cluster-page")
    edit(target / "clusters" / "nordlys-klynge" / "assessments" / "2018-03-01.yaml",
         source="lights-report")
    edit(target / "peer-groups" / "ref-2016.yaml", source="peer-report")
    edit(target / "surveys" / "polar-2017.yaml", source=["survey-slides"])
    return target


@dataclass
class Site:
    """One language of a rendered tree: its pages, feed and charts."""

    pages: dict[str, str]
    feed: str
    figures: list[Figure]


def render(tree: Path) -> dict[str, Site]:
    _view, languages = rendered(tree, AS_OF)
    return {code: Site(one.pages(), one.renderer.feed("https://example.org/klyngeforum/"),
                       list(one.figures.values()))
            for code, one in languages.items()}


@pytest.fixture(scope="module")
def inferred(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    return render(certainty_tree(tmp_path_factory.mktemp("inferred") / "data", "inferred"))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    return render(certainty_tree(tmp_path_factory.mktemp("example") / "data", "example"))


@pytest.fixture(scope="module")
def confirmed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    return render(certainty_tree(tmp_path_factory.mktemp("confirmed") / "data", None))


@pytest.fixture(scope="module")
def sourced(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    return render(sources_tree(tmp_path_factory.mktemp("sourced") / "data"))


# --- reading the pages ------------------------------------------------------------------------

_TAG = re.compile(r"<[^>]+>")


def visible(text: str) -> str:
    """A line's text as a reader sees it (tags removed)."""
    return _TAG.sub("", text)


def marked(line: str, certainty: str, code: str) -> bool:
    """Whether a line carries the mark of ``certainty``: its sign and word in a span of
    the mark's class, or as text in an admonition's title (which shows no HTML)."""
    shown = f"{SYMBOL[certainty]} {WORD[certainty][code]}"
    if line.lstrip().startswith("??? "):
        return f"· {shown}" in line
    return f'class="kf-certainty kf-certainty--{certainty}"' in line and shown in visible(line)


def any_mark(text: str) -> bool:
    """Whether a text carries any mark, legend or banner of a certainty."""
    return any(word in text for word in ("kf-certainty", "kf-legend", "◇", "✎",
                                         *BANNER.values()))


def _(code: str, message: str) -> str:
    return Language(code, "nb").gettext(message)


def body(page: str) -> list[str]:
    """A page's lines as a reader reads them in its text: without the front matter, the
    charts' images and captions (checked on their own) and the charts' tables (indented
    in their collapsible blocks)."""
    lines = page.split("\n---\n", 1)[1].splitlines()
    return [line for line in lines
            if not line.startswith(("<a class=\"kf-chart__image\"", "<figcaption>", "    |"))]


SOURCES_HEADINGS = ("## Kilder", "## Sources")


def section(page: str, heading: str) -> list[str]:
    """The lines under the first heading containing ``heading``, up to the next heading
    of the same or a higher level, or the page's Sources section."""
    lines = page.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("#") and heading in line:
            level = len(line) - len(line.lstrip("#"))
            found = []
            for rest in lines[i + 1:]:
                if rest.startswith("#") and (len(rest) - len(rest.lstrip("#")) <= level
                                             or rest in SOURCES_HEADINGS):
                    break
                found.append(rest)
            return found
    raise AssertionError(f"no heading with {heading!r}")


def items(lines: list[str]) -> list[str]:
    """The list items and table body rows among ``lines`` (not chart tables, which are
    indented, nor a table's header and separator)."""
    found = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        row = line.startswith("| ") and not line.startswith("| ---") \
            and not following.startswith("| ---")
        if row or line.startswith("- "):
            found.append(line)
    return found


Check = tuple[str, str, Any]
"""(page, how, what): "line": every line containing what (at least one) is marked;
"items": every item under the heading what is marked; "section": some line under the
heading what is marked; "titles": every admonition title under the heading what is.
A what is a text in both languages, a (nb, en) pair, or a message id (``_(...)``)."""

T = "msgid:"


def _what(what: Any, code: str) -> str:
    if isinstance(what, tuple):
        return what[LANGUAGES.index(code)]
    if what.startswith(T):
        return _(code, what[len(T):])
    return str(what)


CHECKS: list[Check] = [
    # a forum: its facts, members, former members, labels, programme, scorecard peers,
    # joint actions, strategy sections, surveys and timeline
    ("forums/polar.md", "line", ("Et forum for tester.", "A forum for tests.")),
    ("forums/polar.md", "line", ("**Region:**", "**Region:**")),
    ("forums/polar.md", "line", ("**Etablert:**", "**Established:**")),
    ("forums/polar.md", "items", T + "Members"),
    ("forums/polar.md", "line", 'kf-label--gold">'),
    ("forums/polar.md", "line", "| NCE "),
    ("forums/polar.md", "items", T + "Former members"),
    ("forums/polar.md", "line", ("| Referansegruppe (2016)", "Reference group (2016)")),
    ("forums/polar.md", "items", T + "Joint actions"),
    ("forums/polar.md", "line", ("Polar smartspesialisering", "Polar smart specialisation")),
    ("forums/polar.md", "line", ("| **Havbasert mat**", "| **Ocean-based food**")),
    ("forums/polar.md", "section", ("3. mai 2019", "3 May 2019")),
    ("forums/polar.md", "titles", T + "Earlier stress tests"),
    ("forums/polar.md", "section", T + "Innovation system"),
    ("forums/polar.md", "section", T + "Support process"),
    ("forums/polar.md", "items", T + "Surveys"),
    ("forums/polar.md", "items", T + "Timeline"),
    # a cluster that publishes: profile facts, programme, labels, lights, benchmarkings,
    # plan and joint actions, focus areas, actors, timeline
    ("clusters/nordlys-klynge.md", "items", T + "Profile"),
    ("clusters/nordlys-klynge.md", "line", ("Gjeldende sertifisering:", "Current label:")),
    ("clusters/nordlys-klynge.md", "line", '| <span class="kf-label'),
    ("clusters/nordlys-klynge.md", "line", ("Siste vurdering:", "Latest assessment:")),
    ("clusters/nordlys-klynge.md", "items", ("Endringer siden", "Changes since")),
    ("clusters/nordlys-klynge.md", "titles", T + "Benchmarkings and assessments"),
    ("clusters/nordlys-klynge.md", "items", T + "Improvement plan"),
    ("clusters/nordlys-klynge.md", "line", ("| Arktiske opplevelser", "| Arctic experiences")),
    ("clusters/nordlys-klynge.md", "section", T + "Kinds of actor it works with"),
    ("clusters/nordlys-klynge.md", "items", T + "Timeline"),
    # a cluster that does not publish: its withheld benchmarkings are as sure as it is
    ("clusters/fjord-tech.md", "items", T + "Profile"),
    ("clusters/fjord-tech.md", "titles", T + "Benchmarkings and assessments"),
    ("clusters/fjord-tech.md", "line", ("| Gruveteknologi", "| Mining technology")),
    ("clusters/kyst-energi.md", "line", ("| Havvind", "| Offshore wind")),
    # the lists, the labels, What's new, the home page, an indicator, the surveys
    ("clusters/index.md", "items", T + "Clusters"),
    ("forums/index.md", "items", T + "Forums"),
    ("labels.md", "items", T + "Labels"),
    ("whats-new.md", "items", T + "What's new"),
    ("index.md", "line", ("etablert 2016", "established 2016")),
    ("index.md", "items", T + "Surveys"),
    ("index.md", "items", T + "Latest events"),
    ("index.md", "items", T + "Latest label awards"),
    ("indicators/1.1.md", "items", T + "How the clusters stand"),
    ("indicators/1.1.md", "items", T + "Peer groups"),
    ("surveys/index.md", "items", T + "Surveys"),
    ("surveys/polar-2017.md", "line", ("**Dato:**", "**Date:**")),
    ("surveys/polar-2017.md", "line", ("**Svarte:**", "**Answered:**")),
    ("surveys/polar-2017.md", "section", ("Hvilken status har din klynge?",
                                          "What status does your cluster have?")),
    ("surveys/polar-2017.md", "section", ("Hvilke råd vil du gi?",
                                          "What advice would you give?")),
]


def failures(sites: dict[str, Site], certainty: str) -> list[str]:
    """Every check of ``CHECKS`` the sites fail, as "language page: what"."""
    failed = []
    for code in LANGUAGES:
        for path, how, what in CHECKS:
            page = sites[code].pages[path]
            text = _what(what, code)
            where = f"{code} {path}: {how} {text!r}"
            if how == "line":
                lines = [line for line in body(page) if text in line]
                if not lines or not all(marked(line, certainty, code) for line in lines):
                    failed.append(where)
            elif how == "section":
                if not any(marked(line, certainty, code) for line in section(page, text)):
                    failed.append(where)
            elif how == "titles":
                titles = [line for line in section(page, text)
                          if line.lstrip().startswith("??? ")]
                if not titles or not all(marked(line, certainty, code) for line in titles):
                    failed.append(where)
            else:
                found = items(section(page, text))
                if not found or not all(marked(line, certainty, code) for line in found):
                    failed.append(where)
    return failed


# --- inferred ---------------------------------------------------------------------------------


def test_every_inferred_item_carries_the_mark_wherever_it_is_shown(
        inferred: dict[str, Site]) -> None:
    assert failures(inferred, "inferred") == []


def test_the_legend_stands_on_each_page_that_shows_an_inferred_item(
        inferred: dict[str, Site]) -> None:
    for code in LANGUAGES:
        for path, page in inferred[code].pages.items():
            legends = [line for line in page.splitlines() if 'class="kf-legend"' in line]
            if path in NOTHING_SHOWN:
                assert not any_mark(page), (code, path)
                continue
            assert [visible(line) for line in legends] == [LEGEND[code]], (code, path)


def test_the_legend_stands_only_where_an_inferred_item_is_shown(tmp_path: Path) -> None:
    """One inferred record, Kyst Energi's profile (and its focus areas, inside it): the
    pages that show them have the mark and the legend, the others have neither."""
    tree = certainty_tree(tmp_path / "data", None)
    edit(tree / "clusters" / "kyst-energi" / "cluster.yaml", certainty="inferred")
    sites = render(tree)
    for code in LANGUAGES:
        shown = {path for path, page in sites[code].pages.items()
                 if 'class="kf-legend"' in page}
        assert shown == {"clusters/kyst-energi.md", "clusters/index.md", "forums/polar.md"}
        for path, page in sites[code].pages.items():
            body = [line for line in page.splitlines() if 'class="kf-legend"' not in line]
            assert any(marked(line, "inferred", code) for line in body) == (path in shown)
            assert BANNER[code] not in page


def test_whats_new_and_the_feed_say_an_entry_is_inferred(inferred: dict[str, Site]) -> None:
    for code in LANGUAGES:
        rows = items(section(inferred[code].pages["whats-new.md"], _(code, "What's new")))
        assert all(marked(row, "inferred", code) for row in rows)
        titles = feed_titles(inferred[code].feed)
        assert len(titles) == len(rows) >= 12
        assert all(t.endswith(" " + NOTE["inferred"][code]) for t in titles), titles


def test_every_chart_says_it_shows_inferred_data(inferred: dict[str, Site]) -> None:
    for code in LANGUAGES:
        figures = inferred[code].figures
        assert {f.kind for f in figures} >= {
            "cluster-lights", "cluster-timeline", "forum-scorecard", "forum-matrix",
            "forum-labels", "forum-coverage", "forum-stress-test", "forum-actors",
            "survey-answers", "indicator-standing", "home-labels"}
        for figure in figures:
            note = CAPTION["inferred"][code]
            assert figure.caption.endswith(note) and figure.alt.endswith(note), figure.path
            assert figure.spec["description"].endswith(note), figure.path
        # the pages show the captions as they are
        page = inferred[code].pages["forums/polar.md"]
        assert page.count(CAPTION["inferred"][code]) >= 2 * 6


# --- example ----------------------------------------------------------------------------------


def test_every_example_item_carries_its_mark_under_the_banner(example: dict[str, Site]) -> None:
    assert failures(example, "example") == []
    for code in LANGUAGES:
        for path, page in example[code].pages.items():
            if path in NOTHING_SHOWN:
                assert not any_mark(page), (code, path)
                continue
            banner = page.split(BANNER[code], 1)
            assert len(banner) == 2, (code, path)
            explained = banner[1].split("\n\n", 2)[1]  # the banner's text
            assert f"{SYMBOL['example']} {WORD['example'][code]}" in visible(explained), path
            assert 'class="kf-legend"' not in page, (code, path)  # nothing is inferred


def test_whats_new_and_the_feed_say_an_entry_is_example_data(
        example: dict[str, Site]) -> None:
    for code in LANGUAGES:
        page = example[code].pages["whats-new.md"]
        assert BANNER[code] in page
        rows = items(section(page, _(code, "What's new")))
        assert all(marked(row, "example", code) for row in rows)
        titles = feed_titles(example[code].feed)
        assert len(titles) == len(rows) >= 12
        assert all(t.endswith(" " + NOTE["example"][code]) for t in titles), titles


def test_every_chart_says_it_shows_example_data(example: dict[str, Site]) -> None:
    for code in LANGUAGES:
        assert len(example[code].figures) >= 15
        for figure in example[code].figures:
            note = CAPTION["example"][code]
            assert figure.caption.endswith(note) and figure.alt.endswith(note), figure.path


# --- confirmed --------------------------------------------------------------------------------


def test_confirmed_data_carries_no_mark_where_inferred_data_carries_one(
        confirmed: dict[str, Site], inferred: dict[str, Site]) -> None:
    for code in LANGUAGES:
        assert confirmed[code].pages.keys() == inferred[code].pages.keys()
        for path, page in confirmed[code].pages.items():
            assert not any_mark(page), (code, path)
            assert any_mark(inferred[code].pages[path]) == (path not in NOTHING_SHOWN), path
        for title in feed_titles(confirmed[code].feed):
            assert not title.endswith(")"), title  # no "(inferred)", no "(example data)"
        for figure in confirmed[code].figures:
            for certainty in CAPTION:
                assert CAPTION[certainty][code] not in figure.caption + figure.alt


# --- sources ----------------------------------------------------------------------------------


def sources_section(page: str, code: str) -> list[str] | None:
    """The items of a page's Sources section, which must be its last (None without one)."""
    heading = f"## {_(code, 'Sources')}"
    if heading not in page.splitlines():
        return None
    tail = page.split("\n" + heading + "\n", 1)[1]
    assert not re.search(r"^#", tail, re.MULTILINE), "the Sources section is not the last"
    return [line for line in tail.splitlines() if line.startswith("- ")]


def test_forum_cluster_indicator_and_survey_pages_end_with_their_sources(
        sourced: dict[str, Site]) -> None:
    for code in LANGUAGES:
        pages = sourced[code].pages
        forum = sources_section(pages["forums/polar.md"], code)
        about = ("Om Klyngeforum Polar", "About Cluster Forum Polar")[LANGUAGES.index(code)]
        october = ("oktober 2016", "October 2016")[LANGUAGES.index(code)]
        assert forum is not None
        assert f"- [{about}](https://example.org/polar/about) · Polar fylkeskommune · " \
               f"{october}" in forum
        assert "- [https://example.org/polar/s3](https://example.org/polar/s3)" in forum
        peers = ("Referansetall 2016", "Peer figures 2016")[LANGUAGES.index(code)]
        assert f"- [{peers}](https://example.org/peers)" in forum  # the scorecard's peers

        cluster = sources_section(pages["clusters/nordlys-klynge.md"], code)
        assert cluster is not None
        assert cluster[0] == "- [Nordlys Klynge: om oss](https://example.org/nordlys)"
        # a title with Markdown in it is shown as written, linked, never as markup
        report = (r"- [Rapport \[2018\] \*gull\*](https://example.org/reports/"
                  r"nordlys-2018.pdf) · ESCA")
        assert report in cluster
        assert "- [https://example.org/nordlys/silver](https://example.org/nordlys/silver)" \
            in cluster  # the silver label's own address
        assert len(cluster) == len(set(cluster))  # each source once

        indicator = sources_section(pages["indicators/1.1.md"], code)
        assert indicator == [report, f"- [{peers}](https://example.org/peers)"]

        survey = sources_section(pages["surveys/polar-2017.md"], code)
        assert survey == ["- Lysark fra forumets møte · Polar"]  # no address: no link

        assert sources_section(pages["indicators/index.md"], code) is None


def test_a_page_without_sourced_records_has_no_sources_section(
        confirmed: dict[str, Site], sourced: dict[str, Site]) -> None:
    for code in LANGUAGES:
        # the confirmed tree still cites the web addresses written in its records
        assert sources_section(confirmed[code].pages["indicators/1.1.md"], code) is None
        assert sources_section(sourced[code].pages["indicators/1.1.md"], code) is not None
        assert sources_section(confirmed[code].pages["clusters/kyst-energi.md"], code) is None


def feed_titles(feed: str) -> list[str]:
    """The titles of a feed's entries."""
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(feed)
    return [entry.findtext(f"{atom}title") or "" for entry in root.iter(f"{atom}entry")]


# --- what the sources say, and no more -------------------------------------------------------


ANNOUNCED = {"nb": "kunngjort; ikke kjent om den ble holdt",
             "en": "announced; not known to have been held"}


def test_an_event_only_announced_is_never_shown_as_held(tmp_path: Path) -> None:
    """The forum's workshop of October 2016, ``status: announced``: its timeline line,
    the home page's latest events, What's new and the feed say it was only announced."""
    tree = certainty_tree(tmp_path / "data", None)
    forum = tree / "forums" / "polar.yaml"
    document = yaml.safe_load(forum.read_text(encoding="utf-8"))
    document["events"][1]["status"] = "announced"
    edit(forum, events=document["events"])
    sites = render(tree)
    for code in LANGUAGES:
        pages, note = sites[code].pages, ANNOUNCED[code]
        workshop = ("Workshop om rapportene", "Workshop on the reports")[LANGUAGES.index(code)]
        for path in ("forums/polar.md", "index.md", "whats-new.md"):
            lines = [line for line in body(pages[path]) if workshop in line]
            assert lines and all(note in line for line in lines), (code, path, lines)
        assert sum(note in line for line in body(pages["forums/polar.md"])) == 1
        assert f". {note}." in sites[code].feed


def test_a_forum_shows_the_number_of_members_its_sources_state(tmp_path: Path) -> None:
    """Sources state seven members, two of them current and named: the pages say 7 and
    that 2 are named."""
    tree = certainty_tree(tmp_path / "data", None)
    edit(tree / "forums" / "polar.yaml", members_count=7)
    sites = render(tree)
    for code in LANGUAGES:
        pages = sites[code].pages
        named = ("7 (2 navngitt)", "7 (2 named)")[LANGUAGES.index(code)]
        assert f"{_(code, 'Member clusters')}:** {named}" in pages["forums/polar.md"]
        assert f"| {named} |" in pages["forums/index.md"]
        home = ("7 medlemsklynger (2 navngitt)", "7 member clusters (2 named)")
        assert home[LANGUAGES.index(code)] in pages["index.md"]
