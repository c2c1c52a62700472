"""The declared shape of every data file kind, as pydantic models (the Data format page,
data-format/ on the site, describes them for people).

These models do two jobs from one declaration: they check each file as it is read, and
they generate the JSON Schema that editors use to check the YAML while it is typed.
Scalar fields are strict (a number is never silently read as text, nor text as a number).
"""

from __future__ import annotations

import difflib
import re
from typing import Annotated, Any, Literal, TypeVar, get_args

from annotated_types import Ge, Le
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    Strict,
    StrictBool,
    StrictInt,
    StrictStr,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from generator.base.dates import DateFormatError, PartialDate
from generator.base.text import LANGUAGE_CODE, Text
from generator.data.yamlfile import FALSE_WORDS

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CODE = re.compile(r"^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$")
JOINT_REF = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")
URL = re.compile(r'^https?://[^\s/$.?#<>"`\x00-\x1f\x7f-\x9f][^\s<>"`\x00-\x1f\x7f-\x9f]*$',
                 re.IGNORECASE)
"""An absolute http(s) address with nothing that could end it early where it is printed:
no whitespace, control character, ``<``, ``>``, ``"`` or backquote. Checked with
``fullmatch`` (a ``$`` alone would let a trailing newline through)."""
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Control characters a text may not hold: every one but the newline."""
BIDI_OVERRIDE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embedding, override and isolate characters: they make a text read in
another order than it is stored (and than a reviewer sees it in a pull request)."""
SEPARATOR = re.compile(r"[\u2028\u2029]")
"""The line and paragraph separators (the only characters of Unicode's line and paragraph
separator categories, Zl and Zp): Vega's expression parser, and JavaScript before ES2019,
end a string at them, so a chart whose labels hold one is not made at all (the build
stopped with "Unexpected token ILLEGAL"). A word processor or a PDF puts them in where a
line break was; pages would show them as a space. U+0085 (next line) is in CONTROL."""
NONCHARACTER = re.compile(r"[\ufffe\uffff]")
"""The two code points XML 1.0 may not carry: the charts (SVG), the feed and the sitemap are
XML, and the chart renderer aborts the whole build on them. They are no characters at all,
mostly what is left of a text read in the wrong byte order. Other invisible characters (the
byte order mark U+FEFF, zero-width spaces and joiners, left-to-right marks) pass: every
page, chart and feed carries them, and some languages and emoji need them."""
URL_FORBIDDEN = re.compile(
    r'[\s<>"`\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]')
NAME_LENGTH = 200
"""The longest name, in characters (a name of the data's is at most 90): names are titles
of pages, navigation entries, table cells and chart labels, printed whole on every page
that lists them."""
TEXT_LENGTH = 5_000
"""The longest free text (a description, a finding, a question), in characters: the data's
longest is about 650. More belongs in a document the text links to."""


def located(at: tuple[Any, ...], message: str) -> PydanticCustomError:
    """An error whose key path continues with ``at`` below the validated object."""
    return PydanticCustomError("located", message.replace("{", "{{").replace("}", "}}"),
                               {"at": at})


def _problem(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message.replace("{", "{{").replace("}", "}}"))


# --- scalar types -------------------------------------------------------------------------


MAX_ID = 64
"""The longest id: it becomes part of web addresses and of the site's file names (an id of
251 characters makes a file name longer than a file system allows)."""


def _check_slug(value: str) -> str:
    if len(value) > MAX_ID:
        raise _problem("slug", f"is {len(value):,} characters long; an id has at most "
                       f"{MAX_ID}: choose a shorter one")
    if not SLUG.fullmatch(value):
        raise _problem(
            "slug",
            f"'{value}' is not a valid id: use lower-case letters a-z, digits and single "
            "hyphens, e.g. mineralklynge-norge",
        )
    return value


def _check_code(value: str) -> str:
    if not CODE.fullmatch(value):
        raise _problem(
            "code", f"'{value}' is not a valid indicator or area id: write it like \"1.1.0\"")
    return value


def codepoint(char: str) -> str:
    """A character as a message names it: ``U+202E``."""
    return f"U+{ord(char):04X}"


