"""One target judged for one period: the figure that counts, its verdict or in-year pace,
% of plan and change on last year; a term target judged from its yearly figures.

The rules for one figure against one plan value (what "met" means, "trên 5" strictly) are
in ``tracker.core.verdicts``, which revision of a figure counts and what "the same point
last year" is in ``tracker.core.figures``, term arithmetic in ``tracker.core.terms``; the
names other layers import are also importable from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, localcontext
from typing import assert_never

from tracker.core.figures import SAME_POINT_DAYS, differs, first_reported, latest, same_point_last_year
from tracker.core.model import (
    MET_OR_EXCEEDED,
    TROUBLE,
    Amendment,
    Better,
    ChangeKind,
    Entry,
    FigureStatus,
    PlanValue,
    Shape,
    Span,
    Status,
    Target,
    TermCategory,
    TermMethod,
    decimal_places,
)
from tracker.core.periods import Period, elapsed_share, same_period_last_year
from tracker.core.terms import (
    TermProgress,
    category_status,
    final_category,
    open_sdg,
    pace_category,
    target_value,
    term_value,
)
from tracker.core.values import is_figure
from tracker.core.verdicts import (
    AT_RISK_MARGIN,
    HUNDRED,
    change,
    change_kind_for_unit,
    final_verdict,
    pace_status,
    percent_of_plan,
    percent_span,
    verdict,
    worse,
)

# Names that lived here before the rules moved to their own modules, kept for importers.
__all__ = [
    "AT_RISK_MARGIN",
    "HUNDRED",
    "MET_OR_EXCEEDED",
    "SAME_POINT_DAYS",
    "TROUBLE",
    "Assessment",
    "Pace",
    "Status",
    "assess",
    "assess_term",
    "change",
    "change_kind_for_unit",
    "latest",
    "percent_of_plan",
    "verdict",
]


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
    # The first report of the figure's point (see figures.first_reported): ``actual`` when
    # nothing was recorded for that point before it; None without a recorded figure.
    first_reported: Entry | None = None
    amendment: Amendment | None = None  # the amendment in force, whose value is ``plan``
    percent_span: Span | None = None  # % of plan of a range figure ("98.4-100.0")

    @property
    def original(self) -> PlanValue | None:
        """The plan value as first written, before any amendment (``plan`` when none is in force)."""
        return self.target.plans.get(self.period.label) if self.amendment else self.plan

    @property
    def judged(self) -> bool:
        """Counted in the headline: a plan exists and it has a good direction."""
        return self.plan is not None and self.plan.is_judged

    @property
    def revised(self) -> Entry | None:
        """The first report of the figure when it gave another value (the October estimate
        7.0 of a year whose official figure is 7.09), else None."""
        first, actual = self.first_reported, self.actual
        if first is None or actual is None or first is actual or not differs(first.value, actual.value):
            return None
        return first


def assess(target: Target, period: Period, entries: Iterable[Entry], as_of: date) -> Assessment:
    """Judge ``target`` for ``period`` from its (non-retracted) entries, as at ``as_of``.

    The period counts as running while both the as-of date and the latest figure's date
    are before its end. Once it is over, an accumulating figure dated before the end is
    only year-to-date: the status is ``incomplete`` (no verdict), with the figure's share
    of the plan and its linear projection to the end kept in ``pace``.
    """
    own = [e for e in entries if e.target == target.id]
    if not _within_bounds(own, period):
        return _compared_only(target, period, own, as_of)
    actual = latest(e for e in own if e.period == period.label)
    plan, amendment = in_force(target, period, as_of)
    if actual is None and period.kind == "span" and plan is not None:
        term = assess_term(target, period, plan, own, as_of)
        if term is not None:
            return replace(term, amendment=amendment) if amendment else term
    previous = same_point_last_year(own, period, actual)
    delta = change(actual.value, previous.value if previous else None, target.change) if actual else None
    running = _running(period, actual, as_of)

    pace: Pace | None = None
    if plan is None or actual is None:
        computed = _without_judgement(plan, actual)
    elif running and not (plan.shape is Shape.MILESTONE and actual.value is True):
        pace = _pace(target, plan, period, actual, own)
        computed = pace.status
    elif part_year(target, plan, period, actual, as_of):
        # The period is over and its figure is missing: a year-to-date figure is no
        # verdict. Its share of the plan and the pace it set are kept to be shown.
        pace = replace(_pace(target, plan, period, actual, own), needed=None, needed_change=None)
        computed = Status.INCOMPLETE
    else:
        computed = final_verdict(plan, actual.value, target.basically_met)

    status, reported = _shown(actual, computed)
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
        first_reported=first_reported(own, actual),
        amendment=amendment,
        percent_span=percent_span(plan, actual.value) if plan and actual else None,
    )


def in_force(target: Target, period: Period, as_of: date) -> tuple[PlanValue | None, Amendment | None]:
    """The plan value ``period`` is judged against on ``as_of`` (the latest amendment in
    force by then, else the value as written) and that amendment."""
    plan = target.plans.get(period.label)
    if plan is None or not plan.amendments:
        return plan, None
    amendment = plan.amendment_on(as_of)
    return (plan, None) if amendment is None else (amendment.value, amendment)


def _running(period: Period, actual: Entry | None, as_of: date) -> bool:
    """Running while the as-of date is before the period's end and no figure covers the
    whole period yet; once the period is over the latest figure is judged as final."""
    return as_of < period.end and (actual is None or actual.as_of < period.end)


def part_year(target: Target, plan: PlanValue, period: Period, actual: Entry, as_of: date) -> bool:
    """An accumulating figure dated before the end of a period that is over at ``as_of``:
    only part of the period's flow, so the period cannot be judged from it (status
    ``incomplete``). A milestone or a neutral plan value has no such verdict to withhold,
    nor has a word ("Xuất siêu"): it is never judged from the figure, only by the verdict
    reported with it."""
    return (
        target.accumulates
        and as_of >= period.end
        and actual.as_of < period.end
        and plan.is_judged
        and plan.shape is not Shape.MILESTONE
        and isinstance(actual.value, (Decimal, Span))
    )


def _without_judgement(plan: PlanValue | None, actual: Entry | None) -> Status:
    """The status when there is no plan value or no figure: a figure without a plan value,
    and a neutral plan value (a share of the economic structure) with or without its
    figure, are not judged; a judged plan value without its figure has no data."""
    if plan is not None and not plan.is_judged:
        return Status.NOT_JUDGED
    return Status.NOT_JUDGED if plan is None and actual is not None else Status.NO_DATA


def _shown(actual: Entry | None, computed: Status) -> tuple[Status, bool]:
    """The status shown and whether it was reported: a verdict recorded with the figure
    overrides the computed status."""
    if actual is not None and actual.verdict:
        return Status(actual.verdict), True
    return computed, False


def _within_bounds(own: list[Entry], period: Period) -> bool:
    """Every figure judging ``period`` may compute with keeps the bounds of ``is_figure``:
    the period's, last year's and, for a term, each year's and the year before's."""
    labels = {period.label, same_period_last_year(period).label}
    if period.kind == "span":
        labels.update(str(year) for year in range(period.start.year - 1, period.end.year + 1))
    return all(
        is_figure(number)
        for e in own
        if e.period in labels
        for number in ((e.value.low, e.value.high) if isinstance(e.value, Span) else (e.value,))
        if isinstance(number, Decimal)
    )


def _compared_only(target: Target, period: Period, own: list[Entry], as_of: date) -> Assessment:
    """Judge a target one of whose figures is outside the bounds of ``is_figure`` (only a
    log written by an older version, or edited by hand, holds one): the latest figure is
    compared with the plan, and nothing is computed from the figures (no % of plan, change,
    pace or term trend), so no size of number can make a report fail or hang."""
    actual = latest(e for e in own if e.period == period.label)
    plan, amendment = in_force(target, period, as_of)
    running = _running(period, actual, as_of)
    if plan is None or actual is None:
        computed = _without_judgement(plan, actual)
    elif part_year(target, plan, period, actual, as_of):
        computed = Status.INCOMPLETE
    else:
        computed = verdict(plan, actual.value)
        if running and plan.is_judged and plan.shape is not Shape.MILESTONE:
            computed = Status.ON_TRACK if computed in MET_OR_EXCEEDED else Status.OFF_TRACK
    status, reported = _shown(actual, computed)
    return Assessment(
        target=target,
        period=period,
        plan=plan,
        actual=actual,
        status=status,
        computed_status=computed,
        reported=reported,
        percent_of_plan=None,
        previous=None,
        change=None,
        change_kind=target.change,
        running=running,
        pace=None,
        first_reported=first_reported(own, actual),
        amendment=amendment,
    )


def _pace(target: Target, plan: PlanValue, period: Period, actual: Entry, own: list[Entry]) -> Pace:
    if plan.shape is Shape.MILESTONE:  # not achieved yet: an achieved one is judged met
        return Pace(Status.AT_RISK, None, None)
    value = actual.value
    if isinstance(value, (bool, str)) or not plan.is_judged:
        return Pace(Status.NOT_JUDGED, None, None)
    if isinstance(value, Span):  # the pace of the worse end, and nothing projected from it
        expected = elapsed_share(period, actual.as_of) if target.accumulates else None
        ends = (_pace_of(target, plan, expected, value.low), _pace_of(target, plan, expected, value.high))
        return Pace(worse(*ends), expected, None)
    expected = projected = needed = needed_change = None
    if target.accumulates:
        expected = elapsed_share(period, actual.as_of)
        projected = value / expected if expected else None
        needed, needed_change = _still_needed(plan, period, actual, own)
        value = projected if projected is not None else value
    return Pace(pace_status(plan, value), expected, projected, needed, needed_change)


def _pace_of(target: Target, plan: PlanValue, expected: Decimal | None, value: Decimal) -> Status:
    """The pace of one number (an end of a range): projected when the target accumulates."""
    if target.accumulates and expected:
        value = value / expected
    return pace_status(plan, value)


def _still_needed(
    plan: PlanValue, period: Period, actual: Entry, own: list[Entry]
) -> tuple[Decimal | None, Decimal | None]:
    """What the rest of the period must deliver to reach the plan, and how that compares
    with the same months last year (last year's total less its figure at this point)."""
    reference = plan.reference
    if reference is None or not isinstance(actual.value, Decimal) or plan.better is not Better.HIGHER:
        return None, None
    needed = max(reference - actual.value, Decimal(0))
    before = same_period_last_year(period)
    last_total = latest(e for e in own if e.period == before.label and e.as_of >= before.end)
    last_point = same_point_last_year(own, period, actual)
    if last_total is None or last_point is None:
        return needed, None
    if not isinstance(last_total.value, Decimal) or not isinstance(last_point.value, Decimal):
        return needed, None  # last year's figures are not two numbers
    rest = last_total.value - last_point.value
    if rest <= 0:
        return needed, None
    return needed, (needed / rest - 1) * HUNDRED


# ---------------------------------------------------------------- term targets

_FINALITY = {FigureStatus.ESTIMATE: 0, FigureStatus.PRELIMINARY: 1, FigureStatus.OFFICIAL: 2}


def assess_term(target: Target, period: Period, plan: PlanValue, own: list[Entry], as_of: date) -> Assessment | None:
    """Judge a term target from its yearly figures (see ``tracker.core.terms``).

    None when there is no yearly figure to judge from. The derived figure appears as an
    entry without an id, as final as the least final figure it was made from.
    """
    yearly = _yearly_figures(period, own)
    if not yearly or plan.shape is Shape.MILESTONE:
        return None
    values = [value for _, value in yearly]
    value = _term_value(target.term, plan, values)
    if value is None:
        return None
    last = max((entry for entry, _ in yearly), key=lambda e: e.as_of)
    figures = tuple((int(entry.period), number) for entry, number in yearly)
    # Final only once every year of the term has a figure, the last one covering its
    # year; a term judged from some of its years is still in progress.
    complete = last.as_of >= period.end and (target.term == TermMethod.LATEST or len(yearly) == len(period.years()))
    pace: Pace | None = None
    if complete:
        status = final_verdict(plan, value, target.basically_met)
        progress = TermProgress(target.term, figures, value, final_category(status))
    else:
        status, progress, pace = _term_in_progress(target, period, plan, own, figures, value, last.as_of)
        if as_of >= period.end and plan.is_judged:
            # A term that is over without its figure (a year missing, or the last one
            # only part-year or not a number): no verdict yet, as for a year
            # (``part_year``), whatever the method combining the years.
            status = Status.INCOMPLETE
    derived = Entry(
        id="",
        target=target.id,
        period=period.label,
        value=value,
        as_of=last.as_of,
        status=min((entry.status for entry, _ in yearly), key=_FINALITY.__getitem__),
    )
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
        running=not complete and status is not Status.INCOMPLETE,
        pace=pace,
        term=progress,
    )


