"""`tracker import` on the files offices send (issue 13), through the installed CLI with real
files: workbooks written by openpyxl, xlwt and odfpy, a CSV in Excel's Vietnamese dialect,
cp1258 bytes; each checked figure by figure. Importing twice changes nothing; undoing or
retracting an import brings every report back; every refusal leaves the folder as it was."""

from __future__ import annotations

import codecs
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import Result, run, snapshot
from sheet_writers import WRITERS, windows_1258, xlsx

PLAN = """\
[plan]
title = "Kế hoạch năm 2025"
organisation = "UBND tỉnh Thử"
language = "vi"
default_period = "2025"

[[target]]
id = "thu_ngan_sach"
name = "Thu ngân sách nhà nước"
name_en = "State budget revenue"
group = "Kinh tế"
unit = "tỷ đồng"
accumulates = true
plan.2025 = { at_least = 3000 }

[[target]]
id = "grdp"
name = "Tốc độ tăng trưởng GRDP"
group = "Kinh tế"
unit = "%"
plan.2025 = { at_least = 8 }

[[target]]
id = "ho_ngheo"
name = "Tỷ lệ hộ nghèo"
group = "Xã hội"
unit = "%"
plan.2025 = { at_most = 5 }

[[target]]
id = "doanh_nghiep"
name = "Số doanh nghiệp thành lập mới"
group = "Kinh tế"
unit = "doanh nghiệp"
accumulates = true
plan.2025 = { at_least = 400 }
"""

# A department's yearly sheet as it is sent: a title, a blank row, the header with columns
# tracker does not use, a heading row, targets by name (no ids), months T1 … T6, "6 tháng"
# (the same figure as T6 for a rate), "Ước cả năm" (an estimate), empty cells, blank rows at the end.
WIDE: list[list[Any]] = [
    ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2025"],
    [],
    ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "T1", "T2", "T3", "T4", "T5", "T6", "6 tháng", "Ước cả năm"],
    ["I", "Kinh tế"],
    [1, "Thu ngân sách nhà nước", "tỷ đồng", 3000, 250, 510.5, 800, 1050, 1302.25, 1600, 1600, 3100],
    [2, "Tốc độ tăng trưởng GRDP", "%", 8, None, None, 7.1, None, None, 7.5, 7.5, 8.2],
    ["II", "Xã hội"],
    [3, "Tỷ lệ hộ nghèo", "%", 5, None, None, None, None, None, None, None, 4.6],
    [4, "Số doanh nghiệp thành lập mới", "doanh nghiệp", 400, 20, 45, 71, None, None, 160, 160, None],
    [],
    [],
]
# (target, period, value, as_of, status) of every figure WIDE holds
WIDE_FIGURES = [
    ("thu_ngan_sach", "2025", "250", "2025-01-31", "official"),
    ("thu_ngan_sach", "2025", "510.5", "2025-02-28", "official"),
    ("thu_ngan_sach", "2025", "800", "2025-03-31", "official"),
    ("thu_ngan_sach", "2025", "1050", "2025-04-30", "official"),
    ("thu_ngan_sach", "2025", "1302.25", "2025-05-31", "official"),
    ("thu_ngan_sach", "2025", "1600", "2025-06-30", "official"),
    ("thu_ngan_sach", "2025", "3100", "2025-12-31", "estimate"),
    ("grdp", "2025", "7.1", "2025-03-31", "official"),
    ("grdp", "2025", "7.5", "2025-06-30", "official"),
    ("grdp", "2025", "8.2", "2025-12-31", "estimate"),
    ("ho_ngheo", "2025", "4.6", "2025-12-31", "estimate"),
    ("doanh_nghiep", "2025", "20", "2025-01-31", "official"),
    ("doanh_nghiep", "2025", "45", "2025-02-28", "official"),
    ("doanh_nghiep", "2025", "71", "2025-03-31", "official"),
    ("doanh_nghiep", "2025", "160", "2025-06-30", "official"),
]


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def tracker(plan: Path, *args: str, stdin: bytes | None = None) -> Result:
    return run(*args, "--plan", str(plan), input=stdin, timeout=120)


def history(plan: Path) -> list[dict[str, Any]]:
    result = tracker(plan, "history", "--format", "json")
    assert result.code == 0, result.err
    entries: list[dict[str, Any]] = json.loads(result.out, parse_float=Decimal)["entries"]
    return entries


