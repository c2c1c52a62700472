"""The coverage of a forum's S3 priorities by its current members' focus areas, and the
priorities a set of focus areas serves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.base.text import Text
from generator.data.model import Dataset
from generator.data.schema import (
    FocusArea,
    ForumFile,
)
from generator.results.strategy.common import joined_sources, least_certain

# --- coverage of the S3 priorities -----------------------------------------------------------


@dataclass(frozen=True)
class PriorityCoverage:
    """One priority and the current members that serve it."""

    priority: str
    clusters: tuple[str, ...]
    """Current members with a focus area serving it, in the forum's order of members."""


@dataclass(frozen=True)
class SharedFocus:
    """Two current members serving the same priority: a candidate for joint work."""

    priority: str
    clusters: tuple[str, str]
    """In the forum's order of members."""


@dataclass(frozen=True)
class Coverage:
    """A forum's current members × its strategy's priorities."""

    members: tuple[str, ...]
    """The current members, in the forum's order."""
    priorities: tuple[PriorityCoverage, ...]
    """In the strategy's order."""
    cells: Mapping[tuple[str, str], tuple[str, ...]] = field(hash=False)
    """(member, priority) → the member's focus area ids serving the priority (only
    non-empty cells)."""
    uncovered: tuple[str, ...]
    """Priorities no current member serves, in the strategy's order."""
    shared: tuple[SharedFocus, ...]
    """Each pair of current members serving the same priority, once per pair and priority:
    by priority, then by the pair's order among the members."""
    illustrative: bool = False
    """True when the strategy or a focus area counted says it is an example."""
    certainty: str = "confirmed"
    """The least sure of the strategy and the focus areas counted (``least_certain``)."""
    source: tuple[str, ...] | None = None
    """The sources of the strategy and of the focus areas counted."""


def coverage(dataset: Dataset, forum: ForumFile, as_of: dt.date) -> Coverage | None:
    """The coverage of a forum's S3 priorities on ``as_of``; None without a strategy."""
    if forum.strategy is None:
        return None
    members = tuple(m.cluster for m in dataset.members(forum, as_of))
    cells: dict[tuple[str, str], tuple[str, ...]] = {}
    illustrative = forum.strategy.illustrative
    counted: list[FocusArea] = []
    for cluster_id in members:
        for priority in forum.strategy.priorities:
            ref = f"{forum.id}/{priority.id}"
            areas = [a for a in dataset.clusters[cluster_id].focus_areas
                     if ref in a.priorities]
            if areas:
                cells[(cluster_id, priority.id)] = tuple(a.id for a in areas)
                illustrative = illustrative or any(a.illustrative for a in areas)
                counted += areas
    rows = []
    shared = []
    for priority in forum.strategy.priorities:
        serving = tuple(c for c in members if (c, priority.id) in cells)
        rows.append(PriorityCoverage(priority.id, serving))
        for i, first in enumerate(serving):
            for second in serving[i + 1:]:
                shared.append(SharedFocus(priority.id, (first, second)))
    return Coverage(
        members=members,
        priorities=tuple(rows),
        cells=MappingProxyType(cells),
        uncovered=tuple(row.priority for row in rows if not row.clusters),
        shared=tuple(shared),
        illustrative=illustrative,
        certainty=least_certain([forum.strategy.certain, *(a.certain for a in counted)]),
        source=joined_sources([forum.strategy.source, *(a.source for a in counted)]),
    )


@dataclass(frozen=True)
class ServedPriority:
    """A priority one of a cluster's focus areas serves."""

    forum: str
    priority: str
    name: Text


def served_priorities(dataset: Dataset, focus: Iterable[str]) -> tuple[ServedPriority, ...]:
    """The priorities named by ``<forum-id>/<priority-id>`` references (as checked on
    loading), in the order given."""
    found = []
    for ref in focus:
        forum_id, priority_id = ref.split("/", 1)
        strategy = dataset.forums[forum_id].strategy
        assert strategy is not None  # checked when the tree was loaded
        priority = next(p for p in strategy.priorities if p.id == priority_id)
        found.append(ServedPriority(forum_id, priority_id, priority.name))
    return tuple(found)
