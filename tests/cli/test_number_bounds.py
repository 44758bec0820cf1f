"""Numbers that must not wedge tracker (issue 11): every door refuses a figure or plan value
outside the bounds README states (at most 15 significant digits, 18 before the point, 10
after it), and whatever finite number a log already holds never makes a report fail,
hang or print something huge. Each run has a timeout, so a hang fails instead of hanging."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, Result, run, snapshot

TIMEOUT = 30  # seconds; every command here takes well under one
FORMATS = ("table", "plain", "csv", "tsv", "json", "markdown", "html")
MILLION_DIGITS = "1" * 1_000_000


def files(folder: Path) -> dict[str, bytes]:
    """Every file's bytes but the disposable cache's."""
    return {k: v for k, v in snapshot(folder).items() if ".tracker-cache" not in k}


def tracker(plan: Path, *args: str) -> Result:
    return run(*args, "--plan", str(plan), timeout=TIMEOUT)


def hand_line(entry_id: str, target: str, period: str, value: str, as_of: str) -> str:
    """A log line as an older version (or a hand edit) may have written it."""
    return (f'{entry_id} = {{ target = "{target}", period = "{period}", value = {value}, as_of = {as_of}, '
            f'status = "official", recorded_at = 2025-07-01T08:00:00+00:00, recorded_by = "old" }}\n')  # fmt: skip


# ---------------------------------------------------------------- record


@pytest.mark.parametrize(
    ("value", "says"),
    [
        (
            "12345678901234567890123456789",
            "value: 12345678901234567890123456789 is too large: a number has at most 18 digits before the decimal point",
        ),
        (
            "0.30000000000000000000000000004",
            "value: 0.30000000000000000000000000004 has 29 decimal places: a number has at most 10",
        ),
        ("1234567890123456", "value: 1234567890123456 has 16 significant digits: a number has at most 15"),
        ("1000000000000000000", "value: 1000000000000000000 is too large"),
        ("0,00000000001", "value: 1E-11 has 11 decimal places"),
        ("9" * 5000, "value: too long for a number: '" + "9" * 40 + "…' (at most 100 characters)"),
    ],
    ids=["29-digits", "pasted-float", "16-significant", "10^18", "vi-11-decimals", "5000-digits"],
)
def test_record_refuses_a_figure_outside_the_bounds(small_plan: Path, value: str, says: str) -> None:
    """record refuses the figure with one line naming the field, exit 2, and writes nothing
    (it used to append it, then crash, and every later report crashed with it)."""
    assert tracker(small_plan, "record", "growth", "8.1", "--as-of", "2025-06-30").code == 0
    before = files(small_plan.parent)
    result = tracker(small_plan, "record", "growth", value, "--as-of", "2025-07-31")
    assert result.code == 2, result.err
    assert result.err.startswith(f"tracker: error: {says}"), result.err
    assert len(result.err.splitlines()) == 1 and len(result.err) < 300
    assert files(small_plan.parent) == before
    for fmt in FORMATS:
        assert tracker(small_plan, "report", "--format", fmt).code == 0


def test_record_refuses_in_vietnamese_too(small_plan: Path) -> None:
    """The refusal is worded in the reader's language."""
    result = tracker(small_plan, "record", "growth", "12345678901234567890123456789", "--lang", "vi")
    assert result.code == 2
    assert "quá lớn: một số có tối đa 18 chữ số ở phần nguyên" in result.err


@pytest.mark.parametrize("value", ["4100000", "4.100.000", "0.0001", "123456789012345", "999999999999999000",
                                   "-0.0000000001", "0"])  # fmt: skip
