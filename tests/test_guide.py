"""Every error message the validator can print has an entry in the secretariat guide.

The message kinds are derived from the code, not from a hand-kept list, in two ways:

* statically: every message text written in the modules that check data (``Problem(...)``,
  ``.problem(...)``, ``located(...)``, ``self.error(...)``, ``DateFormatError(...)``, and
  what the message-making functions return), with each ``{placeholder}`` as a variable;
* at run time: the messages actually printed by ``python -m generator validate`` for every
  broken tree of tests/test_validate_broken.py's case table.

A message is compared by what it says is wrong: the text before its first ``: `` outside
quotes (after that comes how to fix it). The guide's "Error messages" section has one
table row per message, its first cell the message as printed in a code span, with ``…``
for the parts that vary; every message must match one of those patterns, in both
languages' guides.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO

GUIDES = {"nb": REPO / "docs" / "nb" / "guide.md", "en": REPO / "docs" / "en" / "guide.md"}
SECTION = {"nb": "## Feilmeldinger", "en": "## Error messages"}
MODULES = ("data/yamlfile.py", "data/messages.py",
           *sorted(p.relative_to(REPO / "generator").as_posix()
                   for package in ("load", "schema")
                   for p in (REPO / "generator" / "data" / package).glob("*.py")),
           "base/dates.py")
"""The modules whose messages reach the validator's output."""
MESSAGE_CALLS = {
    "Problem": 3,           # Problem(file, line, key, message)
    "problem": 1,           # source.problem(loc, message)
    "located": 1,           # located(at, message)
    "_problem": 1,          # _problem(kind, message)
    "_matching": 2,         # _matching(pattern, kind, lambda value: message)
    "error": 1,             # self.error(rel, message)
    "DateFormatError": 0,   # DateFormatError(message)
}
"""Calls that take a message, and the position of the message among their arguments."""
MESSAGE_FUNCTIONS = ("_describe", "_not_a_string", "_not_text_message")
"""Functions whose returned texts are messages."""
VARIABLE = "\x00"
"""Stands for a placeholder in a message template while it is compared."""
PLACEHOLDER = "…"
"""How the guide writes a part of a message that varies."""


# --- messages from the code ---------------------------------------------------------------


