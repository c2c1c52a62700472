"""The page builders: which pages the site has, for one language, each rendered from its
template with what it shows. Every page is made from the published view
(``generator.results.view``) alone: templates receive its values, never the data.

Page paths are built from data ids and are the same in every language, so a shared link
keeps working and the language switcher can stay on the same page.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from collections.abc import Iterator, Set
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.base.dates import PartialDate
from generator.render.charts import engine as chart_engine
from generator.render.charts import figures
from generator.render.charts import strategy as strategy_figures
from generator.render.pages import news
from generator.render.pages import strategy as strategy_pages
from generator.render.pages.jinja import Ledger, environment
from generator.render.pages.models import (
    ClusterRow,
    DatedEntry,
    FormerMemberRow,
    ForumRow,
    JointPart,
    MemberRow,
    chronological,
    cluster_timeline,
    event_entry,
    forum_timeline,
)
from generator.render.text import vocabulary
from generator.render.text.i18n import Language
from generator.results.compute import LabelState
from generator.results.view import (
    ClusterView,
    ForumView,
    IndicatorView,
    PublishedView,
    Standing,
)


def _partial(day: dt.date | None) -> PartialDate | None:
    return None if day is None else PartialDate.from_date(day)


@dataclass(frozen=True)
class _Size:
    """An image's width and height as written on a page (numbers or placeholders)."""

    width: Any
    height: Any


class SizesLater:
    """Placeholders for the sizes of images still rendering, and their replacement.

    A page gives each chart image its width and height (no layout shift while it loads),
    known once the SVG is rendered. To render the pages while the charts render, each
    size is written as a placeholder holding a token drawn for this build (data cannot
    forge it) and the image's number, and replaced in the finished pages."""

    def __init__(self) -> None:
        self.token = secrets.token_hex(8)
        self._count = 0
        self._pattern = re.compile(f"\x00kf-{self.token}-(\\d+)-([wh])\x00")

    def placeholders(self, every: dict[str, figures.Figure]) -> dict[str, _Size]:
        """A placeholder size for each figure, numbered in order across calls (the order
        of the images ``fill`` is given)."""
        out = {}
        for path in every:
            n = self._count
            self._count += 1
            out[path] = _Size(Markup(f"\x00kf-{self.token}-{n}-w\x00"),
                              Markup(f"\x00kf-{self.token}-{n}-h\x00"))
        return out

    def fill(self, text: str, images: list[chart_engine.SvgImage]) -> str:
        """``text`` with every placeholder replaced by its image's width or height."""
        if "\x00kf-" not in text:
            return text
        return self._pattern.sub(
            lambda m: str(getattr(images[int(m.group(1))],
                                  "width" if m.group(2) == "w" else "height")), text)


