"""Reports as they stood (`--known-at`) and figures revised since first reported, through
the installed command on a log written by hand with known recording times."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, TRACKER, base_env, run
from docx import Document
from openpyxl import load_workbook  # type: ignore[import-untyped]  # openpyxl ships no types

HEADER = (
    "# tracker progress log: one line per figure, appended by `tracker record`.\n"
    "# Append-only: never edit or delete a line; correct with `tracker retract ID`.\n"
    "[entries]\n"
)
# The case: the 2025 GRDP growth estimate 7,0 for the whole year, recorded in
# October 2025, and the official 7,09 for the same point, recorded in January 2026. Budget
# revenue: a year-to-date figure typed wrong and retracted on 20 November at 00:30 in
# Hanoi (19 November in UTC), then the right one; a hand-written milestone line without
# a recording time.
ESTIMATE = (
    'grdpest000000001 = { target = "growth", period = "2025", value = 7.0, as_of = 2025-12-31, '
    'status = "estimate", source = "BC 512/UBND", recorded_at = 2025-10-15 09:00:00+07:00, recorded_by = "lan" }\n'
)
WRONG_REVENUE = (
    'revwrong00000001 = { target = "revenue", period = "2025", value = 2450.17, as_of = 2025-10-31, '
    'status = "official", recorded_at = 2025-11-10 08:00:00+07:00, recorded_by = "lan" }\n'
)
RETRACTION = (
    'retract000000001 = { retracts = "revwrong00000001", note = "nhập nhầm", '
    'recorded_at = 2025-11-20 00:30:00+07:00, recorded_by = "lan" }\n'
)
RIGHT_REVENUE = (
    'revright00000001 = { target = "revenue", period = "2025", value = 2540.17, as_of = 2025-10-31, '
    'status = "official", recorded_at = 2025-11-20 00:40:00+07:00, recorded_by = "lan" }\n'
)
HAND_WRITTEN = (
    'milestone0000001 = { target = "milestone", period = "2025", value = true, as_of = 2025-06-10, '
    'status = "official", source = "QĐ 1600/QĐ-BGDĐT", recorded_by = "hand" }\n'
)
OFFICIAL = (
    'grdpoff000000001 = { target = "growth", period = "2025", value = 7.09, as_of = 2025-12-31, '
    'status = "official", source = "Cục Thống kê", recorded_at = 2026-01-10 14:00:00+07:00, recorded_by = "lan" }\n'
)
LINES = (ESTIMATE, WRONG_REVENUE, RETRACTION, RIGHT_REVENUE, HAND_WRITTEN, OFFICIAL)


def write_plan(folder: Path, lang: str, lines: tuple[str, ...] = LINES) -> Path:
    """The small plan in ``lang`` and a log of ``lines``, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    plan = folder / "plan.toml"
    plan.write_text(SMALL_PLAN.replace('language = "en"', f'language = "{lang}"'), encoding="utf-8")
    (folder / "plan.progress.toml").write_text(HEADER + "".join(lines), encoding="utf-8")
    return plan


def tracker(plan: Path, *args: str) -> str:
    """Run a command on ``plan`` that must succeed; its standard output."""
    result = run(*args, "--plan", str(plan))
    assert result.code == 0, result.err
    return result.out


def row_of(out: str, target: str) -> str:
    """The line of a table that shows ``target``."""
    return next(line for line in out.splitlines() if line.split()[:1] == [target])


def table_block(out: str, name: str, number: str) -> tuple[list[str], str]:
    """A target's cells in the table, where a figure's marks wrap under its number (the
    column is right-aligned): the words of the line with its name, and the marks under
    ``number``, a line of the column at a time, joined by spaces."""
    lines = out.splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(name))
    end = lines[at].index(f" {number} ") + 1 + len(number)
    marks = []
    for line in lines[at + 1 :]:
        piece = line[max(0, end - 14) : end].strip()
        if not piece:
            break
        marks.append(piece)
    return lines[at].split(), " ".join(marks)


def items(out: str, key: str = "targets", by: str = "id") -> dict[str, dict[str, object]]:
    """The json items of a report by id (or show's periods, by period)."""
    return {item[by]: item for item in json.loads(out)[key]}