def figures(plan: Path) -> list[tuple[str, str, str, str, str]]:
    """The live figures of the log, as (target, period, value, as_of, status), in recording order."""
    return [(e["target"], e["period"], str(e["value"]), e["as_of"], e["status"]) for e in history(plan)
            if e["kind"] == "entry" and not e["retracted"]]  # fmt: skip


def user_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the caches any read may build."""
    return {k: v for k, v in snapshot(folder).items() if not k.startswith(".tracker-cache")}


def refused(plan: Path, code: int, *args: str, stdin: bytes | None = None) -> str:
    """Run a command that must be refused: exit ``code``, one error line, the folder untouched."""
    before = user_files(plan.parent)
    result = tracker(plan, *args, stdin=stdin)
    assert result.code == code, (result.code, result.out, result.err)
    assert result.err.startswith("tracker: error: ") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err and "Value error" not in result.err
    assert user_files(plan.parent) == before
    return result.err.removeprefix("tracker: error: ").rstrip("\n")


def imported(plan: Path, source: Path, *options: str) -> str:
    """Import ``source``; its one-line summary (stderr), after checking nothing went to stdout."""
    result = tracker(plan, "import", str(source), *options)
    assert result.code == 0, result.err
    assert result.out == "" and result.err.startswith("tracker: ") and result.err.count("\n") == 1, result.err
    return result.err.removeprefix("tracker: ").rstrip("\n")


# ---------------------------------------------------------------- workbooks


@pytest.mark.parametrize("kind", ["xlsx", "xls", "ods"])
def test_a_wide_workbook_by_name_is_recorded_figure_by_figure(plan: Path, kind: str) -> None:
    """Each filled month, half-year and year cell is one figure as `record --as-of` makes it; "6 tháng" agreeing
    with T6 is that figure once; the title, the headings, STT, ĐVT, Kế hoạch and the blank rows are no figures."""
    source = plan.parent / f"bao-cao.{kind}"
    source.write_bytes(WRITERS[kind]({"Năm 2025": WIDE}))
    said = imported(plan, source)
    rows = history(plan)
    batch = rows[0]["batch"]
    assert said == f"đã ghi 15 số liệu từ {source}, lô {batch}; các cột không đọc: STT, ĐVT, Kế hoạch"
    assert figures(plan) == WIDE_FIGURES
    assert {row["batch"] for row in rows} == {batch}
    assert {row["recorded_by"] for row in rows} == {"tester"}


def test_importing_the_same_file_twice_changes_nothing(plan: Path) -> None:
    """The second import finds every figure already recorded: the log keeps its bytes."""
    source = plan.parent / "bao-cao.xlsx"
    source.write_bytes(xlsx({"Năm 2025": WIDE}))
    imported(plan, source)
    log = plan.parent / "plan.progress.toml"
    before = log.read_bytes()
    said = imported(plan, source, "--lang", "en")
    assert said == f"recorded 0 entries from {source}; 15 already recorded; columns not read: STT, ĐVT, Kế hoạch"
    assert log.read_bytes() == before


def test_a_corrected_file_records_its_revisions_and_the_old_one_nothing(plan: Path) -> None:
    """A changed cell is a revision (the later recording wins); sending the first file again never undoes it."""
    first, corrected = plan.parent / "t6.xlsx", plan.parent / "t6-sua.xlsx"
    first.write_bytes(xlsx({"Năm 2025": WIDE}))
    rows: list[list[Any]] = [list(row) for row in WIDE]
    rows[4][9] = rows[4][10] = 1650  # revenue to the end of June
    corrected.write_bytes(xlsx({"Năm 2025": rows}))
    imported(plan, first)
    said = imported(plan, corrected, "--lang", "en")
    assert said.startswith(f"recorded 1 entry from {corrected} as batch ")
    assert said.endswith("; 1 of them a revision; 14 already recorded; columns not read: STT, ĐVT, Kế hoạch")
    report = json.loads(tracker(plan, "report", "--format", "json", "--as-of", "2025-07-15").out)
    revenue = next(t for t in report["targets"] if t["id"] == "thu_ngan_sach")
    assert revenue["actual"] == 1650 and revenue["as_of"] == "2025-06-30"
    log = plan.parent / "plan.progress.toml"
    before = log.read_bytes()
    assert imported(plan, first, "--lang", "en").startswith(f"recorded 0 entries from {first}; 15 already recorded")
    assert log.read_bytes() == before


def test_a_sheet_is_chosen_by_name_or_number_and_the_year_given(plan: Path) -> None:
    """--sheet by name (case and spaces forgiven) or number; columns with no year take --year."""
    rows: list[list[Any]] = [["Chỉ tiêu", "Quý I", "Quý II"], ["Tỷ lệ hộ nghèo", 5.8, 5.5]]
    source = plan.parent / "quy.xlsx"
    source.write_bytes(xlsx({"Ghi chú": [["Không có số liệu ở đây"]], "Số liệu": rows}))
    said = refused(plan, 4, "import", str(source), "--sheet", "số liệu", "--lang", "en")
    assert "which year are columns B, C?" in said and "--year" in said
    refused(plan, 4, "import", str(source), "--sheet", "3", "--year", "2025")
    refused(plan, 2, "import", str(source), "--sheet", "2", "--year", "25")
    imported(plan, source, "--sheet", "SỐ  LIỆU", "--year", "2025")
    assert figures(plan) == [("ho_ngheo", "2025", "5.8", "2025-03-31", "official"),
                             ("ho_ngheo", "2025", "5.5", "2025-06-30", "official")]  # fmt: skip


def test_per_month_records_running_totals(plan: Path) -> None:
    """--per-month reads each month as that month's own amount: the figures are the totals so far."""
    rows: list[list[Any]] = [
        ["Chỉ tiêu", "Tháng 1", "Tháng 2", "Tháng 3"],
        ["Số doanh nghiệp thành lập mới", 20, 25, 26],
    ]
    source = plan.parent / "dn.xlsx"
    source.write_bytes(xlsx({"2025": rows}))
    imported(plan, source, "--per-month")
    assert [f[2:4] for f in figures(plan)] == [("20", "2025-01-31"), ("45", "2025-02-28"), ("71", "2025-03-31")]


