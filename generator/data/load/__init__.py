"""Read and check a whole data tree, collecting every problem, then build the Dataset.

Two phases, as the data format says: every file is read and checked on its own, then the
files are checked against each other. Nothing is built unless both phases pass.

The files it works with and its results are in ``files``, the settling of certainty and
sources in ``settle``; the loader is made of ``base`` (one file), ``scan`` (phase 1),
``join`` and ``strategy`` (phase 2).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import MappingProxyType

from generator.base.catalogs import has_catalog_file
from generator.base.problems import sorted_problems
from generator.data.load.files import (
    OPTIONAL,
    REQUIRED,
    Checked,
    LoadResult,
    StrategyFiles,
    closest,
    display_root,
)
from generator.data.load.join import Joining
from generator.data.load.scan import TreeScan
from generator.data.load.settle import settle
from generator.data.load.strategy import StrategyChecks
from generator.data.schema import (
    ForumFile,
    PeerGroupFile,
    SurveyFile,
)
from generator.data.valuecache import ValueCache


def load_tree(data_dir: Path, cache: ValueCache | None = None) -> LoadResult:
    """Read, check and join the whole tree under ``data_dir``.

    ``cache`` (``ValueCache.for_tree``) saves parsing files unchanged since the last load;
    every check still runs on every file. It is saved when the load is done."""
    loader = _Loader(data_dir, cache)
    result = loader.run()
    if cache is not None:
        cache.save()
    return result



class _Loader(TreeScan, Joining, StrategyChecks):
    """Reads, checks and joins a tree: the phases, in order."""

    def run(self) -> LoadResult:
        if not self.root.is_dir():
            self.error("", f"data folder '{self.root}' does not exist: pass --data with the "
                       "folder that holds site.yaml")
            return LoadResult(None, self.problems)
        self.scan()
        singles: dict[str, Checked] = {}
        for name, model in REQUIRED.items():
            if not self.entries("").get(name):
                self.error(name, f"{name} is missing: every data tree needs site.yaml, "
                           "indicators.yaml and rules.yaml at its top")
                continue
            singles[name] = self.check(name, model)
        languages = ()
        site = singles.get("site.yaml")
        if site is not None and site.model is not None:
            languages = site.model.languages
            for index, code in enumerate(languages):
                if not has_catalog_file(code):
                    self.problems.append(site.source.problem(
                        ("languages", index), f"the site cannot be written in '{code}' yet: "
                        "there is no translation catalog for it (add generator/render/text/locales/"
                        f"{code}/LC_MESSAGES/messages.po, see the README) or remove it from "
                        "languages"))
        for name, model in OPTIONAL.items():
            if self.entries("").get(name):
                singles[name] = self.check(name, model)
        peer_groups = [self.check(rel, PeerGroupFile) for rel in self.files("peer-groups")]
        forums = [self.check(rel, ForumFile) for rel in self.files("forums")]
        clusters, assessments, plans = self.cluster_files()
        self.cluster_items = clusters
        strategy = StrategyFiles(
            stress_tests=self.dated_files("stress-tests"),
            actor_maps=self.dated_files("actor-maps"),
            surveys=[self.check(rel, SurveyFile) for rel in self.files("surveys")])
        self.unexpected_files()
        checked = [*singles.values(), *peer_groups, *forums, *clusters, *plans]
        checked += [c for group in assessments.values() for c in group]
        checked += strategy.items()
        for item in checked:
            if item.model is not None and languages:
                self.translations(item, languages)
        registry = singles.get("sources.yaml")
        known_sources = ({s.id for s in registry.model.sources}
                         if registry is not None and registry.model is not None else set())
        for item in checked:
            if item.model is not None:
                self.cited(item, known_sources)
                item.written, item.model = item.model, settle(item.model)
        if any(p.severity == "error" for p in self.problems):
            return LoadResult(None, sorted_problems(self.problems))
        # phase 2: the files against each other ---------------------------------------------
        dataset = self.join(singles, peer_groups, forums, clusters, assessments, plans)
        dataset = self.join_strategy(dataset, singles, forums, strategy)
        dataset = dataclasses.replace(dataset, digests=MappingProxyType({
            item.rel: item.source.digest for item in checked}), sources=MappingProxyType(
                {s.id: s for s in registry.model.sources} if registry is not None else {}))
        for item in checked:
            item.source.forget_nodes()
        errors = any(p.severity == "error" for p in self.problems)
        return LoadResult(None if errors else dataset, sorted_problems(self.problems))


__all__ = ["LoadResult", "closest", "display_root", "load_tree", "settle"]
