"""api/v1/forums/<id>.json: members, joint actions, the portfolio scorecard and the
regional strategy's keys (absent when the forum has no such data)."""

from __future__ import annotations

from pydantic import Field

from generator.data.schema import (
    ActorKind,
    LinkStrength,
    Status,
    StepStatus,
)
from generator.render.opendata.schema.parts import (
    Code,
    DateText,
    EventOut,
    Head,
    MemberOut,
    Number,
    Out,
    SharesOut,
    Slug,
    SourcedOut,
    Text,
    absent,
)

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