@pytest.mark.parametrize(
    ("lang", "october", "january"),
    [("en", "7.0 (est.)", "7.09 (revised from 7.0)"), ("vi", "7,0 (ước)", "7,09 (điều chỉnh từ 7,0)")],
)
def test_the_october_and_the_january_report_from_one_log(tmp_path: Path, lang: str, october: str, january: str) -> None:
    """The issue's case: as known on 20 October the year reads the estimate 7,0; as known on
    15 January the official 7,09, marked as revised from the 7,0 first reported."""
    plan = write_plan(tmp_path, lang)
    args = ("report", "--as-of", "2025-12-31", "--format", "table")
    for known_at, shown in (("2025-10-20", october), ("2026-01-15", january), (None, january)):
        number, mark = shown.split(" ", 1)  # the number, and its marks wrapped under it
        report = tracker(plan, *args, *(["--known-at", known_at] if known_at else []))
        words, under = table_block(report, "GRDP", number)
        assert number in words and under.startswith(mark), (known_at, words, under)
    assert october in row_of(tracker(plan, *args[:-1], "plain", "--known-at", "2025-10-20"), "growth")

    json_args = ("report", "--as-of", "2025-12-31", "--format", "json")
    then = items(tracker(plan, *json_args, "--known-at", "20/10/2025"))["growth"]
    assert (then["actual"], then["figure_status"], then["entry_id"]) == (7.0, "estimate", "grdpest000000001")
    assert (then["first_reported"], then["first_reported_at"]) == (7.0, "2025-10-15T09:00:00+07:00")
    assert then["percent_of_plan"] == 87.5
    now = items(tracker(plan, *json_args, "--known-at", "2026-01-15"))["growth"]
    assert (now["actual"], now["figure_status"], now["entry_id"]) == (7.09, "official", "grdpoff000000001")
    assert (now["first_reported"], now["first_reported_at"]) == (7.0, "2025-10-15T09:00:00+07:00")
    assert now["percent_of_plan"] == 88.625


def test_known_at_alone_is_the_report_printed_that_day(tmp_path: Path) -> None:
    """Without --as-of, `--known-at DAY` gives byte for byte what `tracker report` printed
    on DAY from the lines recorded by then, in every format (the year's estimate dated
    31/12 counted, as that day's report counted it)."""
    full = write_plan(tmp_path / "full", "vi")
    then = write_plan(tmp_path / "then", "vi", (ESTIMATE, WRONG_REVENUE, HAND_WRITTEN))
    for fmt in ("plain", "json", "csv", "markdown", "text", "html"):
        printed = run("report", "--format", fmt, "--plan", str(then), env=base_env(TRACKER_TODAY="2025-11-19"))
        assert printed.code == 0, printed.err
        assert tracker(full, "report", "--format", fmt, "--known-at", "2025-11-19") == printed.out
    then_plain = tracker(full, "report", "--format", "plain", "--known-at", "2025-11-19")
    assert "7,0 (ước)" in row_of(then_plain, "growth") and "2.450,17" in row_of(then_plain, "revenue")


def test_a_retraction_recorded_after_the_day_does_not_count(tmp_path: Path) -> None:
    """The wrong revenue figure shows as known on 19 November: its retraction was recorded
    on 20 November by its own clock (+07:00), though that instant was still the 19th in UTC;
    from 20 November the right figure shows."""
    plan = write_plan(tmp_path, "en")
    args = ("report", "--as-of", "2025-10-31", "--format", "json")
    assert items(tracker(plan, *args, "--known-at", "2025-11-10"))["revenue"]["actual"] == 2450.17
    assert items(tracker(plan, *args, "--known-at", "2025-11-19"))["revenue"]["actual"] == 2450.17
    assert items(tracker(plan, *args, "--known-at", "2025-11-20"))["revenue"]["actual"] == 2540.17
    assert items(tracker(plan, *args, "--known-at", "2025-11-09"))["revenue"]["actual"] is None


