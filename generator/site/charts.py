"""Charts: Vega-Lite specifications from DataFrames, rendered to static SVG, cached.

Each chart kind is a function from a pandas DataFrame (made by ``generator.site.figures`` from
the model, with every word already in the page's language) to an Altair chart. ``finish``
turns it into a self-contained Vega-Lite dict: the data inline, the page language's
number and date formats in ``config.locale``, the site palette. ``ChartRenderer`` turns
specs into SVG with vl-convert, at build time, so a chart shows with JavaScript off and
loads nothing from another host. Rendering is cached on disk by the hash of the
canonical spec (plus the vl-convert and Vega-Lite versions and the locale), and cache
misses are rendered in parallel on the available cores: each process with vl-convert's
own font (``_vl_convert``), compiling charts of the same shape once (``_render_one``).
A chart's cost is its text, not its marks: see "Rendering cost" below.

Charts are drawn on their own white background (``palette.CHART_BACKGROUND``): one SVG
reads the same in the theme's light and dark palettes, and a downloaded SVG looks the
same anywhere. Every light has a glyph in the legend (● ▲ ■ ○, as on the page badges),
so no chart tells lights apart by colour alone.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import hashlib
import inspect
import json
import multiprocessing
import os
import re
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import altair as alt
import pandas as pd
from altair.utils import schemapi
from babel import Locale
from babel.numbers import format_percent, get_decimal_symbol, get_group_symbol

from generator.base import lifetime
from generator.base.sealed import SealedFolder
from generator.site import palette
from generator.site.i18n import format_locale
from generator.site.svgcheck import svg_pixel_size, svg_problems

VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
"""The Vega-Lite version Altair writes (``6.4``), passed to vl-convert."""

DEFAULT_CACHE = Path(__file__).resolve().parents[2] / ".cache" / "charts"
"""Where rendered SVGs are kept between builds (git-ignored); ``KF_CHART_CACHE`` overrides."""

ExecutorKind = Literal["process", "thread", "serial"]

_SVG_SIZE = re.compile(r'<svg\b[^>]*?\swidth="([\d.]+)"[^>]*?\sheight="([\d.]+)"')
_LOADS = re.compile(r"""\b(?:href|src)\s*=|url\s*\(|@import""", re.IGNORECASE)
_URL = re.compile(r"""(?:https?:)?//[^\s"'<>)]+""", re.IGNORECASE)
_NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")


# --- language formats ------------------------------------------------------------------------


@functools.cache
def number_locale(code: str) -> dict[str, Any]:
    """The d3-format locale of a language, from Babel (d3 has no ``nb-NO`` number locale).

    Norwegian: decimal comma, a no-break space between thousands, ``42 %`` with a no-break
    space, as the pages write numbers.
    """
    percent = format_percent(0.42, locale=code)
    return {
        "decimal": get_decimal_symbol(code),
        "thousands": get_group_symbol(code),
        "grouping": [3],
        "currency": ["", "\u00a0kr"] if code in ("nb", "nn", "no") else ["", ""],
        "percent": percent[percent.index("2") + 1:] or "%",
    }


@functools.cache
def time_locale(code: str) -> dict[str, Any]:
    """The d3-time-format locale of a language: month and day names from Babel."""
    locale = Locale.parse(code)
    months = locale.months["format"]
    days = locale.days["format"]
    periods = locale.day_periods["format"]["abbreviated"]
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # Babel counts from Monday (0), d3 from Sunday
    return {
        "dateTime": "%x %X",
        "date": "%Y-%m-%d",
        "time": "%H:%M:%S",
        "periods": [str(periods.get("am", "AM")), str(periods.get("pm", "PM"))],
        "days": [str(days["wide"][i]) for i in sunday_first],
        "shortDays": [str(days["abbreviated"][i]) for i in sunday_first],
        "months": [str(months["wide"][i]) for i in range(1, 13)],
        "shortMonths": [str(months["abbreviated"][i]) for i in range(1, 13)],
    }


def chart_config(code: str) -> dict[str, Any]:
    """The shared look of every chart, with the language's number and date formats."""
    ink, muted = palette.CHART_INK, palette.CHART_MUTED
    formats = format_locale(code)  # British English for "en", as on the pages
    return {
        "locale": {"number": number_locale(formats), "time": time_locale(formats)},
        "background": palette.CHART_BACKGROUND,
        "padding": 8,
        "font": "sans-serif",
        "view": {"stroke": None},
        # No pixel limits on labels and titles: a limit measures every label once more
        # (see "Rendering cost" below); labels that can be long are cut by ``clip``.
        "axis": {"labelColor": ink, "titleColor": ink, "domainColor": muted,
                 "tickColor": muted, "gridColor": palette.CHART_GRID, "labelFontSize": 11,
                 "titleFontSize": 12, "titleFontWeight": "normal", "labelLimit": 0,
                 "titleLimit": 0},
        "header": {"labelColor": ink, "titleColor": ink, "labelFontSize": 12,
                   "labelFontWeight": "bold"},
        "legend": {"labelColor": ink, "titleColor": ink, "labelFontSize": 12,
                   "titleFontSize": 12, "orient": "bottom", "direction": "horizontal",
                   "labelLimit": 0, "titleLimit": 0},
        "title": {"color": ink},
    }


# --- chart kinds -----------------------------------------------------------------------------


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows as plain JSON values (no numpy types, no NaN)."""
    return list(json.loads(frame.to_json(orient="records", force_ascii=False)))


def count_axis(largest: int, **options: Any) -> alt.Axis:
    """An axis of whole counts up to ``largest``: integer ticks only (Vega's tickMinStep
    alone still gives 0.5 steps on a domain of 0–2)."""
    return alt.Axis(format="d", tickMinStep=1, tickCount=max(1, min(int(largest), 5)),
                    **options)


def _year_step(first: str, last: str) -> int:
    """Label every 1, 2 or 5 years, depending on the span from ``first`` to ``last``."""
    years = int(last[:4]) - int(first[:4]) + 1
    return 1 if years <= 12 else 2 if years <= 24 else 5


def year_axis(first: str, last: str, **options: Any) -> alt.Axis:
    """A time axis labelled by year, every 1, 2 or 5 years depending on the span."""
    step = _year_step(first, last)
    return alt.Axis(format="%Y", labelOverlap=True,
                    tickCount=alt.TimeIntervalStep(interval="year", step=step), **options)


def light_scale(labels: Mapping[str, str], lights: Sequence[str]) -> alt.Scale:
    """The light palette as a colour scale over the lights' labels, best first."""
    return alt.Scale(domain=[labels[c] for c in lights],
                     range=[palette.LIGHT_COLOURS[c] for c in lights])


# Every chart kind below builds its Altair chart without data; ``finish`` puts the frame's
# rows in once (Altair deep-copies inline data at every layer and property otherwise).


# Rendering cost (CPU of vl-convert, bench/bench_charts.py --kinds): text costs, marks
# hardly. vl-convert measures every label, title, legend entry and text mark, glyph by
# glyph (cheap with its own font, see ``_vl_convert``, ~0.1 ms a character with a system
# font file); a pixel limit (labelLimit, titleLimit) measures a text once more, and one
# that must be cut a dozen times more. A facet repeats its axes, titles and headers in
# every panel, and every layer is one more dataflow. Bars, rules and symbols cost next to
# nothing. So the chart kinds below write each word once: one view with columns instead
# of facets, long labels cut by characters in the label expression (``clip``) instead of
# by measured pixels, symbols instead of text glyphs, one layer where one mark does.


def clip(length: int) -> str:
    """An axis label expression cutting labels longer than ``length`` characters with an
    ellipsis: the cut a pixel ``labelLimit`` makes, without measuring every label twice."""
    return f"truncate(datum.label, {int(length)})"


@dataclass(frozen=True)
class _Columns:
    """Small multiples side by side in one view: column ``i`` spans ``[i * period,
    i * period + span]`` on one quantitative x scale, with a gap between columns."""

    count: int
    span: float
    width: int
    """Pixel width of one column."""
    gap: int = 24

    @property
    def period(self) -> float:
        return round(self.span * (1 + self.gap / self.width), 6)

    @property
    def end(self) -> float:
        return round((self.count - 1) * self.period + self.span, 6)

    @property
    def total_width(self) -> int:
        return self.count * self.width + (self.count - 1) * self.gap

    def ticks(self, values: Sequence[float]) -> list[float]:
        """``values`` (positions within a column) repeated in every column."""
        return [round(c * self.period + v, 6) for c in range(self.count) for v in values]

    def label(self, fmt: str) -> str:
        """The label expression of a tick: its position within its column, formatted."""
        p = self.period
        return f"format(datum.value - {p} * floor(datum.value / {p} + 1e-6), '{fmt}')"


def _column_grid(frame: pd.DataFrame, *, value: str, rows_field: str, rows: Sequence[str],
                 column_field: str, columns: Sequence[str], heads: str, head_lines: int,
                 layout: _Columns, ticks: Sequence[float], tick_format: str, x_title: str,
                 light_labels: Mapping[str, str], legend_title: str,
                 column_rank: str | None = None) -> alt.LayerChart:
    """Stacked bars of green, yellow and red: a row per ``rows_field`` value (labelled on
    the left) and a column per ``column_field`` value (headed once, on top), in one view.

    ``heads`` is the Vega expression of a column's heading (``datum.name`` is its value;
    an array is set on several lines, ``head_lines`` at most). Columns are in the order
    of ``columns``, or with ``column_rank`` in the order of that field's values: then the
    spec does not list the columns, and charts of the same shape share one compiled
    Vega spec (see ``_render_one``).
    """
    lights = ("green", "yellow", "red")
    p = layout.period
    if column_rank is None:
        at = json.dumps(list(columns), ensure_ascii=False)
        base = alt.Chart().transform_calculate(
            col=f"indexof({at}, datum[{json.dumps(column_field)}])")
    else:
        base = alt.Chart().transform_window(
            rank="dense_rank()", sort=[alt.SortField(column_rank)],
        ).transform_calculate(col="datum.rank - 1")
    bars = base.transform_filter(f"datum[{json.dumps(value)}] > 0").transform_stack(
        stack=value, groupby=[rows_field, column_field], sort=[alt.SortField("light_rank")],
        as_=["v0", "v1"], offset="zero",
    ).transform_calculate(
        x0=f"datum.col * {p} + datum.v0", x1=f"datum.col * {p} + datum.v1",
        # What a screen reader says of a bar, and no x axis: x0 and x1 are positions in
        # the columns, not values.
        aria=f"datum[{json.dumps(column_field)}] + ', ' + datum[{json.dumps(rows_field)}] "
             f"+ ': ' + format(datum[{json.dumps(value)}], '{tick_format}') + ' ' "
             f"+ datum.light_label",
    ).mark_bar(stroke=palette.CHART_OUTLINE, strokeWidth=0.75).encode(
        x=alt.X("x0:Q", title=x_title,
                scale=alt.Scale(domain=[0, layout.end], nice=False, zero=True),
                axis=alt.Axis(values=layout.ticks(ticks), labelExpr=layout.label(tick_format),
                              grid=True, labelFlush=False, aria=False)),
        x2=alt.X2("x1:Q"),
        y=alt.Y(f"{rows_field}:N", title=None, sort=list(rows)),
        color=alt.Color("light_label:N", scale=light_scale(light_labels, lights),
                        legend=alt.Legend(title=legend_title)),
        description=alt.Description("aria:N"),
    )
    head = base.transform_aggregate(
        col="min(col)", groupby=[column_field],
    ).transform_calculate(
        x=f"datum.col * {p}", name=f"datum[{json.dumps(column_field)}]",
    ).transform_calculate(head=heads).mark_text(
        align="left", baseline="bottom", dy=-6 - 14 * (head_lines - 1), lineHeight=14,
        fontSize=12, fontWeight="bold", color=palette.CHART_INK, aria=False,
    ).encode(x=alt.X("x:Q"), y=alt.value(0), text=alt.Text("head:N"))
    return alt.LayerChart(layer=[bars, head], width=layout.total_width, height=alt.Step(24))


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
    lights = ("green", "yellow", "red")
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


_GLYPH_SHAPES = {"green": "circle", "yellow": "triangle-up", "red": "square", "n/a": "circle"}
"""The Vega symbol of each light's glyph (``palette.LIGHT_GLYPHS``; n/a: not filled)."""


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
        color=alt.Color("light_label:N", scale=light_scale(light_labels, palette.LIGHTS),
                        legend=alt.Legend(title=legend_title, symbolType="square")),
    )
    # The glyph of each light (as in the legend: ● ▲ ■ ○) drawn as a symbol: a text mark
    # per cell would be measured glyph by glyph, hundreds of times a chart.
    glyphs = base.mark_point(size=36, strokeWidth=1, opacity=1, aria=False).encode(
        shape=alt.Shape("light:N", legend=None, scale=alt.Scale(
            domain=list(palette.LIGHTS), range=[_GLYPH_SHAPES[c] for c in palette.LIGHTS])),
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
    spec: dict[str, Any] = chart if isinstance(chart, dict) else _without_empty_data(
        chart.to_dict(validate=False))
    spec["data"] = {"values": _records(frame) if records is None else records}
    spec["description"] = description
    spec["config"] = chart_config(code)
    return spec


ChartKind = Callable[..., Any]
"""A chart kind above: ``kind(frame, **params)`` gives an Altair chart without data."""


@functools.lru_cache(maxsize=8)
def _code_version(kind_module: str = __file__) -> str:
    """What else decides a spec besides its inputs: this module, the palette, Altair and
    the module of the chart kind (``generator.site.strategy_charts`` has kinds too)."""
    digest = hashlib.sha256(alt.__version__.encode())
    for path in dict.fromkeys((Path(__file__), Path(palette.__file__), Path(kind_module))):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_spec(kind: ChartKind, frame: pd.DataFrame, params: Mapping[str, Any], code: str,
               description: str, *, cache_dir: Path | None = None,
               check: bool = False) -> dict[str, Any]:
    """The Vega-Lite spec of one chart: ``finish(kind(frame, **params), ...)``.

    With ``cache_dir``, a spec built before from the same inputs (and the same code of
    this module, the palette and Altair) is read back instead: Altair takes 10–20 ms a
    chart, reading the spec well under 1 ms, which counts with thousands of clusters.
    ``check`` validates a newly built spec against the Vega-Lite schema (~100 ms).
    """
    records = _records(frame)
    store = key = None
    if cache_dir is not None:
        key = hashlib.sha256(_inputs_key(
            [kind.__name__, records, params, code, description,
             _code_version(inspect.getfile(kind))]).encode(),
        ).hexdigest()
        store = spec_store(cache_dir)
        content = store.read(key)  # sealed: the entry of this key, its bytes intact
        if content is not None:
            cached = _cached_spec(content)
            if cached is not None:
                return cached
            store.reject(key)
    # Altair validates every schema object as it is made unless told not to: 15 of the
    # 20 ms a spec took. The finished spec is validated once instead, in the tests.
    with schemapi.debug_mode(False):
        chart = (_template(kind, frame, params, records) if kind in _SHAPES
                 else kind(frame, **params))
        spec = finish(chart, frame, code, description, records=records)
    if check:
        validate(spec)
    if store is not None and key is not None:
        store.write(key, canonical_json(spec).encode())
    return spec


@functools.cache
def spec_store(cache_dir: Path) -> SealedFolder:
    """The cached specs of a cache folder (one per folder, so its counts add up)."""
    return SealedFolder(cache_dir / "specs", ".json")


def _cached_spec(content: bytes) -> dict[str, Any] | None:
    """A cached spec if it is the shape of one (a Vega-Lite mapping), else None."""
    try:
        spec = json.loads(content)
    except ValueError:
        return None
    if not isinstance(spec, dict) or not str(spec.get("$schema", "")).startswith(
            "https://vega.github.io/schema/vega-lite/"):
        return None
    return spec


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


_SHAPES: dict[ChartKind, Callable[[list[dict[str, Any]], Mapping[str, Any]],
                                  tuple[Any, Mapping[str, Any]]]] = {
    periods: _periods_shape,
    lights_by_area: _lights_by_area_shape,
}
"""The chart kinds made for every cluster (thousands of charts in a large portfolio), and
what decides each one's Vega-Lite besides the rows it draws (``_template``): a shape read
from the rows, and the parameters that matter."""
_TEMPLATES: dict[str, str] = {}
_TEMPLATES_MAX = 4096


def _template(kind: ChartKind, frame: pd.DataFrame, params: Mapping[str, Any],
              rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``kind(frame, **params)`` as a Vega-Lite dict without data, made by Altair once per
    process for each kind, deciding parameters and shape (``_SHAPES``; ``rows``: the
    frame's rows as ``_records`` gives them): Altair takes 10–20 ms to
    make and convert a layered chart (most of it deep copies), a copy of the dict ~0.1 ms.
    tests/test_charts.py checks that every template gives what Altair gives."""
    shape, deciding = _SHAPES[kind](rows, params)
    key = _inputs_key([kind.__name__, shape, deciding])
    text = _TEMPLATES.get(key)
    if text is None:
        text = json.dumps(_without_empty_data(kind(frame, **params).to_dict(validate=False)),
                          ensure_ascii=False)
        if len(_TEMPLATES) >= _TEMPLATES_MAX:
            _TEMPLATES.pop(next(iter(_TEMPLATES)))
        _TEMPLATES[key] = text
    return dict(json.loads(text))


def _inputs_key(inputs: Sequence[Any]) -> str:
    """A chart's inputs as JSON, for a key: mappings in their order (a scale's domain
    follows it), any other collection as a list."""
    def plain(value: Any) -> Any:
        return dict(value) if isinstance(value, Mapping) else list(value)

    return json.dumps(inputs, ensure_ascii=False, default=plain)


def _without_empty_data(spec: Any) -> Any:
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
            _without_empty_data(value)
    elif isinstance(spec, list):
        for value in spec:
            _without_empty_data(value)
    return spec


def canonical_json(spec: Mapping[str, Any]) -> str:
    """The spec as compact JSON with sorted keys: what the cache key is made of."""
    return json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def spec_json(spec: Mapping[str, Any]) -> bytes:
    """The spec as published beside its chart: sorted keys, indented, UTF-8."""
    return (json.dumps(spec, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode()


def validate(spec: Mapping[str, Any]) -> None:
    """Raise when ``spec`` does not follow the Vega-Lite schema Altair ships."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import core

    validate_jsonschema(dict(spec), core.load_schema())


# --- rendering -------------------------------------------------------------------------------


class UnsafeChart(ValueError):
    """A rendered chart that must not be published (see ``svgcheck``)."""


@dataclass(frozen=True)
class SvgImage:
    """One rendered chart."""

    svg: bytes
    width: int
    height: int


def svg_size(svg: str | bytes) -> tuple[int, int]:
    """The pixel width and height an SVG declares on its root element."""
    text = svg.decode() if isinstance(svg, bytes) else svg
    match = _SVG_SIZE.search(text)
    if match is None:
        raise ValueError("the SVG declares no width and height")
    return round(float(match.group(1))), round(float(match.group(2)))


def external_references(svg: str | bytes) -> list[str]:
    """What in an SVG could make a browser load something: links (``href``, ``src``),
    ``url(...)`` and ``@import``. A rendered chart has none."""
    # Only the markup is looked at: text from the data (labels, titles, aria-labels) is
    # shown, never loaded, and may say "src=" (Data format page: made harmless, not refused).
    import xml.etree.ElementTree as ET

    found: list[str] = []
    for element in ET.fromstring(svg).iter():
        if element.tag.rsplit("}", 1)[-1] == "style":
            found.extend(_LOADS.findall(element.text or ""))
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local in ("href", "src"):
                found.append(f"{local}=")
            elif not local.startswith("aria-"):
                found.extend(_LOADS.findall(value))
    return found


def urls(svg: str | bytes) -> list[str]:
    """Every URL written in an SVG, except the SVG and XLink namespaces."""
    text = svg.decode() if isinstance(svg, bytes) else svg
    return [u for u in _URL.findall(text) if u not in _NAMESPACES]


def vl_convert_version() -> str:
    """The vl-convert version (part of every cache key)."""
    import vl_convert

    return str(getattr(vl_convert, "__version__", "unknown"))


def cache_key(spec: Mapping[str, Any]) -> str:
    """The sha256 of what decides a chart's SVG: spec, locale and converter versions."""
    locale = spec.get("config", {}).get("locale")
    parts = [canonical_json(spec), vl_convert_version(), VL_VERSION,
             json.dumps(locale, sort_keys=True, ensure_ascii=False)]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{none}</dir></fontconfig>
"""
_FONT_PROBE = {"data": {"values": [{"t": "Aa"}]}, "mark": "text",
               "encoding": {"text": {"field": "t"}}}
"""A chart with a text to measure: its rendering reads the fonts."""
_CONVERTER = threading.Lock()
_converter_ready = False


def _vl_convert() -> Any:
    """vl_convert, its fonts those it ships (Liberation Sans), none of the system's.

    Every label, title and legend entry of a chart is measured by vl-convert, glyph by
    glyph, in the font it resolves ``sans-serif`` to. With the system's fonts that is a
    font file, which its font database opens and maps into memory again for every glyph:
    ~0.09 ms a character, two thirds of what a chart cost. The Liberation Sans that
    vl-convert ships is held in memory (~0.01 ms a character) and has the same metrics, so
    the SVGs are byte for byte the same, and no longer depend on the fonts installed.

    vl-convert reads the fonts once a process, at its first conversion, from the
    fontconfig file ``FONTCONFIG_FILE`` names: one listing a folder that does not exist
    is set for that conversion only (anything else in the process using fontconfig later
    sees the environment as it was). A glyph Liberation Sans lacks is measured with no
    fallback font, which can only make a chart's layout a little off, never fail.
    """
    global _converter_ready
    import vl_convert

    if _converter_ready:
        return vl_convert
    with _CONVERTER:
        if not _converter_ready:
            with tempfile.TemporaryDirectory(prefix="kf-fonts-") as folder:
                conf = Path(folder) / "fonts.conf"
                conf.write_text(_FONTCONFIG.format(none=Path(folder) / "none"),
                                encoding="utf-8")
                previous = os.environ.get("FONTCONFIG_FILE")
                os.environ["FONTCONFIG_FILE"] = str(conf)
                try:
                    vl_convert.vegalite_to_svg(_FONT_PROBE, vl_version=VL_VERSION,
                                               allowed_base_urls=[])
                finally:
                    if previous is None:
                        del os.environ["FONTCONFIG_FILE"]
                    else:
                        os.environ["FONTCONFIG_FILE"] = previous
            _converter_ready = True
    return vl_convert


_VALUES = "\u0000kf-values\u0000"
_DESCRIPTION = "\u0000kf-description\u0000"
_COMPILED: dict[str, str | None] = {}
"""Compiled Vega specs of this process by the Vega-Lite spec without its rows and text
alternative (the template), with ``_VALUES`` and ``_DESCRIPTION`` where those go; None
when a template cannot be filled in that way (rendered from Vega-Lite then)."""
_COMPILED_MAX = 512


def _compiled(template: dict[str, Any]) -> str | None:
    """The compiled Vega spec of a template (see ``_COMPILED``), compiled once a process."""
    key = canonical_json(template)
    with _CONVERTER:
        if key in _COMPILED:
            return _COMPILED[key]
    vega = _vl_convert().vegalite_to_vega(template, vl_version=VL_VERSION)
    inline = [d for d in vega.get("data", []) if "values" in d]
    found: str | None = None
    if len(inline) == 1 and inline[0]["values"] == [] and (
            vega.get("description") == template.get("description")):
        inline[0]["values"] = _VALUES
        found = json.dumps(vega, ensure_ascii=False, separators=(",", ":"))
        if found.count(json.dumps(_DESCRIPTION)) > 1:
            found = None
    with _CONVERTER:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[key] = found
    return found


def _render_one(spec_text: str) -> str:
    """vl-convert on one spec (JSON text): a top-level function, so processes can run it.

    Compiling Vega-Lite to Vega takes a sixth of a chart's time, and does not look at the
    rows: charts that differ only in their rows and text alternative (every cluster's
    timeline with the same lanes, say) are compiled once per process, and their rows put
    into the compiled spec. The SVG is the same, byte for byte (tests/test_charts.py).
    """
    vl_convert = _vl_convert()
    spec = json.loads(spec_text)
    data = spec.get("data")
    if isinstance(data, dict) and set(data) == {"values"} and isinstance(data["values"], list):
        values, description = data["values"], spec.get("description")
        template = {**spec, "data": {"values": []}}
        if description is not None:
            template["description"] = _DESCRIPTION
        vega = _compiled(template)
        if vega is not None:
            filled = vega.replace(json.dumps(_VALUES), json.dumps(
                values, ensure_ascii=False, separators=(",", ":")), 1)
            if description is not None:
                filled = filled.replace(json.dumps(_DESCRIPTION), json.dumps(
                    description, ensure_ascii=False), 1)
            return str(vl_convert.vega_to_svg(filled, allowed_base_urls=[]))
    return str(vl_convert.vegalite_to_svg(spec_text, vl_version=VL_VERSION,
                                          allowed_base_urls=[]))


def _render_timed(spec_text: str) -> tuple[str, float]:
    """``_render_one`` and the CPU seconds it took in the process that ran it."""
    start = time.process_time()
    svg = _render_one(spec_text)
    return svg, time.process_time() - start


_POOLS: dict[tuple[str, int], Executor] = {}


def _pool(kind: ExecutorKind, workers: int) -> Executor:
    """A worker pool kept for the whole run, so every language's batch reuses warm workers."""
    key = (kind, workers)
    if key not in _POOLS:
        if kind == "process":
            # forkserver: forking a process where vl-convert's JavaScript runtime already
            # runs hangs, and spawn would run `python -m generator` again in every worker.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["vl_convert"])
            # each worker dies with the build, also when the build is killed (lifetime)
            _POOLS[key] = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                              initializer=lifetime.die_with_parent,
                                              initargs=(os.getpid(),))
        else:
            _POOLS[key] = ThreadPoolExecutor(max_workers=workers,
                                             thread_name_prefix="kf-chart")
    return _POOLS[key]


@atexit.register
def _shutdown_pools() -> None:
    for pool in _POOLS.values():
        pool.shutdown(wait=True, cancel_futures=True)
    _POOLS.clear()


def _executor_from_env() -> ExecutorKind:
    kind = os.environ.get("KF_CHART_EXECUTOR", "process")
    if kind not in ("process", "thread", "serial"):
        raise ValueError(f"KF_CHART_EXECUTOR={kind}: use process, thread or serial")
    return kind  # type: ignore[return-value]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


@dataclass
class RenderStats:
    """What one or more ``render`` calls did."""

    hits: int = 0
    misses: int = 0
    seconds: float = 0.0
    render_seconds: float = 0.0
    cpu_seconds: float = 0.0
    """CPU time vl-convert took for the misses, summed over the processes that ran it."""


def _render_batch(texts: list[str]) -> list[tuple[str, float]]:
    """``_render_timed`` on every spec of a batch: one task for a worker."""
    return [_render_timed(text) for text in texts]


class _Batches:
    """Cache misses of one ``ChartRenderer.render`` call, rendered as they come.

    The first ``min_parallel`` misses are held back: fewer in all are rendered here, one
    by one (starting workers would cost more); from then on, misses go to the pool in
    batches of ``BATCH`` while the caller builds the next specs."""

    BATCH = 16

    def __init__(self, renderer: ChartRenderer):
        self.renderer = renderer
        self.keys: list[str] = []
        self._seen: set[str] = set()
        self._waiting: list[str] = []
        self._futures: list[Future[list[tuple[str, float]]]] = []
        self._pool: Executor | None = None
        self.started = time.perf_counter()

    def __contains__(self, key: object) -> bool:
        return key in self._seen

    def __bool__(self) -> bool:
        return bool(self.keys)

    def add(self, key: str, text: str) -> None:
        if not self.keys:
            self.started = time.perf_counter()
        self.keys.append(key)
        self._seen.add(key)
        self._waiting.append(text)
        r = self.renderer
        if self._pool is None and len(self.keys) >= r.min_parallel and (
                r.executor != "serial" and r.workers > 1):
            self._pool = _pool(r.executor, r.workers)
        if self._pool is not None and len(self._waiting) >= self.BATCH:
            self._submit()

    def flush(self) -> None:
        """Hand the misses held in a batch to the workers (when rendering in parallel)."""
        if self._pool is not None:
            self._submit()

    def _submit(self) -> None:
        assert self._pool is not None
        if self._waiting:
            self._futures.append(self._pool.submit(_render_batch, self._waiting))
            self._waiting = []

    def results(self, progress: Callable[[int, int, str], None] | None
                ) -> Iterator[tuple[str, str]]:
        """(key, SVG) of every miss, in the order added."""
        total = len(self.keys)
        if self._pool is None:
            outputs: Iterable[tuple[str, float]] = map(_render_timed, self._waiting)
        else:
            self._submit()
            outputs = (item for future in self._futures for item in future.result())
        for done, (key, (svg, cpu)) in enumerate(zip(self.keys, outputs, strict=True), 1):
            self.renderer.stats.cpu_seconds += cpu
            if progress is not None:
                progress(done, total, "charts rendered")
            yield key, svg


class PendingImages:
    """The images of one ``ChartRenderer.start``: cache hits at once, misses rendering."""

    def __init__(self, renderer: ChartRenderer, batches: _Batches):
        self.renderer = renderer
        self.batches = batches
        self.keys: list[str] = []
        self.found: dict[str, str] = {}
        self.started = time.perf_counter()

    def images(self, progress: Callable[[int, int, str], None] | None = None
               ) -> list[SvgImage]:
        """Every spec's image, in order, once rendered."""
        stats = self.renderer.stats
        if self.batches:
            for key, svg in self.batches.results(progress):
                problems = svg_problems(svg.encode())
                if problems:
                    raise UnsafeChart(f"a rendered chart cannot be published: "
                                      f"{'; '.join(problems[:3])}")
                self.found[key] = svg
                self.renderer._write(key, svg)
            stats.render_seconds += time.perf_counter() - self.batches.started
            self.batches = _Batches(self.renderer)  # rendered: a second call waits for none
        stats.seconds += time.perf_counter() - self.started
        self.started = time.perf_counter()
        images = []
        for key in self.keys:
            svg = self.found[key].encode()
            width, height = svg_pixel_size(svg)
            images.append(SvgImage(svg, width, height))
        return images


@dataclass
class ChartRenderer:
    """Renders Vega-Lite specs to SVG, from the cache when it can, in parallel when not."""

    cache_dir: Path | None = field(default_factory=lambda: Path(
        os.environ.get("KF_CHART_CACHE") or DEFAULT_CACHE))
    """None: no cache (every spec is rendered)."""
    workers: int = field(default_factory=lambda: _cores())
    """Processes (or threads) rendering cache misses: the cores this process may use."""
    executor: ExecutorKind = field(default_factory=lambda: _executor_from_env())
    """process: a pool of worker processes (vl-convert runs one conversion at a time per
    process, so threads barely help: measured in bench/bench_charts.py); serial: here."""
    min_parallel: int = 24
    """Fewer misses than this are rendered here, one by one: a worker pays ~1 s to start
    vl-convert, as much as ~12 charts take to render (bench/bench_charts.py; 512 charts
    rendered 1.5 times faster on 2 busy cores than serially)."""
    stats: RenderStats = field(default_factory=RenderStats)

    def render(self, specs: Iterable[Mapping[str, Any]],
               progress: Callable[[int, int, str], None] | None = None) -> list[SvgImage]:
        """The SVG of every spec, in order; ``progress(done, total, what)`` is told how
        many of the cache misses are rendered."""
        return self.start(specs).images(progress)

    def start(self, specs: Iterable[Mapping[str, Any]]) -> PendingImages:
        """Start rendering every spec (``images()`` of the result waits for them).

        ``specs`` may be a generator: cache misses are handed to the workers as they come,
        so the specs still to be built are built while the first ones render, and the
        caller can do other work (the pages) while the last ones render."""
        pending = PendingImages(self, _Batches(self))
        for spec in specs:
            key = cache_key(spec)
            pending.keys.append(key)
            if key in pending.found or key in pending.batches:
                continue
            cached = self._read(key)
            if cached is not None:
                pending.found[key] = cached
                self.stats.hits += 1
            else:
                pending.batches.add(key, canonical_json(spec))
                self.stats.misses += 1
        pending.batches.flush()
        return pending

    @functools.cached_property
    def _store(self) -> SealedFolder | None:
        return None if self.cache_dir is None else SealedFolder(self.cache_dir / "svg", ".svg")

    def _path(self, key: str) -> Path:
        assert self._store is not None
        return self._store.path(key)

    def _read(self, key: str) -> str | None:
        """A cached SVG, only if it is the intact entry of ``key`` and may be published
        (``svg_problems``); anything else is removed, and the chart rendered again."""
        if self._store is None:
            return None
        content = self._store.read(key)
        if content is None:
            return None
        try:
            svg = content.decode("utf-8")
        except UnicodeDecodeError:
            svg = None
        if svg is None or svg_problems(content):
            self._store.reject(key)
            return None
        return svg

    def _write(self, key: str, svg: str) -> None:
        if self._store is not None:
            self._store.write(key, svg.encode())  # a full or read-only disk: not cached

    @property
    def damaged(self) -> list[Path]:
        """Cache entries found damaged and removed (SVGs, and specs of this cache)."""
        found = list(self._store.damaged) if self._store is not None else []
        if self.cache_dir is not None:
            found += spec_store(self.cache_dir).damaged
        return found


CACHE_MAX_AGE_DAYS = 30
_PRUNED = "pruned"
"""A file in the cache folder whose time says when the cache was last pruned."""


def prune_cache(cache_dir: Path | None, *, max_age_days: float = CACHE_MAX_AGE_DAYS,
                force: bool = False) -> int:
    """Remove the cached specs and SVGs not used for ``max_age_days`` (each use touches
    its file), at most once a day unless ``force``; the number of files removed.

    A chart whose file was removed is rendered again when it is needed: pruning costs
    time, never a chart. Left-over temporary files older than an hour go too."""
    if cache_dir is None or not cache_dir.is_dir():
        return 0
    now = time.time()
    stamp = cache_dir / _PRUNED
    with contextlib.suppress(OSError):
        if not force and now - stamp.stat().st_mtime < 24 * 3600:
            return 0
    removed = 0
    for part in ("svg", "specs"):
        for folder, _dirs, names in os.walk(cache_dir / part):
            for name in names:
                path = os.path.join(folder, name)
                limit = 3600 if name.startswith(".tmp-") else max_age_days * 24 * 3600
                try:
                    if now - os.stat(path).st_mtime > limit:
                        os.unlink(path)
                        removed += 1
                except OSError:
                    continue
    with contextlib.suppress(OSError):
        stamp.touch()
    return removed
