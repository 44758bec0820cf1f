"""Amended plan values, `about` without a tolerance and "cơ bản đạt" through the installed
command, in Vietnamese and English plans: what a user reads and what scripts get."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import run, snapshot

AMENDED = '{ at_least = 8, amended = [{ from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" }] }'


def write_plan(folder: Path, lang: str, plan_lines: str = "", growth: str = AMENDED, extra: str = "") -> Path:
    """A plan of three targets: growth (amended by default), about (no tolerance), revenue."""
    path = folder / "plan.toml"
    path.write_text(f"""\
[plan]
title = "Kế hoạch"
organisation = "UBND"
language = "{lang}"
default_period = "2025"
{plan_lines}
[[target]]
id = "growth"
name = "Tăng trưởng GRDP"
name_en = "GRDP growth"
group = "Kinh tế"
unit = "%"
plan.2025 = {growth}

[[target]]
id = "jobs"
name = "Tỷ lệ thất nghiệp"
name_en = "Unemployment"
group = "Kinh tế"
unit = "%"
plan.2025 = {{ about = 4 }}

[[target]]
id = "revenue"
name = "Thu ngân sách"
name_en = "Budget revenue"
group = "Kinh tế"
unit = "tỷ đồng"
{extra}plan.2025 = {{ at_least = 3000 }}
""", encoding="utf-8")  # fmt: skip
    return path


def tracker(plan: Path, *args: str) -> str:
    result = run(*args, "--plan", str(plan))
    assert result.code == 0, result.err
    return result.out


def record(plan: Path, target: str, value: str, *more: str) -> None:
    tracker(plan, "record", target, value, "--period", "2025", "--as-of", "2025-12-31", *more)


def row(report_json: str, target: str) -> dict[str, object]:
    return next(t for t in json.loads(report_json)["targets"] if t["id"] == target)


# ---------------------------------------------------------------- amendments


@pytest.mark.parametrize(
    ("lang", "arrow", "status_after", "status_before"),
    [("vi", "≥ 8 → ≥ 7,5 (NQ 05/NQ-HĐND)", "Vượt", "Không đạt"),
     ("en", "≥ 8 → ≥ 7.5 (NQ 05/NQ-HĐND)", "Exceeded", "Not met")],
)  # fmt: skip
def test_a_period_is_judged_against_the_amendment_once_it_takes_effect(
    tmp_path: Path, lang: str, arrow: str, status_after: str, status_before: str
) -> None:
    """After 20/02 the report shows both values and judges 7.6 against 7.5; looking back
    to before it, the original alone, and 7.6 of January against 8."""
    plan = write_plan(tmp_path, lang)
    tracker(plan, "record", "growth", "7.6", "--period", "2025", "--as-of", "2025-01-31")
    before = tracker(plan, "report", "--as-of", "2025-02-19", "--format", "plain")
    line = next(line for line in before.splitlines() if line.startswith("growth"))
    assert "→" not in line and "≥ 8" in line and "7" in line
    record(plan, "growth", "7.6")
    after = tracker(plan, "report", "--as-of", "2026-01-31", "--format", "plain")
    line = next(line for line in after.splitlines() if line.startswith("growth"))
    assert arrow in line and line.rstrip().endswith(status_after)
    ended = tracker(plan, "report", "--as-of", "2026-01-31", "--format", "json")
    assert row(ended, "growth")["status"] == "exceeded"
    for fmt in ("markdown", "html"):  # html breaks the long cell on lines: <br> before the arrow and the document
        assert arrow in tracker(plan, "report", "--as-of", "2026-01-31", "--format", fmt).replace("<br>", " ")
    # the plan without the amendment: the same figure misses
    (tmp_path / "plain").mkdir()
    unamended = write_plan(tmp_path / "plain", lang, growth="{ at_least = 8 }")
    record(unamended, "growth", "7.6")
    assert (
        row(tracker(unamended, "report", "--as-of", "2026-01-31", "--format", "json"), "growth")["status"] == "not_met"
    )
    assert status_before in tracker(unamended, "report", "--as-of", "2026-01-31", "--format", "plain")


def test_csv_and_json_carry_the_value_in_force_then_the_original_and_the_amendment(tmp_path: Path) -> None:
    """plan* fields are the value judged against; plan_original*, plan_amended_* after the older fields."""
    plan = write_plan(tmp_path, "en")
    record(plan, "growth", "7.6")
    item = row(tracker(plan, "report", "--format", "json"), "growth")
    assert (item["plan"], item["plan_shape"], item["status"]) == (7.5, "at_least", "exceeded")
    assert (item["plan_original"], item["plan_original_shape"]) == (8, "at_least")
    assert (item["plan_amended_from"], item["plan_amended_by"]) == ("2025-02-20", "NQ 05/NQ-HĐND")
    rows = list(csv.DictReader(io.StringIO(tracker(plan, "report", "--format", "csv"))))
    header = list(rows[0])
    added = ["plan_original", "plan_original_shape", "plan_amended_from", "plan_amended_by"]
    start = header.index("plan_original")
    assert header[start : start + 4] == added and start > header.index("term_projected")  # after every older field
    growth, jobs = rows[0], rows[1]
    assert (growth["plan"], growth["plan_original"], growth["plan_amended_by"]) == ("7.5", "8", "NQ 05/NQ-HĐND")
    assert (jobs["plan_original"], jobs["plan_amended_from"]) == ("", "")
    early = row(tracker(plan, "report", "--as-of", "2025-02-19", "--format", "json"), "growth")
    assert (early["plan"], early["plan_original"], early["plan_amended_by"]) == (8, None, None)


@pytest.mark.parametrize(("lang", "heading", "since"), [("vi", "Giá trị kế hoạch và các lần điều chỉnh", "từ 20/02/2025"),
                                                         ("en", "Plan values and their amendments", "from 2025-02-20")])  # fmt: skip
def test_show_lists_every_version_and_list_shows_the_one_in_force(
    tmp_path: Path, lang: str, heading: str, since: str
) -> None:
    """`show`: the value as written, then each amendment with its date and source, oldest
    first whatever the file's order; `list`: the value in force today with the arrow."""
    growth = ('{ at_least = 8, amended = [{ from = 2025-09-01, between = [6, 7], source = "NQ 20" }, '
              '{ from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" }] }')  # fmt: skip
    plan = write_plan(tmp_path, lang, growth=growth)
    shown = tracker(plan, "show", "growth", "--format", "plain").splitlines()
    at = shown.index(heading)
    seven_five = "7,5" if lang == "vi" else "7.5"
    assert shown[at + 1 : at + 4] == [
        "  2025: ≥ 8",
        f"  2025: {since} ≥ {seven_five} (NQ 05/NQ-HĐND)",
        f"  2025: {since.replace('20/02', '01/09').replace('02-20', '09-01')} 6–7 (NQ 20)",
    ]
    listed = tracker(plan, "list", "--format", "plain")
    assert "≥ 8 → 6–7 (NQ 20)" in listed
    items = json.loads(tracker(plan, "list", "--format", "json"))["targets"]
    growth_item = next(t for t in items if t["id"] == "growth")
    assert growth_item["plan_shape"] == "range" and growth_item["plan_amended_by"] == "NQ 20"
    assert [a["from"] for a in growth_item["plans"]["2025"]["amended"]] == ["2025-02-20", "2025-09-01"]


