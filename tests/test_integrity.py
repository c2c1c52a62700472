"""Nothing wrong is ever published: a link in the work folder, a failing disk, hostile
values, damaged caches, builds killed at any moment and builds started twice each end in
exit 0 or one clear line (never a traceback), and the next site is byte-identical to a
clean build of the same data.

One clean build of the small tree (tests/fixtures/small) is made per session and copied;
each test then breaks one thing and builds again through the command line.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e.sitekit import AS_OF, REPO, SMALL, tree_bytes

from bench.faults import alive, descendants
from generator.cli import main as cli
from tests import sites


@dataclass
class Built:
    """A data tree built into site/ and work/ (all below ``root``)."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def site(self) -> Path:
        return self.root / "site"

    @property
    def work(self) -> Path:
        return self.root / "work"

    def args(self) -> list[str]:
        return ["build", "--data", str(self.data), "--site", str(self.site),
                "--work", str(self.work), "--as-of", AS_OF.isoformat()]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The small tree built once from nothing: what every next build must equal (a copy
    of it, built once a session by tests/sites, which lays out data/, site/ and work/
    side by side as this module does)."""
    return Built(sites.built(tmp_path_factory, SMALL, AS_OF, copy=True).site.parent)


@pytest.fixture
def copy(clean: Built, tmp_path: Path) -> Built:
    """A copy of the clean build (data, site and work), safe to break."""
    built = Built(tmp_path / "b")
    shutil.copytree(clean.root, built.root, symlinks=True)
    return built


def one_clear_line(err: str, *words: str) -> str:
    """The line of stderr saying why the build stopped; no traceback anywhere."""
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if line.startswith("build failed: ")]
    assert len(lines) == 1, err
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def test_a_link_in_the_work_folder_is_refused(copy: Built, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A link where a language folder of the work folder should be: nothing is written or
    removed where it points, one clear line, the site stays as it was."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_bytes(b"unrelated")
    (elsewhere / "docs").mkdir()
    (elsewhere / "docs" / "index.md").write_bytes(b"unrelated too")
    site_before = tree_bytes(copy.site)
    shutil.rmtree(copy.work / "en")
    (copy.work / "en").symlink_to(elsewhere, target_is_directory=True)
    capsys.readouterr()
    assert cli(copy.args()) == 1
    one_clear_line(capsys.readouterr().err, str(copy.work / "en"), "is a link")
    assert tree_bytes(elsewhere) == {"notes.txt": b"unrelated", "docs/index.md": b"unrelated too"}
    assert tree_bytes(copy.site) == site_before


@pytest.mark.parametrize("error", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failing_disk_ends_in_one_line_and_changes_nothing(
        copy: Built, error: int, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The disk fills up (or turns read-only, or refuses) while the changed pages are
    written: exit 1, one line naming the path and what to do, and the site and generated
    pages as they were."""
    import generator.publish.write as write

    forum = copy.data / "forums" / "polar.yaml"
    forum.write_text(forum.read_text(encoding="utf-8").replace(
        "Klyngeforum Polar", "Klyngeforum Polar Nord"), encoding="utf-8")
    site_before, work_before = tree_bytes(copy.site), tree_bytes(copy.work)
    real = write.atomic_write
    calls: list[Path] = []

    def failing(path: Path, content: bytes) -> None:
        calls.append(path)
        if len(calls) > 2:
            raise OSError(error, "simulated", str(path))
        real(path, content)

    monkeypatch.setattr(write, "atomic_write", failing)
    capsys.readouterr()
    assert cli(copy.args()) == 1
    line = one_clear_line(capsys.readouterr().err, "cannot write", str(calls[-1]))
    assert {errno.ENOSPC: "disk is full", errno.EROFS: "read-only",
            errno.EACCES: "permission denied"}[error] in line
    assert tree_bytes(copy.site) == site_before
    assert tree_bytes(copy.work) == work_before


