"""The documents an office files (issue 14): the Biểu as .xlsx and .docx, the year-end
paragraph (`--format text`), and where binary output may go (`--output`, a pipe, never a
terminal). Files are made by the installed command and read back with libraries."""

from __future__ import annotations

import io
import os
import pty
import subprocess
from pathlib import Path

import pytest
from conftest import TRACKER, base_env, drop_file_capabilities, run, snapshot
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no types

PARAGRAPH_2024_VI = """\
Năm 2024, 4/5 chỉ tiêu thành phần đạt và vượt kế hoạch (vượt 3, đạt 1,
chưa có số liệu 1). Theo Hội nghị BCH Đảng bộ tỉnh Lai Châu ngày
31/12/2024: 39/43 chỉ tiêu đạt và vượt kế hoạch (minh họa). Vượt kế
hoạch và tăng so với cùng kỳ: GRDP bình quân đầu người (ước 55,89 triệu
đồng, bằng 108,5% kế hoạch, tăng 7,7% so với cùng kỳ). Chưa có số liệu:
Giải quyết việc làm mới.
"""
PARAGRAPH_2024_EN = """\
In 2024, 4 of 5 component targets met or exceeded the plan (exceeded 3,
met 1, no data 1). As reported by Hội nghị BCH Đảng bộ tỉnh Lai Châu on
2024-12-31: 39 of 43 targets met or exceeded the plan (illustrative).
Exceeded the plan and grew on the same period last year: GRDP per capita
(est. 55.89 triệu đồng, 108.5% of plan, up 7.7% on the same period last
year). No figures yet: New jobs created.
"""


def test_the_year_end_paragraph_of_the_shipped_plan_word_for_word(shipped: Path) -> None:
    vi = run("report", "--plan", str(shipped), "--period", "2024", "--format", "text")
    en = run("report", "--plan", str(shipped), "--period", "2024", "--format", "text", "--lang", "en")
    assert (vi.code, vi.out, vi.err) == (0, PARAGRAPH_2024_VI, "")
    assert (en.code, en.out, en.err) == (0, PARAGRAPH_2024_EN, "")
    assert max(len(line) for line in vi.out.splitlines()) <= 72


