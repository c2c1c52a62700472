"""Generate every language's work folder in memory, in named steps, nothing written:

    view → last build → charts (started) → pages → feed → hand-written pages →
    open data → charts (finished) → tables → MkDocs configuration

Each step takes what it needs and adds files to the language's ``OutFiles``
(``generator.publish.outfiles``). A cluster, forum or indicator page whose key
(``generator.publish.keys.unit_keys``) is the one the last build recorded is kept as the
last build wrote it, with its charts and open data (``LastBuild``), so a rebuild costs
what changed. The charts of every language render together, cache misses spread over the
cores, while the pages are made.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.base.progress import Progress, Silent
from generator.data.history import change_dates
from generator.data.model import Dataset
from generator.publish import html_tables
from generator.publish.buildreport import ChartFigures, GenerateReport
from generator.publish.keys import unit_keys
from generator.publish.mkdocs_config import absolute_root, handwritten, mkdocs_config
from generator.publish.options import BuildOptions
from generator.publish.outfiles import DOCS, OutFiles
from generator.render.charts import engine as chart_engine
from generator.render.charts.engine import ChartRenderer, PendingImages
from generator.render.charts.figures import Figure
from generator.render.opendata import api, fieldtables
from generator.render.pages.builders import SiteRenderer, SizesLater
from generator.render.text import glossary, reference
from generator.render.text.i18n import Language, has_catalog
from generator.results.view import PublishedView, published_view

FROM_MODELS: dict[str, Callable[[str, Language], str]] = {
    "data-format.md": reference.data_format_page,
    "open-data.md": fieldtables.open_data_page,
}
"""The hand-written pages whose tables are made from the models, and what makes them."""
"""The hand-written page whose file-kind tables are generated (``render.text.reference``)."""

UNITS = "units.json"
"""Per language, the key of every cluster and forum page when it was last generated."""

_FOLDER = {"cluster": "clusters", "forum": "forums", "indicator": "indicators"}


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def view_of(dataset: Dataset, options: BuildOptions) -> PublishedView:
    """What the public may see, once for every language (and one git log for the dates
    each record last changed)."""
    missing = [code for code in dataset.languages if not has_catalog(code)]
    if missing:
        raise BuildError(
            "no translation catalog for " + ", ".join(missing) + ": add "
            + ", ".join(f"generator/render/text/locales/{c}/LC_MESSAGES/messages.po"
                        for c in missing)
        )
    return published_view(dataset, options.as_of, change_dates(options.data_dir))


@dataclass(frozen=True)
class LastBuild:
    """What the last build of one language left in its work folder that this build keeps:
    the cluster, forum and indicator pages whose key is the one it recorded (and whose
    page is still there), with their charts and open data."""

    folder: Path
    """The language's work folder, ``<work>/<lang>``."""
    keys: dict[tuple[str, str], str]
    """This build's key of every cluster, forum and indicator page."""
    units: frozenset[tuple[str, str]]
    """The pages (kind, id) kept."""

    @classmethod
    def read(cls, folder: Path, keys: dict[tuple[str, str], str]) -> LastBuild:
        try:
            recorded = json.loads((folder / UNITS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            recorded = {}
        pages = {name: _names(folder / "docs" / name) for name in _FOLDER.values()}
        return cls(folder, keys, frozenset(
            (kind, item_id) for (kind, item_id), key in keys.items()
            if recorded.get(f"{kind}/{item_id}") == key
            and f"{item_id}.md" in pages[_FOLDER[kind]]))

    def keep_pages(self, files: OutFiles) -> None:
        """Keep each kept unit's page and charts (``docs/charts/<kind>/<id>/``)."""
        for kind, item_id in sorted(self.units):
            path = f"{DOCS}{_FOLDER[kind]}/{item_id}.md"
            files.keep(path, self.folder / path)
            charts = f"{DOCS}charts/{kind}/{item_id}"
            for name in sorted(_names(self.folder / charts)):  # none: a page without charts
                files.keep(f"{charts}/{name}", self.folder / charts / name)

    def open_data(self) -> set[str]:
        """The open-data documents (by path below api/v1/) of the kept cluster and forum
        pages that the last build wrote: made from the same files as their page."""
        prefix = f"{DOCS}{api.PREFIX}"
        there = {name: _names(self.folder / prefix / name) for name in ("clusters", "forums")}
        return {f"{_FOLDER[kind]}/{item_id}.json" for kind, item_id in self.units
                if kind in ("cluster", "forum")
                and f"{item_id}.json" in there[_FOLDER[kind]]}  # else: made again

    def record(self) -> bytes:
        """``units.json``: the key of every page, for the next build."""
        return (json.dumps({f"{kind}/{item_id}": key
                            for (kind, item_id), key in sorted(self.keys.items())},
                           indent=0, sort_keys=True) + "\n").encode()


def _names(folder: Path) -> set[str]:
    """The names in a folder of the last build's output (none if it is not there)."""
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


@dataclass
class ChartRun:
    """Every language's figures, rendering while the pages are made."""

    renderer: ChartRenderer
    pending: PendingImages
    sizes: SizesLater
    """The images' sizes as placeholders in the pages until they are rendered."""
    figures: dict[str, dict[str, Figure]] = field(default_factory=dict)
    """Per language, every figure by its path, in the order rendered."""


def start_charts(renderers: dict[str, SiteRenderer], chart_renderer: ChartRenderer
                 ) -> ChartRun:
    """Build every figure's spec and start rendering them; the pages get their images'
    sizes as placeholders (``SizesLater``), filled in by ``add_pages``."""
    every: dict[str, dict[str, Figure]] = {code: {} for code in renderers}

    def specs() -> Iterator[dict[str, object]]:
        """Every figure's spec, built one by one while the workers render the first."""
        for code, renderer in renderers.items():
            for path, figure in renderer.iter_figures():
                every[code][path] = figure
                yield figure.spec

    pending = chart_renderer.start(specs())
    sizes = SizesLater()
    for code, renderer in renderers.items():
        renderer.use_sizes_later(every[code], sizes)
    return ChartRun(chart_renderer, pending, sizes, every)


def finish_charts(run: ChartRun, renderers: dict[str, SiteRenderer],
                  progress: Progress) -> tuple[list[chart_engine.SvgImage], ChartFigures]:
    """Wait for the last images; each language's renderer takes its own."""
    images = run.pending.images(progress.advance)
    chart_engine.prune_cache(run.renderer.cache_dir)  # at most once a day
    start = 0
    for code, renderer in renderers.items():
        count = len(run.figures[code])
        renderer.use_images(run.figures[code], images[start:start + count])
        start += count
    stats = run.renderer.stats
    return images, ChartFigures(
        total=sum(len(f) for f in run.figures.values()), rendered=stats.misses,
        cached=stats.hits, damaged=len(run.renderer.damaged),
        render_seconds=stats.render_seconds, cpu_seconds=stats.cpu_seconds,
        cpu_median_ms=(1000 * statistics.median(stats.cpu_each) if stats.cpu_each else None))


def add_feed(files: OutFiles, renderer: SiteRenderer) -> None:
    """The Atom feed of What's new."""
    files.make(f"{DOCS}feed.xml",
               renderer.feed(absolute_root(renderer.view, renderer.language.code)))


def add_handwritten(files: OutFiles, options: BuildOptions, language: Language) -> None:
    """The hand-written pages and assets of ``docs/``, with the glossary filled in and the
    tables of the Data format and Open data pages made from the models."""
    pages = glossary.fill_in(handwritten(options.project / "docs", language.code,
                                         language.default), language)
    for rel, content in pages.items():
        fill = FROM_MODELS.get(rel)
        if fill is not None:
            try:
                content = fill(content.decode("utf-8"), language).encode("utf-8")
            except (reference.ReferenceError, fieldtables.FieldTableError) as exc:
                raise BuildError(f"docs/{language.code}/{rel}: {exc}") from None
        files.make(DOCS + rel, content)


def add_open_data(files: OutFiles, view: PublishedView, last: LastBuild) -> None:
    """The open data (``api/v1/``), the same in every language: once, in the default
    language's tree, at the root of the site."""
    kept = last.open_data()
    for rel in sorted(kept):
        path = f"{DOCS}{api.PREFIX}{rel}"
        files.keep(path, last.folder / path)
    for path, content in api.api_files(view, skip=kept).items():
        files.make(DOCS + path, content)


def add_pages(files: OutFiles, pages: dict[str, str], sizes: SizesLater,
              images: list[chart_engine.SvgImage],
              tables: html_tables.TableConverter) -> None:
    """The generated pages, their images' sizes filled in and their tables as HTML that
    Markdown passes through (which checks each link of a table leads to a file)."""
    names = files.docs() | set(pages)
    for rel, text in pages.items():
        try:
            files.make(DOCS + rel, tables.page(rel, sizes.fill(text, images), names))
        except html_tables.LinkNotFound as exc:
            raise BuildError(f"{exc}; a link in a text of the data must lead to a page or "
                             "file of the site") from None


@dataclass(frozen=True)
class Generated:
    """Every language's work folder in memory, and the date the view is as of (which
    dates what MkDocs writes)."""

    trees: dict[str, OutFiles]
    as_of: dt.date


def render_languages(dataset: Dataset, options: BuildOptions,
                     progress: Progress | None = None,
                     report: GenerateReport | None = None) -> dict[str, OutFiles]:
    """Every file of every language's work folder, in memory (nothing is written)."""
    return generate(dataset, options, progress, report).trees


def generate(dataset: Dataset, options: BuildOptions, progress: Progress | None = None,
             report: GenerateReport | None = None) -> Generated:
    """The steps above, in order."""
    progress = progress or Silent()
    report = report if report is not None else GenerateReport()
    view = view_of(dataset, options)
    languages = dataset.languages
    chart_renderer = ChartRenderer()
    last: dict[str, LastBuild] = {}
    renderers: dict[str, SiteRenderer] = {}
    for code in languages:
        language = Language(code, languages[0])
        last[code] = LastBuild.read(options.work_dir / code, unit_keys(view, language))
        renderers[code] = SiteRenderer(view, language, chart_renderer=chart_renderer,
                                       skip=last[code].units)

    progress.begin("charts")
    charts = start_charts(renderers, chart_renderer)
    stats = chart_renderer.stats
    progress.end(f"{sum(len(f) for f in charts.figures.values())} charts, {stats.hits} from "
                 f"the cache, {stats.misses} to render (while the pages are made)")

    progress.begin("pages")
    total = sum(1 for _ in dataset.clusters) + len(dataset.forums) + 50
    trees = {code: OutFiles() for code in languages}
    pages: dict[str, dict[str, str]] = {}
    for code in languages:
        pages[code] = {}
        for done, (rel, text) in enumerate(renderers[code].pages(), start=1):
            pages[code][rel] = text
            progress.advance(done, total, f"pages ({code})")
        add_feed(trees[code], renderers[code])
        add_handwritten(trees[code], options, renderers[code].language)
        if code == languages[0]:
            add_open_data(trees[code], view, last[code])
    images, report.charts = finish_charts(charts, renderers, progress)

    tables = html_tables.TableConverter(*html_tables.extensions_of(options.project
                                                                   / "mkdocs.yml"))
    for code in languages:
        files = trees[code]
        for rel, content in renderers[code].chart_files.items():
            files.make(DOCS + rel, content)
        last[code].keep_pages(files)
        try:
            add_pages(files, pages[code], charts.sizes, images, tables)
        except BuildError as exc:
            raise BuildError(f"{code}: {exc}") from None
        files.make("mkdocs.yml", mkdocs_config(view, renderers[code].language, files.docs(),
                                               options.project, options.work_dir))
        files.make(UNITS, last[code].record())
    report.pages_reused = sum(len(last[code].units) for code in languages)
    report.tables_html, report.tables_markdown = tables.converted, tables.left
    progress.end(f"{sum(len(t) for t in trees.values())} files in {len(languages)} languages, "
                 f"{report.pages_reused} pages unchanged")
    return Generated(trees, view.as_of)
