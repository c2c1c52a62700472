"""Charts: Vega-Lite specifications from DataFrames, rendered to static SVG, cached.

Each chart kind is a function from a pandas DataFrame (made by ``generator.figures`` from
the model, with every word already in the page's language) to an Altair chart. ``finish``
turns it into a self-contained Vega-Lite dict: the data inline, the page language's
number and date formats in ``config.locale``, the site palette. ``ChartRenderer`` turns
specs into SVG with vl-convert, at build time, so a chart shows with JavaScript off and
loads nothing from another host. Rendering is cached on disk by the hash of the
canonical spec (plus the vl-convert and Vega-Lite versions and the locale), and cache
misses are rendered in parallel on the available cores.

Charts are drawn on their own white background (``palette.CHART_BACKGROUND``): one SVG
reads the same in the theme's light and dark palettes, and a downloaded SVG looks the
same anywhere. Every light has a glyph in the legend (● ▲ ■ ○, as on the page badges),
so no chart tells lights apart by colour alone.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import json
import multiprocessing
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import altair as alt
import pandas as pd
from altair.utils import schemapi
from babel import Locale
from babel.numbers import format_percent, get_decimal_symbol, get_group_symbol

from generator import palette

VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
"""The Vega-Lite version Altair writes (``6.4``), passed to vl-convert."""

DEFAULT_CACHE = Path(__file__).resolve().parent.parent / ".cache" / "charts"
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
    return {
        "locale": {"number": number_locale(code), "time": time_locale(code)},
        "background": palette.CHART_BACKGROUND,
        "padding": 8,
        "font": "sans-serif",
        "view": {"stroke": None},
        "axis": {"labelColor": ink, "titleColor": ink, "domainColor": muted,
                 "tickColor": muted, "gridColor": palette.CHART_GRID, "labelFontSize": 11,
                 "titleFontSize": 12, "titleFontWeight": "normal"},
        "header": {"labelColor": ink, "titleColor": ink, "labelFontSize": 12,
                   "labelFontWeight": "bold"},
        "legend": {"labelColor": ink, "titleColor": ink, "labelFontSize": 12,
                   "titleFontSize": 12, "orient": "bottom", "direction": "horizontal",
                   "labelLimit": 300},
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


def year_axis(first: str, last: str, **options: Any) -> alt.Axis:
    """A time axis labelled by year, every 1, 2 or 5 years depending on the span."""
    years = int(last[:4]) - int(first[:4]) + 1
    step = 1 if years <= 12 else 2 if years <= 24 else 5
    return alt.Axis(format="%Y", labelOverlap=True,
                    tickCount=alt.TimeIntervalStep(interval="year", step=step), **options)


def light_scale(labels: Mapping[str, str], lights: Sequence[str]) -> alt.Scale:
    """The light palette as a colour scale over the lights' labels, best first."""
    return alt.Scale(domain=[labels[c] for c in lights],
                     range=[palette.LIGHT_COLOURS[c] for c in lights])


# Every chart kind below builds its Altair chart without data; ``finish`` puts the frame's
# rows in once (Altair deep-copies inline data at every layer and property otherwise).


def lights_by_area(frame: pd.DataFrame, *, light_labels: Mapping[str, str], areas: Sequence[str],
                   benchmarkings: Sequence[str], x_title: str, y_title: str,
                   legend_title: str) -> alt.FacetChart:
    """Counts of green, yellow and red per benchmarking (a bar each), one panel per area.

    Columns: ``area``, ``benchmarking``, ``light_label``, ``light_rank``, ``count``.
    """
    lights = ("green", "yellow", "red")
    largest = frame.groupby(["area", "benchmarking"])["count"].sum().max() if len(frame) else 1
    bars = alt.Chart().mark_bar(stroke=palette.CHART_OUTLINE, strokeWidth=0.75).encode(
        x=alt.X("count:Q", title=x_title, stack="zero", axis=count_axis(largest)),
        y=alt.Y("benchmarking:N", title=y_title, sort=list(benchmarkings)),
        color=alt.Color("light_label:N", scale=light_scale(light_labels, lights),
                        legend=alt.Legend(title=legend_title)),
        order=alt.Order("light_rank:Q"),
    )
    bars.width, bars.height = 360, alt.Step(22)
    return alt.FacetChart(
        spec=bars,
        facet=alt.Facet("area:N", sort=list(areas), title=None,
                        header=alt.Header(labelOrient="top", labelAnchor="start",
                                          labelAngle=0, labelLimit=420)),
        columns=1,
        spacing=10,
    )