def _check_url(value: str) -> str:
    bad = URL_FORBIDDEN.search(value)
    if bad is not None:
        char = bad.group()
        what = f"'{char}'" if char in "<>\"`" else (
            "a space" if char == " " else f"the character {codepoint(char)}")
        raise _problem(
            "url",
            f"the web address holds {what}: a web address may not hold spaces, control "
            "characters or < > \" `; remove it (write a space that belongs in the address "
            "as %20)",
        )
    if not URL.fullmatch(value):
        raise _problem(
            "url",
            f"'{value}' is not a web address: write a full address starting with https:// "
            "(or http://)",
        )
    return value


def _check_joint(value: str) -> str:
    if not JOINT_REF.fullmatch(value):
        raise _problem(
            "joint_ref",
            f"'{value}' does not name a joint action: write <forum-id>/<action-id>, "
            "e.g. nordland/branding",
        )
    return value


def _check_priority(value: str) -> str:
    if not JOINT_REF.fullmatch(value):
        raise _problem(
            "priority_ref",
            f"'{value}' does not name a priority: write <forum-id>/<priority-id>, "
            "e.g. arktis/ocean-food",
        )
    return value


def _check_language(value: str) -> str:
    if not LANGUAGE_CODE.fullmatch(value):
        raise _problem(
            "language",
            f"'{value}' is not a language code: write a lower-case code such as nb or en",
        )
    return value


def _none_as_empty(value: Any) -> Any:
    """An optional list left empty in YAML (``members:``) reads as null: treat it as []."""
    return () if value is None else value


def _none_as_empty_mapping(value: Any) -> Any:
    """A mapping whose entries are all commented out (``scores:``) reads as null: {}."""
    return {} if value is None else value


Id = Annotated[
    StrictStr, AfterValidator(_check_slug),
    Field(json_schema_extra={"pattern": SLUG.pattern, "maxLength": MAX_ID})
]
Code = Annotated[
    StrictStr, AfterValidator(_check_code), Field(json_schema_extra={"pattern": CODE.pattern})
]
Url = Annotated[
    StrictStr, AfterValidator(_check_url),
    Field(json_schema_extra={"pattern": URL.pattern, "format": "uri"}),
]
LanguageCode = Annotated[
    StrictStr, AfterValidator(_check_language),
    Field(json_schema_extra={"pattern": LANGUAGE_CODE.pattern}),
]
JointRef = Annotated[
    StrictStr, AfterValidator(_check_joint),
    Field(json_schema_extra={"pattern": JOINT_REF.pattern}),
]
PriorityRef = Annotated[
    StrictStr, AfterValidator(_check_priority),
    Field(json_schema_extra={"pattern": JOINT_REF.pattern}),
]
Count = Annotated[StrictInt, Ge(0)]
Months = Annotated[StrictInt, Ge(1)]
Percent = Annotated[float, Strict(), Ge(0), Le(100)]


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


class _SourcesType:
    """Pydantic glue for a record's sources: one id or address, or a list of them."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_sources)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        one = {"type": "string", "description": "A source id of sources.yaml or a web address"}
        return {"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]}


SourcesField = Annotated[tuple[str, ...], _SourcesType]
"""Where a record is stated: source ids of sources.yaml and web addresses, in order."""
Certainty = Literal["confirmed", "inferred", "example"]
"""How sure a record is: stated by its source (confirmed, the default), concluded from
what the sources say (inferred), or made up to show how the site works (example)."""
CERTAINTIES: tuple[str, ...] = get_args(Certainty)
"""A name or a title: of a cluster, a forum, an indicator, an event (at most NAME_LENGTH
characters)."""


class _DateType:
    """Pydantic glue for PartialDate: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as
    precisely as the source gives the date (a benchmarking of "spring 2014" is 2014)."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_date)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date: YYYY-MM-DD, YYYY-MM or YYYY",
        }


