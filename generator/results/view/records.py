"""A benchmarking as the public may see it (withheld or published, with what it found)
and an event as the public sees it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import ClassVar

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.schema import (
    LIGHTS,
    Assessor,
    Event,
    EventKind,
    Improvement,
    Level,
    Light,
)
from generator.results import compute

# --- assessments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WithheldAssessment:
    """A benchmarking of a cluster that does not publish its results: when it was made,
    of which kind and by whom. It has no lights, score, improvements or illustrative
    flag to show."""

    date: PartialDate
    kind: Level
    assessor: Assessor | None
    published: ClassVar[bool] = False


@dataclass(frozen=True)
class PublishedAssessment:
    """A benchmarking of a cluster that publishes its results, with what it found."""

    date: PartialDate
    kind: Level
    assessor: Assessor | None
    peer_groups: tuple[str, ...]
    illustrative: bool
    certainty: str
    """confirmed | inferred | example (example: ``illustrative``); a result, like the
    lights, so a withheld benchmarking has none of its own."""
    source: tuple[str, ...] | None
    score_percent: float | None
    lights: Mapping[str, Light]
    """Indicator id → light, as the data gives them."""
    counts: Mapping[str, int]
    """How many indicators have each light (every light of ``LIGHTS``, in that order)."""
    improvements: tuple[Improvement, ...]
    step: compute.Step | None
    """The changes since the cluster's assessment before this one (None for the first)."""
    published: ClassVar[bool] = True

    @property
    def changes(self) -> tuple[compute.Change, ...]:
        return self.step.changes if self.step is not None else ()

    @property
    def previous(self) -> PartialDate | None:
        return self.step.previous if self.step is not None else None


Assessment = PublishedAssessment | WithheldAssessment


def _counts(lights: Mapping[str, str]) -> Mapping[str, int]:
    counts = dict.fromkeys(LIGHTS, 0)
    for value in lights.values():
        counts[value] += 1
    return MappingProxyType(counts)


# --- events ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EventView:
    """An event of a forum or a cluster; ``upcoming`` when dated after the as-of date."""

    date: PartialDate
    kind: EventKind
    title: Text
    place: Text | None
    description: Text | None
    upcoming: bool
    certainty: str = "confirmed"
    source: tuple[str, ...] | None = None
    announced: bool = False
    """Its source only announced it and no record says it was held (``status:
    announced``): shown as announced, never as held."""

    @classmethod
    def of(cls, event: Event, as_of: dt.date) -> EventView:
        return cls(event.date, event.kind, event.title, event.place, event.description,
                   event.date.first_day() > as_of, event.certain, event.source,
                   event.status == "announced")
