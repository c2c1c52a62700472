"""TreeWriter: a folder made to hold exactly the given files, only changed files written,
nothing written outside the folder, and every change undoable."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.publish.outfiles import OutFiles, files_of
from generator.publish.write import SyncReport, TreeWriter, UnsafePath


def kept_and_made(root: Path, kept: list[str], made: dict[str, bytes]) -> OutFiles:
    """Files kept as they are below ``root`` and files made now."""
    files = files_of(made)
    for path in kept:
        files.keep(path, root / path)
    return files


def _sync(root: Path, files: OutFiles) -> SyncReport:
    """One sync, committed (as a build that succeeded does)."""
    writer = TreeWriter()
    report = writer.sync(root, files)
    writer.commit()
    return report


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_sync_writes_changes_only_and_removes_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "out"
    _sync(root, files_of({"a.md": b"one", "d/b.md": b"two", "d/old.md": b"x"}))
    before = (root / "a.md").stat().st_mtime_ns
    os.utime(root / "a.md", ns=(before - 10**9, before - 10**9))
    report = _sync(root, files_of({"a.md": b"one", "d/b.md": b"TWO", "e/c.md": b"3"}))
    # same size, other bytes: written; same bytes: left alone (its time is not touched)
    assert sorted(report.written) == ["d/b.md", "e/c.md"]
    assert report.removed == ["d/old.md"] and report.unchanged == 1
    assert (root / "a.md").stat().st_mtime_ns == before - 10**9
    assert _tree(root) == {"a.md": b"one", "d/b.md": b"TWO", "e/c.md": b"3"}


def test_rollback_puts_everything_back(tmp_path: Path) -> None:
    root = tmp_path / "out"
    _sync(root, files_of({"a.md": b"one", "d/b.md": b"two", "gone.md": b"g"}))
    original = _tree(root)
    writer = TreeWriter()
    writer.sync(root, files_of({"a.md": b"changed, longer", "d/b.md": b"TWO", "new.md": b"n"}))
    writer.rollback()
    assert _tree(root) == original


def test_rollback_works_on_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Writing fails half-way (ENOSPC): the previous versions come back by renaming, which
    needs no space, and a later sync finds nothing of the failed one."""
    import errno

    import generator.publish.write as write

    root = tmp_path / "out"
    _sync(root, files_of({"a.md": b"one", "b.md": b"two", "gone.md": b"g"}))
    original = _tree(root)
    real = write.atomic_write
    calls = []

    def fill_up(path: Path, content: bytes) -> None:
        calls.append(path)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, content)

    writer = TreeWriter()
    monkeypatch.setattr(write, "atomic_write", fill_up)
    with pytest.raises(OSError):
        writer.sync(root, files_of({"a.md": b"ONE", "b.md": b"TWO"}))
    writer.rollback()
    assert _tree(root) == original


def test_a_killed_sync_leaves_nothing_the_next_one_keeps(tmp_path: Path) -> None:
    """A sync never committed nor rolled back (the build was killed): the next sync makes
    the folder hold exactly its files, the previous versions kept for undo removed."""
    root = tmp_path / "out"
    _sync(root, files_of({"a.md": b"one", "d/b.md": b"two", "gone.md": b"g"}))
    TreeWriter().sync(root, files_of({"a.md": b"ONE", "d/b.md": b"TWO"}))  # then killed
    assert (root / ".kf-undo").is_dir()
    _sync(root, files_of({"a.md": b"1", "d/b.md": b"TWO"}))
    assert _tree(root) == {"a.md": b"1", "d/b.md": b"TWO"}


@pytest.mark.parametrize("rel", ["../escape.md", "d/../../escape.md", "/abs.md", "",
                                 "d//x.md", "./x.md", "d\\..\\x.md"])
