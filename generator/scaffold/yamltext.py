"""YAML written as text for the templates of ``new``: the errors every template raises,
quoting, comments in both languages, file headers, the schema line, and appending an item
to a list in an existing file while keeping its comments and layout."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any, get_args

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator import SCHEMA_VERSION
from generator.base.text import Text, one_line
from generator.data.schema import EventKind, Level, Status

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


def _name_in(text: Text, languages: Sequence[str]) -> str:
    names = []
    for code in languages:
        name = _one_line(text.get(code, languages))
        if name not in names:
            names.append(name)
    return " / ".join(names)




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
