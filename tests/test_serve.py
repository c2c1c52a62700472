"""``serve`` previews the site as published: every language at its own path, rebuilt when
the data changes; while the data has errors every page carries a banner with the
file:line messages above the last good pages, until the data is fixed."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

BANNER = 'id="kf-preview-errors"'


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def _until(check: Callable[[], bool], seconds: float, what: str) -> None:
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
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--data", str(tree), "--work",
         str(tmp_path / "work"), "--addr", f"127.0.0.1:{port}", "--as-of", "2026-11-23"],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = f"http://127.0.0.1:{port}"
    try:
        _until(lambda: _get(root + "/en/")[0] == 200, 300, "the first build")
        yield root
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _state(root: str) -> dict[str, int]:
    return json.loads(_get(root + "/__preview__/state")[1])


def test_every_language_at_its_path_and_a_banner_while_the_data_is_broken(
        server: str, tree: Path) -> None:
    status_nb, home_nb = _get(server + "/")
    status_en, home_en = _get(server + "/en/")
    assert (status_nb, status_en) == (200, 200)
    assert 'lang="nb"' in home_nb and 'lang="en"' in home_en
    assert _get(server + "/en/clusters/nordlys-klynge/")[0] == 200
    assert BANNER not in home_nb and BANNER not in home_en

    forum = tree / "forums" / "polar.yaml"
    good = forum.read_text(encoding="utf-8")
    version = _state(server)["version"]
    forum.write_text(good.replace("established: 2016", "established: 2016-13"),
                     encoding="utf-8")
    _until(lambda: _state(server)["version"] > version, 120, "the rebuild after the error")
    assert _state(server)["problems"] == 1
    line = next(i for i, text in enumerate(good.splitlines(), 1) if "established:" in text)
    for path in ("/", "/en/", "/en/clusters/nordlys-klynge/"):
        status, page = _get(server + path)
        assert status == 200 and BANNER in page, path
        assert f"forums/polar.yaml:{line}: established:" in page
        assert "Nordlys Klynge" in page  # the last good page is still there, under it
    assert "Dataene har feil" in _get(server + "/")[1]
    assert "The data has errors" in _get(server + "/en/")[1]

    version = _state(server)["version"]
    forum.write_text(good, encoding="utf-8")
    _until(lambda: _state(server)["version"] > version, 300, "the rebuild after the fix")
    assert _state(server)["problems"] == 0
    assert BANNER not in _get(server + "/en/")[1]


def test_a_file_saved_during_the_first_build_is_built_too(tree: Path) -> None:
    """The watcher's first look is the one taken before the first build: a file saved
    while that build runs (or before the watcher starts) is a change, not the start."""
    import threading

    from generator.publish.serve import snapshot, watch_data

    seen = snapshot(tree)  # as serve takes it, before the first build
    site = tree / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # saved meanwhile
    stop = threading.Event()
    rebuilt: list[float] = []

    def rebuild() -> None:
        rebuilt.append(time.monotonic())
        stop.set()

    watcher = threading.Thread(target=watch_data, args=(tree, seen, stop, rebuild, 0.05))
    watcher.start()
    watcher.join(timeout=30)
    stop.set()
    assert rebuilt, "the file saved during the first build was never built"
