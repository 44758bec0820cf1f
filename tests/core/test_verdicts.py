"""One figure against one plan value (tracker.core.verdicts): verdicts, % of plan, change on last year."""

from __future__ import annotations

from decimal import Decimal

import pytest
from plan_shapes import MILESTONE, about, at_least, at_most, between, point

from tracker.core.model import Better, ChangeKind, PlanValue, Status
from tracker.core.verdicts import change, change_kind_for_unit, percent_of_plan, verdict

D = Decimal


# ---------------------------------------------------------------- verdict: point


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("65", Status.MET), ("65.00", Status.MET), ("65.5", Status.EXCEEDED), ("64.99", Status.NOT_MET)],
)
def test_point_higher_is_better(actual: str, expected: Status) -> None:
    """A higher-is-better point is met when equal, exceeded above it, not met below it."""
    assert verdict(point("65"), D(actual)) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("20", Status.MET), ("19.9", Status.EXCEEDED), ("20.1", Status.NOT_MET)],
)
def test_point_lower_is_better(actual: str, expected: Status) -> None:
    """A lower-is-better point is met when equal, exceeded below it, not met above it."""
    assert verdict(point("20", Better.LOWER), D(actual)) is expected


@pytest.mark.parametrize("actual", ["12.44", "10", "15"])
def test_point_with_no_good_direction_is_not_judged(actual: str) -> None:
    """A neutral point (better = none) gets no verdict, whatever the figure."""
    plan = point("12.44", Better.NONE)
    assert verdict(plan, D(actual)) is Status.NOT_JUDGED
    assert plan.is_judged is False


def test_equal_to_point_is_met_not_exceeded() -> None:
    """Exactly the point plan is "met", never "exceeded", in either direction."""
    assert verdict(point("65"), D("65")) is Status.MET
    assert verdict(point("65", Better.LOWER), D("65")) is Status.MET


def test_same_value_written_with_plan_precision_is_met() -> None:
    """41.85 against a plan of 41.85 is met (Decimal arithmetic, no float error)."""
    assert verdict(point("41.85"), D("41.85")) is Status.MET
    assert verdict(at_least("41.85"), D("41.85")) is Status.MET
    assert verdict(at_most("41.85"), D("41.85")) is Status.MET


def test_sum_of_decimals_against_its_exact_value_is_met() -> None:
    """0.1 + 0.2 against a plan of 0.3 is met, not exceeded or missed."""
    actual = D("0.1") + D("0.2")
    assert verdict(point("0.3"), actual) is Status.MET
    assert verdict(point("0.3", Better.LOWER), actual) is Status.MET
    assert verdict(at_least("0.3"), actual) is Status.MET
    assert verdict(at_most("0.3"), actual) is Status.MET
    assert verdict(between("0.3", "0.4"), actual) is Status.MET


# ---------------------------------------------------------------- verdict: at least / at most


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("8", Status.MET), ("8.0", Status.MET), ("8.2", Status.EXCEEDED), ("7.99", Status.NOT_MET)],
)
def test_at_least_inclusive(actual: str, expected: Status) -> None:
    """ "8% or more": 8 is met, above 8 exceeded, below 8 not met."""
    assert verdict(at_least("8"), D(actual)) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("5", Status.NOT_MET), ("5.00", Status.NOT_MET), ("5.01", Status.EXCEEDED), ("4.93", Status.NOT_MET)],
)
def test_at_least_strict_above(actual: str, expected: Status) -> None:
    """ "above 5": 5 itself is not met, anything above 5 is exceeded."""
    assert verdict(at_least("5", strict=True), D(actual)) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("4", Status.MET), ("3.5", Status.EXCEEDED), ("4.01", Status.NOT_MET)],
)
def test_at_most_inclusive(actual: str, expected: Status) -> None:
    """ "4% or less": 4 is met, below 4 exceeded, above 4 not met."""
    assert verdict(at_most("4"), D(actual)) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("4", Status.NOT_MET), ("3.99", Status.EXCEEDED), ("4.5", Status.NOT_MET)],
)
def test_at_most_strict_below(actual: str, expected: Status) -> None:
    """ "below 4": 4 itself is not met, anything under 4 is exceeded."""
    assert verdict(at_most("4", strict=True), D(actual)) is expected


