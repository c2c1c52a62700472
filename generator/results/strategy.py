"""Computed results of the regional strategy, on the as-of date.

Pure functions over the model, like ``compute``: a forum's coverage of its S3 priorities
by its current members' focus areas (uncovered priorities, shared focus), the S3 stress
tests (gap per dimension, weakest and strongest dimension, change since the test
before), the actor maps of the region's innovation system (actors and strongest link
per cluster and kind of actor, missing links), the progress of support processes
(steps done, current step) and the surveys (response rate, shares of the answers).

As-of rules: a stress test, actor map or survey dated after the as-of date is not a
result yet and is left out; a process step dated after it counts as planned; coverage
counts the members current on the as-of date only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from types import MappingProxyType
from typing import Literal, get_args

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.model import Cluster, Dataset
from generator.data.schema import (
    ActorKind,
    ActorMapFile,
    FocusArea,
    ForumFile,
    LinkStrength,
    Process,
    QuestionKind,
    Recommendation,
    StepStatus,
    Strategy,
    StressTestCatalogueFile,
    StressTestFile,
    SurveyFile,
)

ACTOR_KINDS: tuple[ActorKind, ...] = get_args(ActorKind)
"""Every kind of actor, in the order pages and files list them."""
STRENGTHS: tuple[LinkStrength, ...] = get_args(LinkStrength)
"""Link strengths, weakest first."""
NOT_STARTED: Literal["not-started"] = "not-started"
"""The status of a process step the data does not list."""
CERTAINTIES = ("confirmed", "inferred", "example")
"""How sure a record is, surest first."""


def least_certain(values: Iterable[str]) -> str:
    """The certainty of a result drawn from records of these certainties: a conclusion is
    no surer than the least sure record it rests on (confirmed when there is none)."""
    return max(values, key=CERTAINTIES.index, default="confirmed")


def joined_sources(groups: Iterable[tuple[str, ...] | None]) -> tuple[str, ...] | None:
    """The sources of several records as one tuple, each once, in the order first named
    (None when none of them names one)."""
    found = dict.fromkeys(ref for group in groups for ref in group or ())
    return tuple(found) or None


def _by(day: PartialDate, as_of: dt.date) -> bool:
    """Whether something dated ``day`` has happened by ``as_of`` (from its first day)."""
    return day.first_day() <= as_of


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


# --- actor maps ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindLinks:
    """How many actors of one kind work with a cluster, and the strongest link."""

    actors: int
    strongest: LinkStrength


@dataclass(frozen=True)
class ClusterActors:
    """The actors linked to one cluster in an actor map, by kind."""

    cluster: str
    kinds: Mapping[ActorKind, KindLinks] = field(hash=False)
    """By kind of actor, in ``ACTOR_KINDS`` order; only kinds with a linked actor."""
    missing: tuple[ActorKind, ...]
    """Kinds with no linked actor: the missing links, in ``ACTOR_KINDS`` order."""


@dataclass(frozen=True)
class ActorMapResult:
    """One mapping of a region's innovation system, worked out."""

    date: PartialDate
    illustrative: bool
    clusters: tuple[ClusterActors, ...]
    """Every cluster linked in the map (member of the forum or not), by cluster id."""
    source: ActorMapFile = field(compare=False, repr=False)
    """The map as the data gives it (actors and gaps)."""


def actor_map(found: ActorMapFile) -> ActorMapResult:
    """The counts and strongest links per cluster and kind of actor of one map."""
    links: dict[str, dict[ActorKind, list[LinkStrength]]] = {}
    for actor in found.actors:
        strongest: dict[str, LinkStrength] = {}
        for link in actor.links:  # an actor linked twice to a cluster counts once
            known = strongest.get(link.cluster)
            if known is None or STRENGTHS.index(link.strength) > STRENGTHS.index(known):
                strongest[link.cluster] = link.strength
        for cluster_id, strength in strongest.items():
            links.setdefault(cluster_id, {}).setdefault(actor.kind, []).append(strength)
    clusters = []
    for cluster_id in sorted(links):
        by_kind = links[cluster_id]
        kinds = {kind: KindLinks(len(by_kind[kind]), max(by_kind[kind], key=STRENGTHS.index))
                 for kind in ACTOR_KINDS if kind in by_kind}
        clusters.append(ClusterActors(
            cluster_id, MappingProxyType(kinds),
            tuple(kind for kind in ACTOR_KINDS if kind not in by_kind)))
    return ActorMapResult(found.date, found.illustrative, tuple(clusters), found)


