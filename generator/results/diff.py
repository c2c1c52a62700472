"""What a change to the data does on the published site, in words.

The two published views (``generator.results.view``) of the base of a pull request and of
its head, on the same as-of date, are compared: so consent and the as-of date are
applied in one place, the view's. A cluster that does not publish its results shows the
dates and kinds of its benchmarkings and nothing of their results, and what lies after
the as-of date is left out. The summary lists, per forum and cluster, what differs
between the two: so a change of a non-publishing cluster's lights, invisible on the
site, is invisible here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.base.problems import Problem
from generator.base.text import Text
from generator.data.load import LoadResult, display_root
from generator.results import compute
from generator.results.view import (
    ClusterView,
    EventView,
    ForumView,
    PublishedAssessment,
    PublishedView,
)


def _text(value: Text | None) -> str:
    if value is None:
        return ""
    return value.same if value.same is not None else (
        value.by_language[0][1] if value.by_language else "")


def _event_key(event: EventView) -> tuple[str, str, str]:
    return (event.date.isoformat(), event.kind, _text(event.title))


@dataclass
class Section:
    """The changes of one forum or cluster."""

    title: str
    lines: list[str] = field(default_factory=list)


_CHANGE_WORDS = {"improved": "better", "worsened": "worse",
                 "newly-assessed": "newly assessed", "no-longer-assessed": "no longer assessed"}
"""How a light's change is said, by its kind (the others are no change)."""


def _light_counts(step: compute.Step, view: PublishedView) -> tuple[str, str]:
    """The counts of changed lights, then each changed indicator on a line of its own (a
    nested list item): which light got better or worse is what a reviewer checks."""
    summary = step.summary
    parts = [(summary.improved, "better"), (summary.worsened, "worse"),
             (summary.newly_assessed, "newly assessed"),
             (summary.no_longer_assessed, "no longer assessed")]
    said = [f"{n} {'light' if n == 1 else 'lights'} {word}" for n, word in parts if n]
    if not said:
        return "no light changed", ""
    named = [f"\n  - {c.indicator} {_text(view.catalogue.indicator(c.indicator).name)}: "
             f"{c.before or 'n/a'} → {c.after or 'n/a'} ({_CHANGE_WORDS[c.kind]})"
             for c in step.changes if c.kind in _CHANGE_WORDS]
    return ", ".join(said), "".join(named)


def _cluster_lines(old: ClusterView | None, new: ClusterView | None,
                   head: PublishedView) -> list[str]:
    lines: list[str] = []
    if old is None and new is not None:
        lines.append("New cluster.")
    if new is None:
        return ["Removed from the site."]
    if old is not None:
        for what, was, now in (
            ("Name", _text(old.name), _text(new.name)),
            ("Sector", _text(old.sector), _text(new.sector)),
            ("Website", old.website or "", new.website or ""),
            ("Members", str(old.members_count or ""), str(new.members_count or "")),
        ):
            if was != now:
                lines.append(f"{what}: {was or '(none)'} → {now or '(none)'}.")
        if old.publishes != new.publishes:
            lines.append("Now publishes its results (lights, scores, changes) on the site."
                         if new.publishes else
                         "No longer publishes its results: the site stops showing them.")
    before = {a.date.isoformat(): a for a in old.assessments} if old is not None else {}
    after = {a.date.isoformat(): a for a in new.assessments}
    for date in sorted(set(before) | set(after)):
        a, b = before.get(date), after.get(date)
        if b is None:
            assert a is not None
            lines.append(f"Benchmarking of {date} ({a.kind}) removed.")
            continue
        if a is None:
            line = f"New {b.kind} benchmarking of {date}"
            named = ""
            if isinstance(b, PublishedAssessment) and b.step is not None:
                said, named = _light_counts(b.step, head)
                line += f": {said} than on {b.step.previous.isoformat()}"
            elif isinstance(b, PublishedAssessment):
                assessed = sum(1 for light in b.lights.values() if light != "n/a")
                line += f": {assessed} indicators assessed"
            lines.append(line + "." + named)  # each changed light on a line of its own
            continue
        if a.kind != b.kind:
            lines.append(f"Benchmarking of {date}: kind {a.kind} → {b.kind}.")
        if isinstance(b, PublishedAssessment) and (
                not isinstance(a, PublishedAssessment) or _results(a) != _results(b)):
            if isinstance(a, PublishedAssessment) and a.lights != b.lights:
                changed = [f"{code} {a.lights.get(code, 'n/a')} → {b.lights.get(code, 'n/a')}"
                           for code in sorted(set(a.lights) | set(b.lights))
                           if a.lights.get(code) != b.lights.get(code)]
                lines.append(f"Benchmarking of {date}: lights changed: " + ", ".join(changed)
                             + ".")
            elif isinstance(a, PublishedAssessment):
                lines.append(f"Benchmarking of {date}: score or improvements changed.")
    lines += _label_lines(old.labels if old is not None else (), new.labels)
    lines += _event_lines(old.story_events if old else (), new.story_events)
    lines += _action_lines(old.plan.actions if old and old.plan else (),
                           new.plan.actions if new.plan else (), "Plan action")
    return lines


