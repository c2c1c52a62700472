"""The rows of a lights sheet as a .csv or .xlsx file, read safely: UTF-8 or Windows-1252,
comma or semicolon, and a workbook checked before it is opened (no zip bomb, no huge
shared strings), every fault told as one line."""

from __future__ import annotations

import contextlib
import csv
import io
import re
import zipfile
import zlib
from collections.abc import Generator, Sequence
from typing import IO, Any
from xml.etree import ElementTree

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




def _long_cell(where: str, in_csv: bool) -> LightsError:
    """A cell over MAX_CELL; in a CSV most often a quote that opens a cell and is never
    closed, so that the rest of the file reads as that one cell."""
    return LightsError([f"{where} a cell is longer than {MAX_CELL:,} characters: a lights "
                        "sheet needs only an indicator id and a light word in a row; shorten "
                        "the cell" + (" (and if it starts with \", close it with a second \")"
                                      if in_csv else "")])



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
