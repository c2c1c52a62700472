"""The shape of the files under ``/api/v1/`` as pydantic models, and their JSON Schema.

These models are the one declaration of the open data: ``api`` constructs every file as
its model (strictly: a value of the wrong type is refused, never converted) and writes
what it holds, and ``schema_files`` publishes their JSON Schema
(``api/v1/schema/*.schema.json``). Every key of a model is always present in the files; a
value that is not known is ``null``; the few keys marked ``absent`` are left out, never
null, when they do not apply.

Consent is part of the shape: a cluster file with ``publish_indicators: false`` may hold
only the date and kind of each assessment, so a file that leaks a light does not validate.

Truth in publishing is part of it too: every record (``SourcedOut``) has its
``certainty`` and its ``sources``; a withheld benchmarking has neither (its certainty is
one of its results).
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, WithJsonSchema

from generator.base.text import LANGUAGE_CODE
from generator.data.schema import (
    CODE,
    SLUG,
    ActorKind,
    EventKind,
    Level,
    Light,
    LinkStrength,
    Status,
    StepStatus,
)
from generator.results.compute import ChangeKind, ConditionName, LabelStatus

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


# --- cluster ----------------------------------------------------------------------------------


class ProgrammeOut(SourcedOut):
    """A period in the national cluster programme."""

    level: Literal["arena", "arena-pro", "nce", "gce"]
    from_: DateText = Field(alias="from")
    to: DateText | None


class ClusterForumOut(SourcedOut):
    """A forum the cluster is or was a member of."""

    forum: Slug
    joined: DateText
    left: DateText | None
    current: bool = Field(description="Whether the membership holds on as_of")


class LabelOut(SourcedOut):
    """A label as awarded, with its validity and status on as_of."""

    level: Level
    awarded: DateText
    valid_until: DateText = Field(description="As given, else awarded + the level's months")
    valid_until_computed: bool = Field(description="True when computed from the rules")
    status: LabelStatus
    source: UrlText | None = Field(description="The first web address among its sources")


class ConditionOut(Out):
    """One condition of the next label's checklist."""

    name: ConditionName
    met: bool | None = Field(description="Whether the condition is met; null when that rests "
                             "on results the cluster does not publish (withheld), so the "
                             "checklist does not say it either")
    required: Number | None = Field(description="The minimum the condition requires")
    actual: Number | None = Field(description="null when withheld or when there is no figure "
                                  "(such as no score recorded)")
    withheld: bool = Field(description="True when the figure and whether the condition is met "
                           "rest on unpublished results")
    detail: str = Field(description="English plain text, with the figures unless withheld")


class NextLabelOut(Out):
    """The level above the highest ever awarded and what it requires."""

    level: Level
    all_met: bool | None = Field(description="null when the answer rests on results the "
                                 "cluster does not publish")
    conditions: list[ConditionOut]


class PlanActionOut(SourcedOut):
    """One action of the cluster's improvement plan."""

    id: Slug
    title: Text
    indicators: list[Code]
    status: Status
    due: DateText | None
    joint: Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")] | None


class AssessorOut(Out):
    """Who carried out a benchmarking."""

    organisation: Text
    name: Text | None


class ImprovementOut(Out):
    """An improvement documented on one indicator."""

    indicator: Code
    text: Text


class LightCountsNaOut(Out):
    """How many indicators got each light in one assessment."""

    green: int = Field(ge=0)
    yellow: int = Field(ge=0)
    red: int = Field(ge=0)
    na: int = Field(ge=0, alias="n/a")


class ChangeOut(Out):
    """How one indicator's light changed since the previous assessment."""

    indicator: Code
    before: Light | None = Field(description="null: left out of the previous assessment")
    after: Light | None = Field(description="null: left out of this assessment")
    kind: ChangeKind


class ChangeSummaryOut(Out):
    """How many indicators changed in each way."""

    improved: int = Field(ge=0)
    worsened: int = Field(ge=0)
    unchanged: int = Field(ge=0)
    newly_assessed: int = Field(ge=0, alias="newly-assessed")
    no_longer_assessed: int = Field(ge=0, alias="no-longer-assessed")
    not_assessed: int = Field(ge=0, alias="not-assessed")


class ChangesOut(Out):
    """The changes since the previous assessment, on every catalogue indicator."""

    previous: DateText
    summary: ChangeSummaryOut
    items: list[ChangeOut]


