"""Reading the files offices send (tracker.storage.sheet_files and sheet_import): real
workbooks written by openpyxl, odfpy and xlwt, CSV as Excel writes it in a Vietnamese
locale, cp1258 bytes; checked cell by cell and figure by figure."""

from __future__ import annotations

import codecs
import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import run
from sheet_writers import WRITERS, Rows, windows_1258, xlsx

from tracker.core.sheet_layout import PlanTarget
from tracker.core.sheet_model import TRACKER_FIELDS
from tracker.errors import DataError
from tracker.storage import sheet_files
from tracker.storage.import_file import FIELDS, read_rows
from tracker.storage.sheet_files import _float_decimal, read_grid, sniff_separator
from tracker.storage.sheet_import import read_figures

TITLE_AND_TABLE: Rows = [
    [None, "BÁO CÁO THỰC HIỆN 6 THÁNG"],
    [],
    ["STT", "Mã chỉ tiêu", "Giá trị", "Ngày số liệu", "Ghi chú", "Đạt"],
    [1, "grdp", Decimal("4.1"), date(2025, 6, 30), "  có khoảng trắng ", True],
    [2, "thu_ngan_sach", 0.1 + 0.2, datetime(2025, 6, 30, 0, 0), None, False],
    [3, "von", 41.85, datetime(2025, 6, 30, 17, 30), 'một, hai; "ba"', None],
    [4, "dan_so", 1234567, None, None, None],
]
# Empty cells at the end of a row are not kept: a row is as long as its last filled cell.
TYPED_CELLS = [
    [None, "BÁO CÁO THỰC HIỆN 6 THÁNG"],
    [],
    ["STT", "Mã chỉ tiêu", "Giá trị", "Ngày số liệu", "Ghi chú", "Đạt"],
    [Decimal(1), "grdp", Decimal("4.1"), date(2025, 6, 30), "  có khoảng trắng ", True],
    [Decimal(2), "thu_ngan_sach", Decimal("0.3"), date(2025, 6, 30), None, False],
    [Decimal(3), "von", Decimal("41.85"), datetime(2025, 6, 30, 17, 30), 'một, hai; "ba"'],
    [Decimal(4), "dan_so", Decimal(1234567)],
]


def _rows(kind: str, sheets: dict[str, Rows]) -> list[list[object]]:
    grid = read_grid(f"figures.{kind}", WRITERS[kind](sheets))
    assert grid.kind == kind
    return [list(row) for row in grid.sheet.rows]


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_workbook_cells_come_out_typed(kind: str) -> None:
    """Every workbook format gives the same cells: numbers exact as shown (4.1, and a
    0.1 + 0.2 computed as a double is 0.3), dates as days, a time kept, text as typed,
    the title above the header and the empty row kept at their row numbers."""
    rows = _rows(kind, {"Tháng 6": TITLE_AND_TABLE})
    assert rows == TYPED_CELLS


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_a_sheet_is_chosen_by_name_or_number(kind: str) -> None:
    book = WRITERS[kind]({"Tháng 5": [["a"]], "Tháng 6": [["b"]], "2025": [["c"]]})
    assert read_grid("f", book).sheet.rows == [["a"]]  # the first by default
    assert read_grid("f", book, sheet="tháng  6").sheet.rows == [["b"]]  # case and spaces forgiven
    assert read_grid("f", book, sheet="2").sheet.rows == [["b"]]
    assert read_grid("f", book, sheet="2025").sheet.rows == [["c"]]  # a name before a number
    assert read_grid("f", book).sheet_names == ("Tháng 5", "Tháng 6", "2025")
    with pytest.raises(DataError) as refused:
        read_grid("f.xlsx", book, sheet="Tháng 7")
    assert str(refused.value) == "f.xlsx: no sheet 'Tháng 7'; the workbook has 1: 'Tháng 5', 2: 'Tháng 6', 3: '2025'"
    with pytest.raises(DataError):
        read_grid("f.xlsx", book, sheet="4")


