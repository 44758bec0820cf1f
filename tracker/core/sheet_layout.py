"""From a sheet's cells to figures in tracker's field names, each with its place in the sheet.

Pure: a ``Sheet`` (rows of typed cells) in, ``SheetRows`` out; no file is read here
(tracker.storage.sheet_files makes the sheet). Three layouts are read:

- tracker's own (``history --format csv|tsv``): a header of tracker's field names, read as
  tracker wrote it: dot decimal, no grouping, so history -> import gives back every figure;
- long: one row per figure, columns named as offices name them (``Mã chỉ tiêu``,
  ``Giá trị``...); columns tracker does not use (``STT``, ``ĐVT``) are listed, never refused;
- wide: one row per target, a column per month, quarter, half or year (tracker.core.sheet_wide).

The header is the first row holding a target column and a value or period column, whatever
is above it; a rules file (``SheetRules``) can say where it is and what each column holds.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from tracker.core.sheet_columns import column_index, column_letter, field_of, fold, period_column
from tracker.core.sheet_model import (
    HEADER_SEARCH,
    TRACKER_FIELDS,
    Cell,
    Columns,
    Place,
    PlanTarget,
    Sheet,
    SheetError,
    SheetRows,
    SheetRules,
    blank,
    place_of,
    plan_targets,
    refuse,
    text_of,
)
from tracker.core.sheet_rows import Context, long_rows, tracker_rows
from tracker.core.sheet_wide import wide_rows
from tracker.messages import Msg, located

__all__ = [
    "Cell", "Place", "PlanTarget", "Sheet", "SheetError", "SheetRows", "SheetRules", "lay_out", "plan_targets",
]  # fmt: skip


def lay_out(
    sheet: Sheet,
    file: str,
    *,
    year: int | None = None,
    decimal: str | None = None,
    per_month: bool = False,
    rules: SheetRules | None = None,
    targets: Callable[[], Sequence[PlanTarget]] | None = None,
) -> SheetRows:
    """The figures ``sheet`` holds (``file`` names it in messages); SheetError naming the
    place of the first thing that cannot be read.

    ``decimal`` ("comma" or "point") reads numbers typed as text; ``year`` is the year of
    period columns that do not name one (else the header or the sheet name must);
    ``per_month`` reads month columns as each month's own amount and records running
    totals; ``targets`` gives the plan's targets when names or periods need them.
    """
    rules = rules or SheetRules()
    decimal = decimal or rules.decimal
    year = year or rules.year
    found = _find_header(sheet, file, rules)
    if found is None and not any(not blank(c) for row in sheet.rows for c in row):
        raise SheetError(located(file, Msg("empty file: expected a header row with target, value, ...")))
    if found is None:
        raise SheetError(
            located(
                file,
                Msg(
                    "found no header row in the first {count} rows: expected columns such as "
                    "Mã chỉ tiêu or Chỉ tiêu, and Giá trị or T1 … T12 (a rules file, --rules, can say where it is)",
                    count=min(HEADER_SEARCH, len(sheet.rows)),
                ),
            )
        )
    index, header = found
    if _is_tracker_header(header):
        return tracker_rows(sheet, file, index)
    first_data = index + 1
    if rules.header_row is None and _is_second_header(sheet, index + 1):
        header = _merged(header, sheet.rows[index + 1])
        first_data += 1
    columns = _columns(header, rules, sheet, file, index + 1)
    context = Context(sheet, file, index + 1, decimal, rules, targets)
    if columns.periods:
        rows = wide_rows(context, columns, first_data, year=year, per_month=per_month)
        layout = "wide"
    else:
        rows = long_rows(context, columns, first_data, year)
        layout = "long"
    return SheetRows(file, sheet.name, layout, rows, tuple(columns.ignored), index + 1)


def _find_header(sheet: Sheet, file: str, rules: SheetRules) -> tuple[int, Sequence[Cell]] | None:
    if rules.header_row == 0:
        return -1, []  # no header: the rules name every column by its letters
    if rules.header_row is not None:
        index = rules.header_row - 1
        if index >= len(sheet.rows):
            where = rules.where.get("header_row", file)
            raise SheetError(located(where, Msg("header_row {row}: the sheet has {count} rows",
                                                row=rules.header_row, count=len(sheet.rows))))  # fmt: skip
        return index, sheet.rows[index]
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH]):
        if _is_tracker_header(row) or _is_header(row, rules):
            return index, row
    return None


def _is_tracker_header(row: Sequence[Cell]) -> bool:
    """Every name in the row is one of tracker's own fields, target or retracts among them."""
    names = [c for c in row if not blank(c)]
    if not names or not all(isinstance(c, str) and c in TRACKER_FIELDS for c in names):
        return False
    return "target" in names or "retracts" in names


