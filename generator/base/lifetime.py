"""Processes a build starts die with it, also when it is killed (SIGKILL cannot be caught,
so the build cannot clean up after itself: each child asks the kernel instead).

On Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` makes the kernel kill a process when the
thread that started it ends. MkDocs runs through ``python -m generator.base.lifetime
PID module args...``, which sets that and then runs the module; chart workers set it in
their initializer (``die_with_parent``). Elsewhere (no prctl), children are left to end
on their own when their pipes close, as before.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import runpy
import signal
import sys

PR_SET_PDEATHSIG = 1


@functools.cache
def _prctl() -> object | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl
    except (OSError, AttributeError):
        return None


def die_with_parent(build_pid: int | None = None) -> bool:
    """Ask to be killed when the process that started this one ends; then, if the build
    (``build_pid``) is already gone, end now. True when the kernel took the request."""
    prctl = _prctl()
    taken = False
    if prctl is not None:
        taken = prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0  # type: ignore[operator]
    if build_pid is not None and not _alive(build_pid):
        os._exit(1)  # the build died before the request was made
    return taken


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def command(module: str, *args: str) -> list[str]:
    """The command that runs ``python -m module args...`` as a child dying with this
    process."""
    return [sys.executable, "-m", "generator.base.lifetime", str(os.getpid()), module, *args]


def main(argv: list[str]) -> None:
    """``python -m generator.base.lifetime BUILD_PID MODULE ARGS...``."""
    build_pid, module, *args = argv
    die_with_parent(int(build_pid))
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
