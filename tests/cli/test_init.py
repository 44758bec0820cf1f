"""`tracker init [FOLDER] [--lang vi|en]`: a commented starter plan that loads and that
every command works on at once, written whole, never over anything."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import TODAY, TRACKER, base_env, drop_file_capabilities, run, snapshot, unavailable

from tracker.core.model import Better, Shape
from tracker.starter import LANGUAGES, starter_plan, term_of
from tracker.storage.log_line import HEADER
from tracker.storage.plan_file import load_plan

YEAR = int(TODAY[:4])
FIRST, LAST = term_of(YEAR)


def test_init_writes_a_plan_and_an_empty_log_in_a_folder_it_makes(tmp_path: Path) -> None:
    folder = tmp_path / "tỉnh" / "kế hoạch"
    result = run("init", str(folder))
    assert (result.code, result.err) == (0, "")
    assert sorted(p.name for p in folder.iterdir()) == ["plan.progress.toml", "plan.toml"]
    assert result.out == (
        f"đã tạo kế hoạch mẫu {folder}/plan.toml (14 chỉ tiêu) và sổ số liệu trống {folder}/plan.progress.toml\n"
        f"tiếp theo: cd {folder}, sửa plan.toml thành các chỉ tiêu của đơn vị; `tracker check` chỉ ra chỗ sai, "
        "`tracker report` hiển thị báo cáo\n"
    )
    assert (folder / "plan.toml").read_text(encoding="utf-8") == starter_plan("vi", YEAR)
    assert (folder / "plan.progress.toml").read_text(encoding="utf-8") == HEADER


def test_every_command_works_in_the_new_folder_at_once(tmp_path: Path) -> None:
    """No --plan: the folder's plan.toml is found; the empty log reads as no figures."""
    assert run("init", cwd=tmp_path).code == 0
    check = run("check", cwd=tmp_path)
    assert check.code == 0 and check.out == "tốt: plan.toml và plan.progress.toml: 14 chỉ tiêu, 0 số liệu\n"
    listed = json.loads(run("list", "--format", "json", cwd=tmp_path).out)
    assert listed["period"] == str(YEAR) and len(listed["targets"]) == 14
    report = json.loads(run("report", "--format", "json", cwd=tmp_path).out)
    assert report["period"] == str(YEAR)
    assert report["summary"]["total"] == 12  # 14 targets, less the parent of two components and the neutral one
    assert report["summary"]["by_status"]["no_data"] == 12
    assert run("report", "--period", f"{FIRST}-{LAST}", "--format", "plain", cwd=tmp_path).code == 0
    assert run("show", "forest_cover", "--format", "plain", cwd=tmp_path).code == 0
    # record takes its defaults (this year, today): the starter plans the year it was written in
    recorded = run("record", "grdp_growth", "8,2", "--status", "estimate", cwd=tmp_path)
    assert recorded.code == 0, recorded.err
    assert run("record", "primary_universal_l3", "có", cwd=tmp_path).code == 0
    report = json.loads(run("report", "--format", "json", cwd=tmp_path).out)
    assert report["summary"]["met_or_exceeded"] == 1
    assert run("check", cwd=tmp_path).out.endswith("14 chỉ tiêu, 2 số liệu\n")


