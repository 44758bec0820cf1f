"""Messages about the user's data, in English and Vietnamese.

Code raises errors holding ``Msg`` objects whose English template is also their key in
the word catalogue (``tracker.words``, where every language's text is kept); the CLI
renders them in the reader's language at the last moment. ``str(msg)`` is the English
text, so logs and tests read naturally.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any


class Msg:
    """A message: an English template (also the key) and its parameters."""

    __slots__ = ("params", "template")

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params

    def render(self, lang: str) -> str:
        """The message in ``lang`` (English when there is no translation). A value quoted
        from the user's input is cut to its first QUOTE_LIMIT characters and "…": a
        message never echoes a 10 MB field back."""
        from tracker.words import translated  # only once a message is shown: not on every run's path

        template = translated(lang, self.template)
        quoted = _quoted_fields(template)
        values = {
            k: v.render(lang) if isinstance(v, Msg) else _shown(v, k in quoted, k in _WHOLE)
            for k, v in self.params.items()
        }
        return template.format(**values)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Msg({self.template!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.template, self.params) == (other.template, other.params)

    def __hash__(self) -> int:
        return hash(self.template)


Text = str | Msg

QUOTE_LIMIT = 40  # characters of the user's input a message quotes
WHOLE_LIMIT = 1000  # ... of a path, a reason or a worded part of a message
# Parameters that are file names or worded text rather than a value the user typed.
_WHOLE = {"where", "plan", "log", "side", "name", "reason", "detail", "hint", "context", "message", "shapes",
          "methods", "found", "columns", "have", "limit"}  # fmt: skip
_FIELDS: dict[str, set[str]] = {}


def _quoted_fields(template: str) -> set[str]:
    """The fields of a template written ``{name!r}``."""
    found = _FIELDS.get(template)
    if found is None:
        import string

        found = {name for _, name, _, conversion in string.Formatter().parse(template) if name and conversion == "r"}
        _FIELDS[template] = found
    return found


class _Verbatim(str):
    """Text already shown as ``repr`` would show it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text``, or its first ``limit`` characters and "…"."""
    return text if len(text) <= limit else text[:limit] + "…"


def _shown(value: Any, quoted: bool, whole: bool) -> Any:
    """A parameter as a message shows it, cut to a prefix when it is long."""
    limit = WHOLE_LIMIT if whole else QUOTE_LIMIT
    if quoted:
        if isinstance(value, str):
            return shorten(value, QUOTE_LIMIT)
        shown = repr(value)
        return value if len(shown) <= QUOTE_LIMIT else _Verbatim(shorten(shown, QUOTE_LIMIT))
    if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool):
        shown = str(value)
        return value if len(shown) <= limit else shorten(shown, limit)
    return value


def render(text: Text, lang: str) -> str:
    """A string or message in ``lang``."""
    return text.render(lang) if isinstance(text, Msg) else text


def located(where: str, message: Text) -> Msg:
    """``FILE:LINE: message``, the location kept as written."""
    return Msg("{where}: {message}", where=where, message=message)


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like a mistyped ``word``, if any is close enough."""
    import difflib  # only when something was mistyped: not a cost every run pays

    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(name: str | None) -> Text:
    """ "; did you mean 'x'?" or nothing."""
    return Msg("; did you mean {name!r}?", name=name) if name else ""


