"""Every JSON file kind under api/v1/ and its published JSON Schema."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from pydantic import BaseModel

from generator.render.opendata.schema.cluster import ClusterOut
from generator.render.opendata.schema.documents import IndexOut, IndicatorOut, SurveyOut
from generator.render.opendata.schema.forum import ForumOut
from generator.render.opendata.schema.parts import API_VERSION, SCHEMA_BASE

API_KINDS: dict[str, type[BaseModel]] = {
    "index": IndexOut,
    "forum": ForumOut,
    "cluster": ClusterOut,
    "indicator": IndicatorOut,
    "survey": SurveyOut,
}
"""Every JSON file kind under api/v1/, by the name of its schema file."""


def _close_pattern_objects(node: Any) -> None:
    # A mapping keyed by pattern (lights, peers) allows no key outside the pattern. A key
    # that is absent when it does not apply (never null) has no default in the schema.
    if isinstance(node, dict):
        if "default" in node and node["default"] is None:
            del node["default"]
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_pattern_objects(value)
    elif isinstance(node, list):
        for value in node:
            _close_pattern_objects(value)


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema of one API file kind."""
    schema = API_KINDS[kind].model_json_schema(by_alias=True)
    _close_pattern_objects(schema)
    return {
        "$schema": SCHEMA_BASE,
        "$id": f"{kind}.schema.json",
        **schema,
        "title": f"Klyngeforum open data: {kind} file (api/v{API_VERSION})",
    }


def schema_files() -> dict[str, bytes]:
    """``schema/<kind>.schema.json`` (relative to api/v1/) → its bytes."""
    return dict(_schema_files())


@cache
def _schema_files() -> dict[str, bytes]:
    # The schemas depend on the models alone: made once per process (a build makes them
    # for every language, the preview for every rebuild).
    return {
        f"schema/{kind}.schema.json": (
            json.dumps(schema_of(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        ).encode("utf-8")
        for kind in API_KINDS
    }
