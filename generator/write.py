"""Write generated files: only what changed, nothing outside its folder, undoable.

A build writes its generated pages through a TreeWriter. If a later stage fails, the
writer puts every file back as it was, so a failed build leaves no trace.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path


class Kept:
    """The content of a generated file the last build wrote and that is known to be
    unchanged (its page's key is the same): left as it is, neither read nor compared."""

    def __repr__(self) -> str:
        return "KEPT"


KEPT = Kept()
Content = bytes | Kept
"""What a generated file holds: its bytes, or ``KEPT``."""


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
        file there stays as it is)."""
        report = SyncReport()
        root = root.resolve()
        checked: set[str] = set()  # folders below root known not to be links
        for rel in sorted(files):
            parts = rel.split("/")
            if not rel or rel.startswith("/") or "\\" in rel or any(
                    part in ("", ".", "..") for part in parts):
                raise ValueError(f"refusing to write outside {root}: {rel}")
            path = root.joinpath(*parts)
            for depth in range(1, len(parts) + 1):  # no link on the way out of root
                step = "/".join(parts[:depth])
                if step not in checked:
                    if (root / step).is_symlink():
                        raise ValueError(f"refusing to write outside {root}: {rel} "
                                         f"goes through the link {step}")
                    if depth < len(parts):
                        checked.add(step)
            content = files[rel]
            if isinstance(content, Kept):
                if not path.is_file():
                    raise ValueError(f"{rel} was to be kept from the last build, but it is "
                                     "gone: build again")
                report.unchanged += 1
                continue
            old = _read_if_same_size(path, len(content))
            if old == content:
                report.unchanged += 1
                continue
            if old is None and path.is_file():
                old = path.read_bytes()  # another size: kept for rollback only
            self._undo.append((path, old))
            atomic_write(path, content)
            report.written.append(rel)
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                rel = path.relative_to(root).as_posix()
                if rel not in files:
                    self._undo.append((path, path.read_bytes()))
                    path.unlink()
                    report.removed.append(rel)
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


def _read_if_same_size(path: Path, size: int) -> bytes | None:
    """The file's bytes if it is a file of ``size`` bytes (the only ones that can be equal
    to new content of that size), else None."""
    try:
        if os.stat(path).st_size != size:
            return None
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def atomic_write(path: Path, content: bytes) -> None:
    """Write a file so that no reader ever sees half of it (a temporary file, renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _remove_empty_folders(root: Path) -> None:
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
