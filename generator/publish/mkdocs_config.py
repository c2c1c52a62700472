"""Each language's MkDocs configuration: the navigation, the language switcher, the
theme's palettes, all inheriting the shared mkdocs.yml of the project.

MkDocs and Material print the texts of the configuration as HTML, unescaped: navigation
titles, the site name and description, the copyright line, the language names, the palette
toggles' names and the theme strings. Every such text, from the data or from a catalog,
goes through ``html_text`` here, as the pages' own titles do (generator/render/pages/jinja.py):
navigation titles in one place, after the navigation is made, so that no title can be
added without it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Collection
from pathlib import Path
from typing import Any

from generator.render.pages import theme
from generator.render.pages.markup import html_text
from generator.render.text.i18n import Language
from generator.results.view import ClusterView, PublishedView

HANDWRITTEN = ("about.md", "method.md", "open-data.md", "guide.md", "data-format.md")
"""Hand-written pages of docs/<lang>/, in the order of the About section."""


def language_prefix(code: str, default: str) -> str:
    """Where a language lives below the site root: '' for the default, 'en/' otherwise."""
    return "" if code == default else f"{code}/"


def absolute_root(view: PublishedView, code: str) -> str | None:
    """The absolute URL of a language's root when site.yaml has a site_url, else None."""
    if not view.site.site_url:
        return None
    return (view.site.site_url.rstrip("/") + "/"
            + language_prefix(code, view.languages[0]))


def handwritten(docs: Path, code: str, default: str) -> dict[str, bytes]:
    """Hand-written pages of a language (the default language's where one is missing)
    and the shared assets."""
    files: dict[str, bytes] = {}
    for source in (docs / default, docs / code):
        if source.is_dir():
            for path in source.rglob("*"):
                if path.is_file():
                    files[path.relative_to(source).as_posix()] = path.read_bytes()
    assets = docs / "assets"
    if assets.is_dir():
        for path in assets.rglob("*"):
            if path.is_file():
                files[f"assets/{path.relative_to(assets).as_posix()}"] = path.read_bytes()
    return files


def mkdocs_config(view: PublishedView, language: Language, files: Collection[str],
                  project: Path, work_dir: Path) -> str:
    """The MkDocs configuration of one language, inheriting the shared mkdocs.yml;
    ``files``: the paths below docs/ of the language's pages and assets."""
    site = view.site
    default = view.languages[0]
    own = language_prefix(language.code, default)
    up = "../" * own.count("/")
    alternates = []
    for code in view.languages:
        other = Language(code, default)
        entry: dict[str, Any] = {
            "name": html_text(other.name), "lang": code,
            "link": "" if code == language.code else up + language_prefix(code, default),
            "root": "" if code == language.code else up + language_prefix(code, default),
        }
        if site.site_url:
            entry["absolute"] = site.site_url.rstrip("/") + "/" + language_prefix(code, default)
        alternates.append(entry)
    _ = language.gettext
    clusters = sorted(view.clusters.values(),
                      key=lambda c: (c.name.get(language.code).casefold(), c.id))
    extra_pages = sorted(p for p in files if p.endswith(".md") and "/" not in p
                         and p not in HANDWRITTEN
                         and p not in ("index.md", "labels.md", "whats-new.md"))
    nav: list[Any] = [
        {_("Home"): "index.md"},
        {_("Forums"): ["forums/index.md",
                       *(f"forums/{forum_id}.md" for forum_id in view.forums)]},
        {_("Clusters"): ["clusters/index.md", *_cluster_nav(clusters, language.code)]},
        {_("Indicators"): ["indicators/index.md",
                           *(f"indicators/{i.id}.md" for i in view.catalogue.indicators)]},
        *([{_("Surveys"): ["surveys/index.md",
                            *sorted(p for p in files if p.startswith("surveys/")
                                    and p.endswith(".md") and p != "surveys/index.md")]}]
          if "surveys/index.md" in files else []),
        {_("Labels"): "labels.md"},
        {_("What's new"): "whats-new.md"},
        {_("About"): [p for p in (*HANDWRITTEN, *extra_pages) if p in files]},
    ]
    config: dict[str, Any] = {
        "INHERIT": os.path.relpath(project / "mkdocs.yml",
                                   work_dir.resolve() / language.code),
        "site_name": html_text(site.title.get(language.code, (default,))),
        "docs_dir": "docs",
        "theme": {
            "language": language.code,
            "custom_dir": str((project / "overrides").resolve()),
            "palette": _palette(language),
        },
        "copyright": html_text(
            _("Data from the forums' secretariats; sources on the About page.")),
        "extra": {"alternate": alternates, "generator_language": language.code,
                  "language_root": own,
                  "theme_strings": {key: html_text(text)
                                    for key, text in theme.strings(language).items()}},
        "nav": escaped_nav(nav),
        "hooks": [str((project / "generator" / "publish" / "mkdocs_hooks.py").resolve())],
    }
    if site.description is not None:
        config["site_description"] = html_text(site.description.get(language.code,
                                                                    (default,)))
    if site.site_url:
        config["site_url"] = site.site_url.rstrip("/") + "/" + own
    return "# Generated by python -m generator build: do not edit.\n" + json.dumps(
        config, ensure_ascii=False, indent=2) + "\n"


