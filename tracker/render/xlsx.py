"""`--format xlsx`: the Biểu as a real workbook (numbers stored as numbers).

XlsxWriter writes it: it only writes (no reading machinery to import), streams rows,
and sets everything a printed Biểu needs (number formats, frozen and repeated header,
A4 landscape fitted to width). It is imported only when a workbook is asked for.

Numbers keep the value and carry a number format that shows them as the table does:
the bound ("≥ 8" stays the number 8), the estimate mark ("55,89 (ước)" stays 55.89),
% of plan as a percentage. Vietnamese formats carry the Vietnamese locale tag
``[$-42A]``, which spreadsheet programs use to pick the decimal comma and dot thousands
whatever the reader's own settings; English ones are plain.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from tracker.render.bieu import BieuRow, Filing, Number, bieu_rows, document_words
from tracker.render.sheet import Records

_LOCALE = {"vi": "[$-42A]", "en": ""}
# STT, name, unit, plan, actual, % plan, change, verdict: widths in characters.
_WIDTHS = (6, 46, 12, 12, 16, 10, 15, 18)
_HEADER_ROW = 4  # zero-based: organisation, title, period line, a blank row, then the header


def number_format(number: Number, lang: str) -> str:
    """The number format that shows ``number`` as the table does."""
    digits = "#,##0" + ("." + "0" * number.places if number.places else "")
    prefix = f'"{number.bound.value} "' if number.bound.value else ""
    suffix = f'" {number.suffix}"' if number.suffix else ""
    return f"{_LOCALE.get(lang, '')}{prefix}{digits}{suffix}"


def share_format(lang: str, signed: bool) -> str:
    """108,5% for % of plan; +7,7% / -2,0% for a change."""
    locale = _LOCALE.get(lang, "")
    return f"{locale}+0.0%;{locale}-0.0%;{locale}0.0%" if signed else f"{locale}0.0%"


def points_format(number: Number, lang: str) -> str:
    """+0,10 điểm % for a change in points."""
    locale, digits = _LOCALE.get(lang, ""), "0." + "0" * number.places if number.places else "0"
    unit = f'" {number.suffix}"' if number.suffix else ""
    return f"{locale}+{digits}{unit};{locale}-{digits}{unit};{locale}{digits}{unit}"


def render_xlsx(records: Records, lang: str, filing: Filing | None = None) -> bytes:
    """The workbook: for a report (``filing``) the Biểu on the first sheet; every machine
    field of ``records``, typed, on the last (the only one for list, show and history)."""
    import xlsxwriter

    from tracker.words import word

    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False})
    styles = _Styles(book)
    if filing is not None:
        words = document_words(filing, lang)
        book.set_properties({"title": words["title"], "company": words["organisation"]})
        _bieu_sheet(book, styles, filing, lang, words)
    _data_sheet(book, styles, records, word(lang, "Data"))
    book.close()
    return out.getvalue()


def _bieu_sheet(book: Any, styles: _Styles, filing: Filing, lang: str, words: dict[str, str]) -> None:
    sheet = book.add_worksheet(words["sheet_bieu"])
    items = bieu_rows(filing.report, lang)
    _page_setup(sheet, widths=_widths(items, lang))
    _title_block(sheet, styles, words)
    row = _HEADER_ROW
    sheet.write_row(row, 0, [words[k] for k in _HEADERS], styles.get(header=True))
    for item in items:
        row += 1
        _write_row(sheet, styles, row, item, lang)
    row += 2
    for number, line in enumerate(words["footer"].splitlines()):
        sheet.write_string(row + number, 1, line, styles.get(bold=number == 0, size=12))


def _widths(items: Sequence[BieuRow], lang: str) -> tuple[int, ...]:
    """The columns' widths: the actual column made wide enough for its longest figure and
    marks ("2.540,17 (điều chỉnh từ 2.450,17)"), since a spreadsheet shows a number that does
    not fit its cell as ####, and the plan column for its longest text ("≥ 8 → ≥ 7,5 (NQ
    05/NQ-HĐND)", an amended value), which a neighbouring cell would cut; the page is
    fitted to its width whatever the columns add up to."""
    from tracker.render.numbers import format_number

    longest, plan = 0, 0
    for item in items:
        if isinstance(item.actual, Number):
            number = item.actual
            shown = len(format_number(number.value, lang, number.places)) + len(number.suffix) + 1
            longest = max(longest, shown)
        else:  # a range or a word, with its marks
            longest = max(longest, len(item.actual))
        if isinstance(item.plan, str):
            plan = max(plan, len(item.plan) + 2)  # and the mark " *" its writer may add
    widths = list(_WIDTHS)
    widths[_ACTUAL] = max(widths[_ACTUAL], min(longest + 2, 40))
    widths[_PLAN] = max(widths[_PLAN], min(plan + 2, 40))
    return tuple(widths)


_PLAN, _ACTUAL = 3, 4  # the plan and actual columns
_HEADERS = ("col_stt", "col_name", "col_unit", "col_plan", "col_actual", "col_percent", "col_change", "col_status")


class _Styles:
    """XlsxWriter formats, made once per distinct look (a workbook caps their number)."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.cache: dict[tuple[Any, ...], Any] = {}

    def get(self, num: str = "", bold: bool = False, header: bool = False, indent: int = 0, wrap: bool = False,
            align: str = "", size: int = 0) -> Any:  # fmt: skip
        key = (num, bold, header, indent, wrap, align, size)
        if key not in self.cache:
            props: dict[str, Any] = {"font_name": "Times New Roman", "font_size": size or 12, "valign": "vcenter"}
            if header:
                props.update(bold=True, border=1, align="center", text_wrap=True, bg_color="#DDE4EE")
            elif size == 0:
                props["border"] = 1
            if num:
                props["num_format"] = num
            if bold:
                props["bold"] = True
            if indent:
                props["indent"] = indent
            if wrap:
                props["text_wrap"] = True
            if align:
                props["align"] = align
            self.cache[key] = self.book.add_format(props)
        return self.cache[key]


