"""What a change to the data does on the published site, in words.

Two datasets (the base of a pull request and its head) are each reduced to what the site
publishes on the as-of date: the public facts of every forum and cluster, with consent
applied (a cluster that does not publish its results shows the dates and kinds of its
benchmarkings and nothing of their results), and what lies after the as-of date left out.
The summary lists, per forum and cluster, what differs between the two: so a change of a
non-publishing cluster's lights, invisible on the site, is invisible here too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.base.problems import Problem
from generator.base.text import Text
from generator.data.load import LoadResult, display_root
from generator.data.model import Cluster, Dataset
from generator.data.schema import AssessmentFile, Event, ForumFile
from generator.results import compute


def _text(value: Text | None) -> str:
    if value is None:
        return ""
    return value.same if value.same is not None else (
        value.by_language[0][1] if value.by_language else "")


def _event_key(event: Event) -> tuple[str, str, str]:
    return (event.date.isoformat(), event.kind, _text(event.title))


@dataclass
class Section:
    """The changes of one forum or cluster."""

    title: str
    lines: list[str] = field(default_factory=list)


def _shown_assessments(cluster: Cluster, as_of: dt.date) -> dict[str, AssessmentFile]:
    return {a.date.isoformat(): a for a in cluster.assessments if a.date.first_day() <= as_of}


_CHANGE_WORDS = {"improved": "better", "worsened": "worse",
                 "newly-assessed": "newly assessed", "no-longer-assessed": "no longer assessed"}
"""How a light's change is said, by its kind (the others are no change)."""


def _light_counts(before: AssessmentFile, after: AssessmentFile, dataset: Dataset
                  ) -> tuple[str, str]:
    """The counts of changed lights, then each changed indicator on a line of its own (a
    nested list item): which light got better or worse is what a reviewer checks."""
    found = compute.changes(before, after, dataset.catalogue)
    summary = compute.change_summary(found)
    parts = [(summary.improved, "better"), (summary.worsened, "worse"),
             (summary.newly_assessed, "newly assessed"),
             (summary.no_longer_assessed, "no longer assessed")]
    said = [f"{n} {'light' if n == 1 else 'lights'} {word}" for n, word in parts if n]
    if not said:
        return "no light changed", ""
    named = [f"\n  - {c.indicator} {_text(dataset.catalogue.indicator(c.indicator).name)}: "
             f"{c.before or 'n/a'} → {c.after or 'n/a'} ({_CHANGE_WORDS[c.kind]})"
             for c in found if c.kind in _CHANGE_WORDS]
    return ", ".join(said), "".join(named)


def _cluster_lines(old: Cluster | None, new: Cluster | None, base: Dataset, head: Dataset,
                   as_of: dt.date) -> list[str]:
    lines: list[str] = []
    if old is None and new is not None:
        lines.append("New cluster.")
    if new is None:
        return ["Removed from the site."]
    assert new is not None
    if old is not None:
        for what, was, now in (
            ("Name", _text(old.name), _text(new.name)),
            ("Sector", _text(old.sector), _text(new.sector)),
            ("Website", old.website or "", new.website or ""),
            ("Members", str(old.members_count or ""), str(new.members_count or "")),
        ):
            if was != now:
                lines.append(f"{what}: {was or '(none)'} → {now or '(none)'}.")
        if old.publish_indicators != new.publish_indicators:
            lines.append("Now publishes its results (lights, scores, changes) on the site."
                         if new.publish_indicators else
                         "No longer publishes its results: the site stops showing them.")
    public_old = old is not None and old.publish_indicators
    public_new = new.publish_indicators
    before = _shown_assessments(old, as_of) if old is not None else {}
    after = _shown_assessments(new, as_of)
    dates = sorted(after)
    for date in sorted(set(before) | set(after)):
        a, b = before.get(date), after.get(date)
        if b is None:
            assert a is not None
            lines.append(f"Benchmarking of {date} ({a.kind}) removed.")
            continue
        if a is None:
            line = f"New {b.kind} benchmarking of {date}"
            index = dates.index(date)
            named = ""
            if public_new and index > 0:
                said, named = _light_counts(after[dates[index - 1]], b, head)
                line += f": {said} than on {dates[index - 1]}"
            elif public_new:
                assessed = sum(1 for light in b.lights.values() if light != "n/a")
                line += f": {assessed} indicators assessed"
            lines.append(line + "." + named)  # each changed light on a line of its own
            continue
        if a.kind != b.kind:
            lines.append(f"Benchmarking of {date}: kind {a.kind} → {b.kind}.")
        if public_new and (not public_old or _results(a) != _results(b)):
            if public_old and a.lights != b.lights:
                changed = [f"{code} {a.lights.get(code, 'n/a')} → {b.lights.get(code, 'n/a')}"
                           for code in sorted(set(a.lights) | set(b.lights))
                           if a.lights.get(code) != b.lights.get(code)]
                lines.append(f"Benchmarking of {date}: lights changed: " + ", ".join(changed)
                             + ".")
            elif public_old:
                lines.append(f"Benchmarking of {date}: score or improvements changed.")
    lines += _label_lines(old, new, base, head, as_of)
    lines += _event_lines(old.story_events if old else (), new.story_events)
    lines += _action_lines(old.plan.actions if old and old.plan else (),
                           new.plan.actions if new.plan else (), "Plan action")
    return lines