def _yearly_figures(period: Period, own: list[Entry]) -> list[tuple[Entry, Decimal]]:
    """The winning figure of each year of the term that has a number, with that number.
    A year whose figure is a range or a word is left out, as one without a figure is: a
    term value is never worked out from it (a term of mean, compound or sum is then not
    complete)."""
    found: list[tuple[Entry, Decimal]] = []
    for year in period.years():
        figure = latest(e for e in own if e.period == str(year))
        if figure is not None and isinstance(figure.value, Decimal):
            found.append((figure, figure.value))
    return found


def _term_value(method: TermMethod, plan: PlanValue, values: list[Decimal]) -> Decimal | None:
    """The term value from the yearly numbers; None when it has no meaning (compound
    growth below -100 %). An average keeps one digit more than its inputs."""
    try:
        value = term_value(method, values)
    except ValueError:
        return None
    if method in (TermMethod.MEAN, TermMethod.COMPOUND):
        places = max([plan.decimals] + [decimal_places(v) for v in values]) + 1
        with localcontext() as exact:  # 18 digits before the point and 11 after: more than 28
            exact.prec = max(value.adjusted(), 0) + places + 2
            value = value.quantize(Decimal(1).scaleb(-places))
    return value


def _term_in_progress(
    target: Target,
    period: Period,
    plan: PlanValue,
    own: list[Entry],
    figures: tuple[tuple[int, Decimal], ...],
    value: Decimal,
    last_as_of: date,
) -> tuple[Status, TermProgress, Pace | None]:
    """Status, progress and pace of a term still running, as its method says: a level by
    its trend, a total by its projection to the end of the term, an average as it stands."""
    match target.term:
        case TermMethod.LATEST:
            progress = _trend(target, period, plan, own, figures, value)
            return _trend_status(plan, value, progress.category), progress, None
        case TermMethod.SUM:
            share = elapsed_share(period, last_as_of)
            projected = value / share if share else value
            status = pace_status(plan, projected)
            progress = TermProgress(TermMethod.SUM, figures, value, pace_category(status), projected=projected)
            return status, progress, Pace(status, share, projected)
        case TermMethod.MEAN | TermMethod.COMPOUND:
            status = pace_status(plan, value)
            return status, TermProgress(target.term, figures, value, pace_category(status)), None
        case unknown:
            assert_never(unknown)


