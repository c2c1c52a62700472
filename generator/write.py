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

    def sync(self, root: Path, files: Mapping[str, bytes]) -> SyncReport:
        """Make ``root`` hold exactly ``files`` (relative path → content)."""
        report = SyncReport()
        root = root.resolve()
        for rel in sorted(files):
            path = (root / rel).resolve()
            if root not in path.parents:
                raise ValueError(f"refusing to write outside {root}: {rel}")
            content = files[rel]
            old = path.read_bytes() if path.is_file() else None
            if old == content:
                report.unchanged += 1
                continue
            self._undo.append((path, old))
            atomic_write(path, content)
            report.written.append(rel)
        if root.is_dir():
            wanted = {(root / rel).resolve() for rel in files}
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                if path not in wanted:
                    self._undo.append((path, path.read_bytes()))
                    path.unlink()
                    report.removed.append(path.relative_to(root).as_posix())
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