def test_a_rules_file_reads_a_layout_that_cannot_be_guessed(plan: Path) -> None:
    """A sheet whose headers name nothing tracker knows, read by the rules file's columns, rows and date format."""
    rows: list[list[Any]] = [
        ["Biểu 01/TK", None, None],
        ["Mục", "Số", "Thời điểm"],
        ["grdp", "7,45", "30/06/2025"],
        ["Tổng cộng", None, None],
    ]
    source = plan.parent / "bieu.xlsx"
    source.write_bytes(xlsx({"Biểu": rows}))
    rules = plan.parent / "quy-tac.toml"
    rules.write_text('header_row = 2\nskip_rows = [4]\ndate_format = "%d/%m/%Y"\ndecimal = "comma"\n'
                     '[columns]\ntarget = "Mục"\nvalue = "B"\nas_of = "Thời điểm"\n', encoding="utf-8")  # fmt: skip
    imported(plan, source, "--rules", str(rules))
    assert figures(plan) == [("grdp", "2025", "7.45", "2025-06-30", "official")]


# ---------------------------------------------------------------- CSV


def test_a_csv_in_excels_vietnamese_dialect(plan: Path) -> None:
    """A byte-order mark, `;`, CRLF, a title above the header, Vietnamese headers, 4.100 as four thousand one
    hundred and 7,93 as seven point nine three (the plan is Vietnamese), status words, blank rows at the end."""
    text = (
        "Báo cáo tháng 9/2025;;;;;;\r\n"
        ";;;;;;\r\n"
        "Mã chỉ tiêu;Kỳ;Ngày số liệu;Giá trị;Tình trạng;Nguồn;Ghi chú\r\n"
        'thu_ngan_sach;2025;30/09/2025;2.365,5;sơ bộ;BC 12/STC;"lũy kế; 9 tháng"\r\n'
        "grdp;2025;30/09/2025;7,93;Ước;;\r\n"
        "doanh_nghiep;2025;30/09/2025;4.100;chính thức;;\r\n"
        ";;;;;;\r\n"
        ";;;;;;\r\n"
    )
    source = plan.parent / "thang-9.csv"
    source.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    imported(plan, source)
    assert figures(plan) == [
        ("thu_ngan_sach", "2025", "2365.5", "2025-09-30", "preliminary"),
        ("grdp", "2025", "7.93", "2025-09-30", "estimate"),
        ("doanh_nghiep", "2025", "4100", "2025-09-30", "official"),
    ]
    first = history(plan)[0]
    assert (first["source"], first["note"]) == ("BC 12/STC", "lũy kế; 9 tháng")


