"""The published view (generator/results/view/) is what every output is made from.

1. The output side (generator/render, generator/publish but the pipeline that makes the view
   and serve) never imports the data model or reads ``publish_indicators``, and templates
   never receive a raw cluster, assessment or the Dataset.
2. One as-of rule: built as of three dates around a cluster's benchmarkings, its page,
   its chart data, the open data and the feed show nothing dated after the as-of date
   (assessments, labels), and an event after it as upcoming.
3. A withheld assessment has no results at all (a type without them).
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.base.dates import PartialDate
from generator.data.load import load_tree
from generator.data.model import Cluster, Dataset
from generator.data.schema import AssessmentFile
from generator.render.charts.figures import FigureBuilder
from generator.render.opendata import api
from generator.render.pages import news
from generator.render.pages.builders import SiteRenderer
from generator.render.text.i18n import Language
from generator.results.view import PublishedAssessment, WithheldAssessment, published_view
from tests.conftest import DATA, REPO, SMALL

PACKAGE = REPO / "generator"
MAKERS = {"publish/generate.py", "publish/pipeline.py", "publish/serve.py"}
"""The output side's modules that may read the data: they load it, report its problems
and make the view."""


def output_modules() -> list[Path]:
    return sorted(p for folder in ("render", "publish") for p in (PACKAGE / folder).rglob("*.py")
                  if p.relative_to(PACKAGE).as_posix() not in MAKERS)


def reads_the_data(source: str) -> list[str]:
    """What in a module's source reaches past the published view: an import of the data
    model or loader, the name Dataset, or reading ``publish_indicators``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module in (
                "generator.data.model", "generator.data.load"):
            found.append(f"line {node.lineno}: imports {node.module}")
        elif isinstance(node, ast.Import):
            found += [f"line {node.lineno}: imports {a.name}" for a in node.names
                      if a.name in ("generator.data.model", "generator.data.load")]
        elif isinstance(node, ast.Name) and node.id == "Dataset":
            found.append(f"line {node.lineno}: names Dataset")
        elif _reads_consent(node):
            found.append(f"line {node.lineno}: reads publish_indicators")
    return found


def _reads_consent(node: ast.AST) -> bool:
    """``x.publish_indicators`` or ``getattr(x, "publish_indicators")``."""
    if isinstance(node, ast.Attribute):
        return node.attr == "publish_indicators"
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "getattr" and any(
                isinstance(a, ast.Constant) and a.value == "publish_indicators"
                for a in node.args))


def test_the_output_side_reads_only_the_published_view() -> None:
    modules = output_modules()
    assert len(modules) > 10
    problems = [f"{path.relative_to(REPO)}: {problem}" for path in modules
                for problem in reads_the_data(path.read_text(encoding="utf-8"))]
    templates = sorted((PACKAGE / "render" / "pages" / "templates").glob("*.j2"))
    assert templates
    problems += [f"{path.relative_to(REPO)}: names publish_indicators" for path in templates
                 if "publish_indicators" in path.read_text(encoding="utf-8")]
    assert problems == []


def test_consent_is_decided_in_the_published_view_alone() -> None:
    """In results/, only the view reads ``publish_indicators``: the label rules, changes
    and scorecards take what it decided (``withhold=``, ``publishing=``), and the
    secretariat's diff (results/diff.py) compares two published views."""
    readers = {path.relative_to(PACKAGE).as_posix()
               for path in sorted((PACKAGE / "results").rglob("*.py"))
               if any(_reads_consent(node) for node in ast.walk(
                   ast.parse(path.read_text(encoding="utf-8"))))}
    in_the_view = {path for path in readers if path.startswith("results/view/")}
    assert in_the_view and readers - in_the_view == set()


