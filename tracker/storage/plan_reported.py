"""Reading the headlines a plan's documents reported: ``[[reported]]`` tables.

Different documents of one year report different totals (38/42 in the People's
Committee's November report, 39/43 at the Party conference in December), so a plan may
hold several, each with its period, count, source and date. A wrong value is recorded on
the checker (as ``FILE:LINE``) and the table is left out, so every problem of the file is
reported at once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from tracker.core.model import ReportedHeadline
from tracker.core.periods import PeriodError, parse_period
from tracker.messages import Msg
from tracker.storage.plan_check import Checker

REPORTED_KEYS = {"period", "met", "total", "source", "date", "note", "illustrative"}
MAX_COUNT = 1_000_000_000  # more targets than any plan holds: a count past it is a typing mistake


def parse_reported(check: Checker, raw: Any) -> tuple[ReportedHeadline, ...]:
    """The ``[[reported]]`` tables of the document (``raw``: its ``reported`` value), in
    file order; a table with a problem is left out, its problems recorded."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        check.error(None, ("reported",), Msg("reported headlines must be written as [[reported]] tables"))
        return ()
    found = []
    for index, table in enumerate(raw):
        headline = _headline(check, index, table)
        if headline is not None:
            found.append(headline)
    return tuple(found)


def _headline(check: Checker, index: int, table: Any) -> ReportedHeadline | None:
    """One ``[[reported]]`` table, or None when it has a problem (recorded)."""
    context = Msg("[[reported]] #{number}", number=index + 1)
    if not isinstance(table, dict):
        check.reported_error(index, (), Msg("{context} must be a table", context=context))
        return None
    before = len(check.errors)
    for key in table:
        if key not in REPORTED_KEYS:
            check.unknown_key(lambda keys, message: check.reported_error(index, keys, message), key, REPORTED_KEYS,
                              context)  # fmt: skip
    period = _period(check, index, table, context)
    met = _count(check, index, table, "met", context)
    total = _count(check, index, table, "total", context)
    if met is not None and total is not None and met > total:
        check.reported_error(
            index, ("met",), Msg("{context}: 'met' ({met}) is more than 'total' ({total})", context=context, met=met,
                                 total=total)
        )  # fmt: skip
    source = _text(check, index, table, "source", context, required=True)
    day = _date(check, index, table, context)
    note = _text(check, index, table, "note", context)
    illustrative = table.get("illustrative", False)
    if not isinstance(illustrative, bool):
        check.reported_error(index, ("illustrative",), Msg("{context}: 'illustrative' must be true or false",
                                                           context=context))  # fmt: skip
    if len(check.errors) > before or period is None or met is None or total is None or day is None:
        return None
    return ReportedHeadline(period, met, total, source, day, note, illustrative is True)


def _period(check: Checker, index: int, table: dict[str, Any], context: Msg) -> str | None:
    """The period label as the plan's are written (2025-q3 read as 2025-Q3)."""
    written = table.get("period")
    if written is None:
        check.reported_error(index, (), Msg("{context} has no {key!r}", context=context, key="period"))
        return None
    if not isinstance(written, str):
        check.reported_error(index, ("period",), Msg("{key!r} in {context} must be text in quotes", key="period",
                                                     context=context))  # fmt: skip
        return None
    try:
        return parse_period(written).label
    except PeriodError as exc:
        check.reported_error(index, ("period",), Msg("{context}: {detail}", context=context, detail=exc.message))
        return None


def _count(check: Checker, index: int, table: dict[str, Any], key: str, context: Msg) -> int | None:
    """A count of targets: a whole number from 0."""
    written = table.get(key)
    if written is None:
        check.reported_error(index, (), Msg("{context} has no {key!r}", context=context, key=key))
        return None
    if isinstance(written, bool) or not isinstance(written, int) or not 0 <= written <= MAX_COUNT:
        check.reported_error(
            index, (key,), Msg("{context}: {key!r} must be a whole number of targets (0 or more), not {value}",
                               context=context, key=key, value=_as_written(written))
        )  # fmt: skip
        return None
    return written


def _as_written(value: Any) -> str:
    """A wrong value as the plan file writes it (true, "39"), not as Python shows it (True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value[:40]}"'
    return str(value)[:40]


def _text(check: Checker, index: int, table: dict[str, Any], key: str, context: Msg, required: bool = False) -> str:
    """Text at ``key``, "" when absent or wrong (the problem recorded)."""
    return check.text_with(lambda keys, message: check.reported_error(index, keys, message), table, key, context,
                           required)  # fmt: skip


def _date(check: Checker, index: int, table: dict[str, Any], context: Msg) -> date | None:
    """The day the headline was reported: a TOML date (2024-12-20), not text."""
    written = table.get("date")
    if written is None:
        check.reported_error(index, (), Msg("{context} has no {key!r}", context=context, key="date"))
        return None
    if isinstance(written, datetime) or not isinstance(written, date):
        check.reported_error(
            index, ("date",), Msg("{context}: 'date' must be a date written as 2024-12-20, without quotes",
                                  context=context)
        )  # fmt: skip
        return None
    return written
