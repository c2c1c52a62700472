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
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def located(at: tuple[Any, ...], message: str) -> PydanticCustomError:
    """An error whose key path continues with ``at`` below the validated object."""
    return PydanticCustomError("located", message.replace("{", "{{").replace("}", "}}"),
                               {"at": at})


def _problem(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message.replace("{", "{{").replace("}", "}}"))


# --- scalar types -------------------------------------------------------------------------


def _check_slug(value: str) -> str:
    if not SLUG.match(value):
        raise _problem(
            "slug",
            f"'{value}' is not a valid id: use lower-case letters a-z, digits and single "
            "hyphens, e.g. mineralklynge-norge",
        )
    return value


def _check_code(value: str) -> str:
    if not CODE.match(value):
        raise _problem(
            "code", f"'{value}' is not a valid indicator or area id: write it like \"1.1.0\"")
    return value


def _check_url(value: str) -> str:
    if not URL.match(value):
        raise _problem(
            "url",
            f"'{value}' is not a web address: write a full address starting with https:// "
            "(or http://)",
        )
    return value


def _check_joint(value: str) -> str:
    if not JOINT_REF.match(value):
        raise _problem(
            "joint_ref",
            f"'{value}' does not name a joint action: write <forum-id>/<action-id>, "
            "e.g. nordland/branding",
        )
    return value


def _check_language(value: str) -> str:
    if not LANGUAGE_CODE.match(value):
        raise _problem(
            "language",
            f"'{value}' is not a language code: write a lower-case code such as nb or en",
        )
    return value


def _none_as_empty(value: Any) -> Any:
    """An optional list left empty in YAML (``members:``) reads as null: treat it as []."""
    return () if value is None else value


