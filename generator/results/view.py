"""The published view: everything the public may see, decided once per build.

``published_view(dataset, as_of)`` turns the checked data and the build's as-of date into
the one view every output is made from: pages, figures and charts, open data, the feed,
the search index (through the pages) and the incremental build's keys. It is the only
code that reads ``publish_indicators`` or compares a result's date with the as-of date,
so the rules of the Data format page (``data-format/`` on the site: "Computed results"
and "Consent") hold in every output alike, by construction:

- As of the build's date: an assessment or a label dated after it is in no output (it is
  not yet a result); an event dated after it is kept, marked ``upcoming``.
- Consent: a cluster that does not publish its indicators has its profile, labels,
  events and the dates, kinds and assessors of its benchmarkings published; its results
  (lights, score, changes, improvements: their number, indicators and texts, and the
  illustrative flag that qualifies them) are not in the view at all. Its benchmarkings
  are ``WithheldAssessment``s, a type without those fields, and no aggregate (a share, a
  count, a scorecard, a matrix, an indicator's standing) counts it.

Results are computed here once and reused by every output: label states, the next label
and its checklist, the changes between assessments, the forums' scorecards and matrices,
the indicators' standings, the published lights, the What's new entries and the
portfolio counts.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.history import ChangeDates
from generator.data.model import Catalogue, Cluster, Dataset, is_current
from generator.data.schema import (
    LIGHTS,
    Assessor,
    Event,
    EventKind,
    ForumFile,
    Improvement,
    Indicator,
    JointAction,
    Level,
    Light,
    LightCounts,
    Member,
    PeerGroupFile,
    PlanAction,
    PlanFile,
    ProgrammePeriod,
    RulesFile,
    SiteFile,
    Source,
)
from generator.results import compute
from generator.results.strategy import StrategyView, strategy_view

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


# --- the view ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LightRow:
    """One published light: a line of the open data's lights.csv."""

    cluster: str
    date: PartialDate
    indicator: str
    light: str
    illustrative: bool


@dataclass(frozen=True)
class Citation:
    """One source as a page or a document cites it."""

    id: str | None
    """The id in sources.yaml (None for a web address written in the record itself)."""
    title: Text | None
    url: str | None
    publisher: Text | None
    date: PartialDate | None


@dataclass(frozen=True)
class PublishedView:
    """Everything the public may see on the as-of date (see the module's docstring)."""

    as_of: dt.date
    site: SiteFile
    catalogue: Catalogue
    rules: RulesFile
    peer_groups: Mapping[str, PeerGroupFile]
    forums: Mapping[str, ForumView]
    clusters: Mapping[str, ClusterView]
    indicators: Mapping[str, IndicatorView]
    label_rows: tuple[tuple[ClusterView, compute.LabelState], ...]
    """Every cluster with a label and its label, soonest expiry first (the Labels page)."""
    awards: tuple[tuple[ClusterView, compute.LabelState], ...]
    """Every label awarded by the as-of date, newest first."""
    labels_held: tuple[tuple[dt.date, Mapping[str, int]], ...]
    """How many clusters held each level as their highest, on each date it changed."""
    benchmarked: int
    """How many clusters had been benchmarked (publishing or not)."""
    standing: tuple[MatrixColumn, ...]
    """Every publishing, benchmarked cluster with its latest assessment, in data order."""
    light_rows: tuple[LightRow, ...]
    news: tuple[NewsEntry, ...]
    """What's new, every entry dated by the as-of date, in no particular order."""
    illustrative: bool
    """Whether a peer group or any published result is illustrative."""
    digests: Mapping[str, str] = field(default_factory=dict)
    """A digest of every data file by its path (for the incremental build's keys)."""
    strategy: StrategyView = field(default_factory=StrategyView)
    """The regional strategy (S3 priorities, stress tests, actor maps, support processes,
    surveys) on the as-of date."""
    sources: Mapping[str, Source] = field(default_factory=dict)
    """The registry of sources.yaml by id."""

    def cite(self, *refs: tuple[str, ...] | None) -> tuple[Citation, ...]:
        """The sources behind the records whose ``source`` values are ``refs``, each once,
        in the order first named: a registry entry by its id, a web address as itself."""
        found: dict[str, Citation] = {}
        for group in refs:
            for ref in group or ():
                if ref in found:
                    continue
                entry = self.sources.get(ref)
                found[ref] = (Citation(ref, entry.title, entry.url, entry.publisher, entry.date)
                              if entry is not None else Citation(None, None, ref, None, None))
        return tuple(found.values())

    def first_url(self, refs: tuple[str, ...] | None) -> str | None:
        """The first web address among a record's sources (a registry entry's ``url``)."""
        return next((c.url for c in self.cite(refs) if c.url), None)

    @property
    def languages(self) -> tuple[str, ...]:
        """The site languages, default first."""
        return self.site.languages

    def cluster_forums(self, cluster: ClusterView) -> tuple[ForumView, ...]:
        """The forums a cluster is or was a member of."""
        return tuple(self.forums[f] for f in cluster.forum_ids)


