"""Processes a build starts die with it, even when the build is killed before the child
could ask the kernel for it (generator/base/lifetime.py).

The race that matters: the build is killed after it started a child and before the child
made its request. A killed build that its own parent has not reaped yet is a zombie, and
a zombie's pid still answers ``kill(pid, 0)``; the child must see that it has been given
to another parent and end, not go on for as long as it runs."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from bench.faults import alive
from tests.conftest import REPO

SLEEPER = ("timeit", "-n", "1", "-r", "1", "import time; time.sleep(60)")
"""A module run as a child that would go on for a minute."""


def _wait_gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while alive({pid}) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive({pid})


def _end(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_child_of_a_build_killed_before_the_child_asked_ends_at_once() -> None:
    """The build starts MkDocs' way (``lifetime.command``) and dies at once; it stays a
    zombie (this test does not reap it): the child ends within seconds."""
    build = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import os, subprocess
        from generator.base import lifetime
        child = subprocess.Popen(lifetime.command(*{SLEEPER!r}))
        print(child.pid, flush=True)
        os._exit(0)
        """)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    child = int(build.stdout.readline())
    try:
        time.sleep(0.2)
        assert alive({build.pid}) == set()  # dead, and a zombie until reaped below
        assert _wait_gone(child, 10), "the child of the killed build still runs"
    finally:
        _end(child)
        build.wait()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_chart_workers_and_their_fork_server_die_with_a_killed_build() -> None:
    """A build with a chart pool (the fork server and its workers started) is killed:
    the fork server and every worker end within seconds, before anything reaps the
    build."""
    build = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import os, time
        from generator.render.charts import vlconvert
        pool = vlconvert._pool("process", 2)
        list(pool.map(abs, range(4)))  # the fork server and the workers run
        print(os.getpid(), flush=True)
        time.sleep(60)
        """)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert build.stdout is not None
    build.stdout.readline()
    from bench.faults import descendants

    started = descendants(build.pid)
    try:
        assert len(started) >= 3, started  # fork server, two workers (and its tracker)
        build.send_signal(signal.SIGKILL)
        deadline = time.monotonic() + 10
        while alive(started) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not alive(started), f"{len(alive(started))} process(es) still run"
    finally:
        for pid in started:
            _end(pid)
        build.wait()