def share_bars(frame: pd.DataFrame, *, light_labels: Mapping[str, str], groups: Sequence[str],
               areas: Sequence[str] | None, x_title: str, legend_title: str,
               ) -> alt.FacetChart | alt.LayerChart:
    """Shares of green, yellow and red of several groups side by side (a bar each),
    with one panel per area when ``areas`` is given.

    Columns: ``group``, ``light_label``, ``light_rank``, ``share`` (and ``area`` with
    areas). Shares of one group add up to 1.
    """
    lights = ("green", "yellow", "red")
    base = alt.Chart()
    bars = base.mark_bar(stroke=palette.CHART_OUTLINE, strokeWidth=0.75).encode(
        x=alt.X("share:Q", title=x_title, stack="zero",
                scale=alt.Scale(domain=[0, 1], nice=False),
                axis=alt.Axis(format=".0%", values=[0, 0.25, 0.5, 0.75, 1])),
        y=alt.Y("group:N", title=None, sort=list(groups), axis=alt.Axis(labelLimit=300)),
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
    layer = alt.LayerChart(layer=[bars, text], width=360, height=alt.Step(24))
    if areas is None:
        return layer
    return alt.FacetChart(
        spec=layer,
        facet=alt.Facet("area:N", sort=list(areas), title=None,
                        header=alt.Header(labelOrient="top", labelAnchor="start",
                                          labelAngle=0, labelLimit=620)),
        columns=1,
        spacing=10,
    )


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
        y=alt.Y("cluster:N", title=None, sort=list(clusters), axis=alt.Axis(labelLimit=220)),
    )
    cells = base.mark_rect(stroke=palette.CHART_BACKGROUND, strokeWidth=1.5).encode(
        color=alt.Color("light_label:N", scale=light_scale(light_labels, palette.LIGHTS),
                        legend=alt.Legend(title=legend_title, symbolType="square")),
    )
    glyphs = base.mark_text(fontSize=11).encode(
        text=alt.Text("glyph:N"),
        color=alt.Color("ink:N", scale=None),
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
            category_title: str, shape_title: str, x_title: str) -> alt.LayerChart:
    """A timeline: periods as bars on their lane, dated marks as points, and a dashed
    rule on the as-of date.

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
    y = alt.Y("lane:N", title=None, sort=list(lanes), axis=alt.Axis(labelLimit=220))
    base = alt.Chart()
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
        shape = alt.Shape("shape:N", legend=alt.Legend(title=shape_title),
                          scale=alt.Scale(domain=list(shapes), range=list(shapes.values())))
        for coloured in (True, False):
            if not (points["category"] != "").eq(coloured).any():
                continue
            test = (alt.datum.category != "") if coloured else (alt.datum.category == "")
            layers.append(base.mark_point(
                filled=True, size=90, opacity=1, stroke=palette.CHART_BACKGROUND,
                strokeWidth=0.75,
            ).encode(
                x=alt.X("date:T", title=x_title, scale=utc, axis=x_axis),
                y=y, shape=shape,
                color=colour if coloured else alt.value(palette.CHART_INK),
            ).transform_filter((alt.datum.mark == "point") & test))
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


def finish(chart: alt.TopLevelMixin, frame: pd.DataFrame, code: str, description: str, *,
           records: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The chart as a self-contained Vega-Lite dict: ``frame``'s rows as inline data, the
    language ``code``'s formats, the site's look and the text alternative."""
    spec: dict[str, Any] = _without_empty_data(chart.to_dict(validate=False))
    spec["data"] = {"values": _records(frame) if records is None else records}
    spec["description"] = description
    spec["config"] = chart_config(code)
    return spec


