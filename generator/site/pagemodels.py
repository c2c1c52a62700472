"""What a page shows besides the published view's own values: its timelines, as plain
values for its template, made from the published view (``generator.results.view``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.results.view import ClusterView, EventView, ForumView, PublishedView
from generator.site.i18n import Language
from generator.site.vocabulary import (
    assessment_name,
    label_awarded,
    programme_joined,
    step_status_name,
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


def forum_timeline(view: PublishedView, forum: ForumView,
                   language: Language) -> list[TimelineEntry]:
    """Forum events, the label awards of its members and the dated steps of its support
    processes, oldest first."""
    entries = [event_entry(e, forum=forum) for e in forum.events]
    for member in forum.members:
        cluster = view.clusters[member.cluster]
        for state in cluster.labels:
            entries.append(_label_entry(cluster, state.level, state.awarded, language))
    entries += [TimelineEntry(date, "process-step", Text(same=title), forum=forum)
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
        entries.append(_label_entry(cluster, state.level, state.awarded, language))
    for period in cluster.programme:
        entries.append(TimelineEntry(
            period.from_, "programme",
            Text(same=programme_joined(period.level, language)), cluster=cluster))
    for assessment in cluster.assessments:
        entries.append(TimelineEntry(
            assessment.date, "benchmarking",
            Text(same=assessment_name(assessment.kind, language)), cluster=cluster))
    return chronological(entries)


def event_entry(event: EventView, *, cluster: ClusterView | None = None,
                forum: ForumView | None = None) -> TimelineEntry:
    return TimelineEntry(event.date, event.kind, event.title, event.place, event.description,
                         cluster=cluster, forum=forum, upcoming=event.upcoming)


def _label_entry(cluster: ClusterView, level: str, awarded: PartialDate,
                 language: Language) -> TimelineEntry:
    title = label_awarded(level, cluster.name.get(language.code), language)
    return TimelineEntry(awarded, "label", Text(same=title), cluster=cluster)


def chronological(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    return sorted(entries, key=lambda e: (e.date.sort_key(), e.kind, str(e.title)))