def test_decimal_point_reads_an_english_csv_for_a_vietnamese_plan(plan: Path) -> None:
    """--decimal point overrides the plan's language; a number against the file's mark is refused, not guessed."""
    source = plan.parent / "en.csv"
    source.write_text('Mã chỉ tiêu,Kỳ,Giá trị\ndoanh_nghiep,2025,"4,100"\ngrdp,2025,7.93\n', encoding="utf-8")
    said = refused(plan, 4, "import", str(source), "--lang", "en")
    assert said.startswith(f"{source}: row 3, column C: '7.93' does not fit the file's decimal comma")
    imported(plan, source, "--decimal", "point")
    assert [f[:3] for f in figures(plan)] == [("doanh_nghiep", "2025", "4100"), ("grdp", "2025", "7.93")]


def test_cp1258_is_read_only_when_named(plan: Path) -> None:
    """Windows-1258 bytes are refused with the fix unless --encoding names them; then names match the plan's."""
    source = plan.parent / "cu.csv"
    source.write_bytes(
        windows_1258("Chỉ tiêu;Kỳ;Giá trị\r\nTỷ lệ hộ nghèo;2025;4,6\r\nTốc độ tăng trưởng GRDP;2025;8,1\r\n")
    )
    said = refused(plan, 4, "import", str(source), "--lang", "en")
    assert said == (f'{source}:1: not UTF-8 text: save it as "CSV UTF-8", or name its encoding: --encoding cp1258 '
                    'for Windows Vietnamese (or encoding = "cp1258" in a rules file)')  # fmt: skip
    assert "--encoding" in refused(plan, 2, "import", str(source), "--encoding", "latin-9")
    imported(plan, source, "--encoding", "windows-1258")
    assert [f[:3] for f in figures(plan)] == [("ho_ngheo", "2025", "4.6"), ("grdp", "2025", "8.1")]


def test_standard_input_is_read_as_a_file(plan: Path) -> None:
    """`import -` reads the same formats from standard input, a workbook too."""
    result = tracker(plan, "import", "-", stdin=xlsx({"Năm 2025": WIDE}))
    assert result.code == 0, result.err
    assert result.err.startswith("tracker: đã ghi 15 số liệu từ <stdin>, lô ")
    assert figures(plan) == WIDE_FIGURES


# ---------------------------------------------------------------- refusals


def test_a_bad_cell_refuses_the_whole_file_naming_file_sheet_row_and_column(plan: Path) -> None:
    """One bad cell, and nothing is written: the log stays byte for byte; the error says where, as the sheet numbers it."""
    assert tracker(plan, "record", "grdp", "7", "--as-of", "2025-03-31").code == 0
    rows: list[list[Any]] = [list(row) for row in WIDE]
    rows[7][11] = "khoảng 4,6"
    source = plan.parent / "sai.xlsx"
    source.write_bytes(xlsx({"Năm 2025": rows}))
    said = refused(plan, 4, "import", str(source))
    assert said.startswith(f"{source}: trang 'Năm 2025', hàng 8, cột L: value: ")
    said = refused(plan, 4, "import", str(source), "--lang", "en")
    assert said.startswith(f"{source}: sheet 'Năm 2025', row 8, column L: value: not a number: 'khoảng 4,6'")


def test_an_unknown_name_is_refused_with_the_closest(plan: Path) -> None:
    """A name the plan does not have is named with its row and column, and the plan's closest names."""
    rows: list[list[Any]] = [
        ["Chỉ tiêu", "Kỳ", "Giá trị"],
        ["Tỷ lệ hộ nghèo", 2025, 4.6],
        ["Tốc độ tăng GRDP", 2025, 8.1],
    ]
    source = plan.parent / "ten.xlsx"
    source.write_bytes(xlsx({"S": rows}))
    said = refused(plan, 4, "import", str(source), "--lang", "en")
    assert said.startswith(f"{source}: sheet 'S', row 3, column A: no target named 'Tốc độ tăng GRDP' in the plan")
    assert "closest: 'Tốc độ tăng trưởng GRDP' (grdp)" in said


