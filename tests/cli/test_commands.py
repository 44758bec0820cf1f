"""Command behaviour a user relies on beyond the happy path: negative figures, filters that
match nothing, round trips through csv, hostile text, bare `tracker`."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import base_env, run, snapshot


def test_negative_figure_is_a_value_not_an_option(small_plan: Path) -> None:
    """`record growth -2.77` records minus 2.77 (a contraction), no `--` needed."""
    result = run("record", "growth", "-2.77", "--period", "2025", "--as-of", "2025-06-30", "--plan", str(small_plan))
    assert result.code == 0, result.err
    assert "growth 2025 = -2.77" in result.out


def test_unknown_group_or_owner_is_a_usage_error(small_plan: Path) -> None:
    """A mistyped --group stops with exit 2 and a suggestion, so `report --check` never
    passes silently on an empty report; NFD input matches the NFC name."""
    for command in ("report", "list"):
        result = run(command, "--group", "Economi", "--plan", str(small_plan))
        assert result.code == 2
        assert result.err == "tracker: error: --group: no group 'Economi' in the plan; did you mean 'Economy'?\n"
    assert run("report", "--check", "--owner", "nobody", "--plan", str(small_plan)).code == 2
    text = small_plan.read_text(encoding="utf-8").replace('group = "Society"', 'group = "Xã hội"')
    small_plan.write_text(text, encoding="utf-8")
    nfd = "Xa\u0303 ho\u0323\u0302i"
    result = run("report", "--group", nfd, "--format", "json", "--plan", str(small_plan))
    assert result.code == 0
    assert {t["id"] for t in json.loads(result.out)["targets"]} == {"poverty_cut", "milestone"}


def test_csv_export_imports_back_to_the_same_text(small_plan: Path) -> None:
    """Text that csv guards against spreadsheets (=, +, -, @) comes back unchanged on import,
    and importing the same export again changes nothing."""
    assert run("record", "growth", "8.1", "--as-of", "2025-06-30", "--note", "-0,1 điểm so với quý I",
               "--source", '=HYPERLINK("x")', "--plan", str(small_plan)).code == 0  # fmt: skip
    exported = run("history", "--format", "csv", "--plan", str(small_plan)).out
    assert "\"'-0,1 điểm" in exported and "'=HYPERLINK" in exported
    backup = small_plan.parent / "backup.csv"
    backup.write_text(exported, encoding="utf-8")
    copy = small_plan.parent / "copy.progress.toml"
    assert run("import", str(backup), "--log", str(copy), "--plan", str(small_plan)).code == 0
    entry = json.loads(run("history", "--format", "json", "--log", str(copy), "--plan", str(small_plan)).out)[
        "entries"
    ][0]
    assert entry["note"] == "-0,1 điểm so với quý I" and entry["source"] == '=HYPERLINK("x")'
    before = snapshot(small_plan.parent)
    again = run("import", str(backup), "--plan", str(small_plan))
    assert again.code == 0 and again.err == f"tracker: recorded 0 entries from {backup}; 1 already recorded\n"
    assert {k: v for k, v in snapshot(small_plan.parent).items() if ".tracker-cache" not in k} == {
        k: v for k, v in before.items() if ".tracker-cache" not in k
    }


def test_control_characters_are_shown_not_obeyed(small_plan: Path) -> None:
    """An escape code typed into a note is printed as \\x1b in plain and markdown, never sent."""
    assert run("record", "growth", "8", "--as-of", "2025-06-30", "--note", "\x1b[31mRED",
               "--plan", str(small_plan)).code == 0  # fmt: skip
    for fmt in ("plain", "markdown", "table"):
        out = run("history", "--format", fmt, "--plan", str(small_plan)).out
        assert "\x1b" not in out and "\\x1b[31mRED" in out


def test_bare_tracker_prints_help_on_stdout() -> None:
    """`tracker` with nothing else prints its help on stdout (exit 2), no error wrapper."""
    result = run()
    assert result.code == 2
    assert result.out.startswith("Usage: tracker")
    assert result.err == ""


def test_bad_lock_timeout_is_refused(small_plan: Path) -> None:
    """TRACKER_LOCK_TIMEOUT=abc is a mistake named on stderr (exit 2), and nothing is written."""
    before = snapshot(small_plan.parent)
    args = ("record", "growth", "8", "--as-of", "2025-06-30", "--plan", str(small_plan))
    result = run(*args, env=base_env(TRACKER_LOCK_TIMEOUT="abc"))
    assert result.code == 2
    assert result.err == "tracker: error: TRACKER_LOCK_TIMEOUT must be a number of seconds, not 'abc'\n"
    assert snapshot(small_plan.parent) == before


def test_yearly_figure_of_a_term_target_is_accepted(tmp_path: Path) -> None:
    """A target planned only for 2021-2025 takes figures for each of its years."""
    plan = tmp_path / "plan.toml"
    plan.write_text('[plan]\ntitle = "T"\nlanguage = "en"\ndefault_period = "2021-2025"\n\n[[target]]\n'
                    'id = "forest"\nname = "Forest cover"\ngroup = "Environment"\nunit = "%"\n'
                    'plan.2021-2025 = { at_least = 54 }\n', encoding="utf-8")  # fmt: skip
    assert run("record", "forest", "53.2", "--period", "2024", "--plan", str(plan)).code == 0
    refused = run("record", "forest", "50", "--period", "2019", "--plan", str(plan))
    assert refused.code == 2 and "no plan value for 2019" in refused.err


def test_check_repair_without_a_log_says_ok(small_plan: Path) -> None:
    """`check --repair` before any figure is recorded has nothing to repair: exit 0, no file made."""
    result = run("check", "--repair", "--plan", str(small_plan))
    assert result.code == 0 and result.out.startswith("ok: ")
    assert not (small_plan.parent / "plan.progress.toml").exists()


def test_check_finds_hand_edits_that_break_the_rules(small_plan: Path) -> None:
    """check names entries dated outside their period, a number on a milestone and an
    unknown target, one line each, exit 3."""
    log = small_plan.parent / "plan.progress.toml"
    log.write_text(
        "[entries]\n"
        'a1 = { target = "growth", period = "2025", value = 8, as_of = 2026-01-05, status = "official", recorded_by = "x" }\n'
        'a2 = { target = "milestone", period = "2025", value = 1, as_of = 2025-06-01, status = "official", recorded_by = "x" }\n'
        'a3 = { target = "nope", period = "2025", value = 1, as_of = 2025-06-01, status = "official", recorded_by = "x" }\n',
        encoding="utf-8",
    )
    result = run("check", "--plan", str(small_plan))
    assert result.code == 3
    assert result.out.splitlines() == [
        f"{log}: entry a1: as-of 2026-01-05 is outside period 2025",
        f"{log}: entry a2: milestone takes yes or no",
        f"{log}: entry a3: unknown target 'nope'",
    ]
