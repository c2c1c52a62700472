"""Preview one language with live reload, generating the pages again when data changes."""

from __future__ import annotations

import argparse
import sys
import threading
from pathlib import Path

from generator.build.pipeline import BuildError, BuildOptions, render_languages, write_generated
from generator.build.write import TreeWriter
from generator.data.load import load_tree
from generator.data.valuecache import ValueCache


def _snapshot(root: Path) -> tuple[tuple[str, int, int], ...]:
    return tuple(sorted(
        (str(p), p.stat().st_mtime_ns, p.stat().st_size)
        for p in root.rglob("*") if p.is_file()
    ))


def regenerate(options: BuildOptions) -> bool:
    """Validate and write the generated pages (only changed files); False on problems."""
    from generator.cli import report

    result = load_tree(options.data_dir, ValueCache.for_tree(options.data_dir))
    if not report(result, strict=False) or result.dataset is None:
        print("The preview keeps the last good pages until the data is fixed.", file=sys.stderr)
        return False
    try:
        trees = render_languages(result.dataset, options)
    except BuildError as exc:
        print(f"generate failed: {exc}", file=sys.stderr)
        return False
    reports = write_generated(trees, options.work_dir, TreeWriter())
    changed = sum(len(r.written) + len(r.removed) for r in reports.values())
    print(f"generated pages: {changed} file(s) changed", file=sys.stderr)
    return True


def serve(args: argparse.Namespace, options: BuildOptions) -> int:
    """Generate, then run MkDocs' live-reloading server on one language."""
    from mkdocs.commands.serve import serve as mkdocs_serve

    if not regenerate(options):
        return 1
    result = load_tree(options.data_dir, ValueCache.for_tree(options.data_dir))
    assert result.dataset is not None
    language = args.lang or result.dataset.languages[0]
    if language not in result.dataset.languages:
        print(f"--lang {language}: the site's languages are "
              f"{', '.join(result.dataset.languages)}", file=sys.stderr)
        return 2
    stop = threading.Event()

    def watch() -> None:
        last = _snapshot(options.data_dir)
        while not stop.wait(1.0):
            current = _snapshot(options.data_dir)
            if current != last:
                last = current
                regenerate(options)

    watcher = threading.Thread(target=watch, name="data-watcher", daemon=True)
    watcher.start()
    try:
        mkdocs_serve(config_file=str(options.work_dir / language / "mkdocs.yml"),
                     livereload=True, dev_addr=args.addr)
    finally:
        stop.set()
    return 0
