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
from tracker.render.numbers import format_date, format_number, format_signed
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.judging import Assessment
    from tracker.core.model import Amendment, Entry, PlanValue, ReportedHeadline
    from tracker.core.report import Report

# The English words (catalogue keys) for the machine names people read, in one place.
# Keyed by the names core uses: a StrEnum member hashes as its value, so core's enums
# (Status, FigureStatus, a term's category) look these up as they are.
STATUS_WORDS = {
    "exceeded": "Exceeded",
    "met": "Met",
    "basically_met": "Basically met",
    "not_met": "Not met",
    "no_data": "No data",
    "incomplete": "Incomplete",
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
    "basically_met": "is within the basically-met tolerance of the plan",
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
        # Without a written tolerance the plan says only "khoảng 4": shown as written,
        # not with a tolerance nobody published (the derived one is in csv and json).
        return f"≈ {n(plan.value)}" if plan.tolerance_derived else f"≈ {n(plan.value)} (±{n(plan.tolerance)})"
    return n(plan.value)


def amended_text(original: PlanValue | None, amendment: Amendment | None, lang: str) -> str:
    """A plan value and the amendment in force, when one is: ≥ 8 → ≥ 7,5 (NQ 05/NQ-HĐND);
    each part starred when illustrative."""
    text = marked_plan_text(original, lang)
    if amendment is None:
        return text
    return f"{text} → {marked_plan_text(amendment.value, lang)} ({amendment.source})"


def assessed_plan_text(a: Assessment, lang: str) -> str:
    """The plan a target was judged against, as people's formats show it: the value as
    written, and the amendment in force on the report's date after an arrow."""
    return amended_text(a.original, a.amendment, lang)


def any_illustrative(a: Assessment) -> bool:
    """The plan shown for ``a`` (as written, or the amendment in force) is starred."""
    original = a.original
    return bool((original and original.illustrative) or (a.plan and a.plan.illustrative))


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


def incomplete_notes(report: Report, lang: str) -> tuple[str, ...]:
    """A line under the table for each target whose period ended with only a part-period
    figure, saying what is known of it (the status cell says only "Incomplete", so the
    table keeps its width): "Thu ngân sách: Chưa đủ số liệu cả kỳ (84,7% kế hoạch …)"."""
    return tuple(
        f"{row.target.display_name(lang)}: {status_word(row.status, lang)} ({incomplete_detail(row.assessment, lang)})"
        for row in report.rows
        # a parent incomplete through a component has no figure of its own to tell of
        if row.status is Status.INCOMPLETE and not row.assessment.reported and row.assessment.actual is not None
    )


def incomplete_detail(a: Assessment, lang: str) -> str:
    """What is known of a period that ended with only a part-year figure: its share of the
    plan, its date and the projection to the end (84,7% kế hoạch tính đến 31/10/2025, dự kiến
    cả năm 3.048,2)."""
    if a.actual is None:
        return ""
    day = format_date(a.actual.as_of, lang)
    said = (
        word(lang, "{percent} of plan at {day}", percent=percent_text(a, lang), day=day)
        if a.percent_of_plan is not None or a.percent_span is not None  # a range's: 90,0–96,0%
        else word(lang, "{figure} at {day}", figure=actual_text(a, lang), day=day)
    )
    projected = a.pace.projected if a.pace is not None else None
    if projected is None:
        return said
    amount = format_number(projected, lang, places(a.plan))  # as `show` writes a projection
    if a.period.kind == "year":
        return word(lang, "{known}, projected for the year {amount}", known=said, amount=amount)
    if a.period.kind == "span":
        return word(lang, "{known}, projected for the term {amount}", known=said, amount=amount)
    return word(lang, "{known}, projected for the period {amount}", known=said, amount=amount)


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
    """The judged figure, with its kind when it is not official and the value first
    reported when it was revised since: 9,2 (ước), 7,09 (điều chỉnh từ 7,0)."""
    if not a.actual:
        return ""
    return marked_figure(value_text(a.actual.value, lang, a.plan), a.actual, revised_text(a, lang), lang)


def marked_figure(shown: str, entry: Entry, revised: str, lang: str) -> str:
    """A figure as shown (``shown``) with its marks after it (``figure_marks``)."""
    marks = figure_marks(entry, revised, lang)
    return f"{shown} {marks}" if marks else shown


def figure_marks(entry: Entry, revised: str, lang: str) -> str:
    """A figure's marks in one bracket, "(ước, điều chỉnh từ 7,0)": its kind when it is not
    official, and ``revised`` (the value first reported, worded) when given; "" for none."""
    marks = [figure_word(entry.status, lang)] if entry.status.value != "official" else []
    if revised:
        marks.append(revised)
    return f"({', '.join(marks)})" if marks else ""


def revised_text(a: Assessment, lang: str) -> str:
    """The first report of a revised figure in words, "điều chỉnh từ 7,0" / "revised from
    7.0", when its point was first reported with another value (``Assessment.revised``);
    else ""."""
    first = a.revised
    if first is None:
        return ""
    return word(lang, "revised from {value}", value=value_text(first.value, lang, a.plan))


def headline(report: Report, lang: str) -> str:
    """39/43 chỉ tiêu đạt và vượt kế hoạch, with the count of each status after it; beside
    it, when a document reported a headline for the period, that one (``reported_text``)."""
    s = report.summary
    text = word(lang, "{met} of {total} targets met or exceeded the plan", met=s.met_or_exceeded, total=s.total)
    counts = ", ".join(f"{status_word(k, lang)} {v}" for k, v in s.by_status.items())
    text = f"{text} ({counts})" if counts else text
    if report.reported is None:
        return text
    return f"{word(lang, 'Computed: {headline}', headline=text)} · {reported_text(report.reported, lang)}"


def reported_text(reported: ReportedHeadline, lang: str) -> str:
    """A headline a document reported: Đã báo cáo: 39/43 (source, 20/12/2024), marked
    ``*`` when the plan file says it is illustrative."""
    text = word(
        lang, "Reported: {met}/{total} ({source}, {day})", met=reported.met, total=reported.total,
        source=reported.source, day=format_date(reported.date, lang),
    )  # fmt: skip
    return f"{text} {ILLUSTRATIVE}" if reported.illustrative else text


def marked(report: Report) -> bool:
    """Whether anything the report shows carries the illustrative mark: a plan value (as
    written or as amended), or the reported headline."""
    if report.reported is not None and report.reported.illustrative:
        return True
    return any(any_illustrative(row.assessment) for row in report.rows)
