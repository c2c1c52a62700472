"""The lights-sheet template: every indicator with its area and names in every site
language, and a light column with a drop-down list, in the site's first language."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from generator.base.files import atomic_write
from generator.data.model import Catalogue

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
