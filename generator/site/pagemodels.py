"""What a page shows besides the published view's own values: its timelines, as plain
values for its template, made from the published view (``generator.results.view``)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.results.view import ClusterView, EventView, ForumView, PublishedView
from generator.site.i18n import Language
from generator.site.vocabulary import level_name, programme_name


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
    """Forum events and the label awards of its members, oldest first."""
    entries = [event_entry(e, forum=forum) for e in forum.events]
    for member in forum.members:
        cluster = view.clusters[member.cluster]
        for state in cluster.labels:
            entries.append(_label_entry(cluster, state.level, state.awarded, language))
    return chronological(entries)


def cluster_timeline(cluster: ClusterView, language: Language) -> list[TimelineEntry]:
    """A cluster's events, programme periods, labels and benchmarkings, oldest first."""
    entries = [event_entry(e, cluster=cluster) for e in cluster.story_events]
    for state in cluster.labels:
        entries.append(_label_entry(cluster, state.level, state.awarded, language))
    for period in cluster.programme:
        entries.append(TimelineEntry(
            period.from_, "programme",
            Text(same=language.gettext("Joined the national cluster programme as %(level)s")
                 % {"level": programme_name(period.level, language)}),
            cluster=cluster))
    for assessment in cluster.assessments:
        entries.append(TimelineEntry(
            assessment.date, "benchmarking",
            Text(same=language.gettext("%(kind)s benchmarking")
                 % {"kind": level_name(assessment.kind, language)}),
            cluster=cluster))
    return chronological(entries)


def event_entry(event: EventView, *, cluster: ClusterView | None = None,
                forum: ForumView | None = None) -> TimelineEntry:
    return TimelineEntry(event.date, event.kind, event.title, event.place, event.description,
                         cluster=cluster, forum=forum, upcoming=event.upcoming)


def _label_entry(cluster: ClusterView, level: str, awarded: PartialDate,
                 language: Language) -> TimelineEntry:
    title = language.gettext("%(level)s label awarded to %(cluster)s") % {
        "level": level_name(level, language), "cluster": cluster.name.get(language.code)}
    return TimelineEntry(awarded, "label", Text(same=title), cluster=cluster)


def chronological(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    return sorted(entries, key=lambda e: (e.date.sort_key(), e.kind, str(e.title)))
