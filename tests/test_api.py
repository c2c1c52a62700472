"""The open data under /api/v1/ (issue 10): every file validates against its published
schema, ids and dates are the data's own, consent holds in every file kind, the build
serves the files once at the site root, and the Open data page documents every field."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jsonschema
import pytest

from generator.data.load import load_tree
from generator.data.model import Dataset
from generator.render.opendata import api, clusters, index
from generator.render.opendata.schema import API_KINDS, schema_of
from generator.results.view import published_view
from tests.conftest import DATA, REPO, SMALL
from tests.sites import built

AS_OF = dt.date(2026, 11, 23)
TREES = [pytest.param(DATA, id="data")]
if SMALL.is_dir():
    TREES.append(pytest.param(SMALL, id="small"))
STRATEGY = REPO / "tests" / "fixtures" / "strategy"
TREES.append(pytest.param(STRATEGY, id="strategy"))
LIGHTS = {"green", "yellow", "red", "n/a"}


def dataset(data_dir: Path) -> Dataset:
    result = load_tree(data_dir)
    assert result.dataset is not None, [p.format() for p in result.errors]
    return result.dataset


def kind_of(path: str) -> str | None:
    """The schema kind of an API file by its path (None for lights.csv and the schemas)."""
    rel = path.removeprefix(api.PREFIX)
    if rel == "index.json":
        return "index"
    folder = rel.split("/")[0]
    return {"forums": "forum", "clusters": "cluster", "indicators": "indicator",
            "surveys": "survey"}.get(folder)


def validator(files: dict[str, bytes], kind: str) -> jsonschema.Draft202012Validator:
    """A validator from the schema as published in the files themselves."""
    schema = json.loads(files[f"{api.PREFIX}schema/{kind}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def documents(files: dict[str, bytes]) -> dict[str, Any]:
    return {path: json.loads(content) for path, content in files.items()
            if path.endswith(".json") and "/schema/" not in path}


@pytest.fixture(scope="module", params=TREES)
def tree_files(request: pytest.FixtureRequest) -> tuple[Dataset, dict[str, bytes]]:
    data = dataset(request.param)
    return data, api.api_files(published_view(data, AS_OF))


# --- schema -----------------------------------------------------------------------------------


def test_every_api_file_validates_against_its_published_schema(
        tree_files: tuple[Dataset, dict[str, bytes]]) -> None:
    _, files = tree_files
    checked = 0
    for path, document in documents(files).items():
        kind = kind_of(path)
        assert kind is not None, path
        errors = [f"{path}: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                  for e in validator(files, kind).iter_errors(document)]
        assert errors == []
        checked += 1
    assert checked >= 4


def test_the_schemas_are_the_generated_ones() -> None:
    files = api.api_files(published_view(dataset(DATA), AS_OF))
    for kind in API_KINDS:
        published = json.loads(files[f"{api.PREFIX}schema/{kind}.schema.json"])
        assert published == schema_of(kind)
        assert published["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_refuses_a_non_publishing_cluster_file_with_results() -> None:
    data = dataset(DATA)
    files = api.api_files(published_view(data, AS_OF))
    quiet = next(c for c in data.clusters.values() if not c.publish_indicators and c.assessments)
    document = json.loads(files[f"{api.PREFIX}clusters/{quiet.id}.json"])
    check = validator(files, "cluster")
    assert check.is_valid(document)
    leaking = json.loads(json.dumps(document))
    leaking["assessments"][0]["lights"] = dict(quiet.assessments[0].lights)
    assert not check.is_valid(leaking)
    scored = json.loads(json.dumps(document))
    scored["assessments"][0]["score_percent"] = 12
    assert not check.is_valid(scored)
    flipped = json.loads(json.dumps(document))
    flipped["illustrative"] = True
    assert not check.is_valid(flipped)


def test_the_build_refuses_a_document_that_breaks_its_schema(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Each document is made as its model: a withheld benchmarking given a light (a bug in
    the open data's code) stops the build, naming the file."""
    data = dataset(DATA)
    view = published_view(data, AS_OF)
    assert any(not c.publishes and c.assessments for c in view.clusters.values())

    def leaky(assessment: Any) -> dict[str, Any]:
        return {"date": assessment.date.isoformat(), "kind": assessment.kind,
                "lights": {"1.1.0": "green"}}

    monkeypatch.setattr(clusters, "_withheld_assessment", leaky)
    with pytest.raises(api.ApiShapeError, match="clusters/"):
        api.api_files(view)


