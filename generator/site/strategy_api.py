"""The regional strategy in the open data: the keys it adds to ``api/v1/forums/<id>.json``
and the ``api/v1/surveys/<id>.json`` files, as plain JSON-able dicts (``api`` writes them).

Rates and shares are fractions rounded to 3 decimals; a forum key is absent, not empty,
when the forum has no such data; dates are the data's own, at their own precision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from generator.base.text import Text
from generator.results import strategy

JSON = dict[str, Any]
RATE_DIGITS = 3


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, RATE_DIGITS)


def _texts(text: Text, languages: tuple[str, ...]) -> dict[str, str]:
    """A text in every site language (a missing translation falls back like the pages)."""
    return {code: text.get(code, languages[:1]) for code in languages}


def forum_keys(results: strategy.ForumStrategy) -> JSON:
    """The regional-strategy keys of a forum's file (the published view's results for
    it): only those it has data for."""
    out: JSON = {}
    if results.coverage is not None:
        found = results.coverage
        out["strategy"] = {
            "priorities": [{"id": p.priority, "clusters": list(p.clusters)}
                           for p in found.priorities],
            "uncovered": list(found.uncovered),
            "shared": [{"priority": s.priority, "clusters": list(s.clusters)}
                       for s in found.shared],
            "illustrative": found.illustrative,
        }
    if results.stress_tests:
        out["stress_tests"] = [_stress_test(t) for t in results.stress_tests]
    if results.actor_maps:
        out["actor_maps"] = [_actor_map(m) for m in results.actor_maps]
    if results.processes:
        out["support_processes"] = [_process(p) for p in results.processes]
    if results.surveys:
        out["surveys"] = [s.id for s in results.surveys]
    return out


def _stress_test(test: strategy.StressTestResult) -> JSON:
    dimensions = []
    for d in test.scored:
        item: JSON = {"id": d.id, "direction": d.direction, "region": d.region,
                      "frontrunners": d.frontrunners, "gap": d.gap}
        if d.change is not None:
            item["change"] = d.change
        dimensions.append(item)
    return {"date": test.date.isoformat(), "illustrative": test.illustrative,
            "respondents": dict(test.respondents), "dimensions": dimensions,
            "weakest": test.weakest, "strongest": test.strongest}


def _actor_map(found: strategy.ActorMapResult) -> JSON:
    return {"date": found.date.isoformat(), "illustrative": found.illustrative,
            "clusters": [
                {"cluster": c.cluster,
                 "kinds": {k: {"actors": v.actors, "strongest": v.strongest}
                           for k, v in c.kinds.items()},
                 "missing": list(c.missing)}
                for c in found.clusters]}


def _process(progress: strategy.ProcessProgress) -> JSON:
    return {"process": progress.process, "steps_done": progress.steps_done,
            "steps_total": progress.steps_total, "current_step": progress.current_step,
            "steps": [{"step": s.step, "status": s.status,
                       "date": None if s.date is None else s.date.isoformat()}
                      for s in progress.steps if s.listed]}


def survey_document(result: strategy.SurveyResult, languages: tuple[str, ...],
                    source_url: Callable[[tuple[str, ...] | None], str | None]) -> JSON:
    """api/v1/surveys/<id>.json (without the head every file starts with)."""
    survey = result.survey
    questions = []
    for question in result.questions:
        answers = []
        for answer in question.answers:
            item: JSON = {"text": _texts(answer.text, languages)}
            if question.kind == "choice":
                item["count"] = answer.count
                if answer.share is not None:
                    item["share"] = _rate(answer.share)
            answers.append(item)
        questions.append({"id": question.id, "text": _texts(question.text, languages),
                          "kind": question.kind, "answered": question.answered,
                          "skipped": question.skipped, "multiple": question.multiple,
                          "answers": answers})
    return {"id": survey.id, "title": _texts(survey.title, languages),
            "date": survey.date.isoformat(),
            "population": _texts(survey.population, languages),
            "invited": survey.invited, "answered": survey.answered,
            "response_rate": _rate(result.response_rate), "source": source_url(survey.source),
            "forums": list(survey.forums), "illustrative": survey.illustrative,
            "questions": questions}
