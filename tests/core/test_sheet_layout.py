"""From a sheet's cells to figures (tracker.core.sheet_layout and the modules it uses):
plain cells in, no files; every figure checked with its place."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest

from tracker.core.model import Plan, PlanValue, Shape, Target
from tracker.core.periods import parse_period
from tracker.core.sheet_cells import STATUS_WORDS, VERDICT_WORDS, TargetNames, read_number
from tracker.core.sheet_columns import FIELD_NAMES, column_index, column_letter, field_of, fold, period_column
from tracker.core.sheet_layout import Cell, PlanTarget, Sheet, SheetError, SheetRows, SheetRules, lay_out, plan_targets

D = Decimal
TARGETS = [
    PlanTarget("grdp", ("Tốc độ tăng trưởng GRDP", "GRDP growth"), frozenset({"2025"})),
    PlanTarget("thu", ("Thu ngân sách nhà nước",), frozenset({"2025"})),
    PlanTarget("xk", ("Kim ngạch xuất khẩu",), frozenset({"2025-Q1", "2025-Q2", "2025"})),
    PlanTarget("cpi", ("Chỉ số giá tiêu dùng",), frozenset({"2025-06", "2025-07"})),
    PlanTarget("dup_a", ("Tỷ lệ hộ nghèo",), frozenset({"2025"})),
    PlanTarget("dup_b", ("Tỷ lệ  HỘ nghèo",), frozenset({"2025"})),
]
MONTHS = [f"T{m}" for m in range(1, 13)]


Rows = Sequence[Sequence[Any]]  # cells, with numbers written as int or float for short


def _cell(value: Any) -> Cell:
    """A number as a workbook's number cell comes out of tracker.storage.sheet_files."""
    is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
    return Decimal(str(value)) if is_number else value


def read(rows: Rows, name: str = "Sheet1", **options: Any) -> SheetRows:
    options.setdefault("targets", lambda: TARGETS)
    return lay_out(Sheet(name, [[_cell(c) for c in row] for row in rows]), "f.xlsx", **options)


def figures(rows: Rows, name: str = "Sheet1", **options: Any) -> list[dict[str, Any]]:
    return [fields for _, fields in read(rows, name, **options).rows]


def refusal(rows: Rows, name: str = "Sheet1", **options: Any) -> str:
    with pytest.raises(SheetError) as refused:
        read(rows, name, **options)
    return str(refused.value)


# ----- column names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Mã chỉ tiêu", "target"), ("MÃ CHỈ TIÊU", "target"), ("Ma chi tieu", "target"), ("  Mã   chỉ tiêu ", "target"),
        (unicodedata.normalize("NFD", "Mã chỉ tiêu"), "target"), ("Mã", "target"), ("id", "target"),
        ("target", "target"), ("Chỉ tiêu", "name"), ("Tên chỉ tiêu", "name"), ("name", "name"), ("Kỳ", "period"),
        ("period", "period"), ("Ngày", "as_of"), ("Ngày số liệu", "as_of"), ("as_of", "as_of"), ("Giá trị", "value"),
        ("Số liệu", "value"), ("Thực hiện", "value"), ("value", "value"), ("Giá trị (tỷ đồng)", "value"),
        ("Số liệu:", "value"), ("Tình trạng", "status"), ("status", "status"), ("Nguồn", "source"),
        ("source", "source"), ("Ghi chú", "note"), ("note", "note"), ("Đánh giá", "verdict"), ("verdict", "verdict"),
        ("STT", None), ("ĐVT", None), ("Kế hoạch", None), ("Kế hoạch năm 2025", None), ("Chỉ tiêu kinh tế", None),
    ],
)  # fmt: skip
def test_column_names_as_offices_write_them(header: str, field: str | None) -> None:
    assert field_of(header) == field


