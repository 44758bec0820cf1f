"""Turning the domain (a report, a plan, a log) into Sheets for people and Records for
programs. Every format renders from these, so all formats say the same thing."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from tracker.core.judging import Assessment, Status
from tracker.core.model import ChangeKind, Entry, Plan, PlanValue, Retraction, Shape, Target, decimal_places
from tracker.core.report import Report
from tracker.render.charts import Bar, history_chart, sparkline
from tracker.render.labels import word
from tracker.render.numbers import format_date, format_number, format_signed
from tracker.render.sheet import Column, Line, Records, Section, Sheet

SCHEMA_VERSION = 1
_ROUND = Decimal("0.0001")  # derived figures in machine formats: 4 decimal places


# ---------------------------------------------------------------- shared phrases


def plan_text(plan: PlanValue | None, lang: str) -> str:
    """A plan value the way a report writes it: ≥ 8, > 5, 9–10, ≈ 4 (±0,5), Đạt."""
    if plan is None:
        return ""

    def n(x: Decimal | None) -> str:
        return format_number(x, lang) if x is not None else ""

    if plan.shape is Shape.MILESTONE:
        return word(lang, "achieve")
    if plan.shape is Shape.AT_LEAST:
        return f"{'>' if plan.strict else '≥'} {n(plan.value)}"
    if plan.shape is Shape.AT_MOST:
        return f"{'<' if plan.strict else '≤'} {n(plan.value)}"
    if plan.shape is Shape.RANGE:
        return f"{n(plan.low)}–{n(plan.high)}"
    if plan.shape is Shape.ABOUT:
        return f"≈ {n(plan.value)} (±{n(plan.tolerance)})"
    return n(plan.value)


def value_text(value: Decimal | bool | None, lang: str, plan: PlanValue | None = None) -> str:
    """A recorded figure for people; yes/no for milestones.

    Shown with the digits it was written with, and at least as many decimals as the
    plan value: 100 against a plan of 99.8 reads 100.0.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return word(lang, "achieved" if value else "not_achieved")
    return format_number(value, lang, max(_places_of(value), _places(plan)))


def status_text(a: Assessment, lang: str) -> str:
    """The verdict in words, marked when a reported verdict overrode the computed one."""
    key = a.status.value
    if a.plan is not None and a.plan.shape is Shape.MILESTONE and a.status in (Status.MET, Status.NOT_MET):
        key = "achieved" if a.status is Status.MET else "not_achieved"
    text = word(lang, key)
    return f"{text} ({word(lang, 'reported')})" if a.reported else text


def change_text(a: Assessment, lang: str) -> str:
    """+7,7% or +0,10 điểm % for people."""
    if a.change is None:
        return ""
    if a.change_kind is ChangeKind.POINTS:
        places = max(_places(a.plan), _places_of(a.actual.value if a.actual else None), 1)
        return f"{format_signed(a.change, lang, places)} {word(lang, 'points')}"
    return f"{format_signed(a.change, lang, 1)}%"


def _places(plan: PlanValue | None) -> int:
    return plan.decimals if plan else 0


def _places_of(value: Decimal | bool | None) -> int:
    return decimal_places(value) if isinstance(value, Decimal) else 0


def percent_text(a: Assessment, lang: str) -> str:
    """% of plan for people, one decimal."""
    return "" if a.percent_of_plan is None else f"{format_number(a.percent_of_plan, lang, 1)}%"


def headline(report: Report, lang: str) -> str:
    """39/43 chỉ tiêu đạt và vượt kế hoạch, with the count of each status after it."""
    s = report.summary
    text = word(lang, "headline", met=s.met_or_exceeded, total=s.total)
    counts = ", ".join(f"{word(lang, k)} {v}" for k, v in s.by_status.items())
    return f"{text} ({counts})" if counts else text


def _round(x: Decimal | None) -> Decimal | None:
    if x is None or not x.is_finite():
        return None
    if x == 0:
        return Decimal(0)
    if x.adjusted() >= 24:  # no decimals left within the context's 28 digits: as it is
        return x
    return x.quantize(_ROUND).normalize()


def _iso(x: date | datetime | None) -> str | None:
    return None if x is None else x.isoformat()


# ---------------------------------------------------------------- report


