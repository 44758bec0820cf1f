"""Output for people, cron and pipes, tested as a user runs it: a subprocess, no terminal
(or a pseudo-terminal where a terminal is the point), odd environments."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOT, SMALL_PLAN, TRACKER, base_env, run
from conftest import tty_run as run_at_terminal

FORMATS = ("table", "plain", "csv", "tsv", "json", "markdown")
ESC = "\x1b["


def project_copy(tmp_path: Path) -> Path:
    """A folder holding a copy of data/, as a user's project folder would."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def big_plan(tmp_path: Path, targets: int = 1500) -> Path:
    """A plan large enough that its report overflows a pipe's buffer."""
    lines = ['[plan]\ntitle = "Lớn"\norganisation = "Thử"\nlanguage = "vi"\ndefault_period = "2025"\n']
    for i in range(targets):
        lines.append(
            f'[[target]]\nid = "t{i}"\nname = "Chỉ tiêu số {i} với một cái tên khá dài"\n'
            f'group = "Nhóm {i % 3}"\nunit = "tỷ đồng"\nplan.2025 = {{ at_least = {i + 1} }}\n'
        )
    path = tmp_path / "big.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def tty_run(args: list[str], env: dict[str, str], cwd: Path) -> str:
    """Run with stdout on a pseudo-terminal and return what it printed."""
    return run_at_terminal(args, env, cwd)[0]


# ---------------------------------------------------------------- environments


