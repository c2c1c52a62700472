"""Partial MkDocs builds (generator.publish.mkdocs_run, generator.publish.partial): after a
change, a build renders only the changed pages when it can prove the result equals a full
build, and builds fully otherwise; either way the site is byte-identical to a clean build
of the same data, and the site that was in place is never written through (the partial
build's copy is made of hard links to it)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from e2e.sitekit import tree_bytes

from generator.data.load import load_tree
from generator.publish.options import PROJECT
from generator.publish.pipeline import BuildOptions, BuildReport, build_site
from tests.conftest import SMALL
from tests.sites import built, copy_of

AS_OF = dt.date(2026, 11, 23)
ASSESSMENT = "clusters/nordlys-klynge/assessments/2018-03-01.yaml"


def _build(data: Path, site: Path, work: Path, as_of: dt.date = AS_OF,
           project: Path = PROJECT) -> BuildReport:
    result = load_tree(data)
    assert result.dataset is not None, [p.format() for p in result.errors]
    return build_site(result.dataset, BuildOptions(data, site, work, as_of, project))


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _light(data: Path, project: Path) -> None:
    _replace(data / ASSESSMENT, '"1.1": green', '"1.1": red')


def _name(data: Path, project: Path) -> None:
    cluster = data / "clusters" / "nordlys-klynge" / "cluster.yaml"
    text = cluster.read_text(encoding="utf-8")
    name = re.search(r"^name: (.+)$", text, re.MULTILINE)
    assert name is not None
    _replace(cluster, name.group(0), "name: Nordlys Klynge Renamed")


def _cluster_added(data: Path, project: Path) -> None:
    shutil.copytree(data / "clusters" / "nordlys-klynge", data / "clusters" / "ny-klynge")
    _replace(data / "clusters" / "ny-klynge" / "cluster.yaml", "id: nordlys-klynge",
             "id: ny-klynge")


def _event_removed(data: Path, project: Path) -> None:
    forum = data / "forums" / "polar.yaml"
    text = forum.read_text(encoding="utf-8")
    start = text.index("events:")
    entries = [m.start() for m in re.finditer(r"^  - ", text[start:], re.MULTILINE)]
    assert len(entries) >= 2, "the small tree's forum has two events or more"
    first, second = start + entries[0], start + entries[1]
    forum.write_text(text[:first] + text[second:], encoding="utf-8")


def _page_edited(data: Path, project: Path) -> None:
    page = project / "docs" / "en" / "about.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                    encoding="utf-8")


def _override_changed(data: Path, project: Path) -> None:
    override = next(p for p in sorted((project / "overrides").rglob("*.html")))
    override.write_text(override.read_text(encoding="utf-8") + "\n", encoding="utf-8")


CHANGES: dict[str, tuple[Callable[[Path, Path], None], bool]] = {
    "light": (_light, True),
    "event-removed": (_event_removed, True),
    "page-edited": (_page_edited, True),
    "cluster-renamed": (_name, False),  # the navigation shows the name
    "cluster-added": (_cluster_added, False),  # a page more
    "override": (_override_changed, False),  # every page
}
"""Each change and whether it can be built partially."""


def _project_copy(target: Path) -> Path:
    """The repository's MkDocs settings, hand-written pages and overrides, to change."""
    for name in ("docs", "overrides"):
        shutil.copytree(PROJECT / name, target / name)
    shutil.copy2(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    (target / "generator").symlink_to(PROJECT / "generator")  # the MkDocs hooks
    return target


@pytest.mark.slow
@pytest.mark.parametrize("change", list(CHANGES))
def test_a_partial_or_full_build_equals_a_clean_one(
        change: str, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    make, partial_expected = CHANGES[change]
    project = _project_copy(tmp_path / "project")
    before = copy_of(built(tmp_path_factory, SMALL, AS_OF, copy=True), tmp_path / "b")
    # The shared build was made with the repository's project; build once with the copy
    # (nothing changes: a full build, which records what a partial one needs).
    first = _build(before.data, before.site, before.work, project=project)
    assert not first.mkdocs_partial
    held = tmp_path / "held"  # hard links to the site in place: they see any write-through
    shutil.copytree(before.site, held, copy_function=os.link)
    held_bytes = tree_bytes(before.site)

    make(before.data, project)
    report = _build(before.data, before.site, before.work, project=project)
    assert report.mkdocs_partial is partial_expected

    clean = tmp_path / "clean"
    _build(before.data, clean / "site", clean / "work", project=project)
    assert tree_bytes(before.site) == tree_bytes(clean / "site")
    assert tree_bytes(held) == held_bytes, "a build wrote through a hard link"


@pytest.mark.slow
def test_another_as_of_is_a_full_build(tmp_path: Path,
                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    before = copy_of(built(tmp_path_factory, SMALL, AS_OF, copy=True), tmp_path / "b")
    _build(before.data, before.site, before.work)
    later = AS_OF + dt.timedelta(days=1)
    report = _build(before.data, before.site, before.work, as_of=later)
    assert not report.mkdocs_partial
    clean = tmp_path / "clean"
    _build(before.data, clean / "site", clean / "work", as_of=later)
    assert tree_bytes(before.site) == tree_bytes(clean / "site")


def test_a_touched_site_is_built_fully(tmp_path: Path,
                                       tmp_path_factory: pytest.TempPathFactory) -> None:
    """A site changed since the last build (here one page) is not trusted as the base of
    a partial build: the next build is full and puts the page right."""
    before = copy_of(built(tmp_path_factory, SMALL, AS_OF, copy=True), tmp_path / "b")
    _build(before.data, before.site, before.work)
    page = before.site / "about" / "index.html"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"</body>", b"<p>edited by hand</p></body>"))
    _light(before.data, PROJECT)
    report = _build(before.data, before.site, before.work)
    assert not report.mkdocs_partial
    assert page.read_bytes() == good


def test_without_hard_links_the_build_is_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              tmp_path_factory: pytest.TempPathFactory
                                              ) -> None:
    """A file system that refuses hard links: the build is full, and right."""
    before = copy_of(built(tmp_path_factory, SMALL, AS_OF, copy=True), tmp_path / "b")
    _build(before.data, before.site, before.work)

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refused)
    _light(before.data, PROJECT)
    report = _build(before.data, before.site, before.work)
    assert not report.mkdocs_partial
    monkeypatch.undo()
    clean = tmp_path / "clean"
    _build(before.data, clean / "site", clean / "work")
    assert tree_bytes(before.site) == tree_bytes(clean / "site")


def test_nothing_to_render_leaves_the_site_in_place(
        tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    """A build that writes no generated file MkDocs reads (here: the same data again, the
    command line's stamp bypassed) runs no MkDocs and keeps the site, file for file."""
    before = copy_of(built(tmp_path_factory, SMALL, AS_OF, copy=True), tmp_path / "b")
    _build(before.data, before.site, before.work)
    inodes = {p: p.stat().st_ino for p in before.site.rglob("*") if p.is_file()}
    report = _build(before.data, before.site, before.work)
    assert report.mkdocs_partial and report.mkdocs_seconds == {}
    assert {p: p.stat().st_ino for p in before.site.rglob("*") if p.is_file()} == inodes