def test_no_two_column_names_are_one_without_accents() -> None:
    names = [name for names in FIELD_NAMES.values() for name in names]
    assert len(names) == len(set(names)) and all(fold(n) == n for n in names)
    for words in (STATUS_WORDS, VERDICT_WORDS):
        assert all(fold(w) == w for w in words)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("T1", (1, None, True, None, None)), ("t 12", (12, None, True, None, None)),
        ("Tháng 6", (6, None, True, None, None)), ("THÁNG 06/2025", (6, 2025, True, None, None)),
        ("Tháng 6 năm 2025", (6, 2025, True, None, None)), ("1/2025", (1, 2025, True, None, None)),
        ("2025-06", (6, 2025, True, None, None)), ("Thực hiện tháng 6", (6, None, True, None, None)),
        (datetime(2025, 3, 1), (3, 2025, True, None, None)), ("Jan", (1, None, True, None, None)),
        ("Quý I", (3, None, False, 1, None)), ("Quý IV/2025", (12, 2025, False, 4, None)),
        ("Q2", (6, None, False, 2, None)), ("quý 3 năm 2025", (9, 2025, False, 3, None)),
        ("2025-Q3", (9, 2025, False, 3, None)), ("6 tháng", (6, None, False, None, None)),
        ("6 tháng đầu năm 2025", (6, 2025, False, None, None)), ("Lũy kế 9 tháng", (9, None, False, None, None)),
        ("Năm", (12, None, False, None, None)), ("Cả năm", (12, None, False, None, None)),
        ("Năm 2025", (12, 2025, False, None, None)), ("2025", (12, 2025, False, None, None)),
        ("Ước cả năm", (12, None, False, None, "estimate")), ("Ước thực hiện năm 2025", (12, 2025, False, None, "estimate")),
        ("Sơ bộ 6 tháng", (6, None, False, None, "preliminary")),
    ],
)  # fmt: skip
def test_period_columns(header: object, expected: tuple[object, ...]) -> None:
    column = period_column(header)
    assert column is not None
    assert (column.months, column.year, column.own_month, column.quarter, column.status) == expected


@pytest.mark.parametrize(
    "header", ["Kế hoạch cả năm", "KH 2025", "Tháng 13", "Q5", "janitor", "So sánh (%)", "STT", "2021-2025", "T"]
)
def test_not_period_columns(header: str) -> None:
    assert period_column(header) is None


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
    assert [column_index(t) for t in ("A", "aa", "ZZ", "AAA", "Mã", "", "A1")] == [0, 26, 701, 702, None, None, None]


# ----- numbers, words and names -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "decimal", "number"),
    [
        ("4.100", "comma", "4100"), ("3,93", "comma", "3.93"), ("1.234.567,89", "comma", "1234567.89"),
        ("2,365", "comma", "2.365"), ("-2,77", "comma", "-2.77"), ("4 100 000", "comma", "4100000"),
        ("4.100", "point", "4.100"), ("2,365", "point", "2365"), ("1,234.5", "point", "1234.5"),
        ("3.93", None, "3.93"), ("3,93", None, "3.93"), ("1.234,5", None, "1234.5"), ("\u22122,5", "comma", "-2.5"),
    ],
)  # fmt: skip
def test_numbers_in_text_follow_the_decimal_mark(text: str, decimal: str | None, number: str) -> None:
    assert read_number(text, decimal) == Decimal(number)


def test_a_number_against_the_files_mark_is_refused_both_ways() -> None:
    with pytest.raises(ValueError, match=r"'4.1' does not fit the file's decimal comma \(it is read as 4,1\)"):
        read_number("4.1", "comma")
    with pytest.raises(ValueError, match="read the file with --decimal comma"):
        read_number("3,93", "point")
    with pytest.raises(ValueError, match=r"ambiguous number '4\.100'"):
        read_number("4.100", None)


def test_target_names_forgive_form_case_spacing_and_list_numbering() -> None:
    names = TargetNames((t.id, n) for t in TARGETS for n in t.names)
    for written in ("Thu ngân sách nhà nước", "THU NGÂN  SÁCH nhà nước", unicodedata.normalize("NFD", "thu ngân sách nhà nước"),
                    "1. Thu ngân sách nhà nước", "a) Thu ngân sách nhà nước", "- Thu ngân sách nhà nước"):  # fmt: skip
        assert names.find(written) == "thu"
    assert names.find("GRDP growth") == "grdp"  # the English name too
    with pytest.raises(ValueError, match=r"'Thu ngan sach' .*closest: 'Thu ngân sách nhà nước' \(thu\)"):
        names.find("Thu ngan sach")
    with pytest.raises(ValueError, match=r"'tỷ lệ hộ nghèo' names several targets \(dup_a, dup_b\)"):
        names.find("tỷ lệ hộ nghèo")


def test_plan_targets_from_a_plan() -> None:
    plan = Plan("P", "", "vi", "2025", (Target("grdp", "Tăng trưởng", "g", "%", plans={
        "2025": PlanValue(Shape.AT_LEAST, value=D(8))}, periods={"2025": parse_period("2025")}, name_en="Growth"),))  # fmt: skip
    assert plan_targets(plan) == [PlanTarget("grdp", ("Tăng trưởng", "Growth"), frozenset({"2025"}))]


