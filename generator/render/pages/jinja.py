"""One Jinja environment for the Markdown pages, and the filters templates use.

Every ``{{ ... }}`` in a template is escaped for Markdown unless it is already Markup
(a text made safe by ``markup``, a light badge, a link built here), so text from the
data can never become HTML or Markdown syntax by accident.

Every record a page shows goes through one function, ``sure`` (a template global): it
gives the record's certainty mark ("◇ inferred", "✎ example"; nothing for a confirmed
record) and notes the record in the page's ``Ledger``, from which the page's banner of
example data, its legend of the inferred mark and its Sources section are made. A page
therefore names exactly the sources of what it shows, and explains a mark only where it
shows one.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import babel
import jinja2
from markupsafe import Markup

from generator.base.code import code_digest
from generator.base.dates import PartialDate
from generator.base.templatecache import CompiledTemplates
from generator.base.text import Text
from generator.data.schema import LIGHTS
from generator.render.pages import markup
from generator.render.text.i18n import Language
from generator.render.text.vocabulary import (
    CERTAINTY_SYMBOLS,
    certainty_meaning,
    certainty_word,
    light_count,
    light_name,
    lower_first,
)

TEMPLATES = Path(__file__).parent / "templates"


def _finalize(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    if isinstance(value, Text):
        raise TypeError("a Text reached a template unformatted: use the t or tb filter")
    if isinstance(value, PartialDate):
        raise TypeError("a date reached a template unformatted: use the date filter")
    return markup.escape_markdown(str(value))


def _escape_for_markdown(template_name: str | None) -> bool:
    return True


@functools.cache
def _compiled(code: str, default: str) -> CompiledTemplates:
    """The compiled templates of one language (``templatecache``). Jinja evaluates a filter
    given only literals when it compiles (``{{ "green" | light }}`` becomes the word in the
    page's language), so compiled code is the language's, and the code's, catalogs' and
    Babel's that made it: all are in the key."""
    return CompiledTemplates(f"pages {code} {default} babel-{babel.__version__} "
                             f"{code_digest()}")


def environment(language: Language) -> jinja2.Environment:
    """The Jinja environment for one language: gettext, filters and safe output."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        bytecode_cache=_compiled(language.code, language.default),
        extensions=["jinja2.ext.i18n"],
        autoescape=_escape_for_markdown,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # added to the environment by jinja2.ext.i18n at run time, unknown to its stubs
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: language.gettext(message),
        lambda singular, plural, n: language.ngettext(singular, plural, n),
        newstyle=True,
    )
    fallbacks = (language.default,)

    def text(value: Text | str | None) -> Markup:
        if value is None:
            return Markup("")
        raw = value.get(language.code, fallbacks) if isinstance(value, Text) else value
        return markup.inline(raw)

    def text_block(value: Text | None) -> Markup:
        if value is None:
            return Markup("")
        return markup.block(value.get(language.code, fallbacks))

    def plain(value: Text | str | None) -> str:
        if value is None:
            return ""
        return value.get(language.code, fallbacks) if isinstance(value, Text) else value

    def date(value: PartialDate | None) -> str:
        return "" if value is None else language.date(value)

    env.filters.update(
        t=text,
        tb=text_block,
        plain=plain,
        date=date,
        number=language.number,
        percent=language.percent,
        percent_of=language.percent_of,
        yaml=lambda value: Markup(json.dumps(markup.html_text(str(value)), ensure_ascii=False)),
        light=lambda value: light_badge(value, language),
        light_counts=lambda counts: light_count_badges(counts, language),
        before_stop=lambda value: value[:-1] if str(value).endswith(".") else value,
        lower_first=lambda value: type(value)(lower_first(str(value))),
        md=lambda value: Markup(value),  # the templates' own literals only, never data
        code=lambda value: Markup("<code>%s</code>") % str(value),  # escaped by Markup
        link=lambda value: markup.web_link(str(value)),
        esc=lambda value: markup.escape_markdown(str(value)),
        titled_link=lambda title, url: markup.titled_link(str(title), url),
    )

    @jinja2.pass_context
    def sure(context: jinja2.runtime.Context, *records: Any, plain: bool = False,
             quiet: bool = False) -> Markup:
        """The mark of the least sure of ``records`` (each noted in the page's ledger),
        to put after what shows them: " ◇ inferred" as a span; with ``plain``, as text
        after a " · " (an admonition's title); with ``quiet``, nothing (a chart, whose
        caption says it)."""
        ledger = context.get("ledger")
        certainty = (ledger.note(records) if isinstance(ledger, Ledger)
                     else least_certain(certainty_of(r) for r in records))
        if quiet or certainty == "confirmed":
            return Markup("")
        if plain:
            return Markup(" · ") + certainty_text(certainty, language)
        return Markup(" ") + certainty_mark(certainty, language)

    env.globals.update(lang=language, LIGHTS=LIGHTS, sure=sure,
                       certainty_mark=lambda c: certainty_mark(c, language),
                       certainty_meaning=lambda c: certainty_meaning(c, language))
    return env


# --- certainty -------------------------------------------------------------------------------

CERTAINTIES = ("confirmed", "inferred", "example")
"""How sure a record is, surest first (``generator.data.schema.Sourced``)."""


def certainty_of(record: Any) -> str:
    """A shown record's certainty as published: its ``certainty`` (settled when the data
    was loaded), else example when it is marked illustrative, else confirmed. Results
    that carry only an illustrative flag are read by the same rule."""
    value = getattr(record, "certainty", None)
    if value in CERTAINTIES:
        return str(value)
    return "example" if getattr(record, "illustrative", False) else "confirmed"


def sources_of(record: Any) -> tuple[str, ...] | None:
    """A shown record's sources (ids of sources.yaml and web addresses), if it has any."""
    value = getattr(record, "source", None)
    return value if isinstance(value, tuple) else None


def least_certain(values: Iterable[str]) -> str:
    """What rests on records of these certainties is no surer than the least sure of
    them: example before inferred before confirmed (confirmed when there are none)."""
    return max(values, key=CERTAINTIES.index, default="confirmed")


def certainty_text(certainty: str, language: Language) -> Markup:
    """A mark as plain text ("◇ inferred"), for places that show no HTML."""
    if certainty == "confirmed":
        return Markup("")
    return markup.escape_markdown(
        f"{CERTAINTY_SYMBOLS[certainty]} {certainty_word(certainty, language)}")


def certainty_mark(certainty: str, language: Language) -> Markup:
    """A mark as a page shows it: a sign and a word in a span the site's stylesheet draws
    with a border (nothing for confirmed). The sign is hidden from screen readers, which
    read the word; the page's legend or banner says what it means."""
    if certainty == "confirmed":
        return Markup("")
    word = markup.escape_markdown(certainty_word(certainty, language))
    return Markup(f'<span class="kf-certainty kf-certainty--{certainty}">'
                  f'<span aria-hidden="true">{CERTAINTY_SYMBOLS[certainty]}</span> '
                  f'{word}</span>')


class Ledger:
    """What one page has shown so far as it is rendered: the certainty and sources of
    every record ``sure`` was given. The page's banner, legend and Sources section are
    made from it (see ``generator.render.pages.builders.SiteRenderer.render``)."""

    def __init__(self) -> None:
        self.certainties: set[str] = set()
        self.refs: list[tuple[str, ...]] = []

    def note(self, records: Iterable[Any]) -> str:
        """Note ``records`` as shown; the certainty of the least sure of them."""
        found = []
        for record in records:
            found.append(certainty_of(record))
            refs = sources_of(record)
            if refs:
                self.refs.append(refs)
        self.certainties.update(found)
        return least_certain(found)

    @property
    def inferred(self) -> bool:
        """Whether the page shows an inferred record (and so a mark to explain)."""
        return "inferred" in self.certainties

    @property
    def example(self) -> bool:
        """Whether the page shows an example record (and so its banner)."""
        return "example" in self.certainties


def light_count_badges(counts: Any, language: Language) -> Markup:
    """Counts of every light, each count as a badge of its light, number first and in a
    list: '20 green, 11 yellow, 0 red and 0 not assessed'."""
    items = []
    for value in ("green", "yellow", "red", "n/a"):
        css = {"green": "green", "yellow": "yellow", "red": "red"}.get(value, "na")
        text = markup.escape_markdown(light_count(value, counts.get(value, 0), language))
        items.append(f'<span class="kf-light kf-light--{css}">{text}</span>')
    return Markup(language.join(items))


def light_badge(value: str | None, language: Language) -> Markup:
    """A quality light as a badge with a shape and its name: never colour alone."""
    css = {"green": "green", "yellow": "yellow", "red": "red"}.get(value or "", "na")
    name = markup.escape_markdown(light_name(value, language))
    return Markup(f'<span class="kf-light kf-light--{css}">{name}</span>')
