"""When each data file last changed: from git when the data is in a git work tree, else
from the files' modification times.

A cluster page says when its data last changed, and What's new lists improvement plans
as they change. Both read the dates computed here once per build, with one ``git log``
for the whole tree (a site of 1,300 clusters must not run 1,300 commands). The same
checkout always gives the same dates; a file with changes not yet committed counts from
its modification time, so a local preview shows today's edits.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.git import git_text


@dataclass(frozen=True)
class ChangeDates:
    """The day each data file last changed, by its path relative to the data folder."""

    files: Mapping[str, dt.date] = field(default_factory=dict)
    source: str = "none"
    """Where the dates come from: git, mtime (modification times) or none."""

    def folder(self, rel: str) -> dt.date | None:
        """The newest date of the files in a folder (e.g. ``clusters/x``), if any."""
        return self._folders().get(rel.rstrip("/"))

    def file(self, rel: str) -> dt.date | None:
        """The date of one file, if known."""
        return self.files.get(rel)

    def _folders(self) -> dict[str, dt.date]:
        cached = self.__dict__.get("_folder_cache")
        if cached is None:
            cached = {}
            for rel, day in self.files.items():
                parts = rel.split("/")
                for depth in range(1, len(parts)):
                    key = "/".join(parts[:depth])
                    if key not in cached or cached[key] < day:
                        cached[key] = day
            object.__setattr__(self, "_folder_cache", cached)
        return cached


def change_dates(data_dir: Path) -> ChangeDates:
    """The last change of every file under ``data_dir``."""
    root = data_dir.resolve()
    if not root.is_dir():
        return ChangeDates()
    files = sorted(_data_files(root))
    from_git = _git_dates(root)
    if from_git is None:
        dates = {rel: day for rel in files if (day := _mtime_date(root / rel)) is not None}
        return ChangeDates(dates, "mtime")
    committed, dirty = from_git
    dates = {}
    for rel in files:
        day = committed.get(rel)
        if day is None or rel in dirty:
            modified = _mtime_date(root / rel)
            if modified is not None:
                day = modified if day is None else max(day, modified)
        if day is not None:
            dates[rel] = day
    return ChangeDates(dates, "git")


def _data_files(root: Path) -> Iterator[str]:
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if not name.startswith(".") and name.endswith((".yaml", ".yml")):
                yield (Path(folder) / name).relative_to(root).as_posix()


def _mtime_date(path: Path) -> dt.date | None:
    try:
        return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).date()
    except OSError:  # removed while the tree was read
        return None


def _git_dates(root: Path) -> tuple[dict[str, dt.date], set[str]] | None:
    """(committed date by data-relative path, paths with uncommitted changes), or None
    when ``root`` is not inside a git work tree."""
    prefix = git_text(root, "rev-parse", "--show-prefix")
    if prefix is None:
        return None
    prefix = prefix.strip()
    log = git_text(root, "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", ".")
    if log is None:
        return None
    committed: dict[str, dt.date] = {}
    day: dt.date | None = None
    for line in log.splitlines():
        if line.startswith("\x00"):
            day = dt.date.fromisoformat(line[1:].strip())
        elif line and day is not None and line.startswith(prefix):
            committed.setdefault(line[len(prefix):], day)
    status = git_text(root, "status", "--porcelain", "--untracked-files=all", "--", ".")
    dirty: set[str] = set()
    for line in (status or "").splitlines():
        path = line[3:].split(" -> ")[-1].strip('"')
        if path.startswith(prefix):
            dirty.add(path[len(prefix):])
    return committed, dirty