def test_a_line_without_recording_time_is_known_on_any_day(tmp_path: Path) -> None:
    """A hand-written line (no recorded_at) counts on every day; a day before anything was
    recorded gives an empty view, not an error."""
    plan = write_plan(tmp_path, "en")
    early = items(tracker(plan, "report", "--format", "json", "--known-at", "2000-01-01"))
    assert early["milestone"]["actual"] is True and early["milestone"]["status"] == "met"
    assert early["growth"]["actual"] is None and early["revenue"]["actual"] is None
    entries = json.loads(tracker(plan, "history", "--format", "json", "--known-at", "2000-01-01"))["entries"]
    assert [e["id"] for e in entries] == ["milestone0000001"]
    bare = write_plan(tmp_path / "bare", "en", (ESTIMATE, OFFICIAL))
    assert json.loads(tracker(bare, "history", "--format", "json", "--known-at", "2000-01-01"))["entries"] == []


def test_a_day_to_come_is_todays_view(tmp_path: Path) -> None:
    """--known-at a day after today reports as today, everything recorded."""
    plan = write_plan(tmp_path, "vi")
    for fmt in ("plain", "json"):
        assert tracker(plan, "report", "--format", fmt, "--known-at", "2099-01-01") == tracker(
            plan, "report", "--format", fmt
        )


@pytest.mark.parametrize(("lang", "retracted"), [("en", "[retracted]"), ("vi", "[đã hủy]")])
def test_history_as_known_on_a_day(tmp_path: Path, lang: str, retracted: str) -> None:
    """history --known-at lists what was recorded by then; an entry is retracted only by a
    retraction known by then."""
    plan = write_plan(tmp_path, lang)
    before = json.loads(tracker(plan, "history", "--format", "json", "--known-at", "2025-11-19"))["entries"]
    # in recording order: the log's line order, a line without a recording time where it was written
    assert [e["id"] for e in before] == ["grdpest000000001", "revwrong00000001", "milestone0000001"]
    assert not any(e["retracted"] for e in before)
    after = json.loads(tracker(plan, "history", "--format", "json", "--known-at", "2025-11-20"))["entries"]
    assert [e["id"] for e in after] == [
        "grdpest000000001", "revwrong00000001", "retract000000001", "revright00000001", "milestone0000001",
    ]  # fmt: skip
    assert [e["id"] for e in after if e["retracted"]] == ["revwrong00000001"]
    plain = tracker(plan, "history", "revenue", "--format", "plain", "--known-at", "2025-11-19")
    assert "revwrong00000001" in plain and retracted not in plain and "revright00000001" not in plain
    plain = tracker(plan, "history", "revenue", "--format", "plain", "--known-at", "2025-11-20")
    assert retracted in row_of(plain, "revwrong00000001") and "revright00000001" in plain


@pytest.mark.parametrize(
    ("lang", "october", "january"),
    [("en", "7.0 (est.)", "7.09 (revised from 7.0)"), ("vi", "7,0 (ước)", "7,09 (điều chỉnh từ 7,0)")],
)
def test_show_as_known_on_a_day(tmp_path: Path, lang: str, october: str, january: str) -> None:
    """show --known-at judges each period from what was known then and lists only the
    figures recorded by then; without it the revision is marked."""
    plan = write_plan(tmp_path, lang)
    then = tracker(plan, "show", "growth", "--format", "plain", "--known-at", "2025-10-20")
    assert october in row_of(then, "2025") and "grdpoff000000001" not in then
    now = tracker(plan, "show", "growth", "--format", "plain")
    assert january in row_of(now, "2025") and "grdpoff000000001" in now
    periods = items(
        tracker(plan, "show", "growth", "--format", "json", "--known-at", "2025-10-20"), "periods", "period"
    )
    assert periods["2025"]["actual"] == 7.0 and periods["2025"]["first_reported"] == 7.0
    shown = json.loads(tracker(plan, "show", "growth", "--format", "json", "--known-at", "2025-10-20"))
    assert [e["id"] for e in shown["entries"]] == ["grdpest000000001"]
    periods = items(tracker(plan, "show", "growth", "--format", "json"), "periods", "period")
    assert periods["2025"]["actual"] == 7.09 and periods["2025"]["first_reported"] == 7.0


