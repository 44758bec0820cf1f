"""One target judged for one period (tracker.core.judging.assess): the figure that counts, the
same period last year, in-year pace, reported verdicts. One figure against one plan value is
tested in test_verdicts, which revision wins in test_figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from plan_shapes import MILESTONE, at_least, at_most, between

from tracker.core.judging import assess
from tracker.core.model import ChangeKind, Entry, PlanValue, Status, Target
from tracker.core.periods import parse_period

D = Decimal
Y2024 = parse_period("2024")
Y2025 = parse_period("2025")


def target(
    plans: dict[str, PlanValue],
    accumulates: bool = False,
    change_kind: ChangeKind = ChangeKind.RELATIVE,
    tid: str = "t",
) -> Target:
    return Target(
        id=tid,
        name=tid,
        group="Kinh tế",
        unit="%",
        plans=plans,
        periods={label: parse_period(label) for label in plans},
        accumulates=accumulates,
        change=change_kind,
    )


_counter = iter(range(10**6))


def entry(
    value: object,
    as_of: date,
    period: str = "2025",
    tid: str = "t",
    verdict_text: str = "",
    recorded_at: datetime | None = None,
) -> Entry:
    return Entry(
        id=f"e{next(_counter)}",
        target=tid,
        period=period,
        value=value if isinstance(value, bool) else D(str(value)),
        as_of=as_of,
        verdict=verdict_text,
        recorded_at=recorded_at,
    )


# ---------------------------------------------------------------- assess: basics


def test_assess_missing_actual_is_no_data() -> None:
    """A plan with no figure is no_data, with no % of plan and no change."""
    t = target({"2025": at_least("8")})
    result = assess(t, Y2025, [], date(2026, 3, 1))
    assert result.status is Status.NO_DATA
    assert result.computed_status is Status.NO_DATA
    assert result.actual is None
    assert result.percent_of_plan is None
    assert result.change is None
    assert result.reported is False
    assert result.judged is True


def test_assess_ended_period_gives_verdict() -> None:
    """After the period, a level figure is judged: GRDP growth 8.2 against at least 8 is exceeded."""
    t = target({"2025": at_least("8")}, change_kind=ChangeKind.POINTS)
    e = entry("8.2", date(2025, 12, 31))
    result = assess(t, Y2025, [e], date(2026, 1, 15))
    assert result.status is Status.EXCEEDED
    assert result.computed_status is Status.EXCEEDED
    assert result.running is False
    assert result.pace is None
    assert result.actual is e
    assert result.percent_of_plan == D("102.5")


def test_assess_uses_plan_of_the_period_only() -> None:
    """The plan value and figures of another period do not count for this one."""
    t = target({"2024": at_least("7"), "2025": at_least("8")})
    result = assess(t, Y2025, [entry("7.5", date(2024, 12, 31), period="2024")], date(2026, 1, 15))
    assert result.plan == at_least("8")
    assert result.status is Status.NO_DATA


def test_assess_ignores_entries_of_other_targets() -> None:
    """Figures recorded for another target are not this target's figures."""
    t = target({"2025": at_least("8")})
    other = entry("9", date(2025, 12, 31), tid="other")
    result = assess(t, Y2025, [other], date(2026, 1, 15))
    assert result.status is Status.NO_DATA
    assert result.actual is None


def test_assess_zero_plan_has_no_percent() -> None:
    """A zero plan is judged but has no % of plan."""
    t = target({"2025": at_most("0")})
    result = assess(t, Y2025, [entry("0", date(2025, 12, 31))], date(2026, 1, 15))
    assert result.status is Status.MET
    assert result.percent_of_plan is None


def test_assess_negative_figure_against_at_least() -> None:
    """A negative growth figure against "at least 2" is not met, at -138.5 % of plan."""
    t = target({"2025": at_least("2")})
    result = assess(t, Y2025, [entry("-2.77", date(2025, 12, 31))], date(2026, 1, 15))
    assert result.status is Status.NOT_MET
    assert result.percent_of_plan == D("-138.5")


def test_assess_milestone_after_period() -> None:
    """A milestone recorded as done during the year and judged after it is met."""
    t = target({"2024": MILESTONE})
    result = assess(t, Y2024, [entry(True, date(2024, 6, 10), period="2024")], date(2025, 1, 10))
    assert result.status is Status.MET
    assert result.percent_of_plan is None


def test_assess_latest_entry_wins() -> None:
    """assess judges the winning revision: the later as-of, then the later recording."""
    t = target({"2025": at_least("8")})
    old = entry("7.5", date(2025, 12, 31), recorded_at=datetime(2025, 11, 20, tzinfo=UTC))
    new = entry("8.2", date(2025, 12, 31), recorded_at=datetime(2026, 2, 1, tzinfo=UTC))
    result = assess(t, Y2025, [new, old], date(2026, 3, 1))
    assert result.actual is new
    assert result.status is Status.EXCEEDED


