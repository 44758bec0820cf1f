"""Term targets judged from yearly figures: exact growth, ratio and projection arithmetic."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from tracker.core.judging import Assessment, Status, assess
from tracker.core.model import Better, Entry, PlanValue, Shape, Target, TermCategory, TermMethod
from tracker.core.periods import parse_period
from tracker.core.terms import category_status, final_category, open_sdg, pace_category, ratio_category, term_value
from tracker.core.verdicts import PaceStatus
from tracker.render.charts import Bar, history_chart, sparkline

D = Decimal
TERM = parse_period("2021-2025")
MID_TERM = date(2023, 6, 30)


def target(plan: PlanValue, term: TermMethod = TermMethod.LATEST, accumulates: bool = False) -> Target:
    return Target(id="t", name="t", group="g", unit="%", plans={"2021-2025": plan},
                  periods={"2021-2025": TERM}, term=term, accumulates=accumulates)  # fmt: skip


def yearly(*pairs: tuple[int, str]) -> list[Entry]:
    return [Entry(id=f"e{y}", target="t", period=str(y), value=D(v), as_of=date(y, 12, 31)) for y, v in pairs]


def judge(
    plan: PlanValue, figures: list[Entry], term: TermMethod = TermMethod.LATEST, as_of: date = MID_TERM
) -> Assessment:
    return assess(target(plan, term), TERM, figures, as_of)


def close(value: Decimal | None, expected: str) -> bool:
    assert value is not None
    return abs(value - D(expected)) < D("0.0001")


def test_growth_on_track_exactly() -> None:
    """100 → 121 in two years is 10 %/year, exactly what reaching 161.051 by 2025 needs."""
    a = judge(PlanValue(Shape.AT_LEAST, value=D("161.051")), yearly((2020, "100"), (2022, "121")))
    t = a.term
    assert t is not None and t.category == "on_track" and a.status is Status.ON_TRACK
    assert t.baseline == (2020, D("100"))
    assert close(t.observed, "10") and close(t.required, "10") and close(t.ratio, "1")
    assert close(t.projected, "161.051")
    assert a.actual is not None and a.actual.value == D("121")


def test_decreasing_is_good_needs_acceleration() -> None:
    """Poverty 40 → 32.4 (-10 %/year) against below 20 by 2025 (-12.94 %/year): R = 0.77."""
    plan = PlanValue(Shape.AT_MOST, value=D("20"), better=Better.LOWER)
    a = judge(plan, yearly((2020, "40"), (2022, "32.4")))
    t = a.term
    assert t is not None and t.category == "needs_acceleration" and a.status is Status.AT_RISK
    assert close(t.observed, "-10")
    assert close(t.required, "-12.9449436703875")
    assert close(t.ratio, "0.7725")
    assert close(t.projected, "23.6196")


def test_deterioration_when_moving_the_wrong_way() -> None:
    """A level that falls while it should rise has a negative ratio: off track."""
    a = judge(PlanValue(Shape.AT_LEAST, value=D("60")), yearly((2020, "50"), (2022, "49")))
    assert a.term is not None and a.term.category == "deterioration" and a.status is Status.OFF_TRACK
    assert a.term.ratio is not None and a.term.ratio < 0


def test_limited_progress() -> None:
    """Growing at a third of the needed pace is limited progress: off track."""
    a = judge(PlanValue(Shape.AT_LEAST, value=D("161.051")), yearly((2020, "100"), (2022, "106.09")))
    assert a.term is not None and a.term.category == "limited_progress"
    assert close(a.term.observed, "3") and close(a.term.ratio, "0.3")


def test_zero_baseline_uses_straight_line_changes() -> None:
    """From 0 to 20 in two years is +10/year, what reaching 50 by 2025 needs: on track."""
    a = judge(PlanValue(Shape.AT_LEAST, value=D("50")), yearly((2020, "0"), (2022, "20")))
    t = a.term
    assert t is not None and t.linear and t.category == "on_track"
    assert close(t.observed, "10") and close(t.required, "10") and close(t.ratio, "1")
    assert close(t.projected, "50")


def test_already_met_is_achieved_whatever_the_trend() -> None:
    """A level already beyond the target is achieved even though it fell."""
    a = judge(PlanValue(Shape.AT_LEAST, value=D("54")), yearly((2020, "58"), (2022, "56")))
    assert a.term is not None and a.term.category == "achieved"
    assert a.status is Status.EXCEEDED


def test_single_year_of_data_is_insufficient_for_a_trend() -> None:
    """One yearly figure and no baseline: no trend, judged as a level against the plan."""
    a = judge(PlanValue(Shape.AT_LEAST, value=D("54")), yearly((2021, "50")))
    assert a.term is not None and a.term.category == "insufficient_data"
    assert a.term.ratio is None
    assert a.status is Status.AT_RISK  # 50 misses 54 by 7.4 % of the plan, within the 10 % margin


def test_plan_baseline_is_used_when_given() -> None:
    """A baseline written in the plan value starts the trend in the year before the term."""
    plan = PlanValue(Shape.AT_LEAST, value=D("161.051"), baseline=D("100"))
    a = judge(plan, yearly((2022, "121")))
    assert a.term is not None and a.term.baseline == (2020, D("100")) and a.term.category == "on_track"


def test_compound_average_of_growth_rates() -> None:
    """Growth of 9.0 % then 8.2 % averages 8.60 %/year: with three years missing the term
    is not final, and 8.60 is within 10 % of the 9 % needed: at risk while the term runs,
    incomplete once it is over (the term's figure is missing, as a year's can be)."""
    plan = PlanValue(Shape.RANGE, low=D("9"), high=D("10"))
    a = judge(plan, yearly((2023, "9.0"), (2024, "8.2")), term=TermMethod.COMPOUND, as_of=date(2025, 3, 31))
    assert a.actual is not None and a.actual.value == D("8.60")
    assert a.running and a.status is Status.AT_RISK
    assert a.term is not None and a.term.category == "needs_acceleration"
    over = judge(plan, yearly((2024, "9.0"), (2025, "8.2")), term=TermMethod.COMPOUND, as_of=date(2026, 1, 31))
    assert not over.running and over.status is Status.INCOMPLETE


def test_complete_compound_term_gets_a_final_verdict() -> None:
    """With all five years recorded the compound average is judged as final."""
    plan = PlanValue(Shape.RANGE, low=D("9"), high=D("10"))
    figures = yearly((2021, "9.5"), (2022, "9.0"), (2023, "9.8"), (2024, "9.0"), (2025, "8.2"))
    a = judge(plan, figures, term=TermMethod.COMPOUND, as_of=date(2026, 1, 31))
    assert not a.running and a.actual is not None and a.actual.value == D("9.10")
    assert a.status is Status.MET and a.term is not None and a.term.category == "achieved"
    assert term_value(TermMethod.COMPOUND, [D("10"), D("10")]) == D("10.00000000000000000000000000")


def test_mean_of_yearly_cuts() -> None:
    """Poverty cuts of 3.5 and 2.9 points average 3.20 a year: meets 'at least 3'."""
    a = judge(PlanValue(Shape.AT_LEAST, value=D("3")), yearly((2021, "3.5"), (2022, "2.9")), term=TermMethod.MEAN)
    assert a.actual is not None and a.actual.value == D("3.20")
    assert a.status is Status.ON_TRACK and a.term is not None and a.term.category == "on_track"


def test_sum_projects_the_total_over_the_term() -> None:
    """Jobs 8,000 + 9,000 by the end of 2022 (2/5 of the term) project to 42,500."""
    figures = yearly((2021, "8000"), (2022, "9000"))
    plan = PlanValue(Shape.AT_LEAST, value=D("42500"))
    a = assess(target(plan, term=TermMethod.SUM, accumulates=True), TERM, figures, MID_TERM)
    assert a.actual is not None and a.actual.value == D("17000")
    assert a.pace is not None and close(a.pace.expected_share, str(D(730) / D(1826)))
    assert close(a.pace.projected, str(D(17000) * D(1826) / D(730)))
    assert a.status is Status.ON_TRACK


def test_term_over_gets_a_final_verdict() -> None:
    """After the term the latest level is judged plainly: 53 misses 'at least 54'."""
    a = judge(PlanValue(Shape.AT_LEAST, value=D("54")), yearly((2020, "50"), (2025, "53")), as_of=date(2026, 2, 1))
    assert a.status is Status.NOT_MET and not a.running


def test_figure_recorded_for_the_term_itself_wins() -> None:
    """A figure recorded against the span itself is used as it is, not derived."""
    figures = [
        *yearly((2022, "10")),
        Entry(id="x", target="t", period="2021-2025", value=D("60"), as_of=date(2025, 12, 31)),
    ]
    a = judge(PlanValue(Shape.AT_LEAST, value=D("54")), figures, as_of=date(2026, 1, 1))
    assert a.term is None and a.actual is not None and a.actual.value == D("60") and a.status is Status.EXCEEDED


@pytest.mark.parametrize(
    ("baseline", "current", "target", "better", "category"),
    [
        ((2020, D(100)), (2022, D(121)), D("161.051"), Better.HIGHER, "on_track"),
        ((2020, D(100)), (2022, D(110)), D("161.051"), Better.HIGHER, "limited_progress"),
        ((2020, D(40)), (2022, D("32.4")), D(20), Better.LOWER, "needs_acceleration"),
        ((2020, D(40)), (2022, D(44)), D(20), Better.LOWER, "deterioration"),
        ((2022, D(40)), (2022, D(44)), D(20), Better.LOWER, "insufficient_data"),
    ],
)
def test_open_sdg_categories(
    baseline: tuple[int, Decimal], current: tuple[int, Decimal], target: Decimal, better: Better, category: str
) -> None:
    """The ratio thresholds 0.95 and 0.60 and the sign pick the Open SDG category."""
    assert open_sdg(baseline, current, target, 2025, better)[0] == category


def test_sparkline() -> None:
    """Values map to eight heights; flat series sit in the middle; one or two values (a step,
    not a trend) draw nothing."""
    assert sparkline([D(1), D(2), D(3), D(8)]) == "▁▂▃█"
    assert sparkline([D(5), D(5), D(5)]) == "▄▄▄"
    assert sparkline([D(1), D(2), D(3)]) == "▁▅█"
    assert sparkline([D(5), D(5)]) == ""
    assert sparkline([D(1), D(9)]) == ""
    assert sparkline([D(5)]) == ""


def test_history_chart_exact_text() -> None:
    """The text chart scales bars to the largest number and marks the plan with '│'."""
    bars = [
        Bar("2023", D("51.89"), None, "51,89", ""),
        Bar("2024", D("55.89"), D("51.51"), "55,89", "51,51"),
        Bar("2025", D("40"), D("65"), "40", "65"),
        Bar("2026", None, D("65"), "", "65"),
        Bar("2027", True, None, "Đã đạt", "Đạt"),
    ]
    assert history_chart(bars, width=20, plan_word="kế hoạch") == [
        "2023  ████████████████        51,89",
        "2024  ████████████████│       55,89  kế hoạch 51,51",
        "2025  ████████████        │      40  kế hoạch 65",
        "2026                      │          kế hoạch 65",
        "2027  ✓                      Đã đạt  kế hoạch Đạt",
    ]


# ---------------------------------------------------------------- categories and statuses


@pytest.mark.parametrize("status", [Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK])
def test_a_pace_and_its_category_map_back(status: PaceStatus) -> None:
    """A term judged by its pace shows the category whose status is that pace."""
    assert category_status(pace_category(status)) is status


@pytest.mark.parametrize(
    ("ratio", "category", "status"),
    [
        ("1.5", TermCategory.ON_TRACK, Status.ON_TRACK),
        ("0.95", TermCategory.ON_TRACK, Status.ON_TRACK),
        ("0.9499", TermCategory.NEEDS_ACCELERATION, Status.AT_RISK),
        ("0.60", TermCategory.NEEDS_ACCELERATION, Status.AT_RISK),
        ("0.5999", TermCategory.LIMITED_PROGRESS, Status.OFF_TRACK),
        ("0", TermCategory.LIMITED_PROGRESS, Status.OFF_TRACK),
        ("-0.0001", TermCategory.DETERIORATION, Status.OFF_TRACK),
    ],
)
def test_each_trend_category_has_its_status(ratio: str, category: TermCategory, status: Status) -> None:
    """R ≥ 0.95 on track, 0.60 to 0.95 needs acceleration (at risk), 0 to 0.60 limited
    progress and below 0 deterioration (both off track)."""
    assert ratio_category(D(ratio)) is category and category_status(category) is status


@pytest.mark.parametrize("category", [TermCategory.ACHIEVED, TermCategory.NOT_ACHIEVED, TermCategory.INSUFFICIENT_DATA])
def test_categories_that_do_not_say_a_status(category: TermCategory) -> None:
    """Achieved, not achieved and too little data leave the status to the verdict or the pace."""
    assert category_status(category) is None


@pytest.mark.parametrize("status", list(Status))
def test_a_finished_term_is_achieved_only_when_met_or_exceeded(status: Status) -> None:
    """Once the term is over its category follows its verdict; a neutral one is not achieved."""
    achieved = status in (Status.MET, Status.EXCEEDED)
    assert final_category(status) is (TermCategory.ACHIEVED if achieved else TermCategory.NOT_ACHIEVED)
