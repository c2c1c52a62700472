"""One forum's regional strategy, and the published view's part: every forum's and
cluster's strategy results, with the data files each is made from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.base.text import Text
from generator.data.model import Cluster, Dataset
from generator.data.schema import (
    ForumFile,
    Process,
    Strategy,
    StressTestCatalogueFile,
    SurveyFile,
)
from generator.results.strategy.actors import (
    ActorMapResult,
    ClusterActors,
    actor_maps,
    cluster_actor_kinds,
    latest_actor_maps,
)
from generator.results.strategy.coverage import (
    Coverage,
    ServedPriority,
    coverage,
    served_priorities,
)
from generator.results.strategy.processes import (
    ProcessProgress,
    SurveyResult,
    forum_surveys,
    process_progress,
    surveys,
)
from generator.results.strategy.stress import StressTestResult, stress_tests

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
