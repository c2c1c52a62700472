"""The S3 stress tests of a forum's region: each dimension's scores, gaps and change
since the test before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.model import Dataset
from generator.data.schema import (
    Recommendation,
    StressTestFile,
)
from generator.results.strategy.common import _by

# --- stress tests ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DimensionResult:
    """One dimension of the catalogue in one stress test."""

    id: str
    direction: str
    region: float | None
    """None: the test did not score this dimension."""
    frontrunners: float | None
    gap: float | None
    """Frontrunners minus region (negative: the region is ahead of the frontrunners)."""
    change: float | None
    """The region's score minus its score in the test before; None for the first test or
    when either test did not score the dimension."""

    @property
    def scored(self) -> bool:
        """Whether the test scored this dimension."""
        return self.region is not None


@dataclass(frozen=True)
class StressTestResult:
    """One S3 stress test of a forum's region, worked out."""

    date: PartialDate
    illustrative: bool
    respondents: Mapping[str, int] = field(hash=False)
    """By stakeholder group id, in the catalogue's order of groups."""
    dimensions: tuple[DimensionResult, ...]
    """Every dimension of the catalogue, in its order (scored or not)."""
    weakest: str | None
    """The scored dimension with the largest gap (ties: catalogue order); None when the
    test scored none."""
    strongest: str | None
    """The scored dimension with the smallest gap (ties: catalogue order)."""
    previous: PartialDate | None
    """The date of the test before, if any."""
    findings: tuple[Text, ...]
    recommendations: tuple[Recommendation, ...]
    certainty: str = "confirmed"
    """The test's certainty as published (``illustrative``: example)."""
    source: tuple[str, ...] | None = None
    """Where the test's results are stated."""

    @property
    def scored(self) -> tuple[DimensionResult, ...]:
        """The dimensions the test scored, in catalogue order."""
        return tuple(d for d in self.dimensions if d.scored)


def _exact(value: float) -> Decimal:
    """A score as the decimal the data wrote (2.8, not 2.79999...)."""
    return Decimal(repr(value))


def _difference(high: float, low: float) -> float:
    return float(_exact(high) - _exact(low))


def stress_tests(dataset: Dataset, forum_id: str, as_of: dt.date
                 ) -> tuple[StressTestResult, ...]:
    """Every stress test of a forum dated by ``as_of``, oldest first, with its gaps and
    the change since the test before."""
    catalogue = dataset.stress_catalogue
    tests = [t for t in dataset.stress_tests.get(forum_id, ()) if _by(t.date, as_of)]
    if catalogue is None or not tests:
        return ()
    results = []
    before: StressTestFile | None = None
    for test in tests:
        dimensions = []
        for dimension in catalogue.dimensions:
            score = test.scores.get(dimension.id)
            if score is None:
                dimensions.append(DimensionResult(dimension.id, dimension.direction,
                                                  None, None, None, None))
                continue
            earlier = before.scores.get(dimension.id) if before is not None else None
            dimensions.append(DimensionResult(
                dimension.id, dimension.direction, score.region, score.frontrunners,
                _difference(score.frontrunners, score.region),
                None if earlier is None else _difference(score.region, earlier.region)))
        scored = [d for d in dimensions if d.gap is not None]
        weakest = strongest = None
        if scored:
            # max and min keep the first of equal values: ties go to catalogue order
            weakest = max(scored, key=lambda d: _exact(d.gap or 0.0)).id
            strongest = min(scored, key=lambda d: _exact(d.gap or 0.0)).id
        groups = [g.id for g in catalogue.groups]
        results.append(StressTestResult(
            date=test.date,
            illustrative=test.illustrative,
            respondents=MappingProxyType({g: test.respondents[g] for g in groups
                                          if g in test.respondents}),
            dimensions=tuple(dimensions),
            weakest=weakest,
            strongest=strongest,
            previous=None if before is None else before.date,
            findings=test.findings,
            recommendations=test.recommendations,
            certainty=test.certain,
            source=test.source,
        ))
        before = test
    return tuple(results)
