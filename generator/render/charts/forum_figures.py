"""A forum page's charts: the portfolio scorecard, the matrix of lights and the labels."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from generator.base.dates import PartialDate
from generator.data.schema import ASSESSED_LIGHTS
from generator.render.charts import kinds as charts
from generator.render.charts import palette
from generator.render.charts.figure import Figure
from generator.render.charts.kit import FigureKit
from generator.render.pages.jinja import light_badge
from generator.render.text import vocabulary
from generator.results import compute
from generator.results.view import ForumView


class ForumFigures(FigureKit):
    """The charts of a forum page."""

    def forum_scorecard(self, forum: ForumView) -> Figure | None:
        """Shares of green, yellow and red per area: the members beside each peer group."""
        card = forum.scorecard
        if not card.covered:
            return None
        _ = self.gettext
        groups = forum.groups
        own = _("%(forum)s: %(n)d of %(m)d member clusters") % {
            "forum": self.name(forum), "n": len(card.covered), "m": card.members_total}
        group_labels = [own] + [self.peer_label(g) for g in groups]
        areas = [self.area_label(row.area) for row in card.by_area]
        records, table = [], []
        for row in card.by_area:
            for label, shares in zip(group_labels, [row.forum, *(row.peers[g.id]
                                                                  for g in groups)],
                                     strict=True):
                for code in ASSESSED_LIGHTS:
                    if shares.assessed:
                        records.append({
                            "area_id": row.area, "area": self.area_label(row.area),
                            "group": label, **self.lights_frame_columns(code),
                            "share": getattr(shares, code), "count": getattr(shares, f"{code}_n"),
                        })
                table.append((self.area_label(row.area), label, *self.share_cells(shares)))
        frame = pd.DataFrame.from_records(records)
        peers = self.language.join(self.name(g) for g in groups) or _("no peer group")
        alt = _("Stacked bars, a row per area and a column per group: the shares of green, "
                "yellow and red among the latest lights of %(n)d of %(m)d member clusters, "
                "beside %(groups)s.") % {
            "n": len(card.covered), "m": card.members_total, "groups": peers}
        if card.strongest:
            alt += " " + _("Strongest area against the peers: %(strong)s; weakest: "
                           "%(weak)s.") % {
                "strong": self.language.join(self.area_label(a) for a in card.strongest),
                "weak": self.language.join(self.area_label(a) for a in card.weakest)}
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
            columns=(_("Area"), _("Group"), *self.light_headers(), _("Lights counted")),
            rows=tuple(table),
            spec=self.spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )


    def forum_matrix(self, forum: ForumView) -> Figure | None:
        """The latest light of each publishing current member on every indicator."""
        card = forum.scorecard
        if not card.covered:
            return None
        _ = self.gettext
        catalogue = self.view.catalogue
        members = [(column.cluster, column.latest) for column in forum.matrix]
        cluster_labels = self.unique([self.name(c) for c, _a in members])
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
                    "indicator": indicator.id, **self.lights_frame_columns(code),
                    "glyph": palette.LIGHT_GLYPHS[code], "ink": palette.LIGHT_INK[code],
                })
        frame = pd.DataFrame.from_records(records)
        rows = []
        for indicator in catalogue.indicators:
            rows.append((f"{indicator.id} {self.name(indicator)}",
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
            columns=(_("Indicator"), *(f"{label} ({self.date(latest.date)})"
                                       for label, (_c, latest) in zip(cluster_labels, members,
                                                                      strict=True)
                                       if latest is not None)),
            rows=tuple(rows),
            spec=self.spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )


    def forum_labels(self, forum: ForumView) -> Figure | None:
        """The labels of the forum's member clusters (present and former) over time."""
        _ = self.gettext
        names = self.names
        clusters = forum.clusters
        lanes = self.unique([self.name(c) for c in clusters])
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
                              self.date(state.awarded),
                              self.date(state.valid_until), names.status(state.status)))
        if not bars:
            return None
        levels = [level for level in compute.LEVELS if level in levels_present]
        categories = {names.level(level): palette.LEVEL_COLOURS[level] for level in levels}
        today = self.date(PartialDate.from_date(self.as_of))
        bars.append({"mark": "as-of", "cluster_id": "", "lane": "", "category": "",
                     "offset": "", "start": "", "end": "", "date": self.as_of.isoformat(),
                     "label": today})
        frame = pd.DataFrame.from_records(bars)
        valid = Counter(names.level(s.level) for c in clusters for s in c.labels
                        if s.status != "expired")
        alt = _("Timeline of the labels of the forum's member clusters: each label is a bar "
                "from the date it was awarded to the end of its validity, coloured by level.")
        alt += " " + (_("Valid on %(date)s: %(labels)s.") % {
            "date": self.date(PartialDate.from_date(self.as_of)),
            "labels": self.language.join(f"{name} {valid[name]}" for name in categories
                                            if valid[name])}
            if valid else _("None is valid on %(date)s.") % {
                "date": self.date(PartialDate.from_date(self.as_of))})
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
                      "%(date)s.") % {"date": self.date(PartialDate.from_date(self.as_of))}
            + note,
            alt=alt,
            columns=(_("Cluster"), _("Label"), _("Awarded"), _("Valid until"), _("Status")),
            rows=tuple(table),
            spec=self.spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )
