"""One mistake at a time: every kind of broken data is refused at its file, line and key.

Each case copies the small valid tree (tests/fixtures/small) or data/, makes ONE mistake,
runs ``python -m generator validate`` and checks the message: exit code 1, the file, the
exact line, the exact key path and a keyword of the message, and no traceback. A few cases
run the real command in a subprocess; the rest call ``cli.main`` in-process for speed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.base.dates import PartialDate
from generator.data.load import load_tree

REPO = Path(__file__).resolve().parents[1]
SMALL = REPO / "tests" / "fixtures" / "small"
STRATEGY = REPO / "tests" / "fixtures" / "strategy"
DATA = REPO / "data"

SITE = "site.yaml"
IND = "indicators.yaml"
RULES = "rules.yaml"
PEER = "peer-groups/ref-2016.yaml"
FORUM = "forums/polar.yaml"
NORDLYS = "clusters/nordlys-klynge/cluster.yaml"
A2016 = "clusters/nordlys-klynge/assessments/2016-09-19.yaml"
A2017 = "clusters/nordlys-klynge/assessments/2017-10-02.yaml"
A2018 = "clusters/nordlys-klynge/assessments/2018-03-01.yaml"
PLAN = "clusters/nordlys-klynge/plan.yaml"
FJORD = "clusters/fjord-tech/cluster.yaml"
FJORD_A = "clusters/fjord-tech/assessments/2016-09-20.yaml"
KYST = "clusters/kyst-energi/cluster.yaml"
# the regional-strategy tree (tests/fixtures/strategy: the small tree and every strategy key)
PROC = "processes.yaml"
CAT = "stress-test.yaml"
ST = "stress-tests/polar/2019-05-03.yaml"
AM = "actor-maps/polar/2021-09-20.yaml"
SV = "surveys/polar-2017.yaml"
OTHER_FORUM = """schema_version: 1
id: other
name: Other
region: Other
established: 2020
description: Other
"""

LINE = re.compile(r"^(?P<file>.*?):(?P<line>\d+): (?P<rest>.*)$")


# --- helpers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One mistake and the message it must give.

    ``edits`` replaces text in ``file`` (each old text must occur exactly once); ``action``
    changes the tree in other ways. ``at`` is the expected line: a number, or a text that
    occurs on exactly one line of the expected file after the change.
    """

    id: str
    file: str
    edits: tuple[tuple[str, str], ...]
    key: str
    word: str
    at: str | int
    expect_file: str | None = None
    action: Callable[[Path], None] | None = None
    subprocess: bool = False
    base: str = "small"
    nth: int | None = None
    """With a text ``at`` found on several lines: which of them (0 = the first)."""

    @property
    def target(self) -> str:
        return self.expect_file or self.file


def edit(file: str, old: str, new: str, key: str, word: str, at: str | int,
         **kw: Any) -> dict[str, Any]:
    """The fields of a Case that replaces ``old`` with ``new`` in ``file``."""
    return dict(file=file, edits=((old, new),), key=key, word=word, at=at, **kw)


def apply(case: Case, root: Path) -> None:
    path = root / case.file
    if case.edits:
        text = path.read_text(encoding="utf-8")
        for old, new in case.edits:
            assert text.count(old) == 1, f"{case.id}: {old!r} occurs {text.count(old)} times"
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8", newline="")
    if case.action is not None:
        case.action(root)


def expected_line(case: Case, root: Path) -> int:
    if isinstance(case.at, int):
        return case.at
    raw = (root / case.target).read_bytes().decode("utf-8", errors="replace")
    hits = [i for i, line in enumerate(raw.splitlines(), 1) if case.at in line]
    if case.nth is not None:
        return hits[case.nth]
    assert len(hits) == 1, f"{case.id}: {case.at!r} is on lines {hits}"
    return hits[0]


def parse(stderr: str) -> list[tuple[str, int, str]]:
    """(file, line, rest) of every problem line printed."""
    out = []
    for text in stderr.splitlines():
        match = LINE.match(text)
        if match:
            out.append((match["file"], int(match["line"]), match["rest"]))
    return out


def find(stderr: str, suffix: str, line: int, key: str, word: str) -> bool:
    """Whether stderr has a problem at ``suffix``:``line`` with ``key`` and ``word``."""
    for file, at, rest in parse(stderr):
        if not (file == suffix or file.endswith("/" + suffix)) or at != line:
            continue
        if key:
            if not rest.startswith(key + ": "):
                continue
            message = rest[len(key) + 2:]
        else:
            message = rest
        if message and word.lower() in message.lower():
            return True
    return False


def run_cli(args: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=REPO, capture_output=True,
        text=True, timeout=120,
    )


