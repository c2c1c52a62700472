"""The regional strategy in the open data: the keys it adds to ``api/v1/forums/<id>.json``
and the ``api/v1/surveys/<id>.json`` files, as plain JSON-able dicts (``api`` writes them).

Rates and shares are fractions rounded to 3 decimals; a forum key is absent, not empty,
when the forum has no such data; dates are the data's own, at their own precision.

Every record of the open data says how sure it is and where it is stated (``sourced``,
used by ``api`` too), so that a file never states more than its sources: a reader who
takes a forum's members or a survey's counts from the files sees what the pages mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.base.text import Text
from generator.results import strategy

if TYPE_CHECKING:
    from generator.results.view import PublishedView

JSON = dict[str, Any]
RATE_DIGITS = 3


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, RATE_DIGITS)


def _texts(text: Text, languages: tuple[str, ...]) -> dict[str, str]:
    """A text in every site language (a missing translation falls back like the pages)."""
    return {code: text.get(code, languages[:1]) for code in languages}


def sourced(view: PublishedView, certainty: str, source: tuple[str, ...] | None) -> JSON:
    """The ``certainty`` and ``sources`` keys of a record: how sure it is (confirmed,
    inferred or example) and every source it rests on, once each: a source of
    sources.yaml with its id, title (in every site language) and address, a web address
    written in the record itself with only its ``url``."""
    return {"certainty": certainty, "sources": [
        {"id": c.id, "title": None if c.title is None else _texts(c.title, view.languages),
         "url": c.url}
        for c in view.cite(source)]}


def forum_keys(results: strategy.ForumStrategy, view: PublishedView,
               forum: tuple[str, tuple[str, ...] | None]) -> JSON:
    """The regional-strategy keys of a forum's file (the published view's results for
    it): only those it has data for. ``forum``: the forum's certainty and sources, which
    its support processes (written in the forum's file, with none of their own) take."""
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
            **sourced(view, found.certainty, found.source),
        }
    if results.stress_tests:
        out["stress_tests"] = [{**_stress_test(t), **sourced(view, t.certainty, t.source)}
                               for t in results.stress_tests]
    if results.actor_maps:
        out["actor_maps"] = [
            {**_actor_map(m), **sourced(view, m.source.certain, m.source.source)}
            for m in results.actor_maps]
    if results.processes:
        out["support_processes"] = [{**_process(p), **sourced(view, *forum)}
                                    for p in results.processes]
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


def survey_document(result: strategy.SurveyResult, view: PublishedView) -> JSON:
    """api/v1/surveys/<id>.json (without the head every file starts with)."""
    survey = result.survey
    languages = view.languages
    questions = []
    for question, given in zip(result.questions, survey.questions, strict=True):
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
                          "answers": answers, **sourced(view, given.certain, given.source)})
    return {"id": survey.id, "title": _texts(survey.title, languages),
            "date": survey.date.isoformat(),
            "population": _texts(survey.population, languages),
            "invited": survey.invited, "answered": survey.answered,
            "response_rate": _rate(result.response_rate),
            "source": view.first_url(survey.source),
            "forums": list(survey.forums), "illustrative": survey.illustrative,
            "questions": questions, **sourced(view, survey.certain, survey.source)}
