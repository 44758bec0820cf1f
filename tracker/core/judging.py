"""Plan against actual: verdict, % of plan, change on last year, in-year pace.

All arithmetic is done on ``Decimal``, so a boundary is judged exactly: 41.85 against a
plan of 41.85 is met, and 0.1 + 0.2 against 0.3 is met.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, localcontext
from enum import StrEnum

from tracker.core.model import (
    Better,
    ChangeKind,
    Entry,
    FigureStatus,
    PlanValue,
    Shape,
    Target,
    Value,
    decimal_places,
)
from tracker.core.periods import (
    Period,
    elapsed_share,
    parse_period,
    same_period_last_year,
    shift_years,
)
from tracker.core.terms import TermProgress, open_sdg, target_value, term_value
from tracker.core.values import is_figure

HUNDRED = Decimal(100)
# In-year, a projection that misses the plan by at most this share of the plan value is
# "at risk" rather than "off track".
AT_RISK_MARGIN = Decimal("0.10")
# A figure of the previous period counts as "the same point last year" when it is dated
# at most this many days before the same calendar day a year earlier.
SAME_POINT_DAYS = 31


class Status(StrEnum):
    """Machine status names, stable in csv and json."""

    EXCEEDED = "exceeded"
    MET = "met"
    NOT_MET = "not_met"
    NO_DATA = "no_data"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_JUDGED = "not_judged"  # a neutral figure: shown, never counted


MET_OR_EXCEEDED = frozenset({Status.EXCEEDED, Status.MET})
# Statuses that `report --check` treats as a problem.
TROUBLE = frozenset({Status.NOT_MET, Status.AT_RISK, Status.OFF_TRACK})


def verdict(plan: PlanValue, actual: Value) -> Status:
    """Judge one figure against one plan value.

    Beyond the bound on the good side is "exceeded", exactly on an inclusive bound or
    point is "met", anything else "not met". A strict bound ("trên 5") is not met by 5.
    """
    if plan.shape is Shape.MILESTONE:
        return Status.MET if actual is True else Status.NOT_MET
    if isinstance(actual, bool):
        return Status.NOT_MET
    if not plan.is_judged:
        return Status.NOT_JUDGED
    # Compared, never subtracted: a figure of any size is judged without arithmetic.
    sign = 1 if plan.better is Better.HIGHER else -1
    if plan.shape is Shape.POINT:
        return _beyond(sign * _compare(actual, _v(plan.value)), on_bound=Status.MET)
    if plan.shape is Shape.AT_LEAST:
        return _beyond(_compare(actual, _v(plan.value)), on_bound=_bound(plan))
    if plan.shape is Shape.AT_MOST:
        return _beyond(_compare(_v(plan.value), actual), on_bound=_bound(plan))
    if plan.shape is Shape.RANGE:
        low, high = _v(plan.low), _v(plan.high)
        if low <= actual <= high:
            return Status.MET
        good_side = actual > high if plan.better is Better.HIGHER else actual < low
        return Status.EXCEEDED if good_side else Status.NOT_MET
    # about: inside the tolerance is met, outside judged by the good direction
    centre, tolerance = _v(plan.value), _v(plan.tolerance)
    if centre - tolerance <= actual <= centre + tolerance:  # exact for plan values within the bounds
        return Status.MET
    return Status.EXCEEDED if sign * _compare(actual, centre) > 0 else Status.NOT_MET


def _compare(a: Decimal, b: Decimal) -> int:
    """-1, 0 or 1 as ``a`` is below, equal to or above ``b``."""
    return (a > b) - (a < b)


def _v(number: Decimal | None) -> Decimal:
    if number is None:  # the plan loader guarantees the fields a shape needs
        raise ValueError("plan value is missing a number for its shape")
    return number


def _bound(plan: PlanValue) -> Status:
    return Status.NOT_MET if plan.strict else Status.MET


def _beyond(margin: int, on_bound: Status) -> Status:
    if margin > 0:
        return Status.EXCEEDED
    if margin == 0:
        return on_bound
    return Status.NOT_MET


def percent_of_plan(plan: PlanValue, actual: Value | None) -> Decimal | None:
    """actual ÷ plan × 100, or None when it has no meaning.

    The plan figure is the point, the bound, or for a range the end that must be reached.
    For a lower-is-better target a figure under 100 is better than plan.
    """
    reference = plan.reference
    if actual is None or isinstance(actual, bool) or reference is None or reference == 0:
        return None
    return actual / reference * HUNDRED


def change_kind_for_unit(unit: str) -> ChangeKind:
    """Rates are compared in percentage points, amounts in relative %.

    A unit is a rate when it is or starts with "%" ("%", "%/năm") or names points.
    """
    text = unit.strip().lower()
    if text.startswith("%") or "điểm" in text or "point" in text:
        return ChangeKind.POINTS
    return ChangeKind.RELATIVE


def change(current: Value, previous: Value | None, kind: ChangeKind) -> Decimal | None:
    """Change on the same period last year, in points or in relative %."""
    if previous is None or isinstance(current, bool) or isinstance(previous, bool):
        return None
    if kind is ChangeKind.POINTS:
        return current - previous
    if previous == 0:
        return None
    return (current - previous) / abs(previous) * HUNDRED


def latest(entries: Iterable[Entry]) -> Entry | None:
    """The entry that wins among revisions: latest as-of date, then latest recording.

    Entries without a recording time (hand-written) rank as recorded earliest; file
    order breaks any remaining tie, the later line winning.
    """
    best: Entry | None = None
    best_key: tuple[date, datetime] | None = None
    for entry in entries:
        key = (entry.as_of, _instant(entry.recorded_at))
        if best_key is None or key >= best_key:
            best, best_key = entry, key
    return best


_EARLIEST = datetime.min.replace(tzinfo=UTC)


def _instant(moment: datetime | None) -> datetime:
    """A recording time comparable with any other: UTC, a time without zone read as UTC."""
    if moment is None:
        return _EARLIEST
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@dataclass(frozen=True)
class Pace:
    """How a running period is going."""

    status: Status  # on_track, at_risk or off_track
    expected_share: Decimal | None  # share of the plan expected by the figure's date
    projected: Decimal | None  # end-of-period value at the pace so far (accumulating only)
    needed: Decimal | None = None  # what the rest of the period must still deliver
    needed_change: Decimal | None = None  # that amount against the same months last year, %


@dataclass(frozen=True)
class Assessment:
    """One target judged for one period: every number a report needs."""

    target: Target
    period: Period
    plan: PlanValue | None
    actual: Entry | None
    status: Status
    computed_status: Status
    reported: bool  # True when a recorded verdict overrides the computed one
    percent_of_plan: Decimal | None
    previous: Entry | None
    change: Decimal | None
    change_kind: ChangeKind
    running: bool  # the period had not ended at the as-of date
    pace: Pace | None
    term: TermProgress | None = None  # a term target judged from its yearly figures

    @property
    def judged(self) -> bool:
        """Counted in the headline: a plan exists and it has a good direction."""
        return self.plan is not None and self.plan.is_judged


def assess(target: Target, period: Period, entries: Iterable[Entry], as_of: date) -> Assessment:
    """Judge ``target`` for ``period`` from its (non-retracted) entries, as at ``as_of``.

    The period counts as running while both the as-of date and the latest figure's date
    are before its end; an accumulating figure dated before the end is year-to-date, so
    it is projected linearly to the end even after the period is over.
    """
    own = [e for e in entries if e.target == target.id]
    if not _within_bounds(own, period):
        return _compared_only(target, period, own, as_of)
    actual = latest(e for e in own if e.period == period.label)
    plan = target.plans.get(period.label)
    if actual is None and period.kind == "span" and plan is not None:
        term = assess_term(target, period, plan, own, as_of)
        if term is not None:
            return term
    previous = _same_point_last_year(own, period, actual)
    delta = change(actual.value, previous.value if previous else None, target.change) if actual else None
    # Running while the as-of date is before the period's end and no figure covers the
    # whole period yet; once the period is over the latest figure is judged as final.
    running = as_of < period.end and (actual is None or actual.as_of < period.end)

    pace: Pace | None = None
    if plan is None:
        computed = Status.NO_DATA if actual is None else Status.NOT_JUDGED
    elif actual is None:
        computed = Status.NO_DATA
    elif running and not (plan.shape is Shape.MILESTONE and actual.value is True):
        pace = _pace(target, plan, period, actual, own)
        computed = pace.status
    else:
        computed = verdict(plan, actual.value)

    reported = bool(actual and actual.verdict)
    status = Status(actual.verdict) if actual and reported else computed
    return Assessment(
        target=target,
        period=period,
        plan=plan,
        actual=actual,
        status=status,
        computed_status=computed,
        reported=reported,
        percent_of_plan=percent_of_plan(plan, actual.value if actual else None) if plan else None,
        previous=previous,
        change=delta,
        change_kind=target.change,
        running=running,
        pace=pace,
    )


def _within_bounds(own: list[Entry], period: Period) -> bool:
    """Every figure judging ``period`` may compute with keeps the bounds of ``is_figure``:
    the period's, last year's and, for a term, each year's and the year before's."""
    labels = {period.label, same_period_last_year(period).label}
    if period.kind == "span":
        labels.update(str(year) for year in range(period.start.year - 1, period.end.year + 1))
    return all(is_figure(e.value) for e in own if e.period in labels and not isinstance(e.value, bool))


def _compared_only(target: Target, period: Period, own: list[Entry], as_of: date) -> Assessment:
    """Judge a target one of whose figures is outside the bounds of ``is_figure`` (only a
    log written by an older version, or edited by hand, holds one): the latest figure is
    compared with the plan, and nothing is computed from the figures (no % of plan, change,
    pace or term trend), so no size of number can make a report fail or hang."""
    actual = latest(e for e in own if e.period == period.label)
    plan = target.plans.get(period.label)
    running = as_of < period.end and (actual is None or actual.as_of < period.end)
    if plan is None:
        computed = Status.NO_DATA if actual is None else Status.NOT_JUDGED
    elif actual is None:
        computed = Status.NO_DATA
    else:
        computed = verdict(plan, actual.value)
        if running and plan.is_judged and plan.shape is not Shape.MILESTONE:
            computed = Status.ON_TRACK if computed in MET_OR_EXCEEDED else Status.OFF_TRACK
    reported = bool(actual and actual.verdict)
    return Assessment(
        target=target,
        period=period,
        plan=plan,
        actual=actual,
        status=Status(actual.verdict) if actual and reported else computed,
        computed_status=computed,
        reported=reported,
        percent_of_plan=None,
        previous=None,
        change=None,
        change_kind=target.change,
        running=running,
        pace=None,
    )


def _same_point_last_year(own: list[Entry], period: Period, actual: Entry | None) -> Entry | None:
    """The figure for the same period last year at the same point in that period
    ("cùng kỳ"): the latest one dated within a month before the same day a year earlier.
    A first-half figure is never compared with a full-year one."""
    if actual is None:
        return None
    before = same_period_last_year(period).label
    shifted = period.end.year - parse_period(before).end.year
    cutoff = shift_years(actual.as_of, -shifted)
    earliest = cutoff - timedelta(days=SAME_POINT_DAYS)
    return latest(e for e in own if e.period == before and earliest <= e.as_of <= cutoff)


def _pace(target: Target, plan: PlanValue, period: Period, actual: Entry, own: list[Entry]) -> Pace:
    if plan.shape is Shape.MILESTONE:  # not achieved yet: an achieved one is judged met
        return Pace(Status.AT_RISK, None, None)
    value = actual.value
    if isinstance(value, bool) or not plan.is_judged:
        return Pace(Status.NOT_JUDGED, None, None)
    expected = projected = needed = needed_change = None
    if target.accumulates:
        expected = elapsed_share(period, actual.as_of)
        projected = value / expected if expected else None
        needed, needed_change = _still_needed(plan, period, actual, own)
        value = projected if projected is not None else value
    return Pace(_pace_status(plan, value), expected, projected, needed, needed_change)


def _still_needed(
    plan: PlanValue, period: Period, actual: Entry, own: list[Entry]
) -> tuple[Decimal | None, Decimal | None]:
    """What the rest of the period must deliver to reach the plan, and how that compares
    with the same months last year (last year's total less its figure at this point)."""
    reference = plan.reference
    if reference is None or isinstance(actual.value, bool) or plan.better is not Better.HIGHER:
        return None, None
    needed = max(reference - actual.value, Decimal(0))
    before = same_period_last_year(period)
    last_total = latest(e for e in own if e.period == before.label and e.as_of >= before.end)
    last_point = _same_point_last_year(own, period, actual)
    if last_total is None or last_point is None:
        return needed, None
    rest = last_total.value - last_point.value
    if isinstance(rest, bool) or rest <= 0:
        return needed, None
    return needed, (needed / rest - 1) * HUNDRED


def _pace_status(plan: PlanValue, value: Decimal) -> Status:
    if verdict(plan, value) in MET_OR_EXCEEDED:
        return Status.ON_TRACK
    reference = plan.reference
    if reference is None or reference == 0:
        return Status.OFF_TRACK
    # the bound the value failed: the reference for every shape but "about"
    bound = reference
    if plan.shape is Shape.ABOUT and plan.value is not None and plan.tolerance is not None:
        bound = plan.value - plan.tolerance if value < plan.value else plan.value + plan.tolerance
    miss = abs(value - bound) / abs(reference)
    return Status.AT_RISK if miss <= AT_RISK_MARGIN else Status.OFF_TRACK


_FINALITY = {FigureStatus.ESTIMATE: 0, FigureStatus.PRELIMINARY: 1, FigureStatus.OFFICIAL: 2}
_CATEGORY_STATUS = {
    "on_track": Status.ON_TRACK,
    "needs_acceleration": Status.AT_RISK,
    "limited_progress": Status.OFF_TRACK,
    "deterioration": Status.OFF_TRACK,
}
_STATUS_CATEGORY = {
    Status.ON_TRACK: "on_track",
    Status.AT_RISK: "needs_acceleration",
    Status.OFF_TRACK: "limited_progress",
}


def assess_term(target: Target, period: Period, plan: PlanValue, own: list[Entry], as_of: date) -> Assessment | None:
    """Judge a term target from its yearly figures (see ``tracker.core.terms``).

    None when there is no yearly figure to judge from. The derived figure appears as an
    entry without an id, as final as the least final figure it was made from.
    """
    yearly: list[Entry] = []
    values: list[Decimal] = []  # the figures' values, kept apart once narrowed to numbers
    for year in period.years():
        figure = latest(e for e in own if e.period == str(year))
        if figure is not None and not isinstance(figure.value, bool):
            yearly.append(figure)
            values.append(figure.value)
    if not yearly or plan.shape is Shape.MILESTONE:
        return None
    try:
        value = term_value(target.term, values)
    except ValueError:
        return None
    if target.term in ("mean", "compound"):  # an average: one digit more than its inputs
        places = max([plan.decimals] + [decimal_places(v) for v in values]) + 1
        with localcontext() as exact:  # 18 digits before the point and 11 after: more than 28
            exact.prec = max(value.adjusted(), 0) + places + 2
            value = value.quantize(Decimal(1).scaleb(-places))
    last = max(yearly, key=lambda e: e.as_of)
    derived = Entry(
        id="",
        target=target.id,
        period=period.label,
        value=value,
        as_of=last.as_of,
        status=min((e.status for e in yearly), key=_FINALITY.__getitem__),
    )
    figures = tuple((int(e.period), v) for e, v in zip(yearly, values, strict=True))
    # Final only once every year of the term has a figure, the last one covering its
    # year; a term judged from some of its years is still in progress.
    complete = last.as_of >= period.end and (target.term == "latest" or len(yearly) == len(period.years()))
    running = not complete
    final = verdict(plan, value)
    pace: Pace | None = None
    if not running:
        status, category = final, "achieved" if final in MET_OR_EXCEEDED else "not_achieved"
        progress = TermProgress(target.term, figures, value, category)
    elif target.term == "latest":
        progress = _trend(target, period, plan, own, figures, value)
        status = final if progress.category == "achieved" else _CATEGORY_STATUS.get(progress.category, Status.NO_DATA)
        if progress.category == "insufficient_data":
            status = _pace_status(plan, value)
    elif target.term == "sum":
        share = elapsed_share(period, last.as_of)
        projected = value / share if share else value
        status = _pace_status(plan, projected)
        pace = Pace(status, share, projected)
        progress = TermProgress("sum", figures, value, _STATUS_CATEGORY[status], projected=projected)
    else:
        status = _pace_status(plan, value)
        progress = TermProgress(target.term, figures, value, _STATUS_CATEGORY[status])
    return Assessment(
        target=target,
        period=period,
        plan=plan,
        actual=derived,
        status=status,
        computed_status=status,
        reported=False,
        percent_of_plan=percent_of_plan(plan, value),
        previous=None,
        change=None,
        change_kind=target.change,
        running=running,
        pace=pace,
        term=progress,
    )


def _trend(
    target: Target,
    period: Period,
    plan: PlanValue,
    own: list[Entry],
    figures: tuple[tuple[int, Decimal], ...],
    value: Decimal,
) -> TermProgress:
    if verdict(plan, value) in MET_OR_EXCEEDED:
        return TermProgress("latest", figures, value, "achieved")
    goal = target_value(plan)
    baseline = _baseline(plan, period, own, figures)
    if goal is None or baseline is None:
        return TermProgress("latest", figures, value, "insufficient_data", baseline=baseline)
    category, observed, required, ratio, projected, linear = open_sdg(
        baseline, figures[-1], goal, period.end.year, plan.better
    )
    return TermProgress("latest", figures, value, category, baseline, observed, required, ratio, projected, linear)


def _baseline(
    plan: PlanValue, period: Period, own: list[Entry], figures: tuple[tuple[int, Decimal], ...]
) -> tuple[int, Decimal] | None:
    """The level the term starts from: the plan's baseline, else a figure for the year
    before the term, else the first yearly figure."""
    start = period.start.year - 1
    if plan.baseline is not None:
        return start, plan.baseline
    before = latest(e for e in own if e.period == str(start))
    if before is not None and not isinstance(before.value, bool):
        return start, before.value
    return figures[0] if figures else None
