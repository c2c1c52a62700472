"""Field types with their own pydantic glue: a text in one or every language, a name,
a list of sources, a date as precise as its source, lists, and the value sets (lights,
levels, statuses, kinds) of the format."""

from __future__ import annotations

from typing import Annotated, Any, Literal, TypeVar, get_args

from pydantic import (
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainValidator,
    Strict,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from generator.base.dates import DateFormatError, PartialDate
from generator.base.text import LANGUAGE_CODE, Text
from generator.data.schema.scalars import (
    BIDI_OVERRIDE,
    CONTROL,
    MAX_ID,
    NAME_LENGTH,
    NONCHARACTER,
    SEPARATOR,
    SLUG,
    TEXT_LENGTH,
    _check_url,
    _none_as_empty,
    _problem,
    codepoint,
    located,
)


class _TextType:
    """Pydantic glue for Text: a string, or a mapping of language code to string; a free
    text (a description) of at most TEXT_LENGTH characters in each language."""

    limit = TEXT_LENGTH

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        limit = cls.limit
        return core_schema.no_info_plain_validator_function(
            lambda value: _validate_text(value, limit))

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        string = {"type": "string", "maxLength": cls.limit}
        return {
            "anyOf": [
                {**string, "description": "The same text in every language"},
                {
                    "type": "object",
                    "description": "The text per language, e.g. {nb: ..., en: ...}",
                    "patternProperties": {LANGUAGE_CODE.pattern: string},
                    "additionalProperties": False,
                    "minProperties": 1,
                },
            ]
        }


class _NameType(_TextType):
    """Pydantic glue for a name: a Text of at most NAME_LENGTH characters in each language
    (a cluster's, a forum's, an indicator's name, an event's title)."""

    limit = NAME_LENGTH


def _validate_text(value: Any, limit: int = TEXT_LENGTH) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        _check_characters(value)
        _check_length(value, limit)
        return Text(same=value)
    if isinstance(value, dict):
        if not value:
            raise _problem("text", "is empty: write the text, e.g. {nb: ..., en: ...}")
        for key, item in value.items():
            if key is False:
                raise located((key,), "an unquoted no is read by YAML as false: the code for "
                              "Norwegian Bokmål is nb (write nb: ...)")
            if not isinstance(key, str) or not LANGUAGE_CODE.fullmatch(key):
                raise located((key,), f"'{key}' is not a language code: write a lower-case "
                              "code such as nb or en")
            if not isinstance(item, str):
                raise located((key,), _not_text_message(item))
            try:
                _check_characters(item)
                _check_length(item, limit)
            except PydanticCustomError as exc:
                raise located((key,), exc.message()) from None
        return Text(by_language=tuple(value.items()))
    raise _problem("text", _not_text_message(value))


def _check_characters(text: str) -> None:
    """Refuse the characters no page, chart or feed may carry (they crash renderers or hide
    what a text says): CONTROL, BIDI_OVERRIDE, SEPARATOR and NONCHARACTER."""
    control = CONTROL.search(text)
    if control is not None:
        char = control.group()
        raise _problem(
            "text",
            f"holds the control character {codepoint(char)}: remove it (a tab: write a "
            "space; it is often pasted in unseen, so retype the text around it)",
        )
    bidi = BIDI_OVERRIDE.search(text)
    if bidi is not None:
        raise _problem(
            "text",
            f"holds the bidirectional override character {codepoint(bidi.group())}: remove "
            "it (it makes the text read in another order than it is written)",
        )
    separator = SEPARATOR.search(text)
    if separator is not None and separator.group() == "\u2028":
        raise _problem(
            "text",
            "holds the line separator U+2028: write a space or a line break instead (it "
            "comes in unseen with text copied from a word processor or a PDF, and the "
            "charts cannot show it)",
        )
    if separator is not None:
        raise _problem(
            "text",
            "holds the paragraph separator U+2029: write a blank line instead, or a space "
            "(it comes in unseen with text copied from a word processor or a PDF, and the "
            "charts cannot show it)",
        )
    nonchar = NONCHARACTER.search(text)
    if nonchar is not None:
        raise _problem(
            "text",
            f"holds {codepoint(nonchar.group())}, which is not a character: remove it (it is "
            "left by a text read in the wrong byte order; retype the text around it)",
        )


def _check_length(text: str, limit: int) -> None:
    """Refuse a name longer than NAME_LENGTH or a free text longer than TEXT_LENGTH."""
    if len(text) <= limit:
        return
    if limit == NAME_LENGTH:
        raise _problem(
            "text",
            f"is {len(text):,} characters long; a name has at most {limit:,}: shorten it "
            "(say the rest in a description)",
        )
    raise _problem(
        "text",
        f"is {len(text):,} characters long; a text has at most {limit:,}: shorten it, or "
        "publish the whole text elsewhere and link to it",
    )


def _not_text_message(value: Any) -> str:
    if isinstance(value, bool):
        return "is read by YAML as true/false: put the text in quotes"
    if isinstance(value, int | float):
        return f"is read by YAML as the number {value}: put the text in quotes"
    if value is None:
        return "is empty: write the text"
    if isinstance(value, list):
        return "must be a text, not a list"
    return "must be a text or a mapping of language code to text, e.g. {nb: ..., en: ...}"


TextField = Annotated[Text, _TextType]
"""A free text: a description, a finding, a question (at most TEXT_LENGTH characters)."""
NameField = Annotated[Text, _NameType]


def _validate_sources(value: Any) -> tuple[str, ...]:
    """A source: an id of sources.yaml or a web address, or a list of them."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple) or not items:
        raise _problem("source", "must be a source id of sources.yaml or a web address, or "
                       "a list of them, e.g. source: i-perform-regional")
    found = []
    for index, item in enumerate(items):
        try:
            if not isinstance(item, str):
                raise _problem("source", "must be a source id or a web address: write it as "
                               "text")
            if item.startswith(("http://", "https://")):
                _check_url(item)
            elif not SLUG.fullmatch(item) or len(item) > MAX_ID:
                raise _problem("source", f"'{item}' is neither a web address (https://...) "
                               "nor a source id of sources.yaml (lower-case letters, digits "
                               "and hyphens)")
        except PydanticCustomError as exc:
            if isinstance(value, str):
                raise
            raise located((index,), exc.message()) from None
        found.append(item)
    return tuple(found)


_ONE_SOURCE = {"type": "string", "description": "A source id of sources.yaml or a web address"}
SourcesField = Annotated[
    tuple[str, ...], PlainValidator(_validate_sources),
    WithJsonSchema({"anyOf": [_ONE_SOURCE, {"type": "array", "items": _ONE_SOURCE,
                                            "minItems": 1}]}),
]
"""A record's sources: one id or address, or a list of them."""
"""Where a record is stated: source ids of sources.yaml and web addresses, in order."""
Certainty = Literal["confirmed", "inferred", "example"]
"""How sure a record is: stated by its source (confirmed, the default), concluded from
what the sources say (inferred), or made up to show how the site works (example)."""
CERTAINTIES: tuple[str, ...] = get_args(Certainty)
"""A name or a title: of a cluster, a forum, an indicator, an event (at most NAME_LENGTH
characters)."""


def _validate_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _problem("date", "must be a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        return PartialDate.parse(value)
    except DateFormatError as exc:
        raise _problem("date", str(exc)) from None


DateField = Annotated[
    PartialDate, PlainValidator(_validate_date),
    WithJsonSchema({
        "anyOf": [
            {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
            {"type": "integer", "minimum": 1000, "maximum": 9999},
        ],
        "description": "A date: YYYY-MM-DD, YYYY-MM or YYYY",
    }),
]
"""A date as precisely as the source gives it: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a
benchmarking of "spring 2014" is 2014)."""

Level = Literal["bronze", "silver", "gold"]
Light = Literal["green", "yellow", "red", "n/a"]
LIGHTS: tuple[str, ...] = get_args(Light)
"""Every quality light, best first; ``n/a``: the indicator was not assessed. The one list
of lights: every count, table, legend and colour scale follows its order."""
ASSESSED_LIGHTS: tuple[str, ...] = LIGHTS[:3]
"""The lights of an assessed indicator, best first: green, yellow, red."""
Status = Literal["planned", "in-progress", "done", "dropped"]
EventKind = Literal[
    "meeting", "workshop", "benchmarking", "label", "report", "expert-visit", "milestone"
]
ProgrammeLevel = Literal["arena", "arena-pro", "nce", "gce"]
StepStatus = Literal["planned", "in-progress", "done", "skipped"]
ActorKind = Literal["company", "research", "education", "public", "finance", "support"]
LinkStrength = Literal["weak", "medium", "strong"]
QuestionKind = Literal["choice", "ranked"]
Number = Annotated[float, Strict()]
"""A number as YAML writes it (``3``, ``2.8``); never a text or true/false."""


_Item = TypeVar("_Item")
ListOf = Annotated[tuple[_Item, ...], BeforeValidator(_none_as_empty)]
"""A list in YAML (read into a tuple); left empty (``members:``) it is an empty list."""


