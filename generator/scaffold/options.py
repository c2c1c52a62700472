"""The option types of ``new``: ids, dates at the precision of their source, language
codes, addresses, counts and texts in every language, each refused with what to write."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from generator.base.dates import DateFormatError, PartialDate
from generator.data.schema import CODE, SLUG, URL
from generator.scaffold.yamltext import TODO, UsageError, _one_line

# --- options ---------------------------------------------------------------------------------


def _slug(text: str) -> str:
    if not SLUG.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a valid id: use lower-case letters a-z, digits and single "
            "hyphens, e.g. mineralklynge-norge")
    return text


def _ref(text: str) -> str:
    """A cluster or forum named by its id or its name (``Biotech North``): resolved to the
    id once the data is read (``_resolve``)."""
    text = " ".join(text.split())
    if not text:
        raise argparse.ArgumentTypeError("is empty: write the id, e.g. mineralklynge-norge")
    return text


def _date(text: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except DateFormatError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _codes(text: str) -> list[str]:
    codes = [c for c in text.replace(",", " ").split() if c]
    for code in codes:
        if not CODE.fullmatch(code):
            raise argparse.ArgumentTypeError(
                f"'{code}' is not a valid indicator id: write it like 1.1.0 or 4.6.1")
    return codes


def _url(text: str) -> str:
    if not URL.match(text) or any(c in text for c in '<>"`'):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not a web address: write a full address starting with https://")
    return text


def _count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' must be a whole number, 0 or more")
    return int(text)


def _joint(text: str) -> str:
    forum, _, action = text.partition("/")
    if not (SLUG.fullmatch(forum) and SLUG.fullmatch(action)):
        raise argparse.ArgumentTypeError(
            f"'{text}' does not name a joint action: write <forum-id>/<action-id>, "
            "e.g. nordland/branding")
    return text


def _text_options(parser: argparse.ArgumentParser, name: str, what: str) -> None:
    parser.add_argument(f"--{name}", metavar="TEXT",
                        help=f"{what}, the same in every language")
    for code, language in (("nb", "Norwegian Bokmål"), ("en", "English")):
        parser.add_argument(f"--{name}-{code}", metavar="TEXT", help=f"{what} in {language}")


def _text_from(args: argparse.Namespace, name: str) -> dict[str, str] | None:
    attr = name.replace("-", "_")
    same = getattr(args, attr, None)
    given = {code: getattr(args, f"{attr}_{code}", None) for code in ("nb", "en")}
    by_language = {code: _one_line(str(v)) for code, v in given.items() if v}
    if same and by_language:
        raise UsageError(f"give either --{name} or --{name}-nb/--{name}-en, not both")
    if same:
        return {"": _one_line(same)}
    return by_language or None


def _required_text(args: argparse.Namespace, name: str) -> dict[str, str]:
    value = _text_from(args, name)
    if value is None:
        raise UsageError(f"--{name}-nb and --{name}-en (or --{name}) are required")
    return value


def _placeholder(languages: Sequence[str], what: str) -> dict[str, str]:
    return {code: f"{TODO}: {what} ({code})" for code in languages}