def test_a_second_build_stops_with_one_line_naming_the_first(
        copy: Built, capsys: pytest.CaptureFixture[str]) -> None:
    """While a build holds the site, another stops at once, touching nothing."""
    from generator.publish.lock import build_lock

    site_before, work_before = tree_bytes(copy.site), tree_bytes(copy.work)
    with build_lock(copy.work, copy.site):
        capsys.readouterr()
        assert cli(copy.args()) == 1
        one_clear_line(capsys.readouterr().err,
                       f"another build into the work folder {copy.work}/ is running, "
                       f"pid {os.getpid()}")
    assert tree_bytes(copy.site) == site_before and tree_bytes(copy.work) == work_before


@pytest.mark.slow
def test_two_builds_at_once_give_one_clean_site(copy: Built, clean: Built) -> None:
    """Two real builds started together into the same folders: one builds, the other
    stops with one clear line (or waits its turn); the site is the clean build's."""
    forum = copy.data / "forums" / "polar.yaml"
    text = forum.read_text(encoding="utf-8")
    forum.write_text(text.replace("Klyngeforum Polar", "Klyngeforum Polar Nord"),
                     encoding="utf-8")  # both have pages to write
    command = [sys.executable, "-m", "generator", *copy.args()]
    procs = [subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]
    assert sorted(code for code, _ in results) in ([0, 0], [0, 1]), results
    for code, err in results:
        if code == 1:
            one_clear_line(err, "another build into", "is running, pid")
        assert "Traceback" not in err
    forum.write_text(text, encoding="utf-8")
    assert cli(copy.args()) == 0
    assert tree_bytes(copy.site) == tree_bytes(clean.site)


# --- builds killed at any moment ---------------------------------------------------------------

FAULTPOINT = Path(__file__).with_name("faultpoint.py")


