"""Consent (the Data format page, "Consent"), as whole-site builds.

1. In a copy of a tree with non-publishing clusters, change every result of every
   non-publishing cluster: every light, every score, its improvements (their number,
   indicators and texts) and the illustrative flag of every assessment; build both with
   the same --as-of: no built file may differ (pages, search index, sitemap, API, CSV,
   feed, charts, ...). On data/, tests/fixtures/small and a synthetic tree.
2. No built file of the original tree holds a non-publishing cluster's lights next to the
   cluster's id or name (the pattern is defined below, and shown to catch leaks).
"""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.data.load import load_tree
from generator.data.model import Cluster
from generator.publish.pipeline import BuildOptions, build_site
from tests.conftest import DATA, SMALL

AS_OF = dt.date(2026, 11, 23)
SOURCE_DATE_EPOCH = "1795392000"  # 2026-11-23 00:00 UTC: MkDocs dates the sitemap with it
SYNTH = Path("synthetic")
"""A third tree, made by bench/synth.py in the test's temporary folder."""
TREES = [pytest.param(DATA, id="data"), pytest.param(SMALL, id="small"),
         pytest.param(SYNTH, id="synthetic")]

NEXT_LIGHT = {"green": "red", "red": "yellow", "yellow": "green", "n/a": "green"}


# --- changing a tree's unpublished results ----------------------------------------------------


def non_publishing(tree: Path) -> list[Path]:
    """The folders of the clusters that do not publish their results."""
    folders = []
    for path in sorted(tree.glob("clusters/*/cluster.yaml")):
        if not yaml.safe_load(path.read_text(encoding="utf-8")).get("publish_indicators"):
            folders.append(path.parent)
    return folders


def change_unpublished_results(tree: Path) -> int:
    """Change every result of every non-publishing cluster: every light (green→red→
    yellow→green, n/a→green), every score (to 12, or a score where there was none), the
    improvements (each one's indicator to the next of the catalogue, each text, and one
    more: their number) and the illustrative flag of every assessment; return how many
    lights changed."""
    catalogue = [i["id"] for i in yaml.safe_load(
        (tree / "indicators.yaml").read_text(encoding="utf-8"))["indicators"]]
    shifted = {code: catalogue[(n + 1) % len(catalogue)] for n, code in enumerate(catalogue)}
    changed = 0
    for folder in non_publishing(tree):
        for path in sorted(folder.glob("assessments/*.yaml")):
            stat = path.stat()
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            data["lights"] = {code: NEXT_LIGHT[light] for code, light in data["lights"].items()}
            changed += len(data["lights"])
            data["score_percent"] = 12
            improvements = [{"indicator": shifted[item["indicator"]],
                             "text": f"Changed text {n}"}
                            for n, item in enumerate(data.get("improvements") or [])]
            improvements.append({"indicator": catalogue[0], "text": "One more improvement"})
            data["improvements"] = improvements
            data["illustrative"] = not data.get("illustrative", False)
            path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True),
                            encoding="utf-8")
            # Keep the file's date: when data last changed is public, and is the same
            # in both trees (the Data format page's "last changed" date aside).
            os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    return changed


# --- building ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Built:
    data: Path
    site: Path


class Sites:
    """Builds of a tree's copy, original or changed, each made once per test module."""

    def __init__(self, root: Path):
        self.root = root
        self.cache: dict[tuple[str, str], Built] = {}

    def get(self, tree: Path, variant: str) -> Built:
        key = (tree.name, variant)
        if key not in self.cache:
            base = self.root / f"{tree.name}-{variant}"
            data = base / "data"
            if tree == SYNTH:
                from bench.synth import write_tree

                write_tree(data, clusters=24, forums=3)
            else:
                shutil.copytree(tree, data)
            if variant == "changed":
                assert change_unpublished_results(data) > 0, (
                    f"{tree}: no light of a non-publishing cluster to change")
            result = load_tree(data)
            assert result.dataset is not None, [p.format() for p in result.errors]
            options = BuildOptions(data_dir=data, site_dir=base / "site", work_dir=base / "work",
                                   as_of=AS_OF)
            build_site(result.dataset, options)
            self.cache[key] = Built(data, base / "site")
        return self.cache[key]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Sites]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        yield Sites(tmp_path_factory.mktemp("consent"))


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


