"""Why a target has its verdict, in a sentence: what `tracker show` writes per period."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, assert_never

from tracker.core.model import Shape, Span, Status, TermCategory, TermMethod
from tracker.render.numbers import format_date, format_number, format_signed
from tracker.render.views.phrases import (
    CATEGORY_WORDS,
    MILESTONE_WORDS,
    OTHER_RELATION,
    RELATION_WORDS,
    incomplete_detail,
    plan_text,
    status_text,
    status_word,
    value_text,
)
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.judging import Assessment


def explain(a: Assessment, lang: str) -> str:
    """The verdict in words: "Met: 9.0 meets the plan ≥ 8"; of a range figure, saying that
    its worse end counts."""
    text = _explain(a, lang)
    if a.actual is not None and isinstance(a.actual.value, Span) and a.term is None:
        text += word(lang, "; a range is judged by its worse end")
    return text


def _explain(a: Assessment, lang: str) -> str:
    if a.plan is None:
        return word(lang, "no plan value for this period")
    plan = plan_text(a.plan, lang)
    if a.actual is None:
        return word(lang, "no figure recorded yet")
    actual = value_text(a.actual.value, lang, a.plan)
    status = status_text(a, lang)
    if a.term is not None:
        return explain_term(a, lang)
    if a.running and a.pace is not None:
        if a.pace.projected is not None and a.pace.expected_share is not None:
            return word(
                lang,
                "{status}: {actual} by {day} ({share}% of the period gone); "
                "at this pace the period ends at {projected} against a plan of {plan}{needed}",
                status=status, actual=actual, day=format_date(a.actual.as_of, lang),
                share=format_number(a.pace.expected_share * 100, lang, 1),
                projected=format_number(a.pace.projected, lang, a.plan.decimals), plan=plan,
                needed=still_needed(a, lang),
            )  # fmt: skip
        return word(lang, "{status}: latest figure {actual} against a plan of {plan}", status=status, actual=actual,
                    plan=plan)  # fmt: skip
    relation = word(lang, RELATION_WORDS.get(a.computed_status, OTHER_RELATION))
    text = f"{status_word(a.computed_status, lang)}: {actual} {relation} {plan}"
    if a.computed_status is Status.INCOMPLETE:  # over with a part-period figure: what is known of it
        text += f" ({incomplete_detail(a, lang)})"
    if a.plan.shape is Shape.MILESTONE:  # "Achieved" / "Not achieved" says it all
        text = word(lang, MILESTONE_WORDS[a.actual.value is True])
        if a.actual.source:
            text += f" ({a.actual.source})"
    if a.reported:
        verdict = status_word(a.status, lang)
        text = word(lang, "{verdict} as reported (computed: {computed})", verdict=verdict, computed=text)
    return text


def still_needed(a: Assessment, lang: str) -> str:
    """ "; needs 1,115 tỷ đồng in the last 2 months, +38.0% on the same months last year"."""
    if a.pace is None or a.pace.needed is None or a.actual is None or a.plan is None:
        return ""
    amount = f"{format_number(a.pace.needed, lang, a.plan.decimals)} {a.target.unit}".rstrip()
    end, day = a.period.end, a.actual.as_of
    if (day + timedelta(days=1)).day == 1:  # a month's figure: count months
        left = word(lang, "the last {months} months", months=(end.year - day.year) * 12 + end.month - day.month)
    else:
        left = word(lang, "the remaining {days} days", days=(end - day).days)
    text = word(lang, "; needs {amount} in {left}", amount=amount, left=left)
    if a.pace.needed_change is not None:
        change = format_signed(a.pace.needed_change, lang, 1)
        text += word(lang, ", {change}% on the same months last year", change=change)
    return text


def explain_term(a: Assessment, lang: str) -> str:
    """How a term target was judged from yearly figures, with the numbers behind it."""
    t = a.term
    assert t is not None and a.plan is not None
    status, plan = status_text(a, lang), plan_text(a.plan, lang)
    years = ", ".join(str(y) for y, _ in t.figures)
    value = format_number(t.value, lang)
    match t.method:
        case TermMethod.COMPOUND:
            what = word(lang, "average growth {value}%/year ({years})", value=value, years=years)
        case TermMethod.MEAN:
            what = word(lang, "average {value} a year ({years})", value=value, years=years)
        case TermMethod.SUM:
            what = word(lang, "total {value} ({years})", value=value, years=years)
        case TermMethod.LATEST:
            what = word(lang, "{value} in {year}", value=value, year=t.figures[-1][0])
        case unknown:
            assert_never(unknown)
    final = t.category in (TermCategory.ACHIEVED, TermCategory.NOT_ACHIEVED) and not a.running
    qualifier = "" if final else f" ({word(lang, CATEGORY_WORDS[t.category])})"
    if a.status is Status.INCOMPLETE:  # the term is over, a year's figure missing: the projection follows
        status, qualifier = status_word(a.status, lang), ""
    text = f"{status}{qualifier}: {what}, {word(lang, 'plan')} {plan}"
    if t.ratio is not None and t.observed is not None and t.required is not None and t.baseline is not None:
        text += word(
            lang,
            "; since {base}: observed {observed}{unit}/year, needed {required}{unit}/year, "
            "R = {ratio} (Open SDG method)",
            base=f"{format_number(t.baseline[1], lang)} ({t.baseline[0]})", unit="" if t.linear else "%",
            observed=format_signed(t.observed, lang, 2), required=format_signed(t.required, lang, 2),
            ratio=format_number(t.ratio, lang, 2),
        )  # fmt: skip
    if t.projected is not None:
        projected = format_number(t.projected, lang, a.plan.decimals)
        text += word(lang, "; projected end of term {projected}", projected=projected)
    return text
