"""Figures that are due: which figure each target owes, by when, and which are late.

A target is reported ``monthly``, ``quarterly``, ``half-yearly`` or ``yearly`` (its
``reporting``) and a period's figure is due ``due_days`` after that period ends. Within
each period the target has a plan value for, every such reporting period ("slot") is
owed a figure: a live figure stands for a slot when it is dated in the slot's last month,
whatever period it is recorded under (a year-to-date figure dated 31 March stands for
March and for the first quarter, never for the year); a milestone's "yes" stands for
every slot from its date on. A slot whose
due date has passed is **missing** when no figure stands for it, and **estimate only**
when every figure that does is an estimate or preliminary: the official one is late.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import assert_never

from tracker.core.figures import latest
from tracker.core.history import History
from tracker.core.model import Entry, FigureStatus, Plan, Reporting, Target
from tracker.core.periods import Period
from tracker.core.report import same_name


class Reason(StrEnum):
    """Why a figure is listed as owed: machine names, stable in csv and json."""

    MISSING = "missing"  # no figure stands for the slot
    ESTIMATE_ONLY = "estimate_only"  # only estimates or preliminary figures do


@dataclass(frozen=True)
class Slot:
    """One reporting period a figure is owed for."""

    label: str  # 2025-03, 2025-Q1, 2025-H1, 2025, or a plan period's own label
    start: date
    end: date


@dataclass(frozen=True)
class Owed:
    """A figure that should have been recorded and is not (or only as an estimate)."""

    target: Target
    slot: Slot
    period: str  # the period its figure is recorded under (`record --period`)
    due: date
    days_late: int
    reason: Reason
    figure: Entry | None  # for an estimate only: the figure that stands for the slot now


@dataclass(frozen=True)
class OwnerDue:
    """What one owner (a department) owes, in plan order, oldest slot first."""

    owner: str  # "" for targets without an owner
    items: tuple[Owed, ...]


@dataclass(frozen=True)
class Dues:
    """Everything owed at a date, grouped by owner."""

    title: str
    title_en: str
    organisation: str
    as_of: date
    period: Period | None  # only slots within this period, when asked
    owners: tuple[OwnerDue, ...]

    def display_title(self, lang: str) -> str:
        """The title in the reader's language when the plan file gives one."""
        return self.title_en if lang == "en" and self.title_en else self.title

    @property
    def items(self) -> list[Owed]:
        """Every owed figure, owner by owner."""
        return [item for owner in self.owners for item in owner.items]


def find_due(
    plan: Plan,
    history: History,
    as_of: date,
    group: str | None = None,
    owner: str | None = None,
    within: Period | None = None,
) -> Dues:
    """Every figure owed at ``as_of`` (due before it) by the plan's targets, grouped by
    owner in the order owners first appear in the plan; ``group`` and ``owner`` keep
    only matching targets, ``within`` only slots inside that period."""
    by_owner: dict[str, list[Owed]] = {}
    for target in plan.targets:
        if (group and not same_name(target.group, group)) or (owner and not same_name(target.owner, owner)):
            continue
        owed = list(owed_by(target, history, as_of, within))
        if owed:
            by_owner.setdefault(target.owner, []).extend(owed)
    names = sorted(by_owner, key=lambda name: name == "")  # stable: plan order, no owner last
    return Dues(
        title=plan.title,
        title_en=plan.title_en,
        organisation=plan.organisation,
        as_of=as_of,
        period=within,
        owners=tuple(OwnerDue(name, tuple(by_owner[name])) for name in names),
    )


def owed_by(target: Target, history: History, as_of: date, within: Period | None = None) -> Iterator[Owed]:
    """The target's overdue slots at ``as_of``, oldest first."""
    wait = timedelta(days=target.due_days)
    late = [
        (slot, period, slot.end + wait)
        for slot, period in target_slots(target)
        if slot.end + wait < as_of and (within is None or within.start <= slot.start <= slot.end <= within.end)
    ]
    if not late:
        return
    by_month: dict[tuple[int, int], list[Entry]] = {}
    achieved: list[Entry] = []  # a milestone reached stays reached: no figure is owed after it
    for figure in history.entries(target.id):
        by_month.setdefault((figure.as_of.year, figure.as_of.month), []).append(figure)
        if figure.value is True:
            achieved.append(figure)
    for slot, period, due in late:
        standing = [*by_month.get((slot.end.year, slot.end.month), []), *(f for f in achieved if f.as_of <= slot.end)]
        if not standing:
            yield Owed(target, slot, period, due, (as_of - due).days, Reason.MISSING, None)
        elif all(f.status is not FigureStatus.OFFICIAL for f in standing):
            yield Owed(target, slot, period, due, (as_of - due).days, Reason.ESTIMATE_ONLY, latest(standing))


def target_slots(target: Target) -> list[tuple[Slot, str]]:
    """Every slot of every period the target has a plan value for, oldest first, each
    with the period its figure is recorded under: the year for a year or a term (a term
    is judged from yearly figures), else the plan's own period."""
    found: dict[str, tuple[Slot, str]] = {}
    # shortest period first: a slot of a year and of a term is recorded under the year
    for period in sorted(target.periods.values(), key=lambda p: (p.days, p.start)):
        under = None if period.kind in ("year", "span") else period.label
        for slot in slots_of(period, target.reporting):
            found.setdefault(slot.label, (slot, under or str(slot.end.year)))
    return sorted(found.values(), key=lambda pair: (pair[0].end, pair[0].start))


def slots_of(period: Period, reporting: Reporting) -> list[Slot]:
    """The reporting periods inside ``period``; the period itself when none fits (a
    quarter's plan reported yearly is owed once, at the quarter's end)."""
    step = _months(reporting)
    slots = []
    year, month = period.start.year, period.start.month
    first = month - (month - 1) % step  # slots start in January, April, July ...
    cursor = date(year, first, 1)
    while cursor <= period.end:
        end = _add_months(cursor, step) - timedelta(days=1)
        if cursor >= period.start and end <= period.end:
            slots.append(Slot(_label(cursor, reporting), cursor, end))
        cursor = _add_months(cursor, step)
    return slots or [Slot(period.label, period.start, period.end)]


def _months(reporting: Reporting) -> int:
    match reporting:
        case Reporting.MONTHLY:
            return 1
        case Reporting.QUARTERLY:
            return 3
        case Reporting.HALF_YEARLY:
            return 6
        case Reporting.YEARLY:
            return 12
        case _:
            assert_never(reporting)


def _label(start: date, reporting: Reporting) -> str:
    match reporting:
        case Reporting.MONTHLY:
            return f"{start.year}-{start.month:02d}"
        case Reporting.QUARTERLY:
            return f"{start.year}-Q{(start.month + 2) // 3}"
        case Reporting.HALF_YEARLY:
            return f"{start.year}-H{(start.month + 5) // 6}"
        case Reporting.YEARLY:
            return str(start.year)
        case _:
            assert_never(reporting)


def _add_months(day: date, months: int) -> date:
    index = day.month - 1 + months
    return date(day.year + index // 12, index % 12 + 1, 1)
