"""Units side by side (tracker.core.compare): shared targets matched by id, measured alike,
ordered and counted as a report counts them, and totals over units."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.core.compare import Unit, compare, measure
from tracker.core.history import EntryList
from tracker.core.model import Entry, FigureStatus, Plan, PlanValue, Rollup, Shape, Status, Target
from tracker.core.periods import parse_period

Y2025 = parse_period("2025")
AS_OF = date(2026, 2, 1)


def tgt(tid: str, group: str = "G", unit: str = "%", parent: str | None = None, plan: str | None = "10",
        rollup: Rollup | None = None) -> Target:  # fmt: skip
    plans = {"2025": PlanValue(Shape.AT_LEAST, value=Decimal(plan))} if plan else {}
    return Target(id=tid, name=tid, group=group, unit=unit, parent=parent, plans=plans,
                  periods={p: parse_period(p) for p in plans}, rollup=rollup)  # fmt: skip


def fig(tid: str, value: str, as_of: str = "2025-12-31", status: FigureStatus = FigureStatus.OFFICIAL) -> Entry:
    return Entry(id=f"{tid}{value}{as_of}", target=tid, period="2025", value=Decimal(value),
                 as_of=date.fromisoformat(as_of), status=status)  # fmt: skip


def unit(name: str, targets: list[Target], figures: list[Entry]) -> Unit:
    return Unit(name, Plan(f"Plan {name}", name, "en", "2025", tuple(targets)), EntryList(figures))


def test_units_of_measure_match_whatever_the_case_spacing_or_unicode_form() -> None:
    assert measure(" Tỷ  đồng ") == measure("tỷ đồng") == measure("ty\u0309 đồng")
    assert measure("tỷ đồng") != measure("triệu đồng")


def test_only_shared_ids_measured_alike_are_compared_in_the_first_units_order() -> None:
    a = unit("A", [tgt("x", "Society"), tgt("y"), tgt("own_a"), tgt("money", unit="tỷ đồng")], [fig("y", "12")])
    b = unit("B", [tgt("money", unit="triệu đồng"), tgt("y"), tgt("x", "Society")], [fig("y", "8")])
    result = compare([a, b], Y2025, AS_OF)
    assert [line.target.id for line in result.lines] == ["x", "y"]  # groups in order of first appearance
    assert [(r.target_id, r.units) for r in result.refused] == [("money", (("A", "tỷ đồng"), ("B", "triệu đồng")))]
    y = result.lines[1]
    assert [cell.status if cell else None for cell in y.cells] == [Status.EXCEEDED, Status.NOT_MET]
    assert (y.met, y.judged) == (1, 2)
    assert [(u.name, u.summary.met_or_exceeded, u.summary.total) for u in result.units] == [("A", 1, 2), ("B", 0, 2)]


def test_a_unit_without_a_plan_value_has_an_empty_cell_and_is_not_counted_for_the_target() -> None:
    a = unit("A", [tgt("x")], [fig("x", "11")])
    b = unit("B", [tgt("x", plan=None)], [])
    (line,) = compare([a, b], Y2025, AS_OF).lines
    assert line.cells[1] is None and (line.met, line.judged) == (1, 1)


def test_components_are_counted_as_a_report_counts_them_and_sit_under_their_parent() -> None:
    targets = [tgt("edu", plan=None), tgt("other"), tgt("edu_1", parent="edu"), tgt("edu_2", parent="edu")]
    a = unit("A", targets, [fig("edu_1", "10"), fig("edu_2", "9"), fig("other", "10")])
    result = compare([a, unit("B", targets, [])], Y2025, AS_OF)
    assert [(line.target.id, line.depth) for line in result.lines] == [("edu", 0), ("edu_1", 1), ("edu_2", 1),
                                                                         ("other", 0)]  # fmt: skip
    assert (result.units[0].summary.met_or_exceeded, result.units[0].summary.total) == (2, 3)  # edu_1, edu_2, other
    only = compare([a, unit("B", targets, [])], Y2025, AS_OF, group="nothing-matches")
    assert only.lines == ()


def test_a_total_adds_the_latest_figures_at_the_latest_date_and_is_judged_once_complete() -> None:
    flows = [tgt("rev", unit="tỷ đồng", rollup=Rollup.SUM)]
    parent = Plan("Province", "Tỉnh", "en", "2025", (tgt("rev", unit="tỷ đồng", plan="25"),))
    a = unit("A", flows, [fig("rev", "12"), fig("rev", "5", "2025-06-30")])
    b = unit("B", flows, [fig("rev", "14", status=FigureStatus.ESTIMATE)])
    (line,) = compare([a, b], Y2025, AS_OF, parent=parent).lines
    total = line.total
    assert total is not None and total.assessment is not None
    assert (total.value, total.as_of, total.reported, total.units) == (Decimal(26), date(2025, 12, 31), 2, 2)
    assert total.assessment.status is Status.EXCEEDED and total.assessment.plan == parent.targets[0].plans["2025"]
    assert total.assessment.actual is not None and total.assessment.actual.status is FigureStatus.ESTIMATE
    late = unit("B", flows, [fig("rev", "14", "2025-11-30")])  # B's latest is older: not in the sum
    (line,) = compare([a, late], Y2025, AS_OF, parent=parent).lines
    assert line.total is not None and (line.total.value, line.total.reported, line.total.assessment) == (
        Decimal(12), 1, None,
    )  # fmt: skip
    (line,) = compare([a, b], Y2025, AS_OF, parent=parent, listed=3).lines  # a third unit could not be read
    assert line.total is not None and (line.total.reported, line.total.units, line.total.assessment) == (2, 3, None)
    (line,) = compare([unit("A", flows, []), unit("B", flows, [])], Y2025, AS_OF).lines
    assert line.total is not None and (line.total.value, line.total.reported) == (None, 0)