# ----- long sheets ------------------------------------------------------------------------

OFFICE_SHEET: list[list[Any]] = [
    ["UBND TỈNH", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    [None],
    ["BÁO CÁO KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2025"],
    ["STT", "Mã chỉ tiêu", "Chỉ tiêu", "ĐVT", "Giá trị", "Ngày số liệu", "Tình trạng", "Nguồn", "Ghi chú", "Đánh giá"],
    ["A", "B", "C", "D", "1", "2", "3", "4", "5", "6"],
    ["I", None, "Kinh tế"],
    [D(1), "grdp", None, "%", D("7.9"), date(2025, 6, 30), "ước", "Cục Thống kê", " sơ bộ quý II ", "Đạt"],
    [D(2), None, "1. Thu ngân sách nhà nước", "tỷ đồng", "4.100,5", "30/06/2025", "Sơ bộ", None, None, "Vượt"],
    [D(3), "xk", None, None, "—", None],
    [None, None, "Người lập biểu", None, None, None, None, None],
    [],
    [None, None, None],
]


def test_an_office_sheet_with_title_numbering_headings_and_blanks() -> None:
    rows = read(OFFICE_SHEET, decimal="comma")
    assert (rows.layout, rows.header_row, rows.ignored) == ("long", 4, ("STT", "ĐVT"))
    assert [(p.row, f) for p, f in rows.rows] == [
        (7, {"target": "grdp", "value": D("7.9"), "as_of": date(2025, 6, 30), "status": "estimate",
             "source": "Cục Thống kê", "note": "sơ bộ quý II", "verdict": "met"}),
        (8, {"target": "thu", "value": D("4100.5"), "as_of": "30/06/2025", "status": "preliminary",
             "verdict": "exceeded"}),
    ]  # fmt: skip
    first, second = rows.rows[0][0], rows.rows[1][0]
    assert str(rows.where(first, "value")) == "f.xlsx: sheet 'Sheet1', row 7, column E"
    assert str(rows.where(first, "target")) == "f.xlsx: sheet 'Sheet1', row 7, column B"
    assert str(rows.where(second, "target")) == "f.xlsx: sheet 'Sheet1', row 8, column C"  # found by its name
    assert rows.where(second, "status").render("vi") == "f.xlsx: trang 'Sheet1', hàng 8, cột G"
    assert str(rows.where(second)) == "f.xlsx: sheet 'Sheet1', row 8"


def test_a_bad_cell_is_refused_with_its_row_and_column() -> None:
    sheet: list[list[Any]] = [["Mã", "Giá trị"], ["grdp", "7,9"], ["thu", "4.1"]]
    assert refusal(sheet, decimal="comma").startswith(
        "f.xlsx: sheet 'Sheet1', row 3, column B: '4.1' does not fit the file's decimal comma"
    )
    assert refusal([["Chỉ tiêu", "Giá trị"], ["Thu ngân sách", 5]]) == (
        "f.xlsx: sheet 'Sheet1', row 2, column A: no target named 'Thu ngân sách' in the plan; "
        "closest: 'Thu ngân sách nhà nước' (thu)"
    )
    assert refusal([["Chỉ tiêu", "Giá trị"], ["Tổng cộng", 5]]) == (
        "f.xlsx: sheet 'Sheet1', row 2, column A: no target named 'Tổng cộng' in the plan"
    )
    assert refusal([["Mã", "Giá trị"], [None, 5]]) == (
        "f.xlsx: sheet 'Sheet1', row 2, column B: a value with no target in its row"
    )
    assert refusal([["Chỉ tiêu", "Giá trị"], ["Thu ngân sách nhà nước", 5]], targets=None) == (
        "f.xlsx: sheet 'Sheet1', row 2, column A: a target named, not given by its id, needs the plan"
    )


def test_an_id_in_the_name_column_and_an_empty_sheet() -> None:
    assert figures([["Chỉ tiêu", "Giá trị"], ["thu", 5]]) == [{"target": "thu", "value": D(5)}]
    assert refusal([[], [None, " "]]) == "f.xlsx: empty file: expected a header row with target, value, ..."


def test_text_that_is_not_a_number_is_left_for_the_import_to_judge() -> None:
    """ "đạt" for a milestone is read by the import (it knows the target); so is "n/a"."""
    assert figures([["Mã", "Giá trị"], ["ms", "Đạt"], ["x", "n/a"], ["y", True]]) == [
        {"target": "ms", "value": "Đạt"}, {"target": "x", "value": "n/a"}, {"target": "y", "value": True}]  # fmt: skip


def test_periods_in_office_words_and_a_year_given() -> None:
    sheet: list[list[Any]] = [
        ["Mã", "Kỳ", "Giá trị"], ["xk", "Quý II/2025", 1], ["cpi", "Tháng 6/2025", 2], ["grdp", D(2025), 3],
        ["grdp", "Năm 2025", 4], ["grdp", "2021-2025", 5], ["cpi", date(2025, 7, 1), 6], ["grdp", None, 7],
    ]  # fmt: skip
    assert [f.get("period") for f in figures(sheet)] == [
        "2025-Q2", "2025-06", "2025", "2025", "2021-2025", "2025-07", None]  # fmt: skip
    assert figures([["Mã", "Giá trị"], ["grdp", 1]], year=2025) == [{"target": "grdp", "value": D(1), "period": "2025"}]


def test_a_year_column_beside_a_value_column_is_each_rows_period() -> None:
    assert figures([["Mã", "Năm", "Giá trị"], ["grdp", 2024, 7], ["grdp", "2025", 8]]) == [
        {"target": "grdp", "value": D(7), "period": "2024"}, {"target": "grdp", "value": D(8), "period": "2025"}]  # fmt: skip


def test_a_date_format_from_the_rules() -> None:
    rules = SheetRules(date_format="%d.%m.%Y")
    assert figures([["Mã", "Ngày", "Giá trị"], ["grdp", "30.06.2025", 1]], rules=rules)[0]["as_of"] == date(2025, 6, 30)
    said = refusal([["Mã", "Ngày", "Giá trị"], ["grdp", "2025-06-30", 1]], rules=rules)
    assert (
        said == "f.xlsx: sheet 'Sheet1', row 2, column B: not a date in the rules' date_format '%d.%m.%Y': '2025-06-30'"
    )


def test_tracker_entry_ids_beside_a_target_column() -> None:
    assert figures([["STT", "id", "target", "value"], [1, "e1", "grdp", 5]]) == [
        {"target": "grdp", "value": D(5), "id": "e1"}
    ]


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ([["Báo cáo"], ["a", "b"]], "f.xlsx: found no header row in the first 2 rows: expected columns such as "
                                    "Mã chỉ tiêu or Chỉ tiêu, and Giá trị or T1 … T12 (a rules file, --rules, can say where it is)"),
        ([["Mã", "Mã chỉ tiêu", "Giá trị"]], "f.xlsx: sheet 'Sheet1', row 1: columns A and B both hold target"),
        ([["Mã", "Giá trị", "T1"]], "f.xlsx: sheet 'Sheet1', row 1: column B holds values and other columns are periods "
                                    "(such as C); say which to read in a rules file"),
    ],
)  # fmt: skip
def test_headers_that_cannot_be_read(rows: list[list[Any]], said: str) -> None:
    assert refusal(rows) == said


