"""The charts of the regional strategy, and the names its pages show, in one language.

Like ``figures``: each function gives a ``figures.Figure`` (spec, title, caption, text
alternative, table, published files under ``charts/<page kind>/<id>/``) or None when
there is nothing to draw. A forum page gets a coverage chart of its S3 priorities, its
latest stress test and its latest actor map; a survey page a chart per choice question
with published counts. The results come from ``generator.results.strategy``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pandas as pd

from generator.base.text import Text
from generator.data.schema import Strategy
from generator.render.charts import strategy_kinds as strategy_charts
from generator.render.charts.figure import Figure
from generator.render.charts.kit import FigureKit
from generator.render.text.vocabulary import actor_kind_name, strength_name
from generator.results import strategy

PageFigures = tuple[tuple[str, str], dict[str, Figure]]
"""((page kind, id), {chart name: figure}), as ``figures.FigureBuilder.all`` gives them."""


def with_strategy(builder: FigureKit, pages: Iterable[PageFigures]
                  ) -> Iterator[PageFigures]:
    """``pages`` (``builder.all()``) with the regional-strategy charts added to each forum
    page, then a page of charts for each survey dated by the as-of date."""
    for (kind, item_id), figures in pages:
        if kind == "forum":
            extra = forum_figures(builder, item_id)
            figures = {**figures, **{n: f for n, f in extra.items() if f is not None}}
        yield (kind, item_id), figures
    yield from all_surveys(builder)


def forum_figures(builder: FigureKit, forum_id: str) -> dict[str, Figure | None]:
    """The regional-strategy charts of a forum page, by chart name."""
    results = builder.view.strategy.forums[forum_id]
    return {
        "coverage": coverage(builder, forum_id, results.strategy, results.coverage),
        "stress_test": stress_test(builder, forum_id, results.stress_tests),
        "actors": actors(builder, forum_id, results.actor_maps),
    }


def _text(builder: FigureKit, value: Text) -> str:
    return value.get(builder.language.code, (builder.language.default,))


def _cluster_name(builder: FigureKit, cluster_id: str) -> str:
    return builder.name(builder.view.clusters[cluster_id])


def coverage(builder: FigureKit, forum_id: str, plan: Strategy | None,
             found: strategy.Coverage | None) -> Figure | None:
    """Current members × the strategy's priorities: the focus areas serving each."""
    if found is None or plan is None or not found.members or not plan.priorities:
        return None
    _ = builder.gettext
    number = builder.language.number
    members = builder.unique([_cluster_name(builder, c) for c in found.members])
    priorities = builder.unique([builder.name(p) for p in plan.priorities])
    focus = builder.view.strategy.clusters
    records, table = [], []
    for cluster_id, member in zip(found.members, members, strict=True):
        areas = {a.id: builder.name(a) for a in focus[cluster_id].focus}
        row: list[Any] = [member]
        for priority, label in zip(plan.priorities, priorities, strict=True):
            serving = found.cells.get((cluster_id, priority.id), ())
            count = len(serving)
            shade = "" if not count else (number(count) if count < 3 else "3+")
            records.append({"row": member, "column": label, "count": count,
                            "shade": shade, "text": number(count) if count else "–"})
            row.append(", ".join(areas[a] for a in serving) or "–")
        table.append(tuple(row))
    frame = pd.DataFrame.from_records(records)
    uncovered = [label for p, label in zip(found.priorities, priorities, strict=True)
                 if not p.clusters]
    alt = _("Matrix of %(members)s by %(priorities)s of the smart specialisation strategy; "
            "each cell shows how many of the cluster's focus areas serve the priority.") % {
        "members": builder.language.ngettext("%(num)d current member cluster",
                                             "%(num)d current member clusters",
                                             len(members)) % {"num": len(members)},
        "priorities": builder.language.ngettext("%(num)d priority", "%(num)d priorities",
                                                len(priorities)) % {"num": len(priorities)}}
    alt += " " + (_("Priorities no member serves: %(list)s.")
                  % {"list": builder.language.join(uncovered)}
                  if uncovered else _("Every priority is served by at least one member."))
    members_now = [m for m in builder.view.forums[forum_id].current_members
                   if m.cluster in found.members]
    sure = builder.sure(plan, found, *members_now,
                        *(a for c in found.members for a in focus[c].focus))
    note = builder.certainty_note(sure["certainty"])
    alt += note
    chart = strategy_charts.coverage_matrix, dict(
        members=members, priorities=priorities, x_title=_("Priority"),
        y_title=_("Member cluster"), legend_title=_("Focus areas serving"))
    return Figure(
        kind="forum-coverage",
        path=f"charts/forum/{forum_id}/coverage",
        title=_("Which members serve which priority"),
        caption=_("The number of each current member's focus areas that serve each priority "
                  "of the strategy; an empty cell (–) means none does. The table names the "
                  "focus areas.") + note,
        alt=alt,
        columns=(_("Member cluster"), *priorities),
        rows=tuple(table),
        spec=builder.spec(*chart, frame, alt),
        frame=frame,
        **sure,
    )