# ---------------------------------------------------------------- assess: same period last year


def test_same_period_full_year_against_full_year() -> None:
    """A full-year figure is compared with last year's full-year figure: +20 % relative."""
    t = target({"2025": at_least("1000")})
    prev = entry("1000", date(2024, 12, 31), period="2024")
    cur = entry("1200", date(2025, 12, 31))
    result = assess(t, Y2025, [prev, cur], date(2026, 1, 15))
    assert result.previous is prev
    assert result.change == D("20")
    assert result.change_kind is ChangeKind.RELATIVE


def test_same_period_rates_in_points() -> None:
    """A rate target's change on last year is in points: 19.46 against 23.39 is -3.93."""
    t = target({"2025": at_most("20")}, change_kind=ChangeKind.POINTS)
    prev = entry("23.39", date(2024, 12, 31), period="2024")
    cur = entry("19.46", date(2025, 12, 31))
    result = assess(t, Y2025, [prev, cur], date(2026, 1, 15))
    assert result.change == D("-3.93")
    assert result.change_kind is ChangeKind.POINTS


def test_same_period_first_half_not_compared_with_full_year() -> None:
    """A first-half figure is not compared with last year's full-year figure."""
    t = target({"2025": at_least("1000")}, accumulates=True)
    full_year = entry("1000", date(2024, 12, 31), period="2024")
    cur = entry("412", date(2025, 6, 30))
    result = assess(t, Y2025, [full_year, cur], date(2025, 7, 15))
    assert result.previous is None
    assert result.change is None


def test_same_period_first_half_compared_with_first_half() -> None:
    """A first-half figure is compared with last year's first-half figure, not the full year."""
    t = target({"2025": at_least("1000")}, accumulates=True)
    half = entry("343.3", date(2024, 6, 30), period="2024")
    full_year = entry("1000", date(2024, 12, 31), period="2024")
    cur = entry("412", date(2025, 6, 30))
    result = assess(t, Y2025, [half, full_year, cur], date(2025, 7, 15))
    assert result.previous is half
    assert result.change is not None
    assert result.change.quantize(D("0.1")) == D("20.0")


def test_same_period_window_is_31_days_inclusive() -> None:
    """A figure dated exactly 31 days before the same day last year still counts."""
    t = target({"2025": at_least("1000")}, accumulates=True)
    prev = entry("300", date(2024, 5, 30), period="2024")  # 2024-06-30 minus 31 days
    cur = entry("412", date(2025, 6, 30))
    result = assess(t, Y2025, [prev, cur], date(2025, 7, 15))
    assert result.previous is prev


def test_same_period_window_excludes_32_days_before() -> None:
    """A figure dated 32 days before the same day last year is not "the same point"."""
    t = target({"2025": at_least("1000")}, accumulates=True)
    prev = entry("300", date(2024, 5, 29), period="2024")
    cur = entry("412", date(2025, 6, 30))
    result = assess(t, Y2025, [prev, cur], date(2025, 7, 15))
    assert result.previous is None
    assert result.change is None


def test_same_period_excludes_figures_after_the_same_day() -> None:
    """A previous-year figure dated after the same day a year earlier is not compared."""
    t = target({"2025": at_least("1000")}, accumulates=True)
    prev = entry("500", date(2024, 7, 15), period="2024")
    cur = entry("412", date(2025, 6, 30))
    result = assess(t, Y2025, [prev, cur], date(2025, 7, 15))
    assert result.previous is None


def test_same_period_picks_latest_in_window() -> None:
    """Among previous-year figures inside the window, the latest one is compared."""
    t = target({"2025": at_least("1000")}, accumulates=True)
    may = entry("300", date(2024, 6, 5), period="2024")
    june = entry("343.3", date(2024, 6, 30), period="2024")
    cur = entry("412", date(2025, 6, 30))
    result = assess(t, Y2025, [june, may, cur], date(2025, 7, 15))
    assert result.previous is june


# ---------------------------------------------------------------- assess: in-year pace


def test_pace_accumulating_on_track() -> None:
    """1600 by 1 July 2024 (183/366 = half the year) projects to 3200 ≥ 3000: on track."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    result = assess(t, Y2024, [entry("1600", date(2024, 7, 1), period="2024")], date(2024, 7, 10))
    assert result.running is True
    assert result.pace is not None
    assert result.pace.expected_share == D("0.5")
    assert result.pace.projected == D("3200")
    assert result.status is Status.ON_TRACK
    assert result.computed_status is Status.ON_TRACK


def test_pace_accumulating_exactly_ten_percent_short_is_at_risk() -> None:
    """1350 at half the year projects to 2700, 10 % short of 3000: at risk (boundary)."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    result = assess(t, Y2024, [entry("1350", date(2024, 7, 1), period="2024")], date(2024, 7, 10))
    assert result.pace is not None
    assert result.pace.projected == D("2700")
    assert result.status is Status.AT_RISK


