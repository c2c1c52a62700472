"""What's new: the latest events, label awards, benchmarkings and plan changes, newest
first, for the What's new page and the Atom feed of each language.

Everything listed is dated on or before the build's as-of date. Consent holds here as
everywhere: a benchmarking of a cluster that does not publish its indicators is listed
by its date and kind only; the lights (as counts) are shown for clusters that publish.
Plan changes are dated by the last change of the cluster's plan.yaml (see ``changes``)
and by the ``started`` date of a forum's joint actions. The feed's ``updated`` is its
newest entry's date, never the time of the build, so the same data gives the same feed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

from generator.base.dates import PartialDate
from generator.base.text import Text, one_line
from generator.data.history import ChangeDates
from generator.data.model import Cluster, Dataset
from generator.data.schema import ForumFile
from generator.site import vocabulary
from generator.site.i18n import Language

LIMIT = 50
"""How many entries the What's new page and the feed list."""
LIGHT_KEYS = ("green", "yellow", "red", "n/a")
STATUSES = ("in-progress", "planned", "done", "dropped")
_NAMESPACE = uuid.UUID("6f1c8a52-4a1e-5c33-9a4f-2f6b0e1d7c90")
"""Entry ids are uuid5 names in this namespace: stable for the same entry in every build."""


@dataclass(frozen=True)
class NewsItem:
    """One line of What's new and one entry of the feed."""

    date: PartialDate
    kind: str
    """An event kind (meeting, workshop, ...), or label, benchmarking, plan, joint-action."""
    title: Text
    key: str
    """What the entry is about, for its stable id: kind, subject and date."""
    cluster: Cluster | None = None
    forum: ForumFile | None = None
    place: Text | None = None
    description: Text | None = None
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


def kind_name(kind: str, language: Language) -> str:
    """The name of an entry's kind in the page's language."""
    names = {
        "meeting": language.gettext("Meeting"),
        "workshop": language.gettext("Workshop"),
        "benchmarking": language.gettext("Benchmarking"),
        "label": language.gettext("Label"),
        "report": language.gettext("Report"),
        "expert-visit": language.gettext("Expert visit"),
        "milestone": language.gettext("Milestone"),
        "plan": language.gettext("Improvement plan"),
        "joint-action": language.gettext("Joint action"),
    }
    return names.get(kind, kind)


def status_text(status: str, language: Language) -> str:
    return {"planned": language.gettext("planned"),
            "in-progress": language.gettext("in progress"),
            "done": language.gettext("done"),
            "dropped": language.gettext("dropped")}.get(status, status)


def collect(dataset: Dataset, language: Language, as_of: dt.date,
            changes: ChangeDates | None = None, limit: int = LIMIT) -> list[NewsItem]:
    """The latest entries on or before ``as_of``, newest first."""
    _ = language.gettext
    code = language.code
    fallbacks = (language.default,)
    items: list[NewsItem] = []
    for forum in dataset.forums.values():
        for event in forum.events:
            items.append(NewsItem(event.date, event.kind, event.title,
                                  f"event/forum/{forum.id}/{event.date}/{event.title}",
                                  forum=forum, place=event.place,
                                  description=event.description))
        for action in forum.joint_actions:
            if action.started is None:
                continue
            title = _("Joint action started: %(title)s") % {
                "title": action.title.get(code, fallbacks)}
            items.append(NewsItem(action.started, "joint-action", Text(same=title),
                                  f"joint-action/{forum.id}/{action.id}/{action.started}",
                                  forum=forum))
    for cluster in dataset.clusters.values():
        name = cluster.name.get(code, fallbacks)
        for event in cluster.story_events:
            items.append(NewsItem(event.date, event.kind, event.title,
                                  f"event/cluster/{cluster.id}/{event.date}/{event.title}",
                                  cluster=cluster, place=event.place,
                                  description=event.description))
        for label in cluster.labels:
            title = vocabulary.label_awarded(label.level, name, language)
            items.append(NewsItem(label.awarded, "label", Text(same=title),
                                  f"label/{cluster.id}/{label.level}/{label.awarded}",
                                  cluster=cluster))
        for assessment in cluster.assessments:
            counts: dict[str, int] = {}
            if cluster.publish_indicators:
                counts = {light: 0 for light in LIGHT_KEYS}
                for value in assessment.lights.values():
                    counts[value] += 1
            title = vocabulary.assessment_name(assessment.kind, language)
            items.append(NewsItem(assessment.date, "benchmarking", Text(same=title),
                                  f"assessment/{cluster.id}/{assessment.date}",
                                  cluster=cluster, counts=counts))
        changed = changes.file(f"{cluster.source_dir}/plan.yaml") if changes else None
        if cluster.plan is not None and changed is not None:
            statuses = [a.status for a in cluster.plan.actions]
            title = language.ngettext(
                "Improvement plan updated: %(num)d action", "Improvement plan updated: "
                "%(num)d actions", len(statuses)) % {"num": len(statuses)}
            detail = language.join(f"{statuses.count(s)} {status_text(s, language)}"
                               for s in STATUSES if s in statuses)
            items.append(NewsItem(PartialDate.from_date(changed), "plan", Text(same=title),
                                  f"plan/{cluster.id}/{changed.isoformat()}",
                                  cluster=cluster, detail=detail or None))
    items = [item for item in items if item.date.first_day() <= as_of]
    items.sort(key=lambda i: (i.date.sort_key(), _KIND_ORDER.get(i.kind, 0),
                              i.subject.get(code, fallbacks).casefold(),
                              i.title.get(code, fallbacks)), reverse=True)
    return items[:limit]