def stress_test(builder: FigureKit, forum_id: str,
                tests: tuple[strategy.StressTestResult, ...]) -> Figure | None:
    """The latest stress test: the region's score against the frontrunners', by dimension."""
    catalogue = builder.view.strategy.catalogue
    if catalogue is None or not tests or not tests[-1].scored:
        return None
    _ = builder.gettext
    number = builder.language.number
    latest = tests[-1]
    dimensions = {d.id: d for d in catalogue.dimensions}
    directions = {d.id: builder.name(d) for d in catalogue.directions}
    region, leaders = _("Region"), _("Frontrunner regions")
    scored = sorted(latest.scored, key=lambda d: list(directions).index(d.direction))
    rows = [f"{directions[d.direction]}: {builder.name(dimensions[d.id])}" for d in scored]
    records, table = [], []
    for d, row in zip(scored, rows, strict=True):
        assert d.region is not None and d.frontrunners is not None and d.gap is not None
        records.append({"row": row, "who": "", "score": None,
                        "start": min(d.region, d.frontrunners),
                        "end": max(d.region, d.frontrunners)})
        records.append({"row": row, "who": region, "score": d.region,
                        "start": None, "end": None})
        records.append({"row": row, "who": leaders, "score": d.frontrunners,
                        "start": None, "end": None})
        table.append((directions[d.direction], builder.name(dimensions[d.id]),
                      number(d.region, 1), number(d.frontrunners, 1), number(d.gap, 1)))
    frame = pd.DataFrame.from_records(records)
    low, high = catalogue.scale.min, catalogue.scale.max
    weakest = builder.name(dimensions[latest.weakest]) if latest.weakest else ""
    strongest = builder.name(dimensions[latest.strongest]) if latest.strongest else ""
    alt = _("Dot chart of the S3 stress test of %(date)s: for each of %(n)d dimensions, "
            "grouped by direction, the region's score (circle) and the frontrunner regions' "
            "(diamond) on a scale from %(low)s to %(high)s, joined by a line for the gap. "
            "Largest gap: %(weakest)s; smallest: %(strongest)s.") % {
        "date": builder.date(latest.date), "n": len(scored), "low": number(low, 1),
        "high": number(high, 1), "weakest": weakest, "strongest": strongest}
    sure = builder.sure(latest)
    note = builder.certainty_note(sure["certainty"])
    alt += note
    chart = strategy_charts.score_gaps, dict(
        rows=rows, series={region: strategy_charts.REGION,
                           leaders: strategy_charts.FRONTRUNNERS},
        low=low, high=high, x_title=_("Score (%(low)s = %(weak)s, %(high)s = %(strong)s)") % {
            "low": number(low, 1), "high": number(high, 1),
            "weak": _text(builder, catalogue.ends.low),
            "strong": _text(builder, catalogue.ends.high)},
        legend_title=_("Score of"))
    return Figure(
        kind="forum-stress-test",
        path=f"charts/forum/{forum_id}/stress-test",
        title=_("S3 stress test: the region against the frontrunners"),
        caption=_("The region's score and the frontrunner regions' on each dimension "
                  "measured in the test of %(date)s, grouped by direction; the line between "
                  "them is the gap.") % {"date": builder.date(latest.date)} + note,
        alt=alt,
        columns=(_("Direction"), _("Dimension"), region, leaders, _("Gap")),
        rows=tuple(table),
        spec=builder.spec(*chart, frame, alt),
        frame=frame,
        **sure,
    )