def _validate_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _problem("date", "must be a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        return PartialDate.parse(value)
    except DateFormatError as exc:
        raise _problem("date", str(exc)) from None


DateField = Annotated[PartialDate, _DateType]

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


# --- parts --------------------------------------------------------------------------------


class Part(BaseModel):
    """A mapping inside a file: no unknown keys, immutable once read."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FileModel(Part):
    """A whole data file; its first key is ``schema_version``."""

    schema_version: Literal[1] = Field(description="Version of the data format: 1")


class Sourced(Part):
    """A record that can reach the site, with where it is stated and how sure it is. A
    value set on a file or a parent record applies to the records inside it unless they
    set their own (settled when the tree is loaded, ``generator.data.load``)."""

    source: SourcesField | None = Field(
        default=None, description="Where it is stated: a source id of sources.yaml or a web "
        "address, or a list of them (default: the source of the record or file it is in)")
    certainty: Certainty | None = Field(
        default=None, description="confirmed: stated by its source | inferred: concluded "
        "from what the sources say | example: made up to show how the site works "
        "(default: that of the record or file it is in, else confirmed)")

    @property
    def certain(self) -> str:
        """The certainty as published: ``confirmed`` where none is set."""
        return self.certainty or "confirmed"

    @model_validator(mode="after")
    def _illustrative_is_example(self) -> Sourced:
        if getattr(self, "illustrative", False) and self.certainty not in (None, "example"):
            raise located(("certainty",), f"illustrative: true means certainty: example, "
                          f"but certainty is {self.certainty}: remove one of the two")
        return self


# sources.yaml


class Source(Part):
    """A public page or publication the data is taken from."""

    id: Id = Field(description="The source's id, for source: in the other files")
    title: NameField = Field(description="Its title")
    publisher: NameField | None = Field(default=None, description="Who published it")
    url: Url | None = Field(default=None, description="Where it is published (a presentation "
                            "may have no address)")
    date: DateField | None = Field(default=None, description="When it was published")
    language: LanguageCode | None = Field(default=None, description="The language it is in")


class SourcesFile(FileModel):
    """sources.yaml: the public pages and publications the data is taken from."""

    sources: ListOf[Source] = Field(default=(), description="Every source, each with an id")

    @model_validator(mode="after")
    def _unique_sources(self) -> SourcesFile:
        at = _repeated([source.id for source in self.sources])
        if at is not None:
            raise located(("sources", at, "id"), f"source '{self.sources[at].id}' is defined "
                          "twice: give each source its own id")
        return self


def _ends_before(start: PartialDate | None, end: PartialDate | None) -> bool:
    return start is not None and end is not None and end.last_day() < start.first_day()


# site.yaml


class SiteFile(FileModel):
    """site.yaml: the site's title, languages and address."""

    title: NameField
    description: TextField | None = None
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1)] = Field(
        description="Site languages; the first is the default, served at the site root")
    site_url: Url | None = None

    @model_validator(mode="after")
    def _unique_languages(self) -> SiteFile:
        seen: set[str] = set()
        for i, code in enumerate(self.languages):
            if code in seen:
                raise located(("languages", i), f"'{code}' is listed twice: list each "
                              "language once")
            seen.add(code)
        return self


# indicators.yaml


class Area(Part):
    """One of the catalogue's areas, e.g. "Structure of the cluster"."""

    id: Code
    name: NameField


class Indicator(Part):
    """One quality indicator of the catalogue."""

    id: Code
    area: Code
    name: NameField
    description: TextField | None = None


class IndicatorsFile(FileModel):
    """indicators.yaml: the catalogue of areas and indicators."""

    areas: Annotated[tuple[Area, ...], Field(min_length=1)]
    indicators: Annotated[tuple[Indicator, ...], Field(min_length=1)]

    @model_validator(mode="after")
    def _consistent(self) -> IndicatorsFile:
        area_ids: set[str] = set()
        for i, area in enumerate(self.areas):
            if area.id in area_ids:
                raise located(("areas", i, "id"), f"area '{area.id}' is defined twice: "
                              "give each area its own id")
            area_ids.add(area.id)
        seen: set[str] = set()
        for i, indicator in enumerate(self.indicators):
            if indicator.id in seen:
                raise located(("indicators", i, "id"), f"indicator '{indicator.id}' is "
                              "defined twice: give each indicator its own id")
            seen.add(indicator.id)
            if indicator.area not in area_ids:
                raise located(("indicators", i, "area"), f"area '{indicator.area}' does not "
                              f"exist: write one of {_one_of(sorted(area_ids), indicator.area)}")
        return self


def _one_of(values: list[str], near: str | None = None) -> str:
    close = difflib.get_close_matches(near, values, n=1, cutoff=0.6) if near else []
    if close:
        return f"{close[0]} (did you mean it?)"
    if len(values) > 8:
        return ", ".join(values[:8]) + ", …"
    return ", ".join(values) if values else "(none defined)"


# rules.yaml


class BronzeRule(Part):
    """How long a bronze label is valid."""

    valid_months: Months


