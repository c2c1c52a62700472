"""The bilingual site: golden pages from the small fixture tree, and the shape of the
built site (every page in both languages, switcher and hreflang on the same page)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.data.load import load_tree
from generator.publish.pipeline import BuildOptions, render_languages
from tests import sites
from tests.conftest import REPO, SMALL
from tests.golden import check_golden, check_golden_tree

GOLDEN = REPO / "tests" / "golden" / "pages"
AS_OF = dt.date(2020, 1, 1)
GOLDEN_PAGES = ("forums/polar.md", "clusters/nordlys-klynge.md", "indicators/1.1.md")


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, bytes]]:
    result = load_tree(SMALL)
    assert result.dataset is not None, result.problems
    work = tmp_path_factory.mktemp("work")
    options = BuildOptions(SMALL, work / "site", work / "build", AS_OF)
    return render_languages(result.dataset, options)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small tree built (shared, tests/sites)."""
    return sites.built(tmp_path_factory, SMALL, AS_OF, copy=True).site


@pytest.mark.parametrize("language", ["nb", "en"])
@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_page_matches_golden(trees: dict[str, dict[str, bytes]], language: str,
                             page: str) -> None:
    """One forum, one cluster and one indicator page per language, as reviewed.

    Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_site_pages.py``
    and review the diff."""
    actual = trees[language][f"docs/{page}"].decode("utf-8")
    golden = GOLDEN / language / page
    check_golden(golden, actual)


def test_open_data_and_feeds_match_golden(trees: dict[str, dict[str, bytes]]) -> None:
    """The small tree's open data (every JSON document, schema and CSV under api/v1/, made
    once, in the first language) and each language's Atom feed, as reviewed.

    Regenerate after an intended change with ``UPDATE_GOLDEN=1 pytest tests/test_site_pages.py``
    and review the diff."""
    api = {path.removeprefix("docs/api/v1/"): content for path, content in trees["nb"].items()
           if path.startswith("docs/api/v1/")}
    assert "index.json" in api and "lights.csv" in api
    assert not any(path.startswith("docs/api/") for path in trees["en"])
    check_golden_tree(REPO / "tests" / "golden" / "opendata", api)
    feeds = {f"{code}/feed.xml": files["docs/feed.xml"] for code, files in trees.items()}
    check_golden_tree(REPO / "tests" / "golden" / "feeds", feeds)


def test_same_page_paths_in_every_language(trees: dict[str, dict[str, bytes]]) -> None:
    nb = {p for p in trees["nb"] if p.endswith(".md")}
    en = {p for p in trees["en"] if p.endswith(".md")}
    assert nb == en
    assert "docs/clusters/nordlys-klynge.md" in nb
    assert "docs/forums/polar.md" in nb


def test_pages_use_the_language(trees: dict[str, dict[str, bytes]]) -> None:
    nb = trees["nb"]["docs/clusters/nordlys-klynge.md"].decode()
    en = trees["en"]["docs/clusters/nordlys-klynge.md"].decode()
    assert "Reiseliv" in nb and "Tourism" in en
    assert "15. juni 2018" in nb and "15 June 2018" in en  # silver awarded, day precision
    assert "september 2016" in nb and "September 2016" in en  # bronze awarded, month


def test_every_cluster_page_states_its_id(trees: dict[str, dict[str, bytes]]) -> None:
    """A secretariat finds the id a command wants on the cluster's page, under Data."""
    ids = sorted(p.name for p in (SMALL / "clusters").iterdir() if p.is_dir())
    assert len(ids) >= 4
    for files in trees.values():
        for cluster in ids:
            page = files[f"docs/clusters/{cluster}.md"].decode("utf-8")
            data = page[page.index("\n## Data\n"):]
            assert f"<code>{cluster}</code>" in data
            assert f"<code>clusters/{cluster}/</code>" in data


