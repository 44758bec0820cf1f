"""What a column of a sheet holds, read from its header as offices write it.

Pure: header text in, a column's role out. A header is matched whole (never as a part of a
longer title, so "Kế hoạch cả năm" is not the year column "Cả năm"), with case, spacing,
Unicode form (NFC or NFD) and Vietnamese accents forgiven: people type "Ma chi tieu" as
often as "Mã chỉ tiêu", and no two names below become one without their accents.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

# Fields a long sheet may hold, by the names offices give them (folded: see ``fold``).
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "target": ("ma chi tieu", "ma", "ma so", "ma ct", "id", "target", "target id"),
    "name": ("chi tieu", "ten chi tieu", "ten", "noi dung", "name", "target name", "indicator"),
    "period": ("ky", "ky bao cao", "ky so lieu", "period"),
    "as_of": ("ngay", "ngay so lieu", "as_of", "as of", "date"),
    "value": ("gia tri", "so lieu", "thuc hien", "ket qua", "ket qua thuc hien", "th", "value", "figure"),
    "status": ("tinh trang", "trang thai", "loai so lieu", "status"),
    "source": ("nguon", "nguon so lieu", "source"),
    "note": ("ghi chu", "note", "notes"),
    "verdict": ("danh gia", "ket qua danh gia", "verdict"),
}
_BY_NAME = {name: field for field, names in FIELD_NAMES.items() for name in names}

# Words before a period column's name: "Thực hiện tháng 6", "Lũy kế 6 tháng", "Ước cả năm".
# "Ước" (estimate) and "sơ bộ" (preliminary) also say how final the column's figures are.
_PREFIXES: dict[str, str | None] = {
    "thuc hien": None, "th": None, "luy ke": None, "so lieu": None, "actual": None,
    "uoc thuc hien": "estimate", "uoc th": "estimate", "uoc tinh": "estimate", "uoc": "estimate",
    "estimate": "estimate", "so bo": "preliminary",
}  # fmt: skip
_PREFIX = re.compile(r"^(" + "|".join(sorted(map(re.escape, _PREFIXES), key=len, reverse=True)) + r")\s+(.+)$")

_YEAR = r"(?P<year>(?:19|20)\d\d)"
_YEAR_TAIL = r"(?:(?:\s*[/.-]\s*|\s+nam\s+|\s+)" + _YEAR + r")?"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_MONTH_NAMES = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# (kind, pattern): ``n`` the month, quarter or count of months, ``year`` the year if given
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("month", re.compile(r"^(?:t|thang|month)\s*\.?\s*(?P<n>0?[1-9]|1[0-2])" + _YEAR_TAIL + "$")),
    ("month", re.compile(r"^(?P<n>0?[1-9]|1[0-2])\s*[/.-]\s*" + _YEAR + "$")),
    ("month", re.compile(_YEAR + r"-(?P<n>0[1-9]|1[0-2])$")),  # tracker's own label: 2025-06
    ("english month", re.compile(r"^(?P<n>[a-z]+)\.?" + _YEAR_TAIL + "$")),
    ("quarter", re.compile(r"^(?:quy|q|quarter)\s*\.?\s*(?P<n>iv|i{1,3}|[1-4])" + _YEAR_TAIL + "$")),
    ("quarter", re.compile(_YEAR + r"-q(?P<n>[1-4])$")),  # 2025-Q3
    ("months", re.compile(r"^(?P<n>1[0-2]|0?[1-9])\s*(?:thang(?:\s+dau\s+nam)?|months)" + _YEAR_TAIL + "$")),
    ("half", re.compile(r"^(?:h1|first half)" + _YEAR_TAIL + "$")),
    ("year", re.compile(r"^(?:ca nam|nam|year|full year)" + _YEAR_TAIL + "$")),
    ("year", re.compile("^" + _YEAR + "$")),
)


@dataclass(frozen=True)
class PeriodColumn:
    """A column of a wide sheet: the figures up to the end of a month, quarter, the
    first ``months`` months, or the whole year (``months`` 12).

    ``own_month`` is set for a month column (T6): only such a column may be read as the
    month's own amount (``--per-month``) or hold a target planned month by month; a
    quarter column likewise has ``quarter``.
    """

    months: int  # the column's figures stand at the end of this month of the year
    year: int | None = None  # when the header names it: "Tháng 6/2025", "2025"
    own_month: bool = False
    quarter: int | None = None
    status: str | None = None  # "estimate" for "Ước ...", "preliminary" for "Sơ bộ ..."

    def with_year(self, year: int) -> PeriodColumn:
        """The same column in ``year`` (a year the header did not give)."""
        return PeriodColumn(self.months, year, self.own_month, self.quarter, self.status)


def fold(text: str) -> str:
    """Text as header names and words are compared: no accents, đ as d, lower case,
    one space between words, no trailing colon or asterisk."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).replace("đ", "d")
    return " ".join(plain.split()).rstrip(":*. ").strip()


