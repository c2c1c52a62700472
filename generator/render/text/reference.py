"""The Data format page: every file kind and every key, generated from the models.

The hand-written page ``docs/<lang>/data-format.md`` holds the explanations; between
``<!-- file-kinds -->`` and ``<!-- /file-kinds -->`` it has one ``<!-- kind: NAME -->``
block per file kind it explains. At build time that part is replaced by a section per
file kind of ``schema.FILE_KINDS`` (a kind added to the models appears without a word
written): its path, the hand-written explanation, and a table of every key with its
type, whether it is required, its allowed values and an example. So the reference and
the validator cannot disagree: both are the models.
"""

from __future__ import annotations

import builtins
import re
import types
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Gt, Le, Lt, MinLen
from pydantic import AfterValidator, BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data import schema
from generator.render.text.i18n import Language

START, END = "<!-- file-kinds -->", "<!-- /file-kinds -->"
_KIND = re.compile(r"^<!-- kind: ([a-z0-9-]+) -->[ \t]*$", re.MULTILINE)


class ReferenceError(ValueError):
    """The hand-written page does not fit the models (a missing marker, an unknown kind)."""


def file_path(model: type[schema.FileModel]) -> str:
    """Where a file kind lives in the data folder, from the first words of its docstring
    (``clusters/<id>/plan.yaml: ...``)."""
    doc = (model.__doc__ or "").strip()
    head = doc.split(":", 1)[0].strip()
    return head if head.endswith(".yaml") else model.__name__


@dataclass(frozen=True)
class Row:
    """One key of a file kind."""

    path: str
    """The key path as messages write it, with ``[]`` for every entry of a list and
    ``<...>`` for a key of a mapping: ``members[].joined``, ``lights.<indicator id>``."""
    type: str
    required: str
    allowed: str
    example: str


@dataclass(frozen=True)
class _Shape:
    """What the annotation of a key says, in words."""

    type: str
    allowed: str
    example: str
    part: builtins.type[BaseModel] | None = None
    items: _Shape | None = None
    """The entries' shape, for a list or a mapping."""
    key_name: str = ""
    """For a mapping: what its keys are, e.g. 'indicator id'."""
    plural: str = ""
    """The type for many values, as a list or a mapping names them ('list of texts')."""


def rows(model: type[BaseModel], language: Language, prefix: str = "") -> Iterator[Row]:
    """Every key of a model, nested parts after the key that holds them."""
    for name, field in model.model_fields.items():
        key = field.alias or name
        path = f"{prefix}{key}"
        shape = _shape(field.annotation, list(field.metadata), language)
        example = _EXAMPLES.get(path, shape.example)
        yield Row(path, shape.type, _required(field, language), shape.allowed, example)
        yield from _below(shape, path, language)


def _below(shape: _Shape, path: str, language: Language) -> Iterator[Row]:
    if shape.part is not None:
        yield from rows(shape.part, language, f"{path}.")
    elif shape.items is not None:
        inner = f"{path}[]" if not shape.key_name else f'{path}."<{shape.key_name}>"'
        if shape.key_name:  # a mapping: its keys are data, described by a row of their own
            yield Row(inner, shape.items.type, language.gettext("as many as needed"),
                      shape.items.allowed, _EXAMPLES.get(inner, shape.items.example))
        yield from _below(shape.items, inner, language)


_EXAMPLES = {
    "labels.silver.requires.bronze_benchmarkings": "`2`",
    "labels.silver.requires.min_months_between": "`12`",
    "labels.silver.requires.documented_improvements": "`3`",
    "expiring_months": "`6`",
    "lights.\"<id>\".green": "`20`",
    "lights.\"<id>\".yellow": "`11`",
    "lights.\"<id>\".red": "`0`",
    "members_count": "`32`",
    "scale.min": "`1`",
    "scale.max": "`5`",
    "respondents.\"<id>\"": "`6`",
    "scores.\"<id>\".region": "`3.5`",
    "scores.\"<id>\".frontrunners": "`4.2`",
    "questions[].answered": "`24`",
    "questions[].skipped": "`0`",
    "questions[].answers[].count": "`9`",
}
"""Examples that a key's type alone would get wrong (a count of benchmarkings is not 24,
a score on a scale of 1 to 5 is not 84), by the key's path within its file."""


