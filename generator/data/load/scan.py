"""Phase 1's walk of the tree: one lstat walk, refusing links and special files, every
file and folder name checked, and the files of each kind found."""

from __future__ import annotations

import os
import stat

from generator.data.load.base import LoaderBase
from generator.data.load.files import (
    DATED_FOLDERS,
    FILE_NAME,
    MAX_NAME,
    Checked,
    is_expected,
    suggest_name,
)
from generator.data.schema import (
    SLUG,
    AssessmentFile,
    ClusterFile,
    PlanFile,
)
from generator.data.yamlfile import MAX_BYTES


class TreeScan(LoaderBase):
    """Phase 1: the walk of the tree."""

    def scan(self) -> None:
        """Walk the whole tree once, looking at every entry without following it
        (``lstat``): a data tree holds regular files and folders only, with names a web
        address and every system can carry. A link, a named pipe, a device or a socket,
        a file over the size limit or a badly written name is an error here, and is
        never read or followed after (``entries`` leaves it out). The files found are
        kept for ``unexpected_files``."""
        self._files: list[str] = []
        self._refused.clear()
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
                    f"hyphens only, such as '{suggest_name(name, stat.S_ISDIR(mode))}'")
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


    def cluster_files(self) -> tuple[list[Checked], dict[str, list[Checked]],
                                     list[Checked]]:
        clusters: list[Checked] = []
        assessments: dict[str, list[Checked]] = {}
        plans: list[Checked] = []
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


    def dated_files(self, folder: str) -> dict[str, list[Checked]]:
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
            if suffix not in (".yaml", ".yml") or is_expected(rel):
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
