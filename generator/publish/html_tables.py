"""The generated pages' tables as finished HTML that MkDocs passes through untouched.

Python-Markdown spends three quarters of its time on a generated page in its tables: it
runs every inline pattern over every cell, and a cluster page of a large portfolio has
a hundred rows whose cells repeat from page to page (indicator links, lights, dates).
Before the pages are written, each pipe table of a generated page is turned into the
HTML Python-Markdown and MkDocs would make of it, byte for byte:

- the rows are split by Python-Markdown's own table processor;
- each distinct cell is converted once, by Python-Markdown with the site's extensions,
  and reused wherever the same text stands in a cell;
- each link is resolved as MkDocs resolves it (the target file among the language's
  documentation files, its URL relative to the page's), and a link to a file that is
  not there stops the build, as MkDocs' link check would: it no longer sees these links.

The HTML stands between the lines ``<!--kf:html-->`` and ``<!--/kf:html-->``, which the
site's MkDocs hook (``mkdocs_hooks.py``) stashes before Markdown reads the page, so that
it is neither parsed nor changed. A table that holds anything this module does not
reproduce exactly (column alignment, images, links with an anchor, a query or an
escaped character, a cell attribute) is left to Python-Markdown as it is.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import markdown
import yaml
from markdown.extensions.tables import TableProcessor
from mkdocs.utils import get_relative_url

START = "<!--kf:html-->"
END = "<!--/kf:html-->"


class LinkNotFound(Exception):
    """A table links to a file that is not among the documentation files."""


class _Unconvertible(Exception):
    """A table this module does not reproduce exactly: it is left to Python-Markdown."""


def extensions_of(mkdocs_yml: Path) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The Markdown extensions and their settings of the project's shared mkdocs.yml."""
    config = yaml.safe_load(mkdocs_yml.read_text(encoding="utf-8")) or {}
    names: list[str] = []
    settings: dict[str, dict[str, Any]] = {}
    for item in config.get("markdown_extensions") or []:
        if isinstance(item, dict):
            for name, value in item.items():
                names.append(name)
                settings[name] = dict(value or {})
        else:
            names.append(str(item))
    return names, settings


