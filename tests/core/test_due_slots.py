"""Which figures are owed and late (tracker.core.due): the slots of each reporting
frequency, which figure stands for a slot, due dates, estimates, and the grouping by owner."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest

from tracker.core.due import Reason, find_due, owed_by, slots_of, target_slots
from tracker.core.history import EntryList
from tracker.core.model import Entry, FigureStatus, Plan, PlanValue, Reporting, Shape, Target
from tracker.core.periods import parse_period

PLAN = PlanValue(Shape.AT_LEAST, value=Decimal(1))


def tgt(tid: str, periods: tuple[str, ...] = ("2025",), reporting: Reporting = Reporting.YEARLY, due_days: int = 0,
        owner: str = "", group: str = "G") -> Target:  # fmt: skip
    return Target(id=tid, name=tid, group=group, unit="%", plans=dict.fromkeys(periods, PLAN),
                  periods={p: parse_period(p) for p in periods}, owner=owner, reporting=reporting,
                  due_days=due_days)  # fmt: skip


def fig(tid: str, as_of: str, period: str = "2025", status: FigureStatus = FigureStatus.OFFICIAL) -> Entry:
    return Entry(id=f"{tid}-{as_of}-{status}", target=tid, period=period, value=Decimal(1),
                 as_of=date.fromisoformat(as_of), status=status)  # fmt: skip


@pytest.mark.parametrize(
    ("reporting", "labels"),
    [
        (Reporting.MONTHLY, [f"2025-{m:02d}" for m in range(1, 13)]),
        (Reporting.QUARTERLY, ["2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"]),
        (Reporting.HALF_YEARLY, ["2025-H1", "2025-H2"]),
        (Reporting.YEARLY, ["2025"]),
    ],
)
def test_a_year_has_a_slot_per_reporting_period(reporting: Reporting, labels: list[str]) -> None:
    slots = slots_of(parse_period("2025"), reporting)
    assert [s.label for s in slots] == labels
    assert slots[0].start == date(2025, 1, 1) and slots[-1].end == date(2025, 12, 31)
    assert all(a.end.toordinal() + 1 == b.start.toordinal() for a, b in itertools.pairwise(slots))


def test_a_period_shorter_than_the_reporting_is_its_own_slot() -> None:
    """A plan for the third quarter, reported yearly, is owed once, at the quarter's end;
    reported monthly, three times."""
    assert [(s.label, s.end) for s in slots_of(parse_period("2025-Q3"), Reporting.YEARLY)] == [
        ("2025-Q3", date(2025, 9, 30))
    ]
    assert [s.label for s in slots_of(parse_period("2025-Q3"), Reporting.MONTHLY)] == ["2025-07", "2025-08", "2025-09"]
    assert [s.label for s in slots_of(parse_period("2025-Q3"), Reporting.HALF_YEARLY)] == ["2025-Q3"]


def test_a_term_owes_a_figure_for_each_year_recorded_under_the_year() -> None:
    """A term is judged from yearly figures: its slots are recorded under their year, and a
    year planned both for itself and within the term is owed once."""
    slots = target_slots(tgt("t", ("2021-2025", "2025")))
    assert [(slot.label, period) for slot, period in slots] == [(str(y), str(y)) for y in range(2021, 2026)]
    quarterly = target_slots(tgt("q", ("2025-Q3",), Reporting.MONTHLY))
    assert [(slot.label, period) for slot, period in quarterly] == [(f"2025-{m:02d}", "2025-Q3") for m in (7, 8, 9)]


def test_a_slot_is_late_only_after_its_due_date() -> None:
    target = tgt("a", reporting=Reporting.QUARTERLY, due_days=10)  # Q1 due on 10 April
    history = EntryList([])
    assert list(owed_by(target, history, date(2025, 4, 10))) == []
    (late,) = owed_by(target, history, date(2025, 4, 11))
    assert (late.slot.label, late.period, late.due, late.days_late, late.reason) == (
        "2025-Q1", "2025", date(2025, 4, 10), 1, Reason.MISSING,
    )  # fmt: skip


def test_a_figure_stands_for_the_slots_ending_in_its_month() -> None:
    """A year-to-date figure dated 31 March stands for March and for the first quarter,
    never for the year; one dated in December stands for the year."""
    monthly, quarterly, yearly = (tgt(t, reporting=r) for t, r in
                                  (("m", Reporting.MONTHLY), ("q", Reporting.QUARTERLY), ("y", Reporting.YEARLY)))  # fmt: skip
    march = [fig(t, "2025-03-31") for t in "mqy"]
    day = date(2026, 1, 15)
    history = EntryList(march)
    assert "2025-03" not in [o.slot.label for o in owed_by(monthly, history, day)]
    assert [o.slot.label for o in owed_by(quarterly, history, day)] == ["2025-Q2", "2025-Q3", "2025-Q4"]
    assert [o.slot.label for o in owed_by(yearly, history, day)] == ["2025"]
    december = EntryList([fig("y", "2025-12-15", status=FigureStatus.OFFICIAL)])
    assert list(owed_by(yearly, december, day)) == []


def test_figures_only_ever_estimated_are_owed_an_official_one() -> None:
    target = tgt("a")
    estimate = fig("a", "2025-12-31", status=FigureStatus.ESTIMATE)
    preliminary = fig("a", "2025-12-31", status=FigureStatus.PRELIMINARY)
    (owed,) = owed_by(target, EntryList([estimate, preliminary]), date(2026, 2, 1))
    assert owed.reason is Reason.ESTIMATE_ONLY and owed.days_late == 32
    assert owed.figure is preliminary  # the figure that counts now (the later line of two)
    official = fig("a", "2025-12-31")
    assert list(owed_by(target, EntryList([estimate, official]), date(2026, 2, 1))) == []


def test_slots_not_yet_due_and_periods_outside_within_are_left_out() -> None:
    target = tgt("a", ("2024", "2025", "2026"), Reporting.HALF_YEARLY)
    owed = [o.slot.label for o in owed_by(target, EntryList([]), date(2025, 7, 1))]
    assert owed == ["2024-H1", "2024-H2", "2025-H1"]
    within = [o.slot.label for o in owed_by(target, EntryList([]), date(2025, 7, 1), parse_period("2025"))]
    assert within == ["2025-H1"]


def test_owed_figures_are_grouped_by_owner_in_plan_order_without_an_owner_last() -> None:
    plan = Plan("T", "O", "en", "2025", (
        tgt("a", owner=""), tgt("b", owner="Sở B", group="H"), tgt("c", owner="Sở C"), tgt("d", owner="Sở B"),
    ))  # fmt: skip
    day = date(2026, 1, 5)
    dues = find_due(plan, EntryList([fig("c", "2025-12-31")]), day)
    assert [(o.owner, [i.target.id for i in o.items]) for o in dues.owners] == [("Sở B", ["b", "d"]), ("", ["a"])]
    assert [o.owner for o in find_due(plan, EntryList([]), day, owner="sở b").owners] == ["Sở B"]
    assert [i.target.id for i in find_due(plan, EntryList([]), day, group="h").items] == ["b"]
    assert find_due(plan, EntryList([]), date(2025, 12, 31)).items == []


def test_a_milestone_reached_is_owed_nothing_from_then_on() -> None:
    """Recognised in June: the year's slot and every later month stand on that "yes"."""
    yearly, monthly = tgt("y", ("2024", "2025")), tgt("m", ("2024",), Reporting.MONTHLY)
    reached = [Entry(id=t, target=t, period="2024", value=True, as_of=date(2024, 6, 10)) for t in "ym"]
    assert list(owed_by(yearly, EntryList(reached), date(2026, 3, 1))) == []
    owed = [o.slot.label for o in owed_by(monthly, EntryList(reached), date(2026, 3, 1))]
    assert owed == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    not_yet = [Entry(id="n", target="y", period="2024", value=False, as_of=date(2024, 12, 31))]
    assert [o.slot.label for o in owed_by(yearly, EntryList(not_yet), date(2026, 3, 1))] == ["2025"]
