"""Languages: gettext catalogs for the interface, Babel for dates and numbers.

A language is a catalog in ``generator/render/text/locales/<code>/LC_MESSAGES/messages.po`` plus an
entry in ``site.yaml``. The source language of the templates' strings is English, which
needs no catalog. Catalogs are compiled in memory when the build starts.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent

from generator.base.catalogs import LOCALES, SOURCE_LANGUAGE, catalog_file, has_catalog_file
from generator.base.dates import PartialDate

FORMAT_LOCALES = {"en": "en_GB"}
"""The Babel locale whose dates, numbers and lists a language's pages use, where it is
not the language code itself: the site writes British English ('15 June 2017',
'programme'), and Babel's plain ``en`` is American ('June 15, 2017')."""


def format_locale(code: str) -> str:
    """The Babel locale for the dates, numbers and lists of language ``code``."""
    return FORMAT_LOCALES.get(code, code)


class MissingCatalog(LookupError):
    """A site language has no translation catalog."""


def catalog_path(language: str) -> Path:
    """Where the catalog of ``language`` lives."""
    return catalog_file(language, LOCALES)


def has_catalog(language: str) -> bool:
    """Whether the generator can write pages in ``language``."""
    return has_catalog_file(language, LOCALES)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """The compiled catalog of a language (the source language translates to itself)."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    path = catalog_path(language)
    if not path.is_file():
        raise MissingCatalog(
            f"no translation catalog for '{language}': add {path.relative_to(LOCALES.parent)} "
            "(see the README, 'Adding a language')"
        )
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


@dataclass(frozen=True)
class Language:
    """Everything language-specific a page needs: its code, catalog and formats."""

    code: str
    default: str
    """The site's default language (texts missing in ``code`` fall back to it)."""

    @property
    def locale(self) -> Locale:
        """The Babel locale of this language's formats (``en_GB`` for English)."""
        return Locale.parse(format_locale(self.code))

    @property
    def name(self) -> str:
        """The language's own name, e.g. 'norsk bokmål', 'English'."""
        name = Locale.parse(self.code).get_display_name(self.code) or self.code
        return name[:1].upper() + name[1:]

    def gettext(self, message: str) -> str:
        """The interface string ``message`` in this language."""
        return translations(self.code).gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The interface string for ``n`` things in this language."""
        return translations(self.code).ngettext(singular, plural, n)

    def date(self, value: PartialDate) -> str:
        """A date at its own precision: '15. juni 2017', 'september 2016', '2014'."""
        return _format_date(self.code, value)

    def on(self, value: PartialDate) -> str:
        """A date as when something happened, at its own precision: 'on 28 March 2017',
        'in September 2016', 'in 2014' ('28. mars 2017', 'i september 2016')."""
        if value.precision == "day":
            return self.gettext("on %(date)s") % {"date": self.date(value)}
        return self.gettext("in %(date)s") % {"date": self.date(value)}

    def number(self, value: float, digits: int = 0) -> str:
        """A number with this language's separators."""
        return _format_number(self.code, value, digits)

    def percent(self, fraction: float) -> str:
        """A fraction 0..1 as a whole percentage: '42 %' or '42%'."""
        return str(format_percent(fraction, locale=format_locale(self.code)))

    def percent_of(self, value: float) -> str:
        """A value given in percent, at its own precision: '84 %', '84,5 %', '84.5%'."""
        return str(format_percent(value / 100, locale=format_locale(self.code),
                                  decimal_quantization=False))

    def join(self, items: Iterable[str]) -> str:
        """Items as a list in a sentence: 'A, B and C', 'A, B og C' (no serial comma)."""
        return _format_list(self.code, tuple(items))


@lru_cache(maxsize=8192)
def _format_date(code: str, value: PartialDate) -> str:
    """``Language.date``, once per language and date: a portfolio's pages show the same
    few hundred dates tens of thousands of times, and Babel takes ~20 µs each."""
    if value.precision == "day":
        return str(babel_format_date(value.first_day(), "long", locale=format_locale(code)))
    if value.precision == "month":
        return str(format_skeleton("yMMMM", value.first_day(), locale=format_locale(code)))
    return str(value.year)


@lru_cache(maxsize=8192)
def _format_number(code: str, value: float, digits: int) -> str:
    """``Language.number``, once per language, number and digits (tables repeat counts)."""
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return str(format_decimal(value, format=pattern, locale=format_locale(code)))


@lru_cache(maxsize=1024)
def _format_list(code: str, items: tuple[str, ...]) -> str:
    """``Language.join``, once per language and list."""
    return str(format_list(list(items), locale=format_locale(code))) if items else ""