def test_the_first_sheet_shown_is_the_default() -> None:
    book = xlsx({"Dữ liệu ẩn": [["hidden"]], "Báo cáo": [["shown"]]}, hidden=["Dữ liệu ẩn"])
    assert read_grid("f.xlsx", book).sheet.name == "Báo cáo"
    assert read_grid("f.xlsx", book, sheet="1").sheet.rows == [["hidden"]]  # still there when asked for


def test_styled_blank_rows_at_the_end_are_empty() -> None:
    rows = read_grid("f.xlsx", xlsx({"S": [["Mã", "Giá trị"], ["grdp", 4]]}, styled_below=5)).sheet.rows
    assert rows[:2] == [["Mã", "Giá trị"], ["grdp", Decimal(4)]]
    assert all(not any(row) for row in rows[2:])


@pytest.mark.parametrize(("name", "kind"), [("figures.csv", "xlsx"), ("figures.xls", "xlsx"), ("noname", "ods")])
def test_the_format_follows_the_bytes_not_the_name(name: str, kind: str) -> None:
    book = WRITERS[kind]({"S": [["Mã", "Giá trị"], ["grdp", 4.1]]})
    assert read_grid(name, book).kind == kind
    assert read_grid("figures.xlsx", "Mã;Giá trị\r\ngrdp;4,1\r\n".encode()).kind == "csv"


def test_excel_vietnamese_csv() -> None:
    """What Excel writes as "CSV UTF-8" in a Vietnamese locale: a byte-order mark, `;`,
    CRLF, decimal commas, dot thousands, a quoted cell holding `;` and a line break, the
    title padded with separators, empty cells."""
    text = (
        "Báo cáo tháng 6;;;\r\n"
        ";;;\r\n"
        "Mã chỉ tiêu;Giá trị;Ghi chú;ĐVT\r\n"
        'grdp;3,93;"ước; theo\r\nCục Thống kê";%\r\n'
        "thu;4.100;;tỷ đồng\r\n"
    )
    grid = read_grid("vn.csv", codecs.BOM_UTF8 + text.encode("utf-8"))
    assert grid.kind == "csv"
    assert grid.sheet.rows == [
        ["Báo cáo tháng 6", None, None, None],
        [None, None, None, None],
        ["Mã chỉ tiêu", "Giá trị", "Ghi chú", "ĐVT"],
        ["grdp", "3,93", "ước; theo\r\nCục Thống kê", "%"],
        ["thu", "4.100", None, "tỷ đồng"],
    ]


@pytest.mark.parametrize(
    ("text", "separator"),
    [
        ("target,value\ngrdp,3.93\n", ","),
        ("Mã;Giá trị\ngrdp;3,93\nthu;4,1\n", ";"),  # a comma on every data line, not the header
        ("Mã;Giá trị;Ghi chú\ngrdp;3,93;a, b\n", ";"),
        ("Mã\tGiá trị\ngrdp\t3,93\n", "\t"),
        ('target,note\ngrdp,"a; b; c"\n', ","),  # a semicolon only inside quotes
        ("Báo cáo\n\nMã;Giá trị\ngrdp;1\nthu;2\n", ";"),  # a title with no separator
        ("just one line", ","),
    ],
)
def test_the_separator_is_sniffed(text: str, separator: str) -> None:
    assert sniff_separator(text) == separator


def test_utf16_text_is_read_by_its_byte_order_mark() -> None:
    """Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-separated."""
    data = "Mã chỉ tiêu\tGiá trị\r\ngrdp\t3,93\r\n".encode("utf-16")
    grid = read_grid("unicode.txt", data)
    assert (grid.kind, grid.sheet.rows) == ("tsv", [["Mã chỉ tiêu", "Giá trị"], ["grdp", "3,93"]])


CP1258 = "Mã chỉ tiêu;Chỉ tiêu;Giá trị\r\ngrdp;Tổng sản phẩm;3,93\r\n"