# --- the index --------------------------------------------------------------------------------


def test_index_lists_every_file_and_nothing_else(
        tree_files: tuple[Dataset, dict[str, bytes]]) -> None:
    data, files = tree_files
    index = json.loads(files[f"{api.PREFIX}index.json"])
    listed = {api.PREFIX + entry["path"] for entry in index["files"]}
    assert listed == set(files)
    for entry in index["files"]:
        if entry["schema"] is not None:
            assert api.PREFIX + entry["schema"] in files
    assert [c["id"] for c in index["clusters"]] == list(data.clusters)
    assert [i["id"] for i in index["indicators"]] == [i.id for i in data.catalogue.indicators]
    assert {f"{api.PREFIX}{x['path']}" for x in index["forums"]} <= set(files)


def test_files_are_deterministic_sorted_and_end_with_a_newline() -> None:
    data = dataset(DATA)
    first = api.api_files(published_view(data, AS_OF))
    second = api.api_files(published_view(data, AS_OF))
    assert first == second
    for path, content in first.items():
        assert content.endswith(b"\n") and b"\r" not in content, path
        if path.endswith(".json"):
            document = json.loads(content)
            assert content.decode("utf-8") == json.dumps(
                document, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


# --- ids, codes and dates at their own precision ----------------------------------------------


def unsourced(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records without their certainty and sources (tests/test_api_certainty.py checks
    those), so that a source added to the data leaves these tests as they are."""
    return [{k: v for k, v in r.items() if k not in ("certainty", "sources")}
            for r in records]



def test_ids_codes_and_dates_are_the_datas_own() -> None:
    files = documents(api.api_files(published_view(dataset(DATA), AS_OF)))
    mineral = files[f"{api.PREFIX}clusters/mineralklynge-norge.json"]
    assert [(x["level"], x["awarded"], x["valid_until"]) for x in mineral["labels"]] == [
        ("bronze", "2014", "2016"), ("bronze", "2016-09", "2018-09"),
        ("silver", "2017-06-15", "2019-06-15")]
    assert unsourced(mineral["programme"]) == [
        {"level": "arena", "from": "2012-06-14", "to": "2017-09"}]
    assert mineral["former_names"] == ["Mineralklynge Nord"]
    assert mineral["sector"] == {"nb": "Mineralnæring", "en": "Minerals industry"}
    assert unsourced(mineral["forums"]) == [
        {"forum": "nordland", "joined": "2016", "left": None, "current": True}]
    assert {e["date"] for e in mineral["events"]} >= {"2016", "2017-02", "2017-03-28"}
    first = dataset(DATA).clusters["mineralklynge-norge"].assessments[0].date
    assert mineral["assessments"][0]["date"] == first.isoformat()  # at its own precision
    assert "1.1.0" in mineral["assessments"][0]["lights"]
    nordland = files[f"{api.PREFIX}forums/nordland.json"]
    assert nordland["established"] == "2016"
    assert nordland["joint_actions"][0]["indicators"] == ["4.6.1", "4.6.2"]
    assert nordland["joint_actions"][0]["started"] == "2017-04-20"
    biotech = files[f"{api.PREFIX}clusters/biotech-north.json"]
    assert biotech["labels"][0]["awarded"] == "2017"
    assert biotech["labels"][0]["valid_until"] == "2019"
    assert biotech["labels"][0]["valid_until_computed"] is True
    indicator = files[f"{api.PREFIX}indicators/4.6.1.json"]
    assert indicator["id"] == "4.6.1" and indicator["area"] == "4"
    for document in files.values():
        assert document["schema_version"] == 1
        assert document["as_of"] == "2026-11-23"


def test_illustrative_figures_say_so() -> None:
    files = documents(api.api_files(published_view(dataset(DATA), AS_OF)))
    mineral = files[f"{api.PREFIX}clusters/mineralklynge-norge.json"]
    assert mineral["illustrative"] is True
    assert all(a["illustrative"] for a in mineral["assessments"])
    assert files[f"{api.PREFIX}forums/nordland.json"]["scorecard"]["illustrative"] is True
    index = files[f"{api.PREFIX}index.json"]
    assert all(g["illustrative"] for g in index["peer_groups"])


# --- consent in every file kind ---------------------------------------------------------------


def test_a_non_publishing_clusters_assessments_have_only_date_and_kind(
        tree_files: tuple[Dataset, dict[str, bytes]]) -> None:
    data, files = tree_files
    quiet = [c for c in data.clusters.values() if not c.publish_indicators and c.assessments]
    assert quiet, "the tree needs a non-publishing cluster with assessments"
    for cluster in quiet:
        text = files[f"{api.PREFIX}clusters/{cluster.id}.json"].decode("utf-8")
        document = json.loads(text)
        assert document["publish_indicators"] is False
        assert document["assessments"] == [
            {"date": a.date.isoformat(), "kind": a.kind} for a in cluster.assessments]
        for word in ('"lights"', '"score_percent"', '"changes"', '"improvements"',
                     '"counts"', '"green"', '"yellow"', '"red"', '"n/a"'):
            assert word not in text, f"{cluster.id}: {word}"
        if document["next_label"] is not None:
            for condition in document["next_label"]["conditions"]:
                if condition["name"] in ("documented_improvements", "min_score_percent"):
                    assert condition["withheld"] is True and condition["actual"] is None


def test_non_publishing_clusters_are_in_no_aggregate_nor_the_csv(
        tree_files: tuple[Dataset, dict[str, bytes]]) -> None:
    data, files = tree_files
    quiet = {c.id for c in data.clusters.values() if not c.publish_indicators}
    rows = list(csv.DictReader(io.StringIO(files[f"{api.PREFIX}lights.csv"].decode())))
    assert not {r["cluster"] for r in rows} & quiet
    for path, document in documents(files).items():
        if kind_of(path) == "indicator":
            assert not {r["cluster"] for r in document["clusters"]} & quiet, path
        if kind_of(path) == "forum":
            assert not set(document["scorecard"]["covered_clusters"]) & quiet, path


def test_the_csv_has_every_published_light_sorted() -> None:
    data = dataset(DATA)
    text = api.lights_csv(published_view(data, AS_OF)).decode("utf-8")
    lines = text.split("\n")
    assert lines[0] == "cluster,date,indicator,light,illustrative,certainty"
    assert text.endswith("\n") and "\r" not in text
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = sum(len(a.lights) for c in data.clusters.values() if c.publish_indicators
                   for a in c.assessments)
    assert len(rows) == expected > 0
    order = {i.id: n for n, i in enumerate(data.catalogue.indicators)}
    keys = [(r["cluster"], r["date"], order[r["indicator"]]) for r in rows]
    assert keys == sorted(keys)
    assert {r["light"] for r in rows} <= LIGHTS
    assert {r["illustrative"] for r in rows} <= {"true", "false"}


# --- labels: status values, next label null above gold (a tiny tree) --------------------------


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def tiny_tree(root: Path) -> Path:
    write(root / "site.yaml", "schema_version: 1\ntitle: Tiny\nlanguages: [nb, en]\n")
    write(root / "indicators.yaml", (
        'schema_version: 1\nareas:\n  - {id: "1", name: Area}\n'
        'indicators:\n  - {id: "1.1", area: "1", name: One}\n'))
    write(root / "rules.yaml", (
        "schema_version: 1\nlabels:\n  bronze: {valid_months: 24}\n"
        "  silver:\n    valid_months: 24\n    requires: {bronze_benchmarkings: 2, "
        "min_months_between: 12, documented_improvements: 3}\n"
        "  gold:\n    valid_months: 36\n    requires: {min_score_percent: 80}\n"
        "expiring_months: 6\n"))
    write(root / "clusters" / "gilded" / "cluster.yaml", (
        "schema_version: 1\nid: gilded\nname: Gilded\nsector: Gold\n"
        "labels:\n"
        "  - {level: bronze, awarded: 2020-01}\n"            # until 2022-01: expired
        "  - {level: silver, awarded: 2022-06-01, valid_until: 2024-06}\n"  # expiring
        "  - {level: gold, awarded: 2024-01}\n"))            # until 2027-01: valid
    write(root / "clusters" / "fresh" / "cluster.yaml",
          "schema_version: 1\nid: fresh\nname: Fresh\nsector: New\n")
    return root


def test_label_status_values_and_no_next_label_above_gold(tmp_path: Path) -> None:
    data = dataset(tiny_tree(tmp_path / "tiny"))
    files = api.api_files(published_view(data, dt.date(2024, 3, 1)))
    gilded = json.loads(files[f"{api.PREFIX}clusters/gilded.json"])
    assert [(x["level"], x["valid_until"], x["status"]) for x in gilded["labels"]] == [
        ("bronze", "2022-01", "expired"), ("silver", "2024-06", "expiring"),
        ("gold", "2027-01", "valid")]
    assert gilded["current_label"]["level"] == "gold"
    assert gilded["next_label"] is None
    fresh = json.loads(files[f"{api.PREFIX}clusters/fresh.json"])
    assert fresh["labels"] == [] and fresh["current_label"] is None
    assert fresh["next_label"]["level"] == "bronze"
    assert fresh["next_label"]["conditions"] == [{
        "name": "benchmarking", "met": False, "required": 1, "actual": 0, "withheld": False,
        "detail": "Bronze rests on a benchmarking interview: none on record yet."}]
    for path, document in documents(files).items():
        assert validator(files, kind_of(path) or "").is_valid(document), path


# --- the built site ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ built (shared, tests/sites)."""
    return built(tmp_path_factory, DATA, AS_OF).site


@pytest.mark.slow
def test_the_built_site_serves_the_api_once_at_the_root(built_site: Path) -> None:
    served = {p.relative_to(built_site).as_posix() for p in (built_site / "api").rglob("*")
              if p.is_file()}
    expected = api.api_files(published_view(dataset(DATA), AS_OF))
    assert served == set(expected)
    assert not (built_site / "en" / "api").exists()
    for path, content in expected.items():
        assert (built_site / path).read_bytes() == content, path


def test_the_built_api_files_validate_against_the_built_schemas(built_site: Path) -> None:
    files = {p.relative_to(built_site).as_posix(): p.read_bytes()
             for p in (built_site / "api").rglob("*") if p.is_file()}
    for path, document in documents(files).items():
        kind = kind_of(path)
        assert kind is not None
        validator(files, kind).validate(document)


@pytest.mark.parametrize("page", ["open-data/index.html", "en/open-data/index.html"])
def test_open_data_page_links_resolve(built_site: Path, page: str) -> None:
    html = (built_site / page).read_text(encoding="utf-8")
    targets = re.findall(r'href="([^"#]*api/v1/[^"#]*)"', html)
    assert len(targets) >= 6
    base = "https://site.invalid/" + page.removesuffix("index.html")
    for target in targets:
        resolved = urljoin(base, target).removeprefix("https://site.invalid/")
        assert (built_site / resolved).is_file(), f"{page}: {target}"


def test_open_data_page_is_in_the_about_section(built_site: Path) -> None:
    for page in ("about/index.html", "en/about/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert 'href="../open-data/"' in html, page


# --- the documentation ------------------------------------------------------------------------


def property_names(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                names |= set(value)
            names |= property_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= property_names(value)
    return names


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_open_data_page_documents_every_field(language: str) -> None:
    text = (REPO / "docs" / language / "open-data.md").read_text(encoding="utf-8")
    prose = re.sub(r"^```.*?^```", "", text, flags=re.DOTALL | re.MULTILINE)
    spans = re.findall(r"`([^`]+)`|<code>([^<]+)</code>", prose)
    words = {w for span in spans for part in span if part
             for w in re.split(r"[^A-Za-z0-9_/-]+", part.replace("[]", " ")) if w}
    fields = set().union(*(property_names(schema_of(kind)) for kind in API_KINDS))
    missing = sorted(fields - words)
    assert missing == [], f"docs/{language}/open-data.md does not document {missing}"
    for column in index.CSV_COLUMNS:
        assert f"`{column}`" in text


@pytest.mark.parametrize("as_of", [dt.date(2016, 1, 1), dt.date(2017, 6, 1),
                                   dt.date(2020, 1, 1)])
def test_indicator_page_and_document_count_the_same_clusters(as_of: dt.date) -> None:
    """An indicator's page, chart and document count the clusters benchmarked on the as-of
    date, not those benchmarked later."""
    from generator.render.charts.figures import FigureBuilder
    from generator.render.pages.builders import SiteRenderer
    from generator.render.text.i18n import Language

    small = dataset(SMALL)
    indicator = small.catalogue.indicators[0]
    view = published_view(small, as_of)
    document = api.indicator_document(view, view.indicators[indicator.id])
    expected = document["benchmarked_clusters"]
    later = sum(1 for c in small.clusters.values() if c.assessments) - expected
    language = Language("en", small.languages[0])
    renderer = SiteRenderer(view, language)
    page = renderer.indicator(view.indicators[indicator.id])
    assert f"{document['covered']} of {expected} benchmarked clusters" in page
    figure = dict(FigureBuilder(view, language).all())[("indicator", indicator.id)]
    if "standing" in figure:
        assert f"of {expected} benchmarked" in figure["standing"].caption
    if as_of.year == 2016:
        assert later > 0  # the date leaves clusters out: the test sees the difference
