"""Quality lights from a spreadsheet, and the spreadsheet template to fill in.

A benchmarking report arrives as a document; secretariats copy its lights into a
spreadsheet, not into YAML. ``read_lights`` takes a ``.csv`` or ``.xlsx`` with a column
of indicator ids and a column of lights (headings ``indicator``/``light`` or
``indikator``/``lys``; light words in Norwegian or English) and gives the lights by
indicator id, or every bad cell as ``FILE:ROW: what is wrong: what to write``, counting
the heading as row 1. ``write_lights_sheet`` writes the template: every indicator of the
catalogue with its area and names in every site language, and a light column with a
drop-down list of the light words.

The file comes from whatever program a secretariat has, so it is read with limits far
above any lights sheet (bytes, parts and texts of a workbook, rows, characters in a
cell), each checked before the reading it guards: a file over one is the wrong file, or
a CSV quote left open, and is told as one line instead of a traceback, a MemoryError or
minutes of reading.

The file is read by ``sheetfiles``; the template is written by ``lightsheet``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.data.model import Catalogue
from generator.scaffold.sheetfiles import (
    MAX_FILE_BYTES,
    MAX_ROWS,
    MB,
    SAVE_AGAIN,
    SUFFIXES,
    LightsError,
    _csv_rows,
    _xlsx_rows,
)

INDICATOR_HEADINGS = frozenset({"indicator", "indikator"})
LIGHT_HEADINGS = frozenset({"light", "lys"})
LIGHT_WORDS: dict[str, str] = {
    "green": "green", "grønn": "green",
    "yellow": "yellow", "gul": "yellow",
    "red": "red", "rød": "red",
    "n/a": "n/a", "ikke vurdert": "n/a", "not assessed": "n/a",
}
"""Every word accepted in the light column (compared in lower case, spaces trimmed), and
the light it stands for. An empty light cell is not assessed (n/a) too."""



def read_lights(path: Path, catalogue: Catalogue, shown: str | None = None) -> dict[str, str]:
    """The lights of a spreadsheet by indicator id, in catalogue order; every bad cell is a
    ``FILE:ROW:`` problem of the LightsError raised (nothing is returned then)."""
    shown = shown or path.as_posix()
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise LightsError([f"{shown}: a lights file must be a .csv or an .xlsx spreadsheet "
                           "(save it as one of the two from your spreadsheet program)"])
    try:
        with open(path, "rb") as source:
            size = os.fstat(source.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise LightsError([f"{shown}: {size / MB:,.1f} MB, more than a lights sheet "
                                   f"ever needs (at most {MAX_FILE_BYTES // MB} MB): "
                                   f"{SAVE_AGAIN}"])
            rows = _xlsx_rows(source, shown) if suffix == ".xlsx" else _csv_rows(source, shown)
            with contextlib.closing(rows):
                return _lights(rows, catalogue, shown)
    except OSError as exc:
        raise LightsError([f"{shown}: cannot be read: {exc.strerror or exc}"]) from None


def _lights(rows: Iterator[Sequence[Any]], catalogue: Catalogue, shown: str) -> dict[str, str]:
    """The lights of the rows of a sheet; only the two cells of each row that matter are
    kept while the rows are read."""
    heading_row = next(rows, None)
    if heading_row is None or not any(_text(cell) for cell in heading_row):
        raise LightsError([f"{shown}:1: the first row must hold the headings: write "
                           "indicator and light (or indikator and lys) above the two columns"])
    headings = [_text(cell).lower() for cell in heading_row]
    problems: list[str] = []
    columns = {}
    for what, names in (("indicator", INDICATOR_HEADINGS), ("light", LIGHT_HEADINGS)):
        found = [i for i, heading in enumerate(headings) if heading in names]
        if len(found) != 1:
            wanted = " or ".join(sorted(names, reverse=what == "light"))
            problems.append(f"{shown}:1: " + (
                f"no column headed {wanted}: write {wanted} as the heading of the column "
                f"of {what}s" if not found else
                f"{len(found)} columns are headed {wanted}: keep one of them"))
        else:
            columns[what] = found[0]
    if problems:
        raise LightsError(problems)
    cells: list[tuple[int, Any, Any]] = []
    for number, row in enumerate(rows, start=2):
        if number > MAX_ROWS:
            raise LightsError([f"{shown}: more than {MAX_ROWS:,} rows; a lights sheet has one "
                               "row per indicator: is this the right file?"])
        cells.append((number, _cell(row, columns["indicator"]), _cell(row, columns["light"])))
    lights: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for number, raw_code, raw_light in cells:
        if _text(raw_code) == "" and _text(raw_light) == "":
            continue  # an empty row
        where = f"{shown}:{number}:"
        code = _indicator(raw_code, catalogue)
        if code is None:
            problems.append(f"{where} {_unknown_indicator(raw_code, catalogue)}")
            continue
        if code in first_row:
            problems.append(f"{where} indicator {code} is already on row {first_row[code]}: "
                            "keep one row per indicator")
            continue
        first_row[code] = number
        word = " ".join(_text(raw_light).lower().split())
        light = "n/a" if word == "" else LIGHT_WORDS.get(word)
        if light is None:
            problems.append(f"{where} '{_text(raw_light)}' is not a light (indicator {code}): "
                            "write grønn, gul, rød or ikke vurdert (or green, yellow, red, n/a)")
            continue
        lights[code] = light
    if problems:
        raise LightsError(problems)
    return {i.id: lights[i.id] for i in catalogue.indicators if i.id in lights}





def _cell(row: Sequence[Any], index: int) -> Any:
    return row[index] if index < len(row) else None


def _text(value: Any) -> str:
    """A cell as trimmed text ('' for an empty cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


_NUMBER = re.compile(r"^\d+(\.\d+)?$")


def _indicator(value: Any, catalogue: Catalogue) -> str | None:
    """The catalogue id a cell names, or None. A spreadsheet may have turned an id such
    as 3.1 into a number: it is taken when exactly one id of the catalogue is that number
    (3.10 and 3.1 would both be, so neither is taken)."""
    text = _text(value).strip('"').strip("'")
    if text in catalogue:
        return text
    if isinstance(value, int | float) and not isinstance(value, bool):
        same = [i.id for i in catalogue.indicators
                if _NUMBER.match(i.id) and float(i.id) == float(value)]
        if len(same) == 1:
            return same[0]
    return None


_MONTHS = {name: number for number, names in enumerate(
    (("jan", "januar", "january"), ("feb", "februar", "february"), ("mar", "mars", "march"),
     ("apr", "april"), ("mai", "may"), ("jun", "juni", "june"), ("jul", "juli", "july"),
     ("aug", "august"), ("sep", "sept", "september"), ("okt", "oct", "oktober", "october"),
     ("nov", "november"), ("des", "dec", "desember", "december")), start=1)
    for name in names}
"""Month names a spreadsheet writes when it has turned an id such as 1.2 into a date."""
_DAY_MONTH = re.compile(r"^(\d{1,2})\.\s?([^\W\d_]+)\.?$")
"""``01.feb``, ``1. feb.``: a day and a month name."""
_DATE = re.compile(r"^(?:(\d{1,2})\.(\d{1,2})\.\d{2,4}|\d{4}-(\d{2})-(\d{2})(?:[ T].*)?)$")
"""``01.02.2018`` (day first) or ``2018-02-01`` (year first, with or without a time)."""


def _as_date(value: Any) -> tuple[int, int] | None:
    """(day, month) when a cell holds what a spreadsheet made of an id such as 1.2: a
    date, or a text written as one."""
    if isinstance(value, dt.datetime | dt.date):
        return value.day, value.month
    text = _text(value).casefold()
    named = _DAY_MONTH.match(text)
    if named and named[2] in _MONTHS:
        return int(named[1]), _MONTHS[named[2]]
    dated = _DATE.match(text)
    if dated:
        if dated[1]:
            return int(dated[1]), int(dated[2])
        return int(dated[4]), int(dated[3])
    return None


def _unknown_indicator(value: Any, catalogue: Catalogue) -> str:
    text = _text(value)
    if text == "":
        return "the indicator cell is empty: write the indicator id of this light, e.g. " + (
            catalogue.indicators[0].id if catalogue.indicators else "1.1.0")
    ids = [i.id for i in catalogue.indicators]
    day_month = _as_date(value)
    if day_month is not None:  # Excel turns 1.2 into 1 February
        guess = f"{day_month[0]}.{day_month[1]}"
        return (f"indicator cell '{text}' holds a date: your spreadsheet turned an id "
                f"{'such as ' + guess + ' ' if guess in catalogue else ''}into a date; "
                "format the indicator column as text (Format cells, Text) and type the "
                "ids again")
    if isinstance(value, int | float) and not isinstance(value, bool):
        longer = [i for i in ids if i.startswith(text + ".")]
        hint = (f"the cell holds the number {text}, and a number cannot hold an id such as "
                f"{', '.join(longer[:3])}: format the indicator column as text (Format "
                "cells, Text) and type the id again; " if longer else
                "(the cell holds a number: format the column as text) ")
    else:
        close = difflib.get_close_matches(text, ids, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]}? " if close else ""
    shown = ", ".join(ids[:6]) + (", …" if len(ids) > 6 else "")
    return (f"indicator '{text}' is not in indicators.yaml: {hint}write an indicator id of "
            f"the catalogue, such as {shown}")
