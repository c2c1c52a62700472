"""JSON Schema of every data file kind, generated from the models in ``schema``."""

from __future__ import annotations

import json

from generator.data.schema import FILE_KINDS

SCHEMA_BASE = "https://json-schema.org/draft/2020-12/schema"


def schema_files() -> dict[str, str]:
    """File name → JSON text of the schema of each data file kind."""
    out: dict[str, str] = {}
    for kind, model in FILE_KINDS.items():
        schema = model.model_json_schema(by_alias=True)
        schema = {"$schema": SCHEMA_BASE, "$id": f"{kind}.schema.json", **schema}
        schema["title"] = f"Klyngeforum data: {kind} file (schema_version 1)"
        out[f"{kind}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    return out
