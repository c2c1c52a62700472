"""Chart kinds: Vega-Lite specifications from DataFrames, in the site's look.

Each chart kind is a function from a pandas DataFrame (made by ``generator.render.charts.figures``
from the results, with every word already in the page's language) to an Altair chart.
``finish`` turns it into a self-contained Vega-Lite dict: the data inline, the page
language's number and date formats in ``config.locale``, the site palette. Turning specs
into SVG, and the caches that make it cheap, are ``generator.render.charts.engine``'s job.
A chart's cost is its text, not its marks: see "Rendering cost" below.

Charts are drawn on their own white background (``palette.CHART_BACKGROUND``): one SVG
reads the same in the theme's light and dark palettes, and a downloaded SVG looks the
same anywhere. Every light has a glyph in the legend (● ▲ ■ ○, as on the page badges),
so no chart tells lights apart by colour alone.

The language's formats are in ``formats`` and the building blocks every kind uses in
``marks``; the spec cache's code version reads all three (``specs``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd

from generator.data.schema import ASSESSED_LIGHTS, LIGHTS
from generator.render.charts import palette
from generator.render.charts.formats import chart_config
from generator.render.charts.marks import (
    GLYPH_SHAPES,
    _column_grid,
    _Columns,
    _year_step,
    clip,
    count_axis,
    frame_records,
    light_scale,
    year_axis,
)


def lights_by_area(frame: pd.DataFrame, *, light_labels: Mapping[str, str], areas: Sequence[str],
                   benchmarkings: Sequence[str], x_title: str,
                   legend_title: str) -> alt.LayerChart:
    """Counts of green, yellow and red (a stacked bar each): a row per area, a column per
    benchmarking, headed by its date.

    Columns: ``area``, ``benchmarking``, ``date`` (ISO: the columns' order),
    ``light_label``, ``light_rank``, ``count``.
    """
    largest = _largest_column(frame.to_dict("records"))
    step = 1 if largest <= 5 else 2 if largest <= 10 else 5 if largest <= 25 else 10
    n = max(len(benchmarkings), 1)
    layout = _Columns(n, float(largest), 360 if n == 1 else max(130, 480 // n))
    return _column_grid(
        frame, value="count", rows_field="area", rows=areas, column_field="benchmarking",
        columns=benchmarkings, heads="datum.name", head_lines=1, layout=layout,
        ticks=list(range(0, largest + 1, step)), tick_format="d", x_title=x_title,
        light_labels=light_labels, legend_title=legend_title, column_rank="date")


def _largest_column(rows: Iterable[Mapping[str, Any]]) -> int:
    """The largest count of lights of one area in one benchmarking (at least 1)."""
    sums: dict[tuple[Any, Any], int] = {}
    for r in rows:
        at = (r["area"], r["benchmarking"])
        sums[at] = sums.get(at, 0) + int(r["count"])
    return max(max(sums.values()), 1) if sums else 1


def _two_lines(length: int) -> str:
    """A heading on two lines after its first ": " ("Forum: 3 of 4 member clusters"), each
    cut at ``length`` characters."""
    at = "indexof(datum.name, ': ')"
    return (f"{at} > 0 ? [truncate(substring(datum.name, 0, {at} + 1), {length}), "
            f"truncate(substring(datum.name, {at} + 2), {length})] "
            f": truncate(datum.name, {length})")


def share_bars(frame: pd.DataFrame, *, light_labels: Mapping[str, str], groups: Sequence[str],
               areas: Sequence[str] | None, x_title: str, legend_title: str,
               ) -> alt.LayerChart:
    """Shares of green, yellow and red of several groups (a stacked bar each): a row per
    group, or with ``areas`` a row per area and a column per group, headed by its name.

    Columns: ``group``, ``light_label``, ``light_rank``, ``share`` (and ``area`` with
    areas). Shares of one group add up to 1.
    """
    lights = ASSESSED_LIGHTS
    present = set(frame["group"]) if len(frame) else set()
    groups = [g for g in groups if g in present]
    if areas is not None:
        n = max(len(groups), 1)
        layout = _Columns(n, 1.0, 300 if n == 1 else max(130, 450 // n), gap=40)
        return _column_grid(
            frame, value="share", rows_field="area", rows=areas, column_field="group",
            columns=groups, heads=_two_lines((layout.width + layout.gap) // 8),
            head_lines=2, layout=layout, ticks=[0, 0.5, 1], tick_format=".0%",
            x_title=x_title, light_labels=light_labels, legend_title=legend_title)
    base = alt.Chart()
    bars = base.mark_bar(stroke=palette.CHART_OUTLINE, strokeWidth=0.75).encode(
        x=alt.X("share:Q", title=x_title, stack="zero",
                scale=alt.Scale(domain=[0, 1], nice=False),
                axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1])),
        y=alt.Y("group:N", title=None, sort=list(groups), axis=alt.Axis(labelExpr=clip(60))),
        color=alt.Color("light_label:N", scale=light_scale(light_labels, lights),
                        legend=alt.Legend(title=legend_title)),
        order=alt.Order("light_rank:Q"),
    )
    text = base.mark_text(align="right", dx=-3, color=palette.CHART_INK, fontSize=10).encode(
        x=alt.X("share:Q", stack="zero"),
        y=alt.Y("group:N", sort=list(groups)),
        detail=alt.Detail("light_label:N"),
        order=alt.Order("light_rank:Q"),
        text=alt.Text("share:Q", format=".0%"),
    ).transform_filter(alt.datum.share >= 0.12)
    return alt.LayerChart(layer=[bars, text], width=360, height=alt.Step(24))


def light_matrix(frame: pd.DataFrame, *, light_labels: Mapping[str, str],
                 clusters: Sequence[str], areas: Sequence[str],
                 indicators: Mapping[str, Sequence[str]], x_title: str,
                 legend_title: str) -> alt.FacetChart:
    """A cell per cluster and indicator in the light's colour and glyph, areas side by side.

    Columns: ``cluster``, ``area``, ``indicator``, ``light_label``, ``glyph``, ``ink``.
    ``indicators`` maps an area to its indicator ids in catalogue order.
    """
    order = [i for area in areas for i in indicators[area]]
    base = alt.Chart().encode(
        x=alt.X("indicator:N", title=None, sort=order,
                axis=alt.Axis(labelAngle=-60, orient="top", labelFontSize=10)),
        y=alt.Y("cluster:N", title=None, sort=list(clusters), axis=alt.Axis(labelExpr=clip(36))),
    )
    cells = base.mark_rect(stroke=palette.CHART_BACKGROUND, strokeWidth=1.5).encode(
        color=alt.Color("light_label:N", scale=light_scale(light_labels, LIGHTS),
                        legend=alt.Legend(title=legend_title, symbolType="square")),
    )
    # The glyph of each light (as in the legend: ● ▲ ■ ○) drawn as a symbol: a text mark
    # per cell would be measured glyph by glyph, hundreds of times a chart.
    glyphs = base.mark_point(size=36, strokeWidth=1, opacity=1, aria=False).encode(
        shape=alt.Shape("light:N", legend=None, scale=alt.Scale(
            domain=list(LIGHTS), range=[GLYPH_SHAPES[c] for c in LIGHTS])),
        stroke=alt.Stroke("ink:N", scale=None),
        fill=alt.condition(alt.datum.light == "n/a", alt.value("transparent"),
                           alt.Fill("ink:N", scale=None)),
    )
    layer = alt.LayerChart(layer=[cells, glyphs], width=alt.Step(20), height=alt.Step(24))
    return alt.FacetChart(
        spec=layer,
        facet=alt.Facet("area:N", sort=list(areas), title=x_title,
                        header=alt.Header(labelOrient="bottom", labelAngle=0,
                                          titleOrient="bottom", labelFontWeight="normal",
                                          titleFontWeight="normal", titleFontSize=12)),
        columns=len(areas),
        spacing=6,
    ).resolve_scale(x="independent")


def periods(frame: pd.DataFrame, *, lanes: Sequence[str], categories: Mapping[str, str],
            shapes: Mapping[str, str], offsets: Sequence[str] | None = None,
            category_title: str, shape_title: str, x_title: str,
            kind_lanes: bool = False) -> alt.LayerChart:
    """A timeline: periods as bars on their lane, dated marks as points, and a dashed
    rule on the as-of date.

    With ``kind_lanes``, a point without a category is drawn on a lane of its own per
    ``shape`` label (its kind, such as "Meeting"), named by it in ``lanes``: the kinds are
    told by the axis, and the shapes need no legend (a legend costs as much to render as
    the rest of a timeline's text). The rows keep their ``lane``.

    One row per thing drawn, by ``mark``: ``bar`` (``lane``, ``start``, ``end`` as ISO
    dates, ``category``: a key of ``categories``, label → colour, and with ``offsets`` an
    ``offset``: the sub-lane), ``point`` (``lane``, ``date``, ``shape``: a key of
    ``shapes``, label → Vega symbol, and ``category``, or empty for ink) and one ``as-of``
    (``date`` and its ``label``).
    """
    def rows(mark: str) -> pd.DataFrame:
        return frame[frame["mark"] == mark]

    bars, points, as_of = rows("bar"), rows("point"), rows("as-of")
    dates = [*bars["start"], *bars["end"], *points["date"], *as_of["date"]]
    x_axis = year_axis(min(dates), max(dates), grid=True)
    utc = alt.Scale(type="utc")
    colour = alt.Color("category:N", legend=alt.Legend(title=category_title),
                       scale=alt.Scale(domain=list(categories), range=list(categories.values())))
    base, lane = alt.Chart(), "lane"
    if kind_lanes:
        base, lane = base.transform_calculate(row=(
            "datum.mark === 'point' && datum.category === '' ? datum.shape : datum.lane")), "row"
    y = alt.Y(f"{lane}:N", title=None, sort=list(lanes), axis=alt.Axis(labelExpr=clip(36)))
    layers: list[alt.Chart] = []
    if len(bars):
        offset = {"yOffset": alt.YOffset("offset:N", sort=list(offsets))} if offsets else {}
        layers.append(base.mark_bar(
            stroke=palette.CHART_OUTLINE, strokeWidth=0.75, height={"band": 0.7},
        ).encode(
            x=alt.X("start:T", title=x_title, scale=utc, axis=x_axis),
            x2=alt.X2("end:T"), y=y, color=colour, **offset,
        ).transform_filter(alt.datum.mark == "bar"))
    if len(points):
        shape = alt.Shape("shape:N", legend=None if kind_lanes else alt.Legend(title=shape_title),
                          scale=alt.Scale(domain=list(shapes), range=list(shapes.values())))
        # One layer for every point: those without a category in ink.
        layers.append(base.mark_point(
            filled=True, size=90, opacity=1, stroke=palette.CHART_BACKGROUND,
            strokeWidth=0.75,
        ).encode(
            x=alt.X("date:T", title=x_title, scale=utc, axis=x_axis),
            y=y, shape=shape,
            color=alt.condition(alt.datum.category == "", alt.value(palette.CHART_INK),
                                colour) if (points["category"] == "").any() else colour,
        ).transform_filter(alt.datum.mark == "point"))
    rule = base.transform_filter(alt.datum.mark == "as-of")
    layers.append(rule.mark_rule(color=palette.CHART_MUTED, strokeDash=[4, 3]).encode(
        x=alt.X("date:T", scale=utc)))
    layers.append(rule.mark_text(color=palette.CHART_MUTED, align="right", baseline="bottom",
                                 dy=-3, fontSize=10, y=0).encode(
        x=alt.X("date:T", scale=utc), text=alt.Text("label:N")))
    return alt.LayerChart(layer=layers, width=560, height=alt.Step(28 if offsets else 24))


def labels_held(frame: pd.DataFrame, *, levels: Mapping[str, str], x_title: str,
                y_title: str, legend_title: str) -> alt.Chart:
    """How many clusters held a label of each level, as steps over time (stacked).

    Columns: ``date`` (ISO, where a count changes), ``level`` (a key of ``levels``, label →
    colour), ``rank`` (stack order) and ``count``; every level has a row on every date.
    """
    largest = frame.groupby("date")["count"].sum().max() if len(frame) else 1
    chart = alt.Chart().mark_area(
        interpolate="step-after", stroke=palette.CHART_OUTLINE, strokeWidth=0.75,
    ).encode(
        x=alt.X("date:T", title=x_title, scale=alt.Scale(type="utc"),
                axis=year_axis(frame["date"].min(), frame["date"].max())),
        y=alt.Y("count:Q", title=y_title, stack="zero", axis=count_axis(largest)),
        color=alt.Color("level:N", legend=alt.Legend(title=legend_title, symbolType="square"),
                        scale=alt.Scale(domain=list(levels), range=list(levels.values()))),
        order=alt.Order("rank:Q"),
    )
    chart.width, chart.height = 560, 220
    return chart


def finish(chart: alt.TopLevelMixin | dict[str, Any], frame: pd.DataFrame, code: str,
           description: str, *,
           records: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The chart as a self-contained Vega-Lite dict: ``frame``'s rows as inline data, the
    language ``code``'s formats, the site's look and the text alternative. ``chart`` may
    be the Vega-Lite dict of the chart without data (a ``_template``), which is changed."""
    spec: dict[str, Any] = chart if isinstance(chart, dict) else without_empty_data(
        chart.to_dict(validate=False))
    spec["data"] = {"values": frame_records(frame) if records is None else records}
    spec["description"] = description
    spec["config"] = chart_config(code)
    return spec


ChartKind = Callable[..., Any]
"""A chart kind above: ``kind(frame, **params)`` gives an Altair chart without data."""


def _periods_shape(rows: list[dict[str, Any]],
                   params: Mapping[str, Any]) -> tuple[Any, Mapping[str, Any]]:
    """All ``periods`` reads of its frame besides the rows it draws (which marks there
    are, whether a point is in ink, the year labels' step), and its parameters."""
    bars = [r for r in rows if r["mark"] == "bar"]
    points = [r for r in rows if r["mark"] == "point"]
    dates = [*(r["start"] for r in bars), *(r["end"] for r in bars),
             *(r["date"] for r in points),
             *(r["date"] for r in rows if r["mark"] == "as-of")]
    return [bool(bars), bool(points), any(r["category"] == "" for r in points),
            _year_step(min(dates), max(dates))], params


def _lights_by_area_shape(rows: list[dict[str, Any]],
                          params: Mapping[str, Any]) -> tuple[Any, Mapping[str, Any]]:
    """What ``lights_by_area`` reads besides the rows it draws: the largest column and the
    number of benchmarkings, not their names (the columns are ordered by the rows' dates)."""
    return [_largest_column(rows), len(params["benchmarkings"])], {
        k: v for k, v in params.items() if k != "benchmarkings"}


SHAPES: dict[ChartKind, Callable[[list[dict[str, Any]], Mapping[str, Any]],
                                  tuple[Any, Mapping[str, Any]]]] = {
    periods: _periods_shape,
    lights_by_area: _lights_by_area_shape,
}
"""The chart kinds made for every cluster (thousands of charts in a large portfolio), and
what decides each one's Vega-Lite besides the rows it draws (``chart_engine`` makes
the Vega-Lite of each shape once): a shape read
from the rows, and the parameters that matter."""


def without_empty_data(spec: Any) -> Any:
    """The spec without the placeholder data Altair gives charts built without any (the
    rows are put in once, at the top)."""
    if isinstance(spec, dict):
        datasets = spec.get("datasets")
        if isinstance(datasets, dict):
            datasets.pop("empty", None)
            if not datasets:
                del spec["datasets"]
        if spec.get("data") == {"name": "empty"}:
            del spec["data"]
        for value in spec.values():
            without_empty_data(value)
    elif isinstance(spec, list):
        for value in spec:
            without_empty_data(value)
    return spec
