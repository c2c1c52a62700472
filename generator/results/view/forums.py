"""A forum as the public sees it on the as-of date: its members, scorecard and matrix,
events and joint actions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.model import Dataset
from generator.data.schema import (
    ForumFile,
    JointAction,
    Member,
    PeerGroupFile,
)
from generator.results import compute
from generator.results.view.clusters import ClusterView
from generator.results.view.records import EventView, PublishedAssessment

# --- forums ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixColumn:
    """One counted member of a forum's matrix: its latest published assessment."""

    cluster: ClusterView
    latest: PublishedAssessment


@dataclass(frozen=True)
class ForumView:
    """A forum and its portfolio on the as-of date."""

    id: str
    name: Text
    region: Text
    established: PartialDate
    description: Text
    meets: Text | None
    peer_groups: tuple[str, ...]
    groups: tuple[PeerGroupFile, ...]
    members: tuple[Member, ...]
    """Every membership in the data (present, former and not yet begun)."""
    current_members: tuple[Member, ...]
    former_members: tuple[Member, ...]
    upcoming_members: tuple[Member, ...]
    member_clusters: tuple[ClusterView, ...]
    """The clusters of ``current_members``."""
    clusters: tuple[ClusterView, ...]
    """Every cluster that is or was a member, once each, in the order of ``members``."""
    events: tuple[EventView, ...]
    joint_actions: tuple[JointAction, ...]
    joint_plans: Mapping[str, tuple[ClusterView, ...]]
    """Joint action id → the member clusters whose plan takes part in it."""
    scorecard: compute.Scorecard
    matrix: tuple[MatrixColumn, ...]
    """The counted members (``scorecard.covered``) with their latest published lights."""
    illustrative: bool
    """Whether a peer group or a counted member's published result is illustrative."""
    members_count: int | None = None
    """How many member clusters the forum's sources state, named or not."""
    certainty: str = "confirmed"
    source: tuple[str, ...] | None = None


def _forum(dataset: Dataset, forum: ForumFile, clusters: Mapping[str, ClusterView],
           as_of: dt.date) -> ForumView:
    card = compute.scorecard(dataset, forum, as_of,
                             {i for i, c in clusters.items() if c.publishes})
    groups = dataset.peer_groups_of(forum)
    matrix = []
    for cluster_id in card.covered:
        latest = clusters[cluster_id].latest_published
        assert latest is not None  # counted: it publishes and was benchmarked
        matrix.append(MatrixColumn(clusters[cluster_id], latest))
    everyone: dict[str, ClusterView] = {}
    for member in forum.members:
        everyone.setdefault(member.cluster, clusters[member.cluster])
    plans = {
        action.id: tuple(
            clusters[m.cluster] for m in forum.members
            if any(part.forum_id == forum.id and part.joint.id == action.id
                   for part in clusters[m.cluster].joint))
        for action in forum.joint_actions
    }
    current = dataset.members(forum, as_of)
    return ForumView(
        id=forum.id, name=forum.name, region=forum.region, established=forum.established,
        description=forum.description, meets=forum.meets,
        peer_groups=tuple(forum.peer_groups), groups=groups, members=tuple(forum.members),
        current_members=current, former_members=dataset.former_members(forum, as_of),
        upcoming_members=tuple(m for m in forum.members if m.joined.first_day() > as_of),
        member_clusters=tuple(clusters[m.cluster] for m in current),
        clusters=tuple(everyone.values()),
        events=tuple(EventView.of(e, as_of) for e in forum.events),
        joint_actions=tuple(forum.joint_actions), joint_plans=MappingProxyType(plans),
        scorecard=card, matrix=tuple(matrix), members_count=forum.members_count,
        certainty=forum.certain, source=forum.source,
        illustrative=any(g.illustrative for g in groups) or any(
            a.illustrative for column in matrix
            for a in column.cluster.published_assessments),
    )