def copy_base(case_base: str, tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree({"small": SMALL, "strategy": STRATEGY}.get(case_base, DATA), root)
    return root


# --- tree changes that are not text edits -------------------------------------------------


def delete(rel: str) -> Callable[[Path], None]:
    return lambda root: (root / rel).unlink()


def write(rel: str, text: str | bytes) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8", newline="")
    return change


def rename(rel: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / rel).rename(root / new)
    return change


def copy(rel: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        if (root / rel).is_dir():
            shutil.copytree(root / rel, root / new)
        else:
            shutil.copy(root / rel, root / new)
    return change


def link(rel: str, target: str, outside: str | None = None) -> Callable[[Path], None]:
    """A symbolic link at ``rel`` to ``target``; with ``outside``, that folder of the tree
    is first copied to ``outside/`` beside the tree (where the link points)."""
    def change(root: Path) -> None:
        if outside is not None:
            shutil.copytree(root / outside, root.parent / "outside")
        os.symlink(target, root / rel)
    return change


def latin1(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        before, after = text.split(old)
        path.write_bytes(before.encode() + new.encode("latin-1") + after.encode())
    return change


def append(rel: str, text: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8", newline="") as out:
            out.write(text)
    return change


# --- the cases ----------------------------------------------------------------------------

CASES = [
    # YAML itself
    Case("yaml-syntax", **edit(A2016, '  "1.2": red\n', '  "1.2": red: x\n', "",
                               "syntax error", "red: x"), subprocess=True),
    Case("yaml-syntax-indent", **edit(NORDLYS, "    to: 2016-06\n", "      to: 2016-06\n", "",
                                      "syntax error", "to: 2016-06")),
    Case("yaml-syntax-quote", **edit(SITE, 'title: {nb: "Testklyngeforum"',
                                     'title: {nb: "Testklyngeforum', "", "syntax error",
                                     "title:")),
    Case("duplicate-key", file=KYST, edits=(), key="members_count", word="duplicate",
         at="members_count: 30", action=append(KYST, "members_count: 30\n"), subprocess=True),
    Case("duplicate-key-nested", **edit(FORUM, "    joined: 2016-09\n",
                                        "    joined: 2016-09\n    joined: 2016-10\n",
                                        "members[0].joined", "duplicate", "joined: 2016-10")),
    Case("yaml-anchor-alias", file=KYST, edits=(("name: Kyst Energi", "name: &n Kyst Energi"),
                                                ("sector: Energi / Energy", "sector: *n")),
         key="", word="anchors and aliases", at="&n", subprocess=True),
    Case("yaml-alias-undefined", **edit(KYST, "sector: Energi / Energy", "sector: *x", "",
                                        "aliases", "sector: *x")),
    Case("yaml-merge-key", **edit(RULES, "  bronze: {valid_months: 24}",
                                  "  bronze: {<<: {valid_months: 24}}", "", "merge keys",
                                  "<<")),
    Case("yaml-tag-python", **edit(KYST, "name: Kyst Energi",
                                   "name: !!python/object:os.system Kyst Energi", "name",
                                   "tags", "!!python"), subprocess=True),
    Case("yaml-tag-python-mapping", **edit(FORUM, "meets: {nb:",
                                           "meets: !!python/object:os.Foo {nb:", "meets",
                                           "tags", "meets:")),
    Case("yaml-tag-int-bad", **edit(NORDLYS, "members_count: 24", "members_count: !!int lots",
                                    "members_count", "tags", "members_count")),
    Case("yaml-tag-set", **edit(FORUM, "peer_groups: [ref-2016]",
                                "peer_groups: !!set {ref-2016}", "peer_groups", "tags",
                                "peer_groups:")),
    Case("empty-file", file=PLAN, edits=(), key="", word="empty", at=1,
         action=write(PLAN, ""), subprocess=True),
    Case("comments-only-file", file=KYST, edits=(), key="", word="empty", at=1,
         action=write(KYST, "# nothing here yet\n")),
    Case("top-level-list", file=KYST, edits=(), key="", word="mapping", at=1,
         action=write(KYST, "- schema_version: 1\n- id: kyst-energi\n"), subprocess=True),
    Case("top-level-scalar", file=KYST, edits=(), key="", word="mapping", at=1,
         action=write(KYST, "just some text\n")),
    # keys
    Case("unknown-key-typo", **edit(A2016, "lights:", "ligths:", "ligths", "did you mean 'lights'",
                                    "ligths:")),
    Case("unknown-key-nested", **edit(RULES, "  bronze: {valid_months: 24}",
                                      "  bronze: {valid_months: 24, valid_years: 2}",
                                      "labels.bronze.valid_years", "unknown key",
                                      "valid_years")),
    Case("unknown-key-in-list", **edit(FORUM, "    left: 2018-06-30\n",
                                       "    left: 2018-06-30\n    note: former member\n",
                                       "members[1].note", "unknown key", "note:")),
    Case("missing-key", **edit(KYST, "sector: Energi / Energy\n", "", "sector",
                               "required key 'sector'", 1)),
    Case("missing-key-nested", **edit(FORUM, "    joined: 2016-09\n", "", "members[0].joined",
                                      "required key 'joined'", "- cluster: nordlys-klynge")),
    Case("missing-key-deep", **edit(RULES, "      documented_improvements: 3\n", "",
                                    "labels.silver.requires.documented_improvements",
                                    "required key 'documented_improvements'", "requires:",
                                    nth=0)),
    Case("empty-mapping-value", **edit(RULES, "      min_score_percent: 80\n", "",
                                       "labels.gold.requires", "must be a mapping",
                                       "requires:", nth=1)),
    Case("lights-key-integer", **edit(A2016, '  "1.2": red', "  1: red", "lights.1",
                                      "number 1", "1: red")),
    Case("lights-key-yes", **edit(A2016, '  "1.2": red', "  yes: red", "lights.yes",
                                  "true/false", "yes: red")),
    # types
    Case("text-for-number", **edit(NORDLYS, "members_count: 24", "members_count: many",
                                   "members_count", "whole number", "members_count")),
    Case("list-for-mapping", **edit(A2017, 'assessor: {organisation: ESCA, name: "Kari Nordmann"}',
                                    "assessor: [ESCA, Kari Nordmann]", "assessor", "mapping",
                                    "assessor:")),
    Case("mapping-for-list", **edit(FORUM, "peer_groups: [ref-2016]",
                                    "peer_groups: {ref-2016: yes}", "peer_groups", "list",
                                    "peer_groups:")),
    Case("number-for-text", **edit(KYST, "name: Kyst Energi", "name: 2024", "name", "number",
                                   "name: 2024")),
    Case("bool-for-text", **edit(NORDLYS, "  - level: nce\n", "  - level: yes\n",
                                 "programme[1].level", "'yes' is not allowed", "level: yes")),
    Case("text-for-bool", **edit(NORDLYS, "publish_indicators: true",
                                 'publish_indicators: "true"', "publish_indicators",
                                 "true or false", "publish_indicators")),
    Case("word-for-bool", **edit(FJORD, "publish_indicators: false",
                                 "publish_indicators: maybe", "publish_indicators",
                                 "must be true or false", "publish_indicators")),
    Case("schema-version-text", **edit(RULES, "schema_version: 1", 'schema_version: "1"',
                                       "schema_version", "number 1", "schema_version")),
    # ids and codes read as numbers, Norwegian read as false
    Case("lights-key-number", **edit(A2016, '  "1.2": red', "  1.2: red", 'lights."1.2"',
                                     "quote", "1.2: red")),
    Case("indicator-id-number", **edit(IND, '  - id: "1.2"', "  - id: 1.2", "indicators[1].id",
                                       "quotes", "id: 1.2"), subprocess=True),
    Case("area-id-number", **edit(IND, '  - id: "4"', "  - id: 4", "areas[2].id", "quotes",
                                  "id: 4")),
    Case("indicator-ref-number", **edit(FORUM, '    indicators: ["4.2"]',
                                        "    indicators: [4.2]",
                                        "joint_actions[0].indicators[0]", "number 4.2",
                                        "indicators: [4.2]")),
    Case("no-in-languages", **edit(SITE, "languages: [nb, en]", "languages: [no, en]",
                                   "languages[0]", "unquoted no", "languages:"),
         subprocess=True),
    Case("no-as-text-key", **edit(SITE, 'title: {nb: "Testklyngeforum"',
                                  'title: {no: "Testklyngeforum"', "title.no",
                                  "unquoted no", "title:")),
    Case("bad-language-code", **edit(FORUM, 'region: {nb: "Nord-Norge"',
                                     'region: {NB: "Nord-Norge"', "region.NB",
                                     "not a language code", "region:")),
    Case("language-twice", **edit(SITE, "languages: [nb, en]", "languages: [nb, en, nb]",
                                  "languages[2]", "twice", "languages:")),
    # dates
    Case("impossible-date", **edit(NORDLYS, "  - date: 2017-03-28", "  - date: 2017-02-30",
                                   "events[0].date", "not a real date", "2017-02-30")),
    Case("month-13", **edit(NORDLYS, "    valid_until: 2020-06", "    valid_until: 2020-13",
                            "labels[1].valid_until", "month", "valid_until")),
    Case("date-one-digit-month", **edit(FORUM, "    joined: 2016-09", "    joined: 2016-9",
                                        "members[0].joined", "YYYY-MM", "2016-9")),
    Case("date-day-first", **edit(NORDLYS, "    awarded: 2016-09", "    awarded: 16-09-2016",
                                  "labels[0].awarded", "is not a date", "16-09-2016")),
    Case("date-words", **edit(FORUM, "established: 2016", "established: spring 2016",
                              "established", "is not a date", "established:")),
    # a date as precise as its source, and the file named by it at that precision
    Case("assessment-month-date", **edit(A2016, "date: 2016-09-19", "date: 2016-09", "date",
                                         "rename it to 2016-09.yaml", "date: 2016-09")),
    Case("assessment-year-date", **edit(FJORD_A, "date: 2016-09-20", "date: 2016", "date",
                                        "rename it to 2016.yaml", "date: 2016")),
    # enumerations
    Case("enum-assessment-kind", **edit(A2017, "kind: bronze", "kind: platinum", "kind",
                                        "'platinum' is not allowed", "kind:")),
    Case("enum-light", **edit(A2016, '  "1.1": yellow', '  "1.1": blue', 'lights."1.1"',
                              "'blue' is not allowed", '"1.1": blue')),
    Case("enum-status", **edit(PLAN, "status: done", "status: finished", "actions[1].status",
                               "'finished' is not allowed", "finished")),
    Case("enum-label-level", **edit(NORDLYS, "  - level: bronze", "  - level: copper",
                                    "labels[0].level", "'copper' is not allowed", "copper")),
    Case("enum-event-kind", **edit(FORUM, "    kind: milestone", "    kind: party",
                                   "events[0].kind", "'party' is not allowed", "party")),
    Case("enum-programme-level", **edit(NORDLYS, "  - level: nce", "  - level: nce-pro",
                                        "programme[1].level", "'nce-pro' is not allowed",
                                        "nce-pro")),
    Case("enum-joint-status", **edit(FORUM, "    status: planned", "    status: later",
                                     "joint_actions[1].status", "not allowed", "later")),
    # references to things that do not exist
    Case("ref-forum-member", **edit(FORUM, "  - cluster: kyst-energi", "  - cluster: kyst-energy",
                                    "members[2].cluster", "cluster 'kyst-energy' does not exist",
                                    "kyst-energy")),
    Case("ref-plan-joint-forum", **edit(PLAN, "joint: polar/branding", "joint: arctic/branding",
                                        "actions[0].joint", "forum 'arctic' does not exist",
                                        "joint:")),
    Case("ref-plan-joint-action", **edit(PLAN, "joint: polar/branding", "joint: polar/marketing",
                                         "actions[0].joint", "no joint action 'marketing'",
                                         "joint:")),
    Case("plan-joint-format", **edit(PLAN, "joint: polar/branding", "joint: branding",
                                     "actions[0].joint", "<forum-id>/<action-id>", "joint:")),
    Case("ref-lights-key", **edit(A2016, '  "4.2": yellow', '  "4.3": yellow', 'lights."4.3"',
                                  "not in indicators.yaml", "4.3")),
    Case("ref-improvement-indicator", **edit(A2018, '  - indicator: "4.1"',
                                             '  - indicator: "3.1"',
                                             "improvements[0].indicator",
                                             "not in indicators.yaml", "3.1")),
    Case("ref-joint-action-indicator", **edit(FORUM, '    indicators: ["4.2"]',
                                              '    indicators: ["4.9"]',
                                              "joint_actions[0].indicators[0]",
                                              "indicator '4.9' is not in", "4.9")),
    Case("ref-plan-indicator", **edit(PLAN, 'indicators: ["4.1", "1.2"]',
                                      'indicators: ["4.1", "9.9"]', "actions[1].indicators[1]",
                                      "not in indicators.yaml", "9.9")),
    Case("ref-forum-peer-group", **edit(FORUM, "peer_groups: [ref-2016]",
                                        "peer_groups: [ref-2017]", "peer_groups[0]",
                                        "peer group 'ref-2017' does not exist", "peer_groups:")),
    Case("ref-assessment-peer-group", **edit(FJORD_A, "peer_groups: [ref-2016]",
                                             "peer_groups: [ref-2016, dk-2016]",
                                             "peer_groups[1]", "'dk-2016' does not exist",
                                             "peer_groups:")),
    Case("ref-indicator-area", **edit(IND, '    area: "4"\n    name: {nb: "Strategiprosess"',
                                      '    area: "3"\n    name: {nb: "Strategiprosess"',
                                      "indicators[4].area", "area '3' does not exist",
                                      'area: "3"')),
    Case("ref-peer-group-indicator", **edit(PEER, '  "4.2": {green', '  "3.2": {green',
                                            'lights."3.2"', "not in indicators.yaml", "3.2")),
    # ids and file names
    Case("same-forum-id-twice", file=FORUM, edits=(), key="id",
         word="also used by", at="id: polar", action=copy(FORUM, "forums/polar-2.yaml")),
    Case("same-cluster-id-twice", file=KYST, edits=(), key="id",
         word="kyst-energi-2/cluster.yaml", at="id: kyst-energi",
         action=copy("clusters/kyst-energi", "clusters/kyst-energi-2")),
    Case("forum-id-not-file-name", **edit(FORUM, "id: polar", "id: polaris", "id",
                                          "file name 'polar.yaml'", "id: polaris")),
    Case("peer-group-id-not-file-name", **edit(PEER, "id: ref-2016", "id: ref-2017", "id",
                                               "file name", "id: ref-2017")),
    Case("cluster-id-not-folder", **edit(KYST, "id: kyst-energi", "id: kyst-energy", "id",
                                         "folder 'kyst-energi/'", "id: kyst-energy")),
    Case("assessment-date-not-file-name", **edit(A2017, "date: 2017-10-02", "date: 2017-10-03",
                                                 "date", "does not match the file name",
                                                 "date: 2017-10-03")),
    Case("assessment-file-name-not-date", file=A2017, edits=(), key="date",
         word="must be the assessment date", at="date: 2017-10-02",
         expect_file="clusters/nordlys-klynge/assessments/latest.yaml",
         action=rename(A2017, "clusters/nordlys-klynge/assessments/latest.yaml")),
    Case("id-not-slug", **edit(KYST, "id: kyst-energi", "id: Kyst_Energi", "id",
                               "not a valid id", "id: Kyst_Energi")),
    Case("area-defined-twice", **edit(IND, '  - id: "4"', '  - id: "2"', "areas[2].id",
                                      "defined twice", 'id: "2"', nth=1)),
    # peer groups
    Case("peer-counts-do-not-add-up", **edit(PEER, '"1.1": {green: 5, yellow: 3, red: 2}',
                                             '"1.1": {green: 5, yellow: 3, red: 3}',
                                             'lights."1.1"', "add up", '"1.1"')),
    # schema_version
    Case("newer-schema-version", **edit(RULES, "schema_version: 1", "schema_version: 2",
                                        "schema_version", "newer version of the generator",
                                        "schema_version"), subprocess=True),
    Case("missing-schema-version", **edit(KYST, "schema_version: 1\n", "", "schema_version",
                                          "schema_version is missing", "id: kyst-energi")),
    Case("schema-version-not-first", **edit(KYST, "schema_version: 1\n", "",
                                            "schema_version", "first key",
                                            "schema_version: 1",
                                            action=append(KYST, "schema_version: 1\n"))),
    Case("schema-version-zero", **edit(PEER, "schema_version: 1", "schema_version: 0",
                                       "schema_version", "does not exist", "schema_version")),
    # URLs
    Case("url-javascript", **edit(NORDLYS, "website: https://example.org/nordlys",
                                  'website: "javascript:alert(1)"', "website",
                                  "not a web address", "website:")),
    Case("url-file", **edit(SITE, "site_url: https://example.org/klyngeforum/",
                            "site_url: file:///etc/passwd", "site_url", "not a web address",
                            "site_url:")),
    Case("source-unknown-id", **edit(NORDLYS, "    source: https://example.org/nordlys/silver",
                                     "    source: example", "labels[1].source",
                                     "is not in sources.yaml", "source:")),
    Case("source-neither-id-nor-address",
         **edit(NORDLYS, "    source: https://example.org/nordlys/silver",
                '    source: "the report of 2017"', "labels[1].source",
                "neither a web address", "source:")),
    Case("certainty-unknown-word",
         **edit(NORDLYS, "    source: https://example.org/nordlys/silver",
                "    certainty: maybe", "labels[1].certainty", "confirmed", "certainty:")),
    Case("certainty-disagrees-with-illustrative",
         **edit(A2017, "illustrative: true", "illustrative: true\ncertainty: inferred",
                "certainty", "means certainty: example", "certainty:")),
    Case("url-ftp", **edit(NORDLYS, "website: https://example.org/nordlys",
                           "website: ftp://example.org/", "website", "https://", "website:")),
    # files
    Case("file-over-1mib", file=KYST, edits=(), key="", word="1 MiB", at=1,
         action=append(KYST, ("# " + "x" * 1000 + "\n") * 1100), subprocess=True),
    # what a data tree holds: regular files and folders with names in the id rule
    Case("link-to-a-cluster-outside-the-data", file=KYST, edits=(), key="",
         word="is a link", at=1, expect_file="clusters/outside",
         action=link("clusters/outside", "../../outside", outside="clusters/kyst-energi")),
    Case("link-to-a-device", file=SITE, edits=(), key="", word="is a link", at=1,
         expect_file="README", action=link("README", "/dev/zero"), subprocess=True),
    Case("link-loop", file=SITE, edits=(), key="", word="is a link", at=1,
         expect_file="loop", action=link("loop", "loop")),
    Case("named-pipe", file=SITE, edits=(), key="", word="named pipe", at=1,
         expect_file="clusters/pipe", action=lambda root: os.mkfifo(root / "clusters/pipe"),
         subprocess=True),
    Case("file-name-with-a-space", file=A2017, edits=(), key="", word="rename it", at=1,
         expect_file="clusters/nordlys-klynge/assessments/2017-10-02 .yaml",
         action=rename(A2017, "clusters/nordlys-klynge/assessments/2017-10-02 .yaml")),
    Case("id-of-251-characters", file=KYST, edits=(), key="", word="characters long", at=1,
         expect_file="clusters/" + "k" * 251,
         action=copy("clusters/kyst-energi", "clusters/" + "k" * 251)),
    Case("id-of-65-characters", **edit(FORUM, "\nid: polar\n", "\nid: " + "p" * 65 + "\n",
                                       "id", "an id has at most 64", "id: ppp")),
    Case("language-without-a-catalogue", **edit(SITE, "languages: [nb, en]",
                                                "languages: [nb, en, xx]", "languages[2]",
                                                "no translation catalog", "languages:")),
    Case("not-utf8", file=NORDLYS, edits=(), key="", word="not UTF-8", at="place:",
         action=latin1(NORDLYS, '    place: {nb: "Tromsø", en: "Tromsø"}',
                       '    place: {nb: "Tromsø", en: "Tromsø"}'), subprocess=True),
    Case("yml-extension", file=FORUM, edits=(), key="", word=".yml", at=1,
         expect_file="forums/polar.yml", action=rename(FORUM, "forums/polar.yml"),
         subprocess=True),
    Case("unexpected-yaml-in-cluster", file=KYST, edits=(), key="", word="does not read", at=1,
         expect_file="clusters/kyst-energi/notes.yaml",
         action=write("clusters/kyst-energi/notes.yaml", "schema_version: 1\n")),
    Case("unexpected-yaml-at-top", file=SITE, edits=(), key="", word="does not read", at=1,
         expect_file="settings.yaml", action=write("settings.yaml", "schema_version: 1\n")),
    Case("unexpected-yaml-in-assessments-subfolder", file=SITE, edits=(), key="",
         word="does not read", at=1,
         expect_file="clusters/kyst-energi/assessments/old/2016-01-01.yaml",
         action=write("clusters/kyst-energi/assessments/old/2016-01-01.yaml", "x: 1\n")),
    Case("missing-site-yaml", file=SITE, edits=(), key="", word="site.yaml is missing", at=1,
         action=delete(SITE), subprocess=True),
    Case("missing-cluster-yaml", file=KYST, edits=(), key="", word="cluster.yaml is missing",
         at=1, action=delete(KYST)),
    # checks of sense
    Case("left-before-joined", **edit(FORUM, "    left: 2018-06-30", "    left: 2015-12",
                                      "members[1].left", "before joined", "left: 2015-12")),
    Case("to-before-from", **edit(NORDLYS, "    to: 2016-06", "    to: 2011", "programme[0].to",
                                  "before from", "to: 2011")),
    Case("valid-until-before-awarded", **edit(NORDLYS, "    valid_until: 2020-06",
                                              "    valid_until: 2018-05",
                                              "labels[1].valid_until", "before awarded",
                                              "valid_until")),
    Case("due-before-started", **edit(FORUM, "    due: 2019-06", "    due: 2017-03",
                                      "joint_actions[0].due", "before started", "due: 2017-03")),
    Case("negative-count", **edit(NORDLYS, "members_count: 24", "members_count: -1",
                                  "members_count", "negative", "members_count")),
    Case("negative-rule", **edit(RULES, "      min_months_between: 12",
                                 "      min_months_between: -12",
                                 "labels.silver.requires.min_months_between", "negative",
                                 "min_months_between")),
    Case("negative-peer-count", **edit(PEER, '"4.1": {green: 7, yellow: 2, red: 1}',
                                       '"4.1": {green: 9, yellow: 2, red: -1}',
                                       'lights."4.1".red', "negative", '"4.1"')),
    Case("score-101", **edit(A2018, "score_percent: 82.5", "score_percent: 101",
                             "score_percent", "at most 100", "score_percent")),
    Case("score-negative", **edit(A2018, "score_percent: 82.5", "score_percent: -3",
                                  "score_percent", "negative", "score_percent")),
    Case("valid-months-zero", **edit(RULES, "  bronze: {valid_months: 24}",
                                     "  bronze: {valid_months: 0}",
                                     "labels.bronze.valid_months", "at least 1", "bronze:")),
    Case("same-cluster-twice", **edit(FORUM, "  - cluster: kyst-energi",
                                      "  - cluster: nordlys-klynge", "members[2].cluster",
                                      "listed twice", "- cluster: nordlys-klynge", nth=1)),
    Case("joint-action-twice", **edit(FORUM, "  - id: services", "  - id: branding",
                                      "joint_actions[1].id", "defined twice",
                                      "- id: branding", nth=1)),
    # hostile values: refused at their line, never a crash or an injection later in the build
    Case("url-angle-brackets", **edit(NORDLYS, "website: https://example.org/nordlys",
                                      'website: "https://x.example><script>alert(1)</script>"',
                                      "website", "holds '>'", "website:"), subprocess=True),
    Case("url-quote", **edit(NORDLYS, "    source: https://example.org/nordlys/silver",
                             """    source: 'https://x.example/" onmouseover="alert(1)'""",
                             "labels[1].source", "holds '\"'", "source:")),
    Case("url-backquote", **edit(SITE, "site_url: https://example.org/klyngeforum/",
                                 "site_url: https://example.org/`x`/", "site_url",
                                 "holds '`'", "site_url:")),
    Case("url-space", **edit(NORDLYS, "website: https://example.org/nordlys",
                             'website: "https://example.org/nord lys"', "website",
                             "holds a space", "website:")),
    Case("url-control", **edit(NORDLYS, "website: https://example.org/nordlys",
                               'website: "https://example.org/nordlys\\x01"', "website",
                               "U+0001", "website:")),
    Case("url-trailing-newline", **edit(NORDLYS, "website: https://example.org/nordlys",
                                        'website: "https://example.org/nordlys\\n"',
                                        "website", "U+000A", "website:")),
    Case("text-control", **edit(KYST, "name: Kyst Energi", 'name: "Kyst\\x01 Energi"', "name",
                                "control character U+0001", "name:"), subprocess=True),
    Case("text-nul", **edit(KYST, "sector: Energi / Energy", 'sector: "Energi\\0"', "sector",
                            "control character U+0000", "sector:")),
    Case("text-c1-site-title", **edit(SITE, 'title: {nb: "Testklyngeforum"',
                                      'title: {nb: "Testklyngeforum\\x85"', "title.nb",
                                      "control character U+0085", "title:")),
    Case("text-tab", **edit(KYST, "sector: Energi / Energy", 'sector: "Energi\\tEnergy"',
                            "sector", "control character U+0009", "sector:")),
    Case("text-bidi-override", **edit(NORDLYS, 'sector: {nb: "Reiseliv", en: "Tourism"}',
                                      'sector: {nb: "Reiseliv", en: "\\u202emsiruoT"}',
                                      "sector.en", "bidirectional override character U+202E",
                                      "sector:")),
    Case("text-bidi-isolate", **edit(FORUM, 'region: {nb: "Nord-Norge"',
                                     'region: {nb: "\u2066Nord-Norge"', "region.nb",
                                     "bidirectional override character U+2066", "region:")),
    Case("text-line-separator", **edit(FORUM, 'name: {nb: "Klyngeforum Polar"',
                                       'name: {nb: "Klyngeforum\\u2028Polar"', "name.nb",
                                       "line separator U+2028", "name: {nb")),
    Case("text-paragraph-separator", **edit(FORUM, '  nb: "Et forum for tester."',
                                            '  nb: "Et forum\\u2029for tester."',
                                            "description.nb", "paragraph separator U+2029",
                                            "Et forum")),
    Case("text-noncharacter", **edit(KYST, "name: Kyst Energi", 'name: "Kyst\\ufffeEnergi"',
                                     "name", "U+FFFE, which is not a character", "name:")),
    Case("url-noncharacter", **edit(NORDLYS, "website: https://example.org/nordlys",
                                    'website: "https://example.org/nordlys\\uffff"',
                                    "website", "U+FFFF", "website:")),
    Case("name-201-characters", **edit(KYST, "name: Kyst Energi", "name: " + "K" * 201, "name",
                                       "is 201 characters long; a name has at most 200",
                                       "name:")),
    Case("text-5001-characters", **edit(FORUM, '  en: "A forum for tests."',
                                        '  en: "' + "x" * 5001 + '"', "description.en",
                                        "is 5,001 characters long; a text has at most 5,000",
                                        "xxxx")),
    Case("id-trailing-newline", **edit(KYST, "id: kyst-energi", 'id: "kyst-energi\\n"', "id",
                                       "not a valid id", "id:"), subprocess=True),
    Case("code-trailing-newline", **edit(A2016, '  "1.2": red\n', '  "1.2\\n": red\n',
                                         'lights."1.2\\n"', "not a valid indicator",
                                         '"1.2\\n"')),
    Case("language-trailing-newline", **edit(SITE, "languages: [nb, en]",
                                             'languages: [nb, "en\\n"]', "languages[1]",
                                             "not a language code", "languages:")),
    Case("nesting-51-levels", file=KYST, edits=(), key="", word="more than 50 levels",
         at="x51:", action=append(KYST, "".join(f"{'  ' * i}x{i + 1}:\n" for i in range(60))),
         subprocess=True),
    Case("nesting-flow-600", **edit(KYST, "members_count: 0",
                                    "members_count: " + "[" * 600 + "]" * 600, "",
                                    "more than 50 levels", "members_count:")),
    # the default data tree
    Case("data-lights-key-number", base="data",
         **edit("clusters/mineralklynge-norge/assessments/2017-03-28.yaml",
                '  "4.6.2": green', "  4.6: green", 'lights."4.6"', "quotes", "4.6: green")),
    Case("data-member-unknown", base="data",
         **edit("forums/arktis.yaml", "  - cluster: vintertroms", "  - cluster: vinter-troms",
                "members[1].cluster", "does not exist", "vinter-troms")),

    # the regional strategy (base "strategy": every file and key of it)
    Case("priority-ref-format", base="strategy",
         **edit(NORDLYS, "priorities: [polar/tourism]\n", "priorities: [tourism]\n",
                "focus_areas[0].priorities[0]", "does not name a priority", "[tourism]")),
    Case("priority-ref-trailing-newline", base="strategy",
         **edit(NORDLYS, "priorities: [polar/tourism]\n", 'priorities: ["polar/tourism\\n"]\n',
                "focus_areas[0].priorities[0]", "does not name a priority", "tourism\\n")),
    Case("priority-unknown", base="strategy",
         **edit(NORDLYS, "priorities: [polar/tourism]\n", "priorities: [polar/fishing]\n",
                "focus_areas[0].priorities[0]", "has no priority", "polar/fishing")),
    Case("priority-forum-unknown", base="strategy",
         **edit(NORDLYS, "priorities: [polar/tourism]\n", "priorities: [nowhere/tourism]\n",
                "focus_areas[0].priorities[0]", "does not exist", "nowhere/tourism")),
    Case("priority-forum-without-strategy", base="strategy",
         action=write("forums/other.yaml", OTHER_FORUM),
         **edit(NORDLYS, "priorities: [polar/tourism]\n", "priorities: [other/tourism]\n",
                "focus_areas[0].priorities[0]", "has no strategy", "other/tourism")),
    Case("priority-twice", base="strategy",
         **edit(FORUM, "    - id: energy", "    - id: tourism", "strategy.priorities[2].id",
                "defined twice", "- id: tourism", nth=1)),
    Case("focus-area-twice", base="strategy",
         **edit(NORDLYS, "  - id: food-tourism", "  - id: arctic-experiences",
                "focus_areas[1].id", "defined twice", "- id: arctic-experiences", nth=1)),
    Case("process-unknown", base="strategy",
         **edit(FORUM, "  - process: eco-model-region", "  - process: eco",
                "support_processes[0].process", "is not in processes.yaml", "process: eco")),
    Case("processes-file-missing", base="strategy", file=FORUM, edits=(),
         action=delete(PROC), key="support_processes[0].process",
         word="there is no processes.yaml", at="process: eco-model-region"),
    Case("process-step-unknown", base="strategy",
         **edit(FORUM, "      - step: workshop", "      - step: party",
                "support_processes[0].steps[2].step", "is not a step", "step: party")),
    Case("process-step-out-of-order", base="strategy",
         **edit(FORUM, "      - step: pre-assessment", "      - step: policy-briefing",
                "support_processes[0].steps[2].step", "out of order", "step: workshop")),
    Case("process-step-done-without-date", base="strategy",
         **edit(FORUM, "        status: done\n        date: 2019-09\n",
                "        status: done\n", "support_processes[0].steps[0].status",
                "needs its date", "status: done")),
    Case("process-step-status", base="strategy",
         **edit(FORUM, "        status: skipped", "        status: dropped",
                "support_processes[0].steps[1].status", "not allowed", "status: dropped")),
    Case("process-recommendation-action", base="strategy",
         **edit(FORUM, "        joint_action: branding", "        joint_action: brandng",
                "support_processes[0].recommendations[0].joint_action",
                "has no joint action", "joint_action: brandng")),
    Case("process-step-twice", base="strategy",
         **edit(PROC, "      - id: workshop", "      - id: survey",
                "processes[0].steps[2].id", "defined twice", "- id: survey", nth=1)),
    Case("stress-catalogue-missing", base="strategy", file=ST, edits=(), action=delete(CAT),
         key="", word="there is no stress-test.yaml", at=1),
    Case("stress-catalogue-direction", base="strategy",
         **edit(CAT, "  - id: alignment\n    direction: s3-for-clusters",
                "  - id: alignment\n    direction: s4", "dimensions[2].direction",
                "does not exist", "direction: s4")),
    Case("stress-catalogue-scale", base="strategy",
         **edit(CAT, "scale: {min: 1, max: 5}", "scale: {min: 5, max: 1}", "scale.max",
                "not above", "scale:")),
    Case("stress-catalogue-group-twice", base="strategy",
         **edit(CAT, "  - id: policy", "  - id: cluster-managers", "groups[1].id",
                "defined twice", "- id: cluster-managers", nth=1)),
    Case("stress-score-above-scale", base="strategy",
         **edit(ST, "  s3-design: {region: 3, frontrunners: 4}",
                "  s3-design: {region: 6, frontrunners: 4}", "scores.s3-design.region",
                "outside the scale", "s3-design:")),
    Case("stress-score-below-scale", base="strategy",
         **edit(ST, "  s3-delivery: {region: 2, frontrunners: 4}",
                "  s3-delivery: {region: 2, frontrunners: 0.5}",
                "scores.s3-delivery.frontrunners", "outside the scale", "s3-delivery:")),
    Case("stress-score-text", base="strategy",
         **edit(ST, "  s3-design: {region: 3, frontrunners: 4}",
                "  s3-design: {region: high, frontrunners: 4}", "scores.s3-design.region",
                "must be a number", "s3-design:")),
    Case("stress-dimension-unknown", base="strategy",
         **edit(ST, "  s3-delivery:", "  s3-deliver:", "scores.s3-deliver",
                "is not in stress-test.yaml", "s3-deliver:")),
    Case("stress-group-unknown", base="strategy",
         **edit(ST, "respondents: {cluster-managers: 4}", "respondents: {managers: 4}",
                "respondents.managers", "is not in stress-test.yaml", "respondents:")),
    Case("stress-respondents-negative", base="strategy",
         **edit(ST, "respondents: {cluster-managers: 4}", "respondents: {cluster-managers: -4}",
                "respondents.cluster-managers", "negative", "respondents:")),
    Case("stress-date-not-file-name", base="strategy",
         **edit(ST, "date: 2019-05-03", "date: 2019-05-04", "date", "does not match",
                "date: 2019-05-04")),
    Case("stress-recommendation-action", base="strategy",
         **edit(ST, "    joint_action: services", "    joint_action: servics",
                "recommendations[0].joint_action", "has no joint action", "servics")),
    Case("stress-folder-not-a-forum", base="strategy", file=ST, edits=(),
         action=rename("stress-tests/polar", "stress-tests/polr"),
         expect_file="stress-tests/polr/2019-05-03.yaml", key="", word="is not a forum", at=1),
    Case("actor-folder-not-a-forum", base="strategy", file=AM, edits=(),
         action=rename("actor-maps/polar", "actor-maps/polr"),
         expect_file="actor-maps/polr/2021-09-20.yaml", key="", word="is not a forum", at=1),
    Case("actor-link-cluster-unknown", base="strategy",
         **edit(AM, "      - {cluster: kyst-energi, strength: strong}",
                "      - {cluster: kyst, strength: strong}", "actors[2].links[0].cluster",
                "does not exist", "{cluster: kyst,")),
    Case("actor-kind", base="strategy",
         **edit(AM, "    kind: finance", "    kind: person", "actors[2].kind", "not allowed",
                "kind: person")),
    Case("actor-link-strength", base="strategy",
         **edit(AM, "      - {cluster: kyst-energi, strength: strong}",
                "      - {cluster: kyst-energi, strength: huge}", "actors[2].links[0].strength",
                "not allowed", "strength: huge")),
    Case("actor-twice", base="strategy",
         **edit(AM, "  - id: bank", "  - id: county", "actors[2].id", "defined twice",
                "- id: county", nth=1)),
    Case("actor-gap-cluster-unknown", base="strategy",
         **edit(AM, "    clusters: [kyst-energi]", "    clusters: [kyst]", "gaps[0].clusters[0]",
                "does not exist", "clusters: [kyst]")),
    Case("actor-map-date-not-file-name", base="strategy",
         **edit(AM, "date: 2021-09-20", "date: 2021-09", "date", "rename it to 2021-09.yaml",
                "date: 2021-09")),
    Case("survey-answered-above-invited", base="strategy",
         **edit(SV, "invited: 20", "invited: 10", "answered", "more than invited",
                "answered: 15")),
    Case("survey-counts-above-answered", base="strategy",
         **edit(SV, "      - {text: Arena, count: 7}", "      - {text: Arena, count: 9}",
                "questions[0].answers", "add up to 17", "answers:", nth=0)),
    Case("survey-count-above-answered", base="strategy",
         **edit(SV, "count: 10}", "count: 13}", "questions[1].answers[0].count",
                "more than the 12", "count: 13")),
    Case("survey-question-answered-above-survey", base="strategy",
         **edit(SV, "    answered: 12", "    answered: 16", "questions[1].answered",
                "more than the 15", "answered: 16")),
    Case("survey-ranked-count", base="strategy",
         **edit(SV, '      - text: {nb: "Mobiliser bredt", en: "Mobilise widely"}\n',
                '      - text: {nb: "Mobiliser bredt", en: "Mobilise widely"}\n'
                "        count: 2\n", "questions[2].answers[1].count", "has no count",
                "count: 2")),
    Case("survey-choice-without-count", base="strategy",
         **edit(SV, "      - {text: GCE, count: 3}", "      - {text: GCE}",
                "questions[0].answers[2]", "needs its count", "{text: GCE}")),
    Case("survey-forum-unknown", base="strategy",
         **edit(SV, "forums: [polar]", "forums: [polr]", "forums[0]", "does not exist",
                "forums: [polr]")),
    Case("survey-id-not-file-name", base="strategy",
         **edit(SV, "id: polar-2017", "id: polar-2018", "id", "does not match",
                "id: polar-2018")),
    Case("survey-question-twice", base="strategy",
         **edit(SV, "  - id: tools", "  - id: status", "questions[1].id", "defined twice",
                "- id: status", nth=1)),
    Case("survey-question-kind", base="strategy",
         **edit(SV, "    kind: ranked", "    kind: open", "questions[2].kind", "not allowed",
                "kind: open")),
    Case("stress-file-outside-a-forum-folder", base="strategy", file=ST, edits=(),
         action=write("stress-tests/2019.yaml", "schema_version: 1\n"),
         expect_file="stress-tests/2019.yaml", key="", word="does not read a file here", at=1),
]


def _ids(cases: list[Case]) -> list[str]:
    return [c.id for c in cases]


SUB = [c for c in CASES if c.subprocess]
INPROC = [c for c in CASES if not c.subprocess]


def check(case: Case, root: Path, code: int, stderr: str) -> None:
    assert "Traceback" not in stderr, stderr
    assert code == 1, f"exit {code}\n{stderr}"
    line = expected_line(case, root)
    assert find(stderr, case.target, line, case.key, case.word), (
        f"expected {case.target}:{line}: {case.key}: ...{case.word}...\ngot:\n{stderr}")


@pytest.mark.parametrize("case", SUB, ids=_ids(SUB))
def test_broken_subprocess(case: Case, tmp_path: Path) -> None:
    root = copy_base(case.base, tmp_path)
    apply(case, root)
    result = run_cli(["validate", "--data", str(root)])
    check(case, root, result.returncode, result.stderr)


@pytest.mark.parametrize("case", INPROC, ids=_ids(INPROC))
def test_broken_in_process(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                           ) -> None:
    root = copy_base(case.base, tmp_path)
    apply(case, root)
    code = cli.main(["validate", "--data", str(root)])
    check(case, root, code, capsys.readouterr().err)


def test_enough_cases() -> None:
    assert len(CASES) >= 40
    assert len({c.id for c in CASES}) == len(CASES)


# --- warnings, options and output formats -------------------------------------------------


def _drop_english(root: Path) -> int:
    """Remove one English translation; return the line of that text."""
    path = root / FORUM
    text = path.read_text(encoding="utf-8")
    old = 'meets: {nb: "to ganger i året", en: "twice a year"}'
    assert text.count(old) == 1
    path.write_text(text.replace(old, 'meets: {nb: "to ganger i året"}'), encoding="utf-8")
    return text.splitlines().index(old) + 1


def test_missing_translation_is_a_warning(tree: Path) -> None:
    line = _drop_english(tree)
    result = load_tree(tree)
    assert not result.errors
    assert result.dataset is not None
    [warning] = result.warnings
    assert (warning.file.endswith("/" + FORUM), warning.line, warning.key) == (True, line, "meets")
    assert "en" in warning.message and warning.severity == "warning"
    ok = run_cli(["validate", "--data", str(tree)])
    assert ok.returncode == 0, ok.stderr
    assert find(ok.stderr, FORUM, line, "meets", "warning: no en translation")
    strict = run_cli(["validate", "--data", str(tree), "--strict"])
    assert strict.returncode == 1, strict.stderr
    assert find(strict.stderr, FORUM, line, "meets", "no en translation")
    assert "warning:" not in strict.stderr
    assert "Traceback" not in ok.stderr + strict.stderr


@pytest.mark.parametrize(("old", "new", "key"), [
    ('title: {nb: "Workshop om rapportene", en: "Workshop on the reports"}',
     "title: Ekspertrapporten anbefaler sølv", "title"),
    ('description: {nb:', None, "description"),
])
def test_one_language_prose_as_one_text_is_a_located_warning(
        tree: Path, old: str, new: str | None, key: str) -> None:
    """A title or description of more than two words written once for every language is
    a warning at its line naming the languages (an error with --strict): the English
    page would show the Norwegian text. Two words, a name or a place stay one text."""
    path = tree / FORUM
    text = path.read_text(encoding="utf-8")
    if new is None:  # the forum's description, one long text
        start = text.index(old)
        end = text.index("}", start) + 1
        old = text[start:end]
        new = 'description: "Forumet samler klyngene i regionen."'
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    line = next(i for i, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if row.strip() == new)
    result = load_tree(tree)
    assert not result.errors and result.dataset is not None
    [warning] = result.warnings
    assert (warning.line, warning.key.rsplit(".", 1)[-1]) == (line, key)
    assert warning.message.startswith("one text for every language (nb, en): write it in "
                                      "each, {nb: ..., en: ...}")
    strict = run_cli(["validate", "--data", str(tree), "--strict"])
    assert strict.returncode == 1, strict.stderr
    assert find(strict.stderr, FORUM, line, warning.key, "one text for every language (nb, en)")
    assert "Traceback" not in strict.stderr


def test_two_words_a_name_and_a_place_stay_one_text(tree: Path) -> None:
    path = tree / FORUM
    text = path.read_text(encoding="utf-8")
    for old, new in (('title: {nb: "Workshop om rapportene", en: "Workshop on the reports"}',
                      "title: Kick-off Bodø"),
                     ('name: {nb: "Klyngeforum Polar", en: "Cluster Forum Polar"}',
                      "name: Klyngeforum for Polar og Arktis"),
                     ("place: Bodø", "place: Mo i Rana sentrum")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    result = load_tree(tree)
    assert result.problems == []


def test_plain_string_needs_no_translation(tree: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    assert cli.main(["validate", "--data", str(tree), "--strict"]) == 0
    assert "warning:" not in capsys.readouterr().err


def test_format_github(tree: Path) -> None:
    path = tree / FORUM
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    kind: milestone", "    kind: party"), encoding="utf-8")
    line = text.splitlines().index("    kind: milestone") + 1
    result = run_cli(["validate", "--data", str(tree), "--format", "github"])
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    annotations = [a for a in result.stdout.splitlines() if a.startswith("::error ")]
    assert len(annotations) == 1, result.stdout
    match = re.match(r"^::error file=(?P<file>[^,]+),line=(?P<line>\d+),title=(?P<title>[^:]*)::"
                     r"(?P<message>.+)$", annotations[0])
    assert match, annotations[0]
    assert match["file"].endswith("/" + FORUM)
    assert int(match["line"]) == line
    assert match["title"] == "events[0].kind"
    assert "party" in match["message"]
    # the plain form is still printed on stderr
    assert find(result.stderr, FORUM, line, "events[0].kind", "party")


def test_format_github_warning(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _drop_english(tree)
    assert cli.main(["validate", "--data", str(tree), "--format", "github"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("::warning file="), out


@pytest.mark.parametrize("args", [
    ["validate", "--no-such-option"],
    ["validate", "--format", "xml"],
    ["no-such-command"],
    [],
], ids=["unknown-option", "unknown-format", "unknown-command", "no-command"])
def test_usage_error_exit_2(args: list[str]) -> None:
    result = run_cli(args)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "usage" in result.stderr.lower()


def test_path_is_the_data_dir_as_given(tree: Path) -> None:
    """With a relative --data, messages start with that relative path."""
    path = tree / KYST
    path.write_text(path.read_text(encoding="utf-8").replace("members_count: 0",
                                                             "members_count: -5"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "validate", "--data", "data"], cwd=tree.parent,
        capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "data/clusters/kyst-energi/cluster.yaml:6: members_count: '-5' is negative: "
        "write 0 or more")


def test_missing_data_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "--data", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "Traceback" not in err


def test_every_error_is_reported_at_once(tree: Path) -> None:
    """Mistakes in several files are all reported in one run, in file and line order."""
    for rel, old, new in [(KYST, "members_count: 0", "members_count: -1"),
                          (A2016, '  "1.1": yellow', '  "1.1": blue'),
                          (FORUM, "    kind: milestone", "    kind: party")]:
        path = tree / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    result = load_tree(tree)
    assert result.dataset is None
    assert [p.file.split("/data/")[-1] for p in result.errors] == [KYST, A2016, FORUM]


# --- valid trees --------------------------------------------------------------------------


def test_fixture_tree_is_valid_subprocess() -> None:
    result = run_cli(["validate", "--data", str(SMALL), "--strict"])
    assert result.returncode == 0, result.stderr
    assert "valid (1 forums, 4 clusters, 7 assessments, 0 warning(s))" in result.stderr


def test_default_data_is_valid() -> None:
    result = load_tree(DATA)
    assert result.problems == []
    assert result.dataset is not None


def test_bom_and_crlf_are_accepted(tree: Path) -> None:
    for path in tree.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    assert (tree / SITE).read_bytes().startswith(b"\xef\xbb\xbfschema_version: 1\r\n")
    result = load_tree(tree)
    assert result.problems == []
    assert result.dataset is not None
    assert result.dataset.site.title.get("en") == "Test cluster forums"
    # and problems in such a file are still on the right line
    path = tree / FORUM
    raw = path.read_bytes().replace(b"    kind: milestone", b"    kind: party")
    path.write_bytes(raw)
    line = raw.decode("utf-8-sig").splitlines().index("    kind: party") + 1
    [error] = load_tree(tree).errors
    assert (error.line, error.key) == (line, "events[0].kind")


@pytest.mark.parametrize("old,new", [
    ("members:\n  - cluster: nordlys-klynge\n    joined: 2016-09\n  - cluster: fjord-tech\n"
     "    joined: 2016\n    left: 2018-06-30\n  - cluster: kyst-energi\n"
     "    joined: 2019-01-15\n", "members:\n"),
    ("joint_actions:\n", "joint_actions: []\nold_joint_actions:\n"),
    ("schema_version: 1\n", "schema_version: 1 # the first key\n"),
    ("established: 2016", 'established: "2016"'),
    ("    joined: 2016-09", '    joined: "2016-09"'),
    ("peer_groups: [ref-2016]", "peer_groups: [\"ref-2016\"]  # a comment"),
    ("schema_version: 1\n", "# yaml-language-server: $schema=../schemas/forum.schema.json\n"
     "schema_version: 1\n"),
    ('meets: {nb: "to ganger i året", en: "twice a year"}',
     'meets: {nb: "<script>alert(1)</script> <b>to</b> ganger", '
     'en: "[twice](javascript:alert(1)) a year"}'),
    ("established: 2016", "established: 2016-02-29"),
], ids=["empty-members", "empty-list", "comment", "quoted-year", "quoted-month", "quoted-id",
        "schema-comment-first", "html-and-script-are-text", "leap-day"])
def test_valid_variants(tree: Path, old: str, new: str) -> None:
    path = tree / FORUM
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    text = text.replace(old, new)
    if "old_joint_actions" in text:  # keep the file valid: drop the old list and its users
        text = text.split("old_joint_actions:")[0]
        plan = tree / PLAN
        plan.write_text(plan.read_text(encoding="utf-8").replace(
            "    joint: polar/branding\n", ""), encoding="utf-8")
    path.write_text(text, encoding="utf-8")
    result = load_tree(tree)
    assert result.errors == [], result.errors


def test_valid_until_in_the_month_awarded_is_not_before(tree: Path) -> None:
    """A partial end date counts to its last day: 2018-06 is not before 2018-06-15."""
    path = tree / NORDLYS
    path.write_text(path.read_text(encoding="utf-8").replace(
        "    valid_until: 2020-06", "    valid_until: 2018-06"), encoding="utf-8")
    assert load_tree(tree).errors == []


def test_partial_dates_keep_their_precision() -> None:
    dataset = load_tree(SMALL).dataset
    assert dataset is not None
    polar = dataset.forums["polar"]
    assert polar.established == PartialDate(2016)
    assert polar.established.precision == "year"
    assert polar.established.isoformat() == "2016"
    joined = {m.cluster: m.joined for m in polar.members}
    assert joined["nordlys-klynge"].precision == "month"
    assert joined["nordlys-klynge"].isoformat() == "2016-09"
    assert joined["kyst-energi"].precision == "day"
    assert polar.members[1].left is not None and polar.members[1].left.precision == "day"
    assert polar.members[0].left is None
    nordlys = dataset.clusters["nordlys-klynge"]
    assert [label.awarded.isoformat() for label in nordlys.labels] == ["2016-09", "2018-06-15"]
    assert [label.awarded.precision for label in nordlys.labels] == ["month", "day"]
    assert nordlys.labels[1].valid_until is not None
    assert nordlys.labels[1].valid_until.precision == "month"
    assert nordlys.programme[0].to is not None and nordlys.programme[0].to.isoformat() == "2016-06"
    assert all(a.date.precision == "day" for a in nordlys.assessments)
    assert dataset.clusters["fjord-tech"].labels[0].awarded.precision == "year"


def test_validate_says_what_to_do_and_never_that_nothing_was_built(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`validate` builds nothing, so it does not end with "nothing was built" (a build
    stopped by the same problems does); the counts agree with their number."""
    from generator.base.problems import Problem
    from generator.cli.report import report
    from generator.data.load import LoadResult

    root = copy_base("small", tmp_path)
    (root / FORUM).write_text((root / FORUM).read_text(encoding="utf-8").replace(
        "established: 2016", "established: someday"), encoding="utf-8")
    assert cli.main(["validate", "--data", str(root)]) == 1
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last == "1 error, 0 warnings: Fix the lines above and run again.", last
    problems = [Problem("a.yaml", 1, "", "x"), Problem("a.yaml", 2, "", "y"),
                Problem("a.yaml", 3, "", "z", "warning")]
    assert not report(LoadResult(None, problems), strict=False)
    assert capsys.readouterr().err.strip().splitlines()[-1] == (
        "2 errors, 1 warning: nothing was built. Fix the lines above and run again.")


@pytest.mark.parametrize("name", ["2016-09-19 - Kopi.yaml", "2016-09-19-kopi.yaml"])
def test_a_copied_dated_file_is_told_it_is_a_copy(tree: Path, name: str) -> None:
    """A copy of a benchmarking file (Windows names it '… - Kopi.yaml') is never told to
    take a name that is already taken: first its name (no spaces or capitals), then that
    the name its date asks for exists, with what to do."""
    folder = tree / "clusters" / "nordlys-klynge" / "assessments"
    shutil.copyfile(folder / "2016-09-19.yaml", folder / name)
    messages = [p.format() for p in load_tree(tree).problems]
    assert not any("rename it to 2016-09-19.yaml" in m for m in messages), messages
    if " " in name:
        assert any("such as '2016-09-19-kopi.yaml'" in m for m in messages), messages
    else:
        assert any(m.endswith("the file name '2016-09-19-kopi.yaml' must be the assessment "
                              "date, and 2016-09-19.yaml already exists: if this file is a "
                              "copy of it, write the new assessment's date here and name the "
                              "file after it, or delete the copy") for m in messages), messages
