"""The Open data page's field tables, checked against and typed from the models.

The hand-written page ``docs/<lang>/open-data.md`` explains every file of ``/api/v1/``.
A table of its keys follows a marker that names the model it describes::

    <!-- fields: forum -->
    | Field | Contents |
    | --- | --- |
    | `id`, `name` | ... |
    | `members[]` | The members on `as_of`: `cluster` (id), `joined` and `left` ... |

At build time every marked table gets a Type column made from the model's annotations
(in the page's language), and the page is refused unless

- the tables marked with one model name, together, name each of its keys exactly once
  and the keys of ``COMMON`` at most once (so a key added to a model cannot go
  unexplained, and a key the files do not have cannot be explained);
- every key inside a key's parts (the ``cluster`` of each ``members[]``) is named, in
  backticks, in the table or in the text after it in the same section (a row may say
  "with the same fields" as the row before, or as a part explained earlier on the
  page), unless that part has a marked table of its own;
- the table of ``lights.csv`` (``<!-- columns: lights.csv -->``) names its columns in
  the order the file has them.

So, as on the Data format page, the reference and the files cannot disagree: the JSON
Schema files, the files themselves and these tables all come from the same models.
"""

from __future__ import annotations

import re
import types
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from generator.data.schema import CODE, SLUG
from generator.render.opendata.common import CSV_COLUMNS
from generator.render.opendata.schema import (
    ForumOut,
    IndexOut,
    IndicatorOut,
    PublishedAssessmentOut,
    PublishingClusterOut,
    ScorecardOut,
    SurveyOut,
)
from generator.render.opendata.schema.parts import DateText, FullDate, Head, SourcedOut, UrlText
from generator.render.text.i18n import Language

MODELS: dict[str, type[BaseModel]] = {
    "index": IndexOut,
    "forum": ForumOut,
    "scorecard": ScorecardOut,
    "survey": SurveyOut,
    "cluster": PublishingClusterOut,
    "assessment": PublishedAssessmentOut,
    "indicator": IndicatorOut,
}
"""The models a table may describe, by the name its marker gives. A cluster that does not
publish its results has the same keys (with fewer values allowed), and a benchmarking it
does not publish has only ``date`` and ``kind``."""

COMMON = frozenset(SourcedOut.model_fields) | frozenset(Head.model_fields)
"""``schema_version`` and ``as_of`` (every file starts with them), ``certainty`` and
``sources`` (every record has them): the page explains them once ("Common to every JSON
file"), so a table may name them, need not."""

COLUMNS = {"lights.csv": CSV_COLUMNS}
"""The CSV files whose columns a table lists, in order."""

_MARK = re.compile(r"^<!-- (fields|columns): ([a-z.-]+) -->[ \t]*$")
_CODE = re.compile(r"`([^`]+)`")


class FieldTableError(ValueError):
    """The Open data page does not fit the models: a key missing, unknown or twice."""


@dataclass
class _Table:
    kind: str
    """``fields`` or ``columns``."""
    name: str
    start: int
    """The index of the table's first line (its head) in the page's lines."""
    end: int
    """One past its last line."""
    section: str
    """The text from the table's end to the next heading of its level or above."""


def _tables(lines: list[str]) -> Iterator[_Table]:
    for i, line in enumerate(lines):
        mark = _MARK.match(line)
        if not mark:
            continue
        start = i + 1
        if start >= len(lines) or not lines[start].startswith("|"):
            raise FieldTableError(f"line {i + 1}: a table must follow {line.strip()}")
        end = start
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        stop = end
        while stop < len(lines) and not re.match(r"#{1,3} ", lines[stop]):
            stop += 1
        yield _Table(mark.group(1), mark.group(2), start, end, "\n".join(lines[end:stop]))


def _cells(line: str) -> list[str]:
    """The cells of a Markdown table row (``\\|`` stays inside a cell)."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]


def _keys(cell: str) -> list[str]:
    """The keys a row's first cell names: ``members[]`` names ``members``."""
    return [k.removesuffix("[]") for k in _CODE.findall(cell)]


