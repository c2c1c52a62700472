"""What each data file read to last time, by the digest of its bytes.

Composing YAML and turning its nodes into values is two thirds of validating a tree
(3,900 assessments: ~2 s of ~3 s). A secretariat's preview changes one file at a time,
so every file whose bytes are those of a file read before without a problem is given the
value read then, and only the changed files are parsed again. The checks against the
schema and between files run on every file, every time: the cache saves parsing only,
and a value from it is the one parsing the same bytes gives (the key is the bytes'
digest; the cache is dropped whole when this reader's code, PyYAML or Python changes).

One file per data folder under ``.cache/data/`` (``KF_DATA_CACHE`` overrides the folder),
holding the files of the last load only, so it never grows past the tree's size; the
caches of folders not loaded for 30 days (temporary trees) are removed. It is
written with ``marshal`` (plain values only: str, int, float, bool, None, list, dict),
replaced atomically; a file that cannot be read is treated as empty.

An entry is trusted only when it is what it claims to be: each holds its value's marshal
bytes with their digest, checked before the value is used. A changed byte (a bad disk, a
hand edit, a half-copied folder) makes that entry a miss: the file is parsed again and the
entry replaced, so the cache can make a load slower, never different. A cache folder that
cannot be written (read-only, full) is skipped the same way.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import marshal
import os
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from generator.base.files import atomic_write

DEFAULT_DIR = Path(__file__).resolve().parents[2] / ".cache" / "data"


def default_dir() -> Path:
    """Where value caches live: ``KF_DATA_CACHE`` or ``.cache/data`` in the project."""
    return Path(os.environ.get("KF_DATA_CACHE") or DEFAULT_DIR)


def digest(raw: bytes) -> str:
    """The key of a file's bytes."""
    return hashlib.blake2b(raw, digest_size=16).hexdigest()


@functools.lru_cache(maxsize=1)
def code_version() -> str:
    """What else decides a file's value besides its bytes: the reader's code and versions."""
    parts = hashlib.sha256()
    parts.update(Path(__file__).with_name("yamlfile.py").read_bytes())
    parts.update(f"{yaml.__version__}|{sys.version}|{marshal.version}".encode())
    return parts.hexdigest()


class ValueCache:
    """The values of one data folder's files by digest; ``save`` keeps those used since
    ``load`` (or given with ``put``) and drops the rest."""

    def __init__(self, path: Path | None):
        self.path = path
        self._old: dict[str, tuple[str, bytes]] = {}
        self._new: dict[str, tuple[str, bytes]] = {}
        self.hits = 0
        self.misses = 0
        self.corrupt = 0
        """Entries found whose bytes did not match their digest (each counted as a miss)."""

    @classmethod
    def for_tree(cls, data_dir: Path, folder: Path | None = None) -> ValueCache:
        """The cache of ``data_dir``, read from ``folder`` (default: ``default_dir()``)."""
        name = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:24]
        cache = cls((folder or default_dir()) / f"{name}.marshal")
        cache.load()
        return cache

    def load(self) -> None:
        if self.path is None:
            return
        try:
            with self.path.open("rb") as handle:
                stored = marshal.load(handle)
        except (OSError, EOFError, ValueError, TypeError, MemoryError):
            return  # unreadable or damaged as a whole: every file is parsed again
        if (isinstance(stored, dict) and stored.get("version") == code_version()
                and isinstance(stored.get("values"), dict)):
            self._old = stored["values"]

    def get(self, key: str) -> tuple[bool, Any]:
        """(True, value) when the bytes with this digest were read before without a problem
        and the stored value is intact (its bytes match the digest recorded with them)."""
        if key in self._old:
            entry = self._old[key]
            value = _intact(entry)
            if value is not _BROKEN:
                self._new[key] = entry
                self.hits += 1
                return True, value
            self.corrupt += 1
            del self._old[key]  # not saved again: replaced by the value parsed now
        self.misses += 1
        return False, None

    def put(self, key: str, value: Any) -> None:
        """The value of a file read without a problem."""
        try:
            blob = marshal.dumps(value)
        except ValueError:  # a value marshal cannot write: not cached, read again next time
            return
        self._new[key] = (digest(blob), blob)

    def save(self) -> None:
        """Write the values used or added since ``load``, if they differ from those read."""
        if self.path is None:
            return
        if self._new.keys() == self._old.keys():
            with contextlib.suppress(OSError):  # still in use: not stale
                os.utime(self.path)
            return
        payload = marshal.dumps({"version": code_version(), "values": self._new})
        try:
            atomic_write(self.path, payload)
        except OSError:
            return  # a cache that cannot be written costs time, never correctness
        _remove_stale(self.path.parent)


_BROKEN = object()


def _intact(entry: Any) -> Any:
    """The value of a stored entry, or _BROKEN when it is not (digest, bytes) whose bytes
    have that digest and read back as a value."""
    if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str)
            and isinstance(entry[1], bytes)):
        return _BROKEN
    recorded, blob = entry
    if digest(blob) != recorded:
        return _BROKEN
    try:
        return marshal.loads(blob)
    except (EOFError, ValueError, TypeError):
        return _BROKEN


STALE_SECONDS = 30 * 24 * 3600


def _remove_stale(folder: Path) -> None:
    """Remove the caches of data folders not loaded for ``STALE_SECONDS``."""
    now = time.time()
    for path in folder.glob("*.marshal"):
        try:
            if now - path.stat().st_mtime > STALE_SECONDS:
                path.unlink()
        except OSError:
            continue