class SilverRequires(Part):
    """What silver requires."""

    bronze_benchmarkings: Count
    min_months_between: Count
    documented_improvements: Count


class SilverRule(Part):
    """How long a silver label is valid and what it requires."""

    valid_months: Months
    requires: SilverRequires


class GoldRequires(Part):
    """What gold requires."""

    min_score_percent: Percent


class GoldRule(Part):
    """How long a gold label is valid and what it requires."""

    valid_months: Months
    requires: GoldRequires


class LabelRules(Part):
    """The rules of each label level."""

    bronze: BronzeRule
    silver: SilverRule
    gold: GoldRule


class RulesFile(FileModel):
    """rules.yaml: label validity and requirements."""

    labels: LabelRules
    expiring_months: Count = Field(
        default=6, description="A label is 'expiring' this many months before it ends")


# peer-groups/<id>.yaml


class LightCounts(Part):
    """How many clusters of a group got each light on one indicator."""

    green: Count
    yellow: Count
    red: Count

    @property
    def total(self) -> int:
        """All clusters counted."""
        return self.green + self.yellow + self.red


class PeerGroupFile(FileModel, Sourced):
    """peer-groups/<id>.yaml: a benchmark reference group."""

    id: Id
    name: NameField
    clusters: Annotated[StrictInt, Ge(1)]
    illustrative: StrictBool = False
    lights: dict[Code, LightCounts]

    @model_validator(mode="after")
    def _counts_add_up(self) -> PeerGroupFile:
        for code, counts in self.lights.items():
            if counts.total != self.clusters:
                raise located(("lights", code), f"green {counts.green} + yellow "
                              f"{counts.yellow} + red {counts.red} = {counts.total}, but the "
                              f"group has {self.clusters} clusters: the three must add up to "
                              f"{self.clusters}")
        return self


# shared parts of forums and clusters


class Event(Sourced):
    """Something that happened, for a timeline."""

    date: DateField
    kind: EventKind
    title: NameField
    place: NameField | None = None
    description: TextField | None = None
    status: Literal["held", "announced"] | None = Field(
        default=None, description="announced: the source only announced it, and no record "
        "says it was held (default: held once its date has passed)")


# forums/<id>.yaml


class Member(Sourced):
    """A cluster's membership of a forum."""

    cluster: Id
    joined: DateField
    left: DateField | None = None

    @model_validator(mode="after")
    def _left_after_joined(self) -> Member:
        if _ends_before(self.joined, self.left):
            raise located(("left",), f"left {self.left} is before joined {self.joined}: "
                          "correct one of the two dates")
        return self


class JointAction(Sourced):
    """An improvement action a forum's clusters take together."""

    id: Id
    title: NameField
    indicators: ListOf[Code]
    status: Status
    started: DateField | None = None
    due: DateField | None = None

    @model_validator(mode="after")
    def _due_after_started(self) -> JointAction:
        if _ends_before(self.started, self.due):
            raise located(("due",), f"due {self.due} is before started {self.started}: "
                          "correct one of the two dates")
        return self


# regional strategy: parts of forums/<id>.yaml


def _repeated(ids: list[str]) -> int | None:
    """The position of the first id that repeats an earlier one, if any."""
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            return i
        seen.add(value)
    return None


class Priority(Part):
    """One priority of a region's smart specialisation strategy (S3)."""

    id: Id = Field(description="The priority's id, unique in the strategy, e.g. ocean-food")
    name: NameField = Field(description="The priority's name, e.g. Ocean-based food")
    description: TextField | None = Field(default=None, description="What it covers")


class Strategy(Sourced):
    """The region's research and innovation strategy for smart specialisation (S3)."""

    name: NameField = Field(description="The strategy's name")
    illustrative: StrictBool = Field(
        default=False, description="true when the priorities are examples, not the "
        "strategy's own")
    priorities: ListOf[Priority] = Field(
        description="The strategy's priorities; clusters' focus areas name them as "
        "<forum-id>/<priority-id>")

    @model_validator(mode="after")
    def _unique_priorities(self) -> Strategy:
        at = _repeated([p.id for p in self.priorities])
        if at is not None:
            raise located(("priorities", at, "id"), f"priority '{self.priorities[at].id}' is "
                          "defined twice: give each priority its own id")
        return self


class Recommendation(Part):
    """A recommendation of a stress test or a support process."""

    text: TextField = Field(description="The recommendation")
    joint_action: Id | None = Field(
        default=None, description="The id of the forum's joint action that carries it out")