class PublishedAssessmentOut(SourcedOut):
    """A benchmarking of a cluster that publishes its results."""

    date: DateText
    kind: Level
    assessor: AssessorOut | None
    peer_groups: list[Slug]
    illustrative: bool = Field(description="True: the lights are examples, not real results")
    score_percent: Number | None
    lights: dict[Code, Light] = Field(
        description="Indicator id to light, as the data gives them; a catalogue indicator "
        "left out was not assessed")
    counts: LightCountsNaOut
    improvements: list[ImprovementOut]
    changes: ChangesOut | None = Field(description="null for the first assessment")


class WithheldAssessmentOut(Out):
    """A benchmarking of a cluster that does not publish its results: date and kind only
    (no certainty: how sure its results are is one of them)."""

    date: DateText
    kind: Level


class _ClusterBase(Head, SourcedOut):
    id: Slug
    name: Text
    former_names: list[Text]
    sector: Text
    website: UrlText | None
    members_count: int | None = Field(ge=0)
    programme: list[ProgrammeOut]
    forums: list[ClusterForumOut]
    labels: list[LabelOut] = Field(description="Every label awarded by as_of, oldest first")
    current_label: LabelOut | None = Field(
        description="The highest label not expired on as_of (ties: the latest awarded)")
    next_label: NextLabelOut | None = Field(description="null above gold")
    plan: list[PlanActionOut]
    events: list[EventOut]


class PublishingClusterOut(_ClusterBase):
    """A cluster that publishes its results."""

    publish_indicators: Literal[True]
    illustrative: bool = Field(description="True when one of its assessments is illustrative")
    assessments: list[PublishedAssessmentOut] = Field(description="Oldest first")


class WithholdingClusterOut(_ClusterBase):
    """A cluster that does not publish its results: no lights, scores or changes."""

    publish_indicators: Literal[False]
    illustrative: Literal[False]
    assessments: list[WithheldAssessmentOut] = Field(description="Oldest first")


class ClusterOut(RootModel[PublishingClusterOut | WithholdingClusterOut]):
    """api/v1/clusters/<id>.json"""


# --- forum ------------------------------------------------------------------------------------


class JointActionOut(SourcedOut):
    """An improvement action the forum's clusters take together."""

    id: Slug
    title: Text
    indicators: list[Code]
    status: Status
    started: DateText | None
    due: DateText | None
    clusters: list[Slug] = Field(description="Member clusters whose plan takes part")


class AreaRowOut(Out):
    """One area of the scorecard, pooled over its indicators."""

    area: Code
    forum: SharesOut
    peers: dict[Slug, SharesOut]
    green_gap: float | None = Field(
        description="The forum's green share minus the mean peer green share")


class IndicatorRowOut(Out):
    """One indicator of the scorecard."""

    indicator: Code
    area: Code
    forum: SharesOut
    peers: dict[Slug, SharesOut]


class ScorecardOut(SourcedOut):
    """The portfolio scorecard: publishing current members' latest lights against peers;
    as sure as the least sure of them and of the peer groups."""

    members_total: int = Field(ge=0, description="Member clusters on as_of (M)")
    covered: int = Field(ge=0, description="Members counted (N): they publish and were "
                         "benchmarked")
    covered_clusters: list[Slug]
    peer_groups: list[Slug]
    illustrative: bool
    by_area: list[AreaRowOut]
    by_indicator: list[IndicatorRowOut]
    strongest: list[Code]
    weakest: list[Code]


# --- regional strategy (forum keys, absent when the forum has no such data) -------------------

def absent(description: str | None = None) -> Any:
    """A key that is left out when it does not apply: never null, not required."""
    return Field(default=None, description=description)


Rate = Annotated[float, Field(ge=0, le=1, description="A fraction, rounded to 3 decimals")]
LanguageTexts = Annotated[dict[str, str], Field(
    description="The text in every site language, by language code")]


class PriorityCoverageOut(Out):
    """One priority of the strategy and the current members serving it."""

    id: Slug
    clusters: list[Slug] = Field(description="Current members with a focus area serving it")


class SharedFocusOut(Out):
    """Two current members serving the same priority: a candidate for joint work."""

    priority: Slug
    clusters: list[Slug] = Field(min_length=2, max_length=2)


class StrategyOut(SourcedOut):
    """The coverage of the forum's S3 priorities by its current members' focus areas; as
    sure as the least sure of the strategy and the focus areas counted."""

    priorities: list[PriorityCoverageOut]
    uncovered: list[Slug] = Field(description="Priorities no current member serves")
    shared: list[SharedFocusOut] = Field(description="Once per pair and priority")
    illustrative: bool = Field(description="The strategy or a focus area counted is an "
                               "example")


