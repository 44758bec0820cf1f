"""`tracker due` and `report --by owner` through the installed command: who owes which
figure, in every format, the cron check, filters, and the headline per owner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import base_env, run

PLAN = """\
[plan]
title = "Kế hoạch thử"
organisation = "Tỉnh Thử"
language = "vi"
default_period = "2025"
reporting = "quarterly"
due_days = 15

[owners."Sở Tài chính"]
reporting = "monthly"
due_days = 10

[[target]]
id = "revenue"
name = "Thu ngân sách"
name_en = "Budget revenue"
group = "Kinh tế"
unit = "tỷ đồng"
owner = "Sở Tài chính"
accumulates = true
plan.2025 = { at_least = 3000 }

[[target]]
id = "growth"
name = "Tăng trưởng GRDP"
group = "Kinh tế"
unit = "%"
owner = "Cục Thống kê"
plan.2025 = { at_least = 8 }

[[target]]
id = "poverty"
name = "Giảm tỷ lệ hộ nghèo"
group = "Xã hội"
unit = "điểm %"
reporting = "yearly"
due_days = 30
plan.2024 = { at_least = 3 }
plan.2025 = { at_least = 3 }
"""


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """The plan above, with figures: revenue for January (official) and March (an
    estimate), growth for the first half (official)."""
    path = tmp_path / "plan.toml"
    path.write_text(PLAN, encoding="utf-8")
    for args in (("revenue", "250", "--as-of", "2025-01-31"),
                 ("revenue", "800", "--as-of", "2025-03-31", "--status", "estimate"),
                 ("growth", "7.5", "--as-of", "2025-06-30")):  # fmt: skip
        assert run("record", *args, "--plan", str(path)).code == 0
    return path


def due(plan: Path, *args: str, today: str = "2025-07-20") -> tuple[int, str, str]:
    result = run("due", *args, "--plan", str(plan), env=base_env(TRACKER_TODAY=today))
    return result.code, result.out, result.err


def test_due_lists_each_owners_figures_with_the_period_owed_and_days_late(plan: Path) -> None:
    code, out, err = due(plan, "--format", "plain", "--lang", "en")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "Kế hoạch thử" and lines[1] == "Tỉnh Thử · as of 2025-07-20"
    assert lines[4] == "[Sở Tài chính (5)]"
    rows = [line.split("  ") for line in lines[5:10]]
    assert [[cell.strip() for cell in row if cell.strip()][3:7] for row in rows] == [
        ["2025-02", "2025", "2025-03-10", "132"],
        ["2025-03", "2025", "2025-04-10", "101"],
        ["2025-04", "2025", "2025-05-10", "71"],
        ["2025-05", "2025", "2025-06-10", "40"],
        ["2025-06", "2025", "2025-07-10", "10"],
    ]
    assert "800 (est.)  Estimate only" in lines[6] and lines[5].endswith("Missing")
    assert "[Cục Thống kê (1)]" in lines and "[(no owner) (1)]" in lines
    assert lines[-1] == "Overdue figures: 7 (6 missing, 1 only as estimates); owners behind: 3"


def test_due_speaks_the_plans_language(plan: Path) -> None:
    _, out, _ = due(plan, "--format", "plain")
    assert "Mới có số ước" in out and "Chưa báo cáo" in out and "[(chưa giao đơn vị) (1)]" in out
    assert out.splitlines()[-1] == "Số liệu quá hạn: 7 (6 chưa báo cáo, 1 mới có số ước); số đơn vị chậm: 3"


def test_json_and_csv_carry_every_owed_figure_and_the_count_per_owner(plan: Path) -> None:
    document = json.loads(due(plan, "--format", "json")[1])
    assert document["kind"] == "due" and document["as_of"] == "2025-07-20"
    assert document["summary"]["total"] == 7 and document["summary"]["estimate_only"] == 1
    assert [(o["owner"], o["total"], o["most_days_late"]) for o in document["summary"]["by_owner"]] == [
        ("Sở Tài chính", 5, 132), ("Cục Thống kê", 1, 96), (None, 1, 171),
    ]  # fmt: skip
    estimate = next(f for f in document["figures"] if f["reason"] == "estimate_only")
    assert {k: estimate[k] for k in ("id", "owed", "period", "due", "days_late", "actual", "figure_status")} == {
        "id": "revenue", "owed": "2025-03", "period": "2025", "due": "2025-04-10", "days_late": 101,
        "actual": 800, "figure_status": "estimate",
    }  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(due(plan, "--format", "csv")[1])))
    assert [(r["id"], r["owed"], r["reason"]) for r in rows][-2:] == [("growth", "2025-Q1", "missing"),
                                                                      ("poverty", "2024", "missing")]  # fmt: skip


def test_check_exits_3_while_anything_is_overdue(plan: Path) -> None:
    assert due(plan, "--check", "--format", "plain")[0] == 3
    assert due(plan, "--check", today="2025-01-01")[0] == 0  # nothing was due yet
    code, out, _ = due(plan, "--check", "--format", "plain", "--lang", "en", today="2025-01-01")
    assert code == 0 and out.splitlines()[-1] == "No figure is overdue as of 2025-01-01"


def test_filters_keep_one_owner_group_or_period_and_refuse_a_name_not_in_the_plan(plan: Path) -> None:
    def owed(*args: str) -> list[tuple[str, str]]:
        return [(f["id"], f["owed"]) for f in json.loads(due(plan, *args, "--format", "json")[1])["figures"]]

    assert owed("--owner", "cục thống kê") == [("growth", "2025-Q1")]
    assert owed("--group", "Xã hội") == [("poverty", "2024")]
    assert [o for _, o in owed("--period", "2025")] == ["2025-02", "2025-03", "2025-04", "2025-05", "2025-06",
                                                         "2025-Q1"]  # fmt: skip
    assert owed("--as-of", "2025-02-20") == [("poverty", "2024")]  # due on 30 January 2025
    code, _, err = due(plan, "--owner", "Sở Tài chinh", "--lang", "en")
    assert code == 2 and err.endswith("did you mean 'Sở Tài chính'?\n")


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "tsv"])
def test_every_format_renders_the_list(plan: Path, fmt: str) -> None:
    code, out, err = due(plan, "--format", fmt, "--lang", "en")
    assert (code, err) == (0, "")
    assert "revenue" in out and "2025-Q1" in out


def test_report_by_owner_gives_each_owner_its_section_and_headline(plan: Path) -> None:
    env = base_env(TRACKER_TODAY="2026-02-01")
    result = run("report", "--by", "owner", "--format", "plain", "--lang", "en", "--plan", str(plan), env=env)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line for line in lines if line.startswith("[")] == ["[Sở Tài chính]", "[Cục Thống kê]", "[(no owner)]"]
    assert lines[-4:] == [
        "Sở Tài chính: 0 of 1 targets met or exceeded the plan (Incomplete 1)",  # revenue: only to March
        "Cục Thống kê: 0 of 1 targets met or exceeded the plan (Not met 1)",
        "(no owner): 0 of 1 targets met or exceeded the plan (No data 1)",
        "0 of 3 targets met or exceeded the plan (Not met 1, No data 1, Incomplete 1)",
    ]
    document = json.loads(run("report", "--by", "owner", "--format", "json", "--plan", str(plan), env=env).out)
    assert document["summary"]["by_owner"][0] == {"owner": "Sở Tài chính", "total": 1, "met_or_exceeded": 0,
                                                  "by_status": {"incomplete": 1}}  # fmt: skip
    by_group = json.loads(run("report", "--format", "json", "--plan", str(plan), env=env).out)
    assert "by_owner" not in by_group["summary"]
    assert by_group["targets"] == document["targets"]


def test_a_bad_schedule_in_the_plan_is_exit_4_with_its_line(plan: Path) -> None:
    plan.write_text(PLAN.replace('reporting = "monthly"', 'reporting = "weekly"'), encoding="utf-8")
    code, _, err = due(plan)
    assert code == 4
    assert err == (f"tracker: error: {plan}:10: 'reporting' trong [owners.Sở Tài chính] phải là một trong "
                   "monthly, quarterly, half-yearly, yearly\n")  # fmt: skip
