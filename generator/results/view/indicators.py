"""An indicator's standing (the publishing clusters' latest lights) and the dated
entries of What's new."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from generator.base.dates import PartialDate
from generator.data.schema import (
    Indicator,
    JointAction,
    Light,
    LightCounts,
    PeerGroupFile,
)
from generator.results.view.clusters import ClusterView
from generator.results.view.forums import ForumView
from generator.results.view.records import EventView, PublishedAssessment

# --- indicators --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Standing:
    """A publishing cluster's latest light on one indicator (None: left out)."""

    cluster: ClusterView
    assessment: PublishedAssessment
    light: Light | None


@dataclass(frozen=True)
class IndicatorView:
    """How the clusters stand on one indicator, beside the peer groups."""

    indicator: Indicator
    rows: tuple[Standing, ...]
    """Every cluster that publishes and was benchmarked, in the data's order."""
    groups: tuple[tuple[PeerGroupFile, LightCounts | None], ...]
    """Every peer group with its counts on the indicator (None when it has none)."""
    benchmarked: int
    illustrative: bool

    @property
    def id(self) -> str:
        return self.indicator.id


# --- What's new --------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewsEntry:
    """One dated entry of What's new, in no language yet (``generator.render.pages.news``
    words it)."""

    date: PartialDate
    kind: str
    """An event kind, or label, benchmarking, plan, joint-action."""
    key: str
    """What the entry is about, for its stable id: kind, subject and date."""
    cluster: ClusterView | None = None
    forum: ForumView | None = None
    event: EventView | None = None
    level: str | None = None
    """The level of a label, the kind of a benchmarking."""
    counts: Mapping[str, int] | None = None
    """Light counts of a published benchmarking."""
    statuses: tuple[str, ...] = ()
    """The statuses of a plan's actions."""
    joint: JointAction | None = None


def _news(forums: Mapping[str, ForumView], clusters: Mapping[str, ClusterView],
          as_of: dt.date) -> tuple[NewsEntry, ...]:
    entries: list[NewsEntry] = []
    for forum in forums.values():
        for event in forum.events:
            entries.append(NewsEntry(event.date, event.kind,
                                     f"event/forum/{forum.id}/{event.date}/{event.title}",
                                     forum=forum, event=event))
        for action in forum.joint_actions:
            if action.started is not None:
                entries.append(NewsEntry(
                    action.started, "joint-action",
                    f"joint-action/{forum.id}/{action.id}/{action.started}",
                    forum=forum, joint=action))
    for cluster in clusters.values():
        for event in cluster.story_events:
            entries.append(NewsEntry(event.date, event.kind,
                                     f"event/cluster/{cluster.id}/{event.date}/{event.title}",
                                     cluster=cluster, event=event))
        for state in cluster.labels:
            entries.append(NewsEntry(state.awarded, "label",
                                     f"label/{cluster.id}/{state.level}/{state.awarded}",
                                     cluster=cluster, level=state.level))
        for assessment in cluster.assessments:
            entries.append(NewsEntry(
                assessment.date, "benchmarking", f"assessment/{cluster.id}/{assessment.date}",
                cluster=cluster, level=assessment.kind,
                counts=assessment.counts if isinstance(assessment, PublishedAssessment)
                else None))
        changed = cluster.plan_changed
        if cluster.plan is not None and changed is not None:
            entries.append(NewsEntry(
                PartialDate.from_date(changed), "plan", f"plan/{cluster.id}/{changed.isoformat()}",
                cluster=cluster, statuses=tuple(a.status for a in cluster.plan.actions)))
    return tuple(e for e in entries if e.date.first_day() <= as_of)
