"""The regional strategy: its results on hand-computed examples, and its `new` templates.

The examples are those of tests/fixtures/strategy (the small tree with every key of the
regional strategy). Worked out by hand from its files:

* Forum polar's priorities are ocean-food, tourism, energy and minerals. Nordlys serves
  tourism (arctic-experiences, food-tourism) and ocean-food (food-tourism); Kyst Energi
  (member from 2019-01-15) energy (offshore-wind) and ocean-food (coastal-food); Fjord
  Tech (member 2016 to 2018-06-30) minerals (mining-tech), its only server.
* Stress tests on a 1–5 scale, dimensions in catalogue order s3-design, support-schemes,
  alignment, s3-delivery, value-chains. 2018-04-19: gaps 4-2=2, 3.5-3=0.5, 3-2.5=0.5,
  not scored, 4-1.5=2.5. 2019-05-03: 4-3=1, 3.5-4=-0.5, not scored, 4-2=2, 4.5-2=2.5;
  changes 3-2=1, 4-3=1, none (left out now), none (left out before), 2-1.5=0.5.
* Actor map 2021-09-20: Nordlys has research 1 strong, public 1 medium, support 1 weak;
  Kyst Energi company 1 medium, research 1 weak, public 1 medium, finance 1 strong; Fjord
  Tech (not a member by then, linked all the same) public 1 weak.
* Process eco-model-region (survey, pre-assessment, workshop, policy-briefing): survey
  done 2019-09, pre-assessment skipped, workshop in progress 2020-03, the briefing not
  listed.
* Survey polar-2017: 15 of 20 answered. Status (one answer each): 7, 5 and 3 of 15.
  Tools (several answers each, 12 answered): 10, 6 and 0 of 12.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.data.load import load_tree
from generator.data.model import Dataset
from generator.results import strategy
from tests.golden import check_golden

REPO = Path(__file__).resolve().parents[1]
STRATEGY = REPO / "tests" / "fixtures" / "strategy"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    result = load_tree(STRATEGY)
    assert result.dataset is not None, [p.format() for p in result.problems]
    assert result.warnings == []
    return result.dataset


@pytest.fixture
def strategy_tree(tmp_path: Path) -> Path:
    """A fresh copy of tests/fixtures/strategy, safe to change."""
    target = tmp_path / "data"
    shutil.copytree(STRATEGY, target)
    return target


def _results(dataset: Dataset, day: str) -> strategy.ForumStrategy:
    return strategy.forum_strategy(dataset, dataset.forums["polar"], dt.date.fromisoformat(day))


# --- coverage --------------------------------------------------------------------------------


def test_a_priority_whose_only_server_left_is_uncovered(dataset: Dataset) -> None:
    coverage = _results(dataset, "2020-01-01").coverage
    assert coverage is not None
    assert coverage.members == ("nordlys-klynge", "kyst-energi")
    assert [(p.priority, p.clusters) for p in coverage.priorities] == [
        ("ocean-food", ("nordlys-klynge", "kyst-energi")),
        ("tourism", ("nordlys-klynge",)),
        ("energy", ("kyst-energi",)),
        ("minerals", ()),
    ]
    assert coverage.uncovered == ("minerals",)
    assert dict(coverage.cells) == {
        ("nordlys-klynge", "ocean-food"): ("food-tourism",),
        ("nordlys-klynge", "tourism"): ("arctic-experiences", "food-tourism"),
        ("kyst-energi", "ocean-food"): ("coastal-food",),
        ("kyst-energi", "energy"): ("offshore-wind",),
    }
    assert [(s.priority, s.clusters) for s in coverage.shared] == [
        ("ocean-food", ("nordlys-klynge", "kyst-energi"))]


def test_coverage_follows_the_members_of_the_as_of_date(dataset: Dataset) -> None:
    # 2018-01-01: Fjord Tech is still a member, Kyst Energi not yet.
    coverage = _results(dataset, "2018-01-01").coverage
    assert coverage is not None
    assert coverage.members == ("nordlys-klynge", "fjord-tech")
    assert coverage.uncovered == ("energy",)
    assert coverage.shared == ()
    # the last day of membership still counts
    last_day = _results(dataset, "2018-06-30").coverage
    assert last_day is not None and "minerals" not in last_day.uncovered


def test_shared_focus_lists_each_pair_once(dataset: Dataset, strategy_tree: Path) -> None:
    path = strategy_tree / "clusters/fjord-tech/cluster.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "priorities: [polar/minerals]", "priorities: [polar/minerals, polar/ocean-food]"),
        encoding="utf-8")
    forum = strategy_tree / "forums/polar.yaml"
    forum.write_text(forum.read_text(encoding="utf-8").replace(
        "    left: 2018-06-30\n", ""), encoding="utf-8")
    found = load_tree(strategy_tree).dataset
    assert found is not None
    coverage = strategy.coverage(found, found.forums["polar"], dt.date(2020, 1, 1))
    assert coverage is not None
    assert [(s.priority, s.clusters) for s in coverage.shared] == [
        ("ocean-food", ("nordlys-klynge", "fjord-tech")),
        ("ocean-food", ("nordlys-klynge", "kyst-energi")),
        ("ocean-food", ("fjord-tech", "kyst-energi")),
    ]
    assert coverage.uncovered == ()


def test_no_strategy_no_coverage(dataset: Dataset) -> None:
    small = load_tree(REPO / "tests" / "fixtures" / "small").dataset
    assert small is not None
    results = strategy.forum_strategy(small, small.forums["polar"], dt.date(2020, 1, 1))
    assert results.coverage is None and results.empty


def test_served_priorities_of_a_cluster(dataset: Dataset) -> None:
    area = dataset.clusters["nordlys-klynge"].focus_areas[1]
    served = strategy.served_priorities(dataset, area.priorities)
    assert [(s.forum, s.priority, s.name.get("en")) for s in served] == [
        ("polar", "tourism", "Experiences"), ("polar", "ocean-food", "Ocean-based food")]


# --- stress tests ----------------------------------------------------------------------------


def _dimensions(result: strategy.StressTestResult) -> list[tuple[str, float | None,
                                                                  float | None]]:
    return [(d.id, d.gap, d.change) for d in result.dimensions]


def test_stress_tests_gaps_weakest_strongest_and_changes(dataset: Dataset) -> None:
    first, second = _results(dataset, "2020-01-01").stress_tests
    assert str(first.date) == "2018-04-19" and first.previous is None
    assert _dimensions(first) == [
        ("s3-design", 2.0, None), ("support-schemes", 0.5, None), ("alignment", 0.5, None),
        ("s3-delivery", None, None), ("value-chains", 2.5, None)]
    assert first.weakest == "value-chains"
    # support-schemes and alignment tie at 0.5: the first in catalogue order wins
    assert first.strongest == "support-schemes"
    assert dict(first.respondents) == {"cluster-managers": 3, "policy": 2}

    assert str(second.previous) == "2018-04-19"
    assert _dimensions(second) == [
        ("s3-design", 1.0, 1.0),
        ("support-schemes", -0.5, 1.0),   # a negative gap: ahead of the frontrunners
        ("alignment", None, None),        # left out: not scored, no change
        ("s3-delivery", 2.0, None),       # not scored in the test before: no change
        ("value-chains", 2.5, 0.5),
    ]
    assert second.weakest == "value-chains"
    assert second.strongest == "support-schemes"
    assert [d.id for d in second.scored] == ["s3-design", "support-schemes", "s3-delivery",
                                             "value-chains"]


def test_gaps_are_exact_decimals(dataset: Dataset, strategy_tree: Path) -> None:
    path = strategy_tree / "stress-tests/polar/2019-05-03.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "s3-design: {region: 3, frontrunners: 4}", "s3-design: {region: 2.8, frontrunners: 4.1}"),
        encoding="utf-8")
    found = load_tree(strategy_tree).dataset
    assert found is not None
    second = strategy.stress_tests(found, "polar", dt.date(2020, 1, 1))[1]
    assert second.dimensions[0].gap == 1.3
    assert second.dimensions[0].change == 0.8


def test_a_stress_test_after_the_as_of_date_is_left_out(dataset: Dataset) -> None:
    before = _results(dataset, "2019-05-02").stress_tests
    assert [str(t.date) for t in before] == ["2018-04-19"]
    on_the_day = _results(dataset, "2019-05-03").stress_tests
    assert [str(t.date) for t in on_the_day] == ["2018-04-19", "2019-05-03"]
    assert _results(dataset, "2018-04-18").stress_tests == ()


# --- actor maps ------------------------------------------------------------------------------


def test_actor_map_counts_strongest_links_and_missing_links(dataset: Dataset) -> None:
    (found,) = _results(dataset, "2022-01-01").actor_maps
    assert found.illustrative is True
    by_cluster = {c.cluster: c for c in found.clusters}
    assert list(by_cluster) == ["fjord-tech", "kyst-energi", "nordlys-klynge"]
    nordlys = by_cluster["nordlys-klynge"]
    assert {k: (v.actors, v.strongest) for k, v in nordlys.kinds.items()} == {
        "research": (1, "strong"), "public": (1, "medium"), "support": (1, "weak")}
    assert nordlys.missing == ("company", "education", "finance")
    kyst = by_cluster["kyst-energi"]
    assert {k: (v.actors, v.strongest) for k, v in kyst.kinds.items()} == {
        "company": (1, "medium"), "research": (1, "weak"), "public": (1, "medium"),
        "finance": (1, "strong")}
    assert kyst.missing == ("education", "support")
    # a former member linked in the map is counted like any cluster
    assert by_cluster["fjord-tech"].missing == ("company", "research", "education",
                                                "finance", "support")


def test_several_actors_of_a_kind_and_the_strongest_link(strategy_tree: Path) -> None:
    path = strategy_tree / "actor-maps/polar/2021-09-20.yaml"
    path.write_text(path.read_text(encoding="utf-8") .replace(
        "    kind: support\n", "    kind: research\n"), encoding="utf-8")
    found = load_tree(strategy_tree).dataset
    assert found is not None
    (result,) = strategy.actor_maps(found, "polar", dt.date(2022, 1, 1))
    nordlys = next(c for c in result.clusters if c.cluster == "nordlys-klynge")
    assert (nordlys.kinds["research"].actors, nordlys.kinds["research"].strongest) == (
        2, "strong")
    assert "support" in nordlys.missing


def test_an_actor_map_after_the_as_of_date_is_left_out(dataset: Dataset) -> None:
    assert _results(dataset, "2021-09-19").actor_maps == ()
    assert len(_results(dataset, "2021-09-20").actor_maps) == 1


def test_a_cluster_page_sees_the_kinds_of_actor_it_works_with(dataset: Dataset) -> None:
    ((forum_id, _map, mine),) = strategy.cluster_actor_kinds(dataset, "kyst-energi",
                                                             dt.date(2022, 1, 1))
    assert forum_id == "polar" and mine.missing == ("education", "support")
    assert strategy.cluster_actor_kinds(dataset, "kyst-energi", dt.date(2021, 1, 1)) == ()


# --- support processes -----------------------------------------------------------------------


def test_a_skipped_step_is_passed_over_for_the_current_step(dataset: Dataset) -> None:
    (progress,) = _results(dataset, "2020-06-01").processes
    assert [(s.step, s.status) for s in progress.steps] == [
        ("survey", "done"), ("pre-assessment", "skipped"), ("workshop", "in-progress"),
        ("policy-briefing", "not-started")]
    assert (progress.steps_done, progress.steps_total) == (1, 4)
    assert progress.current_step == "workshop"
    assert [r.joint_action for r in progress.recommendations] == ["branding", None]


def test_a_step_dated_after_the_as_of_date_counts_as_planned(dataset: Dataset) -> None:
    (early,) = _results(dataset, "2019-08-31").processes
    assert [s.status for s in early.steps] == ["planned", "skipped", "planned", "not-started"]
    assert (early.steps_done, early.current_step) == (0, "survey")
    (march,) = _results(dataset, "2020-03-01").processes
    assert march.steps[2].status == "in-progress"


def test_every_step_done_or_skipped_leaves_no_current_step(strategy_tree: Path) -> None:
    path = strategy_tree / "forums/polar.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "        status: in-progress\n        date: 2020-03\n",
        "        status: done\n        date: 2020-03\n      - step: policy-briefing\n"
        "        status: skipped\n"), encoding="utf-8")
    found = load_tree(strategy_tree).dataset
    assert found is not None
    (progress,) = strategy.process_progress(found, found.forums["polar"], dt.date(2021, 1, 1))
    assert (progress.steps_done, progress.current_step) == (2, None)


# --- surveys ---------------------------------------------------------------------------------


def test_survey_rate_and_shares_with_a_multiple_choice_question(dataset: Dataset) -> None:
    (survey,) = strategy.surveys(dataset, dt.date(2020, 1, 1))
    assert survey.response_rate == 0.75
    status, tools, advice, unpublished = survey.questions
    assert status.answered == 15 and status.multiple is False
    assert [(a.count, round(a.share or 0, 3)) for a in status.answers] == [
        (7, 0.467), (5, 0.333), (3, 0.2)]
    # several answers each: the shares add up to more than 1
    assert tools.answered == 12 and tools.multiple is True
    assert [(a.count, a.share) for a in tools.answers] == [(10, 10 / 12), (6, 0.5), (0, 0.0)]
    assert sum(a.share or 0 for a in tools.answers) > 1
    assert advice.kind == "ranked"
    assert [(a.text.get("en"), a.count, a.share) for a in advice.answers] == [
        ("Set up joint projects", None, None), ("Mobilise widely", None, None)]
    assert unpublished.answers == ()


def test_survey_without_invited_has_no_rate(strategy_tree: Path) -> None:
    path = strategy_tree / "surveys/polar-2017.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("invited: 20\n", ""),
                    encoding="utf-8")
    found = load_tree(strategy_tree).dataset
    assert found is not None
    assert strategy.surveys(found, dt.date(2020, 1, 1))[0].response_rate is None


def test_a_survey_counts_from_the_first_day_of_its_date(dataset: Dataset) -> None:
    # dated 2017-04: a result from 1 April 2017
    assert strategy.surveys(dataset, dt.date(2017, 3, 31)) == ()
    assert len(strategy.surveys(dataset, dt.date(2017, 4, 1))) == 1
    assert strategy.forum_surveys(dataset, "polar", dt.date(2017, 3, 31)) == ()
    assert [s.id for s in strategy.forum_surveys(dataset, "polar", dt.date(2017, 4, 1))] == [
        "polar-2017"]


# --- the loaded model -----------------------------------------------------------------------


def test_the_dataset_holds_the_strategy_files(dataset: Dataset) -> None:
    assert list(dataset.processes) == ["eco-model-region"]
    assert dataset.stress_catalogue is not None
    assert [str(t.date) for t in dataset.stress_tests["polar"]] == ["2018-04-19", "2019-05-03"]
    assert [str(m.date) for m in dataset.actor_maps["polar"]] == ["2021-09-20"]
    assert list(dataset.surveys) == ["polar-2017"]
    assert dataset.files["survey:polar-2017"] == "surveys/polar-2017.yaml"
    assert dataset.files["stress-test:polar/2019-05-03"] == "stress-tests/polar/2019-05-03.yaml"
    assert "actor-maps/polar/2021-09-20.yaml" in dataset.digests
    assert "processes.yaml" in dataset.digests and "stress-test.yaml" in dataset.digests


def test_the_strategy_tree_is_valid_with_strict(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "--strict", "--data", str(STRATEGY)]) == 0


# --- new stress-test | actor-map | survey ----------------------------------------------------


def test_new_stress_test_lists_every_dimension(strategy_tree: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    args = ["new", "stress-test", "--forum", "polar", "--date", "2020-02-02",
            "--data", str(strategy_tree)]
    assert cli.main(args) == 0
    text = (strategy_tree / "stress-tests/polar/2020-02-02.yaml").read_text(encoding="utf-8")
    for dimension in ("s3-design", "support-schemes", "alignment", "s3-delivery",
                      "value-chains"):
        assert f"  # {dimension}: {{region: 1, frontrunners: 5}}" in text
    assert "  # cluster-managers: 0" in text
    # filled in, it is valid
    path = strategy_tree / "stress-tests/polar/2020-02-02.yaml"
    path.write_text(text.replace("  # s3-design: {region: 1", "  s3-design: {region: 1"),
                    encoding="utf-8")
    assert cli.main(["validate", "--strict", "--data", str(strategy_tree)]) == 0
    found = load_tree(strategy_tree).dataset
    assert found is not None and list(found.stress_tests["polar"][-1].scores) == ["s3-design"]
    assert cli.main(args) == 1  # never replaces a file
    assert "already exists" in capsys.readouterr().err


def test_new_stress_test_needs_the_catalogue(strategy_tree: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    shutil.rmtree(strategy_tree / "stress-tests")
    (strategy_tree / "stress-test.yaml").unlink()
    assert cli.main(["new", "stress-test", "--forum", "polar", "--data",
                     str(strategy_tree)]) == 1
    assert "there is no stress-test.yaml" in capsys.readouterr().err
    assert not (strategy_tree / "stress-tests").exists()


def test_new_actor_map_and_survey(strategy_tree: Path, capsys: pytest.CaptureFixture[str]
                                  ) -> None:
    assert cli.main(["new", "actor-map", "--forum", "polar", "--date", "2022-01-10",
                     "--data", str(strategy_tree)]) == 0
    text = (strategy_tree / "actor-maps/polar/2022-01-10.yaml").read_text(encoding="utf-8")
    assert "schemas/actor-map.schema.json" in text and "actors: []" in text
    assert cli.main(["new", "survey", "--id", "managers-2024", "--title-nb", "Undersøkelse",
                     "--title-en", "Survey", "--answered", "12", "--invited", "40",
                     "--forum", "polar", "--date", "2024-05", "--data",
                     str(strategy_tree)]) == 0
    text = (strategy_tree / "surveys/managers-2024.yaml").read_text(encoding="utf-8")
    assert "invited: 40\nanswered: 12\n" in text and "forums: [polar]" in text
    assert cli.main(["validate", "--data", str(strategy_tree)]) == 0
    assert cli.main(["new", "survey", "--id", "x", "--title", "X", "--answered", "5",
                     "--forum", "nowhere", "--data", str(strategy_tree)]) == 1
    assert "forum 'nowhere' does not exist" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["new", "survey", "--id", "x", "--title", "X", "--answered", "many",
                  "--data", str(strategy_tree)])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("rel,kind", [
    ("processes.yaml", "processes"), ("stress-test.yaml", "stress-test-catalogue"),
    ("stress-tests/polar/2019-05-03.yaml", "stress-test"),
    ("actor-maps/polar/2021-09-20.yaml", "actor-map"), ("surveys/polar-2017.yaml", "survey"),
    ("clusters/nordlys-klynge/cluster.yaml", "cluster"), ("stress-tests/polar.yaml", None),
])
def test_schema_kind_of_the_strategy_files(rel: str, kind: str | None) -> None:
    from generator.scaffold.yamltext import schema_kind

    assert schema_kind(rel) == kind


# --- pages, charts and open data -------------------------------------------------------------


def _view(dataset: Dataset, day: str | dt.date) -> Any:
    from generator.results.view import published_view

    return published_view(dataset, day if isinstance(day, dt.date)
                          else dt.date.fromisoformat(day))


def _renderer(dataset: Dataset, code: str, day: str) -> Any:
    from generator.render.pages.builders import SiteRenderer
    from generator.render.text.i18n import Language

    return SiteRenderer(_view(dataset, day), Language(code, dataset.languages[0]))


def test_the_forum_page_shows_every_strategy_section(dataset: Dataset) -> None:
    renderer = _renderer(dataset, "en", "2022-01-01")
    page = renderer.forum(renderer.view.forums["polar"])
    for heading in ("## Smart specialisation", "## S3 stress test", "### Earlier stress tests",
                    "## Innovation system", "## Support process", "## Surveys"):
        assert f"\n{heading}\n" in page, heading
    assert "- **Priorities no current member serves:** Minerals" in page
    assert "    - Ocean-based food: [Nordlys Klynge](../clusters/nordlys-klynge.md), " \
           "[Kyst Energi](../clusters/kyst-energi.md)" in page
    # the latest test, grouped by direction, with its gaps, changes and a dimension left out
    assert "| S3 for clusters | Regional support schemes | 4.0 | 3.5 | -0.5 | \\+1.0 |" in page
    assert "| S3 for clusters | Alignment | not scored | – | – | – |" in page
    assert "| Clusters for S3 | Role in carrying out the S3 | 2.0 | 4.0 | 2.0 | – |" in page
    assert "- **Weakest dimension (largest gap):** New value chains" in page
    assert "- **Strongest dimension (smallest gap):** Regional support schemes" in page
    assert "- **Respondents:** cluster managers (4)" in page
    assert "- Build new value chains. (joint action: Member services)" in page
    # the actor map: missing links and the gaps it found
    assert "- [Kyst Energi](../clusters/kyst-energi.md): Education, Support organisations" in page
    assert "- No link to the schools." in page
    # the stepper and the timeline
    assert "1 of 4 steps done. Current step: Workshop." in page
    assert '2. <span class="kf-step kf-step--skipped">skipped</span> **Pre-assessment**' in page
    assert '4. <span class="kf-step kf-step--not-started">not started</span>' in page
    assert "- **March 2020** · Support process: Model region: Workshop (in progress)" in page
    assert page.count('<figure class="kf-chart">') == 3 + 3  # labels, scorecard, matrix


def test_a_forum_without_strategy_data_has_no_strategy_sections() -> None:
    small = load_tree(REPO / "tests" / "fixtures" / "small").dataset
    assert small is not None
    renderer = _renderer(small, "en", "2022-01-01")
    page = renderer.forum(renderer.view.forums["polar"])
    for heading in ("Smart specialisation", "S3 stress test", "Innovation system",
                    "Support process", "Surveys"):
        assert f"## {heading}" not in page


def test_the_cluster_page_shows_focus_areas_and_kinds_of_actor(dataset: Dataset) -> None:
    renderer = _renderer(dataset, "nb", "2022-01-01")
    page = renderer.cluster(renderer.view.clusters["kyst-energi"])
    assert "## Smart spesialisering" in page
    assert "| Havvind | Fornybar energi ([Klyngeforum Polar](../forums/polar.md)) |" in page
    assert "| Hydrogen | – |" in page
    assert "| Utdanning | – | manglende kobling |" in page
    assert "| Finansiering | 1 | sterk |" in page
    earlier = _renderer(dataset, "nb", "2021-01-01")
    before = earlier.cluster(earlier.view.clusters["kyst-energi"])
    assert "Typer aktører" not in before  # the map is dated after 2021-01-01


def test_survey_pages_list_and_home(dataset: Dataset) -> None:
    renderer = _renderer(dataset, "en", "2022-01-01")
    pages = dict(renderer.pages())
    survey = pages["surveys/polar-2017.md"]
    assert survey.startswith("---\ntitle: \"Survey of the clusters\"")
    assert "# Survey of the clusters\n" in survey
    assert "- **Answered:** 15 of 20 (75%)" in survey
    assert "Answered: 12 · skipped: 3 · several answers each" in survey
    assert "1. Set up joint projects\n2. Mobilise widely\n" in survey
    assert "The counts per answer are not published." in survey
    assert survey.count('<figure class="kf-chart">') == 2  # the two choice questions
    assert "| Benchmarking | 10 | 83% |" in survey
    assert "[Survey of the clusters](../surveys/polar-2017.md)" in pages["surveys/index.md"]
    assert "[Survey of the clusters](surveys/polar-2017.md)" in pages["index.md"]
    early = dict(_renderer(dataset, "en", "2017-03-31").pages())
    assert "surveys/index.md" not in early and "surveys/polar-2017.md" not in early


def test_the_charts_of_the_strategy(dataset: Dataset) -> None:
    from generator.render.charts.figures import FigureBuilder
    from generator.render.charts.strategy import with_strategy
    from generator.render.text.i18n import Language

    builder = FigureBuilder(_view(dataset, "2022-01-01"), Language("en", "nb"), validate=True)
    pages = dict(with_strategy(builder, builder.all()))
    forum = pages[("forum", "polar")]
    coverage = forum["coverage"]
    assert coverage.path == "charts/forum/polar/coverage"
    assert coverage.rows == (("Nordlys Klynge", "Food tourism", "Arctic experiences, Food "
                              "tourism", "–", "–"),
                             ("Kyst Energi", "Kystmat", "–", "Offshore wind", "–"))
    assert "Priorities no member serves: Minerals." in coverage.alt
    stress = forum["stress_test"]
    assert [r[1] for r in stress.rows] == ["Regional support schemes", "Role in designing the "
                                           "S3", "Role in carrying out the S3",
                                           "New value chains"]
    assert "Illustrative figures" in stress.caption
    assert set(stress.frame["who"]) == {"", "Region", "Frontrunner regions"}
    actors = forum["actors"]
    assert actors.rows[1] == ("Kyst Energi", "1 · medium", "1 · weak", "–", "1 · medium",
                              "1 · strong", "–")
    assert "10 cells are missing links" in actors.alt
    survey = pages[("survey", "polar-2017")]
    assert sorted(survey) == ["status", "tools"]
    assert list(survey["tools"].frame["share"]) == [10 / 12, 0.5, 0.0]
    assert "more than 100 %" in survey["tools"].caption
    for figure in (coverage, stress, actors, survey["status"]):
        assert figure.spec["description"] == figure.alt


def test_the_forum_and_survey_open_data(dataset: Dataset) -> None:
    from generator.render.opendata import api

    day = dt.date(2022, 1, 1)
    view = _view(dataset, day)
    forum = api.forum_document(view, view.forums["polar"])
    assert forum["strategy"]["uncovered"] == ["minerals"]
    assert forum["strategy"]["shared"] == [
        {"priority": "ocean-food", "clusters": ["nordlys-klynge", "kyst-energi"]}]
    first, second = forum["stress_tests"]
    assert all("change" not in d for d in first["dimensions"])
    assert [d["id"] for d in second["dimensions"]] == ["s3-design", "support-schemes",
                                                       "s3-delivery", "value-chains"]
    assert second["dimensions"][1] == {"id": "support-schemes", "direction": "s3-for-clusters",
                                       "region": 4.0, "frontrunners": 3.5, "gap": -0.5,
                                       "change": 1.0}
    assert "change" not in second["dimensions"][2]
    assert (second["weakest"], second["strongest"]) == ("value-chains", "support-schemes")
    (actor_map,) = forum["actor_maps"]
    assert actor_map["clusters"][2] == {
        "cluster": "nordlys-klynge",
        "kinds": {"research": {"actors": 1, "strongest": "strong"},
                  "public": {"actors": 1, "strongest": "medium"},
                  "support": {"actors": 1, "strongest": "weak"}},
        "missing": ["company", "education", "finance"]}
    assert forum["support_processes"] == [{
        "process": "eco-model-region", "steps_done": 1, "steps_total": 4,
        "current_step": "workshop",
        "steps": [{"step": "survey", "status": "done", "date": "2019-09"},
                  {"step": "pre-assessment", "status": "skipped", "date": None},
                  {"step": "workshop", "status": "in-progress", "date": "2020-03"}],
        "certainty": "confirmed", "sources": []}]
    documents = api.documents(view)
    survey = documents["surveys/polar-2017.json"]
    assert survey["response_rate"] == 0.75
    status, tools, advice, _unpublished = survey["questions"]
    assert [(a["count"], a["share"]) for a in status["answers"]] == [
        (7, 0.467), (5, 0.333), (3, 0.2)]
    assert [a["share"] for a in tools["answers"]] == [0.833, 0.5, 0.0]
    assert advice["answers"][0] == {"text": {"nb": "Etabler fellesprosjekter",
                                             "en": "Set up joint projects"}}
    assert documents["index.json"]["surveys"] == [{
        "id": "polar-2017", "name": {"nb": "Kartlegging blant klyngene",
                                     "en": "Survey of the clusters"},
        "path": "surveys/polar-2017.json", "certainty": "example",
        "sources": [{"id": None, "title": None, "url": "https://example.org/polar/survey"}]}]
    # what is dated after the as-of date is in no file
    early = api.documents(_view(dataset, dt.date(2017, 3, 31)))
    assert "surveys/polar-2017.json" not in early and "surveys" not in early["index.json"]
    polar = early["forums/polar.json"]
    assert "stress_tests" not in polar and "actor_maps" not in polar
    assert polar["support_processes"][0]["steps"][0]["status"] == "planned"


def test_a_forum_without_strategy_data_has_no_strategy_keys() -> None:
    from generator.render.opendata import api

    small = load_tree(REPO / "tests" / "fixtures" / "small").dataset
    assert small is not None
    view = _view(small, dt.date(2022, 1, 1))
    forum = api.forum_document(view, view.forums["polar"])
    for key in ("strategy", "stress_tests", "actor_maps", "support_processes", "surveys"):
        assert key not in forum


def test_the_strategy_tree_builds_strictly(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = cli.main(["build", "--strict", "--data", str(STRATEGY), "--site",
                     str(tmp_path / "site"), "--work", str(tmp_path / "work"),
                     "--as-of", "2022-01-01"])
    assert code == 0, capsys.readouterr().err
    site = tmp_path / "site"
    for rel in ("surveys/index.html", "surveys/polar-2017/index.html",
                "en/surveys/polar-2017/index.html", "api/v1/surveys/polar-2017.json",
                "charts/forum/polar/stress-test.svg", "charts/survey/polar-2017/tools.csv",
                "en/charts/forum/polar/actors.vl.json"):
        assert (site / rel).is_file(), rel
    forum = (site / "en/forums/polar/index.html").read_text(encoding="utf-8")
    assert 'href="../../surveys/polar-2017/"' in forum
    home = (site / "index.html").read_text(encoding="utf-8")
    assert 'href="surveys/polar-2017/"' in home


GOLDEN = REPO / "tests" / "golden" / "charts"
GOLDEN_FIGURES = {  # chart kind -> (page kind, id, chart name) in the strategy tree
    "forum-coverage": ("forum", "polar", "coverage"),
    "forum-stress-test": ("forum", "polar", "stress_test"),
    "forum-actors": ("forum", "polar", "actors"),
    "survey-answers": ("survey", "polar-2017", "tools"),
}


@pytest.fixture(scope="module")
def strategy_figures(dataset: Dataset) -> Callable[[str], dict[Any, Any]]:
    """Every figure of the strategy tree as of 2022-01-01 in a language, each spec
    validated against Vega-Lite's schema; made once per language for the module."""
    from generator.render.charts.figures import FigureBuilder
    from generator.render.charts.strategy import with_strategy
    from generator.render.text.i18n import Language

    made: dict[str, dict[Any, Any]] = {}

    def figures(language: str) -> dict[Any, Any]:
        if language not in made:
            builder = FigureBuilder(_view(dataset, "2022-01-01"),
                                    Language(language, dataset.languages[0]), validate=True)
            made[language] = dict(with_strategy(builder, builder.all()))
        return made[language]

    return figures


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("kind", sorted(GOLDEN_FIGURES))
def test_strategy_spec_matches_golden(strategy_figures: Callable[[str], dict[Any, Any]],
                                      language: str, kind: str) -> None:
    """One figure of each regional-strategy chart kind per language, its Vega-Lite spec
    as reviewed (``UPDATE_GOLDEN=1`` writes them, as in tests/test_charts.py)."""
    from generator.render.charts import specs

    page, item, name = GOLDEN_FIGURES[kind]
    figure = strategy_figures(language)[(page, item)][name]
    assert figure.kind == kind
    actual = specs.spec_json(figure.spec).decode()
    golden = GOLDEN / language / f"{kind}.vl.json"
    check_golden(golden, actual)
