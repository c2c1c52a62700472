"""Nothing wrong is ever published: a link in the work folder, a failing disk, hostile
values, damaged caches, builds killed at any moment and builds started twice each end in
exit 0 or one clear line (never a traceback), and the next site is byte-identical to a
clean build of the same data.

One clean build of the small tree (tests/fixtures/small) is made per module and copied;
each test then breaks one thing and builds again through the command line.
"""

from __future__ import annotations

import errno
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from e2e.sitekit import AS_OF, SMALL, tree_bytes

from generator.cli import main as cli


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
    """The small tree built once from nothing: what every next build must equal."""
    built = Built(tmp_path_factory.mktemp("clean"))
    shutil.copytree(SMALL, built.data)
    assert cli(built.args()) == 0
    return built


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
    import generator.build.write as write

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
    import os

    from generator.build.lock import build_lock

    site_before, work_before = tree_bytes(copy.site), tree_bytes(copy.work)
    with build_lock(copy.site):
        capsys.readouterr()
        assert cli(copy.args()) == 1
        one_clear_line(capsys.readouterr().err,
                       f"another build into {copy.site}/ is running, pid {os.getpid()}")
    assert tree_bytes(copy.site) == site_before and tree_bytes(copy.work) == work_before


def test_two_builds_at_once_give_one_clean_site(copy: Built, clean: Built) -> None:
    """Two real builds started together into the same folders: one builds, the other
    stops with one clear line (or waits its turn); the site is the clean build's."""
    import subprocess
    import sys

    from e2e.sitekit import REPO

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
