"""MkDocs hooks of the site (the per-language configurations list this file).

``on_post_page``: Material's templates indent their HTML deeply, and with a thousand
clusters the navigation alone was 58 of a cluster page's 100 KB, four fifths of it
indentation. Runs of whitespace that begin with a line break are cut to the line break,
except in ``pre``, ``textarea``, ``script`` and ``style`` elements: a browser shows the
page the same (a line break is whitespace as the indentation was), and a cluster page of
a 1,300-cluster portfolio is ~56 KB instead of ~100 KB.

``on_config``: the heading links' title ("Permanent link", Python-Markdown's toc extension)
in the page's language: the per-language configuration carries the translated theme
strings (``extra.theme_strings``, generator/site/theme.py), and the toc extension's
``permalink_title`` is set from them (a list in the per-language configuration would
replace the shared ``markdown_extensions`` as a whole).

Self-contained (MkDocs loads it by its path, outside the generator package).
"""

from __future__ import annotations

import re
from typing import Any

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


def on_post_page(output: str, page: Any, config: Any) -> str:
    return compact(output)


def on_config(config: Any) -> Any:
    title = (config.extra.get("theme_strings") or {}).get("permalink")
    if title and "toc" in config.mdx_configs:
        config.mdx_configs["toc"]["permalink_title"] = title
    return config
