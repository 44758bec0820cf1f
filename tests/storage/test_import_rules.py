"""The rules file for a sheet tracker cannot guess (tracker.storage.import_rules): read,
checked with FILE:LINE errors, and applied by read_figures to real files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from sheet_writers import windows_1258, xlsx

from tracker.core.sheet_layout import SheetRules
from tracker.errors import DataError
from tracker.storage.import_rules import parse_rules, read_rules
from tracker.storage.sheet_import import read_figures

EVERYTHING = """\
# how the planning office's monthly sheet is read
sheet = "Tháng 6"
header_row = 4
skip_rows = [5, 48]
decimal = "comma"
date_format = "%d.%m.%Y"
year = 2025
encoding = "windows-1258"
separator = "tab"
ignore = ["Lũy kế", "H"]

[columns]
target = "Mã số"
"value" = "F"

[periods]
G = "Tháng 6"
"Ước cả năm" = "Cả năm"
"""


def _said(text: str) -> list[str]:
    with pytest.raises(DataError) as refused:
        parse_rules("r.toml", text.encode())
    return refused.value.render("en")


def test_every_key_is_read() -> None:
    rules = parse_rules("r.toml", EVERYTHING.encode())
    assert rules == SheetRules(
        sheet="Tháng 6", header_row=4, skip_rows=frozenset({5, 48}), decimal="comma", date_format="%d.%m.%Y",
        year=2025, encoding="cp1258", separator="\t", ignore=("Lũy kế", "H"),
        columns={"target": "Mã số", "value": "F"}, periods={"G": "Tháng 6", "Ước cả năm": "Cả năm"},
        where=rules.where,
    )  # fmt: skip
    assert {k: rules.where[k] for k in ("sheet", "ignore", "columns", "columns.value", "periods.Ước cả năm")} == {
        "sheet": "r.toml:2", "ignore": "r.toml:10", "columns": "r.toml:12", "columns.value": "r.toml:14",
        "periods.Ước cả năm": "r.toml:18",
    }  # fmt: skip


def test_a_sheet_by_number_and_an_empty_file() -> None:
    assert parse_rules("r.toml", b"sheet = 2\n").sheet == "2"
    assert parse_rules("r.toml", b"") == SheetRules()


def test_every_problem_is_listed_with_its_line() -> None:
    text = """\
shet = "Tháng 6"
header_row = -1
skip_rows = "5"
decimal = "dot"
date_format = "dd/mm/yyyy"
year = 25
encoding = "latin-9"
separator = "|"
ignore = "Lũy kế"

[columns]
value = "F"
targt = "Mã số"
note = 3

