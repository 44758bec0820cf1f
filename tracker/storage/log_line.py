"""One line of the progress log: its format, read and written.

A figure is one line, ``ID = { target = ..., period = ..., value = ..., ... }``, a
retraction one line ``ID = { retracts = ..., ... }``; an import is framed by two comment
lines with its figures indented between them (see ``BATCH_OPEN``). Lines the writer
produces are read by a regular expression, any other by tomllib. A figure is kept as a
compact row (a tuple, see ``Row``) until a command needs it as an ``Entry``.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from sys import intern
from typing import Any, Final

from tracker.core.figures import recording_instant
from tracker.core.model import Entry, FigureStatus, Retraction, Span, Value, Verdict
from tracker.core.values import MAX_WORD, has_letter, is_figure, word_problem
from tracker.messages import Msg, Text
from tracker.storage.limits import (
    LOG_LINE_LIMIT,
    megabytes,
)

TABLE = "[entries]"
HEADER = (
    "# tracker progress log: one line per figure, appended by `tracker record`.\n"
    "# Append-only: never edit or delete a line; correct with `tracker retract ID`.\n"
    f"{TABLE}\n"
)
VERDICTS = tuple(verdict.value for verdict in Verdict)  # as plain text: a row keeps plain text
BOM = b"\xef\xbb\xbf"
# An import is one append framed by two comment lines, its figures indented between
# them: a reader counts the figures only once the closing line is there, so an import
# killed part-way is never read as figures, and a writer sees from the last line alone
# (indented, or the opening line) that the log ends inside an unfinished import.
BATCH_OPEN = re.compile(rb"# tracker import ([a-z2-7]{16}): (\d+) lines")
BATCH_ID = re.compile(r"[a-z2-7]{16}")  # what new_id makes, and the frame's lines hold
BATCH_CLOSE = re.compile(rb"# tracker import ([a-z2-7]{16}) complete")
BATCH_INDENT = b"  "
BATCH_MARK = b"# tracker import "
_TOML_COLUMN = re.compile(r"\s*\(at line \d+, column \d+\)")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
# The exact shape the writer produces, read without the TOML parser; any other line
# (escapes in strings, hand edits) goes through tomllib instead.
_STR = r'"([^"\\]*)"'
_FAST_ENTRY = re.compile(
    r"([A-Za-z0-9_-]+) = \{ target = " + _STR + ", period = " + _STR + r", value = ([^,{}]+), "
    r"as_of = (\d{4}-\d\d-\d\d), status = \"(\w+)\"(?:, source = " + _STR + ")?(?:, note = " + _STR + ")?"
    r"(?:, verdict = \"(\w+)\")?(?:, recorded_at = ([0-9T:.+ Z-]+))?, recorded_by = " + _STR + r" \}"
)
_FAST_RETRACTION = re.compile(
    r"([A-Za-z0-9_-]+) = \{ retracts = " + _STR + "(?:, note = " + _STR + ")?"
    r"(?:, recorded_at = ([0-9T:.+ Z-]+))?, recorded_by = " + _STR + r" \}"
)

# A figure kept as a plain tuple until a command needs it as an Entry: built by name
# (new_row), read by name (row[ID], row[ASOF]). Tuples compare in the order revisions are
# ranked (tracker.core.figures.revision_rank: as-of date, recording instant in UTC), then
# by line. Each index is a Final constant, not unpacked from range(13), so mypy knows which
# field (and so which type) each reads. Not a NamedTuple: the cache stores rows with
# marshal, which takes plain tuples only and loads them at C speed; making a NamedTuple of
# every loaded row cost a warm report of 2,700 x 10 or 10,000 x 10 targets 10-30 %
# (benchmarks/RESULTS.md).
ASOF: Final = 0
RECORDED: Final = 1
LINE: Final = 2
ID: Final = 3
TARGET: Final = 4
PERIOD: Final = 5
VALUE: Final = 6
STATUS: Final = 7
SOURCE: Final = 8
NOTE: Final = 9
VERDICT: Final = 10
BY: Final = 11
RECORDED_RAW: Final = 12
Row = tuple[int, str, int, str, str, str, str, str, str, str, str, str, str]


def new_row(
    *,
    as_of: int,
    recorded: str,
    line: int,
    id: str,
    target: str,
    period: str,
    value: str,
    status: str,
    source: str,
    note: str,
    verdict: str,
    by: str,
    recorded_raw: str,
) -> Row:
    """A row, its fields named (``as_of``: the date's ordinal; ``recorded``: the
    recording instant as a sortable UTC string, ``recorded_raw`` as written; ``line``:
    its line in the log). Repeated words are interned: one object each, which the cache
    then stores once."""
    return (as_of, recorded, line, id, intern(target), intern(period), value, intern(status), intern(source), note,
            intern(verdict), intern(by), recorded_raw)  # fmt: skip


# A row keeps a figure as text: a number as written, "true" or "false", a range as its
# TOML array ("[61, 62]"), a word after a double quote ('"Xuất siêu', unescaped). The
# first character tells them apart, so a row of numbers is read as before.
WORD_MARK: Final = '"'


def row_value(raw: str) -> Value:
    """The figure a row's value text stands for."""
    first = raw[:1]
    if first in _NOT_A_NUMBER:  # one set lookup: a number (the common case) goes straight on
        if raw == "true" or raw == "false":
            return raw == "true"
        if first == "[":
            low, _, high = raw[1:-1].partition(",")
            return Span(Decimal(low), Decimal(high))
        return raw[1:]  # a word, after its WORD_MARK
    return Decimal(raw)


