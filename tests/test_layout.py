"""The package's layout shows the pipeline: a stage imports only from the stages above it
(base <- data <- results <- render <- publish <- cli; scaffold uses data and base), and no
module imports itself through others (no import cycle, lazy imports included)."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGE = REPO / "generator"

ORDER = ("base", "data", "results", "render", "publish", "cli")
"""The stages in the order data flows; each may import from those before it."""
ALLOWED = {stage: set(ORDER[:i + 1]) for i, stage in enumerate(ORDER)}
ALLOWED["scaffold"] = {"base", "data", "scaffold"}
ALLOWED["cli"] = set(ORDER) | {"scaffold"}


def modules(package: Path) -> dict[str, Path]:
    """Every module of the package by dotted name (``generator.render.pages.builders``)."""
    found = {}
    for path in sorted(package.rglob("*.py")):
        parts = list(path.relative_to(package.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The package's modules that ``path`` imports, wherever in it (lazy imports too)."""
    root = name.split(".")[0]
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                here = name.split(".") if is_package else name.split(".")[:-1]
                here = here[:len(here) - node.level + 1]
                base = ".".join([*here, base] if base else here)
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] != root:
                continue
            while target and target not in known:  # a name inside a module
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def stage(name: str) -> str | None:
    """The stage of a module: the folder below the package, or cli for the entry points."""
    parts = name.split(".")
    if len(parts) == 1:
        return None  # the package itself
    if parts[1] in ("cli", "__main__"):
        return "cli"
    return parts[1]


def layout_problems(package: Path) -> list[str]:
    """Every import against the stage order and every import cycle, one line each."""
    known = modules(package)
    graph = {name: imports(path, name, set(known)) for name, path in known.items()}
    problems = []
    for name, targets in sorted(graph.items()):
        own = stage(name)
        if own is None:
            continue
        if own not in ALLOWED:
            problems.append(f"{name}: stage '{own}' is not in the pipeline's order")
            continue
        for target in sorted(targets):
            other = stage(target)
            if other is not None and other not in ALLOWED[own]:
                may = ", ".join(s for s in (*ORDER, "scaffold") if s in ALLOWED[own])
                problems.append(f"{name} imports {target}: {own} may import only from {may}")
    problems.extend(f"import cycle: {' -> '.join(cycle)}" for cycle in cycles(graph))
    return problems


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    found = []
    for group in groups:  # a path from the group's first module back to it
        members, start = set(group), group[0]
        path, seen = [start], {start}
        while True:
            nxt = next(n for n in sorted(graph[path[-1]]) if n in members
                       and (n == start or n not in seen))
            path.append(nxt)
            if nxt == start:
                break
            seen.add(nxt)
        found.append(path)
    return found


def test_imports_follow_the_pipeline_and_make_no_cycle() -> None:
    assert layout_problems(PACKAGE) == []


def test_every_stage_folder_is_known() -> None:
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == {"base", "data", "results", "render", "publish", "scaffold", "cli"}


def test_the_check_finds_a_backward_import_and_a_cycle(tmp_path: Path) -> None:
    """The check above can fail: a data module importing render, and two render modules
    importing each other (one at use, inside a function), are both reported."""
    package = tmp_path / "generator"
    for folder in ("base", "data", "render", "scaffold"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "base" / "dates.py").write_text("X = 1\n")
    (package / "data" / "model.py").write_text(
        "from generator.base.dates import X\nfrom generator.render import pages\n")
    (package / "render" / "pages.py").write_text("from generator.render import figures\n")
    (package / "render" / "figures.py").write_text(
        "def f():\n    from generator.render.pages import thing\n")
    (package / "scaffold" / "new.py").write_text("from ..render import figures\n")
    problems = layout_problems(package)
    assert problems == [
        "generator.data.model imports generator.render.pages: data may import only from "
        "base, data",
        "generator.scaffold.new imports generator.render.figures: scaffold may import only "
        "from base, data, scaffold",
        "import cycle: generator.render.figures -> generator.render.pages -> "
        "generator.render.figures",
    ]


def test_every_type_ignore_says_why() -> None:
    """mypy runs in make test; a ``# type: ignore`` is allowed only with its reason, in a
    comment after it or on the line above."""
    unexplained = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines, 1):
            if "# type: ignore" not in line:
                continue
            after = line.split("# type: ignore", 1)[1].split("]", 1)[-1]
            above = lines[number - 2].strip() if number > 1 else ""
            if "#" not in after and not above.startswith("#"):
                unexplained.append(f"{path.relative_to(REPO)}:{number}")
    assert unexplained == []


PRINTS_ALLOWED = {"base/progress.py"}
"""The progress reporter the command line hands to a build: it writes the lines it is
given, on the stream it is given."""


def printing(source: str) -> list[int]:
    """The lines of a module that print or write to stdout or stderr themselves."""
    found = []
    for node in ast.walk(ast.parse(source)):
        calls_print = (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                       and node.func.id == "print")
        names_stream = (isinstance(node, ast.Attribute) and node.attr in ("stdout", "stderr")
                        and isinstance(node.value, ast.Name) and node.value.id == "sys")
        if calls_print or names_stream:
            found.append(node.lineno)
    return found


def test_only_the_command_line_prints() -> None:
    """The library raises typed errors and returns values; the command line
    (``generator/cli/``) turns them into lines and exit codes."""
    problems = [f"{path.relative_to(PACKAGE).as_posix()}:{line}"
                for path in sorted(PACKAGE.rglob("*.py"))
                if path.relative_to(PACKAGE).parts[0] not in ("cli", "__main__.py")
                and path.relative_to(PACKAGE).as_posix() not in PRINTS_ALLOWED
                for line in printing(path.read_text(encoding="utf-8"))]
    assert problems == []
    assert printing("import sys\nprint('x')\nsys.stderr.write('y')\n") == [2, 3]
