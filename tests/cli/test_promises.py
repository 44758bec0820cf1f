"""Promises of the README that no other test read: each test names the behaviour it
proves, and fails with a message naming it when that behaviour breaks.

Every run goes through the installed `tracker` in a subprocess with today fixed
(conftest.TODAY, through TRACKER_TODAY) unless the test is about the date itself.
"""

from __future__ import annotations

import csv
import fcntl
import io
import json
import os
import pwd
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SMALL_PLAN, TODAY, base_env, run, tty_run

import tracker


def figures(plan: Path, rows: list[tuple[str, str, str, str]], *extra: str, env: dict[str, str] | None = None) -> None:
    """Record (target, period, value, as_of) rows in one `tracker import` of a csv file."""
    source = plan.parent / "figures.csv"
    source.write_text(
        "target,period,value,as_of,status\n" + "".join(f"{t},{p},{v},{d},official\n" for t, p, v, d in rows),
        encoding="utf-8",
    )
    result = run("import", str(source), "--plan", str(plan), *extra, env=env)
    assert result.code == 0, result.err
    source.unlink()


def report_json(plan: Path, *args: str, env: dict[str, str] | None = None) -> dict[str, Any]:
    """`report --format json`, checked to have succeeded."""
    result = run("report", "--format", "json", "--plan", str(plan), *args, env=env)
    assert result.code == 0, result.err
    assert result.out.count("\n") == 1 and result.out.endswith("\n"), "json is one document on one line"
    document: dict[str, Any] = json.loads(result.out)
    return document


def item(document: dict[str, Any], target_id: str) -> dict[str, Any]:
    """The item of ``target_id`` in a report document."""
    return next(t for t in document["targets"] if t["id"] == target_id)


# ---------------------------------------------------------------- 1. --as-of is a look back


def test_as_of_leaves_out_figures_dated_after_it(small_plan: Path) -> None:
    """`report --as-of DATE` and `show --as-of DATE` judge with the figures dated up to
    DATE only; without --as-of every figure counts."""
    figures(small_plan, [("growth", "2025", "7.9", "2025-06-30"), ("growth", "2025", "8.6", "2025-09-30")])
    july = item(report_json(small_plan, "--as-of", "2025-07-31"), "growth")
    assert (july["actual"], july["as_of"]) == (7.9, "2025-06-30"), (
        "report --as-of 2025-07-31 must leave out the figure dated 2025-09-30 (--as-of is a look back)"
    )
    october = item(report_json(small_plan, "--as-of", "2025-10-31"), "growth")
    assert october["actual"] == 8.6
    every = item(report_json(small_plan, env=base_env(TRACKER_TODAY="2025-07-31")), "growth")
    assert every["actual"] == 8.6, "without --as-of every figure counts, even one dated after today"
    shown = run("show", "growth", "--as-of", "2025-07-31", "--format", "json", "--plan", str(small_plan))
    assert shown.code == 0, shown.err
    period = next(p for p in json.loads(shown.out)["periods"] if p["period"] == "2025")
    assert period["actual"] == 7.9, "show --as-of 2025-07-31 must leave out the figure dated 2025-09-30"


# ---------------------------------------------------------------- 2. what the rest of the year must deliver


def test_needed_and_needed_change_in_csv_json_and_show(small_plan: Path) -> None:
    """Part-way through the year an accumulating target carries `needed` (plan less the
    figure) and `needed_change` (that amount against the same months last year, %) in
    csv and json, and show says it in words."""
    figures(small_plan, [("revenue", "2024", "2000", "2024-10-31"), ("revenue", "2024", "2400", "2024-12-31")],
            "--unplanned")  # fmt: skip
    figures(small_plan, [("revenue", "2025", "2540", "2025-10-31")])
    # plan 3000 - 2540 = 460 still needed; last year's last two months brought 2400 - 2000 = 400
    revenue = item(report_json(small_plan, "--as-of", "2025-11-15"), "revenue")
    assert revenue["needed"] == 460, "json: `needed` is the plan less the year-to-date figure"
    assert revenue["needed_change"] == 15, "json: `needed_change` is needed against the same months last year, %"
    result = run("report", "--format", "csv", "--as-of", "2025-11-15", "--plan", str(small_plan))
    assert result.code == 0, result.err
    row = next(r for r in csv.DictReader(io.StringIO(result.out)) if r["id"] == "revenue")
    assert (row["needed"], row["needed_change"]) == ("460", "15"), "csv: the `needed` and `needed_change` columns"
    shown = run("show", "revenue", "--as-of", "2025-11-15", "--lang", "en", "--plan", str(small_plan))
    assert shown.code == 0, shown.err
    assert "needs 460 tỷ đồng in the last 2 months, +15.0% on the same months last year" in shown.out


