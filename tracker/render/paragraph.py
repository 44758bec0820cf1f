"""The year-end paragraph in words: `report --format text` (and markdown's words).

The facts come from ``tracker.core.narrative``; this module only words them, in the
plan's language or ``--lang``, wrapped for mail. Output is deterministic: the same report
always gives the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from tracker.core.judging import Assessment, Status
from tracker.core.model import ChangeKind, FigureStatus, ReportedHeadline, decimal_places
from tracker.core.narrative import RUNNING_ORDER, Paragraph, already_final, describe, shortfall
from tracker.core.periods import Period
from tracker.core.report import Report
from tracker.render.numbering import roman
from tracker.render.numbers import format_date, format_number
from tracker.render.views.explain import still_needed
from tracker.render.views.phrases import (
    figure_word,
    incomplete_detail,
    percent_text,
    revised_text,
    status_word,
    value_text,
)
from tracker.words import word

WIDTH = 72  # mail clients wrap at about 72-78 columns; stay under


def paragraph_text(report: Report, lang: str, width: int = WIDTH) -> str:
    """The paragraph for ``report``, wrapped at ``width`` columns, ending in a newline."""
    facts = describe(report)
    sentences = _running(facts, lang) if facts.running else _after(facts, lang)
    return textwrap.fill(" ".join(sentences), width=width, break_long_words=False, break_on_hyphens=False) + "\n"


def period_words(period: Period, lang: str) -> str:
    """năm 2024, giai đoạn 2021-2025, quý III/2025, tháng 6/2025 (2024, 2021-2025, Q3 2025, 6/2025)."""
    year = period.start.year
    if period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        # Vietnamese documents number quarters in Roman numerals: quý III/2025.
        number = roman(quarter) if lang == "vi" else str(quarter)
        return word(lang, "Q{quarter} {year}", quarter=number, year=year)
    if period.kind == "month":
        return word(lang, "{month}/{year}", month=period.start.month, year=year)
    if period.kind == "span":
        return word(lang, "{first}-{last}", first=year, last=period.end.year)
    return word(lang, "{year}", year=year)


def _after(facts: Paragraph, lang: str) -> list[str]:
    """After the period: the headline, who exceeded and improved, who fell short, who is silent."""
    when = period_words(facts.period, lang)
    if not facts.total:
        return [word(lang, "No target was judged for {period}.", period=when)]
    kind = word(lang, "component targets") if facts.components else word(lang, "targets")
    headline = _capital(word(
        lang, "In {period}, {met} of {total} {kind} met or exceeded the plan", period=when,
        met=facts.met_or_exceeded, total=facts.total, kind=kind,
    ))  # fmt: skip
    counts = _counts(facts, list(Status), lang)
    sentences = [f"{headline} ({counts})." if counts else f"{headline}."]
    if facts.reported is not None:
        sentences.append(_reported(facts.reported, lang))
    if facts.exceeded_and_improved:
        rose = all(a.change is not None and a.change > 0 for a in facts.exceeded_and_improved)
        lead = (
            word(lang, "Exceeded the plan and grew on the same period last year")
            if rose
            else word(lang, "Exceeded the plan and improved on the same period last year")
        )
        sentences.append(f"{lead}: {_listed(facts.exceeded_and_improved, lang, _exceeded_detail)}.")
    if facts.basically_met:
        lead = word(lang, "Basically met the plan")
        sentences.append(f"{lead}: {_listed(facts.basically_met, lang, _short_detail)}.")
    if facts.not_met:
        sentences.append(f"{word(lang, 'Not met the plan')}: {_listed(facts.not_met, lang, _short_detail)}.")
    if facts.incomplete:
        lead = status_word(Status.INCOMPLETE, lang)
        sentences.append(f"{lead}: {_listed(facts.incomplete, lang, incomplete_detail)}.")
    if facts.no_data:
        sentences.append(f"{word(lang, 'No figures yet')}: {_listed(facts.no_data, lang, None)}.")
    return sentences


def _reported(reported: ReportedHeadline, lang: str) -> str:
    """The headline a document reported, in a sentence after the computed one."""
    said = word(
        lang, "As reported by {source} on {day}: {met} of {total} targets met or exceeded the plan",
        source=reported.source, day=format_date(reported.date, lang), met=reported.met, total=reported.total,
    )  # fmt: skip
    return f"{said} ({word(lang, 'illustrative')})." if reported.illustrative else f"{said}."


def _running(facts: Paragraph, lang: str) -> list[str]:
    """While the period runs: the counts by pace, then what each target behind must still deliver."""
    when = period_words(facts.period, lang)
    if not facts.total:
        return [word(lang, "No target was judged for {period}.", period=when)]
    parts = [_count_phrase(s, facts.by_status[s], lang) for s in RUNNING_ORDER if facts.by_status.get(s)]
    final = already_final(facts)
    if final:
        parts.append(word(lang, "final for the period: {counts}", counts=_counts(facts, list(final), lang)))
    if facts.by_status.get(Status.NO_DATA):
        parts.append(_count_phrase(Status.NO_DATA, facts.by_status[Status.NO_DATA], lang))
    day = format_date(facts.as_of, lang)
    sentences = [word(lang, "As of {day}, in {period}: {counts}.", day=day, period=when, counts="; ".join(parts))]
    if facts.reported is not None:
        sentences.append(_reported(facts.reported, lang))
    for assessment in facts.behind_pace:
        needed = still_needed(assessment, lang).removeprefix("; ")
        sentences.append(f"{assessment.target.display_name(lang)}: {needed}.")
    return sentences


def _count_phrase(status: Status, count: int, lang: str) -> str:
    return word(lang, "{status}: {count}", count=count, status=_lower(status, lang))


def _counts(facts: Paragraph, order: Sequence[Status], lang: str) -> str:
    return ", ".join(
        word(lang, "{status} {count}", status=_lower(s, lang), count=facts.by_status[s])
        for s in order
        if facts.by_status.get(s)
    )


def _listed(assessments: Sequence[Assessment], lang: str, detail: Callable[[Assessment, str], str] | None) -> str:
    items = []
    for assessment in assessments:
        name = assessment.target.display_name(lang)
        said = detail(assessment, lang) if detail else ""
        items.append(f"{name} ({said})" if said else name)
    return "; ".join(items)


def _figure(assessment: Assessment, lang: str) -> str:
    """ước 55,89 triệu đồng: the figure as the table shows it, its unit, how final it is."""
    actual = assessment.actual
    if actual is None:
        return ""
    text = value_text(actual.value, lang, assessment.plan)
    if not isinstance(actual.value, bool) and assessment.target.unit:
        text += f" {assessment.target.unit}"
    if actual.status is not FigureStatus.OFFICIAL:
        text = f"{figure_word(actual.status, lang)} {text}"
    return text


def _exceeded_detail(assessment: Assessment, lang: str) -> str:
    parts = [_figure(assessment, lang), revised_text(assessment, lang)]
    percent = percent_text(assessment, lang)  # a number's % of plan, or a range's (97,0–98,0%)
    if percent:
        parts.append(word(lang, "{percent} of plan", percent=percent))
    if assessment.change is not None:
        parts.append(_change_words(assessment, lang))
    return ", ".join(p for p in parts if p)


def _short_detail(assessment: Assessment, lang: str) -> str:
    parts = [_figure(assessment, lang), revised_text(assessment, lang)]
    percent = percent_text(assessment, lang)  # a number's % of plan, or a range's (97,0–98,0%)
    if percent:
        parts.append(word(lang, "{percent} of plan", percent=percent))
    gap = shortfall(assessment)
    if gap is not None and assessment.plan is not None:
        amount = format_number(gap, lang, max(assessment.plan.decimals, decimal_places(gap)))
        parts.append(word(lang, "{amount} short", amount=f"{amount} {assessment.target.unit}".rstrip()))
    return ", ".join(p for p in parts if p)


def _change_words(assessment: Assessment, lang: str) -> str:
    """tăng 7,7% so với cùng kỳ; giảm 3,93 điểm % so với cùng kỳ."""
    change = assessment.change
    assert change is not None  # callers check
    if assessment.change_kind is ChangeKind.POINTS:
        plan_places = assessment.plan.decimals if assessment.plan else 0
        amount = f"{format_number(abs(change), lang, max(plan_places, decimal_places(change), 1))} {word(lang, 'pts')}"
    else:
        amount = f"{format_number(abs(change), lang, 1)}%"
    if change > 0:
        return word(lang, "up {amount} on the same period last year", amount=amount)
    return word(lang, "down {amount} on the same period last year", amount=amount)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(status: Status, lang: str) -> str:
    """A verdict as the table writes it, inside a sentence: Vượt -> vượt."""
    return status_word(status, lang).lower()
