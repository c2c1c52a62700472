"""The synthetic tree of the benchmarks is valid and the same for the same seed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.synth import write_tree
from generator.data.load import load_tree

REPO = Path(__file__).resolve().parents[1]


def _contents(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_small_synthetic_tree_is_valid(tmp_path: Path) -> None:
    counts = write_tree(tmp_path / "a", clusters=30, forums=4, assessments=3, seed=1)
    assert counts["clusters"] == 30 and counts["assessments"] == 90
    assert counts["files"] == len(_contents(tmp_path / "a"))
    result = load_tree(tmp_path / "a")
    assert result.problems == [], [p.format() for p in result.problems[:10]]
    dataset = result.dataset
    assert dataset is not None
    assert len(dataset.clusters) == 30 and len(dataset.forums) == 4
    assert len(dataset.catalogue.indicators) == 31
    assert all(len(c.assessments) == 3 for c in dataset.clusters.values())
    assert all(len(a.lights) == 31 for c in dataset.clusters.values() for a in c.assessments)
    assert all(a.illustrative for c in dataset.clusters.values() for a in c.assessments)
    assert all(g.illustrative for g in dataset.peer_groups.values())
    assert any(c.plan is not None for c in dataset.clusters.values())
    assert any(not c.publish_indicators for c in dataset.clusters.values())
    assert any(len(c.forum_ids) > 1 for c in dataset.clusters.values())


def test_small_synthetic_tree_has_the_regional_strategy(tmp_path: Path) -> None:
    """Every kind of regional-strategy data, marked as examples, and the counts say so."""
    counts = write_tree(tmp_path / "a", clusters=30, forums=4, assessments=3, seed=1)
    dataset = load_tree(tmp_path / "a").dataset
    assert dataset is not None
    forums = dataset.forums.values()
    assert all(f.strategy is not None and f.strategy.priorities and f.strategy.illustrative
               for f in forums)
    assert counts["priorities"] == sum(len(f.strategy.priorities) for f in forums
                                       if f.strategy is not None)
    areas = [(c, a) for c in dataset.clusters.values() for a in c.focus_areas]
    assert areas and counts["focus_areas"] == len(areas)
    assert all(a.illustrative and a.priorities for _, a in areas)
    assert all(ref.split("/")[0] in c.forum_ids for c, a in areas for ref in a.priorities)
    assert len(dataset.processes) == counts["processes"] >= 1
    records = [r for f in forums for r in f.support_processes]
    assert records and counts["support_processes"] == len(records)
    assert {s.status for r in records for s in r.steps} == {
        "done", "in-progress", "planned", "skipped"}
    assert dataset.stress_catalogue is not None
    tests = [t for group in dataset.stress_tests.values() for t in group]
    assert tests and counts["stress_tests"] == len(tests)
    assert all(t.illustrative for t in tests)
    assert any(len(group) > 1 for group in dataset.stress_tests.values())  # a change
    maps = [m for group in dataset.actor_maps.values() for m in group]
    assert maps and counts["actor_maps"] == len(maps)
    assert all(m.illustrative for m in maps)
    assert len({a.kind for m in maps for a in m.actors}) > 1
    assert all(a.links for m in maps for a in m.actors)
    surveys = list(dataset.surveys.values())
    assert surveys and counts["surveys"] == len(surveys)
    assert all(s.illustrative and s.forums for s in surveys)
    assert {q.kind for s in surveys for q in s.questions} == {"choice", "ranked"}


def test_same_seed_same_tree(tmp_path: Path) -> None:
    write_tree(tmp_path / "a", clusters=10, forums=2, seed=7)
    write_tree(tmp_path / "b", clusters=10, forums=2, seed=7)
    write_tree(tmp_path / "c", clusters=10, forums=2, seed=8)
    assert _contents(tmp_path / "a") == _contents(tmp_path / "b")
    assert _contents(tmp_path / "a") != _contents(tmp_path / "c")


def test_command_line(tmp_path: Path) -> None:
    out = tmp_path / "tree"
    result = subprocess.run(
        [sys.executable, "bench/synth.py", str(out), "--clusters", "5", "--forums", "2"],
        cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "5 clusters, 2 forums, 15 assessments" in result.stderr
    assert load_tree(out).problems == []
