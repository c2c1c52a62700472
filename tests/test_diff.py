"""``python -m generator diff``: what a change does on the site, in words, per forum and
cluster, with consent applied: a non-publishing cluster's lights never appear, and a
change to them alone is no change at all."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator import cli
from tests.conftest import REPO, SMALL

AS_OF = "2026-11-23"
NORDLYS = "clusters/nordlys-klynge"   # publishes its results
FJORD = "clusters/fjord-tech"         # does not


@pytest.fixture
def trees(tmp_path: Path) -> tuple[Path, Path]:
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(SMALL, base)
    shutil.copytree(SMALL, head)
    return base, head


def diff(base: Path | str, head: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert cli.main(["diff", "--base", str(base), "--data", str(head), "--as-of", AS_OF]) == 0
    return capsys.readouterr().out


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def flip_lights(path: Path) -> None:
    """Every green light red and every red one green."""
    text = path.read_text(encoding="utf-8")
    text = text.replace(": green", ": RED").replace(": red", ": green").replace(": RED", ": red")
    path.write_text(text, encoding="utf-8")


def test_no_change(trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    base, head = trees
    out = diff(base, head, capsys)
    assert out.startswith(f"## What this change does on the site (as of {AS_OF})\n")
    assert "Nothing that the site shows changes." in out


def test_a_non_publishing_clusters_lights_are_never_revealed(
        trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    base, head = trees
    for path in sorted((head / FJORD / "assessments").glob("*.yaml")):
        flip_lights(path)
    assert "Nothing that the site shows changes." in diff(base, head, capsys)
    # a new benchmarking of it: its date and kind, nothing of its lights
    new = head / FJORD / "assessments" / "2019-05-06.yaml"
    shutil.copy(head / FJORD / "assessments" / "2018-05-04.yaml", new)
    replace(new, "date: 2018-05-04", "date: 2019-05-06")
    out = diff(base, head, capsys)
    section = out.split("### Cluster Fjord", 1)[1]
    assert "- New bronze benchmarking of 2019-05-06." in section
    for word in ("green", "yellow", "red", "better", "worse", "assessed", "light"):
        assert word not in section.lower(), word


def test_a_publishing_cluster_shows_its_light_changes(
        trees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    base, head = trees
    latest = head / NORDLYS / "assessments" / "2018-03-01.yaml"
    new = head / NORDLYS / "assessments" / "2019-03-01.yaml"
    shutil.copy(latest, new)
    replace(new, "date: 2018-03-01", "date: 2019-03-01")
    flip_lights(new)
    changed = head / NORDLYS / "assessments" / "2017-10-02.yaml"
    flip_lights(changed)
    out = diff(base, head, capsys)
    section = out.split("### Cluster Nordlys Klynge", 1)[1]
    assert "- New gold benchmarking of 2019-03-01: " in section
    assert " lights worse than on 2018-03-01." in section
    # every changed light of the new benchmarking on a line of its own, named
    new_line = section.split("- New gold benchmarking of 2019-03-01: ", 1)[1].split("\n- ")[0]
    named = [line for line in new_line.splitlines() if line.startswith("  - ")]
    assert named, new_line
    assert all(re.fullmatch(r"  - [\d.]+ .+: (green|yellow|red|n/a) → (green|yellow|red|n/a) "
                            r"\((better|worse|newly assessed|no longer assessed)\)", line)
               for line in named), named
    assert "- Benchmarking of 2017-10-02: lights changed: " in section
    assert " green → red" in section or " red → green" in section


def test_labels_members_events_and_actions(trees: tuple[Path, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    base, head = trees
    replace(head / FJORD / "cluster.yaml", "labels:\n",
            "labels:\n  - level: silver\n    awarded: 2026-06\n"
            "    source: https://example.org/silver\n")
    forum = head / "forums" / "polar.yaml"
    replace(forum, "  - cluster: kyst-energi\n    joined: 2019-01-15\n",
            "  - cluster: kyst-energi\n    joined: 2019-01-15\n    left: 2025-12\n")
    replace(forum, "events:\n", "events:\n  - date: 2026-10-01\n    kind: meeting\n"
            "    title: {nb: \"Høstmøte\", en: \"Autumn meeting\"}\n")
    out = diff(base, head, capsys)
    assert "- New silver label, awarded 2026-06, valid until 2028-06: valid." in out
    assert "- Member left: Kyst Energi (2025-12)." in out
    assert '- New event: 2026-10-01 meeting, "Høstmøte".' in out


def _repository(tmp_path: Path) -> tuple[Path, list[str]]:
    repo = tmp_path / "repo"
    shutil.copytree(SMALL, repo / "data")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    return repo, git


def test_base_at_a_git_revision(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    repo, _ = _repository(tmp_path)
    replace(repo / "data" / NORDLYS / "cluster.yaml", "members_count: 24", "members_count: 30")
    out = diff("HEAD", repo / "data", capsys)
    assert "Compared with `HEAD`." in out
    assert "- Members: 24 → 30." in out
    assert cli.main(["diff", "--base", "no-such-rev", "--data", str(repo / "data")]) == 2
    assert "no-such-rev" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--output={target}", "--output={target}.tar",
                                    "--remote=/nonexistent", "-o{target}"])
def test_the_base_is_a_revision_never_an_option_to_git(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str) -> None:
    """A --base that git would read as an option is refused as no such revision: no file
    is made, truncated or written (git archive took --output=FILE once)."""
    repo, _ = _repository(tmp_path)
    target = tmp_path / "victim"
    target.write_text("keep me\n", encoding="utf-8")
    base = option.format(target=target)
    capsys.readouterr()
    assert cli.main(["diff", f"--base={base}", "--data", str(repo / "data")]) == 2
    err = capsys.readouterr().err
    assert "no such revision" in err and "Traceback" not in err, err
    assert target.read_text(encoding="utf-8") == "keep me\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo", "victim"]


def test_a_link_in_the_base_revision_is_refused_with_its_path(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A link committed in the base revision (to a file outside, absolute) is not
    followed or unpacked: one located line, exit 2, no traceback."""
    repo, git = _repository(tmp_path)
    (repo / "data" / "README").symlink_to("/etc/passwd")
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "a link"], check=True)
    (repo / "data" / "README").unlink()
    capsys.readouterr()
    assert cli.main(["diff", "--base", "HEAD", "--data", str(repo / "data")]) == 2
    err = capsys.readouterr().err
    assert "data/README is a link in that revision" in err and "Traceback" not in err, err


