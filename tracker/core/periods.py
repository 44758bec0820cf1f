"""Periods a plan value or a figure belongs to: a year, a span of years, a quarter, a month.

Labels are what people type and what the plan file uses as keys:
``2025``, ``2021-2025``, ``2025-Q3``, ``2025-06``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from tracker.messages import Msg

_YEAR = re.compile(r"^(\d{4})$")
_SPAN = re.compile(r"^(\d{4})-(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})-[Qq]([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


class PeriodError(ValueError):
    """A period label that cannot be read."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True, order=True)
class Period:
    """A closed interval of days with the label people use for it."""

    start: date
    end: date  # inclusive: the last day of the period
    label: str
    kind: str  # "year", "span", "quarter" or "month"

    def __str__(self) -> str:
        return self.label

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        """True when ``day`` falls inside the period."""
        return self.start <= day <= self.end

    def years(self) -> range:
        """The calendar years the period touches."""
        return range(self.start.year, self.end.year + 1)


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


# Periods are immutable values asked for thousands of times in a report (each target's
# period, the same period last year, the trend's years): made once each.
@lru_cache(maxsize=4096)
def year(y: int) -> Period:
    """The calendar year ``y``."""
    return Period(date(y, 1, 1), date(y, 12, 31), str(y), "year")


@lru_cache(maxsize=4096)
def parse_period(label: str) -> Period:
    """Read a period label; raise PeriodError with a hint when it is not one."""
    try:
        return _parse_period(label)
    except ValueError as exc:  # year 0 and other dates the calendar does not have
        if isinstance(exc, PeriodError):
            raise
        raise PeriodError(
            Msg(
                "not a period: {label!r} (write a year 2025, a span 2021-2025, a quarter 2025-Q3 or a month 2025-06)",
                label=label,
            )
        ) from None


def _parse_period(label: str) -> Period:
    text = label.strip()
    if m := _YEAR.match(text):
        return year(int(m[1]))
    if m := _SPAN.match(text):
        first, last = int(m[1]), int(m[2])
        if last > first:
            return Period(date(first, 1, 1), date(last, 12, 31), f"{first}-{last}", "span")
        if last == first:
            return year(first)
        raise PeriodError(Msg("period {label!r} ends before it starts", label=label))
    if m := _QUARTER.match(text):
        y, q = int(m[1]), int(m[2])
        return Period(date(y, 3 * q - 2, 1), _month_end(y, 3 * q), f"{y}-Q{q}", "quarter")
    if m := _MONTH.match(text):
        y, mo = int(m[1]), int(m[2])
        if 1 <= mo <= 12:
            return Period(date(y, mo, 1), _month_end(y, mo), f"{y}-{mo:02d}", "month")
    raise PeriodError(
        Msg(
            "not a period: {label!r} (write a year 2025, a span 2021-2025, a quarter 2025-Q3 or a month 2025-06)",
            label=label,
        )
    )


def year_of(day: date) -> Period:
    """The calendar year containing ``day``: the default period of a figure."""
    return year(day.year)


def shift_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


@lru_cache(maxsize=4096)
def same_period_last_year(period: Period) -> Period:
    """The period people compare with ("cùng kỳ"): the same months a year earlier."""
    if period.kind == "span":
        length = period.end.year - period.start.year + 1
        return parse_period(f"{period.start.year - length}-{period.end.year - length}")
    if period.kind == "year":
        return year(period.start.year - 1)
    if period.kind == "quarter":
        return parse_period(f"{period.start.year - 1}-Q{(period.start.month + 2) // 3}")
    return parse_period(f"{period.start.year - 1}-{period.start.month:02d}")


def elapsed_share(period: Period, day: date) -> Decimal:
    """Share of the period elapsed at the end of ``day``, between 0 and 1.

    Counted in whole days, the day itself included: 30 June is 182/366 of 2024.
    """
    if day < period.start:
        return Decimal(0)
    if day >= period.end:
        return Decimal(1)
    return Decimal((day - period.start).days + 1) / Decimal(period.days)