def escaped_nav(nav: list[Any]) -> list[Any]:
    """The navigation with every title (a key of a mapping, at any depth) escaped for HTML:
    Material prints navigation titles as they are, in text and in attributes. Paths (the
    values that are strings) stay as they are."""
    def item(entry: Any) -> Any:
        if isinstance(entry, dict):
            return {html_text(title): item(value) for title, value in entry.items()}
        if isinstance(entry, list):
            return [item(value) for value in entry]
        return entry
    return item(nav)


def _palette(language: Language) -> list[dict[str, Any]]:
    """Material's light and dark palettes, with the toggle's label in the page's language
    (a list in the per-language configuration replaces the shared one as a whole)."""
    light, dark = "(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"
    return [
        {"media": light, "scheme": "default", "primary": "custom", "accent": "custom",
         "toggle": {"icon": "material/weather-night",
                    "name": html_text(language.gettext("Switch to dark mode"))}},
        {"media": dark, "scheme": "slate", "primary": "custom", "accent": "custom",
         "toggle": {"icon": "material/weather-sunny",
                    "name": html_text(language.gettext("Switch to light mode"))}},
    ]


NAV_GROUP_ABOVE = 60
"""With more clusters than this, the navigation groups them in alphabetical runs of
``NAV_GROUP_SIZE``, so that each cluster page carries a few dozen links in its
navigation instead of one per cluster (with 1,300 clusters: 130 KB a page)."""
NAV_GROUP_SIZE = 50


def _cluster_nav(clusters: list[ClusterView], code: str) -> list[Any]:
    """The cluster pages for the navigation, in name order: flat, or in runs named by
    their first and last cluster when there are many (titles as written: ``escaped_nav``
    escapes them, after ``_short`` has cut them, so no character reference is cut)."""
    pages = [f"clusters/{c.id}.md" for c in clusters]
    if len(clusters) <= NAV_GROUP_ABOVE:
        return pages
    groups: list[Any] = []
    for start in range(0, len(clusters), NAV_GROUP_SIZE):
        run = clusters[start:start + NAV_GROUP_SIZE]
        first, last = (_short(c.name.get(code)) for c in (run[0], run[-1]))
        groups.append({f"{first} – {last}": pages[start:start + NAV_GROUP_SIZE]})
    return groups


def _short(name: str, limit: int = 18) -> str:
    name = " ".join(name.split())
    return name if len(name) <= limit else name[:limit - 1].rstrip() + "…"
