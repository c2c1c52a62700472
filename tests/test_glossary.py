"""One terminology: the glossary (generator/render/text/glossary.yaml) is on the Method page of
every language, and no catalog, template, hand-written page or data text uses a word the
glossary says not to use. A failure names the file and line of each wrong variant."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from generator.data.load import load_tree
from generator.publish.pipeline import BuildOptions, render_languages
from generator.render.text import glossary
from generator.render.text.i18n import SOURCE_LANGUAGE, Language
from tests.conftest import DATA, REPO, SMALL

LOCALES = REPO / "generator" / "render" / "text" / "locales"
TEMPLATES = (REPO / "generator" / "render" / "pages" / "templates", REPO / "overrides")
DOCS = REPO / "docs"

_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"`[^`]*`")
_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_DATA_TEXT = re.compile(r"(?<![\w-])([a-z]{2,3}):\s*\"((?:[^\"\\]|\\.)*)\"")

Hit = tuple[str, int, str]
"""(file relative to the repository, line number, what was found)."""


def _hits(path: Path, line: int, text: str, code: str, root: Path = REPO) -> Iterator[Hit]:
    for found in glossary.wrong_variants(text, code):
        yield path.relative_to(root).as_posix(), line, found


def scan_catalog(path: Path) -> Iterator[Hit]:
    """A catalog's translations in its language, its message ids in English."""
    code = path.parents[1].name
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=code)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in ids:
            yield from _hits(path, message.lineno, text, SOURCE_LANGUAGE)
        for text in strings:
            yield from _hits(path, message.lineno, text or "", code)


def scan_template(path: Path) -> Iterator[Hit]:
    """Templates are written in the source language, English."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        yield from _hits(path, number, line, SOURCE_LANGUAGE)


def prose_lines(text: str) -> Iterator[tuple[int, str]]:
    """The prose of a Markdown page, line by line: without code blocks, code spans, link
    targets and HTML comments (code is quoted as it must be typed)."""
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            continue
        line = _HTML_COMMENT.sub("", _LINK_TARGET.sub("]", _CODE_SPAN.sub("", line)))
        yield number, line


def scan_doc(path: Path, root: Path = REPO) -> Iterator[Hit]:
    """A hand-written page in the language of its folder (docs/<lang>/)."""
    code = path.relative_to(root / "docs").parts[0]
    for number, line in prose_lines(path.read_text(encoding="utf-8")):
        yield from _hits(path, number, line, code, root)


def scan_data(path: Path, root: Path = REPO) -> Iterator[Hit]:
    """The texts of a data file, each in the language of its key (``nb: "..."``)."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""
        for match in _DATA_TEXT.finditer(line):
            yield from _hits(path, number, match.group(2), match.group(1), root)


def catalogs() -> list[Path]:
    return sorted(LOCALES.glob("*/LC_MESSAGES/messages.po"))


def templates() -> list[Path]:
    return sorted(p for folder in TEMPLATES for p in folder.rglob("*")
                  if p.suffix in (".j2", ".html"))


def docs() -> list[Path]:
    return sorted(p for p in DOCS.glob("*/*.md") if p.parent.name != "assets")


def data_files() -> list[Path]:
    return sorted(DATA.rglob("*.yaml"))


def every_hit() -> list[Hit]:
    hits: list[Hit] = []
    for path in catalogs():
        hits.extend(scan_catalog(path))
    for path in templates():
        hits.extend(scan_template(path))
    for path in docs():
        hits.extend(scan_doc(path))
    for path in data_files():
        hits.extend(scan_data(path))
    return hits


def test_no_text_uses_a_word_the_glossary_rules_out() -> None:
    hits = every_hit()
    assert not hits, "wrong variants (see the glossary on the Method page):\n" + "\n".join(
        f"{file}:{line}: {found}" for file, line, found in hits)


