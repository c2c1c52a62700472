"""The model the renderers read: joins, order, immutability; and the published JSON Schemas."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pydantic
import pytest
import yaml

from generator.data.load import load_tree
from generator.data.model import Dataset

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "fixtures" / "small"
STRATEGY = REPO / "tests" / "fixtures" / "strategy"
DATA = REPO / "data"
SCHEMAS = REPO / "schemas"


@pytest.fixture(scope="module")
def small() -> Dataset:
    result = load_tree(SMALL)
    assert result.problems == []
    assert result.dataset is not None
    return result.dataset


@pytest.fixture(scope="module")
def default() -> Dataset:
    result = load_tree(DATA)
    assert result.errors == []
    assert result.dataset is not None
    return result.dataset


# --- joins --------------------------------------------------------------------------------


def test_forum_knows_its_members(small: Dataset) -> None:
    polar = small.forums["polar"]
    assert [c.id for c in small.member_clusters(polar)] == [
        "nordlys-klynge", "fjord-tech", "kyst-energi", "havbris"]
    # on a day, only the current members; partial dates count as whole periods
    assert [c.id for c in small.member_clusters(polar, dt.date(2015, 12, 31))] == []
    assert [c.id for c in small.member_clusters(polar, dt.date(2016, 1, 1))] == ["fjord-tech"]
    assert [c.id for c in small.member_clusters(polar, dt.date(2016, 8, 31))] == ["fjord-tech"]
    assert [c.id for c in small.member_clusters(polar, dt.date(2016, 9, 1))] == [
        "nordlys-klynge", "fjord-tech"]
    assert [c.id for c in small.member_clusters(polar, dt.date(2016, 11, 1))] == [
        "nordlys-klynge", "fjord-tech", "havbris"]
    assert [c.id for c in small.member_clusters(polar, dt.date(2018, 6, 30))] == [
        "nordlys-klynge", "fjord-tech", "havbris"]
    assert [c.id for c in small.member_clusters(polar, dt.date(2018, 7, 1))] == [
        "nordlys-klynge", "havbris"]
    assert [c.id for c in small.member_clusters(polar, dt.date(2020, 1, 1))] == [
        "nordlys-klynge", "kyst-energi", "havbris"]
    assert [m.cluster for m in small.former_members(polar, dt.date(2020, 1, 1))] == [
        "fjord-tech"]
    assert small.former_members(polar, dt.date(2018, 6, 30)) == ()
    # while it was a member, the forum included a cluster that does not publish its results
    during = small.member_clusters(polar, dt.date(2017, 6, 1))
    assert [c.publish_indicators for c in during] == [True, False, False]


def test_cluster_knows_its_forums(small: Dataset) -> None:
    for cluster in small.clusters.values():
        assert cluster.forum_ids == ("polar",)
        assert [f.id for f in small.cluster_forums(cluster)] == ["polar"]


def test_cluster_in_two_forums(tmp_path: Path) -> None:
    """A cluster may belong to several forums; its forum_ids lists them in order."""
    root = tmp_path / "data"
    shutil.copytree(SMALL, root)
    (root / "forums" / "arctic.yaml").write_text(
        "schema_version: 1\nid: arctic\nname: Arctic\nregion: Troms\nestablished: 2017\n"
        "description: Another forum.\nmembers:\n  - cluster: kyst-energi\n    joined: 2017-05\n",
        encoding="utf-8")
    dataset = load_tree(root).dataset
    assert dataset is not None
    assert dataset.clusters["kyst-energi"].forum_ids == ("arctic", "polar")
    assert dataset.clusters["nordlys-klynge"].forum_ids == ("polar",)
    assert [c.id for c in dataset.member_clusters(dataset.forums["arctic"])] == ["kyst-energi"]
    assert list(dataset.forums) == ["arctic", "polar"]


def test_cluster_in_no_forum(tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(SMALL, root)
    forum = root / "forums" / "polar.yaml"
    text = forum.read_text(encoding="utf-8")
    forum.write_text(text.replace("  - cluster: kyst-energi\n    joined: 2019-01-15\n", ""),
                     encoding="utf-8")
    dataset = load_tree(root).dataset
    assert dataset is not None
    assert dataset.clusters["kyst-energi"].forum_ids == ()
    assert dataset.cluster_forums(dataset.clusters["kyst-energi"]) == ()


def test_peer_groups_of_forum(small: Dataset) -> None:
    groups = small.peer_groups_of(small.forums["polar"])
    assert [g.id for g in groups] == ["ref-2016"]
    assert groups[0].illustrative is True
    assert all(counts.total == groups[0].clusters for counts in groups[0].lights.values())


def test_assessments_sorted_by_date(small: Dataset, default: Dataset) -> None:
    nordlys = small.clusters["nordlys-klynge"]
    assert [a.date.isoformat() for a in nordlys.assessments] == [
        "2016-09-19", "2017-10-02", "2018-03-01"]
    assert nordlys.latest_assessment is nordlys.assessments[-1]
    assert nordlys.latest_assessment.kind == "gold"
    assert small.clusters["kyst-energi"].assessments == ()
    assert small.clusters["kyst-energi"].latest_assessment is None
    for dataset in (small, default):
        for cluster in dataset.clusters.values():
            keys = [a.date.sort_key() for a in cluster.assessments]
            assert keys == sorted(keys)
    minerals = default.clusters["mineralklynge-norge"]
    assert [a.date.isoformat() for a in minerals.assessments] == [
        "2014", "2016-09", "2017-03-28"]


def test_plan_and_flags(small: Dataset) -> None:
    nordlys = small.clusters["nordlys-klynge"]
    assert nordlys.plan is not None
    assert [a.id for a in nordlys.plan.actions] == ["branding", "strategy"]
    assert nordlys.plan.actions[0].joint == "polar/branding"
    assert small.clusters["fjord-tech"].plan is None
    assert nordlys.publish_indicators is True
    assert small.clusters["fjord-tech"].publish_indicators is False
    assert small.clusters["kyst-energi"].publish_indicators is False  # the default
    assert nordlys.source_dir == "clusters/nordlys-klynge"


def test_catalogue_follows_the_data(small: Dataset, default: Dataset) -> None:
    assert [a.id for a in small.catalogue.areas] == ["1", "2", "4"]
    assert [i.id for i in small.catalogue.indicators] == ["1.1", "1.2", "2.1", "2.2.1", "4.1",
                                                          "4.2"]
    assert [i.id for i in small.catalogue.in_area("4")] == ["4.1", "4.2"]
    assert small.catalogue.area("2").name.get("en") == "Governance and co-operation"
    assert "2.2.1" in small.catalogue and "3.1" not in small.catalogue
    assert len(default.catalogue.areas) == 5
    assert len(default.catalogue.indicators) == 31


def test_texts_and_site(small: Dataset) -> None:
    assert small.languages == ("nb", "en")
    assert small.site.site_url == "https://example.org/klyngeforum/"
    kyst = small.clusters["kyst-energi"]
    assert kyst.name.get("nb") == kyst.name.get("en") == "Kyst Energi"
    fjord = small.clusters["fjord-tech"]
    assert (fjord.name.get("nb"), fjord.name.get("en")) == ("Fjordteknologi", "Fjord Tech")
    assert small.rules.expiring_months == 6
    assert small.rules.labels.gold.valid_months == 36


def test_files_index(small: Dataset) -> None:
    assert small.files["forum:polar"] == "forums/polar.yaml"
    assert small.files["cluster:kyst-energi"] == "clusters/kyst-energi/cluster.yaml"
    assert small.files["plan:nordlys-klynge"] == "clusters/nordlys-klynge/plan.yaml"
    assert small.files["peer-group:ref-2016"] == "peer-groups/ref-2016.yaml"


def test_dataset_is_immutable(small: Dataset) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        small.site = small.site  # type: ignore[misc]
    with pytest.raises(TypeError):
        small.clusters["new"] = small.clusters["kyst-energi"]  # type: ignore[index]
    with pytest.raises(TypeError):
        small.forums["polar"] = small.forums["polar"]  # type: ignore[index]
    with pytest.raises(pydantic.ValidationError):
        small.clusters["kyst-energi"].name = "Other"  # type: ignore[misc,assignment]
    with pytest.raises(pydantic.ValidationError):
        small.forums["polar"].members = ()  # type: ignore[misc]
    with pytest.raises(pydantic.ValidationError):
        small.clusters["nordlys-klynge"].assessments[0].kind = "gold"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        small.forums["polar"].established.year = 2000  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        small.catalogue.areas = ()  # type: ignore[misc]
    # lists are tuples, so they cannot be appended to either
    assert isinstance(small.forums["polar"].members, tuple)
    assert isinstance(small.clusters["nordlys-klynge"].assessments, tuple)
    assert isinstance(small.clusters["nordlys-klynge"].labels, tuple)


# --- JSON Schema --------------------------------------------------------------------------


def test_schemas_are_up_to_date() -> None:
    result = subprocess.run([sys.executable, "-m", "generator", "schema", "--check"],
                            cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in SCHEMAS.glob("*.schema.json")) == sorted(
        f"{kind}.schema.json" for kind in
        ("site", "indicators", "rules", "peer-group", "forum", "cluster", "assessment", "plan",
         "processes", "stress-test-catalogue", "stress-test", "actor-map", "survey",
         "sources"))


def kind_of(rel: str) -> str:
    parts = rel.split("/")
    if rel == "stress-test.yaml":
        return "stress-test-catalogue"
    if len(parts) == 1:
        return parts[0].removesuffix(".yaml")
    folders = {"peer-groups": "peer-group", "forums": "forum", "stress-tests": "stress-test",
               "actor-maps": "actor-map", "surveys": "survey"}
    if parts[0] in folders:
        return folders[parts[0]]
    if parts[-2] == "assessments":
        return "assessment"
    return parts[-1].removesuffix(".yaml")


def plain(value: Any) -> Any:
    """YAML values as JSON would have them: dates back to ISO text."""
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def validator(kind: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _tree_files(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.yaml"))


@pytest.mark.parametrize(
    "root,rel",
    [(DATA, rel) for rel in _tree_files(DATA)] + [(SMALL, rel) for rel in _tree_files(SMALL)]
    + [(STRATEGY, rel) for rel in _tree_files(STRATEGY)],
    ids=[f"data/{rel}" for rel in _tree_files(DATA)]
    + [f"small/{rel}" for rel in _tree_files(SMALL)]
    + [f"strategy/{rel}" for rel in _tree_files(STRATEGY)],
)
def test_file_matches_its_json_schema(root: Path, rel: str) -> None:
    value = plain(yaml.safe_load((root / rel).read_text(encoding="utf-8")))
    errors = sorted(validator(kind_of(rel)).iter_errors(value), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("rel,change", [
    ("clusters/nordlys-klynge/assessments/2016-09-19.yaml", {"ligths": {}}),
    ("clusters/nordlys-klynge/assessments/2016-09-19.yaml", {"kind": "platinum"}),
    ("clusters/nordlys-klynge/cluster.yaml", {"members_count": -1}),
    ("clusters/nordlys-klynge/cluster.yaml", {"id": "Not A Slug"}),
    ("forums/polar.yaml", {"schema_version": 2}),
    ("site.yaml", {"languages": []}),
    ("stress-tests/polar/2019-05-03.yaml", {"scores": {"s3-design": {"region": "high"}}}),
    ("actor-maps/polar/2021-09-20.yaml", {"actors": [{"id": "x", "name": "X",
                                                      "kind": "person"}]}),
    ("surveys/polar-2017.yaml", {"answered": -1}),
    ("processes.yaml", {"processes": [{"id": "x", "name": "X", "steps": [{"id": "Y"}]}]}),
    ("stress-test.yaml", {"scale": {"min": 1}}),
    ("clusters/nordlys-klynge/cluster.yaml", {"name": "K" * 201}),
    ("forums/polar.yaml", {"description": {"nb": "x" * 5001, "en": "x"}}),
], ids=["unknown-key", "enum", "negative", "slug", "version", "empty-languages",
        "stress-test-score-text", "actor-kind", "survey-negative", "process-step",
        "stress-scale-max", "name-201-characters", "text-5001-characters"])
def test_json_schema_refuses_mistakes(rel: str, change: dict[str, Any]) -> None:
    """The schemas are not empty shells: a broken file fails them too."""
    root = SMALL if (SMALL / rel).is_file() else STRATEGY
    value = plain(yaml.safe_load((root / rel).read_text(encoding="utf-8")))
    value.update(change)
    assert list(validator(kind_of(rel)).iter_errors(value))


def test_names_and_texts_up_to_their_limits_are_valid(tmp_path: Path) -> None:
    """A name of 200 characters and a free text of 5,000 load; a character more is refused
    (tests/test_validate_broken.py), by the models and the JSON Schemas alike."""
    from generator.data.schema import NAME_LENGTH, TEXT_LENGTH

    root = tmp_path / "data"
    shutil.copytree(SMALL, root)
    cluster = root / "clusters" / "kyst-energi" / "cluster.yaml"
    cluster.write_text(cluster.read_text(encoding="utf-8").replace(
        "name: Kyst Energi", "name: " + "K" * NAME_LENGTH), encoding="utf-8")
    forum = root / "forums" / "polar.yaml"
    forum.write_text(forum.read_text(encoding="utf-8").replace(
        'en: "A forum for tests."', 'en: "' + "x" * TEXT_LENGTH + '"'), encoding="utf-8")
    result = load_tree(root)
    assert result.errors == [], [p.format() for p in result.errors]
    assert result.dataset is not None
    assert result.dataset.clusters["kyst-energi"].name.get("nb") == "K" * NAME_LENGTH
    for rel in ("clusters/kyst-energi/cluster.yaml", "forums/polar.yaml"):
        value = plain(yaml.safe_load((root / rel).read_text(encoding="utf-8")))
        assert not list(validator(kind_of(rel)).iter_errors(value)), rel
