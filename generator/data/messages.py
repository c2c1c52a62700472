"""Turn pydantic's validation errors into messages a forum secretariat can act on."""

from __future__ import annotations

import difflib
import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from generator.base.problems import Problem
from generator.data.yamlfile import FALSE_WORDS, SourceFile


def problems_from_errors(
    source: SourceFile, errors: list[ErrorDetails], model: type[BaseModel]
) -> list[Problem]:
    """One located problem for each pydantic error of a file."""
    return [_problem(source, error, model) for error in errors]


def _problem(source: SourceFile, error: ErrorDetails, model: type[BaseModel]) -> Problem:
    loc: list[Any] = list(error["loc"])
    on_key = bool(loc) and loc[-1] == "[key]"
    if on_key:
        loc.pop()
        if loc and isinstance(error.get("input"), int | float | bool):
            # The key as YAML read it (the number 1.2), so that the problem is located at
            # that key and not at a quoted "1.2" of the same mapping.
            loc[-1] = error["input"]
    kind = error["type"]
    ctx: dict[str, Any] = dict(error.get("ctx") or {})
    if kind == "located":
        loc.extend(ctx.get("at", ()))
    message = _describe(kind, error, ctx, source, loc, model, on_key)
    return source.problem(loc, message)


def _describe(
    kind: str,
    error: ErrorDetails,
    ctx: dict[str, Any],
    source: SourceFile,
    loc: list[Any],
    model: type[BaseModel],
    on_key: bool,
) -> str:
    value = error.get("input")
    name = loc[-1] if loc else ""
    if kind == "missing":
        return f"required key '{name}' is missing: add '{name}: ...' here"
    if kind == "extra_forbidden":
        allowed = allowed_keys(model, loc[:-1])
        hint = ""
        close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'? "
        listing = ", ".join(allowed) if allowed else "none"
        return f"unknown key '{name}': {hint}the keys allowed here are: {listing}"
    if kind == "string_type":
        what = "this key" if on_key else "this value"
        raw = (source.raw_key(loc) or str(name)) if on_key else source.raw_scalar(loc)
        return _not_a_string(value, raw, what)
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        shown = (source.raw_scalar(loc) or _show(value)) if isinstance(value, bool) else (
            _show(value))
        choices = [c.strip(" '") for c in str(expected).replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(shown), choices, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'? " if close and close[0] != shown else ""
        return f"'{shown}' is not allowed here: {hint}write one of {expected}"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"'{_show(value)}' must be a whole number, e.g. 24"
    if kind in ("float_type", "float_parsing"):
        return f"'{_show(value)}' must be a number, e.g. 84"
    if kind in ("bool_type", "bool_parsing"):
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return f"'{value}' is quoted text: write true or false without quotes"
        return f"'{_show(value)}' must be true or false"
    if kind in ("tuple_type", "list_type"):
        return "must be a list: lines starting with '- ', or [a, b] on one line"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "must be a mapping of 'key: value' lines, indented below this key"
    if kind == "greater_than_equal":
        floor = ctx.get("ge")
        if floor == 0:
            return f"'{_show(value)}' is negative: write 0 or more"
        return f"'{_show(value)}' is too small: write at least {_show(floor)}"
    if kind == "less_than_equal":
        return f"'{_show(value)}' is too large: write at most {_show(ctx.get('le'))}"
    if kind == "too_short":
        return "is empty: write at least one entry"
    if kind == "none_required":
        return "must be left empty"
    return str(error["msg"])


def _not_a_string(value: Any, raw: str | None, what: str) -> str:
    if isinstance(value, bool):
        if raw in FALSE_WORDS:
            return (f"an unquoted {raw} is read by YAML as false: the code for Norwegian "
                    "Bokmål is nb, and any other text must be put in quotes")
        return f"{what} is read by YAML as true/false: put it in quotes, e.g. \"{raw}\""
    if isinstance(value, int | float):
        shown = raw if raw is not None else str(value)
        return (f"{what} is read by YAML as the number {shown}: ids and codes are text, "
                f"so put it in quotes: \"{shown}\"")
    if value is None:
        return f"{what} is empty: write a text"
    if isinstance(value, list):
        return "must be a single text, not a list"
    if isinstance(value, dict):
        return "must be a single text, not a mapping"
    return f"{what} must be a text"


def _show(value: Any) -> str:
    if value is None:
        return "(empty)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def allowed_keys(model: type[BaseModel], loc: list[Any]) -> list[str]:
    """The keys the mapping at ``loc`` of a file of kind ``model`` may have."""
    target = _type_at(model, loc)
    if target is None:
        return []
    return [field.alias or name for name, field in target.model_fields.items()]


def _type_at(model: type[BaseModel], loc: list[Any]) -> type[BaseModel] | None:
    current: Any = model
    for part in loc:
        current = _strip(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = next(
                (f for n, f in current.model_fields.items() if (f.alias or n) == part), None
            )
            if field is None:
                return None
            current = field.annotation
        elif get_origin(current) in (tuple, list):
            current = get_args(current)[0]
        elif get_origin(current) is dict:
            current = get_args(current)[1]
        else:
            return None
    current = _strip(current)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _strip(tp: Any) -> Any:
    while True:
        origin = get_origin(tp)
        if origin is Annotated:
            tp = get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            tp = next(arg for arg in get_args(tp) if arg is not type(None))
        else:
            return tp
