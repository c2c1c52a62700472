"""Read and check a whole data tree, collecting every problem, then build the Dataset.

Two phases, as the data format says: every file is read and checked on its own, then the
files are checked against each other. Nothing is built unless both phases pass.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import re
import stat
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import BaseModel, ValidationError

from generator import SCHEMA_VERSION
from generator.base.catalogs import has_catalog_file
from generator.base.dates import DateFormatError, PartialDate
from generator.base.problems import Problem, sorted_problems
from generator.base.text import Text
from generator.data.backing import label_lacks, no_light_assessed, unbacked_message
from generator.data.messages import problems_from_errors
from generator.data.model import Catalogue, Cluster, Dataset
from generator.data.schema import (
    MAX_ID,
    SLUG,
    ActorMapFile,
    AssessmentFile,
    ClusterFile,
    FileModel,
    ForumFile,
    IndicatorsFile,
    PeerGroupFile,
    PlanFile,
    Process,
    ProcessesFile,
    RulesFile,
    SiteFile,
    Sourced,
    SourcesFile,
    StressTestCatalogueFile,
    StressTestFile,
    SurveyFile,
)
from generator.data.valuecache import ValueCache
from generator.data.yamlfile import MAX_BYTES, SourceFile, read_source

MAX_NAME = MAX_ID
"""The longest name of a data file (without ``.yaml``) or folder: an id."""
FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
"""Any file name in the data: no space, no character that a web address or another
system cannot carry. Folders and YAML files, which the site reads, are ids (``SLUG``)."""

REQUIRED: dict[str, type[FileModel]] = {
    "site.yaml": SiteFile, "indicators.yaml": IndicatorsFile, "rules.yaml": RulesFile,
}
OPTIONAL: dict[str, type[FileModel]] = {
    "processes.yaml": ProcessesFile, "stress-test.yaml": StressTestCatalogueFile,
    "sources.yaml": SourcesFile,
}
"""Files at the top of the tree that a tree may leave out: the regional strategy's
catalogues, and the registry of the sources the records cite."""
DATED_FOLDERS: dict[str, type[FileModel]] = {
    "stress-tests": StressTestFile, "actor-maps": ActorMapFile,
}
"""Folders of dated files, one folder per forum: <folder>/<forum-id>/<YYYY-MM-DD>.yaml."""


@dataclass
class LoadResult:
    """What loading a tree gave: the dataset (when there are no errors) and all problems."""

    dataset: Dataset | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems worth fixing that do not stop a build (unless strict)."""
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class _Checked:
    """A file read and checked on its own."""

    source: SourceFile
    rel: str
    model: Any = None
    written: Any = None
    """The model as the file writes it, before ``settle`` gives its records what they
    inherit (label backing counts only a source a label names itself)."""


@dataclass
class _Strategy:
    """The regional-strategy files read in phase 1 (the catalogues are among the singles)."""

    stress_tests: dict[str, list[_Checked]]
    """By the forum folder they are in."""
    actor_maps: dict[str, list[_Checked]]
    surveys: list[_Checked]

    def items(self) -> list[_Checked]:
        """Every file, in a stable order."""
        return [*(c for group in self.stress_tests.values() for c in group),
                *(c for group in self.actor_maps.values() for c in group), *self.surveys]


def display_root(data_dir: Path) -> str:
    """How the data folder is written in messages: relative to the working folder if inside."""
    try:
        rel = os.path.relpath(data_dir.resolve(), Path.cwd())
    except ValueError:  # another drive on Windows
        return data_dir.as_posix()
    return data_dir.as_posix() if rel.startswith("..") else Path(rel).as_posix()


def load_tree(data_dir: Path, cache: ValueCache | None = None) -> LoadResult:
    """Read, check and join the whole tree under ``data_dir``.

    ``cache`` (``ValueCache.for_tree``) saves parsing files unchanged since the last load;
    every check still runs on every file. It is saved when the load is done."""
    loader = _Loader(data_dir, cache)
    result = loader.run()
    if cache is not None:
        cache.save()
    return result


