"""``python -m generator new``: every kind writes a valid, commented file; nothing is ever
replaced; an event or action is appended as text, keeping the file's comments; a change
that would make the data invalid is refused with the file left as it was. Also the editor
and commit-time checks that come with the data: schema lines, editor settings, pre-commit
and the pull request workflow."""

from __future__ import annotations

import difflib
import json
import os
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import cli
from generator.data.load import load_tree
from generator.data.yamlfile import read_source
from generator.scaffold.writing import _no_link_on_the_way
from generator.scaffold.yamltext import Refused, append_to_list, schema_kind, schema_line
from tests.conftest import DATA, REPO

SCHEMAS = REPO / "schemas"
NORDLAND = "forums/nordland.yaml"
MINERAL = "clusters/mineralklynge-norge"


def new(tree: Path, *args: str) -> int:
    return cli.main(["new", *args, "--data", str(tree)])


def valid(tree: Path) -> bool:
    result = load_tree(tree)
    return result.dataset is not None and not result.problems


def only_added(before: str, after: str) -> bool:
    """Whether ``after`` is ``before`` with lines inserted and none changed or removed."""
    matcher = difflib.SequenceMatcher(None, before.splitlines(), after.splitlines())
    return all(op in ("equal", "insert") for op, *_ in matcher.get_opcodes())


def commented(text: str, key: str) -> bool:
    """Whether the comment lines right above a top-level key explain it in both languages."""
    block = []
    for line in reversed(text.split("\n" + key, 1)[0].splitlines()):
        if not line.startswith("#"):
            break
        block.append(line)
    return any(b.startswith("# nb: ") for b in block) and any(
        b.startswith("# en: ") for b in block)


def check_against_schema(path: Path, rel: str) -> None:
    """The file's first line names its JSON Schema, and the file passes it (as an editor
    would check it)."""
    kind = schema_kind(rel)
    assert kind is not None, rel
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == schema_line(rel, kind)
    if path.is_relative_to(DATA):  # in the repository the line leads to the schema
        target = (path.parent / first.split("$schema=", 1)[1]).resolve()
        assert target == (SCHEMAS / f"{kind}.schema.json").resolve()
    value = read_source(path, rel).value
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(value, schema)


# --- each kind --------------------------------------------------------------------------------


