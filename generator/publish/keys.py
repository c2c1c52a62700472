"""The incremental build's keys: one per cluster, forum and indicator page, made of
everything the page and its charts are made from, read from the published view. A page
whose key is the one the last build recorded is kept as it was instead of being rendered
again."""

from __future__ import annotations

import hashlib
import json

from generator.base.code import code_digest
from generator.render.text.i18n import Language
from generator.results.view import PublishedView


def _digest(parts: list[str]) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


def unit_keys(view: PublishedView, language: Language) -> dict[tuple[str, str], str]:
    """A key for each cluster, forum and indicator page that changes whenever anything
    the page or its charts show changes: the files they are made from, the as-of date, the
    language and the generator's own code, templates and catalogs."""
    digests = view.digests
    shared = _digest([view.as_of.isoformat(), language.code, code_digest(),
                      *(digests.get(name, "") for name in
                        ("site.yaml", "indicators.yaml", "rules.yaml",
                         "sources.yaml"))])  # every page and file may cite a source

    by_folder: dict[str, list[str]] = {}  # a cluster's files: clusters/<id>/...
    for rel, d in sorted(digests.items()):
        folder = "/".join(rel.split("/", 2)[:2])
        by_folder.setdefault(folder, []).append(f"{rel}={d}")

    def files_of(folder: str) -> list[str]:
        return by_folder.get(folder, [])

    keys: dict[tuple[str, str], str] = {}
    for cluster in view.clusters.values():
        parts = [shared, *files_of(cluster.source_dir), str(cluster.changed)]
        parts += [digests.get(f"forums/{f}.yaml", "") for f in cluster.forum_ids]
        parts += [f"{rel}={digests.get(rel, '')}"  # the regional strategy
                  for rel in view.strategy.cluster_files.get(cluster.id, ())]
        keys[("cluster", cluster.id)] = _digest(parts)
    for forum in view.forums.values():
        parts = [shared, digests.get(f"forums/{forum.id}.yaml", "")]
        parts += [d for g in forum.peer_groups
                  for d in [digests.get(f"peer-groups/{g}.yaml", "")]]
        for member in forum.members:
            parts += files_of(view.clusters[member.cluster].source_dir)
        for rel in view.strategy.forum_files.get(forum.id, ()):  # the regional strategy
            parts += [f"{rel}={digests.get(rel, '')}"] if rel.endswith(".yaml") else (
                files_of(rel))
        keys[("forum", forum.id)] = _digest(parts)
    # An indicator page (and its chart) shows every publishing cluster's latest light
    # on it: its key is those lights, with the names and dates shown beside them, and how
    # sure each benchmarking is and where it is stated (the page marks and cites them).
    groups = [f"{rel}={d}" for rel, d in sorted(digests.items())
              if rel.startswith("peer-groups/")]
    rows = [(json.dumps([s.cluster.id, s.cluster.name.same, s.cluster.name.by_language,
                         str(s.latest.date), s.latest.illustrative, s.latest.certainty,
                         s.latest.source], ensure_ascii=False),
             s.latest.lights) for s in view.standing]
    for indicator in view.catalogue.indicators:
        parts = [shared, indicator.id, str(view.benchmarked), *groups]
        parts += [f"{row}={lights.get(indicator.id)}" for row, lights in rows]
        keys[("indicator", indicator.id)] = _digest(parts)
    return keys
