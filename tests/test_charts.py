"""Charts: golden Vega-Lite specs per chart kind, consent, formats, cache and determinism.

Golden specs live in tests/golden/charts/<lang>/<kind>.vl.json. After an intended change,
regenerate them with ``UPDATE_GOLDEN=1 pytest tests/test_charts.py`` and review the diff.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.data.load import load_tree
from generator.data.model import Dataset
from generator.data.schema import LIGHTS
from generator.render.charts import engine as chart_engine
from generator.render.charts import figures, formats, palette, specs, vlconvert
from generator.render.charts import kinds as charts
from generator.render.charts.figures import Figure, FigureBuilder
from generator.render.pages.builders import SiteRenderer
from generator.render.text.i18n import Language
from generator.results.view import published_view
from tests.conftest import DATA, REPO, SMALL
from tests.golden import check_golden
from tests.svgrefs import external_references, urls

GOLDEN = REPO / "tests" / "golden" / "charts"
AS_OF = dt.date(2020, 1, 1)
KINDS = ("cluster-lights", "cluster-timeline", "forum-scorecard", "forum-matrix",
         "forum-labels", "indicator-standing", "home-labels")
GOLDEN_FIGURES = {  # chart kind -> (page kind, id, chart name) in the small tree
    "cluster-lights": ("cluster", "nordlys-klynge", "lights"),
    "cluster-timeline": ("cluster", "nordlys-klynge", "timeline"),
    "forum-scorecard": ("forum", "polar", "scorecard"),
    "forum-matrix": ("forum", "polar", "matrix"),
    "forum-labels": ("forum", "polar", "labels"),
    "indicator-standing": ("indicator", "1.1", "standing"),
    "home-labels": ("home", "", "labels"),
}


def load(tree: Path) -> Dataset:
    result = load_tree(tree)
    assert result.dataset is not None, [p.format() for p in result.errors]
    return result.dataset


def all_figures(dataset: Dataset, code: str, as_of: dt.date = AS_OF, *,
                validate: bool = False) -> dict[tuple[str, str], dict[str, Figure]]:
    builder = FigureBuilder(published_view(dataset, as_of), Language(code, dataset.languages[0]),
                            validate=validate)
    return dict(builder.all())


@pytest.fixture(scope="module")
def small() -> Dataset:
    return load(SMALL)


@pytest.fixture(scope="module")
def small_figures(small: Dataset) -> dict[str, dict[tuple[str, str], dict[str, Figure]]]:
    """Every figure of the small tree in both languages, each spec checked against the
    Vega-Lite schema."""
    return {code: all_figures(small, code, validate=True) for code in small.languages}


# --- golden specs ---------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("kind", KINDS)
def test_spec_matches_golden(small_figures: dict[str, dict[tuple[str, str], dict[str, Figure]]],
                             language: str, kind: str) -> None:
    """One figure of each chart kind per language, its Vega-Lite spec as reviewed."""
    page, item, name = GOLDEN_FIGURES[kind]
    figure = small_figures[language][(page, item)][name]
    assert figure.kind == kind
    actual = specs.spec_json(figure.spec).decode()
    golden = GOLDEN / language / f"{kind}.vl.json"
    check_golden(golden, actual)


def test_every_chart_kind_is_drawn(small_figures: dict[str, dict[tuple[str, str],
                                                                 dict[str, Figure]]]) -> None:
    kinds = {f.kind for page in small_figures["en"].values() for f in page.values()}
    assert kinds == set(KINDS)


def test_same_chart_paths_in_every_language(small_figures: dict[str, dict[tuple[str, str],
                                                                          dict[str, Figure]]]
                                            ) -> None:
    paths = {code: sorted(f.path for page in pages.values() for f in page.values())
             for code, pages in small_figures.items()}
    assert paths["nb"] == paths["en"]
    assert "charts/cluster/nordlys-klynge/lights" in paths["en"]


# --- consent --------------------------------------------------------------------------------


def change_lights(tree: Path, *, publishing: bool) -> int:
    """Turn every light of the (non-)publishing clusters to another one; how many changed."""
    turn = {"green": "red", "red": "yellow", "yellow": "green", "n/a": "green"}
    changed = 0
    for cluster in sorted(tree.glob("clusters/*/cluster.yaml")):
        data = yaml.safe_load(cluster.read_text(encoding="utf-8"))
        if bool(data.get("publish_indicators")) != publishing:
            continue
        for path in sorted(cluster.parent.glob("assessments/*.yaml")):
            assessment = yaml.safe_load(path.read_text(encoding="utf-8"))
            assessment["lights"] = {k: turn[v] for k, v in assessment["lights"].items()}
            assessment["score_percent"] = 12
            changed += len(assessment["lights"])
            path.write_text(yaml.safe_dump(assessment, allow_unicode=True, sort_keys=False),
                            encoding="utf-8")
    return changed


def published(dataset: Dataset, as_of: dt.date) -> dict[str, tuple[object, ...]]:
    """Everything the figures of both languages publish, by path."""
    out: dict[str, tuple[object, ...]] = {}
    for code in dataset.languages:
        for page in all_figures(dataset, code, as_of).values():
            for f in page.values():
                out[f"{code}/{f.path}"] = (specs.canonical_json(f.spec), f.title, f.caption,
                                           f.alt, f.columns, f.rows,
                                           f.frame.to_csv(index=False))
    return out


@pytest.mark.parametrize("tree", [SMALL, DATA], ids=["small", "data"])
def test_unpublished_lights_change_no_chart(tree: Path, tmp_path: Path) -> None:
    """Changing every light of every non-publishing cluster changes no chart, table, text
    or CSV: their results reach no share, count, cell or matrix. (The spec decides the
    SVG, so equal specs are equal images.)"""
    as_of = dt.date(2026, 11, 23)
    before = published(load(tree), as_of)
    copy = tmp_path / "data"
    shutil.copytree(tree, copy)
    assert change_lights(copy, publishing=False) > 0
    assert published(load(copy), as_of) == before


def test_published_lights_do_change_charts(tmp_path: Path) -> None:
    """The check above can fail: a publishing cluster's lights do reach the charts."""
    as_of = dt.date(2026, 11, 23)
    before = published(load(SMALL), as_of)
    copy = tmp_path / "data"
    shutil.copytree(SMALL, copy)
    assert change_lights(copy, publishing=True) > 0
    after = published(load(copy), as_of)
    changed = {path for path in before if after.get(path) != before[path]}
    assert "en/charts/forum/polar/scorecard" in changed
    assert "en/charts/forum/polar/matrix" in changed
    assert "en/charts/cluster/nordlys-klynge/lights" in changed
    assert "en/charts/indicator/1.1/standing" in changed


