"""Run ``python -m generator build`` and kill it (SIGKILL, from inside) at one named point.

    python tests/faultpoint.py POINT BUILD-ARGS...

Points: ``first-page`` (right after the first generated page is written, before any
bookkeeping), ``last-page`` (after the pages, before the MkDocs run), ``mkdocs`` (while
MkDocs runs), ``charts`` (while chart workers render), ``swap`` (between the two renames
of the fallback swap), ``swapped`` (right after the atomic exchange, before the old site
is removed). Used by
tests/test_integrity.py; bench/faults.py kills at random moments instead.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def children() -> int:
    """How many processes this one has started and that still run."""
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == os.getpid() and fields[0] != "Z":
                count += 1
    return count


def die_once_children_run(minimum: int = 1, timeout: float = 60) -> None:
    """Kill this process as soon as it has ``minimum`` children (or after ``timeout``)."""
    def watch() -> None:
        start = time.monotonic()
        while children() < minimum and time.monotonic() - start < timeout:
            time.sleep(0.05)
        time.sleep(0.3)
        die()

    threading.Thread(target=watch, daemon=True).start()


def arm(point: str) -> None:
    import generator.publish.pipeline as pipeline
    import generator.publish.write as write

    if point in ("first-page", "last-page"):
        real_sync = write.TreeWriter.sync

        def sync(self: Any, root: Path, files: Any, *args: Any, **kwargs: Any) -> Any:
            if point == "first-page":
                real_write = write.atomic_write

                def atomic_write(path: Path, content: bytes) -> None:
                    real_write(path, content)
                    if path.suffix == ".md":
                        die()

                write.atomic_write = atomic_write  # type: ignore[assignment]
            return real_sync(self, root, files, *args, **kwargs)

        write.TreeWriter.sync = sync  # type: ignore[method-assign]
        if point == "last-page":
            real_run = pipeline.run_mkdocs

            def run_mkdocs(*args: Any, **kwargs: Any) -> Any:
                die()
                return real_run(*args, **kwargs)

            pipeline.run_mkdocs = run_mkdocs  # type: ignore[assignment]
    elif point == "mkdocs":
        real_run = pipeline.run_mkdocs

        def run_mkdocs(*args: Any, **kwargs: Any) -> Any:
            die_once_children_run(1)
            return real_run(*args, **kwargs)

        pipeline.run_mkdocs = run_mkdocs  # type: ignore[assignment]
    elif point == "partial":  # while MkDocs renders the changed pages into the linked copy
        real_partial = pipeline.run_mkdocs_partial

        def run_mkdocs_partial(*args: Any, **kwargs: Any) -> Any:
            die_once_children_run(1)
            return real_partial(*args, **kwargs)

        pipeline.run_mkdocs_partial = run_mkdocs_partial  # type: ignore[assignment]
    elif point == "charts":
        os.environ["KF_CHART_EXECUTOR"] = "process"
        die_once_children_run(1, timeout=120)
    elif point == "swap":  # the fallback of two renames, cut between them
        pipeline.exchange = lambda first, second: False  # type: ignore[assignment]
        real_replace = os.replace

        def replace(src: Any, dst: Any) -> None:
            real_replace(src, dst)
            if ".old-" in str(dst):
                die()

        os.replace = replace  # type: ignore[assignment]
    elif point == "swapped":  # the atomic exchange done, the old site not yet removed
        real_exchange = pipeline.exchange

        def exchange(first: Path, second: Path) -> bool:
            if not real_exchange(first, second):
                raise SystemExit("this system cannot exchange two folders")
            die()
            return True

        pipeline.exchange = exchange  # type: ignore[assignment]
    else:
        raise SystemExit(f"unknown point {point}")


def main(argv: list[str]) -> int:
    point, *args = argv
    arm(point)
    from generator.cli import main as cli

    return cli(args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