class _Loader:
    def __init__(self, data_dir: Path, cache: ValueCache | None = None):
        self.root = data_dir
        self.prefix = display_root(data_dir)
        self.problems: list[Problem] = []
        self.cache = cache
        self._entries: dict[str, dict[str, bool]] = {}
        self.cluster_items: list[_Checked] = []

    def display(self, rel: str) -> str:
        return rel if self.prefix in ("", ".") else f"{self.prefix}/{rel}"

    def error(self, rel: str, message: str, line: int = 1, key: str = "") -> None:
        self.problems.append(Problem(self.display(rel), line, key, message))

    # phase 1: each file on its own ---------------------------------------------------------

    def run(self) -> LoadResult:
        if not self.root.is_dir():
            self.error("", f"data folder '{self.root}' does not exist: pass --data with the "
                       "folder that holds site.yaml")
            return LoadResult(None, self.problems)
        self.scan()
        singles: dict[str, _Checked] = {}
        for name, model in REQUIRED.items():
            if not self.entries("").get(name):
                self.error(name, f"{name} is missing: every data tree needs site.yaml, "
                           "indicators.yaml and rules.yaml at its top")
                continue
            singles[name] = self.check(name, model)
        languages = ()
        site = singles.get("site.yaml")
        if site is not None and site.model is not None:
            languages = site.model.languages
            for index, code in enumerate(languages):
                if not has_catalog_file(code):
                    self.problems.append(site.source.problem(
                        ("languages", index), f"the site cannot be written in '{code}' yet: "
                        "there is no translation catalog for it (add generator/render/text/locales/"
                        f"{code}/LC_MESSAGES/messages.po, see the README) or remove it from "
                        "languages"))
        for name, model in OPTIONAL.items():
            if self.entries("").get(name):
                singles[name] = self.check(name, model)
        peer_groups = [self.check(rel, PeerGroupFile) for rel in self.files("peer-groups")]
        forums = [self.check(rel, ForumFile) for rel in self.files("forums")]
        clusters, assessments, plans = self.cluster_files()
        self.cluster_items = clusters
        strategy = _Strategy(
            stress_tests=self.dated_files("stress-tests"),
            actor_maps=self.dated_files("actor-maps"),
            surveys=[self.check(rel, SurveyFile) for rel in self.files("surveys")])
        self.unexpected_files()
        checked = [*singles.values(), *peer_groups, *forums, *clusters, *plans]
        checked += [c for group in assessments.values() for c in group]
        checked += strategy.items()
        for item in checked:
            if item.model is not None and languages:
                self.translations(item, languages)
        registry = singles.get("sources.yaml")
        known_sources = ({s.id for s in registry.model.sources}
                         if registry is not None and registry.model is not None else set())
        for item in checked:
            if item.model is not None:
                self.cited(item, known_sources)
                item.written, item.model = item.model, settle(item.model)
        if any(p.severity == "error" for p in self.problems):
            return LoadResult(None, sorted_problems(self.problems))
        # phase 2: the files against each other ---------------------------------------------
        dataset = self.join(singles, peer_groups, forums, clusters, assessments, plans)
        dataset = self.join_strategy(dataset, singles, forums, strategy)
        dataset = dataclasses.replace(dataset, digests=MappingProxyType({
            item.rel: item.source.digest for item in checked}), sources=MappingProxyType(
                {s.id: s for s in registry.model.sources} if registry is not None else {}))
        for item in checked:
            item.source.forget_nodes()
        errors = any(p.severity == "error" for p in self.problems)
        return LoadResult(None if errors else dataset, sorted_problems(self.problems))

    def scan(self) -> None:
        """Walk the whole tree once, looking at every entry without following it
        (``lstat``): a data tree holds regular files and folders only, with names a web
        address and every system can carry. A link, a named pipe, a device or a socket,
        a file over the size limit or a badly written name is an error here, and is
        never read or followed after (``entries`` leaves it out). The files found are
        kept for ``unexpected_files``."""
        self._files: list[str] = []
        self._refused: set[str] = set()
        folders = [""]
        while folders:
            folder = folders.pop()
            try:
                listing = sorted(os.scandir(self.root / folder if folder else self.root),
                                 key=lambda e: e.name)
            except OSError as exc:
                self.error(folder, f"the folder cannot be read: {exc.strerror}")
                continue
            for entry in listing:
                rel = f"{folder}/{entry.name}" if folder else entry.name
                problem = self.entry_problem(entry, rel)
                if problem is not None:
                    self.error(rel, problem)
                    self._refused.add(rel)
                elif entry.is_dir(follow_symlinks=False):
                    folders.append(rel)
                elif not entry.name.startswith(".") and "/." not in f"/{folder}":
                    self._files.append(rel)

    def entry_problem(self, entry: os.DirEntry[str], rel: str) -> str | None:
        """What is wrong with one entry of the tree (looked at, not followed), if anything."""
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError as exc:
            return f"cannot be read: {exc.strerror}"
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            try:
                target = os.readlink(entry.path)
            except OSError:
                target = "?"
            return (f"is a link (to {target}), where the data holds only files and folders: "
                    "put the file or folder itself here, or remove the link")
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket"
                    if stat.S_ISSOCK(mode) else "a device")
            return f"is {kind}, not a data file: remove it from the data folder"
        if stat.S_ISREG(mode) and info.st_size > MAX_BYTES:
            return (f"file is {info.st_size:,} bytes; the limit is 1 MiB (1,048,576 bytes): "
                    "split it or remove what does not belong in it")
        name = entry.name
        if name.startswith("."):
            return None  # hidden: never read (but looked at above)
        read_by_site = stat.S_ISDIR(mode) or name.endswith((".yaml", ".yml"))
        stem = name.rsplit(".", 1)[0] if not stat.S_ISDIR(mode) else name
        if len(stem) > MAX_NAME:
            return (f"the name is {len(stem)} characters long; a file or folder name of the "
                    f"data has at most {MAX_NAME}: shorten it")
        if read_by_site and not SLUG.fullmatch(stem) or not FILE_NAME.fullmatch(name):
            return (f"the name '{name}' has a space, a capital or another character that a "
                    "data file or folder name cannot have: rename it with a-z, 0-9 and "
                    f"hyphens only, such as '{_suggest(name, stat.S_ISDIR(mode))}'")
        return None

    def entries(self, folder: str) -> dict[str, bool]:
        """The names in a folder of the tree ('' for the top), each with whether it is a
        file (False: a folder); nothing if there is no such folder. Read once. Links,
        special files and the folders ``scan`` refused are left out (a file it refused is
        listed, and ``check`` does not read it)."""
        found = self._entries.get(folder)
        if found is None:
            found = {}
            try:
                with os.scandir(self.root / folder if folder else self.root) as listing:
                    for entry in listing:
                        rel = f"{folder}/{entry.name}" if folder else entry.name
                        if entry.is_file(follow_symlinks=False):  # read by check() unless
                            found[entry.name] = True              # scan refused it
                        elif entry.is_dir(follow_symlinks=False) and rel not in self._refused:
                            found[entry.name] = False
            except (FileNotFoundError, NotADirectoryError):
                pass
            self._entries[folder] = found
        return found

    def files(self, folder: str) -> list[str]:
        return sorted(f"{folder}/{name}" for name, is_file in self.entries(folder).items()
                      if is_file and name.endswith(".yaml") and name != ".yaml")

    def cluster_files(self) -> tuple[list[_Checked], dict[str, list[_Checked]],
                                     list[_Checked]]:
        clusters: list[_Checked] = []
        assessments: dict[str, list[_Checked]] = {}
        plans: list[_Checked] = []
        for name in sorted(n for n, is_file in self.entries("clusters").items()
                           if not is_file):
            rel = f"clusters/{name}"
            inside = self.entries(rel)
            if not inside.get("cluster.yaml"):
                self.error(f"{rel}/cluster.yaml", f"cluster.yaml is missing: every folder in "
                           f"clusters/ needs one (or remove the folder {rel}/)")
                continue
            clusters.append(self.check(f"{rel}/cluster.yaml", ClusterFile))
            if inside.get("plan.yaml"):
                plans.append(self.check(f"{rel}/plan.yaml", PlanFile))
            assessments[name] = [
                self.check(f, AssessmentFile) for f in self.files(f"{rel}/assessments")
            ]
        return clusters, assessments, plans

    def dated_files(self, folder: str) -> dict[str, list[_Checked]]:
        """The files of ``<folder>/<forum-id>/<YYYY-MM-DD>.yaml``, by forum folder."""
        model = DATED_FOLDERS[folder]
        return {
            name: [self.check(rel, model) for rel in self.files(f"{folder}/{name}")]
            for name in sorted(n for n, is_file in self.entries(folder).items() if not is_file)
        }

    def unexpected_files(self) -> None:
        """Every YAML file the site would not read is an error, so no data is lost silently."""
        for rel in sorted(self._files):
            suffix = os.path.splitext(rel)[1]
            if suffix not in (".yaml", ".yml") or _is_expected(rel):
                continue
            if suffix == ".yml":
                self.error(rel, "data files end in .yaml, not .yml: rename the file so the "
                           "site reads it")
            else:
                self.error(rel, "the site does not read a file here: see the data layout in "
                           "the guide (site.yaml, indicators.yaml, rules.yaml, peer-groups/, "
                           "forums/, clusters/<id>/cluster.yaml, clusters/<id>/assessments/, "
                           "clusters/<id>/plan.yaml, processes.yaml, stress-test.yaml, "
                           "stress-tests/<forum-id>/, actor-maps/<forum-id>/, surveys/)")

    def check(self, rel: str, model: type[FileModel]) -> _Checked:
        if rel in self._refused:  # its problem is reported by scan(): not read
            return _Checked(SourceFile(self.root / rel, self.display(rel)), rel)
        source = read_source(self.root / rel, self.display(rel), self.cache)
        item = _Checked(source, rel)
        self.problems.extend(source.problems)
        if source.value is None:
            return item
        value = source.value
        if not isinstance(value, dict):
            self.problems.append(source.problem(
                (), "a data file must be a mapping of 'key: value' lines, starting with "
                "'schema_version: 1'"))
            return item
        if not self.version_ok(source, value):
            return item
        try:
            item.model = model.model_validate(value)
        except ValidationError as exc:
            self.problems.extend(problems_from_errors(source, exc.errors(), model))
        # The node tree is only needed to locate problems, and is composed again on demand
        # for the few files that have one: keeping thousands of trees alive until the end
        # doubles the time of a large tree (most of it in the garbage collector).
        source.forget_nodes()
        return item

    def version_ok(self, source: SourceFile, value: dict[Any, Any]) -> bool:
        if "schema_version" not in value:
            self.problems.append(source.problem(
                ("schema_version",), f"schema_version is missing: add 'schema_version: "
                f"{SCHEMA_VERSION}' as the first line"))
            return False
        version = value["schema_version"]
        if isinstance(version, bool) or not isinstance(version, int):
            self.problems.append(source.problem(
                ("schema_version",), f"must be the number {SCHEMA_VERSION}"))
            return False
        if version > SCHEMA_VERSION:
            self.problems.append(source.problem(
                ("schema_version",), f"this file is written for a newer version of the "
                f"generator (schema_version {version}; this one reads {SCHEMA_VERSION}): "
                "update the generator before using this file"))
            return False
        if version < SCHEMA_VERSION:
            self.problems.append(source.problem(
                ("schema_version",), f"schema_version {version} does not exist: write "
                f"{SCHEMA_VERSION}"))
            return False
        if next(iter(value)) != "schema_version":
            self.problems.append(source.problem(
                ("schema_version",), "schema_version must be the first key: move it to "
                "the top of the file"))
        return True

    def cited(self, item: _Checked, known: set[str]) -> None:
        """Every source id a record of the file names must be in sources.yaml."""
        for loc, record in _sourced(item.model, ()):
            for index, ref in enumerate(record.source or ()):
                if ref.startswith(("http://", "https://")) or ref in known:
                    continue
                at = (*loc, "source") if len(record.source or ()) == 1 else (
                    *loc, "source", index)
                self.problems.append(item.source.problem(
                    at, f"source '{ref}' is not in sources.yaml: "
                    + (_write_instead(ref, sorted(known)) if known else
                       "add it there (id, title, url), or write the web address itself")))

    def translations(self, item: _Checked, languages: tuple[str, ...]) -> None:
        for loc, text in _texts(item.model, ()):
            missing = text.missing(languages)
            if missing:
                self.problems.append(item.source.problem(
                    loc, f"no {', '.join(missing)} translation: add "
                    + ", ".join(f"{code}: ..." for code in missing)
                    + " (until then the page shows another language)",
                    severity="warning"))

    # phase 2 ---------------------------------------------------------------------------

    def join(
        self,
        singles: dict[str, _Checked],
        peer_groups: list[_Checked],
        forums: list[_Checked],
        clusters: list[_Checked],
        assessments: dict[str, list[_Checked]],
        plans: list[_Checked],
    ) -> Dataset:
        site: SiteFile = singles["site.yaml"].model
        catalogue_file: IndicatorsFile = singles["indicators.yaml"].model
        catalogue = Catalogue.of(catalogue_file.areas, catalogue_file.indicators)
        rules: RulesFile = singles["rules.yaml"].model
        group_ids = self.unique_ids(peer_groups, "peer group")
        self.unique_ids(forums, "forum")
        cluster_ids = self.unique_ids(clusters, "cluster", folder=True)
        files: dict[str, str] = {}

        for item in peer_groups:
            files[f"peer-group:{item.model.id}"] = item.rel
            for code in item.model.lights:
                self.known_indicator(item, ("lights", code), code, catalogue)
        forum_by_id: dict[str, ForumFile] = {}
        actions: dict[str, set[str]] = {}
        memberships: dict[str, list[str]] = defaultdict(list)
        for item in forums:
            forum: ForumFile = item.model
            forum_by_id[forum.id] = forum
            files[f"forum:{forum.id}"] = item.rel
            actions[forum.id] = {a.id for a in forum.joint_actions}
            for i, group in enumerate(forum.peer_groups):
                self.known(item, ("peer_groups", i), group, group_ids, "peer group",
                           "peer-groups/")
            for i, member in enumerate(forum.members):
                if self.known(item, ("members", i, "cluster"), member.cluster, cluster_ids,
                              "cluster", "clusters/"):
                    memberships[member.cluster].append(forum.id)
            for i, action in enumerate(forum.joint_actions):
                for j, code in enumerate(action.indicators):
                    self.known_indicator(item, ("joint_actions", i, "indicators", j), code,
                                         catalogue)

        plans_by_cluster = {item.rel.split("/")[1]: item for item in plans}
        cluster_by_id: dict[str, Cluster] = {}
        for item in clusters:
            folder = item.rel.split("/")[1]
            profile: ClusterFile = item.model
            files[f"cluster:{profile.id}"] = item.rel
            dated = self.assessments(assessments.get(folder, []), catalogue, group_ids, files)
            labels = list(profile.labels)
            written = item.written.labels if item.written is not None else profile.labels
            for i, (label, own) in enumerate(zip(profile.labels, written, strict=True)):
                # backed by a source the label names itself, not one it inherits from its
                # file; an inherited certainty (inferred, example) is published as such
                lacks = label_lacks(own.model_copy(update={"certainty": label.certainty}),
                                    dated, rules)
                if lacks:
                    self.problems.append(item.source.problem(
                        ("labels", i, "awarded"), unbacked_message(label, lacks),
                        severity="warning"))
                    # published for what it is: never as confirmed
                    labels[i] = label.model_copy(update={"certainty": "inferred"})
            if labels != list(profile.labels):
                profile = profile.model_copy(update={"labels": tuple(labels)})
            plan_item = plans_by_cluster.get(folder)
            plan: PlanFile | None = None
            if plan_item is not None and plan_item.model is not None:
                plan = plan_item.model
                files[f"plan:{profile.id}"] = plan_item.rel
                self.plan_references(plan_item, catalogue, forum_by_id, actions)
            cluster_by_id[profile.id] = Cluster.model_construct(
                _fields_set=profile.model_fields_set,
                **dict(profile),
                assessments=tuple(dated),
                plan=plan,
                forum_ids=tuple(sorted(set(memberships.get(profile.id, [])))),
                source_dir=f"clusters/{folder}",
            )
        return Dataset(
            site=site,
            catalogue=catalogue,
            rules=rules,
            peer_groups=MappingProxyType({i.model.id: i.model for i in peer_groups}),
            forums=MappingProxyType(dict(sorted(forum_by_id.items()))),
            clusters=MappingProxyType(dict(sorted(cluster_by_id.items()))),
            files=MappingProxyType(files),
        )

    def assessments(
        self,
        items: list[_Checked],
        catalogue: Catalogue,
        group_ids: set[str],
        files: dict[str, str],
    ) -> list[AssessmentFile]:
        dated: list[AssessmentFile] = []
        for item in items:
            model: AssessmentFile = item.model
            self.dated_name(item, model.date, "assessment")
            for code in model.lights:
                self.known_indicator(item, ("lights", code), code, catalogue)
            for i, improvement in enumerate(model.improvements):
                self.known_indicator(item, ("improvements", i, "indicator"),
                                     improvement.indicator, catalogue)
            for i, group in enumerate(model.peer_groups):
                self.known(item, ("peer_groups", i), group, group_ids, "peer group",
                           "peer-groups/")
            if no_light_assessed(model):
                self.problems.append(item.source.problem(
                    ("lights",), "no light is assessed: every light is n/a or left out; write "
                    "green, yellow or red for each indicator the report assessed",
                    severity="warning"))
            files[f"assessment:{item.rel}"] = item.rel
            dated.append(model)
        dated.sort(key=lambda a: a.date.sort_key())
        return dated

    def dated_name(self, item: _Checked, date: PartialDate, what: str) -> None:
        """A dated file's name must be its ``date``: an error at the date otherwise."""
        try:
            named = PartialDate.parse(Path(item.rel).stem)
        except DateFormatError:
            named = None
        if named is None or named.precision != date.precision:
            self.problems.append(item.source.problem(
                ("date",), f"the file name '{Path(item.rel).name}' must be the {what} "
                f"date: rename it to {date}.yaml"))
        elif named != date:
            self.problems.append(item.source.problem(
                ("date",), f"date {date} does not match the file name "
                f"'{Path(item.rel).name}': make them the same (rename the file or fix "
                "the date)"))

    def plan_references(
        self,
        item: _Checked,
        catalogue: Catalogue,
        forums: dict[str, ForumFile],
        actions: dict[str, set[str]],
    ) -> None:
        plan: PlanFile = item.model
        for i, action in enumerate(plan.actions):
            for j, code in enumerate(action.indicators):
                self.known_indicator(item, ("actions", i, "indicators", j), code, catalogue)
            if action.joint is None:
                continue
            forum_id, action_id = action.joint.split("/", 1)
            if forum_id not in forums:
                self.known(item, ("actions", i, "joint"), forum_id, set(forums), "forum",
                           "forums/")
            elif action_id not in actions[forum_id]:
                self.problems.append(item.source.problem(
                    ("actions", i, "joint"), f"forum '{forum_id}' has no joint action "
                    f"'{action_id}': " + _write_instead(
                        action.joint, [f"{forum_id}/{a}" for a in sorted(actions[forum_id])])))

    # phase 2: the regional strategy ---------------------------------------------------

    def join_strategy(self, dataset: Dataset, singles: dict[str, _Checked],
                      forums: list[_Checked], strategy: _Strategy) -> Dataset:
        """Check every regional-strategy reference; the dataset with the strategy files."""
        processes_item = singles.get("processes.yaml")
        processes: dict[str, Process] | None = None
        if processes_item is not None:
            processes = {p.id: p for p in processes_item.model.processes}
        catalogue_item = singles.get("stress-test.yaml")
        catalogue: StressTestCatalogueFile | None = (
            None if catalogue_item is None else catalogue_item.model)
        actions = {f.id: {a.id for a in f.joint_actions} for f in dataset.forums.values()}
        for item in forums:
            self.forum_strategy(item, processes, actions[item.model.id])
        for item in (i for i in self.cluster_items if i.model is not None):
            self.focus_areas(item, dataset)
        files = dict(dataset.files)
        stress_tests: dict[str, tuple[StressTestFile, ...]] = {}
        for folder, items in strategy.stress_tests.items():
            if not self.forum_folder("stress-tests", folder, items, dataset):
                continue
            for item in items:
                self.stress_test(item, catalogue, actions.get(folder, set()))
                files[f"stress-test:{folder}/{item.model.date}"] = item.rel
            stress_tests[folder] = _by_date(items)
        actor_maps: dict[str, tuple[ActorMapFile, ...]] = {}
        for folder, items in strategy.actor_maps.items():
            if not self.forum_folder("actor-maps", folder, items, dataset):
                continue
            for item in items:
                self.actor_map(item, dataset)
                files[f"actor-map:{folder}/{item.model.date}"] = item.rel
            actor_maps[folder] = _by_date(items)
        self.unique_ids(strategy.surveys, "survey")
        for item in strategy.surveys:
            files[f"survey:{item.model.id}"] = item.rel
            for i, forum_id in enumerate(item.model.forums):
                self.known(item, ("forums", i), forum_id, set(dataset.forums), "forum",
                           "forums/")
        surveys = sorted((i.model for i in strategy.surveys),
                         key=lambda s: (s.date.sort_key(), s.id))
        return dataclasses.replace(
            dataset,
            processes=MappingProxyType(processes or {}),
            stress_catalogue=catalogue,
            stress_tests=MappingProxyType(stress_tests),
            actor_maps=MappingProxyType(actor_maps),
            surveys=MappingProxyType({s.id: s for s in surveys}),
            files=MappingProxyType(files),
        )

    def forum_strategy(self, item: _Checked, processes: dict[str, Process] | None,
                       actions: set[str]) -> None:
        forum: ForumFile = item.model
        for i, record in enumerate(forum.support_processes):
            where = ("support_processes", i)
            self.joint_actions(item, (*where, "recommendations"), record.recommendations,
                               forum.id, actions)
            if processes is None:
                self.problems.append(item.source.problem(
                    (*where, "process"), "there is no processes.yaml: add it with the "
                    f"process '{record.process}' and its steps, or remove support_processes"))
                continue
            process = processes.get(record.process)
            if process is None:
                self.problems.append(item.source.problem(
                    (*where, "process"), f"process '{record.process}' is not in "
                    f"processes.yaml: write one of {_choices(sorted(processes))}"))
                continue
            order = [step.id for step in process.steps]
            last = -1
            for j, step in enumerate(record.steps):
                if step.step not in order:
                    self.problems.append(item.source.problem(
                        (*where, "steps", j, "step"), f"step '{step.step}' is not a step of "
                        f"process '{process.id}': write one of {_choices(order)}"))
                    continue
                at = order.index(step.step)
                if at <= last:
                    self.problems.append(item.source.problem(
                        (*where, "steps", j, "step"), f"step '{step.step}' is out of order: "
                        "list the steps in the order of processes.yaml, each once ("
                        + ", ".join(order) + ")"))
                last = max(last, at)

    def joint_actions(self, item: _Checked, loc: tuple[Any, ...], recommendations: Any,
                      forum_id: str, actions: set[str]) -> None:
        for k, recommendation in enumerate(recommendations):
            action = recommendation.joint_action
            if action is not None and action not in actions:
                self.problems.append(item.source.problem(
                    (*loc, k, "joint_action"), f"forum '{forum_id}' has no joint action "
                    f"'{action}': write one of {_choices(sorted(actions))}"))

    def focus_areas(self, item: _Checked, dataset: Dataset) -> None:
        profile: ClusterFile = item.model
        for i, area in enumerate(profile.focus_areas):
            for j, ref in enumerate(area.priorities):
                loc = ("focus_areas", i, "priorities", j)
                forum_id, priority = ref.split("/", 1)
                forum = dataset.forums.get(forum_id)
                if forum is None:
                    self.known(item, loc, forum_id, set(dataset.forums), "forum", "forums/")
                elif forum.strategy is None:
                    self.problems.append(item.source.problem(
                        loc, f"forum '{forum_id}' has no strategy: add strategy: with its "
                        f"priorities to forums/{forum_id}.yaml first"))
                elif priority not in (ids := [p.id for p in forum.strategy.priorities]):
                    self.problems.append(item.source.problem(
                        loc, f"forum '{forum_id}' has no priority '{priority}': write one of "
                        + _choices(f"{forum_id}/{p}" for p in ids)))

    def forum_folder(self, folder: str, name: str, items: list[_Checked],
                     dataset: Dataset) -> bool:
        """Whether a folder of dated files is named after a forum (an error in each of its
        files otherwise)."""
        if name in dataset.forums:
            return True
        for item in items:
            self.problems.append(item.source.problem(
                (), f"the folder {folder}/{name}/ is not a forum: name the folder after the "
                f"forum's id, one of {_choices(sorted(dataset.forums))}"))
        return False

    def stress_test(self, item: _Checked, catalogue: StressTestCatalogueFile | None,
                    actions: set[str]) -> None:
        test: StressTestFile = item.model
        self.dated_name(item, test.date, "stress test")
        forum_id = item.rel.split("/")[1]
        self.joint_actions(item, ("recommendations",), test.recommendations, forum_id, actions)
        if catalogue is None:
            self.problems.append(item.source.problem(
                (), "there is no stress-test.yaml: add the stress test's catalogue (scale, "
                "groups, directions, dimensions) at the top of the data folder"))
            return
        groups = [g.id for g in catalogue.groups]
        for group in test.respondents:
            if group not in groups:
                self.problems.append(item.source.problem(
                    ("respondents", group), f"group '{group}' is not in stress-test.yaml: "
                    f"write one of {_choices(groups)}"))
        dimensions = [d.id for d in catalogue.dimensions]
        low, high = catalogue.scale.min, catalogue.scale.max
        for dimension, score in test.scores.items():
            if dimension not in dimensions:
                self.problems.append(item.source.problem(
                    ("scores", dimension), f"dimension '{dimension}' is not in "
                    f"stress-test.yaml: write one of {_choices(dimensions)}"))
            for key in ("region", "frontrunners"):
                value = getattr(score, key)
                if not low <= value <= high:
                    self.problems.append(item.source.problem(
                        ("scores", dimension, key), f"score {value:g} is outside the scale "
                        f"{low:g}–{high:g} of stress-test.yaml: write a score from {low:g} "
                        f"to {high:g}"))

    def actor_map(self, item: _Checked, dataset: Dataset) -> None:
        actor_map: ActorMapFile = item.model
        self.dated_name(item, actor_map.date, "actor map")
        clusters = set(dataset.clusters)
        for i, actor in enumerate(actor_map.actors):
            for j, link in enumerate(actor.links):
                self.known(item, ("actors", i, "links", j, "cluster"), link.cluster, clusters,
                           "cluster", "clusters/")
        for i, gap in enumerate(actor_map.gaps):
            for j, cluster in enumerate(gap.clusters):
                self.known(item, ("gaps", i, "clusters", j), cluster, clusters, "cluster",
                           "clusters/")

    def unique_ids(self, items: list[_Checked], what: str, folder: bool = False) -> set[str]:
        """Ids of one kind; an id that does not match its file, or is used twice, is an error."""
        seen: dict[str, _Checked] = {}
        for item in items:
            model_id = item.model.id
            parts = item.rel.split("/")
            expected = parts[1] if folder else Path(parts[-1]).stem
            if model_id != expected:
                where = f"folder '{parts[1]}/'" if folder else f"file name '{parts[-1]}'"
                self.problems.append(item.source.problem(
                    ("id",), f"id '{model_id}' does not match the {where}: make them the "
                    "same (rename the " + ("folder" if folder else "file") + " or fix the id)"))
            if model_id in seen:
                other = seen[model_id]
                self.problems.append(item.source.problem(
                    ("id",), f"{what} id '{model_id}' is also used by {other.source.display}: "
                    "each id must be used once"))
                self.problems.append(other.source.problem(
                    ("id",), f"{what} id '{model_id}' is also used by {item.source.display}: "
                    "each id must be used once"))
            else:
                seen[model_id] = item
        return set(seen)

    def known(self, item: _Checked, loc: tuple[Any, ...], value: str, ids: set[str],
              what: str, folder: str) -> bool:
        if value in ids:
            return True
        self.problems.append(item.source.problem(
            loc, f"{what} '{value}' does not exist (there is no {folder}{value}): "
            + _write_instead(value, sorted(ids))))
        return False

    def known_indicator(self, item: _Checked, loc: tuple[Any, ...], code: str,
                        catalogue: Catalogue) -> None:
        if code not in catalogue:
            ids = [i.id for i in catalogue.indicators]
            close = closest(code, ids)
            self.problems.append(item.source.problem(
                loc, f"indicator '{code}' is not in indicators.yaml: "
                + (f"did you mean \"{close}\"? write an indicator id of the catalogue"
                   if close else "write an indicator id of the catalogue, such as "
                   + _choices(ids))))


