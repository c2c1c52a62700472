"""Read one YAML data file safely: size, encoding, syntax, aliases, duplicate keys.

The file is composed with libyaml's C parser into a node tree, which is turned into plain
Python values by hand so that every problem keeps its line. Only the standard scalar
types are recognised; dates stay text (the model reads them at their own precision).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.base.problems import Problem, Severity, format_key_path
from generator.data.valuecache import ValueCache, digest

try:  # libyaml's C parser is ten times faster than the pure-Python one
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    # the same interface under another class: mypy sees the two as different types
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024
"""Files over 1 MiB are refused (the data format's limit)."""
MAX_DEPTH = 50
"""Mappings and lists nested deeper than this are refused: no data file needs a tenth of
it, and libyaml's composer and the checks below it recurse once per level."""

_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP = (
    _TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
_MAP, _SEQ = _TAG + "map", _TAG + "seq"
_SCALAR_TAGS = frozenset({_STR, _INT, _FLOAT, _BOOL, _NULL, _TIMESTAMP})
_TYPED_TAGS = frozenset({_INT, _FLOAT, _BOOL})
"""The only scalar tags read; others (``!!python/object``, ``!!set``...) are refused."""
_CONSTRUCTOR = SafeConstructor()
FALSE_WORDS = frozenset({"no", "No", "NO", "off", "Off", "OFF", "n", "N"})
"""Plain words YAML 1.1 reads as false; ``no`` is the Norwegian language code people type."""


@dataclass
class SourceFile:
    """One data file: its path for messages, its text, and what was read from it."""

    path: Path
    display: str
    text: str = ""
    digest: str = ""
    """The digest of the file's bytes (``valuecache.digest``), once they are read."""
    value: Any = None
    problems: list[Problem] = field(default_factory=list)
    _root: Node | None = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        """True when the file was read into a value without errors."""
        return not self.problems and self.value is not None

    def problem(self, loc: Sequence[Any], message: str, *,
                severity: Severity = "error") -> Problem:
        """A problem at the key path ``loc`` of this file, located to its line."""
        line, key_path = self.locate(loc)
        return Problem(self.display, line, key_path, message, severity)

    def locate(self, loc: Sequence[Any]) -> tuple[int, str]:
        """The 1-based line of the deepest node of ``loc`` found, and ``loc`` formatted
        with each mapping key as written in the file (``no``, not ``false``)."""
        line, _, shown = _walk(self.root(), loc)
        return line, format_key_path(shown)

    def raw_scalar(self, loc: Sequence[Any]) -> str | None:
        """The text of the scalar at ``loc`` exactly as written, if there is one."""
        node = _walk(self.root(), loc)[1]
        return node.value if isinstance(node, ScalarNode) else None

    def raw_key(self, loc: Sequence[Any]) -> str | None:
        """The last mapping key of ``loc`` exactly as written, if the whole path exists."""
        _, node, shown = _walk(self.root(), loc)
        return shown[-1] if node is not None and shown and isinstance(shown[-1], str) else None

    def root(self) -> Node | None:
        """The node tree, composed again on demand (kept only while problems are reported)."""
        if self._root is None and self.text:
            try:
                self._root = yaml.compose(self.text, Loader=_Loader)
            except yaml.YAMLError:
                return None
        return self._root

    def forget_nodes(self) -> None:
        """Drop the node tree to save memory once the file has been checked."""
        self._root = None


def read_source(path: Path, display: str, cache: ValueCache | None = None) -> SourceFile:
    """Read and parse one file; problems are collected on the returned SourceFile.

    With ``cache``, bytes read before without a problem are given their value from it
    instead of being parsed again (``generator.data.valuecache``)."""
    source = SourceFile(path=path, display=display)
    try:  # opened without following a link or waiting on a named pipe, then checked
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                source.problems.append(Problem(display, 1, "", "is not a regular file: put "
                                               "the data file itself here"))
                return source
            raw = b""
            size = info.st_size
            if size <= MAX_BYTES:
                raw = handle.read(MAX_BYTES + 1)
                size = max(size, len(raw))  # grown since it was looked at
            if size > MAX_BYTES:
                source.problems.append(
                    Problem(display, 1, "", f"file is {size:,} bytes; the limit is 1 MiB "
                            "(1,048,576 bytes): split it or remove what does not belong in it")
                )
                return source
    except OSError as exc:
        source.problems.append(Problem(display, 1, "", f"cannot be read: {exc.strerror}"))
        return source
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        source.problems.append(
            Problem(display, line, "", f"is not UTF-8 (byte 0x{raw[exc.start]:02x}): save the "
                    "file as UTF-8 in your editor")
        )
        return source
    source.text = text
    source.digest = digest(raw)
    if cache is not None:
        found, value = cache.get(source.digest)
        if found:
            source.value = value
            return source
    if "&" in text or "*" in text or "<<" in text:
        alias = _find_alias(text, display)
        if alias is not None:
            source.problems.append(alias)
            return source
    if _may_nest_deeply(text):
        deep = _find_deep_nesting(text, display)
        if deep is not None:
            source.problems.append(deep)
            return source
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "invalid YAML"
        tab = _tab_line(text, line)
        if tab is not None:
            source.problems.append(
                Problem(display, tab, "", "YAML syntax error: a tab in the indentation: YAML "
                        "does not allow tabs there; indent with spaces, two per level")
            )
            return source
        if (exc.context == "while scanning a simple key" and exc.context_mark is not None
                and exc.problem == "could not find expected ':'"):
            # the scanner notices at the next line; the key without its colon is here
            source.problems.append(Problem(
                display, exc.context_mark.line + 1, "", "YAML syntax error: this line has no "
                "':' after its key: write the key, a colon and a space, then the value "
                "(key: value)"))
            return source
        source.problems.append(
            Problem(display, line, "", f"YAML syntax error: {what}; check the indentation, "
                    "colons and quotes on this line and the one above")
        )
        return source
    except yaml.YAMLError as exc:
        source.problems.append(Problem(display, 1, "", f"YAML syntax error: {exc}"))
        return source
    if root is None:
        source.problems.append(
            Problem(display, 1, "", "file is empty: it must start with 'schema_version: 1'")
        )
        return source
    source._root = root
    source.value = _to_python(root, (), source)
    if cache is not None and not source.problems:
        cache.put(source.digest, source.value)
    return source


def _tab_line(text: str, line: int) -> int | None:
    """The line (1-based) of a tab in the indentation at or just above ``line``, where a
    syntax error was found, if there is one: libyaml's own message does not say "tab"."""
    lines = text.splitlines()
    for number in (line, line - 1, line + 1):
        if 1 <= number <= len(lines):
            content = lines[number - 1]
            indent = content[:len(content) - len(content.lstrip(" \t"))]
            if "\t" in indent:
                return number
    return None


def _find_alias(text: str, display: str) -> Problem | None:
    """The first anchor, alias or merge key in the text, as a problem (before composing)."""
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AnchorToken | yaml.AliasToken):
                sign = "&" if isinstance(token, yaml.AnchorToken) else "*"
                return Problem(
                    display, token.start_mark.line + 1, "",
                    f"YAML anchors and aliases ({sign}{token.value}) are not allowed: write "
                    "the value out in full so the file reads the same to people as to the site"
                )
            if isinstance(token, yaml.ScalarToken) and token.plain and token.value == "<<":
                return Problem(
                    display, token.start_mark.line + 1, "",
                    "YAML merge keys (<<) are not allowed: write the keys out in full",
                )
    except yaml.YAMLError:
        return None  # the syntax error is reported by the composer with its line
    return None


def _may_nest_deeply(text: str) -> bool:
    """Whether the text could nest deeper than MAX_DEPTH; False is certain, True only
    means it must be looked at. In block style, two levels in a row move the content at
    least one column right (a list may start below its key in the key's column, but an
    item's content starts after its "- "); in flow style each level opens a bracket."""
    brackets = text.count("[") + text.count("{")
    if brackets > MAX_DEPTH // 2:
        return True
    indent = max((len(line) - len(line.lstrip(" -?:\t")) for line in text.splitlines()),
                 default=0)
    return 2 * indent + 2 + brackets > MAX_DEPTH


def _find_deep_nesting(text: str, display: str) -> Problem | None:
    """The place where mappings and lists nest deeper than MAX_DEPTH, as a problem (before
    composing: libyaml's composer recurses per level, and crashes on very deep nesting)."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    mark = event.start_mark  # libyaml marks every event it parses
                    return Problem(
                        display, mark.line + 1 if mark is not None else 1, "",
                        f"nested more than {MAX_DEPTH} levels deep: no data file needs this "
                        "many levels; compare the file with the example of its kind in the "
                        "guide and remove the extra brackets or indentation",
                    )
            elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return None  # the syntax error is reported by the composer with its line
    return None


def scalar_value(node: ScalarNode) -> Any:
    """The Python value of a scalar; timestamps stay text so dates keep their precision."""
    tag = node.tag
    if tag in (_STR, _TIMESTAMP):
        return node.value
    try:  # an explicit tag may be wrong for its value: ``!!int abc``
        if tag == _INT:
            return _CONSTRUCTOR.construct_yaml_int(node)
        if tag == _FLOAT:
            return _CONSTRUCTOR.construct_yaml_float(node)
        if tag == _BOOL:
            return _CONSTRUCTOR.construct_yaml_bool(node)
    except (ValueError, KeyError, IndexError):
        return node.value
    if tag == _NULL:
        return None
    return node.value


def _checked_scalar(node: ScalarNode) -> tuple[bool, Any]:
    """Whether a scalar is of a standard type whose value fits its (possibly explicit) tag
    (``!!int abc`` does not), and its value."""
    tag = node.tag
    if tag not in _SCALAR_TAGS:
        return False, None
    value = scalar_value(node)
    return not (isinstance(value, str) and tag in _TYPED_TAGS), value


def _to_python(node: Node, path: tuple[Any, ...], source: SourceFile) -> Any:
    if isinstance(node, ScalarNode):
        ok, value = _checked_scalar(node)
        if not ok:
            source.problems.append(_tag_problem(source, node, path))
            return None
        return value
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            source.problems.append(_tag_problem(source, node, path))
            return None
        return [_to_python(item, (*path, i), source) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            source.problems.append(_tag_problem(source, node, path))
            return None
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                source.problems.append(Problem(
                    source.display, key_node.start_mark.line + 1, format_key_path(path),
                    "a key must be a plain word, not a list or mapping",
                ))
                continue
            ok, key = _checked_scalar(key_node)
            if not ok:
                source.problems.append(_tag_problem(source, key_node, path))
                continue
            line = key_node.start_mark.line + 1
            if key in first_line:
                source.problems.append(Problem(
                    source.display, line, format_key_path((*path, key)),
                    f"duplicate key: it is already set at line {first_line[key]}; keep one of "
                    "the two (YAML would silently keep only the last)",
                ))
                continue
            first_line[key] = line
            result[key] = _to_python(value_node, (*path, key), source)
        return result
    return None  # pragma: no cover - the composer makes no other node kinds


def _tag_problem(source: SourceFile, node: Node, path: tuple[Any, ...]) -> Problem:
    tag = "!!" + node.tag[len(_TAG):] if node.tag.startswith(_TAG) else node.tag
    return Problem(
        source.display, node.start_mark.line + 1, format_key_path(path),
        f"YAML tags such as '{tag}' are not allowed: remove the tag and write the plain value",
    )


def _walk(root: Node | None, loc: Sequence[Any]) -> tuple[int, Node | None, list[Any]]:
    """The line of the deepest node along ``loc`` (a key's own line for mapping keys), the
    node at ``loc`` itself when the whole path exists, and ``loc`` with every mapping key
    found replaced by its text as written in the file."""
    shown = list(loc)
    if root is None:
        return 1, None, shown
    node: Node = root
    line = root.start_mark.line + 1
    for index, part in enumerate(loc):
        if isinstance(node, MappingNode):
            found = _find_key(node, part)
            if found is None:
                return line, None, shown
            key_node, node = found
            line = key_node.start_mark.line + 1
            shown[index] = key_node.value
        elif isinstance(node, SequenceNode) and isinstance(part, int) and not isinstance(
            part, bool
        ):
            if not 0 <= part < len(node.value):
                return line, None, shown
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line, None, shown
    return line, node, shown


def _find_key(node: MappingNode, part: Any) -> tuple[ScalarNode, Node] | None:
    """The key and value nodes of the key ``part``. Validation reports a key that YAML read
    as a number, a boolean or null by a text or number of its own (1.2 as "1.2", true as
    1), so a key of another type is matched by its text when no key matches exactly."""
    pairs = [(k, v) for k, v in node.value if isinstance(k, ScalarNode)]
    for key_node, value_node in pairs:
        if _same_key(scalar_value(key_node), part):
            return key_node, value_node
    text = str(part)
    for key_node, value_node in pairs:
        key = scalar_value(key_node)
        if key_node.value == text or str(key) == text or (
            not isinstance(key, str) and not isinstance(part, str) and key == part
        ):
            return key_node, value_node
    return None


def _same_key(key: Any, part: Any) -> bool:
    return type(key) is type(part) and bool(key == part)
