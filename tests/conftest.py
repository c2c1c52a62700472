"""Shared test fixtures: copies of a small valid data tree and of the default data."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "fixtures" / "small"
DATA = REPO / "data"

if str(REPO) not in sys.path:  # import the generator from this checkout
    sys.path.insert(0, str(REPO))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/e2e is an end-to-end test (``-m 'not e2e'`` leaves them out)."""
    e2e = REPO / "tests" / "e2e"
    for item in items:
        if e2e in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A fresh copy of the small valid tree (tests/fixtures/small), safe to change."""
    target = tmp_path / "data"
    shutil.copytree(SMALL, target)
    return target


@pytest.fixture
def data_tree(tmp_path: Path) -> Path:
    """A fresh copy of the default data tree (data/), safe to change."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# --- the preview (serve), for the tests that use it -------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def until(check: Callable[[], bool], seconds: float, what: str) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if check():
                return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def server(tree: Path, tmp_path: Path) -> Iterator[str]:
    """``python -m generator serve`` of ``tree`` on a free local port: its address."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(tree), "--work",
         str(tmp_path / "work"), "--addr", f"127.0.0.1:{port}", "--as-of", "2026-11-23"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    try:
        until(lambda: get(root + "/en/")[0] == 200, 300, "the first build")
        yield root
    finally:
        proc.terminate()
        proc.wait(timeout=30)