def _results(assessment: PublishedAssessment) -> tuple[Any, ...]:
    """What of a benchmarking only a publishing cluster shows."""
    return (tuple(sorted(assessment.lights.items())), assessment.score_percent,
            tuple((i.indicator, _text(i.text)) for i in assessment.improvements),
            assessment.illustrative)


def _label_lines(old: Iterable[compute.LabelState], new: Iterable[compute.LabelState]
                 ) -> list[str]:
    before = {(s.level, s.awarded.isoformat()): s for s in old}
    after = {(s.level, s.awarded.isoformat()): s for s in new}
    lines = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[1], k[0])):
        level, awarded = key
        a, b = before.get(key), after.get(key)
        if b is None:
            lines.append(f"{level.capitalize()} label awarded {awarded} removed.")
        elif a is None:
            lines.append(f"New {level} label, awarded {awarded}, valid until "
                         f"{b.valid_until.isoformat()}: {b.status}.")
        else:
            if (a.valid_until, a.status) != (b.valid_until, b.status):
                lines.append(f"{level.capitalize()} label awarded {awarded}: valid until "
                             f"{a.valid_until.isoformat()} ({a.status}) → "
                             f"{b.valid_until.isoformat()} ({b.status}).")
            if a.source != b.source:
                was, now = (", ".join(x.source) if x.source else "(none)" for x in (a, b))
                lines.append(f"{level.capitalize()} label awarded {awarded}: source "
                             f"{was} → {now}.")
    return lines


def _event_lines(old: Iterable[EventView], new: Iterable[EventView]) -> list[str]:
    before = {_event_key(e) for e in old}
    after = {_event_key(e) for e in new}
    lines = [f"New event: {date} {kind}, \"{title}\"." for date, kind, title
             in sorted(after - before)]
    lines += [f"Event removed: {date} {kind}, \"{title}\"." for date, kind, title
              in sorted(before - after)]
    return lines


def _action_lines(old: Iterable[Any], new: Iterable[Any], what: str) -> list[str]:
    before = {a.id: a for a in old}
    after = {a.id: a for a in new}
    lines = []
    for action_id in sorted(set(before) | set(after)):
        a, b = before.get(action_id), after.get(action_id)
        if b is None:
            lines.append(f"{what} '{action_id}' removed.")
        elif a is None:
            lines.append(f"New {what.lower()} '{action_id}' ({b.status}): {_text(b.title)}.")
        elif a.status != b.status or a.due != b.due or _text(a.title) != _text(b.title):
            change = (f"{a.status} → {b.status}" if a.status != b.status else
                      "details changed")
            lines.append(f"{what} '{action_id}': {change}.")
    return lines