def closest(value: str, ids: Iterable[str]) -> str | None:
    """The id most like ``value`` (a typo, a missing letter), if one is close enough."""
    found = difflib.get_close_matches(value, list(ids), n=1, cutoff=0.6)
    return found[0] if found else None


def _write_instead(value: str, ids: list[str]) -> str:
    """What to write instead of an unknown id: the closest id, else the ids there are."""
    close = closest(value, ids)
    if close is not None:
        return f"did you mean '{close}'? write that id (or another of the {len(ids)} there are)"
    return f"write one of {_choices(ids)}"


def _by_date(items: list[_Checked]) -> tuple[Any, ...]:
    """The models of dated files, oldest first."""
    return tuple(sorted((item.model for item in items), key=lambda m: m.date.sort_key()))


def _choices(values: Iterable[str]) -> str:
    items = list(values)
    if not items:
        return "(none defined yet)"
    shown = ", ".join(items[:6])
    return shown + (", …" if len(items) > 6 else "")


def _sourced(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Sourced]]:
    """Every record inside a model that can carry a source and a certainty, with its key
    path, parents first."""
    if isinstance(value, Sourced):
        yield loc, value
    if isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            child = getattr(value, name)
            if isinstance(child, BaseModel | tuple | dict):
                yield from _sourced(child, (*loc, info.alias or name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            if isinstance(item, BaseModel):
                yield from _sourced(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, BaseModel):
                yield from _sourced(item, (*loc, key))


def settle(value: Any, certainty: str | None = None,
           sources: tuple[str, ...] | None = None) -> Any:
    """The model with every record's certainty and sources as they are published: a
    record without its own takes those of the record or file it is in; ``illustrative:
    true`` is ``certainty: example``, and an example record is illustrative (so every
    banner of example data shows). Returns the same object where nothing changes."""
    if isinstance(value, tuple):
        settled = tuple(settle(item, certainty, sources) for item in value)
        return value if all(a is b for a, b in zip(settled, value, strict=True)) else settled
    if isinstance(value, dict):
        mapped = {key: settle(item, certainty, sources) for key, item in value.items()}
        return value if all(mapped[k] is value[k] for k in value) else mapped
    if not isinstance(value, BaseModel):
        return value
    updates: dict[str, Any] = {}
    if isinstance(value, Sourced):
        own = value.certainty or ("example" if getattr(value, "illustrative", False)
                                  else certainty)
        if own != value.certainty:
            updates["certainty"] = own
        illustrative = "illustrative" in type(value).model_fields
        if own == "example" and illustrative and not getattr(value, "illustrative", False):
            updates["illustrative"] = True
        certainty = own
        if value.source is None and sources is not None:
            updates["source"] = sources
        sources = value.source or sources
    for name in type(value).model_fields:
        child = getattr(value, name)
        if isinstance(child, BaseModel | tuple | dict):
            settled = settle(child, certainty, sources)
            if settled is not child:
                updates[name] = settled
    return value.model_copy(update=updates) if updates else value


def _texts(value: Any, loc: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], Text]]:
    """Every Text inside a model, with its key path."""
    if isinstance(value, Text):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name, info in type(value).model_fields.items():
            yield from _texts(getattr(value, name), (*loc, info.alias or name))
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _texts(item, (*loc, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, BaseModel | Text | tuple):
                yield from _texts(item, (*loc, key))


_PLAIN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "ß": "ss", "þ": "th",
                                "đ": "d", "ł": "l"})
