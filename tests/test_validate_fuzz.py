"""Random damage to the small valid tree never crashes validation, and every problem found
points at a real place: a file, a line inside it, a message."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.data.load import load_tree

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "fixtures" / "small"
FILES = sorted(p.relative_to(SMALL).as_posix() for p in SMALL.rglob("*.yaml"))

SPECIAL = [
    ":", ": ", "- ", "-", "&a ", "*a", "&", "*", "!", "!!python/object:os.system ", "!!int ",
    "!!binary ", "!foo ", "{", "}", "[", "]", '"', "'", "\t", "#", "|", ">", "%", "@", "`",
    "? ", "<<: ", "\n", "\r", "\r\n", "---\n", "...\n", ",", "ø", "\ufeff", "\x00", "\x85",
    "\u2028", "  ", "\n  - ", "no", "1.2", "~",
]
SCALARS = [
    "42", "-1", "0", "1.5", "1e400", ".nan", ".inf", "0x1F", "1_000", "12:30", "true", "no",
    "yes", "off", "null", "~", "", '""', "[]", "[a, b]", "{}", "{a: 1}", "2017-02-30", "2016-9",
    "2016", "2016-09", "2016-09-19", "2016-09-19T10:00:00", '"1.2"', "1.2", "javascript:x",
    "- a", "&x 1", "*x", "!!str 5", "!!float x", "|\n  text", "nb", "n/a", "green",
]


@st.composite
def mutation(draw: st.DrawFn) -> tuple[str, ...]:
    kind = draw(st.sampled_from(
        ["delete", "duplicate", "swap", "char", "insert", "truncate", "scalar", "latin1"]))
    a = draw(st.integers(min_value=0, max_value=10_000))
    b = draw(st.integers(min_value=0, max_value=10_000))
    if kind == "char":
        return kind, str(a), draw(st.sampled_from(SPECIAL + list("abz09 .-_/\\")))
    if kind == "insert":
        return kind, str(a), draw(st.sampled_from(SPECIAL))
    if kind == "scalar":
        return kind, str(a), draw(st.sampled_from(SCALARS))
    return kind, str(a), str(b)


def mutate(text: str, op: tuple[str, ...]) -> str | bytes:
    kind, first, second = op
    a = int(first)
    lines = text.splitlines(keepends=True)
    if kind in ("delete", "duplicate", "swap") and lines:
        i = a % len(lines)
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        else:
            j = int(second) % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
        return "".join(lines)
    if kind == "char" and text:
        i = a % len(text)
        return text[:i] + second + text[i + 1:]
    if kind == "insert":
        i = a % (len(text) + 1)
        return text[:i] + second + text[i:]
    if kind == "truncate":
        return text[: a % (len(text) + 1)]
    if kind == "scalar":
        with_value = [i for i, line in enumerate(lines) if ": " in line]
        if not with_value:
            return text
        i = with_value[a % len(with_value)]
        head = lines[i].split(": ", 1)[0]
        lines[i] = f"{head}: {second}\n"
        return "".join(lines)
    if kind == "latin1":
        return text.encode("latin-1", errors="replace")
    return text


def line_count(path: Path) -> int:
    """Lines in a file, counting every kind of line break (an upper bound for YAML's)."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return max(len(text.splitlines()), text.count("\n") + 1)


EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "150"))
"""How many damaged trees to try; set FUZZ_EXAMPLES=5000 for a long run."""


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(rel=st.sampled_from(FILES), ops=st.lists(mutation(), min_size=1, max_size=4))
def test_damaged_tree_never_crashes(rel: str, ops: list[tuple[str, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "data"
        shutil.copytree(SMALL, root)
        path = root / rel
        content: str | bytes = path.read_text(encoding="utf-8")
        for op in ops:
            if isinstance(content, bytes):
                break
            content = mutate(content, op)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")

        result = load_tree(root)

        for problem in result.problems:
            file = Path(problem.file)
            assert problem.file.endswith((".yaml", ".yml")) or file.exists(), problem
            assert problem.line >= 1, problem
            if file.is_file():
                assert problem.line <= line_count(file) + 1, problem
            assert problem.message.strip(), problem
            assert isinstance(problem.key, str)
            assert problem.severity in ("error", "warning")
            assert "Traceback" not in problem.message
        if result.dataset is not None:
            assert result.errors == []
        else:
            assert result.errors, "no dataset and no error to say why"


def test_mutations_are_applied() -> None:
    """The mutation helpers really change the text (a guard against a silent no-op fuzzer)."""
    text = "a: 1\nb: 2\n"
    assert mutate(text, ("delete", "0", "0")) == "b: 2\n"
    assert mutate(text, ("duplicate", "1", "0")) == "a: 1\nb: 2\nb: 2\n"
    assert mutate(text, ("swap", "0", "1")) == "b: 2\na: 1\n"
    assert mutate(text, ("char", "0", "&")) == "&: 1\nb: 2\n"
    assert mutate(text, ("insert", "0", "*")) == "*a: 1\nb: 2\n"
    assert mutate(text, ("truncate", "3", "0")) == "a: "
    assert mutate(text, ("scalar", "1", "[x]")) == "a: 1\nb: [x]\n"
    assert mutate("ø: 1\n", ("latin1", "0", "0")) == b"\xf8: 1\n"
