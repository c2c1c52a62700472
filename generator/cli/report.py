"""Printing the problems of a load: the command line's (and the preview's, through the
command line) one way of saying what is wrong with the data; the library returns
problems as values."""

from __future__ import annotations

import sys

from generator.base.problems import Problem
from generator.data.load import LoadResult


def report(result: LoadResult, *, strict: bool, fmt: str = "text",
           building: bool = True) -> bool:
    """Print the problems of a load on stderr; True when the tree may be built.
    ``building``: the command would have built the site (a validation builds nothing, so
    it does not say that nothing was built)."""
    problems = result.problems
    if strict:
        problems = [_as_error(p) for p in problems]
    for problem in problems:
        print(problem.format(), file=sys.stderr)
        if fmt == "github":
            print(problem.format_github(), file=sys.stdout)
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if errors:
        print(f"{_count(errors, 'error')}, {_count(warnings, 'warning')}: "
              + ("nothing was built. " if building else "")
              + "Fix the lines above and run again.", file=sys.stderr)
    return errors == 0


def _count(n: int, word: str) -> str:
    """'1 error', '2 errors', '0 warnings'."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _as_error(problem: Problem) -> Problem:
    if problem.severity == "error":
        return problem
    return Problem(problem.file, problem.line, problem.key, problem.message, "error")