def _template(node: ast.expr) -> str | None:
    """The text of a string expression with every non-literal part as VARIABLE, or None
    when the expression is not built from string literals."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Lambda):  # a message made when it is needed
        return _template(node.body)
    if isinstance(node, ast.JoinedStr):
        return "".join(str(p.value) if isinstance(p, ast.Constant) else VARIABLE
                       for p in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _template(node.left), _template(node.right)
        if left is None and right is None:
            return None
        return (left if left is not None else VARIABLE) + (
            right if right is not None else VARIABLE)
    return None


def _call_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def code_templates(modules: tuple[str, ...] = MODULES) -> list[tuple[str, str]]:
    """(where, template) of every message written in the checking modules."""
    found: list[tuple[str, str]] = []
    for name in modules:
        path = REPO / "generator" / name
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                position = MESSAGE_CALLS.get(_call_name(node) or "")
                if position is not None and len(node.args) > position:
                    text = _template(node.args[position])
                    if text is not None:
                        found.append((f"{name}:{node.lineno}", text))
            elif isinstance(node, ast.FunctionDef) and node.name in MESSAGE_FUNCTIONS:
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Return) and inner.value is not None:
                        text = _template(inner.value)
                        if text is not None:
                            found.append((f"{name}:{inner.lineno}", text))
    return found


# --- comparing messages with the guide's patterns -------------------------------------------

_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")


def what_is_wrong(message: str) -> str:
    """The part of a message that says what is wrong: up to its first ': ' outside quotes."""
    index = 0
    while index < len(message):
        quoted = _QUOTED.match(message, index) if message[index] in "'\"" and (
            index == 0 or not message[index - 1].isalnum()) else None
        if quoted:
            index = quoted.end()
            continue
        if message.startswith(": ", index):
            return message[:index].strip()
        index += 1
    return message.strip()


def guide_patterns(text: str, heading: str) -> list[str]:
    """The message patterns of a guide: in its error-message section, the first code span
    of each table row (the Message column)."""
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    section = text[start:end if end >= 0 else len(text)]
    rows = re.findall(r"^\| `([^`\n]+)` \|", section, re.MULTILINE)
    return [s for s in rows if re.search(r"[a-z]{3,}", s.replace(PLACEHOLDER, ""))]


def _regex(pattern: str) -> re.Pattern[str]:
    parts = what_is_wrong(pattern).split(PLACEHOLDER)
    return re.compile(".+?".join(re.escape(p) for p in parts), re.DOTALL)


def missing(messages: list[str], patterns: list[str]) -> list[str]:
    """The messages (as printed, or as templates with VARIABLE) no pattern matches."""
    regexes = [_regex(p) for p in patterns]
    out = []
    for message in messages:
        wrong = what_is_wrong(message.replace(VARIABLE, "X"))
        if not any(r.fullmatch(wrong) for r in regexes):
            out.append(message)
    return out


def _guide(language: str) -> str:
    return GUIDES[language].read_text(encoding="utf-8")


# --- the tests ----------------------------------------------------------------------------


def test_code_has_message_templates() -> None:
    """The scan finds the messages (a refactoring that hides them must update the scan)."""
    templates = [t for _, t in code_templates()]
    assert len(templates) >= 60, len(templates)
    assert any(t.startswith("unknown key") for t in templates)
    assert any("is not a date" in t for t in templates)
    assert any("duplicate key" in t for t in templates)


@pytest.mark.parametrize("language", sorted(GUIDES))
def test_every_message_in_the_code_is_in_the_guide(language: str) -> None:
    patterns = guide_patterns(_guide(language), SECTION[language])
    templates = code_templates()
    gaps = [f"{where}: {text.replace(VARIABLE, PLACEHOLDER)}" for where, text in templates
            if missing([text], patterns)]
    assert not gaps, (f"docs/{language}/guide.md has no entry for these messages (add one "
                      "under the error-message section, with … for the parts that vary):\n"
                      + "\n".join(gaps))


def _printed_messages(tmp_path: Path) -> Iterator[str]:
    """The message of every problem printed for the broken trees of the validation tests."""
    broken = pytest.importorskip("tests.test_validate_broken")
    if not all(hasattr(broken, name) for name in ("CASES", "copy_base", "apply")):
        pytest.skip("tests/test_validate_broken.py no longer has CASES, copy_base and apply")
    from generator.data.load import load_tree

    for i, case in enumerate(broken.CASES):
        root = broken.copy_base(case.base, tmp_path / str(i))
        broken.apply(case, root)
        for problem in load_tree(root).problems:
            yield problem.message


def test_every_printed_message_is_in_the_guide(tmp_path: Path) -> None:
    messages = sorted(set(_printed_messages(tmp_path)))
    assert len(messages) >= 40
    for language in GUIDES:
        patterns = guide_patterns(_guide(language), SECTION[language])
        gaps = missing(messages, patterns)
        assert not gaps, f"docs/{language}/guide.md has no entry for:\n" + "\n".join(gaps)


def test_a_message_missing_from_the_guide_is_reported() -> None:
    patterns = guide_patterns(_guide("en"), SECTION["en"])
    made_up = "'x' is frobnicated beyond repair: write something else"
    assert missing([made_up], patterns) == [made_up]
    template = f"the {VARIABLE} widget is upside down: turn it over"
    assert missing([template], patterns) == [template]
    # and a real one is found
    assert missing(["'blue' is not allowed here: write one of 'green', 'yellow'"],
                   patterns) == []


def test_what_is_wrong() -> None:
    assert what_is_wrong("required key 'a: b' is missing: add 'a: ...' here") == (
        "required key 'a: b' is missing")
    assert what_is_wrong("must be a mapping of 'key: value' lines, indented") == (
        "must be a mapping of 'key: value' lines, indented")
    assert what_is_wrong("must be left empty") == "must be left empty"


@pytest.mark.parametrize("language", sorted(GUIDES))
def test_guide_is_in_the_navigation(language: str) -> None:
    from generator.publish.mkdocs_config import HANDWRITTEN

    assert "guide.md" in HANDWRITTEN
    text = _guide(language)
    assert text.startswith("---\ntitle: ")
    for command in ("new assessment", "new event", "new action", "new cluster", "validate"):
        assert f"python -m generator {command}" in text, command