_KIND_ORDER = {"label": 3, "benchmarking": 2, "plan": 1}


# --- Atom ----------------------------------------------------------------------------------


def _timestamp(date: PartialDate) -> str:
    return date.first_day().isoformat() + "T00:00:00Z"


def _url(page: str) -> str:
    """A docs-relative Markdown page as its URL below the language root (directory URLs)."""
    stem = page.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _plain(text: Text | None, language: Language) -> str:
    if text is None:
        return ""
    return one_line(text.get(language.code, (language.default,)))


def summary(item: NewsItem, language: Language) -> str:
    """An entry's text for the feed: date, kind, place, lights and description."""
    from generator.site.render import light_name

    parts = [f"{language.date(item.date)} · {kind_name(item.kind, language)}"]
    if item.place is not None:
        parts[0] += f" ({_plain(item.place, language)})"
    if item.detail:
        parts.append(item.detail)
    if item.counts:
        parts.append(", ".join(f"{light_name(light, language)}: {item.counts[light]}"
                               for light in LIGHT_KEYS))
    if item.description is not None:
        parts.append(_plain(item.description, language))
    return ". ".join(parts)


def atom_feed(items: Iterable[NewsItem], dataset: Dataset, language: Language,
              as_of: dt.date, base: str | None) -> str:
    """The Atom feed of a language. ``base`` is the absolute URL of the language's root
    (ending in /) when the site has a site_url; without it, links are relative to the feed,
    which sits at the language's root."""
    entries = list(items)
    _ = language.gettext
    site_title = _plain(dataset.site.title, language)
    heading = _("What's new")
    prefix = base or ""
    newest = entries[0].date if entries else PartialDate.from_date(as_of)
    feed_id = (f"{base}feed.xml" if base else
               f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'feed/{language.code}/{site_title}')}")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(language.code)}>',
        f"  <title>{escape(site_title)}: {escape(heading)}</title>",
    ]
    if dataset.site.description is not None:
        lines.append(f"  <subtitle>{escape(_plain(dataset.site.description, language))}"
                     "</subtitle>")
    lines += [
        f"  <id>{escape(feed_id)}</id>",
        f"  <updated>{_timestamp(newest)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(prefix + "feed.xml")}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(prefix + "whats-new/")}/>',
        f"  <author><name>{escape(site_title)}</name></author>",
        "  <generator>klyngeforum</generator>",
    ]
    for item in entries:
        title = f"{_plain(item.subject, language)}: {_plain(item.title, language)}"
        entry_id = uuid.uuid5(_NAMESPACE, f"{language.code}/{item.key}")
        lines += [
            "  <entry>",
            f"    <title>{escape(title)}</title>",
            f"    <id>urn:uuid:{entry_id}</id>",
            f"    <updated>{_timestamp(item.date)}</updated>",
            f'    <link rel="alternate" type="text/html" '
            f"href={quoteattr(prefix + _url(item.page))}/>",
            f"    <category term={quoteattr(item.kind)} "
            f"label={quoteattr(kind_name(item.kind, language))}/>",
            f"    <summary>{escape(summary(item, language))}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"
