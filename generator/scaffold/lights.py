"""Quality lights from a spreadsheet, and the spreadsheet template to fill in.

A benchmarking report arrives as a document; secretariats copy its lights into a
spreadsheet, not into YAML. ``read_lights`` takes a ``.csv`` or ``.xlsx`` with a column
of indicator ids and a column of lights (headings ``indicator``/``light`` or
``indikator``/``lys``; light words in Norwegian or English) and gives the lights by
indicator id, or every bad cell as ``FILE:ROW: what is wrong: what to write``, counting
the heading as row 1. ``write_lights_sheet`` writes the template: every indicator of the
catalogue with its area and names in every site language, and a light column with a
drop-down list of the light words.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from generator.base.files import atomic_write
from generator.data.model import Catalogue

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

SHEET_WORDS: dict[str, dict[str, str]] = {
    "nb": {"indicator": "indikator", "light": "lys", "area": "område", "name": "navn",
           "green": "grønn", "yellow": "gul", "red": "rød", "n/a": "ikke vurdert",
           "title": "Kvalitetslys", "prompt": "Velg grønn, gul, rød eller ikke vurdert"},
    "en": {"indicator": "indicator", "light": "light", "area": "area", "name": "name",
           "green": "green", "yellow": "yellow", "red": "red", "n/a": "n/a",
           "title": "Quality lights", "prompt": "Choose green, yellow, red or n/a"},
}
"""The template's headings and light words, in the site's first language (English for a
language without its own words here)."""

SUFFIXES = (".csv", ".xlsx")
MAX_ROWS = 10_000
"""More rows than any catalogue has: a sheet this long is not a lights sheet."""


class LightsError(Exception):
    """The spreadsheet cannot be read as lights; ``problems`` are ``FILE:ROW: ...`` lines."""

    def __init__(self, problems: Sequence[str]):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


def read_lights(path: Path, catalogue: Catalogue, shown: str | None = None) -> dict[str, str]:
    """The lights of a spreadsheet by indicator id, in catalogue order; every bad cell is a
    ``FILE:ROW:`` problem of the LightsError raised (nothing is returned then)."""
    shown = shown or path.as_posix()
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise LightsError([f"{shown}: a lights file must be a .csv or an .xlsx spreadsheet "
                           "(save it as one of the two from your spreadsheet program)"])
    try:
        rows = list(_xlsx_rows(path, shown) if suffix == ".xlsx" else _csv_rows(path, shown))
    except OSError as exc:
        raise LightsError([f"{shown}: cannot be read: {exc.strerror or exc}"]) from None
    if not rows or not any(_text(cell) for cell in rows[0]):
        raise LightsError([f"{shown}:1: the first row must hold the headings: write "
                           "indicator and light (or indikator and lys) above the two columns"])
    headings = [_text(cell).lower() for cell in rows[0]]
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
    if len(rows) > MAX_ROWS:
        raise LightsError([f"{shown}: {len(rows):,} rows; a lights sheet has one row per "
                           "indicator: is this the right file?"])
    lights: dict[str, str] = {}
    first_row: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        raw_code = _cell(row, columns["indicator"])
        raw_light = _cell(row, columns["light"])
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


def _unknown_indicator(value: Any, catalogue: Catalogue) -> str:
    text = _text(value)
    if text == "":
        return "the indicator cell is empty: write the indicator id of this light, e.g. " + (
            catalogue.indicators[0].id if catalogue.indicators else "1.1.0")
    ids = [i.id for i in catalogue.indicators]
    close = difflib.get_close_matches(text, ids, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]}? " if close else ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        hint += "(the cell holds a number: format the column as text) "
    shown = ", ".join(ids[:6]) + (", …" if len(ids) > 6 else "")
    return (f"indicator '{text}' is not in indicators.yaml: {hint}write an indicator id of "
            f"the catalogue, such as {shown}")


def _csv_rows(path: Path, shown: str) -> Iterator[list[str]]:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = raw[:exc.start].count(b"\n") + 1
        raise LightsError([f"{shown}:{row}: is not UTF-8 text: save it as \"CSV UTF-8\" "
                           "from your spreadsheet program"]) from None
    first = text.split("\n", 1)[0]
    # A spreadsheet set to Norwegian saves CSV with semicolons (the comma is the decimal sign).
    delimiter = ";" if first.count(";") > first.count(",") else (
        "\t" if first.count("\t") > first.count(",") else ",")
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(path: Path, shown: str) -> Iterator[tuple[Any, ...]]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, ValueError, OSError) as exc:
        if isinstance(exc, OSError) and not isinstance(exc, BadZipFile):
            raise
        raise LightsError([f"{shown}: is not an .xlsx workbook that can be read: save it "
                           "again from your spreadsheet program as an Excel workbook (.xlsx)"]
                          ) from None
    try:
        sheet = book.worksheets[0]
        for count, row in enumerate(sheet.iter_rows(values_only=True)):
            if count > MAX_ROWS:
                yield ()
                return
            yield row
    finally:
        book.close()


# --- the template --------------------------------------------------------------------------


def sheet_words(language: str) -> dict[str, str]:
    """The template's headings and light words in ``language`` (English when unknown)."""
    return SHEET_WORDS.get(language, SHEET_WORDS["en"])


def write_lights_sheet(out: Path, catalogue: Catalogue, languages: Sequence[str]) -> None:
    """Write the template: one row per indicator of the catalogue, in catalogue order."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    words = sheet_words(languages[0])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = words["title"]
    headings = [words["indicator"], words["area"],
                *(f"{words['name']} ({code})" for code in languages), words["light"]]
    sheet.append(headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for indicator in catalogue.indicators:
        area = catalogue.area(indicator.area)
        sheet.append([indicator.id, f"{area.id} {area.name.get(languages[0], languages)}",
                      *(indicator.name.get(code, languages) for code in languages), None])
    last = len(catalogue.indicators) + 1
    light_column = openpyxl.utils.get_column_letter(len(headings))
    for row in range(2, last + 1):
        sheet[f"A{row}"].number_format = "@"  # ids are text: 3.10 must not become 3.1
    choices = ",".join(words[light] for light in ("green", "yellow", "red", "n/a"))
    drop_down = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True,
                               showDropDown=False)
    drop_down.promptTitle = words["light"]
    drop_down.prompt = words["prompt"]
    drop_down.errorTitle = words["light"]
    drop_down.error = words["prompt"]
    drop_down.showInputMessage = True
    drop_down.showErrorMessage = True
    drop_down.add(f"{light_column}2:{light_column}{last}")
    sheet.add_data_validation(drop_down)
    widths = [12, 36, *([60] * len(languages)), 16]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    # Printed (or saved as PDF) on one page width, with grid lines and the row and column
    # headings, so that a printed sheet can be filled in by hand at a benchmarking.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    sheet.print_options.headings = True
    sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    book.save(buffer)
    atomic_write(out, buffer.getvalue())
