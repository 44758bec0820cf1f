"""Unit tests of the plan/log consistency check (tracker.core.consistency): plain values, no files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.core.consistency import find_problems
from tracker.core.model import Entry, Plan, PlanValue, Retraction, Shape, Target
from tracker.core.periods import parse_period
from tracker.messages import Msg

PLAN = Plan(
    title="Plan", organisation="", language="en", default_period="2025",
    targets=(
        Target(id="growth", name="Growth", group="economy", unit="%",
               plans={"2025": PlanValue(Shape.AT_LEAST, value=Decimal(8))}, periods={"2025": parse_period("2025")}),
        Target(id="level3", name="Level 3", group="admin", unit="",
               plans={"2025": PlanValue(Shape.MILESTONE)}, periods={"2025": parse_period("2025")}),
    ),
)  # fmt: skip


def _entry(id: str, target: str = "growth", period: str = "2025", value: object = Decimal(8),
           as_of: date = date(2025, 3, 31)) -> Entry:  # fmt: skip
    return Entry(id=id, target=target, period=period, value=value, as_of=as_of)  # type: ignore[arg-type]


def _said(entries: list[Entry], retractions: list[Retraction] | None = None, **bounds: tuple[int, Msg]) -> list[str]:
    found = find_problems(lambda: PLAN, entries, retractions or [], "log.jsonl", bounds)
    return [problem if isinstance(problem, str) else problem.render("en") for problem in found]


def test_a_log_that_agrees_with_the_plan_has_no_problems() -> None:
    """Good entries and a retraction of a logged entry: nothing to say."""
    assert _said([_entry("a"), _entry("b", "level3", value=True)], [Retraction(id="r", retracts="a")]) == []


def test_each_kind_of_disagreement_is_said_in_log_order() -> None:
    """Unknown target, bad period, as-of outside the period, wrong kind of value, then retractions."""
    assert _said(
        [
            _entry("a", "nope"),
            _entry("b", period="2025-13"),
            _entry("c", as_of=date(2024, 1, 1)),
            _entry("d", "level3"),
        ],
        [Retraction(id="r", retracts="gone")],
    ) == [
        "log.jsonl: entry a: unknown target 'nope'",
        "log.jsonl: entry b: not a period: '2025-13'",
        "log.jsonl: entry c: as-of 2024-01-01 is outside period 2025",
        "log.jsonl: entry d: level3 takes yes or no",
        "log.jsonl: retraction r: no entry 'gone'",
    ]


def test_a_figure_out_of_bounds_is_said_at_its_line_before_the_entrys_other_problems() -> None:
    """The storage finds the line; the core places it with the entry."""
    found = _said([_entry("a", "nope")], a=(7, Msg("too large")))
    assert found == ["log.jsonl:7: entry a: value: too large", "log.jsonl: entry a: unknown target 'nope'"]


def test_a_log_of_retractions_alone_is_checked_without_loading_the_plan() -> None:
    """The plan is asked for only when an entry needs it, as `tracker check` always did."""

    def no_plan() -> Plan:
        raise AssertionError("the plan was loaded")

    found = find_problems(no_plan, [], [Retraction(id="r", retracts="x")], "log.jsonl")
    assert [p.render("en") if isinstance(p, Msg) else p for p in found] == ["log.jsonl: retraction r: no entry 'x'"]
