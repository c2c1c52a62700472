"""Build the site: validate, generate every language's pages, run MkDocs, swap.

Two phases: everything is read, checked and rendered in memory first; only then are
the generated pages written (only files whose content changed) and MkDocs run, each
language in its own process, into a temporary folder that replaces ``site/`` only when
every language built. A failure anywhere leaves ``site/`` and the generated pages as
they were.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.base import lifetime
from generator.base.files import KEPT, Content
from generator.base.progress import Progress, Silent
from generator.base.swap import exchange
from generator.data.history import change_dates
from generator.data.model import Dataset
from generator.publish import html_tables
from generator.publish.folders import mark
from generator.publish.keys import unit_keys
from generator.publish.lock import staging_folder
from generator.publish.mkdocs_config import absolute_root, handwritten, mkdocs_config
from generator.publish.options import BuildOptions
from generator.publish.write import SyncReport, TreeWriter
from generator.render.charts import engine as chart_engine
from generator.render.charts.engine import ChartRenderer
from generator.render.opendata import api
from generator.render.pages.builders import SiteRenderer, SizesLater
from generator.render.text import glossary, reference
from generator.render.text.i18n import Language, has_catalog
from generator.results.view import published_view

DATA_FORMAT = "data-format.md"
"""The hand-written page whose file-kind tables are generated (``site.reference``)."""


class BuildError(Exception):
    """A build stage failed; the message says which and why."""


@dataclass
class GenerateResult:
    """The generated Markdown trees, one per language, and what writing them changed."""

    languages: tuple[str, ...]
    reports: dict[str, SyncReport] = field(default_factory=dict)
    seconds: float = 0.0


UNITS = "units.json"
"""Per language, the key of every cluster and forum page when it was last generated."""


def render_languages(dataset: Dataset, options: BuildOptions,
                     progress: Progress | None = None,
                     metrics: dict[str, Any] | None = None) -> dict[str, dict[str, Content]]:
    """Every file of every language's docs folder, in memory (nothing is written).

    A cluster or forum page whose key (``SiteRenderer.unit_keys``) is the one recorded in
    ``--work`` by the last build is read back from there with its charts instead of being
    rendered again, so a rebuild costs what changed. The charts of every language are
    rendered together, cache misses spread over the cores."""
    progress = progress or Silent()
    metrics = metrics if metrics is not None else {}
    languages = dataset.languages
    missing = [code for code in languages if not has_catalog(code)]
    if missing:
        raise BuildError(
            "no translation catalog for " + ", ".join(missing) + ": add "
            + ", ".join(f"generator/render/text/locales/{c}/LC_MESSAGES/messages.po"
                        for c in missing)
        )
    changes = change_dates(options.data_dir)  # one git log for every language and cluster
    view = published_view(dataset, options.as_of, changes)  # what the public may see, once
    chart_renderer = ChartRenderer()
    renderers: dict[str, SiteRenderer] = {}
    keys: dict[str, dict[tuple[str, str], str]] = {}
    progress.begin("charts")
    every: dict[str, dict[str, Any]] = {}
    for code in languages:
        renderer = SiteRenderer(view, Language(code, languages[0]),
                                chart_renderer=chart_renderer)
        keys[code] = unit_keys(view, renderer.language)
        renderer.reused = _unchanged_units(options.work_dir / code, keys[code])
        renderer.reused_from = options.work_dir / code / "docs"
        renderers[code] = renderer
        every[code] = {}

    def specs() -> Iterator[dict[str, Any]]:
        """Every figure's spec, built one by one while the workers render the first."""
        for code in languages:
            for path, figure in renderers[code].iter_figures():
                every[code][path] = figure
                yield figure.spec

    pending = chart_renderer.start(specs())
    chart_total = sum(len(figures) for figures in every.values())
    sizes = SizesLater()  # the pages are rendered while the last charts render
    for code in languages:
        renderers[code].use_sizes_later(every[code], sizes)
    stats = chart_renderer.stats
    progress.end(f"{chart_total} charts, {stats.hits} from the cache, {stats.misses} "
                 "to render (while the pages are made)")

    progress.begin("pages")
    total = sum(1 for _ in dataset.clusters) + len(dataset.forums) + 50
    made: dict[str, dict[str, str | Content]] = {}
    generated: dict[str, list[str]] = {}
    for code in languages:
        renderer = renderers[code]
        files: dict[str, str | Content] = {}
        for done, (path, text) in enumerate(renderer.pages(), start=1):
            files[path] = text
            generated.setdefault(code, []).append(path)
            progress.advance(done, total, f"pages ({code})")
        files["feed.xml"] = renderer.feed(absolute_root(view, code)).encode("utf-8")
        files.update(glossary.fill_in(handwritten(options.project / "docs", code, languages[0]),
                                      renderer.language))
        reference_page = files.get(DATA_FORMAT)
        if isinstance(reference_page, bytes):  # its tables come from the models
            try:
                files[DATA_FORMAT] = reference.data_format_page(
                    reference_page.decode("utf-8"), renderer.language).encode("utf-8")
            except reference.ReferenceError as exc:
                raise BuildError(f"docs/{code}/{DATA_FORMAT}: {exc}") from None
        if code == languages[0]:  # the open data is the same in every language: once, at the root
            files.update(api.api_files(view, _unchanged_api(
                options.work_dir / code / "docs", renderer.reused)))
        made[code] = files
    images = pending.images(progress.advance)
    chart_engine.prune_cache(chart_renderer.cache_dir)  # at most once a day
    metrics["charts"] = {"total": chart_total, "rendered": stats.misses, "cached": stats.hits,
                         "damaged": len(chart_renderer.damaged),
                         "render_seconds": stats.render_seconds,
                         "cpu_seconds": stats.cpu_seconds,
                         "cpu_median_ms": (1000 * statistics.median(stats.cpu_each)
                                           if stats.cpu_each else None)}
    metrics["pages_reused"] = sum(len(r.reused) for r in renderers.values())

    trees: dict[str, dict[str, Content]] = {}
    start = 0
    tables = html_tables.TableConverter(*html_tables.extensions_of(options.project
                                                                   / "mkdocs.yml"))
    for code in languages:
        renderer = renderers[code]
        count = len(every[code])
        language_images = images[start:start + count]
        renderer.use_images(every[code], language_images)
        texts = {path: sizes.fill(text, images) if isinstance(text, str) else text
                 for path, text in made[code].items()}
        start += count
        texts.update(renderer.chart_files)  # charts/<page kind>/<id>/<chart>.svg|.vl.json|.csv
        try:  # the generated pages' tables as HTML that Markdown passes through
            html_tables.convert_tree(tables, texts, generated.get(code, ()))
        except html_tables.LinkNotFound as exc:
            raise BuildError(f"{code}: {exc}; a link in a text of the data must lead to "
                             "a page or file of the site") from None
        encoded: dict[str, Content] = {
            path: text.encode("utf-8") if isinstance(text, str) else text
            for path, text in texts.items()}
        encoded["mkdocs.yml"] = mkdocs_config(view, renderer.language, encoded,
                                             options.project, options.work_dir).encode()
        trees[code] = {
            (rel if rel == "mkdocs.yml" else f"docs/{rel}"): content
            for rel, content in encoded.items()
        }
        trees[code][UNITS] = (json.dumps(
            {f"{kind}/{item_id}": key for (kind, item_id), key in sorted(keys[code].items())},
            indent=0, sort_keys=True) + "\n").encode()
    metrics["tables"] = {"html": tables.converted, "markdown": tables.left}
    progress.end(f"{sum(len(t) for t in trees.values())} files in {len(languages)} languages, "
                 f"{metrics['pages_reused']} pages unchanged")
    return trees