class DimensionOut(Out):
    """One dimension a stress test scored."""

    id: Slug
    direction: Slug
    region: Number
    frontrunners: Number
    gap: Number = Field(description="frontrunners minus region")
    change: Number = absent(
        "The region's score minus its score in the test before; absent for the first test "
        "and for a dimension the test before did not score")


class StressTestOut(SourcedOut):
    """One S3 stress test of the forum's region."""

    date: DateText
    illustrative: bool
    respondents: dict[Slug, int] = Field(description="How many answered, by group")
    dimensions: list[DimensionOut] = Field(description="The scored dimensions, in "
                                           "catalogue order")
    weakest: Slug | None = Field(description="The largest gap (ties: catalogue order)")
    strongest: Slug | None = Field(description="The smallest gap (ties: catalogue order)")


class KindLinksOut(Out):
    """The actors of one kind working with a cluster."""

    actors: int = Field(ge=1)
    strongest: LinkStrength


class ClusterActorsOut(Out):
    """The actors linked to one cluster in an actor map."""

    cluster: Slug
    kinds: dict[ActorKind, KindLinksOut]
    missing: list[ActorKind] = Field(description="Kinds with no linked actor")


class ActorMapOut(SourcedOut):
    """One map of the region's innovation system."""

    date: DateText
    illustrative: bool
    clusters: list[ClusterActorsOut] = Field(description="Every cluster linked in the map")


class StepOut(Out):
    """A step of a support process as the data records it, on as_of."""

    step: Slug
    status: StepStatus = Field(description="A step dated after as_of counts as planned")
    date: DateText | None


class SupportProcessOut(SourcedOut):
    """The forum's progress through one support process (certainty and sources: the
    forum's)."""

    process: Slug
    steps_done: int = Field(ge=0)
    steps_total: int = Field(ge=0)
    current_step: Slug | None = Field(
        description="The first step neither done nor skipped; null when there is none")
    steps: list[StepOut] = Field(description="The steps the data lists, in the process's "
                                 "order")


class ForumOut(Head, SourcedOut):
    """api/v1/forums/<id>.json"""

    id: Slug
    name: Text
    region: Text
    established: DateText
    description: Text
    meets: Text | None
    peer_groups: list[Slug]
    members: list[MemberOut] = Field(description="Members on as_of")
    former_members: list[MemberOut] = Field(description="Memberships that ended before as_of")
    upcoming_members: list[MemberOut] = Field(description="Memberships starting after as_of")
    members_count: int | None = Field(ge=0, description="How many member clusters the "
                                      "forum's sources state, named or not; null when they "
                                      "state no number")
    named_members: int = Field(ge=0, description="How many members on as_of the data names "
                               "(the length of members)")
    events: list[EventOut]
    joint_actions: list[JointActionOut]
    illustrative: bool
    scorecard: ScorecardOut
    # The regional strategy: each key is absent (never null) when the forum has no such data.
    strategy: StrategyOut = absent()
    stress_tests: list[StressTestOut] = absent("Oldest first")
    actor_maps: list[ActorMapOut] = absent("Oldest first")
    support_processes: list[SupportProcessOut] = absent()
    surveys: list[Slug] = absent("Surveys presented to the forum")


# --- survey -----------------------------------------------------------------------------------


class AnswerOut(Out):
    """One answer of a question."""

    text: LanguageTexts
    count: Annotated[int, Field(ge=0)] = absent("Choice questions only")
    share: Rate = absent("count of the question's answered; choice questions only")


class QuestionOut(SourcedOut):
    """One question of a survey."""

    id: Slug
    text: LanguageTexts
    kind: Literal["choice", "ranked"]
    answered: int = Field(ge=0, description="As given, else the survey's answered")
    skipped: int | None = Field(ge=0)
    multiple: bool = Field(description="Whether one respondent may pick several answers")
    answers: list[AnswerOut] = Field(description="In the data's order (ranked: the ranking)")


class SurveyOut(Head, SourcedOut):
    """api/v1/surveys/<id>.json"""

    id: Slug
    title: LanguageTexts
    date: DateText
    population: LanguageTexts
    invited: int | None = Field(ge=0)
    answered: int = Field(ge=0)
    response_rate: Rate | None = Field(description="answered of invited; null when invited "
                                       "is not known")
    source: UrlText | None = Field(description="The first web address among its sources")
    forums: list[Slug]
    illustrative: bool
    questions: list[QuestionOut]