def report_sheet(report: Report, lang: str) -> Sheet:
    """The comparison table for people, sectioned by group, headline last."""
    columns = (
        Column(word(lang, "col_id"), key="id"),
        Column(word(lang, "col_name"), wrap=True, key="name"),
        Column(word(lang, "col_unit"), key="unit"),
        Column(word(lang, "col_plan"), numeric=True),
        Column(word(lang, "col_actual"), numeric=True),
        Column(word(lang, "col_percent"), numeric=True),
        Column(word(lang, "col_change"), numeric=True),
        Column(word(lang, "col_trend")),
        Column(word(lang, "col_status")),
    )
    sections = []
    for group in report.groups():
        lines = []
        for row in report.rows:
            if row.target.group != group:
                continue
            a = row.assessment
            actual = value_text(a.actual.value, lang, a.plan) if a.actual else ""
            if a.actual and a.actual.status.value != "official":
                actual = f"{actual} ({word(lang, a.actual.status.value)})"
            bar = None
            if a.percent_of_plan is not None:
                bar = float(a.percent_of_plan) / 100
            lines.append(
                Line(
                    cells=(
                        row.target.id,
                        row.target.display_name(lang),
                        row.target.unit,
                        plan_text(a.plan, lang),
                        actual,
                        percent_text(a, lang),
                        change_text(a, lang),
                        sparkline(row.trend),
                        status_text(a, lang),
                    ),
                    status=a.status.value,
                    depth=row.depth,
                    bar=bar,
                )
            )
        sections.append(Section(group, tuple(lines)))
    as_of = f"{word(lang, 'as_of')} {format_date(report.as_of, lang)}"
    footer = (headline(report, lang),) if report.rows else (word(lang, "no_targets", period=report.period.label),)
    return Sheet(
        title=report.display_title(lang),
        subtitle=f"{report.organisation} · {report.period.label} · {as_of}".lstrip(" ·"),
        columns=columns,
        sections=tuple(sections),
        footer=footer,
        bar_column=5,
    )


REPORT_FIELDS = (
    "id", "name", "name_en", "group", "unit", "parent", "owner", "period",
    "plan", "plan_shape", "plan_low", "plan_high", "plan_strict", "plan_better",
    "plan_tolerance", "plan_illustrative", "actual", "as_of", "figure_status", "entry_id",
    "status", "computed_status", "reported", "percent_of_plan", "previous", "change",
    "change_kind", "running", "expected_share", "projected", "needed", "needed_change", "counted", "trend",
    "term_method", "term_category", "term_baseline_year", "term_baseline", "term_observed", "term_required",
    "term_ratio", "term_projected",
)  # fmt: skip


def plan_fields(plan: PlanValue | None) -> dict[str, Any]:
    """A plan value as flat raw fields; ``plan`` is the reference figure."""
    if plan is None:
        return {k: None for k in REPORT_FIELDS if k.startswith("plan")}
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
        "term_observed": _round(t.observed) if t else None,
        "term_required": _round(t.required) if t else None,
        "term_ratio": _round(t.ratio) if t else None,
        "term_projected": _round(t.projected) if t else None,
    }


def report_records(report: Report) -> Records:
    """The report for programs: envelope with summary, one item per target."""
    items = []
    for row in report.rows:
        a, t = row.assessment, row.target
        items.append(
            {
                **target_fields(t),
                "period": report.period.label,
                **plan_fields(a.plan),
                "actual": a.actual.value if a.actual else None,
                "as_of": _iso(a.actual.as_of) if a.actual else None,
                "figure_status": a.actual.status.value if a.actual else None,
                "entry_id": (a.actual.id or None) if a.actual else None,
                "status": a.status.value,
                "computed_status": a.computed_status.value,
                "reported": a.reported,
                "percent_of_plan": _round(a.percent_of_plan),
                "previous": a.previous.value if a.previous else None,
                "change": _round(a.change),
                "change_kind": a.change_kind.value,
                "running": a.running,
                "expected_share": _round(a.pace.expected_share) if a.pace else None,
                "projected": _round(a.pace.projected) if a.pace else None,
                "needed": _round(a.pace.needed) if a.pace else None,
                "needed_change": _round(a.pace.needed_change) if a.pace else None,
                "counted": row.counted,
                **term_fields(a),
                "trend": list(row.trend),
            }
        )
    s = report.summary
    envelope = {
        "schema_version": SCHEMA_VERSION,
        "kind": "report",
        "title": report.title,
        "organisation": report.organisation,
        "period": report.period.label,
        "as_of": report.as_of.isoformat(),
        "summary": {
            "total": s.total,
            "met_or_exceeded": s.met_or_exceeded,
            "by_status": {st.value: s.by_status.get(st.value, 0) for st in Status},
            "by_group": [
                {"group": g.group, "total": g.total, "met_or_exceeded": g.met_or_exceeded} for g in s.by_group
            ],
        },
    }
    return Records("report", envelope, "targets", REPORT_FIELDS, items)