def test_the_check_finds_an_output_module_that_reads_the_data() -> None:
    source = ("from generator.data.model import Dataset\n"
              "def f(d: Dataset, c):\n    return [x for x in d.clusters.values()\n"
              "            if x.publish_indicators or getattr(c, 'publish_indicators')]\n")
    assert reads_the_data(source) == [
        "line 1: imports generator.data.model", "line 2: names Dataset",
        "line 4: reads publish_indicators", "line 4: reads publish_indicators"]


RAW = (Cluster, AssessmentFile, Dataset)


def raw_values(value: Any, depth: int = 0) -> list[str]:
    """Raw data objects in a template's context (through lists, dicts and view objects)."""
    if isinstance(value, RAW):
        return [type(value).__name__]
    if depth > 4 or isinstance(value, str | bytes | int | float | PartialDate):
        return []
    if isinstance(value, dict):
        return [x for v in value.values() for x in raw_values(v, depth + 1)]
    if isinstance(value, list | tuple | set):
        return [x for v in value for x in raw_values(v, depth + 1)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [x for f in dataclasses.fields(value)
                for x in raw_values(getattr(value, f.name), depth + 1)]
    return []


@pytest.mark.parametrize("tree", [DATA, SMALL], ids=["data", "small"])
def test_templates_never_receive_raw_data(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dataset = load(tree)
    renderer = SiteRenderer(published_view(dataset, AS_OF), Language("en", "nb"))
    renderer.prepare_charts()
    seen: list[str] = []
    render = renderer.render

    def checking(path: str, template: str, **context: Any) -> str:
        seen.extend(f"{path}: {name}" for name in raw_values(context))
        return render(path, template, **context)

    monkeypatch.setattr(renderer, "render", checking)
    pages = dict(renderer.pages())
    assert len(pages) > 5
    assert seen == []
    assert raw_values({"x": [dataset.clusters[next(iter(dataset.clusters))]]}) == ["Cluster"]


def test_a_withheld_assessment_has_no_results() -> None:
    view = published_view(load(SMALL), AS_OF)
    withheld = [a for c in view.clusters.values() for a in c.assessments
                if isinstance(a, WithheldAssessment)]
    published = [a for c in view.clusters.values() for a in c.assessments
                 if isinstance(a, PublishedAssessment)]
    assert withheld and published
    results = ("lights", "score_percent", "improvements", "illustrative", "counts",
               "changes", "step")
    for assessment in withheld:
        assert not [name for name in results if hasattr(assessment, name)]
    assert all(hasattr(published[0], name) for name in results)
    quiet = view.clusters["havbris"]
    assert not quiet.publishes and not quiet.illustrative and len(quiet.assessments) == 2
    assert "havbris" not in view.forums["polar"].scorecard.covered
    assert "havbris" in {m.cluster for m in view.forums["polar"].current_members}


# --- one as-of rule ---------------------------------------------------------------------------

AS_OF = dt.date(2026, 11, 23)
CLUSTER = "nordlys-klynge"
"""Benchmarked 2016-09-19, 2017-10-02 and 2018-03-01; bronze 2016-09, silver 2018-06-15;
an event on 2017-03-28 and (added below) one on 2017-12-05."""
DATES = [dt.date(2017, 1, 15), dt.date(2017, 11, 1), dt.date(2026, 11, 23)]
LATER_EVENT = "2017-12-05"


def load(tree: Path) -> Dataset:
    result = load_tree(tree)
    assert result.dataset is not None, [p.format() for p in result.errors]
    return result.dataset


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    root = tmp_path_factory.mktemp("as-of") / "data"
    shutil.copytree(SMALL, root)
    path = root / "clusters" / CLUSTER / "cluster.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("events:\n", (
        "events:\n"
        f"  - date: {LATER_EVENT}\n    kind: workshop\n"
        "    title: {nb: \"Verksted om merket\", en: \"Workshop on the label\"}\n"), 1),
        encoding="utf-8")
    return load(root)


