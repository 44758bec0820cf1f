"""The README is the user's manual: its commands and recipes must stay true."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, TRACKER, base_env, run

README = (ROOT / "README.md").read_text(encoding="utf-8")
RECIPES = re.findall(r"```sh recipe\n(.*?)```", README, flags=re.S)
COMMANDS = (
    "init",
    "list",
    "report",
    "show",
    "record",
    "history",
    "undo",
    "retract",
    "import",
    "check",
    "due",
    "compare",
)


def test_readme_has_recipes() -> None:
    """The recipes section exists, so the parametrised test below is not vacuous."""
    assert len(RECIPES) >= 5


@pytest.mark.parametrize("recipe", RECIPES, ids=[r.splitlines()[0][:40] for r in RECIPES])
def test_recipe_runs(recipe: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Each recipe runs in a copy of the project folder and produces what it promises."""
    if "jq " in recipe:
        request.getfixturevalue("jq")  # skipped without jq (failed under CI=true)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    env = base_env(PATH=f"{TRACKER.parent}{os.pathsep}{os.environ['PATH']}")
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", recipe], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    if "jq -r '.targets" in recipe:
        assert proc.stdout.split() == ["agri_value_added_growth", "cereal_output"]  # budget revenue is incomplete
    if "sort -n" in recipe:
        lines = [line.split("\t") for line in proc.stdout.splitlines()]
        assert [float(p) for p, _ in lines] == sorted(float(p) for p, _ in lines)
        assert lines[0][1] == "budget_revenue"
    if "status.txt" in recipe:
        assert (tmp_path / "status.txt").read_text(encoding="utf-8").rstrip().endswith(")")
        assert (tmp_path / "alert.txt").exists()  # two targets are not met in 2025
    if "report-2024.csv" in recipe:
        assert (tmp_path / "report-2024.csv").read_text(encoding="utf-8").startswith("id,name,")
    if "due-$owner" in recipe:  # a file per owner, each holding that owner's figures only
        files = sorted(tmp_path.glob("due-*.txt"))
        assert [f.name for f in files] == sorted(
            f"due-{o}.txt" for o in ("Sở Tài chính", "Sở Văn hóa, Thể thao và Du lịch", "Sở Nông nghiệp và Môi trường",
                                     "Sở Nội vụ", "Sở Giáo dục và Đào tạo")
        )  # Cục Thống kê owns a target with no plan value: it owes nothing  # fmt: skip
        for file in files:
            owner = file.name.removeprefix("due-").removesuffix(".txt")
            sections = [line for line in file.read_text(encoding="utf-8").splitlines() if line.startswith("[")]
            assert len(sections) == 1 and sections[0].startswith(f"[{owner} (")
    if "--known-at" in recipe:  # the shipped log was recorded on 2026-11-25: nothing was known in October
        october = run(
            "report", "--period", "2025", "--format", "json", "--known-at", "2025-10-20", cwd=tmp_path, env=env
        )
        assert {t["actual"] for t in json.loads(october.out)["targets"]} == {None}
        assert (tmp_path / "bao-cao-thang-10.docx").read_bytes()[:2] == b"PK"
        assert (tmp_path / "thang-1.txt").read_text(encoding="utf-8").startswith("Kế hoạch")
        assert (tmp_path / "revised.tsv").read_text(encoding="utf-8") == ""  # the shipped figures were never revised
    if "import history.json" in recipe:
        copied = run("history", "--format", "json", "--log", "copy.progress.toml", cwd=tmp_path, env=env)
        original = run("history", "--format", "json", cwd=tmp_path, env=env)
        assert copied.code == original.code == 0, copied.err + original.err
        entries, copies = json.loads(original.out)["entries"], json.loads(copied.out)["entries"]
        assert len(entries) == 18  # the shipped log, whole
        # every field but the batch: in the copy, every entry came in by the one import
        assert len({copy.pop("batch") for copy in copies}) == 1
        assert copies == [{k: v for k, v in entry.items() if k != "batch"} for entry in entries]


def test_install_commands_are_the_ci_command() -> None:
    """The README's test command is exactly what .ci/run runs."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert f"```sh\n{ci}\n```" in README


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_documented(command: str) -> None:
    """Every command appears in the README's command table and has --help with an example."""
    assert f"`tracker {command}" in README
    result = run(command, "--help")
    assert result.code == 0
    assert "Example" in result.out


def test_exit_codes_documented_in_help_and_readme() -> None:
    """The exit-code table is in both `tracker --help` and the README."""
    result = run("--help")
    for code in range(7):
        assert re.search(rf"^\s+{code}\s+\S", result.out, flags=re.M), code
        assert f"| {code} |" in README


def test_lint_clean() -> None:
    """ruff finds nothing in the code, tests and benchmarks."""
    proc = subprocess.run([str(TRACKER.parent / "ruff"), "check", "tracker", "tests", "benchmarks"], cwd=ROOT,
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stdout
