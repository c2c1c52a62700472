"""A figure (one chart of one page, with its caption, text alternative, table and published
files) and how a page shows it."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

import pandas as pd
from markupsafe import Markup

from generator.render.charts import engine as chart_engine
from generator.render.charts import specs
from generator.render.opendata import csv_file

EVENT_SHAPES = {
    "benchmarking": "diamond",
    "meeting": "circle",
    "workshop": "square",
    "label": "triangle-up",
    "report": "triangle-down",
    "expert-visit": "cross",
    "gold-assessment": "triangle-left",
    "milestone": "triangle-right",
}
"""The symbol of each dated mark in timelines (a benchmarking is always a diamond)."""


@dataclass(frozen=True)
class Figure:
    """One chart of one page, with everything needed to show, describe and publish it."""

    kind: str
    """cluster-lights | cluster-timeline | forum-scorecard | forum-matrix | forum-labels |
    forum-coverage | forum-stress-test | forum-actors | survey-answers |
    indicator-standing | home-labels"""
    path: str
    """Docs-relative path of its files, without extension: ``charts/cluster/x/lights``."""
    title: str
    caption: str
    alt: str
    columns: tuple[Any, ...]
    """Table header cells: plain text (escaped on the page) or Markup (badges)."""
    rows: tuple[tuple[Any, ...], ...]
    spec: dict[str, Any] = field(compare=False, repr=False)
    frame: pd.DataFrame = field(compare=False, repr=False)
    """The chart's data, as published in the CSV (``csv_file.frame_csv``)."""
    certainty: str = "confirmed"
    """The least sure of the records the chart draws (its caption and text alternative
    say so when it is not confirmed)."""
    source: tuple[str, ...] | None = None
    """The sources of those records (the page's Sources section)."""

    def files(self, image: chart_engine.SvgImage) -> dict[str, bytes]:
        """The published files of this figure (docs-relative path → bytes)."""
        return {
            f"{self.path}.svg": _with_title(image.svg, self.title),
            f"{self.path}.vl.json": specs.spec_json(self.spec),
            f"{self.path}.csv": csv_file.frame_csv(self.frame),
        }


@dataclass(frozen=True)
class FigureView:
    """A figure as one page shows it: links relative to that page, HTML already escaped."""

    figure: Figure
    src: Markup
    """The SVG, relative to the page's URL (raw HTML is not rewritten by MkDocs)."""
    json_href: Markup
    """The Vega-Lite file, relative to the page's Markdown file (MkDocs checks it)."""
    csv_href: Markup
    width: int | str
    """In pixels, or a placeholder the pipeline replaces once the image is rendered."""
    height: int | str

    @property
    def title(self) -> str:
        return self.figure.title

    @property
    def certainty(self) -> str:
        return self.figure.certainty

    @property
    def source(self) -> tuple[str, ...] | None:
        return self.figure.source

    @property
    def title_html(self) -> Markup:
        return Markup(html.escape(self.figure.title))

    @property
    def caption_html(self) -> Markup:
        return Markup(html.escape(self.figure.caption))

    @property
    def alt_html(self) -> Markup:
        return Markup(html.escape(self.figure.alt))

    @property
    def columns(self) -> tuple[Any, ...]:
        return self.figure.columns

    @property
    def rows(self) -> tuple[tuple[Any, ...], ...]:
        return self.figure.rows


class PageFigures(dict[str, FigureView]):
    """A page's figures by chart name; a chart the page does not have is None, so a
    template can write ``{% if figures.lights %}``."""

    def __missing__(self, name: str) -> None:
        return None


def page_url_depth(page: str) -> int:
    """How many folders deep a page's URL is (``use_directory_urls``): ``clusters/x.md``
    is served at ``clusters/x/`` (2), ``index.md`` at the root (0), ``forums/index.md``
    at ``forums/`` (1)."""
    if page == "index.md" or page.endswith("/index.md"):
        return page.count("/")
    return page.count("/") + 1


class ShownSize(Protocol):
    """What a page needs of a chart's image: its size, in pixels or as a placeholder."""

    @property
    def width(self) -> int | str: ...

    @property
    def height(self) -> int | str: ...


def view(figure: Figure, image: ShownSize, page: str) -> FigureView:
    """How ``page`` shows ``figure``."""
    from_url = "../" * page_url_depth(page)
    from_file = "../" * page.count("/")
    path = html.escape(figure.path)  # built from ids (slugs, indicator codes): nothing to escape
    return FigureView(
        figure=figure,
        src=Markup(f"{from_url}{path}.svg"),
        json_href=Markup(f"{from_file}{path}.vl.json"),
        csv_href=Markup(f"{from_file}{path}.csv"),
        width=image.width,
        height=image.height,
    )


def _with_title(svg: bytes, title: str) -> bytes:
    """The SVG with a <title> (the name a downloaded file shows)."""
    text = svg.decode()
    end = text.index(">", text.index("<svg")) + 1
    return (text[:end] + f"<title>{html.escape(title)}</title>" + text[end:]).encode()






def files_of(figures: Mapping[str, Figure], images: Mapping[str, chart_engine.SvgImage]
             ) -> dict[str, bytes]:
    """Every published file of the given figures (by path), given their images."""
    out: dict[str, bytes] = {}
    for path, figure in figures.items():
        out.update(figure.files(images[path]))
    return out