def killed_build(built: Built, point: str, env: dict[str, str] | None = None) -> set[int]:
    """Run a build that kills itself at ``point``; the processes it had started."""
    command = [sys.executable, str(FAULTPOINT), point, *built.args()]
    proc = subprocess.Popen(command, cwd=REPO, env={**os.environ, **(env or {})},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started: set[int] = set()
    while proc.poll() is None:
        started |= descendants(proc.pid)
        time.sleep(0.02)
    err = proc.stderr.read() if proc.stderr else ""
    assert proc.returncode == -signal.SIGKILL, (proc.returncode, err[-2000:])
    return started


def assert_children_died(started: set[int]) -> None:
    deadline = time.monotonic() + 10
    while alive(started) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = alive(started)
    for pid in left:  # started by the build this test started: end them before failing
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    assert not left, f"{len(left)} process(es) of the killed build still run"


@pytest.mark.parametrize("point", ["first-page", "mkdocs", "swap", "swapped"])
@pytest.mark.slow
def test_a_killed_build_never_publishes_the_abandoned_data(
        copy: Built, clean: Built, point: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The data changes, the build is killed (right after its first page, while MkDocs
    runs, between the two renames of the swap, after it), the data is put back: at every
    moment site/ is the previous site or the new one, the processes the build started
    die with it, and the next build equals a clean build byte for byte, with nothing left
    beside the site."""
    forum = copy.data / "forums" / "polar.yaml"
    text = forum.read_text(encoding="utf-8")
    forum.write_text(text.replace("Klyngeforum Polar", "Klyngeforum Polar Nord"),
                     encoding="utf-8")
    started = killed_build(copy, point)
    assert_children_died(started)
    after_kill = tree_bytes(copy.site)
    if point == "swapped":
        assert "Klyngeforum Polar Nord" in (copy.site / "forums/polar/index.html").read_text(
            encoding="utf-8")
    elif point != "swap":  # cut between the renames: no site/ until the next build
        assert after_kill == tree_bytes(clean.site)
    forum.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert cli(copy.args()) == 0, capsys.readouterr().err
    assert tree_bytes(copy.site) == tree_bytes(clean.site)
    assert sorted(n for n in os.listdir(copy.root) if n.startswith(".")) == []
    assert not [n for n in os.listdir(copy.work) if n.startswith((".site.new-", ".site.old-"))]
    assert not [p for p in copy.work.rglob("*") if p.name.endswith((".kf-undo", ".tmp"))]


@pytest.mark.slow
def test_a_build_killed_during_a_partial_mkdocs_run_leaves_the_site(
        copy: Built, clean: Built, capsys: pytest.CaptureFixture[str]) -> None:
    """A changed light is built partially, into a copy of the site made of hard links:
    killed while MkDocs renders there, the site in place is the previous one byte for
    byte (nothing was written through a link), MkDocs dies too, and the next builds are
    right."""
    assessment = copy.data / "clusters" / "nordlys-klynge" / "assessments" / "2018-03-01.yaml"
    text = assessment.read_text(encoding="utf-8")
    assert '"1.1": green' in text and '"1.2": yellow' in text
    one = text.replace('"1.1": green', '"1.1": red', 1)
    assessment.write_text(one, encoding="utf-8")
    capsys.readouterr()
    assert cli(copy.args()) == 0, capsys.readouterr().err  # records what a partial build needs
    previous = tree_bytes(copy.site)
    assessment.write_text(one.replace('"1.2": yellow', '"1.2": green', 1), encoding="utf-8")
    started = killed_build(copy, "partial")  # exits 0 instead, failing, if not partial
    assert_children_died(started)
    assert tree_bytes(copy.site) == previous
    assessment.write_text(text, encoding="utf-8")
    capsys.readouterr()
    assert cli(copy.args()) == 0, capsys.readouterr().err
    assert tree_bytes(copy.site) == tree_bytes(clean.site)
    assert not [n for n in os.listdir(copy.work) if n.startswith((".site.new-", ".site.old-"))]


def test_chart_workers_die_with_a_killed_build(copy: Built, tmp_path: Path) -> None:
    """Killed while its chart workers render (an empty chart cache: every chart is a
    miss): the workers end too, and the next build is the clean one."""
    env = {"KF_CHART_CACHE": str(tmp_path / "charts")}
    started = killed_build(copy, "charts", env)
    assert len(started) >= 2, "the build started no chart workers"
    assert_children_died(started)


# --- caches ------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_damaged_chart_cache_never_reaches_the_site(
        copy: Built, clean: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Cached SVGs given a script or cut short, a cached spec of null, of [] and of
    another chart: the build (every page made again) exits 0 with the clean site, and
    notes the damage with --verbose."""
    from generator.base.sealed import seal, unseal
    from generator.publish import stamp

    cache = tmp_path / "charts"
    monkeypatch.setenv("KF_CHART_CACHE", str(cache))
    shutil.rmtree(copy.work)
    assert cli(copy.args()) == 0
    svgs = sorted((cache / "svg").rglob("*.svg"))
    specs = sorted((cache / "specs").rglob("*.json"))
    assert len(svgs) >= 3 and len(specs) >= 3
    key = svgs[0].stem
    svg = unseal(key, svgs[0].read_bytes())
    assert svg is not None
    svgs[0].write_bytes(seal(key, svg.replace(b"</svg>", b"<script>alert(1)</script></svg>")))
    svgs[1].write_bytes(svgs[1].read_bytes()[:-300])
    specs[0].write_bytes(seal(specs[0].stem, b"null"))
    specs[1].write_bytes(seal(specs[1].stem, b"[]"))
    specs[2].write_bytes(specs[3].read_bytes())
    shutil.rmtree(copy.work)
    stamp.forget(copy.work)  # else nothing changed, and nothing is built (build.stamp)
    capsys.readouterr()
    assert cli([*copy.args(), "--verbose"]) == 0
    err = capsys.readouterr().err
    assert "damaged entries of the chart cache were removed" in err, err
    assert tree_bytes(copy.site) == tree_bytes(clean.site)
    assert b"<script>alert" not in b"".join(tree_bytes(copy.site).values())


def test_a_cache_that_cannot_be_written_only_slows_the_build(
        copy: Built, clean: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both caches where no folder can be made (as on a read-only or full disk)."""
    blocked = tmp_path / "blocked"
    blocked.write_bytes(b"a file, not a folder")
    monkeypatch.setenv("KF_CHART_CACHE", str(blocked / "charts"))
    monkeypatch.setenv("KF_DATA_CACHE", str(blocked / "data"))
    shutil.rmtree(copy.work)
    assert cli(copy.args()) == 0
    assert tree_bytes(copy.site) == tree_bytes(clean.site)
