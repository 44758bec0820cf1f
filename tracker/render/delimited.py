"""csv and tsv: a header row, raw values, machine names; safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from typing import Any

from tracker.render.numbers import plain_decimal
from tracker.render.sheet import Records

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ... and many skip what comes before the formula: spaces of every kind (a no-break space,
# \v, \f, a line break), control characters, invisible format characters, and quotes.
_SKIPPED = re.compile(r"[\s\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff']*")


def formula_like(text: str) -> bool:
    """A spreadsheet could run ``text`` as a formula: it starts with =, +, - or @, perhaps
    after spaces, invisible characters or quotes, or with a tab or carriage return.

    Quotes count so that a text the guard's own ' could be mistaken for is guarded too:
    import takes one ' off exactly when the rest is ``formula_like``, which gives back
    every text whole.
    """
    if not text or text[0].isalnum():  # the common case, quickly
        return False
    if text.lstrip("'").startswith(_FORMULA_START):
        return True
    # The ignore below: _SKIPPED matches the empty string, so match() is never None
    return text[_SKIPPED.match(text).end() :].startswith(("=", "+", "-", "@"))  # type: ignore[union-attr]


def guarded(text: str) -> str:
    """Text as a csv or tsv cell: a leading ' when a spreadsheet could run it."""
    return "'" + text if formula_like(text) else text


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
    return guarded(str(value))


def render_delimited(records: Records, delimiter: str) -> str:
    """The records as csv (``,``) or tsv (tab; tabs and newlines in text become spaces)."""
    buffer = io.StringIO()
    if delimiter == "\t":
        buffer.write("\t".join(records.fields) + "\n")
        for item in records.items:
            # The guard looks at the text as finally written: after tabs and line breaks
            # are folded, a leading space or \v is gone and "=" comes first.
            row = [
                guarded(" ".join(item[f].split())) if isinstance(item.get(f), str) else cell(item.get(f))
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
