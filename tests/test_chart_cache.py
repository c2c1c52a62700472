"""The chart caches never change the output: every entry is checked against the digest it
was sealed with and for its shape before use; a damaged one is removed and made again,
never published and never fatal; a cache that cannot be written only costs time."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from generator.base.sealed import SealedFolder, seal, unseal
from generator.data.load import load_tree
from generator.data.model import Dataset
from generator.render.charts import engine as chart_engine
from generator.render.charts import specs as chart_specs
from generator.render.charts.figures import FigureBuilder
from generator.render.charts.svgcheck import svg_problems
from generator.render.text.i18n import Language
from generator.results.view import published_view
from tests.conftest import SMALL

AS_OF = dt.date(2020, 1, 1)


@pytest.fixture(scope="module")
def small() -> Dataset:
    result = load_tree(SMALL)
    assert result.dataset is not None
    return result.dataset


def specs_of(dataset: Dataset, cache_dir: Path | None = None) -> dict[str, dict[str, object]]:
    """Every figure spec of the small tree in Norwegian, by figure path."""
    builder = FigureBuilder(published_view(dataset, AS_OF), Language("nb", "nb"),
                            cache_dir=cache_dir)
    return {figure.path: figure.spec for _, figs in builder.all() for figure in figs.values()}


@pytest.fixture(scope="module")
def fresh(small: Dataset, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[dict[str, dict[str, object]], list[bytes]]:
    """The specs and their SVGs made with no cache at all: what every cached run must give."""
    specs = specs_of(small)
    renderer = chart_engine.ChartRenderer(cache_dir=None, executor="serial")
    return specs, [image.svg for image in renderer.render(list(specs.values()))]


def test_a_sealed_entry_is_only_what_it_claims() -> None:
    stored = seal("k1", b"content")
    assert unseal("k1", stored) == b"content"
    assert unseal("k2", stored) is None  # stored under another key (a copied file)
    assert unseal("k1", stored[:-1]) is None  # truncated
    assert unseal("k1", stored.replace(b"content", b"c0ntent")) is None  # one byte changed
    assert unseal("k1", b"content") is None  # an entry written before entries were sealed


SCRIPT = b'<script>alert(1)</script>'


@pytest.mark.parametrize("damage", ["script", "handler", "foreign", "link", "truncated",
                                    "other-entry", "not-svg", "huge", "unsealed"])
def test_a_damaged_svg_is_rendered_again_and_replaced(
        fresh: tuple[dict[str, dict[str, object]], list[bytes]], tmp_path: Path,
        damage: str) -> None:
    specs, svgs = fresh
    spec_list = list(specs.values())
    renderer = chart_engine.ChartRenderer(cache_dir=tmp_path, executor="serial")
    assert [i.svg for i in renderer.render(spec_list)] == svgs
    store = SealedFolder(tmp_path / "svg", ".svg")
    key, other = chart_engine.cache_key(spec_list[0]), chart_engine.cache_key(spec_list[1])
    svg = unseal(key, store.path(key).read_bytes())
    assert svg is not None
    damaged = {
        "script": seal(key, svg.replace(b"</svg>", SCRIPT + b"</svg>")),
        "handler": seal(key, svg.replace(b"<svg ", b'<svg onload="alert(1)" ', 1)),
        "foreign": seal(key, svg.replace(b"</svg>", b"<foreignObject/></svg>")),
        "link": seal(key, svg.replace(b"</svg>",
                                      b'<image href="https://evil.example/x.png"/></svg>')),
        "truncated": store.path(key).read_bytes()[:-200],
        "other-entry": store.path(other).read_bytes(),
        "not-svg": seal(key, b"<html><body>x</body></html>"),
        "huge": seal(key, svg.replace(b'width="', b'width="9', 1)),
        "unsealed": svg,
    }[damage]
    if damage in ("script", "handler", "foreign", "link", "not-svg"):
        assert svg_problems(unseal(key, damaged) or b"")  # sealed right, refused for shape
    store.path(key).write_bytes(damaged)
    again = chart_engine.ChartRenderer(cache_dir=tmp_path, executor="serial")
    images = again.render(spec_list)
    assert [i.svg for i in images] == svgs
    assert SCRIPT not in b"".join(i.svg for i in images)
    assert (again.stats.misses, len(again.damaged)) == (1, 1)
    repaired = chart_engine.ChartRenderer(cache_dir=tmp_path, executor="serial")
    repaired.render(spec_list)
    assert (repaired.stats.misses, repaired.damaged) == (0, [])


@pytest.mark.parametrize("damage", ["null", "list", "other-spec", "not-json", "not-vega-lite",
                                    "unsealed"])
def test_a_damaged_spec_is_built_again(small: Dataset, tmp_path: Path, damage: str,
                                       fresh: tuple[dict[str, dict[str, object]], list[bytes]]
                                       ) -> None:
    specs, _ = fresh
    assert specs_of(small, tmp_path) == specs
    files = sorted((tmp_path / "specs").rglob("*.json"))
    assert len(files) == len(specs)
    target, other = files[0], files[1]
    key = target.stem
    content = unseal(key, target.read_bytes())
    assert content is not None
    target.write_bytes({
        "null": seal(key, b"null"),
        "list": seal(key, b"[]"),
        "other-spec": other.read_bytes(),
        "not-json": seal(key, content[:-10]),
        "not-vega-lite": seal(key, b'{"mark": "bar"}'),
        "unsealed": content,
    }[damage])
    before = len(chart_specs.spec_store(tmp_path).damaged)
    assert specs_of(small, tmp_path) == specs
    assert len(chart_specs.spec_store(tmp_path).damaged) == before + 1
    assert unseal(key, target.read_bytes()) == content  # made again


def test_a_cache_that_cannot_be_written_only_costs_time(
        fresh: tuple[dict[str, dict[str, object]], list[bytes]], small: Dataset,
        tmp_path: Path) -> None:
    """The cache folder cannot be made (a file stands in its place: as a read-only or
    full disk, every write fails): the charts are made all the same."""
    specs, svgs = fresh
    blocked = tmp_path / "cache"
    blocked.write_bytes(b"not a folder")
    assert specs_of(small, blocked) == specs
    renderer = chart_engine.ChartRenderer(cache_dir=blocked, executor="serial")
    assert [i.svg for i in renderer.render(list(specs.values()))] == svgs
    assert renderer._store is not None and renderer._store.unwritable == len(svgs)
    assert chart_engine.prune_cache(blocked, force=True) == 0
    shutil.rmtree(tmp_path / "nothing", ignore_errors=True)


HOSTILE = {
    "prefixed handler": (b"<svg ", b'<svg xlink:onclick="alert(1)" '),
    "handler in a child": (b"</svg>", b'<g onmouseover="x()"/></svg>'),
    "uppercase script": (b"</svg>", b"<SCRIPT>x</SCRIPT></svg>"),
    "style loads": (b"</svg>", b"<style>rect{fill:URL (https://evil.example)}</style></svg>"),
    "spelt by references": (b"</svg>", b'<g class="&#106;avascript&#58;x"/></svg>'),
    "foreign namespace": (b"</svg>", b'<x:g xmlns:x="urn:x"/></svg>'),
    "default namespace undone": (b"</svg>", b'<g xmlns=""/></svg>'),
    "xlink link": (b"</svg>", b'<a xlink:href="https://evil.example">x</a></svg>'),
    "animation": (b"</svg>", b'<animateTransform attributeName="x"/></svg>'),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_the_quick_svg_check_refuses_what_the_full_one_refuses(
        fresh: tuple[dict[str, dict[str, object]], list[bytes]], name: str) -> None:
    """Most chart SVGs are checked by Expat alone (no tree is built); each hostile
    variant must still be refused, as the element-by-element check refuses it."""
    from generator.render.charts import svgcheck

    svg = fresh[1][0]
    assert svg_problems(svg) == [] and svgcheck._element_problems(svg) == []
    old, new = HOSTILE[name]
    assert old in svg
    hostile = svg.replace(old, new, 1)
    assert svg_problems(hostile), name
    assert svgcheck._element_problems(hostile) or name == "spelt by references"


def test_the_spec_cache_key_covers_every_chart_module_a_kind_imports() -> None:
    """A cached spec is read back only while the code that made it is the same: every
    module of generator/render/charts that the chart kinds import is part of the spec
    cache's code version (a change to it makes every spec be built again)."""
    import ast

    from tests.conftest import REPO

    charts_dir = REPO / "generator" / "render" / "charts"
    covered = {Path(m.__file__ or "").name for m in chart_specs.SPEC_CODE} | {"specs.py"}
    for kind_module in ("kinds.py", "strategy_kinds.py"):
        tree = ast.parse((charts_dir / kind_module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "generator.render.charts":
                names = {f"{a.name}.py" for a in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(
                    "generator.render.charts."):
                names = {f"{(node.module or '').rsplit('.', 1)[1]}.py"}
            else:
                continue
            assert names <= covered | {kind_module}, (kind_module, names - covered)