@pytest.mark.parametrize(
    ("amended", "message"),
    [('[{ at_least = 7.5, source = "NQ" }]',
      "an amendment needs 'from', the date it takes effect, e.g. from = 2025-02-20"),
     ('[{ from = 2025-02-20, at_least = 7.5 }]', "an amendment needs 'source', the document that made it, in quotes"),
     ('[{ from = 2025-02-20, at_least = 7, source = "A" }, { from = 2025-02-20, at_most = 9, source = "B" }]',
      "two amendments take effect on 2025-02-20")],
)  # fmt: skip
def test_a_bad_amendment_stops_with_its_line_and_writes_nothing(tmp_path: Path, amended: str, message: str) -> None:
    """FILE:LINE: message, exit 4, no traceback, nothing written."""
    plan = write_plan(tmp_path, "en", growth=f"{{ at_least = 8, amended = {amended} }}")
    before = snapshot(tmp_path)
    result = run("record", "growth", "7.6", "--plan", str(plan))
    assert result.code == 4
    assert result.err == f"tracker: error: {plan}:13: target 'growth', 2025: {message}\n"
    assert snapshot(tmp_path) == before


def test_a_bad_amendment_is_worded_in_vietnamese(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, "vi", growth='{ at_least = 8, amended = [{ at_least = 7.5, source = "NQ" }] }')
    result = run("report", "--plan", str(plan))
    assert result.code == 4 and "lần điều chỉnh cần có 'from', ngày có hiệu lực" in result.err


