"""Truth in publishing in the open data: every record of every file under /api/v1/ says how
sure it is (``certainty``) and where it is stated (``sources``), as the pages mark it; a
withheld benchmarking says neither; lights.csv has a ``certainty`` column; a forum file
has the number of members its sources state beside the number the data names; the
published schemas describe all of it (the Data format page, "Sources and certainty").

The trees are copies of tests/fixtures/strategy: every record with ``certainty:
inferred``, every record with ``certainty: example``, the fixture as it is (no certainty
anywhere), and one with a sources.yaml whose ids the records cite.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from generator.data.load import load_tree
from generator.data.model import Dataset
from generator.publish.keys import unit_keys
from generator.render.opendata import api
from generator.render.opendata.schema import API_KINDS
from generator.render.text.i18n import Language
from generator.results.view import PublishedView, published_view
from tests.conftest import REPO

STRATEGY = REPO / "tests" / "fixtures" / "strategy"
AS_OF = dt.date(2022, 1, 1)
EARLIER = dt.date(2018, 8, 1)
"""A day with a former and an upcoming member and a current label (AS_OF has the actor
map and both stress tests)."""
OLD_COLUMNS = ["cluster", "date", "indicator", "light", "illustrative"]

RECORD_LISTS: dict[str, tuple[str, ...]] = {
    "forum": ("members", "former_members", "upcoming_members", "events", "joint_actions"),
    "cluster": ("programme", "forums", "labels", "plan", "events"),
    "plan": ("actions",),
    "survey": ("questions",),
}
"""The lists of records inside each data file kind (the file itself is a record too)."""

RECORDS: dict[str, tuple[str, ...]] = {
    "index": ("peer_groups[]", "forums[]", "clusters[]", "surveys[]"),
    "forum": ("", "members[]", "former_members[]", "upcoming_members[]", "events[]",
              "joint_actions[]", "scorecard", "strategy", "stress_tests[]", "actor_maps[]",
              "support_processes[]"),
    "cluster": ("", "programme[]", "forums[]", "labels[]", "current_label", "plan[]",
                "events[]", "assessments[]"),
    "indicator": ("clusters[]", "peer_groups[]"),
    "survey": ("", "questions[]"),
}
"""Where the records are in each open-data file kind ("" is the file itself)."""


# --- trees ------------------------------------------------------------------------------------


def data_kind(rel: str) -> str | None:
    """The data file kind of a file of the tree, when it holds records."""
    parts = rel.split("/")
    if parts[0] == "forums":
        return "forum"
    if parts[0] == "clusters":
        return {"cluster.yaml": "cluster", "plan.yaml": "plan"}.get(parts[-1], "assessment")
    return {"peer-groups": "peer-group", "stress-tests": "stress-test",
            "actor-maps": "actor-map", "surveys": "survey"}.get(parts[0])


def rewrite(root: Path, change: Any) -> None:
    """Call ``change(kind, data)`` on every data file with records and write it back."""
    for path in sorted(root.rglob("*.yaml")):
        kind = data_kind(path.relative_to(root).as_posix())
        if kind is None:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(kind, data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                        encoding="utf-8")


def marked(root: Path, certainty: str) -> Path:
    """A copy of the strategy tree with ``certainty`` on every record of every kind (for
    inferred, without the illustrative flags, which mean example)."""
    shutil.copytree(STRATEGY, root)

    def mark(record: dict[str, Any]) -> None:
        record["certainty"] = certainty
        if certainty != "example":
            record.pop("illustrative", None)

    def change(kind: str, data: dict[str, Any]) -> None:
        mark(data)
        for key in RECORD_LISTS.get(kind, ()):
            for record in data.get(key) or ():
                mark(record)
        for area in data.get("focus_areas") or ():
            mark(area)
        if data.get("strategy"):
            mark(data["strategy"])

    rewrite(root, change)
    return root


SOURCES_YAML = """\
schema_version: 1
sources:
  - id: forum-report
    title: {nb: "Forumets årsrapport", en: "The forum's annual report"}
    publisher: Klyngeforum Polar
    url: https://example.org/polar/report
    date: 2021
  - id: nordlys-profile
    title: Nordlys Klynge
    url: https://example.org/nordlys/about
  - id: plan-talk
    title: {nb: "Presentasjon av planen", en: "Presentation of the plan"}
  - id: bench-report
    title: {nb: "Benchmarkingrapport", en: "Benchmarking report"}
    url: https://example.org/bench
