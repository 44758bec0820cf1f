"""`tracker compare` through the installed command: units × targets with each unit's and
each target's headline, totals over units, targets measured differently, broken units,
every format, and units kept in git repositories of their own."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from conftest import TRACKER, base_env, run, snapshot

UNIT_PLAN = """\
[plan]
title = "Kế hoạch {name}"
organisation = "{name}"
language = "vi"
default_period = "2025"

[[target]]
id = "revenue"
name = "Thu ngân sách"
name_en = "Budget revenue"
group = "Kinh tế"
unit = "tỷ đồng"
accumulates = true
rollup = "sum"
plan.2025 = {{ at_least = 100 }}

[[target]]
id = "growth"
name = "Tăng trưởng GRDP"
name_en = "GRDP growth"
group = "Kinh tế"
unit = "%"
owner = "Phòng Tài chính"
plan.2025 = {{ at_least = 8 }}

[[target]]
id = "jobs"
name = "Việc làm mới"
group = "Xã hội"
unit = "{jobs_unit}"
plan.2025 = {{ at_least = 500 }}

[[target]]
id = "{own}"
name = "Chỉ tiêu riêng"
group = "Xã hội"
unit = "%"
plan.2025 = {{ at_least = 1 }}
"""

PARENT_PLAN = """\
[plan]
title = "Kế hoạch tỉnh"
organisation = "Tỉnh Thử"
language = "vi"
default_period = "2025"

[[target]]
id = "revenue"
name = "Thu ngân sách"
group = "Kinh tế"
unit = "tỷ đồng"
accumulates = true
plan.2025 = { at_least = 280 }
"""

UNITS = """\
title = "So sánh các huyện"
plan = "tinh/plan.toml"

[[unit]]
name = "Huyện A"
plan = "a/plan.toml"

[[unit]]
name = "Huyện B"
plan = "b/plan.toml"

