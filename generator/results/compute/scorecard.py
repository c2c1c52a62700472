"""A forum's portfolio scorecard: the publishing members' latest lights, pooled by
area and indicator, against the peer groups'."""

from __future__ import annotations

import datetime as dt
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType

from generator.data.model import Cluster, Dataset
from generator.data.schema import (
    AssessmentFile,
    ForumFile,
    LightCounts,
    PeerGroupFile,
)
from generator.results.compute.labels import _assessed_by

# --- scorecard -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shares:
    """The shares of green, yellow and red among the lights counted (n/a, missing left out)."""

    green: float
    yellow: float
    red: float
    assessed: int
    green_n: int
    yellow_n: int
    red_n: int

    @classmethod
    def of(cls, green_n: int, yellow_n: int, red_n: int) -> Shares:
        """Shares from counts; all three are 0.0 when nothing was assessed."""
        assessed = green_n + yellow_n + red_n
        if assessed == 0:
            return cls(0.0, 0.0, 0.0, 0, 0, 0, 0)
        return cls(green_n / assessed, yellow_n / assessed, red_n / assessed, assessed,
                   green_n, yellow_n, red_n)

    @classmethod
    def pooled(cls, parts: Iterable[Shares]) -> Shares:
        """The shares of several counts taken together."""
        green = yellow = red = 0
        for part in parts:
            green += part.green_n
            yellow += part.yellow_n
            red += part.red_n
        return cls.of(green, yellow, red)

    @property
    def green_fraction(self) -> Fraction | None:
        """The exact green share, or None when nothing was assessed."""
        return Fraction(self.green_n, self.assessed) if self.assessed else None


def _counts_shares(counts: LightCounts | None) -> Shares:
    if counts is None:
        return Shares.of(0, 0, 0)
    return Shares.of(counts.green, counts.yellow, counts.red)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of the scorecard: the forum's shares and each peer group's."""

    indicator: str
    area: str
    forum: Shares
    peers: Mapping[str, Shares] = field(hash=False)
    """Peer group id to its shares, in the forum's order of peer groups."""


@dataclass(frozen=True)
class AreaRow:
    """One area of the scorecard, pooled over its indicators."""

    area: str
    forum: Shares
    peers: Mapping[str, Shares] = field(hash=False)
    green_gap: float | None = None
    """The forum's green share minus the mean peer green share (None: nothing to compare)."""


@dataclass(frozen=True)
class Scorecard:
    """A forum's portfolio on the as-of date, against its peer groups."""

    forum_id: str
    members_total: int
    """Member clusters on the as-of date (the M of "N of M member clusters")."""
    covered: tuple[str, ...]
    """Members counted: they publish their results and have an assessment (the N)."""
    peer_groups: tuple[str, ...]
    by_indicator: tuple[IndicatorRow, ...]
    by_area: tuple[AreaRow, ...]
    strongest: tuple[str, ...]
    """Area ids with the largest green gap (ties all listed); empty without peers/coverage."""
    weakest: tuple[str, ...]
    """Area ids with the smallest green gap (ties all listed); empty without peers/coverage."""
    illustrative: bool = False
    """True when a counted assessment or a peer group says its figures are examples."""


def latest_lights(cluster: Cluster, as_of: dt.date) -> AssessmentFile | None:
    """The cluster's latest assessment on or before ``as_of`` (consent is the caller's)."""
    dated = [a for a in cluster.assessments if _assessed_by(a, as_of)]
    return max(dated, key=lambda a: a.date.sort_key()) if dated else None


def scorecard(dataset: Dataset, forum: ForumFile, as_of: dt.date,
              publishing: Container[str]) -> Scorecard:
    """A forum's scorecard: the latest lights of its current members whose ids are in
    ``publishing`` (decided by the published view) against its peer groups."""
    members = dataset.member_clusters(forum, as_of)
    counted: list[tuple[str, AssessmentFile]] = []
    for cluster in members:
        if cluster.id not in publishing:
            continue
        latest = latest_lights(cluster, as_of)
        if latest is not None:
            counted.append((cluster.id, latest))
    groups: tuple[PeerGroupFile, ...] = dataset.peer_groups_of(forum)

    by_indicator = []
    for indicator in dataset.catalogue.indicators:
        lights = [a.lights.get(indicator.id) for _, a in counted]
        forum_shares = Shares.of(lights.count("green"), lights.count("yellow"),
                                 lights.count("red"))
        peers = {g.id: _counts_shares(g.lights.get(indicator.id)) for g in groups}
        by_indicator.append(IndicatorRow(indicator.id, indicator.area, forum_shares,
                                         MappingProxyType(peers)))

    by_area = []
    gaps: dict[str, Fraction] = {}
    for area in dataset.catalogue.areas:
        rows = [r for r in by_indicator if r.area == area.id]
        forum_shares = Shares.pooled(r.forum for r in rows)
        peers = {g.id: Shares.pooled(r.peers[g.id] for r in rows) for g in groups}
        gap = _green_gap(forum_shares, peers.values())
        if gap is not None:
            gaps[area.id] = gap
        by_area.append(AreaRow(area.id, forum_shares, MappingProxyType(peers),
                               None if gap is None else float(gap)))

    strongest: tuple[str, ...] = ()
    weakest: tuple[str, ...] = ()
    if gaps:
        high, low = max(gaps.values()), min(gaps.values())
        strongest = tuple(a for a, g in gaps.items() if g == high)
        weakest = tuple(a for a, g in gaps.items() if g == low)

    return Scorecard(
        forum_id=forum.id,
        members_total=len(members),
        covered=tuple(cluster_id for cluster_id, _ in counted),
        peer_groups=tuple(g.id for g in groups),
        by_indicator=tuple(by_indicator),
        by_area=tuple(by_area),
        strongest=strongest,
        weakest=weakest,
        illustrative=any(a.illustrative for _, a in counted) or any(g.illustrative
                                                                    for g in groups),
    )


def _green_gap(forum: Shares, peers: Iterable[Shares]) -> Fraction | None:
    mine = forum.green_fraction
    theirs = [f for f in (p.green_fraction for p in peers) if f is not None]
    if mine is None or not theirs:
        return None
    return mine - sum(theirs, Fraction(0)) / len(theirs)
