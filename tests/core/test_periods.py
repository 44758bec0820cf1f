"""Unit tests of period labels, elapsed share and the same period last year."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.core.periods import (
    PeriodError,
    elapsed_share,
    parse_period,
    same_period_last_year,
    shift_years,
)


def test_parse_year() -> None:
    """ "2025" is the calendar year 2025, 365 days."""
    p = parse_period("2025")
    assert (p.start, p.end, p.label, p.kind) == (date(2025, 1, 1), date(2025, 12, 31), "2025", "year")
    assert p.days == 365


def test_parse_leap_year_has_366_days() -> None:
    """ "2024" has 366 days."""
    assert parse_period("2024").days == 366


def test_parse_span() -> None:
    """ "2021-2025" runs from 1 January 2021 to 31 December 2025."""
    p = parse_period("2021-2025")
    assert (p.start, p.end, p.label, p.kind) == (date(2021, 1, 1), date(2025, 12, 31), "2021-2025", "span")
    assert list(p.years()) == [2021, 2022, 2023, 2024, 2025]


def test_parse_quarter() -> None:
    """ "2025-Q3" is July to September 2025; a lower-case q gives the same label."""
    p = parse_period("2025-Q3")
    assert (p.start, p.end, p.label, p.kind) == (date(2025, 7, 1), date(2025, 9, 30), "2025-Q3", "quarter")
    assert parse_period("2025-q3") == p
    q4 = parse_period("2025-Q4")
    assert (q4.start, q4.end) == (date(2025, 10, 1), date(2025, 12, 31))


def test_parse_month() -> None:
    """ "2025-06" is June 2025; February 2024 ends on the 29th."""
    p = parse_period("2025-06")
    assert (p.start, p.end, p.label, p.kind) == (date(2025, 6, 1), date(2025, 6, 30), "2025-06", "month")
    assert parse_period("2024-02").end == date(2024, 2, 29)
    assert parse_period("2025-12").end == date(2025, 12, 31)


def test_parse_strips_spaces() -> None:
    """Surrounding spaces are ignored."""
    assert parse_period("  2025 ").label == "2025"


@pytest.mark.parametrize(
    "label",
    ["", "abc", "25", "20255", "2025-13", "2025-00", "2025-Q0", "2025-Q5", "2025/06", "quý I/2025", "2025-2021"],
)
def test_bad_labels_raise(label: str) -> None:
    """Labels that are not a year, span, quarter or month raise PeriodError naming the label."""
    with pytest.raises(PeriodError) as info:
        parse_period(label)
    assert repr(label) in str(info.value)


def test_bad_label_message_shows_how_to_write_one() -> None:
    """The error for an unreadable label lists the accepted forms."""
    with pytest.raises(PeriodError, match=r"2021-2025.*2025-Q3.*2025-06"):
        parse_period("năm 2025")


def test_span_ending_before_start_says_so() -> None:
    """A span written backwards is refused with "ends before it starts"."""
    with pytest.raises(PeriodError, match="ends before it starts"):
        parse_period("2025-2021")


def test_period_error_is_a_value_error() -> None:
    """PeriodError is a ValueError, so callers catching ValueError see it."""
    assert issubclass(PeriodError, ValueError)


def test_elapsed_share_mid_leap_year() -> None:
    """At the end of 30 June 2024, 182/366 of the year has elapsed."""
    assert elapsed_share(parse_period("2024"), date(2024, 6, 30)) == Decimal(182) / Decimal(366)


def test_elapsed_share_first_and_last_day() -> None:
    """The first day counts as one day; the last day is the whole period."""
    year = parse_period("2025")
    assert elapsed_share(year, date(2025, 1, 1)) == Decimal(1) / Decimal(365)
    assert elapsed_share(year, date(2025, 12, 31)) == Decimal(1)


def test_elapsed_share_outside_period() -> None:
    """Before the period nothing has elapsed; after it, all of it."""
    year = parse_period("2025")
    assert elapsed_share(year, date(2024, 12, 31)) == Decimal(0)
    assert elapsed_share(year, date(2026, 3, 1)) == Decimal(1)


def test_elapsed_share_quarter() -> None:
    """Half-way through Q3 2025 (92 days): 15 August is 46/92 = 0.5."""
    assert elapsed_share(parse_period("2025-Q3"), date(2025, 8, 15)) == Decimal("0.5")


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("2025", "2024"),
        ("2021-2025", "2016-2020"),
        ("2025-Q3", "2024-Q3"),
        ("2025-06", "2024-06"),
        ("2025-01", "2024-01"),
    ],
)
def test_same_period_last_year(label: str, expected: str) -> None:
    """The comparison period is the same months a year (or a term) earlier."""
    assert same_period_last_year(parse_period(label)) == parse_period(expected)


def test_shift_years_29_february() -> None:
    """29 February shifted to a non-leap year becomes 28 February; to a leap year stays 29."""
    assert shift_years(date(2024, 2, 29), 1) == date(2025, 2, 28)
    assert shift_years(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert shift_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


def test_shift_years_ordinary_day() -> None:
    """An ordinary day keeps its month and day."""
    assert shift_years(date(2025, 6, 30), -1) == date(2024, 6, 30)
    assert shift_years(date(2025, 3, 1), -1) == date(2024, 3, 1)