def _required(field: FieldInfo, language: Language) -> str:
    _ = language.gettext
    if field.is_required():
        return _("required")
    default = field.default
    if default is None or default == () or default is PydanticUndefined:
        return _("optional")
    return _("optional, default %(value)s") % {"value": f"`{_yaml(default)}`"}


def _yaml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _shape(annotation: Any, metadata: list[Any], language: Language) -> _Shape:
    """The shape of a key from its annotation and the constraints pydantic moved out of it."""
    _ = language.gettext
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *more = get_args(annotation)
            metadata = [*metadata, *more]
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            break
    limits = _limits(metadata, language)
    origin = get_origin(annotation)
    if origin is Literal:
        values = get_args(annotation)
        allowed = ", ".join(f"`{v}`" for v in values)
        whole = all(isinstance(v, int) for v in values)
        return _Shape(_("whole number") if whole else _("word"), allowed, f"`{values[0]}`",
                      plural=_("whole numbers") if whole else _("words"))
    if origin is tuple:
        item = _shape(get_args(annotation)[0], [], language)
        allowed = "; ".join(x for x in (limits, item.allowed) if x)
        example = f"`[{_strip_code(item.example)}]`" if item.part is None else ""
        return _Shape(_("list of %(items)s") % {"items": item.plural or item.type}, allowed,
                      example, items=item, plural=_("lists"))
    if origin is dict:
        key_type, value_type = get_args(annotation)
        key = _shape(key_type, [], language)
        value = _shape(value_type, [], language)
        key_name = _("id") if key.example.startswith('`"') else key.type
        return _Shape(_("mapping from %(keys)s to %(values)s")
                      % {"keys": key.plural or key.type, "values": value.plural or value.type},
                      "", "", items=value, key_name=key_name, plural=_("mappings"))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _Shape(_("mapping"), "", "", part=annotation, plural=_("mappings"))
    if annotation is Text:
        limit = next((m.limit for m in metadata
                      if isinstance(m, type) and issubclass(m, schema._TextType)),
                     schema.TEXT_LENGTH)
        return _Shape(_("text"), _("at most %(n)s characters") % {"n": language.number(limit)},
                      '`{nb: "…", en: "…"}`', plural=_("texts"))
    if annotation is PartialDate:
        day, month, year = _("YYYY-MM-DD"), _("YYYY-MM"), _("YYYY")
        return _Shape(_("date"), f"`{day}`, `{month}`, `{year}`", "`2016-09`",
                      plural=_("dates"))
    if annotation is bool:
        return _Shape(_("true or false"), "`true`, `false`", "`true`",
                      plural=_("values true or false"))
    if annotation is int:
        return _Shape(_("whole number"), limits, f"`{_number_example(metadata, 24)}`",
                      plural=_("whole numbers"))
    if annotation is float:
        return _Shape(_("number"), limits, f"`{_number_example(metadata, 84)}`",
                      plural=_("numbers"))
    if annotation is str:
        return _string(metadata, language)
    return _Shape(getattr(annotation, "__name__", str(annotation)), limits, "")


def _strip_code(example: str) -> str:
    return example.strip("`")


_STRINGS = {
    "_check_slug": ("id", "`a-z`, `0-9`, `-`", "`mineralklynge-norge`"),
    "_check_code": ("indicator or area id, in quotes", "", '`"1.1.0"`'),
    "_check_url": ("web address", "`https://…`, `http://…`", "`https://example.org/report`"),
    "_check_language": ("language code", "`nb`, `en`, …", "`nb`"),
    "_check_joint_ref": ("joint action", "`<forum id>/<action id>`", "`nordland/branding`"),
}


