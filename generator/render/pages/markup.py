"""Text from the data made safe for Markdown pages.

Data texts may use inline Markdown (emphasis, links). Raw HTML is shown as text, never
executed; a link whose target is not http:, https:, mailto: or a relative path becomes
plain text; images become their alternative text, so no page loads anything from another
host; Markdown extension syntax (attribute lists, tables) is escaped. Line breaks and
runs of spaces become one space; non-breaking spaces stay, so '67 %' and '1 261' are never
split over two lines.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup

from generator.base.text import one_line

_LINK = re.compile(r"(!?)\[([^\[\]]*)\]\(\s*<?([^()\s<>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_DEFINITION = re.compile(r"^(\s{0,3})\[", re.MULTILINE)
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\u00a0\u2007\u202f]*\n")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}|#+!])")
SAFE_SCHEMES = ("http", "https", "mailto")


def escape_markdown(text: str) -> Markup:
    """Plain text shown exactly as written: no HTML, no Markdown."""
    html = _escape_html(one_line(text))
    return Markup(_MARKDOWN_SPECIAL.sub(r"\\\1", html))


def inline(text: str) -> Markup:
    """Inline Markdown from the data on one line (headings, table cells, list items)."""
    return Markup(_safe(one_line(text)))


def block(text: str) -> Markup:
    """Markdown from the data as paragraphs (descriptions)."""
    paragraphs = [one_line(p) for p in _PARAGRAPH_BREAK.split(text)]
    return Markup("\n\n".join(_safe(p) for p in paragraphs if p))


def html_text(text: str) -> str:
    """Plain text for the places MkDocs and Material insert without escaping (page titles
    and descriptions from front matter, site name and description from the config): they
    treat these as HTML, in text and in attribute values. An ``&`` that cannot start a
    character reference is left alone, so a name such as "Mat & Helse" is not shown as
    "&amp;" where Material escapes a title once more (aria-labels)."""
    text = _AMBIGUOUS_AMPERSAND.sub("&amp;", one_line(text))
    return text.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


_AMBIGUOUS_AMPERSAND = re.compile(r"&(?=[#A-Za-z0-9])")


def is_safe_target(target: str) -> bool:
    """Whether a link target may stay a link: http(s), mailto or a relative path."""
    if not target or target.startswith("//"):
        return False
    parts = urlsplit(target)
    if parts.scheme:
        return parts.scheme.lower() in SAFE_SCHEMES and (parts.scheme != "mailto"
                                                          or bool(parts.path))
    return ":" not in target.split("/", 1)[0]


def _safe(text: str) -> str:
    pieces: list[str] = []
    last = 0
    for match in _LINK.finditer(text):
        pieces.append(_escape_plain(text[last:match.start()]))
        bang, label, target = match.groups()
        label_text = _escape_plain(label)
        if bang or not is_safe_target(target):
            pieces.append(label_text)
        else:
            pieces.append(f"[{label_text}]({_escape_url(target)})")
        last = match.end()
    pieces.append(_escape_plain(text[last:]))
    return "".join(pieces)


def _escape_plain(text: str) -> str:
    """Keep emphasis and code spans; neutralise HTML, link syntax and extension syntax."""
    text = _escape_html(text)
    text = text.replace("[", "\\[").replace("]", "\\]").replace("{", "\\{").replace("}", "\\}")
    text = text.replace("|", "\\|").replace("!", "\\!")
    return _REFERENCE_DEFINITION.sub(r"\1\\[", text)


def web_link(url: str) -> Markup:
    """An address from the data (``website``) as a link showing the address: the text
    escaped as text, the target percent-encoded wherever it could end the link or its
    attribute early. What is not an http(s) address is shown as text only."""
    shown = escape_markdown(url)
    if urlsplit(url).scheme.lower() not in ("http", "https") or not is_safe_target(url):
        return shown
    return Markup(f"[{shown}]({_escape_url(url)})")


def titled_link(title: str, url: str | None) -> Markup:
    """A source's title (plain text from the data) as a link to its address: the title
    escaped as text, the target as ``web_link`` writes it. Without an http(s) address
    the title is shown as text only, so a source never links anywhere unsafe."""
    shown = escape_markdown(title)
    if url is None or urlsplit(url).scheme.lower() not in ("http", "https") \
            or not is_safe_target(url):
        return shown
    return Markup(f"[{shown}]({_escape_url(url)})")


_URL_UNSAFE = re.compile(r"[\s\x00-\x1f\x7f-\x9f<>\"'`()\[\]\\{}|^]")


def _escape_url(target: str) -> str:
    """A link target as Markdown reads it to the end and HTML quotes it whole: every
    character that could end either early is percent-encoded (UTF-8), ``&`` is an entity."""
    encoded = _URL_UNSAFE.sub(
        lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode("utf-8")), target)
    return encoded.replace("&", "&amp;")


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
