"""Tell the person waiting what a long build is doing.

On a terminal one status line is redrawn in place (stage, and pages or charts done of
total); in a log (CI) each stage prints one line when it ends, with its figures.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Stage-by-stage progress on a stream (stderr by default)."""

    def __init__(self, stream: TextIO | None = None, *, live: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.live = self.stream.isatty() if live is None else live
        self.stage = ""
        self._start = time.perf_counter()
        self._last_draw = 0.0
        self.seconds: dict[str, float] = {}
        """Wall-clock seconds of every finished stage, by name."""

    def begin(self, stage: str) -> None:
        """A stage starts."""
        self.stage = stage
        self._start = time.perf_counter()
        if self.live:
            self._draw(f"{stage} …")

    def advance(self, done: int, total: int, what: str = "") -> None:
        """Within a stage: ``done`` of ``total`` things (pages, charts) are finished."""
        if not self.live:
            return
        now = time.perf_counter()
        if done < total and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        self._draw(f"{self.stage}: {done}/{total} {what}".rstrip())

    def end(self, summary: str = "") -> float:
        """The stage ends; prints its line with ``summary``; returns its seconds."""
        elapsed = time.perf_counter() - self._start
        self.seconds[self.stage] = self.seconds.get(self.stage, 0.0) + elapsed
        line = f"{self.stage}: {elapsed:.1f} s" + (f" ({summary})" if summary else "")
        if self.live:
            self.stream.write("\r\x1b[2K" + line + "\n")
        else:
            self.stream.write(line + "\n")
        self.stream.flush()
        return elapsed

    def note(self, message: str) -> None:
        """A line that is not a stage (kept on screen above the status line)."""
        if self.live:
            self.stream.write("\r\x1b[2K")
        self.stream.write(message + "\n")
        self.stream.flush()

    def _draw(self, text: str) -> None:
        self.stream.write("\r\x1b[2K" + text[:200])
        self.stream.flush()


class Silent(Progress):
    """Progress that prints nothing (library use, tests)."""

    def __init__(self) -> None:
        super().__init__(stream=sys.stderr, live=False)

    def end(self, summary: str = "") -> float:
        elapsed = time.perf_counter() - self._start
        self.seconds[self.stage] = self.seconds.get(self.stage, 0.0) + elapsed
        return elapsed

    def note(self, message: str) -> None:
        return None
