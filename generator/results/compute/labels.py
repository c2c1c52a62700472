"""Label validity and status on the as-of date, a cluster's label timeline and the
next-label checklist, every threshold from ``rules.yaml``; the value sets and months
arithmetic they share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, get_args

from generator.base.dates import PartialDate, add_calendar_months
from generator.data.model import Cluster, Dataset
from generator.data.schema import (
    ASSESSED_LIGHTS,
    AssessmentFile,
    Label,
    Level,
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