def _trend_status(plan: PlanValue, value: Decimal, category: TermCategory) -> Status:
    """The status of a running "latest" term: its trend's, the verdict once the level is
    already reached, the pace's while there is too little data for a trend."""
    status = category_status(category)
    if status is not None:
        return status
    if category == TermCategory.ACHIEVED:
        return verdict(plan, value)
    if category == TermCategory.INSUFFICIENT_DATA:
        return pace_status(plan, value)
    return Status.NO_DATA  # not achieved: a running term's trend never says so


def _trend(
    target: Target,
    period: Period,
    plan: PlanValue,
    own: list[Entry],
    figures: tuple[tuple[int, Decimal], ...],
    value: Decimal,
) -> TermProgress:
    """The Open SDG trend of a level from its baseline to the latest yearly figure."""
    if verdict(plan, value) in MET_OR_EXCEEDED:
        return TermProgress(TermMethod.LATEST, figures, value, TermCategory.ACHIEVED)
    goal = target_value(plan)
    baseline = _baseline(plan, period, own, figures)
    if goal is None or baseline is None:
        return TermProgress(TermMethod.LATEST, figures, value, TermCategory.INSUFFICIENT_DATA, baseline=baseline)
    category, observed, required, ratio, projected, linear = open_sdg(
        baseline, figures[-1], goal, period.end.year, plan.better
    )
    return TermProgress(
        TermMethod.LATEST, figures, value, category, baseline, observed, required, ratio, projected, linear
    )


def _baseline(
    plan: PlanValue, period: Period, own: list[Entry], figures: tuple[tuple[int, Decimal], ...]
) -> tuple[int, Decimal] | None:
    """The level the term starts from: the plan's baseline, else a figure for the year
    before the term, else the first yearly figure."""
    start = period.start.year - 1
    if plan.baseline is not None:
        return start, plan.baseline
    before = latest(e for e in own if e.period == str(start))
    if before is not None and isinstance(before.value, Decimal):
        return start, before.value
    return figures[0] if figures else None