"""
FORUM_REPORT = {"id": "forum-report", "url": "https://example.org/polar/report",
                "title": {"nb": "Forumets årsrapport", "en": "The forum's annual report"}}
NORDLYS = {"id": "nordlys-profile", "url": "https://example.org/nordlys/about",
           "title": {"nb": "Nordlys Klynge", "en": "Nordlys Klynge"}}
PLAN_TALK = {"id": "plan-talk", "url": None,
             "title": {"nb": "Presentasjon av planen", "en": "Presentation of the plan"}}
BENCH = {"id": "bench-report", "url": "https://example.org/bench",
         "title": {"nb": "Benchmarkingrapport", "en": "Benchmarking report"}}


def address(url: str) -> dict[str, Any]:
    """A web address a record cites itself."""
    return {"id": None, "title": None, "url": url}


def sourced(root: Path) -> Path:
    """A copy of the strategy tree with a sources.yaml whose ids the records cite (the
    records inside a file or record take its sources), a stated number of members and an
    event that was only announced."""
    shutil.copytree(STRATEGY, root)
    (root / "sources.yaml").write_text(SOURCES_YAML, encoding="utf-8")

    def change(kind: str, data: dict[str, Any]) -> None:
        if kind == "forum":
            data["source"] = "forum-report"
            data["members_count"] = 12
            data["events"].append({"date": "2021-12", "kind": "meeting", "status": "announced",
                                   "title": {"nb": "Forummøte", "en": "Forum meeting"}})
        elif kind == "cluster" and data["id"] == "nordlys-klynge":
            data["source"] = "nordlys-profile"
        elif kind == "plan":
            data["source"] = "plan-talk"
        elif kind == "assessment" and str(data["date"]) == "2018-03-01":
            data["source"] = ["bench-report", "https://example.org/extra"]
        elif kind == "survey":
            data["source"] = ["forum-report", data["source"]]
            data["questions"][1]["source"] = "bench-report"

    rewrite(root, change)
    return root


def load(root: Path) -> Dataset:
    result = load_tree(root)
    assert result.dataset is not None, [p.format() for p in result.errors]
    return result.dataset


def open_data(root: Path, as_of: dt.date = AS_OF) -> dict[str, bytes]:
    return {path: bytes(content) for path, content in
            api.api_files(published_view(load(root), as_of)).items()}


def documents(files: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    return {path.removeprefix(api.PREFIX): json.loads(content)
            for path, content in files.items()
            if path.endswith(".json") and "/schema/" not in path}


def kind_of(path: str) -> str:
    if path == "index.json":
        return "index"
    return {"forums": "forum", "clusters": "cluster", "indicators": "indicator",
            "surveys": "survey"}[path.split("/")[0]]


def records(path: str, document: dict[str, Any]
            ) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(its entry of ``RECORDS``, where, record) for every record of an open-data file."""
    for entry in RECORDS[kind_of(path)]:
        key = entry.removesuffix("[]")
        if not key:
            yield entry, path, document
        elif entry.endswith("[]"):
            for i, item in enumerate(document.get(key) or ()):
                yield entry, f"{path} {key}[{i}]", item
        elif document.get(key) is not None:
            yield entry, f"{path} {key}", document[key]


def withheld(entry: str, record: dict[str, Any]) -> bool:
    """Whether a record is a benchmarking of a cluster that does not publish its results."""
    return entry == "assessments[]" and "lights" not in record


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("certainty")
    made = {name: marked(root / name, name) for name in ("inferred", "example")}
    made["none"] = STRATEGY
    made["sourced"] = sourced(root / "sourced")
    return made


# --- every record carries its certainty -------------------------------------------------------


@pytest.mark.parametrize("certainty", ["inferred", "example"])
def test_every_record_of_every_file_carries_the_certainty_of_the_data(
        trees: dict[str, Path], certainty: str) -> None:
    found = set()
    both = [(path, document) for day in (EARLIER, AS_OF)
            for path, document in documents(open_data(trees[certainty], day)).items()]
    for path, document in both:
        for entry, where, record in records(path, document):
            if withheld(entry, record):
                continue  # see test_a_withheld_benchmarking_has_no_certainty_whatever...
            assert record["certainty"] == certainty, where
            found.add((kind_of(path), entry))
    every = {(kind, entry) for kind, entries in RECORDS.items() for entry in entries}
    assert sorted(every - found) == [], "the tree must have a record of every kind"


