"""Reading figures to import: CSV or JSON, with the field names `tracker history` writes."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from tracker.core.values import MAX_NUMBER_TEXT
from tracker.errors import DataError
from tracker.messages import Msg, Text, closest, did_you_mean, located
from tracker.render.schema import HISTORY_FIELDS
from tracker.storage.limits import IMPORT_LIMIT, TooLarge, has_surrogates, megabytes, read_within

FIELDS = HISTORY_FIELDS  # what `tracker history` writes is what import reads
REQUIRED = ("target", "value")


def read_rows(name: str, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """Rows as (row number for messages, fields). JSON is a list of objects or the
    document `tracker history --format json` writes; anything else is read as CSV."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(located(name, Msg("not UTF-8 text"))) from None
    if text.lstrip().startswith(("{", "[")):
        return _json_rows(name, text)
    return _csv_rows(name, text)


def _json_number(text: str) -> Decimal | str:
    """A JSON number as a Decimal, exactly as written; one too long to be a figure stays
    text, refused with its row by the value check (converting 10 MB of digits, or an
    integer of more than 4300, is not something a bad file may make us do)."""
    if len(text) > MAX_NUMBER_TEXT:
        return text
    try:
        return Decimal(text)
    except ArithmeticError:  # an exponent beyond what Decimal holds (1e9999999999999999999)
        return text


def _json_rows(name: str, text: str) -> list[tuple[int, dict[str, Any]]]:
    try:
        document = json.loads(text, parse_float=_json_number, parse_int=_json_number)
    except json.JSONDecodeError as exc:
        raise DataError(located(f"{name}:{exc.lineno}", Msg("not valid JSON: {detail}", detail=exc.msg))) from None
    except RecursionError:  # arrays or objects nested thousands deep
        detail = Msg("values nested too deeply")
        raise DataError(located(name, Msg("not valid JSON: {detail}", detail=detail))) from None
    except ValueError:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        found = _LONG_INTEGER.search(text)
        where = f"{name}:{text.count(chr(10), 0, found.start()) + 1}" if found else name
        detail = Msg("an integer of more than 4300 digits")
        raise DataError(located(where, Msg("not valid JSON: {detail}", detail=detail))) from None
    items = document.get("entries") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise DataError(located(name, Msg('expected a list of entries or an object with "entries"')))
    escaped = _SURROGATE_ESCAPE.search(text) is not None  # "\ud800" alone is not a character
    rows = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise DataError(
                located(name, Msg("entry {number}: expected an object with fields target, value", number=number))
            )
        _unknown(name, Msg("entry {number}", number=number), item)
        if escaped:
            _no_surrogates(name, number, item)
        rows.append((number, item))
    return rows


_LONG_INTEGER = re.compile(r"[0-9]{4301,}")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _no_surrogates(name: str, number: int, item: dict[str, Any]) -> None:
    """Refuse a lone surrogate (JSON's "\\ud800"): it is no character and cannot be stored
    as UTF-8. (A pair such as "\\ud83d\\ude00" is one character, and fine.)"""
    for key, value in item.items():
        if isinstance(value, str) and has_surrogates(value):
            where = Msg("entry {number}", number=number)
            raise DataError(
                located(name, Msg("{where}: {field}: {detail}", where=where, field=key, detail=Msg(_NOT_UNICODE)))
            )


_NOT_UNICODE = "not Unicode text (a lone surrogate such as \\ud800)"


def _csv_rows(name: str, text: str) -> list[tuple[int, dict[str, Any]]]:
    # A cell may be as long as the file: a note of any length that `history --format csv`
    # wrote must read back (csv refuses cells over 128 K characters by default).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise DataError(located(name, Msg("empty file: expected a header row with target, value, ...")))
    missing = [f for f in REQUIRED if f not in reader.fieldnames]
    if missing and "retracts" not in reader.fieldnames:
        raise DataError(located(f"{name}:1", Msg("the header has no {columns} column", columns=", ".join(missing))))
    rows = []
    # Rows are numbered as a spreadsheet shows them: the header is row 1. (The reader's
    # line number would count line breaks inside quoted notes.)
    for number, item in enumerate(reader, start=2):
        row = {k: v for k, v in item.items() if k is not None}
        if None in item:
            raise DataError(
                located(name, Msg("{where}: more cells than header columns", where=Msg("row {number}", number=number)))
            )
        _unknown(name, Msg("row {number}", number=number), row)
        rows.append((number, {k: _unguard(v) for k, v in row.items() if v not in ("", None)}))
    return rows


# `history --format csv` puts a ' before text a spreadsheet would run as a formula; reading
# such a file back takes it off again, so export -> import gives back the same text.
def _unguard(value: str) -> str:
    from tracker.render.delimited import formula_like

    return value[1:] if value.startswith("'") and formula_like(value[1:]) else value


def _unknown(name: str, where: Text, row: dict[str, Any]) -> None:
    for key in row:
        if key not in FIELDS:
            hint = did_you_mean(closest(key, FIELDS))
            message = Msg("{where}: unknown field {key!r}{hint}", where=where, key=key, hint=hint)
            raise DataError(located(name, message))


def read_source(path: str, stdin: io.BufferedReader | Any) -> tuple[str, bytes]:
    """The bytes to import and a name for messages: a file, or standard input for '-'.
    Either is read within IMPORT_LIMIT (``import /dev/zero`` stops there)."""
    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            return name, read_within(stdin, IMPORT_LIMIT)
        with open(path, "rb", buffering=0) as handle:
            return name, read_within(handle, IMPORT_LIMIT)
    except OSError as exc:
        raise DataError(located(name, Msg("cannot read: {reason}", reason=exc.strerror))) from None
    except TooLarge:
        message = Msg("larger than {limit}, the limit for a file to import; split it", limit=megabytes(IMPORT_LIMIT))
        raise DataError(located(name, message)) from None


def parse_timestamp(raw: Any) -> datetime | None:
    """A recorded_at value from an import row, kept so export -> import round-trips."""
    if raw in (None, ""):
        return None
    try:
        return datetime.fromisoformat(str(raw))
    except ValueError:
        raise ValueError(Msg("not a date-time: {text!r}", text=str(raw))) from None
