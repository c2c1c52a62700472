"""Lights from a spreadsheet (``new assessment --lights FILE``), the spreadsheet template
(``lights-sheet``) and ``new label``: a secretariat that keeps its figures in a
spreadsheet gets a valid assessment file, or every bad cell named as FILE:ROW: with what
to write, and nothing written."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from generator import cli
from generator.data.load import load_tree
from generator.scaffold.lights import LightsError, read_lights

MINERAL = "clusters/mineralklynge-norge"


def run(*args: str) -> int:
    return cli.main(list(args))


def catalogue(tree: Path):  # type: ignore[no-untyped-def]
    result = load_tree(tree)
    assert result.dataset is not None
    return result.dataset.catalogue


def test_template_lists_every_indicator_with_a_drop_down(data_tree: Path, tmp_path: Path
                                                         ) -> None:
    out = tmp_path / "lys.xlsx"
    assert run("lights-sheet", "--out", str(out), "--data", str(data_tree)) == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("indikator", "område", "navn (nb)", "navn (en)", "lys")
    ids = [i.id for i in catalogue(data_tree).indicators]
    assert [r[0] for r in rows[1:]] == ids and len(ids) == 31
    assert rows[1][1:4] == ("1 Klyngens struktur", "Forpliktet klyngedeltakelse",
                            "Committed cluster participation")
    assert all(r[4] is None for r in rows[1:])
    [check] = sheet.data_validations.dataValidation
    assert check.type == "list"
    assert check.formula1 == '"grønn,gul,rød,ikke vurdert"'
    assert str(check.sqref) == f"E2:E{len(ids) + 1}"
    # The template as delivered reads back: every light not assessed.
    assert set(read_lights(out, catalogue(data_tree)).values()) == {"n/a"}


def test_template_is_never_replaced(data_tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "lys.xlsx"
    out.write_bytes(b"mine")
    assert run("lights-sheet", "--out", str(out), "--data", str(data_tree)) == 1
    assert out.read_bytes() == b"mine"
    assert run("lights-sheet", "--out", str(tmp_path / "lys.csv"), "--data",
               str(data_tree)) == 2


def _filled_template(data_tree: Path, tmp_path: Path, words: list[str | None]) -> Path:
    out = tmp_path / "template.xlsx"
    assert run("lights-sheet", "--out", str(out), "--data", str(data_tree)) == 0
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[0]
    for row, word in zip(sheet.iter_rows(min_row=2), words, strict=False):
        row[-1].value = word
    filled = tmp_path / "filled.xlsx"
    book.save(filled)
    return filled


def test_new_assessment_from_a_filled_in_template(data_tree: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    words = ["grønn", "Gul ", "RØD", "ikke vurdert", None, "green", "yellow", "red", "n/a"]
    sheet = _filled_template(data_tree, tmp_path, words)
    assert run("new", "assessment", "--cluster", "mineralklynge-norge", "--date",
               "2019-10-01", "--lights", str(sheet), "--data", str(data_tree)) == 0
    written = data_tree / MINERAL / "assessments" / "2019-10-01.yaml"
    lights = yaml.safe_load(written.read_text(encoding="utf-8"))["lights"]
    ids = [i.id for i in catalogue(data_tree).indicators]
    expected = ["green", "yellow", "red", "n/a", "n/a", "green", "yellow", "red", "n/a"]
    assert [lights[i] for i in ids[:9]] == expected
    assert all(lights[i] == "n/a" for i in ids[9:])
    assert "6 of 31 lights filled in" in capsys.readouterr().err
    assert load_tree(data_tree).dataset is not None


def test_csv_with_semicolons_and_english_headings(data_tree: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "lights.csv"
    sheet.write_text("Indicator;Light;Note\n\"1.1.0\";green;ok\n4.6.1;red;\n\n", encoding="utf-8")
    assert read_lights(sheet, catalogue(data_tree)) == {"1.1.0": "green", "4.6.1": "red"}


def test_a_number_cell_is_taken_only_when_it_names_one_indicator(data_tree: Path,
                                                                  tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["indicator", "light"])
    book.active.append([3.1, "gul"])      # a spreadsheet turned "3.1" into a number
    book.active.append([1.2, "grønn"])
    path = tmp_path / "numbers.xlsx"
    book.save(path)
    assert read_lights(path, catalogue(data_tree)) == {"1.2": "green", "3.1": "yellow"}


def test_every_bad_cell_is_named_by_row_and_nothing_is_written(
        data_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "bad.csv"
    sheet.write_text("indikator,lys\n1.1.0,grønn\n1.1.9,gul\n1.1.1,blå\n1.1.0,rød\n,gul\n",
                     encoding="utf-8")
    assert run("new", "assessment", "--cluster", "mineralklynge-norge", "--date",
               "2019-10-01", "--lights", str(sheet), "--data", str(data_tree)) == 1
    err = capsys.readouterr().err
    shown = sheet.as_posix()
    assert f"{shown}:3: indicator '1.1.9' is not in indicators.yaml: did you mean 1.1." in err
    assert (f"{shown}:4: 'blå' is not a light (indicator 1.1.1): write grønn, gul, rød or "
            "ikke vurdert" in err)
    assert f"{shown}:5: indicator 1.1.0 is already on row 2: keep one row per indicator" in err
    assert f"{shown}:6: the indicator cell is empty" in err
    assert f"{shown}:2:" not in err
    assert "nothing was written" in err
    assert not (data_tree / MINERAL / "assessments" / "2019-10-01.yaml").exists()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("a.csv", "id,value\n1.1.0,green\n", ":1: no column headed indicator or indikator"),
    ("a.csv", "", ":1: the first row must hold the headings"),
    ("a.csv", "indicator,light,lys\n", ":1: 2 columns are headed lys or light"),
    ("a.xlsx", "not a workbook", ": is not an .xlsx workbook"),
    ("a.ods", "x", ": a lights file must be a .csv or an .xlsx"),
])
def test_unreadable_sheets(data_tree: Path, tmp_path: Path, name: str, content: str,
                           message: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LightsError) as caught:
        read_lights(path, catalogue(data_tree))
    assert caught.value.problems[0].startswith(path.as_posix() + message)


def test_norwegian_excel_csv_in_windows_1252_is_read(data_tree: Path, tmp_path: Path) -> None:
    """What Excel set to Norwegian saves as "CSV (semikolondelt)": semicolons, Windows-1252
    (ø is one byte, 0xf8), CR LF line ends."""
    path = tmp_path / "lys.csv"
    path.write_bytes("indikator;lys\r\n1.1.0;grønn\r\n1.2;rød\r\n4.6.1;Ikke vurdert\r\n"
                     .encode("cp1252"))
    assert read_lights(path, catalogue(data_tree)) == {
        "1.1.0": "green", "1.2": "red", "4.6.1": "n/a"}


def test_csv_neither_utf8_nor_windows_1252_is_refused_with_the_fix(data_tree: Path,
                                                                    tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_bytes(b"indikator;lys\n1.1.0;\x81\x8d\n")  # bytes Windows-1252 does not have
    with pytest.raises(LightsError) as caught:
        read_lights(path, catalogue(data_tree))
    assert caught.value.problems == [f"{path.as_posix()}:2: is neither UTF-8 nor Windows-1252 "
                                     "text: save it as \"CSV UTF-8\" from your spreadsheet "
                                     "program"]


@pytest.mark.parametrize("cell", ["01.feb", "1. feb.", "01.02.2018", "2018-02-01"])
def test_an_id_a_spreadsheet_made_a_date_is_named_with_the_fix(
        data_tree: Path, tmp_path: Path, cell: str) -> None:
    """Excel turns 1.2 into 1 February: the message says so and how to keep the id."""
    path = tmp_path / "lys.csv"
    path.write_text(f"indikator;lys\n{cell};grønn\n", encoding="utf-8")
    with pytest.raises(LightsError) as caught:
        read_lights(path, catalogue(data_tree))
    [problem] = caught.value.problems
    assert problem.startswith(f"{path.as_posix()}:2: indicator cell '{cell}' holds a date: "
                              "your spreadsheet turned an id such as 1.2 into a date; format "
                              "the indicator column as text"), problem


def test_an_xlsx_date_or_number_instead_of_an_id_is_named_with_the_fix(
        data_tree: Path, tmp_path: Path) -> None:
    import datetime as dt

    book = openpyxl.Workbook()
    book.active.append(["indicator", "light"])
    book.active.append([dt.datetime(2018, 2, 1), "grønn"])  # 1.2, made a date
    book.active.append([1.1, "gul"])  # 1.1.0 typed as 1.1, made a number
    path = tmp_path / "lys.xlsx"
    book.save(path)
    with pytest.raises(LightsError) as caught:
        read_lights(path, catalogue(data_tree))
    first, second = caught.value.problems
    assert "holds a date: your spreadsheet turned an id such as 1.2 into a date" in first
    assert second.startswith(f"{path.as_posix()}:3: indicator '1.1' is not in indicators.yaml: "
                             "the cell holds the number 1.1, and a number cannot hold an id "
                             "such as 1.1.0, 1.1.1, 1.1.2: format the indicator column as "
                             "text"), second
    assert "did you mean 4.1.1" not in second


def test_new_label_is_appended_keeping_comments(data_tree: Path) -> None:
    path = data_tree / "clusters" / "vintertroms" / "cluster.yaml"
    before = path.read_text(encoding="utf-8")
    assert run("new", "label", "--cluster", "vintertroms", "--level", "bronze", "--awarded",
               "2019-10", "--valid-until", "2021-10", "--source",
               "https://example.org/label", "--data", str(data_tree)) == 0
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    assert after.endswith("  - level: bronze\n    awarded: 2019-10\n    valid_until: 2021-10\n"
                          "    source: https://example.org/label\n")
    labels = load_tree(data_tree).dataset.clusters["vintertroms"].labels  # type: ignore[union-attr]
    assert labels[-1].level == "bronze" and labels[-1].source == ("https://example.org/label",)


def test_new_label_that_would_be_invalid_is_refused(data_tree: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    path = data_tree / "clusters" / "vintertroms" / "cluster.yaml"
    before = path.read_bytes()
    assert run("new", "label", "--cluster", "vintertroms", "--level", "gold", "--awarded",
               "2019-10", "--valid-until", "2018", "--data", str(data_tree)) == 1
    assert "valid_until 2018 is before awarded 2019-10" in capsys.readouterr().err
    assert path.read_bytes() == before
    with pytest.raises(SystemExit) as usage:
        run("new", "label", "--cluster", "vintertroms", "--level", "gold", "--awarded",
            "2019-10", "--source", "javascript:alert(1)", "--data", str(data_tree))
    assert usage.value.code == 2
    assert run("new", "label", "--cluster", "nowhere", "--level", "gold", "--awarded",
               "2019-10", "--data", str(data_tree)) == 1
    assert path.read_bytes() == before


# --- spreadsheets with limits: a bad file is one located line, in bounded time and memory --


def _refused(data_tree: Path, sheet: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The problem lines of ``new assessment --lights sheet``, which must refuse the sheet
    with no traceback and write nothing."""
    assert run("new", "assessment", "--cluster", "mineralklynge-norge", "--date",
               "2019-10-01", "--lights", str(sheet), "--data", str(data_tree)) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "nothing was written" in err
    assert not (data_tree / MINERAL / "assessments" / "2019-10-01.yaml").exists()
    return err.splitlines()[:-1]


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PACKAGE = "http://schemas.openxmlformats.org"
WORKBOOK_PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{PACKAGE}/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'),
    "_rels/.rels": (
        f'<Relationships xmlns="{PACKAGE}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{PACKAGE}/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{PACKAGE}/officeDocument/2006/relationships">'
        '<sheets><sheet name="lys" sheetId="1" r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{PACKAGE}/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{PACKAGE}/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{PACKAGE}/officeDocument/2006/relationships/'
        'sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
    "xl/worksheets/sheet1.xml": (
        f'<worksheet xmlns="{MAIN}"><sheetData>' + "".join(
            f'<row r="{row}"><c r="A{row}" t="s"><v>{2 * row - 2}</v></c>'
            f'<c r="B{row}" t="s"><v>{2 * row - 1}</v></c></row>' for row in (1, 2, 3))
        + "</sheetData></worksheet>"),
}
"""A workbook written by hand, as small as openpyxl reads: one sheet of three rows whose
cells are the shared strings 0 to 5, two to a row."""