def test_non_publishing_cluster_has_a_timeline_but_no_lights(small: Dataset) -> None:
    pages = all_figures(small, "en")
    assert not small.clusters["fjord-tech"].publish_indicators
    assert set(pages[("cluster", "fjord-tech")]) == {"timeline"}
    assert set(pages[("cluster", "nordlys-klynge")]) == {"lights", "timeline"}
    timeline = pages[("cluster", "fjord-tech")]["timeline"]
    assert "lights" not in json.dumps(timeline.spec)  # dates and kinds only
    rows = timeline.frame.to_dict("records")
    assert {r["what"] for r in rows} == {"label", "benchmarking", "as-of"}


def test_aggregates_say_what_they_cover(small: Dataset) -> None:
    """Scorecard and matrix: publishing current members only, "N of M member clusters"."""
    forum = all_figures(small, "en")[("forum", "polar")]
    # Polar has three members (Nordlys Klynge, Kyst Energi, Havbris); Fjord Tech left in
    # 2018 and never published. Only Nordlys Klynge publishes and has been benchmarked:
    # Havbris, benchmarked twice, does not publish.
    assert "1 of 3 member clusters" in forum["scorecard"].caption
    assert "1 of 3 member clusters" in forum["matrix"].caption
    assert set(forum["matrix"].frame["cluster_id"]) == {"nordlys-klynge"}
    groups = set(forum["scorecard"].frame["group"])
    assert "Cluster Forum Polar: 1 of 3 member clusters" in groups


