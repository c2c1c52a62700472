"""``serve`` previews the site as published: every language at its own path, rebuilt when
the data changes; while the data has errors every page carries a banner with the
file:line messages above the last good pages, until the data is fixed."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.conftest import get as _get
from tests.conftest import until as _until

BANNER = 'id="kf-preview-errors"'


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


def test_a_page_asking_for_the_next_build_is_answered_when_it_is_there(tmp_path: Path) -> None:
    """``state(seen=N)`` waits while the build number is N and answers as soon as a
    rebuild changes it; a page's script asks with ``?seen=`` and reloads on the answer."""
    import threading

    from generator.publish.pipeline import BuildOptions
    from generator.publish.serve import _RELOAD, STATE, Preview

    preview = Preview(BuildOptions(data_dir=tmp_path, site_dir=tmp_path / "site",
                                   work_dir=tmp_path / "work", as_of=None),
                      report=lambda result: True, say=lambda line: None)
    answers: list[dict[str, int]] = []
    asking = threading.Thread(target=lambda: answers.append(preview.state(seen=0, wait=60)))
    asking.start()
    asking.join(timeout=0.3)
    assert asking.is_alive() and not answers  # still waiting: nothing was built
    with preview.lock:  # what a rebuild does when it ends
        preview.version += 1
        preview.lock.notify_all()
    asking.join(timeout=30)
    assert not asking.is_alive() and answers == [{"version": 1, "problems": 0}]
    assert preview.state(seen=1, wait=0.01) == {"version": 1, "problems": 0}  # timed out
    assert preview.state() == {"version": 1, "problems": 0}
    assert f"{STATE}'+(seen===null?'':'?seen='+seen)" in _RELOAD
    assert "location.reload()" in _RELOAD


def test_warnings_show_in_a_banner_of_their_own_until_they_are_fixed(tree: Path,
                                                                     tmp_path: Path) -> None:
    """A text without its English translation is a warning: the preview builds the data
    as it is and every page shows the warning (a published build, with --strict, refuses
    it); fixed, the banner goes."""
    import datetime as dt

    from generator.cli.report import report
    from generator.publish.pipeline import BuildOptions
    from generator.publish.serve import Preview, preview_options

    forum = tree / "forums" / "polar.yaml"
    good = forum.read_text(encoding="utf-8")
    lines: list[str] = []
    preview = Preview(preview_options(BuildOptions(
        data_dir=tree, site_dir=tmp_path / "site", work_dir=tmp_path / "work",
        as_of=dt.date(2026, 11, 23))), lambda result: report(result, strict=False),
        lines.append)
    without = good.replace(', en: "Workshop on the reports"', "")
    assert without != good
    forum.write_text(without, encoding="utf-8")
    assert preview.rebuild()
    banner = preview.banner("/en/")
    line = next(i for i, text in enumerate(good.splitlines(), 1)
                if 'en: "Workshop on the reports"' in text)
    assert 'id="kf-preview-warnings"' in banner and BANNER not in banner
    assert f"forums/polar.yaml:{line}:" in banner and "no en translation" in banner
    assert "The data has warnings" in banner
    assert "Dataene har advarsler" in preview.banner("/")
    assert (tmp_path / "work" / "_preview" / "en" / "forums" / "polar" / "index.html").is_file()
    forum.write_text(good, encoding="utf-8")
    assert preview.rebuild()
    assert preview.banner("/en/") == ""
