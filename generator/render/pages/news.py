"""What's new: the latest events, label awards, benchmarkings and plan changes, newest
first, for the What's new page and the Atom feed of each language.

The entries are the published view's (``generator.results.view``): everything listed is
dated on or before the build's as-of date, and a benchmarking of a cluster that does not
publish its indicators is listed by its date and kind only; the lights (as counts) are
shown for clusters that publish. Plan changes are dated by the last change of the
cluster's plan.yaml and by the ``started`` date of a forum's joint actions. The feed's
``updated`` is its newest entry's date, never the time of the build, so the same data
gives the same feed.

Each entry is as sure as the records it tells of (an event, a label, a benchmarking, a
plan's actions, a joint action): one that rests on an inferred record says "(inferred)"
in its own text, one that rests on example data "(example data)", on the page and in
the feed alike, since a feed reader shows an entry without the page around it.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TypedDict
from xml.sax.saxutils import escape, quoteattr

from generator.base.dates import PartialDate
from generator.base.text import Text, one_line
from generator.data.schema import LIGHTS
from generator.render.pages.jinja import certainty_of, least_certain, sources_of
from generator.render.pages.models import DatedEntry
from generator.render.text import vocabulary
from generator.render.text.i18n import Language
from generator.render.text.vocabulary import certainty_note, kind_name, status_count
from generator.results.view import NewsEntry, PublishedView

LIMIT = 50
"""How many entries the What's new page and the feed list."""
STATUSES = ("in-progress", "planned", "done", "dropped")
_NAMESPACE = uuid.UUID("6f1c8a52-4a1e-5c33-9a4f-2f6b0e1d7c90")
"""Entry ids are uuid5 names in this namespace: stable for the same entry in every build."""


class _Sure(TypedDict):
    """How sure an item is and its sources: the keywords every DatedEntry is given."""

    certainty: str
    source: tuple[str, ...] | None


def collect(view: PublishedView, language: Language, limit: int = LIMIT) -> list[DatedEntry]:
    """The latest entries of the published view (all dated by its as-of date), newest
    first, worded in ``language``."""
    _ = language.gettext
    code = language.code
    fallbacks = (language.default,)
    items: list[DatedEntry] = []
    for entry in view.news:
        cluster, forum = entry.cluster, entry.forum
        told = _records(entry)
        sure: _Sure = {"certainty": least_certain(certainty_of(r) for r in told),
                       "source": tuple(dict.fromkeys(ref for r in told
                                                     for ref in sources_of(r) or ())) or None}
        if entry.event is not None:
            # an event its source only announced is never told as held
            announced = (_("announced; not known to have been held")
                         if entry.event.announced else None)
            items.append(DatedEntry(entry.date, entry.kind, entry.event.title, key=entry.key,
                                    place=entry.event.place,
                                    description=entry.event.description, detail=announced,
                                    cluster=cluster, forum=forum, **sure))
        elif entry.kind == "joint-action":
            assert entry.joint is not None
            title = _("Joint action started: %(title)s") % {
                "title": entry.joint.title.get(code, fallbacks)}
            items.append(DatedEntry(entry.date, entry.kind, Text(same=title), key=entry.key,
                                    cluster=cluster, forum=forum, **sure))
        elif entry.kind == "label":
            assert entry.cluster is not None and entry.level is not None
            title = vocabulary.label_awarded(entry.level, entry.cluster.name.get(code, fallbacks),
                                             language)
            items.append(DatedEntry(entry.date, entry.kind, Text(same=title), key=entry.key,
                                    cluster=cluster, forum=forum, **sure))
        elif entry.kind == "benchmarking":
            assert entry.level is not None
            title = vocabulary.assessment_name(entry.level, language)
            kind = vocabulary.ASSESSMENT_KINDS[entry.level]  # only bronze is a benchmarking
            items.append(DatedEntry(entry.date, kind, Text(same=title), key=entry.key,
                                    counts=dict(entry.counts or {}), cluster=cluster, forum=forum,
                                    **sure))
        else:  # plan
            statuses = entry.statuses
            title = language.ngettext(
                "Improvement plan updated: %(num)d action", "Improvement plan updated: "
                "%(num)d actions", len(statuses)) % {"num": len(statuses)}
            detail = language.join(status_count(s, statuses.count(s), language)
                                   for s in STATUSES if s in statuses)
            items.append(DatedEntry(entry.date, entry.kind, Text(same=title), key=entry.key,
                                    detail=detail or None, cluster=cluster, forum=forum,
                                    **sure))
    items.sort(key=lambda i: (i.date.sort_key(), _KIND_ORDER.get(i.kind, 0),
                              i.subject.get(code, fallbacks).casefold(),
                              i.title.get(code, fallbacks)), reverse=True)
    return items[:limit]


_KIND_ORDER = {"label": 3, "benchmarking": 2, "expert-visit": 2, "gold-assessment": 2,
               "plan": 1}


def _records(entry: NewsEntry) -> tuple[object, ...]:
    """The records an entry of What's new tells of, for how sure it is: its event or
    joint action; a label's award; a benchmarking (a withheld one has no certainty of
    its own: the cluster's); a plan's actions (the plan itself when it has none)."""
    if entry.event is not None:
        return (entry.event,)
    if entry.joint is not None:
        return (entry.joint,)
    cluster = entry.cluster
    assert cluster is not None
    if entry.kind == "label":
        return tuple(s for s in cluster.labels
                     if s.level == entry.level and s.awarded == entry.date)
    if entry.kind == "benchmarking":
        found = [a for a in cluster.assessments if a.date == entry.date]
        return tuple(a if getattr(a, "published", False) else cluster for a in found)
    if cluster.plan is not None:
        return tuple(cluster.plan.actions) or (cluster.plan,)
    return ()


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


def summary(item: DatedEntry, language: Language) -> str:
    """An entry's text for the feed: date, kind, place, lights and description."""

    parts = [f"{language.date(item.date)} · {kind_name(item.kind, language)}"]
    if item.place is not None:
        parts[0] += f" ({_plain(item.place, language)})"
    if item.detail:
        parts.append(item.detail)
    if item.counts:
        parts.append(vocabulary.light_counts(item.counts, language, LIGHTS))
    if item.description is not None:
        parts.append(_plain(item.description, language))
    return ". ".join(parts)


def atom_feed(items: Iterable[DatedEntry], view: PublishedView, language: Language,
              base: str | None) -> str:
    """The Atom feed of a language. ``base`` is the absolute URL of the language's root
    (ending in /) when the site has a site_url; without it, links are relative to the feed,
    which sits at the language's root."""
    entries = list(items)
    _ = language.gettext
    site_title = _plain(view.site.title, language)
    heading = _("What's new")
    prefix = base or ""
    newest = entries[0].date if entries else PartialDate.from_date(view.as_of)
    feed_id = (f"{base}feed.xml" if base else
               f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'feed/{language.code}/{site_title}')}")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(language.code)}>',
        f"  <title>{escape(site_title)}: {escape(heading)}</title>",
    ]
    if view.site.description is not None:
        lines.append(f"  <subtitle>{escape(_plain(view.site.description, language))}"
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
        if item.certainty != "confirmed":
            title += f" {certainty_note(item.certainty, language)}"
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
