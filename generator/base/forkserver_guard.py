"""Imported by the chart workers' fork server when it starts, and by nothing else
(``generator.base.lifetime.forkserver_preload``): the fork server dies with the build that
started it, and tells the workers it forks whose children they are, so that each dies
with it in turn (``lifetime.guard_worker``)."""

from __future__ import annotations

import os

from generator.base import lifetime

_build = os.environ.get(lifetime.BUILD_PID_VARIABLE, "")
if _build.isdigit() and int(_build) != os.getpid():
    lifetime.guard(int(_build))
    os.environ[lifetime.PARENT_PID_VARIABLE] = str(os.getpid())
