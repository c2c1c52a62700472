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
