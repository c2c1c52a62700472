"""What the pages show of the regional strategy, for one language.

The forum and cluster pages include a section each (``forum_strategy.md.j2``,
``cluster_strategy.md.j2``) with the context made here; every survey has a page of its
own (``surveys/<id>.md``) and the surveys a list (``surveys/index.md``). The results come
from ``generator.results.strategy``; this module only looks things up by id for the
templates and says which data files each page is made from (for incremental builds).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.model import Cluster, Dataset
from generator.data.schema import ForumFile
from generator.results import strategy
from generator.site import strategy_figures
from generator.site.i18n import Language


class SiteRenderer(Protocol):
    """What this module uses of the renderer of one language's pages
    (``generator.site.pages.SiteRenderer``, which calls it)."""

    dataset: Dataset
    language: Language
    as_of: dt.date

    def render(self, path: str, template: str, **context: Any) -> str: ...

    def page_figures(self, page: str, kind: str, item_id: str = "") -> Any: ...


def template_globals(language: Language) -> dict[str, Callable[[str], str]]:
    """The name helpers the strategy templates use."""
    return {
        "actor_kind_name": lambda kind: strategy_figures.actor_kind_name(kind, language),
        "strength_name": lambda value: strategy_figures.strength_name(value, language),
        "step_status_name": lambda value: strategy_figures.step_status_name(value, language),
    }


@dataclass(frozen=True)
class Lookups:
    """The things a forum's strategy sections name by id, found for the templates."""

    dataset: Dataset
    forum: ForumFile
    language: Language

    @property
    def catalogue(self) -> Any:
        """The stress test's catalogue (stress-test.yaml)."""
        return self.dataset.stress_catalogue

    def cluster(self, cluster_id: str) -> Cluster:
        return self.dataset.clusters[cluster_id]

    def priority(self, priority_id: str) -> Any:
        assert self.forum.strategy is not None
        return next(p for p in self.forum.strategy.priorities if p.id == priority_id)

    def joint_action(self, action_id: str) -> Any:
        return next(a for a in self.forum.joint_actions if a.id == action_id)

    def dimension(self, dimension_id: str) -> Any:
        return next(d for d in self.catalogue.dimensions if d.id == dimension_id)

    def direction(self, direction_id: str) -> Any:
        return next(d for d in self.catalogue.directions if d.id == direction_id)

    def group(self, group_id: str) -> Any:
        return next(g for g in self.catalogue.groups if g.id == group_id)

    def process(self, process_id: str) -> Any:
        return self.dataset.processes[process_id]

    def step(self, process_id: str, step_id: str) -> Any:
        return next(s for s in self.dataset.processes[process_id].steps if s.id == step_id)

    def by_direction(self, dimensions: Any) -> list[Any]:
        """Dimension results grouped by direction (the catalogue's order within each)."""
        order = [d.id for d in self.catalogue.directions]
        return sorted(dimensions, key=lambda d: order.index(d.direction))

    def signed(self, value: float) -> str:
        """A change with its sign: +1,0, −0,5, 0,0."""
        text = self.language.number(abs(value), 1)
        return ("+" if value > 0 else "\u2212" if value < 0 else "") + text


def forum_context(renderer: SiteRenderer, forum: ForumFile) -> dict[str, Any]:
    """The context of a forum page's strategy sections: ``s`` (the results) and ``sx``."""
    results = strategy.forum_strategy(renderer.dataset, forum, renderer.as_of)
    return {"s": results, "sx": Lookups(renderer.dataset, forum, renderer.language),
            "strategy_illustrative": any(t.illustrative for t in results.stress_tests)
            or any(m.illustrative for m in results.actor_maps)}


@dataclass(frozen=True)
class FocusRow:
    """A cluster's focus area and the priorities it serves."""

    name: Text
    priorities: tuple[tuple[ForumFile, strategy.ServedPriority], ...]
    illustrative: bool


def cluster_context(renderer: SiteRenderer, cluster: Cluster) -> dict[str, Any]:
    """The context of a cluster page's strategy section: its focus areas and the
    priorities they serve, and the kinds of actor it works with in the latest maps."""
    dataset = renderer.dataset
    rows = [FocusRow(area.name, tuple(
        (dataset.forums[p.forum], p)
        for p in strategy.served_priorities(dataset, area.priorities)), area.illustrative)
        for area in cluster.focus_areas]
    actor_kinds = [(dataset.forums[forum_id], found, mine) for forum_id, found, mine
                   in strategy.cluster_actor_kinds(dataset, cluster.id, renderer.as_of)]
    return {"focus_rows": rows, "actor_kinds": actor_kinds,
            "actor_kind_list": strategy.ACTOR_KINDS}


def timeline_steps(dataset: Dataset, forum: ForumFile, language: Language,
                   as_of: dt.date) -> Iterator[tuple[PartialDate, str]]:
    """(date, title) of every dated step of the forum's support processes, for its
    timeline: "Model region: Workshop (in progress)"."""
    for progress in strategy.process_progress(dataset, forum, as_of):
        process = dataset.processes[progress.process]
        names = {s.id: s.name for s in process.steps}
        for step in progress.steps:
            if step.date is None:
                continue
            process_name = process.name.get(language.code, (language.default,))
            step_name = names[step.step].get(language.code, (language.default,))
            status = strategy_figures.step_status_name(step.status, language)
            title = f"{process_name}: {step_name} ({status})"
            yield step.date, title


def survey_pages(renderer: SiteRenderer) -> Iterator[tuple[str, str]]:
    """The list of surveys and a page per survey dated by the as-of date."""
    results = strategy.surveys(renderer.dataset, renderer.as_of)
    if not results:
        return
    names = {forum_id: forum.name for forum_id, forum in renderer.dataset.forums.items()}
    yield "surveys/index.md", renderer.render("surveys/index.md", "surveys.md.j2",
                                              surveys=[r.survey for r in results],
                                              forum_names=names)
    for result in results:
        path = f"surveys/{result.id}.md"
        forums = [renderer.dataset.forums[f] for f in result.survey.forums]
        yield path, renderer.render(
            path, "survey.md.j2", survey=result.survey, result=result, forums=forums,
            figures=renderer.page_figures(path, "survey", result.id))


def survey_list(dataset: Dataset, as_of: dt.date) -> list[Any]:
    """The surveys dated by the as-of date, newest first (the home page's list)."""
    return [r.survey for r in reversed(strategy.surveys(dataset, as_of))]


def forum_files(dataset: Dataset, forum: ForumFile) -> list[str]:
    """The data files a forum page's strategy sections are made from (relative paths):
    the catalogues, its stress tests and actor maps, the surveys presented to it and the
    folders of the clusters its maps link (their names are shown)."""
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


def cluster_files(dataset: Dataset, cluster: Cluster) -> list[str]:
    """The data files a cluster page's strategy section is made from, besides the
    cluster's own folder and forums: the forums its focus areas name and every actor
    map (any of them may link the cluster)."""
    forums = sorted({ref.split("/", 1)[0] for area in cluster.focus_areas
                     for ref in area.priorities})
    files = [dataset.files[f"forum:{f}"] for f in forums]
    files += [dataset.files[f"actor-map:{forum_id}/{m.date}"]
              for forum_id, maps in dataset.actor_maps.items() for m in maps]
    return files