# ---------------------------------------------------------------- 3. term targets through the CLI

TERM_PLAN = """\
[plan]
title = "Term plan"
organisation = "Tỉnh Thử"
language = "en"
default_period = "2025"

[[target]]
id = "forest"
name = "Forest cover"
group = "Environment"
unit = "%"
plan.2021-2025 = { at_least = 60, baseline = 50 }

[[target]]
id = "growth"
name = "GRDP growth"
group = "Economy"
unit = "%"
term = "compound"
plan.2021-2025 = { between = [9, 10] }
plan.2025 = { at_least = 8 }

[[target]]
id = "jobs"
name = "Jobs created"
group = "Society"
unit = "people"
accumulates = true
plan.2021-2025 = { at_least = 50000 }

[[target]]
id = "poverty_cut"
name = "Poverty rate cut"
group = "Society"
unit = "điểm %"
term = "mean"
plan.2021-2025 = { at_least = 3 }
"""

TERM_FIGURES = [
    *[("forest", str(y), v, f"{y}-12-31") for y, v in ((2021, "52"), (2022, "53"), (2023, "54"))],
    *[
        ("growth", str(y), v, f"{y}-12-31")
        for y, v in ((2021, "8"), (2022, "9"), (2023, "10"), (2024, "11"), (2025, "9.5"))
    ],
    *[("jobs", str(y), v, f"{y}-12-31") for y, v in ((2021, "10000"), (2022, "11000"), (2023, "9500"))],
    *[("poverty_cut", str(y), v, f"{y}-12-31") for y, v in ((2021, "3.2"), (2022, "2.8"), (2023, "3.1"))],
]

# forest, judged at 2024-01-15 by the Open SDG method from its baseline (50 in 2020) to 54 in 2023
OBSERVED = ((54 / 50) ** (1 / 3) - 1) * 100  # % a year since the baseline
REQUIRED = ((60 / 50) ** (1 / 5) - 1) * 100  # % a year needed to reach 60 by 2025
RATIO = OBSERVED / REQUIRED  # 0.70: "needs acceleration"
PROJECTED = 54 * (1 + OBSERVED / 100) ** 2


@pytest.fixture
def term_plan(tmp_path: Path) -> Path:
    """A plan of term targets, one per way of making a term value, with yearly figures."""
    path = tmp_path / "plan.toml"
    path.write_text(TERM_PLAN, encoding="utf-8")
    figures(path, TERM_FIGURES)
    return path


def test_term_report_gives_the_open_sdg_numbers(term_plan: Path) -> None:
    """`report --period 2021-2025` judges a running term: the Open SDG ratio and its
    numbers for a level (`term_*` in json and csv), the mean and compound averages as
    levels, a sum projected like an in-year flow."""
    document = report_json(term_plan, "--period", "2021-2025", "--as-of", "2024-01-15")
    assert document["period"] == "2021-2025"
    forest = item(document, "forest")
    assert (forest["term_method"], forest["term_category"], forest["status"]) == (
        "latest", "needs_acceleration", "at_risk"), "a level part-way through its term: Open SDG category"  # fmt: skip
    assert (forest["term_baseline_year"], forest["term_baseline"], forest["actual"]) == (2020, 50, 54)
    for field, expected in (("term_observed", OBSERVED), ("term_required", REQUIRED), ("term_ratio", RATIO),
                            ("term_projected", PROJECTED)):  # fmt: skip
        assert forest[field] == pytest.approx(expected, abs=1e-4), f"json `{field}` of a term target"
    growth, poverty, jobs = item(document, "growth"), item(document, "poverty_cut"), item(document, "jobs")
    assert (growth["term_method"], growth["status"]) == ("compound", "on_track")
    assert growth["actual"] == pytest.approx((1.08 * 1.09 * 1.10) ** (1 / 3) * 100 - 100, abs=0.005)
    assert (poverty["term_method"], poverty["status"], poverty["actual"]) == ("mean", "on_track", 3.03)
    share = (date(2023, 12, 31) - date(2020, 12, 31)).days / (date(2025, 12, 31) - date(2020, 12, 31)).days
    assert (jobs["term_method"], jobs["actual"]) == ("sum", 30500)
    assert jobs["term_projected"] == pytest.approx(30500 / share, abs=1e-3), "a term sum is projected like a flow"

    result = run(
        "report", "--period", "2021-2025", "--as-of", "2024-01-15", "--format", "csv", "--plan", str(term_plan)
    )
    assert result.code == 0, result.err
    row = next(r for r in csv.DictReader(io.StringIO(result.out)) if r["id"] == "forest")
    assert (row["term_method"], row["term_category"], row["term_baseline_year"]) == (
        "latest",
        "needs_acceleration",
        "2020",
    )
    assert float(row["term_ratio"]) == pytest.approx(RATIO, abs=1e-4), "csv `term_ratio` of a term target"
    assert float(row["term_projected"]) == pytest.approx(PROJECTED, abs=1e-4)