def actor_maps(dataset: Dataset, forum_id: str, as_of: dt.date) -> tuple[ActorMapResult, ...]:
    """Every actor map of a forum dated by ``as_of``, oldest first."""
    return tuple(actor_map(m) for m in dataset.actor_maps.get(forum_id, ())
                 if _by(m.date, as_of))


def latest_actor_maps(dataset: Dataset, as_of: dt.date) -> dict[str, ActorMapResult]:
    """The latest actor map by ``as_of`` of each forum that has one, in forum order."""
    latest = {}
    for forum_id in dataset.forums:
        maps = actor_maps(dataset, forum_id, as_of)
        if maps:
            latest[forum_id] = maps[-1]
    return latest


def cluster_actor_kinds(dataset: Dataset, cluster_id: str, as_of: dt.date,
                        latest: Mapping[str, ActorMapResult] | None = None,
                        ) -> tuple[tuple[str, ActorMapResult, ClusterActors], ...]:
    """(forum id, map, the cluster's actors) of the latest map by ``as_of`` of each forum
    whose map links the cluster, in forum order (``latest``: ``latest_actor_maps`` of the
    same dataset and date, when it is made once for every cluster)."""
    if latest is None:
        latest = latest_actor_maps(dataset, as_of)
    found = []
    for forum_id, result in latest.items():
        mine = next((c for c in result.clusters if c.cluster == cluster_id), None)
        if mine is not None:
            found.append((forum_id, result, mine))
    return tuple(found)


# --- support processes -----------------------------------------------------------------------


@dataclass(frozen=True)
class StepState:
    """One step of a process template and how far the forum has come with it."""

    step: str
    status: StepStatus | Literal["not-started"]
    """planned | in-progress | done | skipped, or not-started when the data does not list
    it; a step dated after the as-of date counts as planned."""
    date: PartialDate | None = None
    outcome: Text | None = None
    listed: bool = False
    """Whether the data lists the step."""


@dataclass(frozen=True)
class ProcessProgress:
    """A forum's way through one support process on the as-of date."""

    process: str
    steps: tuple[StepState, ...]
    """Every step of the template, in its order."""
    steps_done: int
    current_step: str | None
    """The first step that is neither done nor skipped; None when every step is."""
    recommendations: tuple[Recommendation, ...]

    @property
    def steps_total(self) -> int:
        """How many steps the template has."""
        return len(self.steps)


def process_progress(dataset: Dataset, forum: ForumFile, as_of: dt.date
                     ) -> tuple[ProcessProgress, ...]:
    """The progress of each of a forum's support processes, in the forum's order."""
    result = []
    for record in forum.support_processes:
        template = dataset.processes[record.process]
        listed = {s.step: s for s in record.steps}
        steps = []
        for step in template.steps:
            found = listed.get(step.id)
            if found is None:
                steps.append(StepState(step.id, NOT_STARTED))
                continue
            status = found.status
            if found.date is not None and not _by(found.date, as_of):
                status = "planned"
            steps.append(StepState(step.id, status, found.date, found.outcome, listed=True))
        current = next((s.step for s in steps if s.status not in ("done", "skipped")), None)
        result.append(ProcessProgress(
            process=record.process,
            steps=tuple(steps),
            steps_done=sum(1 for s in steps if s.status == "done"),
            current_step=current,
            recommendations=record.recommendations,
        ))
    return tuple(result)