# --- test 1: changing unpublished results changes no built file -------------------------------


@pytest.mark.parametrize("tree", TREES)
@pytest.mark.slow
def test_changing_unpublished_results_changes_no_built_file(sites: Sites, tree: Path) -> None:
    original = site_files(sites.get(tree, "original").site)
    changed = site_files(sites.get(tree, "changed").site)
    assert original, "nothing was built"
    only_original = sorted(set(original) - set(changed))
    only_changed = sorted(set(changed) - set(original))
    differing = sorted(p for p in set(original) & set(changed) if original[p] != changed[p])
    assert (only_original, only_changed, differing) == ([], [], []), (
        "unpublished results reached the site: files differ between the original and the "
        f"changed tree: {differing}; only in the original: {only_original}; only in the "
        f"changed: {only_changed}")


# --- test 2: no unpublished light next to its cluster's id or name ----------------------------
#
# The pattern. For a non-publishing cluster C with lights L (indicator id → light), a
# built file leaks when, in it:
#   (a) an indicator id X of L is followed within NEAR characters by the word for L[X]
#       ("yellow", "gul", 🟡, kf-light--yellow, ...), inside WINDOW characters of a
#       mention of C (its id, or its name or a former name in any language); or
#   (b) on the page or file of one indicator X, a mention of C is followed within NEAR
#       characters by the word for L[X] (a table row "C | yellow"); or
#   (c) in C's own page or file, anywhere (a lights table under C's heading);
# and for JSON files, structurally: an object that names C (a value or a list item equal
# to its id or name), or C's own file, holds a light value anywhere below it. Search
# index entries are checked one by one, as the units they are.

NEAR = 200
WINDOW = 600
_LETTER = r"A-Za-zÆØÅæøåÀ-ÿ"
LIGHT_WORDS = {
    "green": r"green|grønn|grønt|🟢",
    "yellow": r"yellow|gul|gult|🟡",
    "red": r"red|rød|rødt|🔴",
    "n/a": r"n/a|not assessed|ikke vurdert|kf-light--na",
}
JSON_LIGHTS = {"green", "yellow", "red", "n/a"}


def light_pattern(light: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![{_LETTER}])(?:{LIGHT_WORDS[light]})(?![{_LETTER}])", re.I)


def indicator_pattern(code: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){re.escape(code)}(?!\w|\.\d)")


@dataclass(frozen=True)
class Secret:
    """What must not be published of one cluster: its lights, and how it is named."""

    cluster_id: str
    names: tuple[str, ...]
    lights: dict[str, str]

    @classmethod
    def of(cls, cluster: Cluster) -> Secret:
        names = {cluster.id, *_texts(cluster.name)}
        for former in cluster.former_names:
            names |= set(_texts(former))
        latest: dict[str, str] = {}
        for assessment in cluster.assessments:  # every light of every assessment
            latest.update({f"{assessment.date}|{k}": v for k, v in assessment.lights.items()})
        return cls(cluster.id, tuple(sorted(names, key=len, reverse=True)), latest)

    def pairs(self) -> Iterator[tuple[str, str]]:
        for key, light in sorted(self.lights.items()):
            yield key.split("|", 1)[1], light


def _texts(text: Any) -> list[str]:
    data = text.as_data()
    return [data] if isinstance(data, str) else list(data.values())


def mentions(text: str, secret: Secret) -> list[int]:
    found = []
    for name in secret.names:
        found += [m.start() for m in re.finditer(re.escape(name), text)]
    return sorted(set(found))


def pair_leaks(text: str, secret: Secret) -> list[str]:
    """Places in ``text`` where an indicator id is followed closely by its secret light."""
    leaks = []
    for code, light in secret.pairs():
        word = light_pattern(light)
        for m in indicator_pattern(code).finditer(text):
            hit = word.search(text, m.end(), m.end() + NEAR)
            if hit:
                leaks.append(f"{code}→{hit.group(0)} at {m.start()}")
    return leaks


