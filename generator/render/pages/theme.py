"""The theme's own interface strings in the page's language.

Material for MkDocs ships a Norwegian translation that leaves a few strings in English
(the "Header" and "Footer" landmarks), and some strings are not translated at all: the
heading links' "Permanent link" (Python-Markdown's toc extension), the footer credit
"Made with" and the 404 page; Material's only English table is American ("Initializing
search"). These go through our catalogs like every other interface
string; ``overrides/partials/language.html`` looks a key up here before Material's own
table, and ``generator/publish/mkdocs_hooks.py`` sets the toc extension's
``permalink_title`` from ``permalink``.
"""

from __future__ import annotations

from generator.render.text.i18n import Language


def _(message: str) -> str:
    """Marks ``message`` for the catalog (``make catalogs``); ``strings`` translates it."""
    return message


THEME_STRINGS = {
    # Material's keys (material/templates/partials/languages/*.html)
    "header": _("Header"),
    "footer": _("Footer"),
    "consent.reject": _("Reject"),
    # Material's English table is American: the strings of it the site shows, in British
    # English (and in every other language through the catalogs)
    "search.result.initializer": _("Initialising search"),
    # our own keys, used by overrides/ and the MkDocs hook
    "permalink": _("Permanent link"),
    "credit": _("Made with"),
    "not_found.title": _("Page not found"),
    "not_found.text": _("There is no page at this address. Start again from the home page:"),
    "not_found.home": _("Home"),
    "print": _("Print"),
}
"""Theme string key: its English text (the catalog's message id)."""


def strings(language: Language) -> dict[str, str]:
    """Every theme string of ``THEME_STRINGS`` in ``language``."""
    return {key: language.gettext(message) for key, message in THEME_STRINGS.items()}
