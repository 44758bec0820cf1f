"""Amended plan values, ``about`` without a tolerance and "cơ bản đạt" in the core:
which value is in force, the rule for basically met (tracker.core.verdicts), and how a
target is judged, counted and flagged with them (tracker.core.judging, tracker.core.report)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from tracker.core.judging import assess
from tracker.core.model import TROUBLE, Amendment, Better, Entry, Plan, PlanValue, Shape, Status, Target
from tracker.core.periods import parse_period
from tracker.core.report import build_report
from tracker.core.verdicts import derived_tolerance, final_verdict, is_basically_met, verdict

D = Decimal
Y2025 = parse_period("2025")
T2021 = parse_period("2021-2025")
AT_LEAST_8 = PlanValue(Shape.AT_LEAST, value=D(8))
AMENDED = replace(
    AT_LEAST_8,
    amendments=(
        Amendment(date(2025, 9, 1), PlanValue(Shape.AT_LEAST, value=D(7)), "NQ 2"),
        Amendment(date(2025, 2, 20), PlanValue(Shape.AT_LEAST, value=D("7.5")), "NQ 1"),
    )[::-1],  # sorted by date, as the reader leaves them
)


def target(plan: PlanValue, share: str = "0", tid: str = "t", parent: str | None = None, label: str = "2025") -> Target:
    return Target(tid, tid, "G", "%", plans={label: plan}, periods={label: parse_period(label)},
                  basically_met=D(share), parent=parent)  # fmt: skip


def figure(value: str, as_of: date = date(2025, 12, 31), tid: str = "t", period: str = "2025", said: str = "") -> Entry:
    return Entry(f"e-{tid}-{period}-{value}", tid, period, D(value), as_of, verdict=said)


# ---------------------------------------------------------------- the value in force


@pytest.mark.parametrize(
    ("day", "expected", "source"),
    [(date(2025, 2, 19), "8", None), (date(2025, 2, 20), "7.5", "NQ 1"), (date(2025, 8, 31), "7.5", "NQ 1"),
     (date(2025, 9, 1), "7", "NQ 2"), (date(2026, 3, 1), "7", "NQ 2")],
)  # fmt: skip
def test_the_latest_amendment_in_force_on_a_day_wins(day: date, expected: str, source: str | None) -> None:
    """Before the first amendment the original; from each amendment's date on, that amendment."""
    assert AMENDED.in_force(day).value == D(expected)
    found = AMENDED.amendment_on(day)
    assert (found.source if found else None) == source


def test_a_period_is_judged_against_the_value_in_force_on_the_as_of_date() -> None:
    """7.6 is not met against ≥ 8, exceeded against ≥ 7.5 once the amendment takes effect;
    the assessment keeps the original and the amendment for the views."""
    t = target(AMENDED)
    after = assess(t, Y2025, [figure("7.6")], date(2025, 12, 31))
    assert after.status is Status.EXCEEDED
    assert after.plan == PlanValue(Shape.AT_LEAST, value=D(7)) and after.amendment is not None
    assert after.amendment.source == "NQ 2" and after.original == AMENDED
    assert after.percent_of_plan == D("7.6") / 7 * 100
    before = assess(t, Y2025, [figure("7.6", date(2025, 1, 31))], date(2025, 2, 1))
    assert before.plan == AMENDED and before.amendment is None and before.original == AMENDED


def test_a_term_target_is_judged_against_its_value_in_force() -> None:
    """A term value amended during the term: its yearly figures are judged against the amendment."""
    plan = replace(AT_LEAST_8, amendments=(Amendment(date(2023, 1, 1), PlanValue(Shape.AT_LEAST, value=D(6)), "NQ"),))
    t = target(plan, label="2021-2025")
    figures = [figure("7", date(year, 12, 31), period=str(year)) for year in range(2021, 2026)]
    judged = assess(t, T2021, figures, date(2026, 1, 31))
    assert judged.status is Status.EXCEEDED and judged.amendment is not None


# ---------------------------------------------------------------- about without a tolerance


@pytest.mark.parametrize(
    ("written", "inside", "outside"),
    [("4", ["3.5", "4.5", "4"], ["3.49", "4.51"]), ("4.0", ["3.95", "4.05"], ["3.94", "4.06"]),
     ("7.5", ["7.45", "7.55"], ["7.44", "7.56"])],
)  # fmt: skip
def test_about_without_a_tolerance_is_met_by_what_rounds_to_it(
    written: str, inside: list[str], outside: list[str]
) -> None:
    """Both edges met; just outside is judged by the good direction (higher: exceeded above, not met below)."""
    plan = PlanValue(Shape.ABOUT, value=D(written), tolerance=derived_tolerance(D(written)), tolerance_derived=True)
    assert [verdict(plan, D(x)) for x in inside] == [Status.MET] * len(inside)
    assert [verdict(plan, D(x)) for x in outside] == [Status.NOT_MET, Status.EXCEEDED]


