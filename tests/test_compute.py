"""Computed results at their edges (the Data format page, "Computed results" and "Consent")."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from generator.base.dates import PartialDate, add_calendar_months
from generator.data.load import load_tree
from generator.data.model import Catalogue, Cluster, Dataset
from generator.data.schema import (
    AssessmentFile,
    ForumFile,
    IndicatorsFile,
    PeerGroupFile,
    RulesFile,
    SiteFile,
)
from generator.results import compute

ROOT = Path(__file__).resolve().parents[1]


def D(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def P(text: str) -> PartialDate:
    return PartialDate.parse(text)


def rules(
    *, valid_months: int = 24, expiring_months: int = 6, bronze_benchmarkings: int = 2,
    min_months_between: int = 12, documented_improvements: int = 3,
    min_score_percent: float = 80.0,
) -> RulesFile:
    return RulesFile.model_validate({
        "schema_version": 1,
        "labels": {
            "bronze": {"valid_months": valid_months},
            "silver": {"valid_months": valid_months, "requires": {
                "bronze_benchmarkings": bronze_benchmarkings,
                "min_months_between": min_months_between,
                "documented_improvements": documented_improvements}},
            "gold": {"valid_months": valid_months,
                     "requires": {"min_score_percent": min_score_percent}},
        },
        "expiring_months": expiring_months,
    })


CATALOGUE_FILE = IndicatorsFile.model_validate({
    "schema_version": 1,
    "areas": [{"id": "1", "name": "One"}, {"id": "2", "name": "Two"},
              {"id": "4", "name": "Four"}],
    "indicators": [
        {"id": "1.1", "area": "1", "name": "a"},
        {"id": "1.2", "area": "1", "name": "b"},
        {"id": "2.1", "area": "2", "name": "c"},
        {"id": "4.1", "area": "4", "name": "d"},
    ],
})
CATALOGUE = Catalogue.of(CATALOGUE_FILE.areas, CATALOGUE_FILE.indicators)


def assessment(date: str, kind: str = "bronze", lights: dict[str, str] | None = None,
               improvements: tuple[str, ...] = (), score: float | None = None,
               ) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema_version": 1, "date": date, "kind": kind, "lights": lights or {},
        "improvements": [{"indicator": i, "text": "x"} for i in improvements],
    }
    if score is not None:
        data["score_percent"] = score
    return data


def label(level: str, awarded: str, valid_until: str | None = None) -> dict[str, Any]:
    data: dict[str, Any] = {"level": level, "awarded": awarded}
    if valid_until is not None:
        data["valid_until"] = valid_until
    return data


def cluster(cluster_id: str = "c", *, labels: list[dict[str, Any]] | None = None,
            assessments: list[dict[str, Any]] | None = None, publish: bool = True) -> Cluster:
    return Cluster.model_validate({
        "schema_version": 1, "id": cluster_id, "name": cluster_id, "sector": "s",
        "publish_indicators": publish, "labels": labels or [],
        "assessments": sorted(assessments or [], key=lambda a: a["date"]),
    })


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("earlier", "later", "months", "apart", "whole"), [
    ("2019-03-01", "2020-03-01", 12, True, 12),
    ("2019-03-20", "2020-02-20", 12, False, 11),
    ("2019-03-20", "2020-03-19", 12, False, 11),
    ("2019-03-20", "2020-03-20", 12, True, 12),
    ("2019-01-31", "2019-02-28", 1, True, 1),      # clamped to the end of February
    ("2019-01-31", "2019-02-27", 1, False, 0),
    ("2020-01-31", "2020-02-29", 1, True, 1),      # leap year
    ("2019-01-31", "2019-03-30", 2, False, 1),
    ("2019-05-15", "2019-05-15", 0, True, 0),
])
def test_months_apart(earlier: str, later: str, months: int, apart: bool, whole: int) -> None:
    assert compute.at_least_months_apart(D(earlier), D(later), months) is apart
    assert compute.months_apart(D(earlier), D(later)) == whole


@pytest.mark.parametrize(("day", "months", "expected"), [
    ("2019-01-31", 1, "2019-02-28"),
    ("2020-01-31", 1, "2020-02-29"),
    ("2019-03-31", 1, "2019-04-30"),
    ("2019-12-15", 1, "2020-01-15"),
])
def test_calendar_month_clamping(day: str, months: int, expected: str) -> None:
    assert add_calendar_months(D(day), months) == D(expected)


# --- labels ----------------------------------------------------------------------------------


@pytest.mark.parametrize(("awarded", "given", "valid_months", "until", "computed"), [
    ("2016-09", None, 24, "2018-09", True),
    ("2017", None, 24, "2019", True),
    ("2017-06-15", None, 24, "2019-06-15", True),
    ("2019-01-31", None, 1, "2019-02-28", True),   # month-end clamping
    ("2016-09", "2018-09", 36, "2018-09", False),  # as given, not from the rules
    ("2016-09", "2019", 24, "2019", False),
])
def test_valid_until(awarded: str, given: str | None, valid_months: int, until: str,
                     computed: bool) -> None:
    c = cluster(labels=[label("bronze", awarded, given)])
    (state,) = compute.label_states(c, rules(valid_months=valid_months), D("2021-01-01"))
    assert state.valid_until == P(until)
    assert state.valid_until.precision == P(until).precision
    assert state.computed_until is computed


@pytest.mark.parametrize(("until", "as_of", "expiring_months", "status"), [
    ("2018-09-30", "2018-09-30", 6, "expiring"),    # ends on the as-of day
    ("2018-09-30", "2018-10-01", 6, "expired"),     # the day after
    ("2018-09", "2018-09-30", 6, "expiring"),       # a month as an end: to its last day
    ("2018-09", "2018-10-01", 6, "expired"),
    ("2018", "2018-12-31", 6, "expiring"),          # a year as an end: to 31 December
    ("2018", "2019-01-01", 6, "expired"),
    ("2018-01-01", "2017-07-01", 6, "expiring"),    # exactly 6 months ahead
    ("2018-01-02", "2017-07-01", 6, "valid"),       # one day more
    ("2018-02-28", "2017-08-31", 6, "expiring"),    # as-of + 6 months clamps to 28 Feb
    ("2018-03-01", "2017-08-31", 6, "valid"),
    ("2018-01", "2017-07-01", 6, "valid"),          # ends 2018-01-31, past the window
    ("2017-12", "2017-07-01", 6, "expiring"),
    ("2017-07-01", "2017-07-01", 0, "expiring"),    # no window: only the last day
    ("2017-07-02", "2017-07-01", 0, "valid"),
    ("2018-01-01", "2017-07-01", 12, "expiring"),   # the window comes from the rules
])
def test_label_status(until: str, as_of: str, expiring_months: int, status: str) -> None:
    assert compute.label_status(P(until), rules(expiring_months=expiring_months),
                                D(as_of)) == status


@pytest.mark.parametrize(("labels", "as_of", "expected"), [
    ([], "2017-07-01", None),
    ([label("bronze", "2014")], "2017-07-01", None),                             # lapsed
    ([label("bronze", "2014"), label("silver", "2017-06-15")], "2017-07-01",
     ("silver", "2017-06-15")),
    ([label("silver", "2014-01-10"), label("bronze", "2016-09")], "2017-07-01",
     ("bronze", "2016-09")),                                                     # silver lapsed
    ([label("bronze", "2016-09"), label("bronze", "2017-01")], "2017-07-01",
     ("bronze", "2017-01")),                                                     # tie: latest
    ([label("gold", "2016-01-01"), label("silver", "2017-01-01")], "2017-07-01",
     ("gold", "2016-01-01")),                                                    # highest wins
    ([label("bronze", "2016-09"), label("silver", "2017-06-15")], "2017-06-14",
     ("bronze", "2016-09")),                                                     # not yet
    ([label("bronze", "2016-09", "2017-06-30")], "2017-06-30",
     ("bronze", "2016-09")),                                                     # expiring
])
def test_current_label(labels: list[dict[str, Any]], as_of: str,
                       expected: tuple[str, str] | None) -> None:
    state = compute.current_label(cluster(labels=labels), rules(), D(as_of))
    if expected is None:
        assert state is None
    else:
        assert state is not None
        assert (state.level, state.awarded) == (expected[0], P(expected[1]))


def test_label_states_in_awarded_order_each_with_its_status() -> None:
    c = cluster(labels=[label("silver", "2017-06-15"), label("bronze", "2014"),
                        label("bronze", "2016-09", "2018-09")])
    states = compute.label_states(c, rules(), D("2018-07-01"))
    assert [(s.level, str(s.awarded), s.status) for s in states] == [
        ("bronze", "2014", "expired"),
        ("bronze", "2016-09", "expiring"),   # replaced by silver, still has its own status
        ("silver", "2017-06-15", "valid"),
    ]


def test_label_timeline_sorted_by_expiry() -> None:
    ds = dataset(clusters=[
        cluster("a", labels=[label("bronze", "2016-09")]),                 # until 2018-09
        cluster("b", labels=[label("bronze", "2017")]),                    # until 2019
        cluster("c", labels=[label("bronze", "2016-09-15", "2018-09-15")]),
        cluster("d"),                                                      # no label
        cluster("e", labels=[label("bronze", "2010"), label("bronze", "2012")]),  # lapsed
        cluster("f", labels=[label("bronze", "2014"), label("silver", "2017-06-15")]),
    ])
    rows = compute.label_timeline(ds, D("2017-07-01"))
    assert [(cid, s.level, str(s.valid_until), s.status) for cid, s in rows] == [
        ("e", "bronze", "2014", "expired"),
        ("c", "bronze", "2018-09-15", "valid"),
        ("a", "bronze", "2018-09", "valid"),
        ("f", "silver", "2019-06-15", "valid"),
        ("b", "bronze", "2019", "valid"),
    ]
    every = compute.label_timeline(ds, D("2017-07-01"), every_label=True)
    assert len(every) == 7
    ends = [s.valid_until.last_day() for _, s in every]
    assert ends == sorted(ends)


# --- next label ------------------------------------------------------------------------------


@pytest.mark.parametrize(("labels", "expected"), [
    ([], "bronze"),
    ([label("bronze", "2010")], "silver"),                          # lapsed: not sent back
    ([label("bronze", "2016-09"), label("silver", "2017-06-15")], "gold"),
    ([label("silver", "2010")], "gold"),                             # lapsed silver
    ([label("gold", "2017"), label("bronze", "2018")], None),        # gold ever: nothing above
])
def test_next_label_level(labels: list[dict[str, Any]], expected: str | None) -> None:
    result = compute.next_label(cluster(labels=labels), rules())
    assert (None if result is None else result.level) == expected


@pytest.mark.parametrize(("assessments", "met", "actual"), [
    ([], False, 0),
    ([assessment("2016-09-19")], True, 1),
    ([assessment("2016-09-19", kind="silver")], True, 1),
])
def test_bronze_needs_a_benchmarking(assessments: list[dict[str, Any]], met: bool,
                                     actual: int) -> None:
    result = compute.next_label(cluster(assessments=assessments, publish=False), rules(),
                                withhold=True)
    assert result is not None and result.level == "bronze"
    (condition,) = result.conditions
    assert (condition.name, condition.met, condition.actual) == ("benchmarking", met, actual)


BRONZE_2 = [label("bronze", "2019-03")]


@pytest.mark.parametrize(("dates", "improved", "expected"), [
    # dates of bronze benchmarkings, indicators improved, (name, met, actual) per condition
    (["2019-03-01", "2020-03-01"], ["1.1", "1.2", "2.1"],
     [("bronze_benchmarkings", True, 2), ("min_months_between", True, 12),
      ("documented_improvements", True, 3)]),
    (["2019-03-20", "2020-02-20"], ["1.1", "1.1", "1.2"],           # repeats count once
     [("bronze_benchmarkings", True, 2), ("min_months_between", False, 11),
      ("documented_improvements", False, 2)]),
    (["2019-03-20", "2020-03-19"], [],
     [("bronze_benchmarkings", True, 2), ("min_months_between", False, 11),
      ("documented_improvements", False, 0)]),
    (["2019-03-20", "2020-03-20"], ["1.1", "1.2", "2.1", "4.1"],
     [("bronze_benchmarkings", True, 2), ("min_months_between", True, 12),
      ("documented_improvements", True, 4)]),
    (["2019-03-20"], ["1.1", "1.2", "2.1"],
     [("bronze_benchmarkings", False, 1), ("min_months_between", False, None),
      ("documented_improvements", True, 3)]),
    (["2014-05-15", "2016-09-19", "2017-01-10"], [],                 # longest gap: first-last
     [("bronze_benchmarkings", True, 3), ("min_months_between", True, 31),
      ("documented_improvements", False, 0)]),
])
def test_silver_checklist(dates: list[str], improved: list[str],
                          expected: list[tuple[str, bool, int]]) -> None:
    assessments = [assessment(d) for d in dates]
    assessments[-1]["improvements"] = [{"indicator": i, "text": "x"} for i in improved]
    c = cluster(labels=BRONZE_2, assessments=assessments)
    result = compute.next_label(c, rules())
    assert result is not None and result.level == "silver"
    assert [(x.name, x.met, x.actual) for x in result.conditions] == expected
    assert [x.required for x in result.conditions] == [2, 12, 3]
    assert not any(x.withheld for x in result.conditions)
    for condition in result.conditions:
        if condition.actual is not None:
            assert str(condition.actual) in condition.detail
        else:  # one bronze benchmarking: no gap to measure, and no "0 months" either
            assert "no gap between two yet" in condition.detail
            assert "0 months" not in condition.detail
        assert str(condition.required) in condition.detail


def test_silver_checklist_without_figures_for_a_non_publishing_cluster() -> None:
    assessments = [assessment("2019-03-01"),
                   assessment("2020-03-01", improvements=("1.1", "1.2", "2.1", "4.1"))]
    c = cluster(labels=BRONZE_2, assessments=assessments, publish=False)
    public = compute.next_label(c, rules(), withhold=True)   # as the published view asks
    private = compute.next_label(c, rules())
    assert public is not None and private is not None
    by_name = {x.name: x for x in public.conditions}
    improvements = by_name["documented_improvements"]
    # whether it is met rests on unpublished results: withheld too, so that changing
    # them can change nothing on the public site
    assert improvements.met is None
    assert improvements.actual is None and improvements.withheld
    assert "4" not in improvements.detail
    assert "does not publish its results" in improvements.detail
    # dates and kinds are public: these keep their figures
    assert by_name["bronze_benchmarkings"].actual == 2
    assert by_name["min_months_between"].actual == 12
    assert {x.name: x.actual for x in private.conditions}["documented_improvements"] == 4
    assert [x.met for x in public.conditions] == [True, True, None]
    assert [x.met for x in private.conditions] == [True, True, True]
    assert public.all_met is None and private.all_met is True


@pytest.mark.parametrize(("assessments", "publish", "met", "actual"), [
    ([assessment("2019-03-01", "silver")], True, False, None),                  # no score
    ([], True, False, None),                                                    # nothing
    ([assessment("2019-03-01", "gold", score=79.9)], True, False, 79.9),
    ([assessment("2019-03-01", "gold", score=80)], True, True, 80),
    ([assessment("2019-03-01", "gold", score=90),
      assessment("2020-03-01", "gold", score=70)], True, False, 70),            # the latest
    ([assessment("2019-03-01", "gold", score=84)], False, None, None),          # withheld
    ([assessment("2019-03-01", "gold", score=12)], False, None, None),          # withheld
])
def test_gold_checklist(assessments: list[dict[str, Any]], publish: bool, met: bool | None,
                        actual: float | None) -> None:
    c = cluster(labels=[label("silver", "2018")], assessments=assessments, publish=publish)
    result = compute.next_label(c, rules(), withhold=not publish)
    assert result is not None and result.level == "gold"
    (condition,) = result.conditions
    assert (condition.name, condition.met, condition.actual) == ("min_score_percent", met,
                                                                 actual)
    assert condition.withheld is not publish
    if not publish:
        assert "84" not in condition.detail


def test_thresholds_come_from_the_rules() -> None:
    c = cluster(labels=BRONZE_2, assessments=[
        assessment("2019-03-01"), assessment("2019-09-01", improvements=("1.1",))])
    loose = compute.next_label(c, rules(bronze_benchmarkings=2, min_months_between=6,
                                        documented_improvements=1))
    assert loose is not None and loose.all_met
    strict = compute.next_label(c, rules(min_months_between=7))
    assert strict is not None and not strict.conditions[1].met


def test_next_label_as_of_ignores_later_labels_and_assessments() -> None:
    c = cluster(labels=[label("bronze", "2016-09"), label("silver", "2017-06-15")],
                assessments=[assessment("2016-09-19"), assessment("2017-03-28", "silver")])
    before = compute.next_label(c, rules(), as_of=D("2017-01-01"))
    assert before is not None and before.level == "silver"
    assert before.conditions[0].actual == 1


# --- changes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("before", "after", "kind"), [
    ("red", "yellow", "improved"),
    ("yellow", "green", "improved"),
    ("red", "green", "improved"),
    ("green", "yellow", "worsened"),
    ("green", "red", "worsened"),
    ("yellow", "yellow", "unchanged"),
    ("n/a", "green", "newly-assessed"),
    (None, "red", "newly-assessed"),
    ("green", "n/a", "no-longer-assessed"),
    ("yellow", None, "no-longer-assessed"),
    ("n/a", "n/a", "not-assessed"),
    (None, None, "not-assessed"),
    ("n/a", None, "not-assessed"),
])
def test_change_kind(before: str | None, after: str | None, kind: str) -> None:
    assert compute.change_kind(before, after) == kind
    previous = {} if before is None else {"1.1": before}
    current = {} if after is None else {"1.1": after}
    found = compute.changes(
        AssessmentFile.model_validate(assessment("2016-01-01", lights=previous)),
        AssessmentFile.model_validate(assessment("2017-01-01", lights=current)),
        CATALOGUE)
    assert found[0] == compute.Change("1.1", before, after, kind)  # type: ignore[arg-type]


def test_changes_cover_the_catalogue_in_order_and_summarise() -> None:
    previous = AssessmentFile.model_validate(assessment(
        "2016-01-01", lights={"1.1": "red", "1.2": "green", "2.1": "n/a"}))
    current = AssessmentFile.model_validate(assessment(
        "2017-01-01", lights={"4.1": "yellow", "1.1": "green", "1.2": "green"}))
    found = compute.changes(previous, current, CATALOGUE)
    assert [(c.indicator, c.kind) for c in found] == [
        ("1.1", "improved"), ("1.2", "unchanged"), ("2.1", "not-assessed"),
        ("4.1", "newly-assessed")]
    summary = compute.change_summary(found)
    assert summary == compute.ChangeSummary(improved=1, unchanged=1, newly_assessed=1,
                                            not_assessed=1)
    assert summary.total == len(CATALOGUE.indicators)
    assert summary.count("newly-assessed") == 1


def test_successive_changes_of_every_two_assessments_in_a_row() -> None:
    runs = [assessment("2016-01-01", lights={"1.1": "red"}),
            assessment("2017-01-01", lights={"1.1": "green"}),
            assessment("2018-01-01", lights={"1.1": "green"})]
    first, second = compute.successive_changes(cluster(assessments=runs, publish=True),
                                               CATALOGUE)
    assert (first.summary.improved, second.summary.unchanged) == (1, 1)
    (only,) = compute.successive_changes(cluster(assessments=runs, publish=True), CATALOGUE,
                                         as_of=dt.date(2017, 6, 1))
    assert only.current == P("2017-01-01")


# --- scorecard -------------------------------------------------------------------------------


SITE = SiteFile.model_validate({"schema_version": 1, "title": "T", "languages": ["nb", "en"]})


def peer_group(group_id: str, clusters: int, lights: dict[str, tuple[int, int, int]],
               ) -> PeerGroupFile:
    return PeerGroupFile.model_validate({
        "schema_version": 1, "id": group_id, "name": group_id, "clusters": clusters,
        "lights": {k: {"green": g, "yellow": y, "red": r} for k, (g, y, r) in lights.items()},
    })


def forum(members: list[Any], peer_groups: list[str]) -> ForumFile:
    return ForumFile.model_validate({
        "schema_version": 1, "id": "f", "name": "F", "region": "R", "established": 2016,
        "description": "d", "peer_groups": peer_groups, "members": members,
    })


def dataset(clusters: Sequence[Cluster], forums: Sequence[ForumFile] = (),
            peer_groups: Sequence[PeerGroupFile] = ()) -> Dataset:
    return Dataset(
        site=SITE, catalogue=CATALOGUE, rules=rules(),
        peer_groups={g.id: g for g in peer_groups}, forums={f.id: f for f in forums},
        clusters={c.id: c for c in clusters},
    )


ALL_GREEN = {"1.1": "green", "1.2": "green", "2.1": "green", "4.1": "green"}
ALL_RED = {"1.1": "red", "1.2": "red", "2.1": "red", "4.1": "red"}

GROUPS = [
    # group A: area 1 all yellow, area 2 all green, area 4 all red
    peer_group("a", 4, {"1.1": (0, 4, 0), "1.2": (0, 4, 0), "2.1": (4, 0, 0), "4.1": (0, 0, 4)}),
    # group B: area 1 half green, area 2 all green, area 4 all red
    peer_group("b", 2, {"1.1": (1, 1, 0), "1.2": (1, 0, 1), "2.1": (2, 0, 0), "4.1": (0, 0, 2)}),
]


def portfolio(secret_lights: dict[str, str] = ALL_RED) -> tuple[Dataset, ForumFile]:
    clusters = [
        cluster("pub-a", assessments=[
            assessment("2016-09-19", lights={"1.1": "red", "1.2": "yellow", "2.1": "n/a"}),
            assessment("2017-03-28", lights={"1.1": "green", "1.2": "yellow", "4.1": "red"}),
            assessment("2017-09-01", lights=ALL_RED)]),         # after as_of: not counted
        cluster("pub-b", assessments=[
            assessment("2016-09-19", lights={"1.1": "green", "1.2": "red", "2.1": "yellow",
                                             "4.1": "red"})]),
        cluster("secret", publish=False, assessments=[assessment("2016-09-19",
                                                                 lights=secret_lights)]),
        cluster("former", assessments=[assessment("2016-09-19", lights=ALL_RED)]),
        cluster("newbie", assessments=[assessment("2016-09-19", lights=ALL_RED)]),
        cluster("unassessed"),
    ]
    members = [
        {"cluster": "pub-a", "joined": 2016},
        {"cluster": "pub-b", "joined": "2016-09"},
        {"cluster": "secret", "joined": 2016},
        {"cluster": "former", "joined": 2016, "left": "2017-06"},    # left before as_of
        {"cluster": "newbie", "joined": "2017-08"},                  # joins after as_of
        {"cluster": "unassessed", "joined": 2017, "left": "2017-07"},  # to 31 July: current
    ]
    f = forum(members, ["a", "b"])
    return dataset(clusters, [f], GROUPS), f


AS_OF = D("2017-07-01")


def scorecard(ds: Dataset, f: ForumFile, as_of: dt.date) -> compute.Scorecard:
    """The scorecard as the published view asks for it: counting the clusters that publish."""
    return compute.scorecard(ds, f, as_of, {c.id for c in ds.clusters.values()
                                            if c.publish_indicators})


def test_scorecard_counts_only_consenting_current_members_latest_lights() -> None:
    ds, f = portfolio()
    card = scorecard(ds, f, AS_OF)
    assert card.members_total == 4                      # pub-a, pub-b, secret, unassessed
    assert card.covered == ("pub-a", "pub-b")           # N of M: 2 of 4
    rows = {r.indicator: r.forum for r in card.by_indicator}
    assert [r.indicator for r in card.by_indicator] == ["1.1", "1.2", "2.1", "4.1"]
    assert (rows["1.1"].green_n, rows["1.1"].yellow_n, rows["1.1"].red_n) == (2, 0, 0)
    assert (rows["1.2"].green_n, rows["1.2"].yellow_n, rows["1.2"].red_n) == (0, 1, 1)
    assert (rows["2.1"].assessed, rows["2.1"].yellow_n) == (1, 1)   # pub-a's 2.1 missing
    assert (rows["4.1"].assessed, rows["4.1"].red_n) == (2, 2)
    assert card.illustrative is False


@pytest.mark.parametrize("lights", [ALL_GREEN, ALL_RED, {}, {"1.1": "n/a", "2.1": "yellow"}])
def test_scorecard_is_the_same_whatever_a_non_publishing_cluster_scored(
        lights: dict[str, str]) -> None:
    base = scorecard(*portfolio(), AS_OF)
    assert scorecard(*portfolio(lights), AS_OF) == base


@pytest.mark.parametrize(("as_of", "members_total", "covered"), [
    ("2016-01-01", 3, ()),                           # pub-b, unassessed join later; no lights
    ("2016-12-31", 4, ("pub-a", "pub-b", "former")),
    ("2017-07-01", 4, ("pub-a", "pub-b")),
    ("2017-08-01", 4, ("pub-a", "pub-b", "newbie")),   # unassessed left in July
    ("2017-09-01", 4, ("pub-a", "pub-b", "newbie")),
])
def test_scorecard_members_on_the_as_of_date(as_of: str, members_total: int,
                                            covered: tuple[str, ...]) -> None:
    card = scorecard(*portfolio(), D(as_of))
    assert card.members_total == members_total
    assert card.covered == covered


def test_shares_sum_to_one_and_pool_by_area() -> None:
    card = scorecard(*portfolio(), AS_OF)
    rows: list[compute.IndicatorRow | compute.AreaRow] = [*card.by_indicator, *card.by_area]
    for row in rows:
        for shares in [row.forum, *row.peers.values()]:
            if shares.assessed:
                assert math.isclose(shares.green + shares.yellow + shares.red, 1.0)
                assert shares.green_n + shares.yellow_n + shares.red_n == shares.assessed
    area1 = card.by_area[0]
    assert area1.area == "1"
    assert (area1.forum.green_n, area1.forum.yellow_n, area1.forum.red_n) == (2, 1, 1)
    assert area1.peers["a"] == compute.Shares.of(0, 8, 0)
    assert area1.peers["b"] == compute.Shares.of(2, 1, 1)


@pytest.mark.parametrize(("counts", "shares"), [
    ((0, 0, 0), (0.0, 0.0, 0.0)),
    ((1, 1, 2), (0.25, 0.25, 0.5)),
    ((3, 0, 0), (1.0, 0.0, 0.0)),
])
def test_shares_of(counts: tuple[int, int, int], shares: tuple[float, float, float]) -> None:
    result = compute.Shares.of(*counts)
    assert (result.green, result.yellow, result.red) == shares
    assert result.assessed == sum(counts)


def test_strongest_and_weakest_areas() -> None:
    card = scorecard(*portfolio(), AS_OF)
    gaps = {a.area: a.green_gap for a in card.by_area}
    # area 1: forum 2/4 green, peers 0 and 1/2 -> +0.25; area 2: 0 - 1 = -1; area 4: 0 - 0 = 0
    assert gaps == pytest.approx({"1": 0.25, "2": -1.0, "4": 0.0})
    assert card.strongest == ("1",)
    assert card.weakest == ("2",)


def test_strongest_lists_ties_and_is_empty_without_peers_or_coverage() -> None:
    ds, f = portfolio()
    tied = peer_group("t", 2, {"1.1": (1, 1, 0), "1.2": (1, 1, 0), "2.1": (1, 1, 0),
                               "4.1": (1, 1, 0)})
    clusters = [cluster("x", assessments=[assessment("2016-01-01", lights=ALL_GREEN)])]
    tie_forum = forum([{"cluster": "x", "joined": 2016}], ["t"])
    card = scorecard(dataset(clusters, [tie_forum], [tied]), tie_forum, AS_OF)
    assert card.strongest == ("1", "2", "4") and card.weakest == ("1", "2", "4")

    no_peers = dataclasses.replace(ds, forums={"f": forum(list(f.members), [])})
    card = scorecard(no_peers, no_peers.forums["f"], AS_OF)
    assert (card.strongest, card.weakest, card.peer_groups) == ((), (), ())
    assert all(row.peers == {} for row in card.by_indicator)

    card = scorecard(ds, f, D("2016-01-01"))         # nobody covered yet
    assert card.covered == () and card.strongest == () and card.weakest == ()


def test_latest_lights() -> None:
    c = cluster(assessments=[assessment("2016-09-19"), assessment("2017-03-28")])
    assert compute.latest_lights(c, D("2016-09-18")) is None
    assert compute.latest_lights(c, D("2016-09-19")).date == P("2016-09-19")  # type: ignore[union-attr]
    assert compute.latest_lights(c, D("2017-07-01")).date == P("2017-03-28")  # type: ignore[union-attr]


# --- the default data ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default_data() -> Dataset:
    result = load_tree(ROOT / "data")
    assert result.dataset is not None, result.problems
    return result.dataset


def test_default_data_mineralklynge_norge(default_data: Dataset) -> None:
    c = default_data.clusters["mineralklynge-norge"]
    state = compute.current_label(c, default_data.rules, AS_OF)
    assert state is not None
    assert (state.level, state.awarded, state.valid_until) == (
        "silver", P("2017-06-15"), P("2019-06-15"))
    assert state.computed_until and state.status == "valid"
    following = compute.next_label(c, default_data.rules)
    assert following is not None and following.level == "gold"


def test_default_data_scorecard_leaves_out_non_publishing(default_data: Dataset) -> None:
    nordland = default_data.forums["nordland"]
    card = scorecard(default_data, nordland, AS_OF)
    assert card.members_total == 4
    assert "n3c-betong-og-byggarbeider-i-arktisk-klima" not in card.covered
    assert len(card.covered) == 3
    arktis = scorecard(default_data, default_data.forums["arktis"], AS_OF)
    assert (arktis.members_total, arktis.covered, arktis.strongest) == (6, (), ())
