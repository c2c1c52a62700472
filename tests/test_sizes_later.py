"""Pages are rendered while their charts render: image sizes go in afterwards
(generator.render.pages.builders.SizesLater)."""

from __future__ import annotations

from generator.render.charts.engine import SvgImage
from generator.render.pages.builders import SizesLater


def test_placeholders_are_replaced_by_the_sizes() -> None:
    sizes = SizesLater()
    first = sizes.placeholders({"charts/a": None, "charts/b": None})  # type: ignore[dict-item]
    second = sizes.placeholders({"charts/c": None})  # type: ignore[dict-item]
    images = [SvgImage(b"", 10, 20), SvgImage(b"", 30, 40), SvgImage(b"", 50, 60)]
    page = "".join(f'<img width="{s.width}" height="{s.height}">'
                   for s in (*first.values(), *second.values()))
    assert sizes.fill(page, images) == ('<img width="10" height="20">'
                                        '<img width="30" height="40">'
                                        '<img width="50" height="60">')


def test_data_cannot_forge_a_placeholder() -> None:
    """A text in the data that looks like a placeholder stays as it is: the token is
    drawn for each build."""
    sizes, other = SizesLater(), SizesLater()
    forged = str(other.placeholders({"x": None})["x"].width)  # type: ignore[dict-item]
    assert sizes.token != other.token
    assert sizes.fill(f"text {forged}", [SvgImage(b"", 1, 2)]) == f"text {forged}"