# ---------------------------------------------------------------- about without a tolerance


@pytest.mark.parametrize(
    ("value", "status"),
    [("3.5", "met"), ("4.5", "met"), ("4", "met"), ("3.49", "not_met"), ("4.51", "exceeded")],
)
def test_about_without_a_tolerance_is_met_by_what_rounds_to_it(tmp_path: Path, value: str, status: str) -> None:
    """ "khoảng 4": 3.5 … 4.5 met at both edges; just outside judged by the good direction."""
    plan = write_plan(tmp_path, "en")
    record(plan, "jobs", value)
    item = row(tracker(plan, "report", "--format", "json"), "jobs")
    assert (item["status"], item["plan_tolerance"]) == (status, 0.5)


@pytest.mark.parametrize(("lang", "shown"), [("vi", "≈ 4"), ("en", "≈ 4")])
def test_about_without_a_tolerance_is_shown_as_written(tmp_path: Path, lang: str, shown: str) -> None:
    """People read the plan as published ("≈ 4"), not a tolerance nobody wrote."""
    plan = write_plan(tmp_path, lang)
    line = next(line for line in tracker(plan, "report", "--format", "plain").splitlines() if line.startswith("jobs"))
    assert shown in line and "±" not in line


# ---------------------------------------------------------------- basically met


@pytest.mark.parametrize(
    ("lang", "word", "headline"),
    [("vi", "Cơ bản đạt", "1/3 chỉ tiêu đạt và vượt kế hoạch (Đạt 1, Cơ bản đạt 1, Không đạt 1)"),
     ("en", "Basically met", "1 of 3 targets met or exceeded the plan (Met 1, Basically met 1, Not met 1)")],
)  # fmt: skip
def test_basically_met_is_shown_counted_apart_and_flagged(tmp_path: Path, lang: str, word: str, headline: str) -> None:
    """With basically_met = 0.05 in [plan]: 2,900 of 3,000 is basically met (never in "đạt
    và vượt"), 7.1 against 7.5 not met (0.4 > 5 % of 7.5); --check exits 3."""
    plan = write_plan(tmp_path, lang, "basically_met = 0.05")
    record(plan, "growth", "7.1")
    record(plan, "jobs", "4")
    record(plan, "revenue", "2850")
    out = tracker(plan, "report", "--format", "plain")
    line = next(line for line in out.splitlines() if line.startswith("revenue"))
    assert line.rstrip().endswith(word)
    assert headline in out
    summary = json.loads(tracker(plan, "report", "--format", "json"))["summary"]
    assert summary["met_or_exceeded"] == 1 and summary["by_status"]["basically_met"] == 1
    assert run("report", "--check", "--plan", str(plan)).code == 3
    text = tracker(plan, "report", "--format", "text")
    said = "Cơ bản đạt kế hoạch: Thu ngân sách" if lang == "vi" else "Basically met the plan: Budget revenue"
    assert said in " ".join(text.split())
    assert word in tracker(plan, "report", "--format", "html")


def test_basically_met_off_by_default_and_overridden_on_a_target(tmp_path: Path) -> None:
    """Without the key 2,850 is not met; a target's own share overrides the plan's, 0 switches it off."""
    plan = write_plan(tmp_path, "en")
    record(plan, "revenue", "2850")
    assert row(tracker(plan, "report", "--format", "json"), "revenue")["status"] == "not_met"
    for plan_lines, extra, status in (("basically_met = 0.05\n", "basically_met = 0\n", "not_met"),
                                      ("", "basically_met = 0.1\n", "basically_met"),
                                      ("basically_met = 0.01\n", "", "not_met")):  # fmt: skip
        write_plan(tmp_path, "en", plan_lines, extra=extra)
        assert row(tracker(plan, "report", "--format", "json"), "revenue")["status"] == status


def test_check_passes_when_nothing_is_short(tmp_path: Path) -> None:
    plan = write_plan(tmp_path, "en", "basically_met = 0.05")
    record(plan, "growth", "8")
    record(plan, "jobs", "4")
    record(plan, "revenue", "3000")
    assert run("report", "--check", "--plan", str(plan)).code == 0


@pytest.mark.parametrize(("lang", "typed", "shown"), [("vi", "Cơ bản đạt", "Cơ bản đạt (báo cáo)"),
                                                      ("en", "basically met", "Basically met (reported)")])  # fmt: skip
