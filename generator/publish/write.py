"""Write generated files: only what changed, nothing outside its folder, undoable.

A build writes its generated pages through a TreeWriter. If a later stage fails, the
writer puts every file back as it was, so a failed build leaves no trace.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from generator.base.files import atomic_write
from generator.publish.outfiles import OutFile, OutFiles


class UnsafePath(ValueError):
    """A path the build refuses to write through (a link, or outside its folder); the
    message says which and what to do."""


@dataclass
class SyncReport:
    """What one sync changed."""

    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


UNDO = ".kf-undo"
"""The folder (at the top of each synced folder, never among the pages) that holds the
previous version of every file a build replaced or removed, while the build may still
undo it: a hard link, or the file itself when it is removed. Left behind only by a build
that was killed; the next sync removes it."""


@dataclass
class _Undo:
    """How to put one file back."""

    path: Path
    backup: Path | None = None
    """The previous file, kept under another name (no copy, so it works on a full disk)."""
    old: bytes | None = None
    """The previous bytes, where no link could be made; both None: the file was new."""


class TreeWriter:
    """Makes folders hold exactly the given files, remembering how to undo it."""

    def __init__(self) -> None:
        self._undo: list[_Undo] = []
        self._roots: set[Path] = set()
        """Folders whose UNDO folder holds backups of this writer."""

    def sync(self, root: Path, files: OutFiles, record: str | None = None) -> SyncReport:
        """Make ``root`` hold exactly ``files`` (a kept file stays as it is there), and
        note in ``files.changed`` what was written or removed. ``record`` names the file
        that says what the others hold: it is removed before any other file is written or
        removed, and written after all of them, so that no moment leaves it beside files
        it does not describe.
        Links below ``root`` are never followed, written through or removed; ``root``
        itself must not be a link either."""
        report = SyncReport()
        if root.is_symlink():
            raise UnsafePath(f"{root} is a link, where the build expects a folder of its own: "
                             f"nothing is written through it; remove the link ({root}) and "
                             "build again")
        root = root.resolve()
        if root not in self._roots:
            _remove_tree(root / UNDO)  # left by a killed build
        there, links = _scan(root)
        def before_a_change() -> None:
            if record is not None and record in there:
                self.remove(root / record)
                there.discard(record)

        for rel in sorted(files):
            if rel == record:
                continue
            parts = rel.split("/")
            if not rel or rel.startswith("/") or "\\" in rel or any(
                    part in ("", ".", "..") for part in parts):
                raise UnsafePath(f"refusing to write outside {root}: {rel}")
            if links:
                for depth in range(1, len(parts) + 1):  # no link on the way out of root
                    step = "/".join(parts[:depth])
                    if step in links:
                        raise UnsafePath(f"refusing to write outside {root}: {rel} goes "
                                         f"through the link {step}; remove the link "
                                         f"({root / step}) and build again")
            out = files.file(rel)
            if out.made is None:  # kept
                if rel not in there:
                    raise ValueError(f"{rel} was to be kept from the last build, but it is "
                                     "gone: build again")
                report.unchanged += 1
                continue
            content = out.made
            path = root.joinpath(*parts)
            if rel in there:
                if _read_if_same_size(path, len(content)) == content:
                    report.unchanged += 1
                    continue
                before_a_change()
                self._undo.append(self._keep_previous(root, rel))
            else:
                before_a_change()
                self._undo.append(_Undo(path))
            atomic_write(path, content)
            report.written.append(rel)
        for rel in sorted(there.difference(files)):
            if rel == record:
                continue
            before_a_change()
            path = root.joinpath(*rel.split("/"))
            backup = self._backup(root, rel)
            os.replace(path, backup)
            self._undo.append(_Undo(path, backup=backup))
            report.removed.append(rel)
        if report.removed:
            _remove_empty_folders(root)
        if record is not None:
            self._sync_record(root, record, files.file(record) if record in files else None,
                              there, report)
        files.changed = (*report.written, *report.removed)
        return report

    def _sync_record(self, root: Path, record: str, out: OutFile | None,
                     there: set[str], report: SyncReport) -> None:
        """Write (or remove) the record, last."""
        path = root / record
        if out is None:
            if record in there:
                self.remove(path)
                report.removed.append(record)
            return
        content = out.made
        if content is None:
            raise ValueError(f"{record} describes the other files: it cannot be kept")
        if record in there:
            if _read_if_same_size(path, len(content)) == content:
                report.unchanged += 1
                return
            self._undo.append(self._keep_previous(root, record))
        else:
            self._undo.append(_Undo(path))
        atomic_write(path, content)
        report.written.append(record)

    def remove(self, path: Path) -> None:
        """Remove one file (if it is there), undoably: e.g. a record that must not be
        trusted while the files it describes are being rewritten."""
        if path.is_symlink() or not path.is_file():
            return
        root = path.parent.resolve()  # as sync names it
        if root not in self._roots:
            _remove_tree(root / UNDO)
        backup = self._backup(root, path.name)
        os.replace(root / path.name, backup)
        self._undo.append(_Undo(root / path.name, backup=backup))

    def rollback(self) -> None:
        """Put every file this writer touched back as it was."""
        for undo in reversed(self._undo):
            if undo.backup is not None:
                os.replace(undo.backup, undo.path)
                # a rename between two links to one file does nothing: the write failed
                undo.backup.unlink(missing_ok=True)
            elif undo.old is not None:
                atomic_write(undo.path, undo.old)
            else:
                undo.path.unlink(missing_ok=True)
        self._undo.clear()
        self._clear_backups()

    def commit(self) -> None:
        """The writes are final: forget the undo log and the previous versions."""
        self._undo.clear()
        self._clear_backups()

    def _clear_backups(self) -> None:
        for root in self._roots:
            _remove_tree(root / UNDO)
        self._roots.clear()

    def _backup(self, root: Path, rel: str) -> Path:
        """Where the previous version of ``rel`` below ``root`` is kept (folders made)."""
        self._roots.add(root)
        backup = root.joinpath(UNDO, *rel.split("/"))
        backup.parent.mkdir(parents=True, exist_ok=True)
        backup.unlink(missing_ok=True)
        return backup

    def _keep_previous(self, root: Path, rel: str) -> _Undo:
        """Keep the file ``rel`` below ``root`` as its backup before it is replaced."""
        path = root.joinpath(*rel.split("/"))
        try:
            backup = self._backup(root, rel)
            os.link(path, backup)
        except OSError:  # no hard links here (or no room for a folder): keep the bytes
            return _Undo(path, old=path.read_bytes())
        return _Undo(path, backup=backup)


def _remove_tree(folder: Path) -> None:
    """Remove a folder of ours (never through a link)."""
    if folder.is_symlink():
        folder.unlink()
    elif folder.is_dir():
        shutil.rmtree(folder)


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
                if rel == UNDO:
                    continue  # the writer's own backups, not part of the tree
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
    folders = (p for p in root.rglob("*") if p.is_dir() and not p.is_symlink())
    for folder in sorted(folders, reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
