"""The phrases every view writes for people: a plan value, a figure, a verdict, a change.

Shared so that a report, a target's page and `record`'s answer say the same thing the
same way (numbers through ``tracker.render.numbers``, words through ``tracker.words``),
and the one place a machine name (a verdict, a kind of figure) gets its words.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from tracker.core.judging import Status
from tracker.core.model import ChangeKind, Shape, Span, TermCategory, Value, decimal_places
from tracker.render.numbers import format_number, format_signed
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.judging import Assessment
    from tracker.core.model import PlanValue
    from tracker.core.report import Report

# The English words (catalogue keys) for the machine names people read, in one place.
# Keyed by the names core uses: a StrEnum member hashes as its value, so core's enums
# (Status, FigureStatus, a term's category) look these up as they are.
STATUS_WORDS = {
    "exceeded": "Exceeded",
    "met": "Met",
    "not_met": "Not met",
    "no_data": "No data",
    "on_track": "On track",
    "at_risk": "At risk",
    "off_track": "Off track",
    "not_judged": "Not judged",
}
RANGE_DASH = "\u2013"  # an en dash: a range figure reads 61–62 (never "61-62", a minus to some)
MILESTONE_WORDS = {True: "Achieved", False: "Not achieved"}  # a yes/no figure, and a yes/no target's verdict
FIGURE_WORDS = {"estimate": "est.", "preliminary": "prelim.", "official": "official"}
CATEGORY_WORDS: dict[TermCategory, str] = {  # how a term target stands (tracker.core.terms)
    TermCategory.ACHIEVED: "achieved",
    TermCategory.NOT_ACHIEVED: "not achieved",
    TermCategory.ON_TRACK: "on track",
    TermCategory.NEEDS_ACCELERATION: "needs acceleration",
    TermCategory.LIMITED_PROGRESS: "limited progress",
    TermCategory.DETERIORATION: "deterioration",
    TermCategory.INSUFFICIENT_DATA: "insufficient data",
}
RELATION_WORDS = {  # a final figure against its plan, by the computed verdict
    "exceeded": "is better than the plan",
    "met": "meets the plan",
    "not_met": "falls short of the plan",
}
OTHER_RELATION = "against the plan"
ILLUSTRATIVE = "*"  # after a plan value that is not a published one; the legend says so once


def status_word(status: str, lang: str) -> str:
    """A verdict (a Status, or an entry's reported verdict) in words: Đạt, Not met."""
    return word(lang, STATUS_WORDS[status])


def figure_word(kind: str, lang: str) -> str:
    """A kind of figure (FigureStatus) in words: ước, prelim."""
    return word(lang, FIGURE_WORDS[kind])


def plan_text(plan: PlanValue | None, lang: str) -> str:
    """A plan value the way a report writes it: ≥ 8, > 5, 9–10, ≈ 4 (±0,5), Đạt."""
    if plan is None:
        return ""

    def n(x: Decimal | None) -> str:
        return format_number(x, lang) if x is not None else ""

    if plan.shape is Shape.MILESTONE:
        return word(lang, "Achieve")
    if plan.shape is Shape.AT_LEAST:
        return f"{'>' if plan.strict else '≥'} {n(plan.value)}"
    if plan.shape is Shape.AT_MOST:
        return f"{'<' if plan.strict else '≤'} {n(plan.value)}"
    if plan.shape is Shape.RANGE:
        return f"{n(plan.low)}–{n(plan.high)}"
    if plan.shape is Shape.ABOUT:
        return f"≈ {n(plan.value)} (±{n(plan.tolerance)})"
    return n(plan.value)


def marked_plan_text(plan: PlanValue | None, lang: str) -> str:
    """``plan_text``, with the illustrative mark when the plan file says the value is not published."""
    text = plan_text(plan, lang)
    return f"{text} {ILLUSTRATIVE}" if text and plan is not None and plan.illustrative else text


def illustrative_legend(lang: str) -> str:
    """The one line that says what the illustrative mark means: "* giá trị minh họa, …"."""
    return f"{ILLUSTRATIVE} {word(lang, 'illustrative value, not a published figure')}"


def value_text(value: Value | None, lang: str, plan: PlanValue | None = None) -> str:
    """A recorded figure for people; yes/no for milestones; a range as "61–62" (an en
    dash); a word as written.

    Shown with the digits it was written with, and at least as many decimals as the
    plan value: 100 against a plan of 99.8 reads 100.0.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return word(lang, MILESTONE_WORDS[value])
    if isinstance(value, str):
        return value
    if isinstance(value, Span):
        decimals = max(places_of(value), places(plan))
        return f"{format_number(value.low, lang, decimals)}{RANGE_DASH}{format_number(value.high, lang, decimals)}"
    return format_number(value, lang, max(places_of(value), places(plan)))


def status_text(a: Assessment, lang: str) -> str:
    """The verdict in words, marked when a reported verdict overrode the computed one."""
    if a.plan is not None and a.plan.shape is Shape.MILESTONE and a.status in (Status.MET, Status.NOT_MET):
        text = word(lang, MILESTONE_WORDS[a.status is Status.MET])
    else:
        text = status_word(a.status, lang)
    return f"{text} ({word(lang, 'reported')})" if a.reported else text


def change_text(a: Assessment, lang: str) -> str:
    """+7,7% or +0,10 điểm % for people."""
    if a.change is None:
        return ""
    if a.change_kind is ChangeKind.POINTS:
        decimals = max(places(a.plan), places_of(a.actual.value if a.actual else None), 1)
        return f"{format_signed(a.change, lang, decimals)} {word(lang, 'pts')}"
    return f"{format_signed(a.change, lang, 1)}%"


def places(plan: PlanValue | None) -> int:
    """Decimals a plan value is written with (0 without one)."""
    return plan.decimals if plan else 0


def places_of(value: Value | None) -> int:
    """Decimals a figure is written with (0 for yes/no, a word or none; a range's ends
    alike, as the end with more)."""
    if isinstance(value, Span):
        return max(decimal_places(value.low), decimal_places(value.high))
    return decimal_places(value) if isinstance(value, Decimal) else 0


def percent_text(a: Assessment, lang: str) -> str:
    """% of plan for people, one decimal; of a range figure, a range: 98,4–100,0%."""
    if a.percent_span is not None:
        low, high = (format_number(n, lang, 1) for n in (a.percent_span.low, a.percent_span.high))
        return f"{low}{RANGE_DASH}{high}%"
    return "" if a.percent_of_plan is None else f"{format_number(a.percent_of_plan, lang, 1)}%"


def actual_text(a: Assessment, lang: str) -> str:
    """The judged figure, with its kind when it is not official: 9,2 (ước)."""
    if not a.actual:
        return ""
    actual = value_text(a.actual.value, lang, a.plan)
    if a.actual.status.value != "official":
        actual = f"{actual} ({figure_word(a.actual.status, lang)})"
    return actual


def headline(report: Report, lang: str) -> str:
    """39/43 chỉ tiêu đạt và vượt kế hoạch, with the count of each status after it."""
    s = report.summary
    text = word(lang, "{met} of {total} targets met or exceeded the plan", met=s.met_or_exceeded, total=s.total)
    counts = ", ".join(f"{status_word(k, lang)} {v}" for k, v in s.by_status.items())
    return f"{text} ({counts})" if counts else text