def test_new_assessment(data_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(data_tree, "assessment", "--cluster", "mineralklynge-norge", "--date",
               "2018-10-01", "--kind", "silver") == 0
    rel = f"{MINERAL}/assessments/2018-10-01.yaml"
    printed = capsys.readouterr()
    assert printed.out.strip().endswith(rel)
    path = data_tree / rel
    text = path.read_text(encoding="utf-8")
    dataset = load_tree(data_tree).dataset
    assert dataset is not None
    assessment = dataset.clusters["mineralklynge-norge"].assessments[-1]
    assert assessment.date.isoformat() == "2018-10-01" and assessment.kind == "silver"
    # every indicator of the catalogue, not assessed yet, with its names in both languages
    assert list(assessment.lights) == [i.id for i in dataset.catalogue.indicators]
    assert set(assessment.lights.values()) == {"n/a"}
    assert '"1.1.0": n/a   # Forpliktet klyngedeltakelse / Committed cluster participation' in text
    # every field commented in both languages
    for key in ("date:", "kind:", "assessor:", "peer_groups:", "illustrative:", "lights:",
                "improvements:"):
        assert commented(text, key), key
    check_against_schema(path, rel)
    # valid, with the one warning a benchmarking not filled in yet gets (printed by new)
    result = load_tree(data_tree)
    assert result.dataset is not None
    assert [(p.file.endswith(rel), p.severity, p.message.split(":")[0])
            for p in result.problems] == [(True, "warning", "no light is assessed")]
    assert "warning: no light is assessed" in printed.err


def test_new_assessment_defaults_to_today(data_tree: Path) -> None:
    import datetime as dt

    assert new(data_tree, "assessment", "--cluster", "vintertroms") == 0
    today = dt.date.today().isoformat()
    assert (data_tree / f"clusters/vintertroms/assessments/{today}.yaml").is_file()


def test_new_assessment_as_precise_as_its_source(data_tree: Path) -> None:
    """A benchmarking the report dates "October 2018" is written as 2018-10, in a file of
    that name, and the tree stays valid."""
    assert new(data_tree, "assessment", "--cluster", "vintertroms", "--date", "2018-10") == 0
    path = data_tree / "clusters/vintertroms/assessments/2018-10.yaml"
    assert "\ndate: 2018-10" in path.read_text(encoding="utf-8")
    assert load_tree(data_tree).dataset is not None


def test_new_cluster_in_a_forum(data_tree: Path) -> None:
    forum = (data_tree / NORDLAND).read_text(encoding="utf-8")
    assert new(data_tree, "cluster", "--id", "ny-klynge", "--name", "Ny Klynge", "--sector-nb",
               "Havbruk", "--sector-en", "Aquaculture", "--forum", "nordland", "--joined",
               "2019-01") == 0
    rel = "clusters/ny-klynge/cluster.yaml"
    check_against_schema(data_tree / rel, rel)
    text = (data_tree / rel).read_text(encoding="utf-8")
    for key in ("id:", "name:", "former_names:", "sector:", "programme:", "publish_indicators:",
                "labels:", "events:"):
        assert commented(text, key), key
    dataset = load_tree(data_tree).dataset
    assert dataset is not None
    cluster = dataset.clusters["ny-klynge"]
    assert cluster.sector.get("en") == "Aquaculture" and cluster.publish_indicators is False
    assert "nordland" in cluster.forum_ids
    after = (data_tree / NORDLAND).read_text(encoding="utf-8")
    assert only_added(forum, after)
    assert "  - cluster: ny-klynge\n    joined: 2019-01\n" in after


def test_new_cluster_without_sector_has_todo_placeholders(data_tree: Path) -> None:
    assert new(data_tree, "cluster", "--id", "ny-klynge", "--name", "Ny Klynge") == 0
    text = (data_tree / "clusters/ny-klynge/cluster.yaml").read_text(encoding="utf-8")
    assert 'sector: {nb: "TODO: sector (nb)", en: "TODO: sector (en)"}' in text
    assert valid(data_tree)


def test_new_forum(data_tree: Path) -> None:
    assert new(data_tree, "forum", "--id", "troms", "--name-nb", "Klyngeforum Troms",
               "--name-en", "Cluster Forum Troms", "--established", "2020-03") == 0
    rel = "forums/troms.yaml"
    check_against_schema(data_tree / rel, rel)
    text = (data_tree / rel).read_text(encoding="utf-8")
    for key in ("id:", "name:", "region:", "established:", "description:", "peer_groups:",
                "members:", "events:", "joint_actions:"):
        assert commented(text, key), key
    dataset = load_tree(data_tree).dataset
    assert dataset is not None
    forum = dataset.forums["troms"]
    assert forum.name.get("nb") == "Klyngeforum Troms"
    assert forum.established.isoformat() == "2020-03"


@pytest.mark.parametrize("owner,rel", [("--forum", NORDLAND),
                                       ("--cluster", f"{MINERAL}/cluster.yaml")])
def test_new_event_is_appended_keeping_comments(data_tree: Path, owner: str, rel: str) -> None:
    subject = "nordland" if owner == "--forum" else "mineralklynge-norge"
    before = (data_tree / rel).read_text(encoding="utf-8")
    assert new(data_tree, "event", owner, subject, "--date", "2019-05", "--kind", "workshop",
               "--title-nb", "Verksted: «neste steg»", "--title-en", 'Workshop: "next steps"',
               "--place", "Bodø") == 0
    after = (data_tree / rel).read_text(encoding="utf-8")
    assert only_added(before, after)
    assert after.count("#") == before.count("#")  # every comment kept
    dataset = load_tree(data_tree).dataset
    assert dataset is not None
    owner_model = (dataset.forums[subject] if owner == "--forum"
                   else dataset.clusters[subject])
    event = owner_model.events[-1]
    assert (event.date.isoformat(), event.kind) == ("2019-05", "workshop")
    assert event.title.get("en") == 'Workshop: "next steps"'
    assert event.title.get("nb") == "Verksted: «neste steg»"
    check_against_schema(data_tree / rel, rel)


def test_new_action_creates_the_plan(data_tree: Path) -> None:
    rel = "clusters/vintertroms/plan.yaml"
    assert not (data_tree / rel).exists()
    assert new(data_tree, "action", "--cluster", "vintertroms", "--id", "web", "--title-nb",
               "Nettsted", "--title-en", "Website", "--indicators", "4.6.1, 4.6.2",
               "--due", "2019") == 0
    check_against_schema(data_tree / rel, rel)
    assert commented((data_tree / rel).read_text(encoding="utf-8"), "actions:")
    dataset = load_tree(data_tree).dataset
    assert dataset is not None
    plan = dataset.clusters["vintertroms"].plan
    assert plan is not None
    [action] = plan.actions
    assert (action.id, action.indicators, action.status) == ("web", ("4.6.1", "4.6.2"),
                                                             "planned")
    # a second action is appended to the same file
    assert new(data_tree, "action", "--cluster", "vintertroms", "--id", "events",
               "--title", "Events", "--status", "in-progress") == 0
    dataset = load_tree(data_tree).dataset
    assert dataset is not None
    plan = dataset.clusters["vintertroms"].plan
    assert plan is not None
    assert [a.id for a in plan.actions] == ["web", "events"]


def test_new_action_appends_to_an_existing_plan(data_tree: Path) -> None:
    rel = f"{MINERAL}/plan.yaml"
    before = (data_tree / rel).read_text(encoding="utf-8")
    assert new(data_tree, "action", "--cluster", "mineralklynge-norge", "--id", "web",
               "--title-nb", "Nettsted", "--title-en", "Website", "--indicators", "4.6.2",
               "--status", "done", "--joint", "nordland/branding") == 0
    after = (data_tree / rel).read_text(encoding="utf-8")
    assert only_added(before, after)
    dataset = load_tree(data_tree).dataset
    assert dataset is not None
    plan = dataset.clusters["mineralklynge-norge"].plan
    assert plan is not None and plan.actions[-1].joint == "nordland/branding"


def test_new_joint_action(data_tree: Path) -> None:
    before = (data_tree / NORDLAND).read_text(encoding="utf-8")
    assert new(data_tree, "action", "--forum", "nordland", "--id", "green-shift",
               "--title-nb", "Grønt skifte", "--title-en", "Green shift", "--indicators",
               "4.2", "--status", "in-progress", "--started", "2018-01", "--due",
               "2019-12") == 0
    assert only_added(before, (data_tree / NORDLAND).read_text(encoding="utf-8"))
    dataset = load_tree(data_tree).dataset
    assert dataset is not None
    action = dataset.forums["nordland"].joint_actions[-1]
    assert action.id == "green-shift" and action.started is not None


# --- never replaced, never broken -------------------------------------------------------------


def test_never_overwrites_an_assessment(data_tree: Path) -> None:
    path = data_tree / f"{MINERAL}/assessments/2017-03-28.yaml"
    before = path.read_bytes()
    assert new(data_tree, "assessment", "--cluster", "mineralklynge-norge", "--date",
               "2017-03-28") == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize("args", [
    ["assessment", "--cluster", "mineralklynge-norge", "--date", "2018-10-01"],
    ["event", "--cluster", "mineralklynge-norge", "--date", "2018-10-01", "--kind",
     "meeting", "--title", "X"],
], ids=["assessment", "event"])
def test_never_writes_through_a_link(data_tree: Path, tmp_path: Path, args: list[str],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A cluster folder that is a link to a folder outside the data: nothing is written
    there (nor anywhere), and the message names the link."""
    outside = tmp_path / "outside"
    shutil.move(data_tree / MINERAL, outside)
    os.symlink(outside, data_tree / MINERAL)
    before = {p.relative_to(outside): p.read_bytes() for p in outside.rglob("*") if p.is_file()}
    capsys.readouterr()
    assert new(data_tree, *args) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"{MINERAL}:1: is a link" in err, err
    assert {p.relative_to(outside): p.read_bytes()
            for p in outside.rglob("*") if p.is_file()} == before
    # and the writer itself refuses the way, whatever validation said
    with pytest.raises(Refused, match=f"{MINERAL} is a link"):
        _no_link_on_the_way(data_tree, f"{MINERAL}/assessments/2018-10-01.yaml")


@pytest.mark.parametrize("args", [
    ["cluster", "--id", "mineralklynge-norge", "--name", "X"],
    ["forum", "--id", "nordland", "--name", "X"],
], ids=["cluster", "forum"])
def test_never_overwrites_a_cluster_or_forum(data_tree: Path, args: list[str]) -> None:
    before = {p: p.read_bytes() for p in data_tree.rglob("*.yaml")}
    assert new(data_tree, *args) == 1
    assert {p: p.read_bytes() for p in data_tree.rglob("*.yaml")} == before


def test_refuses_what_would_be_invalid_and_keeps_the_file(
        data_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data_tree / f"{MINERAL}/plan.yaml"
    before = path.read_bytes()
    assert new(data_tree, "action", "--cluster", "mineralklynge-norge", "--id", "x",
               "--title", "X", "--indicators", "9.9") == 1
    err = capsys.readouterr().err
    assert "indicator '9.9' is not in indicators.yaml" in err
    assert "nothing was changed" in err
    assert path.read_bytes() == before
    # the same id twice is refused too
    assert new(data_tree, "action", "--cluster", "mineralklynge-norge", "--id", "branding",
               "--title", "X") == 1
    assert path.read_bytes() == before
    assert valid(data_tree)


def test_refuses_on_a_broken_tree(data_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = data_tree / "clusters/vintertroms/cluster.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("sector:", "sectr:"),
                      encoding="utf-8")
    assert new(data_tree, "assessment", "--cluster", "mineralklynge-norge", "--date",
               "2019-01-01") == 1
    assert "unknown key 'sectr'" in capsys.readouterr().err
    assert not (data_tree / f"{MINERAL}/assessments/2019-01-01.yaml").exists()


@pytest.mark.parametrize("args", [
    ["assessment", "--cluster", "  "],
    ["assessment", "--cluster", "mineralklynge-norge", "--date", "2018-13"],
    ["assessment", "--cluster", "mineralklynge-norge", "--kind", "platinum"],
    ["event", "--forum", "nordland", "--date", "2018-9", "--kind", "meeting", "--title", "X"],
    ["event", "--forum", "nordland", "--date", "2018", "--kind", "meeting"],
    ["event", "--forum", "nordland", "--cluster", "vintertroms", "--date", "2018",
     "--kind", "meeting", "--title", "X"],
    ["action", "--cluster", "vintertroms", "--id", "x", "--title", "X", "--indicators", "1..2"],
    ["action", "--cluster", "vintertroms", "--id", "x", "--title", "X", "--started", "2018"],
    ["cluster", "--id", "x", "--name", "X", "--name-nb", "Y"],
    [],
], ids=["empty-id", "bad-month", "bad-kind", "bad-date", "no-title", "two-owners",
        "bad-indicator", "started-for-plan", "two-names", "no-kind"])
def test_usage_errors_exit_2(data_tree: Path, args: list[str]) -> None:
    before = {p: p.read_bytes() for p in data_tree.rglob("*.yaml")}
    with pytest.raises(SystemExit) as exc:
        code = new(data_tree, *args)
        raise SystemExit(code)
    assert exc.value.code == 2
    assert {p: p.read_bytes() for p in data_tree.rglob("*.yaml")} == before


def test_unknown_cluster_exits_1(data_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert new(data_tree, "assessment", "--cluster", "no-such-cluster") == 1
    assert "cluster 'no-such-cluster' does not exist" in capsys.readouterr().err


def test_subprocess_prints_the_path(data_tree: Path) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "generator", "new", "event", "--cluster", "vintertroms",
         "--date", "2019-02-01", "--kind", "milestone", "--title", "Milepæl", "--data",
         str(data_tree)], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("clusters/vintertroms/cluster.yaml")
    assert "Traceback" not in result.stderr


def test_crlf_and_bom_are_kept(data_tree: Path) -> None:
    path = data_tree / NORDLAND
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert new(data_tree, "event", "--forum", "nordland", "--date", "2019", "--kind",
               "report", "--title", "Rapport") == 0
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert valid(data_tree)


# --- appending as text ------------------------------------------------------------------------

ITEM = {"date": "2020-01", "kind": "meeting", "title": '{nb: "Møte", en: "Meeting"}'}


@pytest.mark.parametrize("text", [
    "schema_version: 1\nevents:\n  - date: 2019\n    kind: report\n    title: A  # c\n\n"
    "# next\nlabels: []\n",
    "schema_version: 1\nevents:\n- date: 2019\n  kind: report\n  title: A\n",
    "schema_version: 1\nevents: []   # none yet\nlabels: []\n",
    "schema_version: 1\nevents:\n# none yet\nlabels: []\n",
    "schema_version: 1\nevents: ~\n",
    "schema_version: 1\nevents:",
    "schema_version: 1\nevents: [{date: 2019, kind: report, title: A}]\n",
    "schema_version: 1\nid: x",
    "schema_version: 1\nevents:\n  - date: 2019\n    title: A\n    description: |\n      long\n"
    "      text\nlabels: []\n",
    "schema_version: 1\nevents:\n    -   date: 2019\n        title: >-\n          A\n          B\n",
], ids=["block", "indentless", "empty-flow", "empty-with-comment", "null", "no-newline",
        "flow", "no-key", "block-scalar", "wide-indent"])
def test_append_to_list(text: str) -> None:
    out = append_to_list(text, "events", ITEM)
    value = yaml.safe_load(out)
    assert value["events"][-1] == {"date": "2020-01", "kind": "meeting",
                                   "title": {"nb": "Møte", "en": "Meeting"}}
    before = yaml.safe_load(text) or {}
    old = before.get("events") or []
    assert value["events"][:-1] == old
    assert {k: v for k, v in value.items() if k != "events"} == {
        k: v for k, v in before.items() if k != "events"}
    for comment in re.findall(r"#.*", text):
        assert comment in out


# --- editor and commit-time checks -------------------------------------------------------------


def test_every_data_file_points_at_its_schema() -> None:
    for path in sorted(DATA.rglob("*.yaml")):
        check_against_schema(path, path.relative_to(DATA).as_posix())


def test_editor_settings() -> None:
    settings = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))
    assert settings["files.encoding"] == "utf8"
    assert settings["editor.insertSpaces"] is True
    kinds = set()
    for schema, glob in settings["yaml.schemas"].items():
        assert (REPO / schema).is_file(), schema
        assert glob.startswith("data/")
        kinds.add(Path(schema).name.removesuffix(".schema.json"))
    assert kinds == {p.name.removesuffix(".schema.json") for p in SCHEMAS.glob("*.json")}
    extensions = json.loads((REPO / ".vscode/extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_pre_commit_runs_the_validator_on_data_changes() -> None:
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    [validate] = [h for h in hooks if "generator validate" in h["entry"]]
    assert re.search(validate["files"], "data/clusters/x/cluster.yaml")
    assert not re.search(validate["files"], "docs/en/guide.md")
    assert validate["pass_filenames"] is False
    assert validate["language"] == "system"


def test_pull_request_workflow_annotates_and_uploads_the_site() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/check.yml").read_text(
        encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key 'on' as true
    steps = workflow["jobs"]["check"]["steps"]
    runs = [s.get("run", "") for s in steps]
    assert any("generator validate" in r and "--format github" in r for r in runs)
    uploads = [s for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site"
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert checkout.get("with", {}).get("fetch-depth") == 0  # "data last changed" needs history


def test_a_cluster_or_forum_given_by_name_is_found_or_its_id_suggested(
        data_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Secretariats know their clusters by name: `--cluster "Biotech North"` once gave
    "'Biotech North' is not a valid id". A name in any language and case is taken (with a
    note of the id); a name with a typo gets the id it most likely means."""
    capsys.readouterr()
    assert new(data_tree, "event", "--cluster", "biotech north", "--date", "2019",
               "--kind", "meeting", "--title", "Møte") == 0
    err = capsys.readouterr().err
    assert "note: 'biotech north' is the cluster biotech-north" in err
    assert 'title: "Møte"' in (data_tree / "clusters/biotech-north/cluster.yaml").read_text(
        encoding="utf-8")
    assert new(data_tree, "event", "--forum", "Cluster Forum Nordland", "--date", "2019",
               "--kind", "meeting", "--title", "Møte") == 0
    assert "note: 'Cluster Forum Nordland' is the forum nordland" in capsys.readouterr().err
    before = (data_tree / "clusters/biotech-north/cluster.yaml").read_bytes()
    assert new(data_tree, "label", "--cluster", "Biotek Nord", "--level", "bronze",
               "--awarded", "2019", "--certainty", "inferred") == 1
    assert ("cluster 'Biotek Nord' does not exist: did you mean 'biotech-north' "
            "(Biotech North)?") in capsys.readouterr().err
    assert (data_tree / "clusters/biotech-north/cluster.yaml").read_bytes() == before


def test_list_prints_ids_and_names_to_find_an_id_by(
        data_tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    for what, line in (("clusters", "biotech-north\tBiotech North"),
                       ("forums", "nordland\tKlyngeforum Nordland"),
                       ("indicators", "1.1.0\tForpliktet klyngedeltakelse")):
        assert cli.main(["list", what, "--data", str(data_tree)]) == 0
        lines = capsys.readouterr().out.splitlines()
        assert line in lines, lines
    assert len(lines) == 31  # every indicator of the catalogue
    (data_tree / "site.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    assert cli.main(["list", "clusters", "--data", str(data_tree)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "site.yaml" in captured.err
