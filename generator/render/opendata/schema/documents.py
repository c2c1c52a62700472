"""api/v1/surveys/<id>.json, api/v1/indicators/<id>.json and api/v1/index.json."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from generator.data.schema import (
    Level,
    Light,
)
from generator.render.opendata.schema.parts import (
    Code,
    DateText,
    Head,
    LanguageTexts,
    LightCountsOut,
    Number,
    Out,
    Rate,
    Slug,
    SourcedOut,
    Text,
    UrlText,
    absent,
)

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