def _page_setup(sheet: Any, header_row: int = _HEADER_ROW, widths: Sequence[int] = _WIDTHS) -> None:
    sheet.set_paper(9)  # A4
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # as wide as one page, as many pages down as it takes
    sheet.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.6)
    sheet.repeat_rows(header_row)
    sheet.freeze_panes(header_row + 1, 0)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)


def _title_block(sheet: Any, styles: _Styles, words: dict[str, str]) -> None:
    last = len(_WIDTHS) - 1
    sheet.merge_range(0, 0, 0, last, words["organisation"], styles.get(bold=True, size=12, align="left"))
    sheet.merge_range(1, 0, 1, last, words["title"], styles.get(bold=True, size=14, align="center"))
    sheet.merge_range(2, 0, 2, last, words["period_line"], styles.get(size=12, align="center"))


def _write_row(sheet: Any, styles: _Styles, row: int, item: BieuRow, lang: str) -> None:
    if item.section:
        sheet.write_string(row, 0, item.stt, styles.get(bold=True, align="center"))
        sheet.write_string(row, 1, item.name, styles.get(bold=True))
        for column in range(2, len(_WIDTHS)):
            sheet.write_blank(row, column, None, styles.get())
        return
    sheet.write_string(row, 0, item.stt, styles.get(align="center"))
    sheet.write_string(row, 1, item.name, styles.get(indent=item.depth, wrap=True))
    sheet.write_string(row, 2, item.unit, styles.get(align="center"))
    mark = " *" if item.illustrative and not item.plan_marked else ""  # an amended value is starred within
    _write_value(sheet, styles, row, 3, item.plan, lang, mark=mark)
    _write_value(sheet, styles, row, 4, item.actual, lang)
    if isinstance(item.percent, str):  # a range figure's 98,4–100,0%: text, as its figure is
        sheet.write_string(row, 5, item.percent, styles.get(align="right"))
    else:
        _write_share(sheet, styles, row, 5, item.percent, lang, signed=False)
    if item.change is not None and not item.change_is_share:
        sheet.write_number(row, 6, float(item.change.value), styles.get(num=points_format(item.change, lang)))
    else:
        _write_share(sheet, styles, row, 6, item.change, lang, signed=True)
    sheet.write_string(row, 7, item.verdict, styles.get(align="center"))


def _write_value(sheet: Any, styles: _Styles, row: int, column: int, value: Number | str, lang: str,
                 mark: str = "") -> None:  # fmt: skip
    if isinstance(value, Number):
        shown = Number(value.value, value.places, value.bound, (value.suffix + mark).strip())
        sheet.write_number(row, column, float(value.value), styles.get(num=number_format(shown, lang), align="right"))
    elif value:
        sheet.write_string(row, column, value + mark, styles.get(align="right"))
    else:
        sheet.write_blank(row, column, None, styles.get())


def _write_share(sheet: Any, styles: _Styles, row: int, column: int, value: Number | None, lang: str,
                 signed: bool) -> None:  # fmt: skip
    if value is None:
        sheet.write_blank(row, column, None, styles.get())
    else:
        sheet.write_number(row, column, float(value.value), styles.get(num=share_format(lang, signed), align="right"))


def _data_sheet(book: Any, styles: _Styles, records: Records, name: str) -> None:
    """Every machine field, as csv has them, typed (numbers, dates, true/false): for
    programs, filters and pivot tables."""
    sheet = book.add_worksheet(name)
    _page_setup(sheet, header_row=0, widths=())
    # The program's font, not the Biểu's: this sheet is for filters and pivot tables.
    sheet.write_row(0, 0, list(records.fields), book.add_format({"bold": True}))
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    for row, item in enumerate(records.items, start=1):
        for column, field in enumerate(records.fields):
            _write_raw(sheet, row, column, item.get(field), day)
    if records.items:
        sheet.autofilter(0, 0, len(records.items), len(records.fields) - 1)
    for column, field in enumerate(records.fields):
        sheet.set_column(column, column, max(10, min(40, len(field) + 2)))


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _write_raw(sheet: Any, row: int, column: int, value: Any, day: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float | Decimal):
        sheet.write_number(row, column, float(value))
    elif isinstance(value, str) and _ISO_DAY.fullmatch(value):
        sheet.write_datetime(row, column, datetime.strptime(value, "%Y-%m-%d"), day)
    elif isinstance(value, list | tuple):
        sheet.write_string(row, column, " ".join(str(v) for v in value))
    else:
        sheet.write_string(row, column, str(value))