class SiteRenderer:
    """Renders every page of one language to Markdown, in memory."""

    def __init__(self, view: PublishedView, language: Language, *,
                 chart_renderer: chart_engine.ChartRenderer | None = None,
                 skip: Set[tuple[str, str]] = frozenset()):
        self.view = view
        self.language = language
        self.as_of = view.as_of
        self._news: list[DatedEntry] | None = None
        self.chart_renderer = chart_renderer or chart_engine.ChartRenderer()
        self.chart_files: dict[str, bytes] = {}
        """Every chart's SVG, Vega-Lite JSON and CSV (docs-relative path → bytes), filled
        by ``prepare_charts`` (which ``pages`` calls first)."""
        self._figures: dict[tuple[str, str], dict[str, figures.Figure]] | None = None
        self.skip = skip
        """The cluster, forum and indicator pages (kind, id) not to render, nor their
        charts: the build keeps them as the last build wrote them."""
        self._images: dict[str, figures.ShownSize] = {}
        self.env = environment(language)
        self.env.globals.update(
            site=view.site,
            catalogue=view.catalogue,
            rules=view.rules,
            as_of=PartialDate.from_date(view.as_of),
            level_name=lambda level: vocabulary.level_name(level, language),
            level_word=lambda level: vocabulary.level_word(level, language),
            assessment_name=lambda kind: vocabulary.assessment_name(kind, language),
            assessment_word=lambda kind: vocabulary.assessment_word(kind, language),
            programme_name=lambda level: vocabulary.programme_name(level, language),
            status_name=lambda status: vocabulary.status_name(status, language),
            kind_name=lambda kind: vocabulary.kind_name(kind, language),
            change_name=lambda kind: vocabulary.change_name(kind, language),
            condition_text=lambda c: vocabulary.condition_text(c, language),
            cite=view.cite,
            first_url=view.first_url,
            **strategy_pages.template_globals(language),
        )

    def pages(self) -> Iterator[tuple[str, str]]:
        """(docs-relative path, Markdown) of every generated page but those of ``skip``."""
        self.prepare_charts()
        yield "index.md", self.home()
        yield "forums/index.md", self.render("forums/index.md", "forums.md.j2",
                                             forums=self.forums_list())
        for forum in self.view.forums.values():
            if ("forum", forum.id) not in self.skip:
                yield f"forums/{forum.id}.md", self.forum(forum)
        yield from strategy_pages.survey_pages(self)
        yield "clusters/index.md", self.render("clusters/index.md", "clusters.md.j2",
                                               clusters=self.clusters_list())
        for cluster in self.view.clusters.values():
            if ("cluster", cluster.id) not in self.skip:
                yield f"clusters/{cluster.id}.md", self.cluster(cluster)
        yield "indicators/index.md", self.render("indicators/index.md", "indicators.md.j2")
        for indicator in self.view.indicators.values():
            if ("indicator", indicator.id) not in self.skip:
                yield f"indicators/{indicator.id}.md", self.indicator(indicator)
        yield "labels.md", self.render("labels.md", "labels.md.j2", rows=self.label_rows())
        yield "whats-new.md", self.whats_new()

    def whats_new(self) -> str:
        """The latest events, label awards, benchmarkings and plan changes, newest first."""
        return self.render(
            "whats-new.md", "whats_new.md.j2",
            items=self.news_items())

    def feed(self, base: str | None) -> str:
        """The Atom feed of What's new; ``base`` is the language root's absolute URL."""
        return news.atom_feed(self.news_items(), self.view, self.language, base)

    def news_items(self) -> list[DatedEntry]:
        """What's new, worked out once for the page and the feed."""
        if self._news is None:
            self._news = news.collect(self.view, self.language)
        return self._news

    def render(self, path: str, template: str, **context: Any) -> str:
        """One page: a template rendered with the shared context and links relative to
        ``path``. Each record it shows is noted in a ``Ledger`` (``render.sure``), from
        which its banner of example data, its legend of the inferred mark and its Sources
        section are made."""
        root = "../" * path.count("/")
        page = self.env.get_template(template)
        ledger = Ledger()
        text = page.render(root=root, ledger=ledger, examples=False, inferred=False,
                           **context)
        if ledger.example or ledger.inferred:
            # Its banner and legend stand under its title, before what needs them: known
            # once the page is rendered, so a page that needs them is rendered again.
            text = page.render(root=root, ledger=Ledger(), examples=ledger.example,
                               inferred=ledger.inferred, **context)
        return text

    # charts ----------------------------------------------------------------------------

    def prepare_charts(self) -> None:
        """Build every page's figures and render their SVGs at once (cache misses in
        parallel), so that pages can give each image its size; fills ``chart_files``."""
        if self._figures is not None:
            return
        every = self.collect_figures()
        self.use_images(every, self.chart_renderer.render([f.spec for f in every.values()]))

    def collect_figures(self) -> dict[str, figures.Figure]:
        """Every figure to render (by its path), but those of the pages of ``skip``."""
        return dict(self.iter_figures())

    def iter_figures(self) -> Iterator[tuple[str, figures.Figure]]:
        """``collect_figures`` one figure at a time, as each is built."""
        builder = figures.FigureBuilder(self.view, self.language,
                                        cache_dir=self.chart_renderer.cache_dir)
        self._figures = {}
        for page, page_figures in strategy_figures.with_strategy(
                builder, builder.all(skip=self.skip)):
            self._figures[page] = page_figures
            for figure in page_figures.values():
                yield figure.path, figure

    def use_sizes_later(self, every: dict[str, figures.Figure], sizes: SizesLater) -> None:
        """Let pages be rendered before ``every`` figure's image is: each image's width and
        height are written as placeholders, which ``sizes.fill`` replaces in the pages."""
        self._images.update(sizes.placeholders(every))

    def use_images(self, every: dict[str, figures.Figure],
                   images: list[chart_engine.SvgImage]) -> None:
        """Take the rendered images of ``collect_figures``' figures, in the same order."""
        rendered = dict(zip(every, images, strict=True))
        self._images = dict(rendered)
        self.chart_files = dict(figures.files_of(every, rendered))

    def page_figures(self, page: str, kind: str, item_id: str = ""
                     ) -> figures.PageFigures:
        """The figures of one page (by chart name), with links relative to ``page``."""
        self.prepare_charts()
        assert self._figures is not None
        return figures.PageFigures(
            (name, figures.view(figure, self._images[figure.path], page))
            for name, figure in self._figures.get((kind, item_id), {}).items())

    # page builders ---------------------------------------------------------------------

    def home(self) -> str:
        events: list[DatedEntry] = []
        for forum in self.view.forums.values():
            events.extend(event_entry(e, forum=forum) for e in forum.events)
        for cluster in self.view.clusters.values():
            events.extend(event_entry(e, cluster=cluster) for e in cluster.events)
        events = chronological(events)
        return self.render(
            "index.md", "home.md.j2",
            forums=self.forums_list(),
            events=list(reversed([e for e in events if not e.upcoming]))[:8],
            upcoming=[e for e in events if e.upcoming][:8],
            awards=self.view.awards[:8],
            illustrative=self.view.illustrative,
            figures=self.page_figures("index.md", "home"),
            surveys=strategy_pages.survey_list(self.view),
        )

    def forums_list(self) -> list[ForumRow]:
        return [ForumRow(forum, forum.member_clusters) for forum in self.view.forums.values()]

    def clusters_list(self) -> list[ClusterRow]:
        return [ClusterRow(cluster, cluster.current_label, self.view.cluster_forums(cluster))
                for cluster in sorted(self.view.clusters.values(),
                                      key=lambda c: c.name.get(self.language.code).casefold())]

    def forum(self, forum: ForumView) -> str:
        members = []
        for member in forum.current_members:
            cluster = self.view.clusters[member.cluster]
            members.append(MemberRow(member, cluster, cluster.current_label,
                                     cluster.current_programme))
        former = [FormerMemberRow(m, self.view.clusters[m.cluster])
                  for m in forum.former_members]
        return self.render(
            f"forums/{forum.id}.md", "forum.md.j2", forum=forum, members=members,
            former=former, scorecard=forum.scorecard, groups=forum.groups,
            timeline=forum_timeline(self.view, forum, self.language),
            joint_plans=forum.joint_plans, illustrative=forum.illustrative,
            figures=self.page_figures(f"forums/{forum.id}.md", "forum", forum.id),
            **strategy_pages.forum_context(self, forum),
        )

    def cluster(self, cluster: ClusterView) -> str:
        joint = [JointPart(part.action, self.view.forums[part.forum_id], part.joint)
                 for part in cluster.joint]
        return self.render(
            f"clusters/{cluster.id}.md", "cluster.md.j2",
            cluster=cluster,
            forums=self.view.cluster_forums(cluster),
            labels=cluster.labels,
            current=cluster.current_label,
            next_label=cluster.next_label,
            assessments=cluster.assessments,
            latest=cluster.latest,
            joint=joint,
            timeline=cluster_timeline(cluster, self.language),
            illustrative=cluster.illustrative,
            changed=_partial(cluster.changed),
            figures=self.page_figures(f"clusters/{cluster.id}.md", "cluster", cluster.id),
            **strategy_pages.cluster_context(self, cluster),
        )

    def standing(self, indicator: IndicatorView) -> list[Standing]:
        """The rows of an indicator page: every publishing cluster's latest light, by
        the cluster's name in the page's language."""
        return sorted(indicator.rows,
                      key=lambda row: row.cluster.name.get(self.language.code).casefold())

    def indicator(self, indicator: IndicatorView) -> str:
        return self.render(
            f"indicators/{indicator.id}.md", "indicator.md.j2",
            indicator=indicator.indicator,
            area=self.view.catalogue.area(indicator.indicator.area),
            rows=self.standing(indicator), assessed_total=indicator.benchmarked,
            groups=indicator.groups, illustrative=indicator.illustrative,
            figures=self.page_figures(f"indicators/{indicator.id}.md", "indicator",
                                      indicator.id),
        )

    def label_rows(self) -> list[tuple[ClusterView, LabelState]]:
        return list(self.view.label_rows)
