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
