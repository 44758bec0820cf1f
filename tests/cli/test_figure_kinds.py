"""Figures that are not one number, through the installed command: a range ("61-62", judged
by both ends) and a word ("Xuất siêu", recorded with its reported verdict), in both
languages, in every report format, through history and back in by import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run, snapshot
from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no types

LANGS = ("en", "vi")


def _plan(small_plan: Path, lang: str) -> str:
    """The small plan in ``lang`` (its language key), as a --plan argument."""
    text = small_plan.read_text(encoding="utf-8").replace('language = "en"', f'language = "{lang}"')
    small_plan.write_text(text, encoding="utf-8")
    return str(small_plan)


def _record(plan: str, *args: str) -> None:
    result = run("record", *args, "--period", "2025", "--plan", plan)
    assert result.code == 0, result.err


@pytest.mark.parametrize("lang", LANGS)
def test_a_range_is_recorded_shown_and_judged_by_its_worse_end(small_plan: Path, lang: str) -> None:
    """growth 7,9-8,3 against ≥ 8: one end misses, so not met; % of plan is a range; json and
    csv keep `actual` a number only, and carry both ends in actual_low / actual_high."""
    plan = _plan(small_plan, lang)
    typed = "7,9 - 8,3" if lang == "vi" else "7.9–8.3"
    result = run("record", "growth", typed, "--period", "2025", "--plan", plan)
    assert result.code == 0, result.err
    shown = "7,9–8,3" if lang == "vi" else "7.9–8.3"
    assert f"growth 2025 = {shown}" in result.out
    report = run("report", "--plan", plan)
    assert report.code == 0, report.err
    line = next(line for line in report.out.splitlines() if line.startswith("growth"))
    percent = "98,8–103,8%" if lang == "vi" else "98.8–103.8%"
    assert shown in line and percent in line and ("Không đạt" if lang == "vi" else "Not met") in line
    item = json.loads(run("report", "--format", "json", "--plan", plan).out)["targets"][0]
    assert item["actual"] is None and item["percent_of_plan"] is None and item["change"] is None
    assert (item["actual_low"], item["actual_high"], item["actual_text"]) == (7.9, 8.3, None)
    assert (item["percent_low"], item["percent_high"]) == (98.75, 103.75)
    assert item["status"] == item["computed_status"] == "not_met"
    rows = run("report", "--format", "csv", "--plan", plan).out.splitlines()
    header, growth = rows[0].split(","), rows[1].split(",")
    assert growth[header.index("actual")] == "" and growth[header.index("actual_low")] == "7.9"


def test_both_ends_meeting_the_plan_meet_it(small_plan: Path) -> None:
    """A range wholly above "at least 8" is exceeded; one touching the bound is met."""
    plan = _plan(small_plan, "en")
    _record(plan, "growth", "8.1..8.4")
    assert json.loads(run("report", "--format", "json", "--plan", plan).out)["targets"][0]["status"] == "exceeded"
    _record(plan, "growth", "8-8.4")
    assert json.loads(run("report", "--format", "json", "--plan", plan).out)["targets"][0]["status"] == "met"


def test_a_running_period_takes_the_pace_of_the_worse_end(small_plan: Path) -> None:
    """Revenue 1200-1500 at 30 June against 3,000 a year: the low end projects 2,400 (off
    track, more than 10 % short), the high end 3,000 (on track): off track, nothing projected."""
    plan = _plan(small_plan, "vi")
    result = run("record", "revenue", "1200-1500", "--as-of", "2025-06-30", "--plan", plan)
    assert result.code == 0, result.err
    item = json.loads(run("report", "--as-of", "2025-06-30", "--format", "json", "--plan", plan).out)["targets"][1]
    assert item["status"] == "off_track" and item["projected"] is None and item["running"] is True
    assert (item["actual_low"], item["actual_high"]) == (1200, 1500)


@pytest.mark.parametrize("lang", LANGS)
def test_a_word_needs_a_verdict_and_counts_as_it(small_plan: Path, lang: str) -> None:
    """A word ("Xuất siêu") alone is refused (nothing written) with how to give a verdict; with one it is
    recorded, shown as written, and its reported verdict is its status (computed: not judged)."""
    plan = _plan(small_plan, lang)
    before = snapshot(small_plan.parent)
    refused = run("record", "revenue", "Xuất siêu", "--period", "2025", "--plan", plan)
    assert refused.code == 2 and "--verdict" in refused.err and "Xuất siêu" in refused.err
    assert snapshot(small_plan.parent) == before
    verdict = "Đạt" if lang == "vi" else "met"
    _record(plan, "revenue", "Xuất siêu", "--verdict", verdict)
    report = run("report", "--plan", plan)
    line = next(line for line in report.out.splitlines() if line.startswith("revenue"))
    assert "Xuất siêu" in line and ("Đạt (báo cáo)" if lang == "vi" else "Met (reported)") in line
    item = json.loads(run("report", "--format", "json", "--plan", plan).out)["targets"][1]
    assert item["actual"] is None and item["actual_text"] == "Xuất siêu" and item["percent_of_plan"] is None
    assert (item["status"], item["computed_status"], item["reported"]) == ("met", "not_judged", True)
    assert json.loads(run("report", "--format", "json", "--plan", plan).out)["summary"]["met_or_exceeded"] == 1


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("62-61", "the low end must come first"),
        ("8-8", "both ends are 8: write the figure as one number, 8"),
        ("2,365-3", "ambiguous number"),
        ("-3-2", "-3..2"),
        ("x" * 201, "at most 200 characters"),
    ],
)
def test_bad_ranges_and_words_are_refused(small_plan: Path, typed: str, said: str) -> None:
    """Low ≥ high, an ambiguous end, a negative low end without "..", a word too long: exit 2."""
    plan = _plan(small_plan, "en")
    result = run("record", "growth", typed, "--period", "2025", "--verdict", "met", "--plan", plan)
    assert result.code == 2 and said in result.err, result.err
    assert not (small_plan.parent / "plan.progress.toml").exists()


def test_a_negative_range_is_written_with_dots(small_plan: Path) -> None:
    """-3..-2 is a range of two negative numbers (no `--` needed before it)."""
    plan = _plan(small_plan, "en")
    _record(plan, "growth", "-3..-2")
    item = json.loads(run("report", "--format", "json", "--plan", plan).out)["targets"][0]
    assert (item["actual_low"], item["actual_high"], item["status"]) == (-3, -2, "not_met")


def test_history_round_trips_through_import_in_csv_and_json(small_plan: Path) -> None:
    """history writes a range as 61..62 and a word as written; import reads both back to the
    same figures, and importing again records nothing."""
    plan = _plan(small_plan, "vi")
    _record(plan, "growth", "1.234,5-1.300")
    _record(plan, "revenue", "Nhập siêu", "--verdict", "Không đạt")
    for fmt in ("csv", "json"):
        exported = run("history", "--format", fmt, "--plan", plan).out
        assert "1234.5..1300" in exported and "Nhập siêu" in exported
        backup = small_plan.parent / f"backup.{fmt}"
        backup.write_text(exported, encoding="utf-8")
        copy = small_plan.parent / f"copy-{fmt}.progress.toml"
        result = run("import", str(backup), "--log", str(copy), "--plan", plan)
        assert result.code == 0, result.err
        back = json.loads(run("history", "--format", "json", "--log", str(copy), "--plan", plan).out)["entries"]
        original = json.loads(run("history", "--format", "json", "--plan", plan).out)["entries"]
        assert [(e["id"], e["value"], e["verdict"]) for e in back] == [
            (e["id"], e["value"], e["verdict"]) for e in original
        ]
        kept = copy.read_bytes()
        assert run("import", str(backup), "--log", str(copy), "--plan", plan).code == 0
        assert copy.read_bytes() == kept


def test_import_reads_a_range_cell_and_a_word_with_a_verdict_column(small_plan: Path) -> None:
    """An office's CSV: "61-62" in a value cell, a word with a verdict; a word without a
    verdict stops the whole import at its row."""
    plan = _plan(small_plan, "en")
    sheet = small_plan.parent / "sheet.csv"
    sheet.write_text("target,period,value,verdict\ngrowth,2025,7-7.5,\nrevenue,2025,Xuất siêu,Đạt\n", "utf-8")
    result = run("import", str(sheet), "--plan", plan)
    assert result.code == 0, result.err
    items = json.loads(run("report", "--format", "json", "--plan", plan).out)["targets"]
    assert (items[0]["actual_low"], items[0]["actual_high"]) == (7, 7.5)
    assert (items[1]["actual_text"], items[1]["status"]) == ("Xuất siêu", "met")
    sheet.write_text("target,period,value\npoverty_cut,2025,3\nrevenue,2025,Xuất siêu\n", "utf-8")
    before = snapshot(small_plan.parent)
    refused = run("import", str(sheet), "--plan", plan)
    assert refused.code != 0 and "row 3" in refused.err and "verdict" in refused.err
    assert {k: v for k, v in snapshot(small_plan.parent).items() if ".tracker-cache" not in k} == {
        k: v for k, v in before.items() if ".tracker-cache" not in k
    }


@pytest.mark.parametrize("lang", LANGS)
def test_every_format_renders_a_range_and_a_word(small_plan: Path, lang: str) -> None:
    """Table, plain, markdown, html, text paragraph, tsv, show and the xlsx Biểu: no error, and
    in the workbook the range and the word are text cells, % of plan a text range."""
    plan = _plan(small_plan, lang)
    _record(plan, "growth", "7.9..8.3")
    _record(plan, "revenue", "Xuất siêu", "--verdict", "met")
    assert run("record", "growth", "7.1", "--period", "2024", "--plan", plan).code == 0
    assert "\t7.9\t8.3\t" in run("report", "--format", "tsv", "--plan", plan).out  # actual_low, actual_high
    for fmt in ("table", "plain", "markdown", "html", "text"):
        result = run("report", "--format", fmt, "--plan", plan)
        assert result.code == 0, (fmt, result.err)
        assert fmt == "text" or "Xuất" in result.out, fmt  # a table may wrap the word; the paragraph names misses
        assert ("7,9–8,3" if lang == "vi" else "7.9–8.3") in result.out, fmt
    for args in (("show", "growth"), ("show", "growth", "--format", "html"), ("history",), ("due",)):
        result = run(*args, "--plan", plan)
        assert result.code == 0, (args, result.err)
    book = small_plan.parent / "report.xlsx"
    assert run("report", "--format", "xlsx", "--output", str(book), "--plan", plan).code == 0
    cells = [c.value for row in load_workbook(book).active.iter_rows() for c in row]
    assert ("7,9–8,3" if lang == "vi" else "7.9–8.3") in cells and "Xuất siêu" in cells
    assert ("98,8–103,8%" if lang == "vi" else "98.8–103.8%") in cells
    docx = small_plan.parent / "report.docx"
    assert run("report", "--format", "docx", "--output", str(docx), "--plan", plan).code == 0


def test_a_range_last_year_gives_no_change(small_plan: Path) -> None:
    """The change on last year is only between two numbers."""
    plan = _plan(small_plan, "en")
    assert run("record", "growth", "7-7.2", "--period", "2024", "--plan", plan).code == 0
    _record(plan, "growth", "8.5")
    item = json.loads(run("report", "--format", "json", "--plan", plan).out)["targets"][0]
    assert item["actual"] == 8.5 and item["previous"] is None and item["change"] is None


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("[62, 61]", "low end must come first"),
        ("[1, 2, 3]", "must be two numbers"),
        ('"Xuất siêu"', "needs a reported 'verdict'"),
    ],
)
def test_a_hand_edited_bad_range_or_word_names_its_line(small_plan: Path, value: str, said: str) -> None:
    """A damaged figure in the middle of the log stops readers with its FILE:LINE (exit 4)."""
    plan = _plan(small_plan, "en")
    log = small_plan.parent / "plan.progress.toml"
    line = '{id} = {{ target = "growth", period = "2025", value = {v}, as_of = 2025-12-31, recorded_by = "x" }}\n'
    log.write_text("[entries]\n" + line.format(id="aaaa", v=value) + line.format(id="bbbb", v="8"), "utf-8")
    result = run("report", "--plan", plan)
    assert result.code == 4 and "plan.progress.toml:2: damaged progress log: 'value'" in result.err
    assert said in result.err


def test_compare_leaves_a_range_or_a_word_out_of_a_sum(tmp_path: Path) -> None:
    """rollup = "sum": a unit whose figure is a range is not summed, as a unit without a
    figure is not; the total says 2/3 units and is not judged; a word is shown in its cell."""
    from test_compare_command import compare, units  # the districts of the compare tests

    folder = units.__wrapped__(tmp_path)  # type: ignore[attr-defined]
    record = run("record", "revenue", "90-95", "--as-of", "2025-12-31", "--plan", str(folder / "c" / "plan.toml"))
    assert record.code == 0, record.err
    word = ("record", "growth", "Xuất siêu", "--verdict", "Đạt", "--as-of", "2025-12-31")
    assert run(*word, "--plan", str(folder / "c" / "plan.toml")).code == 0
    code, out, err = compare(folder, "--format", "json")
    assert code == 0, err
    cells = json.loads(out)["cells"]
    total = next(c for c in cells if c["total"] and c["id"] == "revenue")
    assert (total["actual"], total["units_reported"], total["units"], total["status"]) == (200, 2, 3, None)
    c_revenue = next(c for c in cells if c["unit_name"] == "Huyện C" and c["id"] == "revenue")
    assert (c_revenue["actual"], c_revenue["actual_low"], c_revenue["actual_high"]) == (None, 90, 95)
    assert c_revenue["percent_of_plan"] is None and c_revenue["percent_low"] < c_revenue["percent_high"]
    assert (total["percent_low"], total["percent_high"]) == (None, None)
    c_growth = next(c for c in cells if c["unit_name"] == "Huyện C" and c["id"] == "growth")
    assert (c_growth["actual_text"], c_growth["status"]) == ("Xuất siêu", "met")
    for fmt in ("table", "html"):
        assert compare(folder, "--format", fmt)[0] == 0


def test_an_office_sheet_reads_range_ends_by_its_decimal_mark(small_plan: Path) -> None:
    """A Vietnamese plan's office CSV: 4.100-4.200 is four thousand one hundred to four
    thousand two hundred, as 4.100 alone would be; "3,1 – 3,4" three point one to three point four."""
    plan = _plan(small_plan, "vi")
    sheet = small_plan.parent / "office.csv"
    sheet.write_text('Chỉ tiêu,Kỳ,Thực hiện\nrevenue,2025,4.100-4.200\npoverty_cut,2025,"3,1 – 3,4"\n', "utf-8")
    result = run("import", str(sheet), "--plan", plan)
    assert result.code == 0, result.err
    items = json.loads(run("report", "--format", "json", "--plan", plan).out)["targets"]
    assert [(i["actual_low"], i["actual_high"]) for i in items[1:3]] == [(4100, 4200), (3.1, 3.4)]


def test_history_keeps_three_decimal_ends_exact_through_import(small_plan: Path) -> None:
    """2.3650..3 in history's csv and json is read back exactly (tracker's own dot decimals),
    though 2.365 typed by a person is ambiguous."""
    plan = _plan(small_plan, "en")
    _record(plan, "growth", "2.3650..3")
    for fmt in ("csv", "json"):
        backup = small_plan.parent / f"h.{fmt}"
        backup.write_text(run("history", "--format", fmt, "--plan", plan).out, "utf-8")
        copy = small_plan.parent / f"c-{fmt}.progress.toml"
        assert run("import", str(backup), "--log", str(copy), "--plan", plan).code == 0
        item = json.loads(run("report", "--format", "json", "--log", str(copy), "--plan", plan).out)["targets"][0]
        assert (item["actual_low"], item["actual_high"]) == (2.365, 3)


def test_a_range_or_a_word_is_a_figure_that_is_no_longer_owed(small_plan: Path) -> None:
    """`due` lists growth and revenue for 2025 until a range and a word are recorded for them."""
    plan = _plan(small_plan, "en")

    def owed() -> set[str]:
        result = run("due", "--format", "json", "--plan", plan)
        assert result.code in (0, 1), result.err
        return {(item["id"]) for item in json.loads(result.out)["figures"] if item["period"] == "2025"}

    assert {"growth", "revenue"} <= owed()
    _record(plan, "growth", "7.9-8.3")
    _record(plan, "revenue", "Xuất siêu", "--verdict", "met")
    assert not {"growth", "revenue"} & owed()