def test_nothing_is_written_outside_the_folder(tmp_path: Path, rel: str) -> None:
    with pytest.raises(ValueError, match="refusing to write outside"):
        _sync(tmp_path / "out", files_of({rel: b"x"}))
    assert not (tmp_path / "escape.md").exists()


def test_nothing_is_written_through_a_link(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    (root / "d").mkdir(parents=True)
    elsewhere.mkdir()
    (root / "d" / "link").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ValueError, match="goes through the link d/link"):
        _sync(root, files_of({"d/link/x.md": b"x"}))
    assert list(elsewhere.iterdir()) == []


def test_a_link_where_the_folder_should_be_is_refused(tmp_path: Path) -> None:
    """A link in the place of a language folder of the work folder: nothing is written or
    removed in the folder it points to, and the message names the link."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "unrelated.txt").write_bytes(b"keep me")
    (elsewhere / "other.md").write_bytes(b"keep me too")
    work = tmp_path / "work"
    work.mkdir()
    (work / "nb").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(UnsafePath, match="is a link, where the build expects a folder"):
        _sync(work / "nb", files_of({"index.md": b"x", "d/a.md": b"y"}))
    assert _tree(elsewhere) == {"unrelated.txt": b"keep me", "other.md": b"keep me too"}


def test_links_below_the_folder_are_left_alone(tmp_path: Path) -> None:
    """A link inside the folder to another folder is neither followed nor removed."""
    root, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "x.md").write_bytes(b"x")
    _sync(root, files_of({"a.md": b"a", "d/b.md": b"b"}))
    (root / "link").symlink_to(elsewhere, target_is_directory=True)
    (root / "empty-link").symlink_to(tmp_path / "missing", target_is_directory=True)
    report = _sync(root, files_of({"a.md": b"a"}))
    assert report.removed == ["d/b.md"]
    assert _tree(elsewhere) == {"x.md": b"x"}
    assert (root / "link").is_symlink() and (root / "empty-link").is_symlink()


def test_kept_files_stay_as_they_are(tmp_path: Path) -> None:
    root = tmp_path / "out"
    _sync(root, files_of({"a.md": b"one", "b.md": b"two"}))
    report = _sync(root, kept_and_made(root, ["a.md"], {"c.md": b"three"}))
    assert report.unchanged == 1 and report.written == ["c.md"] and report.removed == ["b.md"]
    assert _tree(root) == {"a.md": b"one", "c.md": b"three"}
    with pytest.raises(ValueError, match="gone: build again"):
        _sync(root, kept_and_made(root, ["missing.md"], {}))


def test_a_record_is_removed_before_the_first_change_and_written_last(tmp_path: Path) -> None:
    """The record of what the other files hold is gone from the first change on and
    written after every other file; with nothing else to change it is left alone; and
    rollback brings it back."""
    import generator.publish.write as write

    root = tmp_path / "out"
    _sync(root, files_of({"a.md": b"one", "old.md": b"o", "units.json": b"{}"}))
    before = (root / "units.json").stat().st_mtime_ns
    same = files_of({"a.md": b"one", "old.md": b"o", "units.json": b"{}"})
    assert _sync(root, same).written == []
    assert (root / "units.json").stat().st_mtime_ns == before
    order: list[tuple[str, bool]] = []
    real = write.atomic_write

    def recording(path: Path, content: bytes) -> None:
        order.append((path.name, (root / "units.json").exists()))
        real(path, content)

    writer = TreeWriter()
    write.atomic_write = recording  # type: ignore[assignment]
    try:
        report = writer.sync(root, files_of({"a.md": b"ONE", "units.json": b"{1}", "z.md": b"z"}),
                             record="units.json")
    finally:
        write.atomic_write = real  # type: ignore[assignment]
    assert order == [("a.md", False), ("z.md", False), ("units.json", False)]
    assert report.removed == ["old.md"] and report.written[-1] == "units.json"
    writer.rollback()
    assert _tree(root) == {"a.md": b"one", "old.md": b"o", "units.json": b"{}"}
