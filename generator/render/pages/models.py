"""What a page shows besides the published view's own values: its timelines, as plain
values for its template, made from the published view (``generator.results.view``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.render.text.i18n import Language
from generator.render.text.vocabulary import (
    ASSESSMENT_KINDS,
    assessment_name,
    label_awarded,
    programme_joined,
    step_status_name,
)
from generator.results.compute import LabelState
from generator.results.view import (
    ClusterView,
    EventView,
    ForumView,
    PublishedAssessment,
    PublishedView,
)


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a timeline; ``upcoming`` for an event after the as-of date."""

    date: PartialDate
    kind: str
    title: Text
    place: Text | None = None
    description: Text | None = None
    cluster: ClusterView | None = None
    forum: ForumView | None = None
    upcoming: bool = False
    announced: bool = False
    """An event its source only announced (shown as such, never as held)."""
    certainty: str = "confirmed"
    """How sure the record behind the line is (its mark)."""
    source: tuple[str, ...] | None = None
    """The record's sources (the page's Sources section)."""
    named: bool = False
    """The title names the kind itself ("Bronze benchmarking"): no kind before it."""


def forum_timeline(view: PublishedView, forum: ForumView,
                   language: Language) -> list[TimelineEntry]:
    """Forum events, the label awards of its members and the dated steps of its support
    processes, oldest first."""
    entries = [event_entry(e, forum=forum) for e in forum.events]
    for member in forum.members:
        cluster = view.clusters[member.cluster]
        for state in cluster.labels:
            entries.append(_label_entry(cluster, state, language))
    # a support process is written in the forum's file, with no certainty of its own
    entries += [TimelineEntry(date, "process-step", Text(same=title), forum=forum,
                              certainty=forum.certainty, source=forum.source)
                for date, title in _process_steps(view, forum, language)]
    return chronological(entries)


def _process_steps(view: PublishedView, forum: ForumView, language: Language
                   ) -> Iterator[tuple[PartialDate, str]]:
    """(date, title) of every dated step of the forum's support processes: "Model
    region: Workshop (in progress)"."""
    found = view.strategy.forums.get(forum.id)
    for progress in found.processes if found is not None else ():
        process = view.strategy.processes[progress.process]
        names = {s.id: s.name for s in process.steps}
        for step in progress.steps:
            if step.date is None:
                continue
            process_name = process.name.get(language.code, (language.default,))
            step_name = names[step.step].get(language.code, (language.default,))
            status = step_status_name(step.status, language)
            yield step.date, f"{process_name}: {step_name} ({status})"


def cluster_timeline(cluster: ClusterView, language: Language) -> list[TimelineEntry]:
    """A cluster's events, programme periods, labels and benchmarkings, oldest first."""
    entries = [event_entry(e, cluster=cluster) for e in cluster.story_events]
    for state in cluster.labels:
        entries.append(_label_entry(cluster, state, language))
    for period in cluster.programme:
        entries.append(TimelineEntry(
            period.from_, "programme",
            Text(same=programme_joined(period.level, language)), cluster=cluster,
            certainty=period.certain, source=period.source))
    for assessment in cluster.assessments:
        # a withheld benchmarking has no certainty of its own: the cluster's
        sure = assessment if isinstance(assessment, PublishedAssessment) else cluster
        entries.append(TimelineEntry(
            assessment.date, ASSESSMENT_KINDS[assessment.kind],
            Text(same=assessment_name(assessment.kind, language)), cluster=cluster,
            certainty=sure.certainty, source=sure.source, named=True))
    return chronological(entries)


def event_entry(event: EventView, *, cluster: ClusterView | None = None,
                forum: ForumView | None = None) -> TimelineEntry:
    return TimelineEntry(event.date, event.kind, event.title, event.place, event.description,
                         cluster=cluster, forum=forum, upcoming=event.upcoming,
                         announced=event.announced, certainty=event.certainty,
                         source=event.source)


def _label_entry(cluster: ClusterView, state: LabelState, language: Language
                 ) -> TimelineEntry:
    title = label_awarded(state.level, cluster.name.get(language.code), language)
    return TimelineEntry(state.awarded, "label", Text(same=title), cluster=cluster,
                         certainty=state.certainty, source=state.source)


def chronological(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    return sorted(entries, key=lambda e: (e.date.sort_key(), e.kind, str(e.title)))