def _is_header(row: Sequence[Cell], rules: SheetRules) -> bool:
    """The row holds a target column, and a value or period column: by their names, or
    by what the rules call them (a column the rules name by its header must be there)."""
    texts = {fold(text_of(c)) for c in row if not blank(c)}
    fields = {field_of(c) for c in row if isinstance(c, str)}
    for key, ref in rules.columns.items():
        if fold(ref) in texts or column_index(ref) is not None:
            fields.add(key)
        else:
            return False
    has_target = bool(fields & {"target", "name"})
    return has_target and ("value" in fields or bool(rules.periods) or any(period_column(c) for c in row))


def _is_second_header(sheet: Sheet, index: int) -> bool:
    """The row under the header names periods under a merged "Thực hiện" (and holds
    nothing else but names)."""
    if index >= len(sheet.rows):
        return False
    row = [c for c in sheet.rows[index] if not blank(c)]
    periods = [c for c in row if period_column(c) is not None]
    return bool(periods) and all(isinstance(c, (str, date)) and (c in periods or field_of(str(c))) for c in row)


def _merged(upper: Sequence[Cell], lower: Sequence[Cell]) -> list[Cell]:
    width = max(len(upper), len(lower))
    return [
        lower[i] if i < len(lower) and not blank(lower[i]) else (upper[i] if i < len(upper) else None)
        for i in range(width)
    ]


def _columns(header: Sequence[Cell], rules: SheetRules, sheet: Sheet, file: str, row: int) -> Columns:
    """Each column's role: the rules' first, then what its header says."""
    columns = Columns()
    taken: set[int] = set()
    for key, ref in rules.columns.items():
        index = _rule_column(header, ref, rules.where.get(f"columns.{key}", file))
        columns.fields[key] = index
        taken.add(index)
    for ref, label in rules.periods.items():
        index = _rule_column(header, ref, rules.where.get(f"periods.{ref}", file))
        found = period_column(label)
        assert found is not None  # import_rules checked it
        columns.periods[index] = found
        taken.add(index)
    ignored = {_rule_column(header, ref, rules.where.get("ignore", file)) for ref in rules.ignore}
    has_target_field = any(isinstance(c, str) and c.strip() == "target" for c in header)
    for index, cell in enumerate(header):
        if index in taken or blank(cell):
            continue
        role = field_of(cell) if isinstance(cell, str) else None
        if role == "target" and has_target_field and text_of(cell).strip() == "id":
            columns.entry_id = index  # beside "target", tracker's "id" is the entry's own
            continue
        found = None if role or index in ignored else period_column(cell)
        if index in ignored or (role is None and found is None) or (role and role in rules.columns):
            columns.ignored.append(" ".join(text_of(cell).split()))
        elif found is not None:
            columns.periods[index] = found
        elif role in columns.fields:
            first = column_letter(columns.fields[role])
            raise SheetError(
                Msg("{where}: columns {first} and {second} both hold {field}",
                    where=place_of(file, sheet.name, row), first=first, second=column_letter(index), field=role)
            )  # fmt: skip
        elif role is not None:
            columns.fields[role] = index
    _year_column_of_long_sheet(columns, header)
    _check_roles(columns, sheet, file, row)
    return columns


def _year_column_of_long_sheet(columns: Columns, header: Sequence[Cell]) -> None:
    """Beside a value column, a column headed "Năm" (or "Year") alone is each row's year:
    the period of a long sheet, not a wide sheet's year column."""
    if "value" not in columns.fields or "period" in columns.fields:
        return
    for index, column in list(columns.periods.items()):
        if column.months == 12 and column.year is None and fold(text_of(header[index])) in ("nam", "year"):
            columns.fields["period"] = index
            del columns.periods[index]
            return


def _rule_column(header: Sequence[Cell], ref: str, where: str) -> int:
    """The column a rules file names by its letters or its header's text."""
    wanted = fold(ref)
    for index, cell in enumerate(header):
        if not blank(cell) and fold(text_of(cell)) == wanted:
            return index
    letters = column_index(ref)
    if letters is not None:
        return letters
    names = ", ".join(repr(text_of(c).strip()) for c in header if not blank(c))
    raise SheetError(located(where, Msg("no column {name!r} in the header ({found})", name=ref, found=names)))


def _check_roles(columns: Columns, sheet: Sheet, file: str, row: int) -> None:
    where = place_of(file, sheet.name, row)
    if "target" not in columns.fields and "name" not in columns.fields:
        raise refuse(where, Msg("the header has no target column (Mã chỉ tiêu or Chỉ tiêu)"))
    if columns.periods and "value" in columns.fields:
        raise refuse(
            where,
            Msg(
                "column {value} holds values and other columns are periods (such as {period}); "
                "say which to read in a rules file",
                value=column_letter(columns.fields["value"]),
                period=column_letter(min(columns.periods)),
            ),
        )
    if not columns.periods and "value" not in columns.fields:
        raise refuse(where, Msg("the header has no value column (Giá trị, Số liệu, Thực hiện, or T1 … T12)"))
