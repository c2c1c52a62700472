"""The regional strategy in the open data: the keys it adds to ``api/v1/forums/<id>.json``
and the ``api/v1/surveys/<id>.json`` files, each as its model of ``opendata.schema``
(``api`` writes them).

Rates and shares are fractions rounded to 3 decimals; a forum key is absent, not empty,
when the forum has no such data; dates are the data's own, at their own precision.

Every record says how sure it is and where it is stated (``common.sourced``), so that a
file never states more than its sources: a reader who takes a forum's members or a
survey's counts from the files sees what the pages mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.render.opendata import schema as out
from generator.render.opendata.common import language_texts, sourced
from generator.results import strategy

if TYPE_CHECKING:
    from generator.results.view import PublishedView

RATE_DIGITS = 3


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, RATE_DIGITS)


def forum_keys(results: strategy.ForumStrategy, view: PublishedView,
               forum: tuple[str, tuple[str, ...] | None]) -> dict[str, Any]:
    """The regional-strategy keys of a forum's file (the published view's results for
    it): only those it has data for. ``forum``: the forum's certainty and sources, which
    its support processes (written in the forum's file, with none of their own) take."""
    keys: dict[str, Any] = {}
    if results.coverage is not None:
        found = results.coverage
        keys["strategy"] = out.StrategyOut(
            priorities=[out.PriorityCoverageOut(id=p.priority, clusters=list(p.clusters))
                        for p in found.priorities],
            uncovered=list(found.uncovered),
            shared=[out.SharedFocusOut(priority=s.priority, clusters=list(s.clusters))
                    for s in found.shared],
            illustrative=found.illustrative,
            **sourced(view, found.certainty, found.source))
    if results.stress_tests:
        keys["stress_tests"] = [_stress_test(t, view) for t in results.stress_tests]
    if results.actor_maps:
        keys["actor_maps"] = [_actor_map(m, view) for m in results.actor_maps]
    if results.processes:
        keys["support_processes"] = [_process(p, view, forum) for p in results.processes]
    if results.surveys:
        keys["surveys"] = [s.id for s in results.surveys]
    return keys


def _stress_test(test: strategy.StressTestResult, view: PublishedView) -> out.StressTestOut:
    dimensions = []
    for d in test.scored:
        region, frontrunners, gap = d.region, d.frontrunners, d.gap
        assert region is not None and frontrunners is not None and gap is not None  # scored
        dimensions.append(out.DimensionOut(
            id=d.id, direction=d.direction, region=region, frontrunners=frontrunners,
            gap=gap, **({"change": d.change} if d.change is not None else {})))  # absent: first
    return out.StressTestOut(
        date=test.date.isoformat(), illustrative=test.illustrative,
        respondents=dict(test.respondents), dimensions=dimensions, weakest=test.weakest,
        strongest=test.strongest, **sourced(view, test.certainty, test.source))


def _actor_map(found: strategy.ActorMapResult, view: PublishedView) -> out.ActorMapOut:
    return out.ActorMapOut(
        date=found.date.isoformat(), illustrative=found.illustrative,
        clusters=[out.ClusterActorsOut(
            cluster=c.cluster,
            kinds={k: out.KindLinksOut(actors=v.actors, strongest=v.strongest)
                   for k, v in c.kinds.items()},
            missing=list(c.missing))
            for c in found.clusters],
        **sourced(view, found.source.certain, found.source.source))


def _process(progress: strategy.ProcessProgress, view: PublishedView,
             forum: tuple[str, tuple[str, ...] | None]) -> out.SupportProcessOut:
    return out.SupportProcessOut(
        process=progress.process, steps_done=progress.steps_done,
        steps_total=progress.steps_total, current_step=progress.current_step,
        steps=[_step(s) for s in progress.steps if s.listed],
        **sourced(view, *forum))


def _step(step: strategy.StepState) -> out.StepOut:
    status = step.status
    assert status != "not-started"  # a step the data lists has the status it gives
    return out.StepOut(step=step.step, status=status,
                       date=None if step.date is None else step.date.isoformat())


def survey_model(result: strategy.SurveyResult, view: PublishedView,
                 head: dict[str, Any]) -> out.SurveyOut:
    """api/v1/surveys/<id>.json, after the ``head`` every file starts with."""
    survey = result.survey
    languages = view.languages
    questions = []
    for question, given in zip(result.questions, survey.questions, strict=True):
        answers = []
        for answer in question.answers:
            counted: dict[str, Any] = {}  # absent for a ranked question
            if question.kind == "choice":
                counted["count"] = answer.count
                if answer.share is not None:
                    counted["share"] = _rate(answer.share)
            answers.append(out.AnswerOut(text=language_texts(answer.text, languages), **counted))
        questions.append(out.QuestionOut(
            id=question.id, text=language_texts(question.text, languages), kind=question.kind,
            answered=question.answered, skipped=question.skipped, multiple=question.multiple,
            answers=answers, **sourced(view, given.certain, given.source)))
    return out.SurveyOut(
        **head, id=survey.id, title=language_texts(survey.title, languages),
        date=survey.date.isoformat(), population=language_texts(survey.population, languages),
        invited=survey.invited, answered=survey.answered,
        response_rate=_rate(result.response_rate), source=view.first_url(survey.source),
        forums=list(survey.forums), illustrative=survey.illustrative, questions=questions,
        **sourced(view, survey.certain, survey.source))
