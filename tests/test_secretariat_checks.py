"""The small things a secretariat tripped over: a message that names the closest id, the
word "tab", the line of the key that is wrong, no "0 months" for a gap that does not
exist, and a benchmarking told once in timelines and What's new."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.data.load import load_tree
from generator.render.pages import news
from generator.render.pages.models import cluster_timeline
from generator.render.text.i18n import Language
from generator.results import compute
from generator.results.view import published_view

ASSESSMENT = "clusters/nordlys-klynge/assessments/2017-10-02.yaml"


def messages(tree: Path) -> list[str]:
    return [p.format() for p in load_tree(tree).problems]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text in line)


def test_unknown_member_names_the_closest_cluster(tree: Path) -> None:
    forum = tree / "forums" / "polar.yaml"
    replace(forum, "cluster: fjord-tech", "cluster: fjord-teck")
    [message] = messages(tree)
    assert message == (
        f"{tree.as_posix()}/forums/polar.yaml:{line_of(forum, 'fjord-teck')}: "
        "members[1].cluster: cluster 'fjord-teck' does not exist (there is no "
        "clusters/fjord-teck): did you mean 'fjord-tech'? write that id (or another of the "
        "4 there are)")


def test_unknown_id_far_from_every_id_lists_them(tree: Path) -> None:
    replace(tree / "forums" / "polar.yaml", "cluster: fjord-tech", "cluster: zzz")
    [message] = messages(tree)
    assert message.endswith("write one of fjord-tech, havbris, kyst-energi, nordlys-klynge")


def test_unknown_indicator_and_value_name_the_closest(tree: Path) -> None:
    path = tree / ASSESSMENT
    text = path.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith('  "1.1'))
    code = first.split('"')[1]
    replace(path, f'"{code}"', f'"{code}9"')
    found = messages(tree)
    assert any(f"indicator '{code}9' is not in indicators.yaml: did you mean \"{code}\"?" in m
               for m in found), found
    path.write_text(text.replace("kind: bronze", "kind: bronse"), encoding="utf-8")
    found = messages(tree)
    assert any("'bronse' is not allowed here: did you mean 'bronze'? write one of" in m
               for m in found), found


@pytest.mark.parametrize("place", ["key", "after-key"])
def test_a_tab_in_the_indentation_says_tab(tree: Path, place: str) -> None:
    path = tree / "clusters" / "nordlys-klynge" / "cluster.yaml"
    if place == "key":
        replace(path, "  - level: bronze", "\t- level: bronze")
    else:
        replace(path, "    awarded: 2016-09", "\t  awarded: 2016-09")
    [message] = messages(tree)
    line = line_of(path, "\t")
    assert message == (f"{path.as_posix()}:{line}: YAML syntax error: a tab in the "
                       "indentation: YAML does not allow tabs there; indent with spaces, two "
                       "per level")


def test_an_unquoted_key_beside_the_same_key_quoted_is_reported_at_its_own_line(
        tree: Path) -> None:
    path = tree / ASSESSMENT
    text = path.read_text(encoding="utf-8")
    quoted = next(line for line in text.splitlines() if line.startswith('  "1.'))
    code = quoted.split('"')[1]
    replace(path, quoted, quoted + f"\n  {code}: red")
    [message] = messages(tree)
    unquoted = line_of(path, f"  {code}: red")
    assert message.startswith(f"{path.as_posix()}:{unquoted}: lights.\"{code}\": this key is "
                              f"read by YAML as the number {code}")


def test_one_bronze_benchmarking_has_no_months_between_figure(tree: Path) -> None:
    result = load_tree(tree)
    assert result.dataset is not None
    bronze = result.dataset.clusters["nordlys-klynge"].labels[0]
    assert bronze.level == "bronze"
    cluster = result.dataset.clusters["fjord-tech"]
    one = cluster.model_copy(update={"assessments": cluster.assessments[:1],
                                     "labels": (bronze,)})
    nxt = compute.next_label(one, result.dataset.rules)
    assert nxt is not None and nxt.level == "silver"
    between = next(c for c in nxt.conditions if c.name == "min_months_between")
    assert between.actual is None and between.met is False
    assert "0 months" not in between.detail


def test_a_benchmarking_event_on_an_assessment_is_told_once(tree: Path) -> None:
    path = tree / "clusters" / "nordlys-klynge" / "cluster.yaml"
    replace(path, "events:\n", "events:\n  - date: 2017-10\n    kind: benchmarking\n"
            "    title: {nb: \"Benchmarking\", en: \"Benchmarking\"}\n"
            "  - date: 2015-05\n    kind: benchmarking\n"
            "    title: {nb: \"Annen\", en: \"Other\"}\n")
    result = load_tree(tree)
    assert result.dataset is not None
    cluster = result.dataset.clusters["nordlys-klynge"]
    assert [e.date.isoformat() for e in cluster.story_events if e.kind == "benchmarking"] == [
        "2015-05"]  # the one on no assessment's date stays
    language = Language("en", "nb")
    view = published_view(result.dataset, dt.date(2026, 1, 1))
    timeline = cluster_timeline(view.clusters["nordlys-klynge"], language)
    in_2017_10 = [t for t in timeline if t.date.isoformat().startswith("2017-10")]
    assert len(in_2017_10) == 1 and in_2017_10[0].kind == "benchmarking"
    items = news.collect(view, language, limit=500)
    assert len([i for i in items if i.cluster is view.clusters["nordlys-klynge"]
                and i.kind == "benchmarking"
                and i.date.isoformat().startswith("2017-10")]) == 1


@pytest.mark.parametrize(("old", "new"), [
    ("established: 2016", "established 2016"),
    ("id: polar", "id polar"),
    ("    place: Bodø", "    place Bodø"),
])
def test_a_missing_colon_is_reported_at_its_own_line(tree: Path, old: str, new: str) -> None:
    """The scanner notices a key without its colon only at the next line; the message
    names the line that lost it."""
    forum = tree / "forums" / "polar.yaml"
    line = line_of(forum, old)
    replace(forum, old, new)
    assert messages(tree) == [
        f"{tree.as_posix()}/forums/polar.yaml:{line}: YAML syntax error: this line has no "
        "':' after its key: write the key, a colon and a space, then the value (key: value)"]
