"""Reading the rows under a sheet's header: long sheets (one figure a row) and sheets
tracker wrote itself. Wide sheets are tracker.core.sheet_wide.

Pure; tracker.core.sheet_layout finds the header and says what each column holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any

from tracker.core.sheet_cells import CellError, TargetNames, looks_numeric, read_number, status_of, verdict_of
from tracker.core.sheet_columns import column_letter, period_column
from tracker.core.sheet_model import (
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
    refuse,
    text_of,
)  # fmt: skip
from tracker.messages import Msg


@dataclass
class Context:
    """What reading the rows of one sheet needs besides its columns."""

    sheet: Sheet
    file: str
    header_row: int
    decimal: str | None
    rules: SheetRules
    targets: Callable[[], Sequence[PlanTarget]] | None
    _names: TargetNames | None = None
    _by_id: dict[str, PlanTarget] | None = None

    def where(self, row: int, column: int | None = None) -> Msg:
        """The place of a cell (row as the spreadsheet numbers it, 0-based column)."""
        return place_of(self.file, self.sheet.name, row, column_letter(column) if column is not None else None)

    def target_id(self, cell: Cell, row: int, column: int) -> str:
        """The id of the target a name cell names."""
        if self._names is None:
            if self.targets is None:
                raise refuse(self.where(row, column), Msg("a target named, not given by its id, needs the plan"))
            self._names = TargetNames((t.id, name) for t in self.targets() for name in t.names)
        try:
            return self._names.find(text_of(cell))
        except CellError as exc:
            raise refuse(self.where(row, column), exc.message) from None

    def planned(self, target_id: str) -> frozenset[str] | None:
        """The periods a target has plan values for (None: no plan, or no such target)."""
        if self.targets is None:
            return None
        if self._by_id is None:
            self._by_id = {t.id: t for t in self.targets()}
        found = self._by_id.get(target_id)
        return found.planned if found else None

    def number(self, cell: Cell, row: int, column: int) -> Decimal | bool | str:
        """A value cell: a number cell as it is, text read by the decimal mark when it is
        written as a number (other text, such as "đạt" for a milestone, as it is)."""
        if isinstance(cell, (Decimal, bool)):
            return cell
        text = text_of(cell)
        if not looks_numeric(text):
            return text.strip()
        try:
            return read_number(text, self.decimal)
        except CellError as exc:
            raise refuse(self.where(row, column), exc.message) from None

    def day(self, cell: Cell, row: int, column: int) -> date | str:
        """An as-of cell: a date cell's day; text by the rules' date format when there is
        one (else as written: the import reads 2025-06-30 and 30/06/2025)."""
        if isinstance(cell, datetime):
            return cell.date()
        if isinstance(cell, date):
            return cell
        text = text_of(cell).strip()
        if self.rules.date_format:
            try:
                return datetime.strptime(text, self.rules.date_format).date()
            except ValueError:
                detail = Msg("not a date in the rules' date_format {format!r}: {text!r}",
                             format=self.rules.date_format, text=text)  # fmt: skip
                raise refuse(self.where(row, column), detail) from None
        return text


def data_rows(context: Context, first: int) -> list[tuple[int, Sequence[Cell]]]:
    """The rows under the header that may hold figures, numbered as the spreadsheet does:
    not the rows the rules skip, nor a row numbering the columns ((1), (2) … or A, B, 1, 2)."""
    rows = context.sheet.rows
    found = []
    for index in range(first, len(rows)):
        number = index + 1
        if number in context.rules.skip_rows or (index == first and _numbers_columns(rows[index])):
            continue
        found.append((number, rows[index]))
    return found


_LABEL = re.compile(r"^\(?([0-9]{1,2}|[A-Z])\)?$")


def _numbers_columns(row: Sequence[Cell]) -> bool:
    """ "A | B | 1 | 2 | 3" or "(1) | (2) | (3)": what forms print under a header, letters
    first, each one more than the one before."""
    found = [m[1] for c in row if not blank(c) and (m := _LABEL.match(text_of(c).strip()))]
    if len(found) < 3 or len(found) != sum(1 for c in row if not blank(c)):
        return False
    letters = [ord(v) for v in found if not v.isdigit()]
    digits = [int(v) for v in found if v.isdigit()]
    steps = all(b == a + 1 for run in (letters, digits) for a, b in pairwise(run))
    return steps and found[: len(letters)] == [chr(v) for v in letters]


def row_target(context: Context, columns: Columns, number: int, row: Sequence[Cell]) -> tuple[str, int] | None:
    """The target a row is about and the column it was read from (None: the row names none)."""
    for field_name in ("target", "name"):
        index = columns.fields.get(field_name)
        if index is not None and index < len(row) and not blank(row[index]):
            cell = row[index]
            if field_name == "target":
                return text_of(cell).strip(), index
            return context.target_id(cell, number, index), index
    return None


def row_extras(context: Context, columns: Columns, number: int, row: Sequence[Cell]) -> dict[str, Any]:
    """The fields of a row besides target, value, period and as-of."""
    extras: dict[str, Any] = {}
    for name in ("status", "source", "note", "verdict"):
        index = columns.fields.get(name)
        if index is None or index >= len(row) or blank(row[index]):
            continue
        text = text_of(row[index]).strip()
        extras[name] = status_of(text) if name == "status" else verdict_of(text) if name == "verdict" else text
    return extras


def long_rows(context: Context, columns: Columns, first: int, year: int | None) -> list[tuple[Place, dict[str, Any]]]:
    letters = {name: column_letter(index) for name, index in columns.fields.items()}
    by_name = dict(letters, target=letters.get("name", letters.get("target", "")))
    by_id = dict(letters, target=letters.get("target", ""))
    value_at = columns.fields["value"]
    rows: list[tuple[Place, dict[str, Any]]] = []
    for number, row in data_rows(context, first):
        if value_at >= len(row) or blank(row[value_at]):
            continue  # a heading, a target with no figure yet, a blank row
        found = row_target(context, columns, number, row)
        if found is None:
            raise refuse(context.where(number, value_at), Msg("a value with no target in its row"))
        target, at = found
        fields: dict[str, Any] = {"target": target, "value": context.number(row[value_at], number, value_at)}
        fields |= row_extras(context, columns, number, row)
        _long_period(context, columns, number, row, fields, year)
        if columns.entry_id is not None and columns.entry_id < len(row) and not blank(row[columns.entry_id]):
            fields["id"] = text_of(row[columns.entry_id]).strip()
        rows.append((Place(number, by_id if at == columns.fields.get("target") else by_name), fields))
    return rows


def _long_period(
    context: Context, columns: Columns, number: int, row: Sequence[Cell], fields: dict[str, Any], year: int | None
) -> None:
    """A long row's period and as-of: the period as written (or in office words, such as
    "Quý II/2025"), the year given when there is no period column."""
    index = columns.fields.get("period")
    if index is not None and index < len(row) and not blank(row[index]):
        fields["period"] = period_label(row[index])
    elif index is None and year is not None:
        fields["period"] = str(year)
    index = columns.fields.get("as_of")
    if index is not None and index < len(row) and not blank(row[index]):
        fields["as_of"] = context.day(row[index], number, index)


def period_label(cell: Cell) -> str:
    """A period cell as tracker writes periods: "Tháng 6/2025" -> 2025-06, "Quý II/2025"
    -> 2025-Q2, a year typed as a number -> 2025; anything else as written."""
    if isinstance(cell, Decimal) and cell == cell.to_integral_value():
        return str(int(cell))
    found = period_column(cell if isinstance(cell, (str, date)) else text_of(cell))
    if found is None or found.year is None:
        return text_of(cell).strip()
    if found.own_month:
        return f"{found.year}-{found.months:02d}"
    if found.quarter:
        return f"{found.year}-Q{found.quarter}"
    if found.months == 12:
        return str(found.year)
    return text_of(cell).strip()


def tracker_rows(sheet: Sheet, file: str, index: int) -> SheetRows:
    """A sheet tracker wrote (history as csv or tsv, perhaps saved by a spreadsheet): every
    field as written, a value in dot decimal read exactly."""
    names = [text_of(c) for c in sheet.rows[index]]
    while names and not names[-1]:
        names.pop()
    letters = {name: column_letter(i) for i, name in enumerate(names) if name}
    rows: list[tuple[Place, dict[str, Any]]] = []
    for number, row in enumerate(sheet.rows[index + 1 :], start=index + 2):
        if any(c is not None and c != "" for c in row[len(names) :]):
            raise SheetError(Msg("{where}: more cells than header columns", where=place_of(file, sheet.name, number)))
        fields = {name: _as_tracker_wrote(name, cell) for name, cell in zip(names, row, strict=False)
                  if name and cell is not None and cell != ""}  # fmt: skip
        if fields:
            rows.append((Place(number, letters), fields))
    return SheetRows(file, sheet.name, "tracker", rows, (), index + 1)


_DOT_DECIMAL = re.compile(r"^[+-]?\d{1,30}(\.\d{1,30})?$")


def _as_tracker_wrote(name: str, cell: Cell) -> Any:
    """A field of tracker's own export: a value written 2.365 is two point three six five
    (tracker writes dot decimals, never groups), a date cell is the day."""
    if name == "value" and isinstance(cell, str) and _DOT_DECIMAL.match(cell):
        return Decimal(cell)
    if name == "value" and isinstance(cell, (Decimal, bool)):
        return cell
    if name == "as_of" and isinstance(cell, (date, datetime)):
        return cell.date() if isinstance(cell, datetime) else cell
    return cell if isinstance(cell, str) else text_of(cell)
