"""Every use of git by the generator: the day each data file last changed (``git_text``,
for ``history``) and the data folder as it was at a revision (``data_at_revision``, for
``diff``). git is given revisions and paths, never options taken from the user."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from generator.data.yamlfile import MAX_BYTES

GIT_TIMEOUT = 120
"""Seconds a git command may take before the build goes on without its answer."""


class RevisionError(ValueError):
    """A revision to compare with that cannot be used; the message says why and what to
    write instead."""


def git_text(root: Path, *args: str) -> str | None:
    """What git prints in ``root``, or None when it fails or is not there."""
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=root, capture_output=True,
            text=True, encoding="utf-8", timeout=GIT_TIMEOUT, check=False,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return proc.stdout if proc.returncode == 0 else None


def data_at_revision(revision: str, data_dir: Path, into: Path) -> Path:
    """The data folder as it was at a git revision, written below ``into``.

    git is given revisions, never options: ``revision`` is resolved to a commit id with
    ``rev-parse --verify --end-of-options`` first, and only that id is passed on. The
    files are read from git's object store one by one (no archive is unpacked): a link,
    a submodule or a file over the data format's size limit in that revision is refused
    with its path."""
    data = data_dir.resolve()
    found = git_bytes(data if data.is_dir() else data.parent, "rev-parse", "--show-toplevel")
    if found.returncode != 0:
        raise RevisionError(f"--base {revision}: not a folder, and {data_dir} is not in a git "
                         "work tree to find a revision in")
    top = Path(found.stdout.decode("utf-8", "replace").strip())
    rel = data.relative_to(top.resolve()).as_posix()
    resolved = git_bytes(top, "rev-parse", "--verify", "--quiet", "--end-of-options",
                    f"{revision}^{{commit}}")
    commit = resolved.stdout.decode("ascii", "replace").strip()
    if resolved.returncode != 0 or not commit:
        raise RevisionError(f"--base {revision}: no such revision or folder (write a branch, "
                         "a tag, a commit id such as HEAD~1, or a data folder)")
    listing = git_bytes(top, "ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", rel)
    if listing.returncode != 0:
        raise RevisionError(f"--base {revision}: git cannot list {rel} in it")
    entries = [line for line in listing.stdout.split(b"\0") if line]
    if not entries:
        raise RevisionError(f"--base {revision}: there is no folder {rel} in that revision")
    blobs: list[tuple[str, str]] = []
    for entry in entries:
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, object_id, size = meta.split()
        path = raw_path.decode("utf-8", "replace")
        if mode == b"120000" or kind != b"blob":
            raise RevisionError(f"--base {revision}: {path} is a "
                             f"{'link' if mode == b'120000' else 'submodule'} in that "
                             "revision, where the data has only files and folders: compare "
                             "with a revision without it")
        if int(size) > MAX_BYTES:
            raise RevisionError(f"--base {revision}: {path} is {int(size):,} bytes in that "
                             "revision; the limit of a data file is 1 MiB (1,048,576 bytes)")
        blobs.append((path, object_id.decode("ascii")))
    contents = git_bytes(top, "cat-file", "--batch",
                    stdin=b"".join(f"{object_id}\n".encode() for _, object_id in blobs))
    if contents.returncode != 0:
        raise RevisionError(f"--base {revision}: git cannot read the files of {rel}")
    out, offset = contents.stdout, 0
    root = into.resolve()
    for path, _ in blobs:
        header_end = out.index(b"\n", offset)
        length = int(out[offset:header_end].split()[2])
        start = header_end + 1
        target = (root / path).resolve()
        if root not in target.parents:
            raise RevisionError(f"--base {revision}: {path} is not a path inside the data")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out[start:start + length])
        offset = start + length + 1
    return into / rel


def git_bytes(folder: Path, *args: str, stdin: bytes | None = None
              ) -> subprocess.CompletedProcess[bytes]:
    """Run git in ``folder`` with arguments that are never options taken from the user."""
    return subprocess.run(["git", "-C", str(folder), *args], input=stdin,
                          capture_output=True, check=False)