def actors(builder: FigureKit, forum_id: str,
           maps: tuple[strategy.ActorMapResult, ...]) -> Figure | None:
    """The latest actor map: clusters × kinds of actor, the number and strongest link."""
    if not maps or not maps[-1].clusters:
        return None
    _ = builder.gettext
    language = builder.language
    latest = maps[-1]
    ordered = sorted(latest.clusters,
                     key=lambda c: (_cluster_name(builder, c.cluster).casefold(), c.cluster))
    clusters = builder.unique([_cluster_name(builder, c.cluster) for c in ordered])
    kinds = [actor_kind_name(k, language) for k in strategy.ACTOR_KINDS]
    strengths = {strength_name(s, language): strategy_charts.STRENGTH_COLOURS[s]
                 for s in strategy.STRENGTHS}
    records, table = [], []
    for found, label in zip(ordered, clusters, strict=True):
        row: list[Any] = [label]
        for kind, kind_label in zip(strategy.ACTOR_KINDS, kinds, strict=True):
            links = found.kinds.get(kind)
            if links is None:
                records.append({"row": label, "column": kind_label, "strength": "",
                                "text": "–"})
                row.append("–")
                continue
            text = f"{language.number(links.actors)} · {strength_name(links.strongest, language)}"
            records.append({"row": label, "column": kind_label,
                            "strength": strength_name(links.strongest, language),
                            "text": text})
            row.append(text)
        table.append(tuple(row))
    frame = pd.DataFrame.from_records(records)
    missing = sum(len(c.missing) for c in latest.clusters)
    language = builder.language
    alt = _("Matrix of %(clusters)s by %(kinds)s in the map of the innovation system of "
            "%(date)s; each cell shows the number of actors of that kind working with the "
            "cluster and the strongest link.") % {
        "clusters": language.ngettext("%(num)d cluster", "%(num)d clusters",
                                      len(clusters)) % {"num": len(clusters)},
        "kinds": language.ngettext("%(num)d kind of actor", "%(num)d kinds of actor",
                                   len(kinds)) % {"num": len(kinds)},
        "date": builder.date(latest.date)}
    alt += " " + (language.ngettext("%(num)d cell is missing links.",
                                    "%(num)d cells are missing links.", missing)
                  % {"num": missing} if missing else _("No cell is missing links."))
    sure = builder.sure(latest.source)  # the map as the data gives it
    note = builder.certainty_note(sure["certainty"])
    alt += note
    chart = strategy_charts.actor_matrix, dict(
        clusters=clusters, kinds=kinds, strengths=strengths, x_title=_("Kind of actor"),
        y_title=_("Cluster"), legend_title=_("Strongest link"))
    return Figure(
        kind="forum-actors",
        path=f"charts/forum/{forum_id}/actors",
        title=_("Innovation system: actors working with each cluster"),
        caption=_("The number of actors of each kind working with each cluster in the map of "
                  "%(date)s, and the strongest of their links; an empty cell (–) is a missing "
                  "link.") % {"date": builder.date(latest.date)} + note,
        alt=alt,
        columns=(_("Cluster"), *kinds),
        rows=tuple(table),
        spec=builder.spec(*chart, frame, alt),
        frame=frame,
        **sure,
    )


def survey_figures(builder: FigureKit, result: strategy.SurveyResult
                   ) -> dict[str, Figure]:
    """A chart per choice question with published counts, by question id."""
    found = {}
    for number, question in enumerate(result.questions, start=1):
        figure = answer_chart(builder, result, question, number)
        if figure is not None:
            found[question.id] = figure
    return found


def answer_chart(builder: FigureKit, result: strategy.SurveyResult,
                 question: strategy.QuestionResult, number: int) -> Figure | None:
    """The shares of the answers of one choice question (the ``number``-th)."""
    if question.kind != "choice" or not question.answers or not question.answered:
        return None
    _ = builder.gettext
    language = builder.language
    answers = builder.unique([_text(builder, a.text) for a in question.answers])
    records, table = [], []
    for answer, label in zip(question.answers, answers, strict=True):
        share = answer.share or 0.0
        count = answer.count or 0
        records.append({"answer": label, "share": share, "count": count,
                        "label": f"{language.percent(share)} ({language.number(count)})"})
        table.append((label, language.number(count), language.percent(share)))
    frame = pd.DataFrame.from_records(records)
    text = _text(builder, question.text)
    if question.multiple:
        note = _("One respondent could pick several answers, so the shares add up to more "
                 "than 100 %.")
    else:
        note = _("One answer a respondent.")
    given = next(q for q in result.survey.questions if q.id == question.id)
    sure = builder.sure(result.survey, given)
    certainty = builder.certainty_note(sure["certainty"])
    alt = _("Bar chart of the answers to the question \u201c%(question)s\u201d: the share of "
            "the %(n)d who answered that gave each answer.") % {
        "question": text, "n": question.answered} + " " + note + certainty
    chart = strategy_charts.answer_shares, dict(answers=answers, x_title=_("Share of those "
                                                                            "who answered"))
    return Figure(
        kind="survey-answers",
        path=f"charts/survey/{result.id}/{question.id}",
        # the title is not the question's text: a page shows it where Markdown is read
        title=_("Answers to question %(number)d") % {"number": number},
        caption=_("The share of the %(n)d who answered the question \u201c%(question)s\u201d "
                  "that gave each answer.") % {"n": question.answered, "question": text}
        + " " + note + certainty,
        alt=alt,
        columns=(_("Answer"), _("Count"), _("Share")),
        rows=tuple(table),
        spec=builder.spec(*chart, frame, alt),
        frame=frame,
        **sure,
    )


def all_surveys(builder: FigureKit) -> list[PageFigures]:
    """((\"survey\", id), figures) of every survey dated by the as-of date."""
    return [(("survey", result.id), survey_figures(builder, result))
            for result in builder.view.strategy.surveys]
