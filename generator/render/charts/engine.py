"""The chart engine: specs built once and kept, rendered to static SVG, cached.

The specs are built in ``generator.render.charts.specs``.
``ChartRenderer`` turns specs into SVG with vl-convert, at build time, so a chart shows
with JavaScript off and loads nothing from another host. Rendering is cached on disk by
the hash of the canonical spec (plus the vl-convert and Vega-Lite versions and the
locale), and cache misses are rendered in parallel on the available cores: each process
with vl-convert (``generator.render.charts.vlconvert``).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Executor, Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.base.sealed import SealedFolder
from generator.render.charts.specs import canonical_json, spec_json, spec_store
from generator.render.charts.svgcheck import svg_pixel_size, svg_problems
from generator.render.charts.vlconvert import (
    VL_VERSION,
    ExecutorKind,
    RenderStats,
    _cores,
    _executor_from_env,
    _pool,
    _render_batch,
    _render_timed,
)

DEFAULT_CACHE = Path(__file__).resolve().parents[3] / ".cache" / "charts"
"""Where rendered SVGs are kept between builds (git-ignored); ``KF_CHART_CACHE`` overrides."""








# --- rendering -------------------------------------------------------------------------------


class UnsafeChart(ValueError):
    """A rendered chart that must not be published (see ``svgcheck``)."""


@dataclass(frozen=True)
class SvgImage:
    """One rendered chart."""

    svg: bytes
    width: int
    height: int


def vl_convert_version() -> str:
    """The vl-convert version (part of every cache key)."""
    import vl_convert

    return str(getattr(vl_convert, "__version__", "unknown"))


def cache_key(spec: Mapping[str, Any]) -> str:
    """The sha256 of what decides a chart's SVG: spec, locale and converter versions."""
    locale = spec.get("config", {}).get("locale")
    parts = [spec_json(spec), vl_convert_version().encode(), VL_VERSION.encode(),
             json.dumps(locale, sort_keys=True, ensure_ascii=False).encode()]
    return hashlib.sha256(b"\0".join(parts)).hexdigest()





class _Batches:
    """Cache misses of one ``ChartRenderer.render`` call, rendered as they come.

    The first ``min_parallel`` misses are held back: fewer in all are rendered here, one
    by one (starting workers would cost more); from then on, misses go to the pool in
    batches of ``BATCH`` while the caller builds the next specs."""

    BATCH = 16

    def __init__(self, renderer: ChartRenderer):
        self.renderer = renderer
        self.keys: list[str] = []
        self._seen: set[str] = set()
        self._waiting: list[str] = []
        self._futures: list[Future[list[tuple[str, float]]]] = []
        self._pool: Executor | None = None
        self.started = time.perf_counter()

    def __contains__(self, key: object) -> bool:
        return key in self._seen

    def __bool__(self) -> bool:
        return bool(self.keys)

    def add(self, key: str, text: str) -> None:
        if not self.keys:
            self.started = time.perf_counter()
        self.keys.append(key)
        self._seen.add(key)
        self._waiting.append(text)
        r = self.renderer
        if self._pool is None and len(self.keys) >= r.min_parallel and (
                r.executor != "serial" and r.workers > 1):
            self._pool = _pool(r.executor, r.workers)
        if self._pool is not None and len(self._waiting) >= self.BATCH:
            self._submit()

    def flush(self) -> None:
        """Hand the misses held in a batch to the workers (when rendering in parallel)."""
        if self._pool is not None:
            self._submit()

    def _submit(self) -> None:
        assert self._pool is not None
        if self._waiting:
            self._futures.append(self._pool.submit(_render_batch, self._waiting))
            self._waiting = []

    def results(self, progress: Callable[[int, int, str], None] | None
                ) -> Iterator[tuple[str, str]]:
        """(key, SVG) of every miss, in the order added."""
        total = len(self.keys)
        if self._pool is None:
            outputs: Iterable[tuple[str, float]] = map(_render_timed, self._waiting)
        else:
            self._submit()
            outputs = (item for future in self._futures for item in future.result())
        for done, (key, (svg, cpu)) in enumerate(zip(self.keys, outputs, strict=True), 1):
            self.renderer.stats.cpu_each.append(cpu)
            if progress is not None:
                progress(done, total, "charts rendered")
            yield key, svg


class PendingImages:
    """The images of one ``ChartRenderer.start``: cache hits at once, misses rendering."""

    def __init__(self, renderer: ChartRenderer, batches: _Batches):
        self.renderer = renderer
        self.batches = batches
        self.keys: list[str] = []
        self.found: dict[str, str] = {}
        self.started = time.perf_counter()

    def images(self, progress: Callable[[int, int, str], None] | None = None
               ) -> list[SvgImage]:
        """Every spec's image, in order, once rendered."""
        stats = self.renderer.stats
        if self.batches:
            for key, svg in self.batches.results(progress):
                problems = svg_problems(svg.encode())
                if problems:
                    raise UnsafeChart(f"a rendered chart cannot be published: "
                                      f"{'; '.join(problems[:3])}")
                self.found[key] = svg
                self.renderer._write(key, svg)
            stats.render_seconds += time.perf_counter() - self.batches.started
            self.batches = _Batches(self.renderer)  # rendered: a second call waits for none
        stats.seconds += time.perf_counter() - self.started
        self.started = time.perf_counter()
        images = []
        for key in self.keys:
            published = self.found[key].encode()
            width, height = svg_pixel_size(published)
            images.append(SvgImage(published, width, height))
        return images