def outputs(dataset: Dataset, as_of: dt.date) -> dict[str, str]:
    """The cluster's page (both languages), its chart data, its, the forum's and every
    indicator's open data, lights.csv and the feeds, as text."""
    view = published_view(dataset, as_of)
    cluster = view.clusters[CLUSTER]
    out: dict[str, str] = {}
    for code in dataset.languages:
        language = Language(code, dataset.languages[0])
        renderer = SiteRenderer(view, language)
        renderer.prepare_charts()
        out[f"page {code}"] = renderer.cluster(cluster)
        builder = FigureBuilder(view, language)
        for name, figure in (("lights", builder.cluster_lights(cluster)),
                             ("timeline", builder.cluster_timeline(cluster))):
            if figure is not None:
                out[f"chart {name} {code}"] = (
                    figure.frame.to_csv(index=False) + json.dumps(figure.rows, default=str)
                    + json.dumps(figure.spec["data"]["values"]) + figure.alt + figure.caption)
        out[f"feed {code}"] = news.atom_feed(news.collect(view, language), view, language,
                                             None)
    for path, content in api.api_files(view).items():
        if path.endswith((".json", ".csv")) and "/schema/" not in path:
            out[path] = content.decode("utf-8") if isinstance(content, bytes) else ""
    return out


def dated_after(dataset: Dataset, as_of: dt.date) -> dict[str, list[str]]:
    """The cluster's assessments and labels dated after ``as_of``: their dates as every
    output would write them (ISO, and in words in each language)."""
    cluster = dataset.clusters[CLUSTER]
    dates = [a.date for a in cluster.assessments] + [label.awarded for label in cluster.labels]
    found = {}
    for date in dates:
        if date.first_day() > as_of:
            found[date.isoformat()] = [date.isoformat(), *(
                Language(code, "nb").date(date) for code in dataset.languages)]
    return found


@pytest.mark.parametrize("as_of", DATES, ids=[d.isoformat() for d in DATES])
def test_nothing_after_the_as_of_date_and_later_events_as_upcoming(
        tree: Dataset, as_of: dt.date) -> None:
    made = outputs(tree, as_of)
    later = dated_after(tree, as_of)
    if as_of.year < 2026:
        assert later, "the date must fall before some of the cluster's results"
    leaks = [f"{where}: {date} as {text!r}" for where, content in made.items()
             for date, texts in later.items() for text in texts if text in content]
    assert leaks == []
    # What is dated by the as-of date is there, in every output.
    view = published_view(tree, as_of)
    latest = view.clusters[CLUSTER].latest
    assert latest is not None
    shown = latest.date.isoformat()
    for where in ("api/v1/clusters/nordlys-klynge.json", "api/v1/lights.csv",
                  "chart lights en", "chart timeline en", "feed en"):
        assert shown in made[where], where
    assert Language("en", "nb").date(latest.date) in made["page en"]
    # An event after the as-of date is shown as upcoming; one before it is not.
    upcoming = as_of < dt.date.fromisoformat(LATER_EVENT)
    for code in ("en", "nb"):
        language = Language(code, "nb")
        mark = f"({language.gettext('upcoming')})"
        line = next(x for x in made[f"page {code}"].splitlines()
                    if x.startswith(f"- **{language.date(PartialDate.parse(LATER_EVENT))}**"))
        assert (mark in line) == upcoming, line
        assert (mark in made[f"chart timeline {code}"]) == upcoming
        assert ("Workshop on the label" in made["feed en"]) == (not upcoming)
    document = json.loads(made["api/v1/clusters/nordlys-klynge.json"])
    assert LATER_EVENT in [e["date"] for e in document["events"]]
    assert document["as_of"] == as_of.isoformat()


def test_the_as_of_check_sees_a_later_result(tree: Dataset) -> None:
    """The check above can fail: the full record, as of the last date, holds what the
    first date must not show."""
    later = dated_after(tree, DATES[0])
    made = outputs(tree, DATES[-1])
    assert later
    for date in later:
        assert any(date in content for content in made.values()), date