def test_two_different_figures_for_one_day_in_a_file_are_refused(plan: Path) -> None:
    """A file gives each figure once: two rows for grdp 2025 as of one day, with different values, name both."""
    source = plan.parent / "hai.csv"
    source.write_text("Mã;Kỳ;Ngày;Giá trị\ngrdp;2025;30/06/2025;7,5\ngrdp;2025;30/06/2025;7,6\n", encoding="utf-8")
    said = refused(plan, 4, "import", str(source), "--lang", "en")
    assert said == (f"{source}: row 3, column D: a second, different figure for grdp 2025 as of 2025-06-30 "
                    f"(the first is at {source}: row 2, column D); a file gives each figure once")  # fmt: skip


# ---------------------------------------------------------------- dry run, undo, retract


def test_dry_run_shows_what_would_be_recorded_revised_and_skipped(plan: Path) -> None:
    """The table on stdout says what would become of each row, the summary on stderr; nothing is written."""
    text = "Mã;Kỳ;Ngày;Giá trị\ngrdp;2025;30/06/2025;7,5\nho_ngheo;2025;31/12/2025;4,6\ngrdp;2025;31/03/2025;7,1\n"
    source = plan.parent / "thu.csv"
    source.write_text(text, encoding="utf-8")
    assert tracker(plan, "record", "grdp", "7,4", "--as-of", "2025-06-30").code == 0
    assert tracker(plan, "record", "ho_ngheo", "4,6", "--as-of", "2025-12-31").code == 0
    before = user_files(plan.parent)
    result = tracker(plan, "import", str(source), "--dry-run", "--lang", "en")
    assert result.code == 0, result.err
    assert result.err == f"tracker: would record 2 entries from {source}; 1 of them a revision; 1 already recorded\n"
    lines = result.out.splitlines()
    assert lines[:2] == ["Kế hoạch năm 2025", str(source)]
    assert lines[3].split() == ["Where", "Action", "Target", "Period", "Value", "As", "of", "Figure"]
    assert [line.split() for line in lines[4:]] == [
        ["D2", "revise", "grdp", "2025", "7.5", "2025-06-30", "official"],
        ["D3", "skip:", "already", "recorded", "ho_ngheo", "2025", "4.6", "2025-12-31", "official"],
        ["D4", "record", "grdp", "2025", "7.1", "2025-03-31", "official"],
    ]
    assert user_files(plan.parent) == before


def _reports(plan: Path) -> list[str]:
    """The report in every text format, as at a fixed day (`show` and `history` list retracted figures too)."""
    formats = ("json", "csv", "tsv", "plain", "markdown")
    return [tracker(plan, "report", "--format", fmt, "--as-of", "2025-10-01").out for fmt in formats]


def test_undo_and_retract_take_back_a_whole_import(plan: Path) -> None:
    """undo after an import retracts its every figure (one line each, then the batch), and every report is as
    before; the same file imports again (retracted figures count for nothing); `retract BATCH` takes that back."""
    assert tracker(plan, "record", "grdp", "7", "--as-of", "2025-03-31").code == 0
    before = _reports(plan)
    source = plan.parent / "bao-cao.xlsx"
    source.write_bytes(xlsx({"Năm 2025": WIDE}))
    imported(plan, source)
    assert _reports(plan) != before
    log = plan.parent / "plan.progress.toml"
    grown = log.read_bytes()

    undo = tracker(plan, "undo", "--note", "gửi nhầm tệp", "--lang", "en")
    assert undo.code == 0, undo.err
    batch = history(plan)[1]["batch"]
    lines = undo.out.splitlines()
    assert len(lines) == 16 and lines[0].startswith(f"retracted {history(plan)[1]['id']}: thu_ngan_sach 2025 = 250 ")
    assert lines[-1] == f"took back batch {batch}: 15 entries retracted"
    assert log.read_bytes().startswith(grown)  # only appended
    assert _reports(plan) == before
    assert figures(plan) == [("grdp", "2025", "7", "2025-03-31", "official")]

    again = imported(plan, source)
    assert again.startswith("đã ghi 15 số liệu")  # nothing left live of the undone batch
    second = history(plan)[-1]["batch"]
    retract = tracker(plan, "retract", second)
    assert retract.code == 0, retract.err
    assert retract.out.splitlines()[-1] == f"đã hoàn tác lô {second}: hủy 15 số liệu"
    assert _reports(plan) == before
    said = refused(plan, 2, "retract", second, "--lang", "en")
    assert said == f"batch {second!r} has no figure left to retract"

    last = tracker(plan, "undo", "--lang", "en")  # the action before the imports: the recorded figure
    assert last.code == 0 and last.out.startswith(f"retracted {history(plan)[0]['id']}: grdp 2025 = 7 ")
    assert len(last.out.splitlines()) == 1