class StepRecord(Part):
    """How far a forum has come with one step of a support process."""

    step: Id = Field(description="A step id of the process in processes.yaml")
    status: StepStatus = Field(description="planned | in-progress | done | skipped")
    date: DateField | None = Field(
        default=None, description="When the step was taken (required when it is done); a "
        "step dated after the as-of date counts as planned")
    outcome: TextField | None = Field(default=None, description="What the step gave")

    @model_validator(mode="after")
    def _done_has_date(self) -> StepRecord:
        if self.status == "done" and self.date is None:
            raise located(("status",), "a step that is done needs its date: add date: "
                          "YYYY-MM-DD, YYYY-MM or YYYY below it")
        return self


class SupportProcess(Part):
    """A forum's way through a support process such as the European Cluster Observatory's
    four steps for model regions."""

    process: Id = Field(description="A process id of processes.yaml")
    steps: ListOf[StepRecord] = Field(
        description="The steps reached so far, in the process's order (a step not listed is "
        "not started)")
    recommendations: ListOf[Recommendation] = Field(
        default=(), description="What the process recommended")


class ForumFile(FileModel, Sourced):
    """forums/<id>.yaml: a forum, its members, events and joint actions."""

    id: Id
    name: NameField
    region: NameField
    established: DateField
    description: TextField
    meets: NameField | None = None
    members_count: Count | None = Field(
        default=None, description="How many member clusters the forum's sources state, "
        "named in members or not")
    peer_groups: ListOf[Id] = ()
    members: ListOf[Member] = ()
    events: ListOf[Event] = ()
    joint_actions: ListOf[JointAction] = ()
    strategy: Strategy | None = Field(
        default=None, description="The region's smart specialisation strategy (S3)")
    support_processes: ListOf[SupportProcess] = Field(
        default=(), description="Support processes the forum goes through (steps in "
        "processes.yaml)")

    @model_validator(mode="after")
    def _no_repeats(self) -> ForumFile:
        seen: set[str] = set()
        for i, member in enumerate(self.members):
            if member.cluster in seen:
                raise located(("members", i, "cluster"), f"cluster '{member.cluster}' is "
                              "listed twice: keep one entry per cluster")
            seen.add(member.cluster)
        ids: set[str] = set()
        for i, action in enumerate(self.joint_actions):
            if action.id in ids:
                raise located(("joint_actions", i, "id"), f"joint action '{action.id}' is "
                              "defined twice: give each action its own id")
            ids.add(action.id)
        return self


# clusters/<id>/cluster.yaml


class ProgrammePeriod(Sourced):
    """A period in a national cluster programme (Arena, Arena Pro, NCE, GCE)."""

    level: ProgrammeLevel
    from_: DateField = Field(alias="from")
    to: DateField | None = None

    @model_validator(mode="after")
    def _to_after_from(self) -> ProgrammePeriod:
        if _ends_before(self.from_, self.to):
            raise located(("to",), f"to {self.to} is before from {self.from_}: correct one "
                          "of the two dates")
        return self


class Label(Sourced):
    """A Bronze, Silver or Gold label as awarded."""

    level: Level
    awarded: DateField
    valid_until: DateField | None = None

    @model_validator(mode="after")
    def _valid_after_awarded(self) -> Label:
        if _ends_before(self.awarded, self.valid_until):
            raise located(("valid_until",), f"valid_until {self.valid_until} is before "
                          f"awarded {self.awarded}: correct one of the two dates")
        return self


class FocusArea(Sourced):
    """One of a cluster's strategic focus areas."""

    id: Id = Field(description="The focus area's id, unique in the cluster")
    name: NameField = Field(description="The focus area's name")
    priorities: ListOf[PriorityRef] = Field(
        default=(), description="The S3 priorities it serves, as <forum-id>/<priority-id>")
    illustrative: StrictBool = Field(
        default=False, description="true when the focus area or the priorities it serves "
        "are examples, not the cluster's own")


