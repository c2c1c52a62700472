"""The loader's state and its checks of a single file: reading and checking one file,
its schema version, the sources it cites, its translations, dated names and known ids."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator import SCHEMA_VERSION
from generator.base.dates import DateFormatError, PartialDate
from generator.base.problems import Problem
from generator.base.text import Text
from generator.data.load.files import Checked, choices, closest, display_root, write_instead
from generator.data.load.settle import sourced_records, text_fields
from generator.data.messages import problems_from_errors
from generator.data.model import Catalogue
from generator.data.schema import (
    FileModel,
)
from generator.data.valuecache import ValueCache
from generator.data.yamlfile import SourceFile, read_source

FREE_TEXT_KEYS = frozenset({"title", "description", "outcome", "findings", "text",
                            "recommendation", "recommendations"})
"""The keys whose texts are prose, not names: written in each language."""

FEW_WORDS = 2
"""A prose text of at most this many words may be the same in every language (a
one- or two-word title, "Workshop", "Kick-off")."""


def one_text_for_all(loc: tuple[object, ...], text: Text, languages: tuple[str, ...]) -> bool:
    """Whether ``text`` is prose of more than a few words given once for every language
    of a site with more than one (the other languages' pages would show it as written).
    A name, a place and the title of a cited source stay one text."""
    key = next((part for part in reversed(loc) if isinstance(part, str)), "")
    if loc[:1] == ("sources",):  # a cited work's title stays as it was published
        return False
    return (len(languages) > 1 and text.same is not None and key in FREE_TEXT_KEYS
            and len(text.same.split()) > FEW_WORDS)


class LoaderBase:
    """The loader's state and the checks of one file."""

    def __init__(self, data_dir: Path, cache: ValueCache | None = None):
        self.root = data_dir
        self.prefix = display_root(data_dir)
        self.problems: list[Problem] = []
        self.cache = cache
        self._entries: dict[str, dict[str, bool]] = {}
        self.cluster_items: list[Checked] = []
        self._refused: set[str] = set()
        """Paths whose problem the scan reported: they are not read."""


    def display(self, rel: str) -> str:
        return rel if self.prefix in ("", ".") else f"{self.prefix}/{rel}"


    def error(self, rel: str, message: str, line: int = 1, key: str = "") -> None:
        self.problems.append(Problem(self.display(rel), line, key, message))


    def check(self, rel: str, model: type[FileModel]) -> Checked:
        if rel in self._refused:  # its problem is reported by scan(): not read
            return Checked(SourceFile(self.root / rel, self.display(rel)), rel)
        source = read_source(self.root / rel, self.display(rel), self.cache)
        item = Checked(source, rel)
        self.problems.extend(source.problems)
        if source.value is None:
            return item
        value = source.value
        if not isinstance(value, dict):
            self.problems.append(source.problem(
                (), "a data file must be a mapping of 'key: value' lines, starting with "
                "'schema_version: 1'"))
            return item
        if not self.version_ok(source, value):
            return item
        try:
            item.model = model.model_validate(value)
        except ValidationError as exc:
            self.problems.extend(problems_from_errors(source, exc.errors(), model))
        # The node tree is only needed to locate problems, and is composed again on demand
        # for the few files that have one: keeping thousands of trees alive until the end
        # doubles the time of a large tree (most of it in the garbage collector).
        source.forget_nodes()
        return item


    def version_ok(self, source: SourceFile, value: dict[Any, Any]) -> bool:
        if "schema_version" not in value:
            self.problems.append(source.problem(
                ("schema_version",), f"schema_version is missing: add 'schema_version: "
                f"{SCHEMA_VERSION}' as the first line"))
            return False
        version = value["schema_version"]
        if isinstance(version, bool) or not isinstance(version, int):
            self.problems.append(source.problem(
                ("schema_version",), f"must be the number {SCHEMA_VERSION}"))
            return False
        if version > SCHEMA_VERSION:
            self.problems.append(source.problem(
                ("schema_version",), f"this file is written for a newer version of the "
                f"generator (schema_version {version}; this one reads {SCHEMA_VERSION}): "
                "update the generator before using this file"))
            return False
        if version < SCHEMA_VERSION:
            self.problems.append(source.problem(
                ("schema_version",), f"schema_version {version} does not exist: write "
                f"{SCHEMA_VERSION}"))
            return False
        if next(iter(value)) != "schema_version":
            self.problems.append(source.problem(
                ("schema_version",), "schema_version must be the first key: move it to "
                "the top of the file"))
        return True


    def cited(self, item: Checked, known: set[str]) -> None:
        """Every source id a record of the file names must be in sources.yaml."""
        for loc, record in sourced_records(item.model, ()):
            for index, ref in enumerate(record.source or ()):
                if ref.startswith(("http://", "https://")) or ref in known:
                    continue
                at = (*loc, "source") if len(record.source or ()) == 1 else (
                    *loc, "source", index)
                self.problems.append(item.source.problem(
                    at, f"source '{ref}' is not in sources.yaml: "
                    + (write_instead(ref, sorted(known)) if known else
                       "add it there (id, title, url), or write the web address itself")))


    def translations(self, item: Checked, languages: tuple[str, ...]) -> None:
        for loc, text in text_fields(item.model, ()):
            if one_text_for_all(loc, text, languages):
                self.problems.append(item.source.problem(
                    loc, f"one text for every language ({', '.join(languages)}): write it "
                    "in each, {" + ", ".join(f"{code}: ..." for code in languages)
                    + "} (only a name stays one text)", severity="warning"))
            missing = text.missing(languages)
            if missing:
                self.problems.append(item.source.problem(
                    loc, f"no {', '.join(missing)} translation: add "
                    + ", ".join(f"{code}: ..." for code in missing)
                    + " (until then the page shows another language)",
                    severity="warning"))


    def dated_name(self, item: Checked, date: PartialDate, what: str) -> None:
        """A dated file's name must be its ``date``: an error at the date otherwise."""
        try:
            named = PartialDate.parse(Path(item.rel).stem)
        except DateFormatError:
            named = None
        if named is None or named.precision != date.precision:
            if (self.root / item.rel).with_name(f"{date}.yaml").is_file():
                # A copy of the file named after this date: renaming it cannot help.
                self.problems.append(item.source.problem(
                    ("date",), f"the file name '{Path(item.rel).name}' must be the {what} "
                    f"date, and {date}.yaml already exists: if this file is a copy of it, "
                    f"write the new {what}'s date here and name the file after it, or "
                    "delete the copy"))
                return
            self.problems.append(item.source.problem(
                ("date",), f"the file name '{Path(item.rel).name}' must be the {what} "
                f"date: rename it to {date}.yaml"))
        elif named != date:
            self.problems.append(item.source.problem(
                ("date",), f"date {date} does not match the file name "
                f"'{Path(item.rel).name}': make them the same (rename the file or fix "
                "the date)"))


    def unique_ids(self, items: list[Checked], what: str, folder: bool = False) -> set[str]:
        """Ids of one kind; an id that does not match its file, or is used twice, is an error."""
        seen: dict[str, Checked] = {}
        for item in items:
            model_id = item.model.id
            parts = item.rel.split("/")
            expected = parts[1] if folder else Path(parts[-1]).stem
            if model_id != expected:
                where = f"folder '{parts[1]}/'" if folder else f"file name '{parts[-1]}'"
                self.problems.append(item.source.problem(
                    ("id",), f"id '{model_id}' does not match the {where}: make them the "
                    "same (rename the " + ("folder" if folder else "file") + " or fix the id)"))
            if model_id in seen:
                other = seen[model_id]
                self.problems.append(item.source.problem(
                    ("id",), f"{what} id '{model_id}' is also used by {other.source.display}: "
                    "each id must be used once"))
                self.problems.append(other.source.problem(
                    ("id",), f"{what} id '{model_id}' is also used by {item.source.display}: "
                    "each id must be used once"))
            else:
                seen[model_id] = item
        return set(seen)


    def known(self, item: Checked, loc: tuple[Any, ...], value: str, ids: set[str],
              what: str, folder: str) -> bool:
        if value in ids:
            return True
        self.problems.append(item.source.problem(
            loc, f"{what} '{value}' does not exist (there is no {folder}{value}): "
            + write_instead(value, sorted(ids))))
        return False


    def known_indicator(self, item: Checked, loc: tuple[Any, ...], code: str,
                        catalogue: Catalogue) -> None:
        if code not in catalogue:
            ids = [i.id for i in catalogue.indicators]
            close = closest(code, ids)
            self.problems.append(item.source.problem(
                loc, f"indicator '{code}' is not in indicators.yaml: "
                + (f"did you mean \"{close}\"? write an indicator id of the catalogue"
                   if close else "write an indicator id of the catalogue, such as "
                   + choices(ids))))