def _unchanged_units(work: Path, keys: dict[tuple[str, str], str]) -> set[tuple[str, str]]:
    """The cluster and forum pages whose key is the one recorded by the last build and
    whose page is still there to read back."""
    try:
        recorded = json.loads((work / UNITS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    folder = {"cluster": "clusters", "forum": "forums", "indicator": "indicators"}
    pages = {name: _names(work / "docs" / name) for name in folder.values()}
    return {
        (kind, item_id) for (kind, item_id), key in keys.items()
        if recorded.get(f"{kind}/{item_id}") == key
        and f"{item_id}.md" in pages[folder[kind]]
    }


def _unchanged_api(docs: Path, reused: set[tuple[str, str]]) -> dict[str, Content]:
    """The open-data documents of the reused cluster and forum pages that the last build
    wrote (by path below api/v1/), to be kept: made from the same files as their page."""
    folder = {"cluster": "clusters", "forum": "forums"}
    there = {name: _names(docs / api.PREFIX / name) for name in folder.values()}
    return {f"{folder[kind]}/{item_id}.json": KEPT for kind, item_id in sorted(reused)
            if kind in folder and f"{item_id}.json" in there[folder[kind]]}  # else: made again


def _names(folder: Path) -> set[str]:
    """The names in a folder of the last build's output (none if it is not there)."""
    try:
        return set(os.listdir(folder))
    except OSError:
        return set()


def write_generated(trees: Mapping[str, Mapping[str, Content]], work_dir: Path,
                    writer: TreeWriter) -> dict[str, SyncReport]:
    """Write each language's tree under ``work_dir/<lang>``, only files that changed.

    The record of every page's key (``units.json``) is trusted by the next build only
    together with the pages it describes, so it is removed before the first file of its
    language is written or removed, and written again after all of them: a build killed
    in between leaves none, and the next build renders every page of that language
    instead of keeping one it did not finish."""
    return {code: writer.sync(work_dir / code, files, record=UNITS)
            for code, files in trees.items()}


def run_mkdocs(work_dir: Path, languages: tuple[str, ...], out_dir: Path,
               log: Callable[[str], None], as_of: dt.date | None = None) -> dict[str, float]:
    """Build every language with ``mkdocs build --strict`` in parallel; seconds per language.
    With ``as_of``, MkDocs dates the build (sitemap lastmod, sitemap.xml.gz) on that day
    instead of today, so the same data and as-of date give the same bytes on any day."""
    default = languages[0]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if as_of is not None:
        midnight = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
        env["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))

    def one(code: str) -> tuple[str, float, subprocess.CompletedProcess[str]]:
        start = time.perf_counter()
        target = out_dir / ("_default" if code == default else f"_{code}")
        proc = subprocess.run(
            # No --quiet: with it MkDocs 1.6 does not count warnings, and --strict passes.
            # MkDocs dies with the build, also when the build is killed (lifetime).
            lifetime.command("mkdocs", "build", "--strict",
                             "-f", str(work_dir / code / "mkdocs.yml"), "-d", str(target)),
            capture_output=True, text=True, env=env, check=False,
        )
        return code, time.perf_counter() - start, proc

    seconds: dict[str, float] = {}
    failures: list[str] = []
    with ThreadPoolExecutor(max_workers=max(1, min(len(languages), os.cpu_count() or 1))) as pool:
        for code, elapsed, proc in pool.map(one, languages):
            seconds[code] = elapsed
            log(f"mkdocs {code}: {elapsed:.1f} s")
            if proc.returncode != 0:
                problems = [line for line in proc.stderr.splitlines()
                            if not line.startswith("INFO")]
                failures.append(f"MkDocs failed for '{code}':\n" + "\n".join(problems).strip())
    if failures:
        raise BuildError("\n".join(failures))
    root = out_dir / "_default"
    for code in languages[1:]:
        os.replace(out_dir / f"_{code}", root / code)
    return seconds


def swap_into_place(built: Path, site_dir: Path, aside: Path | None = None) -> None:
    """Replace ``site_dir`` by ``built`` in one atomic step, so that ``site_dir`` is at
    every moment the old complete site or the new one, whenever the build dies.

    Where the system can (``renameat2(RENAME_EXCHANGE)``, ``generator.base.swap``), the two
    folders are exchanged and the old one removed. Elsewhere two renames are the fallback:
    a build killed between them leaves the old site in ``aside`` (the staging folder,
    ``generator.publish.lock.staging_folder``; default: beside ``site_dir``), and the next
    build puts it back first (``generator.publish.lock.remove_leftovers``). A link named
    ``site_dir`` is replaced itself, never followed."""
    site_dir = Path(os.path.abspath(site_dir))
    if not os.path.lexists(site_dir):
        os.rename(built, site_dir)
        return
    if exchange(built, site_dir):
        _remove_replaced(built)  # ``built`` now names the old site
        return
    old = (aside or site_dir.parent) / f".{site_dir.name}.old-{os.getpid()}"
    os.replace(site_dir, old)
    try:
        os.replace(built, site_dir)
    except BaseException:  # also Ctrl-C between the two renames: put the old site back
        os.replace(old, site_dir)
        raise
    _remove_replaced(old)


def _remove_replaced(path: Path) -> None:
    """Remove the site that was replaced (a link is removed, never followed)."""
    if path.is_symlink():
        path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def build_site(dataset: Dataset, options: BuildOptions,
               log: Callable[[str], None] = lambda message: None,
               progress: Progress | None = None) -> dict[str, Any]:
    """Generate, build with MkDocs and swap into place; figures of each stage."""
    progress = progress or Silent()
    figures: dict[str, Any] = {}
    start = time.perf_counter()
    trees = render_languages(dataset, options, progress, figures)
    figures["generate_seconds"] = time.perf_counter() - start
    writer = TreeWriter()
    aside = staging_folder(options.work_dir, options.site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{options.site_dir.name}.new-", dir=aside))
    try:
        progress.begin("write")
        start = time.perf_counter()
        reports = write_generated(trees, options.work_dir, writer)
        figures["write_seconds"] = time.perf_counter() - start
        figures["written"] = {code: len(r.written) + len(r.removed) for code, r in reports.items()}
        figures["written_files"] = {code: sorted(r.written + r.removed)
                                    for code, r in reports.items()}
        progress.end(", ".join(
            f"{code} {len(r.written)} written, {len(r.removed)} removed, {r.unchanged} unchanged"
            for code, r in reports.items()))
        progress.begin("mkdocs")
        start = time.perf_counter()
        figures["mkdocs_seconds"] = run_mkdocs(options.work_dir, dataset.languages, staging,
                                               progress.note, as_of=options.as_of)
        figures["mkdocs_total_seconds"] = time.perf_counter() - start
        progress.end(", ".join(f"{code} {seconds:.1f} s"
                               for code, seconds in figures["mkdocs_seconds"].items()))
        mark(staging / "_default")  # generator.publish.folders: a site this tool made
        swap_into_place(staging / "_default", options.site_dir, aside)
    except BaseException:
        writer.rollback()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    writer.commit()
    return figures
