"""csv and tsv: a header row, raw values, machine names; safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from tracker.render.numbers import plain_decimal
from tracker.render.sheet import Records

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """One raw value as text: dot decimal, true/false, empty for missing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain_decimal(value)
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return " ".join(cell(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def render_delimited(records: Records, delimiter: str) -> str:
    """The records as csv (``,``) or tsv (tab; tabs and newlines in text become spaces)."""
    buffer = io.StringIO()
    if delimiter == "\t":
        buffer.write("\t".join(records.fields) + "\n")
        for item in records.items:
            row = [
                " ".join(cell(item.get(f)).split()) if isinstance(item.get(f), str) else cell(item.get(f))
                for f in records.fields
            ]
            buffer.write("\t".join(row) + "\n")
        return buffer.getvalue()
    # RFC 4180 line ends: the writer then quotes any field holding \r or \n as well.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(records.fields)
    for item in records.items:
        writer.writerow([cell(item.get(f)) for f in records.fields])
    return buffer.getvalue()
