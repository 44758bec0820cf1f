"""Vietnamese and English for people; machine formats identical in both."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Literal

import pytest
from conftest import run

from tracker.render.plain import cell_width

PLAN = """\
[plan]
title = "Kế hoạch năm 2025 của tỉnh"
title_en = "Provincial plan 2025"
organisation = "UBND tỉnh"
language = "vi"
default_period = "2025"

[[target]]
id = "growth"
name = "Tốc độ tăng trưởng GRDP"
name_en = "GRDP growth"
group = "Kinh tế"
unit = "%"
plan.2025 = { at_least = 8 }

[[target]]
id = "revenue"
name = "Thu ngân sách"
name_en = "Budget revenue"
group = "Kinh tế"
unit = "tỷ đồng"
accumulates = true
plan.2025 = { at_least = 3000 }

[[target]]
id = "poverty_cut"
name = "Giảm tỷ lệ hộ nghèo"
name_en = "Poverty rate cut"
group = "Xã hội"
unit = "điểm %"
plan.2025 = { at_least = 3 }

[[target]]
id = "school"
name = "Phổ cập giáo dục tiểu học mức độ 3"
name_en = "Primary level 3"
group = "Xã hội"
unit = ""
plan.2025 = { milestone = true }
"""

FIGURES = [
    ("growth", "7.5", "-p", "2024", "--as-of", "2024-12-31", "--unplanned"),
    ("growth", "8.25", "-p", "2025", "--as-of", "2025-06-30", "-s", "estimate"),
    ("revenue", "1234.5", "--as-of", "2025-06-30", "-s", "preliminary"),
    ("poverty_cut", "2.9", "-p", "2025", "--as-of", "2025-06-30", "--verdict", "met"),
]

REPORT_VI = """\
Kế hoạch năm 2025 của tỉnh
UBND tỉnh · 2025 · tính đến 01/07/2025

Mã           Chỉ tiêu                            ĐVT      Kế hoạch        Thực hiện    % KH  So cùng kỳ  Xu hướng  Đánh giá
[Kinh tế]
growth       Tốc độ tăng trưởng GRDP             %             ≥ 8       8,25 (ước)  103,1%                        Đúng tiến độ
revenue      Thu ngân sách                       tỷ đồng   ≥ 3.000  1.234,5 (sơ bộ)   41,2%                        Chậm tiến độ
[Xã hội]
poverty_cut  Giảm tỷ lệ hộ nghèo                 điểm %        ≥ 3              2,9   96,7%                        Đạt (báo cáo)
school       Phổ cập giáo dục tiểu học mức độ 3                Đạt                                                 Chưa có số liệu

1/4 chỉ tiêu đạt và vượt kế hoạch (Đạt 1, Chưa có số liệu 1, Đúng tiến độ 1, Chậm tiến độ 1)
"""

REPORT_EN = """\
Provincial plan 2025
UBND tỉnh · 2025 · as of 2025-07-01

ID           Target            Unit        Plan             Actual  % plan  vs last year  Trend  Status
[Kinh tế]
growth       GRDP growth       %            ≥ 8        8.25 (est.)  103.1%                       On track
revenue      Budget revenue    tỷ đồng  ≥ 3,000  1,234.5 (prelim.)   41.2%                       Off track
[Xã hội]
poverty_cut  Poverty rate cut  điểm %       ≥ 3                2.9   96.7%                       Met (reported)
school       Primary level 3            Achieve                                                  No data

1 of 4 targets met or exceeded the plan (Met 1, No data 1, On track 1, Off track 1)
"""

SHOW_VI = """\
Thu ngân sách
Mã: revenue · Nhóm: Kinh tế · ĐVT: tỷ đồng

Kỳ    Kế hoạch        Thực hiện  Đến ngày     % KH  So cùng kỳ  Đánh giá
2025   ≥ 3.000  1.234,5 (sơ bộ)  30/06/2025  41,2%              Chậm tiến độ: 1.234,5 đến 30/06/2025 (49,6% thời gian của kỳ); nếu giữ nhịp này, cả kỳ ước 2.489 so với kế hoạch ≥ 3.000; cần thêm 1.766 tỷ đồng trong 6 tháng cuối kỳ

