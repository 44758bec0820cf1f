"""The values reading a sheet deals in: cells, sheets, rules, places and the rows read.

Pure (tracker.core.sheet_layout reads; tracker.storage.sheet_files makes sheets from bytes).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.core.model import Plan
from tracker.core.sheet_cells import is_blank
from tracker.core.sheet_columns import PeriodColumn
from tracker.messages import Msg, Text, located

Cell = None | str | Decimal | bool | date | datetime
# The fields `tracker history` writes (tracker.storage.import_file.FIELDS).
TRACKER_FIELDS = (
    "kind", "id", "target", "period", "value", "as_of", "status", "source", "note", "verdict",
    "recorded_at", "recorded_by", "retracts", "retracted", "batch",
)  # fmt: skip
HEADER_SEARCH = 50  # rows looked at for the header: titles and notes above it are short


@dataclass(frozen=True)
class Sheet:
    """One sheet of cells: ``rows[0]`` is the row the spreadsheet numbers 1, ``row[0]``
    column A. Empty cells are None."""

    name: str
    rows: Sequence[Sequence[Cell]]


@dataclass(frozen=True)
class PlanTarget:
    """What reading a sheet needs of a plan's target: its id, its names (Vietnamese and
    English) and the periods it has plan values for."""

    id: str
    names: tuple[str, ...] = ()
    planned: frozenset[str] = frozenset()


def plan_targets(plan: Plan) -> list[PlanTarget]:
    """The targets of ``plan`` as reading a sheet needs them."""
    return [PlanTarget(t.id, tuple(n for n in (t.name, t.name_en) if n), frozenset(t.plans)) for t in plan.targets]


@dataclass(frozen=True)
class SheetRules:
    """What a rules file says of a sheet that cannot be guessed (tracker.storage.import_rules).

    ``columns``: field -> a header's text or a column's letters; ``periods``: a header's
    text or letters -> the period column it is (``T1``, ``Quý II``, ``2025-06``);
    ``ignore``: columns not to read; ``skip_rows``: rows (as the spreadsheet numbers them)
    that hold no figures; ``where``: "FILE:LINE" of each key, for messages.
    """

    sheet: str | None = None
    header_row: int | None = None
    columns: Mapping[str, str] = field(default_factory=dict)
    periods: Mapping[str, str] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()
    skip_rows: frozenset[int] = frozenset()
    decimal: str | None = None
    date_format: str | None = None
    year: int | None = None
    encoding: str | None = None
    separator: str | None = None
    where: Mapping[str, str] = field(default_factory=dict)


class SheetError(ValueError):
    """A sheet that cannot be read; ``message`` names the file and the place."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True, slots=True)
class Place:
    """Where a row's figure came from: the row as the spreadsheet numbers it, and the
    column (letters) each field was read from."""

    row: int
    columns: Mapping[str, str]


@dataclass(frozen=True)
class SheetRows:
    """What a sheet holds, in tracker's field names: ``rows`` as ``validate_import`` takes
    them once each place is turned into a number (``[(p.row, f) for p, f in rows]``).

    ``layout`` is "tracker", "long", "wide" or "json"; ``ignored`` the headers of columns not
    read (for the summary); ``header_row`` the row the header was found on.
    """

    file: str
    sheet: str
    layout: str
    rows: list[tuple[Place, dict[str, Any]]]
    ignored: tuple[str, ...] = ()
    header_row: int | None = None

    def where(self, place: Place, field: str | None = None) -> Msg:
        """The file and place of a row, and of ``field``'s cell when it is known:
        "FILE: sheet 'Tháng 6', row 7, column C"."""
        return place_of(self.file, self.sheet, place.row, place.columns.get(field) if field else None, self.layout)


def place_of(file: str, sheet: str, row: int, column: str | None = None, layout: str = "") -> Msg:
    """ "FILE: sheet 'S', row R, column C" (the parts that are known)."""
    if layout == "json":
        return located(file, Msg("entry {number}", number=row))
    if sheet and column:
        return located(file, Msg("sheet {sheet!r}, row {row}, column {column}", sheet=sheet, row=row, column=column))
    if sheet:
        return located(file, Msg("sheet {sheet!r}, row {row}", sheet=sheet, row=row))
    if column:
        return located(file, Msg("row {row}, column {column}", row=row, column=column))
    return located(file, Msg("row {number}", number=row))


def refuse(where: Msg, detail: Text) -> SheetError:
    """The error for a cell or row: "PLACE: detail"."""
    return SheetError(Msg("{where}: {message}", where=where, message=detail))


@dataclass
class Columns:
    """What each column of the header holds."""

    fields: dict[str, int] = field(default_factory=dict)  # field -> column index
    periods: dict[int, PeriodColumn] = field(default_factory=dict)  # column index -> period
    ignored: list[str] = field(default_factory=list)  # headers of columns not read
    entry_id: int | None = None  # tracker's own entry id, beside a target column


def text_of(cell: Cell) -> str:
    """A cell as text: a number as written, a date as 2025-06-30."""
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, (date, datetime)):
        return cell.isoformat()
    return str(cell)


def blank(cell: Cell) -> bool:
    """A cell that holds nothing to read."""
    return cell is None or (cell.__class__ is str and is_blank(cell))