def test_zero_cap_is_met_only_by_zero() -> None:
    """ "No commune below 15 criteria" (at most 0): 0 is met, 1 is not met."""
    assert verdict(at_most("0"), D("0")) is Status.MET
    assert verdict(at_most("0"), D("1")) is Status.NOT_MET


# ---------------------------------------------------------------- verdict: range, about, milestone


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("9", Status.MET),
        ("9.5", Status.MET),
        ("10", Status.MET),
        ("10.01", Status.EXCEEDED),
        ("8.99", Status.NOT_MET),
    ],
)
def test_range_higher_is_better(actual: str, expected: Status) -> None:
    """ "9 - 10%" (higher better): both ends inclusive, above 10 exceeded, below 9 not met."""
    assert verdict(between("9", "10"), D(actual)) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("6.0", Status.MET),
        ("6.5", Status.MET),
        ("5.9", Status.EXCEEDED),
        ("6.6", Status.NOT_MET),
    ],
)
def test_range_lower_is_better(actual: str, expected: Status) -> None:
    """ "6.0 - 6.5" (lower better): inside met, under 6.0 exceeded, over 6.5 not met."""
    assert verdict(between("6.0", "6.5", Better.LOWER), D(actual)) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("4", Status.MET),
        ("3.5", Status.MET),
        ("4.5", Status.MET),
        ("4.51", Status.EXCEEDED),
        ("3.49", Status.NOT_MET),
    ],
)
def test_about_higher_is_better(actual: str, expected: Status) -> None:
    """ "about 4" ± 0.5: within the tolerance (ends included) met, beyond judged by direction."""
    assert verdict(about("4", "0.5"), D(actual)) is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("4.5", Status.MET), ("3.49", Status.EXCEEDED), ("4.51", Status.NOT_MET)],
)
def test_about_lower_is_better(actual: str, expected: Status) -> None:
    """ "about 4" ± 0.5, lower better: under the tolerance is exceeded, over it not met."""
    assert verdict(about("4", "0.5", Better.LOWER), D(actual)) is expected


def test_about_with_zero_tolerance_is_a_point() -> None:
    """ "about 4" with tolerance 0 is met only by exactly 4."""
    assert verdict(about("4", "0"), D("4.0")) is Status.MET
    assert verdict(about("4", "0"), D("3.9")) is Status.NOT_MET


def test_milestone_achieved_or_not() -> None:
    """A milestone is met when done (True) and not met when not done (False)."""
    assert verdict(MILESTONE, True) is Status.MET
    assert verdict(MILESTONE, False) is Status.NOT_MET


def test_yes_no_figure_against_numeric_plan_is_not_met() -> None:
    """A yes/no figure recorded against a numeric plan never counts as met."""
    assert verdict(at_least("8"), True) is Status.NOT_MET


# ---------------------------------------------------------------- verdict: negative values


@pytest.mark.parametrize(
    ("plan", "actual", "expected"),
    [
        (at_least("-2"), "-2", Status.MET),
        (at_least("-2"), "-1.5", Status.EXCEEDED),
        (at_least("-2"), "-2.77", Status.NOT_MET),
        (at_least("-2", strict=True), "-2", Status.NOT_MET),
        (at_most("-1"), "-3", Status.EXCEEDED),
        (at_most("-1"), "-0.5", Status.NOT_MET),
        (point("-3", Better.LOWER), "-3.93", Status.EXCEEDED),
        (point("-3", Better.HIGHER), "-3.93", Status.NOT_MET),
        (between("-2", "-1"), "-1.5", Status.MET),
        (between("-2", "-1"), "-0.5", Status.EXCEEDED),
        (between("-2", "-1"), "-2.5", Status.NOT_MET),
        (at_least("0"), "-2.77", Status.NOT_MET),
    ],
)
def test_negative_values_and_plans(plan: PlanValue, actual: str, expected: Status) -> None:
    """Negative plans and negative figures are judged on the number line, sign included."""
    assert verdict(plan, D(actual)) is expected


# ---------------------------------------------------------------- % of plan


def test_percent_of_plan_point() -> None:
    """% of plan is actual ÷ plan × 100: 55.89 against 51.51 is about 108.5 %."""
    result = percent_of_plan(point("51.51"), D("55.89"))
    assert result is not None
    assert result.quantize(D("0.01")) == D("108.50")