class ClusterFile(FileModel, Sourced):
    """clusters/<id>/cluster.yaml: a cluster's profile, programme, labels and events."""

    id: Id
    name: NameField
    former_names: ListOf[NameField] = ()
    sector: NameField
    website: Url | None = None
    members_count: Count | None = None
    programme: ListOf[ProgrammePeriod] = ()
    publish_indicators: StrictBool = Field(
        default=False, description="Consent to publish this cluster's lights and scores")
    labels: ListOf[Label] = ()
    events: ListOf[Event] = ()
    focus_areas: ListOf[FocusArea] = Field(
        default=(), description="The cluster's strategic focus areas and the S3 priorities "
        "they serve")

    @model_validator(mode="after")
    def _unique_focus_areas(self) -> ClusterFile:
        at = _repeated([f.id for f in self.focus_areas])
        if at is not None:
            raise located(("focus_areas", at, "id"), f"focus area '{self.focus_areas[at].id}' "
                          "is defined twice: give each focus area its own id")
        return self


# clusters/<id>/assessments/<YYYY-MM-DD>.yaml


class Assessor(Part):
    """Who carried out a benchmarking."""

    organisation: NameField
    name: NameField | None = None


class Improvement(Part):
    """An improvement documented on one indicator since the previous benchmarking."""

    indicator: Code
    text: TextField


class AssessmentFile(FileModel, Sourced):
    """clusters/<id>/assessments/<date>.yaml: one benchmarking and its quality lights."""

    date: DateField
    kind: Level
    assessor: Assessor | None = None
    peer_groups: ListOf[Id] = ()
    illustrative: StrictBool = False
    score_percent: Percent | None = None
    lights: dict[Code, Light]
    improvements: ListOf[Improvement] = ()


# clusters/<id>/plan.yaml


class PlanAction(Sourced):
    """One action of a cluster's improvement plan."""

    id: Id
    title: NameField
    indicators: ListOf[Code]
    status: Status
    due: DateField | None = None
    joint: JointRef | None = None


class PlanFile(FileModel, Sourced):
    """clusters/<id>/plan.yaml: a cluster's improvement actions."""

    actions: ListOf[PlanAction] = ()

    @model_validator(mode="after")
    def _unique_ids(self) -> PlanFile:
        ids: set[str] = set()
        for i, action in enumerate(self.actions):
            if action.id in ids:
                raise located(("actions", i, "id"), f"action '{action.id}' is defined "
                              "twice: give each action its own id")
            ids.add(action.id)
        return self


# processes.yaml


class ProcessStep(Part):
    """One step of a support-process template."""

    id: Id = Field(description="The step's id, unique in the process, e.g. survey")
    name: NameField = Field(description="The step's name")
    description: TextField | None = Field(default=None, description="What the step is")


class Process(Part):
    """A support-process template and its steps, in order."""

    id: Id = Field(description="The process's id, e.g. eco-model-region")
    name: NameField = Field(description="The process's name")
    source: Url | None = Field(default=None, description="Where the process is described")
    steps: ListOf[ProcessStep] = Field(description="The steps, in order")

    @model_validator(mode="after")
    def _unique_steps(self) -> Process:
        at = _repeated([step.id for step in self.steps])
        if at is not None:
            raise located(("steps", at, "id"), f"step '{self.steps[at].id}' is defined "
                          "twice: give each step its own id")
        return self


class ProcessesFile(FileModel):
    """processes.yaml: support-process templates and their steps."""

    processes: ListOf[Process] = Field(description="Every process a forum may go through")

    @model_validator(mode="after")
    def _unique_ids(self) -> ProcessesFile:
        at = _repeated([p.id for p in self.processes])
        if at is not None:
            raise located(("processes", at, "id"), f"process '{self.processes[at].id}' is "
                          "defined twice: give each process its own id")
        return self


# stress-test.yaml


class Scale(Part):
    """The scale scores are given on."""

    min: Number = Field(description="The lowest score, e.g. 1")
    max: Number = Field(description="The highest score, e.g. 5")

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.max <= self.min:
            raise located(("max",), f"max {_number(self.max)} is not above min "
                          f"{_number(self.min)}: the scale must run from a lower to a higher "
                          "score")
        return self


def _number(value: float) -> str:
    return f"{value:g}"


class Ends(Part):
    """What the two ends of the scale mean."""

    low: NameField = Field(description="What the lowest score means, e.g. weak")
    high: NameField = Field(description="What the highest score means, e.g. strong")


class StakeholderGroup(Part):
    """A group of stakeholders that answers the stress test."""

    id: Id = Field(description="The group's id, e.g. cluster-managers")
    name: NameField = Field(description="The group's name")


