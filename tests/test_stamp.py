"""Nothing to do (generator/publish/stamp.py): the stamp of the last complete build is
trusted only while the inputs and the site are what they were."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from generator.publish import stamp
from tests.conftest import REPO, SMALL

SETTINGS = {"as_of": "2020-01-01", "site_url": None, "strict": True}


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path, Path]:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    site = tmp_path / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<p>hei</p>", encoding="utf-8")
    (site / "en" / "index.html").write_text("<p>hello</p>", encoding="utf-8")
    return data, site, tmp_path / "work"


def test_the_stamp_holds_while_nothing_changed(setup: tuple[Path, Path, Path]) -> None:
    data, site, work = setup
    inputs = stamp.inputs_digest(data, REPO, SETTINGS)
    assert not stamp.up_to_date(site, work, inputs)  # no stamp yet
    stamp.record(site, work, inputs)
    assert stamp.up_to_date(site, work, stamp.inputs_digest(data, REPO, SETTINGS))
    stamp.forget(work)
    assert not stamp.up_to_date(site, work, inputs)


def test_a_changed_input_breaks_the_stamp(setup: tuple[Path, Path, Path]) -> None:
    data, site, work = setup
    inputs = stamp.inputs_digest(data, REPO, SETTINGS)
    stamp.record(site, work, inputs)
    # another option
    assert stamp.inputs_digest(data, REPO, {**SETTINGS, "as_of": "2020-01-02"}) != inputs
    assert stamp.inputs_digest(data, REPO, {**SETTINGS, "strict": False}) != inputs
    # one byte of one data file
    path = data / "clusters" / "nordlys-klynge" / "cluster.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Nordlys", "Nordlis", 1), encoding="utf-8")
    assert not stamp.up_to_date(site, work, stamp.inputs_digest(data, REPO, SETTINGS))
    path.write_text(text, encoding="utf-8")
    # a new file in the data folder
    (data / "clusters" / "nordlys-klynge" / "plan.yaml.orig").write_text("x", encoding="utf-8")
    assert stamp.inputs_digest(data, REPO, SETTINGS) != inputs


def test_the_project_is_an_input(setup: tuple[Path, Path, Path], tmp_path: Path) -> None:
    data, _site, _work = setup
    project = tmp_path / "project"
    for name in ("generator", "docs", "overrides"):
        shutil.copytree(REPO / name, project / name,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(REPO / "mkdocs.yml", project / "mkdocs.yml")
    before = stamp.inputs_digest(data, project, SETTINGS)
    template = project / "generator" / "render" / "pages" / "templates" / "cluster.md.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_template = stamp.inputs_digest(data, project, SETTINGS)
    css = next((project / "docs").rglob("*.css"))
    css.write_text(css.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    after_css = stamp.inputs_digest(data, project, SETTINGS)
    assert len({before, after_template, after_css}) == 3


def test_a_changed_site_breaks_the_stamp(setup: tuple[Path, Path, Path]) -> None:
    data, site, work = setup
    inputs = stamp.inputs_digest(data, REPO, SETTINGS)
    stamp.record(site, work, inputs)
    page = site / "en" / "index.html"
    stat = page.stat()
    page.write_text("<p>hellO</p>", encoding="utf-8")  # same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    assert not stamp.up_to_date(site, work, inputs)
    stamp.record(site, work, inputs)
    page.unlink()
    assert not stamp.up_to_date(site, work, inputs)
    stamp.record(site, work, inputs)
    (site / "extra.html").write_text("", encoding="utf-8")
    assert not stamp.up_to_date(site, work, inputs)
    shutil.rmtree(site)
    assert not stamp.up_to_date(site, work, inputs)


@pytest.mark.parametrize("content", ["", "null", "[]", '{"version": 1}', "{", "\x00" * 10])
def test_a_damaged_stamp_is_no_stamp(setup: tuple[Path, Path, Path], content: str) -> None:
    data, site, work = setup
    inputs = stamp.inputs_digest(data, REPO, SETTINGS)
    stamp.record(site, work, inputs)
    recorded = json.loads(stamp.stamp_path(work).read_text(encoding="utf-8"))
    assert recorded["inputs"] == inputs
    stamp.stamp_path(work).write_text(content, encoding="utf-8")
    assert not stamp.up_to_date(site, work, inputs)
    stamp.stamp_path(work).write_text(json.dumps({**recorded, "version": 0}), encoding="utf-8")
    assert not stamp.up_to_date(site, work, inputs)


def _site_files(site: Path) -> dict[str, tuple[int, bytes]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_a_build_with_nothing_to_do_ends_at_once_and_a_changed_site_is_built_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator import cli

    data, site, work = tmp_path / "data", tmp_path / "site", tmp_path / "work"
    shutil.copytree(SMALL, data)
    argv = ["build", "--data", str(data), "--site", str(site), "--work", str(work),
            "--as-of", "2020-01-01", "--timings", str(tmp_path / "t.json")]
    assert cli.main(argv) == 0
    built = _site_files(site)
    assert stamp.stamp_path(work).is_file()

    capsys.readouterr()
    assert cli.main(argv) == 0
    assert "is up to date: nothing changed since the last build" in capsys.readouterr().err
    assert json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["skipped"] is True
    assert _site_files(site) == built  # not even rewritten

    # a page of the site damaged by hand: the stamp no longer holds, and the build puts
    # the page back as the data says
    page = site / "en" / "index.html"
    page.write_text("<p>damaged</p>", encoding="utf-8")
    assert cli.main(argv) == 0
    assert "up to date" not in capsys.readouterr().err
    rebuilt = _site_files(site)
    assert {k: v[1] for k, v in rebuilt.items()} == {k: v[1] for k, v in built.items()}

    # another as-of date is another build
    assert cli.main([*argv[:-4], "--as-of", "2020-01-02"]) == 0
    assert "up to date" not in capsys.readouterr().err


@pytest.mark.parametrize("entry", ["fifo", "link-to-dev-zero", "link-loop", "big-file"])
def test_the_nothing_to_do_check_never_reads_a_special_file(
        setup: tuple[Path, Path, Path], entry: str) -> None:
    """A named pipe in the data once hung the build, a link to /dev/zero filled the
    memory, before validation could name them: the stamp's walk looks at each entry
    first (lstat) and calls the inputs unknown, so the build goes on to validation."""
    import signal

    data, site, work = setup
    path = data / "clusters" / "x"
    if entry == "fifo":
        os.mkfifo(path)
    elif entry == "link-to-dev-zero":
        path.symlink_to("/dev/zero")
    elif entry == "link-loop":
        path.symlink_to(path)
    else:
        with path.open("wb") as out:
            out.truncate(2 * 1024 * 1024 * 1024)  # sparse: 2 GiB without the disk
    def hung(*_: object) -> None:
        raise TimeoutError("the stamp's walk waits on the entry")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(20)  # a hang fails the test instead of the suite
    try:
        assert stamp.inputs_digest(data, REPO, SETTINGS) is None
        assert not stamp.up_to_date(site, work, None)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