def test_while_the_year_runs_the_paragraph_counts_by_pace_and_says_what_is_still_needed(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(
        """\
[plan]
title = "Thử"
organisation = "Tỉnh Thử"
language = "vi"
default_period = "2025"

[[target]]
id = "revenue"
name = "Thu ngân sách"
group = "Kinh tế"
unit = "tỷ đồng"
accumulates = true
plan."2025" = { at_least = 1200 }

[[target]]
id = "forest"
name = "Tỷ lệ che phủ rừng"
group = "Môi trường"
unit = "%"
plan."2025" = { at_least = 50 }
""",
        encoding="utf-8",
    )
    assert run("record", "revenue", "600", "--as-of", "2025-10-31", "--plan", str(plan)).code == 0
    result = run("report", "--plan", str(plan), "--as-of", "2025-11-05", "--format", "text")
    assert result.code == 0, result.err
    assert result.out == (
        "Tính đến ngày 05/11/2025, trong năm 2025: 1 chỉ tiêu chậm tiến độ; 1 chỉ\n"
        "tiêu chưa có số liệu. Thu ngân sách: cần thêm 600 tỷ đồng trong 2 tháng\n"
        "cuối kỳ.\n"
    )


def test_report_as_a_workbook_is_the_bieu_with_numbers_stored_as_numbers(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "bieu.xlsx"
    result = run("report", "--plan", str(shipped), "--period", "2024", "--format", "xlsx", "--output", str(out))
    assert (result.code, result.out, result.err) == (0, "", "")
    book = load_workbook(out)
    assert book.sheetnames == ["Biểu", "Dữ liệu"]
    sheet = book["Biểu"]
    assert sheet["A1"].value == "UBND tỉnh Lai Châu"
    assert sheet["A2"].value == "Kế hoạch phát triển kinh tế - xã hội tỉnh Lai Châu"
    assert sheet["A3"].value == "Năm 2024 (tính đến ngày 15/06/2026)"
    header = [cell.value for cell in sheet[5]]
    assert header == ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "% kế hoạch", "So cùng kỳ", "Đánh giá"]
    stt = [sheet.cell(row, 1).value for row in range(6, sheet.max_row + 1) if sheet.cell(row, 1).value]
    assert stt == ["I", "1", "2", "3", "4", "II", "5", "5.1", "5.2", "6", "7", "8"]
    rows = {sheet.cell(row, 2).value: row for row in range(6, sheet.max_row + 1)}
    per_capita = rows["GRDP bình quân đầu người"]
    plan_cell, actual, percent = (sheet.cell(per_capita, column) for column in (4, 5, 6))
    assert (plan_cell.value, actual.value) == (51.51, 55.89)
    assert plan_cell.number_format == '[$-42A]#,##0.00" *"'  # illustrative: starred
    assert actual.number_format == '[$-42A]#,##0.00" (ước)"'
    assert percent.value == pytest.approx(1.085, abs=0.0005)
    assert percent.number_format == "[$-42A]0.0%"
    cut = sheet.cell(rows["Giảm tỷ lệ hộ nghèo toàn tỉnh"], 4)
    assert (cut.value, cut.number_format) == (3, '[$-42A]"≥ "#,##0')
    assert sheet.cell(rows["Giảm tỷ lệ hộ nghèo toàn tỉnh"], 2).alignment.indent == 1
    assert sheet.freeze_panes == "A6"
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth or 1, sheet.page_setup.fitToHeight) == (1, 0)  # 1 wide (the default), any tall
    below = [sheet.cell(row, 2).value for row in range(rows["Đạt chuẩn phổ cập giáo dục tiểu học mức độ 3"] + 1,
                                                        sheet.max_row + 1)]  # fmt: skip
    headline = "Tính từ số liệu: 4/5 chỉ tiêu đạt và vượt kế hoạch (Vượt 3, Đạt 1, Chưa có số liệu 1)"
    assert any(isinstance(text, str) and text.startswith(headline) for text in below)
    assert any(isinstance(text, str) and "Đã báo cáo: 39/43" in text for text in below)
    data = book["Dữ liệu"]
    fields = [cell.value for cell in data[1]]
    assert fields[:3] == ["id", "name", "name_en"] and "percent_of_plan" in fields


