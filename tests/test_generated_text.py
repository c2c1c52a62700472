"""Sentences the generator builds from data read right for every data tree: a count
agrees with its number in both languages (0, 1 and 2: '1 red', '1 rød', '2 røde'; no
'0 clusters' where 'no cluster' is meant), a generated label is followed by lower case
after its colon ('Respondents: cluster managers (4)'), and an English date says 'on' a
day or 'in' a month or year where an event happened, never 'of'. Each is checked on the
strategy test tree, copied and edited, rendered in memory as the site would be."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.base.dates import PartialDate
from generator.render.text import vocabulary
from generator.render.text.i18n import Language
from tests.conftest import REPO
from tests.inmemory import rendered

STRATEGY = REPO / "tests" / "fixtures" / "strategy"
AS_OF = dt.date(2026, 11, 23)
CLUSTER = "clusters/nordlys-klynge.md"
FORUM = "forums/polar.md"


def render(tree: Path, as_of: dt.date = AS_OF) -> dict[str, tuple[dict[str, str], list[str]]]:
    """Every page of each language and the alternative texts of its charts."""
    _view, languages = rendered(tree, as_of)
    return {code: (one.pages(), [f.alt for f in one.figures.values()]
                   + [f.caption for f in one.figures.values()])
            for code, one in languages.items()}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict[str, str], list[str]]]:
    data = tmp_path_factory.mktemp("generated-text") / "data"
    shutil.copytree(STRATEGY, data)
    return render(data)


def lights_lines(page: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", line) for line in page.splitlines()
            if re.search(r"\*\*(Lights|Lys):\*\*", line)]


# --- plural agreement ------------------------------------------------------------------------

LIGHT_COUNTS = {
    # the cluster's assessments, oldest first: 0, 1 and 2 of a light in each language
    "en": ["0 green, 3 yellow, 2 red and 1 not assessed",
           "2 green, 2 yellow, 1 red and 0 not assessed",
           "5 green, 1 yellow, 0 red and 0 not assessed"],
    "nb": ["0 grønne, 3 gule, 2 røde og 1 ikke vurdert",
           "2 grønne, 2 gule, 1 rød og 0 ikke vurdert",
           "5 grønne, 1 gul, 0 røde og 0 ikke vurdert"],
}


@pytest.mark.parametrize("code", ["nb", "en"])
def test_light_counts_come_number_first_and_agree_with_it(site, code: str) -> None:
    pages, _texts = site[code]
    lines = lights_lines(pages[CLUSTER])
    assert len(lines) == 3, lines
    for line, counts in zip(reversed(lines), LIGHT_COUNTS[code], strict=True):
        assert line.endswith(counts), line


@pytest.mark.parametrize(("code", "one", "two", "zero"), [
    ("nb", "1 rød", "2 røde", "0 røde"),
    ("en", "1 red", "2 red", "0 red"),
])
def test_a_light_count_agrees_with_0_1_and_2(code: str, one: str, two: str,
                                              zero: str) -> None:
    language = Language(code, "nb")
    assert [vocabulary.light_count("red", n, language) for n in (1, 2, 0)] == [one, two, zero]


def test_the_lights_chart_counts_the_latest_lights_in_agreement(site) -> None:
    _pages, texts = site["nb"]
    assert any("I den siste: 5 grønne, 1 gul og 0 røde." in t for t in texts)


@pytest.mark.parametrize(("code", "showed"), [
    ("nb", "Den viste: 5 grønne, 1 gul og 0 røde."),
    ("en", "It showed: 5 green, 1 yellow and 0 red."),
])
def test_the_lights_chart_of_one_assessment_does_not_call_it_the_latest(
        tmp_path: Path, code: str, showed: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(STRATEGY, data)
    for old in ("2016-09-19", "2017-10-02"):
        (data / "clusters" / "nordlys-klynge" / "assessments" / f"{old}.yaml").unlink()
    _pages, texts = render(data)[code]
    assert any(showed in t for t in texts)
    assert not any("I den siste" in t or "In the latest" in t for t in texts)


@pytest.mark.parametrize(("code", "none", "one"), [
    ("nb", "har ingen klynger gyldig sertifisering.",
     "har 1 klynge gyldig sertifisering: 1 sølv."),
    ("en", "no cluster holds a valid label.",
     "1 cluster holds a valid label: 1 silver."),
])
def test_the_labels_chart_says_no_cluster_and_one_cluster(tmp_path: Path, site, code: str,
                                                          none: str, one: str) -> None:
    _pages, texts = site[code]
    assert any(none in t for t in texts)
    assert not any(re.search(r"\b0 (klynger|clusters)\b", t) for t in texts)
    data = tmp_path / "data"
    shutil.copytree(STRATEGY, data)
    _pages, texts = render(data, dt.date(2019, 1, 1))[code]
    assert any(one in t for t in texts), [t for t in texts if "sølv" in t or "silver" in t]


def test_a_scorecard_that_covers_no_member_does_not_count_them(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(STRATEGY, data)
    for cluster in (data / "clusters").glob("*/cluster.yaml"):
        text = cluster.read_text(encoding="utf-8")
        cluster.write_text(text.replace("publish_indicators: true", "publish_indicators: false"),
                           encoding="utf-8")
    sites = render(data)
    assert "Det omfatter 0 av" not in sites["nb"][0][FORUM]
    assert "It covers 0 of" not in sites["en"][0][FORUM]


# --- no capital after a generated label's colon -------------------------------------------------


@pytest.mark.parametrize(("code", "wanted"), [
    ("nb", ["Klyngenes rolle i utformingen: hvordan klyngene var med.",
            "**Havbasert mat**: sjømat og foredling.",
            "**Respondenter:** klyngeledere (4)",
            "Lite forskning sammen med bedriftene (mellom forskning og bedrifter)."]),
    ("en", ["Role in designing the S3: how the clusters took part.",
            "**Ocean-based food**: seafood and processing.",
            "**Respondents:** cluster managers (4)",
            "Little research together with the companies (between research and companies)."]),
])
def test_a_generated_label_is_followed_by_lower_case(site, code: str,
                                                     wanted: list[str]) -> None:
    page = site[code][0][FORUM]
    missing = [w for w in wanted if w not in page]
    assert missing == [], [line for line in page.splitlines() if ":" in line][:80]


# --- English dates: 'on' a day, 'in' a month, never 'of' -----------------------------------------

OF_A_DATE = re.compile(
    r"\b(benchmarking|visit|assessment|bronze|silver|gold) of (\d{1,2} )?"
    r"(January|February|March|April|May|June|July|August|September|October|November|"
    r"December|\d{4})")


def test_english_says_on_a_day_and_in_a_month_never_of(site) -> None:
    pages, texts = site["en"]
    found = [m.group(0) for text in [*pages.values(), *texts] for m in OF_A_DATE.finditer(text)]
    assert found == []
    assert "Latest assessment: gold assessment on 1 March 2018." in pages[CLUSTER]
    en = Language("en", "nb")
    assert en.on(PartialDate.parse("2016-09")) == "in September 2016"
    assert en.on(PartialDate.parse("2016-09-19")) == "on 19 September 2016"
