"""Phase 2 for the regional strategy: the forums' strategies and support processes,
the clusters' focus areas, stress tests, actor maps and surveys checked against the tree."""

from __future__ import annotations

import dataclasses
from types import MappingProxyType
from typing import Any

from generator.data.load.base import LoaderBase
from generator.data.load.files import Checked, StrategyFiles, by_date, choices
from generator.data.model import Dataset
from generator.data.schema import (
    ActorMapFile,
    ClusterFile,
    ForumFile,
    Process,
    StressTestCatalogueFile,
    StressTestFile,
)


class StrategyChecks(LoaderBase):
    """Phase 2 for the regional strategy."""

    def join_strategy(self, dataset: Dataset, singles: dict[str, Checked],
                      forums: list[Checked], strategy: StrategyFiles) -> Dataset:
        """Check every regional-strategy reference; the dataset with the strategy files."""
        processes_item = singles.get("processes.yaml")
        processes: dict[str, Process] | None = None
        if processes_item is not None:
            processes = {p.id: p for p in processes_item.model.processes}
        catalogue_item = singles.get("stress-test.yaml")
        catalogue: StressTestCatalogueFile | None = (
            None if catalogue_item is None else catalogue_item.model)
        actions = {f.id: {a.id for a in f.joint_actions} for f in dataset.forums.values()}
        for item in forums:
            self.forum_strategy(item, processes, actions[item.model.id])
        for item in (i for i in self.cluster_items if i.model is not None):
            self.focus_areas(item, dataset)
        files = dict(dataset.files)
        stress_tests: dict[str, tuple[StressTestFile, ...]] = {}
        for folder, items in strategy.stress_tests.items():
            if not self.forum_folder("stress-tests", folder, items, dataset):
                continue
            for item in items:
                self.stress_test(item, catalogue, actions.get(folder, set()))
                files[f"stress-test:{folder}/{item.model.date}"] = item.rel
            stress_tests[folder] = by_date(items)
        actor_maps: dict[str, tuple[ActorMapFile, ...]] = {}
        for folder, items in strategy.actor_maps.items():
            if not self.forum_folder("actor-maps", folder, items, dataset):
                continue
            for item in items:
                self.actor_map(item, dataset)
                files[f"actor-map:{folder}/{item.model.date}"] = item.rel
            actor_maps[folder] = by_date(items)
        self.unique_ids(strategy.surveys, "survey")
        for item in strategy.surveys:
            files[f"survey:{item.model.id}"] = item.rel
            for i, forum_id in enumerate(item.model.forums):
                self.known(item, ("forums", i), forum_id, set(dataset.forums), "forum",
                           "forums/")
        surveys = sorted((i.model for i in strategy.surveys),
                         key=lambda s: (s.date.sort_key(), s.id))
        return dataclasses.replace(
            dataset,
            processes=MappingProxyType(processes or {}),
            stress_catalogue=catalogue,
            stress_tests=MappingProxyType(stress_tests),
            actor_maps=MappingProxyType(actor_maps),
            surveys=MappingProxyType({s.id: s for s in surveys}),
            files=MappingProxyType(files),
        )


    def forum_strategy(self, item: Checked, processes: dict[str, Process] | None,
                       actions: set[str]) -> None:
        forum: ForumFile = item.model
        for i, record in enumerate(forum.support_processes):
            where = ("support_processes", i)
            self.joint_actions(item, (*where, "recommendations"), record.recommendations,
                               forum.id, actions)
            if processes is None:
                self.problems.append(item.source.problem(
                    (*where, "process"), "there is no processes.yaml: add it with the "
                    f"process '{record.process}' and its steps, or remove support_processes"))
                continue
            process = processes.get(record.process)
            if process is None:
                self.problems.append(item.source.problem(
                    (*where, "process"), f"process '{record.process}' is not in "
                    f"processes.yaml: write one of {choices(sorted(processes))}"))
                continue
            order = [step.id for step in process.steps]
            last = -1
            for j, step in enumerate(record.steps):
                if step.step not in order:
                    self.problems.append(item.source.problem(
                        (*where, "steps", j, "step"), f"step '{step.step}' is not a step of "
                        f"process '{process.id}': write one of {choices(order)}"))
                    continue
                at = order.index(step.step)
                if at <= last:
                    self.problems.append(item.source.problem(
                        (*where, "steps", j, "step"), f"step '{step.step}' is out of order: "
                        "list the steps in the order of processes.yaml, each once ("
                        + ", ".join(order) + ")"))
                last = max(last, at)


    def joint_actions(self, item: Checked, loc: tuple[Any, ...], recommendations: Any,
                      forum_id: str, actions: set[str]) -> None:
        for k, recommendation in enumerate(recommendations):
            action = recommendation.joint_action
            if action is not None and action not in actions:
                self.problems.append(item.source.problem(
                    (*loc, k, "joint_action"), f"forum '{forum_id}' has no joint action "
                    f"'{action}': write one of {choices(sorted(actions))}"))


    def focus_areas(self, item: Checked, dataset: Dataset) -> None:
        profile: ClusterFile = item.model
        for i, area in enumerate(profile.focus_areas):
            for j, ref in enumerate(area.priorities):
                loc = ("focus_areas", i, "priorities", j)
                forum_id, priority = ref.split("/", 1)
                forum = dataset.forums.get(forum_id)
                if forum is None:
                    self.known(item, loc, forum_id, set(dataset.forums), "forum", "forums/")
                elif forum.strategy is None:
                    self.problems.append(item.source.problem(
                        loc, f"forum '{forum_id}' has no strategy: add strategy: with its "
                        f"priorities to forums/{forum_id}.yaml first"))
                elif priority not in (ids := [p.id for p in forum.strategy.priorities]):
                    self.problems.append(item.source.problem(
                        loc, f"forum '{forum_id}' has no priority '{priority}': write one of "
                        + choices(f"{forum_id}/{p}" for p in ids)))


    def forum_folder(self, folder: str, name: str, items: list[Checked],
                     dataset: Dataset) -> bool:
        """Whether a folder of dated files is named after a forum (an error in each of its
        files otherwise)."""
        if name in dataset.forums:
            return True
        for item in items:
            self.problems.append(item.source.problem(
                (), f"the folder {folder}/{name}/ is not a forum: name the folder after the "
                f"forum's id, one of {choices(sorted(dataset.forums))}"))
        return False


    def stress_test(self, item: Checked, catalogue: StressTestCatalogueFile | None,
                    actions: set[str]) -> None:
        test: StressTestFile = item.model
        self.dated_name(item, test.date, "stress test")
        forum_id = item.rel.split("/")[1]
        self.joint_actions(item, ("recommendations",), test.recommendations, forum_id, actions)
        if catalogue is None:
            self.problems.append(item.source.problem(
                (), "there is no stress-test.yaml: add the stress test's catalogue (scale, "
                "groups, directions, dimensions) at the top of the data folder"))
            return
        groups = [g.id for g in catalogue.groups]
        for group in test.respondents:
            if group not in groups:
                self.problems.append(item.source.problem(
                    ("respondents", group), f"group '{group}' is not in stress-test.yaml: "
                    f"write one of {choices(groups)}"))
        dimensions = [d.id for d in catalogue.dimensions]
        low, high = catalogue.scale.min, catalogue.scale.max
        for dimension, score in test.scores.items():
            if dimension not in dimensions:
                self.problems.append(item.source.problem(
                    ("scores", dimension), f"dimension '{dimension}' is not in "
                    f"stress-test.yaml: write one of {choices(dimensions)}"))
            for key in ("region", "frontrunners"):
                value = getattr(score, key)
                if not low <= value <= high:
                    self.problems.append(item.source.problem(
                        ("scores", dimension, key), f"score {value:g} is outside the scale "
                        f"{low:g}–{high:g} of stress-test.yaml: write a score from {low:g} "
                        f"to {high:g}"))


    def actor_map(self, item: Checked, dataset: Dataset) -> None:
        actor_map: ActorMapFile = item.model
        self.dated_name(item, actor_map.date, "actor map")
        clusters = set(dataset.clusters)
        for i, actor in enumerate(actor_map.actors):
            for j, link in enumerate(actor.links):
                self.known(item, ("actors", i, "links", j, "cluster"), link.cluster, clusters,
                           "cluster", "clusters/")
        for i, gap in enumerate(actor_map.gaps):
            for j, cluster in enumerate(gap.clusters):
                self.known(item, ("gaps", i, "clusters", j), cluster, clusters, "cluster",
                           "clusters/")
