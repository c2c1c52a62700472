"""One Jinja environment for the Markdown pages, and the filters templates use.

Every ``{{ ... }}`` in a template is escaped for Markdown unless it is already Markup
(a text made safe by ``markup``, a light badge, a link built here), so text from the
data can never become HTML or Markdown syntax by accident.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.schema import LIGHTS
from generator.site import markup
from generator.site.i18n import Language
from generator.site.vocabulary import light_name

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


def environment(language: Language) -> jinja2.Environment:
    """The Jinja environment for one language: gettext, filters and safe output."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.i18n"],
        autoescape=_escape_for_markdown,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
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
        md=lambda value: Markup(value),  # the templates' own literals only, never data
        link=lambda value: markup.web_link(str(value)),
        esc=lambda value: markup.escape_markdown(str(value)),
    )
    env.globals.update(lang=language, LIGHTS=LIGHTS)
    return env


def light_badge(value: str | None, language: Language) -> Markup:
    """A quality light as a badge with a shape and its name: never colour alone."""
    css = {"green": "green", "yellow": "yellow", "red": "red"}.get(value or "", "na")
    name = markup.escape_markdown(light_name(value, language))
    return Markup(f'<span class="kf-light kf-light--{css}">{name}</span>')
