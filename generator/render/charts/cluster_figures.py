"""A cluster page's charts: its lights per area in each assessment and its timeline."""

from __future__ import annotations

from collections import Counter

import pandas as pd

from generator.base.dates import PartialDate
from generator.data.schema import ASSESSED_LIGHTS
from generator.render.charts import kinds as charts
from generator.render.charts import palette
from generator.render.charts.figure import EVENT_SHAPES, Figure
from generator.render.charts.kit import FigureKit
from generator.render.text import vocabulary
from generator.render.text.vocabulary import (
    ASSESSMENT_KINDS,
    assessment_name,
)
from generator.results import compute
from generator.results.view import ClusterView


class ClusterFigures(FigureKit):
    """The charts of a cluster page."""

    def cluster_lights(self, cluster: ClusterView) -> Figure | None:
        """Green, yellow and red per area in each benchmarking (publishing clusters only)."""
        assessments = cluster.published_assessments
        if not assessments:
            return None
        _ = self.gettext
        catalogue = self.view.catalogue
        areas = [self.area_label(a.id) for a in catalogue.areas]
        dates = [self.date(a.date) for a in assessments]
        records = []
        table = []
        for area in catalogue.areas:
            ids = [i.id for i in catalogue.in_area(area.id)]
            for assessment, date in zip(assessments, dates, strict=True):
                counts: Counter[str | None] = Counter(assessment.lights.get(i) for i in ids)
                for code in ASSESSED_LIGHTS:
                    records.append({"area_id": area.id, "area": self.area_label(area.id),
                                    "date": assessment.date.isoformat(), "benchmarking": date,
                                    **self.lights_frame_columns(code), "count": counts[code]})
                table.append((self.area_label(area.id), date,
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
            columns=(_("Area"), _("Assessment"), *self.light_headers()),
            rows=tuple(table),
            spec=self.spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )


    def cluster_timeline(self, cluster: ClusterView) -> Figure | None:
        """Programme periods and label validity as bars; benchmarkings and events as marks."""
        _ = self.gettext
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
                          self.date(period.from_),
                          self.date(period.to) if period.to else _("ongoing")))
        for state in labels:
            add(mark="bar", what="label", lane=level_lanes[state.level],
                category=names.level(state.level), start=state.awarded.first_day().isoformat(),
                end=state.valid_until.last_day().isoformat(), label=names.status(state.status))
            table.append((self.certainty_cell(
                _("Label: %(level)s") % {"level": names.level(state.level)}, state),
                self.date(state.awarded),
                f"{self.date(state.valid_until)} ({names.status(state.status)})"))
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
                self.date(assessment.date), ""))
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
                          self.date(event.date), ""))
        today = self.date(PartialDate.from_date(self.as_of))
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
            spec=self.spec(*chart, frame, alt),
            frame=frame,
            **sure,
        )
