"""What a build builds from where: a module of its own, light to import, so that the
command line can decide that there is nothing to do (``generator.publish.stamp``) before
the pipeline, with Altair and pandas, is imported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
"""The repository: mkdocs.yml (the shared MkDocs settings), docs/ and overrides/."""


@dataclass(frozen=True)
class BuildOptions:
    """What to build from where."""

    data_dir: Path
    site_dir: Path
    work_dir: Path
    as_of: dt.date
    project: Path = PROJECT
