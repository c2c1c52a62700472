"""Computed results of the regional strategy, on the as-of date.

Pure functions over the model, like ``compute``: a forum's coverage of its S3 priorities
by its current members' focus areas (uncovered priorities, shared focus), the S3 stress
tests (gap per dimension, weakest and strongest dimension, change since the test
before), the actor maps of the region's innovation system (actors and strongest link
per cluster and kind of actor, missing links), the progress of support processes
(steps done, current step) and the surveys (response rate, shares of the answers).

As-of rules: a stress test, actor map or survey dated after the as-of date is not a
result yet and is left out; a process step dated after it counts as planned; coverage
counts the members current on the as-of date only.

Each part lives in a module of its own (common, coverage, stress, actors, processes,
forums); this package names what the rest of the generator uses.
"""

from __future__ import annotations

from generator.results.strategy.actors import (
    ActorMapResult,
    ClusterActors,
    KindLinks,
    actor_map,
    actor_maps,
    cluster_actor_kinds,
    latest_actor_maps,
)
from generator.results.strategy.common import (
    ACTOR_KINDS,
    CERTAINTIES,
    NOT_STARTED,
    STRENGTHS,
    joined_sources,
    least_certain,
)
from generator.results.strategy.coverage import (
    Coverage,
    PriorityCoverage,
    ServedPriority,
    SharedFocus,
    coverage,
    served_priorities,
)
from generator.results.strategy.forums import (
    ClusterStrategy,
    FocusRow,
    ForumStrategy,
    StrategyView,
    forum_strategy,
    strategy_view,
)
from generator.results.strategy.processes import (
    AnswerResult,
    ProcessProgress,
    QuestionResult,
    StepState,
    SurveyResult,
    forum_surveys,
    process_progress,
    survey_result,
    surveys,
)
from generator.results.strategy.stress import DimensionResult, StressTestResult, stress_tests

__all__ = [
    "ACTOR_KINDS",
    "ActorMapResult",
    "AnswerResult",
    "CERTAINTIES",
    "ClusterActors",
    "ClusterStrategy",
    "Coverage",
    "DimensionResult",
    "FocusRow",
    "ForumStrategy",
    "KindLinks",
    "NOT_STARTED",
    "PriorityCoverage",
    "ProcessProgress",
    "QuestionResult",
    "STRENGTHS",
    "ServedPriority",
    "SharedFocus",
    "StepState",
    "StrategyView",
    "StressTestResult",
    "SurveyResult",
    "actor_map",
    "actor_maps",
    "cluster_actor_kinds",
    "coverage",
    "forum_strategy",
    "forum_surveys",
    "joined_sources",
    "latest_actor_maps",
    "least_certain",
    "process_progress",
    "served_priorities",
    "strategy_view",
    "stress_tests",
    "survey_result",
    "surveys",
]
