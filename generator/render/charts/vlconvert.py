"""vl-convert, the renderer of every chart: set up once per process with its own font,
compiling charts of the same shape once (``_render_one``), and the pools of worker
processes or threads that render the cache misses on every core."""

from __future__ import annotations

import atexit
import json
import multiprocessing
import os
import tempfile
import threading
import time
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import altair as alt

from generator.base import lifetime
from generator.render.charts.specs import canonical_json

VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])
"""The Vega-Lite version Altair writes (``6.4``), passed to vl-convert."""



ExecutorKind = Literal["process", "thread", "serial"]


_FONTCONFIG = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{none}</dir></fontconfig>
"""
_FONT_PROBE = {"data": {"values": [{"t": "Aa"}]}, "mark": "text",
               "encoding": {"text": {"field": "t"}}}
"""A chart with a text to measure: its rendering reads the fonts."""
_CONVERTER = threading.Lock()
_converter_ready = False


def _vl_convert() -> Any:
    """vl_convert, its fonts those it ships (Liberation Sans), none of the system's.

    Every label, title and legend entry of a chart is measured by vl-convert, glyph by
    glyph, in the font it resolves ``sans-serif`` to. With the system's fonts that is a
    font file, which its font database opens and maps into memory again for every glyph:
    ~0.09 ms a character, two thirds of what a chart cost. The Liberation Sans that
    vl-convert ships is held in memory (~0.01 ms a character) and has the same metrics, so
    the SVGs are byte for byte the same, and no longer depend on the fonts installed.

    vl-convert reads the fonts once a process, at its first conversion, from the
    fontconfig file ``FONTCONFIG_FILE`` names: one listing a folder that does not exist
    is set for that conversion only (anything else in the process using fontconfig later
    sees the environment as it was). A glyph Liberation Sans lacks is measured with no
    fallback font, which can only make a chart's layout a little off, never fail.
    """
    global _converter_ready
    import vl_convert

    if _converter_ready:
        return vl_convert
    with _CONVERTER:
        if not _converter_ready:
            with tempfile.TemporaryDirectory(prefix="kf-fonts-") as folder:
                conf = Path(folder) / "fonts.conf"
                conf.write_text(_FONTCONFIG.format(none=Path(folder) / "none"),
                                encoding="utf-8")
                previous = os.environ.get("FONTCONFIG_FILE")
                os.environ["FONTCONFIG_FILE"] = str(conf)
                try:
                    vl_convert.vegalite_to_svg(_FONT_PROBE, vl_version=VL_VERSION,
                                               allowed_base_urls=[])
                finally:
                    if previous is None:
                        del os.environ["FONTCONFIG_FILE"]
                    else:
                        os.environ["FONTCONFIG_FILE"] = previous
            _converter_ready = True
    return vl_convert


_VALUES = "\u0000kf-values\u0000"
_DESCRIPTION = "\u0000kf-description\u0000"
_COMPILED: dict[str, str | None] = {}
"""Compiled Vega specs of this process by the Vega-Lite spec without its rows and text
alternative (the template), with ``_VALUES`` and ``_DESCRIPTION`` where those go; None
when a template cannot be filled in that way (rendered from Vega-Lite then)."""
_COMPILED_MAX = 512


def _compiled(template: dict[str, Any]) -> str | None:
    """The compiled Vega spec of a template (see ``_COMPILED``), compiled once a process."""
    key = canonical_json(template)
    with _CONVERTER:
        if key in _COMPILED:
            return _COMPILED[key]
    vega = _vl_convert().vegalite_to_vega(template, vl_version=VL_VERSION)
    inline = [d for d in vega.get("data", []) if "values" in d]
    found: str | None = None
    if len(inline) == 1 and inline[0]["values"] == [] and (
            vega.get("description") == template.get("description")):
        inline[0]["values"] = _VALUES
        found = json.dumps(vega, ensure_ascii=False, separators=(",", ":"))
        if found.count(json.dumps(_DESCRIPTION)) > 1:
            found = None
    with _CONVERTER:
        if len(_COMPILED) >= _COMPILED_MAX:
            _COMPILED.pop(next(iter(_COMPILED)))
        _COMPILED[key] = found
    return found


def _render_one(spec_text: str) -> str:
    """vl-convert on one spec (JSON text): a top-level function, so processes can run it.

    Compiling Vega-Lite to Vega takes a sixth of a chart's time, and does not look at the
    rows: charts that differ only in their rows and text alternative (every cluster's
    timeline with the same lanes, say) are compiled once per process, and their rows put
    into the compiled spec. The SVG is the same, byte for byte (tests/test_charts.py).
    """
    vl_convert = _vl_convert()
    spec = json.loads(spec_text)
    data = spec.get("data")
    if isinstance(data, dict) and set(data) == {"values"} and isinstance(data["values"], list):
        values, description = data["values"], spec.get("description")
        template = {**spec, "data": {"values": []}}
        if description is not None:
            template["description"] = _DESCRIPTION
        vega = _compiled(template)
        if vega is not None:
            filled = vega.replace(json.dumps(_VALUES), json.dumps(
                values, ensure_ascii=False, separators=(",", ":")), 1)
            if description is not None:
                filled = filled.replace(json.dumps(_DESCRIPTION), json.dumps(
                    description, ensure_ascii=False), 1)
            return str(vl_convert.vega_to_svg(filled, allowed_base_urls=[]))
    return str(vl_convert.vegalite_to_svg(spec_text, vl_version=VL_VERSION,
                                          allowed_base_urls=[]))


def _render_timed(spec_text: str) -> tuple[str, float]:
    """``_render_one`` and the CPU seconds it took in the process that ran it."""
    start = time.process_time()
    svg = _render_one(spec_text)
    return svg, time.process_time() - start


_POOLS: dict[tuple[str, int], Executor] = {}


def _pool(kind: ExecutorKind, workers: int) -> Executor:
    """A worker pool kept for the whole run, so every language's batch reuses warm workers."""
    key = (kind, workers)
    if key not in _POOLS:
        if kind == "process":
            # forkserver: forking a process where vl-convert's JavaScript runtime already
            # runs hangs, and spawn would run `python -m generator` again in every worker.
            context = multiprocessing.get_context("forkserver")
            # the fork server dies with the build, also when the build is killed, and each
            # worker with the fork server (generator.base.lifetime)
            context.set_forkserver_preload([*lifetime.forkserver_preload(), "vl_convert"])
            _POOLS[key] = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                              initializer=lifetime.guard_worker)
        else:
            _POOLS[key] = ThreadPoolExecutor(max_workers=workers,
                                             thread_name_prefix="kf-chart")
    return _POOLS[key]


@atexit.register
def _shutdown_pools() -> None:
    for pool in _POOLS.values():
        pool.shutdown(wait=True, cancel_futures=True)
    _POOLS.clear()


def _executor_from_env() -> ExecutorKind:
    kind = os.environ.get("KF_CHART_EXECUTOR", "process")
    kinds: dict[str, ExecutorKind] = {"process": "process", "thread": "thread",
                                      "serial": "serial"}
    if kind not in kinds:
        raise ValueError(f"KF_CHART_EXECUTOR={kind}: use process, thread or serial")
    return kinds[kind]


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


@dataclass
class RenderStats:
    """What one or more ``render`` calls did."""

    hits: int = 0
    misses: int = 0
    seconds: float = 0.0
    render_seconds: float = 0.0
    cpu_each: list[float] = field(default_factory=list)
    """The CPU time vl-convert took for each miss, in the order rendered."""

    @property
    def cpu_seconds(self) -> float:
        """CPU time vl-convert took for the misses, summed over the processes that ran it."""
        return sum(self.cpu_each)


def _render_batch(texts: list[str]) -> list[tuple[str, float]]:
    """``_render_timed`` on every spec of a batch: one task for a worker."""
    return [_render_timed(text) for text in texts]
