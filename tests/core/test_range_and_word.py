"""Figures that are not one number (issue 15): a range read from what people type and
judged by both ends, a word judged only by its reported verdict, and neither used where a
number is needed (change, projection, term value)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.core.judging import assess
from tracker.core.model import Better, Entry, PlanValue, Shape, Span, Status, Target, TermMethod
from tracker.core.periods import parse_period
from tracker.core.recording import parse_value
from tracker.core.values import ValueParseError, parse_range
from tracker.core.verdicts import WORST_FIRST, percent_of_plan, percent_span, verdict, worse

D = Decimal
AT_LEAST_8 = PlanValue(Shape.AT_LEAST, value=D(8))


def _target(plans: dict[str, PlanValue], **keys: object) -> Target:
    return Target(id="t", name="t", group="g", unit="%", plans=plans,
                  periods={label: parse_period(label) for label in plans}, **keys)  # type: ignore[arg-type]  # fmt: skip


def _entry(value: object, period: str = "2025", as_of: date = date(2025, 12, 31), verdict: str = "") -> Entry:
    return Entry(id=f"e{period}{value}", target="t", period=period, value=value, as_of=as_of, verdict=verdict)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("typed", "low", "high"),
    [
        ("61-62", "61", "62"),
        ("61 - 62", "61", "62"),
        ("61\u201362", "61", "62"),
        ("61..62", "61", "62"),
        ("-3..-2", "-3", "-2"),
        ("7,5-7,9", "7.5", "7.9"),
        ("1.234,5-1.300", "1234.5", "1300"),  # "1.300" alone is ambiguous; beside 1.234,5 it is not
        ("1.234,5 – 1.300,25", "1234.5", "1300.25"),
    ],
)
def test_ranges_are_read_in_every_spelling(typed: str, low: str, high: str) -> None:
    """Each end read as a number is; "-" or "–" between two numbers, ".." when the low end is negative."""
    assert parse_range(typed) == (D(low), D(high))


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("62-61", "low end must come first"),
        ("5..5", "both ends are 5"),
        ("2,365-3", "ambiguous"),
        ("1.300-1.400", "ambiguous"),  # nothing shows which convention: never guess
        ("1..1.2.3", "not a number"),
        ("1..12345678901234567", "significant digits"),
        ("-3-2", "-3..2"),
        ("-3 – -2", "-3..-2"),
    ],
)
def test_bad_ranges_are_refused_with_the_reason(typed: str, said: str) -> None:
    with pytest.raises(ValueParseError) as refused:
        parse_range(typed)
    assert said in str(refused.value)


def test_plain_numbers_and_words_are_not_ranges() -> None:
    assert parse_range("-2.77") is None and parse_range("Xuất siêu") is None and parse_range("1.234,5") is None
    assert parse_range("Xuất siêu... theo ước tính") is None  # two dots in a word make no range


def test_a_word_needs_a_verdict_a_letter_and_one_short_line() -> None:
    """A word is any text with a letter, kept in NFC, only with a reported verdict."""
    target = _target({"2025": AT_LEAST_8})
    assert parse_value(target, "Xua\u0302\u0301t sie\u0302u ", with_verdict=True) == "Xuất siêu"
    cases = (("Xuất siêu", False), ("-3-2", True), ("x" * 201, True), ("a\nb", True), ("1e5", True), ("NaN", True))
    for typed, verdict_given in cases:
        with pytest.raises(ValueParseError):
            parse_value(target, typed, with_verdict=verdict_given)
    assert parse_value(target, "61-62") == Span(D(61), D(62))
    assert parse_value(target, [61, 62.5]) == Span(D(61), D("62.5"))  # a range as json gives it


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        ("7", "7.5", Status.NOT_MET),
        ("7.5", "8", Status.NOT_MET),
        ("8", "8.5", Status.MET),
        ("8.1", "9", Status.EXCEEDED),
    ],
)
def test_a_range_gets_the_worse_verdict_of_its_ends(low: str, high: str, expected: Status) -> None:
    assert verdict(AT_LEAST_8, Span(D(low), D(high))) is expected


def test_a_range_against_a_lower_is_better_plan() -> None:
    """Unemployment 3.4-3.6 against at most 3.5: the high end misses."""
    plan = PlanValue(Shape.AT_MOST, value=D("3.5"), better=Better.LOWER)
    assert verdict(plan, Span(D("3.4"), D("3.6"))) is Status.NOT_MET
    assert verdict(plan, Span(D("3.0"), D("3.4"))) is Status.EXCEEDED
    assert percent_span(plan, Span(D("3.0"), D("3.5"))) == Span(D(3) / D("3.5") * 100, D(100))


def test_worse_follows_one_order() -> None:
    """The order is written once: every pair takes the one earlier in WORST_FIRST."""
    for i, first in enumerate(WORST_FIRST):
        for second in WORST_FIRST[i:]:
            assert worse(first, second) is first and worse(second, first) is first


def test_a_word_has_no_computed_verdict_and_no_percent() -> None:
    assert verdict(AT_LEAST_8, "Xuất siêu") is Status.NOT_JUDGED
    assert percent_of_plan(AT_LEAST_8, "Xuất siêu") is None and percent_of_plan(AT_LEAST_8, Span(D(7), D(9))) is None
    a = assess(
        _target({"2025": AT_LEAST_8}), parse_period("2025"), [_entry("Xuất siêu", verdict="met")], date(2026, 1, 1)
    )
    assert (a.status, a.computed_status, a.reported, a.percent_of_plan) == (Status.MET, Status.NOT_JUDGED, True, None)


def test_no_change_from_or_to_a_range() -> None:
    target = _target({"2025": AT_LEAST_8, "2024": AT_LEAST_8})
    figures = [_entry(Span(D(7), D(8)), "2024", date(2024, 12, 31)), _entry(D("8.5"))]
    assert assess(target, parse_period("2025"), figures, date(2026, 1, 1)).change is None
    figures = [_entry(D(7), "2024", date(2024, 12, 31)), _entry(Span(D(8), D(9)))]
    a = assess(target, parse_period("2025"), figures, date(2026, 1, 1))
    assert a.change is None and a.status is Status.MET and a.percent_span == Span(D(100), D("112.5"))


def test_a_running_range_is_paced_by_its_worse_end_and_not_projected() -> None:
    """Revenue 1,200-1,500 at the end of June against 3,000: 2,420 projected is off track."""
    target = _target({"2025": PlanValue(Shape.AT_LEAST, value=D(3000))}, accumulates=True)
    a = assess(
        target, parse_period("2025"), [_entry(Span(D(1200), D(1500)), as_of=date(2025, 6, 30))], date(2025, 7, 1)
    )
    assert a.running and a.status is Status.OFF_TRACK and a.pace is not None and a.pace.projected is None


def test_a_term_leaves_out_a_year_given_as_a_range() -> None:
    """A mean over 2021-2025 with 2023 given as a range: judged from the other years, not
    complete: once the term is over it is incomplete (its figure is missing)."""
    plan = PlanValue(Shape.AT_LEAST, value=D(30))
    target = _target({"2021-2025": plan}, term=TermMethod.MEAN)
    figures = [_entry(D(v), str(y), date(y, 12, 31)) for y, v in ((2021, 28), (2022, 29), (2024, 31), (2025, 32))]
    figures.append(_entry(Span(D(29), D(30)), "2023", date(2023, 12, 31)))
    a = assess(target, parse_period("2021-2025"), figures, date(2026, 3, 1))
    assert a.term is not None and [year for year, _ in a.term.figures] == [2021, 2022, 2024, 2025]
    assert a.actual is not None and a.actual.value == D("30.00")
    assert not a.running and a.status is Status.INCOMPLETE
