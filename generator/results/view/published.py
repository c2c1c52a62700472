"""The view itself: every cluster, forum and indicator, the published lights, the
citations of sources, made once by ``published_view``."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.history import ChangeDates
from generator.data.model import Catalogue, Dataset
from generator.data.schema import (
    PeerGroupFile,
    RulesFile,
    SiteFile,
    Source,
)
from generator.results import compute
from generator.results.strategy import StrategyView, strategy_view
from generator.results.view.clusters import ClusterView, _cluster
from generator.results.view.forums import ForumView, MatrixColumn, _forum
from generator.results.view.indicators import IndicatorView, NewsEntry, Standing, _news

# --- the view ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LightRow:
    """One published light: a line of the open data's lights.csv."""

    cluster: str
    date: PartialDate
    indicator: str
    light: str
    illustrative: bool


@dataclass(frozen=True)
class Citation:
    """One source as a page or a document cites it."""

    id: str | None
    """The id in sources.yaml (None for a web address written in the record itself)."""
    title: Text | None
    url: str | None
    publisher: Text | None
    date: PartialDate | None


@dataclass(frozen=True)
class PublishedView:
    """Everything the public may see on the as-of date (see the module's docstring)."""

    as_of: dt.date
    site: SiteFile
    catalogue: Catalogue
    rules: RulesFile
    peer_groups: Mapping[str, PeerGroupFile]
    forums: Mapping[str, ForumView]
    clusters: Mapping[str, ClusterView]
    indicators: Mapping[str, IndicatorView]
    label_rows: tuple[tuple[ClusterView, compute.LabelState], ...]
    """Every cluster with a label and its label, soonest expiry first (the Labels page)."""
    awards: tuple[tuple[ClusterView, compute.LabelState], ...]
    """Every label awarded by the as-of date, newest first."""
    labels_held: tuple[tuple[dt.date, Mapping[str, int]], ...]
    """How many clusters held each level as their highest, on each date it changed."""
    benchmarked: int
    """How many clusters had been benchmarked (publishing or not)."""
    standing: tuple[MatrixColumn, ...]
    """Every publishing, benchmarked cluster with its latest assessment, in data order."""
    light_rows: tuple[LightRow, ...]
    news: tuple[NewsEntry, ...]
    """What's new, every entry dated by the as-of date, in no particular order."""
    illustrative: bool
    """Whether a peer group or any published result is illustrative."""
    digests: Mapping[str, str] = field(default_factory=dict)
    """A digest of every data file by its path (for the incremental build's keys)."""
    strategy: StrategyView = field(default_factory=StrategyView)
    """The regional strategy (S3 priorities, stress tests, actor maps, support processes,
    surveys) on the as-of date."""
    sources: Mapping[str, Source] = field(default_factory=dict)
    """The registry of sources.yaml by id."""

    def cite(self, *refs: tuple[str, ...] | None) -> tuple[Citation, ...]:
        """The sources behind the records whose ``source`` values are ``refs``, each once,
        in the order first named: a registry entry by its id, a web address as itself."""
        found: dict[str, Citation] = {}
        for group in refs:
            for ref in group or ():
                if ref in found:
                    continue
                entry = self.sources.get(ref)
                found[ref] = (Citation(ref, entry.title, entry.url, entry.publisher, entry.date)
                              if entry is not None else Citation(None, None, ref, None, None))
        return tuple(found.values())

    def first_url(self, refs: tuple[str, ...] | None) -> str | None:
        """The first web address among a record's sources (a registry entry's ``url``)."""
        return next((c.url for c in self.cite(refs) if c.url), None)

    @property
    def languages(self) -> tuple[str, ...]:
        """The site languages, default first."""
        return self.site.languages

    def cluster_forums(self, cluster: ClusterView) -> tuple[ForumView, ...]:
        """The forums a cluster is or was a member of."""
        return tuple(self.forums[f] for f in cluster.forum_ids)


