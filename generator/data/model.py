"""The model the renderers see: typed, immutable, cross references resolved.

File contents are the pydantic models of ``schema``; this module joins them into one
Dataset: a forum knows its member clusters, a cluster its forums, its assessments in date
order and its plan. Templates and computations read only this.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.base.dates import PartialDate
from generator.data.schema import (
    ActorMapFile,
    Area,
    AssessmentFile,
    ClusterFile,
    Event,
    ForumFile,
    Indicator,
    Member,
    PeerGroupFile,
    PlanFile,
    Process,
    RulesFile,
    SiteFile,
    Source,
    StressTestCatalogueFile,
    StressTestFile,
    SurveyFile,
)

Assessment = AssessmentFile
Forum = ForumFile
PeerGroup = PeerGroupFile
Plan = PlanFile
Rules = RulesFile
Site = SiteFile
StressTest = StressTestFile
ActorMap = ActorMapFile
Survey = SurveyFile


class Cluster(ClusterFile):
    """A cluster with what other files say of it: assessments, plan and forums."""

    assessments: tuple[AssessmentFile, ...] = ()
    """Every benchmarking, oldest first."""
    plan: PlanFile | None = None
    forum_ids: tuple[str, ...] = ()
    """The forums this cluster is or was a member of, by id."""
    source_dir: str = ""
    """The cluster's folder relative to the data root, e.g. ``clusters/x``."""

    @property
    def story_events(self) -> tuple[Event, ...]:
        """The cluster's events without those that tell a happening the record already
        holds: a benchmarking event dated on one of its assessments, an expert visit dated
        on a silver assessment (the expert visit itself), and a label event dated on a
        label award of the cluster. The record
        is in every timeline and in What's new already (with its lights where published,
        the label with its validity), so each happening is told once."""
        def recorded(event: Event) -> bool:
            if event.kind == "label":
                return any(_overlap(event.date, label.awarded) for label in self.labels)
            if event.kind in ("benchmarking", "expert-visit"):
                return any(_overlap(event.date, a.date) and (
                    event.kind == "benchmarking" or a.kind == "silver")
                    for a in self.assessments)
            return False

        return tuple(e for e in self.events if not recorded(e))

    @property
    def latest_assessment(self) -> AssessmentFile | None:
        """The most recent benchmarking, if any."""
        return self.assessments[-1] if self.assessments else None


def _overlap(one: PartialDate, other: PartialDate) -> bool:
    """Whether two dates at their own precision share a day (2016-09 and 2016-09-19 do)."""
    return one.first_day() <= other.last_day() and other.first_day() <= one.last_day()


@dataclass(frozen=True)
class Catalogue:
    """The indicator catalogue: areas in order, indicators in order."""

    areas: tuple[Area, ...]
    indicators: tuple[Indicator, ...]
    _by_id: Mapping[str, Indicator] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, areas: tuple[Area, ...], indicators: tuple[Indicator, ...]) -> Catalogue:
        """A catalogue with its lookup table."""
        return cls(areas, indicators, MappingProxyType({i.id: i for i in indicators}))

    def indicator(self, indicator_id: str) -> Indicator:
        """The indicator with this id."""
        return self._by_id[indicator_id]

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self._by_id

    def in_area(self, area_id: str) -> tuple[Indicator, ...]:
        """The indicators of one area, in catalogue order."""
        return tuple(i for i in self.indicators if i.area == area_id)

    def area(self, area_id: str) -> Area:
        """The area with this id."""
        return next(a for a in self.areas if a.id == area_id)


@dataclass(frozen=True)
class Dataset:
    """Everything the data tree says, checked and joined."""

    site: SiteFile
    catalogue: Catalogue
    rules: RulesFile
    peer_groups: Mapping[str, PeerGroupFile]
    forums: Mapping[str, ForumFile]
    clusters: Mapping[str, Cluster]
    files: Mapping[str, str] = field(default_factory=dict)
    """Data file path (relative to the data root) by the id or path of what it holds."""
    digests: Mapping[str, str] = field(default_factory=dict)
    """A digest of every data file's bytes, by its path relative to the data root: what
    an incremental build compares to know which pages changed."""
    processes: Mapping[str, Process] = field(default_factory=dict)
    """Support-process templates (processes.yaml) by id."""
    stress_catalogue: StressTestCatalogueFile | None = None
    """The S3 stress test's catalogue (stress-test.yaml), if the tree has one."""
    stress_tests: Mapping[str, tuple[StressTestFile, ...]] = field(default_factory=dict)
    """Every S3 stress test by forum id, oldest first."""
    actor_maps: Mapping[str, tuple[ActorMapFile, ...]] = field(default_factory=dict)
    """Every mapping of a forum region's innovation system by forum id, oldest first."""
    surveys: Mapping[str, SurveyFile] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    """The registry of sources.yaml by id (empty when the tree has none)."""
    """Every survey by id, oldest first."""

    @property
    def languages(self) -> tuple[str, ...]:
        """The site languages, default first."""
        return self.site.languages

    def with_site_url(self, url: str | None) -> Dataset:
        """The dataset published at ``url`` instead of site.yaml's site_url (None: at an
        address not known, as the preview is)."""
        return dataclasses.replace(self, site=self.site.model_copy(update={"site_url": url}))

    def members(self, forum: ForumFile, as_of: dt.date | None = None) -> tuple[Member, ...]:
        """A forum's memberships; with ``as_of``, only those current on that day."""
        if as_of is None:
            return forum.members
        return tuple(m for m in forum.members if is_current(m, as_of))

    def former_members(self, forum: ForumFile, as_of: dt.date) -> tuple[Member, ...]:
        """Memberships that ended before ``as_of``."""
        return tuple(m for m in forum.members if m.left is not None and m.left.last_day() < as_of)

    def member_clusters(
        self, forum: ForumFile, as_of: dt.date | None = None
    ) -> tuple[Cluster, ...]:
        """The clusters a forum has (on ``as_of``, when given)."""
        return tuple(self.clusters[m.cluster] for m in self.members(forum, as_of))

    def cluster_forums(self, cluster: Cluster) -> tuple[ForumFile, ...]:
        """The forums a cluster is or was a member of."""
        return tuple(self.forums[f] for f in cluster.forum_ids)

    def peer_groups_of(self, forum: ForumFile) -> tuple[PeerGroupFile, ...]:
        """The peer groups a forum compares its portfolio with."""
        return tuple(self.peer_groups[g] for g in forum.peer_groups)


def is_current(member: Member, as_of: dt.date) -> bool:
    """Whether a membership holds on ``as_of`` (partial dates count as whole periods)."""
    if member.joined.first_day() > as_of:
        return False
    return member.left is None or member.left.last_day() >= as_of
