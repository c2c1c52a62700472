"""Chart specs: built once from a chart kind (``generator.render.charts.kinds``), kept on
disk by their inputs and read back instead of made by Altair again, and published as
canonical JSON."""

from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
from altair.utils import schemapi

from generator.base.sealed import SealedFolder
from generator.render.charts import formats, marks, palette
from generator.render.charts import kinds as charts
from generator.render.charts.kinds import ChartKind

SPEC_CODE = (charts, formats, marks, palette)
"""The modules whose code decides a spec, besides this one and the kind's own module: a
change to any of them makes every cached spec be built again (tests/test_chart_cache.py
checks that every chart module a kind imports is here)."""


@functools.cache
def _code_version(kind_module: str | None = None) -> str:
    """What else decides a spec besides its inputs: the chart kinds (``charts``, and the
    module of the kind when it is another, such as ``strategy_kinds``), their formats and
    building blocks, this module, the palette, Altair. Read once per process: the code a
    process runs does not change while it runs."""
    digest = hashlib.sha256(alt.__version__.encode())
    paths: tuple[Path, ...] = (*(Path(m.__file__ or "") for m in SPEC_CODE), Path(__file__))
    if kind_module is not None:
        paths = tuple(dict.fromkeys((*paths, Path(kind_module))))
    for path in paths:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def build_spec(kind: ChartKind, frame: pd.DataFrame, params: Mapping[str, Any], code: str,
               description: str, *, cache_dir: Path | None = None,
               check: bool = False) -> dict[str, Any]:
    """The Vega-Lite spec of one chart: ``charts.finish(kind(frame, **params), ...)``.

    With ``cache_dir``, a spec built before from the same inputs (and the same code of
    this module, the palette and Altair) is read back instead: Altair takes 10–20 ms a
    chart, reading the spec well under 1 ms, which counts with thousands of clusters.
    ``check`` validates a newly built spec against the Vega-Lite schema (~100 ms).
    """
    records = marks.frame_records(frame)
    store = key = None
    if cache_dir is not None:
        key = hashlib.sha256(_inputs_key(
            [kind.__name__, records, params, code, description,
             _code_version(inspect.getfile(kind))]).encode(),
        ).hexdigest()
        store = spec_store(cache_dir)
        content = store.read(key)  # sealed: the entry of this key, its bytes intact
        if content is not None:
            cached = _cached_spec(content)
            if cached is not None:
                return Spec(cached, published=content)  # stored as it is published
            store.reject(key)
    # Altair validates every schema object as it is made unless told not to: 15 of the
    # 20 ms a spec took. The finished spec is validated once instead, in the tests.
    with schemapi.debug_mode(False):
        chart = (_template(kind, frame, params, records) if kind in charts.SHAPES
                 else kind(frame, **params))
        spec = charts.finish(chart, frame, code, description, records=records)
    if check:
        validate(spec)
    if store is None or key is None:
        return spec
    finished = Spec(spec, published=spec_json(spec))
    store.write(key, finished.published)
    return finished


class Spec(dict[str, Any]):
    """A finished spec that carries the bytes it is published as (``spec_json``), made
    once: the published form of thousands of specs took seconds in Python's indenting
    JSON encoder. A spec is not changed once it is finished."""

    def __init__(self, spec: Mapping[str, Any], *, published: bytes) -> None:
        super().__init__(spec)
        self.published = published

    def __setitem__(self, key: str, value: Any) -> None:
        raise TypeError("a finished spec is not changed: change a copy (dict(spec))")

    def __delitem__(self, key: str) -> None:
        raise TypeError("a finished spec is not changed: change a copy (dict(spec))")

    def __reduce__(self) -> tuple[Any, ...]:  # a copy is a plain spec, made again
        return (dict, (dict(self),))

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, Any]:
        return copy.deepcopy(dict(self), memo)


@functools.cache
def spec_store(cache_dir: Path) -> SealedFolder:
    """The cached specs of a cache folder (one per folder, so its counts add up)."""
    return SealedFolder(cache_dir / "specs", ".json")


def _cached_spec(content: bytes) -> dict[str, Any] | None:
    """A cached spec if it is the shape of one (a Vega-Lite mapping), else None."""
    try:
        spec = json.loads(content)
    except ValueError:
        return None
    if not isinstance(spec, dict) or not str(spec.get("$schema", "")).startswith(
            "https://vega.github.io/schema/vega-lite/"):
        return None
    return spec


_TEMPLATES: dict[str, str] = {}
_TEMPLATES_MAX = 4096


def _template(kind: ChartKind, frame: pd.DataFrame, params: Mapping[str, Any],
              rows: list[dict[str, Any]]) -> dict[str, Any]:
    """``kind(frame, **params)`` as a Vega-Lite dict without data, made by Altair once per
    process for each kind, deciding parameters and shape (``charts.SHAPES``; ``rows``: the
    frame's rows as ``marks.frame_records`` gives them): Altair takes 10–20 ms to
    make and convert a layered chart (most of it deep copies), a copy of the dict ~0.1 ms.
    tests/test_charts.py checks that every template gives what Altair gives."""
    shape, deciding = charts.SHAPES[kind](rows, params)
    key = _inputs_key([kind.__name__, shape, deciding])
    text = _TEMPLATES.get(key)
    if text is None:
        text = json.dumps(charts.without_empty_data(kind(frame, **params).to_dict(validate=False)),
                          ensure_ascii=False)
        if len(_TEMPLATES) >= _TEMPLATES_MAX:
            _TEMPLATES.pop(next(iter(_TEMPLATES)))
        _TEMPLATES[key] = text
    return dict(json.loads(text))


def _inputs_key(inputs: Sequence[Any]) -> str:
    """A chart's inputs as JSON, for a key: mappings in their order (a scale's domain
    follows it), any other collection as a list."""
    def plain(value: Any) -> Any:
        return dict(value) if isinstance(value, Mapping) else list(value)

    return json.dumps(inputs, ensure_ascii=False, default=plain)


def canonical_json(spec: Mapping[str, Any]) -> str:
    """The spec as compact JSON with sorted keys: what the cache key is made of."""
    return json.dumps(spec, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def spec_json(spec: Mapping[str, Any]) -> bytes:
    """The spec as published beside its chart: sorted keys, indented, UTF-8."""
    if isinstance(spec, Spec):
        return spec.published
    return (json.dumps(spec, sort_keys=True, ensure_ascii=False, indent=2) + "\n").encode()


def validate(spec: Mapping[str, Any]) -> None:
    """Raise when ``spec`` does not follow the Vega-Lite schema Altair ships."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema import core

    validate_jsonschema(dict(spec), core.load_schema())
