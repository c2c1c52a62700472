"""The regional strategy's files: support-process templates, the S3 stress test
(catalogue and results), actor maps and surveys."""

from __future__ import annotations

from typing import Annotated

from pydantic import (
    BeforeValidator,
    Field,
    StrictBool,
    model_validator,
)

from generator.data.schema.catalogue import FileModel, Part, Sourced
from generator.data.schema.records import Recommendation
from generator.data.schema.scalars import (
    Count,
    Id,
    Url,
    _none_as_empty_mapping,
    located,
    one_of,
    unique_ids,
)
from generator.data.schema.texts import (
    ActorKind,
    DateField,
    LinkStrength,
    ListOf,
    NameField,
    Number,
    QuestionKind,
    TextField,
)

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

    UNIQUE_IDS = (("steps", "step"),)


class ProcessesFile(FileModel):
    """processes.yaml: support-process templates and their steps."""

    processes: ListOf[Process] = Field(description="Every process a forum may go through")

    UNIQUE_IDS = (("processes", "process"),)


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
            unique_ids(key, ids, what)
        directions = [d.id for d in self.directions]
        for i, dimension in enumerate(self.dimensions):
            if dimension.direction not in directions:
                raise located(("dimensions", i, "direction"), f"direction "
                              f"'{dimension.direction}' does not exist: write one of "
                              f"{one_of(directions)}")
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

    UNIQUE_IDS = (("actors", "actor"),)


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
        unique_ids("questions", [q.id for q in self.questions], "question")
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

