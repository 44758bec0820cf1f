"""Term targets (a span of years such as 2021-2025) judged from yearly figures.

How yearly figures make a term value is said in the plan file (``term = ...``):

- ``latest``: the latest yearly level (forest cover, GRDP per capita "65 in 2025", a
  cumulative count of communes);
- ``mean``: the arithmetic mean of yearly figures (a poverty-rate cut "3 points a year");
- ``compound``: the compound average of yearly growth rates ("grow 9 - 10 % a year");
- ``sum``: the total of yearly flows (jobs created over the term).

While the term runs, progress uses the Open SDG / Statistics Canada method for levels
(DOMAIN.md section 4): compare the observed compound annual growth since the baseline with
the growth needed to reach the target, R = d·CAGR_obs / |CAGR_req|; R ≥ 0.95 on track,
0.60 to 0.95 needs acceleration, 0 to 0.60 limited progress, below 0 deterioration. A
target already met is achieved whatever the trend. The projected end-of-term value is
y_T = y_t·(1 + CAGR_obs)^(T − t), as in the UN Statistics Division's chart. When the
baseline is zero or negative a growth rate has no meaning, so the same ratio is taken on
straight-line yearly changes instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import assert_never

from tracker.core.model import MET_OR_EXCEEDED, Better, PlanValue, Shape, Status, TermCategory, TermMethod
from tracker.core.verdicts import PaceStatus

ON_TRACK_RATIO = Decimal("0.95")
LIMITED_RATIO = Decimal("0.60")
ONE = Decimal(1)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TermProgress:
    """How a term target stands, with the numbers behind the category."""

    method: TermMethod
    figures: tuple[tuple[int, Decimal], ...]  # (year, value) used, in year order
    value: Decimal  # the term value so far
    category: TermCategory
    baseline: tuple[int, Decimal] | None = None  # (year, value) the trend starts from
    observed: Decimal | None = None  # observed yearly growth (%), or yearly change when linear
    required: Decimal | None = None  # yearly growth (%) or change needed to reach the target
    ratio: Decimal | None = None  # R = d·observed / |required|
    projected: Decimal | None = None  # value at the end of the term at the observed pace
    linear: bool = False  # the ratio uses straight-line changes (baseline ≤ 0)


def term_value(method: TermMethod, values: Sequence[Decimal]) -> Decimal:
    """The term value from yearly figures in year order."""
    match method:
        case TermMethod.LATEST:
            return values[-1]
        case TermMethod.SUM:
            return sum(values, Decimal(0))
        case TermMethod.MEAN:
            return sum(values, Decimal(0)) / len(values)
        case TermMethod.COMPOUND:
            growth = ONE
            for rate in values:
                growth *= ONE + rate / HUNDRED
            if growth <= 0:
                raise ValueError("compound growth below -100 %")
            return (growth ** (ONE / len(values)) - ONE) * HUNDRED
        case unknown:
            assert_never(unknown)


def target_value(plan: PlanValue) -> Decimal | None:
    """The figure a trend aims at: the bound that must be reached, or the point."""
    if plan.shape is Shape.MILESTONE:
        return None
    if plan.shape is Shape.ABOUT and plan.value is not None and plan.tolerance is not None:
        return plan.value - plan.tolerance if plan.better is Better.HIGHER else plan.value + plan.tolerance
    return plan.reference


def open_sdg(
    baseline: tuple[int, Decimal],
    current: tuple[int, Decimal],
    target: Decimal,
    final_year: int,
    better: Better,
) -> tuple[TermCategory, Decimal | None, Decimal | None, Decimal | None, Decimal | None, bool]:
    """Category, observed and required yearly growth (%), ratio, projection, linear?

    Growth is compound (CAGR) when the baseline is positive, else straight-line.
    """
    (y0_year, y0), (yt_year, yt) = baseline, current
    if yt_year <= y0_year:
        return TermCategory.INSUFFICIENT_DATA, None, None, None, None, False
    d = Decimal(-1) if better is Better.LOWER else ONE
    observed_years = Decimal(yt_year - y0_year)
    needed_years = Decimal(final_year - y0_year)
    linear = y0 <= 0 or yt <= 0 or target <= 0
    if linear:
        observed = (yt - y0) / observed_years
        required = (target - y0) / needed_years
        projected = yt + observed * (final_year - yt_year)
    else:
        observed = ((yt / y0) ** (ONE / observed_years) - ONE) * HUNDRED
        required = ((target / y0) ** (ONE / needed_years) - ONE) * HUNDRED
        projected = yt * (ONE + observed / HUNDRED) ** (final_year - yt_year)
    if required == 0:
        return TermCategory.INSUFFICIENT_DATA, observed, required, None, projected, linear
    ratio = d * observed / abs(required)
    return ratio_category(ratio), observed, required, ratio, projected, linear


def ratio_category(ratio: Decimal) -> TermCategory:
    """The Open SDG category of a ratio R = d·observed / |required|."""
    if ratio >= ON_TRACK_RATIO:
        return TermCategory.ON_TRACK
    if ratio >= LIMITED_RATIO:
        return TermCategory.NEEDS_ACCELERATION
    if ratio >= 0:
        return TermCategory.LIMITED_PROGRESS
    return TermCategory.DETERIORATION


# The categories and the statuses they are shown with: the one place the two meet.


def category_status(category: TermCategory) -> PaceStatus | None:
    """The status of a running term whose trend falls in ``category``; None when the
    category alone does not say (achieved: the verdict says met or exceeded; not yet
    enough data: the pace says)."""
    match category:
        case TermCategory.ON_TRACK:
            return Status.ON_TRACK
        case TermCategory.NEEDS_ACCELERATION:
            return Status.AT_RISK
        case TermCategory.LIMITED_PROGRESS | TermCategory.DETERIORATION:
            return Status.OFF_TRACK
        case TermCategory.ACHIEVED | TermCategory.NOT_ACHIEVED | TermCategory.INSUFFICIENT_DATA:
            return None
        case unknown:
            assert_never(unknown)


def pace_category(status: PaceStatus) -> TermCategory:
    """The category a running term judged by its pace (mean, compound, sum) is shown with."""
    match status:
        case Status.ON_TRACK:
            return TermCategory.ON_TRACK
        case Status.AT_RISK:
            return TermCategory.NEEDS_ACCELERATION
        case Status.OFF_TRACK:
            return TermCategory.LIMITED_PROGRESS
        case unknown:
            assert_never(unknown)


def final_category(final: Status) -> TermCategory:
    """The category of a finished term: achieved when its verdict is met or exceeded."""
    return TermCategory.ACHIEVED if final in MET_OR_EXCEEDED else TermCategory.NOT_ACHIEVED
