"""The maps of the innovation system: each cluster's linked actors by kind, the
strongest link and the missing kinds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from generator.base.dates import PartialDate
from generator.data.model import Dataset
from generator.data.schema import (
    ActorKind,
    ActorMapFile,
    LinkStrength,
)
from generator.results.strategy.common import ACTOR_KINDS, STRENGTHS, _by

# --- actor maps ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KindLinks:
    """How many actors of one kind work with a cluster, and the strongest link."""

    actors: int
    strongest: LinkStrength


@dataclass(frozen=True)
class ClusterActors:
    """The actors linked to one cluster in an actor map, by kind."""

    cluster: str
    kinds: Mapping[ActorKind, KindLinks] = field(hash=False)
    """By kind of actor, in ``ACTOR_KINDS`` order; only kinds with a linked actor."""
    missing: tuple[ActorKind, ...]
    """Kinds with no linked actor: the missing links, in ``ACTOR_KINDS`` order."""


@dataclass(frozen=True)
class ActorMapResult:
    """One mapping of a region's innovation system, worked out."""

    date: PartialDate
    illustrative: bool
    clusters: tuple[ClusterActors, ...]
    """Every cluster linked in the map (member of the forum or not), by cluster id."""
    source: ActorMapFile = field(compare=False, repr=False)
    """The map as the data gives it (actors and gaps)."""


def actor_map(found: ActorMapFile) -> ActorMapResult:
    """The counts and strongest links per cluster and kind of actor of one map."""
    links: dict[str, dict[ActorKind, list[LinkStrength]]] = {}
    for actor in found.actors:
        strongest: dict[str, LinkStrength] = {}
        for link in actor.links:  # an actor linked twice to a cluster counts once
            known = strongest.get(link.cluster)
            if known is None or STRENGTHS.index(link.strength) > STRENGTHS.index(known):
                strongest[link.cluster] = link.strength
        for cluster_id, strength in strongest.items():
            links.setdefault(cluster_id, {}).setdefault(actor.kind, []).append(strength)
    clusters = []
    for cluster_id in sorted(links):
        by_kind = links[cluster_id]
        kinds = {kind: KindLinks(len(by_kind[kind]), max(by_kind[kind], key=STRENGTHS.index))
                 for kind in ACTOR_KINDS if kind in by_kind}
        clusters.append(ClusterActors(
            cluster_id, MappingProxyType(kinds),
            tuple(kind for kind in ACTOR_KINDS if kind not in by_kind)))
    return ActorMapResult(found.date, found.illustrative, tuple(clusters), found)


def actor_maps(dataset: Dataset, forum_id: str, as_of: dt.date) -> tuple[ActorMapResult, ...]:
    """Every actor map of a forum dated by ``as_of``, oldest first."""
    return tuple(actor_map(m) for m in dataset.actor_maps.get(forum_id, ())
                 if _by(m.date, as_of))


def latest_actor_maps(dataset: Dataset, as_of: dt.date) -> dict[str, ActorMapResult]:
    """The latest actor map by ``as_of`` of each forum that has one, in forum order."""
    latest = {}
    for forum_id in dataset.forums:
        maps = actor_maps(dataset, forum_id, as_of)
        if maps:
            latest[forum_id] = maps[-1]
    return latest


def cluster_actor_kinds(dataset: Dataset, cluster_id: str, as_of: dt.date,
                        latest: Mapping[str, ActorMapResult] | None = None,
                        ) -> tuple[tuple[str, ActorMapResult, ClusterActors], ...]:
    """(forum id, map, the cluster's actors) of the latest map by ``as_of`` of each forum
    whose map links the cluster, in forum order (``latest``: ``latest_actor_maps`` of the
    same dataset and date, when it is made once for every cluster)."""
    if latest is None:
        latest = latest_actor_maps(dataset, as_of)
    found = []
    for forum_id, result in latest.items():
        mine = next((c for c in result.clusters if c.cluster == cluster_id), None)
        if mine is not None:
            found.append((forum_id, result, mine))
    return tuple(found)
