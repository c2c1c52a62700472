"""The site's colours, in one place: the quality lights, the label levels and the charts.

The quality-light palette is Okabe–Ito bluish green, yellow and vermillion: colour-blind
readers tell them apart, and every light is also shown with a shape and a word, never by
colour alone (the same glyphs on the pages' badges and in the charts' legends).
``docs/assets/stylesheets/site.css`` declares the same values as CSS variables;
``tests/test_charts_palette.py`` fails when the two disagree.

Charts are drawn on their own white background, so one SVG reads the same in the light
and the dark palette of the theme: the colours below are the light-scheme values.
"""

from __future__ import annotations

from types import MappingProxyType

LIGHT_COLOURS = MappingProxyType({
    "green": "#009e73",
    "yellow": "#f0e442",
    "red": "#d55e00",
    "n/a": "#8a8a8a",
})
"""Fill of each light (CSS ``--kf-green``, ``--kf-yellow``, ``--kf-red``, ``--kf-na``)."""

LIGHT_TEXT_BACKGROUNDS = MappingProxyType({
    "green": "#00775a",
    "red": "#b34700",
})
"""Darker fills behind small white text (badges): #fff on #009e73 is only 3.4:1."""

LIGHT_GLYPHS = MappingProxyType({
    "green": "●",
    "yellow": "▲",
    "red": "■",
    "n/a": "○",
})
"""The shape of each light, as on the badges (``.kf-light--*::before``)."""

LIGHT_INK = MappingProxyType({
    "green": "#111111",
    "yellow": "#111111",
    "red": "#111111",
    "n/a": "#111111",
})
"""A glyph colour readable on each light's fill (4.8:1 or more)."""

LEVEL_COLOURS = MappingProxyType({
    "bronze": "#8c5a2b",
    "silver": "#5d6670",
    "gold": "#8a6d00",
})
"""Label levels on a light background (CSS ``--kf-bronze`` etc. of the default scheme)."""

LEVEL_COLOURS_DARK = MappingProxyType({
    "bronze": "#e0a56b",
    "silver": "#c4ccd4",
    "gold": "#f2cc4d",
})
"""Label levels on the dark (slate) scheme of the pages."""

PROGRAMME_COLOURS = MappingProxyType({
    "arena": "#56b4e9",
    "arena-pro": "#0072b2",
    "nce": "#cc79a7",
    "gce": "#e69f00",
})
"""National cluster programme levels in timelines (Okabe–Ito sky blue, blue, purple, orange)."""

CHART_BACKGROUND = "#ffffff"
"""Every chart's own background: the palette above is chosen for it."""
CHART_INK = "#1a1a1a"
"""Text, axes and outlines of charts."""
CHART_MUTED = "#595959"
"""Secondary chart text and the as-of rule (7:1 on white)."""
CHART_GRID = "#d9d9d9"
CHART_OUTLINE = "#4d4d4d"
"""Outline of bar segments and cells, so that yellow stays visible on white."""
