"""Why a target has its verdict, in a sentence: what `tracker show` writes per period."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from tracker.core.judging import Status
from tracker.core.model import Shape
from tracker.render.labels import word
from tracker.render.numbers import format_date, format_number, format_signed
from tracker.render.views.phrases import plan_text, status_text, value_text

if TYPE_CHECKING:
    from tracker.core.judging import Assessment


def explain(a: Assessment, lang: str) -> str:
    """The verdict in words: "Met: 9.0 meets the plan ≥ 8"."""
    vi = lang == "vi"
    if a.plan is None:
        return "không có kế hoạch cho kỳ này" if vi else "no plan value for this period"
    plan = plan_text(a.plan, lang)
    if a.actual is None:
        return "chưa có số liệu" if vi else "no figure recorded yet"
    actual = value_text(a.actual.value, lang, a.plan)
    status = status_text(a, lang)
    if a.term is not None:
        return explain_term(a, lang)
    if a.running and a.pace is not None:
        if a.pace.projected is not None and a.pace.expected_share is not None:
            share = format_number(a.pace.expected_share * 100, lang, 1)
            projected = format_number(a.pace.projected, lang, a.plan.decimals)
            if vi:
                return (
                    f"{status}: {actual} đến {format_date(a.actual.as_of, lang)} ({share}% thời gian của kỳ); "
                    f"nếu giữ nhịp này, cả kỳ ước {projected} so với kế hoạch {plan}{still_needed(a, lang)}"
                )
            return (
                f"{status}: {actual} by {format_date(a.actual.as_of, lang)} ({share}% of the period gone); "
                f"at this pace the period ends at {projected} against a plan of {plan}{still_needed(a, lang)}"
            )
        return (
            f"{status}: số mới nhất {actual} so với kế hoạch {plan}"
            if vi
            else f"{status}: latest figure {actual} against a plan of {plan}"
        )
    relation = {
        Status.EXCEEDED: ("vượt kế hoạch", "is better than the plan"),
        Status.MET: ("đạt kế hoạch", "meets the plan"),
        Status.NOT_MET: ("không đạt kế hoạch", "falls short of the plan"),
    }.get(a.computed_status, ("so với kế hoạch", "against the plan"))[0 if vi else 1]
    text = f"{word(lang, a.computed_status.value)}: {actual} {relation} {plan}"
    if a.plan.shape is Shape.MILESTONE:  # "Achieved" / "Not achieved" says it all
        done = a.actual.value is True
        text = word(lang, "achieved" if done else "not_achieved")
        if a.actual.source:
            text += f" ({a.actual.source})"
    if a.reported:
        reported = word(lang, a.status.value)
        text = f"{reported} theo báo cáo (tính toán: {text})" if vi else f"{reported} as reported (computed: {text})"
    return text


def still_needed(a: Assessment, lang: str) -> str:
    """ "; needs 1,115 tỷ đồng in the last 2 months, +38.0% on the same months last year"."""
    if a.pace is None or a.pace.needed is None or a.actual is None or a.plan is None:
        return ""
    amount = f"{format_number(a.pace.needed, lang, a.plan.decimals)} {a.target.unit}".rstrip()
    end, day = a.period.end, a.actual.as_of
    months = (end.year - day.year) * 12 + end.month - day.month
    month_end = (day + timedelta(days=1)).day == 1
    if lang == "vi":
        left = f"{months} tháng cuối kỳ" if month_end else f"{(end - day).days} ngày còn lại"
        text = f"; cần thêm {amount} trong {left}"
        if a.pace.needed_change is not None:
            text += f", {format_signed(a.pace.needed_change, lang, 1)}% so với cùng kỳ"
        return text
    left = f"the last {months} months" if month_end else f"the remaining {(end - day).days} days"
    text = f"; needs {amount} in {left}"
    if a.pace.needed_change is not None:
        text += f", {format_signed(a.pace.needed_change, lang, 1)}% on the same months last year"
    return text


_CATEGORY = {
    "achieved": ("đã đạt", "achieved"),
    "not_achieved": ("không đạt", "not achieved"),
    "on_track": ("đúng hướng", "on track"),
    "needs_acceleration": ("cần đẩy nhanh", "needs acceleration"),
    "limited_progress": ("tiến triển hạn chế", "limited progress"),
    "deterioration": ("đi xuống", "deterioration"),
    "insufficient_data": ("chưa đủ số liệu", "insufficient data"),
}


def explain_term(a: Assessment, lang: str) -> str:
    """How a term target was judged from yearly figures, with the numbers behind it."""
    t, vi = a.term, lang == "vi"
    assert t is not None and a.plan is not None
    status, plan = status_text(a, lang), plan_text(a.plan, lang)
    years = ", ".join(str(y) for y, _ in t.figures)
    value = format_number(t.value, lang)
    category = _CATEGORY[t.category][0 if vi else 1]
    if t.method == "compound":
        what = f"tăng bình quân {value}%/năm ({years})" if vi else f"average growth {value}%/year ({years})"
    elif t.method == "mean":
        what = f"bình quân {value}/năm ({years})" if vi else f"average {value} a year ({years})"
    elif t.method == "sum":
        what = f"tổng {value} ({years})" if vi else f"total {value} ({years})"
    else:
        year = t.figures[-1][0]
        what = f"{value} năm {year}" if vi else f"{value} in {year}"
    qualifier = "" if t.category in ("achieved", "not_achieved") and not a.running else f" ({category})"
    text = f"{status}{qualifier}: {what}, {'kế hoạch' if vi else 'plan'} {plan}"
    if t.ratio is not None and t.observed is not None and t.required is not None and t.baseline is not None:
        unit = "" if t.linear else "%"
        observed = format_signed(t.observed, lang, 2)
        required = format_signed(t.required, lang, 2)
        base = f"{format_number(t.baseline[1], lang)} ({t.baseline[0]})"
        ratio = format_number(t.ratio, lang, 2)
        if vi:
            text += (f"; từ {base}: thực tế {observed}{unit}/năm, cần {required}{unit}/năm, "
                     f"R = {ratio} (phương pháp Open SDG)")  # fmt: skip
        else:
            text += (f"; since {base}: observed {observed}{unit}/year, needed {required}{unit}/year, "
                     f"R = {ratio} (Open SDG method)")  # fmt: skip
    if t.projected is not None:
        projected = format_number(t.projected, lang, a.plan.decimals)
        text += f"; {'dự báo cuối kỳ' if vi else 'projected end of term'} {projected}"
    return text
