"""One build at a time into a work folder and a site, and what a killed build left behind
cleaned up by the next one.

The lock is ``flock`` on a file beside each folder (``work/.lock``, ``.site.lock`` beside
``site/``): the kernel drops it when its build ends in any way, SIGKILL included, so there
is never a stale lock to remove by hand. A second build stops at once with one line naming
the pid of the running one (kept in the lock file).
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


def lock_path(folder: Path) -> Path:
    """The lock file of a work folder or a site."""
    folder = Path(os.path.abspath(folder))
    return folder.parent / f".{folder.name}.lock"


@contextlib.contextmanager
def build_lock(*folders: Path) -> Iterator[None]:
    """Hold the lock of every folder (in path order, so two builds never wait on each
    other crosswise) for the ``with`` block; raise BuildLocked when one is held."""
    handles: list[int] = []
    try:
        for folder in sorted({Path(os.path.abspath(f)) for f in folders}):
            path = lock_path(folder)
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o644)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(handle, 32, 0).decode("ascii", "replace").strip() or "?"
                os.close(handle)
                raise BuildLocked(f"another build into {folder}/ is running, pid {holder}: "
                                  "wait for it to finish, then build again") from None
            os.ftruncate(handle, 0)
            os.pwrite(handle, f"{os.getpid()}\n".encode(), 0)
            handles.append(handle)
        yield
    finally:
        for handle in reversed(handles):
            with contextlib.suppress(OSError):
                os.ftruncate(handle, 0)
            os.close(handle)  # closing drops the lock


def remove_leftovers(site_dir: Path) -> list[str]:
    """Remove what killed builds left beside ``site_dir`` (half-built ``.site.new-*``,
    replaced ``.site.old-*``), first putting the previous site back if a build was killed
    between the two renames of the fallback swap; the names removed. Call with the lock."""
    site_dir = Path(os.path.abspath(site_dir))
    parent = site_dir.parent
    if not parent.is_dir():
        return []
    names = sorted(os.listdir(parent))
    old = [n for n in names if n.startswith(f".{site_dir.name}.old-")]
    if old and not os.path.lexists(site_dir):
        os.rename(parent / old[-1], site_dir)  # the site as it was before the killed swap
        old = old[:-1]
    removed = []
    for name in [*old, *(n for n in names if n.startswith(f".{site_dir.name}.new-"))]:
        path = parent / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
        removed.append(name)
    return removed