# --- language and formats -------------------------------------------------------------------


def test_number_and_time_locales() -> None:
    nb = formats.number_locale("nb")
    assert (nb["decimal"], nb["thousands"], nb["percent"]) == (",", "\u00a0", "\u00a0%")
    en = formats.number_locale("en")
    assert (en["decimal"], en["thousands"], en["percent"]) == (".", ",", "%")
    assert formats.time_locale("nb")["months"][0] == "januar"
    assert formats.time_locale("nb")["days"][0] == "søndag"  # d3 weeks start on Sunday
    assert formats.time_locale("en")["months"][8] == "September"


def svg_texts(svg: bytes) -> list[str]:
    return re.findall(r">([^<>]+)</text>", svg.decode())


@pytest.fixture(scope="module")
def rendered(small_figures: dict[str, dict[tuple[str, str], dict[str, Figure]]],
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, chart_engine.SvgImage]:
    """Every chart of the small tree rendered once (both languages), by language/path."""
    renderer = chart_engine.ChartRenderer(cache_dir=tmp_path_factory.mktemp("cache"),
                                    executor="serial")
    every = {f"{code}/{f.path}": f for code, pages in small_figures.items()
             for page in pages.values() for f in page.values()}
    return dict(zip(every, renderer.render([f.spec for f in every.values()]), strict=True))


def test_svg_text_is_in_the_page_language(rendered: dict[str, chart_engine.SvgImage]) -> None:
    nb = svg_texts(rendered["nb/charts/forum/polar/scorecard"].svg)
    en = svg_texts(rendered["en/charts/forum/polar/scorecard"].svg)
    assert "50\u00a0%" in nb and "50%" in en  # d3-format with the nb locale: 50 %
    assert "100\u00a0%" in nb and "100%" in en
    assert any("Grønn" in t for t in nb) and any("Green" in t for t in en)
    timeline_nb = svg_texts(rendered["nb/charts/cluster/nordlys-klynge/timeline"].svg)
    assert "1. januar 2020" in timeline_nb  # the as-of date, as the page writes it


def test_svgs_load_nothing(rendered: dict[str, chart_engine.SvgImage]) -> None:
    for path, image in rendered.items():
        assert external_references(image.svg) == [], path
        assert urls(image.svg) == [], path
        assert image.width > 0 and image.height > 0


def test_figure_files_and_svg_title(small_figures: dict[str, dict[tuple[str, str],
                                                                  dict[str, Figure]]],
                                    rendered: dict[str, chart_engine.SvgImage]) -> None:
    figure = small_figures["en"][("cluster", "nordlys-klynge")]["lights"]
    files = figure.files(rendered[f"en/{figure.path}"])
    assert set(files) == {f"{figure.path}.svg", f"{figure.path}.vl.json", f"{figure.path}.csv"}
    assert f"<title>{figure.title}</title>".encode() in files[f"{figure.path}.svg"]
    assert json.loads(files[f"{figure.path}.vl.json"]) == figure.spec
    header = files[f"{figure.path}.csv"].decode().splitlines()[0]
    assert header.split(",")[:3] == ["area_id", "area", "date"]


# --- palette ---------------------------------------------------------------------------------


def test_site_css_uses_the_palette() -> None:
    """docs/assets/stylesheets/site.css declares the palette of
    generator/render/charts/palette.py."""
    css = (REPO / "docs" / "assets" / "stylesheets" / "site.css").read_text(encoding="utf-8")
    root = re.search(r":root\s*\{([^}]*)\}", css)
    assert root is not None
    declared = dict(re.findall(r"--kf-([\w-]+):\s*([^;]+);", root.group(1)))
    for light, colour in palette.LIGHT_COLOURS.items():
        assert declared["na" if light == "n/a" else light].lower() == colour
    for level, colour in palette.LEVEL_COLOURS.items():
        assert declared[level].lower() == colour
    slate = re.search(r'\[data-md-color-scheme="slate"\]\s*\{([^}]*)\}', css)
    assert slate is not None
    dark = dict(re.findall(r"--kf-([\w-]+):\s*([^;]+);", slate.group(1)))
    for level, colour in palette.LEVEL_COLOURS_DARK.items():
        assert dark[level].lower() == colour
    for light, colour in palette.LIGHT_TEXT_BACKGROUNDS.items():
        assert re.search(rf"\.kf-light--{light}\s*\{{\s*background:\s*{colour};", css), light
    for light, glyph in palette.LIGHT_GLYPHS.items():
        css_name = "na" if light == "n/a" else light
        assert re.search(rf'\.kf-light--{css_name}::before\s*\{{\s*content:\s*"{glyph}";',
                         css), light