def published_view(dataset: Dataset, as_of: dt.date,
                   changes: ChangeDates | None = None) -> PublishedView:
    """The published view of ``dataset`` on ``as_of``. ``changes``: when each data file
    last changed (cluster pages say it; What's new lists plan updates)."""
    changes = changes or ChangeDates()
    clusters = {c.id: _cluster(dataset, c, as_of, changes) for c in dataset.clusters.values()}
    forums = {f.id: _forum(dataset, f, clusters, as_of) for f in dataset.forums.values()}
    standing = tuple(MatrixColumn(c, latest) for c in clusters.values()
                     if (latest := c.latest_published) is not None)
    benchmarked = sum(1 for c in clusters.values() if c.assessments)
    indicators = {}
    for indicator in dataset.catalogue.indicators:
        groups = tuple((g, g.lights.get(indicator.id)) for g in dataset.peer_groups.values())
        rows = tuple(Standing(s.cluster, s.latest, s.latest.lights.get(indicator.id))
                     for s in standing)
        indicators[indicator.id] = IndicatorView(
            indicator, rows, groups, benchmarked,
            illustrative=any(r.assessment.illustrative for r in rows) or any(
                g.illustrative for g, counts in groups if counts is not None))
    order = {indicator.id: i for i, indicator in enumerate(dataset.catalogue.indicators)}
    keyed = []
    for c in clusters.values():
        for a in c.published_assessments:
            day = a.date.isoformat()  # once per assessment, not per light
            keyed += [((c.id, day, order.get(code, len(order)), code),
                       LightRow(c.id, a.date, code, light, a.illustrative))
                      for code, light in a.lights.items()]
    keyed.sort(key=lambda pair: pair[0])
    light_rows = [row for _key, row in keyed]
    awards = sorted(((clusters[c.id], state) for c in clusters.values() for state in c.labels),
                    key=lambda item: (item[1].awarded.sort_key(), item[0].id), reverse=True)
    return PublishedView(
        as_of=as_of, site=dataset.site, catalogue=dataset.catalogue, rules=dataset.rules,
        peer_groups=dataset.peer_groups, forums=MappingProxyType(forums),
        clusters=MappingProxyType(clusters), indicators=MappingProxyType(indicators),
        label_rows=tuple((clusters[cluster_id], state) for cluster_id, state
                         in compute.label_timeline(dataset, as_of)),
        awards=tuple(awards),
        labels_held=_labels_held(clusters.values(), as_of),
        benchmarked=benchmarked, standing=standing, light_rows=tuple(light_rows),
        news=_news(forums, clusters, as_of),
        illustrative=any(g.illustrative for g in dataset.peer_groups.values()) or any(
            c.illustrative for c in clusters.values()),
        digests=dataset.digests,
        strategy=strategy_view(dataset, as_of),
        sources=dataset.sources,
    )


def _labels_held(clusters: Iterable[ClusterView], as_of: dt.date
                 ) -> tuple[tuple[dt.date, Mapping[str, int]], ...]:
    """The dates up to ``as_of`` on which the number of clusters holding a valid label
    changes, with how many hold each level as their highest; the last entry is ``as_of``.

    A label is held from the first day of ``awarded`` to the last day of its validity.
    One sweep over the starts and ends: linear in the number of labels.
    """
    starts: dict[dt.date, list[tuple[str, str]]] = {}
    ends: dict[dt.date, list[tuple[str, str]]] = {}
    for cluster in clusters:
        for state in cluster.labels:
            begin = state.awarded.first_day()
            stop = state.valid_until.last_day() + dt.timedelta(days=1)
            starts.setdefault(begin, []).append((cluster.id, state.level))
            ends.setdefault(stop, []).append((cluster.id, state.level))
    if not starts:
        return ()
    held: dict[str, Counter[str]] = {}
    counts: Counter[str] = Counter()
    result: list[tuple[dt.date, dict[str, int]]] = []

    def highest(cluster_id: str) -> str | None:
        levels = [level for level, n in held.get(cluster_id, Counter()).items() if n > 0]
        return max(levels, key=compute.LEVELS.index) if levels else None

    for day in sorted(set(starts) | set(ends)):
        if day > as_of:
            break
        touched = {c for c, _l in starts.get(day, [])} | {c for c, _l in ends.get(day, [])}
        before = {c: highest(c) for c in touched}
        for cluster_id, level in ends.get(day, []):
            held[cluster_id][level] -= 1
        for cluster_id, level in starts.get(day, []):
            held.setdefault(cluster_id, Counter())[level] += 1
        for cluster_id in touched:
            old, new = before[cluster_id], highest(cluster_id)
            if old is not None:
                counts[old] -= 1
            if new is not None:
                counts[new] += 1
        snapshot = {level: n for level, n in counts.items() if n}
        if result and result[-1][1] == snapshot:
            continue
        result.append((day, snapshot))
    if result and result[-1][0] != as_of:
        result.append((as_of, dict(result[-1][1])))
    return tuple((day, MappingProxyType(snapshot)) for day, snapshot in result)
