"""The preview in a browser, as a secretariat uses it: a page left open shows a saved
change by itself, shows the error banner when the data breaks and loses it when the data
is fixed; nobody presses reload."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.sites import REPO

SMALL = REPO / "tests" / "fixtures" / "small"
WAIT_MS = 180_000
"""How long a test waits for the page to show a change (the rebuild takes seconds; a
busy machine may take much longer: this bounds a failure, it is not a speed target)."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``python -m generator serve`` on a copy of the small tree: (its address, the tree)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(data), "--work",
         str(tmp_path / "work"), "--addr", f"127.0.0.1:{port}", "--as-of", "2026-11-23"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}/"
    try:
        end = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(root + "en/", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > end or proc.poll() is not None:
                    raise
            time.sleep(0.5)
        yield root, data
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_an_open_page_shows_a_change_an_error_and_the_fix_by_itself(
        open_page: Any, preview: tuple[str, Path]) -> None:
    root, data = preview
    page, watch = open_page(root + "en/forums/polar/")
    assert page.get_by_text("Workshop on the reports").count() >= 1
    forum = data / "forums" / "polar.yaml"
    good = forum.read_text(encoding="utf-8")

    changed = good.replace('en: "Workshop on the reports"', 'en: "Workshop on the new reports"')
    assert changed != good
    forum.write_text(changed, encoding="utf-8")
    page.get_by_text("Workshop on the new reports").first.wait_for(timeout=WAIT_MS)

    forum.write_text(changed.replace("established: 2016", "established: 2016-13"),
                     encoding="utf-8")
    banner = page.locator("#kf-preview-errors")
    banner.wait_for(timeout=WAIT_MS)
    assert "forums/polar.yaml" in banner.inner_text()
    assert page.get_by_text("Workshop on the new reports").count() >= 1  # the last good page

    forum.write_text(changed, encoding="utf-8")
    banner.wait_for(state="detached", timeout=WAIT_MS)
    assert page.get_by_text("Workshop on the new reports").count() >= 1
    watch.check()