def test_what_real_plans_need_is_far_inside_the_bounds(small_plan: Path, value: str) -> None:
    """4,100,000 tỷ đồng, a rate of 0.0001, 15 significant digits, 18 before the point:
    recorded, reported in every format, and exported to json and imported back equal."""
    assert tracker(small_plan, "record", "revenue", value, "--as-of", "2025-06-30").code == 0
    for fmt in FORMATS:
        result = tracker(small_plan, "report", "--format", fmt)
        assert result.code == 0, (fmt, result.err)
    exported = tracker(small_plan, "history", "--format", "json")
    (small_plan.parent / "h.json").write_text(exported.out, encoding="utf-8")
    copy = small_plan.parent / "copy.progress.toml"
    assert tracker(small_plan, "import", str(small_plan.parent / "h.json"), "--log", str(copy)).code == 0
    again = tracker(small_plan, "history", "--format", "json", "--log", str(copy))
    # every field but the batch: in the copy the entry came in by an import
    assert without_batch(json.loads(again.out)["entries"]) == without_batch(json.loads(exported.out)["entries"])
    assert tracker(small_plan, "check").code == 0


def without_batch(entries: list[dict[str, object]]) -> list[dict[str, object]]:
    """History entries without the batch they came in."""
    return [{k: v for k, v in entry.items() if k != "batch"} for entry in entries]


def test_fifteen_significant_digits_survive_json_and_csv(small_plan: Path) -> None:
    """A figure of 15 significant digits with decimals leaves json and csv whole: what a
    double (a JSON reader, a spreadsheet) keeps is why the bound is 15."""
    assert tracker(small_plan, "record", "revenue", "123456789.123456", "--as-of", "2025-06-30").code == 0
    entry = json.loads(tracker(small_plan, "history", "--format", "json").out)["entries"][0]
    assert repr(entry["value"]) == "123456789.123456"
    rows = list(csv.DictReader(io.StringIO(tracker(small_plan, "history", "--format", "csv").out)))
    assert rows[0]["value"] == "123456789.123456"


# ---------------------------------------------------------------- import


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("1e999999999", "h.json: row 1: value: 1E+999999999 is too large"),
        ("1e-999999999", "h.json: row 1: value: 1E-999999999 has 999999999 decimal places"),
        ("1e9999999999999999999", "h.json: row 1: value: not a number: '1e9999999999999999999'"),
        ("1" * 10_000_000, "h.json: row 1: value: too long for a number: '" + "1" * 40 + "…'"),
        ("0." + "1" * 10_000_000, "h.json: row 1: value: too long for a number: '0." + "1" * 38 + "…'"),
        ('"' + "1" * 10_000_000 + '"', "h.json: row 1: value: too long for a number: '" + "1" * 40 + "…'"),
        ("1" * 5000, "h.json: row 1: value: too long for a number"),
        ("123456789012345678901", "h.json: row 1: value: 123456789012345678901 is too large"),
    ],
    ids=["1e999999999", "1e-999999999", "beyond-decimal", "10MB-integer", "10MB-fraction", "10MB-string",
         "5000-digit-integer", "21-digits"],
)  # fmt: skip
def test_json_import_refuses_quickly_and_writes_nothing(small_plan: Path, value: str, says: str) -> None:
    """A JSON value outside the bounds is refused at once, naming the row and field, exit 4,
    nothing written (1e999999999 used to take 23 s and 2.9 GB and write a 1 GB line)."""
    assert tracker(small_plan, "record", "growth", "8.1", "--as-of", "2025-06-30").code == 0
    source = small_plan.parent / "h.json"
    source.write_text(f'[{{"target": "growth", "period": "2025", "value": {value}}}]', encoding="utf-8")
    before = files(small_plan.parent)
    result = run("import", "h.json", "--plan", str(small_plan), cwd=small_plan.parent, timeout=TIMEOUT)
    assert result.code == 4, result.err
    assert result.err.startswith(f"tracker: error: {says}"), result.err[:500]
    assert len(result.err.splitlines()) == 1 and len(result.err) < 300
    assert files(small_plan.parent) == before


def test_csv_import_refuses_naming_the_row(small_plan: Path) -> None:
    """A csv row outside the bounds is named as a spreadsheet numbers it; nothing is written."""
    source = small_plan.parent / "f.csv"
    source.write_text("target,period,value,as_of\ngrowth,2025,8.1,2025-06-30\n"
                      "growth,2025,0.30000000000000000000000000004,2025-06-30\n", encoding="utf-8")  # fmt: skip
    before = files(small_plan.parent)
    result = run("import", "f.csv", "--plan", str(small_plan), cwd=small_plan.parent, timeout=TIMEOUT)
    assert result.code == 4
    assert result.err == ("tracker: error: f.csv: row 3: value: 0.30000000000000000000000000004 has 29 decimal "
                          "places: a number has at most 10\n")  # fmt: skip
    assert files(small_plan.parent) == before