ChartKind = Callable[..., Any]
"""A chart kind above: ``kind(frame, **params)`` gives an Altair chart without data."""


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """What else decides a spec besides its inputs: this module, the palette, Altair."""
    digest = hashlib.sha256(alt.__version__.encode())
    for path in (Path(__file__), Path(palette.__file__)):
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
    path = None
    if cache_dir is not None:
        key = hashlib.sha256(json.dumps(
            [kind.__name__, records, params, code, description, _code_version()],
            sort_keys=True, ensure_ascii=False, default=list).encode()).hexdigest()
        path = cache_dir / "specs" / key[:2] / f"{key}.json"
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except (FileNotFoundError, ValueError):
            pass
    # Altair validates every schema object as it is made unless told not to: 15 of the
    # 20 ms a spec took. The finished spec is validated once instead, in the tests.
    with schemapi.debug_mode(False):
        spec = finish(kind(frame, **params), frame, code, description, records=records)
    if check:
        validate(spec)
    if path is not None:
        _write_atomic(path, canonical_json(spec))
    return spec


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
    # shown, never loaded, and may say "src=" (DATA-CONTRACT: made harmless, not refused).
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


def _render_one(spec_text: str) -> str:
    """vl-convert on one spec (JSON text): a top-level function, so processes can run it."""
    import vl_convert

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
            _POOLS[key] = ProcessPoolExecutor(max_workers=workers, mp_context=context)
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

    def render(self, specs: Sequence[Mapping[str, Any]],
               progress: Callable[[int, int, str], None] | None = None) -> list[SvgImage]:
        """The SVG of every spec, in order; ``progress(done, total, what)`` is told how
        many of the cache misses are rendered."""
        start = time.perf_counter()
        keys = [cache_key(spec) for spec in specs]
        found: dict[str, str] = {}
        missing: dict[str, str] = {}
        for key, spec in zip(keys, specs, strict=True):
            if key in found or key in missing:
                continue
            cached = self._read(key)
            if cached is not None:
                found[key] = cached
            else:
                missing[key] = canonical_json(spec)
        self.stats.hits += len(found)
        self.stats.misses += len(missing)
        if missing:
            rendered = time.perf_counter()
            converted = self._convert(list(missing.values()), progress)
            for key, svg in zip(missing, converted, strict=True):
                if external_references(svg):
                    raise ValueError(f"a chart would load from elsewhere: "
                                     f"{external_references(svg)[:3]}")
                found[key] = svg
                self._write(key, svg)
            self.stats.render_seconds += time.perf_counter() - rendered
        self.stats.seconds += time.perf_counter() - start
        images = []
        for key in keys:
            svg = found[key]
            width, height = svg_size(svg)
            images.append(SvgImage(svg.encode(), width, height))
        return images

    def _convert(self, texts: list[str],
                 progress: Callable[[int, int, str], None] | None = None) -> list[str]:
        workers = max(1, min(self.workers, len(texts)))
        results: Iterable[tuple[str, float]]
        if self.executor == "serial" or workers == 1 or len(texts) < self.min_parallel:
            results = map(_render_timed, texts)
        else:
            pool = _pool(self.executor, workers)
            chunk = max(1, min(16, len(texts) // (workers * 4)))
            results = pool.map(_render_timed, texts, chunksize=chunk)
        svgs: list[str] = []
        for done, (svg, cpu) in enumerate(results, start=1):
            svgs.append(svg)
            self.stats.cpu_seconds += cpu
            if progress is not None:
                progress(done, len(texts), "charts rendered")
        return svgs

    def _path(self, key: str) -> Path:
        assert self.cache_dir is not None
        return self.cache_dir / "svg" / key[:2] / f"{key}.svg"

    def _read(self, key: str) -> str | None:
        if self.cache_dir is None:
            return None
        try:
            return self._path(key).read_text(encoding="utf-8")
        except (FileNotFoundError, UnicodeDecodeError):
            return None

    def _write(self, key: str, svg: str) -> None:
        if self.cache_dir is None:
            return
        _write_atomic(self._path(key), svg)


def _write_atomic(path: Path, text: str) -> None:
    """Write a cache file so that a reader never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