def test_without_certainty_a_record_is_confirmed_and_an_example_says_so(
        trees: dict[str, Path]) -> None:
    docs = documents(open_data(trees["none"]))
    polar = docs["forums/polar.json"]
    assert polar["certainty"] == "confirmed"
    for key in ("members", "former_members", "events", "joint_actions", "support_processes"):
        assert {r["certainty"] for r in polar[key]} == {"confirmed"}, key
    # a peer group, stress tests and an actor map marked illustrative are examples, and so
    # is what rests on them: the scorecard (the group), the coverage (a focus area)
    assert polar["scorecard"]["certainty"] == "example"
    assert polar["strategy"]["certainty"] == "example"
    assert [t["certainty"] for t in polar["stress_tests"]] == ["example", "example"]
    assert [m["certainty"] for m in polar["actor_maps"]] == ["example"]
    nordlys = docs["clusters/nordlys-klynge.json"]
    assert nordlys["certainty"] == "confirmed"
    assert {r["certainty"] for key in ("programme", "forums", "labels", "plan", "events")
            for r in nordlys[key]} == {"confirmed"}
    assert [(a["date"], a["certainty"]) for a in nordlys["assessments"]] == [
        ("2016-09-19", "example"), ("2017-10-02", "example"), ("2018-03-01", "confirmed")]
    indicator = docs["indicators/4.2.json"]
    assert [(r["cluster"], r["certainty"]) for r in indicator["clusters"]] == [
        ("nordlys-klynge", "confirmed")]
    assert [g["certainty"] for g in indicator["peer_groups"]] == ["example"]
    survey = docs["surveys/polar-2017.json"]
    assert survey["certainty"] == "example"
    assert {q["certainty"] for q in survey["questions"]} == {"example"}
    index = docs["index.json"]
    assert [(c["id"], c["certainty"]) for c in index["clusters"]] == [
        ("fjord-tech", "confirmed"), ("kyst-energi", "confirmed"),
        ("nordlys-klynge", "confirmed")]
    assert [g["certainty"] for g in index["peer_groups"]] == ["example"]
    assert [s["certainty"] for s in index["surveys"]] == ["example"]


def test_a_withheld_benchmarking_has_no_certainty_whatever_its_results(
        tmp_path: Path, trees: dict[str, Path]) -> None:
    """fjord-tech does not publish its results: its benchmarkings are date and kind, and
    changing their certainty and sources changes no byte of the open data."""
    before = open_data(trees["sourced"])
    fjord = documents(before)["clusters/fjord-tech.json"]
    assert fjord["certainty"] == "confirmed" and fjord["sources"] == []
    assert fjord["assessments"] == [{"date": "2016-09-20", "kind": "bronze"},
                                    {"date": "2018-05-04", "kind": "bronze"}]
    changed = tmp_path / "changed"
    shutil.copytree(trees["sourced"], changed)
    for path in (changed / "clusters" / "fjord-tech" / "assessments").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.update(certainty="example", illustrative=True,
                    source=["bench-report", "https://example.org/secret"])
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    assert open_data(changed) == before


# --- sources ----------------------------------------------------------------------------------


