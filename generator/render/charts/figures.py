"""What each page's charts show: DataFrames from the published view, words in the page's
language.

A Figure is one chart of one page: its Vega-Lite spec (``generator.render.charts.kinds``), a
title, a caption, a text alternative and a table of the same data, and the files published for
it (``charts/<page kind>/<id>/<chart>.svg``, ``.vl.json`` and ``.csv``: the same paths in
every language, the content in that language).

Every figure is made from the published view (``generator.results.view``) alone, where
consent (the Data format page, "Consent") and the as-of date are decided: a cluster that
does not publish its indicators contributes nothing to any chart that shows lights (no
share, no count, no cell), and its own page has no lights chart. Its labels, programme and
the dates and kinds of its benchmarkings are public and appear in the timelines.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Container, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import pandas as pd
from markupsafe import Markup

from generator.base.dates import PartialDate
from generator.data.schema import ASSESSED_LIGHTS, LIGHTS
from generator.render.charts import engine as chart_engine
from generator.render.charts import kinds as charts
from generator.render.charts import palette, specs
from generator.render.opendata import csv_file
from generator.render.pages.jinja import certainty_of, least_certain, light_badge, sources_of
from generator.render.text import vocabulary
from generator.render.text.i18n import Language
from generator.render.text.vocabulary import (
    ASSESSMENT_KINDS,
    Vocabulary,
    assessment_name,
    certainty_note,
    light_name,
)
from generator.results import compute
from generator.results.view import ClusterView, ForumView, IndicatorView, PublishedView

EVENT_SHAPES = {
    "benchmarking": "diamond",
    "meeting": "circle",
    "workshop": "square",
    "label": "triangle-up",
    "report": "triangle-down",
    "expert-visit": "cross",
    "gold-assessment": "triangle-left",
    "milestone": "triangle-right",
}
"""The symbol of each dated mark in timelines (a benchmarking is always a diamond)."""


@dataclass(frozen=True)
class Figure:
    """One chart of one page, with everything needed to show, describe and publish it."""

    kind: str
    """cluster-lights | cluster-timeline | forum-scorecard | forum-matrix | forum-labels |
    forum-coverage | forum-stress-test | forum-actors | survey-answers |
    indicator-standing | home-labels"""
    path: str
    """Docs-relative path of its files, without extension: ``charts/cluster/x/lights``."""
    title: str
    caption: str
    alt: str
    columns: tuple[Any, ...]
    """Table header cells: plain text (escaped on the page) or Markup (badges)."""
    rows: tuple[tuple[Any, ...], ...]
    spec: dict[str, Any] = field(compare=False, repr=False)
    frame: pd.DataFrame = field(compare=False, repr=False)
    """The chart's data, as published in the CSV (``csv_file.frame_csv``)."""
    certainty: str = "confirmed"
    """The least sure of the records the chart draws (its caption and text alternative
    say so when it is not confirmed)."""
    source: tuple[str, ...] | None = None
    """The sources of those records (the page's Sources section)."""

    def files(self, image: chart_engine.SvgImage) -> dict[str, bytes]:
        """The published files of this figure (docs-relative path → bytes)."""
        return {
            f"{self.path}.svg": _with_title(image.svg, self.title),
            f"{self.path}.vl.json": specs.spec_json(self.spec),
            f"{self.path}.csv": csv_file.frame_csv(self.frame),
        }


@dataclass(frozen=True)
class FigureView:
    """A figure as one page shows it: links relative to that page, HTML already escaped."""

    figure: Figure
    src: Markup
    """The SVG, relative to the page's URL (raw HTML is not rewritten by MkDocs)."""
    json_href: Markup
    """The Vega-Lite file, relative to the page's Markdown file (MkDocs checks it)."""
    csv_href: Markup
    width: int | str
    """In pixels, or a placeholder the pipeline replaces once the image is rendered."""
    height: int | str

    @property
    def title(self) -> str:
        return self.figure.title

    @property
    def certainty(self) -> str:
        return self.figure.certainty

    @property
    def source(self) -> tuple[str, ...] | None:
        return self.figure.source

    @property
    def title_html(self) -> Markup:
        return Markup(html.escape(self.figure.title))

    @property
    def caption_html(self) -> Markup:
        return Markup(html.escape(self.figure.caption))

    @property
    def alt_html(self) -> Markup:
        return Markup(html.escape(self.figure.alt))

    @property
    def columns(self) -> tuple[Any, ...]:
        return self.figure.columns

    @property
    def rows(self) -> tuple[tuple[Any, ...], ...]:
        return self.figure.rows


