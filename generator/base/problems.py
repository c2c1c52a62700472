"""Problems found in the data: values with a file, a line, a key path and a hint."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]
KeyPath = tuple[str | int, ...]

_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """The text with every control and bidirectional override character written as an
    escape (``\\x01``, ``\\u202e``), so a message is one line that reads as stored."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"),
                            text)


def format_key_path(path: Sequence[object]) -> str:
    """Join a key path as the data format writes it: ``members[4].left``, ``lights."1.2"``."""
    out = ""
    for part in path:
        if isinstance(part, int) and not isinstance(part, bool):
            out += f"[{part}]"
            continue
        text = _key_text(part)
        if not _PLAIN_KEY.match(text):
            text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
        out += ("." if out else "") + text
    return out


def _key_text(part: object) -> str:
    if part is None:
        return "null"
    if isinstance(part, bool):
        return "false" if part is False else "true"
    return str(part)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong (or, as a warning, worth fixing) in one data file."""

    file: str
    line: int
    key: str
    message: str
    severity: Severity = "error"

    def format(self) -> str:
        """The one-line form: ``path:line: key.path: message``."""
        where = f"{printable(self.file)}:{self.line}"
        label = "" if self.severity == "error" else "warning: "
        if self.key:
            return f"{where}: {printable(self.key)}: {label}{printable(self.message)}"
        return f"{where}: {label}{printable(self.message)}"

    def format_github(self) -> str:
        """The GitHub Actions annotation form, shown on the line of a pull request."""
        kind = "error" if self.severity == "error" else "warning"
        title = printable(self.key) or "data"
        message = printable(self.message if not self.key else f"{self.key}: {self.message}")
        return (
            f"::{kind} file={_escape_property(printable(self.file))},line={self.line},"
            f"title={_escape_property(title)}::{_escape_data(message)}"
        )

    def sort_key(self) -> tuple[str, int, str, str]:
        """Order problems by file, then line."""
        return (self.file, self.line, self.key, self.message)


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Problems in file and line order, each reported once."""
    return sorted(set(problems), key=Problem.sort_key)


class DataError(Exception):
    """The data tree has errors; ``problems`` lists every one of them."""

    def __init__(self, problems: Sequence[Problem]):
        self.problems = list(problems)
        count = sum(1 for p in self.problems if p.severity == "error")
        super().__init__(f"{count} problem(s) in the data")
