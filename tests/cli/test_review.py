"""Issue 15's rules where the parts built in parallel meet (a review after the merge),
through the installed command in Vietnamese and English plans: an illustrative value that
is text in the Biểu, a range figure of a period that ended incomplete, a headline reported
before the year's end against the full-year estimates then known."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, base_env, run
from docx import Document
from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no types

PLAN = """\
[plan]
title = "Kế hoạch"
organisation = "UBND"
language = "{lang}"
default_period = "2025"
basically_met = 0.05

[[target]]
id = "growth"
name = "Tăng trưởng GRDP"
name_en = "GRDP growth"
group = "Kinh tế"
unit = "%"
plan.2025 = {{ at_least = 8, amended = [{{ from = 2025-02-20, at_least = 7.5, source = "NQ 05", illustrative = true }}] }}

[[target]]
id = "exports"
name = "Kim ngạch xuất khẩu"
name_en = "Exports"
group = "Kinh tế"
unit = "triệu USD"
accumulates = true
plan.2025 = {{ at_least = 100 }}

[[target]]
id = "beds"
name = "Giường bệnh"
name_en = "Hospital beds"
group = "Xã hội"
unit = "giường"
plan.2025 = {{ between = [30, 32], illustrative = true }}
"""


def write_plan(folder: Path, lang: str) -> Path:
    path = folder / "plan.toml"
    path.write_text(PLAN.format(lang=lang), encoding="utf-8")
    return path


def tracker(plan: Path, *args: str) -> str:
    result = run(*args, "--plan", str(plan))
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize(
    ("lang", "amended", "between"),
    [("vi", "≥ 8 → ≥ 7,5 * (NQ 05)", "30–32 *"), ("en", "≥ 8 → ≥ 7.5 * (NQ 05)", "30–32 *")],
)
def test_the_bieu_marks_an_illustrative_plan_value_written_as_text_once(
    tmp_path: Path, lang: str, amended: str, between: str
) -> None:
    plan = write_plan(tmp_path, lang)
    tracker(plan, "record", "beds", "31", "--period", "2025", "--as-of", "2025-12-31")
    xlsx, docx = tmp_path / "bieu.xlsx", tmp_path / "bieu.docx"
    tracker(plan, "report", "--output", str(xlsx))
    tracker(plan, "report", "--output", str(docx))
    sheet = load_workbook(xlsx).worksheets[0]
    plans = {sheet.cell(row, 2).value: sheet.cell(row, 4).value for row in range(6, sheet.max_row + 1)}
    document = Document(str(docx))
    rows = [row.cells for table in document.tables for row in table.rows if len(row.cells) == 8]
    cells = {row[1].text: row[3].text for row in rows}
    name = {"vi": "Giường bệnh", "en": "Hospital beds"}[lang]
    growth = {"vi": "Tăng trưởng GRDP", "en": "GRDP growth"}[lang]
    for shown in (plans, cells):
        assert (shown[name], shown[growth]) == (between, amended)


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("vi", "Kim ngạch xuất khẩu: Chưa đủ số liệu cả kỳ (90,0–96,0% kế hoạch tính đến 31/10/2025)"),
        ("en", "Exports: Incomplete (90.0–96.0% of plan at 2025-10-31)"),
    ],
)
def test_a_range_figure_of_a_period_over_before_its_end_is_incomplete_with_its_share_of_plan(
    tmp_path: Path, lang: str, said: str
) -> None:
    plan = write_plan(tmp_path, lang)
    tracker(plan, "record", "exports", "90-96", "--period", "2025", "--as-of", "2025-10-31")
    report = tracker(plan, "report", "--as-of", "2026-01-15", "--format", "plain")
    assert said in report.splitlines()
    text = tracker(plan, "report", "--as-of", "2026-01-15", "--format", "text").replace("\n", " ")
    known = said.split(" (", 1)[1].rstrip(")")  # the year-end paragraph says the same
    assert known in text


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("typed", "spelling"), [("62-61", "61-62"), ("-2..-3", "-3..-2"), ("5..-3", "-3..5"), ("8-8", "8")]
)
def test_a_range_refused_for_its_order_suggests_a_spelling_that_is_then_recorded(
    tmp_path: Path, lang: str, typed: str, spelling: str
) -> None:
    """The suggestion is never one tracker refuses: a negative low end with "..", and two
    equal ends as the one number they are."""
    plan = write_plan(tmp_path, lang)
    refused = run("record", "beds", "--period", "2025", "--plan", str(plan), "--", typed)
    assert refused.code == 2
    assert refused.err.rstrip("\n").endswith(f"{spelling})" if spelling != "8" else ", 8"), refused.err
    assert not (tmp_path / "plan.progress.toml").exists()
    recorded = run("record", "beds", "--period", "2025", "--plan", str(plan), "--", spelling)
    assert recorded.code == 0, recorded.err


@pytest.mark.parametrize(("lang", "computed"), [("vi", "tính toán: Không đánh giá"), ("en", "computed: Not judged")])
def test_a_word_dated_before_the_end_of_an_accumulating_period_is_never_incomplete(
    tmp_path: Path, lang: str, computed: str
) -> None:
    """A word is judged only by the verdict reported with it: its computed status is not
    judged, whatever its date, and the headline counts its verdict."""
    plan = write_plan(tmp_path, lang)
    tracker(plan, "record", "exports", "Tăng mạnh", "--period", "2025", "--as-of", "2025-11-30", "--verdict", "met")
    item = json.loads(tracker(plan, "report", "--as-of", "2026-01-15", "--format", "json"))
    exports = next(t for t in item["targets"] if t["id"] == "exports")
    assert (exports["status"], exports["computed_status"], exports["actual_text"]) == ("met", "not_judged", "Tăng mạnh")
    assert item["summary"]["by_status"]["incomplete"] == 0 and item["summary"]["met_or_exceeded"] == 1
    shown = tracker(plan, "show", "exports", "--as-of", "2026-01-15", "--format", "plain")
    assert computed in shown


@pytest.mark.parametrize(("lang", "typed", "low", "high"), [("vi", "29,5..30", 29.5, 30), ("en", "29.5..30", 29.5, 30),
                                                            ("vi", "29..31", 29, 31)])  # fmt: skip
def test_an_office_csv_reads_a_range_written_with_two_dots_by_its_decimal_mark(
    tmp_path: Path, lang: str, typed: str, low: float, high: float
) -> None:
    """ ".." joins a range's ends in an office's sheet as in `record`: "29,5..30" is not a
    number in the wrong decimal mark."""
    plan = write_plan(tmp_path, lang)
    sheet = tmp_path / "so-lieu.csv"
    sheet.write_text(f"Mã chỉ tiêu;Kỳ;Ngày;Giá trị\nbeds;2025;31/12/2025;{typed}\n", encoding="utf-8")
    result = run("import", str(sheet), "--plan", str(plan))
    assert result.code == 0, result.err
    item = json.loads(tracker(plan, "report", "--as-of", "2026-01-15", "--format", "json"))
    beds = next(t for t in item["targets"] if t["id"] == "beds")
    assert (beds["actual_low"], beds["actual_high"]) == (low, high)


@pytest.mark.parametrize(
    ("lang", "said"),
    [("vi", "Giường bệnh (29,1–29,4 giường, bằng 97,0–98,0% kế hoạch)"),
     ("en", "Hospital beds (29.1–29.4 giường, 97.0–98.0% of plan)")],
)  # fmt: skip
def test_the_year_end_paragraph_gives_a_range_figure_its_percent_of_plan(tmp_path: Path, lang: str, said: str) -> None:
    """A range basically met is named with its % of plan as a range, as the table shows it."""
    plan = write_plan(tmp_path, lang)
    tracker(plan, "record", "beds", "29.1-29.4", "--period", "2025", "--as-of", "2025-12-31")
    text = tracker(plan, "report", "--as-of", "2026-01-15", "--format", "text").replace("\n", " ")
    assert said in text


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_workbook_plan_column_is_as_wide_as_an_amended_value(tmp_path: Path, lang: str) -> None:
    """An amended value ("≥ 8 → ≥ 7,5 * (NQ 05)") is text; a cell beside it would cut it in
    print, so its column is widened to it, as the actual column is to its figures."""
    plan = write_plan(tmp_path, lang)
    tracker(plan, "record", "beds", "29.1-29.4", "--period", "2025", "--as-of", "2025-12-31")
    tracker(plan, "record", "beds", "29.2-29.5", "--period", "2025", "--as-of", "2025-12-31")
    xlsx = tmp_path / "bieu.xlsx"
    tracker(plan, "report", "--as-of", "2026-01-15", "--output", str(xlsx))
    sheet = load_workbook(xlsx).worksheets[0]
    cells = [(sheet.cell(row, 4).value, sheet.cell(row, 5).value) for row in range(6, sheet.max_row + 1)]
    amended = next(p for p, _ in cells if isinstance(p, str) and "→" in p)
    revised = next(a for _, a in cells if isinstance(a, str) and ("29,2" in a or "29.2" in a))  # with its mark
    assert sheet.column_dimensions["D"].width >= len(amended)
    assert sheet.column_dimensions["E"].width >= len(revised)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_word_sent_again_with_another_verdict_is_a_revision(tmp_path: Path, lang: str) -> None:
    """Import's never-twice rule compares the reported verdict too: the same word with the
    same verdict is already recorded, with another verdict it is recorded as a revision."""
    plan = tmp_path / "plan.toml"
    plan.write_text(SMALL_PLAN.replace('language = "en"', f'language = "{lang}"'), encoding="utf-8")
    source = tmp_path / "figures.csv"
    source.write_text("target,period,value,as_of,verdict\ngrowth,2025,Xuất siêu,2025-12-31,met\n", encoding="utf-8")
    assert run("import", str(source), "--plan", str(plan)).code == 0
    again = run("import", str(source), "--plan", str(plan), "--lang", "en")
    assert again.code == 0 and "1 already recorded" in again.err, again.err
    source.write_text("target,period,value,as_of,verdict\ngrowth,2025,Xuất siêu,2025-12-31,basically_met\n",
                      encoding="utf-8")  # fmt: skip
    revised = run("import", str(source), "--plan", str(plan), "--lang", "en")
    assert revised.code == 0 and "1 of them a revision" in revised.err, revised.err
    report = json.loads(run("report", "--plan", str(plan), "--format", "json").out)
    growth = next(item for item in report["targets"] if item["id"] == "growth")
    assert (growth["status"], growth["actual_text"]) == ("basically_met", "Xuất siêu")


def test_a_parent_incomplete_through_its_component_has_no_empty_note(tmp_path: Path) -> None:
    """The line under the table tells of the component whose year ended with a part-year
    figure, never of its parent, which has no figure of its own ("Revenue: Incomplete ()")."""
    plan = tmp_path / "plan.toml"
    plan.write_text("""\
