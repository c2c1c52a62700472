"""Texts: one string for every language, or one string per language code."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
_BREAKING_SPACE = re.compile(r"[^\S\u00a0\u2007\u202f]+")
"""Runs of whitespace a line may break at: every kind but the non-breaking spaces (no-break,
figure and narrow no-break space), which keep '67 %' and '1 261' on one line."""


def one_line(text: str) -> str:
    """``text`` on one line: runs of breaking whitespace become one space, non-breaking
    spaces stay (Babel writes them in Norwegian numbers and percentages)."""
    return _BREAKING_SPACE.sub(" ", text).strip(" ")


@dataclass(frozen=True, slots=True)
class Text:
    """A text as the data gives it: the same in every language, or per language."""

    same: str | None = None
    by_language: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, value: str | dict[str, str]) -> Text:
        """A Text from a plain string or a ``{code: string}`` mapping."""
        if isinstance(value, str):
            return cls(same=value)
        return cls(by_language=tuple(value.items()))

    @property
    def languages(self) -> tuple[str, ...]:
        """The language codes this text is written in (empty for a text the same in all)."""
        return tuple(code for code, _ in self.by_language)

    def missing(self, languages: Iterable[str]) -> list[str]:
        """The site languages this text has no translation for."""
        if self.same is not None:
            return []
        have = set(self.languages)
        return [code for code in languages if code not in have]

    def get(self, language: str, fallbacks: Iterable[str] = ()) -> str:
        """The text in ``language``, else in the first fallback that has it, else any."""
        if self.same is not None:
            return self.same
        table = dict(self.by_language)
        for code in (language, *fallbacks):
            if code in table:
                return table[code]
        return self.by_language[0][1] if self.by_language else ""

    def as_data(self) -> str | dict[str, str]:
        """The text as the data wrote it (for JSON output)."""
        return self.same if self.same is not None else dict(self.by_language)

    def __str__(self) -> str:
        return self.get("")