def _results(assessment: AssessmentFile) -> tuple[Any, ...]:
    """What of a benchmarking only a publishing cluster shows."""
    return (tuple(sorted(assessment.lights.items())), assessment.score_percent,
            tuple((i.indicator, _text(i.text)) for i in assessment.improvements),
            assessment.illustrative)


def _label_lines(old: Cluster | None, new: Cluster, base: Dataset, head: Dataset,
                 as_of: dt.date) -> list[str]:
    def states(cluster: Cluster | None, dataset: Dataset) -> dict[tuple[str, str], Any]:
        if cluster is None:
            return {}
        return {(s.level, s.awarded.isoformat()): s
                for s in compute.label_states(cluster, dataset.rules, as_of)}

    before, after = states(old, base), states(new, head)
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


def _event_lines(old: Iterable[Event], new: Iterable[Event]) -> list[str]:
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


def _forum_lines(old: ForumFile | None, new: ForumFile | None, base: Dataset,
                 head: Dataset) -> list[str]:
    if new is None:
        return ["Removed from the site."]
    lines = ["New forum."] if old is None else []

    def members(forum: ForumFile | None, dataset: Dataset) -> dict[str, tuple[str, str]]:
        if forum is None:
            return {}
        return {m.cluster: (m.joined.isoformat(), m.left.isoformat() if m.left else "")
                for m in forum.members}

    before, after = members(old, base), members(new, head)
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


def _cluster_name(head: Dataset, base: Dataset, cluster_id: str) -> str:
    cluster = head.clusters.get(cluster_id) or base.clusters.get(cluster_id)
    return _text(cluster.name) if cluster is not None else cluster_id


def sections(base: Dataset, head: Dataset, as_of: dt.date) -> list[Section]:
    """The forums and clusters whose published facts differ, each with what differs."""
    found: list[Section] = []
    for forum_id in sorted(set(base.forums) | set(head.forums)):
        old, new = base.forums.get(forum_id), head.forums.get(forum_id)
        lines = _forum_lines(old, new, base, head)
        if lines:
            record = new or old
            assert record is not None  # the id is of one of the two
            name = _text(record.name)
            found.append(Section(f"Forum {name} (`{forum_id}`)", lines))
    for cluster_id in sorted(set(base.clusters) | set(head.clusters)):
        was, now = base.clusters.get(cluster_id), head.clusters.get(cluster_id)
        lines = _cluster_lines(was, now, base, head, as_of)
        if lines:
            cluster = now or was
            assert cluster is not None  # the id is of one of the two
            name = _text(cluster.name)
            found.append(Section(f"Cluster {name} (`{cluster_id}`)", lines))
    return found


def summary_markdown(base: Dataset, head: Dataset, as_of: dt.date, base_name: str,
                     notes: Mapping[str, str] | None = None) -> str:
    """The Markdown summary of what the change does on the site."""
    found = sections(base, head, as_of)
    out = [f"## What this change does on the site (as of {as_of.isoformat()})", ""]
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
