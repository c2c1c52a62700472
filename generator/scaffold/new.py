"""``python -m generator new``: write a new, valid data file from a template.

Forum secretariats are not programmers: every routine update starts from a file this
module writes, with every field commented in Norwegian and English, the ids, dates and
the full indicator list filled in. It never replaces a file: a new forum, cluster or
assessment gets a file of its own (refused when it exists); a new event or action is
appended as text to the list in the existing file, so its comments and layout stay as
they were. Whatever it writes is validated with the whole tree; when the result would
not be valid, nothing is changed.

Exit codes: 0 written, 1 the file exists or the data has problems, 2 usage errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import ValidationError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator import SCHEMA_VERSION
from generator.base.dates import DateFormatError, PartialDate
from generator.base.files import atomic_write
from generator.base.text import Text, one_line
from generator.data.backing import label_lacks
from generator.data.load import LoadResult, closest, display_root, load_tree
from generator.data.model import Dataset
from generator.data.schema import CODE, SLUG, URL, EventKind, ForumFile, Label, Level, Status
from generator.scaffold.lights import LightsError, read_lights

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2

SCHEMA_FOLDER = "schemas"
"""The JSON Schemas live in ``schemas/`` next to the data folder (the repository layout)."""

LEVELS: tuple[str, ...] = get_args(Level)
EVENT_KINDS: tuple[str, ...] = get_args(EventKind)
STATUSES: tuple[str, ...] = get_args(Status)
TODO = "TODO"
"""Marks a text the command could not know; the secretariat replaces it before committing."""

_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"})


class UsageError(Exception):
    """The command line asks for something impossible (exit 2)."""


class Refused(Exception):
    """The file exists, or the data does not allow the change (exit 1)."""

    def __init__(self, message: str, problems: Sequence[str] = ()):
        super().__init__(message)
        self.problems = list(problems)


# --- YAML text helpers ----------------------------------------------------------------------


def schema_line(rel: str, kind: str) -> str:
    """The editor hint of a data file at ``rel`` (relative to the data folder): a
    ``yaml-language-server`` comment pointing at ``schemas/<kind>.schema.json``."""
    depth = rel.count("/") + 1  # the data folder itself, then each folder inside it
    return f"# yaml-language-server: $schema={'../' * depth}{SCHEMA_FOLDER}/{kind}.schema.json"


def quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _key(code: str) -> str:
    return quote(code) if code.lower() in _YAML_WORDS else code


def text_value(values: dict[str, str]) -> str:
    """A text as YAML: one quoted string, or ``{nb: "...", en: "..."}``."""
    if set(values) == {""}:
        return quote(values[""])
    return "{" + ", ".join(f"{_key(code)}: {quote(value)}" for code, value in values.items()) + "}"


def _one_line(text: str) -> str:
    return one_line(text)


def _comment(*lines: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in lines]


def _both(nb: str, en: str, indent: str = "") -> list[str]:
    """A field comment in both languages."""
    return _comment(f"nb: {nb}", f"en: {en}", indent=indent)


# --- options ---------------------------------------------------------------------------------


def _slug(text: str) -> str:
    if not SLUG.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a valid id: use lower-case letters a-z, digits and single "
            "hyphens, e.g. mineralklynge-norge")
    return text


def _ref(text: str) -> str:
    """A cluster or forum named by its id or its name (``Biotech North``): resolved to the
    id once the data is read (``_resolve``)."""
    text = " ".join(text.split())
    if not text:
        raise argparse.ArgumentTypeError("is empty: write the id, e.g. mineralklynge-norge")
    return text


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except DateFormatError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _codes(text: str) -> list[str]:
    codes = [c for c in text.replace(",", " ").split() if c]
    for code in codes:
        if not CODE.fullmatch(code):
            raise argparse.ArgumentTypeError(
                f"'{code}' is not a valid indicator id: write it like 1.1.0 or 4.6.1")
    return codes


def _url(text: str) -> str:
    if not URL.match(text) or any(c in text for c in '<>"`'):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a web address: write a full address starting with https://")
    return text


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' must be a whole number, 0 or more")
    return int(text)


def _joint(text: str) -> str:
    forum, _, action = text.partition("/")
    if not (SLUG.fullmatch(forum) and SLUG.fullmatch(action)):
        raise argparse.ArgumentTypeError(
            f"'{text}' does not name a joint action: write <forum-id>/<action-id>, "
            "e.g. nordland/branding")
    return text


def _text_options(parser: argparse.ArgumentParser, name: str, what: str) -> None:
    parser.add_argument(f"--{name}", metavar="TEXT",
                        help=f"{what}, the same in every language")
    for code, language in (("nb", "Norwegian Bokmål"), ("en", "English")):
        parser.add_argument(f"--{name}-{code}", metavar="TEXT", help=f"{what} in {language}")


def _text_from(args: argparse.Namespace, name: str) -> dict[str, str] | None:
    attr = name.replace("-", "_")
    same = getattr(args, attr, None)
    given = {code: getattr(args, f"{attr}_{code}", None) for code in ("nb", "en")}
    by_language = {code: _one_line(str(v)) for code, v in given.items() if v}
    if same and by_language:
        raise UsageError(f"give either --{name} or --{name}-nb/--{name}-en, not both")
    if same:
        return {"": _one_line(same)}
    return by_language or None


def _required_text(args: argparse.Namespace, name: str) -> dict[str, str]:
    value = _text_from(args, name)
    if value is None:
        raise UsageError(f"--{name}-nb and --{name}-en (or --{name}) are required")
    return value


def _placeholder(languages: Sequence[str], what: str) -> dict[str, str]:
    return {code: f"{TODO}: {what} ({code})" for code in languages}


def add_new_command(commands: Any) -> None:
    """Add ``new`` and its kinds to the command line's subcommands."""
    new = commands.add_parser(
        "new", help="write a new data file (or add an event or action) from a template",
        description="Write a new, valid data file from a template with every field commented "
        "in Norwegian and English, or add an event or action to an existing file. Never "
        "replaces a file. Prints the path written. Exit 0 written, 1 when the file exists or "
        "the data has problems, 2 for usage errors.")
    kinds = new.add_subparsers(dest="what", metavar="KIND")
    new.set_defaults(run=lambda args: _usage(new))

    forum = kinds.add_parser("forum", help="a new forum: forums/ID.yaml",
                             description="Write forums/ID.yaml for a new forum.")
    forum.add_argument("--id", type=_slug, required=True, help="the forum's id, e.g. nordland")
    _text_options(forum, "name", "the forum's name")
    forum.add_argument("--established", type=_date, metavar="DATE",
                       help="when it was set up: YYYY, YYYY-MM or YYYY-MM-DD (default: this year)")
    forum.set_defaults(run=_run(new_forum))

    cluster = kinds.add_parser("cluster", help="a new cluster: clusters/ID/cluster.yaml",
                               description="Write clusters/ID/cluster.yaml for a new cluster "
                               "and, with --forum, add it to that forum's members.")
    cluster.add_argument("--id", type=_slug, required=True,
                         help="the cluster's id, e.g. mineralklynge-norge")
    _text_options(cluster, "name", "the cluster's name")
    _text_options(cluster, "sector", "its sector")
    cluster.add_argument("--forum", type=_ref, help="add the cluster to this forum's members")
    cluster.add_argument("--joined", type=_date, metavar="DATE",
                         help="with --forum: when it joined (default: today)")
    cluster.set_defaults(run=_run(new_cluster))

    assessment = kinds.add_parser(
        "assessment", help="a new benchmarking: clusters/ID/assessments/DATE.yaml",
        description="Write clusters/ID/assessments/DATE.yaml with every indicator of the "
        "catalogue listed as n/a (not assessed), to be filled in.")
    assessment.add_argument("--cluster", type=_ref, required=True, help="the cluster's id")
    assessment.add_argument("--date", type=_date, metavar="DATE",
                            help="when the benchmarking was made, as precisely as its source "
                            "gives it: YYYY-MM-DD, YYYY-MM or YYYY (default: today)")
    assessment.add_argument("--kind", choices=LEVELS, default="bronze",
                            help="bronze, silver or gold (default: bronze)")
    assessment.add_argument("--lights", type=Path, metavar="FILE",
                            help="fill in the lights from a .csv or .xlsx spreadsheet with the "
                            "columns indicator and light (or indikator and lys); see "
                            "'python -m generator lights-sheet' for a template")
    assessment.set_defaults(run=_run(new_assessment))

    event = kinds.add_parser(
        "event", help="add an event to a forum or cluster",
        description="Add an event at the end of the events of forums/ID.yaml (--forum) or "
        "clusters/ID/cluster.yaml (--cluster). The rest of the file is kept as it is.")
    where = event.add_mutually_exclusive_group(required=True)
    where.add_argument("--forum", type=_ref, help="the forum's id")
    where.add_argument("--cluster", type=_ref, help="the cluster's id")
    event.add_argument("--date", type=_date, required=True, metavar="DATE",
                       help="YYYY-MM-DD, YYYY-MM or YYYY")
    event.add_argument("--kind", choices=EVENT_KINDS, required=True, help="what kind of event")
    _text_options(event, "title", "the title")
    event.add_argument("--place", metavar="TEXT", help="where (optional)")
    _text_options(event, "description", "a description (optional)")
    event.set_defaults(run=_run(new_event))

    action = kinds.add_parser(
        "action", help="add an improvement action (cluster plan) or a joint action (forum)",
        description="With --cluster, add an action to clusters/ID/plan.yaml (written when "
        "missing). With --forum, add a joint action to forums/ID.yaml.")
    owner = action.add_mutually_exclusive_group(required=True)
    owner.add_argument("--cluster", type=_ref, help="the cluster whose plan gets the action")
    owner.add_argument("--forum", type=_ref, help="the forum that gets the joint action")
    action.add_argument("--id", type=_slug, required=True, help="the action's id, e.g. branding")
    _text_options(action, "title", "the title")
    action.add_argument("--indicators", type=_codes, default=[], metavar="IDS",
                        help="the indicators it improves, e.g. \"4.6.1, 4.6.2\"")
    action.add_argument("--status", choices=STATUSES, default="planned",
                        help="planned, in-progress, done or dropped (default: planned)")
    action.add_argument("--due", type=_date, metavar="DATE", help="deadline (optional)")
    action.add_argument("--started", type=_date, metavar="DATE",
                        help="with --forum: when it started (optional)")
    action.add_argument("--joint", type=_joint, metavar="FORUM/ACTION",
                        help="with --cluster: the forum joint action it belongs to (optional)")
    action.set_defaults(run=_run(new_action))

    label = kinds.add_parser(
        "label", help="add a label to a cluster",
        description="Add a label at the end of the labels of clusters/ID/cluster.yaml. The "
        "rest of the file is kept as it is.")
    label.add_argument("--cluster", type=_ref, required=True, help="the cluster's id")
    label.add_argument("--level", choices=LEVELS, required=True, help="bronze, silver or gold")
    label.add_argument("--awarded", type=_date, required=True, metavar="DATE",
                       help="when it was awarded: YYYY-MM-DD, YYYY-MM or YYYY")
    label.add_argument("--valid-until", type=_date, metavar="DATE",
                       help="only when the label says so (default: from rules.yaml)")
    label.add_argument("--source", type=_url, metavar="URL",
                       help="where the label is announced, https://... (a label the record "
                       "does not back needs it, or --certainty)")
    label.add_argument("--certainty", choices=("inferred", "example"),
                       help="for a label no source states: inferred (concluded from what the "
                       "sources say; the pages mark it) or example")
    label.set_defaults(run=_run(new_label))

    stress = kinds.add_parser(
        "stress-test", help="a new S3 stress test: stress-tests/FORUM/DATE.yaml",
        description="Write stress-tests/FORUM/DATE.yaml with every dimension and group of "
        "stress-test.yaml listed in comments, to be filled in.")
    stress.add_argument("--forum", type=_ref, required=True, help="the forum's id")
    stress.add_argument("--date", type=_date, metavar="DATE",
                        help="when the test was made, as precisely as its source gives it: "
                            "YYYY-MM-DD, YYYY-MM or YYYY (default: today)")
    stress.set_defaults(run=_run(new_stress_test))

    actors = kinds.add_parser(
        "actor-map", help="a new map of the innovation system: actor-maps/FORUM/DATE.yaml",
        description="Write actor-maps/FORUM/DATE.yaml with the forum's member clusters "
        "named in comments, to be filled in with actors and their links.")
    actors.add_argument("--forum", type=_ref, required=True, help="the forum's id")
    actors.add_argument("--date", type=_date, metavar="DATE",
                        help="when the map was made, as precisely as its source gives it: "
                            "YYYY-MM-DD, YYYY-MM or YYYY (default: today)")
    actors.set_defaults(run=_run(new_actor_map))

    survey = kinds.add_parser(
        "survey", help="a new survey of cluster managers: surveys/ID.yaml",
        description="Write surveys/ID.yaml with an example question in comments.")
    survey.add_argument("--id", type=_slug, required=True,
                        help="the survey's id, e.g. klyngeledere-2017")
    _text_options(survey, "title", "the survey's title")
    survey.add_argument("--date", type=_date, metavar="DATE",
                        help="when it was made: YYYY, YYYY-MM or YYYY-MM-DD (default: today)")
    survey.add_argument("--answered", type=_count, required=True, metavar="N",
                        help="how many answered")
    survey.add_argument("--invited", type=_count, metavar="N", help="how many were asked")
    survey.add_argument("--forum", type=_ref, action="append", default=[],
                        help="a forum it was presented to (may be given several times)")
    survey.set_defaults(run=_run(new_survey))

    for parser in (forum, cluster, assessment, event, action, label, stress, actors,
                   survey):
        parser.add_argument("--data", type=Path, default=Path("data"), metavar="DIR",
                            help="the data tree (default: data)")


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return EXIT_USAGE