def test_charts_use_the_palette(small_figures: dict[str, dict[tuple[str, str],
                                                              dict[str, Figure]]]) -> None:
    spec = small_figures["en"][("forum", "polar")]["matrix"].spec
    scale = spec["spec"]["layer"][0]["encoding"]["color"]["scale"]
    assert scale["range"] == [palette.LIGHT_COLOURS[c] for c in LIGHTS]
    assert scale["domain"][0] == "● Green"  # the badge's glyph goes with the word
    assert spec["config"]["background"] == palette.CHART_BACKGROUND


# --- labels held over time ------------------------------------------------------------------


def test_labels_held_counts_each_cluster_once_at_its_highest_level(small: Dataset) -> None:
    held = published_view(small, dt.date(2026, 11, 23)).labels_held
    as_dict = {day.isoformat(): counts for day, counts in held}
    # Fjord Tech: bronze 2016 (year: from 1 January 2016, 24 months: to the end of 2018);
    # Nordlys Klynge: bronze 2016-09 to 2018-09, silver 2018-06-15 to 2020-06.
    assert as_dict["2016-01-01"] == {"bronze": 1}
    assert as_dict["2016-09-01"] == {"bronze": 2}
    assert as_dict["2018-06-15"] == {"bronze": 1, "silver": 1}
    assert as_dict["2019-01-01"] == {"silver": 1}
    assert as_dict["2020-07-01"] == {}
    assert held[-1][0] == dt.date(2026, 11, 23)


# --- cache, parallel rendering, determinism -------------------------------------------------


