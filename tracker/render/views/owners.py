"""`tracker report --by owner`: the report sectioned by owner, with each owner's headline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.core.owners import owner_counts, owners_in_order
from tracker.render.sheet import Line, Records, Section, Sheet
from tracker.render.views.phrases import status_word
from tracker.render.views.report import report_records, report_sheet
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.report import Report, Row

NO_OWNER = "(no owner)"


def owner_sheet(report: Report, lang: str) -> Sheet:
    """The report's lines in a section per owner, each owner's headline before the
    report's own."""
    sheet = report_sheet(report, lang)
    # report_sheet writes a line per row, section by section: pair them back up
    ordered = [row for group in report.groups() for row in report.rows if row.target.group == group]
    lines: list[tuple[Row, Line]] = list(zip(ordered, (ln for s in sheet.sections for ln in s.lines), strict=True))
    sections = tuple(
        Section(owner or word(lang, NO_OWNER), tuple(line for row, line in lines if row.target.owner == owner))
        for owner in owners_in_order(report.rows)
    )
    headlines = tuple(
        f"{c.owner or word(lang, NO_OWNER)}: "
        + word(lang, "{met} of {total} targets met or exceeded the plan", met=c.met_or_exceeded, total=c.total)
        + " (" + ", ".join(f"{status_word(k, lang)} {v}" for k, v in c.by_status.items()) + ")"
        for c in owner_counts(report.rows)
    )  # fmt: skip
    return Sheet(
        title=sheet.title,
        subtitle=sheet.subtitle,
        columns=sheet.columns,
        sections=sections,
        footer=headlines + sheet.footer,
        bar_column=sheet.bar_column,
        figure=sheet.figure,
    )


def owner_records(report: Report) -> Records:
    """The report for programs, its summary holding the headline per owner."""
    records = report_records(report)
    records.envelope["summary"]["by_owner"] = [
        {"owner": c.owner or None, "total": c.total, "met_or_exceeded": c.met_or_exceeded, "by_status": c.by_status}
        for c in owner_counts(report.rows)
    ]
    return records