def _named(text: str) -> set[str]:
    return {k.removesuffix("[]") for k in _CODE.findall(text)}


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    """Each key's annotation with the constraints pydantic moved out of it."""
    return {field.alias or name: field.rebuild_annotation()
            for name, field in model.model_fields.items()}


def _pattern_of(alias: Any) -> str:
    """The pattern of a string type declared as ``Annotated[str, Field(pattern=...)]``."""
    return next(iter(_patterns(get_args(alias)[1:])))


def _parts(annotation: Any) -> list[type[BaseModel]]:
    """The models inside an annotation (a list of them, a mapping to them, or null)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [part for arg in get_args(annotation) for part in _parts(arg)]


def _nested(model: type[BaseModel], described: set[type[BaseModel]]) -> set[str]:
    """Every key inside a part, its own parts' keys included, but not those of a part
    described by a table of its own."""
    keys: set[str] = set()
    for key, annotation in _fields(model).items():
        if key in COMMON:
            continue
        keys.add(key)
        for part in _parts(annotation):
            if part not in described and part is not model:
                keys |= _nested(part, described)
    return keys


# --- the Type column ----------------------------------------------------------------------


def _patterns(metadata: Iterable[Any]) -> set[str]:
    """The patterns a string must match, from pydantic's metadata (nested in a Field)."""
    found: set[str] = set()
    for item in metadata:
        if isinstance(getattr(item, "pattern", None), str):
            found.add(item.pattern)
        found |= _patterns(getattr(item, "metadata", ()))
    return found


_STRINGS = {
    SLUG.pattern: "id",
    CODE.pattern: "code",
    _pattern_of(DateText): "date",
    _pattern_of(FullDate): "date",
    _pattern_of(UrlText): "url",
}
"""The kinds of string the open data has, by the pattern they match."""


def type_words(annotation: Any, language: Language, plural: bool = False) -> str:
    """What an annotation of the open data holds, in words of ``language``: "id",
    "list of dates", "whole number or null"."""
    _ = language.gettext
    nullable = False
    metadata: list[Any] = []
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *more = get_args(annotation)
            metadata += more
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            nullable = nullable or len(options) < len(get_args(annotation))
            if len(options) == 1:
                annotation = options[0]
            elif all(a in (int, float) for a in options):  # a whole number or not
                annotation = float
            else:  # a text: one string, or one per language
                annotation = next((a for a in options if a is not str), options[0])
        else:
            break
    words = _plain_words(annotation, metadata, language, plural)
    return _("%(type)s or null") % {"type": words} if nullable else words


def _plain_words(annotation: Any, metadata: list[Any], language: Language,
                 plural: bool) -> str:
    _ = language.gettext
    origin = get_origin(annotation)
    if origin is Literal:
        values = get_args(annotation)
        if all(isinstance(v, bool) for v in values):
            return _("values true or false") if plural else _("true or false")
        if all(isinstance(v, int) for v in values):
            return _("whole numbers") if plural else _("whole number")
        return _("words") if plural else _("word")
    if origin is list:
        item = type_words(get_args(annotation)[0], language, plural=True)
        return _("lists") if plural else _("list of %(items)s") % {"items": item}
    if origin is dict:
        keys, values = get_args(annotation)
        if keys is str and values is str:  # a text in every language, by language code
            return _("texts") if plural else _("text")
        if plural:
            return _("objects")
        return _("object from %(keys)s to %(values)s") % {
            "keys": type_words(keys, language, plural=True),
            "values": type_words(values, language, plural=True)}
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _("objects") if plural else _("object")
    if annotation is bool:
        return _("values true or false") if plural else _("true or false")
    if annotation is int:
        return _("whole numbers") if plural else _("whole number")
    if annotation is float:
        return _("numbers") if plural else _("number")
    kinds = {_STRINGS[p] for p in _patterns(metadata) if p in _STRINGS}
    words = {  # one, many
        "id": (_("id"), _("ids")),
        "code": (_("indicator or area id"), _("indicator or area ids")),
        "date": (_("date"), _("dates")),
        "url": (_("web address"), _("web addresses")),
    }
    one, many = words[kinds.pop()] if kinds else (_("text"), _("texts"))
    return many if plural else one


