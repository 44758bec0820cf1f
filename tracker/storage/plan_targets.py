"""Reading one ``[[target]]`` of the plan file: its keys, and its plan values by period.

A wrong key is recorded on the checker and read as a default, so every problem of the
file is reported at once; a target without id, name or group is read as None.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from tracker.core.model import ChangeKind, PlanValue, Target, TermMethod
from tracker.core.periods import Period, PeriodError, parse_period
from tracker.core.verdicts import change_kind_for_unit
from tracker.messages import Msg, Text
from tracker.storage.plan_check import Checker
from tracker.storage.plan_values import number, parse_plan_value

TARGET_KEYS = {
    "id", "name", "name_en", "group", "unit", "parent", "owner", "source",
    "accumulates", "change", "note", "plan", "term",
    "reporting", "due_days", "rollup",  # read by plan_schedule
    "counted",  # false: shown and judged, never counted in a headline
    "basically_met",
}  # fmt: skip
TERM_METHODS = tuple(method.value for method in TermMethod)  # in the order messages list them
_METHOD_OF = {method.value: method for method in TermMethod}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def parse_target(check: Checker, index: int, table: Any, basically_met: Decimal = Decimal(0)) -> Target | None:
    """Target ``index`` of the file; None when it cannot be one (its problems recorded).
    ``basically_met`` is the plan's share, which the target's own key overrides."""
    if not isinstance(table, dict):
        check.error(index, (), Msg("a [[target]] must be a table"))
        return None
    target_id = table.get("id")
    context = (
        Msg("target {id!r}", id=target_id) if isinstance(target_id, str) else Msg("target #{number}", number=index + 1)
    )
    check.unknown_keys(index, table, TARGET_KEYS, context)
    tid = check.text(index, table, "id", context, required=True)
    if tid and not _ID.match(tid):
        check.error(index, ("id",), Msg("id {id!r} may hold only letters, digits, '_', '-' and '.'", id=tid))
    name = check.text(index, table, "name", context, required=True)
    group = check.text(index, table, "group", context, required=True)
    unit = check.text(index, table, "unit", context)
    accumulates = _accumulates(check, index, table)
    counted = _counted(check, index, table)
    change = _change(check, index, table, unit)
    term = _term(check, index, table, accumulates)
    plans, periods = _plan_values(check, index, table, context)
    if "basically_met" in table:
        basically_met = basically_met_share(check, index, table["basically_met"])
    if not tid or not name or not group:
        return None
    return Target(
        id=tid,
        name=name,
        name_en=check.text(index, table, "name_en", context),
        group=group,
        unit=unit,
        parent=check.text(index, table, "parent", context) or None,
        owner=check.text(index, table, "owner", context),
        source=check.text(index, table, "source", context),
        accumulates=accumulates,
        change=change,
        term=term,
        note=check.text(index, table, "note", context),
        plans=plans,
        periods=periods,
        counted=counted,
        basically_met=basically_met,
    )


def _counted(check: Checker, index: int, table: dict[str, Any]) -> bool:
    """Part of the headline count (true, the default), or tracked without being counted."""
    counted = table.get("counted", True)
    if not isinstance(counted, bool):
        check.error(index, ("counted",), Msg("'counted' must be true or false"))
        return True
    return counted


def basically_met_share(check: Checker, index: int | None, raw: Any) -> Decimal:
    """``basically_met = 0.05``: the share of the plan value a final miss may be and read
    "cơ bản đạt", 0 (off) up to but not including 1; 0 when wrong (the problem recorded)."""
    share = number(raw)  # finite only: nan would not compare, inf is no share
    if share is None or not 0 <= share < 1:
        message = Msg("'basically_met' is a share of the plan value from 0 up to 1, e.g. 0.05")
        check.error(index, ("basically_met",), message)
        return Decimal(0)
    return share


def _accumulates(check: Checker, index: int, table: dict[str, Any]) -> bool:
    """A year-to-date flow (true) or a level (false, the default)."""
    accumulates = table.get("accumulates", False)
    if not isinstance(accumulates, bool):
        check.error(index, ("accumulates",), Msg("'accumulates' must be true or false"))
        return False
    return accumulates


def _change(check: Checker, index: int, table: dict[str, Any], unit: str) -> ChangeKind:
    """How a figure is compared with last year: as written, else as the unit says."""
    written = table.get("change")
    if written is None:
        return change_kind_for_unit(unit)
    try:
        return ChangeKind(written)
    except ValueError:
        check.error(index, ("change",), Msg("'change' must be 'relative' or 'points'"))
        return change_kind_for_unit(unit)


def _term(check: Checker, index: int, table: dict[str, Any], accumulates: bool) -> TermMethod:
    """How yearly figures make a term value: as written, else a sum for a flow and the
    latest level for a level."""
    written = table.get("term", TermMethod.SUM if accumulates else TermMethod.LATEST)
    method = _METHOD_OF.get(written) if isinstance(written, str) else None
    if method is None:
        check.error(index, ("term",), Msg("'term' must be one of {methods}", methods=", ".join(TERM_METHODS)))
        return TermMethod.LATEST
    return method


def _plan_values(
    check: Checker, index: int, table: dict[str, Any], context: Text
) -> tuple[dict[str, PlanValue], dict[str, Period]]:
    """The target's plan values and their periods, keyed by period label as parsed
    (so 2025-q3 and 2025-Q3 are one period)."""
    plans: dict[str, PlanValue] = {}
    periods: dict[str, Period] = {}
    raw_plans = table.get("plan", {})
    if not isinstance(raw_plans, dict):
        check.error(index, ("plan",), Msg("'plan' of {context} must be a table of period = {{ ... }}", context=context))
        raw_plans = {}
    for label, spec in raw_plans.items():
        try:
            period = parse_period(label)
        except PeriodError as exc:
            check.error(index, ("plan", label), Msg("{context}: {detail}", context=context, detail=exc.message))
            continue
        if period.label in plans:
            check.error(
                index,
                ("plan", label),
                Msg("{context}: period {period} is given twice", context=context, period=period.label),
            )
            continue
        value = parse_plan_value(check, index, context, label, spec)
        if value is not None:
            plans[period.label] = value
            periods[period.label] = period
    return plans, periods
