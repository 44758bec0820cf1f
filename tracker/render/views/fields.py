"""Raw values for programs, shared by the views' records: the same in every language."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tracker.core.model import Shape, Span
from tracker.render.schema import AMENDMENT_FIELDS, PLAN_FIELDS

if TYPE_CHECKING:
    from tracker.core.judging import Assessment
    from tracker.core.model import Amendment, PlanValue, Target, Value

_ROUND = Decimal("0.0001")  # derived figures in machine formats: 4 decimal places


def rounded(x: Decimal | None) -> Decimal | None:
    """A derived figure (a % of plan, a change) to 4 decimal places; None when not finite."""
    if x is None or not x.is_finite():
        return None
    if x == 0:
        return Decimal(0)
    if x.adjusted() >= 24:  # no decimals left within the context's 28 digits: as it is
        return x
    return x.quantize(_ROUND).normalize()


def number_field(value: Value | None) -> Decimal | bool | None:
    """A figure where programs read a number (``actual``, ``previous``): a number or
    yes/no, never anything else; a range or a word is None there (see ``actual_fields``)."""
    return value if isinstance(value, (Decimal, bool)) else None


def actual_fields(value: Value | None) -> dict[str, Any]:
    """``actual`` (a number or yes/no) and the fields a range or a word figure is in."""
    span = value if isinstance(value, Span) else None
    return {
        "actual": number_field(value),
        "actual_low": span.low if span else None,
        "actual_high": span.high if span else None,
        "actual_text": value if isinstance(value, str) else None,
    }


def value_field(value: Value | None) -> Decimal | bool | str | None:
    """A figure as history (and import's dry run) writes it, which import reads back: a
    range as "61..62" (the one way to write a range that needs no guessing: the ends may
    be negative or Vietnamese-written nowhere here), a word as written."""
    if isinstance(value, Span):
        return f"{value.low:f}..{value.high:f}"
    return value


def iso(x: date | datetime | None) -> str | None:
    """A date or time as ISO 8601 text, or None."""
    return None if x is None else x.isoformat()


def plan_fields(plan: PlanValue | None) -> dict[str, Any]:
    """A plan value as flat raw fields; ``plan`` is the reference figure."""
    if plan is None:
        return dict.fromkeys(PLAN_FIELDS)
    return {
        "plan": True if plan.shape is Shape.MILESTONE else plan.reference,
        "plan_shape": plan.shape.value,
        "plan_low": plan.low if plan.shape is Shape.RANGE else None,
        "plan_high": plan.high if plan.shape is Shape.RANGE else None,
        "plan_strict": plan.strict,
        "plan_better": plan.better.value,
        "plan_tolerance": plan.tolerance,
        "plan_illustrative": plan.illustrative,
    }


def amendment_fields(original: PlanValue | None, amendment: Amendment | None) -> dict[str, Any]:
    """The plan as first written and the amendment in force, when one is (the plan fields
    then carry the amended value, the one judged against); all empty when none is."""
    if original is None or amendment is None:
        return dict.fromkeys(AMENDMENT_FIELDS)
    return {
        "plan_original": True if original.shape is Shape.MILESTONE else original.reference,
        "plan_original_shape": original.shape.value,
        "plan_amended_from": amendment.takes_effect.isoformat(),
        "plan_amended_by": amendment.source,
    }


def target_fields(t: Target) -> dict[str, Any]:
    """What identifies a target in machine formats."""
    return {
        "id": t.id,
        "name": t.name,
        "name_en": t.name_en or None,
        "group": t.group,
        "unit": t.unit,
        "parent": t.parent,
        "owner": t.owner or None,
    }


def term_fields(a: Assessment) -> dict[str, Any]:
    """How a term target was judged from yearly figures, as raw fields."""
    t = a.term
    return {
        "term_method": t.method if t else None,
        "term_category": t.category if t else None,
        "term_baseline_year": t.baseline[0] if t and t.baseline else None,
        "term_baseline": t.baseline[1] if t and t.baseline else None,
        "term_observed": rounded(t.observed) if t else None,
        "term_required": rounded(t.required) if t else None,
        "term_ratio": rounded(t.ratio) if t else None,
        "term_projected": rounded(t.projected) if t else None,
    }


def first_reported_fields(a: Assessment) -> dict[str, Any]:
    """The first report of the figure's point (``Assessment.first_reported``): its value,
    equal to ``actual`` when never revised, and when it was recorded; None without a figure.
    A range or a word is written as history writes it ("61..62", the word)."""
    first = a.first_reported or a.actual
    return {
        "first_reported": value_field(first.value) if first else None,
        "first_reported_at": iso(first.recorded_at) if first else None,
    }


def percent_span_fields(a: Assessment | None) -> dict[str, Any]:
    """% of plan of a range figure's two ends (``percent_of_plan`` is then empty)."""
    span = a.percent_span if a is not None else None
    return {
        "percent_low": rounded(span.low) if span else None,
        "percent_high": rounded(span.high) if span else None,
    }
