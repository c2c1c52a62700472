"""No cell of a CSV file the site publishes begins a formula.

A spreadsheet program reads a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (OWASP, https://owasp.org/www-community/attacks/CSV_Injection),
and names, titles and answers in the CSV files come from the data.
``generator.render.opendata.csv_file``
puts an apostrophe before such a text and leaves numbers as they are; these tests check the
rule, that every CSV of a built site goes through it (a tree whose names are formulas), and
that no other module writes a CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

from generator.render.opendata import api, csv_file
from tests.conftest import REPO
from tests.inmemory import rendered

STRATEGY = REPO / "tests" / "fixtures" / "strategy"
AS_OF = dt.date(2026, 11, 23)
NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
"""A text that is a plain number (the one kind of text that may begin with + or -)."""


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    '=HYPERLINK("https://evil.example/x","x")',
    "+x+cmd|' /C calc'!A1",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A1",
    "\t=1+1",
    "\r=1+1",
    "=",
    "-",
    "- a list item",
    "+47 22 00 00 00",
    "-3 clusters",
    "--3",
    "-0x1F",
    "-inf",
    "-3\n",
])
def test_a_text_that_begins_a_formula_begins_with_an_apostrophe(text: str) -> None:
    assert csv_file.cell(text) == "'" + text


@pytest.mark.parametrize("value", [
    "-3", "-0.5", "+4", "1e3", "-1e3", "-2.5E-3", ".5", "-.5", "3.",
    -3, -0.5, 1e3, 0, True, None, float("nan"),
])
def test_a_number_is_as_it_is(value: Any) -> None:
    assert csv_file.cell(value) is value


@pytest.mark.parametrize("text", [
    "", "Nordlys Klynge", "1 Structure of the cluster", "● Green", "47% (7)", "a=b",
    "x-1", " =1+1", "'=1+1", "–", "2016-09-19", "1.1", "#111111",
])
def test_an_ordinary_text_is_as_it_is(text: str) -> None:
    assert csv_file.cell(text) is text


def test_rows_csv_neutralises_header_and_cells_and_keeps_numbers() -> None:
    content = csv_file.rows_csv(["=a", "b"], [["=1+1", -3], ["-0.5", "x,y"]])
    assert content == b"'=a,b\n'=1+1,-3\n-0.5,\"x,y\"\n"


def test_frame_csv_neutralises_text_and_keeps_what_pandas_writes() -> None:
    frame = pd.DataFrame({"name": ["=1+1", "Fjord Tech", None], "share": [-0.5, 0.1, None],
                          "count": [-3, 2, 0], "@when": ["-3", "2016", "-"]})
    assert csv_file.frame_csv(frame) == (
        b"name,share,count,'@when\n'=1+1,-0.5,-3,-3\nFjord Tech,0.1,2,2016\n,,0,'-\n")
    normal = frame.drop(columns="@when").iloc[1:]
    assert csv_file.frame_csv(normal) == normal.to_csv(index=False,
                                                       lineterminator="\n").encode()


def test_no_other_module_writes_a_csv() -> None:
    """Every CSV goes through ``csv_file``: no other module of the generator makes one."""
    writers = re.compile(r"\.to_csv\(|csv\.(?:writer|DictWriter)\(")
    found = [str(path.relative_to(REPO)) for path in sorted((REPO / "generator").rglob("*.py"))
             if path.name != "csv_file.py" and writers.search(path.read_text(encoding="utf-8"))]
    assert found == []


# --- a site whose names are formulas ----------------------------------------------------------


HOSTILE = {
    "cluster": '=HYPERLINK("https://evil.example/x","x")',
    "other cluster": "-2+3+cmd|' /C calc'!A0",
    "event": "@SUM(1+1)*cmd|' /C calc'!A1",
    "answer": "=1+1",
    "priority": "@cmd|' /C calc'!A0",
    "direction": "+1+2",
    "forum": "=forum",
}
"""Texts of the data a spreadsheet would run, each where a chart's CSV shows it."""
ACTOR = "+x+cmd|' /C calc'!A1"
"""An actor's name: in no CSV today (the actors chart counts actors by kind), in the tree
all the same, so that a chart that shows it one day is checked too."""


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")


def both(text: str) -> dict[str, str]:
    return {"nb": text, "en": text}


def hostile_tree(target: Path) -> Path:
    """A copy of the strategy fixture tree with a formula for a name in every chart."""
    shutil.copytree(STRATEGY, target)

    def cluster(document: dict[str, Any]) -> None:
        document["name"] = HOSTILE["cluster"]
        document["events"][0]["title"] = both(HOSTILE["event"])

    def other_cluster(document: dict[str, Any]) -> None:
        document["name"] = HOSTILE["other cluster"]

    def forum(document: dict[str, Any]) -> None:
        document["name"] = both(HOSTILE["forum"])
        document["events"][0]["title"] = both(HOSTILE["event"])
        document["strategy"]["priorities"][0]["name"] = both(HOSTILE["priority"])

    def actors(document: dict[str, Any]) -> None:
        document["actors"][0]["name"] = both(ACTOR)

    def survey(document: dict[str, Any]) -> None:
        document["questions"][0]["answers"][0]["text"] = HOSTILE["answer"]
        document["questions"][0]["answers"][1]["text"] = "-3"  # a number: stays as it is

    def stress_test(document: dict[str, Any]) -> None:
        document["directions"][0]["name"] = both(HOSTILE["direction"])

    edit(target / "clusters" / "nordlys-klynge" / "cluster.yaml", cluster)
    edit(target / "clusters" / "kyst-energi" / "cluster.yaml", other_cluster)
    edit(target / "forums" / "polar.yaml", forum)
    edit(target / "actor-maps" / "polar" / "2021-09-20.yaml", actors)
    edit(target / "surveys" / "polar-2017.yaml", survey)
    edit(target / "stress-test.yaml", stress_test)
    return target


def published_csvs(tree: Path) -> dict[str, bytes]:
    """Every CSV file of the site built from ``tree``, by language and path: the charts'
    files of each language and the open data (the pages' Markdown and MkDocs are not
    needed, nor real images: a blank SVG stands for each)."""
    view, languages = rendered(tree, AS_OF)
    files = {f"root/{path}": bytes(content) for path, content in api.api_files(view).items()}
    for code, one in languages.items():
        files.update({f"{code}/{path}": bytes(content)
                      for path, content in one.renderer.chart_files.items()})
    return {path: content for path, content in files.items() if path.endswith(".csv")}


def test_no_cell_of_a_published_csv_begins_a_formula(tmp_path: Path) -> None:
    csvs = published_csvs(hostile_tree(tmp_path / "data"))
    assert "root/api/v1/lights.csv" in csvs
    assert {path.rsplit("/", 1)[-1] for path in csvs} >= {
        "matrix.csv", "coverage.csv", "actors.csv", "timeline.csv", "labels.csv",
        "scorecard.csv", "stress-test.csv", "status.csv"}
    formulas, cells = [], set()
    for path, content in sorted(csvs.items()):
        for row in csv.reader(io.StringIO(content.decode("utf-8"), newline="")):
            for value in row:
                cells.add(value)
                if value.startswith(csv_file.FORMULA_START) and not NUMBER.fullmatch(value):
                    formulas.append(f"{path}: {value!r}")
    assert formulas == []
    # the names did reach the files, with an apostrophe before them
    assert {text for text in HOSTILE.values() if not any(
        c.startswith("'" + text) for c in cells)} == set()
    assert "-3" in cells  # a number stays as it is