# ---------------------------------------------------------------- basically met


@pytest.mark.parametrize(
    ("plan", "actual", "expected"),
    [
        (AT_LEAST_8, "7.6", Status.BASICALLY_MET),  # 0.4 short: exactly 5 % of 8
        (AT_LEAST_8, "7.59", Status.NOT_MET),
        (AT_LEAST_8, "8", Status.MET),
        (PlanValue(Shape.AT_LEAST, value=D(5), strict=True), "5", Status.BASICALLY_MET),  # "trên 5", 5 is short by 0
        (PlanValue(Shape.AT_MOST, value=D(4), better=Better.LOWER), "4.2", Status.BASICALLY_MET),
        (PlanValue(Shape.AT_MOST, value=D(4), better=Better.LOWER), "4.21", Status.NOT_MET),
        (PlanValue(Shape.POINT, value=D(100), better=Better.HIGHER), "95", Status.BASICALLY_MET),
        (PlanValue(Shape.RANGE, low=D(9), high=D(10)), "8.55", Status.BASICALLY_MET),  # the low end must be reached
        (PlanValue(Shape.RANGE, low=D(9), high=D(10)), "8.54", Status.NOT_MET),
        (PlanValue(Shape.RANGE, low=D(9), high=D(10), better=Better.LOWER), "10.5", Status.BASICALLY_MET),
        (PlanValue(Shape.ABOUT, value=D(40), tolerance=D(2)), "36", Status.BASICALLY_MET),  # 2 below the band's edge
        (PlanValue(Shape.ABOUT, value=D(40), tolerance=D(2)), "35.9", Status.NOT_MET),
        (PlanValue(Shape.AT_LEAST, value=D(0)), "-0.01", Status.NOT_MET),  # 5 % of nothing is nothing
    ],
)
def test_a_final_miss_within_the_share_is_basically_met(plan: PlanValue, actual: str, expected: Status) -> None:
    """|actual − the bound it missed| ≤ share × |reference|, with a share of 5 %."""
    assert final_verdict(plan, D(actual), D("0.05")) is expected
    assert final_verdict(plan, D(actual), D(0)) is (Status.NOT_MET if expected is Status.BASICALLY_MET else expected)


def test_never_for_a_milestone_a_yes_no_figure_or_a_neutral_figure() -> None:
    """Nothing to measure a miss by."""
    assert final_verdict(PlanValue(Shape.MILESTONE), False, D("0.5")) is Status.NOT_MET
    assert not is_basically_met(AT_LEAST_8, False, D("0.5"))
    neutral = PlanValue(Shape.POINT, value=D(12), better=Better.NONE)
    assert final_verdict(neutral, D(11), D("0.5")) is Status.NOT_JUDGED


def test_a_running_pace_is_never_basically_met() -> None:
    """While the year runs a level short of the plan is at risk, not basically met."""
    t = target(AT_LEAST_8, "0.05")
    running = assess(t, Y2025, [figure("7.9", date(2025, 6, 30))], date(2025, 7, 15))
    assert running.status is Status.AT_RISK
    final = assess(t, Y2025, [figure("7.9", date(2025, 6, 30))], date(2026, 1, 15))
    assert final.status is Status.BASICALLY_MET


def test_basically_met_is_counted_apart_flagged_and_a_parent_takes_it() -> None:
    """Never in met_or_exceeded; its own count; trouble for --check; worse than met for a parent."""
    parent = Target("p", "p", "G", "%")
    kids = (target(AT_LEAST_8, "0.05", "a", "p"), target(AT_LEAST_8, "0.05", "b", "p"))
    plan = Plan("T", "O", "en", "2025", (parent, *kids))
    report = build_report(plan, [figure("9", tid="a"), figure("7.8", tid="b")], Y2025, date(2026, 1, 15))
    assert report.summary.met_or_exceeded == 1 and report.summary.total == 2
    assert report.summary.by_status == {"exceeded": 1, "basically_met": 1}
    assert report.summary.trouble == 1 and Status.BASICALLY_MET in TROUBLE
    assert report.rows[0].status is Status.BASICALLY_MET


def test_a_reported_basically_met_overrides_the_computed_verdict() -> None:
    """ "Cơ bản đạt" reported with a figure is shown, the computed verdict kept."""
    judged = assess(target(AT_LEAST_8), Y2025, [figure("7", said="basically_met")], date(2026, 1, 15))
    assert (judged.status, judged.computed_status, judged.reported) == (Status.BASICALLY_MET, Status.NOT_MET, True)