[plan]
title = "Plan"
organisation = "Province"
language = "en"
default_period = "2025"

[[target]]
id = "revenue"
name = "Revenue"
group = "Economy"
unit = "bn"

[[target]]
id = "revenue_tax"
name = "Tax revenue"
group = "Economy"
unit = "bn"
parent = "revenue"
accumulates = true
plan.2025 = { at_least = 3000 }
""", encoding="utf-8")  # fmt: skip
    recorded = run("record", "revenue_tax", "2540", "--as-of", "2025-10-31", "--plan", str(plan))
    assert recorded.code == 0, recorded.err
    out = run("report", "--plan", str(plan), "--format", "plain", "--as-of", "2026-03-01").out
    notes = [line for line in out.splitlines() if ": Incomplete" in line]
    assert notes == ["Tax revenue: Incomplete (84.7% of plan at 2025-10-31, projected for the year 3,050)"], out


@pytest.mark.parametrize("columns", ["80", "100", "120"])
def test_the_table_keeps_every_verdict_word_whole(shipped: Path, columns: str) -> None:
    """At 80 columns and more the verdict column keeps its words whole (the names give up
    the room, and below 100 the trend goes with the bar): no "Chưa đủ s" or "K" alone."""
    env = base_env(COLUMNS=columns)
    out = run("report", "--format", "table", "--plan", str(shipped), env=env).out
    lines = out.splitlines()
    table = lines[: next(i for i, line in enumerate(lines) if line and not line.startswith(" "))]  # notes follow
    words = {w for line in table for w in line.split()}
    assert {"Vượt", "Không", "đạt", "Chưa", "đủ", "số", "liệu", "cả", "kỳ", "có"} <= words, out
    assert all(len(line) <= int(columns) for line in out.splitlines())


def test_a_neutral_target_without_its_figure_is_not_judged(tmp_path: Path) -> None:
    """README: a target with a neutral plan value is not_judged, with or without a figure
    (a share of the economic structure not reported yet is not "no data" to chase)."""
    plan = tmp_path / "plan.toml"
    plan.write_text(SMALL_PLAN + '''
[[target]]
id = "agri_share"
name = "Agriculture's share"
group = "Economy"
unit = "%"
plan.2025 = { point = 12.44, better = "none" }
''', encoding="utf-8")  # fmt: skip
    report = json.loads(run("report", "--plan", str(plan), "--format", "json").out)
    share = next(item for item in report["targets"] if item["id"] == "agri_share")
    assert (share["status"], share["counted"]) == ("not_judged", False)