# ---------------------------------------------------------------- list


def list_sheet(plan: Plan, targets: Sequence[Target], period: str, lang: str) -> Sheet:
    """Targets with group, unit, owner and the plan value for ``period``."""
    columns = (
        Column(word(lang, "col_id"), key="id"),
        Column(word(lang, "col_name"), wrap=True, key="name"),
        Column(word(lang, "col_unit"), key="unit"),
        Column(f"{word(lang, 'col_plan')} {period}", numeric=True),
        Column(word(lang, "col_owner")),
    )
    sections = []
    for group in dict.fromkeys(t.group for t in targets):
        lines = tuple(
            Line(
                cells=(t.id, t.display_name(lang), t.unit, plan_text(t.plans.get(period), lang), t.owner),
                depth=1 if t.parent else 0,
            )
            for t in targets
            if t.group == group
        )
        sections.append(Section(group, lines))
    return Sheet(title=plan.display_title(lang), subtitle=plan.organisation, columns=columns, sections=tuple(sections))


LIST_FIELDS = (
    "id", "name", "name_en", "group", "unit", "parent", "owner", "source", "accumulates",
    "period", "plan", "plan_shape", "plan_low", "plan_high", "plan_strict", "plan_better",
    "plan_tolerance", "plan_illustrative",
)  # fmt: skip


def list_records(plan: Plan, targets: Sequence[Target], period: str) -> Records:
    """Targets for programs; json items also carry ``plans``, every period's value."""
    items = []
    for t in targets:
        items.append(
            {
                **target_fields(t),
                "source": t.source or None,
                "accumulates": t.accumulates,
                "period": period,
                **plan_fields(t.plans.get(period)),
                "plans": {label: plan_fields(value) for label, value in t.plans.items()},
            }
        )
    envelope = {
        "schema_version": SCHEMA_VERSION,
        "kind": "list",
        "title": plan.title,
        "organisation": plan.organisation,
        "period": period,
    }
    return Records("list", envelope, "targets", LIST_FIELDS, items)


# ---------------------------------------------------------------- history


def history_sheet(plan: Plan, entries: Sequence[Entry], retractions: Sequence[Retraction], lang: str) -> Sheet:
    """Every entry with its provenance, retracted ones marked, in recording order."""
    retracted = {r.retracts for r in retractions}
    columns = (
        Column(word(lang, "col_entry")),
        Column(word(lang, "col_name")),
        Column(word(lang, "col_period")),
        Column(word(lang, "col_value"), numeric=True),
        Column(word(lang, "col_as_of")),
        Column(word(lang, "col_figure")),
        Column(word(lang, "col_recorded")),
        Column(word(lang, "col_by")),
        Column(word(lang, "col_source")),
        Column(word(lang, "col_note"), wrap=True),
    )
    lines = []
    for e in entries:
        status = word(lang, e.status.value)
        if e.verdict:
            status = f"{status}; {word(lang, e.verdict)}"
        note = " ".join(e.note.split())
        if e.id in retracted:
            note = f"[{word(lang, 'retracted')}] {note}".strip()
        lines.append(
            Line(
                cells=(
                    e.id,
                    e.target,
                    e.period,
                    value_text(e.value, lang),
                    format_date(e.as_of, lang),
                    status,
                    _iso(e.recorded_at) or "",
                    e.recorded_by,
                    e.source,
                    note,
                ),
                status="retracted" if e.id in retracted else None,
            )
        )
    for r in retractions:
        lines.append(
            Line(
                cells=(
                    r.id,
                    "",
                    "",
                    "",
                    "",
                    word(lang, "retraction", entry=r.retracts),
                    _iso(r.recorded_at) or "",
                    r.recorded_by,
                    "",
                    " ".join(r.note.split()),
                ),
                status="retraction",
            )
        )
    lines.sort(key=lambda line: line.cells[6])
    return Sheet(
        title=plan.display_title(lang),
        subtitle=plan.organisation,
        columns=columns,
        sections=(Section(None, tuple(lines)),),
    )


