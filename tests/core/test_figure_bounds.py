"""The one rule on what a figure or a plan value may be (tracker.core.values), and the core
judging any figure an older log may hold without failing."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.judging import Status, assess, verdict
from tracker.core.model import Better, Entry, PlanValue, Shape, Target, TermMethod
from tracker.core.periods import parse_period
from tracker.core.recording import parse_value
from tracker.core.values import (
    MAX_DECIMALS,
    MAX_DIGITS,
    MAX_NUMBER_TEXT,
    MAX_WHOLE_DIGITS,
    ValueParseError,
    figure_problem,
    is_figure,
    parse_number,
)


@pytest.mark.parametrize(
    "text",
    ["0", "-0", "4100000", "4100000000000000", "0.0001", "0.0000000001", "123456789012345", "999999999999999000",
     "99999999999999.9", "1.000000000", "-12345.6789012345", "1E+17", "2365.000", "0E+30"],
)  # fmt: skip
def test_what_real_plans_need_is_a_figure(text: str) -> None:
    """4,100,000 tỷ đồng, 0.0001, 15 significant digits, 18 before the point, 10 after."""
    assert figure_problem(Decimal(text)) is None
    assert is_figure(Decimal(text))


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("12345678901234567890123456789", "12345678901234567890123456789 is too large: a number has at most 18 digits before the decimal point"),
        ("1E+18", "1E+18 is too large"),
        ("-1000000000000000000", "-1000000000000000000 is too large"),
        ("1E+999999999", "1E+999999999 is too large"),
        ("0.30000000000000000000000000004", "0.30000000000000000000000000004 has 29 decimal places: a number has at most 10"),
        ("0.00000000001", "1E-11 has 11 decimal places"),
        ("1.00000000000", "1.00000000000 has 11 decimal places"),
        ("1E-999999999", "1E-999999999 has 999999999 decimal places"),
        ("1234567890123456", "1234567890123456 has 16 significant digits: a number has at most 15"),
        ("123456789.1234567", "123456789.1234567 has 16 significant digits"),
        ("Infinity", "not a finite number: 'Infinity'"),
        ("NaN", "not a finite number: 'NaN'"),
        ("1" * 100_000, "1" * 40 + "… is too large"),
    ],
)  # fmt: skip
def test_anything_else_is_refused_with_the_reason(text: str, says: str) -> None:
    """Each bound has its own message, quoting a long number cut short."""
    problem = figure_problem(Decimal(text))
    assert problem is not None and str(problem).startswith(says)
    assert len(str(problem)) < 200
    assert not is_figure(Decimal(text))


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_the_quick_test_agrees_with_the_rule(number: Decimal) -> None:
    """is_figure (with its shortcut for short numbers) says what figure_problem says."""
    assert is_figure(number) == (figure_problem(number) is None)


@given(st.integers(0, 30), st.integers(-40, 40), st.booleans())
def test_the_rule_is_what_readme_says(digits: int, exponent: int, negative: bool) -> None:
    """A number is a figure exactly when it has at most MAX_DIGITS significant digits, at
    most MAX_WHOLE_DIGITS before the point and MAX_DECIMALS after it (as written)."""
    coefficient = "7" * digits or "0"
    number = Decimal(f"{'-' if negative else ''}{coefficient}E{exponent}")
    whole = max(len(coefficient) + exponent, 0) if digits else 0
    expected = (digits <= MAX_DIGITS) and whole <= MAX_WHOLE_DIGITS and -exponent <= MAX_DECIMALS
    assert is_figure(number) == expected


def test_a_long_text_is_refused_before_it_is_read() -> None:
    """Ten million digits are refused at once, quoting them cut short."""
    started = time.perf_counter()
    with pytest.raises(ValueParseError) as caught:
        parse_number("7" * 10_000_000)
    assert time.perf_counter() - started < 0.5
    assert str(caught.value) == "too long for a number: '" + "7" * 40 + f"…' (at most {MAX_NUMBER_TEXT} characters)"
    assert parse_number(" " * 500 + "3,93" + " " * 500) == Decimal("3.93")  # only the number counts
    with pytest.raises(ValueParseError) as caught:  # long text that is no number says so, quoted short
        parse_number("1x" * 5_000_000)
    assert str(caught.value).startswith("not a number: '" + "1x" * 20 + "…'")


TARGET = Target(id="x", name="X", group="G", unit="tỷ đồng", accumulates=True,
                plans={"2025": PlanValue(Shape.AT_LEAST, value=Decimal(3000))},
                periods={"2025": parse_period("2025")})  # fmt: skip


@pytest.mark.parametrize(
    "raw", [Decimal("1E+999999999"), Decimal("12345678901234567890"), 10**30, "0,30000000000000000000004"]
)
def test_parse_value_refuses_what_record_and_import_must_refuse(raw: object) -> None:
    """The door record and import share asks the rule."""
    with pytest.raises(ValueParseError):
        parse_value(TARGET, raw)  # type: ignore[arg-type]  # any object on purpose: the door must refuse it


def _figure(value: str, period: str = "2025", as_of: date = date(2025, 6, 30)) -> Entry:
    return Entry(id=value[:8], target="x", period=period, value=Decimal(value), as_of=as_of)


@pytest.mark.parametrize(
    ("value", "status"),
    [("1E+999999999", Status.ON_TRACK), ("-1E+999999999", Status.OFF_TRACK), ("1E-999999999", Status.OFF_TRACK),
     ("1" * 100_000, Status.ON_TRACK)],
)  # fmt: skip
def test_a_figure_of_any_size_is_judged_by_comparison(value: str, status: Status) -> None:
    """A figure outside the bounds (an older log) is compared with the plan, and nothing is
    computed from it: no % of plan, change or pace, so nothing overflows."""
    started = time.perf_counter()
    last_year = _figure("2000", "2024", date(2024, 6, 30))
    judged = assess(TARGET, parse_period("2025"), [_figure(value), last_year], date(2025, 7, 1))
    assert judged.status is status
    assert judged.percent_of_plan is None and judged.change is None and judged.pace is None
    assert time.perf_counter() - started < 1


def test_a_huge_figure_of_another_year_changes_nothing() -> None:
    """Only the figures a judgement uses count: one of 2019 leaves 2025 computed in full,
    as show (which passes every figure of the target) and report (only those needed) agree."""
    figures = [_figure("1500"), _figure("1E+999999999", "2019", date(2019, 12, 31))]
    judged = assess(TARGET, parse_period("2025"), figures, date(2025, 7, 1))
    assert judged.percent_of_plan == Decimal(50) and judged.pace is not None


def test_a_huge_figure_last_year_leaves_this_year_judged() -> None:
    """An old huge figure of last year does not stop this year's figure being compared."""
    judged = assess(TARGET, parse_period("2025"), [_figure("3500", as_of=date(2025, 12, 31)),
                                                   _figure("1E+999999999", "2024", date(2024, 12, 31))],
                    date(2026, 1, 5))  # fmt: skip
    assert judged.status is Status.EXCEEDED


