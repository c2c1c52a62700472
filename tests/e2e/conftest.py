"""The site as a reader gets it: built once per session from data/ with a fixed --as-of,
served on localhost, and opened in Debian's Chromium through Playwright.

Every page a test opens is watched: console errors, uncaught exceptions and any request
to a host other than localhost are recorded (and such requests are blocked, so a closed
network never makes a test hang).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from e2e.sitekit import ARTIFACTS, AS_OF, DATA, ensure_chromium, is_local, launch, serve

from tests.sites import built

SCREENSHOTS = ARTIFACTS / "screenshots"


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/ built once, both languages, as of the fixed test date (shared, tests/sites)."""
    return built(tmp_path_factory, DATA, AS_OF).site


@pytest.fixture(scope="session")
def base_url(built_site: Path) -> Iterator[str]:
    """The built site served by http.server on a free localhost port."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium, driven by Playwright (no browser is ever downloaded)."""
    try:
        ensure_chromium()
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """Where screenshots of each page kind go, for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="session")
def axe_reports() -> Path:
    """Where the axe-core findings of each page go."""
    folder = ARTIFACTS / "axe"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def aborted_by_navigation(request: Any) -> bool:
    """A request the browser dropped because the page was left before it finished (the
    search's language file, say, when a test follows a link at once): not a fault of the
    site. A file that is missing answers 404 and is caught as an HTTP error instead."""
    return (request.failure or "") == "net::ERR_ABORTED"


@dataclass
class Watch:
    """What went wrong while a page was open."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        """Everything recorded, one line each."""
        return ([f"console error: {m}" for m in self.console_errors]
                + [f"page error: {m}" for m in self.page_errors]
                + [f"request to another host: {u}" for u in self.foreign_requests]
                + [f"failed request: {u}" for u in self.failed_requests]
                + [f"HTTP error: {u}" for u in self.bad_responses]
                + [f"dialog: {m}" for m in self.dialogs])

    def check(self) -> None:
        """Fail with every recorded problem, one per line."""
        problems = self.problems()
        assert not problems, "\n".join(problems)


def new_page(browser: Any, **context_options: Any) -> tuple[Any, Any, Watch]:
    """A fresh context and page whose problems are recorded in the returned Watch."""
    context = browser.new_context(**context_options)
    watch = Watch()

    def route(r: Any) -> None:
        if is_local(r.request.url):
            r.continue_()
        else:
            watch.foreign_requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda m: watch.console_errors.append(m.text)
            if m.type == "error" else None)
    page.on("pageerror", lambda e: watch.page_errors.append(str(e)))
    page.on("response", lambda r: watch.bad_responses.append(f"{r.status} {r.url}")
            if r.status >= 400 else None)
    page.on("requestfailed", lambda r: watch.failed_requests.append(r.url)
            if is_local(r.url) and not aborted_by_navigation(r) else None)

    def dialog(d: Any) -> None:
        watch.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    page.on("dialog", dialog)
    return context, page, watch


@pytest.fixture
def open_page(browser: Any) -> Iterator[Any]:
    """Opens pages in fresh contexts: ``page, watch = open_page(url, **context_options)``."""
    contexts: list[Any] = []

    def opener(url: str, **context_options: Any) -> tuple[Any, Watch]:
        context, page, watch = new_page(browser, **context_options)
        contexts.append(context)
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, f"{url}: {response}"
        return page, watch

    yield opener
    for context in contexts:
        context.close()