def test_a_complete_term_is_judged_on_its_term_value(term_plan: Path) -> None:
    """Once the term is over and every year has a figure, a compound target is judged on
    its average yearly growth: 9.5 % a year against 9 - 10 is met."""
    growth = item(report_json(term_plan, "--period", "2021-2025", env=base_env(TRACKER_TODAY="2026-03-01")), "growth")
    rates = (1.08, 1.09, 1.10, 1.11, 1.095)
    average = (rates[0] * rates[1] * rates[2] * rates[3] * rates[4]) ** (1 / 5) * 100 - 100
    assert growth["running"] is False
    assert (growth["status"], growth["term_category"]) == ("met", "achieved"), "a complete term's verdict"
    assert growth["actual"] == pytest.approx(average, abs=0.005)


def test_show_gives_the_numbers_behind_a_term_category(term_plan: Path) -> None:
    """`show` words the method's category with its numbers: baseline, observed and needed
    growth, R and the projection; its json carries the same `term_*` fields."""
    shown = run("show", "forest", "--as-of", "2024-01-15", "--plan", str(term_plan))
    assert shown.code == 0, shown.err
    line = next(li for li in shown.out.splitlines() if li.startswith("2021-2025"))
    for words in ("At risk (needs acceleration)", "since 50 (2020)", f"observed +{OBSERVED:.2f}%/year",
                  f"needed +{REQUIRED:.2f}%/year", f"R = {RATIO:.2f}", f"projected end of term {PROJECTED:.0f}"):  # fmt: skip
        assert words in line, f"show's term line lacks {words!r}: {line}"
    shown = run("show", "forest", "--as-of", "2024-01-15", "--format", "json", "--plan", str(term_plan))
    term = next(p for p in json.loads(shown.out)["periods"] if p["period"] == "2021-2025")
    assert term["term_ratio"] == pytest.approx(RATIO, abs=1e-4), "show --format json: `term_ratio`"
    assert term["term_category"] == "needs_acceleration"


# ---------------------------------------------------------------- 4, 5. csv and tsv line ends and text


def test_csv_lines_end_in_crlf_and_line_breaks_are_quoted(small_plan: Path) -> None:
    """csv follows RFC 4180: every record ends in CRLF; a field holding a line break, a
    comma or a quote is quoted and reads back whole."""
    note = 'line one\nline two, "quoted"'
    assert run("record", "growth", "8", "--as-of", "2025-06-30", "--note", note, "--plan", str(small_plan)).code == 0
    for args in (("report",), ("history",), ("list",), ("show", "growth")):
        result = run(*args, "--format", "csv", "--plan", str(small_plan))
        assert result.code == 0 and result.out, result.err
        records = list(csv.reader(io.StringIO(result.out, newline="")))
        assert len(records) >= 2
        line_ends = result.out.count("\r\n")
        assert line_ends == len(records) and result.out.endswith("\r\n"), f"{args[0]} csv: every line ends in CRLF"
    history = run("history", "--format", "csv", "--plan", str(small_plan)).out
    assert '"line one\nline two, ""quoted"""' in history, "a field with a line break, comma or quote is quoted"
    row = next(csv.DictReader(io.StringIO(history, newline="")))
    assert row["note"] == note