# --- surveys ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerResult:
    """One answer of a question, with its share of the question's answered."""

    text: Text
    count: int | None
    """Choice questions only."""
    share: float | None
    """``count`` of the question's answered; None for ranked answers and when nobody
    answered."""


@dataclass(frozen=True)
class QuestionResult:
    """One question of a survey, worked out."""

    id: str
    kind: QuestionKind
    text: Text
    answered: int
    """As given, else the survey's answered."""
    answered_given: bool
    """Whether the data gives the question's own answered (or skipped) count."""
    skipped: int | None
    multiple: bool
    answers: tuple[AnswerResult, ...]
    """In the data's order (a ranked question's order is its ranking)."""


@dataclass(frozen=True)
class SurveyResult:
    """One survey, worked out."""

    survey: SurveyFile = field(compare=False, repr=False)
    response_rate: float | None
    """answered of invited; None when invited is not known (or 0)."""
    questions: tuple[QuestionResult, ...]

    @property
    def id(self) -> str:
        """The survey's id."""
        return self.survey.id


def survey_result(survey: SurveyFile) -> SurveyResult:
    """A survey's response rate and the shares of its choice answers."""
    questions = []
    for question in survey.questions:
        answered = survey.answered if question.answered is None else question.answered
        answers = []
        for answer in question.answers:
            share = None
            if question.kind == "choice" and answer.count is not None and answered:
                share = answer.count / answered
            answers.append(AnswerResult(answer.text, answer.count, share))
        questions.append(QuestionResult(
            question.id, question.kind, question.text, answered,
            question.answered is not None or question.skipped is not None, question.skipped,
            question.multiple, tuple(answers)))
    rate = survey.answered / survey.invited if survey.invited else None
    return SurveyResult(survey, rate, tuple(questions))


def surveys(dataset: Dataset, as_of: dt.date) -> tuple[SurveyResult, ...]:
    """Every survey dated by ``as_of``, oldest first."""
    return tuple(survey_result(s) for s in dataset.surveys.values() if _by(s.date, as_of))


def forum_surveys(dataset: Dataset, forum_id: str, as_of: dt.date) -> tuple[SurveyFile, ...]:
    """The surveys dated by ``as_of`` that were presented to a forum, oldest first."""
    return tuple(s for s in dataset.surveys.values()
                 if forum_id in s.forums and _by(s.date, as_of))


# --- one forum -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ForumStrategy:
    """Everything of the regional strategy a forum's page and file show."""

    strategy: Strategy | None
    """The forum's strategy as the data gives it (its name and priorities)."""
    coverage: Coverage | None
    stress_tests: tuple[StressTestResult, ...]
    actor_maps: tuple[ActorMapResult, ...]
    processes: tuple[ProcessProgress, ...]
    surveys: tuple[SurveyFile, ...]

    @property
    def empty(self) -> bool:
        """True when the forum has no regional-strategy data at all."""
        return (self.coverage is None and not self.stress_tests and not self.actor_maps
                and not self.processes and not self.surveys)


def forum_strategy(dataset: Dataset, forum: ForumFile, as_of: dt.date) -> ForumStrategy:
    """A forum's regional-strategy results on ``as_of``."""
    return ForumStrategy(
        strategy=forum.strategy,
        coverage=coverage(dataset, forum, as_of),
        stress_tests=stress_tests(dataset, forum.id, as_of),
        actor_maps=actor_maps(dataset, forum.id, as_of),
        processes=process_progress(dataset, forum, as_of),
        surveys=forum_surveys(dataset, forum.id, as_of),
    )


# --- the published view's part -----------------------------------------------------------------


@dataclass(frozen=True)
class FocusRow:
    """One of a cluster's focus areas and the priorities it serves."""

    id: str
    name: Text
    priorities: tuple[ServedPriority, ...]
    illustrative: bool
    certainty: str = "confirmed"
    """The focus area's certainty as published (the page marks it)."""
    source: tuple[str, ...] | None = None
    """Where the focus area is stated (the page's Sources section)."""


