"""Hostile text from the data in a real browser: the small tree (with every file and key
of the regional strategy: tests/fixtures/strategy) with a payload in every
Text field (tests/e2e/payloads.py; the built HTML itself is checked in
tests/test_site_checks.py), opened and searched in Chromium, never runs a script.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from e2e.payloads import inject, local_copy
from e2e.sitekit import STRATEGY, build, serve

PAGES = ["", "forums/polar/", "clusters/nordlys-klynge/", "clusters/fjord-tech/",
         "indicators/1.1/", "indicators/", "labels/", "en/", "en/clusters/nordlys-klynge/",
         "en/forums/polar/", "surveys/polar-2017/", "en/surveys/"]
HANDLERS = """() => [...document.querySelectorAll('*')].flatMap(
  el => [...el.attributes].filter(a => a.name.toLowerCase().startsWith('on'))
        .map(a => el.tagName.toLowerCase() + ' ' + a.name))"""
"""Every event-handler attribute in the live DOM (after the page's own scripts ran)."""


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The hostile small tree, built and served on localhost."""
    root = tmp_path_factory.mktemp("hostile-browser")
    inject(local_copy(STRATEGY, root / "data"))
    build(root / "data", root / "site", root / "work")
    with serve(root / "site") as url:
        yield url


@pytest.mark.parametrize("path", PAGES)
def test_hostile_page_runs_no_script(open_page: Any, hostile_url: str, path: str) -> None:
    """No dialog, no page error, nothing from another host, no event handler in the DOM,
    and the payload is readable as text."""
    page, watch = open_page(hostile_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate(HANDLERS) == []
    assert "<script>alert(1)</script>" in page.locator("article").inner_text()
    watch.check()


@pytest.mark.parametrize("lang", ["", "en/"])
def test_hostile_search_results_run_no_script(open_page: Any, hostile_url: str,
                                              lang: str) -> None:
    """Search results (built by Material's script from the search index) show the hostile
    text as text and add no event handler."""
    page, watch = open_page(hostile_url + lang)
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("kfx", delay=20)  # the start of every field's marker
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible", timeout=15_000)
    page.wait_for_timeout(300)
    assert results.count() > 3
    assert "<script>alert(1)</script>" in page.locator(".md-search-result").inner_text()
    assert page.evaluate(HANDLERS) == []
    watch.check()


def test_the_hostile_tree_is_really_hostile(tmp_path: Path) -> None:
    """The payloads are in the data as written (a check that the fixture is not empty)."""
    injection = inject(local_copy(STRATEGY, tmp_path / "data"))
    text = (tmp_path / "data" / "clusters" / "nordlys-klynge" / "cluster.yaml").read_text(
        encoding="utf-8")
    assert "<script>alert(1)</script>" in text and "onerror=alert(1)" in text
    assert len(injection.markers) > 40
