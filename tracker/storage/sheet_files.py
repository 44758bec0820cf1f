"""Bytes to a sheet of typed cells: .xlsx, .xls and .ods workbooks, and CSV or TSV text.

The format follows the bytes, not the file's name: a zip holding ``xl/`` is an Excel
workbook, a zip whose ``mimetype`` says so is an OpenDocument one, the OLE2 signature is
an old .xls; anything else is text. Workbooks are read with python-calamine (one reader
for all three, in Rust; it imports in about 2 ms and only when a workbook is read).

Cells come out as None, str, Decimal, bool or date/datetime. A number cell is a binary
double in every workbook format; it is read as the shortest decimal of at most 15
significant digits that gives it back, which is what the spreadsheet shows (Excel keeps
15 digits): 4.1 stays 4.1, and 0.1 + 0.2 computed by a formula is 0.3.

Text is UTF-8 (with a byte-order mark or not), or UTF-16 with its byte-order mark (what
Excel's "Unicode Text" writes). Nothing else is guessed: Windows-1258 (Vietnamese) and
Windows-1252 (Western) decode the same bytes to different letters, both without error, so
a wrong guess would record wrong names silently. Such a file is refused with the fix
("save as CSV UTF-8"), or read when its encoding is named (``encoding``, or a rules file).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Literal

from tracker.core.sheet_layout import Cell, Sheet
from tracker.errors import DataError
from tracker.messages import Msg, located
from tracker.storage.limits import IMPORT_LIMIT, megabytes

_ZIP = b"PK\x03\x04"
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
ENCODINGS = {"utf-8": "utf-8-sig", "cp1258": "cp1258", "cp1252": "cp1252", "utf-16": "utf-16"}
_ENCODING_NAMES = {"utf8": "utf-8", "windows-1258": "cp1258", "windows-1252": "cp1252", "utf16": "utf-16"}
SEPARATORS = (",", ";", "\t")
_HTML = re.compile(r"^\ufeff?\s*<(?:!doctype html|html|table|\?xml)", re.IGNORECASE)
# A workbook is a zip: what it holds unpacked may be far larger than its bytes (a "zip
# bomb"). Its parts together may unpack to at most this; a 100,000-row sheet is ~30 MB.
UNPACKED_LIMIT = 4 * IMPORT_LIMIT


@dataclass(frozen=True)
class Grid:
    """A file's chosen sheet, with what it was read as: ``kind`` is "xlsx", "xls", "ods",
    "csv" or "tsv"; ``sheet_names`` the workbook's sheets (none for text)."""

    kind: str
    sheet_names: tuple[str, ...]
    sheet: Sheet


def encoding_name(text: str) -> str | None:
    """The encoding a user names (utf-8, cp1258, windows-1258 ...) as tracker knows it, or None."""
    name = text.strip().lower().replace("_", "-")
    name = _ENCODING_NAMES.get(name, name)
    return name if name in ENCODINGS else None


def workbook_kind(data: bytes) -> str | None:
    """ "xlsx", "ods" or "xls" when the bytes are a workbook, else None (text)."""
    if data.startswith(_OLE2):
        return "xls"
    if not data.startswith(_ZIP):
        return None
    if data[30:38] == b"mimetype" and _ODS_MIMETYPE in data[38:120]:
        return "ods"  # OpenDocument puts its mimetype first, stored, where this finds it
    return "zip"  # told apart from its list of parts (read_grid)


