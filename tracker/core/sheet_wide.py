"""Wide sheets: one row per target, one column per month, quarter, half-year or year, each
filled cell one figure.

Pure. Which figure a cell is, for a target planned by year: that year's figure as of the
last day of the cell's month, quarter or half (``Cả năm``: 31 December), as ``record
--as-of`` makes it; for an accumulating target that is the amount so far this year
("lũy kế"). ``per_month`` reads month columns as each month's own amount instead, and
records the running totals: it needs every month from the first, since a total with a
month missing would be wrong without a word. A target planned month by month (or quarter
by quarter) takes a month's (quarter's) cell as the figure of that month (quarter).
A verdict column applies to the year's figure only: a verdict on a month is not one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from tracker.core.sheet_columns import PeriodColumn, column_letter
from tracker.core.sheet_model import Cell, Columns, Place, SheetError, blank, place_of, refuse, text_of
from tracker.core.sheet_rows import Context, data_rows, extras_readers, row_extras, row_target
from tracker.messages import Msg, located

_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def wide_rows(
    context: Context, columns: Columns, first: int, *, year: int | None, per_month: bool
) -> list[tuple[Place, dict[str, Any]]]:
    """One (place, fields) for each filled period cell under the header, row by row."""
    periods = _with_years(context, columns, year, first)
    if per_month:
        _check_months(context, periods)
    order = sorted(periods, key=lambda i: (periods[i].year or 0, periods[i].months, i))
    places: dict[tuple[int, int], Place] = {}
    rows: list[tuple[Place, dict[str, Any]]] = []
    readers = extras_readers(columns)
    width = max([*columns.fields.values(), *periods]) + 1
    for number, row in data_rows(context, first, width):
        filled = [i for i in order if not blank(row[i])]
        if not filled:
            continue  # a heading, a target with no figure yet, a blank row
        found = row_target(context, columns, number, row)
        if found is None:
            raise refuse(context.where(number, filled[0]), Msg("a value with no target in its row"))
        target, at = found
        extras = row_extras(readers, row)
        planned = context.planned(target)
        seen: dict[tuple[str, date], tuple[int, Any]] = {}
        totals: dict[int, Decimal] = {}
        for index in order:
            column = periods[index]
            cell = row[index]
            value = _cell_value(context, number, index, cell, column, per_month, row, periods)
            if value is None:
                continue
            period, as_of = figure_period(column, planned)
            if per_month and column.own_month and len(period) == 4:
                assert isinstance(value, Decimal)  # _cell_value checked it
                totals[column.year or 0] = value = totals.get(column.year or 0, Decimal(0)) + value
            key = (period, as_of)
            if key in seen:
                _same_figure(context, number, seen[key], (index, value), period, as_of)
                continue
            seen[key] = (index, value)
            fields = {"target": target, "period": period, "as_of": as_of, "value": value}
            fields |= {k: v for k, v in extras.items() if k != "verdict" or (column.months == 12 and len(period) == 4)}
            if column.status and "status" not in extras:
                fields["status"] = column.status
            place = places.get((index, at))
            if place is None:
                place = places[(index, at)] = _place(columns, index, at, number)
            rows.append((Place(number, place.columns), fields))
    return rows


def figure_period(column: PeriodColumn, planned: frozenset[str] | None) -> tuple[str, date]:
    """The period and as-of date of a figure in ``column`` for a target planned for
    ``planned`` (None: unknown, taken as planned by year)."""
    year = column.year or 0
    if column.own_month:
        month = f"{year}-{column.months:02d}"
        if planned and month in planned:
            return month, _month_end(year, column.months)
    if column.quarter:
        quarter = f"{year}-Q{column.quarter}"
        if planned and quarter in planned:
            return quarter, _month_end(year, column.months)
    return str(year), _month_end(year, column.months)


def _month_end(year: int, month: int) -> date:
    return date(year, 12, 31) if month == 12 else date(year, month + 1, 1) - timedelta(days=1)


def _place(columns: Columns, index: int, at: int, number: int) -> Place:
    """The columns a wide figure's fields came from (shared by every row of the column)."""
    letter = column_letter(index)
    letters = {name: column_letter(i) for name, i in columns.fields.items()}
    letters |= {"target": column_letter(at), "value": letter, "period": letter, "as_of": letter}
    letters.setdefault("status", letter)
    return Place(number, letters)


