"""What every open-data document shares: the error a refused document raises, and the
conversions of dates, texts, shares, events, members and counts into their models."""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.base.dates import PartialDate
from generator.base.text import Text
from generator.data.schema import Member
from generator.render.opendata import schema as out
from generator.render.opendata.schema import API_VERSION
from generator.results import compute
from generator.results.view import (
    EventView,
    PublishedView,
)

PREFIX = f"api/v{API_VERSION}/"
"""Where the files live below the site root (and the default language's docs folder)."""
CSV_COLUMNS = ("cluster", "date", "indicator", "light", "illustrative", "certainty")
"""The columns of lights.csv, in order."""
SHARE_DIGITS = 4

JSON = dict[str, Any]
"""A document as plain JSON values, as ``dump`` writes it."""


class ApiShapeError(RuntimeError):
    """A document does not follow its published schema (a bug, never a data error)."""


# --- small conversions ------------------------------------------------------------------------


def date_or_none(value: PartialDate | None) -> str | None:
    return None if value is None else value.isoformat()


def date_text(value: PartialDate) -> str:
    return value.isoformat()


def text_or_none(value: Text | None) -> str | dict[str, str] | None:
    return None if value is None else value.as_data()


def text_data(value: Text) -> str | dict[str, str]:
    return value.as_data()


def rounded_share(value: float) -> float:
    return round(value, SHARE_DIGITS)


def file_head(as_of: dt.date) -> dict[str, Any]:
    return {"schema_version": 1, "as_of": as_of.isoformat()}


def language_texts(text: Text, languages: tuple[str, ...]) -> dict[str, str]:
    """A text in every site language (a missing translation falls back like the pages)."""
    return {code: text.get(code, languages[:1]) for code in languages}


def sourced(view: PublishedView, certainty: str, source: tuple[str, ...] | None
            ) -> dict[str, Any]:
    """The ``certainty`` and ``sources`` keys of a record: how sure it is (confirmed,
    inferred or example) and every source it rests on, once each: a source of
    sources.yaml with its id, title (in every site language) and address, a web address
    written in the record itself with only its ``url``."""
    return {"certainty": certainty, "sources": [
        out.SourceOut(id=c.id, url=c.url,
                      title=None if c.title is None else language_texts(c.title, view.languages))
        for c in view.cite(source)]}


def event_out(view: PublishedView, event: EventView) -> out.EventOut:
    return out.EventOut(
        date=date_text(event.date), kind=event.kind, title=text_data(event.title),
        place=text_or_none(event.place), description=text_or_none(event.description),
        announced=event.announced, **sourced(view, event.certainty, event.source))


def member_out(view: PublishedView, member: Member) -> out.MemberOut:
    return out.MemberOut(cluster=member.cluster, joined=date_text(member.joined),
                         left=date_or_none(member.left),
                         **sourced(view, member.certain, member.source))


def shares_out(shares: compute.Shares) -> out.SharesOut:
    assessed = shares.assessed
    return out.SharesOut(
        green=shares.green_n, yellow=shares.yellow_n, red=shares.red_n, assessed=assessed,
        green_share=rounded_share(shares.green) if assessed else None,
        yellow_share=rounded_share(shares.yellow) if assessed else None,
        red_share=rounded_share(shares.red) if assessed else None)
