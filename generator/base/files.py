"""What an output file holds, and the one way every stage writes a file: atomically."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class Kept:
    """The content of a generated file the last build wrote and that is known to be
    unchanged (its page's key is the same): left as it is, neither read nor compared."""

    def __repr__(self) -> str:
        return "KEPT"


KEPT = Kept()
Content = bytes | Kept
"""What a generated file holds: its bytes, or ``KEPT``."""



def atomic_write(path: Path, content: bytes) -> None:
    """Write a file so that no reader ever sees half of it (a temporary file, renamed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
