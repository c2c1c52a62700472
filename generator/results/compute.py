"""Computed results (the Data format page, data-format/ on the site: "Computed results"
and "Consent").

Pure functions over the model: label validity and status, the next-label checklist,
the changes between two assessments in a row and a forum's portfolio scorecard. Every
threshold comes from ``rules.yaml``; nothing here knows a number of the label scheme.

Dates follow the data format: a partial date counts from its first day as a start
(``awarded``, ``joined``) and to its last day as an end (``valid_until``, ``left``).
Everything is computed on an as-of date; what lies after it (a later assessment, a
label not yet awarded) does not count.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Literal, get_args

from generator.base.dates import PartialDate, add_calendar_months
from generator.data.model import Catalogue, Cluster, Dataset
from generator.data.schema import (
    ASSESSED_LIGHTS,
    AssessmentFile,
    ForumFile,
    Label,
    Level,
    Light,
    LightCounts,
    PeerGroupFile,
    RulesFile,
)

LabelStatus = Literal["valid", "expiring", "expired"]
ConditionName = Literal[
    "benchmarking", "bronze_benchmarkings", "min_months_between", "documented_improvements",
    "min_score_percent",
]
"""The conditions of a label's checklist, by their stable machine codes."""
ChangeKind = Literal[
    "improved", "worsened", "unchanged", "newly-assessed", "no-longer-assessed", "not-assessed"
]

LEVELS: tuple[Level, ...] = get_args(Level)
"""The label levels, lowest first, as the schema declares them (bronze, silver, gold)."""

LIGHT_ORDER: tuple[str, ...] = tuple(reversed(ASSESSED_LIGHTS))
"""The assessed lights, worst first (red < yellow < green); ``n/a`` is not assessed."""

CHANGE_KINDS: tuple[str, ...] = get_args(ChangeKind)
"""Every kind of change between two assessments, in the order pages list them."""

_WITHHELD = "The cluster does not publish its results, so the figures are not shown."


# --- dates -----------------------------------------------------------------------------------


