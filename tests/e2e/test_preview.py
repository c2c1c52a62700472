"""The preview in a browser, as a secretariat uses it: a page left open shows a saved
change by itself, shows the error banner when the data breaks and loses it when the data
is fixed; nobody presses reload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

WAIT_MS = 180_000
"""How long a test waits for the page to show a change (the rebuild takes seconds; a
busy machine may take much longer: this bounds a failure, it is not a speed target)."""


def test_an_open_page_shows_a_change_an_error_and_the_fix_by_itself(
        open_page: Any, server: str, tree: Path) -> None:
    """``server`` previews ``tree``, a copy of the small tree (tests/conftest.py)."""
    page, watch = open_page(server + "/en/forums/polar/")
    assert page.get_by_text("Workshop on the reports").count() >= 1
    forum = tree / "forums" / "polar.yaml"
    good = forum.read_text(encoding="utf-8")

    changed = good.replace('en: "Workshop on the reports"', 'en: "Workshop on the new reports"')
    assert changed != good
    forum.write_text(changed, encoding="utf-8")
    page.get_by_text("Workshop on the new reports").first.wait_for(timeout=WAIT_MS)

    forum.write_text(changed.replace("established: 2016", "established: 2016-13"),
                     encoding="utf-8")
    banner = page.locator("#kf-preview-errors")
    banner.wait_for(timeout=WAIT_MS)
    assert "forums/polar.yaml" in banner.inner_text()
    assert page.get_by_text("Workshop on the new reports").count() >= 1  # the last good page

    forum.write_text(changed, encoding="utf-8")
    banner.wait_for(state="detached", timeout=WAIT_MS)
    # The page may be reloading when the banner goes: wait for the text, do not count it.
    page.get_by_text("Workshop on the new reports").first.wait_for(timeout=WAIT_MS)
    watch.check()
