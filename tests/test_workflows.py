"""The publishing pipeline itself: zizmor (a static checker for GitHub Actions) finds
nothing in .github/workflows/, run offline with its strictest persona; every action is
pinned to a full commit SHA with its version beside it; only the deploy job may write."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$")


def zizmor(folder: Path) -> list[dict[str, Any]]:
    """zizmor's findings on a folder of workflows (offline: no GitHub API, no network)."""
    exe = Path(sys.executable).with_name("zizmor")
    command = [str(exe) if exe.exists() else shutil.which("zizmor") or "zizmor",
               "--offline", "--persona=pedantic", "--format=json", "--no-progress",
               str(folder)]
    proc = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    assert proc.stdout.strip().startswith("["), (proc.returncode, proc.stderr[-2000:])
    return list(json.loads(proc.stdout))


def test_zizmor_finds_nothing_in_the_workflows() -> None:
    findings = zizmor(WORKFLOWS)
    assert [(f.get("ident"), f.get("desc")) for f in findings] == []


def test_zizmor_finds_what_the_workflows_used_to_have(tmp_path: Path) -> None:
    """The check can fail: the deploy workflow as it was (unpinned actions, permissions
    for the whole workflow, credentials persisted, a step output inside a script)."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "deploy.yml").write_text("""\
name: Deploy
on:
  push:
    branches: [main]
permissions:
  contents: read
  pages: write
  id-token: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - id: pages
        uses: actions/configure-pages@v5
      - run: make site SITE_URL="${{ steps.pages.outputs.base_url }}/"
      - uses: actions/upload-pages-artifact@v3
        with:
          path: site/
""", encoding="utf-8")
    kinds = {finding["ident"] for finding in zizmor(folder)}
    assert {"unpinned-uses", "artipacked", "excessive-permissions",
            "template-injection"} <= kinds, kinds


def _steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_every_action_is_pinned_to_a_commit_with_its_version(name: str) -> None:
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    uses = [line.split("uses:", 1)[1].strip() for line in text.splitlines()
            if line.strip().removeprefix("- ").startswith("uses:")]
    assert uses
    for use in uses:
        assert PINNED.match(use), use
    for step in _steps(yaml.safe_load(text)):
        if str(step.get("uses", "")).startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False
        assert "${{" not in str(step.get("run", "")), step  # outputs reach scripts via env:


def test_only_the_deploy_job_may_write() -> None:
    workflow = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text(encoding="utf-8"))
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