# ----- tracker's own layout ---------------------------------------------------------------


def test_tracker_fields_are_read_as_tracker_wrote_them() -> None:
    sheet: list[list[Any]] = [
        ["kind", "id", "target", "period", "value", "as_of", "note"],
        ["entry", "e1", "grdp", "2025", "2.365", "2025-06-30", "-"],
        ["entry", "e2", "thu", "2025", "4,100", date(2025, 6, 30), " "],
        ["retraction", "e3", None, None, None, None, None],
    ]
    for decimal in ("comma", "point", None):
        rows = read(sheet, decimal=decimal)
        assert rows.layout == "tracker"
        assert [f for _, f in rows.rows] == [
            {"kind": "entry", "id": "e1", "target": "grdp", "period": "2025", "value": D("2.365"), "as_of": "2025-06-30",
             "note": "-"},
            {"kind": "entry", "id": "e2", "target": "thu", "period": "2025", "value": "4,100", "as_of": date(2025, 6, 30),
             "note": " "},
            {"kind": "retraction", "id": "e3"},
        ]  # fmt: skip
    said = refusal([["target", "value"], ["grdp", "1", "extra"]])
    assert said == "f.xlsx: sheet 'Sheet1', row 2: more cells than header columns"


# ----- wide sheets ------------------------------------------------------------------------


def _got(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(f["target"], f["period"], f["as_of"], f["value"], f.get("status")) for f in rows]


