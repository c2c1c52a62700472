"""Build the site in named steps: generate every language's files in memory
(``generator.publish.generate``), write those that changed, run MkDocs, swap.

Everything is read, checked and rendered in memory first; only then are the generated
files written (only those whose content changed) and MkDocs run, each language in its
own process, into a temporary folder that replaces ``site/`` only when every language
built. A failure anywhere leaves ``site/`` and the generated files as they were.
"""

from __future__ import annotations

import datetime as dt
import json
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
from generator.publish import partial
from generator.publish.buildreport import BuildReport
from generator.publish.folders import mark
from generator.publish.generate import UNITS, BuildError, generate, render_languages
from generator.publish.lock import staging_folder
from generator.publish.mkdocs_run import NOT_PROVEN
from generator.publish.options import BuildOptions
from generator.publish.outfiles import OutFiles
from generator.publish.write import SyncReport, TreeWriter

RUNNER = "generator.publish.mkdocs_run"
"""The module that runs MkDocs for one language, in a process of its own."""

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


def _mkdocs_env(as_of: dt.date | None) -> dict[str, str]:
    """MkDocs' environment: with ``as_of``, MkDocs dates the build (sitemap lastmod,
    sitemap.xml.gz) on that day instead of today, so the same data and as-of date give
    the same bytes on any day."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if as_of is not None:
        midnight = dt.datetime.combine(as_of, dt.time(), tzinfo=dt.UTC)
        env["SOURCE_DATE_EPOCH"] = str(int(midnight.timestamp()))
    return env


def _run_languages(languages: tuple[str, ...], command: Callable[[str], list[str]],
                   env: dict[str, str], log: Callable[[str], None]
                   ) -> tuple[dict[str, float], dict[str, subprocess.CompletedProcess[str]]]:
    """Run one MkDocs process per language, in parallel (MkDocs dies with the build, also
    when the build is killed: ``lifetime``)."""
    def one(code: str) -> tuple[str, float, subprocess.CompletedProcess[str]]:
        start = time.perf_counter()
        proc = subprocess.run(lifetime.command(*command(code)), capture_output=True,
                              text=True, env=env, check=False)
        return code, time.perf_counter() - start, proc

    seconds: dict[str, float] = {}
    done: dict[str, subprocess.CompletedProcess[str]] = {}
    with ThreadPoolExecutor(max_workers=max(1, min(len(languages), os.cpu_count() or 1))) as pool:
        for code, elapsed, proc in pool.map(one, languages):
            seconds[code] = elapsed
            done[code] = proc
            log(f"mkdocs {code}: {elapsed:.1f} s")
    return seconds, done


def _failures(done: Mapping[str, subprocess.CompletedProcess[str]], accepted: set[int]
              ) -> None:
    """Raise with MkDocs' own messages for every language that exited otherwise."""
    failures = [f"MkDocs failed for '{code}':\n" + "\n".join(
        line for line in proc.stderr.splitlines() if not line.startswith("INFO")).strip()
        for code, proc in done.items() if proc.returncode not in accepted]
    if failures:
        raise BuildError("\n".join(failures))


def run_mkdocs(work_dir: Path, languages: tuple[str, ...], out_dir: Path,
               log: Callable[[str], None], as_of: dt.date | None = None) -> dict[str, float]:
    """Build every language fully with MkDocs (``--strict``) in parallel into
    ``out_dir/_default`` (the others below it at their prefix); each language's page
    states go to ``out_dir/.state-<code>.json``. Seconds per language."""
    default = languages[0]

    def command(code: str) -> list[str]:
        target = out_dir / ("_default" if code == default else f"_{code}")
        return [RUNNER, str(work_dir / code / "mkdocs.yml"), str(target),
                str(out_dir / f".state-{code}.json")]

    seconds, done = _run_languages(languages, command, _mkdocs_env(as_of), log)
    _failures(done, {0})
    root = out_dir / "_default"
    for code in languages[1:]:
        os.replace(out_dir / f"_{code}", root / code)
    return seconds