def test_a_workbook_in_english_has_no_vietnamese_locale_tag(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.xlsx"
    result = run("report", "--plan", str(shipped), "--period", "2024", "--lang", "en", "-o", str(out))
    assert result.code == 0, result.err  # the .xlsx ending picks the format
    sheet = load_workbook(out)["Report"]
    assert [cell.value for cell in sheet[5]][:4] == ["No.", "Target", "Unit", "Plan"]
    formats = {sheet.cell(row, 5).number_format for row in range(6, sheet.max_row + 1)}
    assert '#,##0.00" (est.)"' in formats and not any("[$-42A]" in f for f in formats)


def test_history_as_a_workbook_types_its_cells_and_goes_down_a_pipe(shipped: Path) -> None:
    proc = subprocess.run([str(TRACKER), "history", "--plan", str(shipped), "--format", "xlsx"],
                          capture_output=True, env=base_env(), timeout=60)  # fmt: skip
    assert proc.returncode == 0 and proc.stdout[:2] == b"PK", proc.stderr
    sheet = load_workbook(io.BytesIO(proc.stdout))["Dữ liệu"]
    fields = [cell.value for cell in sheet[1]]
    first = {field: sheet.cell(2, column).value for column, field in enumerate(fields, start=1)}
    assert isinstance(first["value"], float)
    assert first["as_of"].year == 2023 and sheet.cell(2, fields.index("as_of") + 1).number_format == "yyyy-mm-dd"
    assert sheet.auto_filter.ref is not None


def test_report_as_a_word_document_set_as_administrative_documents_are(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "bieu.docx"
    result = run("report", "--plan", str(shipped), "--period", "2024", "--format", "docx", "-o", str(out),
                 env=base_env(TRACKER_TODAY="2026-02-05"))  # fmt: skip
    assert (result.code, result.err) == (0, "")
    document = Document(str(out))
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.right_margin, section.top_margin)
    assert [round(size.mm) for size in sizes if size is not None] == [297, 210, 30, 15, 20]
    normal = document.styles["Normal"].font
    assert (normal.name, normal.size.pt) == ("Times New Roman", 13)
    heading = document.tables[0].rows[0].cells
    assert heading[0].text == "UBND tỉnh Lai Châu"
    assert heading[1].text == "Lai Châu, ngày 05 tháng 02 năm 2026"  # leading zeros for the day and February
    texts = [p.text for p in document.paragraphs]
    assert "KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI TỈNH LAI CHÂU" in texts
    assert " ".join(PARAGRAPH_2024_VI.split()) in texts
    bieu = document.tables[1]
    assert [cell.text for cell in bieu.rows[0].cells][:3] == ["STT", "Chỉ tiêu", "ĐVT"]
    properties = [row._tr.trPr for row in bieu.rows]
    assert all(p is not None and p.find(qn("w:cantSplit")) is not None for p in properties)  # no row split
    assert properties[0] is not None and properties[0].find(qn("w:tblHeader")) is not None  # repeated on each page
    per_capita = next(row for row in bieu.rows if row.cells[1].text.strip() == "GRDP bình quân đầu người")
    assert [cell.text for cell in per_capita.cells][3:7] == ["51,51 *", "55,89 (ước)", "108,5%", "+7,7%"]
    assert "* giá trị minh họa, không phải số liệu công bố" in texts
    signatures = document.tables[2].rows[0].cells
    assert [c.paragraphs[0].text for c in signatures] == ["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"]


def test_text_and_docx_are_for_report_only(shipped: Path, tmp_path: Path) -> None:
    for command in (["list"], ["history"], ["show", "grdp_growth"]):
        for fmt in ("text", "docx"):
            result = run(*command, "--plan", str(shipped), "--format", fmt, "-o", str(tmp_path / "x"))
            assert result.code == 2 and result.out == ""
            assert result.err == f"tracker: error: --format {fmt} chỉ dùng cho `tracker report`\n"
    assert not (tmp_path / "x").exists()


def test_a_binary_format_is_refused_at_a_terminal_with_a_hint(shipped: Path) -> None:
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(TRACKER), "report", "--plan", str(shipped), "--format", "xlsx", "--lang", "en"],
                            stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.PIPE, env=base_env())  # fmt: skip
    os.close(follower)
    _, err = proc.communicate(timeout=60)
    os.close(leader)
    assert proc.returncode == 2
    assert (
        err.decode() == "tracker: error: --format xlsx is a file, not text: add --output FILE (or redirect: > FILE)\n"
    )


def test_an_output_that_cannot_be_written_is_exit_6_and_leaves_nothing_behind(shipped: Path, tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    old = folder / "bieu.xlsx"
    old.write_bytes(b"the previous report")
    folder.chmod(0o555)
    before = snapshot(folder)
    try:
        proc = subprocess.run([str(TRACKER), "report", "--plan", str(shipped), "-o", str(old)], capture_output=True,
                              env=base_env(), timeout=60,
                              preexec_fn=drop_file_capabilities if os.geteuid() == 0 else None)  # fmt: skip
    finally:
        folder.chmod(0o755)
    assert proc.returncode == 6
    assert proc.stderr.decode().startswith(f"tracker: error: {old}: không ghi được kết quả ra: ")
    assert snapshot(folder) == before  # the old file whole, no temporary file left
    missing = run("report", "--plan", str(shipped), "-o", str(tmp_path / "no" / "such" / "folder.docx"))
    assert missing.code == 6 and not (tmp_path / "no").exists()


def test_output_replaces_a_file_whole_and_keeps_its_mode(shipped: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.txt"
    out.write_text("old and longer than what replaces it\n" * 100)
    out.chmod(0o640)
    result = run("report", "--plan", str(shipped), "--period", "2024", "--format", "text", "-o", str(out))
    assert (result.code, result.out) == (0, "")
    assert out.read_text(encoding="utf-8") == PARAGRAPH_2024_VI
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.txt"]


def test_markdown_opens_with_the_same_paragraph_as_text(shipped: Path) -> None:
    text = run("report", "--plan", str(shipped), "--period", "2024", "--format", "text", "--lang", "en")
    markdown = run("report", "--plan", str(shipped), "--period", "2024", "--format", "markdown", "--lang", "en")
    assert markdown.code == 0
    assert markdown.out.split("\n\n")[2] == " ".join(text.out.split())
