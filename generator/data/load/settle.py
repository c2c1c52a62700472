"""How sure each record is and where it is stated, settled once: every record inherits
the ``certainty`` and ``source`` of the record it sits in unless it gives its own."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from generator.base.text import Text
from generator.data.schema import (
    Sourced,
)


def sourced_records(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Sourced]]:
    """Every record inside a model that can carry a source and a certainty, with its key
    path, parents first."""
    if isinstance(value, Sourced):
        yield loc, value
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            if isinstance(child, BaseModel | tuple | dict):
                yield from sourced_records(child, (*loc, info.alias or name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield from sourced_records(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, BaseModel):
                yield from sourced_records(item, (*loc, key))



def settle(value: Any, certainty: str | None = None,
           sources: tuple[str, ...] | None = None) -> Any:
    """The model with every record's certainty and sources as they are published: a
    record without its own takes those of the record or file it is in; ``illustrative:
    true`` is ``certainty: example``, and an example record is illustrative (so every
    banner of example data shows). Returns the same object where nothing changes."""
    if isinstance(value, tuple):
        settled = tuple(settle(item, certainty, sources) for item in value)
        return value if all(a is b for a, b in zip(settled, value, strict=True)) else settled
    if isinstance(value, dict):
        mapped = {key: settle(item, certainty, sources) for key, item in value.items()}
        return value if all(mapped[k] is value[k] for k in value) else mapped
    if not isinstance(value, BaseModel):
        return value
    updates: dict[str, Any] = {}
    if isinstance(value, Sourced):
        own = value.certainty or ("example" if getattr(value, "illustrative", False)
                                  else certainty)
        if own != value.certainty:
            updates["certainty"] = own
        illustrative = "illustrative" in type(value).model_fields
        if own == "example" and illustrative and not getattr(value, "illustrative", False):
            updates["illustrative"] = True
        certainty = own
        if value.source is None and sources is not None:
            updates["source"] = sources
        sources = value.source or sources
    for name in type(value).model_fields:
        child = getattr(value, name)
        if isinstance(child, BaseModel | tuple | dict):
            settled = settle(child, certainty, sources)
            if settled is not child:
                updates[name] = settled
    return value.model_copy(update=updates) if updates else value



def text_fields(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Text]]:
    """Every Text inside a model, with its key path."""
    if isinstance(value, Text):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from text_fields(getattr(value, name), (*loc, info.alias or name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from text_fields(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, BaseModel | Text | tuple):
                yield from text_fields(item, (*loc, key))
