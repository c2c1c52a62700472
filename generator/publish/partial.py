"""When MkDocs may render only the pages that changed (``generator.publish.mkdocs_run``).

After every complete build the record ``<work>/.mkdocs/record.json`` says what the site
in place was built from: a digest of what MkDocs reads besides the generated files (the
shared ``mkdocs.yml``, ``overrides/``, the MkDocs hooks and runner, the versions of
MkDocs, Material and Python-Markdown, the as-of date), a digest of the site and of each
language's work folder (every file by path, size and modification time), and beside it
each language's pages' titles and anchors. A build may be partial only when all of them
still hold: nothing has touched the site or the generated files since, and the only
differences are the files this build wrote, none of them ``mkdocs.yml``. The record is
removed before the first generated file is written and written again only once the new
site is in place, so a failed or killed build leaves none and the next build is full.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from generator.base.files import atomic_write
from generator.publish.stamp import site_digest

FOLDER = ".mkdocs"
"""In the work folder: the record and each language's page states."""

_PACKAGE = Path(__file__).resolve().parent


def _folder(work_dir: Path) -> Path:
    return Path(os.path.abspath(work_dir)) / FOLDER


def state_path(work_dir: Path, code: str) -> Path:
    """The recorded titles and anchors of a language's pages."""
    return _folder(work_dir) / f"{code}.json"


def inputs_digest(project: Path, as_of: str) -> str:
    """What MkDocs reads besides the generated files."""
    digest = hashlib.sha256(as_of.encode() + b"\0")
    for path in [project / "mkdocs.yml", _PACKAGE / "mkdocs_hooks.py",
                 _PACKAGE / "mkdocs_run.py",
                 *sorted(p for p in (project / "overrides").rglob("*") if p.is_file())]:
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions"):
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=\0".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Record:
    inputs: str
    site: str | None
    work: dict[str, str | None]


def _record_now(site_dir: Path, work_dir: Path, languages: tuple[str, ...],
                inputs: str) -> Record:
    return Record(inputs, site_digest(site_dir),
                  {code: site_digest(work_dir / code) for code in languages})


def read(work_dir: Path) -> Record | None:
    try:
        data = json.loads((_folder(work_dir) / "record.json").read_text(encoding="utf-8"))
        return Record(str(data["inputs"]), data["site"], dict(data["work"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def may_be_partial(site_dir: Path, work_dir: Path, languages: tuple[str, ...],
                   inputs: str) -> bool:
    """Whether the site in place and the generated files are exactly what the recorded
    build left (read before this build writes anything)."""
    recorded = read(work_dir)
    if recorded is None or recorded.site is None:
        return False
    if not all(state_path(work_dir, code).is_file() for code in languages):
        return False
    return recorded == _record_now(site_dir, work_dir, languages, inputs)


def forget(work_dir: Path) -> bytes | None:
    """Remove the record (before the generated files change); what it held, for
    ``restore`` when the build fails and puts everything back."""
    path = _folder(work_dir) / "record.json"
    try:
        held = path.read_bytes()
    except OSError:
        return None
    path.unlink(missing_ok=True)
    return held


def restore(work_dir: Path, held: bytes | None) -> None:
    """Put back the record ``forget`` removed: a failed build left the site and the
    generated files as they were, which it describes."""
    if held is not None:
        atomic_write(_folder(work_dir) / "record.json", held)


def keep_states(work_dir: Path, states: Mapping[str, Path]) -> None:
    """Once the new site is in place: keep each language's page states made by a full
    build (a partial build leaves them as they are)."""
    _folder(work_dir).mkdir(parents=True, exist_ok=True)
    for code, path in states.items():
        os.replace(path, state_path(work_dir, code))


def remember(site_dir: Path, work_dir: Path, languages: tuple[str, ...], inputs: str) -> None:
    """Once the new site is in place and the generated files are final: the record."""
    folder = _folder(work_dir)
    folder.mkdir(parents=True, exist_ok=True)
    now = _record_now(site_dir, work_dir, languages, inputs)
    atomic_write(folder / "record.json", (json.dumps(
        {"inputs": now.inputs, "site": now.site, "work": now.work}, sort_keys=True)
        + "\n").encode())


def linked_copy(site_dir: Path, target: Path) -> None:
    """A copy of the site whose files are hard links to the site's (a partial build
    unlinks every file before writing it, so the site in place never changes)."""
    shutil.copytree(site_dir, target, symlinks=True, copy_function=os.link)
