"""Cache files that say what they are: an entry is trusted only when it is what it claims.

A cache file holds one line, ``kf-sealed <key> <sha256 of the content>``, then the content.
Reading checks both: an entry stored under another key (a copied or renamed file) or whose
bytes changed (a bad disk, a hand edit, a half-written copy) is a miss, never used. What
reads a sealed entry still checks its shape (a spec is a mapping, an SVG parses) before
use. Writing is best effort: a cache on a full or read-only disk makes a build slower,
never failing.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.base.files import atomic_write

MAGIC = b"kf-sealed"


def seal(key: str, content: bytes) -> bytes:
    """What a cache file holds for ``content`` stored under ``key``."""
    return b"%s %s %s\n" % (MAGIC, key.encode("ascii"),
                            hashlib.sha256(content).hexdigest().encode("ascii")) + content


def unseal(key: str, stored: bytes) -> bytes | None:
    """The content of a cache file, or None when it is not the intact entry of ``key``."""
    header, newline, content = stored.partition(b"\n")
    if not newline:
        return None
    parts = header.split(b" ")
    if len(parts) != 3 or parts[0] != MAGIC or parts[1] != key.encode("ascii"):
        return None
    if hashlib.sha256(content).hexdigest().encode("ascii") != parts[2]:
        return None
    return content


@dataclass
class SealedFolder:
    """Entries by key in a folder (``<folder>/<key[:2]>/<key><suffix>``), sealed; counts
    what was found damaged and what could not be written."""

    folder: Path
    suffix: str
    damaged: list[Path] = field(default_factory=list)
    """Entries found not to be what they claim (removed, to be made again)."""
    unwritable: int = 0
    """Entries that could not be stored (full or read-only disk)."""

    def path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}{self.suffix}"

    def read(self, key: str) -> bytes | None:
        """The intact content stored under ``key``, else None (a damaged entry is removed)."""
        path = self.path(key)
        try:
            stored = path.read_bytes()
        except OSError:
            return None
        content = unseal(key, stored)
        if content is None:
            self.reject(key)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: pruning keeps it
        return content

    def reject(self, key: str) -> None:
        """Remove the entry of ``key``: it was read but is not what it should be."""
        path = self.path(key)
        self.damaged.append(path)
        with contextlib.suppress(OSError):
            path.unlink()

    def write(self, key: str, content: bytes) -> bool:
        """Store ``content`` under ``key``; False when the disk would not take it."""
        try:
            atomic_write(self.path(key), seal(key, content))
        except OSError:
            self.unwritable += 1
            return False
        return True