def text_leaks(text: str, secret: Secret, *, own: bool, indicator: str | None) -> list[str]:
    """Leaks by (a), (b) and (c) in a text (HTML unescaped, JSON and CSV as they are)."""
    if own:
        return pair_leaks(text, secret)
    leaks = []
    for at in mentions(text, secret):
        window = text[max(0, at - WINDOW):at + WINDOW]
        leaks += [f"near a mention at {at}: {leak}" for leak in pair_leaks(window, secret)]
        if indicator is not None:
            for code, light in secret.pairs():
                if code == indicator:
                    hit = light_pattern(light).search(text, at, at + NEAR)
                    if hit:
                        leaks.append(f"row of {code}: {hit.group(0)} after a mention at {at}")
    return sorted(set(leaks))


def json_leaks(node: Any, secret: Secret, *, own: bool, where: str = "$") -> list[str]:
    """Light values below an object that names the cluster (or anywhere in its own file)."""
    names = set(secret.names)

    def lights_below(value: Any, at: str) -> list[str]:
        if isinstance(value, str):
            return [at] if value in JSON_LIGHTS else []
        if isinstance(value, dict):
            return [x for k, v in value.items() for x in lights_below(v, f"{at}.{k}")]
        if isinstance(value, list):
            return [x for i, v in enumerate(value) for x in lights_below(v, f"{at}[{i}]")]
        return []

    if own:
        return lights_below(node, where)
    leaks: list[str] = []
    if isinstance(node, dict):
        direct = [v for v in node.values() if isinstance(v, str)] + [
            x for v in node.values() if isinstance(v, list) for x in v if isinstance(x, str)]
        if names & set(direct) or names & set(node):
            leaks += lights_below(node, where)
        else:
            for key, value in node.items():
                leaks += json_leaks(value, secret, own=False, where=f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            leaks += json_leaks(value, secret, own=False, where=f"{where}[{i}]")
    return leaks


def string_values(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from string_values(value)
    elif isinstance(node, list):
        for value in node:
            yield from string_values(value)


def subject(path: str) -> tuple[str | None, str | None]:
    """The cluster and the indicator a built file is about, by its path."""
    m = re.search(r"(?:^|/)(clusters|indicators)/([^/]+?)(?:\.json|/index\.html|/)?$", path)
    if not m:
        return None, None
    return (m.group(2), None) if m.group(1) == "clusters" else (None, m.group(2))


def file_leaks(path: str, content: bytes, secret: Secret) -> list[str]:
    """Every leak of ``secret`` in one built file."""
    if path.endswith(".gz"):
        content = gzip.decompress(content)
        path = path[:-3]
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return []  # images and fonts
    cluster, indicator = subject(path)
    own = cluster == secret.cluster_id
    if path.endswith("search_index.json"):
        leaks = []
        for doc in json.loads(text).get("docs", []):
            unit = html.unescape(" ".join(str(doc.get(k, "")) for k in ("location", "title",
                                                                         "text")))
            doc_cluster, doc_indicator = subject(str(doc.get("location", "")).split("#")[0])
            leaks += [f"{doc.get('location')}: {leak}" for leak in text_leaks(
                unit, secret, own=doc_cluster == secret.cluster_id, indicator=doc_indicator)]
        return leaks
    if path.endswith(".json"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError:
            document = None
        if document is not None:
            # Structurally, then as text: its string values in order (keys such as
            # "green" in a count are names, not lights).
            flat = " | ".join(string_values(document))
            return json_leaks(document, secret, own=own) + text_leaks(
                flat, secret, own=own, indicator=indicator)
    if path.endswith((".html", ".xml", ".svg")):
        text = html.unescape(text)
    if not own and not mentions(text, secret):
        return []
    return text_leaks(text, secret, own=own, indicator=indicator)


def secrets(data: Path) -> list[Secret]:
    result = load_tree(data)
    assert result.dataset is not None
    return [Secret.of(c) for c in result.dataset.clusters.values()
            if not c.publish_indicators and any(a.lights for a in c.assessments)]


@pytest.mark.parametrize("tree", TREES[:2])  # synthetic names contain each other
def test_no_built_file_holds_unpublished_lights_next_to_their_cluster(
        sites: Sites, tree: Path) -> None:
    built = sites.get(tree, "original")
    found = secrets(built.data)
    assert found, f"{tree} has no non-publishing cluster with lights: the test would be empty"
    files = site_files(built.site)
    assert any(p.endswith("search_index.json") for p in files)
    assert any(p.startswith("api/v1/") for p in files)
    leaks = [f"{path}: {secret.cluster_id}: {leak}"
             for secret in found for path, content in files.items()
             for leak in file_leaks(path, content, secret)]
    assert leaks == []


# --- the pattern catches what it is meant to catch --------------------------------------------


SECRET = Secret("quiet-cluster", ("quiet-cluster", "Stille Klynge", "Quiet Cluster"),
                {"2016-09-19|1.1.0": "yellow", "2016-09-19|4.6.1": "red",
                 "2016-09-19|5.3": "n/a"})
LEAKS = {
    "a row of an indicator page": (
        "indicators/4.6.1/index.html",
        '<tr><td><a href="../../clusters/quiet-cluster/">Stille Klynge</a></td>'
        '<td><span class="kf-light kf-light--red">Rød</span></td></tr>'),
    "a lights table on the cluster's own page": (
        "en/clusters/quiet-cluster/index.html",
        '<h1>Quiet Cluster</h1><table><tr><td><a href="../../indicators/1.1.0/">1.1.0 '
        'Committed cluster participation</a></td><td><span class="kf-light '
        'kf-light--yellow">Yellow</span></td></tr></table>'),
    "a forum matrix row": (
        "forums/nordland/index.html",
        "<p>Stille Klynge: 1.1.0 gul, 4.6.1 rød</p>"),
    "a CSV line": ("api/v1/lights.csv",
                   "cluster,date,indicator,light\nquiet-cluster,2016-09-19,4.6.1,red\n"),
    "an indicator file row": (
        "api/v1/indicators/5.3.json",
        json.dumps({"id": "5.3", "clusters": [{"cluster": "quiet-cluster", "light": "n/a"}]})),
    "the cluster's own file": (
        "api/v1/clusters/quiet-cluster.json",
        json.dumps({"id": "quiet-cluster",
                    "assessments": [{"date": "2016-09-19", "lights": {"1.1.0": "yellow"}}]})),
    "a search index entry": (
        "en/search/search_index.json",
        json.dumps({"docs": [{"location": "clusters/quiet-cluster/#quality-lights",
                              "title": "Quality lights",
                              "text": "<p>4.6.1 Communication \u2013 Red</p>"}]})),
    "an SVG chart": (
        "assets/charts/nordland.svg",
        '<svg><g aria-label="Quiet Cluster; indicator: 4.6.1; light: red"></g></svg>'),
}
CLEAN = {
    "a member list": ("forums/nordland/index.html",
                      "<li>Stille Klynge (bronze, valid until September 2018)</li>"),
    "the cluster's own withheld file": (
        "api/v1/clusters/quiet-cluster.json",
        json.dumps({"id": "quiet-cluster", "plan": [{"indicators": ["4.6.1"],
                                                     "status": "in-progress"}],
                    "assessments": [{"date": "2016-09-19", "kind": "bronze"}]})),
    "a light of another cluster": (
        "indicators/4.6.1/index.html",
        "<tr><td>Other Cluster</td><td>Rød</td></tr>"),
}


@pytest.mark.parametrize("case", sorted(LEAKS))
def test_the_leak_pattern_catches_a_leak(case: str) -> None:
    path, text = LEAKS[case]
    assert file_leaks(path, text.encode("utf-8"), SECRET), case


@pytest.mark.parametrize("case", sorted(CLEAN))
def test_the_leak_pattern_lets_public_facts_through(case: str) -> None:
    path, text = CLEAN[case]
    assert file_leaks(path, text.encode("utf-8"), SECRET) == [], case


def test_the_leak_pattern_finds_a_real_leak_in_a_built_page(sites: Sites) -> None:
    # The check run on a real built page of a publishing cluster, pretending it is the
    # non-publishing one, must find its lights: the pattern works on MkDocs output.
    built = sites.get(DATA, "original")
    result = load_tree(built.data)
    assert result.dataset is not None
    publishing = next(c for c in result.dataset.clusters.values()
                      if c.publish_indicators and c.assessments)
    secret = Secret.of(publishing)
    for path in (f"clusters/{publishing.id}/index.html", f"api/v1/clusters/{publishing.id}.json",
                 "api/v1/lights.csv", "search/search_index.json"):
        content = (built.site / path).read_bytes()
        assert file_leaks(path, content, secret), path
