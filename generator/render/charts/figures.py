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

The figure itself is in ``figure``, the helpers every figure uses in ``kit``, the
cluster and forum charts in ``cluster_figures`` and ``forum_figures``.
"""

from __future__ import annotations

from collections.abc import Container, Iterator

import pandas as pd

from generator.base.dates import PartialDate
from generator.data.schema import ASSESSED_LIGHTS
from generator.render.charts import kinds as charts
from generator.render.charts import palette
from generator.render.charts.cluster_figures import ClusterFigures
from generator.render.charts.figure import (
    Figure,
    FigureView,
    PageFigures,
    ShownSize,
    files_of,
    page_url_depth,
    view,
)
from generator.render.charts.forum_figures import ForumFigures
from generator.render.text import vocabulary
from generator.results import compute
from generator.results.view import IndicatorView


class FigureBuilder(ClusterFigures, ForumFigures):
    """Every chart of one language's pages."""

    def all(self, skip: Container[tuple[str, str]] = ()
            ) -> Iterator[tuple[tuple[str, str], dict[str, Figure]]]:
        """((page kind, id), {chart name: figure}) for every page that has charts, but
        the pages in ``skip`` (whose charts are known not to have changed)."""
        yield ("home", ""), self.present(labels=self.home_labels())
        for forum in self.view.forums.values():
            if ("forum", forum.id) in skip:
                continue
            yield ("forum", forum.id), self.present(
                scorecard=self.forum_scorecard(forum), matrix=self.forum_matrix(forum),
                labels=self.forum_labels(forum))
        for cluster in self.view.clusters.values():
            if ("cluster", cluster.id) in skip:
                continue
            yield ("cluster", cluster.id), self.present(
                lights=self.cluster_lights(cluster), timeline=self.cluster_timeline(cluster))
        for indicator in self.view.indicators.values():
            if ("indicator", indicator.id) in skip:
                continue
            yield ("indicator", indicator.id), self.present(
                standing=self.indicator_standing(indicator))


    def indicator_standing(self, standing: IndicatorView) -> Figure | None:
        """How the publishing clusters stand on one indicator, beside the peer groups."""
        _ = self.gettext
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
            (self.peer_label(g), compute.Shares.of(c.green, c.yellow, c.red))
            for g, c in groups]
        records = []
        for label, shares in entries:
            if not shares.assessed:
                continue
            for code in ASSESSED_LIGHTS:
                records.append({"group": label, **self.lights_frame_columns(code),
                                "share": getattr(shares, code),
                                "count": getattr(shares, f"{code}_n")})
        frame = pd.DataFrame.from_records(records)
        peers = self.language.join(self.name(g) for g, _c in groups) or _("no peer group")
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
            columns=(_("Group"), *self.light_headers(), _("Lights counted")),
            rows=tuple((label, *self.share_cells(shares)) for label, shares in entries),
            spec=self.spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )


    def home_labels(self) -> Figure | None:
        """How many clusters held a label of each level, over time, across all forums."""
        _ = self.gettext
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
            table.append((self.date(PartialDate.from_date(day)),
                          *(self.language.number(counts.get(level, 0)) for level in levels),
                          self.language.number(sum(counts.values()))))
        frame = pd.DataFrame.from_records(records)
        start, (end, now) = changes[0][0], changes[-1]
        end_date = self.date(PartialDate.from_date(end))
        alt = _("Stacked step chart of the number of clusters holding a valid label, by "
                "level, from %(start)s to %(end)s.") % {
            "start": self.date(PartialDate.from_date(start)), "end": end_date}
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
            % {"date": self.date(PartialDate.from_date(self.as_of))} + note,
            alt=alt,
            columns=(_("Date"), *(names.level(level) for level in levels), _("Total")),
            rows=tuple(table),
            spec=self.spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )


__all__ = ["Figure", "FigureBuilder", "FigureView", "PageFigures", "ShownSize", "files_of",
           "page_url_depth", "view"]
