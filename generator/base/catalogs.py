"""Where the interface's translation catalogs are, for every stage that must know which
languages the site can be written in (validation refuses a language without one; the
site's ``generator.render.text.i18n`` reads them)."""

from __future__ import annotations

from pathlib import Path

LOCALES = Path(__file__).resolve().parents[1] / "render" / "text" / "locales"
"""One folder per language: ``<code>/LC_MESSAGES/messages.po``."""
SOURCE_LANGUAGE = "en"
"""The language the templates are written in; it needs no catalog."""


def catalog_file(language: str, locales: Path = LOCALES) -> Path:
    """Where the catalog of ``language`` lives."""
    return locales / language / "LC_MESSAGES" / "messages.po"


def has_catalog_file(language: str, locales: Path = LOCALES) -> bool:
    """Whether the generator can write pages in ``language``."""
    return language == SOURCE_LANGUAGE or catalog_file(language, locales).is_file()