def months_apart(earlier: dt.date, later: dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (0 when ``later`` is not after it)."""
    # N months means: on or after earlier + N calendar months, clamped to a shorter month's
    # end (at_least_months_apart): 2019-03-20 to 2020-03-19 is 11 months, not 12.
    if later <= earlier:
        return 0
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    while months > 0 and add_calendar_months(earlier, months) > later:
        months -= 1
    return months


def at_least_months_apart(earlier: dt.date, later: dt.date, months: int) -> bool:
    """Whether ``later`` is on or after ``earlier`` plus ``months`` calendar months."""
    return later >= add_calendar_months(earlier, months)


def _level_rank(level: str) -> int:
    return LEVELS.index(level)


def _valid_months(rules: RulesFile, level: str) -> int:
    rule = getattr(rules.labels, level)
    return int(rule.valid_months)


def _awarded_by(label: Label, as_of: dt.date | None) -> bool:
    return as_of is None or label.awarded.first_day() <= as_of


def _assessed_by(assessment: AssessmentFile, as_of: dt.date | None) -> bool:
    return as_of is None or assessment.date.first_day() <= as_of


# --- labels ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LabelState:
    """A label as awarded, with its validity worked out and its status on the as-of date."""

    level: Level
    awarded: PartialDate
    valid_until: PartialDate
    """As given, else ``awarded`` plus the level's ``valid_months`` at awarded's precision."""
    computed_until: bool
    """True when ``valid_until`` was computed from the rules, not given in the data."""
    status: LabelStatus
    """valid | expiring | expired, on the as-of date."""
    source: tuple[str, ...] | None
    """The label's sources as written (ids of sources.yaml and web addresses)."""
    certainty: str = "confirmed"
    """confirmed | inferred | example, as published (an unbacked label without a source or
    a certainty of its own is published as inferred: see ``generator.data.load``)."""


def valid_until(label: Label, rules: RulesFile) -> tuple[PartialDate, bool]:
    """A label's end of validity and whether it was computed from the rules."""
    if label.valid_until is not None:
        return label.valid_until, False
    return label.awarded.add_months(_valid_months(rules, label.level)), True


def label_status(until: PartialDate, rules: RulesFile, as_of: dt.date) -> LabelStatus:
    """A label's status on ``as_of``, given the end of its validity."""
    end = until.last_day()
    if end < as_of:
        return "expired"
    if end <= add_calendar_months(as_of, rules.expiring_months):
        return "expiring"
    return "valid"


def label_state(label: Label, rules: RulesFile, as_of: dt.date) -> LabelState:
    """One label's validity and status on ``as_of``."""
    until, computed = valid_until(label, rules)
    return LabelState(
        level=label.level,
        awarded=label.awarded,
        valid_until=until,
        computed_until=computed,
        status=label_status(until, rules, as_of),
        source=label.source,
        certainty=label.certain,
    )


def label_states(cluster: Cluster, rules: RulesFile, as_of: dt.date) -> tuple[LabelState, ...]:
    """Every label awarded by ``as_of``, oldest first, each with its own status."""
    labels = [label for label in cluster.labels if _awarded_by(label, as_of)]
    labels.sort(key=lambda label: label.awarded.sort_key())
    return tuple(label_state(label, rules, as_of) for label in labels)


def current_label(cluster: Cluster, rules: RulesFile, as_of: dt.date) -> LabelState | None:
    """The highest level not expired on ``as_of`` (ties: the latest awarded), if any."""
    live = [(i, s) for i, s in enumerate(label_states(cluster, rules, as_of))
            if s.status != "expired"]
    if not live:
        return None
    return max(live, key=lambda pair: (_level_rank(pair[1].level), pair[1].awarded.sort_key(),
                                       pair[0]))[1]


def label_timeline(
    dataset: Dataset, as_of: dt.date, *, every_label: bool = False
) -> tuple[tuple[str, LabelState], ...]:
    """Every cluster with a label and its label, soonest expiry first (for the Labels page)."""
    # A cluster's label is its current one, else (all lapsed) the one that ended last. With
    # every_label, every label awarded by as_of is listed, each on its own row.
    rows: list[tuple[str, LabelState]] = []
    for cluster_id, cluster in dataset.clusters.items():
        states = label_states(cluster, dataset.rules, as_of)
        if not states:
            continue
        if every_label:
            rows.extend((cluster_id, state) for state in states)
            continue
        chosen = current_label(cluster, dataset.rules, as_of) or max(
            states, key=lambda s: (s.valid_until.last_day(), _level_rank(s.level)))
        rows.append((cluster_id, chosen))
    rows.sort(key=lambda row: (row[1].valid_until.last_day(), row[0],
                               _level_rank(row[1].level), row[1].awarded.sort_key()))
    return tuple(rows)


# --- next label ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Condition:
    """One condition of the next label's checklist."""

    name: ConditionName
    """A stable machine code."""
    met: bool | None
    """None when whether it is met rests on results the cluster does not publish."""
    required: int | float | None
    actual: int | float | None
    """None when withheld for consent (see ``withheld``) or when there is no figure."""
    detail: str
    """English plain text with the figures (without them when withheld)."""
    withheld: bool = False
    """True when the figure rests on results the cluster does not publish."""


@dataclass(frozen=True)
class NextLabel:
    """The level above the highest ever awarded, and what it requires."""

    level: Level
    conditions: tuple[Condition, ...]

    @property
    def all_met(self) -> bool | None:
        """Whether every condition is met (None when that rests on unpublished results)."""
        if any(c.met is False for c in self.conditions):
            return False
        if any(c.met is None for c in self.conditions):
            return None
        return True


def highest_awarded(cluster: Cluster, as_of: dt.date | None = None) -> str | None:
    """The highest level the cluster was ever awarded (by ``as_of``, when given)."""
    levels = [label.level for label in cluster.labels if _awarded_by(label, as_of)]
    return max(levels, key=_level_rank) if levels else None


def next_label(
    cluster: Cluster, rules: RulesFile, *, withhold: bool = False,
    as_of: dt.date | None = None,
) -> NextLabel | None:
    """The next label's checklist: None above gold. With ``withhold`` (decided by the
    published view: the cluster does not publish its results), the conditions on results
    say whether they are met without their figures."""
    # With as_of, only labels awarded and assessments made by that day count; without it,
    # every label and assessment in the data does.
    highest = highest_awarded(cluster, as_of)
    rank = -1 if highest is None else _level_rank(highest)
    if rank + 1 >= len(LEVELS):
        return None
    level = LEVELS[rank + 1]
    assessments = tuple(a for a in cluster.assessments if _assessed_by(a, as_of))
    if level == "bronze":
        conditions: tuple[Condition, ...] = (_benchmarking(assessments),)
    elif level == "silver":
        requires = rules.labels.silver.requires
        dates = sorted((a.date for a in assessments if a.kind == "bronze"),
                       key=lambda d: d.sort_key())
        bronze = tuple(d.first_day() for d in dates)
        # months between partial dates: only what holds for every day they could mean,
        # from the last day the first could be to the first day the last could be
        gap = ((dates[0].last_day(), dates[-1].first_day()) if len(dates) >= 2 else bronze)
        conditions = (
            _bronze_benchmarkings(bronze, requires.bronze_benchmarkings),
            _months_between(gap, requires.min_months_between),
            _improvements(assessments, requires.documented_improvements, withhold),
        )
    else:
        conditions = (
            _score(assessments, rules.labels.gold.requires.min_score_percent, withhold),
        )
    return NextLabel(level=level, conditions=conditions)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _number(value: float) -> str:
    return f"{value:g}"


def _benchmarking(assessments: tuple[AssessmentFile, ...]) -> Condition:
    # Bronze has no thresholds in rules.yaml: it rests on one benchmarking interview.
    count = len(assessments)
    if count:
        detail = (f"Bronze rests on a benchmarking interview: {_plural(count, 'benchmarking')} "
                  "on record.")
    else:
        detail = "Bronze rests on a benchmarking interview: none on record yet."
    return Condition("benchmarking", count > 0, 1, count, detail)


def _bronze_benchmarkings(bronze: tuple[dt.date, ...], required: int) -> Condition:
    count = len(bronze)
    detail = (f"{_plural(count, 'bronze benchmarking')} on record; silver needs at least "
              f"{required}.")
    return Condition("bronze_benchmarkings", count >= required, required, count, detail)


def _months_between(bronze: tuple[dt.date, ...], required: int) -> Condition:
    if len(bronze) < 2:
        # No gap to measure yet: no figure (not "0 months", which reads as two on one day).
        detail = (f"{_plural(len(bronze), 'bronze benchmarking')} on record, so no gap "
                  "between two yet; silver needs two at least "
                  f"{_plural(required, 'month')} apart.")
        return Condition("min_months_between", required == 0, required, None, detail)
    first, last = bronze[0], bronze[-1]
    gap = months_apart(first, last)
    met = at_least_months_apart(first, last, required)
    detail = (f"The longest gap between two bronze benchmarkings is {_plural(gap, 'month')} "
              f"({first.isoformat()} to {last.isoformat()}); silver needs at least "
              f"{_plural(required, 'month')}.")
    return Condition("min_months_between", met, required, gap, detail)


def _improvements(
    assessments: tuple[AssessmentFile, ...], required: int, withhold: bool
) -> Condition:
    indicators = {i.indicator for a in assessments for i in a.improvements}
    count = len(indicators)
    met = count >= required
    need = f"silver needs improvements documented on at least {_plural(required, 'indicator')}"
    if withhold:
        return Condition("documented_improvements", None, required, None,
                         f"{need[0].upper()}{need[1:]}. {_WITHHELD}", withheld=True)
    detail = f"Improvements documented on {_plural(count, 'indicator')}; {need}."
    return Condition("documented_improvements", met, required, count, detail)


def _score(assessments: tuple[AssessmentFile, ...], required: float, withhold: bool) -> Condition:
    latest = assessments[-1] if assessments else None
    score = latest.score_percent if latest is not None else None
    met = score is not None and score >= required
    need = f"gold needs a score of at least {_number(required)} % in the latest assessment"
    if withhold:
        return Condition("min_score_percent", None, required, None,
                         f"{need[0].upper()}{need[1:]}. {_WITHHELD}", withheld=True)
    if latest is None:
        detail = f"No assessment on record; {need}."
    elif score is None:
        detail = f"The latest assessment ({latest.date}) has no score; {need}."
    else:
        detail = f"The latest assessment ({latest.date}) scored {_number(score)} %; {need}."
    return Condition("min_score_percent", met, required, score, detail)


# --- changes between two assessments ---------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """How one indicator's light changed from one assessment to the next."""

    indicator: str
    before: Light | None
    """None when the indicator was left out."""
    after: Light | None
    kind: ChangeKind


@dataclass(frozen=True)
class ChangeSummary:
    """How many indicators changed in each way."""

    improved: int = 0
    worsened: int = 0
    unchanged: int = 0
    newly_assessed: int = 0
    no_longer_assessed: int = 0
    not_assessed: int = 0

    @property
    def total(self) -> int:
        """All indicators counted."""
        return (self.improved + self.worsened + self.unchanged + self.newly_assessed
                + self.no_longer_assessed + self.not_assessed)

    def count(self, kind: str) -> int:
        """The count of one kind, by its code (``newly-assessed`` etc.)."""
        return int(getattr(self, kind.replace("-", "_")))


def change_kind(before: str | None, after: str | None) -> ChangeKind:
    """The kind of change from one light to another (red < yellow < green)."""
    was = before in LIGHT_ORDER
    now = after in LIGHT_ORDER
    if not was and not now:
        return "not-assessed"
    if not was:
        return "newly-assessed"
    if not now:
        return "no-longer-assessed"
    step = LIGHT_ORDER.index(str(after)) - LIGHT_ORDER.index(str(before))
    if step > 0:
        return "improved"
    return "worsened" if step < 0 else "unchanged"


def changes(
    previous: AssessmentFile, current: AssessmentFile, catalogue: Catalogue
) -> tuple[Change, ...]:
    """The change on every catalogue indicator between two assessments, catalogue order."""
    result = []
    for indicator in catalogue.indicators:
        before = previous.lights.get(indicator.id)
        after = current.lights.get(indicator.id)
        result.append(Change(indicator.id, before, after, change_kind(before, after)))
    return tuple(result)


def change_summary(items: Iterable[Change]) -> ChangeSummary:
    """How many of the changes are of each kind."""
    counts = dict.fromkeys(CHANGE_KINDS, 0)
    for item in items:
        counts[item.kind] += 1
    return ChangeSummary(**{kind.replace("-", "_"): n for kind, n in counts.items()})


@dataclass(frozen=True)
class Step:
    """Two assessments in a row of one cluster and what changed between them."""

    previous: PartialDate
    current: PartialDate
    changes: tuple[Change, ...]
    summary: ChangeSummary


def successive_changes(
    cluster: Cluster, catalogue: Catalogue, *, as_of: dt.date | None = None,
) -> tuple[Step, ...]:
    """The changes between each two assessments in a row (consent is the published view's:
    it computes these only for a cluster that publishes its results)."""
    dated = [a for a in cluster.assessments if _assessed_by(a, as_of)]
    result = []
    for previous, current in zip(dated, dated[1:], strict=False):
        found = changes(previous, current, catalogue)
        result.append(Step(previous.date, current.date, found, change_summary(found)))
    return tuple(result)


# --- scorecard -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shares:
    """The shares of green, yellow and red among the lights counted (n/a, missing left out)."""

    green: float
    yellow: float
    red: float
    assessed: int
    green_n: int
    yellow_n: int
    red_n: int

    @classmethod
    def of(cls, green_n: int, yellow_n: int, red_n: int) -> Shares:
        """Shares from counts; all three are 0.0 when nothing was assessed."""
        assessed = green_n + yellow_n + red_n
        if assessed == 0:
            return cls(0.0, 0.0, 0.0, 0, 0, 0, 0)
        return cls(green_n / assessed, yellow_n / assessed, red_n / assessed, assessed,
                   green_n, yellow_n, red_n)

    @classmethod
    def pooled(cls, parts: Iterable[Shares]) -> Shares:
        """The shares of several counts taken together."""
        green = yellow = red = 0
        for part in parts:
            green += part.green_n
            yellow += part.yellow_n
            red += part.red_n
        return cls.of(green, yellow, red)

    @property
    def green_fraction(self) -> Fraction | None:
        """The exact green share, or None when nothing was assessed."""
        return Fraction(self.green_n, self.assessed) if self.assessed else None


def _counts_shares(counts: LightCounts | None) -> Shares:
    if counts is None:
        return Shares.of(0, 0, 0)
    return Shares.of(counts.green, counts.yellow, counts.red)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of the scorecard: the forum's shares and each peer group's."""

    indicator: str
    area: str
    forum: Shares
    peers: Mapping[str, Shares] = field(hash=False)
    """Peer group id to its shares, in the forum's order of peer groups."""


@dataclass(frozen=True)
class AreaRow:
    """One area of the scorecard, pooled over its indicators."""

    area: str
    forum: Shares
    peers: Mapping[str, Shares] = field(hash=False)
    green_gap: float | None = None
    """The forum's green share minus the mean peer green share (None: nothing to compare)."""


@dataclass(frozen=True)
class Scorecard:
    """A forum's portfolio on the as-of date, against its peer groups."""

    forum_id: str
    members_total: int
    """Member clusters on the as-of date (the M of "N of M member clusters")."""
    covered: tuple[str, ...]
    """Members counted: they publish their results and have an assessment (the N)."""
    peer_groups: tuple[str, ...]
    by_indicator: tuple[IndicatorRow, ...]
    by_area: tuple[AreaRow, ...]
    strongest: tuple[str, ...]
    """Area ids with the largest green gap (ties all listed); empty without peers/coverage."""
    weakest: tuple[str, ...]
    """Area ids with the smallest green gap (ties all listed); empty without peers/coverage."""
    illustrative: bool = False
    """True when a counted assessment or a peer group says its figures are examples."""


def latest_lights(cluster: Cluster, as_of: dt.date) -> AssessmentFile | None:
    """The cluster's latest assessment on or before ``as_of`` (consent is the caller's)."""
    dated = [a for a in cluster.assessments if _assessed_by(a, as_of)]
    return max(dated, key=lambda a: a.date.sort_key()) if dated else None


def scorecard(dataset: Dataset, forum: ForumFile, as_of: dt.date,
              publishing: Container[str]) -> Scorecard:
    """A forum's scorecard: the latest lights of its current members whose ids are in
    ``publishing`` (decided by the published view) against its peer groups."""
    members = dataset.member_clusters(forum, as_of)
    counted: list[tuple[str, AssessmentFile]] = []
    for cluster in members:
        if cluster.id not in publishing:
            continue
        latest = latest_lights(cluster, as_of)
        if latest is not None:
            counted.append((cluster.id, latest))
    groups: tuple[PeerGroupFile, ...] = dataset.peer_groups_of(forum)

    by_indicator = []
    for indicator in dataset.catalogue.indicators:
        lights = [a.lights.get(indicator.id) for _, a in counted]
        forum_shares = Shares.of(lights.count("green"), lights.count("yellow"),
                                 lights.count("red"))
        peers = {g.id: _counts_shares(g.lights.get(indicator.id)) for g in groups}
        by_indicator.append(IndicatorRow(indicator.id, indicator.area, forum_shares,
                                         MappingProxyType(peers)))

    by_area = []
    gaps: dict[str, Fraction] = {}
    for area in dataset.catalogue.areas:
        rows = [r for r in by_indicator if r.area == area.id]
        forum_shares = Shares.pooled(r.forum for r in rows)
        peers = {g.id: Shares.pooled(r.peers[g.id] for r in rows) for g in groups}
        gap = _green_gap(forum_shares, peers.values())
        if gap is not None:
            gaps[area.id] = gap
        by_area.append(AreaRow(area.id, forum_shares, MappingProxyType(peers),
                               None if gap is None else float(gap)))

    strongest: tuple[str, ...] = ()
    weakest: tuple[str, ...] = ()
    if gaps:
        high, low = max(gaps.values()), min(gaps.values())
        strongest = tuple(a for a, g in gaps.items() if g == high)
        weakest = tuple(a for a, g in gaps.items() if g == low)

    return Scorecard(
        forum_id=forum.id,
        members_total=len(members),
        covered=tuple(cluster_id for cluster_id, _ in counted),
        peer_groups=tuple(g.id for g in groups),
        by_indicator=tuple(by_indicator),
        by_area=tuple(by_area),
        strongest=strongest,
        weakest=weakest,
        illustrative=any(a.illustrative for _, a in counted) or any(g.illustrative
                                                                    for g in groups),
    )


def _green_gap(forum: Shares, peers: Iterable[Shares]) -> Fraction | None:
    mine = forum.green_fraction
    theirs = [f for f in (p.green_fraction for p in peers) if f is not None]
    if mine is None or not theirs:
        return None
    return mine - sum(theirs, Fraction(0)) / len(theirs)