def test_a_reported_basically_met_is_taken_and_shown(tmp_path: Path, lang: str, typed: str, shown: str) -> None:
    """`record --verdict "Cơ bản đạt"` keeps the word basically_met and the report shows it as reported."""
    plan = write_plan(tmp_path, lang)
    record(plan, "revenue", "2500", "--verdict", typed)
    item = row(tracker(plan, "report", "--format", "json"), "revenue")
    assert (item["status"], item["computed_status"], item["reported"]) == ("basically_met", "not_met", True)
    assert shown in tracker(plan, "report", "--format", "plain")
    entry = json.loads(tracker(plan, "history", "--format", "json"))["entries"][0]
    assert entry["verdict"] == "basically_met"


@pytest.mark.parametrize(("written", "line"), [("1", 6), ("-0.1", 6), ('"5%"', 6)])
def test_a_wrong_basically_met_stops_with_its_line(tmp_path: Path, written: str, line: int) -> None:
    plan = write_plan(tmp_path, "en", f"basically_met = {written}")
    result = run("report", "--plan", str(plan))
    assert result.code == 4
    assert result.err == (
        f"tracker: error: {plan}:{line}: 'basically_met' is a share of the plan value from 0 up to 1, e.g. 0.05\n"
    )


def test_the_bieu_shows_both_plan_values_and_basically_met(tmp_path: Path) -> None:
    """xlsx and docx: the amended plan as text with its document, Đánh giá "Cơ bản đạt"."""
    from docx import Document
    from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no types

    plan = write_plan(tmp_path, "vi", "basically_met = 0.05")
    record(plan, "growth", "7.6")
    record(plan, "revenue", "2900")
    out = tmp_path / "bieu.xlsx"
    tracker(plan, "report", "--format", "xlsx", "--output", str(out))
    sheet = load_workbook(out)["Biểu"]
    rows = {sheet.cell(row, 2).value: row for row in range(6, sheet.max_row + 1)}
    assert sheet.cell(rows["Tăng trưởng GRDP"], 4).value == "≥ 8 → ≥ 7,5 (NQ 05/NQ-HĐND)"
    assert sheet.cell(rows["Tăng trưởng GRDP"], 8).value == "Vượt"
    assert sheet.cell(rows["Thu ngân sách"], 8).value == "Cơ bản đạt"
    document = tmp_path / "bieu.docx"
    tracker(plan, "report", "--format", "docx", "--output", str(document))
    cells = [cell.text for table in Document(str(document)).tables for row in table.rows for cell in row.cells]
    assert "≥ 8 → ≥ 7,5 (NQ 05/NQ-HĐND)" in cells and "Cơ bản đạt" in cells


def test_the_bieu_stars_an_illustrative_plan_once(tmp_path: Path) -> None:
    """An illustrative milestone and an illustrative amended value carry one star per
    value in the xlsx and docx Biểu, never one more for the cell."""
    from docx import Document
    from openpyxl import load_workbook

    growth = (
        "{ at_least = 8, illustrative = true, amended = [{ from = 2025-02-20, at_least = 7.5, illustrative = true, "
        'source = "NQ 05/NQ-HĐND" }] }'
    )
    extra = "plan.2024 = { milestone = true, illustrative = true }\n"
    plan = write_plan(tmp_path, "vi", growth=growth, extra=extra)
    out = tmp_path / "bieu.xlsx"
    tracker(plan, "report", "--format", "xlsx", "--output", str(out))
    sheet = load_workbook(out)["Biểu"]
    rows = {sheet.cell(row, 2).value: row for row in range(6, sheet.max_row + 1)}
    assert sheet.cell(rows["Tăng trưởng GRDP"], 4).value == "≥ 8 * → ≥ 7,5 * (NQ 05/NQ-HĐND)"
    document = tmp_path / "bieu.docx"
    tracker(plan, "report", "--format", "docx", "--output", str(document))
    cells = [cell.text for table in Document(str(document)).tables for row in table.rows for cell in row.cells]
    assert "≥ 8 * → ≥ 7,5 * (NQ 05/NQ-HĐND)" in cells
    tracker(plan, "report", "--period", "2024", "--format", "docx", "--output", str(document))
    cells = [cell.text for table in Document(str(document)).tables for row in table.rows for cell in row.cells]
    assert "Đạt *" in cells and not any(cell.endswith("* *") for cell in cells)