Diễn biến (█ thực hiện, │ kế hoạch)
2025  ████████████████                        │  1.234,5  kế hoạch ≥ 3.000

Số liệu đã ghi
  2025  1.234,5  sơ bộ  30/06/2025  [ID]
"""

SHOW_EN = """\
Poverty rate cut
ID: poverty_cut · Group: Xã hội · Unit: điểm %

Period  Plan  Actual  As of       % plan  vs last year  Status
2025     ≥ 3     2.9  2025-06-30   96.7%                Met as reported (computed: Not met: 2.9 falls short of the plan ≥ 3)

History (█ actual, │ plan)
2025  ███████████████████████████████████████ │  2.9  plan ≥ 3

Figures recorded
  2025  2.9  official  2025-06-30  [ID]  reported: Met
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The small plan above with four figures recorded through the CLI."""
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    for figure in FIGURES:
        assert run("record", *figure, "--plan", str(path)).code == 0
    return path


def test_report_in_vietnamese(plan: Path) -> None:
    """The plain report in Vietnamese, word for word: verdicts, numbers, headline."""
    assert run("report", "--as-of", "2025-07-01", "--plan", str(plan)).out == REPORT_VI


def test_report_in_english(plan: Path) -> None:
    """The same report in English, with English names, numbers and verdicts."""
    assert run("report", "--as-of", "2025-07-01", "--lang", "en", "--plan", str(plan)).out == REPORT_EN


def test_show_explains_the_verdict_in_both_languages(plan: Path) -> None:
    """show explains a pace in Vietnamese and a reported verdict in English."""
    ids = re.compile(r"\[[a-z2-7]{16}\]")  # entry ids are random: compared as [ID]
    assert ids.sub("[ID]", run("show", "revenue", "--as-of", "2025-07-01", "--plan", str(plan)).out) == SHOW_VI
    assert ids.sub("[ID]", run("show", "poverty_cut", "--lang", "en", "--plan", str(plan)).out) == SHOW_EN


def test_record_messages_in_both_languages(plan: Path) -> None:
    """record says what it recorded and how the target stands, in the reader's language;
    a second figure for the same point says which value it revises."""
    vi = run("record", "growth", "8,3", "-p", "2025", "--as-of", "31/12/2025", "--plan", str(plan))
    en = run("record", "growth", "8.4", "-p", "2025", "--as-of", "2025-12-31", "--lang", "en", "--plan", str(plan))
    assert re.fullmatch(r"đã ghi growth 2025 = 8,3 tính đến 31/12/2025 \[[a-z2-7]{16}\]; "
                        r"hiện tại: Vượt; kế hoạch ≥ 8\n", vi.out)  # fmt: skip
    assert re.fullmatch(
        r"recorded growth 2025 = 8.4 \(revised from 8.3\) as of 2025-12-31 \[[a-z2-7]{16}\]; now: Exceeded; plan ≥ 8\n",
        en.out,
    )


def test_errors_about_data_in_both_languages(plan: Path) -> None:
    """A refused figure is explained in Vietnamese or English."""
    vi = run("record", "growth", "2,365", "--plan", str(plan))
    en = run("record", "growth", "2,365", "--lang", "en", "--plan", str(plan))
    assert vi.err == ("tracker: error: value: số '2,365' không rõ nghĩa: dấu phẩy có thể là dấu thập phân hoặc "
                      "dấu phân cách hàng nghìn; hãy viết 2365 hoặc 2,3650\n")  # fmt: skip
    assert en.err == ("tracker: error: value: ambiguous number '2,365': a comma may be a decimal or a thousands "
                      "separator; write 2365 or 2,3650\n")  # fmt: skip


def test_plan_errors_in_vietnamese(tmp_path: Path) -> None:
    """Plan-file problems are worded in the plan's language, with file and line."""
    path = tmp_path / "plan.toml"
    path.write_text(PLAN.replace('group = "Xã hội"\nunit = ""', 'gruop = "Xã hội"\nunit = ""'), encoding="utf-8")
    result = run("report", "--plan", str(path))
    assert result.code == 4
    assert f"tracker: error: {path}:37: khóa 'gruop' không hợp lệ trong chỉ tiêu 'school'; có phải là 'group'?" in (
        result.err.splitlines()
    )


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_columns_align_with_diacritics(plan: Path, form: Literal["NFC", "NFD"]) -> None:
    """Every column starts at the same display column on every row, NFC or NFD input."""
    plan.write_text(unicodedata.normalize(form, plan.read_text(encoding="utf-8")), encoding="utf-8")
    lines = run("report", "--as-of", "2025-07-01", "--plan", str(plan)).out.splitlines()
    table = [line for line in lines[3:] if line and not line.startswith("[")][:-1]
    status_at = {cell_width(line[: line.index(word)]) for line, word in zip(
        table, ["Đánh giá", "Đúng tiến độ", "Chậm tiến độ", "Đạt (báo cáo)", "Chưa có số liệu"], strict=True)}  # fmt: skip
    assert len(status_at) == 1
    assert "\n".join(lines) + "\n" == REPORT_VI


