"""A data tree's site rendered in memory, as the build makes it but without MkDocs or
vl-convert (a blank SVG stands for every chart): fast enough for a test to render several
trees, and the same pages, feeds, figures and chart files the build would write."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.data.load import load_tree
from generator.render.charts import engine as chart_engine
from generator.render.charts.figures import Figure
from generator.render.pages.builders import SiteRenderer
from generator.render.text.i18n import Language
from generator.results.view import PublishedView, published_view

BLANK = chart_engine.SvgImage(
    b'<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>', 1, 1)
"""The image every chart gets."""


@dataclass
class Rendered:
    """One language of a tree: its renderer, with every chart's image in place."""

    renderer: SiteRenderer
    figures: dict[str, Figure]

    def pages(self) -> dict[str, str]:
        """Every generated page's Markdown by its path."""
        return {path: str(text) for path, text in self.renderer.pages()}


def rendered(tree: Path, as_of: dt.date) -> tuple[PublishedView, dict[str, Rendered]]:
    """The published view of ``tree`` on ``as_of`` and each language's renderer."""
    result = load_tree(tree)
    assert result.dataset is not None, [p.format() for p in result.errors]
    dataset = result.dataset
    view = published_view(dataset, as_of)
    languages: dict[str, Rendered] = {}
    for code in dataset.languages:
        renderer = SiteRenderer(view, Language(code, dataset.languages[0]),
                                chart_renderer=chart_engine.ChartRenderer(cache_dir=None))
        every = renderer.collect_figures()
        renderer.use_images(every, [BLANK] * len(every))
        languages[code] = Rendered(renderer, every)
    return view, languages
