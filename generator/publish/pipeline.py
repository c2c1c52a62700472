"""Build the site in named steps: generate every language's files in memory
(``generator.publish.generate``), write those that changed, run MkDocs, swap.

Everything is read, checked and rendered in memory first; only then are the generated
files written (only those whose content changed) and MkDocs run, each language in its
own process, into a temporary folder that replaces ``site/`` only when every language
built. A failure anywhere leaves ``site/`` and the generated files as they were.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from generator.base import lifetime
from generator.base.progress import Progress, Silent
from generator.base.swap import exchange
from generator.data.model import Dataset
from generator.publish.buildreport import BuildReport
from generator.publish.folders import mark
from generator.publish.generate import UNITS, BuildError, generate, render_languages
from generator.publish.lock import staging_folder
from generator.publish.options import BuildOptions
from generator.publish.outfiles import OutFiles
from generator.publish.write import SyncReport, TreeWriter

__all__ = ["BuildError", "BuildOptions", "BuildReport", "build_site", "render_languages",
           "run_mkdocs", "swap_into_place", "write_generated"]


def write_generated(trees: Mapping[str, OutFiles], work_dir: Path,
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
               progress: Progress | None = None) -> BuildReport:
    """Generate (``generator.publish.generate``), write what changed, build with MkDocs
    into a staging folder and swap it into place; what each step did."""
    progress = progress or Silent()
    report = BuildReport()
    start = time.perf_counter()
    generated = generate(dataset, options, progress, report.generate)
    report.generate.seconds = time.perf_counter() - start
    writer = TreeWriter()
    aside = staging_folder(options.work_dir, options.site_dir)
    staging = Path(tempfile.mkdtemp(prefix=f".{options.site_dir.name}.new-", dir=aside))
    try:
        progress.begin("write")
        start = time.perf_counter()
        report.write = write_generated(generated.trees, options.work_dir, writer)
        report.write_seconds = time.perf_counter() - start
        progress.end(", ".join(
            f"{code} {len(r.written)} written, {len(r.removed)} removed, {r.unchanged} unchanged"
            for code, r in report.write.items()))
        progress.begin("mkdocs")
        start = time.perf_counter()
        report.mkdocs_seconds = run_mkdocs(options.work_dir, dataset.languages, staging,
                                           progress.note, as_of=generated.as_of)
        report.mkdocs_total_seconds = time.perf_counter() - start
        progress.end(", ".join(f"{code} {seconds:.1f} s"
                               for code, seconds in report.mkdocs_seconds.items()))
        mark(staging / "_default")  # generator.publish.folders: a site this tool made
        swap_into_place(staging / "_default", options.site_dir, aside)
    except BaseException:
        writer.rollback()
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    writer.commit()
    return report