@dataclass
class ChartRenderer:
    """Renders Vega-Lite specs to SVG, from the cache when it can, in parallel when not."""

    cache_dir: Path | None = field(default_factory=lambda: Path(
        os.environ.get("KF_CHART_CACHE") or DEFAULT_CACHE))
    """None: no cache (every spec is rendered)."""
    workers: int = field(default_factory=lambda: _cores())
    """Processes (or threads) rendering cache misses: the cores this process may use."""
    executor: ExecutorKind = field(default_factory=lambda: _executor_from_env())
    """process: a pool of worker processes (vl-convert runs one conversion at a time per
    process, so threads barely help: measured in bench/bench_charts.py); serial: here."""
    min_parallel: int = 24
    """Fewer misses than this are rendered here, one by one: a worker pays ~1 s to start
    vl-convert, as much as ~12 charts take to render (bench/bench_charts.py; 512 charts
    rendered 1.5 times faster on 2 busy cores than serially)."""
    stats: RenderStats = field(default_factory=RenderStats)

    def render(self, specs: Iterable[Mapping[str, Any]],
               progress: Callable[[int, int, str], None] | None = None) -> list[SvgImage]:
        """The SVG of every spec, in order; ``progress(done, total, what)`` is told how
        many of the cache misses are rendered."""
        return self.start(specs).images(progress)

    def start(self, specs: Iterable[Mapping[str, Any]]) -> PendingImages:
        """Start rendering every spec (``images()`` of the result waits for them).

        ``specs`` may be a generator: cache misses are handed to the workers as they come,
        so the specs still to be built are built while the first ones render, and the
        caller can do other work (the pages) while the last ones render."""
        pending = PendingImages(self, _Batches(self))
        for spec in specs:
            key = cache_key(spec)
            pending.keys.append(key)
            if key in pending.found or key in pending.batches:
                continue
            cached = self._read(key)
            if cached is not None:
                pending.found[key] = cached
                self.stats.hits += 1
            else:
                pending.batches.add(key, canonical_json(spec))
                self.stats.misses += 1
        pending.batches.flush()
        return pending

    @functools.cached_property
    def _store(self) -> SealedFolder | None:
        return None if self.cache_dir is None else SealedFolder(self.cache_dir / "svg", ".svg")

    def _path(self, key: str) -> Path:
        assert self._store is not None
        return self._store.path(key)

    def _read(self, key: str) -> str | None:
        """A cached SVG, only if it is the intact entry of ``key`` and may be published
        (``svg_problems``); anything else is removed, and the chart rendered again."""
        if self._store is None:
            return None
        content = self._store.read(key)
        if content is None:
            return None
        try:
            svg = content.decode("utf-8")
        except UnicodeDecodeError:
            svg = None
        if svg is None or svg_problems(content):
            self._store.reject(key)
            return None
        return svg

    def _write(self, key: str, svg: str) -> None:
        if self._store is not None:
            self._store.write(key, svg.encode())  # a full or read-only disk: not cached

    @property
    def damaged(self) -> list[Path]:
        """Cache entries found damaged and removed (SVGs, and specs of this cache)."""
        found = list(self._store.damaged) if self._store is not None else []
        if self.cache_dir is not None:
            found += spec_store(self.cache_dir).damaged
        return found


CACHE_MAX_AGE_DAYS = 30
_PRUNED = "pruned"
"""A file in the cache folder whose time says when the cache was last pruned."""


def prune_cache(cache_dir: Path | None, *, max_age_days: float = CACHE_MAX_AGE_DAYS,
                force: bool = False) -> int:
    """Remove the cached specs and SVGs not used for ``max_age_days`` (each use touches
    its file), at most once a day unless ``force``; the number of files removed.

    A chart whose file was removed is rendered again when it is needed: pruning costs
    time, never a chart. Left-over temporary files older than an hour go too."""
    if cache_dir is None or not cache_dir.is_dir():
        return 0
    now = time.time()
    stamp = cache_dir / _PRUNED
    with contextlib.suppress(OSError):
        if not force and now - stamp.stat().st_mtime < 24 * 3600:
            return 0
    removed = 0
    for part in ("svg", "specs"):
        for folder, _dirs, names in os.walk(cache_dir / part):
            for name in names:
                path = os.path.join(folder, name)
                limit = 3600 if name.startswith(".tmp-") else max_age_days * 24 * 3600
                try:
                    if now - os.stat(path).st_mtime > limit:
                        os.unlink(path)
                        removed += 1
                except OSError:
                    continue
    with contextlib.suppress(OSError):
        stamp.touch()
    return removed
