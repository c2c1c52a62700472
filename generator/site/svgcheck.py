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

SVG_NS = "{http://www.w3.org/2000/svg}"
MAX_SIDE = 20_000
"""Pixels: no chart of the site is near it; a larger size is a damaged file."""
_FORBIDDEN_ELEMENTS = frozenset({"script", "foreignObject", "iframe", "object", "embed",
                                 "image", "use", "feImage", "animate", "set",
                                 "animateTransform", "animateMotion", "handler", "listener"})
_LOADS = re.compile(r"url\s*\(|@import|javascript:", re.IGNORECASE)
_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(px)?\s*$")


def svg_problems(svg: bytes) -> list[str]:
    """Why this SVG must not be published (empty when it may)."""
    head = svg[:4096].lower()
    if b"<!doctype" in head or b"<!entity" in svg.lower():
        return ["it declares a DOCTYPE or entities"]
    try:
        root = ET.fromstring(svg)
    except ET.ParseError as exc:
        return [f"it does not parse as XML ({exc})"]
    if root.tag != SVG_NS + "svg":
        return [f"its root is <{root.tag}>, not <svg>"]
    problems = []
    size = [_NUMBER.match(root.get(name, "")) for name in ("width", "height")]
    if not all(size):
        problems.append("it declares no pixel width and height")
    elif not all(0 < float(m.group(1)) <= MAX_SIDE for m in size if m):
        problems.append("its size is out of range")
    else:
        box = root.get("viewBox", "").replace(",", " ").split()
        width, height = (float(m.group(1)) for m in size if m)
        if len(box) != 4 or _floats(box[2:]) != [width, height]:
            problems.append("its width and height are not those of its viewBox")
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else "?"
        if not (isinstance(element.tag, str) and element.tag.startswith(SVG_NS)):
            problems.append(f"it holds the foreign element <{element.tag}>")
        elif tag in _FORBIDDEN_ELEMENTS:
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


def _floats(values: list[str]) -> list[float] | None:
    try:
        return [float(value) for value in values]
    except ValueError:
        return None


def svg_pixel_size(svg: bytes) -> tuple[int, int]:
    """The width and height an SVG that passed ``svg_problems`` declares."""
    root = ET.fromstring(svg)
    sizes = []
    for name in ("width", "height"):
        match = _NUMBER.match(root.get(name, ""))
        if match is None:
            raise ValueError("the SVG declares no width and height")
        sizes.append(round(float(match.group(1))))
    return sizes[0], sizes[1]