def test_the_check_workflow_writes_it_to_the_job_summary() -> None:
    text = (REPO / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    step = text.split("name: What the change does on the site", 1)[1].split("\n      - ", 1)[0]
    assert "BASE_SHA: ${{ github.event.pull_request.base.sha }}" in step
    assert 'generator diff --base "$BASE_SHA"' in step and '"$GITHUB_STEP_SUMMARY"' in step
    run = step.split("run:", 1)[1]
    assert "${{" not in run  # values reach the script through env:, never pasted into it


def test_the_warnings_a_change_brings_are_named(trees: tuple[Path, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """An unbacked label added by the change: the summary of the pull request names the
    warning at its file and line, and only the warnings the change brings."""
    base, head = trees
    path = head / FJORD / "cluster.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "labels:\n"
    assert marker in text, text
    path.write_text(text.replace(marker, marker + "  - level: silver\n    awarded: 2017-06\n",
                                 1), encoding="utf-8")
    out = diff(base, head, capsys)
    section = out.split("### Warnings this change brings", 1)[1]
    [line] = [line for line in section.splitlines() if line.startswith("- ")]
    assert "fjord-tech/cluster.yaml:" in line and "this silver label is not backed" in line
    assert diff(base, base, capsys).count("### Warnings this change brings") == 0