HISTORY_FIELDS = (
    "kind", "id", "target", "period", "value", "as_of", "status", "source", "note", "verdict",
    "recorded_at", "recorded_by", "retracts", "retracted",
)  # fmt: skip


def history_records(plan: Plan, entries: Sequence[Entry], retractions: Sequence[Retraction]) -> Records:
    """Every entry and retraction with every field; import reads the same names."""
    retracted = {r.retracts for r in retractions}
    items: list[dict[str, Any]] = []
    for e in entries:
        items.append(
            {
                "kind": "entry", "id": e.id, "target": e.target, "period": e.period,
                "value": e.value, "as_of": e.as_of.isoformat(), "status": e.status.value,
                "source": e.source or None, "note": e.note or None, "verdict": e.verdict or None,
                "recorded_at": _iso(e.recorded_at), "recorded_by": e.recorded_by,
                "retracts": None, "retracted": e.id in retracted,
            }
        )  # fmt: skip
    for r in retractions:
        items.append(
            {
                "kind": "retraction", "id": r.id, "target": None, "period": None, "value": None,
                "as_of": None, "status": None, "source": None, "note": r.note or None,
                "verdict": None, "recorded_at": _iso(r.recorded_at), "recorded_by": r.recorded_by,
                "retracts": r.retracts, "retracted": False,
            }
        )  # fmt: skip
    items.sort(key=lambda item: item["recorded_at"] or "")
    envelope = {"schema_version": SCHEMA_VERSION, "kind": "history", "title": plan.title,
                "organisation": plan.organisation}  # fmt: skip
    return Records("history", envelope, "entries", HISTORY_FIELDS, items)


# ---------------------------------------------------------------- show


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


def show_sheet(
    target: Target,
    assessments: Sequence[Assessment],
    lang: str,
    entries: Sequence[Entry] = (),
    retracted: Collection[str] = (),
) -> Sheet:
    """One target in full: definition in the subtitle, a line per period with the
    verdict explained, its history as a chart, and every figure recorded."""
    definition = [
        f"{word(lang, 'col_id')}: {target.id}",
        f"{word(lang, 'col_group')}: {target.group}",
        f"{word(lang, 'col_unit')}: {target.unit}",
    ]
    if target.parent:
        definition.append(f"{word(lang, 'col_parent')}: {target.parent}")
    if target.owner:
        definition.append(f"{word(lang, 'col_owner')}: {target.owner}")
    if target.source:
        definition.append(f"{word(lang, 'col_source')}: {target.source}")
    columns = (
        Column(word(lang, "col_period")),
        Column(word(lang, "col_plan"), numeric=True),
        Column(word(lang, "col_actual"), numeric=True),
        Column(word(lang, "col_as_of")),
        Column(word(lang, "col_percent"), numeric=True),
        Column(word(lang, "col_change"), numeric=True),
        Column(word(lang, "col_status"), wrap=True),
    )
    lines = []
    for a in assessments:
        actual = value_text(a.actual.value, lang, a.plan) if a.actual else ""
        if a.actual and a.actual.status.value != "official":
            actual = f"{actual} ({word(lang, a.actual.status.value)})"
        illustrative = " *" if a.plan is not None and a.plan.illustrative else ""
        lines.append(
            Line(
                cells=(
                    a.period.label, plan_text(a.plan, lang) + illustrative, actual,
                    format_date(a.actual.as_of, lang) if a.actual else "", percent_text(a, lang),
                    change_text(a, lang), explain(a, lang),
                ),
                status=a.status.value,
            )
        )  # fmt: skip
    footer = []
    if any(a.plan is not None and a.plan.illustrative for a in assessments):
        footer.append(
            "* "
            + (
                "giá trị minh họa, không phải số liệu công bố"
                if lang == "vi"
                else "illustrative value, not a published figure"
            )
        )
    if target.note:
        footer.append(target.note)
    return Sheet(
        title=target.display_name(lang),
        subtitle=" · ".join(definition),
        columns=columns,
        sections=(Section(None, tuple(lines)),),
        footer=tuple(footer),
        figure=(*history_figure(assessments, lang), *recorded_figures(entries, retracted, lang)),
    )


