"""TreeWriter: a folder made to hold exactly the given files, only changed files written,
nothing written outside the folder, and every change undoable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.build.write import TreeWriter


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_sync_writes_changes_only_and_removes_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "out"
    TreeWriter().sync(root, {"a.md": b"one", "d/b.md": b"two", "d/old.md": b"x"})
    before = (root / "a.md").stat().st_mtime_ns
    os.utime(root / "a.md", ns=(before - 10**9, before - 10**9))
    report = TreeWriter().sync(root, {"a.md": b"one", "d/b.md": b"TWO", "e/c.md": b"3"})
    # same size, other bytes: written; same bytes: left alone (its time is not touched)
    assert sorted(report.written) == ["d/b.md", "e/c.md"]
    assert report.removed == ["d/old.md"] and report.unchanged == 1
    assert (root / "a.md").stat().st_mtime_ns == before - 10**9
    assert _tree(root) == {"a.md": b"one", "d/b.md": b"TWO", "e/c.md": b"3"}


def test_rollback_puts_everything_back(tmp_path: Path) -> None:
    root = tmp_path / "out"
    TreeWriter().sync(root, {"a.md": b"one", "d/b.md": b"two", "gone.md": b"g"})
    original = _tree(root)
    writer = TreeWriter()
    writer.sync(root, {"a.md": b"changed, longer", "d/b.md": b"TWO", "new.md": b"n"})
    writer.rollback()
    assert _tree(root) == original


@pytest.mark.parametrize("rel", ["../escape.md", "d/../../escape.md", "/abs.md", "",
                                 "d//x.md", "./x.md", "d\\..\\x.md"])
def test_nothing_is_written_outside_the_folder(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ValueError, match="refusing to write outside"):
        TreeWriter().sync(tmp_path / "out", {rel: b"x"})
    assert not (tmp_path / "escape.md").exists()


def test_nothing_is_written_through_a_link(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    (root / "d").mkdir(parents=True)
    elsewhere.mkdir()
    (root / "d" / "link").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError, match="goes through the link d/link"):
        TreeWriter().sync(root, {"d/link/x.md": b"x"})
    assert list(elsewhere.iterdir()) == []


def test_kept_files_stay_as_they_are(tmp_path: Path) -> None:
    from generator.base.files import KEPT

    root = tmp_path / "out"
    TreeWriter().sync(root, {"a.md": b"one", "b.md": b"two"})
    report = TreeWriter().sync(root, {"a.md": KEPT, "c.md": b"three"})
    assert report.unchanged == 1 and report.written == ["c.md"] and report.removed == ["b.md"]
    assert _tree(root) == {"a.md": b"one", "c.md": b"three"}
    with pytest.raises(ValueError, match="gone: build again"):
        TreeWriter().sync(root, {"missing.md": KEPT})