def run_mkdocs_partial(work_dir: Path, languages: tuple[str, ...], out_dir: Path,
                       site_dir: Path, changed: Mapping[str, list[str]],
                       log: Callable[[str], None], as_of: dt.date | None = None
                       ) -> dict[str, float] | None:
    """Render only the changed pages of every language into ``out_dir/_default``, a copy
    of ``site_dir`` made of hard links (``generator.publish.mkdocs_run``); None when a
    language cannot prove the result equals a full build (the copy is then removed)."""
    default = languages[0]
    root = out_dir / "_default"
    try:
        partial.linked_copy(site_dir, root)
    except OSError:  # no hard links on this file system (or no room): a full build
        shutil.rmtree(root, ignore_errors=True)
        return None
    for code in languages:
        (out_dir / f".changed-{code}.json").write_text(json.dumps(changed[code]),
                                                      encoding="utf-8")

    def command(code: str) -> list[str]:
        target = root if code == default else root / code
        return [RUNNER, str(work_dir / code / "mkdocs.yml"), str(target),
                str(partial.state_path(work_dir, code)), str(out_dir / f".changed-{code}.json")]

    seconds, done = _run_languages(languages, command, _mkdocs_env(as_of), log)
    _failures(done, {0, NOT_PROVEN})
    if any(proc.returncode == NOT_PROVEN for proc in done.values()):
        shutil.rmtree(root)
        return None
    return seconds


def _mkdocs_and_swap(options: BuildOptions, languages: tuple[str, ...], staging: Path,
                     aside: Path, changed: Mapping[str, list[str] | None] | None,
                     as_of: dt.date, progress: Progress, report: BuildReport) -> None:
    """MkDocs into ``staging``, partially when ``changed`` (the record holds) allows it,
    else fully; the result swapped into place and its page states kept."""
    seconds: dict[str, float] | None = None
    if changed is not None and all(names is not None for names in changed.values()):
        seconds = run_mkdocs_partial(
            options.work_dir, languages, staging, options.site_dir,
            {code: names or [] for code, names in changed.items()}, progress.note,
            as_of=as_of)
    report.mkdocs_partial = seconds is not None
    if seconds is None:
        seconds = run_mkdocs(options.work_dir, languages, staging, progress.note, as_of=as_of)
    report.mkdocs_seconds = seconds
    progress.end(("partial: " if report.mkdocs_partial else "") + ", ".join(
        f"{code} {seconds:.1f} s" for code, seconds in seconds.items()))
    mark(staging / "_default")  # generator.publish.folders: a site this tool made
    swap_into_place(staging / "_default", options.site_dir, aside)
    partial.keep_states(options.work_dir, {} if report.mkdocs_partial else {
        code: staging / f".state-{code}.json" for code in languages})


def _docs_changed(written: SyncReport) -> list[str] | None:
    """The paths below docs/ a language's write changed; None when its MkDocs
    configuration changed (a partial build is then out of the question)."""
    names = [*written.written, *written.removed]
    if "mkdocs.yml" in names:
        return None
    return sorted(name.removeprefix("docs/") for name in names if name.startswith("docs/"))


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
    languages = dataset.languages
    inputs = partial.inputs_digest(options.project, generated.as_of.isoformat())
    may_be_partial = partial.may_be_partial(options.site_dir, options.work_dir, languages,
                                            inputs)
    held = partial.forget(options.work_dir)  # until the new site is in place
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
        changed = {code: _docs_changed(report.write[code]) for code in languages}
        if may_be_partial and all(names == [] for names in changed.values()):
            # Nothing MkDocs reads has changed, and the site in place is exactly what it
            # made of it (the record says so): the site stays as it is.
            report.mkdocs_partial = True
            progress.end("nothing changed: the site in place is this build's")
        else:
            _mkdocs_and_swap(options, languages, staging, aside, changed if may_be_partial
                             else None, generated.as_of, progress, report)
            report.mkdocs_total_seconds = time.perf_counter() - start
    except BaseException:
        writer.rollback()
        partial.restore(options.work_dir, held)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    writer.commit()
    partial.remember(options.site_dir, options.work_dir, languages, inputs)
    return report
