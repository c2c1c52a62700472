"""The changes between two assessments in a row: each indicator's kind of change,
their summary, and every step of a cluster's assessments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from generator.base.dates import PartialDate
from generator.data.model import Catalogue, Cluster
from generator.data.schema import (
    AssessmentFile,
    Light,
)
from generator.results.compute.labels import CHANGE_KINDS, LIGHT_ORDER, ChangeKind, _assessed_by

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
