"""Golden files, Pelican's way: the output of a small tree as reviewed, committed beside the
tests. ``UPDATE_GOLDEN=1 pytest ...`` writes what the code makes now (the date is fixed by
each test, and nothing the generator writes depends on the machine's locale); review the
diff before committing it."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def updating() -> bool:
    """True when the run writes the golden files instead of comparing with them."""
    return bool(os.environ.get("UPDATE_GOLDEN"))


def check_golden(golden: Path, actual: str) -> None:
    """``actual`` is the content of the golden file (written first when updating)."""
    if updating():
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"missing golden file {golden}: run with UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8"), f"differs from {golden}"


def check_golden_tree(folder: Path, files: Mapping[str, bytes]) -> None:
    """``files`` (by path relative to ``folder``) are exactly the golden files in ``folder``:
    none missing, none extra, each with the same bytes."""
    if updating():
        for old in folder.rglob("*"):
            if old.is_file() and old.relative_to(folder).as_posix() not in files:
                old.unlink()
        for rel, content in files.items():
            (folder / rel).parent.mkdir(parents=True, exist_ok=True)
            (folder / rel).write_bytes(content)
    golden = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())
    assert golden, f"no golden files in {folder}: run with UPDATE_GOLDEN=1"
    assert sorted(files) == golden, "files added or removed: run with UPDATE_GOLDEN=1 and review"
    for rel in golden:
        assert files[rel] == (folder / rel).read_bytes(), f"differs from {folder / rel}"
