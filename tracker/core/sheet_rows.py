"""Reading the rows under a sheet's header: long sheets (one figure a row) and sheets
tracker wrote itself. Wide sheets are tracker.core.sheet_wide.

Pure; tracker.core.sheet_layout finds the header and says what each column holds.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from itertools import pairwise
from typing import Any

from tracker.core.sheet_cells import CellError, TargetNames, is_blank, looks_numeric, read_number, status_of, verdict_of
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
)
from tracker.core.values import brief, range_ends, range_order_problem, written_range
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
            written = text_of(cell).strip()
            if self.planned(written) is not None:
                return written  # an id where the name was expected: as exact as a name
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
        if ".." in text or not looks_numeric(text):  # "29..30" is made of digits and dots: a range, no number
            ends = range_ends(text) if self.decimal is not None else None
            if ends is None:
                return text.strip()  # a word, yes/no, or a range read by parse_number's rules
            try:  # a range ("4.100-4.200"): each end by the file's decimal mark, as a number is
                low, high = read_number(ends[0], self.decimal), read_number(ends[1], self.decimal)
            except CellError as exc:
                raise refuse(self.where(row, column), exc.message) from None
            if not low < high:  # refused here, quoting the cell as typed ("62-61", not "62..61")
                raise refuse(self.where(row, column), range_order_problem(brief(text.strip()), low, high))
            return f"{low}..{high}"
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


def data_rows(context: Context, first: int, width: int = 0) -> Iterator[tuple[int, Sequence[Cell]]]:
    """The rows under the header that may hold figures, numbered as the spreadsheet does:
    not the rows the rules skip, nor a row numbering the columns ((1), (2) … or A, B, 1, 2).
    Each is at least ``width`` cells long (padded with None), so a column can be indexed."""
    rows = context.sheet.rows
    skip = context.rules.skip_rows
    for index in range(first, len(rows)):
        number = index + 1
        row = rows[index]
        if (skip and number in skip) or (index == first and _numbers_columns(row)):
            continue
        yield number, row if len(row) >= width else [*row, *([None] * (width - len(row)))]


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
    """The target a row is about and the column it was read from (None: the row names
    none); ``row`` is as wide as the header's columns."""
    index = columns.fields.get("target")
    if index is not None:
        cell = row[index]
        if cell is not None and not (cell.__class__ is str and is_blank(cell)):
            return (cell if cell.__class__ is str else text_of(cell)).strip(), index
    index = columns.fields.get("name")
    if index is not None and not blank(row[index]):
        return context.target_id(row[index], number, index), index
    return None


def _stripped(text: str) -> str:
    return text.strip()


_EXTRAS: dict[str, Callable[[str], str]] = {
    "status": status_of, "source": _stripped, "note": _stripped, "verdict": verdict_of,
}  # fmt: skip


def extras_readers(columns: Columns) -> list[tuple[str, int, Callable[[str], str]]]:
    """How to read a row's fields besides target, value, period and as-of: (field,
    column, reading of its text), for the fields the header has."""
    return [(name, columns.fields[name], read) for name, read in _EXTRAS.items() if name in columns.fields]


def row_extras(readers: list[tuple[str, int, Callable[[str], str]]], row: Sequence[Cell]) -> dict[str, Any]:
    """The fields of a row besides target, value, period and as-of (status and verdict
    words as offices write them read as tracker's)."""
    extras: dict[str, Any] = {}
    for name, index, read in readers:
        cell = row[index]
        if cell is not None and not (cell.__class__ is str and is_blank(cell)):
            extras[name] = read(cell if cell.__class__ is str else text_of(cell))
    return extras


def long_rows(context: Context, columns: Columns, first: int, year: int | None) -> list[tuple[Place, dict[str, Any]]]:
    """One (place, fields) for each row with a value under the header."""
    letters = {name: column_letter(index) for name, index in columns.fields.items()}
    by_name = dict(letters, target=letters.get("name", letters.get("target", "")))
    by_id = dict(letters, target=letters.get("target", ""))
    fields_at = columns.fields
    value_at, id_at = fields_at["value"], fields_at.get("target")
    period_at, as_of_at, entry_at = fields_at.get("period"), fields_at.get("as_of"), columns.entry_id
    readers = extras_readers(columns)
    width = max([*fields_at.values(), entry_at or 0]) + 1
    rows: list[tuple[Place, dict[str, Any]]] = []
    for number, row in data_rows(context, first, width):
        value = row[value_at]
        if value is None or (value.__class__ is str and is_blank(value)):
            continue  # a heading, a target with no figure yet, a blank row
        found = row_target(context, columns, number, row)
        if found is None:
            raise refuse(context.where(number, value_at), Msg("a value with no target in its row"))
        fields: dict[str, Any] = {
            "target": found[0],
            "value": value if value.__class__ is Decimal else context.number(value, number, value_at),
        }
        if readers:
            fields |= row_extras(readers, row)
        if period_at is not None:
            if not blank(row[period_at]):
                fields["period"] = period_label(row[period_at])
        elif year is not None:
            fields["period"] = str(year)
        if as_of_at is not None and not blank(row[as_of_at]):
            cell = row[as_of_at]
            fields["as_of"] = cell if cell.__class__ is date else context.day(cell, number, as_of_at)
        if entry_at is not None and not blank(row[entry_at]):
            fields["id"] = text_of(row[entry_at]).strip()
        rows.append((Place(number, by_id if found[1] == id_at else by_name), fields))
    return rows


@lru_cache(maxsize=4096)  # a long sheet repeats a few periods on every row
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
    if name == "value" and isinstance(cell, str) and (ends := written_range(cell)) is not None:
        return list(ends)  # a range as history writes it, 2.365..3: its ends exactly
    if name == "value" and isinstance(cell, (Decimal, bool)):
        return cell
    if name == "as_of" and isinstance(cell, (date, datetime)):
        return cell.date() if isinstance(cell, datetime) else cell
    return cell if isinstance(cell, str) else text_of(cell)
