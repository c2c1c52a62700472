"""The building blocks of the chart kinds: a frame's rows as Vega-Lite data, the count and
year axes, the light scale with its glyphs, clipped labels and the grid of columns."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

import altair as alt
import pandas as pd

from generator.data.schema import ASSESSED_LIGHTS
from generator.render.charts import palette

# --- chart kinds -----------------------------------------------------------------------------


def frame_records(frame: pd.DataFrame) -> list[dict[str, Any]]:
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


GLYPH_SHAPES = MappingProxyType({"green": "circle", "yellow": "triangle-up", "red": "square",
                                  "n/a": "circle"})
"""The Vega symbol of each light (``palette.LIGHT_GLYPHS``: the badges' ● ▲ ■)."""
GLYPH_ROOM = 12
"""The narrowest bar (pixels) that holds a light's shape."""


def light_shape_scale(labels: Mapping[str, str], lights: Sequence[str]) -> alt.Scale:
    """The lights' shapes over their labels, best first."""
    return alt.Scale(domain=[labels[c] for c in lights], range=[GLYPH_SHAPES[c] for c in lights])


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
    lights = ASSESSED_LIGHTS
    p = layout.period
    if column_rank is None:
        at = json.dumps(list(columns), ensure_ascii=False)
        base = alt.Chart().transform_calculate(
            col=f"indexof({at}, datum[{json.dumps(column_field)}])")
    else:
        base = alt.Chart().transform_window(
            rank="dense_rank()", sort=[alt.SortField(column_rank)],
        ).transform_calculate(col="datum.rank - 1")
    stacked = base.transform_filter(f"datum[{json.dumps(value)}] > 0").transform_stack(
        stack=value, groupby=[rows_field, column_field], sort=[alt.SortField("light_rank")],
        as_=["v0", "v1"], offset="zero",
    )
    bars = stacked.transform_calculate(
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
    # The light's shape in the middle of every bar wide enough to hold it, as the tables'
    # badges show it, so no light is told by its colour alone (green and vermillion are
    # the same grey in greyscale); the legend shows each shape in its colour.
    wide_enough = GLYPH_ROOM * layout.end / layout.total_width
    glyphs = stacked.transform_filter(
        f"datum.v1 - datum.v0 >= {wide_enough:.4g}",
    ).transform_calculate(
        xm=f"datum.col * {p} + (datum.v0 + datum.v1) / 2",
    ).mark_point(filled=True, size=28, opacity=1, color=palette.CHART_INK, aria=False).encode(
        x=alt.X("xm:Q"),
        y=alt.Y(f"{rows_field}:N", sort=list(rows)),
        shape=alt.Shape("light_label:N", scale=light_shape_scale(light_labels, lights),
                        legend=alt.Legend(title=legend_title)),
    )
    head = base.transform_aggregate(
        col="min(col)", groupby=[column_field],
    ).transform_calculate(
        x=f"datum.col * {p}", name=f"datum[{json.dumps(column_field)}]",
    ).transform_calculate(head=heads).mark_text(
        align="left", baseline="bottom", dy=-6 - 14 * (head_lines - 1), lineHeight=14,
        fontSize=12, fontWeight="bold", color=palette.CHART_INK, aria=False,
    ).encode(x=alt.X("x:Q"), y=alt.value(0), text=alt.Text("head:N"))
    return alt.LayerChart(layer=[bars, glyphs, head], width=layout.total_width,
                          height=alt.Step(24))
