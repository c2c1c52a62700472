"""The one writer of the site's CSV files: the charts' data (``figures.Figure.files``) and the
open data's ``api/v1/lights.csv`` (``api.lights_csv``).

Names, titles and answers in a CSV file come from the data, and a spreadsheet program that
opens the file reads a cell beginning with ``=``, ``+``, ``-`` or ``@`` as a formula (and
some skip a tab or a carriage return before one): a cluster named
``=HYPERLINK("https://evil.example/x","x")`` would be a live link, worse ones run commands.
So every text cell, the header's included, goes through ``cell``, which puts an apostrophe
before such a text, as OWASP advises (https://owasp.org/www-community/attacks/CSV_Injection):
the apostrophe is then part of the text, for a spreadsheet and a program alike. Numbers
stay as they are, whether a real int or float or a text that is a plain number (``-3``,
``-0.5``, ``1e3``): they are no formula, and the data stays usable. Every other text is
written unchanged, so normal data gives the same bytes as without this rule.

Both functions write with Python's csv rules (quotes only where needed, LF line ends,
UTF-8); no other module of the generator writes a CSV (tests/test_csv_cells.py checks).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a cell may not begin with unless it is a number (OWASP's list)."""
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
"""A plain number written as text: ``-3``, ``+4``, ``-0.5``, ``.5``, ``1e3``, ``-2.5E-3``."""
_NUMERIC_KINDS = "biufcmM"
"""numpy dtype kinds whose cells are never text (bool, ints, floats, complex, times)."""


def cell(value: Any) -> Any:
    """``value`` as a CSV cell may hold it: a text that a spreadsheet would read as a
    formula gets an apostrophe before it; anything else is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _NUMBER.fullmatch(
            value):
        return "'" + value
    return value


def rows_csv(header: Iterable[Any], rows: Iterable[Iterable[Any]]) -> bytes:
    """A CSV file of a header and rows, every cell through ``cell``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([cell(value) for value in header])
    writer.writerows([cell(value) for value in row] for row in rows)
    return out.getvalue().encode("utf-8")


def frame_csv(frame: pd.DataFrame) -> bytes:
    """A CSV file of a DataFrame (without its index), every header and text cell through
    ``cell``. pandas still formats the values (floats, missing cells), so a frame without
    such text gives the bytes ``to_csv`` gives."""
    safe = frame.copy()
    safe.columns = [cell(name) for name in frame.columns]
    for position, dtype in enumerate(frame.dtypes):
        if dtype.kind not in _NUMERIC_KINDS:
            safe.isetitem(position, frame.iloc[:, position].map(cell, na_action="ignore"))
    return safe.to_csv(index=False, lineterminator="\n").encode("utf-8")
