"""The secretariat's whole routine on a copy of the default data, as a secretariat runs it:
scaffold a new benchmarking, fill in its lights, validate, build, and find the new lights
on the cluster page, in What's new and in the Atom feed, in both languages. Git is not
needed (the copy is not a git work tree)."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from itertools import cycle
from pathlib import Path

import pytest

from generator import cli
from generator.base.dates import PartialDate
from generator.data.load import load_tree
from generator.render.text.i18n import Language
from generator.render.text.vocabulary import light_count
from tests.conftest import REPO

CLUSTER = "mineralklynge-norge"
DATE = "2018-10-01"
AS_OF = "2018-12-01"
ATOM = "{http://www.w3.org/2005/Atom}"


def fill_lights(path: Path) -> dict[str, int]:
    """Replace every n/a of the lights by green, yellow or red, as a person would in an
    editor; return how many of each."""
    lights = cycle(["green", "green", "yellow", "green", "red"])
    counts = {"green": 0, "yellow": 0, "red": 0}
    lines = []
    in_lights = False
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("lights:"):
            in_lights = True
        elif in_lights and not line.startswith(" "):
            in_lights = False
        if in_lights and re.match(r'^  "[^"]+":\s+n/a', line):
            light = next(lights)
            counts[light] += 1
            line = line.replace("n/a", light, 1)
        lines.append(line)
    path.write_text("".join(lines), encoding="utf-8")
    return counts


@pytest.fixture(scope="module")
def routine(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    import shutil

    from tests.conftest import DATA

    base = tmp_path_factory.mktemp("routine")
    tree = base / "data"
    shutil.copytree(DATA, tree)
    latest = max(p.stem for p in (tree / "clusters" / CLUSTER / "assessments").glob("*.yaml"))
    assert latest < DATE, "the new benchmarking must be the cluster's latest"

    # 1. scaffold
    new = subprocess.run(
        [sys.executable, "-m", "generator", "new", "assessment", "--cluster", CLUSTER,
         "--date", DATE, "--kind", "bronze", "--data", str(tree)],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert new.returncode == 0, new.stderr
    rel = f"clusters/{CLUSTER}/assessments/{DATE}.yaml"
    assert new.stdout.strip().endswith(rel)
    path = tree / rel

    # 2. fill in
    counts = fill_lights(path)
    assert sum(counts.values()) == len(load_tree(tree).dataset.catalogue.indicators)  # type: ignore[union-attr]

    # 3. validate, as on the command line
    check = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--strict", "--data", str(tree)],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stderr
    assert "4 assessments" not in check.stderr and "7 assessments" in check.stderr

    # 4. build
    site, work = base / "site", base / "work"
    assert cli.main(["build", "--data", str(tree), "--site", str(site), "--work", str(work),
                     "--as-of", AS_OF]) == 0
    return {"site": site, "counts": counts}


def _page(site: Path, language: str, page: str) -> str:
    prefix = "" if language == "nb" else "en/"
    return (site / prefix / page).read_text(encoding="utf-8")


def _t(language: str, message: str, **values: str) -> str:
    """An interface string as the pages show it in ``language``."""
    text = Language(language, "nb").gettext(message)
    return text % values if values else text


DATE_SHOWN = {"nb": "1. oktober 2018", "en": "1 October 2018"}
BENCHMARKING = {code: _t(code, "Bronze benchmarking") for code in ("nb", "en")}


def _badges(language: str, counts: dict[str, int]) -> list[str]:
    """The light badges with their counts, number first, as the pages show them."""
    lang = Language(language, "nb")
    return [f'<span class="kf-light kf-light--{code}">'
            f'{light_count(code, counts[code], lang)}</span>'
            for code in ("green", "yellow", "red")]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_cluster_page_shows_the_new_lights(routine: dict[str, object], language: str) -> None:
    html = _page(routine["site"], language, f"clusters/{CLUSTER}/index.html")  # type: ignore[arg-type]
    counts = routine["counts"]
    assert DATE_SHOWN[language] in html
    lang = Language(language, "nb")
    latest = _t(language, "Latest assessment: %(kind)s %(when)s.",
                when=lang.on(PartialDate.parse(DATE)), kind=_t(language, "bronze benchmarking"))
    assert latest in html
    for badge in _badges(language, counts):  # type: ignore[arg-type]
        assert badge in html, badge
    # the changes since the benchmarking before are worked out from the new lights
    before = {"nb": "28. mars 2017", "en": "28 March 2017"}[language]
    assert _t(language, "Changes since %(date)s", date=before) in html
    # and the page says when its data last changed
    changed = _t(language, "Data last changed %(date)s.", date="@").split("@")[0]
    assert changed in html


@pytest.mark.parametrize("language", ["nb", "en"])
def test_whats_new_lists_the_new_benchmarking(routine: dict[str, object],
                                              language: str) -> None:
    html = _page(routine["site"], language, "whats-new/index.html")  # type: ignore[arg-type]
    rows = [r for r in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL) if "<td>" in r]
    assert DATE_SHOWN[language] in rows[0], "the newest entry comes first"
    row = rows[0]
    assert BENCHMARKING[language] in row
    assert f"clusters/{CLUSTER}/" in row
    for badge in _badges(language, routine["counts"]):  # type: ignore[arg-type]
        assert badge in row, badge
    # nothing after the as-of date
    assert "2026" not in html.split("<table", 1)[1]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_feed_has_the_new_benchmarking(routine: dict[str, object], language: str) -> None:
    xml = _page(routine["site"], language, "feed.xml")  # type: ignore[arg-type]
    feed = ET.fromstring(xml)
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}updated") == f"{DATE}T00:00:00Z"
    entry = feed.findall(f"{ATOM}entry")[0]
    assert entry.findtext(f"{ATOM}updated") == f"{DATE}T00:00:00Z"
    assert entry.findtext(f"{ATOM}title") == f"Mineralklynge Norge: {BENCHMARKING[language]}"
    link = entry.find(f"{ATOM}link")
    assert link is not None and link.get("href") == f"clusters/{CLUSTER}/"
    summary = entry.findtext(f"{ATOM}summary") or ""
    assert DATE_SHOWN[language] in summary
    counts = routine["counts"]
    lang = Language(language, "nb")
    for light in ("green", "yellow", "red"):
        assert light_count(light, counts[light], lang) in summary, summary  # type: ignore[index]
    # every entry has the elements Atom requires
    for item in feed.findall(f"{ATOM}entry"):
        for tag in ("id", "title", "updated"):
            assert item.findtext(f"{ATOM}{tag}"), tag


def test_feed_is_linked_from_every_page(routine: dict[str, object]) -> None:
    site: Path = routine["site"]  # type: ignore[assignment]
    for page, href in (("index.html", "./feed.xml"),
                       (f"en/clusters/{CLUSTER}/index.html", "../../feed.xml")):
        html = (site / page).read_text(encoding="utf-8")
        assert 'type="application/atom+xml" title=' in html
        assert f'href="{href}"' in html
        # the link leads to the feed of the page's own language
        target = (site / page).parent / href
        assert target.resolve() == (site / ("en/" if page.startswith("en/") else "")
                                    / "feed.xml").resolve()
