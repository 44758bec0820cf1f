"""The one door for figures coming in from a file: a workbook, an office's CSV, or what
``tracker history`` wrote (CSV, TSV or JSON), to rows in tracker's field names.

``read_figures`` is what ``tracker import`` calls; the rows it returns go on to
``tracker.core.importing.validate_import`` (``[(place.row, fields) for place, fields in
rows.rows]``), and ``rows.where(place, field)`` words the place of a refused field.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from tracker.core.sheet_layout import Place, PlanTarget, SheetError, SheetRows, SheetRules, lay_out
from tracker.errors import DataError
from tracker.storage.sheet_files import read_grid, workbook_kind

_TEXT_START = b"\xef\xbb\xbf \t\r\n"


def read_figures(
    name: str,
    data: bytes,
    *,
    sheet: str | None = None,
    year: int | None = None,
    decimal: str | None = None,
    per_month: bool = False,
    rules: SheetRules | None = None,
    plan_targets: Callable[[], Sequence[PlanTarget]] | None = None,
    encoding: str | None = None,
) -> SheetRows:
    """The figures in the file ``name`` whose bytes are ``data`` (read within IMPORT_LIMIT:
    tracker.storage.import_file.read_source); DataError naming the file, sheet, row and
    column of the first thing that cannot be read.

    ``sheet``: a sheet's name or number from 1 (the first shown by default); ``year``: the
    year of period columns that do not say it; ``decimal``: "comma" or "point", how text
    numbers are written (give the plan's: "comma" for a Vietnamese plan; None refuses
    4.100 and 2,365 as ambiguous); ``per_month``: month columns are each month's own
    amount; ``rules``: what a rules file says (tracker.storage.import_rules), which the
    other arguments override; ``plan_targets``: the plan's targets, asked for only when a
    sheet names targets or has period columns; ``encoding``: a CSV's, when not UTF-8.
    What tracker wrote itself is read as it wrote it, whatever ``decimal`` says.
    """
    rules = rules or SheetRules()
    if workbook_kind(data) is None and data.lstrip(_TEXT_START).startswith((b"{", b"[")):
        from tracker.storage.import_file import read_rows

        return SheetRows(name, "", "json", [(Place(n, {}), item) for n, item in read_rows(name, data)])
    grid = read_grid(
        name, data, sheet=sheet or rules.sheet, encoding=encoding or rules.encoding, separator=rules.separator
    )
    try:
        rows = lay_out(grid.sheet, name, year=year, decimal=decimal or rules.decimal, per_month=per_month,
                       rules=rules, targets=plan_targets)  # fmt: skip
    except SheetError as exc:
        raise DataError(exc.message) from None
    if rows.layout == "tracker":
        for _, fields in rows.rows:
            _unguard_all(fields)
    return rows


def _unguard_all(fields: dict[str, Any]) -> None:
    """Take off the ' that ``history --format csv`` puts before text a spreadsheet would
    run as a formula, so export -> import gives back the same text."""
    from tracker.render.delimited import formula_like

    for key, value in fields.items():
        if isinstance(value, str) and value.startswith("'") and formula_like(value[1:]):
            fields[key] = value[1:]
