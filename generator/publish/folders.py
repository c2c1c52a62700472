"""Which folders a build may replace: a build deletes only what it made.

A build replaces ``--site`` as a whole and rewrites the language folders of ``--work``.
Given the wrong folder (the data, the repository, a home folder, a web server's folder
with other files in it), that would delete what the build was never given. So before
anything is read or written, the command line checks both folders
(``check_folders``):

- neither is ``/``, a home folder or a repository root, nor holds one of them;
- neither is the data folder, inside it or around it;
- the site and the work folder are side by side, neither inside the other;
- a site that is there and not empty holds the marker (``MARKER``) that every build
  writes into every site it makes, with the same content each time.

Light to import (no third-party module): the check runs before the stamp's.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

MARKER = ".klyngeforum-site"
"""The file at the top of every site a build makes."""
MARKER_TEXT = b"klyngeforum site\n"
"""The marker's content: fixed (no path, time, pid or digest), so two builds of the same
data stay byte-identical."""


EXAMPLES = {"--site": "site", "--work": "build"}
"""The folders each option names by default, suggested instead of a refused one."""


class UnsafeFolder(ValueError):
    """A ``--site`` or ``--work`` that a build must not replace; the message is one line
    saying which, why and what to give instead."""


def _real(path: Path) -> Path:
    """The path with every link resolved (the folder a build would really change)."""
    return Path(os.path.realpath(path))


def _within(inner: Path, outer: Path) -> bool:
    """Whether ``inner`` is ``outer`` or below it (both real paths)."""
    return inner == outer or outer in inner.parents


def _repositories(*starts: Path) -> Iterator[Path]:
    """The repository roots at or above each path (a folder holding ``.git``)."""
    for start in starts:
        for folder in (start, *start.parents):
            if os.path.lexists(folder / ".git"):
                yield folder
                break


def _homes() -> set[Path]:
    homes = set()
    for home in (os.environ.get("HOME"), os.path.expanduser("~")):
        if home and home != "/":
            homes.add(_real(Path(home)))
    return homes


def check_folders(data_dir: Path, site_dir: Path, work_dir: Path, project: Path) -> None:
    """Raise UnsafeFolder when ``site_dir`` or ``work_dir`` is a folder a build must not
    replace or write into (see the module's text). Reads nothing but folder names and
    the site's marker; changes nothing."""
    check_folder("--site", site_dir, data_dir, project)
    check_folder("--work", work_dir, data_dir, project)
    site, work = _real(site_dir), _real(work_dir)
    if _within(site, work) or _within(work, site):
        raise UnsafeFolder(f"--site {site_dir} and --work {work_dir} are the same folder or "
                           "one is inside the other: give two folders side by side, such "
                           "as --site site --work build")
    _check_site(site_dir)


def check_folder(option: str, given: Path, data_dir: Path, project: Path) -> None:
    """Raise UnsafeFolder when the folder given as ``option`` is ``/``, a home folder or
    a repository root, holds one, or is the data folder, inside it or around it."""
    data = _real(data_dir)
    protected = [(_real(project), "the repository's root folder")]
    protected += [(root, "a repository's root folder") for root in _repositories(data)]
    protected += [(home, "a home folder") for home in _homes()]
    real = _real(given)
    where = f"{option} {given}"
    instead = f"{option} {EXAMPLES.get(option, 'DIR')}"
    if real == real.parent:
        raise UnsafeFolder(f"{where} is the root folder /: give a folder of its own, "
                           f"such as {instead}")
    for folder, what in protected:
        if _within(folder, real):
            raise UnsafeFolder(f"{where} is or holds {what} ({folder}): a build "
                               "replaces that folder, so give a folder of its own "
                               f"inside it, such as {instead}")
    if _within(real, data) or _within(data, real):
        raise UnsafeFolder(f"{where} is the data folder, inside it or around it "
                           f"({data_dir}): a build replaces that folder, so give one "
                           f"beside the data, such as {instead}")


def _check_site(site_dir: Path) -> None:
    """A site that is there must be a folder this tool built (or empty, or a link, which
    a build replaces without following)."""
    if os.path.islink(site_dir) or not os.path.lexists(site_dir):
        return
    if not os.path.isdir(site_dir):
        raise UnsafeFolder(f"--site {site_dir} is a file, not a folder: give a folder, "
                           "such as --site site")
    with os.scandir(site_dir) as entries:
        if next(entries, None) is None:
            return
    if is_marked(site_dir):
        return
    raise UnsafeFolder(
        f"--site {site_dir} holds files that no build of this tool made (it has no "
        f"{MARKER}): give a new or empty folder; if it is a site built by an earlier "
        f"version of this tool, mark it first with: printf 'klyngeforum site\\n' > "
        f"{site_dir}/{MARKER}")


def is_marked(site_dir: Path) -> bool:
    """Whether a folder holds the marker of a site this tool built (a regular file with
    the marker's content, not a link)."""
    path = os.path.join(site_dir, MARKER)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        return os.read(fd, len(MARKER_TEXT) + 1) == MARKER_TEXT
    finally:
        os.close(fd)


def mark(site_dir: Path) -> None:
    """Write the marker into a site being made (before it is put in place). A marker
    there already may be a hard link to the published site's (a partial build's copy):
    it is replaced, never written through."""
    (site_dir / MARKER).unlink(missing_ok=True)
    (site_dir / MARKER).write_bytes(MARKER_TEXT)