def test_pace_accumulating_more_than_ten_percent_short_is_off_track() -> None:
    """1349 at half the year projects to 2698, more than 10 % short of 3000: off track."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    result = assess(t, Y2024, [entry("1349", date(2024, 7, 1), period="2024")], date(2024, 7, 10))
    assert result.pace is not None
    assert result.pace.projected == D("2698")
    assert result.status is Status.OFF_TRACK


def test_pace_expected_share_counts_the_as_of_day() -> None:
    """On 30 June 2024 the expected share is 182/366 and the projection value ÷ share."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    result = assess(t, Y2024, [entry("1885", date(2024, 6, 30), period="2024")], date(2024, 7, 10))
    assert result.pace is not None
    assert result.pace.expected_share == D(182) / D(366)
    assert result.pace.projected == D("1885") / (D(182) / D(366))
    assert result.pace.projected.quantize(D("0.01")) == D("3790.71")
    assert result.status is Status.ON_TRACK


def test_pace_uses_figure_date_not_report_date() -> None:
    """The expected share is taken at the figure's as-of date, not at the report's date."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    result = assess(t, Y2024, [entry("1600", date(2024, 7, 1), period="2024")], date(2024, 11, 30))
    assert result.pace is not None
    assert result.pace.expected_share == D("0.5")
    assert result.status is Status.ON_TRACK


def test_pace_strict_bound_projection_equal_is_at_risk() -> None:
    """Projected exactly onto a strict "above 3000" bound misses by 0 %: at risk, not on track."""
    t = target({"2024": at_least("3000", strict=True)}, accumulates=True)
    result = assess(t, Y2024, [entry("1500", date(2024, 7, 1), period="2024")], date(2024, 7, 10))
    assert result.pace is not None
    assert result.pace.projected == D("3000")
    assert result.status is Status.AT_RISK


def test_period_over_with_a_year_to_date_figure_is_incomplete() -> None:
    """Once the year is over, a year-to-date figure of a flow is no verdict: incomplete,
    with its share of the plan and the projection it set kept, nothing still "needed"."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    ytd = entry("2540.17", date(2024, 10, 31), period="2024")
    result = assess(t, Y2024, [ytd], date(2025, 3, 1))
    assert result.running is False
    assert result.status is Status.INCOMPLETE
    assert result.computed_status is Status.INCOMPLETE
    assert result.pace is not None
    assert result.pace.projected == D("2540.17") / (D(305) / D(366))
    assert result.pace.needed is None
    assert result.percent_of_plan is not None and round(result.percent_of_plan, 1) == D("84.7")


def test_period_over_judges_a_level_and_a_reported_verdict_as_before() -> None:
    """Only a flow waits for its period's figure: a level dated before the end is judged,
    and a verdict recorded with a year-to-date figure still overrides."""
    level = target({"2024": at_least("3000")})
    ytd = entry("2540.17", date(2024, 10, 31), period="2024")
    assert assess(level, Y2024, [ytd], date(2025, 3, 1)).status is Status.NOT_MET
    flow = target({"2024": at_least("3000")}, accumulates=True)
    said = replace(ytd, verdict="met")
    result = assess(flow, Y2024, [said], date(2025, 3, 1))
    assert (result.status, result.computed_status, result.reported) == (Status.MET, Status.INCOMPLETE, True)


def test_accumulating_figure_is_projected_while_the_year_runs() -> None:
    """Before the year's end a year-to-date figure is projected to the end."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    ytd = entry("2540.17", date(2024, 10, 31), period="2024")
    result = assess(t, Y2024, [ytd], date(2024, 11, 15))
    assert result.running is True
    assert result.pace is not None
    assert result.pace.expected_share == D(305) / D(366)
    assert result.status is Status.ON_TRACK  # 2540.17 / (305/366) ≈ 3048.2


def test_accumulating_figure_at_period_end_is_final() -> None:
    """A year-to-date figure dated on the last day is a final figure and gets a verdict."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    result = assess(t, Y2024, [entry("2365", date(2024, 12, 31), period="2024")], date(2025, 3, 1))
    assert result.running is False
    assert result.pace is None
    assert result.status is Status.NOT_MET