def test_machine_formats_ignore_language(plan: Path) -> None:
    """csv, tsv and json are byte-identical whatever --lang says."""
    for fmt in ("csv", "tsv", "json"):
        vi, en = (run("report", "-f", fmt, "--lang", lang, "--as-of", "2025-07-01", "--plan", str(plan))
                  for lang in ("vi", "en"))  # fmt: skip
        assert vi.code == en.code == 0, vi.err + en.err
        assert "poverty_cut" in vi.out and "on_track" in vi.out and "Đúng tiến độ" not in vi.out
        assert vi.out == en.out


def test_language_is_found_in_a_plan_table_written_after_many_targets(tmp_path: Path) -> None:
    """The [plan] table may come last, after more than the first 64 KB read to find the language."""
    targets = "".join(
        f'[[target]]\nid = "t{i:04d}"\nname = "Chỉ tiêu {i}"\ngroup = "Nhóm"\nunit = "%"\nplan.2025 = {{ at_least = 1 }}\n\n'
        for i in range(1200)
    )
    plan = tmp_path / "plan.toml"
    plan.write_text(targets + '[plan]\ntitle = "T"\norganisation = "O"\nlanguage = "vi"\ndefault_period = "2025"\n',
                    encoding="utf-8")  # fmt: skip
    assert plan.stat().st_size > 1 << 16
    result = run("show", "nope", "--plan", str(plan))
    assert result.code == 2
    assert "không có chỉ tiêu 'nope'" in result.err  # worded in the plan's language


def test_errors_on_lines_typer_reads_are_worded_in_the_plans_language(plan: Path) -> None:
    """The fast path and Typer hand the same command to the same action: the refusal is
    worded alike (a repeated option is read by Typer, which keeps the last)."""
    served = run("record", "growth", "2,365", "--plan", str(plan))
    by_typer = run("record", "growth", "2,365", "-p", "2024", "-p", "2025", "--plan", str(plan))
    assert by_typer.code == served.code == 2
    assert by_typer.err == served.err and "không rõ nghĩa" in served.err


def test_output_that_cannot_be_written_is_said_in_the_plans_language(plan: Path) -> None:
    """Even when writing fails at the last flush, after the command has returned."""
    import subprocess

    from conftest import TRACKER, base_env

    for lang, said in (("vi", "không ghi được kết quả ra: "), ("en", "cannot write the output: ")):
        with open("/dev/full", "wb") as full:
            proc = subprocess.run([str(TRACKER), "list", "--format", "csv", "--lang", lang, "--plan", str(plan)],
                                  stdout=full, stderr=subprocess.PIPE, env=base_env(), timeout=60)  # fmt: skip
        assert proc.returncode == 6
        assert proc.stderr.decode("utf-8").startswith(f"tracker: error: {said}")


def test_no_language_is_carried_from_one_run_to_the_next(
    plan: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Runs in one process (as tests and scripts make them) each word their own errors:
    after a Vietnamese plan's error, a run that finds no plan at all speaks English."""
    from tracker.cli import main

    assert main(["show", "nope", "--plan", str(plan)]) == 2
    assert "không có chỉ tiêu 'nope'" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.chdir(empty)
    monkeypatch.delenv("TRACKER_PLAN", raising=False)
    assert main(["report"]) == 4
    assert capsys.readouterr().err.startswith("tracker: error: no plan file here")
