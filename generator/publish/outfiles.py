"""The files a build makes for one language's work folder (``<work>/<lang>/``): the
generated Markdown, charts, open data and feed below ``docs/``, the MkDocs configuration
and the record of page keys, each either made by this build or kept as the last build
wrote it.

As MkDocs' ``Files`` is to its pages, ``OutFiles`` is to a build's output: one typed set
that every step adds to and the writer (``generator.publish.write.TreeWriter``) makes the
folder hold, noting for each file whether it changed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

DOCS = "docs/"
"""The prefix of every file MkDocs reads as a page or asset."""


@dataclass(frozen=True)
class OutFile:
    """One file of the work folder."""

    path: str
    """Below the work folder, with ``/``: ``docs/clusters/<id>.md``, ``mkdocs.yml``."""
    made: bytes | None = None
    """The bytes this build made; None for a kept file."""
    last: Path | None = None
    """A kept file: where the last build wrote it. Everything it is made from is unchanged
    (its page's key, ``generator.publish.keys.unit_keys``, is the one recorded), so it is
    left as it is, neither read nor compared."""

    @property
    def kept(self) -> bool:
        return self.made is None

    def content(self) -> bytes:
        """The file's bytes (a kept file is read from where the last build wrote it)."""
        if self.made is not None:
            return self.made
        assert self.last is not None
        return self.last.read_bytes()


class OutFiles(Mapping[str, bytes]):
    """Every file of one language's work folder by its path; reading one gives its bytes."""

    def __init__(self) -> None:
        self._files: dict[str, OutFile] = {}
        self.changed: tuple[str, ...] | None = None
        """The files the writer wrote or removed (None until written)."""

    def make(self, path: str, content: bytes | str) -> None:
        """A file made by this build (text is written as UTF-8)."""
        made = content.encode("utf-8") if isinstance(content, str) else content
        self._files[path] = OutFile(path, made=made)

    def keep(self, path: str, last: Path) -> None:
        """A file the last build wrote at ``last``, to be left as it is."""
        self._files[path] = OutFile(path, last=last)

    def file(self, path: str) -> OutFile:
        return self._files[path]

    def files(self) -> Iterator[OutFile]:
        return iter(self._files.values())

    def docs(self) -> set[str]:
        """The paths below ``docs/`` (as pages and links name them)."""
        return {path[len(DOCS):] for path in self._files if path.startswith(DOCS)}

    def __getitem__(self, path: str) -> bytes:
        return self._files[path].content()

    def __contains__(self, path: object) -> bool:
        return path in self._files

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    @property
    def kept_count(self) -> int:
        return sum(1 for f in self._files.values() if f.kept)


def files_of(contents: Mapping[str, bytes | str]) -> OutFiles:
    """An ``OutFiles`` of files made now (path → content)."""
    files = OutFiles()
    for path, content in contents.items():
        files.make(path, content)
    return files
