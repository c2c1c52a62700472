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
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import difflib
import io
import os
import re
import zipfile
import zlib
from collections.abc import Generator, Iterator, Sequence
from pathlib import Path
from typing import IO, Any
from xml.etree import ElementTree

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
MAX_CELL = 1_000
"""Characters in one cell: ids, light words and indicator names are far shorter, so a
longer cell is a pasted document or, in a CSV, a quote left open that runs on."""
MAX_FILE_BYTES = 10_000_000
"""Bytes of a lights file on disk: the template is a few kilobytes, and a .csv this size
is decoded in memory at once."""
MAX_UNPACKED_BYTES = 20_000_000
"""Bytes of all the parts of an .xlsx unpacked, as its zip declares them: ten times a
sheet of 10,000 rows, and what bounds the time openpyxl takes over the sheet, the styles
and the workbook (some seconds for this many bytes of cells)."""
MAX_SHARED_STRINGS_BYTES = 5_000_000
"""Bytes of an .xlsx's shared strings part unpacked: openpyxl reads the whole part into
memory when it opens the workbook, before the row limit can stop anything."""
MAX_SHARED_STRINGS = 100_000
"""Different texts in an .xlsx: openpyxl makes each one a string when it opens the
workbook (about a second for this many)."""
MAX_ENTRIES = 1_000
"""Parts of an .xlsx: a workbook has about ten; every part is listed in memory when the
zip is opened."""
MB = 1_000_000
"""A megabyte as the limits are told (decimal, as file managers show sizes)."""
SAVE_AGAIN = "save only the lights sheet again from your spreadsheet program"
"""The way out of a file over a limit: a sheet saved alone holds only the lights."""

_SHARED_STRINGS_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml."
                        "sharedStrings+xml")
"""The manifest's content type of the shared strings part, by which openpyxl finds it."""
_STRING_ITEM = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")
"""The start of one shared string (``<si>``, with any namespace prefix)."""
_XLSX_FAULTS = (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, ValueError, TypeError,
                IndexError, SyntaxError, EOFError, zlib.error, NotImplementedError,
                RuntimeError, OverflowError)
"""What zipfile, ElementTree and openpyxl raise for a workbook that is not well made (a
bad zip or CRC, broken XML, a cell that does not hold what its type says, an encrypted
part): all of them are told as one line, never as a traceback."""


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


def _long_cell(where: str, in_csv: bool) -> LightsError:
    """A cell over MAX_CELL; in a CSV most often a quote that opens a cell and is never
    closed, so that the rest of the file reads as that one cell."""
    return LightsError([f"{where} a cell is longer than {MAX_CELL:,} characters: a lights "
                        "sheet needs only an indicator id and a light word in a row; shorten "
                        "the cell" + (" (and if it starts with \", close it with a second \")"
                                      if in_csv else "")])


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


def _csv_rows(source: IO[bytes], shown: str) -> Generator[list[str], None, None]:
    """The rows of a CSV file, refusing a cell longer than MAX_CELL and reading no further
    than MAX_ROWS rows."""
    raw = source.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:  # it grew since it was measured
        raise LightsError([f"{shown}: more than {MAX_FILE_BYTES // MB} MB, more than a "
                           f"lights sheet ever needs: {SAVE_AGAIN}"])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel set to Norwegian saves "CSV (semikolondelt)" in Windows-1252 (ø is 0xf8)
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            raise LightsError([f"{shown}:{line}: is neither UTF-8 nor Windows-1252 text: "
                               "save it as \"CSV UTF-8\" from your spreadsheet program"]
                              ) from None
    first = text.split("\n", 1)[0]
    # A spreadsheet set to Norwegian saves CSV with semicolons (the comma is the decimal sign).
    delimiter = ";" if first.count(";") > first.count(",") else (
        "\t" if first.count("\t") > first.count(",") else ",")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    # The reader's own limit (process-wide, so put back after) is just above MAX_CELL: a
    # cell of MAX_CELL + 1 characters is found below, a longer one by the reader, which
    # stops there instead of holding the rest of the file as one cell.
    limit = csv.field_size_limit(MAX_CELL + 1)
    try:
        for number in range(1, MAX_ROWS + 2):
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                if "field limit" in str(exc):
                    raise _long_cell(f"{shown}:{number}:", in_csv=True) from None
                raise LightsError([f"{shown}:{number}: cannot be read as CSV ({exc}): save it "
                                   "again as \"CSV UTF-8\" from your spreadsheet program"]
                                  ) from None
            if max(map(len, row), default=0) > MAX_CELL:
                raise _long_cell(f"{shown}:{number}:", in_csv=True)
            yield row
    finally:
        csv.field_size_limit(limit)


