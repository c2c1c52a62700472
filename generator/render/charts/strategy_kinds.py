"""Chart kinds of the regional strategy: Altair charts from DataFrames, like ``charts``.

Each function takes a frame made by ``generator.render.charts.strategy`` (every word in the
page's language) and gives an Altair chart without data; ``charts.build_spec`` finishes,
caches and validates it like every other chart. Following the cost rules of ``charts``,
each is one view (no facets), labels are cut by characters, and colour is never the only
carrier: region and frontrunners differ in shape, a cell of a matrix carries its count
(and a link its strength) as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import altair as alt
import pandas as pd

from generator.render.charts import palette
from generator.render.charts.marks import clip

REGION = "#0072b2"
"""The region's score (Okabe–Ito blue, a filled circle)."""
FRONTRUNNERS = "#e69f00"
"""The frontrunner regions' score (Okabe–Ito orange, a diamond)."""
STRENGTH_COLOURS = {"weak": "#e3f1fb", "medium": "#a6d3f0", "strong": "#56b4e9"}
"""Fill of an actor-map cell by its strongest link, light to dark: dark text reads on all."""
COVERAGE_COLOURS = ("#e3f1fb", "#a6d3f0", "#56b4e9")
"""Fill of a coverage cell by the number of focus areas serving (1, 2, 3 or more)."""


def _matrix(rows: Sequence[str], columns: Sequence[str], *, x_title: str, y_title: str,
            column_chars: int = 18) -> tuple[alt.X, alt.Y]:
    return (
        alt.X("column:N", title=x_title, sort=list(columns),
              axis=alt.Axis(orient="top", labelAngle=0, labelExpr=clip(column_chars))),
        alt.Y("row:N", title=y_title, sort=list(rows), axis=alt.Axis(labelExpr=clip(32))),
    )


def coverage_matrix(frame: pd.DataFrame, *, members: Sequence[str], priorities: Sequence[str],
                    x_title: str, y_title: str, legend_title: str) -> alt.LayerChart:
    """A cell per current member (row) and priority (column): how many of the member's
    focus areas serve the priority, as a number and a shade; an empty cell is ``–``.

    Columns: ``row``, ``column``, ``count``, ``shade`` (the legend's label), ``text``."""
    x, y = _matrix(members, priorities, x_title=x_title, y_title=y_title)
    shades = list(dict.fromkeys(frame["shade"])) if len(frame) else []
    served = [s for s in shades if s]
    base = alt.Chart()
    cells = base.mark_rect(stroke=palette.CHART_GRID, strokeWidth=1).encode(
        x=x, y=y,
        color=alt.Color("shade:N", title=legend_title,
                        scale=alt.Scale(domain=["", *served],
                                        range=["#ffffff", *COVERAGE_COLOURS[:len(served)]]),
                        legend=alt.Legend(values=served) if served else None),
    )
    text = base.mark_text(color=palette.CHART_INK, fontSize=12).encode(
        x=alt.X("column:N", sort=list(priorities)), y=alt.Y("row:N", sort=list(members)),
        text=alt.Text("text:N"))
    return alt.LayerChart(layer=[cells, text], width=alt.Step(90), height=alt.Step(28))


def score_gaps(frame: pd.DataFrame, *, rows: Sequence[str], series: Mapping[str, str],
               low: float, high: float, x_title: str, legend_title: str) -> alt.LayerChart:
    """A row per scored dimension (grouped by direction in ``rows``' order): the region's
    score and the frontrunners' as two marks of different shape on the scale, joined by a
    rule (the gap).

    Columns: ``row``, ``who`` (a key of ``series``: its label), ``score``, and in rows of
    the rule, ``start`` and ``end``."""
    names = list(series)
    scale = alt.Scale(domain=[low, high], nice=False, zero=False)
    base = alt.Chart()
    gaps = base.transform_filter("datum.who == ''").mark_rule(
        color=palette.CHART_MUTED, strokeWidth=2).encode(
        x=alt.X("start:Q", title=x_title, scale=scale),
        x2=alt.X2("end:Q"),
        y=alt.Y("row:N", title=None, sort=list(rows), axis=alt.Axis(labelExpr=clip(60))),
    )
    points = base.transform_filter("datum.who != ''").mark_point(
        filled=True, size=110, opacity=1, stroke=palette.CHART_OUTLINE, strokeWidth=0.75,
    ).encode(
        x=alt.X("score:Q", scale=scale),
        y=alt.Y("row:N", sort=list(rows)),
        color=alt.Color("who:N", title=legend_title,
                        scale=alt.Scale(domain=names, range=[series[n] for n in names])),
        shape=alt.Shape("who:N", title=legend_title,
                        scale=alt.Scale(domain=names, range=["circle", "diamond"])),
    )
    return alt.LayerChart(layer=[gaps, points], width=360, height=alt.Step(26))


def actor_matrix(frame: pd.DataFrame, *, clusters: Sequence[str], kinds: Sequence[str],
                 strengths: Mapping[str, str], x_title: str, y_title: str,
                 legend_title: str) -> alt.LayerChart:
    """A cell per cluster (row) and kind of actor (column): the number of linked actors
    and the strongest link as text, the strength also as a shade; a missing link is an
    empty cell with ``–``.

    Columns: ``row``, ``column``, ``strength`` (a label of ``strengths`` or ""), ``text``."""
    x, y = _matrix(clusters, kinds, x_title=x_title, y_title=y_title, column_chars=20)
    labels = list(strengths)
    base = alt.Chart()
    cells = base.mark_rect(stroke=palette.CHART_GRID, strokeWidth=1).encode(
        x=x, y=y,
        color=alt.Color("strength:N", title=legend_title,
                        scale=alt.Scale(domain=["", *labels],
                                        range=["#ffffff", *strengths.values()]),
                        legend=alt.Legend(values=labels)),
    )
    text = base.mark_text(color=palette.CHART_INK, fontSize=11).encode(
        x=alt.X("column:N", sort=list(kinds)), y=alt.Y("row:N", sort=list(clusters)),
        text=alt.Text("text:N"))
    return alt.LayerChart(layer=[cells, text], width=alt.Step(100), height=alt.Step(28))


def answer_shares(frame: pd.DataFrame, *, answers: Sequence[str], x_title: str
                  ) -> alt.LayerChart:
    """A bar per answer of a choice question: its share of the question's answered (at
    most 1 each; with several answers a respondent, they add up to more), with the share
    and count as text at the bar's end (the axis runs on to leave room for it).

    Columns: ``answer``, ``share``, ``label`` (the share and count as text)."""
    base = alt.Chart()
    bars = base.mark_bar(color=REGION, stroke=palette.CHART_OUTLINE, strokeWidth=0.75).encode(
        x=alt.X("share:Q", title=x_title, scale=alt.Scale(domain=[0, 1.3], nice=False),
                axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1])),
        y=alt.Y("answer:N", title=None, sort=list(answers), axis=alt.Axis(labelExpr=clip(50))),
    )
    text = base.mark_text(align="left", dx=4, color=palette.CHART_INK, fontSize=11).encode(
        x=alt.X("share:Q"), y=alt.Y("answer:N", sort=list(answers)),
        text=alt.Text("label:N"))
    return alt.LayerChart(layer=[bars, text], width=320, height=alt.Step(24))
