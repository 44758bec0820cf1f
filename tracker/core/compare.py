"""Many units side by side: the targets they share, each judged in each unit against
that unit's own plan, with the headline per unit and per target and, where a target
says so, a total over the units.

Targets are matched by id. A target the units measure in different units of measure
(tỷ đồng in one, triệu đồng in another) is refused, never compared. Each unit is
judged as `report` judges it, on a plan holding only the compared targets, so its
headline counts the same components its report would.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tracker.core.history import History
from tracker.core.judging import Assessment, assess
from tracker.core.model import MET_OR_EXCEEDED, Entry, FigureStatus, Plan, Rollup, Target
from tracker.core.periods import Period
from tracker.core.report import Row, Summary, build_report, same_name
from tracker.core.values import nfc


@dataclass(frozen=True)
class Unit:
    """One unit to compare: its name, its plan and its figures."""

    name: str
    plan: Plan
    history: History


@dataclass(frozen=True)
class UnitHeadline:
    """How one unit stands over the compared targets ("Lai Châu 39/43")."""

    name: str
    summary: Summary


@dataclass(frozen=True)
class Total:
    """The units' figures added up at one as-of date (``rollup = "sum"``)."""

    value: Decimal | None  # None when no unit has a figure
    as_of: date | None
    reported: int  # units whose figure at that date is in the total
    units: int  # units compared
    assessment: Assessment | None  # against the parent's plan, once every unit reported


@dataclass(frozen=True)
class Line:
    """One target across the units."""

    target: Target  # as the first unit's plan defines it
    depth: int  # 1 for a component under its parent
    cells: tuple[Row | None, ...]  # per unit, in the units' order; None: not in that unit's report
    met: int  # units where it met or exceeded the plan
    judged: int  # units where it was judged (a plan value with a good direction)
    total: Total | None = None


@dataclass(frozen=True)
class Refused:
    """A shared id the units measure differently: not compared."""

    target_id: str
    units: tuple[tuple[str, str], ...]  # (unit, its unit of measure), one per distinct measure


@dataclass(frozen=True)
class Comparison:
    """Units × targets for one period, ready to render."""

    title: str
    period: Period
    as_of: date
    units: tuple[UnitHeadline, ...]
    lines: tuple[Line, ...]
    refused: tuple[Refused, ...]
    parent: str = ""  # the parent plan's organisation or title, when totals are judged against it

    def groups(self) -> list[str]:
        """Group names in the order they first appear."""
        return list(dict.fromkeys(line.target.group for line in self.lines))


def compare(
    units: Sequence[Unit],
    period: Period,
    as_of: date,
    *,
    title: str = "",
    parent: Plan | None = None,
    group: str | None = None,
    owner: str | None = None,
    until: date | None = None,
    listed: int | None = None,
) -> Comparison:
    """Judge the targets ``units`` share, in each unit, for ``period`` as at ``as_of``;
    ``group`` and ``owner`` keep matching targets (as the first unit's plan says), a
    parent staying with a matching component; ``until`` leaves out later figures.
    ``listed`` is how many units were asked for (some may have been left out, broken):
    a total counts them all, so it never passes for complete without them."""
    reference = units[0].plan
    shared, refused = _shared(units)
    wanted = _wanted(reference, shared, group, owner)
    order = _order(reference, wanted)
    rows: list[dict[str, Row]] = []
    headlines = []
    for unit in units:
        sub = replace(unit.plan, targets=tuple(t for t in unit.plan.targets if t.id in wanted))
        report = build_report(sub, unit.history, period, as_of, until=until)
        rows.append({row.target.id: row for row in report.rows})
        headlines.append(UnitHeadline(unit.name, report.summary))
    lines = []
    for target, depth in order:
        cells = tuple(by_id.get(target.id) for by_id in rows)
        if all(cell is None for cell in cells):
            continue  # no unit has a plan value or a figure for the period
        judged = [cell for cell in cells if cell is not None and cell.assessment.judged]
        met = sum(1 for cell in judged if cell.status in MET_OR_EXCEEDED)
        total = None
        if target.rollup is Rollup.SUM:
            total = _total(target, units, parent, period, as_of, until, max(listed or 0, len(units)))
        lines.append(Line(target, depth, cells, met, len(judged), total))
    return Comparison(
        title=title,
        period=period,
        as_of=as_of,
        units=tuple(headlines),
        lines=tuple(lines),
        refused=tuple(refused),
        parent=(parent.organisation or parent.title) if parent is not None else "",
    )


