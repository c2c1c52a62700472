"""Which pages the site has, and what each one shows, for one language.

Page paths are built from data ids and are the same in every language, so a shared link
keeps working and the language switcher can stay on the same page. Consent is applied
here, once: a cluster that does not publish its indicators has no lights, scores,
changes or improvement indicators in any view this module hands to a template.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.base.dates import PartialDate
from generator.base.files import KEPT, Content, Kept
from generator.base.text import Text
from generator.data.history import ChangeDates
from generator.data.model import Cluster, Dataset
from generator.data.schema import AssessmentFile, Event, ForumFile, Indicator
from generator.results import compute
from generator.site import charts, figures, news, strategy_figures, strategy_pages, vocabulary
from generator.site.i18n import Language
from generator.site.render import environment


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a timeline."""

    date: PartialDate
    kind: str
    title: Text
    place: Text | None = None
    description: Text | None = None
    cluster: Cluster | None = None
    forum: ForumFile | None = None


@dataclass(frozen=True)
class AssessmentView:
    """An assessment as the public may see it."""

    date: PartialDate
    kind: str
    assessor: Any
    illustrative: bool
    published: bool
    lights: dict[str, str] = field(default_factory=dict)
    score_percent: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    improvements: tuple[Any, ...] = ()
    changes: tuple[compute.Change, ...] = ()
    previous: PartialDate | None = None


@dataclass(frozen=True)
class StandingRow:
    """How one publishing cluster stands on one indicator in its latest benchmarking."""

    cluster: Cluster
    assessment: AssessmentFile
    light: str | None


def public_assessments(cluster: Cluster, dataset: Dataset) -> list[AssessmentView]:
    """A cluster's assessments, oldest first, with results only when the cluster publishes."""
    views: list[AssessmentView] = []
    previous: AssessmentFile | None = None
    for assessment in cluster.assessments:
        if cluster.publish_indicators:
            counts = {light: 0 for light in ("green", "yellow", "red", "n/a")}
            for value in assessment.lights.values():
                counts[value] += 1
            views.append(AssessmentView(
                date=assessment.date, kind=assessment.kind, assessor=assessment.assessor,
                illustrative=assessment.illustrative, published=True,
                lights=dict(assessment.lights), score_percent=assessment.score_percent,
                counts=counts, improvements=assessment.improvements,
                changes=(compute.changes(previous, assessment, dataset.catalogue)
                         if previous is not None else ()),
                previous=previous.date if previous is not None else None,
            ))
        else:
            views.append(AssessmentView(
                date=assessment.date, kind=assessment.kind, assessor=assessment.assessor,
                illustrative=assessment.illustrative, published=False,
                previous=previous.date if previous is not None else None,
            ))
        previous = assessment
    return views


def forum_timeline(dataset: Dataset, forum: ForumFile, language: Language,
                   as_of: dt.date | None = None) -> list[TimelineEntry]:
    """Forum events, the label awards of its members and (with ``as_of``) the dated
    steps of its support processes, oldest first."""
    entries = [_event_entry(e, forum=forum) for e in forum.events]
    for member in forum.members:
        cluster = dataset.clusters[member.cluster]
        for label in cluster.labels:
            entries.append(_label_entry(cluster, label.level, label.awarded, language))
    if as_of is not None:
        entries += [TimelineEntry(date, "process-step", Text(same=title), forum=forum)
                    for date, title in strategy_pages.timeline_steps(dataset, forum, language,
                                                                     as_of)]
    return _chronological(entries)


def cluster_timeline(cluster: Cluster, language: Language) -> list[TimelineEntry]:
    """A cluster's events, programme periods, labels and benchmarkings, oldest first."""
    entries = [_event_entry(e, cluster=cluster) for e in cluster.story_events]
    for label in cluster.labels:
        entries.append(_label_entry(cluster, label.level, label.awarded, language))
    for period in cluster.programme:
        entries.append(TimelineEntry(
            period.from_, "programme",
            Text(same=vocabulary.programme_joined(period.level, language)), cluster=cluster))
    for assessment in cluster.assessments:
        entries.append(TimelineEntry(
            assessment.date, "benchmarking",
            Text(same=vocabulary.assessment_name(assessment.kind, language)), cluster=cluster))
    return _chronological(entries)