@dataclass(frozen=True)
class ClusterStrategy:
    """What a cluster page shows of the regional strategy."""

    focus: tuple[FocusRow, ...] = ()
    actor_kinds: tuple[tuple[str, ActorMapResult, ClusterActors], ...] = ()
    """(forum id, its latest map, the cluster's actors in it), see ``cluster_actor_kinds``."""


@dataclass(frozen=True)
class StrategyView:
    """The regional strategy on the as-of date, computed once for every output: the
    catalogues the pages name things from, each forum's and cluster's results, the
    surveys, and the data files each forum and cluster page is made from."""

    processes: Mapping[str, Process] = field(default_factory=dict)
    catalogue: StressTestCatalogueFile | None = None
    forums: Mapping[str, ForumStrategy] = field(default_factory=dict)
    clusters: Mapping[str, ClusterStrategy] = field(default_factory=dict)
    surveys: tuple[SurveyResult, ...] = ()
    """Every survey dated by the as-of date, oldest first."""
    forum_files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """By forum: the data files (and cluster folders) its strategy sections are made from."""
    cluster_files: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """By cluster: the data files its strategy section is made from, besides its own."""


def strategy_view(dataset: Dataset, as_of: dt.date) -> StrategyView:
    """The regional strategy's part of the published view."""
    clusters = {}
    latest = latest_actor_maps(dataset, as_of)  # once, not once per cluster
    for cluster in dataset.clusters.values():
        focus = tuple(FocusRow(a.id, a.name, served_priorities(dataset, a.priorities),
                               a.illustrative, a.certain, a.source)
                      for a in cluster.focus_areas)
        clusters[cluster.id] = ClusterStrategy(
            focus, cluster_actor_kinds(dataset, cluster.id, as_of, latest))
    return StrategyView(
        processes=MappingProxyType(dict(dataset.processes)),
        catalogue=dataset.stress_catalogue,
        forums=MappingProxyType({f.id: forum_strategy(dataset, f, as_of)
                                 for f in dataset.forums.values()}),
        clusters=MappingProxyType(clusters),
        surveys=surveys(dataset, as_of),
        forum_files=MappingProxyType({f.id: tuple(_forum_files(dataset, f))
                                      for f in dataset.forums.values()}),
        cluster_files=MappingProxyType({c.id: tuple(_cluster_files(dataset, c))
                                        for c in dataset.clusters.values()}),
    )


def _forum_files(dataset: Dataset, forum: ForumFile) -> list[str]:
    """The catalogues, the forum's stress tests and actor maps, the surveys presented to
    it and the folders of the clusters its maps link (their names are shown)."""
    files = ["processes.yaml", "stress-test.yaml"]
    files += [dataset.files[f"stress-test:{forum.id}/{t.date}"]
              for t in dataset.stress_tests.get(forum.id, ())]
    files += [dataset.files[f"actor-map:{forum.id}/{m.date}"]
              for m in dataset.actor_maps.get(forum.id, ())]
    files += [dataset.files[f"survey:{s.id}"] for s in dataset.surveys.values()
              if forum.id in s.forums]
    linked = {link.cluster for m in dataset.actor_maps.get(forum.id, ())
              for actor in m.actors for link in actor.links}
    linked |= {c for m in dataset.actor_maps.get(forum.id, ()) for g in m.gaps
               for c in g.clusters}
    files += [dataset.clusters[c].source_dir for c in sorted(linked)]
    return files


def _cluster_files(dataset: Dataset, cluster: Cluster) -> list[str]:
    """The forums the cluster's focus areas name and every actor map (any may link it)."""
    forums = sorted({ref.split("/", 1)[0] for area in cluster.focus_areas
                     for ref in area.priorities})
    files = [dataset.files[f"forum:{f}"] for f in forums]
    files += [dataset.files[f"actor-map:{forum_id}/{m.date}"]
              for forum_id, maps in dataset.actor_maps.items() for m in maps]
    return files