def test_in_english_the_plan_its_comments_and_what_init_says_are_english(tmp_path: Path) -> None:
    result = run("init", "--lang", "en", cwd=tmp_path)
    assert result.code == 0
    assert result.out == (
        "wrote a starter plan, plan.toml (14 targets), and an empty progress log, plan.progress.toml\n"
        "next: edit plan.toml to hold your own targets; `tracker check` says what is wrong with it, "
        "`tracker report` shows it\n"
    )
    text = (tmp_path / "plan.toml").read_text(encoding="utf-8")
    assert text.startswith("# A starter plan written by `tracker init`") and 'language = "en"' in text
    report = run("report", "--format", "plain", cwd=tmp_path)
    assert report.code == 0 and report.out.rstrip().endswith("0 of 12 targets met or exceeded the plan (No data 12)")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_starter_shows_every_shape_components_a_term_target_and_owners(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "plan.toml"
    path.write_text(starter_plan(lang, YEAR), encoding="utf-8")
    plan = load_plan(path)
    assert plan.language == lang and plan.default_period == str(YEAR)
    values = [value for target in plan.targets for value in target.plans.values()]
    assert {value.shape for value in values} == set(Shape)
    assert {(v.shape, v.strict) for v in values} >= {(s, b) for s in (Shape.AT_LEAST, Shape.AT_MOST) for b in (0, 1)}
    assert any(v.better is Better.NONE for v in values)  # a structure: shown, not judged
    assert any(v.illustrative for v in values) and any(v.baseline is not None for v in values)
    assert any(t.accumulates for t in plan.targets)
    assert {t.parent for t in plan.targets if t.parent} == {"enrolment"}
    terms = [t for t in plan.targets if f"{FIRST}-{LAST}" in t.plans]
    assert {t.term.value for t in terms} >= {"compound", "mean", "latest"}
    assert all(t.owner for t in plan.targets)
    assert "@" not in path.read_text(encoding="utf-8")  # every mark filled in


@pytest.mark.parametrize(("year", "term"), [(2025, (2021, 2025)), (2026, (2026, 2030)), (2030, (2026, 2030)),
                                            (2031, (2031, 2035))])  # fmt: skip
def test_the_term_is_the_five_year_plan_holding_the_year(tmp_path: Path, year: int, term: tuple[int, int]) -> None:
    assert term_of(year) == term
    result = run("init", cwd=tmp_path, env=base_env(TRACKER_TODAY=f"{year}-03-01"))
    assert result.code == 0
    plan = load_plan(tmp_path / "plan.toml")
    assert {period for t in plan.targets for period in t.plans} == {str(year), f"{term[0]}-{term[1]}"}


# ------------------------------------------------------------------ never over anything


@pytest.mark.parametrize("existing", ["plan.toml", "plan.progress.toml", "both"])
def test_an_existing_plan_or_log_is_never_written_over_and_nothing_is_written(tmp_path: Path, existing: str) -> None:
    names = ["plan.toml", "plan.progress.toml"] if existing == "both" else [existing]
    for name in names:
        (tmp_path / name).write_text(f"# my own {name}\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run("init", str(tmp_path), "--lang", "en")
    assert (result.code, result.out) == (2, "")
    assert result.err == "".join(
        f"tracker: error: {tmp_path / name}: already exists: `tracker init` never writes over a file "
        "(choose another folder)\n"
        for name in names
    )
    assert snapshot(tmp_path) == before


def test_a_link_named_plan_toml_is_not_followed_or_replaced(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere.toml"
    (tmp_path / "plan.toml").symlink_to(elsewhere)  # dangling: the name is still taken
    result = run("init", str(tmp_path))
    assert result.code == 2 and "đã có sẵn" in result.err
    assert not elsewhere.exists() and not (tmp_path / "plan.progress.toml").exists()


def test_a_folder_that_is_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine\n", encoding="utf-8")
    result = run("init", str(file), "--lang", "en")
    assert (result.code, result.err) == (2, f"tracker: error: {file}: is a file, not a folder\n")
    assert snapshot(tmp_path) == {"notes.txt": b"mine\n"}


def test_a_folder_that_cannot_be_written_is_exit_6_and_leaves_nothing(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    preexec = drop_file_capabilities if os.geteuid() == 0 else None
    try:
        probe = subprocess.run(["/bin/sh", "-c", 'touch "$0/probe"', str(locked)], capture_output=True,
                               preexec_fn=preexec)  # fmt: skip
        if probe.returncode == 0:
            unavailable("file modes are not enforced for this user here: a read-only test would prove nothing")
        for folder in (locked, locked / "new" / "deeper"):
            proc = subprocess.run([str(TRACKER), "init", str(folder), "--lang", "en"], capture_output=True,
                                  env=base_env(), timeout=60, preexec_fn=preexec)  # fmt: skip
            assert proc.returncode == 6 and proc.stdout == b""
            err = proc.stderr.decode()
            assert (
                err.startswith("tracker: error: ") and "cannot write it: Permission denied; nothing was written" in err
            )
            assert err.count("\n") == 1
            assert list(locked.iterdir()) == []
    finally:
        locked.chmod(0o755)


def test_init_is_in_the_readme_and_its_help_has_examples() -> None:
    help_page = run("init", "--help")
    assert help_page.code == 0 and "tracker init ke-hoach && cd ke-hoach && tracker report" in help_page.out
    assert "[default: vi]" in help_page.out