@pytest.mark.parametrize(
    ("plan", "huge", "minus_huge", "tiny"),
    [
        (PlanValue(Shape.POINT, value=Decimal(4), better=Better.HIGHER), Status.EXCEEDED, Status.NOT_MET, Status.NOT_MET),
        (PlanValue(Shape.AT_LEAST, value=Decimal(4)), Status.EXCEEDED, Status.NOT_MET, Status.NOT_MET),
        (PlanValue(Shape.AT_MOST, value=Decimal(4), better=Better.LOWER), Status.NOT_MET, Status.EXCEEDED, Status.EXCEEDED),
        (PlanValue(Shape.ABOUT, value=Decimal(4), tolerance=Decimal("0.5")), Status.EXCEEDED, Status.NOT_MET, Status.NOT_MET),
        (PlanValue(Shape.RANGE, low=Decimal(3), high=Decimal(5)), Status.EXCEEDED, Status.NOT_MET, Status.NOT_MET),
        (PlanValue(Shape.AT_LEAST, value=Decimal(0)), Status.EXCEEDED, Status.NOT_MET, Status.EXCEEDED),
    ],
    ids=["point", "at_least", "at_most", "about", "range", "at_least_0"],
)  # fmt: skip
def test_verdict_takes_any_finite_number(plan: PlanValue, huge: Status, minus_huge: Status, tiny: Status) -> None:
    """verdict compares, never subtracts: 10^999999999 and 10^-999999999 are judged
    (a subtraction overflowed, or rounded 10^-999999999 - 0 to zero)."""
    assert verdict(plan, Decimal("1E+999999999")) is huge
    assert verdict(plan, Decimal("-1E+999999999")) is minus_huge
    assert verdict(plan, Decimal("1E-999999999")) is tiny


def test_a_term_average_of_large_figures_is_rounded_exactly() -> None:
    """The mean of figures near 10^18 kept to 11 decimals needs more than 28 digits."""
    target = Target(id="x", name="X", group="G", unit="", term=TermMethod.MEAN,
                    plans={"2021-2025": PlanValue(Shape.AT_LEAST, value=Decimal("0.0000000001"))},
                    periods={"2021-2025": parse_period("2021-2025")})  # fmt: skip
    figures = [Entry(id=str(y), target="x", period=str(y), value=Decimal("999999999999999000"),
                     as_of=date(y, 12, 31)) for y in range(2021, 2026)]  # fmt: skip
    judged = assess(target, parse_period("2021-2025"), figures, date(2026, 1, 5))
    assert judged.actual is not None and judged.actual.value == Decimal("999999999999999000")
    assert judged.status is Status.EXCEEDED


def test_bounds_are_the_documented_numbers() -> None:
    """README states these numbers; change both together."""
    assert (MAX_DIGITS, MAX_WHOLE_DIGITS, MAX_DECIMALS) == (15, 18, 10)
