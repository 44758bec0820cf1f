"""Real workbooks for the import tests, written by the libraries offices' files come from
in spirit: openpyxl (.xlsx), odfpy (.ods, as LibreOffice writes) and xlwt (.xls, Excel 97).

Each writer takes {sheet name: rows}; a row is a list of cells: None (left empty), str,
int, float, Decimal (written as a number cell), bool, date or datetime. Nothing here
is tracker's: the tests read these bytes with tracker and compare cell by cell.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

Rows = Sequence[Sequence[Any]]


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def xlsx(sheets: dict[str, Rows], hidden: Sequence[str] = (), styled_below: int = 0) -> bytes:
    """An .xlsx workbook; ``hidden`` sheets are hidden; ``styled_below`` rows with a style
    and no value follow each sheet's rows (Excel's trailing "blank" rows)."""
    import openpyxl  # type: ignore[import-untyped]
    from openpyxl.styles import Font  # type: ignore[import-untyped]

    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    cell = sheet.cell(row=r, column=c, value=_number(value))
                    if isinstance(value, datetime):
                        cell.number_format = "dd/mm/yyyy hh:mm"
                    elif isinstance(value, date):
                        cell.number_format = "dd/mm/yyyy"
        for r in range(len(rows) + 1, len(rows) + 1 + styled_below):
            sheet.cell(row=r, column=1).font = Font(bold=True)
        if name in hidden:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls(sheets: dict[str, Rows]) -> bytes:
    """An .xls (Excel 97-2003) workbook."""
    import xlwt  # type: ignore[import-untyped]

    book = xlwt.Workbook(encoding="utf-8")
    day = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    moment = xlwt.easyxf(num_format_str="DD/MM/YYYY HH:MM")
    for name, rows in sheets.items():
        sheet = book.add_sheet(name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, datetime):
                    sheet.write(r, c, value, moment)
                elif isinstance(value, date):
                    sheet.write(r, c, value, day)
                else:
                    sheet.write(r, c, _number(value))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def ods(sheets: dict[str, Rows]) -> bytes:
    """An OpenDocument (.ods) workbook, typed cells as LibreOffice writes them."""
    from odf.opendocument import OpenDocumentSpreadsheet  # type: ignore[import-untyped]
    from odf.table import Table, TableCell, TableRow  # type: ignore[import-untyped]
    from odf.text import P  # type: ignore[import-untyped]

    document = OpenDocumentSpreadsheet()
    for name, rows in sheets.items():
        table = Table(name=name)
        for row in rows:
            line = TableRow()
            for value in row:
                line.addElement(_ods_cell(value, TableCell, P))
            table.addElement(line)
        document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def _ods_cell(value: Any, cell_type: Any, paragraph: Any) -> Any:
    if value is None:
        return cell_type()
    if isinstance(value, bool):
        cell = cell_type(valuetype="boolean", booleanvalue="true" if value else "false")
    elif isinstance(value, date):  # a datetime too
        cell = cell_type(valuetype="date", datevalue=value.isoformat())
    elif isinstance(value, (int, float, Decimal)):
        cell = cell_type(valuetype="float", value=str(value))
    else:
        cell = cell_type(valuetype="string")
    cell.addElement(paragraph(text=str(value)))
    return cell


def windows_1258(text: str) -> bytes:
    """``text`` as Windows saves it in Windows-1258: a tone mark is a character of its own
    after its letter (ơ, ư, â ... are letters of the code page; ở is ơ and a hook)."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(m for m in parts if m in _TONES)
        out.append(unicodedata.normalize("NFC", "".join(m for m in parts if m not in _TONES)) + tones)
    return "".join(out).encode("cp1258")


_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below

WRITERS: dict[str, Callable[[dict[str, Rows]], bytes]] = {"xlsx": xlsx, "xls": xls, "ods": ods}