def _forum_lines(old: ForumView | None, new: ForumView | None, base: PublishedView,
                 head: PublishedView) -> list[str]:
    if new is None:
        return ["Removed from the site."]
    lines = ["New forum."] if old is None else []

    def members(forum: ForumView | None) -> dict[str, tuple[str, str]]:
        if forum is None:
            return {}
        return {m.cluster: (m.joined.isoformat(), m.left.isoformat() if m.left else "")
                for m in forum.members}

    before, after = members(old), members(new)
    for cluster_id in sorted(set(before) | set(after)):
        a, b = before.get(cluster_id), after.get(cluster_id)
        name = _cluster_name(head, base, cluster_id)
        if a is None and b is not None:
            lines.append(f"Member joined: {name} ({b[0]})." if not b[1] else
                         f"Former member added: {name} ({b[0]}–{b[1]}).")
        elif b is None:
            lines.append(f"Member no longer listed: {name}.")
        elif a != b:
            assert a is not None  # a new member (a is None) is the first case
            if b[1] and not a[1]:
                lines.append(f"Member left: {name} ({b[1]}).")
            else:
                lines.append(f"Membership of {name}: {a[0]}–{a[1] or 'now'} → "
                             f"{b[0]}–{b[1] or 'now'}.")
    lines += _event_lines(old.events if old else (), new.events)
    lines += _action_lines(old.joint_actions if old else (), new.joint_actions,
                           "Joint action")
    return lines


def _cluster_name(head: PublishedView, base: PublishedView, cluster_id: str) -> str:
    cluster = head.clusters.get(cluster_id) or base.clusters.get(cluster_id)
    return _text(cluster.name) if cluster is not None else cluster_id


def sections(base: PublishedView, head: PublishedView) -> list[Section]:
    """The forums and clusters whose published facts differ, each with what differs."""
    found: list[Section] = []
    for forum_id in sorted(set(base.forums) | set(head.forums)):
        old, new = base.forums.get(forum_id), head.forums.get(forum_id)
        lines = _forum_lines(old, new, base, head)
        if lines:
            record = new or old
            assert record is not None  # the id is of one of the two
            found.append(Section(f"Forum {_text(record.name)} (`{forum_id}`)", lines))
    for cluster_id in sorted(set(base.clusters) | set(head.clusters)):
        was, now = base.clusters.get(cluster_id), head.clusters.get(cluster_id)
        lines = _cluster_lines(was, now, head)
        if lines:
            cluster = now or was
            assert cluster is not None  # the id is of one of the two
            found.append(Section(f"Cluster {_text(cluster.name)} (`{cluster_id}`)", lines))
    return found


def summary_markdown(base: PublishedView, head: PublishedView, base_name: str,
                     notes: Mapping[str, str] | None = None) -> str:
    """The Markdown summary of what the change does on the site (two views of one date)."""
    if base.as_of != head.as_of:
        raise ValueError("the two published views must be of the same date")
    found = sections(base, head)
    out = [f"## What this change does on the site (as of {head.as_of.isoformat()})", ""]
    out.append(f"Compared with `{base_name}`. Results of clusters that do not publish them "
               "are left out, as on the site.")
    out.append("")
    if not found:
        out.append("Nothing that the site shows changes.")
    for section in found:
        out.append(f"### {section.title}")
        out.append("")
        out.extend(f"- {line}" for line in section.lines)
        out.append("")
    for key, value in (notes or {}).items():
        out.append(f"{key}: {value}")
    return "\n".join(out).rstrip("\n") + "\n"


def warnings_brought(base: LoadResult, base_dir: Path, head: LoadResult, data_dir: Path) -> str:
    """A Markdown section with every warning the change brings (a warning of the data now
    that the base did not have, compared by its file in the data, its key and what it
    says), so that a pull request's summary says it; '' when there is none."""
    def said(problem: Problem, folder: Path) -> tuple[str, str, str]:
        prefix = display_root(folder)
        rel = problem.file
        if prefix not in ("", ".") and rel.startswith(prefix + "/"):
            rel = rel[len(prefix) + 1:]
        return rel, problem.key, problem.message

    before = {said(p, base_dir) for p in base.warnings}
    brought = [p for p in head.warnings if said(p, data_dir) not in before]
    if not brought:
        return ""
    lines = ["", "### Warnings this change brings", "",
             "Each is an error for `make site` and the deploy (`--strict`): fix it before "
             "merging.", ""]
    lines += [f"- `{p.file}:{p.line}`: {p.key + ': ' if p.key else ''}{p.message}"
              for p in brought]
    return "\n".join(lines) + "\n"