def test_windows_1258_is_refused_with_the_fix_unless_named() -> None:
    data = windows_1258(CP1258)
    assert b"\xd2" in data  # the hook above, a character of its own (chỉ, sản)
    with pytest.raises(DataError) as refused:
        read_grid("cu.csv", data)
    assert str(refused.value) == (
        'cu.csv:1: not UTF-8 text: save it as "CSV UTF-8", or name its encoding: --encoding cp1258 '
        'for Windows Vietnamese (or encoding = "cp1258" in a rules file)'
    )
    rows = read_grid("cu.csv", data, encoding="cp1258").sheet.rows
    assert rows[1] == ["grdp", "Tổng sản phẩm", "3,93"]  # composed (NFC), as tracker keeps text
    # Why it is never guessed: the same bytes read as Windows-1252 give other letters, no error.
    assert read_grid("cu.csv", data, encoding="cp1252").sheet.rows[1][1] != "Tổng sản phẩm"


def test_a_named_encoding_that_does_not_fit_is_refused_with_its_line() -> None:
    with pytest.raises(DataError) as refused:
        read_grid("f.csv", b"a;b\n\x81\x8d;1\n", encoding="cp1252")  # bytes cp1252 leaves undefined
    assert str(refused.value) == "f.csv:2: not cp1252 text"


def test_a_csv_has_one_sheet() -> None:
    assert read_grid("f.csv", b"a,b\n", sheet="1").sheet.rows == [["a", "b"]]
    with pytest.raises(DataError) as refused:
        read_grid("f.csv", b"a,b\n", sheet="Tháng 6")
    assert str(refused.value) == "f.csv: a CSV file has one sheet: leave out --sheet Tháng 6"


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"PK\x03\x04garbage", "f.xlsx: cannot read the workbook: not a valid zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "f.xlsx: cannot read the workbook: "),
        (b"<html><body><table><tr><td>1</td></tr></table>", "f.xlsx: a web page or XML, not a sheet"),
    ],
)
def test_damaged_and_disguised_workbooks_are_refused(data: bytes, said: str) -> None:
    with pytest.raises(DataError) as refused:
        read_grid("f.xlsx", data)
    assert str(refused.value).startswith(said)


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(DataError) as refused:
        read_grid("letter.xlsx", buffer.getvalue())
    assert str(refused.value) == "letter.xlsx: a zip file that is not a workbook (.xlsx, .ods)"


def test_a_workbook_that_unpacks_too_large_is_refused_unread(monkeypatch: pytest.MonkeyPatch) -> None:
    book = xlsx({"S": [["Mã", "Giá trị"]] + [["grdp", n] for n in range(2000)]})
    monkeypatch.setattr(sheet_files, "UNPACKED_LIMIT", 10_000)
    with pytest.raises(DataError) as refused:
        read_grid("big.xlsx", book)
    assert str(refused.value) == "big.xlsx: the workbook unpacks to more than 0 MB; split it"


@pytest.mark.parametrize(
    ("number", "decimal"),
    [
        (4.1, "4.1"),
        (0.1 + 0.2, "0.3"),
        (41.85, "41.85"),
        (-2.77, "-2.77"),
        (123456789012345.0, "123456789012345"),
        (1e16, "10000000000000000"),
        (1e-7, "1E-7"),
        (1e300, "1E+300"),  # refused later as a figure (too large): never silently cut
        (float("inf"), "inf"),
    ],
)
def test_a_double_becomes_the_decimal_a_spreadsheet_shows(number: float, decimal: str) -> None:
    assert str(_float_decimal(number)) == decimal


# ----- read_figures: the one entry, on real files --------------------------------------