def test_a_later_point_is_not_a_revision(tmp_path: Path) -> None:
    """A year-to-date figure superseded by a later point is not "revised": first_reported
    is the figure's own value, and nothing is marked; csv carries both columns."""
    june = (
        'revjune000000001 = { target = "revenue", period = "2025", value = 1500, as_of = 2025-06-30, '
        'status = "official", recorded_at = 2025-07-10 08:00:00+07:00, recorded_by = "lan" }\n'
    )
    plan = write_plan(tmp_path, "en", (june, RIGHT_REVENUE))
    revenue = items(tracker(plan, "report", "--format", "json"))["revenue"]
    assert (revenue["actual"], revenue["first_reported"]) == (2540.17, 2540.17)
    assert "revised" not in tracker(plan, "report", "--format", "plain")
    rows = list(csv.DictReader(io.StringIO(tracker(plan, "report", "--format", "csv"))))
    by_id = {row["id"]: row for row in rows}
    first = ("first_reported", "first_reported_at")
    assert [by_id["revenue"][f] for f in first] == ["2540.17", "2025-11-20T00:40:00+07:00"]
    assert [by_id["poverty_cut"][f] for f in first] == ["", ""]  # no figure: empty


@pytest.mark.parametrize(("lang", "mark"), [("en", "revised from 7.0"), ("vi", "điều chỉnh từ 7,0")])
def test_documents_mark_the_revision(tmp_path: Path, lang: str, mark: str) -> None:
    """The paragraph says it; the Biểu keeps the number 7.09 in its cell and shows the mark
    by the cell's format; the Word table writes it."""
    plan = write_plan(tmp_path, lang)
    assert mark in " ".join(tracker(plan, "report", "--as-of", "2025-12-31", "--format", "text").split())
    raw = subprocess_bytes("report", "--as-of", "2025-12-31", "--format", "xlsx", "--plan", str(plan))
    sheet = load_workbook(io.BytesIO(raw)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value == 7.09]
    assert len(cells) == 1 and mark in cells[0].number_format
    # a number wider than its column shows as ####: the column fits the figure and its marks
    assert sheet.column_dimensions[cells[0].column_letter].width >= len(f"7,09 ({mark})")
    raw = subprocess_bytes("report", "--as-of", "2025-12-31", "--format", "docx", "--plan", str(plan))
    texts = [cell.text for table in Document(io.BytesIO(raw)).tables for row in table.rows for cell in row.cells]
    assert any(text.startswith("7") and mark in text for text in texts)


def subprocess_bytes(*args: str) -> bytes:
    """What the installed `tracker` writes to a pipe, as bytes (xlsx and docx)."""
    proc = subprocess.run([str(TRACKER), *args], env=base_env(), capture_output=True, timeout=60, check=True)
    return proc.stdout


@pytest.mark.parametrize("command", [("report",), ("show", "growth"), ("history",)])
def test_a_bad_date_is_a_usage_error_as_for_as_of(small_plan: Path, command: tuple[str, ...]) -> None:
    """--known-at 2025-13-01 stops with exit 2 and the message --as-of gives, naming the option."""
    result = run(*command, "--known-at", "2025-13-01", "--plan", str(small_plan))
    assert result.code == 2
    assert result.err == "tracker: error: --known-at: not a date: '2025-13-01' (write 2025-06-30 or 30/06/2025)\n"
    if command[0] != "history":
        as_of = run(*command, "--as-of", "2025-13-01", "--plan", str(small_plan))
        assert as_of.err == result.err.replace("--known-at", "--as-of")


def test_a_retracted_typo_is_never_the_first_report(tmp_path: Path) -> None:
    """70 typed for 7.0 and retracted the next day: the revision reads "from 7.0"; as known on
    the day of the typo, the typo was the figure."""
    typo = (
        'grdptypo00000001 = { target = "growth", period = "2025", value = 70, as_of = 2025-12-31, '
        'status = "estimate", recorded_at = 2025-10-01 09:00:00+07:00, recorded_by = "lan" }\n'
        'untypo0000000001 = { retracts = "grdptypo00000001", recorded_at = 2025-10-02 09:00:00+07:00, '
        'recorded_by = "lan" }\n'
    )
    plan = write_plan(tmp_path, "en", (typo, ESTIMATE, OFFICIAL))
    now = items(tracker(plan, "report", "--format", "json"))["growth"]
    assert (now["actual"], now["first_reported"]) == (7.09, 7.0)
    assert "7.09 (revised from 7.0)" in row_of(tracker(plan, "report", "--format", "plain"), "growth")
    then = items(tracker(plan, "report", "--format", "json", "--known-at", "2025-10-01"))["growth"]
    assert (then["actual"], then["first_reported"]) == (70, 70)