def _without_unit(folded: str) -> str:
    """ "gia tri (ty dong)" -> "gia tri": a unit in brackets after a column's name."""
    return re.sub(r"\s*\([^()]*\)$", "", folded)


def field_of(header: str) -> str | None:
    """The field a long sheet's column holds, from its header text, or None."""
    folded = fold(header)
    return _BY_NAME.get(folded) or _BY_NAME.get(_without_unit(folded))


def period_column(header: object) -> PeriodColumn | None:
    """The period a wide sheet's column stands for, from its header (text, or a date
    cell: Excel turns a typed "1/2025" into a date), or None."""
    if isinstance(header, datetime):
        header = header.date()
    if isinstance(header, date):
        return PeriodColumn(header.month, header.year, own_month=True)
    if not isinstance(header, str):
        return None
    folded = _without_unit(fold(header))
    status = None
    found = _PREFIX.match(folded)
    if found and _match(found[2]) is not None:
        status, folded = _PREFIXES[found[1]], found[2]
    column = _match(folded)
    if column is None or status is None:
        return column
    return PeriodColumn(column.months, column.year, column.own_month, column.quarter, status)


def _match(folded: str) -> PeriodColumn | None:
    for kind, pattern in _PATTERNS:
        found = pattern.match(folded)
        if found is None:
            continue
        groups = found.groupdict()
        number, year = groups.get("n"), int(groups["year"]) if groups.get("year") else None
        if kind == "month":
            return PeriodColumn(int(number or 0), year, own_month=True)
        if kind == "english month":
            month = _english_month(number or "")
            if month is None:
                continue
            return PeriodColumn(month, year, own_month=True)
        if kind == "quarter":
            quarter = _ROMAN.get(number or "") or int(number or 0)
            return PeriodColumn(3 * quarter, year, quarter=quarter)
        if kind == "months":
            return PeriodColumn(int(number or 0), year)
        return PeriodColumn(6 if kind == "half" else 12, year)
    return None


_ENGLISH_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december",
)  # fmt: skip


def _english_month(word: str) -> int | None:
    """1..12 for "jan" or "january" (never "janitor"), else None."""
    for number, (short, full) in enumerate(zip(_MONTH_NAMES, _ENGLISH_MONTHS, strict=True), start=1):
        if word in (short, full):
            return number
    return None


def column_letter(index: int) -> str:
    """The spreadsheet's name of the column at 0-based ``index``: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def column_index(letters: str) -> int | None:
    """The 0-based index of a column named by letters (``A``, ``ab``), or None when the
    text is not a column's letters."""
    text = letters.strip().upper()
    if not text or len(text) > 3 or not all("A" <= c <= "Z" for c in text):
        return None
    index = 0
    for c in text:
        index = index * 26 + ord(c) - ord("A") + 1
    return index - 1
