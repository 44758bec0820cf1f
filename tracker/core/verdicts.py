"""One figure against one plan value: the verdict, % of plan, change on last year, and how
a pace that misses the plan is graded.

All arithmetic is done on ``Decimal``, so a boundary is judged exactly: 41.85 against a
plan of 41.85 is met, and 0.1 + 0.2 against 0.3 is met. A strict bound ("trên 5", above
5) is not met by 5: see ``verdict``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal, assert_never

from tracker.core.model import (
    MET_OR_EXCEEDED,
    Better,
    ChangeKind,
    PlanValue,
    Shape,
    Span,
    Status,
    Value,
    decimal_places,
)

HUNDRED = Decimal(100)
# In-year, a projection that misses the plan by at most this share of the plan value is
# "at risk" rather than "off track".
AT_RISK_MARGIN = Decimal("0.10")

# What a pace can say: the statuses of a period (or a term) still running.
PaceStatus = Literal[Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK]

# Statuses from worst to best, the one order wherever two are weighed: a figure reported as
# a range ("61-62") is judged by both ends and gets the worse verdict (or pace); a parent
# without a plan value of its own takes the worst status of its components. A new status
# is one more member in its place here.
WORST_FIRST: tuple[Status, ...] = (
    Status.NOT_MET,
    Status.BASICALLY_MET,  # a final miss, if a small one
    Status.OFF_TRACK,
    Status.AT_RISK,
    Status.INCOMPLETE,
    Status.NO_DATA,
    Status.ON_TRACK,
    Status.MET,
    Status.EXCEEDED,
    Status.NOT_JUDGED,
)
_RANK = {status: rank for rank, status in enumerate(WORST_FIRST)}


def worse(first: Status, second: Status) -> Status:
    """The worse of two statuses by ``WORST_FIRST``."""
    return first if _RANK[first] <= _RANK[second] else second


def verdict(plan: PlanValue, actual: Value) -> Status:
    """Judge one figure against one plan value.

    Beyond the bound on the good side is "exceeded", exactly on an inclusive bound or
    point is "met", anything else "not met". A strict bound ("trên 5") is not met by 5.
    A range ("61-62") is judged by both ends and gets the worse verdict; a word ("Xuất
    siêu") has no computed verdict (not judged): the verdict reported with it counts.
    """
    if plan.shape is Shape.MILESTONE:
        return Status.MET if actual is True else Status.NOT_MET
    if isinstance(actual, bool):
        return Status.NOT_MET
    if not plan.is_judged or isinstance(actual, str):
        return Status.NOT_JUDGED
    if isinstance(actual, Span):
        return worse(verdict(plan, actual.low), verdict(plan, actual.high))
    # Compared, never subtracted: a figure of any size is judged without arithmetic.
    sign = 1 if plan.better is Better.HIGHER else -1
    match plan.shape:
        case Shape.POINT:
            return _beyond(sign * _compare(actual, _v(plan.value)), on_bound=Status.MET)
        case Shape.AT_LEAST:
            return _beyond(_compare(actual, _v(plan.value)), on_bound=_bound(plan))
        case Shape.AT_MOST:
            return _beyond(_compare(_v(plan.value), actual), on_bound=_bound(plan))
        case Shape.RANGE:
            low, high = _v(plan.low), _v(plan.high)
            if low <= actual <= high:
                return Status.MET
            good_side = actual > high if plan.better is Better.HIGHER else actual < low
            return Status.EXCEEDED if good_side else Status.NOT_MET
        case Shape.ABOUT:  # inside the tolerance is met, outside judged by the good direction
            centre, tolerance = _v(plan.value), _v(plan.tolerance)
            if centre - tolerance <= actual <= centre + tolerance:  # exact for plan values within the bounds
                return Status.MET
            return Status.EXCEEDED if sign * _compare(actual, centre) > 0 else Status.NOT_MET
        case Shape.MILESTONE:  # judged above: only a yes meets a milestone
            return Status.NOT_MET
        case unknown:
            assert_never(unknown)


def final_verdict(plan: PlanValue, actual: Value, basically_met: Decimal) -> Status:
    """The verdict on a final figure (a period over, a term complete): ``verdict``, with a
    miss within ``basically_met`` of the plan read "cơ bản đạt" (``is_basically_met``).
    A range is judged by both ends, as ``verdict`` judges it."""
    if isinstance(actual, Span):
        return worse(final_verdict(plan, actual.low, basically_met), final_verdict(plan, actual.high, basically_met))
    status = verdict(plan, actual)
    if status is Status.NOT_MET and basically_met and is_basically_met(plan, actual, basically_met):
        return Status.BASICALLY_MET
    return status


def is_basically_met(plan: PlanValue, actual: Value, share: Decimal) -> bool:
    """A figure that does not meet the plan, yet misses the bound it had to reach by at
    most ``share`` of the plan's reference: |actual − bound| ≤ share × |reference|.

    The bound is the value for a point and a bound (5 against "above 5" is within any
    tolerance), the end that must be reached for a range, the edge of the tolerance band
    for about. Never for a milestone, a yes/no figure or a neutral figure, which have no
    distance to the plan.
    """
    if plan.shape is Shape.MILESTONE or not isinstance(actual, Decimal) or not plan.is_judged:
        return False  # a range is judged end by end (final_verdict); a word has no distance
    reference, bound = plan.reference, missed_bound(plan, actual)
    if reference is None or bound is None:
        return False
    return abs(actual - bound) <= share * abs(reference)


def missed_bound(plan: PlanValue, actual: Decimal) -> Decimal | None:
    """The bound a figure that misses the plan failed to reach: the reference for every
    shape but about, whose bound is the edge of its tolerance band on the figure's side."""
    if plan.shape is Shape.ABOUT and plan.value is not None and plan.tolerance is not None:
        return plan.value - plan.tolerance if actual < plan.value else plan.value + plan.tolerance
    return plan.reference


def derived_tolerance(value: Decimal) -> Decimal:
    """The tolerance of ``about`` written without one: half a unit of the value's last
    written decimal place (4 -> 0.5, 4.0 -> 0.05, 7.5 -> 0.05), so a figure that rounds to
    the value at the precision it is written with is met, and nothing wider is invented."""
    return Decimal(5).scaleb(-decimal_places(value) - 1)


def _compare(a: Decimal, b: Decimal) -> int:
    """-1, 0 or 1 as ``a`` is below, equal to or above ``b``."""
    return (a > b) - (a < b)


def _v(number: Decimal | None) -> Decimal:
    if number is None:  # the plan loader guarantees the fields a shape needs
        raise ValueError("plan value is missing a number for its shape")
    return number


def _bound(plan: PlanValue) -> Status:
    """On the bound itself: met for "at least 5", not met for "above 5"."""
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
    if not isinstance(actual, Decimal) or reference is None or reference == 0:
        return None  # none for yes/no, a word, and a range (see percent_span)
    return actual / reference * HUNDRED


def percent_span(plan: PlanValue, actual: Value | None) -> Span | None:
    """% of plan of a range figure, as a range (each end ÷ plan × 100), or None."""
    if not isinstance(actual, Span):
        return None
    low, high = percent_of_plan(plan, actual.low), percent_of_plan(plan, actual.high)
    if low is None or high is None:
        return None
    return Span(min(low, high), max(low, high))  # a negative plan value turns them round


def change_kind_for_unit(unit: str) -> ChangeKind:
    """Rates are compared in percentage points, amounts in relative %.

    A unit is a rate when it is or starts with "%" ("%", "%/năm") or names points.
    """
    text = unit.strip().lower()
    if text.startswith("%") or "điểm" in text or "point" in text:
        return ChangeKind.POINTS
    return ChangeKind.RELATIVE


def change(current: Value, previous: Value | None, kind: ChangeKind) -> Decimal | None:
    """Change on the same period last year, in points or in relative %: only between two
    numbers (none from or to yes/no, a range or a word)."""
    if not isinstance(current, Decimal) or not isinstance(previous, Decimal):
        return None
    match kind:
        case ChangeKind.POINTS:
            return current - previous
        case ChangeKind.RELATIVE:
            if previous == 0:
                return None
            return (current - previous) / abs(previous) * HUNDRED
        case unknown:
            assert_never(unknown)


def pace_status(plan: PlanValue, value: Decimal) -> PaceStatus:
    """How a value the period (or term) is heading for stands: on track when it would
    meet the plan, at risk when it misses by at most AT_RISK_MARGIN of the plan value,
    else off track."""
    if verdict(plan, value) in MET_OR_EXCEEDED:
        return Status.ON_TRACK
    reference = plan.reference
    if reference is None or reference == 0:
        return Status.OFF_TRACK
    bound = missed_bound(plan, value)
    bound = reference if bound is None else bound
    miss = abs(value - bound) / abs(reference)
    return Status.AT_RISK if miss <= AT_RISK_MARGIN else Status.OFF_TRACK