def _cell_value(
    context: Context,
    number: int,
    index: int,
    cell: Cell,
    column: PeriodColumn,
    per_month: bool,
    row: Sequence[Cell],
    periods: dict[int, PeriodColumn],
) -> Decimal | bool | str | None:
    """A period cell's value (None: empty); with ``per_month``, a month's amount that a
    running total can add (and no month before it left empty)."""
    if blank(cell):
        return None
    value = context.number(cell, number, index)
    if not (per_month and column.own_month):
        return value
    if not isinstance(value, Decimal):
        raise refuse(context.where(number, index),
                     Msg("--per-month adds up the months: {text!r} is not a number", text=text_of(cell)))  # fmt: skip
    for other, earlier in periods.items():
        earlier_month = earlier.own_month and earlier.year == column.year and earlier.months < column.months
        if earlier_month and (other >= len(row) or blank(row[other])):
            raise refuse(
                context.where(number, other),
                Msg("--per-month adds up the months: this month is empty and a later one is filled "
                    "(write 0 for a month with nothing)"),
            )  # fmt: skip
    return value


def _same_figure(
    context: Context, number: int, first: tuple[int, Any], second: tuple[int, Any], period: str, as_of: date
) -> None:
    """Two cells of a row giving the same figure (T6 and "6 tháng"): one figure when they
    agree; refused when they do not, naming both."""
    if first[1] == second[1]:
        return
    raise refuse(
        context.where(number),
        Msg(
            "columns {first} and {second} both give the figure for {period} as of {as_of}, and differ "
            "({one} and {other}); a rules file can ignore one",
            first=column_letter(first[0]),
            second=column_letter(second[0]),
            period=period,
            as_of=as_of.isoformat(),
            one=text_of(first[1]),
            other=text_of(second[1]),
        ),
    )


def _with_years(context: Context, columns: Columns, year: int | None, first: int) -> dict[int, PeriodColumn]:
    """Every period column with its year: its header's, else ``year``, else the one year
    the header (and the title above it) names, else the one the sheet's name does.
    ``first`` is the index of the first row under the header."""
    periods = columns.periods
    if all(column.year for column in periods.values()):
        return dict(periods)
    chosen = year or _one_year(context.sheet.rows[:first]) or _one_year([[context.sheet.name]])
    if chosen is None:
        missing = ", ".join(column_letter(i) for i, c in sorted(periods.items()) if not c.year)
        raise SheetError(
            located(
                context.file,
                Msg(
                    "which year are columns {columns}? Neither the header nor the sheet's name says; "
                    "give it with --year",
                    columns=missing,
                ),
            )
        )
    return {i: c if c.year else c.with_year(chosen) for i, c in periods.items()}


def _one_year(rows: Sequence[Sequence[Cell]]) -> int | None:
    """The year the cells name, when they name exactly one."""
    years = {int(y) for row in rows for cell in row if not blank(cell) for y in _YEAR_IN_TEXT.findall(text_of(cell))}
    return years.pop() if len(years) == 1 else None


def _check_months(context: Context, periods: dict[int, PeriodColumn]) -> None:
    """--per-month needs the months from the first: T1 … Tn."""
    by_year: dict[int, list[int]] = {}
    for column in periods.values():
        if column.own_month:
            by_year.setdefault(column.year or 0, []).append(column.months)
    for months in by_year.values():
        if sorted(months) != list(range(1, max(months) + 1)):
            raise SheetError(
                Msg(
                    "{where}: --per-month adds up the months from the first, and the header has months {found}",
                    where=place_of(context.file, context.sheet.name, context.header_row),
                    found=", ".join(f"T{m}" for m in sorted(months)),
                )
            )