# ---------------------------------------------------------------- the plan file


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("{ at_least = 1e999999999 }", "'at_least': 1E+999999999 is too large"),
        ("{ at_least = 1e30 }", "'at_least': 1E+30 is too large"),
        ("{ above = 1e-999999999 }", "'above': 1E-999999999 has 999999999 decimal places"),
        ("{ between = [1, 1000000000000000000000] }", "'between': 1000000000000000000000 is too large"),
        ("{ about = 4, tolerance = 0.000000000001 }", "'tolerance': 1E-12 has 12 decimal places"),
        ("{ at_least = 5, baseline = 1234567890.1234567 }", "'baseline': 1234567890.1234567 has 17 significant digits"),
        ("{ point = 0.30000000000000000000000000004, better = 'higher' }", "'point': 0.30000000000000000000000000004 has 29"),
    ],
    ids=["1e999999999", "1e30", "tiny", "between", "tolerance", "baseline", "point"],
)  # fmt: skip
def test_plan_value_outside_the_bounds_is_refused(small_plan: Path, value: str, says: str) -> None:
    """check and report refuse the plan at once, FILE:LINE naming the target, period and
    key, exit 4 (at_least = 1e999999999 used to pass check and hang report -f json)."""
    text = SMALL_PLAN.replace("plan.2025 = { at_least = 3 }", f"plan.2025 = {value}")
    small_plan.write_text(text, encoding="utf-8")
    number = text.splitlines().index(f"plan.2025 = {value}") + 1
    for args in (["check"], ["report", "--format", "json"], ["report", "--format", "plain"]):
        result = tracker(small_plan, *args)
        assert result.code == 4, (args, result.err)
        assert result.err.startswith(f"tracker: error: {small_plan}:{number}: target 'poverty_cut', 2025: {says}")
        assert len(result.err.splitlines()) == 1


def test_plan_values_real_plans_need_are_accepted(small_plan: Path) -> None:
    """A plan of 4,100,000 tỷ đồng (or 4.1e15 đồng) and a rate of 0.0001 loads."""
    text = SMALL_PLAN.replace("{ at_least = 3000 }", "{ at_least = 4100000000000000 }").replace(
        "{ at_least = 3 }", "{ about = 0.0001, tolerance = 0.00005 }"
    )
    small_plan.write_text(text, encoding="utf-8")
    assert tracker(small_plan, "check").code == 0
    assert "≥ 4,100,000,000,000,000" in tracker(small_plan, "list", "--format", "plain").out


# ---------------------------------------------------------------- figures already in a log


OLD_FIGURES = [
    ("x1", "growth", "2025", "12345678901234567890123456789", "2025-12-31"),
    ("x2", "revenue", "2025", "1e999999999", "2025-12-31"),
    ("x3", "poverty_cut", "2025", "1e-999999999", "2025-12-31"),
    ("x4", "growth", "2024", MILLION_DIGITS + ".5", "2024-12-31"),
    ("x5", "revenue", "2024", "0." + MILLION_DIGITS, "2024-12-31"),
    ("x6", "poverty_cut", "2024", "0.30000000000000000000000000004", "2024-12-31"),
]


@pytest.fixture
def old_log(small_plan: Path) -> Path:
    """A log holding figures no new figure could be: an older version wrote them."""
    assert tracker(small_plan, "record", "growth", "8.1", "--as-of", "2025-06-30").code == 0
    log = small_plan.with_name("plan.progress.toml")
    with log.open("a", encoding="utf-8") as handle:
        for entry in OLD_FIGURES:
            handle.write(hand_line(*entry))
    return log


