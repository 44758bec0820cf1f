"""The output formats a command can be asked for (``--format``)."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """Output formats: ``auto`` is resolved by ``tracker.render.choose`` before rendering."""

    auto = "auto"
    table = "table"
    plain = "plain"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"
    html = "html"
    text = "text"  # the year-end paragraph (report only)
    xlsx = "xlsx"  # a workbook: the Biểu for report, typed rows for the others
    docx = "docx"  # the Biểu as a Word document (report only)


# Formats that are bytes, not text: written to a file (--output) or a pipe, never a terminal.
BINARY = frozenset({Format.xlsx, Format.docx})
# Formats only a report has: a paragraph and a filed document need a report's verdicts.
REPORT_ONLY = frozenset({Format.text, Format.docx})