def test_tsv_turns_tabs_and_newlines_in_text_into_spaces(small_plan: Path) -> None:
    """tsv: tabs and newlines inside text become spaces, so each record is one LF-ended
    line of exactly as many fields as the header."""
    small_plan.write_text(SMALL_PLAN.replace('name = "GRDP growth"', 'name = "GRDP\\tgrowth\\nrate"'), encoding="utf-8")
    assert (
        run("record", "growth", "8", "--as-of", "2025-06-30", "--note", "a\tb\nc", "--plan", str(small_plan)).code == 0
    )
    for args, field, expected in ((("report",), "name", "GRDP growth rate"), (("history",), "note", "a b c"),
                                  (("list",), "name", "GRDP growth rate"), (("show", "growth"), "id", "growth")):  # fmt: skip
        result = run(*args, "--format", "tsv", "--plan", str(small_plan))
        assert result.code == 0 and result.out, result.err
        assert "\r" not in result.out and result.out.endswith("\n")
        lines = result.out.splitlines()
        header = lines[0].split("\t")
        assert all(len(line.split("\t")) == len(header) for line in lines), (
            f"{args[0]} tsv: a tab or newline inside text must become a space, not a new field or line"
        )
        rows = [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
        assert expected in [r[field] for r in rows], f"{args[0]} tsv: {field} should read {expected!r}"


# ---------------------------------------------------------------- 6. --version


def test_version_prints_the_package_version() -> None:
    """`tracker --version` prints "tracker VERSION" (the package's version) and exits 0."""
    result = run("--version")
    assert (result.code, result.err) == (0, "")
    assert result.out == f"tracker {tracker.__version__}\n", "tracker --version must print 'tracker <version>'"
    assert re.fullmatch(r"\d+\.\d+\.\d+(\S*)", tracker.__version__)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'version = { attr = "tracker.__version__" }' in pyproject  # one version, the package's


# ---------------------------------------------------------------- 7. which plan and log


def _titled(title: str) -> str:
    return SMALL_PLAN.replace('title = "Kế hoạch thử"', f'title = "{title}"')


def test_plan_toml_here_comes_before_data_plan_toml(tmp_path: Path) -> None:
    """Without --plan, plan.toml in the current folder is used, else data/plan.toml."""
    (tmp_path / "data").mkdir()
    (tmp_path / "plan.toml").write_text(_titled("Here"), encoding="utf-8")
    (tmp_path / "data" / "plan.toml").write_text(_titled("Data"), encoding="utf-8")
    for args in (("report", "--format", "json"), ("report", "-fjson")):  # the fast path and Typer
        result = run(*args, cwd=tmp_path)
        assert result.code == 0, result.err
        assert json.loads(result.out)["title"] == "Here", "plan.toml in the current folder comes before data/plan.toml"
    (tmp_path / "plan.toml").unlink()
    result = run("report", "--format", "json", cwd=tmp_path)
    assert json.loads(result.out)["title"] == "Data", "without plan.toml here, data/plan.toml is used"


def test_tracker_plan_and_tracker_log_name_the_files_on_every_command(tmp_path: Path) -> None:
    """TRACKER_PLAN and TRACKER_LOG choose the plan and the log of every command, end to
    end (record writes there, report and history read there); --plan still wins."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "p.toml").write_text(_titled("From TRACKER_PLAN"), encoding="utf-8")
    (tmp_path / "plan.toml").write_text(_titled("Here"), encoding="utf-8")
    log = elsewhere / "figures.toml"
    env = base_env(TRACKER_PLAN=str(elsewhere / "p.toml"), TRACKER_LOG=str(log))
    recorded = run("record", "growth", "8.5", "--as-of", "2025-06-30", cwd=tmp_path, env=env)
    assert recorded.code == 0, recorded.err
    assert log.is_file(), "record must append to TRACKER_LOG"
    assert not (elsewhere / "p.progress.toml").exists() and not (tmp_path / "plan.progress.toml").exists()
    for args in (("report", "--format", "json"), ("report", "-fjson")):  # the fast path and Typer
        result = run(*args, cwd=tmp_path, env=env)
        assert result.code == 0, result.err
        document = json.loads(result.out)
        assert document["title"] == "From TRACKER_PLAN", "TRACKER_PLAN names the plan"
        assert item(document, "growth")["actual"] == 8.5, "TRACKER_LOG names the log read"
    history = json.loads(run("history", "--format", "json", cwd=tmp_path, env=env).out)
    assert [e["value"] for e in history["entries"]] == [8.5]
    given = run("report", "--format", "json", "--plan", str(tmp_path / "plan.toml"), cwd=tmp_path, env=env)
    assert json.loads(given.out)["title"] == "Here", "--plan on the command line beats TRACKER_PLAN"


# ---------------------------------------------------------------- 8. who recorded


def test_recorded_by_is_tracker_user_else_the_login_name(small_plan: Path) -> None:
    """Each entry's `recorded_by` is TRACKER_USER when set, else the login name."""
    bare = {k: v for k, v in base_env().items() if k != "TRACKER_USER"}
    login = pwd.getpwuid(os.getuid()).pw_name
    for env, expected in ((base_env(TRACKER_USER="lan"), "lan"), ({**bare, "LOGNAME": "kiem"}, "kiem"), (bare, login)):
        result = run("record", "growth", "8", "--as-of", "2025-06-30", "--plan", str(small_plan), env=env)
        assert result.code == 0, result.err
        last = json.loads(run("history", "--format", "json", "--plan", str(small_plan)).out)["entries"][-1]
        assert last["recorded_by"] == expected, f"recorded_by must be {expected!r} (TRACKER_USER, else the login name)"


# ---------------------------------------------------------------- the clock


def test_today_is_the_system_date_unless_tracker_today_sets_it(small_plan: Path) -> None:
    """The default as-of date is today's date; TRACKER_TODAY sets it, for reports and
    for record's default dates; a date that is not ISO is refused."""
    unset = {k: v for k, v in base_env().items() if k != "TRACKER_TODAY"}
    before = date.today().isoformat()
    as_of = report_json(small_plan, env=unset)["as_of"]
    assert as_of in (before, date.today().isoformat()), "without TRACKER_TODAY, today is the system's date"
    assert report_json(small_plan)["as_of"] == TODAY
    recorded = run("record", "growth", "8", "--plan", str(small_plan), env=base_env(TRACKER_TODAY="2025-07-01"))
    assert recorded.code == 0, recorded.err
    assert "growth 2025 = 8 as of 2025-07-01" in recorded.out, "record's default period and as-of follow TRACKER_TODAY"
    refused = run("report", "--plan", str(small_plan), env=base_env(TRACKER_TODAY="01/07/2025"))
    assert refused.code == 2
    assert refused.err == "tracker: error: TRACKER_TODAY must be a date such as 2025-12-31, not '01/07/2025'\n"


# ---------------------------------------------------------------- outputs no other test read


def test_show_in_csv_tsv_and_json(small_plan: Path) -> None:
    """`show --format json` holds the target, its entries and a report item per period;
    csv and tsv give the period rows with the report's columns."""
    figures(small_plan, [("revenue", "2024", "2400", "2024-12-31")], "--unplanned")
    figures(small_plan, [("revenue", "2025", "2540", "2025-10-31")])
    shown = run("show", "revenue", "--format", "json", "--plan", str(small_plan))
    assert shown.code == 0, shown.err
    document = json.loads(shown.out)
    assert (document["schema_version"], document["kind"]) == (1, "show")
    assert document["target"]["id"] == "revenue" and document["target"]["accumulates"] is True
    assert [(e["period"], e["value"]) for e in document["entries"]] == [("2024", 2400), ("2025", 2540)]
    assert [(p["period"], p["actual"], p["status"]) for p in document["periods"]] == [
        ("2024", 2400, "not_judged"), ("2025", 2540, "incomplete")]  # fmt: skip
    report_header = run("report", "--format", "csv", "--plan", str(small_plan)).out.splitlines()[0]
    as_csv = run("show", "revenue", "--format", "csv", "--plan", str(small_plan))
    as_tsv = run("show", "revenue", "--format", "tsv", "--plan", str(small_plan))
    assert as_csv.code == as_tsv.code == 0
    rows = list(csv.DictReader(io.StringIO(as_csv.out, newline="")))
    assert as_csv.out.splitlines()[0] == report_header
    assert [(r["period"], r["actual"], r["status"]) for r in rows] == [("2024", "2400", "not_judged"),
                                                                       ("2025", "2540", "incomplete")]  # fmt: skip
    assert [line.split("\t") for line in as_tsv.out.splitlines()] == list(csv.reader(io.StringIO(as_csv.out)))


COMPONENT_PLAN = (
    SMALL_PLAN
    + """
[[target]]
id = "schools"
name = "Schools"
group = "Society"
unit = ""

[[target]]
id = "schools_primary"
parent = "schools"
name = "Primary schools"
group = "Society"
unit = "%"
plan.2024 = { at_least = 90 }
plan.2025 = { at_least = 95 }
"""
)


def test_list_with_a_period_lists_only_what_is_planned_for_it(small_plan: Path) -> None:
    """`list --period P` lists the targets with a plan value for P (and their parents),
    with that plan value; without --period, every target."""
    small_plan.write_text(COMPONENT_PLAN, encoding="utf-8")
    result = run("list", "--period", "2024", "--format", "json", "--plan", str(small_plan))
    assert result.code == 0, result.err
    document = json.loads(result.out)
    assert document["period"] == "2024"
    assert [(t["id"], t["plan"]) for t in document["targets"]] == [
        ("growth", 7), ("schools", None), ("schools_primary", 90)], "list --period 2024: only targets planned for 2024"  # fmt: skip
    plain = run("list", "--period", "2024", "--format", "plain", "--plan", str(small_plan))
    assert "revenue" not in plain.out and "growth" in plain.out
    everything = json.loads(run("list", "--format", "json", "--plan", str(small_plan)).out)
    assert len(everything["targets"]) == 6


def test_history_of_one_target(small_plan: Path) -> None:
    """`history TARGET_ID` shows that target's entries and the retractions of them only."""
    for args in (("growth", "8", "--as-of", "2025-06-30"), ("revenue", "100", "--as-of", "2025-03-31"),
                 ("growth", "8.5", "--as-of", "2025-09-30")):  # fmt: skip
        assert run("record", *args, "--plan", str(small_plan)).code == 0
    assert run("undo", "--plan", str(small_plan)).code == 0  # retracts growth 8.5
    result = run("history", "growth", "--format", "json", "--plan", str(small_plan))
    assert result.code == 0, result.err
    entries = json.loads(result.out)["entries"]
    assert [(e["kind"], e["target"], e["value"], e["retracted"]) for e in entries] == [
        ("entry", "growth", 8, False), ("entry", "growth", 8.5, True), ("retraction", None, None, False)
    ], "history growth: growth's entries and their retraction, nothing of revenue"  # fmt: skip
    assert entries[2]["retracts"] == entries[1]["id"]
    revenue = json.loads(run("history", "revenue", "--format", "json", "--plan", str(small_plan)).out)["entries"]
    assert [(e["target"], e["value"]) for e in revenue] == [("revenue", 100)]


PERIODS_PLAN = """\
[plan]
title = "Quarters and months"
organisation = "Tỉnh Thử"
language = "en"
default_period = "2025-Q3"

[[target]]
id = "revenue"
name = "Budget revenue"
group = "Economy"
unit = "tỷ đồng"
accumulates = true
plan.2025-Q3 = { at_least = 900 }

[[target]]
id = "exports"
name = "Exports"
group = "Economy"
unit = "%"
plan.2025-06 = { at_least = 10 }
"""


def test_quarter_and_month_periods_end_to_end(tmp_path: Path) -> None:
    """A quarter and a month are periods like a year: recorded into (dates inside them
    only), paced while running, judged once over, listed and reported."""
    plan = tmp_path / "plan.toml"
    plan.write_text(PERIODS_PLAN, encoding="utf-8")
    outside = run("record", "revenue", "5", "--period", "2025-Q3", "--as-of", "2025-10-01", "--plan", str(plan))
    assert outside.code == 2, "an as-of date outside the quarter is refused"
    assert (
        run("record", "revenue", "620", "--period", "2025-Q3", "--as-of", "2025-08-31", "--plan", str(plan)).code == 0
    )
    running = item(report_json(plan, "--as-of", "2025-09-01"), "revenue")
    assert running["period"] == "2025-Q3" and running["running"] is True
    assert running["expected_share"] == pytest.approx(62 / 92, abs=1e-4), "share of the quarter gone at 31 August"
    assert running["projected"] == pytest.approx(620 / (62 / 92), abs=1e-3)
    assert (running["status"], running["needed"]) == ("on_track", 280)
    # record's defaults: the quarter is over, so the figure stands for its last day
    done = run("record", "revenue", "950", "--period", "2025-Q3", "--plan", str(plan))
    assert done.code == 0 and "as of 2025-09-30" in done.out, done.err
    final = item(report_json(plan), "revenue")
    assert (final["running"], final["status"], final["actual"]) == (False, "exceeded", 950)

    assert run("record", "exports", "9.5", "--period", "2025-06", "--plan", str(plan)).code == 0
    month = report_json(plan, "--period", "2025-06")
    assert month["period"] == "2025-06"
    assert [(t["id"], t["status"], t["as_of"]) for t in month["targets"]] == [("exports", "not_met", "2025-06-30")]
    listing = json.loads(run("list", "--period", "2025-06", "--format", "json", "--plan", str(plan)).out)
    assert [t["id"] for t in listing["targets"]] == ["exports"]


def test_readers_take_a_shared_lock(small_plan: Path) -> None:
    """Readers take a shared lock on the log: they wait for a writer's exclusive lock
    (here until TRACKER_LOCK_TIMEOUT, then exit 5), and never for another reader."""
    assert run("record", "growth", "8", "--as-of", "2025-06-30", "--plan", str(small_plan)).code == 0
    log = small_plan.parent / "plan.progress.toml"
    env = base_env(TRACKER_LOCK_TIMEOUT="0.3")
    with open(log, "rb") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        for args in (("report",), ("history",), ("show", "growth")):
            blocked = run(*args, "--format", "json", "--plan", str(small_plan), env=env)
            assert blocked.code == 5, f"{args[0]} read the log while a writer held it: readers must take a shared lock"
            assert "locked by another process" in blocked.err
        fcntl.flock(held, fcntl.LOCK_SH)  # another reader
        shared = run("report", "--format", "json", "--plan", str(small_plan), env=env)
        assert shared.code == 0, "readers never wait for each other"
        assert item(json.loads(shared.out), "growth")["actual"] == 8


# ---------------------------------------------------------------- the table at a terminal


def test_terminal_table_hides_the_bar_below_100_columns(shipped: Path) -> None:
    """The terminal table draws a bar of % of plan at 100 columns or more, none below."""
    bar = re.compile(r"█{7}·")  # budget revenue: 84.7 % of plan, 7 of 8 cells
    env = base_env(TERM="xterm", NO_COLOR="1")
    wide, _ = tty_run(["report"], {**env, "COLUMNS": "100"}, cwd=shipped.parent.parent)
    narrow, _ = tty_run(["report"], {**env, "COLUMNS": "99"}, cwd=shipped.parent.parent)
    # the budget revenue row in both (its name may wrap in the 12 columns left at 100 wide)
    assert "2.540,17" in wide and "2.540,17" in narrow
    assert bar.search(wide), "at 100 columns the table shows the bar of % of plan"
    assert "████████+" in wide  # beyond the plan: full, and marked
    assert not bar.search(narrow) and "████████+" not in narrow, "below 100 columns the bar is hidden"


def test_trend_is_the_latest_figure_of_each_of_the_last_six_years(small_plan: Path) -> None:
    """The trend holds the winning figure of each of the last six years up to the period,
    oldest first; an accumulating target's year-to-date figures are left out."""
    growth = [(str(y), v) for y, v in ((2018, "1"), (2019, "2"), (2020, "3"), (2021, "4"), (2022, "5"),
                                      (2023, "6"), (2024, "7"))]  # fmt: skip
    figures(small_plan, [("growth", y, v, f"{y}-12-31") for y, v in growth]
            + [("revenue", "2023", "2000", "2023-12-31"), ("revenue", "2024", "2400", "2024-12-31")], "--unplanned")  # fmt: skip
    figures(small_plan, [("growth", "2025", "6.5", "2025-06-30"), ("growth", "2025", "8", "2025-12-31"),
                         ("revenue", "2025", "2540", "2025-10-31")])  # fmt: skip
    document = report_json(small_plan)
    assert item(document, "growth")["trend"] == [3, 4, 5, 6, 7, 8], "six years, 2020-2025, each year's latest figure"
    assert item(document, "revenue")["trend"] == [2000, 2400], "a year-to-date figure is not in the trend"
    plain = run("report", "--format", "plain", "--plan", str(small_plan)).out
    line = next(li for li in plain.splitlines() if li.startswith("growth"))
    assert "▁▂▄▅▇█" in line, "the sparkline: one mark per year, low to high"
    csv_row = next(r for r in csv.DictReader(io.StringIO(run("report", "--format", "csv", "--plan", str(small_plan)).out))
                   if r["id"] == "revenue")  # fmt: skip
    assert csv_row["trend"] == "2000 2400"
