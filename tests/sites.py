"""Built sites shared by the whole test session.

A site is built once per (tree, as-of date) by ``python -m generator build``, as a user
builds it, by whichever pytest-xdist worker asks first; the other workers wait for it
and read the same folder. The key holds a digest of every file of the tree, so a tree
that changed is built again. Tests only read a shared site; a test that changes one
works on a copy (``copy_of``)."""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

MADE = ".made"
"""The suffix of the file written beside a shared folder once it is complete: a folder
without it is half made (its maker failed or was killed) and is made again."""


def shared_root(factory: pytest.TempPathFactory) -> Path:
    """The folder every worker of this session sees: the parent of the workers' own
    temporary folders under pytest-xdist, else the session's."""
    base = factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    return root / "shared"


def once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """The folder ``name``, made by ``make(folder)`` the first time any worker asks for
    it in this session; later calls (in any worker) wait for it and return it."""
    root = shared_root(factory)
    root.mkdir(parents=True, exist_ok=True)
    folder, made = root / name, root / f"{name}{MADE}"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file is closed
        if not made.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            made.write_text("")
    return folder


def tree_digest(tree: Path) -> str:
    """A digest of every file's path and bytes below ``tree``."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(tree.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(tree).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Built:
    """A built site, the work folder of its build and the tree it was built from."""

    data: Path
    site: Path
    work: Path


def cli_build(data: Path, site: Path, work: Path, as_of: dt.date,
              env: Mapping[str, str] | None = None) -> None:
    """``python -m generator build`` in its own process (its own hash seed), with ``env``
    added to the environment."""
    proc = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--data", str(data), "--site", str(site),
         "--work", str(work), "--as-of", as_of.isoformat()],
        cwd=REPO, capture_output=True, text=True, check=False, env={**os.environ, **(env or {})})
    assert proc.returncode == 0, proc.stderr


def built(factory: pytest.TempPathFactory, tree: Path, as_of: dt.date, *,
          copy: bool = False) -> Built:
    """``tree`` built as of ``as_of``, shared by the session: read it, never change it.
    ``copy``: build a copy of the tree outside the repository (so no date of its git
    history reaches the pages), as a test's copy of a fixture tree is built."""
    name = f"{tree.name}-{as_of.isoformat()}-{'copy' if copy else 'here'}-{tree_digest(tree)}"

    def make(folder: Path) -> None:
        data = tree
        if copy:
            data = folder / "data"
            shutil.copytree(tree, data)
        cli_build(data, folder / "site", folder / "work", as_of)

    folder = once(factory, name, make)
    return Built(folder / "data" if copy else tree, folder / "site", folder / "work")


def copy_of(site: Built, target: Path) -> Built:
    """A copy of a built site, its work folder and (when it was built from a copy) its
    tree, below ``target``, to change."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(site.site, target / "site", symlinks=True)
    shutil.copytree(site.work, target / "work", symlinks=True)
    data = site.data
    if site.data.is_relative_to(site.site.parent):
        data = target / "data"
        shutil.copytree(site.data, data, symlinks=True)
    return Built(data, target / "site", target / "work")