[[unit]]
name = "Huyện C"
plan = "c/plan.toml"
"""


def write_unit(folder: Path, name: str, jobs_unit: str = "người") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    plan = folder / "plan.toml"
    plan.write_text(UNIT_PLAN.format(name=name, jobs_unit=jobs_unit, own=f"own_{folder.name}"), encoding="utf-8")
    return plan


def record(plan: Path, *args: str) -> None:
    result = run("record", *args, "--plan", str(plan))
    assert result.code == 0, result.err


@pytest.fixture
def units(tmp_path: Path) -> Path:
    """Three districts and their province: revenue 110, 90 and 95 at the year's end (295
    against the province's 280), growth 8.5 and 7 (C has none), jobs measured in thousands
    by C; each district also has a target of its own."""
    plans = {u: write_unit(tmp_path / u, f"Huyện {u.upper()}", "nghìn người" if u == "c" else "người") for u in "abc"}
    (tmp_path / "tinh").mkdir()
    (tmp_path / "tinh" / "plan.toml").write_text(PARENT_PLAN, encoding="utf-8")
    (tmp_path / "units.toml").write_text(UNITS, encoding="utf-8")
    for unit, value in zip("abc", ("110", "90", "95"), strict=True):
        record(plans[unit], "revenue", value, "--as-of", "2025-12-31")
    record(plans["a"], "growth", "8.5", "--as-of", "2025-12-31")
    record(plans["b"], "growth", "7", "--as-of", "2025-12-31")
    return tmp_path


def compare(folder: Path, *args: str, today: str = "2026-03-01") -> tuple[int, str, str]:
    result = run("compare", *args, cwd=folder, env=base_env(TRACKER_TODAY=today))
    return result.code, result.out, result.err


def test_the_matrix_shows_each_units_verdict_and_the_headline_per_unit_and_per_target(units: Path) -> None:
    code, out, err = compare(units, "--format", "plain", "--lang", "en")
    assert code == 0
    assert err == ("tracker: warning: jobs is not compared: the units measure it differently "
                   "(Huyện A: 'người', Huyện C: 'nghìn người')\n")  # fmt: skip
    lines = out.splitlines()
    assert lines[:2] == ["So sánh các huyện", "3 units · 2025 · as of 2026-03-01"]
    assert lines[3:10] == [
        "ID       Target           Unit     Huyện A          Huyện B        Huyện C                            Total  Met or exceeded",
        "[Kinh tế]",
        "revenue  Budget revenue   tỷ đồng  110.0% Exceeded  90.0% Not met  95.0% Not met  295 (3/3) 105.4% Exceeded              1/3",
        "growth   GRDP growth      %        106.3% Exceeded  87.5% Not met  No data                                               1/3",
        "[Headline]",
        "         Met or exceeded           2/2              0/2            0/2",
        "",
    ]  # jobs is refused, and each unit's target of its own is not shared
    assert lines[-4:] == [
        "Huyện A: 2 of 2 targets met or exceeded the plan",
        "Huyện B: 0 of 2 targets met or exceeded the plan",
        "Huyện C: 0 of 2 targets met or exceeded the plan",
        "Not compared: jobs is measured differently (Huyện A: người, Huyện C: nghìn người)",
    ]


def test_vietnamese_words_follow_the_parent_plans_language(units: Path) -> None:
    code, out, _ = compare(units, "--format", "plain")
    assert code == 0
    assert "295 (3/3) 105,4% Vượt" in out and "Đạt và vượt" in out and "3 đơn vị · 2025 · tính đến 01/03/2026" in out
    assert out.splitlines()[-2] == "Huyện C: 0/2 chỉ tiêu đạt và vượt kế hoạch"


def test_json_has_each_cell_each_units_and_each_targets_headline_and_the_refused(units: Path) -> None:
    document = json.loads(compare(units, "--format", "json")[1])
    assert (document["kind"], document["period"], document["parent"]) == ("compare", "2025", "Tỉnh Thử")
    assert [(u["name"], u["met_or_exceeded"], u["total"]) for u in document["units"]] == [
        ("Huyện A", 2, 2), ("Huyện B", 0, 2), ("Huyện C", 0, 2),
    ]  # fmt: skip
    assert [(t["id"], t["met_or_exceeded"], t["judged"]) for t in document["targets"]] == [("revenue", 1, 3),
                                                                                          ("growth", 1, 3)]  # fmt: skip
    assert document["refused"] == [{"id": "jobs", "units": [{"unit_name": "Huyện A", "unit": "người"},
                                                            {"unit_name": "Huyện C", "unit": "nghìn người"}]}]  # fmt: skip
    cells = {(c["unit_name"], c["id"], c["total"]): c for c in document["cells"]}
    assert cells[("Huyện B", "growth", False)]["status"] == "not_met"
    assert cells[("Huyện C", "growth", False)]["status"] == "no_data"
    total = cells[("Tỉnh Thử", "revenue", True)]
    assert {k: total[k] for k in ("actual", "as_of", "plan", "status", "percent_of_plan", "units_reported", "units")} == {
        "actual": 295, "as_of": "2025-12-31", "plan": 280, "status": "exceeded", "percent_of_plan": 105.3571,
        "units_reported": 3, "units": 3,
    }  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(compare(units, "--format", "csv")[1])))
    assert len(rows) == len(document["cells"]) == 7  # 2 targets × 3 units, and the total


def test_a_total_is_judged_only_when_every_unit_reported_at_the_same_date(units: Path) -> None:
    """The sum is over the units' latest figures dated the latest date any unit reported:
    a unit still at an older figure is not in it, and the total says how many are."""
    document = json.loads(compare(units, "--format", "json")[1])
    total = next(c for c in document["cells"] if c["total"])
    assert (total["actual"], total["units_reported"], total["units"], total["status"]) == (295, 3, 3, "exceeded")
    record(units / "a" / "plan.toml", "revenue", "100", "--as-of", "2025-11-30")
    record(units / "b" / "plan.toml", "revenue", "12", "--as-of", "2025-11-30")
    record(units / "c" / "plan.toml", "revenue", "50", "--as-of", "2025-06-30")  # C is behind: not in the total
    document = json.loads(compare(units, "--as-of", "2025-11-30", "--format", "json")[1])
    total = next(c for c in document["cells"] if c["total"])
    assert (total["actual"], total["as_of"], total["units_reported"], total["status"]) == (112, "2025-11-30", 2, None)
    _, out, _ = compare(units, "--as-of", "2025-11-30", "--format", "plain", "--lang", "en")
    assert "  112 (2/3)  " in out  # shown with how many units are in it, and no verdict


def test_as_of_looks_back_and_period_chooses_the_year(units: Path) -> None:
    record(units / "b" / "plan.toml", "revenue", "80", "--as-of", "2025-09-30")
    document = json.loads(compare(units, "--as-of", "2025-09-30", "--format", "json")[1])
    cells = {(c["unit_name"], c["id"]): c for c in document["cells"] if not c["total"]}
    assert cells[("Huyện B", "revenue")]["actual"] == 80 and cells[("Huyện A", "revenue")]["actual"] is None
    assert cells[("Huyện B", "revenue")]["status"] == "on_track"  # 80 after nine months of 100
    code, out, _ = compare(units, "--period", "2024", "--format", "json")
    assert code == 0 and json.loads(out)["cells"] == []


def test_group_and_owner_filters_keep_the_matching_targets(units: Path) -> None:
    ids = {c["id"] for c in json.loads(compare(units, "--owner", "phòng tài chính", "--format", "json")[1])["cells"]}
    assert ids == {"growth"}
    code, _, err = compare(units, "--group", "Kinh te", "--lang", "en")
    assert code == 2 and err.endswith("did you mean 'Kinh tế'?\n")


def test_plans_on_the_command_line_are_units_named_by_their_organisation(units: Path) -> None:
    code, out, _ = compare(units, "a/plan.toml", "b/plan.toml", "--format", "json")
    document = json.loads(out)
    assert code == 0 and [u["name"] for u in document["units"]] == ["Huyện A", "Huyện B"]
    assert {t["id"] for t in document["targets"]} == {"revenue", "growth", "jobs"}  # A and B both count people
    assert document["parent"] is None and all(c["status"] is None for c in document["cells"] if c["total"])


@pytest.mark.parametrize("fmt", ["table", "plain", "markdown", "tsv", "csv", "json", "html", "xlsx"])
def test_every_format_renders_the_comparison(units: Path, fmt: str) -> None:
    result = subprocess.run([str(TRACKER), "compare", "--format", fmt],
                            cwd=units, env=base_env(TRACKER_TODAY="2026-03-01"), capture_output=True, timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    if fmt == "xlsx":
        assert result.stdout.startswith(b"PK")
    else:
        assert "revenue" in result.stdout.decode("utf-8")


def test_the_html_page_has_the_matrix_and_one_chart_per_target(units: Path) -> None:
    code, out, _ = compare(units, "--format", "html", "--lang", "en")
    assert code == 0 and out.startswith("<!DOCTYPE html>")
    assert out.count("<svg") == 2 and out.count("<h3>") == 2  # revenue and growth
    assert "<h3>Budget revenue</h3>" in out and "1 of 3 units met or exceeded the plan" in out
    assert 'class="st-exceeded"' in out and "<script" not in out and "http" not in out
    assert "Total: 295 (3/3) 105.4% Exceeded" in out


def test_a_unit_whose_plan_does_not_load_fails_the_run_unless_skipped(units: Path) -> None:
    plan = units / "b" / "plan.toml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("at_least = 8", "at_lest = 8"), encoding="utf-8")
    before = snapshot(units)
    code, out, err = compare(units, "--lang", "en")
    assert (code, out) == (4, "")
    assert err.splitlines() == [
        "tracker: error: units.toml:8: unit 'Huyện B' cannot be compared:",
        "tracker: error: b/plan.toml:24: unknown key 'at_lest' in target 'growth', plan 2025; did you mean 'at_least'?",
        "tracker: error: b/plan.toml:24: target 'growth', 2025: give exactly one of point, at_least, above, at_most, "
        "below, between, about, milestone (found none)",
        "tracker: error: (--skip-broken compares the other units)",
    ]
    assert snapshot(units) == before
    code, out, err = compare(units, "--skip-broken", "--format", "json", "--lang", "en")
    assert code == 0 and "tracker: warning: units.toml:8: unit 'Huyện B' cannot be compared:" in err
    document = json.loads(out)
    assert [u["name"] for u in document["units"]] == ["Huyện A", "Huyện C"]
    total = next(c for c in document["cells"] if c["total"])
    assert (total["actual"], total["units_reported"], total["units"], total["status"]) == (205, 2, 3, None)


@pytest.mark.parametrize(
    ("units_file", "said"),
    [
        (
            '[[unit]]\nname = "A"\nplan = "a/plan.toml"\n[[unit]]\nname = "a"\nplan = "b/plan.toml"\n',
            ["units.toml:5: unit 'a' is listed twice (first on line 2)"],
        ),
        (
            'titel = "x"\n[[unit]]\nname = "A"\nplann = "a/plan.toml"\n',
            [
                "units.toml:1: unknown key 'titel' in the file; did you mean 'title'?",
                "units.toml:4: unknown key 'plann' in unit #1; did you mean 'plan'?",
                "units.toml:2: unit #1 has no 'plan'",
            ],
        ),
        ('[[unit]]\nname = 3\nplan = "a/plan.toml"\n', ["units.toml:2: 'name' in unit #1 must be text in quotes"]),
        ('[[unit]]\nname = "A"\nplan = "a/plan.toml\n', None),
        ('[[unit]]\nname = "A"\nplan = "nowhere/plan.toml"\n', ["units.toml:1: unit 'A' cannot be compared:"]),
    ],
)
def test_a_units_file_with_mistakes_is_refused_with_its_lines(
    units: Path, units_file: str, said: list[str] | None
) -> None:
    (units / "units.toml").write_text(units_file, encoding="utf-8")
    code, out, err = compare(units, "--lang", "en")
    assert (code, out) == (4, "")
    lines = [line.removeprefix("tracker: error: ") for line in err.splitlines()]
    if said is None:
        assert lines[0].startswith("units.toml:3: TOML syntax error")
    else:
        assert lines[: len(said)] == said


def test_without_a_units_file_here_compare_says_what_it_looked_for(tmp_path: Path) -> None:
    code, _, err = compare(tmp_path, "--lang", "en")
    assert code == 4 and "looked for units.toml" in err


def test_a_paragraph_or_a_word_document_is_for_report_only(units: Path) -> None:
    for fmt in ("text", "docx"):
        code, out, err = compare(units, "--format", fmt, "--lang", "en")
        assert (code, out) == (2, "") and err == f"tracker: error: --format {fmt} is for `tracker report`\n"


def git_run(git: str, folder: Path, *args: str) -> str:
    env = base_env(GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
                   GIT_COMMITTER_EMAIL="t@example.org", GIT_CONFIG_NOSYSTEM="1")  # fmt: skip
    proc = subprocess.run([git, *args], cwd=folder, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_units_in_git_repositories_of_their_own_compare_from_a_folder_of_clones(tmp_path: Path, git: str) -> None:
    """Each unit keeps its plan and log in its own repository (the log merged by union);
    the ministry keeps a folder of clones, pulls, and compares them as they are. Nothing
    compare leaves behind (the cache) shows up in the clones."""
    for unit in ("lai-chau", "dien-bien"):
        repo = tmp_path / "units" / unit
        plan = write_unit(repo, unit.replace("-", " ").title())
        (repo / ".gitattributes").write_text("*.progress.toml merge=union\n", encoding="utf-8")
        record(plan, "revenue", "120" if unit == "lai-chau" else "90", "--as-of", "2025-12-31")
        git_run(git, repo, "init", "-q", "-b", "main")
        git_run(git, repo, "add", ".")
        git_run(git, repo, "commit", "-q", "-m", "plan and first figures")
    ministry = tmp_path / "ministry"
    ministry.mkdir()
    for unit in ("lai-chau", "dien-bien"):
        git_run(git, ministry, "clone", "-q", str(tmp_path / "units" / unit), unit)
    (ministry / "units.toml").write_text(
        '[[unit]]\nname = "Lai Châu"\nplan = "lai-chau/plan.toml"\n\n'
        '[[unit]]\nname = "Điện Biên"\nplan = "dien-bien/plan.toml"\n', encoding="utf-8")  # fmt: skip
    cells = {(c["unit_name"], c["id"]): c for c in json.loads(compare(ministry, "--format", "json")[1])["cells"]}
    assert cells[("Lai Châu", "revenue")]["status"] == "exceeded" and cells[("Điện Biên", "revenue")]["actual"] == 90
    # Điện Biên records its growth figure and commits; the ministry pulls and compares again.
    record(tmp_path / "units" / "dien-bien" / "plan.toml", "growth", "8.4", "--as-of", "2025-12-31")
    git_run(git, tmp_path / "units" / "dien-bien", "commit", "-q", "-am", "growth 2025")
    git_run(git, ministry / "dien-bien", "pull", "-q", "--ff-only")
    cells = {(c["unit_name"], c["id"]): c for c in json.loads(compare(ministry, "--format", "json")[1])["cells"]}
    assert cells[("Điện Biên", "growth")]["status"] == "exceeded"
    for unit in ("lai-chau", "dien-bien"):
        assert git_run(git, ministry / unit, "status", "--porcelain") == ""  # the cache is ignored by git
        assert (ministry / unit / ".tracker-cache").is_dir()