def _workbook(tmp_path: Path, texts: list[str]) -> Path:
    """An .xlsx whose sheet's rows are ``texts`` 0 to 5, two to a row, with all of
    ``texts`` in its shared strings part (deflated, so that megabytes of text take
    kilobytes on disk)."""
    items = "".join(f"<si><t>{text}</t></si>" for text in texts)
    strings = f'<sst xmlns="{MAIN}" uniqueCount="{len(texts)}">{items}</sst>'
    path = tmp_path / "lys.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in {**WORKBOOK_PARTS, "xl/sharedStrings.xml": strings}.items():
            book.writestr(name, text)
    return path


def test_a_csv_cell_of_200000_characters_is_refused_by_row(
        data_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "lys.csv"
    sheet.write_text("indikator;lys\n1.1.0;grønn\n1.1.1;" + "x" * 200_000 + "\n",
                     encoding="utf-8")
    started = time.monotonic()
    assert _refused(data_tree, sheet, capsys) == [
        f"{sheet.as_posix()}:3: a cell is longer than 1,000 characters: a lights sheet needs "
        "only an indicator id and a light word in a row; shorten the cell (and if it starts "
        "with \", close it with a second \")"]
    assert time.monotonic() - started < 2


def test_a_csv_of_more_than_10000_rows_is_refused_without_reading_on(
        data_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "lys.csv"
    # What comes after the limit (a cell too long for the CSV reader) is not read at all.
    sheet.write_text("indikator;lys\n" + "1.1.0;grønn\n" * 10_000 + "1.1.1;" + "x" * 200_000,
                     encoding="utf-8")
    started = time.monotonic()
    assert _refused(data_tree, sheet, capsys) == [
        f"{sheet.as_posix()}: more than 10,000 rows; a lights sheet has one row per "
        "indicator: is this the right file?"]
    assert time.monotonic() - started < 2


def test_a_csv_file_of_megabytes_is_refused_before_it_is_read(
        data_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "lys.csv"
    sheet.write_text("indikator;lys\n1.1.0;grønn\n" + " " * 11_000_000, encoding="utf-8")
    started = time.monotonic()
    assert _refused(data_tree, sheet, capsys) == [
        f"{sheet.as_posix()}: 11.0 MB, more than a lights sheet ever needs (at most 10 MB): "
        "save only the lights sheet again from your spreadsheet program"]
    assert time.monotonic() - started < 2


def test_an_xlsx_with_a_huge_shared_string_is_refused_before_it_is_read(
        data_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = _workbook(tmp_path, ["indikator", "lys", "1.1.0", "grønn", "1.1.1", "g" * 6_000_000])
    assert sheet.stat().st_size < 100_000
    started = time.monotonic()
    assert _refused(data_tree, sheet, capsys) == [
        f"{sheet.as_posix()}: the workbook's texts (xl/sharedStrings.xml) unpack to 6.0 MB, "
        "more than a lights sheet ever needs (at most 5 MB): save only the lights sheet "
        "again from your spreadsheet program"]
    assert time.monotonic() - started < 2


def test_an_xlsx_with_very_many_shared_strings_is_refused_before_it_is_read(
        data_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    texts = ["indikator", "lys", "1.1.0", "grønn", "1.1.1", "gul"]
    sheet = _workbook(tmp_path, texts + [f"{n}" for n in range(200_000)])
    started = time.monotonic()
    assert _refused(data_tree, sheet, capsys) == [
        f"{sheet.as_posix()}: the workbook holds more than 100,000 different texts; a lights "
        "sheet has one row per indicator: save only the lights sheet again from your "
        "spreadsheet program"]
    assert time.monotonic() - started < 2


def test_an_xlsx_cell_over_1000_characters_is_refused_by_row(
        data_tree: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = openpyxl.Workbook()
    book.active.append(["indikator", "lys", "merknad"])
    book.active.append(["1.1.0", "grønn", "ok"])
    book.active.append(["1.1.1", "gul", "x" * 1_001])
    sheet = tmp_path / "lys.xlsx"
    book.save(sheet)
    started = time.monotonic()
    assert _refused(data_tree, sheet, capsys) == [
        f"{sheet.as_posix()}:3: a cell is longer than 1,000 characters: a lights sheet needs "
        "only an indicator id and a light word in a row; shorten the cell"]
    assert time.monotonic() - started < 2


def test_new_label_the_record_does_not_back_is_refused_unless_sourced_or_inferred(
        data_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`new label` once wrote an unbacked silver label with exit 0: it is refused, what
    the record lacks one item per line, nothing written; with --certainty inferred it is
    written so, and published marked inferred."""
    path = data_tree / "clusters" / "biotech-north" / "cluster.yaml"
    before = path.read_bytes()
    args = ["new", "label", "--cluster", "biotech-north", "--level", "silver", "--awarded",
            "2019-01", "--data", str(data_tree)]
    capsys.readouterr()
    assert run(*args) == 1
    err = capsys.readouterr().err
    assert "this silver label is not backed by the record of biotech-north" in err
    assert "\n  - the record has no silver benchmarking by 2019-01\n" in err
    assert "--certainty inferred" in err and "--source URL" in err
    assert path.read_bytes() == before
    assert run(*args, "--certainty", "inferred") == 0
    assert path.read_text(encoding="utf-8").endswith(
        "  - level: silver\n    awarded: 2019-01\n    certainty: inferred\n")
    result = load_tree(data_tree)
    assert result.dataset is not None and not result.warnings
    assert result.dataset.clusters["biotech-north"].labels[-1].certain == "inferred"
