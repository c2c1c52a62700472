"""What loading a tree gives and works with: the result, a file read and checked on its own,
the file kinds at the top of the tree, how the data folder is written in messages, and
the suggestions a message makes (the closest id, a file name to use instead)."""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.base.problems import Problem
from generator.data.model import Dataset
from generator.data.schema import (
    MAX_ID,
    ActorMapFile,
    FileModel,
    IndicatorsFile,
    ProcessesFile,
    RulesFile,
    SiteFile,
    SourcesFile,
    StressTestCatalogueFile,
    StressTestFile,
)
from generator.data.yamlfile import SourceFile

MAX_NAME = MAX_ID
"""The longest name of a data file (without ``.yaml``) or folder: an id."""



FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
"""Any file name in the data: no space, no character that a web address or another
system cannot carry. Folders and YAML files, which the site reads, are ids (``SLUG``)."""



REQUIRED: dict[str, type[FileModel]] = {
    "site.yaml": SiteFile, "indicators.yaml": IndicatorsFile, "rules.yaml": RulesFile,
}



OPTIONAL: dict[str, type[FileModel]] = {
    "processes.yaml": ProcessesFile, "stress-test.yaml": StressTestCatalogueFile,
    "sources.yaml": SourcesFile,
}
"""Files at the top of the tree that a tree may leave out: the regional strategy's
catalogues, and the registry of the sources the records cite."""



DATED_FOLDERS: dict[str, type[FileModel]] = {
    "stress-tests": StressTestFile, "actor-maps": ActorMapFile,
}
"""Folders of dated files, one folder per forum: <folder>/<forum-id>/<YYYY-MM-DD>.yaml."""



@dataclass
class LoadResult:
    """What loading a tree gave: the dataset (when there are no errors) and all problems."""

    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth fixing that do not stop a build (unless strict)."""
        return [p for p in self.problems if p.severity == "warning"]



@dataclass
class Checked:
    """A file read and checked on its own."""

    source: SourceFile
    rel: str
    model: Any = None
    written: Any = None
    """The model as the file writes it, before ``settle`` gives its records what they
    inherit (label backing counts only a source a label names itself)."""



@dataclass
class StrategyFiles:
    """The regional-strategy files read in phase 1 (the catalogues are among the singles)."""

    stress_tests: dict[str, list[Checked]]
    """By the forum folder they are in."""
    actor_maps: dict[str, list[Checked]]
    surveys: list[Checked]

    def items(self) -> list[Checked]:
        """Every file, in a stable order."""
        return [*(c for group in self.stress_tests.values() for c in group),
                *(c for group in self.actor_maps.values() for c in group), *self.surveys]



def display_root(data_dir: Path) -> str:
    """How the data folder is written in messages: relative to the working folder if inside."""
    try:
        rel = os.path.relpath(data_dir.resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return data_dir.as_posix()
    return data_dir.as_posix() if rel.startswith("..") else Path(rel).as_posix()



def closest(value: str, ids: Iterable[str]) -> str | None:
    """The id most like ``value`` (a typo, a missing letter), if one is close enough."""
    found = difflib.get_close_matches(value, list(ids), n=1, cutoff=0.6)
    return found[0] if found else None



def write_instead(value: str, ids: list[str]) -> str:
    """What to write instead of an unknown id: the closest id, else the ids there are."""
    close = closest(value, ids)
    if close is not None:
        return f"did you mean '{close}'? write that id (or another of the {len(ids)} there are)"
    return f"write one of {choices(ids)}"



def by_date(items: list[Checked]) -> tuple[Any, ...]:
    """The models of dated files, oldest first."""
    return tuple(sorted((item.model for item in items), key=lambda m: m.date.sort_key()))



def choices(values: Iterable[str]) -> str:
    items = list(values)
    if not items:
        return "(none defined yet)"
    shown = ", ".join(items[:6])
    return shown + (", …" if len(items) > 6 else "")



PLAIN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "þ": "th",
                                "đ": "d", "ł": "l"})
"""Letters that Unicode does not take apart into a plain letter and a mark."""



def suggest_name(name: str, folder: bool) -> str:
    """A name in the data's spelling for a badly written one (``2017-01-01 .yaml`` →
    ``2017-01-01.yaml``)."""
    stem, dot, suffix = name.rpartition(".") if not folder and "." in name else (name, "", "")
    plain = unicodedata.normalize("NFKD", stem.casefold().translate(PLAIN_LETTERS))
    slug = "-".join(re.findall(r"[a-z0-9]+", plain.encode("ascii", "ignore").decode())) or "name"
    return slug[:MAX_NAME] + (f".{suffix.casefold()}" if dot else "")



def is_expected(rel: str) -> bool:
    parts = rel.split("/")
    if len(parts) == 1:
        return parts[0] in REQUIRED or parts[0] in OPTIONAL
    if len(parts) == 2:
        return parts[0] in ("peer-groups", "forums", "surveys") and parts[1].endswith(".yaml")
    if parts[0] in DATED_FOLDERS:
        return len(parts) == 3 and parts[2].endswith(".yaml")
    if parts[0] != "clusters":
        return False
    if len(parts) == 3:
        return parts[2] in ("cluster.yaml", "plan.yaml")
    return len(parts) == 4 and parts[2] == "assessments" and parts[3].endswith(".yaml")
