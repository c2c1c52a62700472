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
        self._old: dict[str, Any] = {}
        self._new: dict[str, Any] = {}
        self.hits = 0
        self.misses = 0

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
        except (OSError, EOFError, ValueError, TypeError):
            return
        if (isinstance(stored, dict) and stored.get("version") == code_version()
                and isinstance(stored.get("values"), dict)):
            self._old = stored["values"]

    def get(self, key: str) -> tuple[bool, Any]:
        """(True, value) when the bytes with this digest were read before without a problem."""
        if key in self._old:
            value = self._old[key]
            self._new[key] = value
            self.hits += 1
            return True, value
        self.misses += 1
        return False, None

    def put(self, key: str, value: Any) -> None:
        """The value of a file read without a problem."""
        self._new[key] = value

    def save(self) -> None:
        """Write the values used or added since ``load``, if they differ from those read."""
        if self.path is None:
            return
        if self._new.keys() == self._old.keys():
            with contextlib.suppress(OSError):  # still in use: not stale
                os.utime(self.path)
            return
        try:
            payload = marshal.dumps({"version": code_version(), "values": self._new})
        except ValueError:  # a value marshal cannot write: keep no cache rather than fail
            return
        try:
            atomic_write(self.path, payload)
        except OSError:
            return  # a cache that cannot be written costs time, never correctness
        _remove_stale(self.path.parent)


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