def published_view(dataset: Dataset, as_of: dt.date,
                   changes: ChangeDates | None = None) -> PublishedView:
    """The published view of ``dataset`` on ``as_of``. ``changes``: when each data file
    last changed (cluster pages say it; What's new lists plan updates)."""
    changes = changes or ChangeDates()
    clusters = {c.id: _cluster(dataset, c, as_of, changes) for c in dataset.clusters.values()}
    forums = {f.id: _forum(dataset, f, clusters, as_of) for f in dataset.forums.values()}
    standing = tuple(MatrixColumn(c, latest) for c in clusters.values()
                     if (latest := c.latest_published) is not None)
    benchmarked = sum(1 for c in clusters.values() if c.assessments)
    indicators = {}
    for indicator in dataset.catalogue.indicators:
        groups = tuple((g, g.lights.get(indicator.id)) for g in dataset.peer_groups.values())
        rows = tuple(Standing(s.cluster, s.latest, s.latest.lights.get(indicator.id))
                     for s in standing)
        indicators[indicator.id] = IndicatorView(
            indicator, rows, groups, benchmarked,
            illustrative=any(r.assessment.illustrative for r in rows) or any(
                g.illustrative for g, counts in groups if counts is not None))
    order = {indicator.id: i for i, indicator in enumerate(dataset.catalogue.indicators)}
    keyed = []
    for c in clusters.values():
        for a in c.published_assessments:
            day = a.date.isoformat()  # once per assessment, not per light
            keyed += [((c.id, day, order.get(code, len(order)), code),
                       LightRow(c.id, a.date, code, light, a.illustrative))
                      for code, light in a.lights.items()]
    keyed.sort(key=lambda pair: pair[0])
    light_rows = [row for _key, row in keyed]
    awards = sorted(((clusters[c.id], state) for c in clusters.values() for state in c.labels),
                    key=lambda item: (item[1].awarded.sort_key(), item[0].id), reverse=True)
    return PublishedView(
        as_of=as_of, site=dataset.site, catalogue=dataset.catalogue, rules=dataset.rules,
        peer_groups=dataset.peer_groups, forums=MappingProxyType(forums),
        clusters=MappingProxyType(clusters), indicators=MappingProxyType(indicators),
        label_rows=tuple((clusters[cluster_id], state) for cluster_id, state
                         in compute.label_timeline(dataset, as_of)),
        awards=tuple(awards),
        labels_held=_labels_held(clusters.values(), as_of),
        benchmarked=benchmarked, standing=standing, light_rows=tuple(light_rows),
        news=_news(forums, clusters, as_of),
        illustrative=any(g.illustrative for g in dataset.peer_groups.values()) or any(
            c.illustrative for c in clusters.values()),
        digests=dataset.digests,
        strategy=strategy_view(dataset, as_of),
        sources=dataset.sources,
    )


def _labels_held(clusters: Iterable[ClusterView], as_of: dt.date
                 ) -> tuple[tuple[dt.date, Mapping[str, int]], ...]:
    """The dates up to ``as_of`` on which the number of clusters holding a valid label
    changes, with how many hold each level as their highest; the last entry is ``as_of``.

    A label is held from the first day of ``awarded`` to the last day of its validity.
    One sweep over the starts and ends: linear in the number of labels.
    """
    starts: dict[dt.date, list[tuple[str, str]]] = {}
    ends: dict[dt.date, list[tuple[str, str]]] = {}
    for cluster in clusters:
        for state in cluster.labels:
            begin = state.awarded.first_day()
            stop = state.valid_until.last_day() + dt.timedelta(days=1)
            starts.setdefault(begin, []).append((cluster.id, state.level))
            ends.setdefault(stop, []).append((cluster.id, state.level))
    if not starts:
        return ()
    held: dict[str, Counter[str]] = {}
    counts: Counter[str] = Counter()
    result: list[tuple[dt.date, dict[str, int]]] = []

    def highest(cluster_id: str) -> str | None:
        levels = [level for level, n in held.get(cluster_id, Counter()).items() if n > 0]
        return max(levels, key=compute.LEVELS.index) if levels else None

    for day in sorted(set(starts) | set(ends)):
        if day > as_of:
            break
        touched = {c for c, _l in starts.get(day, [])} | {c for c, _l in ends.get(day, [])}
        before = {c: highest(c) for c in touched}
        for cluster_id, level in ends.get(day, []):
            held[cluster_id][level] -= 1
        for cluster_id, level in starts.get(day, []):
            held.setdefault(cluster_id, Counter())[level] += 1
        for cluster_id in touched:
            old, new = before[cluster_id], highest(cluster_id)
            if old is not None:
                counts[old] -= 1
            if new is not None:
                counts[new] += 1
        snapshot = {level: n for level, n in counts.items() if n}
        if result and result[-1][1] == snapshot:
            continue
        result.append((day, snapshot))
    if result and result[-1][0] != as_of:
        result.append((as_of, dict(result[-1][1])))
    return tuple((day, MappingProxyType(snapshot)) for day, snapshot in result)