class PageFigures(dict[str, FigureView]):
    """A page's figures by chart name; a chart the page does not have is None, so a
    template can write ``{% if figures.lights %}``."""

    def __missing__(self, name: str) -> None:
        return None


def page_url_depth(page: str) -> int:
    """How many folders deep a page's URL is (``use_directory_urls``): ``clusters/x.md``
    is served at ``clusters/x/`` (2), ``index.md`` at the root (0), ``forums/index.md``
    at ``forums/`` (1)."""
    if page == "index.md" or page.endswith("/index.md"):
        return page.count("/")
    return page.count("/") + 1


class ShownSize(Protocol):
    """What a page needs of a chart's image: its size, in pixels or as a placeholder."""

    @property
    def width(self) -> int | str: ...

    @property
    def height(self) -> int | str: ...


def view(figure: Figure, image: ShownSize, page: str) -> FigureView:
    """How ``page`` shows ``figure``."""
    from_url = "../" * page_url_depth(page)
    from_file = "../" * page.count("/")
    path = html.escape(figure.path)  # built from ids (slugs, indicator codes): nothing to escape
    return FigureView(
        figure=figure,
        src=Markup(f"{from_url}{path}.svg"),
        json_href=Markup(f"{from_file}{path}.vl.json"),
        csv_href=Markup(f"{from_file}{path}.csv"),
        width=image.width,
        height=image.height,
    )


def _with_title(svg: bytes, title: str) -> bytes:
    """The SVG with a <title> (the name a downloaded file shows)."""
    text = svg.decode()
    end = text.index(">", text.index("<svg")) + 1
    return (text[:end] + f"<title>{html.escape(title)}</title>" + text[end:]).encode()


