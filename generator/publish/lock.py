"""One build at a time into a work folder and a site, and what a killed build left behind
cleaned up by the next one.

The lock is ``flock``: on ``.lock`` in the work folder (which holds the pid of the build
that has it), and on the folder that holds the site, opened for reading, so that nothing
is ever written beside ``--site`` and two builds with different work folders still never
replace one site at once. The kernel drops both when their build ends in any way,
SIGKILL included, so there is never a stale lock to remove by hand. A second build stops
at once with one line naming the running one.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path


class BuildLocked(Exception):
    """Another build holds the work folder or the site; the message says which and its pid."""


LOCK = ".lock"
"""The lock file in the work folder."""


def lock_path(work_dir: Path) -> Path:
    """The lock file of a work folder."""
    return Path(os.path.abspath(work_dir)) / LOCK


@contextlib.contextmanager
def build_lock(work_dir: Path, site_dir: Path) -> Iterator[None]:
    """Hold the lock of the work folder and of the site (always in this order, so two
    builds never wait on each other crosswise) for the ``with`` block; raise BuildLocked
    when one is held."""
    handles: list[int] = []
    try:
        path = lock_path(work_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
        handles.append(handle)
        _take(handle, f"another build into the work folder {path.parent}/ is running, "
                      "pid {holder}")
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
        site = Path(os.path.abspath(site_dir))
        site.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(site.parent, os.O_RDONLY | os.O_DIRECTORY)
        handles.append(handle)
        _take(handle, f"another build into a site in {site.parent}/ is running")
        yield
    finally:
        if handles:
            with contextlib.suppress(OSError):
                os.ftruncate(handles[0], 0)
        for handle in reversed(handles):
            os.close(handle)  # closing drops the lock


def _take(handle: int, message: str) -> None:
    """Take the lock on ``handle`` or raise BuildLocked with ``message`` (``{holder}``:
    the pid written in the lock file)."""
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = "?"
        with contextlib.suppress(OSError):
            holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "?"
        raise BuildLocked(message.format(holder=holder)
                          + ": wait for it to finish, then build again") from None


def staging_folder(work_dir: Path, site_dir: Path) -> Path:
    """Where a build makes its new site before putting it in place: the work folder when
    it is on the site's file system (a rename moves the site into place), else the
    folder that holds the site."""
    work = Path(os.path.abspath(work_dir))
    parent = Path(os.path.abspath(site_dir)).parent
    work.mkdir(parents=True, exist_ok=True)
    parent.mkdir(parents=True, exist_ok=True)
    return work if os.stat(work).st_dev == os.stat(parent).st_dev else parent


def remove_leftovers(site_dir: Path, work_dir: Path) -> list[str]:
    """Remove what killed builds left in the staging folder (``staging_folder``: the work
    folder, or beside ``site_dir``): half-built ``.site.new-*`` and replaced
    ``.site.old-*``, first putting the previous site back if a build was killed between
    the two renames of the fallback swap; the names removed. Call with the lock."""
    site_dir = Path(os.path.abspath(site_dir))
    removed = []
    for folder in dict.fromkeys((Path(os.path.abspath(work_dir)), site_dir.parent)):
        if not folder.is_dir():
            continue
        names = sorted(os.listdir(folder))
        old = [n for n in names if n.startswith(f".{site_dir.name}.old-")]
        if old and not os.path.lexists(site_dir):
            os.rename(folder / old[-1], site_dir)  # the site as it was before the killed swap
            old = old[:-1]
        for name in [*old, *(n for n in names if n.startswith(f".{site_dir.name}.new-"))]:
            path = folder / name
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    path.unlink()
            removed.append(name)
    return removed
