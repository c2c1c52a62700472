"""The incremental build's keys: one per cluster, forum and indicator page, made of
everything the page and its charts are made from. A page whose key is the one the last
build recorded is kept as it was instead of being rendered again."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from functools import cache
from pathlib import Path

from generator.data.history import ChangeDates
from generator.data.model import Cluster, Dataset
from generator.data.schema import AssessmentFile
from generator.results import compute
from generator.site.i18n import Language


def _digest(parts: list[str]) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


@cache
def _code_digest() -> str:
    """What of the generator itself decides a page: its code, templates and catalogs."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".j2", ".po") and path.is_file():
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def unit_keys(dataset: Dataset, language: Language, as_of: dt.date, changes: ChangeDates,
              standing: Sequence[tuple[Cluster, AssessmentFile]]
              ) -> dict[tuple[str, str], str]:
    """A key for each cluster, forum and indicator page that changes whenever anything
    the page or its charts show changes: the files they are made from, the as-of date, the
    language and the generator's own code, templates and catalogs. ``standing``: the
    latest assessment of every cluster that publishes, as the indicator pages list them."""
    digests = dataset.digests
    shared = _digest([as_of.isoformat(), language.code, _code_digest(),
                      *(digests.get(name, "") for name in
                        ("site.yaml", "indicators.yaml", "rules.yaml"))])

    by_folder: dict[str, list[str]] = {}  # a cluster's files: clusters/<id>/...
    for rel, d in sorted(digests.items()):
        folder = "/".join(rel.split("/", 2)[:2])
        by_folder.setdefault(folder, []).append(f"{rel}={d}")

    def files_of(folder: str) -> list[str]:
        return by_folder.get(folder, [])

    keys: dict[tuple[str, str], str] = {}
    for cluster in dataset.clusters.values():
        parts = [shared, *files_of(cluster.source_dir),
                 str(changes.folder(cluster.source_dir))]
        parts += [digests.get(f"forums/{f}.yaml", "") for f in cluster.forum_ids]
        keys[("cluster", cluster.id)] = _digest(parts)
    for forum in dataset.forums.values():
        parts = [shared, digests.get(f"forums/{forum.id}.yaml", "")]
        parts += [d for g in forum.peer_groups
                  for d in [digests.get(f"peer-groups/{g}.yaml", "")]]
        for member in forum.members:
            parts += files_of(dataset.clusters[member.cluster].source_dir)
        keys[("forum", forum.id)] = _digest(parts)
    # An indicator page (and its chart) shows every publishing cluster's latest light
    # on it: its key is those lights, with the names and dates shown beside them.
    groups = [f"{rel}={d}" for rel, d in sorted(digests.items())
              if rel.startswith("peer-groups/")]
    benchmarked = compute.benchmarked_count(dataset, as_of)
    rows = [(json.dumps([c.id, c.name.same, c.name.by_language, str(a.date),
                         a.illustrative], ensure_ascii=False), a.lights)
            for c, a in standing]
    for indicator in dataset.catalogue.indicators:
        parts = [shared, indicator.id, str(benchmarked), *groups]
        parts += [f"{row}={lights.get(indicator.id)}" for row, lights in rows]
        keys[("indicator", indicator.id)] = _digest(parts)
    return keys