def test_history_names_each_items_batch(plan: Path) -> None:
    """csv and json carry a batch field: the import's for its figures, the undo's for its retractions, none for record."""
    assert tracker(plan, "record", "grdp", "7", "--as-of", "2025-03-31").code == 0
    source = plan.parent / "hai.csv"
    source.write_text("Mã;Kỳ;Giá trị\nho_ngheo;2025;4,6\ndoanh_nghiep;2025;410\n", encoding="utf-8")
    imported(plan, source)
    assert tracker(plan, "undo").code == 0
    rows = history(plan)
    batches = [row["batch"] for row in rows]
    assert batches[0] is None and batches[1] == batches[2] and batches[3] == batches[4] != batches[1]
    assert [row["kind"] for row in rows] == ["entry", "entry", "entry", "retraction", "retraction"]
    exported = tracker(plan, "history", "--format", "csv").out
    assert exported.splitlines()[0].endswith(",retracted,batch") and batches[1] in exported


# ---------------------------------------------------------------- the words offices write, in record too


@pytest.mark.parametrize(("status", "verdict", "expected"), [
    ("ước", "Đạt", ("estimate", "met")), ("Sơ bộ", "không đạt", ("preliminary", "not_met")),
    ("chinh thuc", "VƯỢT", ("official", "exceeded")), ("estimate", "not met", ("estimate", "not_met")),
])  # fmt: skip
def test_record_takes_status_and_verdict_words_as_offices_write_them(
    plan: Path, status: str, verdict: str, expected: tuple[str, str]
) -> None:
    result = tracker(plan, "record", "grdp", "8,1", "--period", "2025", "--status", status, "--verdict", verdict)
    assert result.code == 0, result.err
    row = history(plan)[0]
    assert (row["status"], row["verdict"]) == expected


@pytest.mark.parametrize("args", [["--status", "chắc chắn"], ["--verdict", "tốt"], ["-s", "xyz"]])
def test_a_bad_status_or_verdict_is_refused_in_plain_words(plan: Path, args: list[str]) -> None:
    """The usage error names the choices, without the wording of the library that checked them."""
    said = refused(plan, 2, "record", "grdp", "8", *args)
    assert "is not one of" in said and said.startswith("Invalid value for '-")


def test_a_status_word_in_an_imported_cell_and_a_year_column(plan: Path) -> None:
    """Status and verdict columns in Vietnamese; a Năm column beside Giá trị is each row's year."""
    rows: list[list[Any]] = [
        ["Mã chỉ tiêu", "Năm", "Giá trị", "Loại số liệu", "Đánh giá"],
        ["grdp", 2025, 8.3, "Ước tính", "Vượt"],
    ]
    source = plan.parent / "nam.xlsx"
    source.write_bytes(xlsx({"S": rows}))
    imported(plan, source)
    row = history(plan)[0]
    assert (row["period"], row["as_of"], row["status"], row["verdict"]) == (
        "2025",
        "2025-12-31",
        "estimate",
        "exceeded",
    )


def test_a_large_wide_workbook_imports_whole(plan: Path, tmp_path: Path) -> None:
    """43 targets by 12 months (the size of a provincial plan's sheet): every cell a figure, once."""
    names = "".join(f'\n[[target]]\nid = "t{n:02d}"\nname = "Chỉ tiêu số {n}"\ngroup = "G"\nunit = "%"\n'
                    f"plan.2025 = {{ at_least = 1 }}\n" for n in range(1, 44))  # fmt: skip
    plan.write_text(PLAN + names, encoding="utf-8")
    rows: list[list[Any]] = [["STT", "Chỉ tiêu", *[f"T{m}" for m in range(1, 13)]]]
    rows += [[n, f"Chỉ tiêu số {n}", *[n + m / 10 for m in range(1, 13)]] for n in range(1, 44)]
    source = tmp_path / "lon.xlsx"
    source.write_bytes(xlsx({"2025": rows}))
    assert imported(plan, source).startswith(f"đã ghi {43 * 12} số liệu")
    found = figures(plan)
    assert len(found) == 43 * 12 and found[13] == ("t02", "2025", "2.2", date(2025, 2, 28).isoformat(), "official")
    assert imported(plan, source).startswith(f"đã ghi 0 số liệu từ {source}; {43 * 12} số liệu đã có")
