"""The Open data page's field tables fit the models of the files: every key of a file is
explained once, no key the files lack is, the parts' keys are named, each row gets its
type from the model, and a page that does not fit is refused with the line to fix."""

from __future__ import annotations

import re

import pytest

from generator.render.opendata import fieldtables
from generator.render.opendata.common import CSV_COLUMNS
from generator.render.opendata.fieldtables import FieldTableError, open_data_page
from generator.render.text.i18n import Language
from tests.conftest import REPO

CODES = ("nb", "en")


def page(code: str) -> str:
    return (REPO / "docs" / code / "open-data.md").read_text(encoding="utf-8")


def tables(text: str) -> dict[str, list[list[str]]]:
    """Each marked table's rows (cells), by the line of its marker."""
    found: dict[str, list[list[str]]] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("<!-- fields:") or line.startswith("<!-- columns:"):
            rows, n = [], i + 1
            while n < len(lines) and lines[n].startswith("|"):
                rows.append([c.strip() for c in lines[n].strip().strip("|").split(" | ")])
                n += 1
            found[f"{i + 1}: {line}"] = rows
    return found


@pytest.mark.parametrize("code", CODES)
def test_every_key_of_every_file_is_explained_once_with_its_type(code: str) -> None:
    text = open_data_page(page(code), Language(code, "nb"))
    marked = tables(text)
    assert len(marked) == 9
    keys: dict[str, list[str]] = {}
    for where, rows in marked.items():
        name = where.split(": ", 2)[-1].removesuffix(" -->")
        if "columns:" in where:
            assert [r[0].strip("`") for r in rows[2:]] == list(CSV_COLUMNS)
            continue
        assert rows[0][1] == Language(code, "nb").gettext("Type"), where
        for row in rows[2:]:
            assert len(row) == 3 and row[1], (where, row)
            keys.setdefault(name, []).extend(
                k.removesuffix("[]") for k in re.findall(r"`([^`]+)`", row[0]))
    for name, model in fieldtables.MODELS.items():
        declared = [f.alias or n for n, f in model.model_fields.items()]
        explained = keys[name]
        assert len(explained) == len(set(explained)), name
        assert set(declared) - set(explained) <= fieldtables.COMMON, name
        assert set(explained) <= set(declared), name


def test_the_type_column_says_what_the_model_holds() -> None:
    text = open_data_page(page("en"), Language("en", "nb"))
    rows = {r[0]: r[1] for rows in tables(text).values() for r in rows[2:] if len(r) == 3}
    assert rows["`site_url`"] == "web address or null"
    assert rows["`members_count`"] == "whole number or null"
    assert rows["`peer_groups`"] == "list of ids"
    assert rows["`publish_indicators`"] == "true or false"
    assert rows["`lights`"] == "object from indicator or area ids to words"
    assert rows["`response_rate`"] == "number or null"
    nb = open_data_page(page("nb"), Language("nb", "nb"))
    assert "| `site_url` | nettadresse eller null |" in nb


INDEX = """## `index.json`

<!-- fields: index -->
| Field | Contents |
| --- | --- |
{rows}

## Next
"""
INDEX_ROWS = {
    "title": "The title", "languages": "The languages", "site_url": "Its address",
    "areas[]": "`id` and `name`",
    "rules": "`bronze`, `silver`, `gold`, `valid_months`, `requires`, `expiring_months`",
    "peer_groups[]": "`id`, `name`, `clusters`, `illustrative`",
    "forums[]": "`id`, `name`, `path`", "clusters[]": "`id`, `name`, `path`, "
    "`publish_indicators`", "indicators[]": "`id`, `area`, `name`, `path`",
    "surveys[]": "`id`, `name`, `path`",
    "files[]": "`path`, `kind`, `id`, `media_type`, `schema`, `columns`",
}
REQUIRES = ("`bronze_benchmarkings`, `min_months_between`, `documented_improvements`, "
            "`min_score_percent`")


def index_page(**change: str | None) -> str:
    rows = dict(INDEX_ROWS, **change)
    rows["rules"] = (rows["rules"] or "") + " " + REQUIRES
    return INDEX.format(rows="\n".join(f"| `{k}` | {v} |" for k, v in rows.items()
                                       if v is not None))


def test_a_complete_table_passes() -> None:
    assert "| `title` | text | The title |" in open_data_page(index_page(), Language("en", "nb"))


@pytest.mark.parametrize(("change", "message"), [
    ({"files[]": None}, r"tables of index files leave out `files`"),
    ({"homepage": "Not a key"}, r"line \d+: `homepage` is not a key of index files"),
    ({"files[]": "`path`, `kind`, `id`, `schema`, `columns`"},
     r"line \d+: the keys of `files` are not all explained: name `media_type`"),
])
def test_a_table_that_does_not_fit_the_model_is_refused(change: dict[str, str | None],
                                                        message: str) -> None:
    with pytest.raises(FieldTableError, match=message):
        open_data_page(index_page(**change), Language("en", "nb"))


def test_a_key_explained_twice_is_refused() -> None:
    text = index_page().replace("| `title` | The title |",
                                "| `title` | The title |\n| `title` | Again |")
    with pytest.raises(FieldTableError, match=r"line 7: `title` is described twice \(first "
                                              r"on line 6\)"):
        open_data_page(text, Language("en", "nb"))


def test_an_unknown_table_or_wrong_columns_are_refused() -> None:
    unknown = "<!-- fields: plans -->\n| Field | Contents |\n| --- | --- |\n| `id` | x |\n"
    with pytest.raises(FieldTableError, match="'plans', which is not a file model"):
        open_data_page(unknown, Language("en", "nb"))
    columns = ["cluster", "indicator", "date", "light", "illustrative", "certainty"]
    swapped = ("<!-- columns: lights.csv -->\n| Column | Contents |\n| --- | --- |\n"
               + "".join(f"| `{c}` | x |\n" for c in columns))
    with pytest.raises(FieldTableError, match="in that order"):
        open_data_page(swapped, Language("en", "nb"))
    with pytest.raises(FieldTableError, match="a table must follow"):
        open_data_page("<!-- fields: index -->\n\nNo table.\n", Language("en", "nb"))
