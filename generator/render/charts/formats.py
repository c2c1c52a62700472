"""A chart's language: Vega-Lite's number and time locale for a site language, and the
config every chart of that language shares (fonts, the palette's background, the locale)."""

from __future__ import annotations

import functools
from typing import Any

from babel import Locale
from babel.numbers import format_percent, get_decimal_symbol, get_group_symbol

from generator.render.charts import palette
from generator.render.text.i18n import format_locale

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
