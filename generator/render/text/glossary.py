"""The site's terms (``glossary.yaml``): shown on the Method page, and the wrong variants a
test looks for in every text the site publishes.

Each term has, per language, the word to use, its forms, a one-line definition, why it
was chosen and the words not to use instead. The Method page of each language has the
line ``<!-- glossary -->`` where the list goes (``fill_in``); ``wrong_variants`` finds
the words a text should not use (tests/test_glossary.py runs it over the catalogs,
templates, hand-written pages and data texts).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from generator.render.text.i18n import Language

GLOSSARY = Path(__file__).with_name("glossary.yaml")
MARKER = "<!-- glossary -->"
"""The line of a hand-written page that the glossary replaces."""


@dataclass(frozen=True)
class Entry:
    """A term in one language."""

    term: str
    forms: str
    definition: str
    why: str
    avoid: tuple[str, ...]
    shown: str
    """The avoided words as the Method page says them ('' for the avoid list itself)."""
    patterns: tuple[str, ...]
    allow: tuple[str, ...]


@dataclass(frozen=True)
class Term:
    """One concept of the site with its entry in every language the glossary has."""

    id: str
    entries: Mapping[str, Entry]

    def entry(self, language: Language) -> Entry:
        """The entry in ``language``, else in the site's default language."""
        return self.entries.get(language.code) or self.entries[language.default]


@cache
def terms() -> tuple[Term, ...]:
    """Every term of ``glossary.yaml``, in its order."""
    raw = yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))
    found: list[Term] = []
    for item in raw["terms"]:
        entries = {
            code: Entry(term=value["term"], forms=value.get("forms", ""),
                        definition=value["definition"], why=value["why"],
                        avoid=tuple(value.get("avoid", ())), shown=value.get("shown", ""),
                        patterns=tuple(value.get("patterns", ())),
                        allow=tuple(value.get("allow", ())))
            for code, value in item.items() if code != "id"
        }
        found.append(Term(item["id"], entries))
    return tuple(found)


def _avoid_pattern(word: str) -> str:
    """A listed word as a whole-word pattern; ``*`` stands for any letters."""
    return (r"(?<![\w-])" + r"\w*".join(re.escape(part) for part in word.split("*"))
            + r"(?![\w-])")


@dataclass(frozen=True)
class _Check:
    term: str
    shown: str
    pattern: re.Pattern[str]


@cache
def _checks(code: str) -> tuple[tuple[_Check, ...], tuple[re.Pattern[str], ...]]:
    checks: list[_Check] = []
    allowed: list[re.Pattern[str]] = []
    for term in terms():
        entry = term.entries.get(code)
        if entry is None:
            continue
        for word in entry.avoid:
            checks.append(_Check(term.id, word.replace("*", "…"),
                                 re.compile(_avoid_pattern(word), re.IGNORECASE)))
        for pattern in entry.patterns:
            checks.append(_Check(term.id, pattern, re.compile(pattern)))
        allowed.extend(re.compile(re.escape(phrase), re.IGNORECASE) for phrase in entry.allow)
    return tuple(checks), tuple(allowed)


def wrong_variants(text: str, code: str) -> list[str]:
    """Every word or form in ``text`` that the glossary of language ``code`` says not to
    use, as 'found' (term: what the glossary lists)."""
    checks, allowed = _checks(code)
    for phrase in allowed:
        text = phrase.sub(lambda m: "_" * len(m.group(0)), text)
    found: list[str] = []
    for check in checks:
        for match in check.pattern.finditer(text):
            found.append(f"'{match.group(0)}' ({check.term}: not {check.shown})")
    return found


def markdown(language: Language) -> str:
    """The glossary as a Markdown list in ``language``, for the Method page."""
    _ = language.gettext
    forms, avoid_label, why = _("Forms:"), _("Not:"), _("Why:")
    lines: list[str] = []
    for term in terms():
        entry = term.entry(language)
        lines += [f"- **{entry.term}**: {entry.definition}", ""]
        if entry.forms:
            lines += [f"    *{forms}* {entry.forms}", ""]
        avoid = entry.shown or language.join(word.replace("*", "") for word in entry.avoid)
        if avoid:
            lines += [f"    *{avoid_label}* {avoid}.", ""]
        lines += [f"    *{why}* {entry.why}", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def fill_in(files: Mapping[str, bytes], language: Language) -> dict[str, bytes]:
    """``files`` with the glossary in place of the marker line of every Markdown page."""
    filled: dict[str, bytes] = {}
    for path, content in files.items():
        if path.endswith(".md") and MARKER.encode() in content:
            text = content.decode("utf-8").replace(MARKER, markdown(language).rstrip("\n"))
            content = text.encode("utf-8")
        filled[path] = content
    return filled