def test_second_render_of_a_spec_does_not_call_vl_convert(
        small_figures: dict[str, dict[tuple[str, str], dict[str, Figure]]],
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = vlconvert._render_one

    def counting(spec_text: str) -> str:
        calls.append(spec_text)
        return real(spec_text)

    monkeypatch.setattr(vlconvert, "_render_one", counting)
    spec = small_figures["en"][("indicator", "1.1")]["standing"].spec
    first = chart_engine.ChartRenderer(cache_dir=tmp_path, executor="serial").render([spec])
    assert len(calls) == 1
    again = chart_engine.ChartRenderer(cache_dir=tmp_path, executor="serial")
    second = again.render([spec, spec])
    assert len(calls) == 1 and again.stats.hits == 1 and again.stats.misses == 0
    assert second[0] == second[1] == first[0]


def test_cache_key_covers_locale_and_converter(small_figures: dict[str, dict[tuple[str, str],
                                                                             dict[str, Figure]]],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    nb = small_figures["nb"][("indicator", "1.1")]["standing"].spec
    key = chart_engine.cache_key(nb)
    relocated = json.loads(json.dumps(nb))
    relocated["config"]["locale"] = formats.chart_config("en")["locale"]
    assert chart_engine.cache_key(relocated) != key
    monkeypatch.setattr(chart_engine, "vl_convert_version", lambda: "0.0.0")
    assert chart_engine.cache_key(nb) != key


def test_spec_cache_gives_the_same_spec(small: Dataset, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    language = Language("nb", "nb")
    built = dict(FigureBuilder(published_view(small, AS_OF), language, cache_dir=tmp_path).all())
    monkeypatch.setattr(charts, "finish", lambda *a, **k: pytest.fail("built again"))
    cached = dict(FigureBuilder(published_view(small, AS_OF), language, cache_dir=tmp_path).all())
    for page, figs in built.items():
        for name, figure in figs.items():
            assert cached[page][name].spec == figure.spec


def test_compiled_templates_give_the_same_svgs(
        small_figures: dict[str, dict[tuple[str, str], dict[str, Figure]]]) -> None:
    """Rendering through a compiled template (the rows put into a Vega spec compiled for
    another chart of the same shape) gives the SVG vl-convert gives from the Vega-Lite."""
    vl_convert = vlconvert._vl_convert()
    texts = [specs.canonical_json(f.spec) for pages in small_figures.values()
             for page in pages.values() for f in page.values()]
    for text in texts + texts:  # the second time from the templates of the first
        direct = vl_convert.vegalite_to_svg(text, vl_version=vlconvert.VL_VERSION,
                                            allowed_base_urls=[])
        assert vlconvert._render_one(text) == direct
    for pages in small_figures.values():
        for page in pages.values():
            for figure in page.values():
                if figure.kind == "cluster-lights":  # one template for clusters alike:
                    template = specs.canonical_json({**figure.spec, "data": {},
                                                      "description": ""})
                    for date in set(figure.frame["benchmarking"]):  # no dates but the rows'
                        assert json.dumps(date, ensure_ascii=False) not in template


def test_fonts_of_vl_convert_leave_the_environment_as_it_was() -> None:
    before = os.environ.get("FONTCONFIG_FILE")
    vlconvert._vl_convert()
    assert os.environ.get("FONTCONFIG_FILE") == before


def spec_nodes(spec: object) -> list[dict[str, object]]:
    """Every object in a spec, depth first."""
    found: list[dict[str, object]] = []
    if isinstance(spec, dict):
        found.append(spec)
        for value in spec.values():
            found.extend(spec_nodes(value))
    elif isinstance(spec, list):
        for value in spec:
            found.extend(spec_nodes(value))
    return found


def test_charts_are_cheap_to_render(small_figures: dict[str, dict[tuple[str, str],
                                                                  dict[str, Figure]]]) -> None:
    """What makes vl-convert slow (generator/render/charts/kinds.py, "Rendering cost") stays
    out: the many charts of clusters and indicators are single views, no label has a pixel limit
    (each would be measured again), and no text mark draws a glyph per cell or bar."""
    for pages in small_figures.values():
        for page in pages.values():
            for figure in page.values():
                nodes = spec_nodes(figure.spec)
                if figure.kind in ("cluster-lights", "cluster-timeline", "indicator-standing",
                                   "forum-scorecard", "forum-labels", "home-labels"):
                    assert "facet" not in figure.spec, figure.path
                for node in nodes:
                    for limit in ("labelLimit", "titleLimit"):
                        assert node.get(limit, 0) == 0, (figure.path, node)
                marks = [n.get("mark") for n in nodes if "mark" in n]
                texts = [m for m in marks if m == "text" or (
                    isinstance(m, dict) and m.get("type") == "text")]
                assert len(texts) <= 1, figure.path


def test_process_pool_gives_the_same_svgs(rendered: dict[str, chart_engine.SvgImage],
                                          small_figures: dict[str, dict[tuple[str, str],
                                                                        dict[str, Figure]]],
                                          tmp_path: Path) -> None:
    """Parallel rendering (worker processes) gives byte-identical SVGs to serial rendering."""
    pages = small_figures["en"]
    figs = [pages[("indicator", i)]["standing"] for i in ("1.1", "1.2", "2.1")]
    renderer = chart_engine.ChartRenderer(cache_dir=tmp_path, executor="process", workers=2,
                                    min_parallel=2)
    images = renderer.render([f.spec for f in figs])
    assert renderer.stats.misses == 3
    for figure, image in zip(figs, images, strict=True):
        assert image.svg == rendered[f"en/{figure.path}"].svg


def test_rendering_is_deterministic(small: Dataset, tmp_path: Path) -> None:
    """Two renderers (separate caches) on the same data and as-of date: identical files."""
    outputs = []
    for run in ("a", "b"):
        renderer = SiteRenderer(published_view(small, AS_OF), Language("nb", "nb"),
                                chart_renderer=chart_engine.ChartRenderer(
                                    cache_dir=tmp_path / run, executor="serial"))
        renderer.prepare_charts()
        outputs.append(renderer.chart_files)
    assert outputs[0] == outputs[1]
    assert any(path.endswith(".svg") for path in outputs[0])


# --- links from pages ------------------------------------------------------------------------


@pytest.mark.parametrize(("page", "depth"), [
    ("index.md", 0), ("labels.md", 1), ("forums/index.md", 1), ("clusters/x.md", 2),
    ("indicators/1.1.md", 2),
])
def test_page_url_depth(page: str, depth: int) -> None:
    assert figures.page_url_depth(page) == depth


def test_figure_view_links(small_figures: dict[str, dict[tuple[str, str], dict[str, Figure]]],
                           rendered: dict[str, chart_engine.SvgImage]) -> None:
    figure = small_figures["en"][("cluster", "nordlys-klynge")]["lights"]
    view = figures.view(figure, rendered[f"en/{figure.path}"], "clusters/nordlys-klynge.md")
    assert view.src == "../../charts/cluster/nordlys-klynge/lights.svg"  # from the page URL
    assert view.csv_href == "../charts/cluster/nordlys-klynge/lights.csv"  # from the .md file
    home = figures.view(figure, rendered[f"en/{figure.path}"], "index.md")
    assert home.src == "charts/cluster/nordlys-klynge/lights.svg"


@pytest.mark.slow
def test_chart_templates_give_what_altair_gives(small: Dataset, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """The per-cluster chart kinds are made by Altair once per shape (specs._template):
    every spec of the default data, the small tree and a varied synthetic tree, in both
    languages (each on one of two dates, so both dates are covered too), equals the spec
    Altair makes for that chart alone."""
    from bench.synth import write_tree

    write_tree(tmp_path / "synth", clusters=40, forums=4)
    trees = [load(DATA), small, load(tmp_path / "synth")]
    shared = 0
    for dataset in trees:
        first, last = dataset.languages[0], dataset.languages[-1]
        assert first != last
        for as_of, code in ((AS_OF, first), (dt.date(2026, 11, 23), last)):
            specs._TEMPLATES.clear()
            templated = all_figures(dataset, code, as_of)
            made = sum(1 for figs in templated.values() for name in figs
                       if name in ("lights", "timeline"))
            shared += made - len(specs._TEMPLATES)
            with monkeypatch.context() as patch:
                patch.setattr(charts, "SHAPES", {})
                direct = all_figures(dataset, code, as_of)
            assert templated.keys() == direct.keys()
            for page, figs in direct.items():
                for name, figure in figs.items():
                    assert templated[page][name].spec == figure.spec, (page, name)
    assert shared > 100  # templates were shared: the comparison covers reuse


def test_cache_files_unused_for_a_month_are_pruned(tmp_path: Path) -> None:
    """Used cache files are touched; those unused for 30 days (and stale temporary files)
    are removed, at most once a day; a pruned chart is simply rendered again."""
    import time

    spec = {"data": {"values": [{"x": 1}]}, "mark": "point",
            "encoding": {"x": {"field": "x", "type": "quantitative"}}}
    renderer = chart_engine.ChartRenderer(cache_dir=tmp_path, executor="serial")
    renderer.render([spec])
    svg = next((tmp_path / "svg").rglob("*.svg"))
    old = time.time() - 31 * 24 * 3600
    stale = svg.parent / "0" / "stale.svg"
    stale.parent.mkdir()
    stale.write_text("x")
    leftover = svg.parent / ".tmp-abc.svg"
    leftover.write_text("x")
    for path in (svg, stale, leftover):
        os.utime(path, (old, old))
    chart_engine.ChartRenderer(cache_dir=tmp_path, executor="serial").render([spec])  # a hit
    assert svg.stat().st_mtime > old + 24 * 3600  # touched by the use
    assert chart_engine.prune_cache(tmp_path) == 2
    assert svg.exists() and not stale.exists() and not leftover.exists()
    stale.write_text("x")
    os.utime(stale, (old, old))
    assert chart_engine.prune_cache(tmp_path) == 0  # pruned today already
    assert chart_engine.prune_cache(tmp_path, force=True) == 1