@pytest.mark.parametrize("tree", ["data", "tests/fixtures/strategy"])
def test_headings_never_skip_a_level(tree: str, tmp_path: Path) -> None:
    """Screen readers list a page by its headings: a heading is at most one level below
    the one before it, on every generated page of both languages (the Arktis page had an
    h4 straight under an h2)."""
    import re

    result = load_tree(REPO / tree)
    assert result.dataset is not None, result.problems
    generated = render_languages(result.dataset, BuildOptions(
        REPO / tree, tmp_path / "site", tmp_path / "build", AS_OF))
    jumps, pages = [], 0
    for code, files in generated.items():
        for rel, content in files.items():
            if not (rel.startswith("docs/") and rel.endswith(".md")):
                continue
            pages += 1
            text = re.sub(r"(?ms)^```.*?^```", "", content.decode("utf-8"))
            levels = [len(m.group(1)) for m in re.finditer(r"(?m)^(#{1,6}) ", text)]
            jumps += [f"{code}/{rel}: h{a} then h{b}"
                      for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert pages > 20
    assert jumps == []


def test_non_publishing_cluster_shows_no_lights(trees: dict[str, dict[str, bytes]]) -> None:
    result = load_tree(SMALL)
    assert result.dataset is not None
    quiet = [c for c in result.dataset.clusters.values()
             if not c.publish_indicators and c.assessments]
    assert quiet, "the fixture needs a non-publishing cluster with assessments"
    for cluster in quiet:
        for language in ("nb", "en"):
            page = trees[language][f"docs/clusters/{cluster.id}.md"].decode()
            assert "kf-light--" not in page


def test_illustrative_banner(trees: dict[str, dict[str, bytes]]) -> None:
    result = load_tree(SMALL)
    assert result.dataset is not None
    for cluster in result.dataset.clusters.values():
        page = trees["en"][f"docs/clusters/{cluster.id}.md"].decode()
        has_banner = '!!! warning "Illustrative data"' in page
        # Whether a withheld result is illustrative is withheld too (consent).
        expected = cluster.publish_indicators and any(a.illustrative
                                                      for a in cluster.assessments)
        assert has_banner == expected, cluster.id
    assert any(not c.publish_indicators and any(a.illustrative for a in c.assessments)
               for c in result.dataset.clusters.values())


def _html_pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def test_every_built_page_has_its_counterpart(built: Path) -> None:
    pages = _html_pages(built)
    nb = {p for p in pages if not p.startswith("en/")}
    en = {p.removeprefix("en/") for p in pages if p.startswith("en/")}
    assert nb == en
    assert "clusters/nordlys-klynge/index.html" in nb
    assert (built / "search" / "search_index.json").is_file()
    assert (built / "en" / "search" / "search_index.json").is_file()


def test_html_lang_and_search_index_per_language(built: Path) -> None:
    nb = (built / "clusters/nordlys-klynge/index.html").read_text()
    en = (built / "en/clusters/nordlys-klynge/index.html").read_text()
    assert '<html lang="nb"' in nb and '<html lang="en"' in en
    nb_index = (built / "search/search_index.json").read_text()
    en_index = (built / "en/search/search_index.json").read_text()
    assert "Reiseliv" in nb_index and "Reiseliv" not in en_index
    assert "Tourism" in en_index and "Tourism" not in nb_index


@pytest.mark.parametrize("page", ["", "clusters/nordlys-klynge/", "forums/polar/"])
def test_switcher_and_hreflang_point_at_the_same_page(built: Path, page: str) -> None:
    nb = (built / page / "index.html").read_text()
    en = (built / "en" / page / "index.html").read_text()
    base = "/".join([".."] * page.count("/")) or "."
    # the switcher: from nb to en/<page>, from en up to the site root and <page>
    assert f'href="{base}/en/{page}" hreflang="en"' in nb
    assert f'href="{base}/{page}" hreflang="nb"' in nb
    en_base = "/".join([".."] * page.count("/")) or "."
    assert f'href="{en_base}/../{page}" hreflang="nb"' in en
    # the page-to-page hreflang alternates are in each language's sitemap (the fixture's
    # site.yaml has a site_url), and the head claims no other twin (a home page, say)
    site = "https://example.org/klyngeforum/"
    for html in (nb, en):
        head = html[:html.index("</head>")]
        assert re.findall(r"<link[^>]*hreflang[^>]*>", head) == []
    for sitemap in (built / "sitemap.xml", built / "en" / "sitemap.xml"):
        text = sitemap.read_text()
        assert f'hreflang="nb" href="{site}{page}"' in text
        assert f'hreflang="en" href="{site}en/{page}"' in text
