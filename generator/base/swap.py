"""Put a finished folder in place of another in one atomic step.

Linux (3.15+, glibc 2.28+) exchanges two paths with ``renameat2(RENAME_EXCHANGE)``: at
every moment the name points at the old folder or at the new one, whenever the process
dies. Where that call is missing (another system, or a file system that refuses it), two
renames are the fallback: the old folder is renamed aside, then the new one into place.
A build killed between the two leaves no folder under the name for that instant; the
next build puts the old one back before anything else (``build.lock.remove_leftovers``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        function = libc.renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                         ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two existing paths atomically; False when this system cannot (nothing was
    changed then); raises OSError for any other failure."""
    function = _renameat2()
    if function is None:
        return False
    result = function(AT_FDCWD, os.fsencode(first), AT_FDCWD,
                      os.fsencode(second), RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))