def test_the_scan_covers_every_kind_of_text() -> None:
    assert catalogs() and templates() and data_files()
    assert {p.parent.name for p in docs()} >= {"nb", "en"}


def test_a_wrong_variant_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "nb" / "about.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Om\n\nKlyngen fikk sølvmerket i 2017.\n`sølvmerke` i kode teller ikke.\n",
                    encoding="utf-8")
    data = tmp_path / "data" / "forums" / "x.yaml"
    data.parent.mkdir(parents=True)
    data.write_text('id: x  # sølvmerke in a comment is not a text\n'
                    'title: {nb: "Workshop", en: "Joined the co-operation"}\n', encoding="utf-8")
    assert [(f, n) for f, n, _found in scan_doc(page, tmp_path)] == [("docs/nb/about.md", 3)]
    assert [(f, n, found.split(" ")[0]) for f, n, found in scan_data(data, tmp_path)] == [
        ("data/forums/x.yaml", 2, "'co-operation'")]


@pytest.mark.parametrize(("text", "code", "wrong"), [
    ("Mineralklyngen fikk sølvmerke i 2017.", "nb", "sølvmerke"),
    ("Hva er nytt", "nb", "Hva er nytt"),
    ("grønt %(green)d, gult %(yellow)d", "nb", "grønt %(green)d"),
    ("Forpliktende deltakelse", "nb", "Forpliktende deltakelse"),
    ("oktober 2016–februar 2017", "nb", "2016–f"),
    ("The cluster took a bronze benchmarking.", "en", "took a bronze benchmarking"),
    ("set up by Nordland County in 2016", "en", "Nordland County"),
    ("It received the Silver label.", "en", "Silver"),
    ("date i en benchmarkingfil", "nb", "benchmarkingfil"),
    ("sjekken av pull-forespørsler", "nb", "pull-forespørsler"),
    ("En sertifisering må være dekket.", "nb", "sertifisering må være dekket"),
    ("## Checks of sense", "en", "Checks of sense"),
    ("the artifact named site", "en", "artifact"),
    ("construction work in an arctic climate", "en", "arctic"),
])
def test_known_wrong_variants_are_found(text: str, code: str, wrong: str) -> None:
    assert any(found.startswith(f"'{wrong}'") for found in glossary.wrong_variants(text, code))


@pytest.mark.parametrize(("text", "code"), [
    ("ESCAs Cluster Management Excellence Label og merkevarebygging", "nb"),
    ("Nordland County Council set up the forum in 2016–2017.", "en"),
    ("a silver label and two bronze benchmarkings", "en"),
    ("Sølv", "nb"),
    ("date i en benchmarkingsfil; sjekken på pull requesten", "nb"),
    ("En sertifisering må være underbygget; strategiens dekning.", "nb"),
    ("Arctic Maritime Cluster, an Arctic climate, clusters/arctic-maritime-cluster.md", "en"),
    ("Plausibility checks; the artefact named site", "en"),
])
def test_right_forms_pass(text: str, code: str) -> None:
    assert glossary.wrong_variants(text, code) == []


def test_every_language_of_the_glossary_has_every_term() -> None:
    for term in glossary.terms():
        assert set(term.entries) == {"nb", "en"}, term.id
        for entry in term.entries.values():
            assert entry.term and entry.definition and entry.why, term.id


def test_the_method_page_shows_the_glossary_in_each_language(tmp_path: Path) -> None:
    result = load_tree(SMALL)
    assert result.dataset is not None
    options = BuildOptions(SMALL, tmp_path / "site", tmp_path / "build", dt.date(2020, 1, 1))
    trees = render_languages(result.dataset, options)
    for code, tree in trees.items():
        page = bytes(tree["docs/method.md"]).decode("utf-8")
        assert glossary.MARKER not in page
        language = Language(code, "nb")
        for term in glossary.terms():
            entry = term.entry(language)
            assert f"**{entry.term}**" in page, (code, term.id)
            assert entry.why in page
