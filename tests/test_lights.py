"""Lights from a spreadsheet (``new assessment --lights FILE``), the spreadsheet template
(``lights-sheet``) and ``new label``: a secretariat that keeps its figures in a
spreadsheet gets a valid assessment file, or every bad cell named as FILE:ROW: with what
to write, and nothing written."""

from __future__ import annotations

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


def test_csv_not_utf8_is_refused_with_the_fix(data_tree: Path, tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("indikator;lys\n1.1.0;grønn\n".encode("cp1252"))
    with pytest.raises(LightsError) as caught:
        read_lights(path, catalogue(data_tree))
    assert caught.value.problems == [f"{path.as_posix()}:2: is not UTF-8 text: save it as "
                                     "\"CSV UTF-8\" from your spreadsheet program"]


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
    assert labels[-1].level == "bronze" and labels[-1].source == "https://example.org/label"


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