_NOT_A_NUMBER = frozenset(("t", "f", "[", WORD_MARK))


def to_entry(row: Row) -> Entry:
    """The Entry a row stands for."""
    raw = row[VALUE]
    # A number, the common case, is read with no test in front of it; a range or a word
    # is what Decimal refuses, read by row_value.
    if raw == "true" or raw == "false":
        value: Value = raw == "true"
    else:
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = row_value(raw)
    return Entry(
        id=row[ID],
        target=row[TARGET],
        period=row[PERIOD],
        value=value,
        as_of=date.fromordinal(row[ASOF]),
        status=_STATUSES[row[STATUS]],
        source=row[SOURCE],
        note=row[NOTE],
        verdict=row[VERDICT],
        recorded_at=datetime.fromisoformat(row[RECORDED_RAW]) if row[RECORDED_RAW] else None,
        recorded_by=row[BY],
    )


_STATUSES = {s.value: s for s in FigureStatus}  # a dict lookup is much faster than FigureStatus(text)


def _instant(raw: str) -> str:
    """A recording time as text that sorts as the instants do (``recording_instant``)."""
    return recording_instant(datetime.fromisoformat(raw)) if raw else ""


class TornLine(Exception):
    """The last line is incomplete."""


class BadLine(Exception):
    """A complete line that is not a figure."""

    def __init__(self, detail: Text) -> None:
        super().__init__(str(detail))
        self.detail = detail


