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

from tracker.core.model import Better, PlanValue, Shape

ON_TRACK_RATIO = Decimal("0.95")
LIMITED_RATIO = Decimal("0.60")
METHODS = ("latest", "mean", "compound", "sum")
ONE = Decimal(1)
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class TermProgress:
    """How a term target stands, with the numbers behind the category."""

    method: str  # latest, mean, compound, sum
    figures: tuple[tuple[int, Decimal], ...]  # (year, value) used, in year order
    value: Decimal  # the term value so far
    category: str  # achieved, on_track, needs_acceleration, limited_progress, deterioration, insufficient_data
    baseline: tuple[int, Decimal] | None = None  # (year, value) the trend starts from
    observed: Decimal | None = None  # observed yearly growth (%), or yearly change when linear
    required: Decimal | None = None  # yearly growth (%) or change needed to reach the target
    ratio: Decimal | None = None  # R = d·observed / |required|
    projected: Decimal | None = None  # value at the end of the term at the observed pace
    linear: bool = False  # the ratio uses straight-line changes (baseline ≤ 0)


def term_value(method: str, values: Sequence[Decimal]) -> Decimal:
    """The term value from yearly figures in year order."""
    if method == "latest":
        return values[-1]
    if method == "sum":
        return sum(values, Decimal(0))
    if method == "mean":
        return sum(values, Decimal(0)) / len(values)
    growth = ONE
    for rate in values:
        growth *= ONE + rate / HUNDRED
    if growth <= 0:
        raise ValueError("compound growth below -100 %")
    return (growth ** (ONE / len(values)) - ONE) * HUNDRED


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
) -> tuple[str, Decimal | None, Decimal | None, Decimal | None, Decimal | None, bool]:
    """Category, observed and required yearly growth (%), ratio, projection, linear?

    Growth is compound (CAGR) when the baseline is positive, else straight-line.
    """
    (y0_year, y0), (yt_year, yt) = baseline, current
    if yt_year <= y0_year:
        return "insufficient_data", None, None, None, None, False
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
        return "insufficient_data", observed, required, None, projected, linear
    ratio = d * observed / abs(required)
    if ratio >= ON_TRACK_RATIO:
        category = "on_track"
    elif ratio >= LIMITED_RATIO:
        category = "needs_acceleration"
    elif ratio >= 0:
        category = "limited_progress"
    else:
        category = "deterioration"
    return category, observed, required, ratio, projected, linear
