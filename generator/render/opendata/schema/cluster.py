"""api/v1/clusters/<id>.json: a publishing and a withholding cluster, each its own
model, with labels, the next label's checklist, plan and assessments."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, RootModel

from generator.data.schema import (
    Level,
    Light,
    Status,
)
from generator.render.opendata.schema.parts import (
    Code,
    DateText,
    EventOut,
    Head,
    Number,
    Out,
    Slug,
    SourcedOut,
    Text,
    UrlText,
)
from generator.results.compute import ChangeKind, ConditionName, LabelStatus

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