def read_line(
    raw: bytes, number: int, in_table: bool, rows: list[Row], retractions: list[Retraction], is_last: bool
) -> bool:
    """Parse one line into ``rows`` or ``retractions``; return whether the entries table
    has started. Raises TornLine for a bad last line, BadLine for a bad line elsewhere."""
    if len(raw) > LOG_LINE_LIMIT:
        if is_last:
            raise TornLine
        raise BadLine(Msg("a line longer than {limit}", limit=megabytes(LOG_LINE_LIMIT)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        if is_last:
            raise TornLine from None
        raise BadLine("not UTF-8") from None
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return in_table
    if stripped == TABLE:
        return True
    try:
        if not in_table:
            raise ValueError(f"a figure before the {TABLE} line")
        _parse_line(stripped, number, rows, retractions)
    except (ValueError, TypeError, KeyError, tomllib.TOMLDecodeError, RecursionError) as exc:
        if is_last:
            raise TornLine from None
        detail: Text = _TOML_COLUMN.sub("", str(exc)) if not isinstance(exc, KeyError) else f"missing {exc.args[0]!r}"
        if isinstance(exc, RecursionError):
            detail = Msg("values nested too deeply")
        elif "integer string conversion" in str(exc):  # Python's limit on the digits of an int
            detail = Msg("an integer of more than 4300 digits")
        raise BadLine(detail) from None
    return in_table


def _parse_line(text: str, number: int, rows: list[Row], retractions: list[Retraction]) -> None:
    if m := _FAST_ENTRY.fullmatch(text):
        value = m[4].strip()
        if value in ("true", "false") or _NUMBER.match(value):
            as_of = date.fromisoformat(m[5]).toordinal()
            status = FigureStatus(m[6]).value
            verdict = m[9] or ""
            if verdict and verdict not in VERDICTS:
                raise ValueError(f"'verdict' must be one of {', '.join(VERDICTS)}")
            recorded = m[10] or ""
            rows.append(new_row(as_of=as_of, recorded=_instant(recorded), line=number, id=m[1], target=m[2],
                                period=m[3], value=_value_text(value), status=status, source=m[7] or "",
                                note=m[8] or "", verdict=verdict, by=m[11], recorded_raw=recorded))  # fmt: skip
            return
    elif m := _FAST_RETRACTION.fullmatch(text):
        retractions.append(
            Retraction(id=m[1], retracts=m[2], note=m[3] or "", recorded_at=_when(m[4]), recorded_by=m[5])
        )
        return
    document = tomllib.loads(text, parse_float=_decimal)
    if len(document) != 1:
        raise ValueError("expected one figure: ID = { ... }")
    ((key, table),) = document.items()
    if not isinstance(table, dict):
        raise ValueError("expected one figure: ID = { ... }")
    if "retracts" in table:
        retractions.append(_retraction(key, table))
    else:
        rows.append(_row(key, table, number))


def _value_text(text: str) -> str:
    """A figure's text, kept as written. Any finite decimal is accepted, however far
    outside the bounds of a new figure (an older version may have written it; `tracker
    check` names it): reading it is linear in its length, and every renderer copes."""
    if text in ("true", "false"):
        return text
    number = _decimal(text)
    if not number.is_finite():
        raise ValueError("'value' must be a finite number")
    return text


def _range_text(ends: list[Any]) -> str:
    """A range's row text ("[61, 62]"): two numbers within the bounds of a figure, the low
    one first (a hand edit that breaks this is a damaged line, named by its number)."""
    if len(ends) != 2 or not all(isinstance(n, (int, Decimal)) and not isinstance(n, bool) for n in ends):
        raise TypeError("'value' as a range must be two numbers: [low, high]")
    low, high = Decimal(ends[0]), Decimal(ends[1])
    if not (low.is_finite() and high.is_finite() and is_figure(low) and is_figure(high)):
        raise ValueError("'value': each end of a range must be a number within the bounds of a figure")
    if not low < high:
        raise ValueError("'value': a range's low end must come first and be below its high end")
    return f"[{low}, {high}]"


def _word_text(word: str, verdict: str) -> str:
    """A word figure's row text: one line of at most MAX_WORD characters, holding a
    letter, recorded with a reported verdict."""
    if not verdict:
        raise ValueError("'value' is a word, which needs a reported 'verdict'")
    if not has_letter(word) or word_problem(word) is not None:  # the rule record and import keep
        raise ValueError(f"'value' as a word must hold a letter and be one line of at most {MAX_WORD} characters")
    return WORD_MARK + word


def _decimal(text: str) -> Decimal:
    """Decimal(text), with an exponent beyond what Decimal holds (1e9999999999999999999,
    only a hand edit writes one) a damaged line rather than an internal error."""
    try:
        return Decimal(text)
    except ArithmeticError:
        raise ValueError("'value' is not a number tracker can read") from None


def _when(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None


def _text(table: dict[str, Any], key: str, required: bool = False) -> str:
    value = table[key] if required else table.get(key, "")
    if not isinstance(value, str):
        raise TypeError(f"{key!r} must be text")
    return value


def _row(key: str, table: dict[str, Any], number: int) -> Row:
    unknown = set(table) - {"target", "period", "value", "as_of", "status", "source", "note", "verdict",
                            "recorded_at", "recorded_by"}  # fmt: skip
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
    value = table["value"]
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, Decimal)) and Decimal(value).is_finite():
        text = str(value)
    elif isinstance(value, list):
        text = _range_text(value)
    elif isinstance(value, str):
        text = _word_text(value, _text(table, "verdict"))
    else:
        raise TypeError("'value' must be a number, true/false, a range [low, high] or a word")
    as_of = table["as_of"]
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise TypeError("'as_of' must be a date such as 2025-06-30")
    recorded_at = table.get("recorded_at")
    if recorded_at is not None and not isinstance(recorded_at, datetime):
        raise TypeError("'recorded_at' must be a date-time")
    verdict = _text(table, "verdict")
    if verdict and verdict not in VERDICTS:
        raise ValueError(f"'verdict' must be one of {', '.join(VERDICTS)}")
    raw = recorded_at.isoformat() if recorded_at else ""
    return new_row(as_of=as_of.toordinal(), recorded=_instant(raw), line=number, id=key,
                   target=_text(table, "target", True), period=_text(table, "period", True), value=text,
                   status=FigureStatus(table.get("status", "official")).value, source=_text(table, "source"),
                   note=_text(table, "note"), verdict=verdict, by=_text(table, "recorded_by", True),
                   recorded_raw=raw)  # fmt: skip


def _retraction(key: str, table: dict[str, Any]) -> Retraction:
    recorded_at = table.get("recorded_at")
    if recorded_at is not None and not isinstance(recorded_at, datetime):
        raise TypeError("'recorded_at' must be a date-time")
    return Retraction(
        id=key,
        retracts=_text(table, "retracts", True),
        note=_text(table, "note"),
        recorded_at=recorded_at,
        recorded_by=_text(table, "recorded_by", True),
    )


# ---------------------------------------------------------------- writing


# Text tomli-w writes as it is, between quotes: no quote, backslash or control character
# but the tab. The common case, written here without tomli-w (a third of an import's time).
_PLAIN_TEXT = re.compile(r'[^"\\\x00-\x08\x0a-\x1f\x7f]*')


def _literal(value: Any) -> str:
    """A TOML literal exactly as tomli-w writes it (a string always on one line)."""
    if value.__class__ is str and _PLAIN_TEXT.fullmatch(value):
        return f'"{value}"'
    if isinstance(value, date):  # a datetime too: tomli-w writes str() of both
        return str(value)
    import tomli_w

    return tomli_w.dumps({"v": value})[4:].rstrip("\n")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _literal(key)


def _number_literal(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Span):  # one line, so not tomli-w's array (one end a line)
        return f"[{_number_literal(value.low)}, {_number_literal(value.high)}]"
    if isinstance(value, str):
        return _literal(value)
    # plain digits as typed: 2365 stays 2365 (not 2365.0), 41.850 keeps its zero
    # The ignore below: a figure is finite, so its exponent is an int (never "n", "N" or "F")
    return f"{value:f}" if value.as_tuple().exponent >= -28 else _literal(value)  # type: ignore[operator]


def render_line(item: Entry | Retraction) -> str:
    """One log line for an entry or a retraction; recorded_by comes last."""
    if isinstance(item, Entry):
        fields: list[tuple[str, Any]] = [
            ("target", item.target), ("period", item.period), ("value", None), ("as_of", item.as_of),
            ("status", item.status.value), ("source", item.source), ("note", item.note),
            ("verdict", item.verdict), ("recorded_at", item.recorded_at), ("recorded_by", item.recorded_by),
        ]  # fmt: skip
    else:
        fields = [("retracts", item.retracts), ("note", item.note), ("recorded_at", item.recorded_at),
                  ("recorded_by", item.recorded_by)]  # fmt: skip
    parts = []
    for name, value in fields:
        if name == "value":
            # The ignore below: only an Entry's fields hold "value", so item is an Entry here
            parts.append(f"value = {_number_literal(item.value)}")  # type: ignore[union-attr]
        elif name == "recorded_by" or value not in ("", None):
            parts.append(f"{name} = {_literal(value)}")
    return f"{_key(item.id)} = {{ {', '.join(parts)} }}\n"


def render_lines(items: Sequence[Entry | Retraction], batch: str | None = None) -> bytes:
    """The bytes appended for ``items``: one line each; with a ``batch`` id (``new_id``),
    framed as one batch (see ``BATCH_OPEN``)."""
    body = "".join(render_line(item) for item in items)
    if batch is None:
        return body.encode("utf-8")
    if not BATCH_ID.fullmatch(batch):
        raise ValueError(f"not a batch id: {batch!r}")
    # split at newlines only: str.splitlines would also break at U+2028 inside a note
    indented = "".join(f"  {line}\n" for line in body.split("\n")[:-1])
    return (f"# tracker import {batch}: {len(items)} lines\n{indented}# tracker import {batch} complete\n").encode()
