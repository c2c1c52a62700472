"""What a chart image must be before it is published: checked on every SVG, rendered or
read from the cache.

A chart is a whole SVG document (it parses; a truncated file does not) whose root is an
``<svg>`` of a plausible pixel size, the size of its own viewBox, and that can neither
run nor load anything: no script, no foreign content, no event handler, no link or
``url(...)`` to anything, no DOCTYPE or entity (which could expand or reach outside).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import xml.parsers.expat

SVG_NS = "{http://www.w3.org/2000/svg}"
MAX_SIDE = 20_000
"""Pixels: no chart of the site is near it; a larger size is a damaged file."""
_FORBIDDEN_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "object", "embed",
                                 "image", "use", "feimage", "animate", "set",
                                 "animatetransform", "animatemotion", "handler", "listener"})
"""In lower case: a name is refused in any case."""
_LOADS = re.compile(r"url\s*\(|@import|javascript:", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


_NAMESPACES = frozenset({b'xmlns="http://www.w3.org/2000/svg"',
                         b'xmlns:xlink="http://www.w3.org/1999/xlink"'})
_XMLNS = re.compile(rb"xmlns[^=\s]*\s*=\s*(?:\"[^\"]*\"|'[^']*')")
_SUSPECT_TEXT = (b"<script", b"<foreignobject", b"<iframe", b"<object", b"<embed", b"<image",
                 b"<use", b"<feimage", b"<animate", b"<set", b"<handler", b"<listener",
                 b"href", b"src", b"@import", b"javascript:", b"&#")
_SUSPECT = (re.compile(rb"url\s*\("), re.compile(rb"<[^\s>/!?]*:"),
            re.compile(rb"[\s:]on[^\s=]*\s*="))
"""Anything that could make an element, attribute or value of the document one the full
check refuses (in the lower-cased bytes: element names, prefixed names, event handlers,
links, loads; character references could spell a value)."""


def svg_problems(svg: bytes) -> list[str]:
    """Why this SVG must not be published (empty when it may).

    A document none of whose bytes could spell a refused element, attribute or value
    (``_SUSPECT_TEXT``, ``_SUSPECT``; only the SVG and XLink namespaces declared) is
    checked by Expat alone, without building its tree: that it parses, and its root.
    Any other is checked element by element."""
    lower = svg.lower()
    if b"<!doctype" in lower[:4096] or b"<!entity" in lower:
        return ["it declares a DOCTYPE or entities"]
    declared = _XMLNS.findall(svg)
    if (any(text in lower for text in _SUSPECT_TEXT)
            or any(pattern.search(lower) for pattern in _SUSPECT)
            or lower.count(b"xmlns") != len(declared)
            or not set(declared) <= _NAMESPACES):
        return _element_problems(svg)
    parser = xml.parsers.expat.ParserCreate(namespace_separator="}")
    roots: list[tuple[str, dict[str, str]]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if not roots:
            roots.append(("{" + name if "}" in name else name, attributes))

    parser.StartElementHandler = start
    try:
        parser.Parse(svg, True)
    except xml.parsers.expat.ExpatError as exc:
        return [f"it does not parse as XML ({exc})"]
    tag, attributes = roots[0]
    if tag != SVG_NS + "svg":
        return [f"its root is <{tag}>, not <svg>"]
    return _root_problems(attributes)


def _element_problems(svg: bytes) -> list[str]:
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        return [f"it does not parse as XML ({exc})"]
    if root.tag != SVG_NS + "svg":
        return [f"its root is <{root.tag}>, not <svg>"]
    problems = _root_problems(root.attrib)
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else "?"
        if not (isinstance(element.tag, str) and element.tag.startswith(SVG_NS)):
            problems.append(f"it holds the foreign element <{element.tag}>")
        elif tag.lower() in _FORBIDDEN_ELEMENTS:
            problems.append(f"it holds <{tag}>")
        if tag == "style" and _LOADS.search(element.text or ""):
            problems.append("its style loads something")
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                problems.append(f"it has the event handler {local}")
            elif local in ("href", "src"):
                problems.append(f"it links to {value[:40]!r}")
            elif not local.startswith("aria-") and _LOADS.search(value):
                problems.append(f"its {local} loads something")
    return problems


def _root_problems(attributes: dict[str, str]) -> list[str]:
    """What is wrong with the root's pixel size and viewBox."""
    size = [_NUMBER.match(attributes.get(name, "")) for name in ("width", "height")]
    if not all(size):
        return ["it declares no pixel width and height"]
    if not all(0 < float(m.group(1)) <= MAX_SIDE for m in size if m):
        return ["its size is out of range"]
    box = attributes.get("viewBox", "").replace(",", " ").split()
    width, height = (float(m.group(1)) for m in size if m)
    if len(box) != 4 or _floats(box[2:]) != [width, height]:
        return ["its width and height are not those of its viewBox"]
    return []


def _floats(values: list[str]) -> list[float] | None:
    try:
        return [float(value) for value in values]
    except ValueError:
        return None


def svg_pixel_size(svg: bytes | str) -> tuple[int, int]:
    """The width and height an SVG that passed ``svg_problems`` declares (read from its
    root element alone)."""
    parser = xml.parsers.expat.ParserCreate()
    roots: list[dict[str, str]] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        if not roots:
            roots.append(attributes)

    parser.StartElementHandler = start
    data = svg if isinstance(svg, bytes) else svg.encode()
    for begin in range(0, len(data), 4096):
        parser.Parse(data[begin:begin + 4096], False)
        if roots:
            break
    if not roots:
        raise ValueError("the SVG has no root element")
    sizes = []
    for name in ("width", "height"):
        match = _NUMBER.match(roots[0].get(name, ""))
        if match is None:
            raise ValueError("the SVG declares no width and height")
        sizes.append(round(float(match.group(1))))
    return sizes[0], sizes[1]