def test_every_record_lists_its_sources_from_sources_yaml_and_its_own_addresses(
        trees: dict[str, Path]) -> None:
    docs = documents(open_data(trees["sourced"]))
    polar = docs["forums/polar.json"]
    assert polar["sources"] == [FORUM_REPORT]
    for key in ("members", "former_members", "events", "joint_actions", "support_processes"):
        assert polar[key] and all(r["sources"] == [FORUM_REPORT] for r in polar[key]), key
    # the coverage rests on the strategy (its own address) and the focus areas counted
    assert polar["strategy"]["sources"] == [address("https://example.org/polar/s3"), NORDLYS]
    # the scorecard on the counted benchmarking and the peer group (which has none)
    assert polar["scorecard"]["sources"] == [BENCH, address("https://example.org/extra")]
    assert [t["sources"] for t in polar["stress_tests"]] == [[], []]
    nordlys = docs["clusters/nordlys-klynge.json"]
    assert nordlys["sources"] == [NORDLYS]
    assert all(p["sources"] == [NORDLYS] for p in nordlys["programme"])
    assert [m["sources"] for m in nordlys["forums"]] == [[FORUM_REPORT]]
    assert [(x["level"], x["sources"], x["source"]) for x in nordlys["labels"]] == [
        ("bronze", [NORDLYS], "https://example.org/nordlys/about"),
        ("silver", [address("https://example.org/nordlys/silver")],
         "https://example.org/nordlys/silver")]
    assert nordlys["current_label"] is None  # both expired by AS_OF
    earlier = documents(open_data(trees["sourced"], EARLIER))["clusters/nordlys-klynge.json"]
    assert earlier["current_label"]["sources"] == [address("https://example.org/nordlys/silver")]
    assert all(a["sources"] == [PLAN_TALK] for a in nordlys["plan"])
    assert [a["sources"] for a in nordlys["assessments"]] == [
        [], [], [BENCH, address("https://example.org/extra")]]
    assert docs["clusters/kyst-energi.json"]["sources"] == []
    indicator = docs["indicators/4.2.json"]
    assert indicator["clusters"][0]["sources"] == [BENCH, address("https://example.org/extra")]
    assert indicator["peer_groups"][0]["sources"] == []
    survey = docs["surveys/polar-2017.json"]
    assert survey["sources"] == [FORUM_REPORT, address("https://example.org/polar/survey")]
    assert survey["source"] == "https://example.org/polar/report"  # the first address
    assert [q["sources"] for q in survey["questions"]] == [
        survey["sources"], [BENCH], survey["sources"], survey["sources"]]
    index = docs["index.json"]
    assert [f["sources"] for f in index["forums"]] == [[FORUM_REPORT]]
    assert [(c["id"], c["sources"]) for c in index["clusters"]] == [
        ("fjord-tech", []), ("kyst-energi", []), ("nordlys-klynge", [NORDLYS])]
    assert [s["sources"] for s in index["surveys"]] == [survey["sources"]]


def test_a_forum_states_its_members_count_beside_its_named_members(
        trees: dict[str, Path]) -> None:
    stated = documents(open_data(trees["sourced"]))["forums/polar.json"]
    assert (stated["members_count"], stated["named_members"]) == (12, 2)
    assert stated["named_members"] == len(stated["members"]) == stated["scorecard"][
        "members_total"]
    plain = documents(open_data(trees["none"]))["forums/polar.json"]
    assert (plain["members_count"], plain["named_members"]) == (None, 2)


def test_an_event_only_announced_says_so(trees: dict[str, Path]) -> None:
    polar = documents(open_data(trees["sourced"]))["forums/polar.json"]
    assert [(e["date"], e["announced"]) for e in polar["events"]] == [
        ("2016", False), ("2016-10-13", False), ("2021-12", True)]


# --- lights.csv -------------------------------------------------------------------------------


@pytest.mark.parametrize(("tree", "expected"), [
    ("inferred", {"2016-09-19": "inferred", "2017-10-02": "inferred", "2018-03-01": "inferred"}),
    ("example", {"2016-09-19": "example", "2017-10-02": "example", "2018-03-01": "example"}),
    ("none", {"2016-09-19": "example", "2017-10-02": "example", "2018-03-01": "confirmed"}),
])
def test_lights_csv_has_the_certainty_of_each_benchmarking_last(
        trees: dict[str, Path], tree: str, expected: dict[str, str]) -> None:
    files = open_data(trees[tree])
    text = files[f"{api.PREFIX}lights.csv"].decode("utf-8")
    assert text.splitlines()[0].split(",") == [*OLD_COLUMNS, "certainty"]
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["cluster"] for r in rows} == {"nordlys-klynge"}
    assert {r["date"]: r["certainty"] for r in rows} == expected
    assert all((r["illustrative"] == "true") == (r["certainty"] == "example") for r in rows)
    index = json.loads(files[f"{api.PREFIX}index.json"])
    (entry,) = [f for f in index["files"] if f["kind"] == "lights"]
    assert entry["columns"] == [*OLD_COLUMNS, "certainty"]


