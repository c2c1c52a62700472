"""A forum's and a cluster's files: peer groups, forums with members, events and
joint actions, clusters with labels, assessments and improvement plans."""

from __future__ import annotations

from typing import Annotated, Literal

from annotated_types import Ge
from pydantic import (
    Field,
    StrictBool,
    StrictInt,
    model_validator,
)

from generator.data.schema.catalogue import FileModel, Part, Sourced
from generator.data.schema.scalars import (
    Code,
    Count,
    Id,
    JointRef,
    Percent,
    PriorityRef,
    Url,
    ends_before,
    located,
)
from generator.data.schema.texts import (
    DateField,
    EventKind,
    Level,
    Light,
    ListOf,
    NameField,
    ProgrammeLevel,
    Status,
    StepStatus,
    TextField,
)

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
        if ends_before(self.joined, self.left):
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
        if ends_before(self.started, self.due):
            raise located(("due",), f"due {self.due} is before started {self.started}: "
                          "correct one of the two dates")
        return self


# regional strategy: parts of forums/<id>.yaml


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

    UNIQUE_IDS = (("priorities", "priority"),)


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
        if ends_before(self.from_, self.to):
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
        if ends_before(self.awarded, self.valid_until):
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

    UNIQUE_IDS = (("focus_areas", "focus area"),)


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

    UNIQUE_IDS = (("actions", "action"),)
