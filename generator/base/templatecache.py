"""Compiled Jinja templates, kept so that a template is compiled once, not in every build.

Compiling a template costs far more than rendering it: the generator's page templates and
the theme's (MkDocs and Material) took about a second of every build and of every
preview rebuild. A ``CompiledTemplates`` keeps each compiled template in memory for the
life of the process and, sealed (``generator.base.sealed``), in ``.cache/templates/``
for the next process.

An entry is keyed by everything its code depends on: the template's name and file, a
checksum of its source, the versions of Jinja and Python, and the ``flavour`` of the
environment. Jinja evaluates a filter given only literals when it compiles, so compiled
code can hold words of one language: the generator's pages have a flavour per language
(with Babel's version and the digest of the generator's code and catalogs), the theme one
per locale (with the versions of MkDocs and Material). An edited template or another
version is a miss, never stale code. A
damaged or foreign entry is a miss as well: the seal is checked, then Jinja checks its
own header and the source's checksum; an entry that still does not load is removed and
the template compiled again. A cache that cannot be written only costs the compile.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from pathlib import Path
from typing import Literal

import jinja2
import jinja2.bccache

from generator.base.sealed import SealedFolder

DEFAULT_DIR = Path(__file__).resolve().parents[2] / ".cache" / "templates"


def default_dir() -> Path:
    """Where compiled templates live: ``KF_TEMPLATE_CACHE`` or ``.cache/templates``."""
    return Path(os.environ.get("KF_TEMPLATE_CACHE") or DEFAULT_DIR)


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's bytecode cache: in memory, and sealed in ``folder`` (by default
    ``default_dir()`` when first used; None: in memory only)."""

    def __init__(self, flavour: str, folder: Path | None | Literal["default"] = "default"
                 ) -> None:
        self.flavour = flavour
        self._folder = folder
        self._memory: dict[str, bytes] = {}

    @functools.cached_property
    def store(self) -> SealedFolder | None:
        folder = default_dir() if self._folder == "default" else self._folder
        return None if folder is None else SealedFolder(folder, ".jinja")

    def _key(self, bucket: jinja2.bccache.Bucket) -> str:
        what = "\0".join((self.flavour, bucket.key, bucket.checksum, jinja2.__version__,
                          f"{sys.version_info[0]}.{sys.version_info[1]}"))
        return hashlib.sha256(what.encode("utf-8")).hexdigest()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = self._key(bucket)
        compiled = self._memory.get(key)
        if compiled is None and self.store is not None:
            compiled = self.store.read(key)
        if compiled is None:
            return
        try:
            bucket.bytecode_from_string(compiled)
        except Exception:  # noqa: BLE001 - whatever a bad entry raises, it is a miss
            bucket.reset()
        if bucket.code is None:
            self._memory.pop(key, None)
            if self.store is not None:
                self.store.reject(key)
            return
        self._memory[key] = compiled

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = self._key(bucket)
        compiled = bucket.bytecode_to_string()
        self._memory[key] = compiled
        if self.store is not None:
            self.store.write(key, compiled)
