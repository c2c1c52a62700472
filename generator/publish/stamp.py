"""Nothing to do: a build whose inputs are those of the last complete build, into a site
that is still exactly what that build made, ends before anything is read or run.

The stamp (``.stamp`` in the work folder, beside the build's lock: nothing is written
beside ``site/``) is written after a build has put its site in place, and holds two
digests:

- the **inputs**: every file of the data folder, the data's change dates (git or the
  files' modification times, as the pages show them), the as-of date and the options
  that change the output, the generator's code, templates and catalogs, ``mkdocs.yml``,
  ``docs/`` and ``overrides/``, the Python version and every installed distribution's
  version;
- the **site**: every file below ``site/`` by its path, size and modification time (as
  git's index does), so a site changed or half removed since is noticed.

Both are computed again on every build and compared; the stamp is trusted only when both
match. The walk looks at every entry with ``lstat`` before it reads it: a link, a special
file (a named pipe, a device) or a data file over the size limit makes the inputs
unknown, so the build goes on to validation, which names the entry; nothing is read
that could block or fill the memory. A build that fails leaves the stamp as it was: it
still describes the site that is in place, and the inputs it names are not those of the
failed build. A build that is
killed after its new site is in place but before its stamp is written leaves a stamp
whose site digest no longer matches. A build skipped this way leaves the work folder,
the site and the caches as they were. A last build that had problems
(warnings) writes no stamp, so its warnings are shown again on the next build.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import hashlib
import json
import os
import stat as statmod
import sys
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

from generator.base.files import atomic_write
from generator.data.history import change_dates
from generator.data.yamlfile import MAX_BYTES


def stamp_path(work_dir: Path) -> Path:
    """The stamp of the last build with this work folder: ``.stamp`` in it."""
    return Path(os.path.abspath(work_dir)) / ".stamp"


VERSION = 1
"""The stamp's own format; a stamp of another format is ignored."""

_SKIPPED_DIRS = {"__pycache__", ".git", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


class Unknown(Exception):
    """An input that is not a regular file within its size limit: the inputs are unknown,
    and a build goes on to validation, which names it."""


DATA_LIMIT = MAX_BYTES
"""The largest data file (the data format's limit, ``generator.data.yamlfile``)."""
CODE_LIMIT = 64 * 1024 * 1024
"""The largest file of the generator's own code, pages and theme read for the digest."""


def _content_digest(roots: Iterable[tuple[str, Path, int]]) -> hashlib._Hash:
    """Paths and contents of every file below each root, under the root's label, in a
    fixed order. Each entry is looked at before it is read (``lstat``, then opened without
    following a link or waiting on a pipe); raises Unknown for a link, a special file or
    a file over the root's limit."""
    digest = hashlib.sha256()

    def walk(folder: str, prefix: str, limit: int) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                info = entry.stat(follow_symlinks=False)
                if statmod.S_ISDIR(info.st_mode):
                    if entry.name not in _SKIPPED_DIRS:
                        walk(entry.path, f"{prefix}{entry.name}/", limit)
                elif not entry.name.endswith((".pyc", ".pyo")):
                    digest.update(f"\0{prefix}{entry.name}\0".encode())
                    digest.update(hashlib.sha256(_read_regular(entry.path, info, limit)).digest())

    for label, root, limit in roots:
        digest.update(f"\0root\0{label}\0".encode())
        try:
            info = os.lstat(root)
        except FileNotFoundError:
            digest.update(b"missing")
            continue
        if statmod.S_ISDIR(info.st_mode):
            walk(str(root), "", limit)
        else:
            digest.update(f"\0{root.name}\0".encode())
            digest.update(hashlib.sha256(_read_regular(str(root), info, limit)).digest())
    return digest


def _read_regular(path: str, info: os.stat_result, limit: int) -> bytes:
    """The bytes of a regular file within ``limit`` (``info``: its lstat), else Unknown."""
    if not statmod.S_ISREG(info.st_mode) or info.st_size > limit:
        raise Unknown(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENXIO):  # replaced by a link or a pipe since
            raise Unknown(path) from None
        raise
    with os.fdopen(fd, "rb") as handle:
        now = os.fstat(fd)
        if not statmod.S_ISREG(now.st_mode) or now.st_size > limit:
            raise Unknown(path)
        content = handle.read(limit + 1)
    if len(content) > limit:
        raise Unknown(path)
    return content


def _versions() -> list[str]:
    """The Python version and every installed distribution's name and version."""
    found = {f"{(d.metadata['Name'] or '').lower()}=={d.version}"
             for d in metadata.distributions()}
    return [sys.version, *sorted(found)]


def inputs_digest(data_dir: Path, project: Path, settings: Mapping[str, Any]) -> str | None:
    """The digest of everything a build's output is made from (see the module's text);
    None when an input is not a regular file within its limit (``Unknown``).
    ``settings`` holds the options that change the output (as-of date, site address,
    strictness, the site and work folders)."""
    try:
        digest = _content_digest([
            ("data", data_dir, DATA_LIMIT),
            ("generator", project / "generator", CODE_LIMIT),
            ("mkdocs.yml", project / "mkdocs.yml", CODE_LIMIT),
            ("docs", project / "docs", CODE_LIMIT),
            ("overrides", project / "overrides", CODE_LIMIT),
        ])
    except Unknown:
        return None
    changes = change_dates(data_dir)
    digest.update(json.dumps({
        "settings": {k: str(v) for k, v in sorted(settings.items())},
        "changes": [changes.source, sorted((k, v.isoformat()) for k, v in changes.files.items())],
        "versions": _versions(),
    }, sort_keys=True).encode())
    return digest.hexdigest()


def site_digest(site_dir: Path) -> str | None:
    """The digest of every file below ``site_dir`` by path, size and modification time;
    None when there is no site."""
    if not site_dir.is_dir() or site_dir.is_symlink():
        return None
    lines: list[str] = []

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                else:
                    stat = entry.stat(follow_symlinks=False)
                    lines.append(f"{prefix}{entry.name}\0{stat.st_size}\0{stat.st_mtime_ns}"
                                 f"\0{stat.st_mode}\n")

    walk(str(site_dir), "")
    return hashlib.sha256("".join(lines).encode()).hexdigest() if lines else None


def up_to_date(site_dir: Path, work_dir: Path, inputs: str | None) -> bool:
    """Whether the last complete build with this work folder had these inputs and made
    the site as it is now. Needs no lock: a site whose digest is the recorded one is
    complete."""
    if inputs is None:
        return False
    try:
        stamp = json.loads(stamp_path(work_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(stamp, dict) or stamp.get("version") != VERSION:
        return False
    if stamp.get("inputs") != inputs:
        return False
    site = site_digest(site_dir)
    return site is not None and stamp.get("site") == site


def forget(work_dir: Path) -> None:
    """Remove the stamp (the next build is a whole build)."""
    with contextlib.suppress(FileNotFoundError):
        stamp_path(work_dir).unlink()


def record(site_dir: Path, work_dir: Path, inputs: str | None) -> None:
    """Write the stamp of a build that has just put its site in place (with its lock)."""
    site = site_digest(site_dir)
    if site is None or inputs is None:
        return
    atomic_write(stamp_path(work_dir), (json.dumps({
        "version": VERSION, "inputs": inputs, "site": site,
        "written": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }, indent=2, sort_keys=True) + "\n").encode())