# --- indicator --------------------------------------------------------------------------------


class IndicatorClusterOut(SourcedOut):
    """A publishing cluster's latest light on the indicator."""

    cluster: Slug
    light: Light | None = Field(description="null: left out of the assessment")
    assessment: DateText
    kind: Level
    illustrative: bool


class IndicatorPeerOut(SourcedOut):
    """A peer group's counts on the indicator."""

    group: Slug
    clusters: int = Field(ge=1)
    illustrative: bool
    counts: LightCountsOut | None = Field(description="null: the group has no figures here")


class IndicatorOut(Head):
    """api/v1/indicators/<id>.json"""

    id: Code
    area: Code
    area_name: Text
    name: Text
    description: Text | None
    benchmarked_clusters: int = Field(ge=0, description="Clusters benchmarked by as_of")
    covered: int = Field(ge=0, description="Clusters listed: they publish their results")
    clusters: list[IndicatorClusterOut]
    peer_groups: list[IndicatorPeerOut]
    illustrative: bool


# --- index ------------------------------------------------------------------------------------


FileKind = Literal["index", "forum", "cluster", "indicator", "survey", "lights", "schema"]
MediaType = Literal["application/json", "application/schema+json", "text/csv"]


class FileEntryOut(Out):
    """One file under api/v1/."""

    path: str = Field(description="Relative to api/v1/")
    kind: FileKind
    id: str | None
    media_type: MediaType
    schema_: str | None = Field(alias="schema", description="Its schema, relative to api/v1/")
    columns: list[str] | None = Field(description="CSV columns, in order")


class NamedOut(SourcedOut):
    id: str
    name: Text
    path: str


class IndexClusterOut(NamedOut):
    publish_indicators: bool


class IndexIndicatorOut(Out):
    """A catalogue indicator: a definition, not a record with sources."""

    id: str
    name: Text
    path: str
    area: Code


class AreaOut(Out):
    id: Code
    name: Text


class PeerGroupOut(SourcedOut):
    id: Slug
    name: Text
    clusters: int = Field(ge=1)
    illustrative: bool


class LevelRuleOut(Out):
    valid_months: int = Field(ge=1)
    requires: dict[str, Number]


class RulesOut(Out):
    bronze: LevelRuleOut
    silver: LevelRuleOut
    gold: LevelRuleOut
    expiring_months: int = Field(ge=0)


class IndexOut(Head):
    """api/v1/index.json"""

    title: Text
    languages: list[str]
    site_url: UrlText | None
    areas: list[AreaOut]
    rules: RulesOut
    peer_groups: list[PeerGroupOut]
    forums: list[NamedOut]
    clusters: list[IndexClusterOut]
    indicators: list[IndexIndicatorOut]
    surveys: list[NamedOut] = absent("Absent when there are no surveys")
    files: list[FileEntryOut]


API_KINDS: dict[str, type[BaseModel]] = {
    "index": IndexOut,
    "forum": ForumOut,
    "cluster": ClusterOut,
    "indicator": IndicatorOut,
    "survey": SurveyOut,
}
"""Every JSON file kind under api/v1/, by the name of its schema file."""


def _close_pattern_objects(node: Any) -> None:
    # A mapping keyed by pattern (lights, peers) allows no key outside the pattern. A key
    # that is absent when it does not apply (never null) has no default in the schema.
    if isinstance(node, dict):
        if "default" in node and node["default"] is None:
            del node["default"]
        if "patternProperties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_pattern_objects(value)
    elif isinstance(node, list):
        for value in node:
            _close_pattern_objects(value)


def schema_of(kind: str) -> dict[str, Any]:
    """The JSON Schema of one API file kind."""
    schema = API_KINDS[kind].model_json_schema(by_alias=True)
    _close_pattern_objects(schema)
    return {
        "$schema": SCHEMA_BASE,
        "$id": f"{kind}.schema.json",
        **schema,
        "title": f"Klyngeforum open data: {kind} file (api/v{API_VERSION})",
    }


def schema_files() -> dict[str, bytes]:
    """``schema/<kind>.schema.json`` (relative to api/v1/) → its bytes."""
    return {
        f"schema/{kind}.schema.json": (
            json.dumps(schema_of(kind), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        ).encode("utf-8")
        for kind in API_KINDS
    }
