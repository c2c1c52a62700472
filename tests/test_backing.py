"""Label backing: a label the record does not bear out, and no named source, is a warning
at its awarded line saying what the record lacks (an error with --strict); so is a
benchmarking with no assessed light. The bundled data is backed throughout."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import cli
from generator.data.load import load_tree
from tests.conftest import DATA

NORDLYS = "clusters/nordlys-klynge/cluster.yaml"
FJORD = "clusters/fjord-tech/cluster.yaml"


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warnings(tree: Path) -> list[str]:
    result = load_tree(tree)
    assert result.dataset is not None, result.problems
    return [p.format() for p in result.warnings]


def line_of(path: Path, text: str, after: int = 0) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if i > after and text in line)


def add_label(path: Path, level: str, awarded: str) -> int:
    """Append a label without source to a cluster file; its awarded line."""
    text = path.read_text(encoding="utf-8")
    if "\nlabels:\n" not in text:
        text += "labels:\n"
        path.write_text(text, encoding="utf-8")
    replace(path, "\nlabels:\n", f"\nlabels:\n  - level: {level}\n    awarded: {awarded}\n")
    return line_of(path, f"awarded: {awarded}")


def test_silver_with_one_bronze_benchmarking_is_a_warning_at_awarded(tree: Path) -> None:
    path = tree / FJORD
    line = add_label(path, "silver", "2017-06")  # by then: one bronze benchmarking (2016-09-20)
    found = warnings(tree)
    assert found == [
        f"{path.as_posix()}:{line}: labels[0].awarded: warning: this silver label is not "
        "backed: the record has no silver benchmarking by 2017-06; silver needs 2 bronze "
        "benchmarkings at least 12 months apart by 2017-06; the record has 1; silver needs "
        "improvements documented on 3 indicators by 2017-06; the record has 0. Add what is "
        "missing to the record, or write the label's source: the address of the public page "
        "that announces it"]


def test_strict_makes_it_an_error(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_label(tree / FJORD, "silver", "2017-06")
    assert cli.main(["validate", "--data", str(tree)]) == 0
    assert cli.main(["validate", "--data", str(tree), "--strict"]) == 1
    err = capsys.readouterr().err
    assert "this silver label is not backed" in err
    assert "1 error, 0 warnings: Fix the lines above" in err  # validate builds nothing


def test_a_label_awarded_before_its_benchmarking_is_not_backed(tree: Path) -> None:
    path = tree / FJORD
    replace(path, "awarded: 2016\n", "awarded: 2015-06\n")  # its bronze benchmarking: 2016-09
    [message] = warnings(tree)
    assert message.startswith(f"{path.as_posix()}:{line_of(path, 'awarded: 2015-06')}: "
                              "labels[0].awarded: warning: this bronze label is not backed: "
                              "the record has no bronze benchmarking by 2015-06.")


def test_a_partial_awarded_date_counts_to_the_end_of_its_period(tree: Path) -> None:
    # fjord-tech: bronze awarded 2016, benchmarked 2016-09-20: backed (the year counts to
    # 31 December); the small tree loads with no warning at all.
    assert warnings(tree) == []


def test_a_source_backs_a_label(tree: Path) -> None:
    path = tree / FJORD
    add_label(path, "gold", "2017")
    assert any("this gold label is not backed" in w and "gold needs a score of at least 80 %"
               in w for w in warnings(tree))
    replace(path, "    awarded: 2017\n",
            "    awarded: 2017\n    source: https://example.org/gold\n")
    assert warnings(tree) == []


def test_gold_backed_by_the_score_of_a_gold_benchmarking(tree: Path) -> None:
    # nordlys-klynge has a gold benchmarking on 2018-03-01; its score decides.
    path = tree / NORDLYS
    gold = tree / "clusters/nordlys-klynge/assessments/2018-03-01.yaml"
    text = gold.read_text(encoding="utf-8")
    add_label(path, "gold", "2018-03")
    score = [line for line in text.splitlines() if line.startswith("score_percent:")]
    gold.write_text("\n".join(line for line in text.splitlines()
                              if not line.startswith("score_percent:")) + "\n"
                    + "score_percent: 85\n", encoding="utf-8")
    assert not any("gold label" in w for w in warnings(tree)), score
    replace(gold, "score_percent: 85", "score_percent: 60")
    assert any("gold needs a score of at least 80 % in a gold benchmarking by 2018-03; the "
               "record has 60 %" in w for w in warnings(tree))


def test_a_benchmarking_with_no_assessed_light_is_a_warning(tree: Path) -> None:
    path = tree / "clusters/fjord-tech/assessments/2018-05-04.yaml"
    text = path.read_text(encoding="utf-8")
    for light in ("green", "yellow", "red"):
        text = text.replace(f": {light}", ": n/a")
    path.write_text(text, encoding="utf-8")
    [message] = warnings(tree)
    assert message == (f"{path.as_posix()}:{line_of(path, 'lights:')}: lights: warning: no "
                       "light is assessed: every light is n/a or left out; write green, yellow "
                       "or red for each indicator the report assessed")


def test_the_bundled_data_is_backed() -> None:
    result = load_tree(DATA)
    assert result.dataset is not None
    assert [p.format() for p in result.problems] == []
    for cluster in result.dataset.clusters.values():
        for label in cluster.labels:
            assert label.source is None or all(
                ref.startswith("https://") or ref in result.dataset.sources
                for ref in label.source), cluster.id