def _xlsx_rows(source: IO[bytes], shown: str) -> Generator[tuple[Any, ...], None, None]:
    """The rows of the first sheet of a workbook, refusing a cell longer than MAX_CELL and
    reading no further than MAX_ROWS rows, after ``_check_workbook``."""
    import openpyxl

    unreadable = LightsError([f"{shown}: is not an .xlsx workbook that can be read: save it "
                              "again from your spreadsheet program as an Excel workbook (.xlsx)"])
    try:
        _check_workbook(source, shown)
        source.seek(0)
        book = openpyxl.load_workbook(source, read_only=True, data_only=True, keep_links=False)
    except _XLSX_FAULTS:
        raise unreadable from None
    try:
        try:
            sheet = book.worksheets[0]
            # The rows as long as their cells, not as wide as the sheet's own stated size
            # (which may say 16,384 columns).
            sheet.reset_dimensions()
            rows = sheet.iter_rows(values_only=True)
        except _XLSX_FAULTS:
            raise unreadable from None
        with contextlib.closing(rows):
            for number in range(1, MAX_ROWS + 2):
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except _XLSX_FAULTS:
                    raise unreadable from None
                if any(isinstance(value, str) and len(value) > MAX_CELL
                       for value in filter(None, row)):
                    raise _long_cell(f"{shown}:{number}:", in_csv=False)
                yield row
    finally:
        book.close()


def _check_workbook(source: IO[bytes], shown: str) -> None:
    """Refuse a workbook that would take openpyxl too long or too much memory to open,
    from its zip directory before any part is unpacked: too many parts, too many bytes
    unpacked in all, or a shared strings part (which openpyxl reads whole) too big or
    with too many texts. A zip's declared sizes can lie, so that part is also read with
    a byte cap (zipfile itself stops at the declared size and then fails the CRC check)."""
    with zipfile.ZipFile(source) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise LightsError([f"{shown}: the workbook has {len(entries):,} parts, more than a "
                               f"lights sheet ever needs (at most {MAX_ENTRIES:,}): "
                               f"{SAVE_AGAIN}"])
        unpacked = sum(entry.file_size for entry in entries)
        if unpacked > MAX_UNPACKED_BYTES:
            raise LightsError([f"{shown}: the workbook unpacks to {unpacked / MB:,.1f} MB, "
                               "more than a lights sheet ever needs (at most "
                               f"{MAX_UNPACKED_BYTES // MB} MB): {SAVE_AGAIN}"])
        name = _shared_strings_part(archive)
        if name is None or name not in archive.namelist():
            return  # no shared strings, or none where the manifest says (openpyxl refuses it)
        size = archive.getinfo(name).file_size
        strings = b""
        if size <= MAX_SHARED_STRINGS_BYTES:
            with archive.open(name) as part:
                strings = part.read(MAX_SHARED_STRINGS_BYTES + 1)
            size = max(size, len(strings))
        if size > MAX_SHARED_STRINGS_BYTES:
            raise LightsError([f"{shown}: the workbook's texts ({name}) unpack to "
                               f"{size / MB:,.1f} MB, more than a lights sheet ever needs (at "
                               f"most {MAX_SHARED_STRINGS_BYTES // MB} MB): {SAVE_AGAIN}"])
        for count, _ in enumerate(_STRING_ITEM.finditer(strings), start=1):
            if count > MAX_SHARED_STRINGS:
                raise LightsError([f"{shown}: the workbook holds more than "
                                   f"{MAX_SHARED_STRINGS:,} different texts; a lights sheet "
                                   f"has one row per indicator: {SAVE_AGAIN}"])


def _shared_strings_part(archive: zipfile.ZipFile) -> str | None:
    """The name of the shared strings part, found as openpyxl finds it: the first part of
    that type in the package's manifest."""
    manifest = "[Content_Types].xml"
    if manifest not in archive.namelist():
        return None  # openpyxl refuses the workbook
    if archive.getinfo(manifest).file_size > MAX_SHARED_STRINGS_BYTES:
        raise ValueError(f"{manifest} too big")  # told as a workbook that cannot be read
    with archive.open(manifest) as part:
        root = ElementTree.fromstring(part.read(MAX_SHARED_STRINGS_BYTES + 1))
    for override in root:
        if (override.tag.endswith("}Override")
                and override.get("ContentType") == _SHARED_STRINGS_TYPE):
            part_name = override.get("PartName", "")
            return part_name[1:] if part_name.startswith("/") else part_name
    return None


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
