"""The year-end paragraph in words: `report --format text` (and markdown's opening).

The facts come from ``tracker.core.narrative``; this module only words them, in the
plan's language or ``--lang``, wrapped for mail. Output is deterministic: the same report
always gives the same bytes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from decimal import Decimal

from tracker.core.judging import Assessment, Status
from tracker.core.model import ChangeKind, FigureStatus, decimal_places
from tracker.core.narrative import RUNNING_ORDER, Paragraph, already_final, describe, shortfall
from tracker.core.periods import Period
from tracker.core.report import Report
from tracker.render.labels import word as label
from tracker.render.numbers import format_date, format_number
from tracker.render.views import percent_text, still_needed, value_text

WIDTH = 72  # mail clients wrap at about 72-78 columns; stay under

_ROMAN = ("I", "II", "III", "IV")


def paragraph_text(report: Report, lang: str, width: int = WIDTH) -> str:
    """The paragraph for ``report``, wrapped at ``width`` columns, ending in a newline."""
    facts = describe(report)
    sentences = _running(facts, lang) if facts.running else _after(facts, lang)
    text = " ".join(sentences)
    return textwrap.fill(text, width=width, break_long_words=False, break_on_hyphens=False) + "\n"


def period_words(period: Period, lang: str) -> str:
    """năm 2024, giai đoạn 2021-2025, quý III/2025, tháng 6/2025 (2024, 2021-2025, Q3 2025, 6/2025)."""
    year = period.start.year
    if period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        return f"quý {_ROMAN[quarter - 1]}/{year}" if lang == "vi" else f"Q{quarter} {year}"
    if period.kind == "month":
        return f"tháng {period.start.month}/{year}" if lang == "vi" else f"{period.start.month}/{year}"
    if period.kind == "span":
        return f"giai đoạn {period.label}" if lang == "vi" else period.label
    return f"năm {year}" if lang == "vi" else str(year)


def _after(facts: Paragraph, lang: str) -> list[str]:
    """After the period: the headline, who exceeded and improved, who fell short, who is silent."""
    when = period_words(facts.period, lang)
    if not facts.total:
        return [word(lang, "para_nothing_judged", period=when)]
    kind = word(lang, "para_components") if facts.components else word(lang, "para_targets")
    counts = _counts(facts, list(Status), lang)
    sentences = [
        word(
            lang, "para_headline", period=_capital(when), met=facts.met_or_exceeded, total=facts.total, kind=kind
        ).rstrip(".")
        + (f" ({counts})." if counts else ".")
    ]
    if facts.exceeded_and_improved:
        rose = all(a.change is not None and a.change > 0 for a in facts.exceeded_and_improved)
        lead = word(lang, "para_exceeded_grew" if rose else "para_exceeded_improved")
        sentences.append(f"{lead}: {_listed(facts.exceeded_and_improved, lang, _exceeded_detail)}.")
    if facts.not_met:
        sentences.append(f"{word(lang, 'para_lead_not_met')}: {_listed(facts.not_met, lang, _short_detail)}.")
    if facts.no_data:
        sentences.append(f"{word(lang, 'para_lead_no_data')}: {_listed(facts.no_data, lang, None)}.")
    return sentences


def _running(facts: Paragraph, lang: str) -> list[str]:
    """While the period runs: the counts by pace, then what each target behind must still deliver."""
    when = period_words(facts.period, lang)
    day = format_date(facts.as_of, lang)
    if not facts.total:
        return [word(lang, "para_nothing_judged", period=when)]
    parts = [
        _count_phrase(status, facts.by_status[status], lang) for status in RUNNING_ORDER if facts.by_status.get(status)
    ]
    final = already_final(facts)
    if final:
        parts.append(word(lang, "para_final", counts=_counts(facts, list(final), lang)))
    if facts.by_status.get(Status.NO_DATA):
        parts.append(_count_phrase(Status.NO_DATA, facts.by_status[Status.NO_DATA], lang))
    sentences = [word(lang, "para_running", day=day, period=when, counts="; ".join(parts))]
    for assessment in facts.behind_pace:
        needed = still_needed(assessment, lang).removeprefix("; ")
        sentences.append(f"{assessment.target.display_name(lang)}: {needed}.")
    return sentences


def _count_phrase(status: Status, count: int, lang: str) -> str:
    return word(lang, "para_count", count=count, status=word(lang, f"para_{status.value}"))


def _counts(facts: Paragraph, order: Sequence[Status], lang: str) -> str:
    return ", ".join(
        f"{word(lang, f'para_{status.value}')} {facts.by_status[status]}"
        for status in order
        if facts.by_status.get(status)
    )


def _listed(assessments: Sequence[Assessment], lang: str, detail: Callable[[Assessment, str], str] | None) -> str:
    items = []
    for assessment in assessments:
        name = assessment.target.display_name(lang)
        said = detail(assessment, lang) if detail else ""
        items.append(f"{name} ({said})" if said else name)
    return "; ".join(items)


def _figure(assessment: Assessment, lang: str) -> str:
    """55,89 triệu đồng (ước): the figure as the table shows it, with its unit and status."""
    actual = assessment.actual
    if actual is None:
        return ""
    text = value_text(actual.value, lang, assessment.plan)
    if not isinstance(actual.value, bool) and assessment.target.unit:
        text += f" {assessment.target.unit}"
    if actual.status is not FigureStatus.OFFICIAL:
        text = f"{word(lang, actual.status.value)} {text}"
    return text


def _exceeded_detail(assessment: Assessment, lang: str) -> str:
    parts = [_figure(assessment, lang)]
    if assessment.percent_of_plan is not None:
        parts.append(word(lang, "para_percent", percent=percent_text(assessment, lang)))
    if assessment.change is not None:
        parts.append(_change_words(assessment, lang))
    return ", ".join(p for p in parts if p)


def _short_detail(assessment: Assessment, lang: str) -> str:
    parts = [_figure(assessment, lang)]
    if assessment.percent_of_plan is not None:
        parts.append(word(lang, "para_percent", percent=percent_text(assessment, lang)))
    gap = shortfall(assessment)
    if gap is not None and assessment.plan is not None:
        amount = format_number(gap, lang, max(assessment.plan.decimals, _places(gap)))
        parts.append(word(lang, "para_short", amount=f"{amount} {assessment.target.unit}".rstrip()))
    return ", ".join(p for p in parts if p)


def _change_words(assessment: Assessment, lang: str) -> str:
    """tăng 7,7% so với cùng kỳ; giảm 3,93 điểm % so với cùng kỳ."""
    change = assessment.change
    assert change is not None  # callers check
    if assessment.change_kind is ChangeKind.POINTS:
        places = max(assessment.plan.decimals if assessment.plan else 0, _places(change), 1)
        amount = f"{format_number(abs(change), lang, places)} {word(lang, 'points')}"
    else:
        amount = f"{format_number(abs(change), lang, 1)}%"
    key = "para_up" if change > 0 else "para_down"
    return word(lang, key, amount=amount)


def _places(number: Decimal) -> int:
    return decimal_places(number)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# The paragraph's phrases; the statuses' and units' words are the tables' (labels.word).
_PHRASES: dict[str, dict[str, str]] = {
    "vi": {
        "para_nothing_judged": "Không có chỉ tiêu nào được đánh giá cho {period}.",
        "para_components": "chỉ tiêu thành phần",
        "para_targets": "chỉ tiêu",
        "para_headline": "{period}, {met}/{total} {kind} đạt và vượt kế hoạch",
        "para_exceeded_grew": "Vượt kế hoạch và tăng so với cùng kỳ",
        "para_exceeded_improved": "Vượt kế hoạch và cải thiện so với cùng kỳ",
        "para_lead_not_met": "Không đạt kế hoạch",
        "para_lead_no_data": "Chưa có số liệu",
        "para_running": "Tính đến ngày {day}, trong {period}: {counts}.",
        "para_count": "{count} chỉ tiêu {status}",
        "para_final": "đã có kết quả cả kỳ: {counts}",
        "para_percent": "bằng {percent} kế hoạch",
        "para_short": "còn thiếu {amount}",
        "para_up": "tăng {amount} so với cùng kỳ",
        "para_down": "giảm {amount} so với cùng kỳ",
        "para_exceeded": "vượt",
        "para_met": "đạt",
        "para_not_met": "không đạt",
        "para_no_data": "chưa có số liệu",
        "para_on_track": "đúng tiến độ",
        "para_at_risk": "có nguy cơ không đạt",
        "para_off_track": "chậm tiến độ",
        "para_not_judged": "không đánh giá",
    },
    "en": {
        "para_nothing_judged": "No target was judged for {period}.",
        "para_components": "component targets",
        "para_targets": "targets",
        "para_headline": "{period}: {met} of {total} {kind} met or exceeded the plan",
        "para_exceeded_grew": "Exceeded the plan and grew on the same period last year",
        "para_exceeded_improved": "Exceeded the plan and improved on the same period last year",
        "para_lead_not_met": "Not met",
        "para_lead_no_data": "No data",
        "para_running": "As of {day}, in {period}: {counts}.",
        "para_count": "{count} {status}",
        "para_final": "final for the period: {counts}",
        "para_percent": "{percent} of plan",
        "para_short": "{amount} short",
        "para_up": "up {amount} on the same period last year",
        "para_down": "down {amount} on the same period last year",
        "para_exceeded": "exceeded",
        "para_met": "met",
        "para_not_met": "not met",
        "para_no_data": "no data",
        "para_on_track": "on track",
        "para_at_risk": "at risk",
        "para_off_track": "off track",
        "para_not_judged": "not judged",
    },
}


def word(lang: str, key: str, **values: object) -> str:
    """A phrase of the paragraph, or a word the tables share, in ``lang``."""
    table = _PHRASES.get(lang, _PHRASES["en"])
    if key not in table:
        return label(lang, key, **values)
    return table[key].format(**values) if values else table[key]