def _run(make: Callable[[argparse.Namespace, Dataset, Path], Written]
         ) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        try:
            dataset = _valid_dataset(args.data)
            _resolve(args, dataset)
            written = make(args, dataset, args.data)
        except UsageError as exc:
            print(f"new {args.what}: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except Refused as exc:
            for line in exc.problems:
                print(line, file=sys.stderr)
            print(f"new {args.what}: {exc}", file=sys.stderr)
            return EXIT_DATA
        print(written.display)
        for line in written.warnings:
            print(line, file=sys.stderr)
        print(written.next_step, file=sys.stderr)
        return EXIT_OK
    return run


def _resolve(args: argparse.Namespace, dataset: Dataset) -> None:
    """Every --cluster and --forum given by name (in any site language, any case) is
    turned into its id, said in a note; a name or id that matches nothing is left for the
    command to refuse with its suggestions."""
    for option, records in (("cluster", dataset.clusters), ("forum", dataset.forums)):
        given = getattr(args, option, None)
        for value in given if isinstance(given, list) else [given]:
            if value is None or value in records:
                continue
            wanted = value.casefold()
            found = sorted({record.id for record in records.values()
                            if wanted in {text.casefold() for text in _names(record.name)}})
            if len(found) == 1:
                print(f"note: '{value}' is the {option} {found[0]}", file=sys.stderr)
                if isinstance(given, list):
                    given[given.index(value)] = found[0]
                else:
                    setattr(args, option, found[0])
                continue
            by_name = {text.casefold(): (record.id, text) for record in records.values()
                       for text in _names(record.name)}
            close = closest(wanted, list(by_name))
            if close is not None:  # a name with a typo: say its id
                found_id, name = by_name[close]
                raise Refused(f"{option} '{value}' does not exist: did you mean "
                              f"'{found_id}' ({name})? Give the id or the name as the site "
                              "writes it")


def _names(name: Text) -> set[str]:
    """A record's name in every language it is written in."""
    return {name.same} if name.same is not None else {text for _code, text in name.by_language}


def _valid_dataset(data_dir: Path) -> Dataset:
    result = load_tree(data_dir)
    if result.dataset is None:
        raise Refused("the data tree has errors (listed above): fix them first, then run "
                      "this command again; nothing was written",
                      [p.format() for p in result.problems])
    return result.dataset


# --- writing ---------------------------------------------------------------------------------


@dataclass
class Written:
    """What a ``new`` command wrote."""

    path: Path
    display: str
    next_step: str
    warnings: tuple[str, ...] = ()


def _display(data_dir: Path, rel: str) -> str:
    prefix = display_root(data_dir)
    return rel if prefix in ("", ".") else f"{prefix}/{rel}"


def _no_link_on_the_way(data_dir: Path, rel: str) -> None:
    """Refuse to write ``rel`` when a link stands anywhere on its way below ``data_dir``
    (a cluster folder that is a link would take the file outside the data), or when it
    or a folder on its way is not a regular file or folder."""
    here = data_dir
    for part in rel.split("/"):
        here = here / part
        try:
            mode = os.lstat(here).st_mode
        except FileNotFoundError:
            return  # made by this command: a folder or the new file itself
        if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            raise Refused(f"{_display(data_dir, here.relative_to(data_dir).as_posix())} is "
                          "a link or a special file, where the data holds only files and "
                          "folders: nothing is written through it; put the folder or file "
                          "itself there (or remove it), then run the command again")


def _write_new(data_dir: Path, rel: str, text: str, next_step: str) -> Written:
    """Create a file that must not exist yet, then validate the tree; undo on problems."""
    path = data_dir / rel
    display = _display(data_dir, rel)
    _no_link_on_the_way(data_dir, rel)
    if path.exists():
        raise Refused(f"{display} already exists: edit that file instead (this command never "
                      "replaces a file)")
    created = [p for p in reversed(path.parents) if not p.exists()]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as out:
        out.write(text)
    try:
        result = _checked(data_dir)
    except BaseException:
        path.unlink(missing_ok=True)
        for folder in reversed(created):
            if folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
        raise
    return Written(path, display, next_step, _warnings(result))


def _change(data_dir: Path, rel: str, change: Callable[[str], str], next_step: str) -> Written:
    """Change an existing file's text, then validate the tree; put it back on problems."""
    path = data_dir / rel
    _no_link_on_the_way(data_dir, rel)
    raw = path.read_bytes()
    old = raw.decode("utf-8-sig")
    bom = raw.startswith(b"\xef\xbb\xbf")
    crlf = "\r\n" in old
    text = change(old.replace("\r\n", "\n"))
    if crlf:
        text = text.replace("\n", "\r\n")
    atomic_write(path, (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    try:
        result = _checked(data_dir)
    except BaseException:
        atomic_write(path, raw)
        raise
    return Written(path, _display(data_dir, rel), next_step, _warnings(result))


def _checked(data_dir: Path) -> LoadResult:
    result = load_tree(data_dir)
    if result.dataset is None:
        raise Refused("the change would make the data invalid (see above), so nothing was "
                      "changed", [p.format() for p in result.problems])
    return result


def _warnings(result: LoadResult) -> tuple[str, ...]:
    return tuple(p.format() for p in result.warnings)


# --- appending to a list in a YAML file, as text --------------------------------------------


def append_to_list(text: str, key: str, item: dict[str, str]) -> str:
    """``text`` with ``item`` (key → YAML value text) added at the end of the top-level list
    ``key``; the list is added at the end of the file when there is none. Everything else,
    comments included, stays as it was."""
    root = yaml.compose(text, Loader=_loader())
    if not isinstance(root, MappingNode):
        raise Refused("the file is not a mapping of 'key: value' lines")
    found = next(((k, v) for k, v in root.value
                  if isinstance(k, ScalarNode) and k.value == key), None)
    if found is None:
        body = text if text.endswith("\n") or not text else text + "\n"
        return body + f"{key}:\n" + _block_item(item, 2, 4)
    key_node, value = found
    if isinstance(value, SequenceNode) and value.flow_style and value.value:
        close = value.end_mark.index - 1  # the ']'
        return text[:close].rstrip(" ") + ", " + _flow_item(item) + text[close:]
    if isinstance(value, SequenceNode) and value.value:
        dash = value.start_mark.column
        content = max(value.value[0].start_mark.column, dash + 2)
        at = _after_line(text, _last_mark(value))
        return text[:at] + _block_item(item, dash, content) + text[at:]
    empty_flow = isinstance(value, SequenceNode) and value.flow_style
    null = isinstance(value, ScalarNode) and value.tag == _NULL and value.value in _NULL_WORDS
    if not (empty_flow or null):
        raise Refused(f"'{key}' in this file is not a list: write it as a list first")
    if empty_flow or value.value:  # [], ~ or null: take it away, keep a comment after it
        text = text[:value.start_mark.index].rstrip(" ") + text[value.end_mark.index:]
    at = _after_line(text, key_node.end_mark.index)
    if at == len(text) and not text.endswith("\n"):
        text += "\n"
        at += 1
    indent = key_node.start_mark.column + 2
    return text[:at] + _block_item(item, indent, indent + 2) + text[at:]


_NULL = "tag:yaml.org,2002:null"
_NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})


def _loader() -> type:
    try:
        from yaml import CSafeLoader
        return CSafeLoader
    except ImportError:  # pragma: no cover
        return yaml.SafeLoader


def _last_mark(node: Node) -> Any:
    """The end of the last piece of content of a node (not of the comments after it)."""
    while True:
        if isinstance(node, MappingNode) and node.value and not node.flow_style:
            node = node.value[-1][1]
        elif isinstance(node, SequenceNode) and node.value and not node.flow_style:
            node = node.value[-1]
        else:
            return node.end_mark


def _after_line(text: str, mark: Any) -> int:
    """The index just after the line ``mark`` ends on."""
    index = mark if isinstance(mark, int) else mark.index
    if not isinstance(mark, int) and mark.column == 0 and index > 0 and text[index - 1] == "\n":
        return index  # a block scalar ends at the start of the next line
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _block_item(item: dict[str, str], dash: int, content: int) -> str:
    lines = []
    for i, (name, value) in enumerate(item.items()):
        lead = " " * dash + "- " + " " * (content - dash - 2) if i == 0 else " " * content
        lines.append(f"{lead}{name}: {value}")
    return "\n".join(lines) + "\n"


def _flow_item(item: dict[str, str]) -> str:
    return "{" + ", ".join(f"{name}: {value}" for name, value in item.items()) + "}"


# --- the kinds -------------------------------------------------------------------------------


def _header(kind: str, rel: str, nb: Iterable[str], en: Iterable[str]) -> list[str]:
    return [
        schema_line(rel, kind),
        f"schema_version: {SCHEMA_VERSION}",
        *_comment(*(f"nb: {line}" for line in nb)),
        *_comment(*(f"en: {line}" for line in en)),
        "",
    ]


def _today() -> dt.date:
    return dt.date.today()


def _name_in(text: Text, languages: Sequence[str]) -> str:
    names = []
    for code in languages:
        name = _one_line(text.get(code, languages))
        if name not in names:
            names.append(name)
    return " / ".join(names)


def new_assessment(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """clusters/<id>/assessments/<date>.yaml with every indicator of the catalogue as n/a."""
    cluster = dataset.clusters.get(args.cluster)
    if cluster is None:
        raise Refused(_no_such("cluster", args.cluster, dataset.clusters, "clusters/"))
    date = args.date or PartialDate.from_date(_today())
    rel = f"{cluster.source_dir}/assessments/{date.isoformat()}.yaml"
    filled: dict[str, str] = {}
    if getattr(args, "lights", None) is not None:
        if not args.lights.is_file():
            raise UsageError(f"--lights {args.lights}: there is no such file")
        try:
            filled = read_lights(args.lights, dataset.catalogue)
        except LightsError as exc:
            raise Refused(f"the lights in {args.lights} cannot be used (see above): correct "
                          "those rows and run the command again; nothing was written",
                          exc.problems) from None
    languages = dataset.languages
    name = _name_in(cluster.name, languages)
    groups = ", ".join(dataset.peer_groups) or "(none yet)"
    width = max((len(quote(i.id)) for i in dataset.catalogue.indicators), default=0) + 1
    lines = _header("assessment", rel, [
        f"Benchmarking av {name}. Skrevet av «python -m generator new assessment».",
        "Fyll inn lyset for hver indikator, kjør «python -m generator validate», og send inn.",
    ], [
        f"Benchmarking of {name}. Written by \"python -m generator new assessment\".",
        "Fill in the light of each indicator, run \"python -m generator validate\", commit.",
    ])
    lines += _both("Datoen for benchmarkingen, ÅÅÅÅ-MM-DD: den samme som filnavnet.",
                   "The day of the benchmarking, YYYY-MM-DD: the same as the file name.")
    lines.append(f"date: {date.isoformat()}")
    lines += _both("Slags benchmarking: bronze | silver | gold.",
                   "Kind of benchmarking: bronze | silver | gold.")
    lines.append(f"kind: {args.kind}")
    lines += _both("Hvem som gjorde benchmarkingen (valgfritt). Legg til name: for en person.",
                   "Who carried out the benchmarking (optional). Add name: for a person.")
    lines.append("assessor: {organisation: ESCA}")
    lines += _both(f"Referansegrupper resultatene sammenlignes med (valgfritt): {groups}.",
                   f"Peer groups the results are compared with (optional): {groups}.")
    lines.append("peer_groups: []")
    lines += _both("true hvis lysene er eksempler, ikke virkelige resultater (valgfritt).",
                   "true when the lights are examples, not real results (optional).")
    lines.append("illustrative: false")
    lines += _both("Poengsum i prosent, 0–100 (valgfritt, for gull): fjern # foran linjen.",
                   "Score in percent, 0–100 (optional, for gold): remove the # before the line.")
    lines.append("# score_percent: 80")
    lines += _both("Kvalitetslyset for hver indikator: green | yellow | red | n/a (ikke "
                   "vurdert).",
                   "The quality light of each indicator: green | yellow | red | n/a (not "
                   "assessed).")
    lines += _both("Lysene vises bare når klyngen har publish_indicators: true i cluster.yaml.",
                   "The lights are shown only when the cluster has publish_indicators: true.")
    lines.append("lights:")
    for area in dataset.catalogue.areas:
        lines.append(f"  # {area.id} {_name_in(area.name, languages)}")
        for indicator in dataset.catalogue.in_area(area.id):
            key = f"{quote(indicator.id)}:".ljust(width)
            light = filled.get(indicator.id, "n/a").ljust(7 if filled else 6)
            lines.append(f"  {key} {light}# {_name_in(indicator.name, languages)}")
    lines += _both("Forbedringer dokumentert siden forrige benchmarking (valgfritt), f.eks.:",
                   "Improvements documented since the previous benchmarking (optional), e.g.:")
    first = dataset.catalogue.indicators[0].id if dataset.catalogue.indicators else "1"
    lines += _comment("improvements:", f"  - indicator: {quote(first)}",
                      '    text: {nb: "...", en: "..."}')
    lines.append("improvements: []")
    if filled:
        assessed = sum(1 for light in filled.values() if light != "n/a")
        step = (f"next: {assessed} of {len(dataset.catalogue.indicators)} lights filled in "
                f"from {args.lights}; check assessor, score_percent and improvements, then "
                "run: python -m generator validate")
    else:
        step = ("next: replace n/a by green, yellow or red for each indicator assessed, "
                "then run: python -m generator validate")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n", step)


def new_cluster(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """clusters/<id>/cluster.yaml, and with --forum the cluster as a member of that forum."""
    name = _required_text(args, "name")
    folder = data_dir / "clusters" / args.id
    rel = f"clusters/{args.id}/cluster.yaml"
    if folder.exists() or args.id in dataset.clusters:
        raise Refused(f"{_display(data_dir, f'clusters/{args.id}')} already exists: edit "
                      f"{_display(data_dir, rel)} instead (this command never replaces a file)")
    if args.forum is not None and args.forum not in dataset.forums:
        raise Refused(_no_such("forum", args.forum, dataset.forums, "forums/"))
    if args.joined is not None and args.forum is None:
        raise UsageError("--joined goes with --forum")
    languages = dataset.languages
    sector = _text_from(args, "sector") or _placeholder(languages, "sector")
    shown = _one_line(name.get("") or next(iter(name.values())))
    lines = _header("cluster", rel, [
        f"Klyngen {shown}. Skrevet av «python -m generator new cluster».",
        f"Bytt ut hver tekst som begynner med {TODO}, kjør «python -m generator validate».",
    ], [
        f"The cluster {shown}. Written by \"python -m generator new cluster\".",
        f"Replace every text starting with {TODO}, run \"python -m generator validate\".",
    ])
    lines += _both("Klyngens id: den samme som mappenavnet.",
                   "The cluster's id: the same as its folder's name.")
    lines.append(f"id: {args.id}")
    lines += _both("Navnet, likt på alle språk eller {nb: ..., en: ...}.",
                   "The name, the same in every language or {nb: ..., en: ...}.")
    lines.append(f"name: {text_value(name)}")
    lines += _both("Tidligere navn (valgfritt), f.eks. [Gammelt navn].",
                   "Former names (optional), e.g. [Old name].")
    lines.append("former_names: []")
    lines += _both("Bransje eller næring.", "Sector or industry.")
    lines.append(f"sector: {text_value(sector)}")
    lines += _both("Nettsted (valgfritt): fjern # og skriv hele adressen med https://.",
                   "Website (optional): remove the # and write the full address with https://.")
    lines.append("# website: https://example.org")
    lines += _both("Antall medlemmer (valgfritt): fjern # og skriv tallet.",
                   "Number of members (optional): remove the # and write the number.")
    lines.append("# members_count: 30")
    lines += _both("Nasjonalt klyngeprogram (valgfritt): level er arena | arena-pro | nce | gce.",
                   "National cluster programme (optional): level is arena | arena-pro | nce | "
                   "gce.")
    lines += _comment("programme:", "  - level: arena", "    from: 2016-06",
                      "    to: 2019-06")
    lines.append("programme: []")
    lines += _both("Samtykke: true publiserer kvalitetslysene. Bare med klyngens skriftlige ja.",
                   "Consent: true publishes the quality lights. Only with the cluster's written "
                   "yes.")
    lines.append("publish_indicators: false")
    lines += _both("Sertifiseringer: level er bronze | silver | gold; awarded er datoen.",
                   "Labels: level is bronze | silver | gold; awarded is the date.")
    lines += _comment("labels:", "  - level: bronze", "    awarded: 2016-09",
                      "    source: https://example.org/report.pdf")
    lines.append("labels: []")
    lines += _both("Hendelser: legg til med «python -m generator new event --cluster "
                   f"{args.id} ...».",
                   f"Events: add with \"python -m generator new event --cluster {args.id} ...\".")
    lines.append("events: []")
    step = "next: replace every TODO, then run: python -m generator validate"
    written = _write_new(data_dir, rel, "\n".join(lines) + "\n", step)
    if args.forum is None:
        return written
    joined = args.joined or PartialDate.from_date(_today())
    forum_rel = dataset.files[f"forum:{args.forum}"]
    try:
        _change(data_dir, forum_rel, lambda text: append_to_list(
            text, "members", {"cluster": args.id, "joined": joined.isoformat()}), step)
    except BaseException:
        written.path.unlink(missing_ok=True)
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise
    return Written(written.path, written.display + "\n" + _display(data_dir, forum_rel), step,
                   written.warnings)


def new_forum(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """forums/<id>.yaml."""
    name = _required_text(args, "name")
    rel = f"forums/{args.id}.yaml"
    if args.id in dataset.forums:
        raise Refused(f"forum '{args.id}' already exists in "
                      f"{_display(data_dir, dataset.files[f'forum:{args.id}'])}")
    languages = dataset.languages
    established = args.established or PartialDate(_today().year)
    shown = _one_line(name.get("") or next(iter(name.values())))
    lines = _header("forum", rel, [
        f"Forumet {shown}. Skrevet av «python -m generator new forum».",
        f"Bytt ut hver tekst som begynner med {TODO}, kjør «python -m generator validate».",
    ], [
        f"The forum {shown}. Written by \"python -m generator new forum\".",
        f"Replace every text starting with {TODO}, run \"python -m generator validate\".",
    ])
    lines += _both("Forumets id: den samme som filnavnet.",
                   "The forum's id: the same as the file name.")
    lines.append(f"id: {args.id}")
    lines += _both("Navnet, likt på alle språk eller {nb: ..., en: ...}.",
                   "The name, the same in every language or {nb: ..., en: ...}.")
    lines.append(f"name: {text_value(name)}")
    lines += _both("Regionen forumet dekker.", "The region the forum covers.")
    lines.append(f"region: {text_value(_placeholder(languages, 'region'))}")
    lines += _both("Når forumet ble opprettet: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
                   "When the forum was set up: YYYY, YYYY-MM or YYYY-MM-DD.")
    lines.append(f"established: {established.isoformat()}")
    lines += _both("Hva forumet er og gjør, et kort avsnitt.",
                   "What the forum is and does, a short paragraph.")
    lines.append(f"description: {text_value(_placeholder(languages, 'description'))}")
    lines += _both("Hvor ofte det møtes (valgfritt): fjern # foran linjen.",
                   "How often it meets (optional): remove the # before the line.")
    lines.append('# meets: {nb: "2–3 ganger i året", en: "2–3 times a year"}')
    lines += _both(f"Referansegrupper for porteføljen (valgfritt): "
                   f"{', '.join(dataset.peer_groups) or '(ingen ennå)'}.",
                   f"Peer groups for the portfolio (optional): "
                   f"{', '.join(dataset.peer_groups) or '(none yet)'}.")
    lines.append("peer_groups: []")
    lines += _both("Medlemsklynger: cluster er klyngens id, joined når den ble med, left "
                   "(valgfritt) når den gikk ut.",
                   "Member clusters: cluster is the cluster's id, joined when it joined, left "
                   "(optional) when it left.")
    lines += _comment("members:", "  - cluster: mineralklynge-norge", "    joined: 2016")
    lines.append("members: []")
    lines += _both(f"Hendelser: legg til med «python -m generator new event --forum {args.id} "
                   "...».",
                   f"Events: add with \"python -m generator new event --forum {args.id} ...\".")
    lines.append("events: []")
    lines += _both(f"Felles tiltak: legg til med «python -m generator new action --forum "
                   f"{args.id} ...».",
                   f"Joint actions: add with \"python -m generator new action --forum {args.id} "
                   "...\".")
    lines.append("joint_actions: []")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n",
                      "next: replace every TODO, then run: python -m generator validate")


def new_event(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """An event added at the end of a forum's or a cluster's events."""
    title = _required_text(args, "title")
    rel = _owner_file(args, dataset)
    item = {"date": args.date.isoformat(), "kind": args.kind, "title": text_value(title)}
    if args.place:
        item["place"] = quote(_one_line(args.place))
    description = _text_from(args, "description")
    if description:
        item["description"] = text_value(description)
    return _change(data_dir, rel, lambda text: append_to_list(text, "events", item),
                   "next: check the event in the file, then run: python -m generator validate")


def new_action(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """An action added to a cluster's plan.yaml (written when missing) or a forum's joint
    actions."""
    title = _required_text(args, "title")
    item = {"id": args.id, "title": text_value(title),
            "indicators": "[" + ", ".join(quote(c) for c in args.indicators) + "]",
            "status": args.status}
    if args.forum is not None:
        if args.joint is not None:
            raise UsageError("--joint goes with --cluster (a plan action that is part of a "
                             "joint action)")
        rel = _owner_file(args, dataset)
        if args.started is not None:
            item["started"] = args.started.isoformat()
        if args.due is not None:
            item["due"] = args.due.isoformat()
        return _change(data_dir, rel, lambda text: append_to_list(text, "joint_actions", item),
                       "next: run: python -m generator validate")
    if args.started is not None:
        raise UsageError("--started goes with --forum (plan actions have no start date)")
    cluster = dataset.clusters.get(args.cluster)
    if cluster is None:
        raise Refused(_no_such("cluster", args.cluster, dataset.clusters, "clusters/"))
    if args.due is not None:
        item["due"] = args.due.isoformat()
    if args.joint is not None:
        item["joint"] = args.joint
    rel = f"{cluster.source_dir}/plan.yaml"
    step = "next: run: python -m generator validate"
    if (data_dir / rel).is_file():
        return _change(data_dir, rel, lambda text: append_to_list(text, "actions", item), step)
    name = _name_in(cluster.name, dataset.languages)
    lines = _header("plan", rel, [
        f"Forbedringsplanen til {name}: ett tiltak per punkt under actions.",
        "Legg til flere med «python -m generator new action --cluster "
        f"{cluster.id} ...».",
    ], [
        f"The improvement plan of {name}: one action per item under actions.",
        f"Add more with \"python -m generator new action --cluster {cluster.id} ...\".",
    ])
    lines += _both("Hvert tiltak: id (små bokstaver, sifre og bindestrek), title,",
                   "Each action: id (lower-case letters, digits and hyphens), title,")
    lines += _both("indicators (indikatorene det skal forbedre, f.eks. [\"4.6.1\"]),",
                   "indicators (the indicators it improves, e.g. [\"4.6.1\"]),")
    lines += _both("status: planned | in-progress | done | dropped, due (valgfritt, frist),",
                   "status: planned | in-progress | done | dropped, due (optional, deadline),")
    lines += _both("joint (valgfritt): forumets felles tiltak, <forum-id>/<tiltak-id>.",
                   "joint (optional): the forum's joint action, <forum-id>/<action-id>.")
    text = "\n".join(lines) + "\n" + "actions:\n" + _block_item(item, 2, 4)
    return _write_new(data_dir, rel, text, step)


def new_label(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """A label added at the end of a cluster's labels."""
    cluster = dataset.clusters.get(args.cluster)
    if cluster is None:
        raise Refused(_no_such("cluster", args.cluster, dataset.clusters, "clusters/"))
    item = {"level": args.level, "awarded": args.awarded.isoformat()}
    if args.valid_until is not None:
        item["valid_until"] = args.valid_until.isoformat()
    if args.source is not None:
        item["source"] = args.source
    if args.certainty is not None:
        item["certainty"] = args.certainty
    # as the loader checks it: backed by a source of its own, or published as inferred or
    # example (its own certainty or the one it inherits from the cluster's file)
    try:
        label = Label(level=args.level, awarded=args.awarded, valid_until=args.valid_until,
                      source=(args.source,) if args.source else None,
                      certainty=args.certainty or cluster.certainty)
    except ValidationError:
        lacks: list[str] = []  # the validation of the result names what is wrong, located
    else:
        lacks = label_lacks(label, cluster.assessments, dataset.rules)
    if lacks:  # never published as confirmed on a record that does not bear it out
        raise Refused(
            f"this {args.level} label is not backed by the record of {cluster.id}, and "
            "nothing was written. The record lacks:\n" + "\n".join(f"  - {item}" for item in lacks)
            + "\nAdd what is missing first (python -m generator new assessment ...), or give "
            "the address of the public page that announces the label (--source URL), or "
            "publish it as concluded from what the sources say (--certainty inferred)")
    rel = f"{cluster.source_dir}/cluster.yaml"
    return _change(data_dir, rel, lambda text: append_to_list(text, "labels", item),
                   "next: add an event of kind label if you like (python -m generator new "
                   f"event --cluster {cluster.id} --kind label ...), then run: python -m "
                   "generator validate")
def _forum_for(args: argparse.Namespace, dataset: Dataset) -> ForumFile:
    forum = dataset.forums.get(args.forum)
    if forum is None:
        raise Refused(_no_such("forum", args.forum, dataset.forums, "forums/"))
    return forum


def new_stress_test(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """stress-tests/<forum>/<date>.yaml with every dimension and group in comments."""
    forum = _forum_for(args, dataset)
    catalogue = dataset.stress_catalogue
    if catalogue is None:
        raise Refused("there is no stress-test.yaml: add the stress test's catalogue (scale, "
                      "groups, directions, dimensions) at the top of the data folder first")
    date = args.date or PartialDate.from_date(_today())
    rel = f"stress-tests/{forum.id}/{date.isoformat()}.yaml"
    languages = dataset.languages
    name = _name_in(forum.name, languages)
    low, high = f"{catalogue.scale.min:g}", f"{catalogue.scale.max:g}"
    lines = _header("stress-test", rel, [
        f"S3-stresstest for regionen til {name}. Skrevet av «python -m generator new "
        "stress-test».",
        "Fjern # foran hver dimensjon som ble målt, skriv poengene, kjør «python -m "
        "generator validate».",
    ], [
        f"S3 stress test of the region of {name}. Written by \"python -m generator new "
        "stress-test\".",
        "Remove the # before each dimension scored, write the scores, run \"python -m "
        "generator validate\".",
    ])
    lines += _both("Datoen for testen, ÅÅÅÅ-MM-DD: den samme som filnavnet.",
                   "The day of the test, YYYY-MM-DD: the same as the file name.")
    lines.append(f"date: {date.isoformat()}")
    lines += _both("true hvis poengene er eksempler, ikke publiserte resultater.",
                   "true when the scores are examples, not published results.")
    lines.append("illustrative: false")
    lines += _both("Hvor mange som svarte, per gruppe (valgfritt).",
                   "How many answered, per group (optional).")
    lines.append("respondents:")
    for group in catalogue.groups:
        lines.append(f"  # {group.id}: 0   # {_name_in(group.name, languages)}")
    lines += _both(f"Regionens poeng og frontløpernes per dimensjon, fra {low} til {high}; en "
                   "dimensjon som er utelatt, vises som ikke målt.",
                   f"The region's score and the frontrunners' per dimension, from {low} to "
                   f"{high}; a dimension left out is shown as not scored.")
    lines.append("scores:")
    for direction in catalogue.directions:
        lines.append(f"  # {_name_in(direction.name, languages)}")
        for dimension in (d for d in catalogue.dimensions if d.direction == direction.id):
            lines.append(f"  # {dimension.id}: {{region: {low}, frontrunners: {high}}}   # "
                         f"{_name_in(dimension.name, languages)}")
    lines += _both("Funn (valgfritt), f.eks. - {nb: \"...\", en: \"...\"}.",
                   "Findings (optional), e.g. - {nb: \"...\", en: \"...\"}.")
    lines.append("findings: []")
    actions = ", ".join(a.id for a in forum.joint_actions) or "(ingen ennå / none yet)"
    lines += _both(f"Anbefalinger (valgfritt): text, og joint_action: et felles tiltak i "
                   f"forumet ({actions}).",
                   f"Recommendations (optional): text, and joint_action: a joint action of "
                   f"the forum ({actions}).")
    lines.append("recommendations: []")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n",
                      "next: write the scores of each dimension tested, then run: "
                      "python -m generator validate")


def new_actor_map(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """actor-maps/<forum>/<date>.yaml with an example actor and the members in comments."""
    forum = _forum_for(args, dataset)
    date = args.date or PartialDate.from_date(_today())
    rel = f"actor-maps/{forum.id}/{date.isoformat()}.yaml"
    languages = dataset.languages
    name = _name_in(forum.name, languages)
    members = [m.cluster for m in forum.members if m.left is None] or ["cluster-id"]
    lines = _header("actor-map", rel, [
        f"Kartlegging av innovasjonssystemet i regionen til {name}. Skrevet av «python -m "
        "generator new actor-map».",
        "Skriv aktørene (organisasjoner, aldri personer) og klyngene de jobber med.",
    ], [
        f"Map of the innovation system of the region of {name}. Written by \"python -m "
        "generator new actor-map\".",
        "Write the actors (organisations, never people) and the clusters they work with.",
    ])
    lines += _both("Datoen for kartleggingen, ÅÅÅÅ-MM-DD: den samme som filnavnet.",
                   "The day of the map, YYYY-MM-DD: the same as the file name.")
    lines.append(f"date: {date.isoformat()}")
    lines += _both("true hvis aktørene og koblingene er eksempler.",
                   "true when the actors and links are examples.")
    lines.append("illustrative: false")
    lines += _both("Aktørene: kind er company | research | education | public | finance | "
                   "support; strength er weak | medium | strong.",
                   "The actors: kind is company | research | education | public | finance | "
                   "support; strength is weak | medium | strong.")
    lines += _both(f"Forumets klynger: {', '.join(members)}.",
                   f"The forum's clusters: {', '.join(members)}.")
    lines += _comment("actors:", "  - id: university",
                      '    name: {nb: "Universitetet", en: "The university"}',
                      "    kind: research", "    links:",
                      f"      - {{cluster: {members[0]}, strength: strong}}")
    lines.append("actors: []")
    lines += _both("Innovasjonsgap som kartleggingen fant (valgfritt): text, kinds, clusters.",
                   "Innovation gaps the mapping found (optional): text, kinds, clusters.")
    lines.append("gaps: []")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n",
                      "next: write the actors and their links, then run: "
                      "python -m generator validate")


def new_survey(args: argparse.Namespace, dataset: Dataset, data_dir: Path) -> Written:
    """surveys/<id>.yaml with an example question in comments."""
    title = _required_text(args, "title")
    rel = f"surveys/{args.id}.yaml"
    if args.id in dataset.surveys:
        raise Refused(f"survey '{args.id}' already exists in "
                      f"{_display(data_dir, dataset.files[f'survey:{args.id}'])}")
    for forum_id in args.forum:
        if forum_id not in dataset.forums:
            raise Refused(_no_such("forum", forum_id, dataset.forums, "forums/"))
    if args.invited is not None and args.answered > args.invited:
        raise UsageError("--answered is more than --invited")
    languages = dataset.languages
    date = args.date or PartialDate.from_date(_today())
    shown = _one_line(title.get("") or next(iter(title.values())))
    lines = _header("survey", rel, [
        f"Spørreundersøkelsen {shown}. Skrevet av «python -m generator new survey».",
        f"Bytt ut hver tekst som begynner med {TODO}, kjør «python -m generator validate».",
    ], [
        f"The survey {shown}. Written by \"python -m generator new survey\".",
        f"Replace every text starting with {TODO}, run \"python -m generator validate\".",
    ])
    lines += _both("Undersøkelsens id: den samme som filnavnet.",
                   "The survey's id: the same as the file name.")
    lines.append(f"id: {args.id}")
    lines += _both("Tittelen.", "The title.")
    lines.append(f"title: {text_value(title)}")
    lines += _both("Når den ble gjort: ÅÅÅÅ, ÅÅÅÅ-MM eller ÅÅÅÅ-MM-DD.",
                   "When it was made: YYYY, YYYY-MM or YYYY-MM-DD.")
    lines.append(f"date: {date.isoformat()}")
    lines += _both("Hvem som ble spurt.", "Who was asked.")
    lines.append(f"population: {text_value(_placeholder(languages, 'population'))}")
    lines += _both("Hvor mange som ble spurt (valgfritt) og hvor mange som svarte.",
                   "How many were asked (optional) and how many answered.")
    lines.append(f"invited: {args.invited}" if args.invited is not None else "# invited: 45")
    lines.append(f"answered: {args.answered}")
    lines += _both("Hvor resultatene er publisert (valgfritt).",
                   "Where the results are published (optional).")
    lines.append("# source: https://example.org/survey")
    lines += _both("Forum den ble lagt fram for (valgfritt).",
                   "Forums it was presented to (optional).")
    lines.append(f"forums: [{', '.join(args.forum)}]")
    lines += _both("true hvis tallene er eksempler.", "true when the counts are examples.")
    lines.append("illustrative: false")
    lines += _both("Spørsmålene: kind er choice (svar med antall) eller ranked (svar i "
                   "rekkefølge); multiple: true når én kan velge flere svar.",
                   "The questions: kind is choice (answers with counts) or ranked (answers "
                   "in order); multiple: true when one may pick several answers.")
    lines += _comment("questions:", "  - id: status",
                      '    text: {nb: "Hvilken status har din klynge?", '
                      'en: "What status does your cluster have?"}',
                      "    kind: choice", "    answers:", "      - {text: Arena, count: 7}")
    lines.append("questions: []")
    return _write_new(data_dir, rel, "\n".join(lines) + "\n",
                      "next: replace every TODO, write the questions, then run: "
                      "python -m generator validate")


def _owner_file(args: argparse.Namespace, dataset: Dataset) -> str:
    if getattr(args, "forum", None) is not None:
        if args.forum not in dataset.forums:
            raise Refused(_no_such("forum", args.forum, dataset.forums, "forums/"))
        return dataset.files[f"forum:{args.forum}"]
    cluster = dataset.clusters.get(args.cluster)
    if cluster is None:
        raise Refused(_no_such("cluster", args.cluster, dataset.clusters, "clusters/"))
    return f"{cluster.source_dir}/cluster.yaml"


def _no_such(what: str, value: str, ids: Iterable[str], folder: str) -> str:
    known = sorted(ids)
    close = closest(value, known)
    if close is not None:
        return (f"{what} '{value}' does not exist (there is no {folder}{value}): did you mean "
                f"'{close}'?")
    shown = ", ".join(known[:6]) + (", …" if len(known) > 6 else "") or "(none yet)"
    return f"{what} '{value}' does not exist (there is no {folder}{value}): write one of {shown}"


def schema_kind(rel: str) -> str | None:
    """The file kind (and JSON Schema name) of a data file by its path in the data folder."""
    parts = rel.split("/")
    if len(parts) == 1:
        return {"site.yaml": "site", "indicators.yaml": "indicators", "rules.yaml": "rules",
                "processes.yaml": "processes",
                "stress-test.yaml": "stress-test-catalogue",
                "sources.yaml": "sources"}.get(parts[0])
    if len(parts) == 2:
        return {"peer-groups": "peer-group", "forums": "forum",
                "surveys": "survey"}.get(parts[0])
    if len(parts) == 3 and parts[0] in ("stress-tests", "actor-maps"):
        return {"stress-tests": "stress-test", "actor-maps": "actor-map"}[parts[0]]
    if parts[0] == "clusters" and len(parts) == 3:
        return {"cluster.yaml": "cluster", "plan.yaml": "plan"}.get(parts[2])
    if parts[0] == "clusters" and len(parts) == 4 and parts[2] == "assessments":
        return "assessment"
    return None