class Direction(Part):
    """A direction of the stress test: "S3 for clusters" or "clusters for S3"."""

    id: Id = Field(description="The direction's id, e.g. clusters-to-s3")
    name: NameField = Field(description="The direction's name")


class Dimension(Part):
    """One dimension the stress test scores."""

    id: Id = Field(description="The dimension's id, e.g. s3-design")
    direction: Id = Field(description="The id of its direction")
    name: NameField = Field(description="The dimension's name")
    description: TextField | None = Field(default=None, description="What it looks at")


class StressTestCatalogueFile(FileModel):
    """stress-test.yaml: the S3 stress test's scale, stakeholder groups, directions and
    dimensions."""

    scale: Scale = Field(description="The scale of every score")
    ends: Ends = Field(description="What the ends of the scale mean")
    groups: ListOf[StakeholderGroup] = Field(description="Stakeholder groups that answer")
    directions: ListOf[Direction] = Field(description="The directions, in order")
    dimensions: ListOf[Dimension] = Field(description="The dimensions, in order")

    @model_validator(mode="after")
    def _consistent(self) -> StressTestCatalogueFile:
        for key, ids, what in (("groups", [g.id for g in self.groups], "group"),
                               ("directions", [d.id for d in self.directions], "direction"),
                               ("dimensions", [d.id for d in self.dimensions], "dimension")):
            at = _repeated(ids)
            if at is not None:
                raise located((key, at, "id"), f"{what} '{ids[at]}' is defined twice: give "
                              f"each {what} its own id")
        directions = [d.id for d in self.directions]
        for i, dimension in enumerate(self.dimensions):
            if dimension.direction not in directions:
                raise located(("dimensions", i, "direction"), f"direction "
                              f"'{dimension.direction}' does not exist: write one of "
                              f"{_one_of(directions)}")
        return self


# stress-tests/<forum-id>/<YYYY-MM-DD>.yaml


class Score(Part):
    """The region's score on one dimension and the frontrunner regions'."""

    region: Number = Field(description="The region's score, within the scale")
    frontrunners: Number = Field(description="The frontrunner regions' score, within the scale")


class StressTestFile(FileModel, Sourced):
    """stress-tests/<forum-id>/<date>.yaml: one S3 stress test of a forum's region."""

    date: DateField = Field(description="When the test was made, as precisely as its source "
                            "gives it: the same as the file name")
    illustrative: StrictBool = Field(
        default=False, description="true when the scores are examples, not published results")
    respondents: Annotated[dict[Id, Count], BeforeValidator(_none_as_empty_mapping)] = Field(
        default_factory=dict, description="How many answered, by stakeholder group id")
    scores: Annotated[dict[Id, Score], BeforeValidator(_none_as_empty_mapping)] = Field(
        description="By dimension id; a dimension left out is shown as not scored")
    findings: ListOf[TextField] = Field(default=(), description="What the test found")
    recommendations: ListOf[Recommendation] = Field(
        default=(), description="What the test recommended")


# actor-maps/<forum-id>/<YYYY-MM-DD>.yaml


class ActorLink(Part):
    """An actor's work with one cluster."""

    cluster: Id = Field(description="A cluster id (a member of the forum or not)")
    strength: LinkStrength = Field(description="weak | medium | strong")


class Actor(Part):
    """An organisation of the region's innovation support system (never a person)."""

    id: Id = Field(description="The actor's id, unique in the map")
    name: NameField = Field(description="The organisation's name, e.g. The university")
    kind: ActorKind = Field(
        description="company | research | education | public | finance | support")
    links: ListOf[ActorLink] = Field(default=(), description="The clusters it works with")


class Gap(Part):
    """An innovation gap the mapping found."""

    text: TextField = Field(description="The gap")
    kinds: ListOf[ActorKind] = Field(default=(), description="Between which kinds of actor")
    clusters: ListOf[Id] = Field(default=(), description="The clusters it concerns")


class ActorMapFile(FileModel, Sourced):
    """actor-maps/<forum-id>/<date>.yaml: one mapping of a region's innovation system."""

    date: DateField = Field(description="When the map was made, as precisely as its source "
                            "gives it: the same as the file name")
    illustrative: StrictBool = Field(
        default=False, description="true when the actors and links are examples")
    actors: ListOf[Actor] = Field(description="The actors and the clusters they work with")
    gaps: ListOf[Gap] = Field(default=(), description="Innovation gaps the mapping found")

    @model_validator(mode="after")
    def _unique_actors(self) -> ActorMapFile:
        at = _repeated([a.id for a in self.actors])
        if at is not None:
            raise located(("actors", at, "id"), f"actor '{self.actors[at].id}' is defined "
                          "twice: give each actor its own id")
        return self


