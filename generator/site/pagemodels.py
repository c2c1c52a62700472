"""What a page shows, as plain values for its template: timelines and assessments.

Consent is applied here: a cluster that does not publish its indicators has no lights,
scores, changes or improvement indicators in any view this module makes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.model import Cluster, Dataset
from generator.data.schema import AssessmentFile, Event, ForumFile
from generator.results import compute
from generator.site.i18n import Language
from generator.site.vocabulary import level_name, programme_name


@dataclass(frozen=True)
class TimelineEntry:
    """One dated line of a timeline."""

    date: PartialDate
    kind: str
    title: Text
    place: Text | None = None
    description: Text | None = None
    cluster: Cluster | None = None
    forum: ForumFile | None = None


@dataclass(frozen=True)
class AssessmentView:
    """An assessment as the public may see it."""

    date: PartialDate
    kind: str
    assessor: Any
    illustrative: bool
    published: bool
    lights: dict[str, str] = field(default_factory=dict)
    score_percent: float | None = None
    counts: dict[str, int] = field(default_factory=dict)
    improvements: tuple[Any, ...] = ()
    changes: tuple[compute.Change, ...] = ()
    previous: PartialDate | None = None


@dataclass(frozen=True)
class StandingRow:
    """How one publishing cluster stands on one indicator in its latest benchmarking."""

    cluster: Cluster
    assessment: AssessmentFile
    light: str | None


def public_assessments(cluster: Cluster, dataset: Dataset) -> list[AssessmentView]:
    """A cluster's assessments, oldest first, with results only when the cluster publishes."""
    views: list[AssessmentView] = []
    previous: AssessmentFile | None = None
    for assessment in cluster.assessments:
        if cluster.publish_indicators:
            counts = {light: 0 for light in ("green", "yellow", "red", "n/a")}
            for value in assessment.lights.values():
                counts[value] += 1
            views.append(AssessmentView(
                date=assessment.date, kind=assessment.kind, assessor=assessment.assessor,
                illustrative=assessment.illustrative, published=True,
                lights=dict(assessment.lights), score_percent=assessment.score_percent,
                counts=counts, improvements=assessment.improvements,
                changes=(compute.changes(previous, assessment, dataset.catalogue)
                         if previous is not None else ()),
                previous=previous.date if previous is not None else None,
            ))
        else:
            views.append(AssessmentView(
                date=assessment.date, kind=assessment.kind, assessor=assessment.assessor,
                illustrative=assessment.illustrative, published=False,
                previous=previous.date if previous is not None else None,
            ))
        previous = assessment
    return views


def forum_timeline(dataset: Dataset, forum: ForumFile, language: Language) -> list[TimelineEntry]:
    """Forum events and the label awards of its members, oldest first."""
    entries = [event_entry(e, forum=forum) for e in forum.events]
    for member in forum.members:
        cluster = dataset.clusters[member.cluster]
        for label in cluster.labels:
            entries.append(_label_entry(cluster, label.level, label.awarded, language))
    return chronological(entries)


def cluster_timeline(cluster: Cluster, language: Language) -> list[TimelineEntry]:
    """A cluster's events, programme periods, labels and benchmarkings, oldest first."""
    entries = [event_entry(e, cluster=cluster) for e in cluster.story_events]
    for label in cluster.labels:
        entries.append(_label_entry(cluster, label.level, label.awarded, language))
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


def event_entry(event: Event, **where: Any) -> TimelineEntry:
    return TimelineEntry(event.date, event.kind, event.title, event.place, event.description,
                         **where)


def _label_entry(cluster: Cluster, level: str, awarded: PartialDate,
                 language: Language) -> TimelineEntry:
    title = language.gettext("%(level)s label awarded to %(cluster)s") % {
        "level": level_name(level, language), "cluster": cluster.name.get(language.code)}
    return TimelineEntry(awarded, "label", Text(same=title), cluster=cluster)


def chronological(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    return sorted(entries, key=lambda e: (e.date.sort_key(), e.kind, str(e.title)))