def test_a_wide_sheet_takes_its_year_from_the_sheet_name() -> None:
    sheet: list[list[Any]] = [["Mã", *MONTHS], ["thu", D(100), D(210), None, None]]
    assert _got(figures(sheet, "Năm 2025")) == [
        ("thu", "2025", date(2025, 1, 31), D(100), None), ("thu", "2025", date(2025, 2, 28), D(210), None)]  # fmt: skip


def test_the_year_from_the_option_the_header_or_the_title() -> None:
    sheet: list[list[Any]] = [["Mã", "T1"], ["thu", 5]]
    assert figures(sheet, "2024", year=2025)[0]["period"] == "2025"  # the option before the sheet's name
    assert figures([["Báo cáo năm 2026"], *sheet])[0]["as_of"] == date(2026, 1, 31)
    assert figures([["Mã", "T1", "KH 2027"], ["thu", 5]])[0]["period"] == "2027"
    assert refusal(sheet) == (
        "f.xlsx: which year are columns B? Neither the header nor the sheet's name says; give it with --year"
    )
    assert refusal([["Giai đoạn 2021-2025"], *sheet], "Sheet1").startswith("f.xlsx: which year")  # two years: no guess
    assert refusal([["Mã", "T1", "Ghi chú"], ["thu", 5, "như năm 2024"]]).startswith(
        "f.xlsx: which year"
    )  # not from data


def test_columns_that_name_their_own_year() -> None:
    sheet: list[list[Any]] = [
        ["Chỉ tiêu", "Năm 2024", "Năm 2025", "Ước cả năm 2025"],
        ["Tốc độ tăng trưởng GRDP", D("7.1"), None, D(8)],
    ]
    assert _got(figures(sheet, year=2030)) == [
        ("grdp", "2024", date(2024, 12, 31), D("7.1"), None), ("grdp", "2025", date(2025, 12, 31), 8, "estimate")]  # fmt: skip


def test_targets_planned_by_month_or_quarter_take_those_periods() -> None:
    sheet: list[list[Any]] = [["Mã", "T6", "T7", "Quý I", "Quý II", "Cả năm"], ["cpi", 1, 2, None, None, None],
                               ["xk", 5, None, 10, 20, 40], ["unknown", 1]]  # fmt: skip
    assert _got(figures(sheet, year=2025)) == [
        ("cpi", "2025-06", date(2025, 6, 30), 1, None), ("cpi", "2025-07", date(2025, 7, 31), 2, None),
        ("xk", "2025-Q1", date(2025, 3, 31), 10, None), ("xk", "2025", date(2025, 6, 30), 5, None),
        ("xk", "2025-Q2", date(2025, 6, 30), 20, None), ("xk", "2025", date(2025, 12, 31), 40, None),
        ("unknown", "2025", date(2025, 6, 30), 1, None),
    ]  # fmt: skip


def test_per_month_records_running_totals() -> None:
    sheet: list[list[Any]] = [
        ["Mã", *MONTHS[:4], "6 tháng"],
        ["thu", 100, 110, D("0"), 90],
        ["grdp", 1, None, None, None],
    ]
    assert _got(figures(sheet, year=2025, per_month=True)) == [
        ("thu", "2025", date(2025, 1, 31), 100, None), ("thu", "2025", date(2025, 2, 28), 210, None),
        ("thu", "2025", date(2025, 3, 31), 210, None), ("thu", "2025", date(2025, 4, 30), 300, None),
        ("grdp", "2025", date(2025, 1, 31), 1, None),
    ]  # fmt: skip


def test_per_month_refuses_a_gap_and_a_late_start() -> None:
    gap: list[list[Any]] = [["Mã", *MONTHS[:3]], ["thu", 100, None, 90]]
    assert refusal(gap, year=2025, per_month=True) == (
        "f.xlsx: sheet 'Sheet1', row 2, column C: --per-month adds up the months: this month is empty and a later "
        "one is filled (write 0 for a month with nothing)"
    )
    assert figures(gap, year=2025)[1]["value"] == 90  # without --per-month, each cell is the year so far
    late: list[list[Any]] = [["Mã", "T4", "T5"], ["thu", 1, 2]]
    assert refusal(late, year=2025, per_month=True) == (
        "f.xlsx: sheet 'Sheet1', row 1: --per-month adds up the months from the first, and the header has months T4, T5"
    )


