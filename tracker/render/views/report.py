"""`tracker report`: every target judged for a period, for people and for programs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.core.judging import Status
from tracker.render.charts import sparkline
from tracker.render.numbering import numbered
from tracker.render.numbers import format_date
from tracker.render.schema import REPORT_FIELDS, SCHEMA_VERSION
from tracker.render.sheet import Column, Count, Lead, Line, Records, Section, Sheet
from tracker.render.views.fields import (
    actual_fields,
    amendment_fields,
    first_reported_fields,
    iso,
    number_field,
    percent_span_fields,
    plan_fields,
    rounded,
    target_fields,
    term_fields,
)
from tracker.render.views.phrases import (
    actual_text,
    assessed_plan_text,
    change_text,
    headline,
    illustrative_legend,
    incomplete_notes,
    marked,
    percent_text,
    status_text,
    status_word,
)
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.report import Report, Row


def report_sheet(report: Report, lang: str) -> Sheet:
    """The comparison table for people, sectioned by group and numbered as the Biểu is,
    the legend of its marks under it, headline last (first on a page that opens with
    the lead: the headline, the counts by status and the year-end paragraph)."""
    columns = (
        Column(word(lang, "ID"), key="id"),
        Column(word(lang, "Target"), wrap=True, key="name"),
        Column(word(lang, "Unit"), key="unit"),
        Column(word(lang, "Plan"), numeric=True),
        Column(word(lang, "Actual"), numeric=True),
        Column(word(lang, "% plan"), numeric=True),
        Column(word(lang, "vs last year"), numeric=True),
        Column(word(lang, "Trend"), key="trend"),
        Column(word(lang, "Status")),
    )
    sections = _sections(report, lang)
    as_of = f"{word(lang, 'as of')} {format_date(report.as_of, lang)}"
    empty = word(lang, "No targets for period {period}", period=report.period.label)
    said = headline(report, lang) if report.rows else empty
    return Sheet(
        title=report.display_title(lang),
        subtitle=f"{report.organisation} · {report.period.label} · {as_of}".lstrip(" ·"),
        columns=columns,
        sections=sections,
        footer=(said,),
        bar_column=5,
        notes=((illustrative_legend(lang),) if marked(report) else ()) + incomplete_notes(report, lang),
        lead=lambda: report_lead(report, lang, said),
    )


def _sections(report: Report, lang: str) -> tuple[Section, ...]:
    """A section per group, numbered as the Biểu is: I, II for groups, 1, 2, 2.1 for targets."""
    # numbered() walks groups and rows in the order this loop does: a group's number first,
    # then one per row of the group.
    numbers = iter(stt for stt, _, _, _ in numbered(report))
    sections = []
    for group in report.groups():
        number = next(numbers)
        lines = tuple(_line(row, lang, next(numbers)) for row in report.rows if row.target.group == group)
        sections.append(Section(group, lines, number))
    return tuple(sections)


def report_lead(report: Report, lang: str, said: str) -> Lead:
    """What a page for a leader opens with: the headline ``said``, the counts by status in
    the order of the verdicts, and the year-end paragraph on one line (the page wraps it)."""
    from tracker.render.paragraph import paragraph_text  # only a page that opens with it words it

    counts = tuple(Count(status, status_word(status, lang), n) for status, n in report.summary.by_status.items())
    paragraph = paragraph_text(report, lang, width=1_000_000).strip() if report.rows else ""
    return Lead(said, counts, paragraph)


def _line(row: Row, lang: str, number: str) -> Line:
    """One target's line: the figures in words, its status for colour, % of plan as a bar."""
    a = row.assessment
    return Line(
        cells=(
            row.target.id,
            row.target.display_name(lang),
            row.target.unit,
            assessed_plan_text(a, lang),
            actual_text(a, lang),
            percent_text(a, lang),
            change_text(a, lang),
            sparkline(row.trend),
            status_text(a, lang),
        ),
        status=a.status.value,
        depth=row.depth,
        bar=None if a.percent_of_plan is None else float(a.percent_of_plan) / 100,
        number=number,
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
            "reported": _reported(report),
        },
    }
    return Records("report", envelope, "targets", REPORT_FIELDS, [_item(row, report) for row in report.rows])


def _reported(report: Report) -> dict[str, Any] | None:
    """The headline a document reported for the period (see ``latest_reported``), or None."""
    r = report.reported
    if r is None:
        return None
    return {"period": r.period, "met": r.met, "total": r.total, "source": r.source, "date": iso(r.date),
            "note": r.note or None, "illustrative": r.illustrative}  # fmt: skip


def _item(row: Row, report: Report) -> dict[str, Any]:
    """One target judged, every raw field."""
    a, t = row.assessment, row.target
    return {
        **target_fields(t),
        "period": report.period.label,
        **plan_fields(a.plan),
        "actual": number_field(a.actual.value) if a.actual else None,
        "as_of": iso(a.actual.as_of) if a.actual else None,
        "figure_status": a.actual.status.value if a.actual else None,
        "entry_id": (a.actual.id or None) if a.actual else None,
        "status": a.status.value,
        "computed_status": a.computed_status.value,
        "reported": a.reported,
        "percent_of_plan": rounded(a.percent_of_plan),
        "previous": number_field(a.previous.value) if a.previous else None,
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
        **first_reported_fields(a),
        **amendment_fields(a.original, a.amendment),
        **{k: v for k, v in actual_fields(a.actual.value if a.actual else None).items() if k != "actual"},
        **percent_span_fields(a),
    }
