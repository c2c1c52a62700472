"""JSON Schema of every data file kind, generated from the models in ``schema``."""

from __future__ import annotations

import json
from pathlib import Path

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


def sync_schemas(folder: Path, *, write: bool) -> list[str]:
    """The schema files in ``folder`` that differ from the models' (missing ones
    included), each rewritten when ``write``."""
    stale: list[str] = []
    for name, text in schema_files().items():
        path = folder / name
        current = path.read_text(encoding="utf-8") if path.is_file() else None
        if current == text:
            continue
        stale.append(str(path))
        if write:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return stale
