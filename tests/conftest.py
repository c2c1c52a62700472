"""Shared test fixtures: copies of a small valid data tree and of the default data."""

from __future__ import annotations

import shutil
import sys
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