def _event_entry(event: Event, **where: Any) -> TimelineEntry:
    return TimelineEntry(event.date, event.kind, event.title, event.place, event.description,
                         **where)


def _label_entry(cluster: Cluster, level: str, awarded: PartialDate,
                 language: Language) -> TimelineEntry:
    title = vocabulary.label_awarded(level, cluster.name.get(language.code), language)
    return TimelineEntry(awarded, "label", Text(same=title), cluster=cluster)


def _chronological(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    return sorted(entries, key=lambda e: (e.date.sort_key(), e.kind, str(e.title)))


def level_name(level: str, language: Language) -> str:
    """A label level in the page's language."""
    return {
        "bronze": language.gettext("Bronze"),
        "silver": language.gettext("Silver"),
        "gold": language.gettext("Gold"),
    }[level]


def programme_name(level: str, language: Language) -> str:
    """A national cluster programme level in the page's language."""
    return {
        "arena": "Arena",
        "arena-pro": "Arena Pro",
        "nce": "NCE",
        "gce": "GCE",
    }.get(level, level)


def status_name(status: str, language: Language) -> str:
    """A label or action status in the page's language."""
    return {
        "valid": language.gettext("valid"),
        "expiring": language.gettext("expiring soon"),
        "expired": language.gettext("expired"),
        "planned": language.gettext("planned"),
        "in-progress": language.gettext("in progress"),
        "done": language.gettext("done"),
        "dropped": language.gettext("dropped"),
    }[status]


def event_kind_name(kind: str, language: Language) -> str:
    """An event kind in the page's language."""
    return {
        "meeting": language.gettext("Meeting"),
        "workshop": language.gettext("Workshop"),
        "benchmarking": language.gettext("Benchmarking"),
        "label": language.gettext("Label"),
        "report": language.gettext("Report"),
        "expert-visit": language.gettext("Expert visit"),
        "milestone": language.gettext("Milestone"),
        "programme": language.gettext("Programme"),
        "process-step": language.gettext("Support process"),
    }[kind]


def change_name(kind: str, language: Language) -> str:
    """A kind of change between two assessments in the page's language."""
    return {
        "improved": language.gettext("improved"),
        "worsened": language.gettext("worsened"),
        "unchanged": language.gettext("unchanged"),
        "newly-assessed": language.gettext("newly assessed"),
        "no-longer-assessed": language.gettext("no longer assessed"),
        "not-assessed": language.gettext("not assessed"),
    }[kind]


def condition_text(condition: compute.Condition, language: Language) -> str:
    """One condition of the path to the next label, in the page's language."""
    names = {
        "benchmarking": language.gettext("A benchmarking by ESCA"),
        "bronze_benchmarkings": language.gettext("Bronze benchmarkings"),
        "min_months_between": language.gettext("Months between two bronze benchmarkings"),
        "documented_improvements": language.gettext("Indicators with documented improvements"),
        "min_score_percent": language.gettext("Score in the latest assessment"),
    }
    return names.get(condition.name, condition.name)


def _partial(day: dt.date | None) -> PartialDate | None:
    return None if day is None else PartialDate.from_date(day)


def _digest(parts: list[str]) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


@cache
def _code_digest() -> str:
    """What of the generator itself decides a page: its code, templates and catalogs."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".j2", ".po") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


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

    def fill(self, text: str, images: list[charts.SvgImage]) -> str:
        """``text`` with every placeholder replaced by its image's width or height."""
        if "\x00kf-" not in text:
            return text
        return self._pattern.sub(
            lambda m: str(getattr(images[int(m.group(1))],
                                  "width" if m.group(2) == "w" else "height")), text)


class SiteRenderer:
    """Renders every page of one language to Markdown, in memory."""

    def __init__(self, dataset: Dataset, language: Language, as_of: dt.date,
                 changes: ChangeDates | None = None, *,
                 chart_renderer: charts.ChartRenderer | None = None):
        self.dataset = dataset
        self.language = language
        self.as_of = as_of
        self.changes = changes or ChangeDates()
        """When each data file last changed (cluster pages, What's new)."""
        self._news: list[news.NewsItem] | None = None
        self.chart_renderer = chart_renderer or charts.ChartRenderer()
        self.chart_files: dict[str, Content] = {}
        """Every chart's SVG, Vega-Lite JSON and CSV (docs-relative path → bytes), filled
        by ``prepare_charts`` (which ``pages`` calls first)."""
        self._figures: dict[tuple[str, str], dict[str, figures.Figure]] | None = None
        self.reused: set[tuple[str, str]] = set()
        """Cluster, forum and indicator pages kept in ``reused_from`` instead of rendering
        (their key is unchanged since the last build, see ``unit_keys``)."""
        self.reused_from = Path()
        self._latest: list[tuple[Cluster, AssessmentFile]] | None = None
        self._images: dict[str, charts.SvgImage | _Size] = {}
        self.env = environment(language)
        self.env.globals.update(
            site=dataset.site,
            catalogue=dataset.catalogue,
            rules=dataset.rules,
            as_of=PartialDate.from_date(as_of),
            level_name=lambda level: level_name(level, language),
            level_word=lambda level: vocabulary.level_word(level, language),
            assessment_name=lambda kind: vocabulary.assessment_name(kind, language),
            assessment_word=lambda kind: vocabulary.assessment_word(kind, language),
            programme_name=lambda level: programme_name(level, language),
            status_name=lambda status: status_name(status, language),
            event_kind_name=lambda kind: event_kind_name(kind, language),
            change_name=lambda kind: change_name(kind, language),
            condition_text=lambda c: condition_text(c, language),
            **strategy_pages.template_globals(language),
        )

    def pages(self) -> Iterator[tuple[str, str | Kept]]:
        """(docs-relative path, Markdown) of every generated page; ``KEPT`` for a reused
        page (``reused``), whose file the last build wrote stays as it is."""
        self.prepare_charts()
        yield "index.md", self.home()
        yield "forums/index.md", self.render("forums/index.md", "forums.md.j2",
                                             forums=self.forums_list())
        for forum in self.dataset.forums.values():
            path = f"forums/{forum.id}.md"
            yield path, (KEPT if ("forum", forum.id) in self.reused
                         else self.forum(forum))
        yield from strategy_pages.survey_pages(self)
        yield "clusters/index.md", self.render("clusters/index.md", "clusters.md.j2",
                                               clusters=self.clusters_list())
        for cluster in self.dataset.clusters.values():
            path = f"clusters/{cluster.id}.md"
            yield path, (KEPT if ("cluster", cluster.id) in self.reused
                         else self.cluster(cluster))
        yield "indicators/index.md", self.render("indicators/index.md", "indicators.md.j2")
        for indicator in self.dataset.catalogue.indicators:
            path = f"indicators/{indicator.id}.md"
            yield path, (KEPT if ("indicator", indicator.id) in self.reused
                         else self.indicator(indicator))
        yield "labels.md", self.render("labels.md", "labels.md.j2", rows=self.label_rows())
        yield "whats-new.md", self.whats_new()

    def whats_new(self) -> str:
        """The latest events, label awards, benchmarkings and plan changes, newest first."""
        return self.render(
            "whats-new.md", "whats_new.md.j2",
            items=self.news_items(),
            news_kind_name=lambda kind: news.kind_name(kind, self.language))

    def feed(self, base: str | None) -> str:
        """The Atom feed of What's new; ``base`` is the language root's absolute URL."""
        return news.atom_feed(self.news_items(), self.dataset, self.language, self.as_of, base)

    def news_items(self) -> list[news.NewsItem]:
        """What's new, worked out once for the page and the feed."""
        if self._news is None:
            self._news = news.collect(self.dataset, self.language, self.as_of, self.changes)
        return self._news

    def render(self, path: str, template: str, **context: Any) -> str:
        """One page: a template rendered with the shared context and links relative to
        ``path``."""
        root = "../" * path.count("/")
        return self.env.get_template(template).render(root=root, **context)

    # charts ----------------------------------------------------------------------------

    def prepare_charts(self) -> None:
        """Build every page's figures and render their SVGs at once (cache misses in
        parallel), so that pages can give each image its size; fills ``chart_files``."""
        if self._figures is not None:
            return
        every = self.collect_figures()
        self.use_images(every, self.chart_renderer.render([f.spec for f in every.values()]))

    def collect_figures(self) -> dict[str, figures.Figure]:
        """Every figure to render (by its path), but those of reused pages."""
        return dict(self.iter_figures())

    def iter_figures(self) -> Iterator[tuple[str, figures.Figure]]:
        """``collect_figures`` one figure at a time, as each is built."""
        builder = figures.FigureBuilder(self.dataset, self.language, self.as_of,
                                        cache_dir=self.chart_renderer.cache_dir)
        self._figures = {}
        for page, page_figures in strategy_figures.with_strategy(
                builder, builder.all(skip=self.reused)):
            self._figures[page] = page_figures
            for figure in page_figures.values():
                yield figure.path, figure

    def use_sizes_later(self, every: dict[str, figures.Figure], sizes: SizesLater) -> None:
        """Let pages be rendered before ``every`` figure's image is: each image's width and
        height are written as placeholders, which ``sizes.fill`` replaces in the pages."""
        self._images.update(sizes.placeholders(every))

    def use_images(self, every: dict[str, figures.Figure],
                   images: list[charts.SvgImage]) -> None:
        """Take the rendered images of ``collect_figures``' figures, in the same order."""
        self._images = dict(zip(every, images, strict=True))
        self.chart_files = figures.files_of(every, self._images)
        base = os.fspath(self.reused_from / "charts")
        for kind, item_id in self.reused:
            try:
                names = os.listdir(os.path.join(base, kind, item_id))
            except (FileNotFoundError, NotADirectoryError):
                continue  # a page without charts
            for name in names:
                self.chart_files[f"charts/{kind}/{item_id}/{name}"] = KEPT

    def unit_keys(self) -> dict[tuple[str, str], str]:
        """A key for each cluster, forum and indicator page that changes whenever anything
        the page or its charts show changes: the files they are made from, the as-of date, the
        language and the generator's own code, templates and catalogs."""
        digests = self.dataset.digests
        shared = _digest([self.as_of.isoformat(), self.language.code, _code_digest(),
                          *(digests.get(name, "") for name in
                            ("site.yaml", "indicators.yaml", "rules.yaml"))])

        by_folder: dict[str, list[str]] = {}  # a cluster's files: clusters/<id>/...
        for rel, d in sorted(digests.items()):
            folder = "/".join(rel.split("/", 2)[:2])
            by_folder.setdefault(folder, []).append(f"{rel}={d}")

        def files_of(folder: str) -> list[str]:
            return by_folder.get(folder, [])

        keys: dict[tuple[str, str], str] = {}
        for cluster in self.dataset.clusters.values():
            parts = [shared, *files_of(cluster.source_dir),
                     str(self.changes.folder(cluster.source_dir))]
            parts += [digests.get(f"forums/{f}.yaml", "") for f in cluster.forum_ids]
            parts += [f"{rel}={digests.get(rel, '')}"
                      for rel in strategy_pages.cluster_files(self.dataset, cluster)]
            keys[("cluster", cluster.id)] = _digest(parts)
        for forum in self.dataset.forums.values():
            parts = [shared, digests.get(f"forums/{forum.id}.yaml", "")]
            parts += [d for g in forum.peer_groups
                      for d in [digests.get(f"peer-groups/{g}.yaml", "")]]
            for member in forum.members:
                parts += files_of(self.dataset.clusters[member.cluster].source_dir)
            for rel in strategy_pages.forum_files(self.dataset, forum):  # the strategy
                parts += [f"{rel}={digests.get(rel, '')}"] if rel.endswith(".yaml") else (
                    files_of(rel))
            keys[("forum", forum.id)] = _digest(parts)
        # An indicator page (and its chart) shows every publishing cluster's latest light
        # on it: its key is those lights, with the names and dates shown beside them.
        groups = [f"{rel}={d}" for rel, d in sorted(digests.items())
                  if rel.startswith("peer-groups/")]
        benchmarked = compute.benchmarked_count(self.dataset, self.as_of)
        standing = [(json.dumps([c.id, c.name.same, c.name.by_language, str(a.date),
                                 a.illustrative], ensure_ascii=False), a.lights)
                    for c, a in self._standing()]
        for indicator in self.dataset.catalogue.indicators:
            parts = [shared, indicator.id, str(benchmarked), *groups]
            parts += [f"{row}={lights.get(indicator.id)}" for row, lights in standing]
            keys[("indicator", indicator.id)] = _digest(parts)
        return keys

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
        events: list[TimelineEntry] = []
        for forum in self.dataset.forums.values():
            events.extend(_event_entry(e, forum=forum) for e in forum.events)
        for cluster in self.dataset.clusters.values():
            events.extend(_event_entry(e, cluster=cluster) for e in cluster.events)
        events = [e for e in events if e.date.first_day() <= self.as_of]
        awards = [
            (cluster, state)
            for cluster in self.dataset.clusters.values()
            for state in compute.label_states(cluster, self.dataset.rules, self.as_of)
        ]
        awards.sort(key=lambda item: (item[1].awarded.sort_key(), item[0].id), reverse=True)
        return self.render(
            "index.md", "home.md.j2",
            forums=self.forums_list(),
            events=list(reversed(_chronological(events)))[:8],
            awards=awards[:8],
            illustrative=self.any_illustrative(),
            figures=self.page_figures("index.md", "home"),
            surveys=strategy_pages.survey_list(self.dataset, self.as_of),
        )

    def forums_list(self) -> list[dict[str, Any]]:
        rows = []
        for forum in self.dataset.forums.values():
            rows.append({
                "forum": forum,
                "members": self.dataset.member_clusters(forum, self.as_of),
            })
        return rows

    def clusters_list(self) -> list[dict[str, Any]]:
        rows = []
        for cluster in sorted(self.dataset.clusters.values(),
                              key=lambda c: c.name.get(self.language.code).casefold()):
            rows.append({
                "cluster": cluster,
                "label": compute.current_label(cluster, self.dataset.rules, self.as_of),
                "forums": self.dataset.cluster_forums(cluster),
            })
        return rows

    def forum(self, forum: ForumFile) -> str:
        members = []
        for member in self.dataset.members(forum, self.as_of):
            cluster = self.dataset.clusters[member.cluster]
            members.append({
                "member": member,
                "cluster": cluster,
                "label": compute.current_label(cluster, self.dataset.rules, self.as_of),
                "programme": cluster.programme[-1] if cluster.programme else None,
            })
        former = [
            {"member": m, "cluster": self.dataset.clusters[m.cluster]}
            for m in self.dataset.former_members(forum, self.as_of)
        ]
        card = compute.scorecard(self.dataset, forum, self.as_of)
        groups = self.dataset.peer_groups_of(forum)
        covered = [self.dataset.clusters[c] for c in card.covered]
        illustrative = any(g.illustrative for g in groups) or any(
            a.illustrative for c in covered for a in c.assessments)
        plans = {
            action.id: [
                cluster for cluster in self.dataset.member_clusters(forum)
                if cluster.plan is not None and any(
                    a.joint == f"{forum.id}/{action.id}" for a in cluster.plan.actions)
            ]
            for action in forum.joint_actions
        }
        return self.render(
            f"forums/{forum.id}.md", "forum.md.j2", forum=forum, members=members,
            former=former, scorecard=card, groups=groups,
            timeline=forum_timeline(self.dataset, forum, self.language, self.as_of),
            joint_plans=plans, illustrative=illustrative,
            figures=self.page_figures(f"forums/{forum.id}.md", "forum", forum.id),
            **strategy_pages.forum_context(self, forum),
        )

    def cluster(self, cluster: Cluster) -> str:
        rules = self.dataset.rules
        assessments = public_assessments(cluster, self.dataset)
        latest = assessments[-1] if assessments else None
        joint = []
        if cluster.plan is not None:
            for action in cluster.plan.actions:
                if action.joint is None:
                    continue
                forum_id, action_id = action.joint.split("/", 1)
                forum = self.dataset.forums[forum_id]
                joint.append((action, forum,
                              next(j for j in forum.joint_actions if j.id == action_id)))
        return self.render(
            f"clusters/{cluster.id}.md", "cluster.md.j2",
            cluster=cluster,
            forums=self.dataset.cluster_forums(cluster),
            labels=compute.label_states(cluster, rules, self.as_of),
            current=compute.current_label(cluster, rules, self.as_of),
            next_label=compute.next_label(cluster, rules, public=True, as_of=self.as_of),
            assessments=assessments,
            latest=latest,
            joint=joint,
            timeline=cluster_timeline(cluster, self.language),
            illustrative=any(a.illustrative for a in cluster.assessments),
            changed=_partial(self.changes.folder(cluster.source_dir)),
            figures=self.page_figures(f"clusters/{cluster.id}.md", "cluster", cluster.id),
            **strategy_pages.cluster_context(self, cluster),
        )

    def _standing(self) -> list[tuple[Cluster, AssessmentFile]]:
        """(cluster, latest assessment on the as-of date) of every cluster that publishes
        its results, by name: what each indicator page lists, worked out once."""
        if self._latest is None:
            self._latest = sorted(
                compute.published_latest(self.dataset, self.as_of),
                key=lambda pair: pair[0].name.get(self.language.code).casefold())
        return self._latest

    def indicator(self, indicator: Indicator) -> str:
        rows = [StandingRow(cluster, latest, latest.lights.get(indicator.id))
                for cluster, latest in self._standing()]
        total = compute.benchmarked_count(self.dataset, self.as_of)
        groups = [
            (group, group.lights.get(indicator.id))
            for group in self.dataset.peer_groups.values()
        ]
        illustrative = any(r.assessment.illustrative for r in rows) or any(
            g.illustrative for g, counts in groups if counts is not None)
        return self.render(
            f"indicators/{indicator.id}.md", "indicator.md.j2", indicator=indicator,
            area=self.dataset.catalogue.area(indicator.area), rows=rows,
            assessed_total=total, groups=groups, illustrative=illustrative,
            figures=self.page_figures(f"indicators/{indicator.id}.md", "indicator",
                                      indicator.id),
        )

    def label_rows(self) -> list[tuple[Cluster, compute.LabelState]]:
        return [
            (self.dataset.clusters[cluster_id], state)
            for cluster_id, state in compute.label_timeline(self.dataset, self.as_of)
        ]

    def any_illustrative(self) -> bool:
        return any(g.illustrative for g in self.dataset.peer_groups.values()) or any(
            a.illustrative for c in self.dataset.clusters.values() if c.publish_indicators
            for a in c.assessments)
