"""The one way every stage writes a file: atomically; and what to say when it cannot."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path


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


_WHAT_TO_DO = {
    errno.ENOSPC: "the disk is full: free some space (or point --work, --site and "
                  "KF_CHART_CACHE/KF_DATA_CACHE at another disk) and build again",
    errno.EDQUOT: "the disk quota is used up: free some space and build again",
    errno.EROFS: "the file system is read-only: build into a writable folder with --work "
                 "and --site",
    errno.EACCES: "permission denied: make the folder writable for this user (ls -ld shows "
                  "its owner and mode), or build into another folder with --work and --site",
    errno.EPERM: "not permitted: make the folder writable for this user, or build into "
                 "another folder with --work and --site",
    errno.ENOTDIR: "a file stands where a folder is expected: move it away and build again",
    errno.EISDIR: "a folder stands where a file is expected: move it away and build again",
}


def os_error_message(exc: OSError) -> str:
    """One line for an OS error: the path, what went wrong and what to do."""
    where = exc.filename if exc.filename is not None else "a file"
    if exc.filename2 is not None:
        where = f"{exc.filename} → {exc.filename2}"
    what = _WHAT_TO_DO.get(exc.errno or 0)
    if what is None:
        what = f"{exc.strerror or exc}: check the folder and build again"
    return f"cannot write {where}: {what}"