class FigureBuilder:
    """Every chart of one language's pages."""

    def __init__(self, view: PublishedView, language: Language, *,
                 validate: bool = False, cache_dir: Path | None = None):
        """``validate``: check every new spec against the Vega-Lite schema (tests do);
        ``cache_dir``: where specs built before are kept (see ``specs.build_spec``)."""
        self.view = view
        self.language = language
        self.as_of = view.as_of
        self.validate = validate
        self.cache_dir = cache_dir
        self.names = Vocabulary(language)
        glyphs = palette.LIGHT_GLYPHS
        self.light_labels = {code: f"{glyphs[code]} {light_name(code, language)}"
                             for code in LIGHTS}

    # every figure ------------------------------------------------------------------------

    def all(self, skip: Container[tuple[str, str]] = ()
            ) -> Iterator[tuple[tuple[str, str], dict[str, Figure]]]:
        """((page kind, id), {chart name: figure}) for every page that has charts, but
        the pages in ``skip`` (whose charts are known not to have changed)."""
        yield ("home", ""), self._present(labels=self.home_labels())
        for forum in self.view.forums.values():
            if ("forum", forum.id) in skip:
                continue
            yield ("forum", forum.id), self._present(
                scorecard=self.forum_scorecard(forum), matrix=self.forum_matrix(forum),
                labels=self.forum_labels(forum))
        for cluster in self.view.clusters.values():
            if ("cluster", cluster.id) in skip:
                continue
            yield ("cluster", cluster.id), self._present(
                lights=self.cluster_lights(cluster), timeline=self.cluster_timeline(cluster))
        for indicator in self.view.indicators.values():
            if ("indicator", indicator.id) in skip:
                continue
            yield ("indicator", indicator.id), self._present(
                standing=self.indicator_standing(indicator))

    @staticmethod
    def _present(**figures: Figure | None) -> dict[str, Figure]:
        return {name: f for name, f in figures.items() if f is not None}

    # helpers -----------------------------------------------------------------------------

    def _(self, message: str) -> str:
        return self.language.gettext(message)

    def _date(self, value: PartialDate) -> str:
        return self.language.date(value)

    def _name(self, item: Any) -> str:
        return str(item.name.get(self.language.code, (self.language.default,)))

    def _spec(self, kind: charts.ChartKind, params: dict[str, Any], frame: pd.DataFrame,
              description: str) -> dict[str, Any]:
        return specs.build_spec(kind, frame, params, self.language.code, description,
                                 cache_dir=self.cache_dir, check=self.validate)

    def _area_label(self, area_id: str) -> str:
        return f"{area_id} {self._name(self.view.catalogue.area(area_id))}"

    def _lights_frame_columns(self, code: str) -> dict[str, Any]:
        return {"light": code, "light_label": self.light_labels[code],
                "light_rank": (ASSESSED_LIGHTS.index(code) if code in ASSESSED_LIGHTS
                               else len(ASSESSED_LIGHTS))}

    @staticmethod
    def sure(*records: Any) -> dict[str, Any]:
        """A chart's ``certainty`` and ``source``: those of the records it draws."""
        return {"certainty": least_certain(certainty_of(r) for r in records),
                "source": tuple(dict.fromkeys(ref for r in records
                                              for ref in sources_of(r) or ())) or None}

    def certainty_note(self, certainty: str) -> str:
        """What a chart's caption and text alternative add when it draws example or
        inferred records (nothing for confirmed ones), so that a reader of either, or of
        the chart alone, knows it."""
        if certainty == "example":
            return " " + self._("Illustrative figures: examples, not published results.")
        if certainty == "inferred":
            return " " + self._("Some of what the chart shows is inferred: concluded from what the "
                                "sources say, not stated by them.")
        return ""

    def certainty_cell(self, text: str, record: Any) -> str:
        """A cell of a chart's table naming one record, with "(inferred)" or "(example
        data)" after it when it is not confirmed."""
        note = certainty_note(certainty_of(record), self.language)
        return f"{text} {note}" if note else text

    # cluster -----------------------------------------------------------------------------

    def cluster_lights(self, cluster: ClusterView) -> Figure | None:
        """Green, yellow and red per area in each benchmarking (publishing clusters only)."""
        assessments = cluster.published_assessments
        if not assessments:
            return None
        _ = self._
        catalogue = self.view.catalogue
        areas = [self._area_label(a.id) for a in catalogue.areas]
        dates = [self._date(a.date) for a in assessments]
        records = []
        table = []
        for area in catalogue.areas:
            ids = [i.id for i in catalogue.in_area(area.id)]
            for assessment, date in zip(assessments, dates, strict=True):
                counts: Counter[str | None] = Counter(assessment.lights.get(i) for i in ids)
                for code in ASSESSED_LIGHTS:
                    records.append({"area_id": area.id, "area": self._area_label(area.id),
                                    "date": assessment.date.isoformat(), "benchmarking": date,
                                    **self._lights_frame_columns(code), "count": counts[code]})
                table.append((self._area_label(area.id), date,
                              *(self.language.number(counts[c]) for c in ASSESSED_LIGHTS)))
        frame = pd.DataFrame.from_records(records)
        latest: Counter[str] = Counter(assessments[-1].lights.values())
        if len(assessments) == 1:
            alt = _("Stacked bars, a row per area: how many indicators had a green, yellow "
                    "and red light in the cluster's assessment %(when)s.")
        else:  # assessments: an expert visit or a gold assessment is no benchmarking
            alt = _("Stacked bars, a row per area and a column per assessment: how many "
                    "indicators had a green, yellow and red light in each of the cluster's "
                    "%(n)d assessments, from %(first)s to %(last)s.")
        alt = alt % {"n": len(assessments), "first": dates[0], "last": dates[-1],
                     "when": self.language.on(assessments[0].date)}
        shown = vocabulary.light_counts(latest, self.language, ASSESSED_LIGHTS)
        alt += " " + (_("It showed: %(counts)s.") if len(assessments) == 1
                      else _("In the latest: %(counts)s.")) % {"counts": shown}
        sure = self.sure(*assessments)
        note = self.certainty_note(sure["certainty"])
        alt += note
        chart = charts.lights_by_area, dict(
            light_labels=self.light_labels, areas=areas, benchmarkings=dates,
            x_title=_("Indicators"), legend_title=_("Light"))
        return Figure(
            kind="cluster-lights",
            path=f"charts/cluster/{cluster.id}/lights",
            title=_("Quality lights per area, assessment by assessment"),
            caption=_("The number of indicators in each area with a green, yellow or red "
                      "light in each assessment (benchmarking, expert visit or gold "
                      "assessment). Indicators not assessed are left out.")
            + note,
            alt=alt,
            columns=(_("Area"), _("Assessment"), *self._light_headers()),
            rows=tuple(table),
            spec=self._spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )

    def stated_members(self, forum: ForumView, named: int) -> str:
        """A sentence for a forum whose sources state more member clusters than they name
        (the scorecard counts only the named ones); '' otherwise."""
        if forum.members_count is None or forum.members_count <= named:
            return ""
        return " " + self._(
            "Its sources state %(stated)d member clusters and name %(named)d; only named "
            "ones can be counted.") % {"stated": forum.members_count, "named": named}

    def _light_headers(self) -> tuple[Markup, ...]:
        return tuple(light_badge(code, self.language) for code in ASSESSED_LIGHTS)

    def cluster_timeline(self, cluster: ClusterView) -> Figure | None:
        """Programme periods and label validity as bars; benchmarkings and events as marks."""
        _ = self._
        names = self.names
        as_of = self.as_of.isoformat()
        labels = cluster.labels
        assessments = cluster.assessments
        programme_lane = _("National cluster programme")
        level_lanes = {level: names.level(level) for level in compute.LEVELS
                       if any(s.level == level for s in labels)}
        lanes = ([programme_lane] if cluster.programme else []) + list(level_lanes.values())
        if assessments:
            lanes.append(_("Assessments"))
        # A lane per kind of event (in the frame, their lane is "Events"): see charts.periods.
        lanes.extend(names.kind(kind) for kind in EVENT_SHAPES
                     if any(e.kind == kind for e in cluster.story_events))
        if not lanes:
            return None
        categories: dict[str, str] = {}
        for period in cluster.programme:
            categories[names.programme(period.level)] = palette.PROGRAMME_COLOURS[period.level]
        for level in compute.LEVELS:
            if any(s.level == level for s in labels) or any(a.kind == level
                                                            for a in assessments):
                categories[names.level(level)] = palette.LEVEL_COLOURS[level]
        rows: list[dict[str, str]] = []
        table = []

        def add(**row: str) -> None:
            rows.append({"mark": "", "what": "", "lane": "", "category": "", "shape": "",
                         "start": "", "end": "", "date": "", "label": "", **row})

        for period in cluster.programme:
            start = period.from_.first_day()
            end = period.to.last_day() if period.to is not None else max(start, self.as_of)
            name = names.programme(period.level)
            add(mark="bar", what="programme", lane=programme_lane, category=name,
                start=start.isoformat(), end=end.isoformat(), label=name)
            table.append((self.certainty_cell(f"{programme_lane}: {name}", period),
                          self._date(period.from_),
                          self._date(period.to) if period.to else _("ongoing")))
        for state in labels:
            add(mark="bar", what="label", lane=level_lanes[state.level],
                category=names.level(state.level), start=state.awarded.first_day().isoformat(),
                end=state.valid_until.last_day().isoformat(), label=names.status(state.status))
            table.append((self.certainty_cell(
                _("Label: %(level)s") % {"level": names.level(state.level)}, state),
                self._date(state.awarded),
                f"{self._date(state.valid_until)} ({names.status(state.status)})"))
        shapes: dict[str, str] = {}
        for assessment in assessments:  # each as what it is: only bronze is a benchmarking
            what = ASSESSMENT_KINDS[assessment.kind]
            shape = names.kind(what)
            shapes.setdefault(shape, EVENT_SHAPES[what])
            add(mark="point", what="benchmarking", lane=_("Assessments"),
                category=names.level(assessment.kind), shape=shape,
                date=assessment.date.isoformat(), label=names.level(assessment.kind))
            table.append((self.certainty_cell(
                assessment_name(assessment.kind, self.language),  # names its kind itself
                assessment if assessment.published else cluster),
                self._date(assessment.date), ""))
        for event in sorted(cluster.story_events, key=lambda e: e.date.sort_key()):
            kind = names.kind(event.kind)
            title = event.title.get(self.language.code, (self.language.default,))
            shapes.setdefault(kind, EVENT_SHAPES[event.kind])
            add(mark="point", what="event", lane=_("Events"), shape=kind,
                date=event.date.first_day().isoformat(), label=title)
            when = (" (" + _("upcoming") + ")" if event.upcoming else
                    " (" + _("announced; not known to have been held") + ")"
                    if event.announced else "")
            table.append((self.certainty_cell(f"{kind}: {title}{when}", event),
                          self._date(event.date), ""))
        today = self._date(PartialDate.from_date(self.as_of))
        add(mark="as-of", what="as-of", date=as_of, label=today)
        frame = pd.DataFrame.from_records(rows)
        years = [r["start"][:4] or r["date"][:4] for r in rows]
        alt = _("Timeline from %(start)s to %(end)s: the cluster's periods in the national "
                "cluster programme and the validity of its labels as bars, its assessments "
                "and events as marks on their dates.") % {"start": min(years), "end": as_of[:4]}
        sure = self.sure(*cluster.programme, *labels, *cluster.story_events,
                         *(a if a.published else cluster for a in assessments))
        note = self.certainty_note(sure["certainty"])
        alt += note
        chart = charts.periods, dict(
            lanes=lanes, categories=categories, shapes=shapes,
            category_title=_("Programme level or label"), shape_title=_("Marked date"),
            x_title=_("Year"), kind_lanes=True)
        return Figure(
            kind="cluster-timeline",
            path=f"charts/cluster/{cluster.id}/timeline",
            title=_("Programme, labels and assessments over time"),
            caption=_("Bars show programme periods and how long each label is valid; marks "
                      "show the dates of assessments and events. A date known only to the "
                      "month or year is drawn at its start. The dashed line marks %(date)s.")
            % {"date": today} + note,
            alt=alt,
            columns=(_("What"), _("From or on"), _("Until")),
            rows=tuple(table),
            spec=self._spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )

    # forum -------------------------------------------------------------------------------

    def forum_scorecard(self, forum: ForumView) -> Figure | None:
        """Shares of green, yellow and red per area: the members beside each peer group."""
        card = forum.scorecard
        if not card.covered:
            return None
        _ = self._
        groups = forum.groups
        own = _("%(forum)s: %(n)d of %(m)d member clusters") % {
            "forum": self._name(forum), "n": len(card.covered), "m": card.members_total}
        group_labels = [own] + [self._peer_label(g) for g in groups]
        areas = [self._area_label(row.area) for row in card.by_area]
        records, table = [], []
        for row in card.by_area:
            for label, shares in zip(group_labels, [row.forum, *(row.peers[g.id]
                                                                  for g in groups)],
                                     strict=True):
                for code in ASSESSED_LIGHTS:
                    if shares.assessed:
                        records.append({
                            "area_id": row.area, "area": self._area_label(row.area),
                            "group": label, **self._lights_frame_columns(code),
                            "share": getattr(shares, code), "count": getattr(shares, f"{code}_n"),
                        })
                table.append((self._area_label(row.area), label, *self._share_cells(shares)))
        frame = pd.DataFrame.from_records(records)
        peers = self.language.join(self._name(g) for g in groups) or _("no peer group")
        alt = _("Stacked bars, a row per area and a column per group: the shares of green, "
                "yellow and red among the latest lights of %(n)d of %(m)d member clusters, "
                "beside %(groups)s.") % {
            "n": len(card.covered), "m": card.members_total, "groups": peers}
        if card.strongest:
            alt += " " + _("Strongest area against the peers: %(strong)s; weakest: "
                           "%(weak)s.") % {
                "strong": self.language.join(self._area_label(a) for a in card.strongest),
                "weak": self.language.join(self._area_label(a) for a in card.weakest)}
        sure = self.sure(*(column.latest for column in forum.matrix), *groups)
        note = self.certainty_note(sure["certainty"])
        alt += note
        chart = charts.share_bars, dict(
            light_labels=self.light_labels, groups=group_labels, areas=areas,
            x_title=_("Share of the lights"), legend_title=_("Light"))
        return Figure(
            kind="forum-scorecard",
            path=f"charts/forum/{forum.id}/scorecard",
            title=_("Portfolio scorecard per area"),
            caption=_("Shares of green, yellow and red among the latest quality lights of "
                      "%(n)d of %(m)d member clusters (those that publish their results and "
                      "have been benchmarked), beside the peer groups. Indicators not "
                      "assessed are left out.") % {"n": len(card.covered),
                                                   "m": card.members_total}
            + self.stated_members(forum, card.members_total) + note,
            alt=alt,
            columns=(_("Area"), _("Group"), *self._light_headers(), _("Lights counted")),
            rows=tuple(table),
            spec=self._spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )

    def _peer_label(self, group: Any) -> str:
        return self.language.ngettext("%(group)s: %(num)d cluster", "%(group)s: %(num)d clusters",
                                      group.clusters) % {"group": self._name(group),
                                                         "num": group.clusters}

    def _share_cells(self, shares: compute.Shares) -> tuple[str, ...]:
        if not shares.assessed:
            return ("–", "–", "–", "0")
        return (*(f"{self.language.percent(getattr(shares, c))} "
                  f"({self.language.number(getattr(shares, f'{c}_n'))})" for c in ASSESSED_LIGHTS),
                self.language.number(shares.assessed))

    def forum_matrix(self, forum: ForumView) -> Figure | None:
        """The latest light of each publishing current member on every indicator."""
        card = forum.scorecard
        if not card.covered:
            return None
        _ = self._
        catalogue = self.view.catalogue
        members = [(column.cluster, column.latest) for column in forum.matrix]
        cluster_labels = self._unique([self._name(c) for c, _a in members])
        records = []
        totals: Counter[str] = Counter()
        for (cluster, latest), label in zip(members, cluster_labels, strict=True):
            assert latest is not None
            for indicator in catalogue.indicators:
                code = latest.lights.get(indicator.id, "n/a")
                totals[code] += 1
                records.append({
                    "cluster_id": cluster.id, "cluster": label,
                    "date": latest.date.isoformat(), "area": indicator.area,
                    "indicator": indicator.id, **self._lights_frame_columns(code),
                    "glyph": palette.LIGHT_GLYPHS[code], "ink": palette.LIGHT_INK[code],
                })
        frame = pd.DataFrame.from_records(records)
        rows = []
        for indicator in catalogue.indicators:
            rows.append((f"{indicator.id} {self._name(indicator)}",
                         *(light_badge(latest.lights.get(indicator.id), self.language)
                           for _c, latest in members if latest is not None)))
        alt = _("Matrix of %(clusters)d member clusters by %(indicators)d indicators, grouped "
                "by area; each cell shows the cluster's latest light on the indicator as a "
                "colour and a shape. In all: %(counts)s.") % {
            "clusters": len(members), "indicators": len(catalogue.indicators),
            "counts": vocabulary.light_counts(totals, self.language,
                                              ("green", "yellow", "red", "n/a"))}
        sure = self.sure(*(latest for _c, latest in members))
        note = self.certainty_note(sure["certainty"])
        alt += note
        chart = charts.light_matrix, dict(
            light_labels=self.light_labels, clusters=cluster_labels,
            areas=[a.id for a in catalogue.areas],
            indicators={a.id: [i.id for i in catalogue.in_area(a.id)] for a in catalogue.areas},
            x_title=_("Indicators, grouped by area"), legend_title=_("Light"))
        return Figure(
            kind="forum-matrix",
            path=f"charts/forum/{forum.id}/matrix",
            title=_("Quality lights of the member clusters, indicator by indicator"),
            caption=_("The latest quality light on every indicator of %(n)d of %(m)d member "
                      "clusters: those that publish their results and have been benchmarked.")
            % {"n": len(card.covered), "m": card.members_total} + note,
            alt=alt,
            columns=(_("Indicator"), *(f"{label} ({self._date(latest.date)})"
                                       for label, (_c, latest) in zip(cluster_labels, members,
                                                                      strict=True)
                                       if latest is not None)),
            rows=tuple(rows),
            spec=self._spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )

    @staticmethod
    def _unique(labels: list[str]) -> list[str]:
        seen: Counter[str] = Counter(labels)
        result, used = [], Counter[str]()
        for label in labels:
            used[label] += 1
            result.append(f"{label} ({used[label]})" if seen[label] > 1 else label)
        return result

    def forum_labels(self, forum: ForumView) -> Figure | None:
        """The labels of the forum's member clusters (present and former) over time."""
        _ = self._
        names = self.names
        clusters = forum.clusters
        lanes = self._unique([self._name(c) for c in clusters])
        bars, table = [], []
        levels_present: set[str] = set()
        for cluster, lane in zip(clusters, lanes, strict=True):
            for state in cluster.labels:
                levels_present.add(state.level)
                bars.append({"mark": "bar", "cluster_id": cluster.id, "lane": lane,
                             "category": names.level(state.level),
                             "offset": names.level(state.level),
                             "start": state.awarded.first_day().isoformat(),
                             "end": state.valid_until.last_day().isoformat(),
                             "date": "", "label": names.status(state.status)})
                table.append((lane, self.certainty_cell(names.level(state.level), state),
                              self._date(state.awarded),
                              self._date(state.valid_until), names.status(state.status)))
        if not bars:
            return None
        levels = [level for level in compute.LEVELS if level in levels_present]
        categories = {names.level(level): palette.LEVEL_COLOURS[level] for level in levels}
        today = self._date(PartialDate.from_date(self.as_of))
        bars.append({"mark": "as-of", "cluster_id": "", "lane": "", "category": "",
                     "offset": "", "start": "", "end": "", "date": self.as_of.isoformat(),
                     "label": today})
        frame = pd.DataFrame.from_records(bars)
        valid = Counter(names.level(s.level) for c in clusters for s in c.labels
                        if s.status != "expired")
        alt = _("Timeline of the labels of the forum's member clusters: each label is a bar "
                "from the date it was awarded to the end of its validity, coloured by level.")
        alt += " " + (_("Valid on %(date)s: %(labels)s.") % {
            "date": self._date(PartialDate.from_date(self.as_of)),
            "labels": self.language.join(f"{name} {valid[name]}" for name in categories
                                            if valid[name])}
            if valid else _("None is valid on %(date)s.") % {
                "date": self._date(PartialDate.from_date(self.as_of))})
        sure = self.sure(*forum.members, *(s for c in clusters for s in c.labels))
        note = self.certainty_note(sure["certainty"])
        alt += note
        chart = charts.periods, dict(
            lanes=lanes, categories=categories, shapes={}, offsets=list(categories),
            category_title=_("Label"), shape_title="", x_title=_("Year"))
        return Figure(
            kind="forum-labels",
            path=f"charts/forum/{forum.id}/labels",
            title=_("Labels of the member clusters"),
            caption=_("Each bar runs from the date a label was awarded to the end of its "
                      "validity; present and former members are shown. The dashed line marks "
                      "%(date)s.") % {"date": self._date(PartialDate.from_date(self.as_of))}
            + note,
            alt=alt,
            columns=(_("Cluster"), _("Label"), _("Awarded"), _("Valid until"), _("Status")),
            rows=tuple(table),
            spec=self._spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )

    # indicator ---------------------------------------------------------------------------

    def indicator_standing(self, standing: IndicatorView) -> Figure | None:
        """How the publishing clusters stand on one indicator, beside the peer groups."""
        _ = self._
        indicator = standing.indicator
        published = standing.rows
        benchmarked = standing.benchmarked
        lights = [row.light for row in published]
        own = compute.Shares.of(lights.count("green"), lights.count("yellow"),
                                lights.count("red"))
        groups = [(g, counts) for g, counts in standing.groups if counts is not None]
        if not own.assessed and not groups:
            return None
        own_label = _("Clusters that publish: %(n)d of %(m)d benchmarked") % {
            "n": len(published), "m": benchmarked}
        entries = [(own_label, own)] + [
            (self._peer_label(g), compute.Shares.of(c.green, c.yellow, c.red))
            for g, c in groups]
        records = []
        for label, shares in entries:
            if not shares.assessed:
                continue
            for code in ASSESSED_LIGHTS:
                records.append({"group": label, **self._lights_frame_columns(code),
                                "share": getattr(shares, code),
                                "count": getattr(shares, f"{code}_n")})
        frame = pd.DataFrame.from_records(records)
        peers = self.language.join(self._name(g) for g, _c in groups) or _("no peer group")
        alt = self.language.ngettext(
            "Stacked bars: the shares of green, yellow and red on indicator %(id)s among the "
            "latest lights of %(n)d cluster that publishes its results, beside %(groups)s.",
            "Stacked bars: the shares of green, yellow and red on indicator %(id)s among the "
            "latest lights of %(n)d clusters that publish their results, beside %(groups)s.",
            own.assessed) % {"id": indicator.id, "n": own.assessed, "groups": peers}
        sure = self.sure(*(row.assessment for row in published), *(g for g, _c in groups))
        note = self.certainty_note(sure["certainty"])
        alt += note
        chart = charts.share_bars, dict(
            light_labels=self.light_labels, groups=[label for label, _s in entries],
            areas=None, x_title=_("Share of the lights"), legend_title=_("Light"))
        return Figure(
            kind="indicator-standing",
            path=f"charts/indicator/{indicator.id}/standing",
            title=_("How the clusters stand on this indicator"),
            caption=self.language.ngettext(
                "Shares of green, yellow and red among the latest lights of the clusters "
                "that publish their results (%(n)d of %(m)d benchmarked cluster), beside the "
                "peer groups. Clusters not assessed on the indicator are left out.",
                "Shares of green, yellow and red among the latest lights of the clusters "
                "that publish their results (%(n)d of %(m)d benchmarked clusters), beside "
                "the peer groups. Clusters not assessed on the indicator are left out.",
                benchmarked) % {"n": len(published), "m": benchmarked}
            + note,
            alt=alt,
            columns=(_("Group"), *self._light_headers(), _("Lights counted")),
            rows=tuple((label, *self._share_cells(shares)) for label, shares in entries),
            spec=self._spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )

    # home --------------------------------------------------------------------------------

    def home_labels(self) -> Figure | None:
        """How many clusters held a label of each level, over time, across all forums."""
        _ = self._
        names = self.names
        changes = self.view.labels_held
        if not changes:
            return None
        levels = [level for level in compute.LEVELS
                  if any(counts.get(level) for _d, counts in changes)
                  or any(s.level == level for c in self.view.clusters.values()
                         for s in c.labels)]
        records, table = [], []
        for day, counts in changes:
            for rank, level in enumerate(levels):
                records.append({"date": day.isoformat(), "level": names.level(level),
                                "level_code": level, "rank": rank,
                                "count": counts.get(level, 0)})
            table.append((self._date(PartialDate.from_date(day)),
                          *(self.language.number(counts.get(level, 0)) for level in levels),
                          self.language.number(sum(counts.values()))))
        frame = pd.DataFrame.from_records(records)
        start, (end, now) = changes[0][0], changes[-1]
        end_date = self._date(PartialDate.from_date(end))
        alt = _("Stacked step chart of the number of clusters holding a valid label, by "
                "level, from %(start)s to %(end)s.") % {
            "start": self._date(PartialDate.from_date(start)), "end": end_date}
        total = sum(now.values())
        if total == 0:
            alt += " " + _("On %(end)s, no cluster holds a valid label.") % {"end": end_date}
        else:
            held = self.language.join(vocabulary.level_count(level, now[level], self.language)
                                      for level in levels if now.get(level))
            alt += " " + self.language.ngettext(
                "On %(end)s, %(num)s cluster holds a valid label: %(held)s.",
                "On %(end)s, %(num)s clusters hold a valid label: %(held)s.", total) % {
                "end": end_date, "num": self.language.number(total), "held": held}
        sure = self.sure(*(s for c in self.view.clusters.values() for s in c.labels))
        note = self.certainty_note(sure["certainty"])
        alt += note
        chart = charts.labels_held, dict(
            levels={names.level(level): palette.LEVEL_COLOURS[level] for level in levels},
            x_title=_("Year"), y_title=_("Clusters"), legend_title=_("Highest label held"))
        return Figure(
            kind="home-labels",
            path="charts/home/labels",
            title=_("Clusters holding a label over time"),
            caption=_("The number of clusters of all forums holding a valid label on each "
                      "date, by the highest level they hold, up to %(date)s.")
            % {"date": self._date(PartialDate.from_date(self.as_of))} + note,
            alt=alt,
            columns=(_("Date"), *(names.level(level) for level in levels), _("Total")),
            rows=tuple(table),
            spec=self._spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )


def files_of(figures: Mapping[str, Figure], images: Mapping[str, chart_engine.SvgImage]
             ) -> dict[str, bytes]:
    """Every published file of the given figures (by path), given their images."""
    out: dict[str, bytes] = {}
    for path, figure in figures.items():
        out.update(figure.files(images[path]))
    return out
