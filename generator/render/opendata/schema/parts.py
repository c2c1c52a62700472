"""What every open-data file shares: the scalar types, the base of every object, the
head every file starts with, a record's certainty and sources, events, members and
counts, and how a key that is absent when it does not apply is declared."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema

from generator.base.text import LANGUAGE_CODE
from generator.data.schema import (
    CODE,
    SLUG,
    EventKind,
)

SCHEMA_BASE = "https://json-schema.org/draft/2020-12/schema"
API_VERSION = 1

Slug = Annotated[str, Field(pattern=SLUG.pattern)]
Code = Annotated[str, Field(pattern=CODE.pattern, description="An indicator or area id")]
DateText = Annotated[str, Field(
    pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
    description="A date at the data's own precision: YYYY-MM-DD, YYYY-MM or YYYY")]
FullDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="YYYY-MM-DD")]
UrlText = Annotated[str, Field(pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$",
                                json_schema_extra={"format": "uri"})]
Text = Annotated[
    str | dict[str, str],
    WithJsonSchema({
        "anyOf": [
            {"type": "string", "description": "The same text in every language"},
            {
                "type": "object",
                "description": "The text per language code, e.g. {\"nb\": ..., \"en\": ...}",
                "patternProperties": {LANGUAGE_CODE.pattern: {"type": "string"}},
                "additionalProperties": False,
                "minProperties": 1,
            },
        ],
        "description": "A text as the data gives it: one string, or one per language",
    }),
]
Number = int | float
Share = Annotated[float, Field(ge=0, le=1)]


class Out(BaseModel):
    """An object of an API file: no other keys."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True, strict=True)


class Head(Out):
    """The keys every API file starts with."""

    schema_version: Literal[1] = Field(description="Version of these files: 1")
    as_of: FullDate = Field(description="The day the computed results hold for (--as-of)")


# --- shared parts -----------------------------------------------------------------------------


class SourceOut(Out):
    """One source a record rests on."""

    id: Slug | None = Field(description="Its id in the data's sources.yaml; null for a web "
                            "address written in the record itself")
    title: dict[str, str] | None = Field(description="Its title in every site language, by "
                                         "language code; null for a web address")
    url: UrlText | None = Field(description="Where it is published; null for a source with "
                                "no address (such as a presentation)")


class SourcedOut(Out):
    """A record: how sure it is and where it is stated."""

    certainty: Literal["confirmed", "inferred", "example"] = Field(
        description="confirmed: stated by a cited source | inferred: concluded from what "
        "the sources say (the pages mark it) | example: made up to show how the site works")
    sources: list[SourceOut] = Field(description="Every source it rests on, once each, in "
                                     "the order the data names them; empty when none")


class EventOut(SourcedOut):
    """Something that happened, as the data gives it."""

    date: DateText
    kind: EventKind
    title: Text
    place: Text | None
    description: Text | None
    announced: bool = Field(description="True when its source only announced it and no "
                            "record says it was held")


class MemberOut(SourcedOut):
    """A cluster's membership of a forum."""

    cluster: Slug
    joined: DateText
    left: DateText | None


class LightCountsOut(Out):
    """How many lights of each kind."""

    green: int = Field(ge=0)
    yellow: int = Field(ge=0)
    red: int = Field(ge=0)


class SharesOut(Out):
    """Counts and shares of green, yellow and red among the assessed lights (n/a left out)."""

    green: int = Field(ge=0)
    yellow: int = Field(ge=0)
    red: int = Field(ge=0)
    assessed: int = Field(ge=0, description="green + yellow + red")
    green_share: Share | None = Field(description="green / assessed; null when 0 assessed")
    yellow_share: Share | None
    red_share: Share | None




# --- regional strategy (forum keys, absent when the forum has no such data) -------------------

def absent(description: str | None = None) -> Any:
    """A key that is left out when it does not apply: never null, not required."""
    return Field(default=None, description=description)


Rate = Annotated[float, Field(ge=0, le=1, description="A fraction, rounded to 3 decimals")]
LanguageTexts = Annotated[dict[str, str], Field(
    description="The text in every site language, by language code")]