@pytest.mark.parametrize("fmt", FORMATS)
def test_figures_in_an_old_log_never_break_a_report(small_plan: Path, old_log: Path, fmt: str) -> None:
    """report, show and history of a log with huge, tiny and million-digit figures work in
    every format, quickly, with bounded output: extreme numbers in scientific notation."""
    for args in (["report"], ["report", "--period", "2024"], ["report", "--period", "2021-2025"],
                 ["show", "growth"], ["show", "revenue"], ["show", "poverty_cut"], ["history"],
                 ["history", "growth"], ["list"]):  # fmt: skip
        result = tracker(small_plan, *args, "--format", fmt)
        assert result.code == 0, (args, result.err[-2000:])
        assert result.err == ""
        assert len(result.out) < 50_000, (args, len(result.out))
        if fmt == "json":
            json.loads(result.out, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))
    plain = tracker(small_plan, "history", "--format", "plain").out
    assert "12,345,678,901,234,567,890,123,456,789" in plain  # written out whole while it is short
    assert "1e+999999999" in plain and "1e-999999999" in plain
    assert "1.11111111111111e+999999" in plain


def test_old_figures_are_judged_by_comparison(small_plan: Path, old_log: Path) -> None:
    """Such a figure is compared with the plan, but nothing is computed from it."""
    items = {t["id"]: t for t in json.loads(tracker(small_plan, "report", "--format", "json").out)["targets"]}
    assert items["revenue"]["status"] == "exceeded" and items["revenue"]["percent_of_plan"] is None
    assert items["revenue"]["actual"] is None  # beyond what a JSON reader's double holds
    assert items["growth"]["actual"] == 12345678901234567890123456789
    assert items["poverty_cut"]["status"] == "not_met"
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(tracker(small_plan, "report", "--format", "csv").out))}
    assert rows["revenue"]["actual"] == "1e+999999999"
    assert rows["growth"]["actual"] == "12345678901234567890123456789"


def test_check_names_the_log_lines_outside_the_bounds(small_plan: Path, old_log: Path) -> None:
    """check reports every figure outside the bounds with its line, exit 3 (it used to say
    all was well)."""
    result = tracker(small_plan, "check")
    assert result.code == 3
    assert result.out.splitlines() == [
        f"{old_log}:5: entry x1: value: 12345678901234567890123456789 is too large: a number has at most 18 digits before the decimal point",
        f"{old_log}:6: entry x2: value: 1E+999999999 is too large: a number has at most 18 digits before the decimal point",
        f"{old_log}:7: entry x3: value: 1E-999999999 has 999999999 decimal places: a number has at most 10",
        f"{old_log}:8: entry x4: value: {'1' * 40}… is too large: a number has at most 18 digits before the decimal point",
        f"{old_log}:9: entry x5: value: 0.{'1' * 38}… has 1000000 decimal places: a number has at most 10",
        f"{old_log}:10: entry x6: value: 0.30000000000000000000000000004 has 29 decimal places: a number has at most 10",
    ]


def test_undo_of_an_old_figure_retracts_it_and_says_so(small_plan: Path, old_log: Path) -> None:
    """undo prints what it retracted (it used to write the retraction, then crash)."""
    result = tracker(small_plan, "undo")
    assert result.code == 0, result.err
    assert result.out.startswith("retracted x6: poverty_cut 2024 = 0.30000000000000000000000000004")
    assert tracker(small_plan, "retract", "x2").out.startswith("retracted x2: revenue 2025 = 1e+999999999")


def test_a_value_beyond_what_a_decimal_holds_is_a_damaged_line(small_plan: Path) -> None:
    """A hand-edited value no number type holds is a damaged line named by check and every
    reader, exit 4: never an internal error."""
    assert tracker(small_plan, "record", "growth", "8.1", "--as-of", "2025-06-30").code == 0
    log = small_plan.with_name("plan.progress.toml")
    with log.open("a", encoding="utf-8") as handle:
        handle.write(hand_line("z1", "growth", "2025", "1e9999999999999999999", "2025-06-30"))
        handle.write(hand_line("z2", "growth", "2025", "1e9999999999999999999", "2025-06-30").replace(" }", ", }"))
        handle.write(hand_line("z3", "growth", "2025", "8", "2025-06-30"))
    result = tracker(small_plan, "report")
    assert result.code == 4
    assert result.err.startswith(
        f"tracker: error: {log}:5: damaged progress log: 'value' is not a number tracker can read"
    )
    assert len(result.err.splitlines()) == 1
