"""Incremental builds: a rebuild rewrites only what depends on what changed, and gives
exactly what a build from scratch gives."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.data.load import load_tree
from generator.publish.pipeline import BuildOptions, BuildReport, build_site
from tests.conftest import SMALL

AS_OF = dt.date(2020, 1, 1)
ASSESSMENT = "clusters/nordlys-klynge/assessments/2018-03-01.yaml"

# Changing one light of nordlys-klynge's latest benchmarking: its page and lights chart,
# the forum it belongs to (scorecard, matrix), the indicator's page and chart, What's new
# and the feed (the file's date changed), and the record of page keys. Nothing else: not
# the other clusters, not its timeline chart, not the other indicators.
EXPECTED_EN = {
    "docs/charts/cluster/nordlys-klynge/lights.csv",
    "docs/charts/cluster/nordlys-klynge/lights.svg",
    "docs/charts/cluster/nordlys-klynge/lights.vl.json",
    "docs/charts/forum/polar/matrix.csv",
    "docs/charts/forum/polar/matrix.svg",
    "docs/charts/forum/polar/matrix.vl.json",
    "docs/charts/forum/polar/scorecard.csv",
    "docs/charts/forum/polar/scorecard.svg",
    "docs/charts/forum/polar/scorecard.vl.json",
    "docs/charts/indicator/1.1/standing.csv",
    "docs/charts/indicator/1.1/standing.svg",
    "docs/charts/indicator/1.1/standing.vl.json",
    "docs/clusters/nordlys-klynge.md",
    "docs/feed.xml",
    "docs/forums/polar.md",
    "docs/indicators/1.1.md",
    "docs/whats-new.md",
    "units.json",
}
EXPECTED_NB = EXPECTED_EN | {  # the open data lives in the default language's tree
    "docs/api/v1/clusters/nordlys-klynge.json",
    "docs/api/v1/forums/polar.json",
    "docs/api/v1/indicators/1.1.json",
    "docs/api/v1/lights.csv",
}


def _build(data: Path, work: Path) -> BuildReport:
    result = load_tree(data)
    assert result.dataset is not None, result.problems
    return build_site(result.dataset, BuildOptions(data, work / "site", work / "build", AS_OF))


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.mark.slow
def test_rebuild_rewrites_only_what_depends_on_the_change(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    work = tmp_path / "work"
    _build(data, work)

    unchanged = _build(data, work)
    assert (unchanged.changed("nb"), unchanged.changed("en")) == ([], [])
    indicators = len(load_tree(data).dataset.catalogue.indicators)  # type: ignore[union-attr]
    # per language: 4 clusters, 1 forum and every indicator
    assert unchanged.generate.pages_reused == 2 * (4 + 1 + indicators)

    path = data / ASSESSMENT
    text = path.read_text(encoding="utf-8")
    changed = re.sub(r'"1\.1": green', '"1.1": red', text, count=1)
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    figures = _build(data, work)
    assert set(figures.changed("en")) == EXPECTED_EN
    assert set(figures.changed("nb")) == EXPECTED_NB
    # per language: the three other clusters and every indicator but 1.1
    assert figures.generate.pages_reused == 2 * (3 + indicators - 1)

    scratch = tmp_path / "scratch"
    _build(data, scratch)
    incremental, fresh = _tree(work / "build"), _tree(scratch / "build")
    incremental.pop("nb/units.json"), incremental.pop("en/units.json")
    fresh.pop("nb/units.json"), fresh.pop("en/units.json")
    incremental.pop(".mkdocs/record.json"), fresh.pop(".mkdocs/record.json")  # file dates
    for language in ("nb", "en"):  # mkdocs.yml names its absolute paths
        incremental.pop(f"{language}/mkdocs.yml"), fresh.pop(f"{language}/mkdocs.yml")
    assert incremental.keys() == fresh.keys()
    differ = [name for name in fresh if incremental[name] != fresh[name]]
    assert not differ, f"an incremental build differs from one from scratch: {differ}"
    assert _tree(work / "site") == _tree(scratch / "site")


@pytest.mark.slow
def test_unchanged_open_data_is_read_back(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The open-data documents of unchanged clusters and forums are not made again (their
    page's key covers what they are made from); those of a changed cluster are."""
    from generator.render.opendata import api

    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    work = tmp_path / "work"
    _build(data, work)
    made: list[str] = []
    cluster_model, forum_model = api.cluster_model, api.forum_model
    monkeypatch.setattr(api, "cluster_model", lambda v, c: made.append(c.id)
                        or cluster_model(v, c))
    monkeypatch.setattr(api, "forum_model", lambda v, f: made.append(f.id)
                        or forum_model(v, f))
    _build(data, work)
    assert made == []
    path = data / ASSESSMENT
    path.write_text(re.sub(r'"1\.1": green', '"1.1": red', path.read_text(encoding="utf-8"),
                           count=1), encoding="utf-8")
    _build(data, work)
    assert sorted(made) == ["nordlys-klynge", "polar"]