Id = Annotated[
    StrictStr, AfterValidator(_check_slug), Field(json_schema_extra={"pattern": SLUG.pattern})
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
Count = Annotated[StrictInt, Ge(0)]
Months = Annotated[StrictInt, Ge(1)]
Percent = Annotated[float, Strict(), Ge(0), Le(100)]


class _TextType:
    """Pydantic glue for Text: a string, or a mapping of language code to string."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(_validate_text)

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [
                {"type": "string", "description": "The same text in every language"},
                {
                    "type": "object",
                    "description": "The text per language, e.g. {nb: ..., en: ...}",
                    "patternProperties": {LANGUAGE_CODE.pattern: {"type": "string"}},
                    "additionalProperties": False,
                    "minProperties": 1,
                },
            ]
        }


def _validate_text(value: Any) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        return Text(same=value)
    if isinstance(value, dict):
        if not value:
            raise _problem("text", "is empty: write the text, e.g. {nb: ..., en: ...}")
        for key, item in value.items():
            if key is False:
                raise located((key,), "an unquoted no is read by YAML as false: the code for "
                              "Norwegian Bokmål is nb (write nb: ...)")
            if not isinstance(key, str) or not LANGUAGE_CODE.match(key):
                raise located((key,), f"'{key}' is not a language code: write a lower-case "
                              "code such as nb or en")
            if not isinstance(item, str):
                raise located((key,), _not_text_message(item))
        return Text(by_language=tuple(value.items()))
    raise _problem("text", _not_text_message(value))


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


class _DateType:
    """Pydantic glue for PartialDate: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    full_only = False

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_full_date if cls.full_only else _validate_date
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        if cls.full_only:
            return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
        return {
            "anyOf": [
                {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "A date: YYYY-MM-DD, YYYY-MM or YYYY",
        }


class _FullDateType(_DateType):
    full_only = True


def _validate_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise _problem("date", "must be a date: write YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        return PartialDate.parse(value)
    except DateFormatError as exc:
        raise _problem("date", str(exc)) from None


def _validate_full_date(value: Any) -> PartialDate:
    parsed = _validate_date(value)
    if parsed.precision != "day":
        raise _problem("date", f"'{value}' must be a full date YYYY-MM-DD, e.g. 2016-09-19")
    return parsed


DateField = Annotated[PartialDate, _DateType]
FullDateField = Annotated[PartialDate, _FullDateType]

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


def _ends_before(start: PartialDate | None, end: PartialDate | None) -> bool:
    return start is not None and end is not None and end.last_day() < start.first_day()


# site.yaml


class SiteFile(FileModel):
    """site.yaml: the site's title, languages and address."""

    title: TextField
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
    name: TextField


class Indicator(Part):
    """One quality indicator of the catalogue."""

    id: Code
    area: Code
    name: TextField
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


class PeerGroupFile(FileModel):
    """peer-groups/<id>.yaml: a benchmark reference group."""

    id: Id
    name: TextField
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


class Event(Part):
    """Something that happened, for a timeline."""

    date: DateField
    kind: EventKind
    title: TextField
    place: TextField | None = None
    description: TextField | None = None


# forums/<id>.yaml


class Member(Part):
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


class JointAction(Part):
    """An improvement action a forum's clusters take together."""

    id: Id
    title: TextField
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


class ForumFile(FileModel):
    """forums/<id>.yaml: a forum, its members, events and joint actions."""

    id: Id
    name: TextField
    region: TextField
    established: DateField
    description: TextField
    meets: TextField | None = None
    peer_groups: ListOf[Id] = ()
    members: ListOf[Member] = ()
    events: ListOf[Event] = ()
    joint_actions: ListOf[JointAction] = ()

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


class ProgrammePeriod(Part):
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


class Label(Part):
    """A Bronze, Silver or Gold label as awarded."""

    level: Level
    awarded: DateField
    valid_until: DateField | None = None
    source: Url | None = None

    @model_validator(mode="after")
    def _valid_after_awarded(self) -> Label:
        if _ends_before(self.awarded, self.valid_until):
            raise located(("valid_until",), f"valid_until {self.valid_until} is before "
                          f"awarded {self.awarded}: correct one of the two dates")
        return self


class ClusterFile(FileModel):
    """clusters/<id>/cluster.yaml: a cluster's profile, programme, labels and events."""

    id: Id
    name: TextField
    former_names: ListOf[TextField] = ()
    sector: TextField
    website: Url | None = None
    members_count: Count | None = None
    programme: ListOf[ProgrammePeriod] = ()
    publish_indicators: StrictBool = Field(
        default=False, description="Consent to publish this cluster's lights and scores")
    labels: ListOf[Label] = ()
    events: ListOf[Event] = ()


# clusters/<id>/assessments/<YYYY-MM-DD>.yaml


class Assessor(Part):
    """Who carried out a benchmarking."""

    organisation: TextField
    name: TextField | None = None


class Improvement(Part):
    """An improvement documented on one indicator since the previous benchmarking."""

    indicator: Code
    text: TextField


class AssessmentFile(FileModel):
    """clusters/<id>/assessments/<date>.yaml: one benchmarking and its quality lights."""

    date: FullDateField
    kind: Level
    assessor: Assessor | None = None
    peer_groups: ListOf[Id] = ()
    illustrative: StrictBool = False
    score_percent: Percent | None = None
    lights: dict[Code, Light]
    improvements: ListOf[Improvement] = ()


# clusters/<id>/plan.yaml


class PlanAction(Part):
    """One action of a cluster's improvement plan."""

    id: Id
    title: TextField
    indicators: ListOf[Code]
    status: Status
    due: DateField | None = None
    joint: JointRef | None = None


class PlanFile(FileModel):
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


FILE_KINDS: dict[str, type[FileModel]] = {
    "site": SiteFile,
    "indicators": IndicatorsFile,
    "rules": RulesFile,
    "peer-group": PeerGroupFile,
    "forum": ForumFile,
    "cluster": ClusterFile,
    "assessment": AssessmentFile,
    "plan": PlanFile,
}
"""Every file kind of the data format, by the name used in messages and schema file names."""

__all__ = ["FALSE_WORDS", "FILE_KINDS", "located"]