def read_grid(
    name: str, data: bytes, *, sheet: str | None = None, encoding: str | None = None, separator: str | None = None
) -> Grid:
    """The sheet ``sheet`` (a name, or a number from 1; the first when None) of the file
    ``name`` whose bytes are ``data``; DataError naming the file when it cannot be read."""
    kind = workbook_kind(data)
    if kind is not None:
        return _read_workbook(name, data, kind, sheet)
    if sheet is not None and sheet.strip() != "1":
        raise DataError(located(name, Msg("a CSV file has one sheet: leave out --sheet {sheet}", sheet=sheet)))
    text = decode(name, data, encoding)
    if _HTML.match(text[:4096]):
        raise DataError(located(name, Msg("a web page or XML, not a sheet (some systems save one with an .xls name): "
                                          "open it in a spreadsheet and save it as .xlsx")))  # fmt: skip
    separator = separator or sniff_separator(text)
    rows = read_delimited(text, separator)
    return Grid("tsv" if separator == "\t" else "csv", (), Sheet("", rows))


def decode(name: str, data: bytes, encoding: str | None = None) -> str:
    """The text of a CSV or TSV file: UTF-8 (a byte-order mark or not), UTF-16 with its
    byte-order mark, or the encoding named."""
    if encoding is None and data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    codec = ENCODINGS[encoding or "utf-8"]
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        hint = (
            Msg("not UTF-8 text: save it as \"CSV UTF-8\", or name its encoding: --encoding cp1258 "
                "for Windows Vietnamese (or encoding = \"cp1258\" in a rules file)")
            if encoding is None
            else Msg("not {encoding} text", encoding=encoding)
        )  # fmt: skip
        raise DataError(located(f"{name}:{line}", hint)) from None
    # Windows-1258 writes a tone mark as a character of its own after the vowel: composed
    # here, as every text tracker keeps is.
    return unicodedata.normalize("NFC", text) if codec.startswith("cp") else text


def sniff_separator(text: str) -> str:
    """The separator a CSV file uses: of comma, semicolon and tab, the one found the same
    number of times on most of its first lines (quoted text aside); semicolon before
    comma on a tie, as a file with decimal commas has commas on most lines too."""
    lines = _first_lines(text, 50)
    best, score = ",", 0
    for candidate in ("\t", ";", ","):
        counts = [_count_outside_quotes(line, candidate) for line in lines]
        found = [c for c in counts if c]
        if not found:
            continue
        common = max(set(found), key=found.count)
        agreeing = counts.count(common)
        if agreeing > score:
            best, score = candidate, agreeing
    return best


def _first_lines(text: str, count: int) -> list[str]:
    """The first ``count`` non-blank records of the text (a quoted line break kept inside)."""
    lines: list[str] = []
    start, quoted = 0, False
    for m in re.finditer(r'["\n]', text[: 1 << 20]):
        if m[0] == '"':
            quoted = not quoted
        elif not quoted:
            line = text[start : m.start()].rstrip("\r")
            start = m.end()
            if line.strip():
                lines.append(line)
                if len(lines) == count:
                    return lines
    if not lines and text[start:].strip():
        lines.append(text[start:])
    return lines


def _count_outside_quotes(line: str, separator: str) -> int:
    return sum(part.count(separator) for part in line.split('"')[::2])


def read_delimited(text: str, separator: str) -> list[list[Cell]]:
    """The records of CSV or TSV text as rows of text cells (empty ones None). A file
    whose header is tracker's own and separated by tabs is read as tracker writes TSV:
    quotes are text there."""
    # A cell may be as long as the file: a note of any length that `history --format csv`
    # wrote must read back (csv refuses cells over 128 K characters by default).
    csv.field_size_limit(max(csv.field_size_limit(), len(text) + 1))
    # A TSV file tracker wrote has no quoting: quotes are text there.
    tracker_tsv = separator == "\t" and _tracker_header(text.split("\n", 1)[0])
    quoting: Literal[0, 3] = csv.QUOTE_NONE if tracker_tsv else csv.QUOTE_MINIMAL
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=separator, quoting=quoting)
    return [[cell or None for cell in record] for record in reader]


def _tracker_header(line: str) -> bool:
    from tracker.core.sheet_model import TRACKER_FIELDS

    names = line.rstrip("\r").split("\t")
    return "target" in names and all(n in TRACKER_FIELDS for n in names)