@pytest.mark.parametrize(
    "env",
    [
        {"PATH": "/usr/bin:/bin"},
        {"PATH": "/usr/bin:/bin", "LANG": "C"},
        {"PATH": "/usr/bin:/bin", "LC_ALL": "en_US.ISO-8859-1", "LANG": "en_US.ISO-8859-1"},
        {"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "latin-1"},
    ],
    ids=["env-i", "LANG=C", "latin1-locale", "PYTHONIOENCODING=latin-1"],
)
def test_runs_in_bare_and_odd_locales(env: dict[str, str], tmp_path: Path) -> None:
    """Under env -i, LANG=C or a non-UTF-8 locale the report prints Vietnamese as UTF-8."""
    folder = project_copy(tmp_path)
    proc = subprocess.run([str(TRACKER), "report"], env=env, cwd=folder, capture_output=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == b""
    text = proc.stdout.decode("utf-8")
    assert "Tốc độ tăng trưởng GRDP" in text
    assert "chỉ tiêu đạt và vượt kế hoạch" in text
    assert ESC not in text


def closed_early(command: str, cwd: Path, reader: str = "head -n 1") -> tuple[str, str, int]:
    """Run ``command | reader`` in bash: (what the reader printed, tracker's stderr, tracker's exit code)."""
    proc = subprocess.run(
        ["bash", "-c", f'"{TRACKER}" {command} 2>err.txt | {reader}; echo "${{PIPESTATUS[0]}}" > rc.txt'],
        cwd=cwd, env=base_env(), capture_output=True, timeout=60,
    )  # fmt: skip
    return proc.stdout.decode("utf-8"), (cwd / "err.txt").read_text(), int((cwd / "rc.txt").read_text())


@pytest.mark.parametrize("fmt", [*FORMATS, "html"])
def test_pipe_closed_early_is_quiet_and_keeps_the_exit_code(fmt: str, tmp_path: Path) -> None:
    """`tracker report | head -n 1`: one line arrives, nothing on stderr, exit 0 (the
    reader leaving is not an error); with --check the verdict's exit 3 survives."""
    plan = big_plan(tmp_path)
    assert run("record", "t0", "0", "--period", "2025", "--as-of", "2025-12-31", "--plan", str(plan)).code == 0
    # json is one line: only a reader that stops inside it closes the pipe early
    reader = "head -c 100" if fmt == "json" else "head -n 1"
    for command, code in ((f"report --format {fmt}", 0), (f"report --check --format {fmt}", 3)):
        out, err, rc = closed_early(f'{command} --plan "{plan}"', tmp_path, reader)
        assert err == "", f"{command} | {reader}: nothing on stderr"
        assert rc == code, f"{command} | {reader}: exit {code} (the command's own code), not {rc}"
        assert 0 < len(out) <= 100 if fmt == "json" else len(out.splitlines()) == 1


def test_pipe_closed_early_on_other_commands(tmp_path: Path) -> None:
    """list, history, check and --help cut short by `head` end quietly with their own code."""
    plan = big_plan(tmp_path)
    log = tmp_path / "big.progress.toml"
    log.write_text("[entries]\n" + "".join(
        f'e{i:05d} = {{ target = "nope{i}", period = "2025", value = 1, as_of = 2025-06-01, status = "official", '
        f'recorded_by = "x" }}\n' for i in range(3000)), encoding="utf-8")  # fmt: skip
    for command, code in (("list", 0), ("history --format csv", 0), ("check", 3), ("--help", 0)):
        out, err, rc = closed_early(command if command == "--help" else f'{command} --plan "{plan}"', tmp_path)
        assert (err, rc) == ("", code), f"{command} | head -n 1"
        assert len(out.splitlines()) == 1


# ---------------------------------------------------------------- colour


def test_terminal_gets_colour_and_no_color_removes_every_style(tmp_path: Path) -> None:
    """At a terminal the table is coloured; with NO_COLOR it has no escape codes at all."""
    folder = project_copy(tmp_path)
    env = base_env(TERM="xterm-256color", COLUMNS="120")
    coloured = tty_run(["report"], env, folder)
    assert ESC in coloured
    assert "Tốc độ tăng trưởng GRDP" in coloured
    plain = tty_run(["report"], {**env, "NO_COLOR": "1"}, folder)
    assert ESC not in plain
    assert "Tốc độ tăng trưởng GRDP" in plain


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("forcing", [{"FORCE_COLOR": "1"}, {"FORCE_COLOR": "0"}, {"TTY_COMPATIBLE": "1"}])
def test_force_color_never_reaches_a_pipe(fmt: str, forcing: dict[str, str], tmp_path: Path) -> None:
    """FORCE_COLOR and TTY_COMPATIBLE (any value) never put escape codes into a pipe."""
    folder = project_copy(tmp_path)
    result = run("report", "--format", fmt, cwd=folder, env=base_env(**forcing))
    assert result.code == 0
    assert ESC not in result.out


def test_auto_is_table_at_a_terminal_and_plain_in_a_pipe(tmp_path: Path) -> None:
    """auto picks the Rich table at a terminal and plain text in a pipe."""
    folder = project_copy(tmp_path)
    at_terminal = tty_run(["report"], base_env(TERM="xterm", COLUMNS="120", NO_COLOR="1"), folder)
    piped = run("report", cwd=folder)
    plain = run("report", "--format", "plain", cwd=folder)
    assert piped.code == plain.code == 0, piped.err + plain.err
    assert "───" in at_terminal and "Tốc độ tăng trưởng GRDP" in at_terminal  # the table's rule
    assert "───" not in piped.out and "Tốc độ tăng trưởng GRDP" in piped.out
    assert piped.out == plain.out


# ---------------------------------------------------------------- formats


def test_plain_keeps_every_name_and_number_whole(tmp_path: Path) -> None:
    """plain never cuts or wraps: the longest name and every number stay on their line."""
    folder = project_copy(tmp_path)
    result = run("report", "--format", "plain", cwd=folder, env=base_env(COLUMNS="40"))
    assert "…" not in result.out
    line = next(li for li in result.out.splitlines() if li.startswith("agri_value_added_growth"))
    assert "Tốc độ tăng giá trị tăng thêm ngành nông, lâm nghiệp và thủy sản" in line
    assert "4,93 (ước)" in line and "98,6%" in line and line.rstrip().endswith("Không đạt")
    assert len(line) > 80
    assert result.out.rstrip().splitlines()[-1].startswith("3/8 chỉ tiêu đạt và vượt kế hoạch")
    assert result.out == run("report", "--format", "plain", cwd=folder).out  # deterministic


def test_table_in_a_pipe_is_wide_and_uncut(tmp_path: Path) -> None:
    """A forced table in a pipe is laid out wide: no cell is cut with '…'."""
    folder = project_copy(tmp_path)
    result = run("report", "--format", "table", cwd=folder)
    assert "…" not in result.out
    assert "Tốc độ tăng giá trị tăng thêm ngành nông, lâm nghiệp và thủy sản" in result.out
    assert "2.540,17" in result.out


def test_narrow_terminal_wraps_names_and_keeps_numbers(tmp_path: Path) -> None:
    """At 80 columns names wrap inside their cell; numbers are never split."""
    folder = project_copy(tmp_path)
    out = tty_run(["report"], base_env(TERM="xterm", COLUMNS="80", NO_COLOR="1"), folder)
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) <= 80
    for number in ("2.540,17", "102,5%", "226.000", "> 226.000", "≥ 8.500"):
        assert number in out


def test_csv_raw_values_and_formula_neutralising(small_plan: Path) -> None:
    """csv has a header, dot decimals, machine statuses, and neutralises formula cells."""
    text = small_plan.read_text(encoding="utf-8").replace('name = "GRDP growth"', 'name = "=HYPERLINK(1)"')
    small_plan.write_text(text, encoding="utf-8")
    assert run("record", "revenue", "1.234,5", "--as-of", "2025-06-30", "--plan", str(small_plan)).code == 0
    assert run("record", "growth", "8.25", "--as-of", "2025-06-30", "--plan", str(small_plan)).code == 0
    result = run("report", "--format", "csv", "--plan", str(small_plan), "--as-of", "2025-07-01")
    rows = list(csv.DictReader(io.StringIO(result.out)))
    by_id = {row["id"]: row for row in rows}
    assert by_id["growth"]["name"] == "'=HYPERLINK(1)"
    assert by_id["growth"]["actual"] == "8.25"
    assert by_id["growth"]["status"] == "on_track"  # a level mid-year, already above its plan
    assert by_id["revenue"]["actual"] == "1234.5"
    assert by_id["revenue"]["status"] == "off_track"
    assert by_id["revenue"]["running"] == "true"
    assert by_id["revenue"]["as_of"] == "2025-06-30"
    assert by_id["milestone"]["actual"] == ""


@pytest.mark.parametrize("command", [["report"], ["list"], ["history"], ["show", "budget_revenue"]], ids=" ".join)
def test_tsv_has_same_columns_as_csv(command: list[str], tmp_path: Path) -> None:
    """tsv and csv carry the same header and rows (shipped data: no tab or newline in any
    text); csv lines end in CRLF, tsv lines in LF."""
    folder = project_copy(tmp_path)
    as_csv = run(*command, "--format", "csv", cwd=folder)
    as_tsv = run(*command, "--format", "tsv", cwd=folder)
    assert as_csv.code == as_tsv.code == 0, as_csv.err + as_tsv.err
    rows = list(csv.reader(io.StringIO(as_csv.out, newline="")))
    assert len(rows) > 1 and len(rows[0]) > 5
    assert rows == [line.split("\t") for line in as_tsv.out.split("\n")[:-1]]
    assert as_csv.out.count("\r\n") == len(rows) and "\r" not in as_tsv.out


def test_json_report_schema(tmp_path: Path) -> None:
    """json carries the documented envelope, summary and per-target fields."""
    folder = project_copy(tmp_path)
    doc = json.loads(run("report", "--format", "json", "--as-of", "2026-01-15", cwd=folder).out)
    assert doc["schema_version"] == 1 and doc["kind"] == "report"
    assert doc["period"] == "2025" and doc["as_of"] == "2026-01-15"
    assert doc["summary"]["total"] == 8 and doc["summary"]["met_or_exceeded"] == 3
    assert doc["summary"]["by_status"]["not_met"] == 2
    assert doc["summary"]["by_status"]["incomplete"] == 1  # budget revenue: only a 10-month figure for 2025
    growth = next(t for t in doc["targets"] if t["id"] == "grdp_growth")
    assert growth["actual"] == 8.2 and growth["plan"] == 8 and growth["status"] == "exceeded"
    assert growth["change"] == -0.8 and growth["change_kind"] == "points"
    assert growth["percent_of_plan"] == 102.5
    jobs = next(t for t in doc["targets"] if t["id"] == "jobs_created")
    assert jobs["actual"] is None and jobs["status"] == "no_data"
    for key in ("id", "name", "group", "unit", "plan", "actual", "status", "percent_of_plan", "change"):
        assert key in growth


def test_json_list_and_history_envelopes(tmp_path: Path) -> None:
    """list gives targets with plan values; history gives every entry field."""
    folder = project_copy(tmp_path)
    listing = json.loads(run("list", "--format", "json", cwd=folder).out)
    assert listing["kind"] == "list"
    growth = next(t for t in listing["targets"] if t["id"] == "grdp_growth")
    assert growth["plans"]["2021-2025"]["plan_low"] == 9 and growth["plans"]["2021-2025"]["plan_high"] == 10
    history = json.loads(run("history", "--format", "json", cwd=folder).out)
    assert history["kind"] == "history"
    assert len(history["entries"]) == 18
    assert set(history["entries"][0]) >= {"id", "target", "period", "value", "as_of", "status", "recorded_at"}


def test_markdown_tables(tmp_path: Path) -> None:
    """markdown gives a heading per group and pipe tables, headline in bold."""
    folder = project_copy(tmp_path)
    out = run("report", "--format", "markdown", cwd=folder).out
    assert "## Kinh tế" in out and "## Văn hóa - Xã hội" in out
    assert "| grdp_growth | Tốc độ tăng trưởng GRDP |" in out
    assert "**3/8 chỉ tiêu đạt và vượt kế hoạch" in out


def test_languages_do_not_change_machine_formats(tmp_path: Path) -> None:
    """csv, tsv and json are byte-identical in vi and en."""
    folder = project_copy(tmp_path)
    for fmt in ("csv", "tsv", "json"):
        vi = run("report", "--format", fmt, "--lang", "vi", "--as-of", "2026-01-01", cwd=folder)
        en = run("report", "--format", fmt, "--lang", "en", "--as-of", "2026-01-01", cwd=folder)
        assert vi.code == en.code == 0, vi.err + en.err
        assert "grdp_growth" in vi.out and "exceeded" in vi.out  # machine names, not "Vượt"
        assert vi.out == en.out


# ---------------------------------------------------------------- hostile text


def test_markup_in_user_text_is_printed_literally(small_plan: Path) -> None:
    """A name holding Rich markup ("[/]", "[bold]") prints as written in every format."""
    text = small_plan.read_text(encoding="utf-8").replace('"GRDP growth"', '"Growth [/] [bold]x[/bold]"')
    small_plan.write_text(text, encoding="utf-8")
    for fmt in FORMATS:
        result = run("report", "--format", fmt, "--plan", str(small_plan))
        assert result.code == 0, result.err
        assert "Growth [/] [bold]x[/bold]" in result.out.replace("\\|", "|")


def test_nfd_and_nfc_plans_print_the_same(small_plan: Path, tmp_path: Path) -> None:
    """A plan saved in NFD prints exactly like the same plan in NFC."""
    nfd = tmp_path / "nfd" / "plan.toml"
    nfd.parent.mkdir()
    nfd.write_text(unicodedata.normalize("NFD", SMALL_PLAN.replace("Economy", "Kinh tế")), encoding="utf-8")
    small_plan.write_text(SMALL_PLAN.replace("Economy", "Kinh tế"), encoding="utf-8")
    for fmt in ("plain", "csv", "json", "markdown"):
        from_nfd = run("report", "-f", fmt, "--plan", str(nfd))
        from_nfc = run("report", "-f", fmt, "--plan", str(small_plan))
        assert from_nfd.code == from_nfc.code == 0, from_nfd.err + from_nfc.err
        assert "Kinh tế" in from_nfc.out  # NFC, as written here
        assert from_nfd.out == from_nfc.out


# ---------------------------------------------------------------- errors and exit codes


def test_user_mistakes_are_one_line_on_stderr(small_plan: Path) -> None:
    """Bad options, unknown targets and bad files give one stderr line and no traceback."""
    cases = [
        (("report", "--format", "xml", "--plan", str(small_plan)), 2),
        (("report", "--nope", "--plan", str(small_plan)), 2),
        (("show", "growht", "--plan", str(small_plan)), 2),
        (("report", "--plan", str(small_plan.parent / "missing.toml")), 4),
        (("report", "--period", "2025-13", "--plan", str(small_plan)), 2),
        (("report", "--as-of", "yesterday", "--plan", str(small_plan)), 2),
    ]
    for args, code in cases:
        result = run(*args)
        assert result.code == code, (args, result.err)
        assert result.out == ""
        assert len(result.err.strip().splitlines()) == 1, result.err
        assert result.err.startswith("tracker: error: ")
        assert "Traceback" not in result.err and "╭" not in result.err
    assert "did you mean 'growth'?" in run("show", "growht", "--plan", str(small_plan)).err


def test_no_plan_here_says_how_to_point_at_one(tmp_path: Path) -> None:
    """Run outside a project folder, the error says to use --plan or TRACKER_PLAN."""
    result = run("report", cwd=tmp_path)
    assert result.code == 4
    assert "--plan" in result.err and "TRACKER_PLAN" in result.err


def test_internal_error_prints_plain_traceback(tmp_path: Path) -> None:
    """A bug prints a short message and a plain traceback (no boxes), exit 1."""
    folder = project_copy(tmp_path)
    script = (
        "import sys, tracker.core.report as r\n"
        "def boom(*a, **k): raise RuntimeError('boom')\n"
        "r.build_report = boom\n"
        "from tracker.cli import main\n"
        "sys.exit(main(['report']))\n"
    )
    proc = subprocess.run([str(TRACKER.parent / "python"), "-c", script], cwd=folder, env=base_env(),
                          capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 1
    assert proc.stderr.startswith("tracker: internal error")
    assert "Traceback (most recent call last)" in proc.stderr and "RuntimeError: boom" in proc.stderr
    assert "╭" not in proc.stderr and "│" not in proc.stderr


def test_report_check_exit_codes(tmp_path: Path, small_plan: Path) -> None:
    """--check exits 3 when a counted target is not met, at risk or off track, 0 when
    all are fine; the report is printed either way, and without --check it exits 0."""
    folder = project_copy(tmp_path / "project")  # tmp_path holds small_plan's plan.toml
    troubled = run("report", "--check", "--format", "json", cwd=folder)
    assert troubled.code == 3, troubled.err
    by_status = json.loads(troubled.out)["summary"]["by_status"]  # printed all the same
    assert (by_status["not_met"], by_status["incomplete"]) == (2, 1)  # incomplete is trouble too
    unchecked = run("report", "--format", "json", cwd=folder)
    assert unchecked.code == 0, "without --check, unmet targets do not change the exit code"
    assert unchecked.out == troubled.out
    fine = run("report", "--check", "--period", "2024", "--format", "json", cwd=folder)
    assert fine.code == 0, fine.err
    summary = json.loads(fine.out)["summary"]
    assert summary["met_or_exceeded"] > 0 and summary["by_status"]["no_data"] == 1  # no data is not trouble
    assert summary["by_status"]["not_met"] == summary["by_status"]["at_risk"] == summary["by_status"]["off_track"] == 0
    assert run("record", "revenue", "100", "--as-of", "2025-06-30", "--plan", str(small_plan)).code == 0
    assert run("record", "growth", "8.5", "--as-of", "2025-06-30", "--plan", str(small_plan)).code == 0
    running = run("report", "--check", "--as-of", "2025-07-01", "--group", "Economy", "--format", "json",
                  "--plan", str(small_plan))  # fmt: skip
    assert running.code == 3, "an off-track target (revenue far behind its pace) fails --check"
    assert [t["status"] for t in json.loads(running.out)["targets"]] == ["on_track", "off_track"]


@pytest.mark.parametrize(
    "args", [["report", "--format", "json"], ["--help"], ["list", "--format", "csv"]], ids=" ".join
)
def test_output_that_cannot_be_written_is_one_line_and_exit_6(shipped: Path, args: list[str]) -> None:
    """`> /dev/full` (a full disk): a clear error on stderr and exit 6, never a traceback."""
    with open("/dev/full", "wb") as full:
        proc = subprocess.run([str(TRACKER), *args, "--plan", str(shipped)] if args[0] != "--help" else [str(TRACKER), *args],
                              stdout=full, stderr=subprocess.PIPE, env=base_env(), timeout=60)  # fmt: skip
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 6, err
    assert err.count("\n") == 1 and err.startswith("tracker: error: ")
    assert "No space left on device" in err and "Traceback" not in err
