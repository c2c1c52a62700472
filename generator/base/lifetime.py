"""Processes a build starts die with it, also when it is killed (SIGKILL cannot be caught,
so the build cannot clean up after itself: each child asks the kernel instead).

On Linux, ``prctl(PR_SET_PDEATHSIG, SIGKILL)`` makes the kernel kill a process when the
thread that started it ends. A child asks for it first thing, then looks whether the
process that started it is still its parent (``guard``): if the build died before the
request was made, the child has already been given to another parent and ends at once.
(Asking whether the build's pid is alive is not enough: a killed build that its own
parent has not yet reaped is a zombie, and a zombie's pid answers.)

- MkDocs runs through ``python -m generator.base.lifetime PID module args...``, which
  guards against the build (PID) and then runs the module.
- The chart workers are forked by multiprocessing's fork server, not by the build: the
  fork server guards itself against the build when it starts (``forkserver_preload``
  names ``generator.base.forkserver_guard``, and the build's pid reaches it in
  ``BUILD_PID_VARIABLE``), and each
  worker guards against the fork server in its initializer (``guard_worker``). So a
  killed build takes the fork server with it, and the fork server its workers.

Elsewhere (no prctl), children are left to end on their own when their pipes close.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools
import os
import runpy
import signal
import sys
from collections.abc import Callable

PR_SET_PDEATHSIG = 1


@functools.cache
def _prctl() -> Callable[..., int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        return libc.prctl
    except (OSError, AttributeError):
        return None


def guard(parent: int) -> bool:
    """Ask to be killed when the thread that started this process ends; end now if
    ``parent`` (the process that started this one) is no longer its parent, because it
    died before the request was made. True when the kernel took the request."""
    prctl = _prctl()
    taken = False
    if prctl is not None:
        taken = prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if os.getppid() != parent:
        os._exit(1)  # the parent died before the request was made
    return taken


BUILD_PID_VARIABLE = "KF_BUILD_PID"
"""The environment variable that gives the fork server the pid of the build."""
PARENT_PID_VARIABLE = "KF_FORKSERVER_PID"
"""The environment variable that gives each chart worker the pid of its fork server."""


def forkserver_preload() -> list[str]:
    """The modules the chart workers' fork server imports when it starts: the one that
    guards it against the build (``generator.base.forkserver_guard``). Sets the build's
    pid for it to read."""
    os.environ[BUILD_PID_VARIABLE] = str(os.getpid())
    return ["generator.base.forkserver_guard"]


def guard_worker() -> None:
    """A chart worker's initializer: guard against the fork server that forked it."""
    parent = os.environ.get(PARENT_PID_VARIABLE)
    guard(int(parent) if parent and parent.isdigit() else os.getppid())


def command(module: str, *args: str) -> list[str]:
    """The command that runs ``python -m module args...`` as a child dying with this
    process."""
    return [sys.executable, "-m", "generator.base.lifetime", str(os.getpid()), module, *args]


def main(argv: list[str]) -> None:
    """``python -m generator.base.lifetime BUILD_PID MODULE ARGS...``."""
    build_pid, module, *args = argv
    guard(int(build_pid))
    sys.argv = [module, *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main(sys.argv[1:])