def recorded_figures(entries: Sequence[Entry], retracted: Collection[str], lang: str) -> tuple[str, ...]:
    """Every figure of a target, revisions and retracted ones included, oldest first."""
    if not entries:
        return ()
    lines = ["", "Số liệu đã ghi" if lang == "vi" else "Figures recorded"]
    for e in entries:
        parts = [
            e.period,
            value_text(e.value, lang),
            word(lang, e.status.value),
            format_date(e.as_of, lang),
            f"[{e.id}]",
        ]
        if e.verdict:
            parts.append(f"{word(lang, 'reported')}: {word(lang, e.verdict)}")
        if e.source:
            parts.append(e.source)
        if e.note:
            parts.append(e.note)
        if e.id in retracted:
            parts.append(f"({word(lang, 'retracted')})")
        lines.append("  " + "  ".join(parts))
    return tuple(lines)


def history_figure(assessments: Sequence[Assessment], lang: str) -> tuple[str, ...]:
    """The target's history as text bars, one per period with a figure or a plan."""
    bars = []
    for a in assessments:
        if a.actual is None and a.plan is None:
            continue
        plan = a.plan.reference if a.plan is not None and a.plan.shape is not Shape.MILESTONE else None
        bars.append(
            Bar(
                label=a.period.label,
                value=a.actual.value if a.actual else None,
                plan=plan,
                value_text=value_text(a.actual.value, lang, a.plan) if a.actual else "",
                plan_text=plan_text(a.plan, lang),
            )
        )
    if not bars:
        return ()
    return (word(lang, "chart"), *history_chart(bars, plan_word=word(lang, "plan_word")))


def show_records(
    plan: Plan,
    target: Target,
    assessments: Sequence[Assessment],
    as_of: date,
    entries: Sequence[Entry],
    retractions: Sequence[Retraction],
) -> Records:
    """One target for programs: its definition, a judged item per period, its entries."""
    from tracker.core.report import Report, Row, summarise

    rows = [Row(a, depth=0, counted=a.judged) for a in assessments]
    items = []
    for a, row in zip(assessments, rows, strict=False):
        single = Report(plan.title, plan.organisation, a.period, as_of, (row,), summarise([row]))
        items.extend(report_records(single).items)
    history = history_records(plan, entries, retractions)
    envelope = {
        "schema_version": SCHEMA_VERSION,
        "kind": "show",
        "title": plan.title,
        "target": list_records(plan, [target], plan.default_period).items[0],
        "entries": history.items,
    }
    return Records("show", envelope, "periods", REPORT_FIELDS, items)


# ---------------------------------------------------------------- one-line messages


def record_line(entry: Entry, standing: Assessment, lang: str) -> str:
    """What `record` prints: what was recorded and how the target now stands."""
    value = value_text(entry.value, lang)
    if entry.status.value != "official":
        value = f"{value} ({word(lang, entry.status.value)})"
    stands = status_text(standing, lang)
    plan = plan_text(standing.plan, lang)
    plan_part = f"; {word(lang, 'col_plan').lower()} {plan}" if plan else ""
    day = format_date(entry.as_of, lang)
    if lang == "vi":
        return (
            f"đã ghi {entry.target} {entry.period} = {value} {word(lang, 'as_of')} {day} "
            f"[{entry.id}]; hiện tại: {stands}{plan_part}"
        )
    return (
        f"recorded {entry.target} {entry.period} = {value} {word(lang, 'as_of')} {day} "
        f"[{entry.id}]; now: {stands}{plan_part}"
    )


def retract_line(entry: Entry, retraction: Retraction, lang: str) -> str:
    """What `undo` and `retract` print."""
    value = value_text(entry.value, lang)
    verb = "đã hủy" if lang == "vi" else "retracted"
    day = format_date(entry.as_of, lang)
    return f"{verb} {entry.id}: {entry.target} {entry.period} = {value} ({day}) [{retraction.id}]"