PLAN_TARGETS = [
    PlanTarget("grdp", ("Tốc độ tăng trưởng GRDP",), frozenset({"2025"})),
    PlanTarget("thu_ngan_sach", ("Thu ngân sách nhà nước",), frozenset({"2025"})),
    PlanTarget("xuat_khau", ("Kim ngạch xuất khẩu",), frozenset({"2025-Q1", "2025-Q2", "2025"})),
]


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_a_wide_workbook_by_name_becomes_one_figure_per_filled_cell(kind: str) -> None:
    """A title above, STT/ĐVT/plan columns, targets by name (no ids), T1..T12 with the
    first half filled, a blank row at the end: each filled month is the year's figure as of
    the month's last day."""
    months = [f"T{m}" for m in range(1, 13)]
    book = WRITERS[kind](
        {
            "Năm 2025": [
                ["BÁO CÁO CÁC CHỈ TIÊU KINH TẾ NĂM 2025"],
                [],
                ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", *months],
                [1, "Tốc độ tăng trưởng GRDP", "%", 8, 7.1, 7.2, 7.3, 7.5, 7.6, 7.9],
                [2, "thu ngân  sách nhà nước", "tỷ đồng", 3000, 250, 510.5, None, 1100, 1400, 1650.25],
                [None, None, None, None],
            ]
        }
    )
    rows = read_figures(f"kq.{kind}", book, plan_targets=lambda: PLAN_TARGETS)
    assert (rows.layout, rows.sheet, rows.header_row, rows.ignored) == (
        "wide",
        "Năm 2025",
        3,
        ("STT", "ĐVT", "Kế hoạch"),
    )
    got = [(p.row, p.columns["value"], f["target"], f["period"], f["as_of"], f["value"]) for p, f in rows.rows]
    ends = [
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 31),
        date(2025, 4, 30),
        date(2025, 5, 31),
        date(2025, 6, 30),
    ]
    grdp = ["7.1", "7.2", "7.3", "7.5", "7.6", "7.9"]
    revenue = {0: "250", 1: "510.5", 3: "1100", 4: "1400", 5: "1650.25"}
    assert got == [(4, "EFGHIJ"[m], "grdp", "2025", ends[m], Decimal(grdp[m])) for m in range(6)] + [
        (5, "EFGHIJ"[m], "thu_ngan_sach", "2025", ends[m], Decimal(v)) for m, v in revenue.items()
    ]
    assert str(rows.where(rows.rows[0][0], "value")) == f"kq.{kind}: sheet 'Năm 2025', row 4, column E"
    assert str(rows.where(rows.rows[0][0], "target")) == f"kq.{kind}: sheet 'Năm 2025', row 4, column B"


def test_a_quarter_workbook_with_a_target_planned_by_quarter() -> None:
    book = xlsx({"Quý": [["Mã chỉ tiêu", "Quý I/2025", "Quý II/2025", "6 tháng 2025"],
                         ["xuat_khau", 120, 130, 250], ["grdp", 7.2, None, 7.4]]})  # fmt: skip
    got = [(f["target"], f["period"], f["as_of"], f["value"]) for _, f in read_figures(
        "q.xlsx", book, plan_targets=lambda: PLAN_TARGETS).rows]  # fmt: skip
    assert got == [
        ("xuat_khau", "2025-Q1", date(2025, 3, 31), Decimal(120)),
        ("xuat_khau", "2025-Q2", date(2025, 6, 30), Decimal(130)),
        ("xuat_khau", "2025", date(2025, 6, 30), Decimal(250)),
        ("grdp", "2025", date(2025, 3, 31), Decimal("7.2")),
        ("grdp", "2025", date(2025, 6, 30), Decimal("7.4")),
    ]


def test_a_vietnamese_csv_is_read_with_the_plans_decimal_comma() -> None:
    text = "Báo cáo;;;;\r\nSTT;Mã chỉ tiêu;Giá trị;Tình trạng;Đánh giá\r\n1;grdp;3,93;Ước;Vượt\r\n2;thu;4.100;sơ bộ;không đạt\r\n;;;;\r\n"
    rows = read_figures("vn.csv", codecs.BOM_UTF8 + text.encode(), decimal="comma")
    assert [f for _, f in rows.rows] == [
        {"target": "grdp", "value": Decimal("3.93"), "status": "estimate", "verdict": "exceeded"},
        {"target": "thu", "value": Decimal(4100), "status": "preliminary", "verdict": "not_met"},
    ]
    assert (rows.layout, rows.ignored, [p.row for p, _ in rows.rows]) == ("long", ("STT",), [3, 4])
    with pytest.raises(DataError) as refused:  # the same file with no decimal mark: 4.100 is ambiguous
        read_figures("vn.csv", text.encode())
    assert str(refused.value).startswith("vn.csv: row 4, column C: ambiguous number '4.100'")


def test_tracker_fields_are_the_ones_history_writes() -> None:
    assert TRACKER_FIELDS == FIELDS


