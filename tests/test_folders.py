"""A build deletes only what it made (generator/publish/folders.py): a ``--site`` or
``--work`` that is the data, a repository, a home folder or ``/``, or a site with files
that no build made, is refused with one line and exit 2 before anything is read or
written; a build writes nothing beside ``--site`` (its lock and stamp live in the work
folder) and marks every site it makes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
from pathlib import Path

import pytest

from generator import cli
from generator.publish.folders import MARKER, MARKER_TEXT, UnsafeFolder, check_folders
from tests.conftest import REPO, SMALL

AS_OF = "2020-01-01"


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every entry below ``root`` (links as their target), to compare before and after."""
    found: dict[str, bytes | str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = "-> " + os.readlink(path)
        elif path.is_file():
            found[rel] = path.read_bytes()
        else:
            found[rel] = "folder"
    return found


def build(data: Path, site: Path, work: Path) -> int:
    return cli.main(["build", "--data", str(data), "--site", str(site), "--work", str(work),
                     "--as-of", AS_OF])


@pytest.fixture
def data(tmp_path: Path) -> Path:
    shutil.copytree(SMALL, tmp_path / "data")
    return tmp_path / "data"


def refused(capsys: pytest.CaptureFixture[str], code: int, *words: str) -> str:
    err = capsys.readouterr().err
    assert code == 2, err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    assert "nothing was changed" in lines[0], err
    for word in words:
        assert word in lines[0], err
    return lines[0]


@pytest.mark.parametrize("which", ["site", "work"])
@pytest.mark.parametrize("where", ["the data", "inside the data", "around the data"])
def test_a_folder_over_the_data_is_refused(data: Path, tmp_path: Path, which: str, where: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """``build --data D --site D`` once removed every YAML file of D."""
    folder = {"the data": data, "inside the data": data / "clusters",
              "around the data": tmp_path}[where]
    before = snapshot(tmp_path)
    site, work = (folder, tmp_path / "w") if which == "site" else (tmp_path / "s", folder)
    refused(capsys, build(data, site, work), f"--{which} {folder}", "data folder")
    assert snapshot(tmp_path) == before


def test_a_repository_root_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    """``build --data R/data --site R`` once removed data/, README.md and .git/."""
    repo = tmp_path / "repo"
    shutil.copytree(SMALL, repo / "data")
    (repo / "README.md").write_text("# A repository\n", encoding="utf-8")
    subprocess.run(["git", "-C", str(repo), "init", "-q"], check=True)
    before = snapshot(tmp_path)
    refused(capsys, build(repo / "data", repo, tmp_path / "w"), "repository's root folder")
    refused(capsys, build(repo / "data", tmp_path / "s", repo), "repository's root folder")
    refused(capsys, build(repo / "data", tmp_path, tmp_path / "w"), "repository's root")
    assert snapshot(tmp_path) == before


def test_this_repository_a_home_folder_and_the_root_are_refused(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    before = snapshot(tmp_path)
    refused(capsys, build(data, REPO, tmp_path / "w"), "--site", "repository's root folder")
    refused(capsys, build(data, home, tmp_path / "w"), "a home folder")
    refused(capsys, build(data, tmp_path / "s", home), "--work", "a home folder")
    refused(capsys, build(data, Path("/"), tmp_path / "w"), "the root folder /")
    assert snapshot(tmp_path) == before


def test_the_site_and_the_work_folder_side_by_side(data: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    refused(capsys, build(data, tmp_path / "x", tmp_path / "x"), "side by side")
    refused(capsys, build(data, tmp_path / "x" / "site", tmp_path / "x"), "side by side")
    refused(capsys, build(data, tmp_path / "x", tmp_path / "x" / "work"), "side by side")
    assert not (tmp_path / "x").exists()


def test_a_site_with_files_no_build_made_is_refused_with_a_way_out(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``--site /var/www/html`` with other files in it: refused, nothing touched; the
    message gives the one line that marks a site an earlier version built."""
    site = tmp_path / "html"
    site.mkdir()
    (site / "index.html").write_text("<p>someone else's</p>", encoding="utf-8")
    before = snapshot(tmp_path)
    line = refused(capsys, build(data, site, tmp_path / "w"), "no build of this tool made")
    assert snapshot(tmp_path) == before
    way_out = line.split("mark it first with: ", 1)[1].split("; nothing was changed")[0]
    subprocess.run(["sh", "-c", way_out], check=True)
    assert (site / MARKER).read_bytes() == MARKER_TEXT
    check_folders(data, site, tmp_path / "w", REPO)  # accepted now
    (site / MARKER).write_bytes(b"something else\n")  # only the marker's own content
    with pytest.raises(UnsafeFolder):
        check_folders(data, site, tmp_path / "w", REPO)
    (site / MARKER).unlink()
    (site / MARKER).symlink_to(tmp_path / "elsewhere")
    with pytest.raises(UnsafeFolder):
        check_folders(data, site, tmp_path / "w", REPO)


def test_a_file_as_the_site_is_refused(data: Path, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "site").write_text("x", encoding="utf-8")
    refused(capsys, build(data, tmp_path / "site", tmp_path / "w"), "is a file")
    assert (tmp_path / "site").read_text(encoding="utf-8") == "x"


def test_a_build_marks_its_site_and_writes_nothing_beside_it(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The marker's content is fixed; the lock, the stamp and the record of partial
    builds are in the work folder; a second build into the marked site is accepted (and
    has nothing to do)."""
    public = tmp_path / "public"
    public.mkdir()
    site, work = public / "site", tmp_path / "work"
    assert build(data, site, work) == 0, capsys.readouterr().err
    assert os.listdir(public) == ["site"]
    assert (site / MARKER).read_bytes() == MARKER_TEXT
    assert sorted(n for n in os.listdir(work) if n.startswith(".")) == [
        ".lock", ".mkdocs", ".stamp"]
    capsys.readouterr()
    assert build(data, site, work) == 0
    assert "is up to date" in capsys.readouterr().err
    assert os.listdir(public) == ["site"]


@pytest.mark.parametrize("address", ["256.0.0.1:8000", "nosuch.invalid:8000",
                                     "127.0.0.1:99999", "127.0.0.1:0", "127.0.0.1",
                                     ":8000", "127.0.0.1:http"])
def test_serve_refuses_an_address_it_cannot_serve_on(
        data: Path, address: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Once a socket.gaierror or OverflowError traceback: one line and exit 2."""
    with pytest.raises(SystemExit) as exit_:
        cli.main(["serve", "--data", str(data), "--addr", address])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"'{address}'" in err and "127.0.0.1:8000" in err, err


def test_serve_on_a_port_in_use_says_so_before_building(
        data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cli.main(["serve", "--data", str(data), "--work", str(tmp_path / "w"),
                         "--addr", f"127.0.0.1:{port}"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot serve there" in err and "Traceback" not in err, err
    assert not (tmp_path / "w" / "_preview").exists()


def test_serve_refuses_a_work_folder_over_the_data(data: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--data", str(data), "--work", str(data)]) == 2
    assert "data folder" in capsys.readouterr().err
