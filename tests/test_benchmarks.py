"""The benchmark suite: generated data is valid and reproducible, and the quick run works."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tracker.storage.plan_file import load_plan
from tracker.storage.progress_log import HEADER, parse_log, render_lines

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
GOAL_LINE = re.compile(r"^(MET|NOT MET|SKIPPED) +(.+?) — (.+)$", re.MULTILINE)
# goals that --quick measures (the others need the full run and are SKIPPED)
QUICK_GOALS = (
    "report --format plain ≤ 0.5 × naive app",
    "report --format json ≤ 0.4 × naive app",
    "record ≤ 0.4 × naive app",
    "--help ≤ 0.4 × naive app",
    "record into a 1.2 M-entry log ≤ 1.2 × record into an empty log",
    "time grows no faster than linearly",
    "memory grows no faster than linearly",
    "a 43 × 12 wide workbook imports ≤ 1 s",
)
FULL_ONLY_GOALS = ("2,700 × 1 year ≤ 0.5 s", "2,700 × 10 years ≤ 2 s", "≤ 500 MB", "10,000 × 10 years ≤ 6 s",
                   "a plan of 100,000 targets loads", "compare --format json: time grows",
                   "compare --format json: memory grows", "compare --format json (cold): time grows",
                   "compare --format json (cold): memory grows")  # fmt: skip


def _generate(out: Path, targets: int, years: int) -> None:
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "generate.py"), "--targets", str(targets), "--years", str(years),
         "--out", str(out), "--seed", "7"],
        check=True, capture_output=True,
    )  # fmt: skip


def test_generated_data_loads_and_is_reproducible(tmp_path: Path) -> None:
    """generate.py writes a valid plan and a log in tracker's exact format, the same bytes every time."""
    _generate(tmp_path / "a", 45, 2)
    _generate(tmp_path / "b", 45, 2)
    for name in ("plan.toml", "plan.progress.toml"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name

    plan = load_plan(tmp_path / "a" / "plan.toml")
    assert len(plan.targets) == 45
    assert plan.language == "vi" and plan.default_period == "2025"
    assert {v.shape.value for t in plan.targets for v in t.plans.values()} >= {
        "at_least", "at_most", "range", "point", "about", "milestone",
    }  # fmt: skip
    assert any(t.parent for t in plan.targets) and any(t.accumulates for t in plan.targets)

    log_path = tmp_path / "a" / "plan.progress.toml"
    data = log_path.read_bytes()
    contents = parse_log(data, log_path)
    assert contents.count() == 45 * 2 * 12
    assert contents.torn is None and not contents.problems
    entries = contents.all_entries
    assert {e.target for e in entries} == {t.id for t in plan.targets}
    # byte-identical to what tracker itself writes for the same entries
    assert HEADER.encode() + render_lines(entries) == data


def test_quick_run_reports_every_figure_and_goal(tmp_path: Path) -> None:
    """run.py --quick exits 0 and prints a figure per case and a verdict per goal of issue 6."""
    proc = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--data", str(tmp_path)],
        capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    for case in ("python -c pass", "naive app", "--help", "report json (cold)", "report table", "report plain",
                 "report json", "list", "show", "record", "record (empty log)", "import wide 43×12 (.xlsx)",
                 "import long 2,000 rows (.xlsx)"):  # fmt: skip
        assert re.search(rf"  {re.escape(case)} +\d+ +[\d.]+ m?s ", out), f"no figure for {case}:\n{out}"
    assert "FAILED" not in out, out
    goals = {name: status for status, name, _ in GOAL_LINE.findall(out)}
    assert len(goals) == len(QUICK_GOALS) + len(FULL_ONLY_GOALS), out
    for part in QUICK_GOALS:
        assert [s for n, s in goals.items() if part in n and s in ("MET", "NOT MET")], f"{part}:\n{out}"
    for part in FULL_ONLY_GOALS:
        assert [s for n, s in goals.items() if part in n], f"{part}:\n{out}"