[periods]
G = "Tháng 13"
"""
    assert _said(text) == [
        "r.toml:1: unknown key 'shet' in the file; did you mean 'sheet'?",
        "r.toml:2: header_row is a row's number, from 0",
        "r.toml:3: skip_rows is a list of row numbers, such as [5, 48]",
        "r.toml:4: decimal is one of comma, point, not 'dot'",
        'r.toml:5: date_format is written like "%d/%m/%Y" (day, month, year)',
        "r.toml:6: year is a year such as 2025",
        "r.toml:7: encoding is utf-8, utf-16, cp1258 (Windows Vietnamese) or cp1252",
        'r.toml:8: separator is ",", ";" or "tab"',
        "r.toml:9: ignore is a list of columns: header texts or letters",
        "r.toml:13: unknown key 'targt' in [columns]; did you mean 'target'?",
        "r.toml:14: 'note' in [columns] must be text in quotes",
        "r.toml:17: 'G': not a period column: 'Tháng 13' (write T1, Quý II, 6 tháng, Cả năm or 2025-06)",
    ]


def test_tables_that_are_not_tables_and_a_syntax_error() -> None:
    assert _said('columns = "A"\nperiods = 3\n') == [
        "r.toml:1: 'columns' must be a table: [columns]",
        "r.toml:2: 'periods' must be a table: [periods]",
    ]
    assert _said('sheet = "a"\ndecimal = comma\n') == ["r.toml:2: TOML syntax error: Invalid value"]
    assert _said("sheet = 1\n".replace("1", "0")) == ["r.toml:1: sheet is a sheet's name, or its number from 1"]


def test_a_rules_file_is_read_within_bounds(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    path.write_bytes(b'decimal = "point"\n')
    assert read_rules(str(path)).decimal == "point"
    with pytest.raises(DataError) as refused:
        read_rules(str(tmp_path / "missing.toml"))
    assert str(refused.value) == f"{tmp_path / 'missing.toml'}: cannot read: No such file or directory"
    path.write_bytes(b'sheet = "\xff"\n')
    with pytest.raises(DataError) as refused:
        read_rules(str(path))
    assert str(refused.value) == f"{path}:1: not UTF-8 text (save the file as UTF-8)"


def test_rules_applied_to_a_workbook_with_a_form_header() -> None:
    """A form whose column names tracker does not know, a units row, a total row, and a
    month column the rules name; the options on the command line win over the rules."""
    book = xlsx(
        {
            "Ẩn": [["x"]],
            "Biểu 02": [
                ["Biểu số 02/KH"],
                [],
                [],
                ["Số TT", "Mã số", "Tên chỉ tiêu", "Đơn vị", "KH năm", "Tháng 6", "Ghi nhận"],
                ["1", "2", "3", "4", "5", "6", "7"],
                [1, "grdp", "Tăng trưởng", "%", 8, "7,9", "30.06.2025"],
                [None, "Tổng", None, None, None, "99", None],
                [2, "thu", "Thu ngân sách", "tỷ", 3000, "1.650,5", "30.06.2025"],
            ],
        }
    )
    text = """\
sheet = "Biểu 02"
header_row = 4
skip_rows = [5, 7]
decimal = "comma"
ignore = ["Tên chỉ tiêu"]

[columns]
target = "mã  số"
value = "Tháng 6"
as_of = "G"
"""
    rules = parse_rules("bieu.toml", text.encode())
    rows = read_figures("bieu.xlsx", book, rules=rules)
    assert [(p.row, f) for p, f in rows.rows] == [
        (6, {"target": "grdp", "value": Decimal("7.9"), "as_of": "30.06.2025"}),
        (8, {"target": "thu", "value": Decimal("1650.5"), "as_of": "30.06.2025"}),
    ]
    assert rows.ignored == ("Số TT", "Tên chỉ tiêu", "Đơn vị", "KH năm")
    dated = parse_rules("bieu.toml", ('date_format = "%d.%m.%Y"\n' + text).encode())
    assert read_figures("bieu.xlsx", book, rules=dated).rows[0][1]["as_of"] == date(2025, 6, 30)
    with pytest.raises(DataError) as refused:  # --decimal point on the command line wins
        read_figures("bieu.xlsx", book, rules=rules, decimal="point")
    assert str(refused.value).startswith("bieu.xlsx: sheet 'Biểu 02', row 6, column F: '7,9' does not fit")


def test_rules_name_a_csvs_encoding_and_separator() -> None:
    data = windows_1258("Mã|Giá trị|Ghi chú\r\ngrdp|3,93|ước, sơ bộ\r\n".replace("|", "\t"))
    with pytest.raises(DataError, match="not UTF-8 text"):
        read_figures("cu.csv", data)
    rules = parse_rules("r.toml", b'encoding = "cp1258"\nseparator = "tab"\ndecimal = "comma"\n')
    rows = read_figures("cu.csv", data, rules=rules)
    assert [f for _, f in rows.rows] == [{"target": "grdp", "value": Decimal("3.93"), "note": "ước, sơ bộ"}]


def test_a_rules_file_line_points_at_a_missing_column() -> None:
    rules = parse_rules("r.toml", b'header_row = 1\n\n[columns]\ntarget = "M\xc3\xa3 s\xe1\xbb\x91"\n')
    with pytest.raises(DataError) as refused:
        read_figures("f.csv", "Mã;Giá trị\ngrdp;1\n".encode(), rules=rules)
    assert str(refused.value) == "r.toml:4: no column 'Mã số' in the header ('Mã', 'Giá trị')"
