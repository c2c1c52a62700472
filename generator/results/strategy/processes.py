"""Support processes (each forum's progress through its templates' steps) and the
surveys of cluster managers, worked out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.model import Dataset
from generator.data.schema import (
    ForumFile,
    QuestionKind,
    Recommendation,
    StepStatus,
    SurveyFile,
)
from generator.results.strategy.common import NOT_STARTED, _by

# --- support processes -----------------------------------------------------------------------


@dataclass(frozen=True)
class StepState:
    """One step of a process template and how far the forum has come with it."""

    step: str
    status: StepStatus | Literal["not-started"]
    """planned | in-progress | done | skipped, or not-started when the data does not list
    it; a step dated after the as-of date counts as planned."""
    date: PartialDate | None = None
    outcome: Text | None = None
    listed: bool = False
    """Whether the data lists the step."""


@dataclass(frozen=True)
class ProcessProgress:
    """A forum's way through one support process on the as-of date."""

    process: str
    steps: tuple[StepState, ...]
    """Every step of the template, in its order."""
    steps_done: int
    current_step: str | None
    """The first step that is neither done nor skipped; None when every step is."""
    recommendations: tuple[Recommendation, ...]

    @property
    def steps_total(self) -> int:
        """How many steps the template has."""
        return len(self.steps)


def process_progress(dataset: Dataset, forum: ForumFile, as_of: dt.date
                     ) -> tuple[ProcessProgress, ...]:
    """The progress of each of a forum's support processes, in the forum's order."""
    result = []
    for record in forum.support_processes:
        template = dataset.processes[record.process]
        listed = {s.step: s for s in record.steps}
        steps = []
        for step in template.steps:
            found = listed.get(step.id)
            if found is None:
                steps.append(StepState(step.id, NOT_STARTED))
                continue
            status = found.status
            if found.date is not None and not _by(found.date, as_of):
                status = "planned"
            steps.append(StepState(step.id, status, found.date, found.outcome, listed=True))
        current = next((s.step for s in steps if s.status not in ("done", "skipped")), None)
        result.append(ProcessProgress(
            process=record.process,
            steps=tuple(steps),
            steps_done=sum(1 for s in steps if s.status == "done"),
            current_step=current,
            recommendations=record.recommendations,
        ))
    return tuple(result)




# --- surveys ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerResult:
    """One answer of a question, with its share of the question's answered."""

    text: Text
    count: int | None
    """Choice questions only."""
    share: float | None
    """``count`` of the question's answered; None for ranked answers and when nobody
    answered."""


@dataclass(frozen=True)
class QuestionResult:
    """One question of a survey, worked out."""

    id: str
    kind: QuestionKind
    text: Text
    answered: int
    """As given, else the survey's answered."""
    answered_given: bool
    """Whether the data gives the question's own answered (or skipped) count."""
    skipped: int | None
    multiple: bool
    answers: tuple[AnswerResult, ...]
    """In the data's order (a ranked question's order is its ranking)."""


@dataclass(frozen=True)
class SurveyResult:
    """One survey, worked out."""

    survey: SurveyFile = field(compare=False, repr=False)
    response_rate: float | None
    """answered of invited; None when invited is not known (or 0)."""
    questions: tuple[QuestionResult, ...]

    @property
    def id(self) -> str:
        """The survey's id."""
        return self.survey.id


def survey_result(survey: SurveyFile) -> SurveyResult:
    """A survey's response rate and the shares of its choice answers."""
    questions = []
    for question in survey.questions:
        answered = survey.answered if question.answered is None else question.answered
        answers = []
        for answer in question.answers:
            share = None
            if question.kind == "choice" and answer.count is not None and answered:
                share = answer.count / answered
            answers.append(AnswerResult(answer.text, answer.count, share))
        questions.append(QuestionResult(
            question.id, question.kind, question.text, answered,
            question.answered is not None or question.skipped is not None, question.skipped,
            question.multiple, tuple(answers)))
    rate = survey.answered / survey.invited if survey.invited else None
    return SurveyResult(survey, rate, tuple(questions))


def surveys(dataset: Dataset, as_of: dt.date) -> tuple[SurveyResult, ...]:
    """Every survey dated by ``as_of``, oldest first."""
    return tuple(survey_result(s) for s in dataset.surveys.values() if _by(s.date, as_of))


def forum_surveys(dataset: Dataset, forum_id: str, as_of: dt.date) -> tuple[SurveyFile, ...]:
    """The surveys dated by ``as_of`` that were presented to a forum, oldest first."""
    return tuple(s for s in dataset.surveys.values()
                 if forum_id in s.forums and _by(s.date, as_of))
