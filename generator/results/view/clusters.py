"""A cluster as the public sees it on the as-of date: its memberships, labels, next
label, assessments (withheld unless it publishes them), plan and events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from types import MappingProxyType

from generator.base.text import Text
from generator.data.history import ChangeDates
from generator.data.model import Catalogue, Cluster, Dataset, is_current
from generator.data.schema import (
    JointAction,
    Member,
    PlanAction,
    PlanFile,
    ProgrammePeriod,
)
from generator.results import compute
from generator.results.view.records import (
    Assessment,
    EventView,
    PublishedAssessment,
    WithheldAssessment,
    _counts,
)

# --- clusters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Membership:
    """A cluster's membership of a forum."""

    forum_id: str
    member: Member
    current: bool


@dataclass(frozen=True)
class JointPart:
    """An action of a cluster's plan that is part of a forum's joint action."""

    action: PlanAction
    forum_id: str
    joint: JointAction


@dataclass(frozen=True)
class ClusterView:
    """A cluster as the public sees it on the as-of date."""

    id: str
    name: Text
    former_names: tuple[Text, ...]
    sector: Text
    website: str | None
    members_count: int | None
    programme: tuple[ProgrammePeriod, ...]
    """Every period in the national cluster programme, the current one and those before."""
    current_programme: ProgrammePeriod | None
    """The period whose dates cover the as-of date (None: the cluster is in no period on
    that day, so no page shows a level for it as current)."""
    publishes: bool
    """Whether the cluster publishes its results (``publish_indicators`` in the data)."""
    source_dir: str
    """The cluster's folder relative to the data root (``clusters/<id>``)."""
    certainty: str
    """How sure the cluster's profile is: confirmed | inferred | example."""
    source: tuple[str, ...] | None
    """Where the profile is stated (ids of sources.yaml and web addresses)."""
    forum_ids: tuple[str, ...]
    memberships: tuple[Membership, ...]
    labels: tuple[compute.LabelState, ...]
    """Every label awarded by the as-of date, oldest first."""
    current_label: compute.LabelState | None
    next_label: compute.NextLabel | None
    assessments: tuple[Assessment, ...]
    """Every benchmarking made by the as-of date, oldest first."""
    plan: PlanFile | None
    joint: tuple[JointPart, ...]
    events: tuple[EventView, ...]
    """Every event of the cluster (the open data lists them all)."""
    story_events: tuple[EventView, ...]
    """The events without those of kind benchmarking dated on one of its assessments (the
    assessment is that benchmarking, told once in timelines and What's new)."""
    illustrative: bool
    """Whether a published result of the cluster is marked illustrative."""
    changed: dt.date | None
    """The day the cluster's data last changed (its folder), when known."""
    plan_changed: dt.date | None
    """The day the cluster's plan.yaml last changed, when known."""

    @property
    def latest(self) -> Assessment | None:
        """The latest benchmarking made by the as-of date."""
        return self.assessments[-1] if self.assessments else None

    @property
    def latest_published(self) -> PublishedAssessment | None:
        """The latest benchmarking with its results (None when withheld or none)."""
        latest = self.latest
        return latest if isinstance(latest, PublishedAssessment) else None

    @property
    def published_assessments(self) -> tuple[PublishedAssessment, ...]:
        return tuple(a for a in self.assessments if isinstance(a, PublishedAssessment))


def _assessments(cluster: Cluster, catalogue: Catalogue, as_of: dt.date
                 ) -> tuple[Assessment, ...]:
    dated = [a for a in cluster.assessments if a.date.first_day() <= as_of]
    if not cluster.publish_indicators:
        return tuple(WithheldAssessment(a.date, a.kind, a.assessor) for a in dated)
    views: list[Assessment] = []
    for previous, assessment in zip([None, *dated], dated, strict=False):
        step = None
        if previous is not None:
            found = compute.changes(previous, assessment, catalogue)
            step = compute.Step(previous.date, assessment.date, found,
                                compute.change_summary(found))
        views.append(PublishedAssessment(
            date=assessment.date, kind=assessment.kind, assessor=assessment.assessor,
            peer_groups=tuple(assessment.peer_groups), illustrative=assessment.illustrative,
            certainty=assessment.certain, source=assessment.source,
            score_percent=assessment.score_percent,
            lights=MappingProxyType(dict(assessment.lights)),
            counts=_counts(assessment.lights), improvements=tuple(assessment.improvements),
            step=step))
    return tuple(views)


def _cluster(dataset: Dataset, cluster: Cluster, as_of: dt.date, changes: ChangeDates
             ) -> ClusterView:
    rules = dataset.rules
    assessments = _assessments(cluster, dataset.catalogue, as_of)
    joint = []
    if cluster.plan is not None:
        for action in cluster.plan.actions:
            if action.joint is None:
                continue
            forum_id, action_id = action.joint.split("/", 1)
            forum = dataset.forums[forum_id]
            joint.append(JointPart(action, forum_id,
                                   next(j for j in forum.joint_actions if j.id == action_id)))
    memberships = tuple(
        Membership(forum.id, member, is_current(member, as_of))
        for forum in dataset.cluster_forums(cluster)
        for member in forum.members if member.cluster == cluster.id)
    return ClusterView(
        id=cluster.id, name=cluster.name, former_names=tuple(cluster.former_names),
        sector=cluster.sector, website=cluster.website, members_count=cluster.members_count,
        programme=tuple(cluster.programme), publishes=cluster.publish_indicators,
        current_programme=next((p for p in reversed(cluster.programme)
                                if p.from_.first_day() <= as_of
                                and (p.to is None or p.to.last_day() >= as_of)), None),
        source_dir=cluster.source_dir, certainty=cluster.certain, source=cluster.source,
        forum_ids=tuple(cluster.forum_ids),
        memberships=memberships,
        labels=compute.label_states(cluster, rules, as_of),
        current_label=compute.current_label(cluster, rules, as_of),
        next_label=compute.next_label(cluster, rules, withhold=not cluster.publish_indicators,
                                      as_of=as_of),
        assessments=assessments, plan=cluster.plan, joint=tuple(joint),
        events=tuple(EventView.of(e, as_of) for e in cluster.events),
        story_events=tuple(EventView.of(e, as_of) for e in cluster.story_events),
        illustrative=any(a.illustrative for a in assessments
                         if isinstance(a, PublishedAssessment)),
        changed=changes.folder(cluster.source_dir),
        plan_changed=changes.file(f"{cluster.source_dir}/plan.yaml"),
    )
