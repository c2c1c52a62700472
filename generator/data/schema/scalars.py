"""Scalar types of the data format: ids, codes, addresses, language codes, counts,
the patterns and length limits behind them, and the located error they raise."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any

from annotated_types import Ge, Le
from pydantic import (
    AfterValidator,
    Field,
    Strict,
    StrictInt,
    StrictStr,
)
from pydantic_core import PydanticCustomError

from generator.base.dates import PartialDate
from generator.base.text import LANGUAGE_CODE

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CODE = re.compile(r"^[A-Za-z0-9]+([.-][A-Za-z0-9]+)*$")
JOINT_REF = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")
URL = re.compile(r'^https?://[^\s/$.?#<>"`\x00-\x1f\x7f-\x9f][^\s<>"`\x00-\x1f\x7f-\x9f]*$',
                 re.IGNORECASE)
"""An absolute http(s) address with nothing that could end it early where it is printed:
no whitespace, control character, ``<``, ``>``, ``"`` or backquote. Checked with
``fullmatch`` (a ``$`` alone would let a trailing newline through)."""
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
"""Control characters a text may not hold: every one but the newline."""
BIDI_OVERRIDE = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
"""Bidirectional embedding, override and isolate characters: they make a text read in
another order than it is stored (and than a reviewer sees it in a pull request)."""
SEPARATOR = re.compile(r"[\u2028\u2029]")
"""The line and paragraph separators (the only characters of Unicode's line and paragraph
separator categories, Zl and Zp): Vega's expression parser, and JavaScript before ES2019,
end a string at them, so a chart whose labels hold one is not made at all (the build
stopped with "Unexpected token ILLEGAL"). A word processor or a PDF puts them in where a
line break was; pages would show them as a space. U+0085 (next line) is in CONTROL."""
NONCHARACTER = re.compile(r"[\ufffe\uffff]")
"""The two code points XML 1.0 may not carry: the charts (SVG), the feed and the sitemap are
XML, and the chart renderer aborts the whole build on them. They are no characters at all,
mostly what is left of a text read in the wrong byte order. Other invisible characters (the
byte order mark U+FEFF, zero-width spaces and joiners, left-to-right marks) pass: every
page, chart and feed carries them, and some languages and emoji need them."""
URL_FORBIDDEN = re.compile(
    r'[\s<>"`\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff]')
NAME_LENGTH = 200
"""The longest name, in characters (a name of the data's is at most 90): names are titles
of pages, navigation entries, table cells and chart labels, printed whole on every page
that lists them."""
TEXT_LENGTH = 5_000
"""The longest free text (a description, a finding, a question), in characters: the data's
longest is about 650. More belongs in a document the text links to."""


def located(at: tuple[Any, ...], message: str) -> PydanticCustomError:
    """An error whose key path continues with ``at`` below the validated object."""
    return PydanticCustomError("located", message.replace("{", "{{").replace("}", "}}"),
                               {"at": at})


def _problem(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message.replace("{", "{{").replace("}", "}}"))


# --- scalar types -------------------------------------------------------------------------


MAX_ID = 64
"""The longest id: it becomes part of web addresses and of the site's file names (an id of
251 characters makes a file name longer than a file system allows)."""


def _check_slug(value: str) -> str:
    if len(value) > MAX_ID:
        raise _problem("slug", f"is {len(value):,} characters long; an id has at most "
                       f"{MAX_ID}: choose a shorter one")
    if not SLUG.fullmatch(value):
        raise _problem(
            "slug",
            f"'{value}' is not a valid id: use lower-case letters a-z, digits and single "
            "hyphens, e.g. mineralklynge-norge",
        )
    return value


def _matching(pattern: re.Pattern[str], kind: str, message: Callable[[str], str]) -> Any:
    """A string type that must match ``pattern`` whole; otherwise the problem is
    ``message(value)``. Its JSON Schema carries the same pattern."""

    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise _problem(kind, message(value))
        return value

    check.__name__ = f"_check_{kind}"  # the Data format page names the type by it
    return Annotated[StrictStr, AfterValidator(check),
                     Field(json_schema_extra={"pattern": pattern.pattern})]


def codepoint(char: str) -> str:
    """A character as a message names it: ``U+202E``."""
    return f"U+{ord(char):04X}"


def _check_url(value: str) -> str:
    bad = URL_FORBIDDEN.search(value)
    if bad is not None:
        char = bad.group()
        what = f"'{char}'" if char in "<>\"`" else (
            "a space" if char == " " else f"the character {codepoint(char)}")
        raise _problem(
            "url",
            f"the web address holds {what}: a web address may not hold spaces, control "
            "characters or < > \" `; remove it (write a space that belongs in the address "
            "as %20)",
        )
    if not URL.fullmatch(value):
        raise _problem(
            "url",
            f"'{value}' is not a web address: write a full address starting with https:// "
            "(or http://)",
        )
    return value


def _none_as_empty(value: Any) -> Any:
    """An optional list left empty in YAML (``members:``) reads as null: treat it as []."""
    return () if value is None else value


def _none_as_empty_mapping(value: Any) -> Any:
    """A mapping whose entries are all commented out (``scores:``) reads as null: {}."""
    return {} if value is None else value


Id = Annotated[
    StrictStr, AfterValidator(_check_slug),
    Field(json_schema_extra={"pattern": SLUG.pattern, "maxLength": MAX_ID})
]
Url = Annotated[
    StrictStr, AfterValidator(_check_url),
    Field(json_schema_extra={"pattern": URL.pattern, "format": "uri"}),
]
if TYPE_CHECKING:  # to the type checker these are strings; pydantic reads the checks
    Code = str
    LanguageCode = str
    JointRef = str
    PriorityRef = str
else:
    Code = _matching(CODE, "code", lambda value: f"'{value}' is not a valid indicator or "
                     "area id: write it like \"1.1.0\"")
    LanguageCode = _matching(
        LANGUAGE_CODE, "language", lambda value: f"'{value}' is not a language code: write a "
        "lower-case code such as nb or en")
    JointRef = _matching(
        JOINT_REF, "joint_ref", lambda value: f"'{value}' does not name a joint action: write "
        "<forum-id>/<action-id>, e.g. nordland/branding")
    PriorityRef = _matching(
        JOINT_REF, "priority_ref", lambda value: f"'{value}' does not name a priority: write "
        "<forum-id>/<priority-id>, e.g. arktis/ocean-food")
Count = Annotated[StrictInt, Ge(0)]
Months = Annotated[StrictInt, Ge(1)]
Percent = Annotated[float, Strict(), Ge(0), Le(100)]


def first_repeat(ids: list[str]) -> int | None:
    """The position of the first id that repeats an earlier one, if any."""
    seen: set[str] = set()
    for i, value in enumerate(ids):
        if value in seen:
            return i
        seen.add(value)
    return None


def unique_ids(key: str, ids: list[str], what: str) -> None:
    """Refuse, at the first that repeats an earlier one, ids of the list under ``key``:
    "<what> '<id>' is defined twice: give each <what> its own id"."""
    at = first_repeat(ids)
    if at is not None:
        raise located((key, at, "id"), f"{what} '{ids[at]}' is defined twice: give each "
                      f"{what} its own id")


def one_of(values: list[str], near: str | None = None) -> str:
    close = difflib.get_close_matches(near, values, n=1, cutoff=0.6) if near else []
    if close:
        return f"{close[0]} (did you mean it?)"
    if len(values) > 8:
        return ", ".join(values[:8]) + ", …"
    return ", ".join(values) if values else "(none defined)"


def ends_before(start: PartialDate | None, end: PartialDate | None) -> bool:
    return start is not None and end is not None and end.last_day() < start.first_day()
