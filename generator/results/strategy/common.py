"""What every part of the regional strategy shares: the value sets in their order, and
how a result drawn from several records is as sure as the least sure of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal, get_args

from generator.base.dates import PartialDate
from generator.data.schema import (
    ActorKind,
    LinkStrength,
)

ACTOR_KINDS: tuple[ActorKind, ...] = get_args(ActorKind)
"""Every kind of actor, in the order pages and files list them."""
STRENGTHS: tuple[LinkStrength, ...] = get_args(LinkStrength)
"""Link strengths, weakest first."""
NOT_STARTED: Literal["not-started"] = "not-started"
"""The status of a process step the data does not list."""
CERTAINTIES = ("confirmed", "inferred", "example")
"""How sure a record is, surest first."""


def least_certain(values: Iterable[str]) -> str:
    """The certainty of a result drawn from records of these certainties: a conclusion is
    no surer than the least sure record it rests on (confirmed when there is none)."""
    return max(values, key=CERTAINTIES.index, default="confirmed")


def joined_sources(groups: Iterable[tuple[str, ...] | None]) -> tuple[str, ...] | None:
    """The sources of several records as one tuple, each once, in the order first named
    (None when none of them names one)."""
    found = dict.fromkeys(ref for group in groups for ref in group or ())
    return tuple(found) or None


def _by(day: PartialDate, as_of: dt.date) -> bool:
    """Whether something dated ``day`` has happened by ``as_of`` (from its first day)."""
    return day.first_day() <= as_of