def test_two_cells_for_one_figure_must_agree() -> None:
    sheet: list[list[Any]] = [["Mã", "Thực hiện tháng 6", "Lũy kế 6 tháng"], ["thu", 50, 50], ["grdp", 7, 7.5]]
    with pytest.raises(SheetError) as refused:
        read(sheet, year=2025)
    assert str(refused.value) == (
        "f.xlsx: sheet 'Sheet1', row 3: columns B and C both give the figure for 2025 as of 2025-06-30, and differ "
        "(7 and 7.5); a rules file can ignore one"
    )
    assert len(figures(sheet[:2], year=2025)) == 1


def test_a_header_on_two_rows_under_a_merged_title() -> None:
    sheet: list[list[Any]] = [
        ["STT", "Chỉ tiêu", "Thực hiện", None, None, "Ghi chú"],
        [None, None, "Quý I", "Quý II", "Cả năm", None],
        [D(1), "Kim ngạch xuất khẩu", 10, 20, None, "ước"],
    ]
    rows = read(sheet, year=2025)
    assert rows.header_row == 1
    assert [(p.row, p.columns["value"], f["period"], f["value"], f["note"]) for p, f in rows.rows] == [
        (3, "C", "2025-Q1", 10, "ước"), (3, "D", "2025-Q2", 20, "ước")]  # fmt: skip


def test_a_verdict_goes_with_the_years_figure_only_and_status_words_are_read() -> None:
    sheet: list[list[Any]] = [
        ["Mã", "6 tháng", "Cả năm", "Đánh giá", "Tình trạng"],
        ["grdp", 7, 8, "không đạt", "Sơ bộ"],
    ]
    assert figures(sheet, year=2025) == [
        {"target": "grdp", "period": "2025", "as_of": date(2025, 6, 30), "value": 7, "status": "preliminary"},
        {"target": "grdp", "period": "2025", "as_of": date(2025, 12, 31), "value": 8, "status": "preliminary",
         "verdict": "not_met"},
    ]  # fmt: skip


# ----- rules ------------------------------------------------------------------------------


def test_rules_say_what_cannot_be_guessed() -> None:
    sheet: list[list[Any]] = [
        ["Biểu 01"], ["Mã số", "Tên", "Số TH", "Số ƯTH", "Cột lạ"], ["(1)", "(2)", "(3)", "(4)", "(5)"],
        ["grdp", "x", "7,1", "7,5", "z"], ["Tổng", None, "99", None, None], ["thu", "y", "4.100", None, None],
    ]  # fmt: skip
    rules = SheetRules(header_row=2, columns={"target": "mã số", "value": "C"}, periods={"D": "Ước cả năm 2025"},
                       skip_rows=frozenset({5}), decimal="comma", ignore=("Cột lạ",))  # fmt: skip
    with pytest.raises(SheetError, match="column C holds values and other columns are periods"):
        read(sheet, rules=rules)
    rules = SheetRules(header_row=2, columns={"target": "mã số"}, periods={"C": "2025-06", "D": "Ước cả năm 2025"},
                       skip_rows=frozenset({5}), decimal="comma", ignore=("Cột lạ",))  # fmt: skip
    rows = read(sheet, rules=rules)
    assert rows.ignored == ("Cột lạ",)  # "Tên" is the target's name: read, and the id used
    assert _got([f for _, f in rows.rows]) == [
        ("grdp", "2025", date(2025, 6, 30), D("7.1"), None), ("grdp", "2025", date(2025, 12, 31), D("7.5"), "estimate"),
        ("thu", "2025", date(2025, 6, 30), D(4100), None),
    ]  # fmt: skip


def test_rules_for_a_sheet_with_no_header() -> None:
    rules = SheetRules(header_row=0, columns={"target": "A", "value": "C"}, year=2025, where={})
    rows = read([["grdp", "ghi chú", 7], ["thu", None, 9]], rules=rules)
    assert (rows.header_row, rows.ignored) == (0, ())
    assert [(p.row, f) for p, f in rows.rows] == [
        (1, {"target": "grdp", "value": D(7), "period": "2025"}), (2, {"target": "thu", "value": D(9), "period": "2025"})]  # fmt: skip


def test_a_rules_column_not_in_the_header() -> None:
    rules = SheetRules(header_row=1, columns={"target": "Mã số"}, where={"columns.target": "r.toml:3"})
    with pytest.raises(SheetError) as refused:
        read([["Mã", "Giá trị"], ["grdp", 1]], rules=rules)
    assert str(refused.value) == "r.toml:3: no column 'Mã số' in the header ('Mã', 'Giá trị')"