# --- schemas ----------------------------------------------------------------------------------


def validator(files: dict[str, bytes], kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads(files[f"{api.PREFIX}schema/{kind}.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("tree", ["inferred", "example", "none", "sourced"])
def test_the_published_schemas_describe_and_require_certainty_and_sources(
        trees: dict[str, Path], tree: str) -> None:
    files = open_data(trees[tree])
    for path, document in documents(files).items():
        check = validator(files, kind_of(path))
        assert [e.message for e in check.iter_errors(document)] == [], path
        for entry, where, record in records(path, document):
            if withheld(entry, record):
                record["certainty"] = "confirmed"
                assert not check.is_valid(document), f"{where}: a withheld certainty"
                del record["certainty"]
                continue
            assert record["certainty"] in ("confirmed", "inferred", "example"), where
            for key, value in (("certainty", None), ("certainty", "likely"),
                               ("sources", None), ("sources", [{"url": "x"}])):
                saved = record.get(key)
                if value is None:
                    del record[key]
                else:
                    record[key] = value
                assert not check.is_valid(document), f"{where}: {key} {value!r} accepted"
                record[key] = saved
    for kind in API_KINDS:
        text = files[f"{api.PREFIX}schema/{kind}.schema.json"].decode("utf-8")
        assert '"certainty"' in text and '"sources"' in text, kind


def test_records_dated_at_their_sources_precision_follow_the_schemas(tmp_path: Path) -> None:
    """A benchmarking and a stress test dated to the month (as precisely as their source)
    are published at that precision, in a file that follows its schema."""
    root = tmp_path / "data"
    shutil.copytree(STRATEGY, root)
    for old, new in (("clusters/nordlys-klynge/assessments/2018-03-01", "2018-03"),
                     ("stress-tests/polar/2019-05-03", "2019-05")):
        path = root / f"{old}.yaml"
        text = path.read_text(encoding="utf-8").replace(f"date: {Path(old).name}",
                                                        f"date: {new}")
        path.unlink()
        (path.parent / f"{new}.yaml").write_text(text, encoding="utf-8")
    files = open_data(root)
    docs = documents(files)
    for path, document in docs.items():
        assert validator(files, kind_of(path)).is_valid(document), path
    assert docs["clusters/nordlys-klynge.json"]["assessments"][-1]["date"] == "2018-03"
    assert docs["forums/polar.json"]["stress_tests"][-1]["date"] == "2019-05"
    assert docs["indicators/4.2.json"]["clusters"][0]["assessment"] == "2018-03"


# --- the incremental build --------------------------------------------------------------------


def keys(view: PublishedView) -> dict[tuple[str, str], str]:
    return unit_keys(view, Language("nb", "nb"))


def test_a_changed_source_title_is_no_kept_document(trees: dict[str, Path],
                                                    tmp_path: Path) -> None:
    """The forum and cluster files (and pages) an incremental build keeps are those whose
    key is the same: a source's title is in them, so sources.yaml is in every key."""
    before = keys(published_view(load(trees["sourced"]), AS_OF))
    changed = tmp_path / "changed"
    shutil.copytree(trees["sourced"], changed)
    registry = changed / "sources.yaml"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        "title: Nordlys Klynge", "title: Nordlys Klynge AS"), encoding="utf-8")
    view = published_view(load(changed), AS_OF)
    after = keys(view)
    assert after[("cluster", "nordlys-klynge")] != before[("cluster", "nordlys-klynge")]
    assert after[("forum", "polar")] != before[("forum", "polar")]
    cluster = api.cluster_document(view, view.clusters["nordlys-klynge"])
    assert cluster["sources"][0]["title"] == {"nb": "Nordlys Klynge AS",
                                              "en": "Nordlys Klynge AS"}


# --- the documentation ------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["nb", "en"])
def test_the_open_data_page_explains_certainty_and_sources(language: str) -> None:
    text = (REPO / "docs" / language / "open-data.md").read_text(encoding="utf-8")
    for word in ("`certainty`", "`sources`", "`confirmed`", "`inferred`", "`example`",
                 "`members_count`", "`named_members`", "`announced`", "sources.yaml"):
        assert word in text, word
    lights = text.split("## `lights.csv`")[1]
    assert "| `certainty` |" in lights