def _type_cell(keys: list[str], fields: dict[str, Any], language: Language) -> str:
    words = [type_words(fields[k], language) for k in keys]
    if len(set(words)) == 1:
        return words[0]
    return ", ".join(f"`{k}`: {w}" for k, w in zip(keys, words, strict=True))


# --- the page -----------------------------------------------------------------------------


def open_data_page(page: str, language: Language) -> str:
    """The hand-written page with a Type column in each field table, checked against the
    models (``FieldTableError`` when it does not fit them)."""
    _ = language.gettext
    lines = page.split("\n")
    tables = list(_tables(lines))
    described = {MODELS[t.name] for t in tables if t.kind == "fields" and t.name in MODELS}
    seen: dict[str, dict[str, int]] = {}
    # The parts explained so far: a later row may refer to them ("the same fields as for
    # a forum").
    done: set[type[BaseModel]] = set()
    for table in tables:
        where = f"the table at line {table.start + 1}"
        if table.kind == "columns":
            _check_columns(table, lines, where)
            continue
        model = MODELS.get(table.name)
        if model is None:
            raise FieldTableError(f"{where} describes '{table.name}', which is not a file "
                                  "model: use one of " + ", ".join(sorted(MODELS)))
        fields = _fields(model)
        keyed = seen.setdefault(table.name, {})
        head, rule, *body = range(table.start, table.end)
        explained = _named("\n".join(" ".join(_cells(lines[n])[1:]) for n in body)
                           + "\n" + table.section)
        lines[head] = _with_type(lines[head], _("Type"))
        lines[rule] = _with_type(lines[rule], "---")
        for n in body:
            cells = _cells(lines[n])
            keys = _keys(cells[0])
            if not keys:
                raise FieldTableError(f"line {n + 1}: name the key in backticks, like `id`")
            for key in keys:
                if key not in fields:
                    raise FieldTableError(
                        f"line {n + 1}: `{key}` is not a key of {table.name} files; "
                        "its keys are " + ", ".join(f"`{k}`" for k in fields))
                if key in keyed:
                    raise FieldTableError(f"line {n + 1}: `{key}` is described twice (first "
                                          f"on line {keyed[key]})")
                keyed[key] = n + 1
                parts = [p for p in _parts(fields[key])
                         if p not in described and p not in done and key not in COMMON]
                missing = sorted(k for part in parts
                                 for k in _nested(part, described) - explained)
                done.update(parts)
                if missing:
                    raise FieldTableError(
                        f"line {n + 1}: the keys of `{key}` are not all explained: name "
                        + ", ".join(f"`{k}`" for k in missing) + " in the table or after it")
            lines[n] = _with_type(lines[n], _type_cell(keys, fields, language))
    for name, keyed in seen.items():
        missing = [k for k in _fields(MODELS[name]) if k not in keyed and k not in COMMON]
        if missing:
            raise FieldTableError(f"the tables of {name} files leave out "
                                  + ", ".join(f"`{k}`" for k in missing))
    return "\n".join(lines)


def _with_type(line: str, cell: str) -> str:
    """A table row with ``cell`` after its first cell."""
    cells = _cells(line)
    return "| " + " | ".join([cells[0], cell.replace("|", "\\|"), *cells[1:]]) + " |"


def _check_columns(table: _Table, lines: list[str], where: str) -> None:
    expected = COLUMNS.get(table.name)
    if expected is None:
        raise FieldTableError(f"{where} lists the columns of '{table.name}', which is not "
                              "a CSV file of the open data: use " + ", ".join(COLUMNS))
    found = [k for n in range(table.start + 2, table.end) for k in _keys(_cells(lines[n])[0])]
    if tuple(found) != tuple(expected):
        raise FieldTableError(f"{where} lists the columns {', '.join(found)}; "
                              f"{table.name} has {', '.join(expected)}, in that order")