def test_json_is_read_as_import_reads_it() -> None:
    data = json.dumps({"entries": [{"target": "grdp", "value": 4.1}]}).encode()
    rows = read_figures("h.json", data)
    assert rows.layout == "json"
    assert [(p.row, f) for p, f in rows.rows] == read_rows("h.json", data)
    assert str(rows.where(rows.rows[0][0], "value")) == "h.json: entry 1"


@pytest.mark.parametrize("form", ["csv", "tsv"])
def test_history_round_trips_exactly(small_plan: Path, form: str) -> None:
    """What `history` writes is read back as it was written, whatever the decimal mark
    asked for: 2.365 stays two point three six five, text a spreadsheet would run keeps
    its guard off, quotes in a TSV note stay."""
    plan = str(small_plan)
    figures = [  # 2.365 cannot be typed to `record` (it is ambiguous there); a JSON number can
        {"target": "growth", "value": 2.365, "period": "2025", "as_of": "2025-06-30", "note": '=1+2 "q"'},
        {"target": "revenue", "value": 4100, "period": "2025", "as_of": "2025-06-30", "status": "estimate"},
        {"target": "milestone", "value": True, "period": "2025", "as_of": "2025-06-30"},
    ]
    assert run("import", "-", "--plan", plan, input=json.dumps(figures).encode()).code == 0
    exported = run("history", "--format", form, "--plan", plan).out.encode()
    entries = json.loads(run("history", "--format", "json", "--plan", plan).out)["entries"]
    for decimal in ("comma", "point", None):
        rows = read_figures(f"h.{form}", exported, decimal=decimal)
        assert rows.layout == "tracker"
        got = [{k: str(v) for k, v in f.items()} for _, f in rows.rows]
        assert got == [{k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in e.items() if v not in ("", None)}
                       for e in entries]  # fmt: skip
        assert rows.rows[0][1]["value"] == Decimal("2.365")


def test_the_rows_go_through_the_imports_checks_unchanged() -> None:
    """What read_figures returns is what validate_import takes: each figure of a wide
    workbook becomes an entry as `record --as-of` would make it."""
    from datetime import UTC

    from tracker.core.importing import Fate, LoggedItems, validate_import
    from tracker.core.model import Entry, FigureStatus, Plan, PlanValue, Shape, Target
    from tracker.core.periods import parse_period
    from tracker.core.sheet_layout import plan_targets
    from tracker.messages import Msg
    from tracker.storage.import_file import parse_timestamp

    plan = Plan("P", "", "vi", "2025", (Target("thu", "Thu ngân sách", "kt", "tỷ đồng", accumulates=True,
                plans={"2025": PlanValue(Shape.AT_LEAST, value=Decimal(3000))}, periods={"2025": parse_period("2025")}),))  # fmt: skip
    book = xlsx({"2025": [["Chỉ tiêu", "T1", "T2", "Ước cả năm"], ["Thu ngân sách", 250, 510.5, 3100]]})
    rows = read_figures("kq.xlsx", book, plan_targets=lambda: plan_targets(plan), decimal="comma")
    ids = iter(f"e{n}" for n in range(10))
    now = datetime(2025, 3, 5, tzinfo=UTC)
    checked = validate_import(
        lambda: plan, LoggedItems(), "kq.xlsx", [(p.row, f) for p, f in rows.rows], new_id=lambda: next(ids),
        today=lambda: date(2025, 3, 5), now=now, recorder="an", parse_stamp=parse_timestamp, fits=lambda _: True,
        too_long=Msg("too long"),
    )  # fmt: skip
    assert checked.count(Fate.ALREADY) == 0
    assert checked.items == [
        Entry("e0", "thu", "2025", Decimal(250), date(2025, 1, 31), recorded_at=now, recorded_by="an"),
        Entry("e1", "thu", "2025", Decimal("510.5"), date(2025, 2, 28), recorded_at=now, recorded_by="an"),
        Entry("e2", "thu", "2025", Decimal(3100), date(2025, 12, 31), FigureStatus.ESTIMATE, recorded_at=now,
              recorded_by="an"),
    ]  # fmt: skip