_CELL_WRAP = re.compile(r"<tbody>\n<tr>\n<td>(.*)</td>\n</tr>\n</tbody>\n</table>\Z", re.DOTALL)
_LINK = re.compile(r'<a href="([^"]*)"')
_SAFE_PATH = re.compile(r"[A-Za-z0-9._~/-]+\Z")
_PLAIN = re.compile(r"[^\\`*_\[\]!<>&{}]*\Z")
_SIMPLE_LINK = re.compile(r"\[([^\\`*_\[\]!<>&{}]+)\]\(([A-Za-z0-9._~/-]+)\)\Z")
_RAW_LINK = re.compile(r"<a[\s>]", re.IGNORECASE)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class TableConverter:
    """Turns the pipe tables of generated pages into HTML blocks (one per build: the
    converted cells are remembered for every page of every language)."""

    def __init__(self, extensions: list[str], settings: dict[str, dict[str, Any]]) -> None:
        self._md = markdown.Markdown(extensions=extensions, extension_configs=settings)
        self._splitter = TableProcessor(self._md.parser, {"use_align_attribute": False})
        self._cells: dict[str, str | None] = {}
        self._files: Collection[str] | None = None
        self._targets: dict[tuple[str, str], str] = {}
        self.converted = 0
        self.left = 0

    def page(self, src: str, text: str, files: Collection[str]) -> str:
        """``text`` (the Markdown of the page ``src`` below docs/) with each of its pipe
        tables that can be converted exactly replaced by an HTML block."""
        if "|" not in text or "```" in text or "~~~" in text:
            return text
        lines = text.split("\n")
        out: list[str] = []
        container = False  # inside an admonition or collapsible block at the margin
        i = 0
        while i < len(lines):
            line = lines[i]
            if line and not line[0].isspace():
                container = line.startswith(("!!! ", "??? ", "???+ "))
            indent = len(line) - len(line.lstrip(" "))
            starts_block = i == 0 or not lines[i - 1].strip()
            if (starts_block and line.lstrip(" ").startswith("|")
                    and (indent == 0 or (indent == 4 and container))):
                end = i
                while end < len(lines) and lines[end].strip():
                    end += 1
                block = [row[indent:] for row in lines[i:end]]
                html = self._table(src, block, files)
                if html is not None:
                    pad = " " * indent
                    out.append(pad + START)
                    out.extend(pad + row for row in html.split("\n"))
                    out.append(pad + END)
                    self.converted += 1
                else:
                    out.extend(lines[i:end])
                    self.left += 1
                i = end
                continue
            out.append(line)
            i += 1
        return "\n".join(out)

    def _table(self, src: str, block: list[str], files: Collection[str]) -> str | None:
        if any(row[:1] != "|" or row != row.rstrip() for row in block):
            return None  # a row the table continues with a lazy line, or trailing space
        # TableProcessor.test never reads its parent element: there is none before the
        # block is a table
        if not self._splitter.test(None, "\n".join(block)):
            return None
        if any(cell.strip(" ") for cell in self._splitter.separator
               if set(cell.strip(" ")) != {"-"}):
            return None  # column alignment: left to Python-Markdown
        width = len(self._splitter.separator)
        try:
            head = self._row(src, block[0], "th", width, files)
            body = [self._row(src, row, "td", width, files) for row in block[2:]]
        except _Unconvertible:
            return None
        if not body:
            body = ["<tr>\n" + "<td></td>\n" * width + "</tr>"]
        return ("<table>\n<thead>\n" + head + "\n</thead>\n<tbody>\n"
                + "\n".join(body) + "\n</tbody>\n</table>")

    def _row(self, src: str, row: str, tag: str, width: int, files: Collection[str]) -> str:
        row = row.strip(" ")
        if "`" in row or "\\" in row:  # code spans and escaped pipes: Markdown's own split
            cells = self._splitter._split_row(row)
        else:  # every pipe splits; the border pipes go (the header has both)
            cells = (row[1:-1] if row.endswith("|") else row[1:]).split("|")
        parts = ["<tr>"]
        for index in range(width):
            text = cells[index].strip(" ") if index < len(cells) else ""
            html = self._cell(text)
            if html is None:
                raise _Unconvertible
            if "<a " in html:
                html = _LINK.sub(lambda m: f'<a href="{self._resolve(src, m.group(1), files)}"',
                                 html)
            parts.append(f"<{tag}>{html}</{tag}>")
        parts.append("</tr>")
        return "\n".join(parts)

    def _cell(self, text: str) -> str | None:
        """The HTML Python-Markdown makes of a table cell, or None where it is not only
        the cell's content (an attribute on the cell, an image)."""
        try:
            return self._cells[text]
        except KeyError:
            pass
        if _PLAIN.match(text):  # nothing inline Markdown or HTML escaping would change
            return text
        simple = _SIMPLE_LINK.match(text)
        if simple:  # a plain label linking to a plain path, as Python-Markdown writes it
            link = f'<a href="{simple.group(2)}">{simple.group(1)}</a>'
            self._cells[text] = link
            return link
        if _RAW_LINK.search(text):  # MkDocs leaves a raw HTML link as it is written
            self._cells[text] = None
            return None
        self._md.reset()
        html = self._md.convert(f"| |\n| --- |\n| {text} |")
        match = _CELL_WRAP.search(html)
        content: str | None = (match.group(1) if match and "\n" not in match.group(1)
                               else None)
        if content is not None and ("<img" in content
                                    or content.count("<a ") != len(_LINK.findall(content))):
            content = None
        self._cells[text] = content
        return content

    def _resolve(self, src: str, url: str, files: Collection[str]) -> str:
        """A link of the page ``src`` as MkDocs writes it (directory URLs): external
        links as they are, a link to a documentation file relative to the page's URL."""
        if files is not self._files:
            self._files, self._targets = files, {}
        if _SCHEME.match(url) or url.startswith("//"):
            return url
        key = (posixpath.dirname(src), url)
        target = self._targets.get(key)
        if target is None:
            self._targets[key] = target = _target(src, url, files)
        return get_relative_url(_url_of(target), _url_of(src))


def _target(src: str, url: str, files: Collection[str]) -> str:
    """The documentation file a relative link of the page ``src`` leads to."""
    if not _SAFE_PATH.match(url) or url.startswith("/") or not posixpath.splitext(url)[1]:
        raise _Unconvertible  # anchors, queries, escapes, absolute or extension-less links
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src), url).lstrip("/"))
    if posixpath.basename(target).startswith((".", "README.")):
        raise _Unconvertible  # files MkDocs leaves out or renames
    if target not in files:
        raise LinkNotFound(f"docs/{src}: a table links to '{url}', but '{target}' is not "
                           "among the documentation files")
    return target


def _url_of(path: str) -> str:
    """A documentation file's URL below the site root, as MkDocs makes it."""
    if not path.endswith(".md"):
        return path
    stem = path[:-3]
    if stem == "index":
        return "./"
    if stem.endswith("/index"):
        return stem[:-len("index")]
    return stem + "/"
