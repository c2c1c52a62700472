"""What a page shows besides the published view's own values: its timelines, as plain
values for its template, made from the published view (``generator.results.view``)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.schema import JointAction, Member, PlanAction, ProgrammePeriod
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

# --- the rows of the list pages' tables (as templates read them) ---------------------------


@dataclass(frozen=True)
class ForumRow:
    """A forum on the home page and the forums list, with its current member clusters."""

    forum: ForumView
    members: tuple[ClusterView, ...]


@dataclass(frozen=True)
class ClusterRow:
    """A cluster in the clusters list: its current label and its forums."""

    cluster: ClusterView
    label: LabelState | None
    forums: tuple[ForumView, ...]


@dataclass(frozen=True)
class MemberRow:
    """A current member on a forum page, with its label and programme level today."""

    member: Member
    cluster: ClusterView
    label: LabelState | None
    programme: ProgrammePeriod | None
    """None past the period's end."""


@dataclass(frozen=True)
class FormerMemberRow:
    """A membership of a forum that has ended."""

    member: Member
    cluster: ClusterView


class JointPart(NamedTuple):
    """A cluster's plan action that is part of a forum's joint action (the cluster page
    unpacks it: ``for action, forum, joint in ...``)."""

    action: PlanAction
    forum: ForumView
    joint: JointAction


@dataclass(frozen=True)
class DatedEntry:
    """One dated line of a timeline, of What's new or of the feed, worded in a language
    (What's new's entries come from the view's language-free ``NewsEntry``)."""

    date: PartialDate
    kind: str
    """An event kind (meeting, workshop, ...), or label, benchmarking, plan, joint-action,
    programme, process-step, ..."""
    title: Text
    key: str = ""
    """What's new: what the entry is about, for its stable id (kind, subject and date)."""
    place: Text | None = None
    description: Text | None = None
    cluster: ClusterView | None = None
    forum: ForumView | None = None
    upcoming: bool = False
    """An event after the as-of date."""
    announced: bool = False
    """An event its source only announced (shown as such, never as held)."""
    certainty: str = "confirmed"
    """How sure the record behind the line is (its mark); for What's new, the least sure
    of the records it tells of."""
    source: tuple[str, ...] | None = None
    """The records' sources, each once (the page's Sources section)."""
    named: bool = False
    """The title names the kind itself ("Bronze benchmarking"): no kind before it."""
    counts: dict[str, int] = field(default_factory=dict)
    """Light counts of a benchmarking, only for a cluster that publishes its indicators."""
    detail: str | None = None
    """A short addition to the title, e.g. the statuses of a plan's actions."""

    @property
    def is_event(self) -> bool:
        """An event from the data (its title does not say what kind it is)."""
        return self.key.startswith("event/")

    @property
    def page(self) -> str:
        """The docs-relative page of the forum or cluster the entry is about."""
        if self.forum is not None:
            return f"forums/{self.forum.id}.md"
        assert self.cluster is not None
        return f"clusters/{self.cluster.id}.md"

    @property
    def subject(self) -> Text:
        """The name of the forum or cluster the entry is about."""
        owner = self.forum if self.forum is not None else self.cluster
        assert owner is not None
        return owner.name


def forum_timeline(view: PublishedView, forum: ForumView,
                   language: Language) -> list[DatedEntry]:
    """Forum events, the label awards of its members and the dated steps of its support
    processes, oldest first."""
    entries = [event_entry(e, forum=forum) for e in forum.events]
    for member in forum.members:
        cluster = view.clusters[member.cluster]
        for state in cluster.labels:
            entries.append(_label_entry(cluster, state, language))
    # a support process is written in the forum's file, with no certainty of its own
    entries += [DatedEntry(date, "process-step", Text(same=title), forum=forum,
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


def cluster_timeline(cluster: ClusterView, language: Language) -> list[DatedEntry]:
    """A cluster's events, programme periods, labels and benchmarkings, oldest first."""
    entries = [event_entry(e, cluster=cluster) for e in cluster.story_events]
    for state in cluster.labels:
        entries.append(_label_entry(cluster, state, language))
    for period in cluster.programme:
        entries.append(DatedEntry(
            period.from_, "programme",
            Text(same=programme_joined(period.level, language)), cluster=cluster,
            certainty=period.certain, source=period.source))
    for assessment in cluster.assessments:
        # a withheld benchmarking has no certainty of its own: the cluster's
        sure = assessment if isinstance(assessment, PublishedAssessment) else cluster
        entries.append(DatedEntry(
            assessment.date, ASSESSMENT_KINDS[assessment.kind],
            Text(same=assessment_name(assessment.kind, language)), cluster=cluster,
            certainty=sure.certainty, source=sure.source, named=True))
    return chronological(entries)


def event_entry(event: EventView, *, cluster: ClusterView | None = None,
                forum: ForumView | None = None) -> DatedEntry:
    return DatedEntry(event.date, event.kind, event.title, place=event.place,
                      description=event.description, cluster=cluster, forum=forum,
                      upcoming=event.upcoming, announced=event.announced,
                      certainty=event.certainty, source=event.source)


def _label_entry(cluster: ClusterView, state: LabelState, language: Language
                 ) -> DatedEntry:
    title = label_awarded(state.level, cluster.name.get(language.code), language)
    return DatedEntry(state.awarded, "label", Text(same=title), cluster=cluster,
                      certainty=state.certainty, source=state.source)


def chronological(entries: list[DatedEntry]) -> list[DatedEntry]:
    return sorted(entries, key=lambda e: (e.date.sort_key(), e.kind, str(e.title)))
