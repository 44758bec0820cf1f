"""`tracker report`: every target judged for a period, for people and for programs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.core.judging import Status
from tracker.render.charts import sparkline
from tracker.render.numbers import format_date
from tracker.render.schema import REPORT_FIELDS, SCHEMA_VERSION
from tracker.render.sheet import Column, Line, Records, Section, Sheet
from tracker.render.views.fields import iso, plan_fields, rounded, target_fields, term_fields
from tracker.render.views.phrases import actual_text, change_text, headline, percent_text, plan_text, status_text
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.report import Report, Row


def report_sheet(report: Report, lang: str) -> Sheet:
    """The comparison table for people, sectioned by group, headline last."""
    columns = (
        Column(word(lang, "ID"), key="id"),
        Column(word(lang, "Target"), wrap=True, key="name"),
        Column(word(lang, "Unit"), key="unit"),
        Column(word(lang, "Plan"), numeric=True),
        Column(word(lang, "Actual"), numeric=True),
        Column(word(lang, "% plan"), numeric=True),
        Column(word(lang, "vs last year"), numeric=True),
        Column(word(lang, "Trend")),
        Column(word(lang, "Status")),
    )
    sections = tuple(
        Section(group, tuple(_line(row, lang) for row in report.rows if row.target.group == group))
        for group in report.groups()
    )
    as_of = f"{word(lang, 'as of')} {format_date(report.as_of, lang)}"
    empty = word(lang, "No targets for period {period}", period=report.period.label)
    footer = (headline(report, lang) if report.rows else empty,)
    return Sheet(
        title=report.display_title(lang),
        subtitle=f"{report.organisation} · {report.period.label} · {as_of}".lstrip(" ·"),
        columns=columns,
        sections=sections,
        footer=footer,
        bar_column=5,
    )


def _line(row: Row, lang: str) -> Line:
    """One target's line: the figures in words, its status for colour, % of plan as a bar."""
    a = row.assessment
    return Line(
        cells=(
            row.target.id,
            row.target.display_name(lang),
            row.target.unit,
            plan_text(a.plan, lang),
            actual_text(a, lang),
            percent_text(a, lang),
            change_text(a, lang),
            sparkline(row.trend),
            status_text(a, lang),
        ),
        status=a.status.value,
        depth=row.depth,
        bar=None if a.percent_of_plan is None else float(a.percent_of_plan) / 100,
    )


def report_records(report: Report) -> Records:
    """The report for programs: envelope with summary, one item per target."""
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
    return Records("report", envelope, "targets", REPORT_FIELDS, [_item(row, report) for row in report.rows])


def _item(row: Row, report: Report) -> dict[str, Any]:
    """One target judged, every raw field."""
    a, t = row.assessment, row.target
    return {
        **target_fields(t),
        "period": report.period.label,
        **plan_fields(a.plan),
        "actual": a.actual.value if a.actual else None,
        "as_of": iso(a.actual.as_of) if a.actual else None,
        "figure_status": a.actual.status.value if a.actual else None,
        "entry_id": (a.actual.id or None) if a.actual else None,
        "status": a.status.value,
        "computed_status": a.computed_status.value,
        "reported": a.reported,
        "percent_of_plan": rounded(a.percent_of_plan),
        "previous": a.previous.value if a.previous else None,
        "change": rounded(a.change),
        "change_kind": a.change_kind.value,
        "running": a.running,
        "expected_share": rounded(a.pace.expected_share) if a.pace else None,
        "projected": rounded(a.pace.projected) if a.pace else None,
        "needed": rounded(a.pace.needed) if a.pace else None,
        "needed_change": rounded(a.pace.needed_change) if a.pace else None,
        "counted": row.counted,
        **term_fields(a),
        "trend": list(row.trend),
    }