def measure(unit_of_measure: str) -> str:
    """A unit of measure as compared: case, spacing and Unicode form aside."""
    return " ".join(nfc(unit_of_measure).casefold().split())


def _shared(units: Sequence[Unit]) -> tuple[set[str], list[Refused]]:
    """Ids every unit's plan has and measures alike; those measured differently, refused."""
    ids = set.intersection(*({t.id for t in unit.plan.targets} for unit in units))
    refused = []
    for target in units[0].plan.targets:
        if target.id not in ids:
            continue
        seen: dict[str, tuple[str, str]] = {}
        for unit in units:
            written = unit.plan.target(target.id)
            if written is not None:
                seen.setdefault(measure(written.unit), (unit.name, written.unit))
        if len(seen) > 1:
            refused.append(Refused(target.id, tuple(seen.values())))
            ids.discard(target.id)
    return ids, refused


def _wanted(reference: Plan, shared: set[str], group: str | None, owner: str | None) -> set[str]:
    """Shared ids matching the filters, with the parents of matching components."""
    matching = {
        t.id
        for t in reference.targets
        if t.id in shared and (not group or same_name(t.group, group)) and (not owner or same_name(t.owner, owner))
    }
    parents = {t.parent for t in reference.targets if t.id in matching and t.parent in shared}
    return matching | {p for p in parents if p is not None}


def _order(reference: Plan, wanted: set[str]) -> list[tuple[Target, int]]:
    """The wanted targets as a report orders them: blocks of a target and its components,
    groups in order of first appearance."""
    blocks: list[list[tuple[Target, int]]] = []
    for target in reference.targets:
        if target.id not in wanted or (target.parent and target.parent in wanted):
            continue
        kids = [(c, 1) for c in reference.components(target.id) if c.id in wanted]
        blocks.append([(target, 0), *kids])
    groups = list(dict.fromkeys(block[0][0].group for block in blocks))
    blocks.sort(key=lambda block: groups.index(block[0][0].group))
    return [pair for block in blocks for pair in block]


_WORST_FIRST = (FigureStatus.ESTIMATE, FigureStatus.PRELIMINARY, FigureStatus.OFFICIAL)


def _total(target: Target, units: Sequence[Unit], parent: Plan | None, period: Period, as_of: date,
           until: date | None, listed: int) -> Total:  # fmt: skip
    """The sum of the units' latest figures dated the latest date any unit reported, and
    how many units that is: a unit whose latest figure is older is not in the total, and
    the total is judged against the parent's plan only once every unit is in it."""
    winners: list[Entry] = []
    for unit in units:
        figure = unit.history.winners(target.id, [period.label], until).get(period.label)
        # Only numbers add up: a unit whose figure is yes/no, a range ("61-62") or a word is
        # left out of the total, as a unit without a figure is (the total says x/y units).
        if figure is not None and isinstance(figure.value, Decimal):
            winners.append(figure)
    if not winners:
        return Total(None, None, 0, listed, None)
    day = max(figure.as_of for figure in winners)
    summed = [figure for figure in winners if figure.as_of == day]
    value = sum((figure.value for figure in summed if isinstance(figure.value, Decimal)), Decimal(0))  # all are
    judged = None
    own = parent.target(target.id) if parent is not None else None
    if own is not None and len(summed) == listed and measure(own.unit) == measure(target.unit):
        status = min((f.status for f in summed), key=_WORST_FIRST.index)  # as final as its least final figure
        figure = Entry(id="", target=own.id, period=period.label, value=value, as_of=day, status=status)
        judged = assess(own, period, [figure], as_of)
    return Total(value, day, len(summed), listed, judged)