# surveys/<survey-id>.yaml


class Answer(Part):
    """One answer of a question: a choice and how many picked it, or a ranked answer."""

    text: TextField = Field(description="The answer")
    count: Count | None = Field(
        default=None, description="How many picked it (choice questions only)")


class Question(Sourced):
    """One question of a survey."""

    id: Id = Field(description="The question's id, unique in the survey")
    text: TextField = Field(description="The question as asked")
    kind: QuestionKind = Field(
        description="choice: answers with counts | ranked: answers in order")
    answered: Count | None = Field(
        default=None, description="How many answered it (default: the survey's answered)")
    skipped: Count | None = Field(default=None, description="How many skipped it")
    multiple: StrictBool = Field(
        default=False, description="Whether one respondent may pick several answers")
    answers: ListOf[Answer] = Field(
        default=(), description="The answers (for a choice question they may be left out "
        "when the counts are not published)")

    @model_validator(mode="after")
    def _counts(self) -> Question:
        for i, answer in enumerate(self.answers):
            if self.kind == "ranked" and answer.count is not None:
                raise located(("answers", i, "count"), "a ranked answer has no count: remove "
                              "count (ranked answers are listed in order)")
            if self.kind == "choice" and answer.count is None:
                raise located(("answers", i), "a choice answer needs its count: add "
                              "count: N (or leave out every answer when the counts are not "
                              "published)")
        return self


class SurveyFile(FileModel, Sourced):
    """surveys/<survey-id>.yaml: one survey of cluster managers."""

    id: Id = Field(description="The survey's id: the same as the file name")
    title: NameField = Field(description="The survey's title")
    date: DateField = Field(description="When it was made or presented")
    population: NameField = Field(description="Who was asked")
    invited: Count | None = Field(default=None, description="How many were asked")
    answered: Count = Field(description="How many answered (at most invited)")
    forums: ListOf[Id] = Field(default=(), description="Forums it was presented to")
    illustrative: StrictBool = Field(
        default=False, description="true when the counts are examples")
    questions: ListOf[Question] = Field(description="The questions, in order")

    @model_validator(mode="after")
    def _consistent(self) -> SurveyFile:
        if self.invited is not None and self.answered > self.invited:
            raise located(("answered",), f"answered {self.answered} is more than invited "
                          f"{self.invited}: correct one of the two")
        at = _repeated([q.id for q in self.questions])
        if at is not None:
            raise located(("questions", at, "id"), f"question '{self.questions[at].id}' is "
                          "defined twice: give each question its own id")
        for i, question in enumerate(self.questions):
            answered = self.answered if question.answered is None else question.answered
            if answered > self.answered:
                raise located(("questions", i, "answered"), f"answered {answered} is more "
                              f"than the {self.answered} who answered the survey: correct "
                              "one of the two")
            counts = [a.count or 0 for a in question.answers]
            for j, count in enumerate(counts):
                if count > answered:
                    raise located(("questions", i, "answers", j, "count"), f"count {count} "
                                  f"is more than the {answered} who answered the question: "
                                  "correct the count or the question's answered")
            if not question.multiple and sum(counts) > answered:
                raise located(("questions", i, "answers"), f"the counts add up to "
                              f"{sum(counts)}, more than the {answered} who answered the "
                              "question: correct the counts, or write multiple: true when one "
                              "respondent may pick several answers")
        return self


FILE_KINDS: dict[str, type[FileModel]] = {
    "site": SiteFile,
    "indicators": IndicatorsFile,
    "rules": RulesFile,
    "peer-group": PeerGroupFile,
    "forum": ForumFile,
    "cluster": ClusterFile,
    "assessment": AssessmentFile,
    "plan": PlanFile,
    "processes": ProcessesFile,
    "stress-test-catalogue": StressTestCatalogueFile,
    "stress-test": StressTestFile,
    "actor-map": ActorMapFile,
    "survey": SurveyFile,
    "sources": SourcesFile,
}
"""Every file kind of the data format, by the name used in messages and schema file names."""

__all__ = ["FALSE_WORDS", "FILE_KINDS", "located"]
