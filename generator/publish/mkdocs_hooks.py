"""MkDocs hooks of the site (the per-language configurations list this file).

``on_post_page``: Material's templates indent their HTML deeply, and with a thousand
clusters the navigation alone was 58 of a cluster page's 100 KB, four fifths of it
indentation. Runs of whitespace that begin with a line break are cut to the line break,
except in ``pre``, ``textarea``, ``script`` and ``style`` elements: a browser shows the
page the same (a line break is whitespace as the indentation was), and a cluster page of
a 1,300-cluster portfolio is ~56 KB instead of ~100 KB.

``on_config``: the heading links' title ("Permanent link", Python-Markdown's toc extension)
in the page's language: the per-language configuration carries the translated theme
strings (``extra.theme_strings``, generator/render/pages/theme.py), and the toc extension's
``permalink_title`` is set from them (a list in the per-language configuration would
replace the shared ``markdown_extensions`` as a whole). The theme strings are written as
HTML, for the templates that print them as they are; Python-Markdown escapes an attribute
itself, so the title is given to it unescaped.

``on_config`` also adds a Markdown preprocessor that sets aside, untouched, the HTML a
generated page carries between the lines ``<!--kf:html-->`` and ``<!--/kf:html-->``
(its tables, made by generator/publish/html_tables.py exactly as Python-Markdown would make
them), as Python-Markdown sets aside raw HTML: nothing in it is parsed again.

``on_template_context``: MkDocs writes 404.html with absolute links, from the path of
``site_url``, or from ``/`` when the site has none (it assumes the site is served at the
root of its host). Every language but the default is built into a folder of its own
(``en/``), so without a site URL the English 404 page led into the Norwegian site: its home,
menu and stylesheets pointed at ``/``. The hook gives it the root of its own language
(``extra.language_root``, ``/en/``) under the same assumption.

Self-contained (MkDocs loads it by its path, outside the generator package).
"""

from __future__ import annotations

import html
import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_KEEP = re.compile(r"<(pre|textarea|script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_INDENT = re.compile(r"\n[ \t\r\n]+")


def compact(html: str) -> str:
    """``html`` with every run of whitespace that starts with a line break cut to the line
    break, outside ``pre``, ``textarea``, ``script`` and ``style`` elements."""
    parts: list[str] = []
    last = 0
    for kept in _KEEP.finditer(html):
        parts.append(_INDENT.sub("\n", html[last:kept.start()]))
        parts.append(kept.group(0))
        last = kept.end()
    parts.append(_INDENT.sub("\n", html[last:]))
    return "".join(parts)


START = "<!--kf:html-->"
END = "<!--/kf:html-->"


class _Passthrough(Preprocessor):
    """Each block between the two marker lines, stashed as raw HTML; the placeholder
    keeps the markers' indentation, so a block inside a collapsible stays inside it."""

    def run(self, lines: list[str]) -> list[str]:
        if not any(line.strip() == START for line in lines):
            return lines
        out: list[str] = []
        block: list[str] | None = None
        indent = ""
        for line in lines:
            if block is None:
                if line.strip() == START:
                    indent = line[:len(line) - len(line.lstrip(" "))]
                    block = []
                else:
                    out.append(line)
            elif line.strip() == END:
                out.append(indent + self.md.htmlStash.store("\n".join(block)))
                block = None
            else:
                block.append(line[len(indent):])
        if block is not None:  # no end marker: the lines stay as they were
            out.append(indent + START)
            out.extend(indent + line for line in block)
        return out


class PassthroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(_Passthrough(md), "kf_passthrough", 25)


def on_post_page(output: str, page: Any, config: Any) -> str:
    return compact(output)


def on_template_context(context: Any, template_name: str, config: Any) -> Any:
    root = (config.extra or {}).get("language_root")
    if template_name == "404.html" and not config.site_url and root:
        context["base_url"] = "/" + root  # the templates' url filter reads it
    return context


def on_config(config: Any) -> Any:
    title = (config.extra.get("theme_strings") or {}).get("permalink")
    if title and "toc" in config.mdx_configs:
        config.mdx_configs["toc"]["permalink_title"] = html.unescape(title)
    config.markdown_extensions.append(PassthroughExtension())
    return config
