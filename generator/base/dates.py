"""Partial dates: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, kept at their own precision."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal["year", "month", "day"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


class DateFormatError(ValueError):
    """A text that is not a date in one of the three accepted forms, or an impossible date."""


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, text: str | int) -> PartialDate:
        """Read ``2016``, ``2016-09`` or ``2016-09-19``; raise DateFormatError otherwise."""
        if isinstance(text, bool):
            raise DateFormatError("must be a date such as 2016, 2016-09 or 2016-09-19")
        if isinstance(text, int):
            text = str(text)
        match = _PATTERN.match(text.strip())
        if not match:
            raise DateFormatError(
                f"'{text}' is not a date: write YYYY-MM-DD, YYYY-MM or YYYY (e.g. 2016-09-19)"
            )
        year = int(match.group(1))
        month = int(match.group(2)) if match.group(2) else None
        day = int(match.group(3)) if match.group(3) else None
        if month is not None and not 1 <= month <= 12:
            raise DateFormatError(f"'{text}' has no month {month}: months are 01 to 12")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise DateFormatError(
                    f"'{text}' is not a real date: {calendar.month_name[month]} {year} "
                    f"has {last} days"
                )
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        """A full-precision PartialDate from a ``datetime.date``."""
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        """How precisely the date is known."""
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def first_day(self) -> dt.date:
        """The first day of the period the date stands for (how a start counts)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        """The last day of the period the date stands for (how an end counts)."""
        if self.day is not None:
            assert self.month is not None
            return dt.date(self.year, self.month, self.day)
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def add_months(self, months: int) -> PartialDate:
        """This date plus a number of calendar months, at the same precision.

        A year-precision date moves by whole years when ``months`` is a multiple of 12 and
        otherwise keeps the year of the shifted first month (the period it falls in).
        """
        month0 = (self.month or 1) - 1 + months
        year = self.year + month0 // 12
        month = month0 % 12 + 1
        if self.month is None:
            return PartialDate(year)
        if self.day is None:
            return PartialDate(year, month)
        return PartialDate(year, month, min(self.day, calendar.monthrange(year, month)[1]))

    def sort_key(self) -> tuple[int, int, int]:
        """Chronological order, a partial date sorting at the start of its period."""
        return (self.year, self.month or 0, self.day or 0)

    def isoformat(self) -> str:
        """The date written at its own precision: ``2016``, ``2016-09``, ``2016-09-19``."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        return self.isoformat()

    def __lt__(self, other: PartialDate) -> bool:
        return self.sort_key() < other.sort_key()

    def __le__(self, other: PartialDate) -> bool:
        return self.sort_key() <= other.sort_key()

    def __gt__(self, other: PartialDate) -> bool:
        return self.sort_key() > other.sort_key()

    def __ge__(self, other: PartialDate) -> bool:
        return self.sort_key() >= other.sort_key()


def add_calendar_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clamped to the end of a shorter month."""
    month0 = day.month - 1 + months
    year = day.year + month0 // 12
    month = month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def today() -> dt.date:
    """The day the command runs: what every command takes when no --as-of or --date is
    given (one place, so that a build, diff and new agree on it)."""
    return dt.date.today()
