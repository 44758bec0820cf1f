"""The year-end paragraph's facts: which targets it names, counts and measures."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.core.judging import Status
from tracker.core.model import Better, Entry, FigureStatus, Plan, PlanValue, Shape, Target
from tracker.core.narrative import describe, improved, shortfall
from tracker.core.periods import parse_period
from tracker.core.report import build_report

D = Decimal
YEAR = parse_period("2024")


def target(tid: str, plan: PlanValue | None, parent: str | None = None, accumulates: bool = False) -> Target:
    plans = {"2024": plan} if plan else {}
    return Target(
        id=tid,
        name=f"name of {tid}",
        group="Kinh tế",
        unit="tỷ đồng",
        plans=plans,
        periods={k: parse_period(k) for k in plans},
        parent=parent,
        accumulates=accumulates,
    )


def figure(tid: str, value: str, period: str = "2024", as_of: date = date(2024, 12, 31)) -> Entry:
    return Entry(
        id=f"{tid}-{period}-{as_of}",
        target=tid,
        period=period,
        value=D(value),
        as_of=as_of,
        status=FigureStatus.ESTIMATE,
    )


def plan_of(*targets: Target) -> Plan:
    return Plan(title="T", organisation="O", language="vi", default_period="2024", targets=targets)


AT_LEAST_100 = PlanValue(Shape.AT_LEAST, value=D("100"))
AT_MOST_4 = PlanValue(Shape.AT_MOST, value=D("4"), better=Better.LOWER)


def test_after_the_year_names_exceeded_and_grew_not_met_and_silent_targets_in_plan_order() -> None:
    plan = plan_of(
        target("rose", AT_LEAST_100),
        target("fell", AT_LEAST_100),  # exceeded but lower than last year: not named as grown
        target("short", AT_LEAST_100),
        target("silent", AT_LEAST_100),
        target("rose_too", AT_LEAST_100),
    )
    entries = [
        figure("rose", "120"),
        figure("rose", "100", "2023", date(2023, 12, 31)),
        figure("fell", "110"),
        figure("fell", "130", "2023", date(2023, 12, 31)),
        figure("short", "90"),
        figure("rose_too", "101"),
        figure("rose_too", "99", "2023", date(2023, 12, 31)),
    ]
    facts = describe(build_report(plan, entries, YEAR, date(2025, 3, 1)))
    assert not facts.running
    assert (facts.met_or_exceeded, facts.total, facts.components) == (3, 5, False)
    assert [a.target.id for a in facts.exceeded_and_improved] == ["rose", "rose_too"]
    assert [a.target.id for a in facts.not_met] == ["short"]
    assert [a.target.id for a in facts.no_data] == ["silent"]
    assert shortfall(facts.not_met[0]) == D("10")
    assert facts.by_status == {Status.EXCEEDED: 3, Status.NOT_MET: 1, Status.NO_DATA: 1}


def test_a_lower_is_better_target_improves_by_falling_and_its_shortfall_is_above_the_cap() -> None:
    plan = plan_of(target("poverty", AT_MOST_4), target("unemployment", AT_MOST_4))
    entries = [
        figure("poverty", "3"),
        figure("poverty", "5", "2023", date(2023, 12, 31)),
        figure("unemployment", "4.5"),
    ]
    facts = describe(build_report(plan, entries, YEAR, date(2025, 3, 1)))
    assert [a.target.id for a in facts.exceeded_and_improved] == ["poverty"]
    assert improved(facts.exceeded_and_improved[0])
    assert shortfall(facts.not_met[0]) == D("0.5")


def test_components_are_counted_and_said_to_be_components() -> None:
    plan = plan_of(
        target("parent", None),
        target("part_a", AT_LEAST_100, parent="parent"),
        target("part_b", AT_LEAST_100, parent="parent"),
    )
    facts = describe(build_report(plan, [figure("part_a", "100"), figure("part_b", "99")], YEAR, date(2025, 3, 1)))
    assert facts.components
    assert (facts.met_or_exceeded, facts.total) == (1, 2)
    assert [a.target.id for a in facts.not_met] == ["part_b"]


def test_while_the_year_runs_accumulating_targets_behind_pace_say_what_is_still_needed() -> None:
    plan = plan_of(target("revenue", AT_LEAST_100, accumulates=True), target("level", AT_LEAST_100))
    entries = [figure("revenue", "40", as_of=date(2024, 10, 31)), figure("level", "101", as_of=date(2024, 10, 31))]
    facts = describe(build_report(plan, entries, YEAR, date(2024, 11, 5)))
    assert facts.running
    behind = facts.behind_pace
    assert [a.target.id for a in behind] == ["revenue"]
    assert behind[0].pace is not None and behind[0].pace.needed == D("60")
    assert facts.by_status[behind[0].status] == 1


def test_a_report_with_nothing_counted_has_no_headline_numbers() -> None:
    facts = describe(build_report(plan_of(target("neutral", None)), [figure("neutral", "5")], YEAR, date(2025, 3, 1)))
    assert facts.total == 0 and facts.exceeded_and_improved == () and facts.not_met == ()


def test_no_shortfall_for_a_milestone_or_a_figure_on_a_strict_bound() -> None:
    milestone = PlanValue(Shape.MILESTONE)
    strict = PlanValue(Shape.AT_LEAST, value=D("5"), strict=True)
    plan = plan_of(target("done", milestone), target("strict", strict))
    entries = [
        Entry(id="m", target="done", period="2024", value=False, as_of=date(2024, 12, 31)),
        figure("strict", "5"),
    ]
    facts = describe(build_report(plan, entries, YEAR, date(2025, 3, 1)))
    assert [a.target.id for a in facts.not_met] == ["done", "strict"]
    assert [shortfall(a) for a in facts.not_met] == [None, None]