def _read_workbook(name: str, data: bytes, kind: str, sheet: str | None) -> Grid:
    if kind == "zip":
        kind = _zip_kind(name, data)
    import python_calamine  # only when a workbook is read

    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = tuple(book.sheet_names)
        # By default the first sheet a person sees: a hidden one is left out.
        shown = [i for i, m in enumerate(book.sheets_metadata) if m.visible == python_calamine.SheetVisibleEnum.Visible]
        index = _sheet_index(name, names, sheet, shown[0] if shown else 0)
        rows = book.get_sheet_by_index(index).to_python(skip_empty_area=False)
    except python_calamine.PasswordError:
        raise DataError(
            located(name, Msg("the workbook is protected by a password; save a copy without one"))
        ) from None
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        detail = " ".join(str(exc).split())[:200]
        raise DataError(located(name, Msg("cannot read the workbook: {detail}", detail=detail))) from None
    return Grid(kind, names, Sheet(names[index], [_row(row) for row in rows]))


def _zip_kind(name: str, data: bytes) -> str:
    """ "xlsx" or "ods" from a zip's list of parts, refused when it is another zip or would
    unpack to more than UNPACKED_LIMIT."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise DataError(located(name, Msg("cannot read the workbook: {detail}", detail="not a valid zip"))) from None
    if sum(p.file_size for p in parts) > UNPACKED_LIMIT:
        message = Msg("the workbook unpacks to more than {limit}; split it", limit=megabytes(UNPACKED_LIMIT))
        raise DataError(located(name, message))
    names = {p.filename for p in parts}
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if "content.xml" in names:
        return "ods"
    raise DataError(located(name, Msg("a zip file that is not a workbook (.xlsx, .ods)")))


def _sheet_index(name: str, names: Sequence[str], wanted: str | None, default: int = 0) -> int:
    """The sheet ``wanted`` names: its name (case and spaces forgiven) or its number from 1;
    ``default`` when it names none."""
    if not names:
        raise DataError(located(name, Msg("the workbook has no sheets")))
    if wanted is None:
        return default
    key = " ".join(unicodedata.normalize("NFC", wanted).casefold().split())
    for index, sheet in enumerate(names):
        if " ".join(unicodedata.normalize("NFC", sheet).casefold().split()) == key:
            return index
    if wanted.strip().isdigit() and 1 <= int(wanted) <= len(names):
        return int(wanted) - 1
    listed = ", ".join(f"{i}: {n!r}" for i, n in enumerate(names, start=1))
    raise DataError(located(name, Msg("no sheet {sheet!r}; the workbook has {found}", sheet=wanted, found=listed)))


def _row(row: list[Any]) -> list[Cell]:
    """A workbook's row as tracker reads cells, without its empty cells at the end (a
    sheet's used range is as wide as its widest row). Text and numbers, nearly every
    cell, are converted here without a call."""
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    cells: list[Cell] = []
    for value in row[:end]:
        kind = value.__class__
        if kind is str:
            cells.append(value or None)
        elif kind is float:
            text = format(value, ".15g")
            cells.append(Decimal(text) if "e" not in text and "n" not in text else _float_decimal(value))
        else:
            cells.append(_cell(value))
    return cells


def _cell(value: Any) -> Cell:
    """A workbook's cell as tracker reads cells."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return _float_decimal(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value
    if isinstance(value, date):
        return value
    if isinstance(value, (time, timedelta)):
        return str(value)
    return None if value is None else str(value)


def _float_decimal(value: float) -> Decimal | str:
    """A double as the spreadsheet shows it: its shortest form of at most 15 significant
    digits (an infinity or NaN, which no cell should hold, as text: refused as a value)."""
    if value != value or value in (float("inf"), float("-inf")):
        return str(value)
    number = Decimal(format(value, ".15g"))
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0 and number.adjusted() < 20:  # 1E+16: written out
        number = number.quantize(Decimal(1))
    return number