def test_percent_of_plan_exact_hundred() -> None:
    """A figure equal to the plan is exactly 100 % of plan."""
    assert percent_of_plan(at_least("41.85"), D("41.85")) == D("100")


def test_percent_of_plan_bound() -> None:
    """For at least / at most the reference is the bound: 2580.6 of 3000 is 86.02 %."""
    assert percent_of_plan(at_least("3000"), D("2580.6")) == D("86.02")
    assert percent_of_plan(at_most("4"), D("3")) == D("75")


def test_percent_of_plan_range_higher_uses_low_end() -> None:
    """For a higher-is-better range the reference is the low end: 9.0 of [9, 10] is 100 %."""
    assert percent_of_plan(between("9", "10"), D("9.0")) == D("100")
    assert percent_of_plan(between("8", "10"), D("10")) == D("125")


def test_percent_of_plan_range_lower_uses_high_end() -> None:
    """For a lower-is-better range the reference is the high end: 5 of [4, 5] is 100 %."""
    assert percent_of_plan(between("4", "5", Better.LOWER), D("5")) == D("100")
    assert percent_of_plan(between("4", "5", Better.LOWER), D("4")) == D("80")


def test_percent_of_plan_about_uses_centre() -> None:
    """For "about" the reference is the centre value."""
    assert percent_of_plan(about("4", "0.5"), D("5")) == D("125")


def test_percent_of_plan_negative() -> None:
    """Negative plan and figure divide as numbers: -3 of -2 is 150 %."""
    assert percent_of_plan(at_least("-2"), D("-3")) == D("150")


def test_percent_of_plan_none_for_milestone() -> None:
    """A milestone has no % of plan."""
    assert percent_of_plan(MILESTONE, True) is None
    assert percent_of_plan(MILESTONE, False) is None


def test_percent_of_plan_none_for_zero_plan() -> None:
    """A zero plan has no % of plan (no division by zero)."""
    assert percent_of_plan(at_most("0"), D("0")) is None
    assert percent_of_plan(at_most("0"), D("3")) is None
    assert percent_of_plan(point("0", Better.HIGHER), D("1")) is None


def test_percent_of_plan_none_without_actual() -> None:
    """No figure, no % of plan."""
    assert percent_of_plan(at_least("8"), None) is None


# ---------------------------------------------------------------- change on last year


@pytest.mark.parametrize("unit", ["%", "%/năm", "điểm %", " % ", "%/year"])
def test_rate_units_compare_in_points(unit: str) -> None:
    """Rates ("%", "%/năm", "điểm %") are compared in percentage points."""
    assert change_kind_for_unit(unit) is ChangeKind.POINTS


@pytest.mark.parametrize("unit", ["tỷ đồng", "người", "triệu đồng", "tấn", "ha", ""])
def test_amount_units_compare_relatively(unit: str) -> None:
    """Amounts ("tỷ đồng", "người", ...) are compared as a relative %."""
    assert change_kind_for_unit(unit) is ChangeKind.RELATIVE


def test_change_in_points() -> None:
    """Points: poverty rate 19.46 against 23.39 is a change of -3.93 points."""
    assert change(D("19.46"), D("23.39"), ChangeKind.POINTS) == D("-3.93")


def test_change_relative() -> None:
    """Relative: 412 against 343.3 is +20.0 % (to one decimal)."""
    result = change(D("412"), D("343.3"), ChangeKind.RELATIVE)
    assert result is not None
    assert result.quantize(D("0.1")) == D("20.0")
    assert change(D("1200"), D("1000"), ChangeKind.RELATIVE) == D("20")
    assert change(D("800"), D("1000"), ChangeKind.RELATIVE) == D("-20")


def test_change_relative_from_negative_base() -> None:
    """Relative change from a negative base keeps the direction: -1 from -2 is +50 %."""
    assert change(D("-1"), D("-2"), ChangeKind.RELATIVE) == D("50")


def test_change_none_without_previous_or_on_zero_base() -> None:
    """No previous figure, a zero base for a relative change, or a yes/no figure gives None."""
    assert change(D("5"), None, ChangeKind.RELATIVE) is None
    assert change(D("5"), D("0"), ChangeKind.RELATIVE) is None
    assert change(True, False, ChangeKind.POINTS) is None
    assert change(D("5"), D("0"), ChangeKind.POINTS) == D("5")
