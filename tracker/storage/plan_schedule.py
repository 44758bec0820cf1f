"""Reading when figures are owed and how units' figures add up: ``reporting`` and
``due_days`` in ``[plan]``, in an ``[owners."NAME"]`` table and on a target, and a
target's ``rollup``.

A target's schedule is its own keys, else its owner's table, else ``[plan]``, else
yearly and due at the period's end. A wrong value is recorded on the checker (as
``FILE:LINE``) and read as if it were not there, so every problem of the file is
reported at once.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, TypeVar

from tracker.core.model import Reporting, Rollup, Target
from tracker.core.values import nfc
from tracker.messages import Msg, Text, closest, did_you_mean
from tracker.storage.plan_check import Checker

SCHEDULE_KEYS = {"reporting", "due_days"}  # in [plan], in an owner's table and on a target
TARGET_KEYS = SCHEDULE_KEYS | {"rollup"}  # what a target adds for this module
REPORTINGS = tuple(r.value for r in Reporting)  # in the order messages list them
_REPORTING_OF = {r.value: r for r in Reporting}
_ROLLUP_OF = {r.value: r for r in Rollup}
MAX_DUE_DAYS = 366  # a figure due more than a year after its period is no schedule

# What one table says, each None when it says nothing: (reporting, due_days).
Said = tuple[Reporting | None, int | None]


def schedules(check: Checker, document: dict[str, Any], meta: dict[str, Any], raw_targets: list[Any],
              targets: list[Target]) -> list[Target]:  # fmt: skip
    """The targets with their schedule and roll-up as the file says; the same list (no
    copy) when it says nothing of them."""
    plan_said = _said(check, None, meta, "[plan]")
    owners = _owners(check, document, targets)
    index_of = {table.get("id"): i for i, table in enumerate(raw_targets) if isinstance(table, dict)}
    if plan_said == (None, None) and not owners and not any(_mentions(t) for t in raw_targets):
        return targets
    out = []
    for target in targets:
        index = index_of.get(target.id)
        table = raw_targets[index] if index is not None else {}
        context = Msg("target {id!r}", id=target.id)
        own = _said(check, index, table, context) if index is not None else (None, None)
        owner = owners.get(nfc(target.owner).casefold(), (None, None))
        reporting = _first(own[0], owner[0], plan_said[0]) or Reporting.YEARLY
        due_days = _first(own[1], owner[1], plan_said[1]) or 0
        rollup = _rollup(check, index, table, context) if index is not None else None
        if (reporting, due_days, rollup) != (target.reporting, target.due_days, target.rollup):
            target = replace(target, reporting=reporting, due_days=due_days, rollup=rollup)
        out.append(target)
    return out


def _mentions(table: Any) -> bool:
    return isinstance(table, dict) and not TARGET_KEYS.isdisjoint(table)


_T = TypeVar("_T")


def _first(*values: _T | None) -> _T | None:
    return next((v for v in values if v is not None), None)


def _said(check: Checker, index: int | None, table: dict[str, Any], context: Text,
          keys: tuple[str, ...] = ()) -> Said:  # fmt: skip
    """``reporting`` and ``due_days`` of one table, each None when absent or wrong."""
    reporting: Reporting | None = None
    written = table.get("reporting")
    if written is not None:
        reporting = _REPORTING_OF.get(written) if isinstance(written, str) else None
        if reporting is None:
            check.error(index, (*keys, "reporting"),
                        Msg("'reporting' in {context} must be one of {choices}", context=context,
                            choices=", ".join(REPORTINGS)))  # fmt: skip
    due_days: int | None = None
    days = table.get("due_days")
    if days is not None:
        if isinstance(days, int) and not isinstance(days, bool) and 0 <= days <= MAX_DUE_DAYS:
            due_days = days
        else:
            check.error(index, (*keys, "due_days"),
                        Msg("'due_days' in {context} must be a whole number of days from 0 to {most}",
                            context=context, most=MAX_DUE_DAYS))  # fmt: skip
    return reporting, due_days


def _rollup(check: Checker, index: int, table: dict[str, Any], context: Text) -> Rollup | None:
    written = table.get("rollup")
    if written is None:
        return None
    rollup = _ROLLUP_OF.get(written) if isinstance(written, str) else None
    if rollup is None:
        check.error(index, ("rollup",), Msg("'rollup' in {context} must be 'sum'", context=context))
    return rollup


def _owners(check: Checker, document: dict[str, Any], targets: list[Target]) -> dict[str, Said]:
    """What each ``[owners."NAME"]`` table says, keyed by the owner's name as compared
    (case and Unicode form aside); an owner no target has is a mistake (a typo would
    otherwise be silently ignored)."""
    raw = document.get("owners")
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        check.error(None, ("owners",), Msg("'owners' must hold one table per owner: [owners.\"Sở Tài chính\"]"))
        return {}
    known = {nfc(t.owner).casefold(): t.owner for t in targets if t.owner}
    found: dict[str, Said] = {}
    for name, table in raw.items():
        context = Msg("[owners.{name}]", name=name)
        if not isinstance(table, dict):
            check.error(None, ("owners", name), Msg("{context} must be a table", context=context))
            continue
        check.unknown_keys(None, table, SCHEDULE_KEYS, context, (name,))
        said = _said(check, None, table, context, (name,))
        key = nfc(name.strip()).casefold()
        if key in known:
            found[key] = said
        else:
            hint = did_you_mean(closest(nfc(name), sorted(known.values()), cutoff=0.5))
            check.error(None, (name,), Msg("no target has the owner {owner!r}{hint}", owner=name, hint=hint))
    return found
