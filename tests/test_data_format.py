"""The Data format page: generated from the models, so every file kind and every key is
on it in both languages, a new file kind appears without a word written, and the data
and docs cite it (or a public source) rather than documents outside the repository."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from generator.data import schema
from generator.render.text import reference
from generator.render.text.i18n import Language
from tests.conftest import REPO

PAGES = {code: REPO / "docs" / code / "data-format.md" for code in ("nb", "en")}


def built(code: str) -> str:
    return reference.data_format_page(PAGES[code].read_text(encoding="utf-8"),
                                      Language(code, "nb"))


def model_keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every key path of a model, by walking its fields (independently of the page)."""
    found = []
    for name, field in model.model_fields.items():
        path = prefix + (field.alias or name)
        found.append(path)
        if repr(field.annotation).startswith("dict["):
            found.append(path + '."<id>"')  # a mapping whose keys are data: a row of its own
        inner = _inner(field.annotation)
        if inner is not None:
            suffix, part = inner
            found.extend(model_keys(part, path + suffix))
    return found


def _inner(annotation: Any) -> tuple[str, type[BaseModel]] | None:
    text = repr(annotation)
    for model in _parts():
        name = f"{model.__module__}.{model.__qualname__}"
        if f"tuple[{name}, ...]" in text:
            return "[].", model
        if re.search(rf"dict\[.*, {re.escape(name)}\]", text):
            return '."<id>".', model
        if text in (f"<class '{name}'>", f"{name} | None", f"typing.Optional[{name}]"):
            return ".", model
    return None


def _parts() -> list[type[BaseModel]]:
    """Every model of the schema package's modules but the base class."""
    modules = [importlib.import_module(f"{schema.__name__}.{m.name}")
               for m in pkgutil.iter_modules(schema.__path__)]
    return list({v for module in modules for v in vars(module).values()
                 if isinstance(v, type) and issubclass(v, schema.Part)
                 and v is not schema.Part})


@pytest.mark.parametrize("code", ["nb", "en"])
def test_every_file_kind_and_key_is_on_the_page(code: str) -> None:
    page = built(code)
    assert "<!--" not in page  # every marker was replaced
    for kind, model in schema.FILE_KINDS.items():
        assert f"### `{reference.file_path(model)}` {{#{kind}}}" in page
        assert f"- [`{reference.file_path(model)}`](#{kind})" in page  # the layout list
        section = page.split(f"{{#{kind}}}", 1)[1].split("\n### ", 1)[0]
        rows = [line.split(" | ")[0].strip("| `") for line in section.splitlines()
                if line.startswith("| `")]
        assert rows == model_keys(model), kind


def test_rows_say_type_requirement_values_and_example() -> None:
    language = Language("en", "nb")
    rows = {r.path: r for r in reference.rows(schema.AssessmentFile, language)}
    assert (rows["date"].type, rows["date"].required, rows["date"].example) == (
        "date", "required", "`2016-09`")
    assert rows["kind"].allowed == "`bronze`, `silver`, `gold`"
    assert rows['lights."<id>"'].allowed == "`green`, `yellow`, `red`, `n/a`"
    assert rows["illustrative"].required == "optional, default `false`"
    assert rows["score_percent"].allowed == "at least 0, at most 100"
    assert rows["improvements[].indicator"].example == '`"1.1.0"`'
    nb = {r.path: r for r in reference.rows(schema.ClusterFile, Language("nb", "nb"))}
    assert (nb["website"].type, nb["website"].required) == ("nettadresse", "valgfri")
    # the length limits of names and free texts
    en = {r.path: r for r in reference.rows(schema.ClusterFile, language)}
    assert (en["name"].type, en["name"].allowed) == ("text", "at most 200 characters")
    assert en["former_names"].allowed == "at most 200 characters"
    assert en["events[].description"].allowed == "at most 5,000 characters"
    assert nb["name"].allowed == "høyst 200 tegn"


def test_a_new_file_kind_appears_without_a_word_written(monkeypatch: pytest.MonkeyPatch
                                                        ) -> None:
    class SurveyFile(schema.FileModel):
        """surveys/<id>.yaml: one survey of cluster managers."""

        id: schema.Id
        answered: schema.Count

    monkeypatch.setitem(schema.FILE_KINDS, "survey", SurveyFile)
    page = built("en")
    assert "### `surveys/<id>.yaml` {#survey}" in page
    assert "| `answered` | whole number | required | at least 0 | `24` |" in page


def test_an_explanation_of_a_kind_the_models_lack_is_refused() -> None:
    page = PAGES["en"].read_text(encoding="utf-8").replace(
        "<!-- kind: plan -->", "<!-- kind: plans -->")
    with pytest.raises(reference.ReferenceError, match="plans"):
        reference.data_format_page(page, Language("en", "nb"))
    with pytest.raises(reference.ReferenceError):
        reference.data_format_page("# no markers", Language("en", "nb"))


OLD_NAME = re.compile(r"data[ -]?contract|datakontrakt", re.IGNORECASE)
"""What the data format was called before the repository had its own page of it."""
DOCUMENT = re.compile(r"\b[A-Z][A-Z0-9_-]*\.md\b")
"""A cited document by its name (README.md): it must be a file of the repository."""
UPWARD = re.compile(r"(?:\.\./)+[\w.-]*")
"""A relative path upwards: it must stay inside the repository, from its own file or, in
an example written for another file (a data file's schema line), from the repository's
top (what follows the ``../`` is a path of the repository)."""


def outside_citations(path: Path, text: str) -> list[str]:
    """Each line of ``text`` (the file ``path``) that cites something outside the
    repository: a document it does not hold, a path that leaves it, or the data format
    by its old name instead of its page."""
    names = {p.name for p in REPO.rglob("*.md") if ".git" not in p.parts}
    found = []
    for number, line in enumerate(text.splitlines(), 1):
        missing = [m for m in DOCUMENT.findall(line) if m not in names]
        leaving = [m for m in UPWARD.findall(line)
                   if not (path.parent / m).resolve().is_relative_to(REPO.resolve())
                   and not (REPO / m.lstrip("./")).exists()]
        if missing or leaving or OLD_NAME.search(line):
            found.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    return found


def test_data_and_docs_cite_no_document_outside_the_repository() -> None:
    found = []
    for folder in ("data", "docs"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and path.suffix in (".yaml", ".md"):
                found += outside_citations(path, path.read_text(encoding="utf-8"))
    assert found == []


def test_the_citation_check_finds_what_lies_outside() -> None:
    page = REPO / "docs" / "en" / "guide.md"
    text = ("See the README.md and [a chart](../assets/x.svg).\n"
            "As NOTES.md says.\n"
            "See ../../../workshop/notes.md.\n"
            "Per the Data-Contract, section 3.\n")
    assert [line.split(":")[1] for line in outside_citations(page, text)] == ["2", "3", "4"]