"""Letters that Unicode does not take apart into a plain letter and a mark."""


def _suggest(name: str, folder: bool) -> str:
    """A name in the data's spelling for a badly written one (``2017-01-01 .yaml`` →
    ``2017-01-01.yaml``)."""
    stem, dot, suffix = name.rpartition(".") if not folder and "." in name else (name, "", "")
    plain = unicodedata.normalize("NFKD", stem.casefold().translate(_PLAIN_LETTERS))
    slug = "-".join(re.findall(r"[a-z0-9]+", plain.encode("ascii", "ignore").decode())) or "name"
    return slug[:MAX_NAME] + (f".{suffix.casefold()}" if dot else "")


def _is_expected(rel: str) -> bool:
    parts = rel.split("/")
    if len(parts) == 1:
        return parts[0] in REQUIRED or parts[0] in OPTIONAL
    if len(parts) == 2:
        return parts[0] in ("peer-groups", "forums", "surveys") and parts[1].endswith(".yaml")
    if parts[0] in DATED_FOLDERS:
        return len(parts) == 3 and parts[2].endswith(".yaml")
    if parts[0] != "clusters":
        return False
    if len(parts) == 3:
        return parts[2] in ("cluster.yaml", "plan.yaml")
    return len(parts) == 4 and parts[2] == "assessments" and parts[3].endswith(".yaml")
