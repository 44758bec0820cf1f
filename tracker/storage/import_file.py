"""Reading figures to import: the bytes of a file or standard input, and JSON with the field
names `tracker history` writes (everything else, CSV and workbooks included, is read by
tracker.storage.sheet_import, which calls this for JSON)."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime
from decimal import Decimal
from typing import Any

from tracker.core.values import MAX_NUMBER_TEXT, written_range
from tracker.errors import DataError
from tracker.messages import Msg, Text, closest, did_you_mean, located
from tracker.render.schema import HISTORY_FIELDS
from tracker.storage.limits import IMPORT_LIMIT, TooLarge, has_surrogates, megabytes, read_within

FIELDS = HISTORY_FIELDS  # what `tracker history` writes is what import reads


def read_rows(name: str, data: bytes) -> list[tuple[int, dict[str, Any]]]:
    """The entries of a JSON file as (entry number for messages, fields): a list of
    objects, or the document `tracker history --format json` writes."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError(located(name, Msg("not UTF-8 text"))) from None
    return _json_rows(name, text)


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
        value = item.get("value")
        if isinstance(value, str) and (ends := written_range(value)) is not None:
            item["value"] = list(ends)  # a range as history writes it, 2.365..3: its ends exactly
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
