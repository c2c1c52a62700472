"""What's new and its Atom feed, and the "data last changed" date of cluster pages."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.data.history import ChangeDates, change_dates
from generator.data.load import load_tree
from generator.data.model import Dataset
from generator.publish.pipeline import BuildOptions, render_languages
from generator.render.pages import news
from generator.render.pages.builders import SiteRenderer
from generator.render.text.i18n import Language
from generator.results.view import published_view
from tests.conftest import DATA, SMALL

AS_OF = dt.date(2026, 11, 23)
ATOM = "{http://www.w3.org/2005/Atom}"


def dataset_of(tree: Path) -> Dataset:
    result = load_tree(tree)
    assert result.dataset is not None, result.problems
    return result.dataset


# --- What's new --------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["nb", "en"])
def test_newest_first_and_nothing_after_as_of(code: str) -> None:
    dataset = dataset_of(DATA)
    as_of = dt.date(2017, 5, 1)
    items = news.collect(published_view(dataset, as_of), Language(code, "nb"))
    assert items
    keys = [i.date.sort_key() for i in items]
    assert keys == sorted(keys, reverse=True)
    assert all(i.date.first_day() <= as_of for i in items)
    assert len(items) <= news.LIMIT
    kinds = {i.kind for i in items}
    assert {"label", "benchmarking", "joint-action"} <= kinds
    assert kinds & {"meeting", "workshop", "milestone", "report", "expert-visit"}


def test_plan_changes_are_dated_by_the_plan_file() -> None:
    dataset = dataset_of(DATA)
    changes = ChangeDates({"clusters/mineralklynge-norge/plan.yaml": dt.date(2020, 2, 3)})
    items = news.collect(published_view(dataset, AS_OF, changes), Language("en", "nb"))
    [plan] = [i for i in items if i.kind == "plan"]
    assert plan.date.isoformat() == "2020-02-03" and plan.cluster is not None
    assert plan.cluster.id == "mineralklynge-norge"
    assert plan.title.get("en") == "Improvement plan updated: 2 actions"
    assert plan.detail == "2 in progress"
    # a plan change after the as-of date is not listed
    later = news.collect(published_view(dataset, dt.date(2020, 2, 2), changes),
                         Language("en", "nb"))
    assert not [i for i in later if i.kind == "plan"]


def test_only_publishing_clusters_show_lights() -> None:
    dataset = dataset_of(DATA)
    items = news.collect(published_view(dataset, AS_OF), Language("en", "nb"), limit=10_000)
    benchmarkings = [i for i in items if i.key.startswith("assessment/")]
    assert any(i.cluster is not None and not i.cluster.publishes
               for i in benchmarkings), "the data needs a non-publishing cluster"
    for item in benchmarkings:
        assert item.cluster is not None
        assert bool(item.counts) == item.cluster.publishes, item.cluster.id
        text = news.summary(item, Language("en", "nb"))
        assert (" green, " in text) == item.cluster.publishes


# --- the feed ----------------------------------------------------------------------------------


def feeds(tree: Path, tmp_path: Path, as_of: dt.date = AS_OF) -> dict[str, str]:
    dataset = dataset_of(tree)
    options = BuildOptions(tree, tmp_path / "site", tmp_path / "work", as_of)
    trees = render_languages(dataset, options)
    return {code: files["docs/feed.xml"].decode("utf-8") for code, files in trees.items()}


def test_feed_is_valid_atom_and_deterministic(tmp_path: Path) -> None:
    first = feeds(DATA, tmp_path)
    assert first == feeds(DATA, tmp_path / "again")
    for code, xml in first.items():
        feed = ET.fromstring(xml)
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == code
        entries = feed.findall(f"{ATOM}entry")
        assert entries
        # the feed is as new as its newest entry, never the time of the build
        assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
        assert feed.find(f"{ATOM}author/{ATOM}name") is not None
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == len(ids)
        assert all(i and i.startswith("urn:uuid:") for i in ids)
        # without a site_url, links are relative to the feed at the language root
        for entry in entries:
            link = entry.find(f"{ATOM}link")
            assert link is not None
            href = link.get("href") or ""
            assert href.startswith(("clusters/", "forums/")) and href.endswith("/")


def test_feed_links_are_absolute_with_a_site_url(tmp_path: Path) -> None:
    result = feeds(SMALL, tmp_path, dt.date(2020, 1, 1))
    site = "https://example.org/klyngeforum/"
    for code, prefix in (("nb", site), ("en", site + "en/")):
        feed = ET.fromstring(result[code])
        self_link = feed.find(f"{ATOM}link[@rel='self']")
        assert self_link is not None and self_link.get("href") == prefix + "feed.xml"
        assert feed.findtext(f"{ATOM}id") == prefix + "feed.xml"
        for entry in feed.findall(f"{ATOM}entry"):
            link = entry.find(f"{ATOM}link")
            assert link is not None and (link.get("href") or "").startswith(prefix)


def test_feed_and_page_are_in_every_language(tmp_path: Path) -> None:
    dataset = dataset_of(DATA)
    trees = render_languages(dataset, BuildOptions(DATA, tmp_path / "s", tmp_path / "w", AS_OF))
    for files in trees.values():
        assert "docs/feed.xml" in files and "docs/whats-new.md" in files
        assert '"whats-new.md"' in files["mkdocs.yml"].decode("utf-8")
        page = files["docs/whats-new.md"].decode("utf-8")
        assert "(feed.xml)" in page


def test_empty_feed_is_dated_by_as_of(tmp_path: Path) -> None:
    dataset = dataset_of(DATA)
    xml = news.atom_feed([], published_view(dataset, dt.date(2001, 2, 3)), Language("en", "nb"),
                         None)
    feed = ET.fromstring(xml)
    assert feed.findtext(f"{ATOM}updated") == "2001-02-03T00:00:00Z"
    assert feed.findall(f"{ATOM}entry") == []


# --- when the data last changed ----------------------------------------------------------------


def _git(repo: Path, *args: str, date: str = "2021-03-04T12:00:00+00:00") -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_change_dates_from_git(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    data = repo / "data"
    shutil.copytree(DATA, data)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "data")
    cluster = data / "clusters" / "vintertroms" / "cluster.yaml"
    cluster.write_text(cluster.read_text(encoding="utf-8") + "# a note\n", encoding="utf-8")
    _git(repo, "commit", "-q", "-am", "note", date="2022-05-06T12:00:00+00:00")
    dates = change_dates(data)
    assert dates.source == "git"
    assert dates.folder("clusters/vintertroms") == dt.date(2022, 5, 6)
    assert dates.folder("clusters/mineralklynge-norge") == dt.date(2021, 3, 4)
    assert dates.file("clusters/mineralklynge-norge/plan.yaml") == dt.date(2021, 3, 4)
    # a change not yet committed counts from the file's modification time
    plan = data / "clusters" / "mineralklynge-norge" / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8") + "# draft\n", encoding="utf-8")
    stamp = dt.datetime(2023, 7, 8, 12, tzinfo=dt.UTC).timestamp()
    os.utime(plan, (stamp, stamp))
    new = data / "clusters" / "vintertroms" / "assessments" / "2023-01-01.yaml"
    new.parent.mkdir()
    new.write_text("schema_version: 1\n", encoding="utf-8")
    os.utime(new, (stamp, stamp))
    dates = change_dates(data)
    assert dates.file("clusters/mineralklynge-norge/plan.yaml") == dt.date(2023, 7, 8)
    assert dates.folder("clusters/vintertroms") == dt.date(2023, 7, 8)
    assert dates.folder("clusters/arktis") is None


def test_change_dates_without_git(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    stamp = dt.datetime(2019, 1, 2, 12, tzinfo=dt.UTC).timestamp()
    for path in data.rglob("*.yaml"):
        os.utime(path, (stamp, stamp))
    cluster = data / "clusters" / "vintertroms" / "cluster.yaml"
    later = dt.datetime(2020, 3, 4, 12, tzinfo=dt.UTC).timestamp()
    os.utime(cluster, (later, later))
    dates = change_dates(data)
    if dates.source == "git":  # pragma: no cover - tmp inside a git work tree
        pytest.skip("the temporary folder is inside a git work tree")
    assert dates.source == "mtime"
    assert dates.folder("clusters/vintertroms") == dt.date(2020, 3, 4)
    assert dates.folder("clusters/mineralklynge-norge") == dt.date(2019, 1, 2)


def test_cluster_page_says_when_its_data_last_changed() -> None:
    dataset = dataset_of(DATA)
    changes = ChangeDates({"clusters/vintertroms/cluster.yaml": dt.date(2024, 2, 29)})
    for code, shown in (("nb", "29. februar 2024"), ("en", "29 February 2024")):
        language = Language(code, "nb")
        view = published_view(dataset, AS_OF, changes)
        page = SiteRenderer(view, language).cluster(view.clusters["vintertroms"])
        assert language.gettext("Data last changed %(date)s.") % {"date": shown} in page
    # no date known (no file dates), no line
    view = published_view(dataset, AS_OF)
    page = SiteRenderer(view, Language("en", "nb")).cluster(view.clusters["vintertroms"])
    assert "Data last changed" not in page


def test_one_git_call_for_many_clusters(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dates of every cluster come from one git log (plus rev-parse and status), not one
    command per cluster."""
    import generator.data.history as changes_module

    calls: list[tuple[str, ...]] = []
    real = changes_module.git_text

    def counting(root: Path, *args: str) -> str | None:
        calls.append(args)
        return real(root, *args)

    monkeypatch.setattr(changes_module, "git_text", counting)
    change_dates(DATA)
    assert len(calls) <= 3