def test_accumulating_figure_at_period_end_is_final_even_before_report_date() -> None:
    """A full-year estimate dated 31 December, read on 20 November, is judged, not projected."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    result = assess(t, Y2024, [entry("3100", date(2024, 12, 31), period="2024")], date(2024, 11, 20))
    assert result.running is False
    assert result.status is Status.EXCEEDED


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("8.5", Status.ON_TRACK), ("8", Status.ON_TRACK), ("7.2", Status.AT_RISK), ("7.1", Status.OFF_TRACK)],
)
def test_level_target_running_period(actual: str, expected: Status) -> None:
    """A level figure in a running period is judged as is: ≤10 % short at risk, more off track."""
    t = target({"2025": at_least("8")})
    result = assess(t, Y2025, [entry(actual, date(2025, 6, 30))], date(2025, 7, 15))
    assert result.running is True
    assert result.pace is not None
    assert result.pace.projected is None
    assert result.pace.expected_share is None
    assert result.status is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("19", Status.ON_TRACK), ("22", Status.AT_RISK), ("22.01", Status.OFF_TRACK)],
)
def test_level_target_running_at_most(actual: str, expected: Status) -> None:
    """A capped level (at most 20) running: 22 is 10 % over (at risk), 22.01 off track."""
    t = target({"2025": at_most("20")})
    result = assess(t, Y2025, [entry(actual, date(2025, 6, 30))], date(2025, 7, 15))
    assert result.status is expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [("9.5", Status.ON_TRACK), ("8.1", Status.AT_RISK), ("8.09", Status.OFF_TRACK)],
)
def test_level_target_running_range(actual: str, expected: Status) -> None:
    """A range [9, 10] running is measured from its low end: 8.1 is 10 % short, at risk."""
    t = target({"2025": between("9", "10")})
    result = assess(t, Y2025, [entry(actual, date(2025, 6, 30))], date(2025, 7, 15))
    assert result.status is expected


def test_level_target_running_negative_plan() -> None:
    """With a negative plan the at-risk margin is 10 % of its size: -2.2 against ≥ -2 is at risk."""
    t = target({"2025": at_least("-2")})
    at_risk = assess(t, Y2025, [entry("-2.2", date(2025, 6, 30))], date(2025, 7, 15))
    off_track = assess(t, Y2025, [entry("-2.3", date(2025, 6, 30))], date(2025, 7, 15))
    assert at_risk.status is Status.AT_RISK
    assert off_track.status is Status.OFF_TRACK


def test_level_target_after_period_gets_verdict() -> None:
    """A level figure dated mid-year but read after the period ended is judged, not paced."""
    t = target({"2025": at_least("8")})
    result = assess(t, Y2025, [entry("7.9", date(2025, 6, 30))], date(2026, 2, 1))
    assert result.running is False
    assert result.pace is None
    assert result.status is Status.NOT_MET


def test_running_period_without_figure_is_no_data() -> None:
    """A running period with no figure yet is no_data, not a pace status."""
    t = target({"2025": at_least("3000")}, accumulates=True)
    result = assess(t, Y2025, [], date(2025, 7, 15))
    assert result.running is True
    assert result.status is Status.NO_DATA


# ---------------------------------------------------------------- assess: reported verdict


def test_reported_verdict_overrides_computed() -> None:
    """A reported verdict on the latest entry overrides: status met, computed not_met, reported."""
    t = target({"2025": at_least("5", strict=True)})
    e = entry("5", date(2025, 12, 31), verdict_text="met")
    result = assess(t, Y2025, [e], date(2026, 1, 15))
    assert result.status is Status.MET
    assert result.computed_status is Status.NOT_MET
    assert result.reported is True


def test_reported_verdict_on_running_period_keeps_pace_as_computed() -> None:
    """A reported verdict overrides a pace status too; the pace stays as computed_status."""
    t = target({"2024": at_least("3000")}, accumulates=True)
    e = entry("1000", date(2024, 7, 1), period="2024", verdict_text="exceeded")
    result = assess(t, Y2024, [e], date(2024, 7, 10))
    assert result.status is Status.EXCEEDED
    assert result.computed_status is Status.OFF_TRACK
    assert result.reported is True


def test_reported_verdict_on_older_entry_does_not_override() -> None:
    """Only the latest entry's reported verdict counts; an older one is superseded."""
    t = target({"2025": at_least("8")})
    old = entry("7", date(2025, 11, 30), verdict_text="met")
    new = entry("7.5", date(2025, 12, 31))
    result = assess(t, Y2025, [old, new], date(2026, 1, 15))
    assert result.status is Status.NOT_MET
    assert result.computed_status is Status.NOT_MET
    assert result.reported is False


def test_no_reported_verdict_status_equals_computed() -> None:
    """Without a reported verdict status and computed_status agree and reported is False."""
    t = target({"2025": at_least("8")})
    result = assess(t, Y2025, [entry("8", date(2025, 12, 31))], date(2026, 1, 15))
    assert result.status is Status.MET
    assert result.computed_status is Status.MET
    assert result.reported is False