# ---------------------------------------------------------------------------------------
# Reading the sheets offices send (issue 13): tracker.core.sheet_*, tracker.storage.sheet_files,
# tracker.storage.import_rules, tracker.storage.sheet_import. One block, added as a whole.
VI.update({
    # places in a sheet
    "sheet {sheet!r}, row {row}, column {column}": "trang {sheet!r}, hàng {row}, cột {column}",
    "sheet {sheet!r}, row {row}": "trang {sheet!r}, hàng {row}",
    "row {row}, column {column}": "hàng {row}, cột {column}",
    # reading the file
    "not UTF-8 text: save it as \"CSV UTF-8\", or name its encoding in a rules file "
    "(encoding = \"cp1258\" for Windows Vietnamese)":
        "không phải văn bản UTF-8: hãy lưu tệp dạng \"CSV UTF-8\", hoặc ghi rõ bảng mã trong tệp quy tắc "
        "(encoding = \"cp1258\" cho bảng mã Windows tiếng Việt)",
    "not {encoding} text": "không phải văn bản {encoding}",
    "a web page or XML, not a sheet (some systems save one with an .xls name): "
    "open it in a spreadsheet and save it as .xlsx":
        "đây là trang web hoặc XML, không phải bảng tính (một số phần mềm lưu dạng này với đuôi .xls): "
        "hãy mở bằng phần mềm bảng tính rồi lưu lại dạng .xlsx",
    "a CSV file has one sheet: leave out --sheet {sheet}": "tệp CSV chỉ có một trang: hãy bỏ --sheet {sheet}",
    "the workbook has no sheets": "tệp bảng tính không có trang nào",
    "no sheet {sheet!r}; the workbook has {found}": "không có trang {sheet!r}; tệp bảng tính có {found}",
    "the workbook is protected by a password; save a copy without one":
        "tệp bảng tính được bảo vệ bằng mật khẩu; hãy lưu một bản không có mật khẩu",
    "cannot read the workbook: {detail}": "không đọc được tệp bảng tính: {detail}",
    "the workbook unpacks to more than {limit}; split it":
        "tệp bảng tính khi giải nén lớn hơn {limit}; hãy chia nhỏ tệp",
    "a zip file that is not a workbook (.xlsx, .ods)": "tệp zip này không phải bảng tính (.xlsx, .ods)",
    # the header
    "found no header row in the first {count} rows: expected columns such as "
    "Mã chỉ tiêu or Chỉ tiêu, and Giá trị or T1 … T12 (a rules file, --rules, can say where it is)":
        "không thấy dòng tiêu đề trong {count} hàng đầu: cần các cột như Mã chỉ tiêu hoặc Chỉ tiêu, "
        "và Giá trị hoặc T1 … T12 (tệp quy tắc, --rules, có thể chỉ ra dòng tiêu đề)",
    "header_row {row}: the sheet has {count} rows": "header_row {row}: trang chỉ có {count} hàng",
    "no column {name!r} in the header ({found})": "không có cột {name!r} trong dòng tiêu đề ({found})",
    "{where}: columns {first} and {second} both hold {field}": "{where}: cột {first} và cột {second} cùng là {field}",
    "the header has no target column (Mã chỉ tiêu or Chỉ tiêu)":
        "dòng tiêu đề thiếu cột chỉ tiêu (Mã chỉ tiêu hoặc Chỉ tiêu)",
    "the header has no value column (Giá trị, Số liệu, Thực hiện, or T1 … T12)":
        "dòng tiêu đề thiếu cột số liệu (Giá trị, Số liệu, Thực hiện, hoặc T1 … T12)",
    "column {value} holds values and other columns are periods (such as {period}); "
    "say which to read in a rules file":
        "cột {value} là số liệu trong khi các cột khác là các kỳ (như cột {period}); "
        "hãy ghi rõ cột cần đọc trong tệp quy tắc",
    # the cells
    "{text!r} does not fit the file's decimal {mark} (it is read as {example}); "
    "write it that way, or read the file with --decimal {other}":
        "{text!r} không khớp với dấu thập phân của tệp ({mark}, đọc như {example}); "
        "hãy viết theo cách đó, hoặc đọc tệp với --decimal {other}",
    "no target named {name!r} in the plan": "kế hoạch không có chỉ tiêu nào tên {name!r}",
    "no target named {name!r} in the plan; closest: {found}":
        "kế hoạch không có chỉ tiêu nào tên {name!r}; gần nhất: {found}",
    "{name!r} names several targets ({found}); write the target's id":
        "{name!r} là tên của nhiều chỉ tiêu ({found}); hãy ghi mã chỉ tiêu",
    "a target named, not given by its id, needs the plan": "chỉ tiêu ghi bằng tên, không bằng mã, cần có kế hoạch",
    "a value with no target in its row": "có số liệu nhưng hàng này không ghi chỉ tiêu",
    "not a date in the rules' date_format {format!r}: {text!r}":
        "không phải ngày theo date_format {format!r} của tệp quy tắc: {text!r}",
    # wide sheets
    "which year are columns {columns}? Neither the header nor the sheet's name says; give it with --year":
        "các cột {columns} thuộc năm nào? Dòng tiêu đề và tên trang đều không ghi; hãy cho biết bằng --year",
    "columns {first} and {second} both give the figure for {period} as of {as_of}, and differ "
    "({one} and {other}); a rules file can ignore one":
        "cột {first} và cột {second} cùng là số liệu kỳ {period} đến ngày {as_of} nhưng khác nhau "
        "({one} và {other}); tệp quy tắc có thể bỏ qua một cột",
    "--per-month adds up the months: {text!r} is not a number":
        "--per-month cộng dồn các tháng: {text!r} không phải số",
    "--per-month adds up the months: this month is empty and a later one is filled "
    "(write 0 for a month with nothing)":
        "--per-month cộng dồn các tháng: tháng này để trống trong khi tháng sau có số liệu "
        "(hãy ghi 0 cho tháng không phát sinh)",
    "{where}: --per-month adds up the months from the first, and the header has months {found}":
        "{where}: --per-month cộng dồn từ tháng đầu năm, nhưng dòng tiêu đề chỉ có các tháng {found}",
    # the rules file
    "larger than {limit}, the limit for a rules file": "lớn hơn {limit}, giới hạn của một tệp quy tắc",
    "sheet is a sheet's name, or its number from 1": "sheet là tên trang, hoặc số thứ tự của trang tính từ 1",
    "{key} is a row's number, from {lowest}": "{key} là số thứ tự của một hàng, từ {lowest}",
    "skip_rows is a list of row numbers, such as [5, 48]": "skip_rows là danh sách số thứ tự hàng, ví dụ [5, 48]",
    "{key} is one of {choices}, not {value!r}": "{key} là một trong {choices}, không phải {value!r}",
    "date_format is written like \"%d/%m/%Y\" (day, month, year)":
        "date_format viết dạng \"%d/%m/%Y\" (ngày, tháng, năm)",
    "year is a year such as 2025": "year là một năm, ví dụ 2025",
    "encoding is utf-8, utf-16, cp1258 (Windows Vietnamese) or cp1252":
        "encoding là utf-8, utf-16, cp1258 (Windows tiếng Việt) hoặc cp1252",
    "separator is \",\", \";\" or \"tab\"": "separator là \",\", \";\" hoặc \"tab\"",
    "{key} is a list of columns: header texts or letters": "{key} là danh sách cột: tên cột hoặc chữ cái của cột",
    "'columns' must be a table: [columns]": "'columns' phải là một bảng: [columns]",
    "'periods' must be a table: [periods]": "'periods' phải là một bảng: [periods]",
    "{ref!r}: not a period column: {label!r} (write T1, Quý II, 6 tháng, Cả năm or 2025-06)":
        "{ref!r}: không phải cột kỳ: {label!r} (hãy viết T1, Quý II, 6 tháng, Cả năm hoặc 2025-06)",
})  # fmt: skip
