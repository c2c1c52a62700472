"""What in a rendered SVG could load something or name another host: the tests' own
check of every chart the build renders (the build itself refuses an unsafe chart with
``generator.render.charts.svgcheck``)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_LOADS = re.compile(r"""\b(?:href|src)\s*=|url\s*\(|@import""", re.IGNORECASE)
_URL = re.compile(r"""(?:https?:)?//[^\s"'<>)]+""", re.IGNORECASE)
_NAMESPACES = ("http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink")


def external_references(svg: str | bytes) -> list[str]:
    """What in an SVG could make a browser load something: links (``href``, ``src``),
    ``url(...)`` and ``@import``. A rendered chart has none."""
    # Only the markup is looked at: text from the data (labels, titles, aria-labels) is
    # shown, never loaded, and may say "src=" (Data format page: made harmless, not refused).
    found: list[str] = []
    for element in ET.fromstring(svg).iter():
        if element.tag.rsplit("}", 1)[-1] == "style":
            found.extend(_LOADS.findall(element.text or ""))
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local in ("href", "src"):
                found.append(f"{local}=")
            elif not local.startswith("aria-"):
                found.extend(_LOADS.findall(value))
    return found


def urls(svg: str | bytes) -> list[str]:
    """Every URL written in an SVG, except the SVG and XLink namespaces."""
    text = svg.decode() if isinstance(svg, bytes) else svg
    return [u for u in _URL.findall(text) if u not in _NAMESPACES]
