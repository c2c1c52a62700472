"""Write generated files: only what changed, nothing outside its folder, undoable.

A build writes its generated pages through a TreeWriter. If a later stage fails, the
writer puts every file back as it was, so a failed build leaves no trace.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.base.files import Content, Kept, atomic_write


@dataclass
class SyncReport:
    """What one sync changed."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


class TreeWriter:
    """Makes folders hold exactly the given files, remembering how to undo it."""

    def __init__(self) -> None:
        self._undo: list[tuple[Path, bytes | None]] = []

    def sync(self, root: Path, files: Mapping[str, Content]) -> SyncReport:
        """Make ``root`` hold exactly ``files`` (relative path → content; ``KEPT``: the
        file there stays as it is). Links below ``root`` are never followed, written
        through or removed."""
        report = SyncReport()
        root = root.resolve()
        there, links = _scan(root)
        for rel in sorted(files):
            parts = rel.split("/")
            if not rel or rel.startswith("/") or "\\" in rel or any(
                    part in ("", ".", "..") for part in parts):
                raise ValueError(f"refusing to write outside {root}: {rel}")
            if links:
                for depth in range(1, len(parts) + 1):  # no link on the way out of root
                    step = "/".join(parts[:depth])
                    if step in links:
                        raise ValueError(f"refusing to write outside {root}: {rel} "
                                         f"goes through the link {step}")
            content = files[rel]
            if isinstance(content, Kept):
                if rel not in there:
                    raise ValueError(f"{rel} was to be kept from the last build, but it is "
                                     "gone: build again")
                report.unchanged += 1
                continue
            path = root.joinpath(*parts)
            old = None
            if rel in there:
                old = _read_if_same_size(path, len(content))
                if old == content:
                    report.unchanged += 1
                    continue
                if old is None:
                    old = path.read_bytes()  # another size: kept for rollback only
            self._undo.append((path, old))
            atomic_write(path, content)
            report.written.append(rel)
        for rel in sorted(there.difference(files)):
            path = root.joinpath(*rel.split("/"))
            self._undo.append((path, path.read_bytes()))
            path.unlink()
            report.removed.append(rel)
        if report.removed:
            _remove_empty_folders(root)
        return report

    def rollback(self) -> None:
        """Put every file this writer touched back as it was."""
        for path, old in reversed(self._undo):
            if old is None:
                path.unlink(missing_ok=True)
            else:
                atomic_write(path, old)
        self._undo.clear()

    def commit(self) -> None:
        """Forget the undo log: the writes are final."""
        self._undo.clear()


def _scan(root: Path) -> tuple[set[str], set[str]]:
    """The files below ``root`` and the links (to files or folders, not followed), as
    paths relative to it: one walk instead of a look at every file."""
    files: set[str] = set()
    links: set[str] = set()
    if not root.is_dir():
        return files, links
    folders = [("", str(root))]
    while folders:
        prefix, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_symlink():
                    links.add(rel)
                elif entry.is_dir():
                    folders.append((rel + "/", entry.path))
                elif entry.is_file():
                    files.add(rel)
    return files, links


def _read_if_same_size(path: Path, size: int) -> bytes | None:
    """The file's bytes if it is a file of ``size`` bytes (the only ones that can be equal
    to new content of that size), else None."""
    try:
        if os.stat(path).st_size != size:
            return None
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def _remove_empty_folders(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