def _string(metadata: Sequence[Any], language: Language) -> _Shape:
    _ = language.gettext
    names = {
        "id": (_("id"), _("ids")),
        "indicator or area id, in quotes": (_("indicator or area id, in quotes"),
                                            _("quoted indicator or area ids")),
        "web address": (_("web address"), _("web addresses")),
        "language code": (_("language code"), _("language codes")),
        "joint action": (_("joint action"), _("joint actions")),
    }
    for item in metadata:
        if isinstance(item, AfterValidator):
            found = _STRINGS.get(getattr(item.func, "__name__", ""))
            if found is not None:
                singular, plural = names[found[0]]
                return _Shape(singular, found[1], found[2], plural=plural)
    return _Shape(_("text"), "", '`"…"`', plural=_("texts"))


def _limits(metadata: Sequence[Any], language: Language) -> str:
    _ = language.gettext
    parts = []
    for item in metadata:
        if isinstance(item, Ge | Gt):
            floor = item.ge if isinstance(item, Ge) else item.gt
            parts.append(_("at least %(n)s") % {"n": _yaml(floor)})
        elif isinstance(item, Le | Lt):
            ceiling = item.le if isinstance(item, Le) else item.lt
            parts.append(_("at most %(n)s") % {"n": _yaml(ceiling)})
        elif isinstance(item, MinLen) and item.min_length > 0:
            parts.append(_("at least one entry"))
    return ", ".join(parts)


def _number_example(metadata: Sequence[Any], fallback: int) -> int:
    ceiling = next((int(m.le) for m in metadata
                    if isinstance(m, Le) and isinstance(m.le, int | float)), None)
    return fallback if ceiling is None or fallback <= ceiling else ceiling


# --- the page ------------------------------------------------------------------------------


def explanations(page: str) -> dict[str, str]:
    """The hand-written explanation of each file kind, by kind, from the marked part."""
    try:
        start = page.index(START) + len(START)
        end = page.index(END, start)
    except ValueError:
        raise ReferenceError(f"the Data format page needs a {START} ... {END} part") from None
    block = page[start:end]
    found: dict[str, str] = {}
    marks = list(_KIND.finditer(block))
    for i, mark in enumerate(marks):
        stop = marks[i + 1].start() if i + 1 < len(marks) else len(block)
        found[mark.group(1)] = block[mark.end():stop].strip()
    unknown = sorted(set(found) - set(schema.FILE_KINDS))
    if unknown:
        raise ReferenceError("the Data format page explains file kinds the models do not "
                             "have: " + ", ".join(unknown))
    return found


def file_kinds_markdown(page: str, language: Language) -> str:
    """The sections of every file kind, with the page's explanations."""
    _ = language.gettext
    explained = explanations(page)
    out: list[str] = []
    for kind, model in schema.FILE_KINDS.items():
        out.append(f"### `{file_path(model)}` {{#{kind}}}\n")
        if explained.get(kind):
            out.append(explained[kind] + "\n")
        heads = (_("Key"), _("Type"), _("Required"), _("Allowed values"), _("Example"))
        out.append("| " + " | ".join(heads) + " |")
        out.append("| --- | --- | --- | --- | --- |")
        for row in rows(model, language):
            cells = [f"`{row.path}`", row.type, row.required, row.allowed or "", row.example]
            out.append("| " + " | ".join(_cell(c) for c in cells) + " |")
        out.append("")
    return "\n".join(out)


def _cell(text: str) -> str:
    """A table cell: a pipe would end it."""
    return text.replace("|", "\\|")


LAYOUT = "<!-- layout -->"


def layout_markdown() -> str:
    """Every file kind's place in the data folder, each a link to its section."""
    return "\n".join(f"- [`{file_path(model)}`](#{kind})"
                     for kind, model in schema.FILE_KINDS.items())


def data_format_page(page: str, language: Language) -> str:
    """The hand-written page with its layout list and file-kinds part generated from the
    models."""
    start = page.index(START) if START in page else -1
    end = page.find(END, start)
    if start < 0 or end < 0:
        raise ReferenceError(f"the Data format page needs a {START} ... {END} part")
    page = (page[:start] + file_kinds_markdown(page, language).rstrip("\n") + "\n"
            + page[end + len(END):])
    return page.replace(LAYOUT, layout_markdown())
