"""What the pages show of the regional strategy, for one language.

The forum and cluster pages include a section each (``forum_strategy.md.j2``,
``cluster_strategy.md.j2``) with the context made here; every survey has a page of its
own (``surveys/<id>.md``) and the surveys a list (``surveys/index.md``). The results are
the published view's (``view.strategy``, ``generator.results.strategy``): this module
only looks things up by id for the templates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from generator.data.schema import (
    JointAction,
    Process,
    StressTestCatalogueFile,
    SurveyFile,
)
from generator.data.schema.records import Priority
from generator.data.schema.strategy import Dimension, Direction, ProcessStep, StakeholderGroup
from generator.render.pages.jinja import certainty_of, sources_of
from generator.render.text import vocabulary
from generator.render.text.i18n import Language
from generator.results import strategy
from generator.results.strategy.stress import DimensionResult
from generator.results.view import ClusterView, ForumView, PublishedView


class SiteRenderer(Protocol):
    """What this module uses of the renderer of one language's pages
    (``generator.render.pages.builders.SiteRenderer``, which calls it)."""

    view: PublishedView
    language: Language

    def render(self, path: str, template: str, **context: Any) -> str: ...

    def page_figures(self, page: str, kind: str, item_id: str = "") -> Any: ...


def template_globals(language: Language) -> dict[str, Callable[[str], str]]:
    """The name helpers the strategy templates use."""
    return {
        "actor_kind_name": lambda kind: vocabulary.actor_kind_name(kind, language),
        "strength_name": lambda value: vocabulary.strength_name(value, language),
        "step_status_name": lambda value: vocabulary.step_status_name(value, language),
    }


@dataclass(frozen=True)
class Lookups:
    """The things a forum's strategy sections name by id, found for the templates."""

    view: PublishedView
    forum: ForumView
    results: strategy.ForumStrategy
    language: Language

    @property
    def catalogue(self) -> StressTestCatalogueFile:
        """The stress test's catalogue (stress-test.yaml; there are stress tests to show
        only when there is one)."""
        catalogue = self.view.strategy.catalogue
        assert catalogue is not None, "a stress test without stress-test.yaml"
        return catalogue

    def cluster(self, cluster_id: str) -> ClusterView:
        return self.view.clusters[cluster_id]

    def priority(self, priority_id: str) -> Priority:
        assert self.results.strategy is not None
        return next(p for p in self.results.strategy.priorities if p.id == priority_id)

    def joint_action(self, action_id: str) -> JointAction:
        return next(a for a in self.forum.joint_actions if a.id == action_id)

    def dimension(self, dimension_id: str) -> Dimension:
        return next(d for d in self.catalogue.dimensions if d.id == dimension_id)

    def direction(self, direction_id: str) -> Direction:
        return next(d for d in self.catalogue.directions if d.id == direction_id)

    def group(self, group_id: str) -> StakeholderGroup:
        return next(g for g in self.catalogue.groups if g.id == group_id)

    def process(self, process_id: str) -> Process:
        return self.view.strategy.processes[process_id]

    def step(self, process_id: str, step_id: str) -> ProcessStep:
        return next(s for s in self.process(process_id).steps if s.id == step_id)

    def by_direction(self, dimensions: Sequence[DimensionResult]) -> list[DimensionResult]:
        """Dimension results grouped by direction (the catalogue's order within each)."""
        order = [d.id for d in self.catalogue.directions]
        return sorted(dimensions, key=lambda d: order.index(d.direction))

    def respondents(self, counts: Mapping[str, int]) -> str:
        """How many answered from each stakeholder group, the group first and in lower
        case, the number after it, so that one respondent reads as well as many:
        'cluster managers (6), regional policy makers (1) and research institutions (2)'."""
        code, fallbacks = self.language.code, (self.language.default,)
        return self.language.join(
            f"{vocabulary.lower_first(self.group(g).name.get(code, fallbacks))} "
            f"({self.language.number(n)})" for g, n in counts.items())

    def between(self, kinds: Sequence[str]) -> str:
        """The kinds of actor a gap lies between: 'between companies and research'."""
        words = (vocabulary.actor_kind_word(k, self.language) for k in kinds)
        return self.language.gettext("between %(kinds)s") % {
            "kinds": self.language.join(words)}

    def signed(self, value: float) -> str:
        """A change with its sign: +1,0, −0,5, 0,0."""
        text = self.language.number(abs(value), 1)
        return ("+" if value > 0 else "\u2212" if value < 0 else "") + text


def forum_context(renderer: SiteRenderer, forum: ForumView) -> dict[str, Any]:
    """The context of a forum page's strategy sections: ``s`` (the results) and ``sx``."""
    results = renderer.view.strategy.forums[forum.id]
    return {"s": results, "sx": Lookups(renderer.view, forum, results, renderer.language)}


@dataclass(frozen=True)
class FocusRow:
    """A cluster's focus area and the priorities it serves, with their forums."""

    name: Any
    priorities: tuple[tuple[ForumView, strategy.ServedPriority], ...]
    illustrative: bool
    certainty: str = "confirmed"
    source: tuple[str, ...] | None = None


def cluster_context(renderer: SiteRenderer, cluster: ClusterView) -> dict[str, Any]:
    """The context of a cluster page's strategy section: its focus areas and the
    priorities they serve, and the kinds of actor it works with in the latest maps."""
    view = renderer.view
    found = view.strategy.clusters.get(cluster.id, strategy.ClusterStrategy())
    rows = [FocusRow(row.name, tuple((view.forums[p.forum], p) for p in row.priorities),
                     row.illustrative, certainty_of(row), sources_of(row))
            for row in found.focus]
    actor_kinds = [(view.forums[forum_id], latest, mine)
                   for forum_id, latest, mine in found.actor_kinds]
    return {"focus_rows": rows, "actor_kinds": actor_kinds,
            "actor_kind_list": strategy.ACTOR_KINDS}


def survey_pages(renderer: SiteRenderer) -> Iterator[tuple[str, str]]:
    """The list of surveys and a page per survey dated by the as-of date."""
    view = renderer.view
    results = view.strategy.surveys
    if not results:
        return
    names = {forum_id: forum.name for forum_id, forum in view.forums.items()}
    yield "surveys/index.md", renderer.render("surveys/index.md", "surveys.md.j2",
                                              surveys=[r.survey for r in results],
                                              forum_names=names)
    for result in results:
        path = f"surveys/{result.id}.md"
        forums = [view.forums[f] for f in result.survey.forums]
        yield path, renderer.render(
            path, "survey.md.j2", survey=result.survey, result=result, forums=forums,
            figures=renderer.page_figures(path, "survey", result.id))


def survey_list(view: PublishedView) -> list[SurveyFile]:
    """The surveys dated by the as-of date, newest first (the home page's list)."""
    return [r.survey for r in reversed(view.strategy.surveys)]
