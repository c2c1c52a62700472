"""MkDocs for one language, in a process of its own: a full build, or a partial one that
renders only the pages that changed and is byte-identical to a full build.

``python -m generator.publish.mkdocs_run CONFIG SITE STATE [CHANGED]``

- Without ``CHANGED``: ``mkdocs build --strict`` through MkDocs' API into ``SITE``, and
  ``STATE`` records every page's title and anchors (``PageState``).
- With ``CHANGED`` (a JSON list of paths below docs/ that this build wrote or removed):
  ``SITE`` already holds the last build's pages (a copy whose files are hard links to the
  published site, so every file written here is first unlinked, never written through).
  MkDocs' configuration, files and navigation are loaded as a full build loads them;
  every page whose source did not change takes its title and anchors from ``STATE``
  instead of being rendered; the changed pages are rendered, checked (links and anchors,
  ``--strict``) and written; changed assets are copied and removed ones deleted; the
  search index keeps every other page's entries, in place. Exit 3 when a partial build
  cannot prove it equals a full one: the set of pages differs from the recorded one, a
  changed page's title or anchors differ (other pages' navigation and links show them),
  or a state is missing. The caller then builds fully. The sitemap, 404 page and theme
  files depend only on the navigation and configuration, which the caller keeps equal
  (a changed ``mkdocs.yml``, override or version means a full build).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files, get_files, set_exclusions
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page

from generator.base.files import atomic_write
from generator.base.templatecache import CompiledTemplates

NOT_PROVEN = 3
"""The exit code of a partial build that cannot prove it equals a full one."""

STATE_VERSION = 1


@dataclass(frozen=True)
class PageState:
    """What other pages show of a page: its title (navigation, footer) and the anchors
    links may point at."""

    title: str
    anchors: tuple[str | None, ...]


def _page_state(page: Page | None) -> PageState:
    assert page is not None
    return PageState(str(page.title or ""), tuple(sorted(page.present_anchor_ids or (),
                                                         key=lambda a: (a is None, a or ""))))


def _page_states(files: Files) -> dict[str, PageState]:
    return {file.src_uri: _page_state(file.page) for file in files.documentation_pages()}


def write_state(path: Path, pages: dict[str, PageState]) -> None:
    atomic_write(path, (json.dumps({"version": STATE_VERSION, "pages": {
        uri: {"title": s.title, "anchors": list(s.anchors)} for uri, s in pages.items()}},
        sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))


def read_state(path: Path) -> dict[str, PageState] | None:
    """The recorded pages, or None when there is no state of this format."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != STATE_VERSION:
            return None
        return {uri: PageState(str(s["title"]), tuple(s["anchors"]))
                for uri, s in data["pages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


class _Recorder(BasePlugin):
    """Keeps the files of a full build, to record their pages once all are rendered."""

    files: Files | None = None

    def on_env(self, env: Any, /, *, config: Any, files: Files) -> Any:
        self.files = files
        return env


def full(config: MkDocsConfig, state: Path) -> None:
    """A full ``mkdocs build``; records every page's state."""
    recorder = _Recorder()
    config.plugins["kf-recorder"] = recorder
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()
    assert recorder.files is not None
    write_state(state, _page_states(recorder.files))


class NotProven(Exception):
    """The partial build cannot show it equals a full one; the message says why."""


def _unlink(path: str) -> None:
    """Remove a file of the copied site before it is written: it may be a hard link to
    the published site, which must never be written through."""
    Path(path).unlink(missing_ok=True)


def partial(config: MkDocsConfig, state: Path, changed: Iterable[str]) -> int:
    """Render only the changed pages into the copy of the last site; how many."""
    recorded = read_state(state)
    if recorded is None:
        raise NotProven("no record of the last build's pages")
    changed = set(changed)
    counter = utils.CountHandler()
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        nav = config.plugins.on_nav(nav, config=config, files=files)
        pages = files.documentation_pages()
        if {f.src_uri for f in pages} != set(recorded):
            raise NotProven("pages were added or removed")
        rendered = []
        for file in pages:
            if file.page is None:  # a page left out of the navigation, as build() makes it
                Page(None, file, config)
            page = file.page
            assert page is not None
            if file.src_uri in changed:
                mkdocs_build._populate_page(page, config, files)
                rendered.append(file)
            else:  # what other pages show of it, as the last build rendered it
                page.read_source(config)
                page._title_from_render = recorded[file.src_uri].title
                page.present_anchor_ids = {anchor for anchor in recorded[file.src_uri].anchors
                                           if anchor is not None}
        moved = [f.src_uri for f in rendered if _page_state(f.page) != recorded[f.src_uri]]
        if moved:
            raise NotProven(f"the title or anchors of {moved[0]} changed")
        env = config.plugins.on_env(env, config=config, files=files)
        for file in files:
            if file.src_uri in changed and not file.is_documentation_page():
                _unlink(file.abs_dest_path)
                file.copy_file()
        present = {f.src_uri for f in files}
        for gone in sorted(changed - present):
            _unlink(os.path.join(config.site_dir, gone))
        search = next((plugin for plugin in config.plugins.values()
                       if hasattr(plugin, "search_index")), None)
        before = len(search.search_index.entries) if search is not None else 0
        for file in rendered:
            assert file.page is not None
            _unlink(file.abs_dest_path)
            mkdocs_build._build_page(file.page, config, pages, nav, env)
        for file in rendered:
            assert file.page is not None
            file.page.validate_anchor_links(files=files,
                                            log_level=config.validation.links.anchors)
        if search is not None:
            _merge_search_index(config.site_dir, pages, search.search_index.entries[before:])
        if counts := counter.get_counts():
            raise Abort("Aborted with " + ", ".join(f"{v} {k.lower()}s" for k, v in counts)
                        + " in strict mode!")
        return len(rendered)
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)
        config.plugins.on_shutdown()


def _merge_search_index(site_dir: str, pages: Iterable[Any], fresh: list[dict[str, Any]]
                        ) -> None:
    """The search index of the last build with the rendered pages' entries in place of
    theirs, in page order, written as Material writes it."""
    path = os.path.join(site_dir, "search", "search_index.json")
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    by_page: dict[str, list[dict[str, Any]]] = {}
    for entry in data["docs"]:
        by_page.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    new: dict[str, list[dict[str, Any]]] = {}
    for entry in fresh:
        new.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    docs = []
    for file in pages:
        url = file.page.url
        docs += new[url] if url in new else by_page.get(url, [])
    _unlink(path)
    utils.write_file(json.dumps({"config": data["config"], "docs": docs},
                                separators=(",", ":"), default=str).encode("utf-8"), path)


def keep_compiled_templates(config: MkDocsConfig) -> None:
    """Every Jinja environment of the theme (the pages', the search plugin's) keeps its
    compiled templates in ``.cache/templates/`` (``generator.base.templatecache``): the
    same templates are not compiled again in every build. MkDocs makes a new environment
    for each use, so this theme's ``get_env`` gives each the cache."""
    theme = config.theme
    made = theme.get_env
    flavour = "theme " + " ".join(f"{name}-{version(name)}" for name in ("mkdocs",
                                                                       "mkdocs-material"))
    compiled = CompiledTemplates(f"{flavour} {theme.locale}")

    def get_env() -> Any:
        env = made()
        env.bytecode_cache = compiled
        return env

    setattr(theme, "get_env", get_env)  # noqa: B010 - on this one theme object only


def main(argv: list[str]) -> int:
    config_file, site_dir, state, *rest = argv
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    config = load_config(config_file, site_dir=site_dir, strict=True)
    keep_compiled_templates(config)
    try:
        if rest:
            changed = json.loads(Path(rest[0]).read_text(encoding="utf-8"))
            partial(config, Path(state), changed)
        else:
            Path(state).unlink(missing_ok=True)
            full(config, Path(state))
    except NotProven as exc:
        logging.getLogger("mkdocs").info("partial build not possible: %s", exc)
        return NOT_PROVEN
    except Abort as exc:
        logging.getLogger("mkdocs").error(str(exc))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
