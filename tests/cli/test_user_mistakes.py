"""Every mistake a user can make with their input is one line on stderr and a documented
exit code, never a traceback, a hang or gigabytes of memory (issue 11).

Each case runs the installed entry point on files in a temporary folder and checks: the
exit code, exactly one `tracker: error:` line on stderr, no traceback, and no file changed
(the disposable cache folder aside). Reading a device such as /dev/zero runs under a
3 GB address-space limit, so a read that is not bounded fails the test rather than the
machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, TRACKER, Result, base_env, drop_file_capabilities, run, snapshot

from tracker.storage.cache_files import ROOT_NAME

TIMEOUT = 60  # seconds: a hang fails the test
ADDRESS_SPACE = 3 << 30  # bytes: RLIMIT_AS of a child reading /dev/zero
DEEP = 100_000
DIGITS = "9" * 100_000
ENTRY = {"target": "growth", "period": "2025", "as_of": "2025-06-30", "value": 8.5}
RECORD = ("record", "growth", "8.5", "--period", "2025", "--as-of", "2025-06-30")


def user_files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` but the cache folder, which any read may (re)build."""
    return {name: data for name, data in snapshot(folder).items() if name.split("/", 1)[0] != ROOT_NAME}


def one_line_error(result: Result, code: int) -> str:
    """The exit code is ``code`` and stderr exactly one `tracker: error:` line; returns it."""
    assert result.code == code, (result.code, result.err[-2000:])
    assert "Traceback" not in result.err, result.err[-2000:]
    assert result.err.startswith("tracker: error: ") and result.err.count("\n") == 1, result.err[-2000:]
    assert len(result.err) < 400, f"the message echoes too much: {len(result.err)} characters"
    return result.err


def refused(folder: Path, code: int, *args: str | bytes, **kwargs: object) -> str:
    """Run ``args``; it must be refused with ``code`` in one line, leaving ``folder`` as it was."""
    before = user_files(folder)
    result = run(*args, timeout=TIMEOUT, **kwargs)  # type: ignore[arg-type]  # bytes arguments on purpose; kwargs are run's own
    line = one_line_error(result, code)
    assert result.out == ""
    assert user_files(folder) == before
    return line


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def run_bounded(*args: str, stdin_path: str | None = None) -> Result:
    """The entry point under a 3 GB address-space limit (and a timeout)."""
    with open(stdin_path or os.devnull, "rb") as stdin:
        proc = subprocess.run([str(TRACKER), *args], env=base_env(), stdin=stdin, capture_output=True,
                              timeout=TIMEOUT, preexec_fn=_limit_memory)  # fmt: skip
    return Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


# ---------------------------------------------------------------- the plan file


def write_plan(folder: Path, extra: str = "", replace: tuple[str, str] | None = None) -> Path:
    """The small plan, with ``extra`` appended to it or one piece of it replaced."""
    text = SMALL_PLAN if replace is None else SMALL_PLAN.replace(*replace)
    path = folder / "plan.toml"
    path.write_text(text + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "extra",
    [
        "note = " + "[" * DEEP + "]" * DEEP + "\n",
        "note = " + "{ a = " * DEEP + "1" + " }" * DEEP + "\n",
    ],
    ids=["arrays", "inline-tables"],
)
def test_a_plan_nested_100000_deep_is_refused_with_its_line(tmp_path: Path, extra: str) -> None:
    """TOML nested 100,000 deep: exit 4 naming the file and line, not a RecursionError."""
    plan = write_plan(tmp_path, "\n" + extra)
    line = refused(tmp_path, 4, "report", "--plan", str(plan))
    assert f"{plan}:{SMALL_PLAN.count(chr(10)) + 2}: TOML syntax error: values nested too deeply" in line


def test_a_100000_digit_integer_in_the_plan_is_refused(tmp_path: Path) -> None:
    """Python refuses to convert an int of more than 4300 digits: exit 4 naming the line."""
    plan = write_plan(tmp_path, replace=("at_least = 8 }", f"at_least = {DIGITS} }}"))
    line = refused(tmp_path, 4, "report", "--plan", str(plan))
    assert f"{plan}:12: TOML syntax error: an integer of more than 4300 digits" in line


def test_a_huge_plan_file_is_refused_from_its_size(tmp_path: Path) -> None:
    """A plan file over the limit (64 MB) is refused unread (a sparse file: no disk used)."""
    plan = tmp_path / "plan.toml"
    with open(plan, "wb") as handle:
        handle.truncate(65 << 20)
    line = refused(tmp_path, 4, "list", "--plan", str(plan))
    assert "larger than 64 MB, the limit for a plan file" in line


def test_plan_from_dev_zero_is_refused_within_bounded_memory(tmp_path: Path) -> None:
    """--plan /dev/zero reads 64 MB and stops: exit 4, not 2 GB and a MemoryError."""
    result = run_bounded("report", "--plan", "/dev/zero", "--log", str(tmp_path / "log.toml"))
    line = one_line_error(result, 4)
    assert "/dev/zero: larger than 64 MB, the limit for a plan file" in line


def test_a_plan_read_from_a_pipe_is_read_once(tmp_path: Path) -> None:
    """A plan on standard input (not a regular file) is read once, for its language and its targets."""
    plan = write_plan(tmp_path, replace=('language = "en"', 'language = "vi"'))
    proc = subprocess.run([str(TRACKER), "list", "--format", "plain", "--plan", "/dev/stdin"], input=plan.read_bytes(),
                          env=base_env(), capture_output=True, timeout=TIMEOUT)  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    assert "growth" in proc.stdout.decode() and "Chỉ tiêu" in proc.stdout.decode()  # worded in the plan's language


def test_a_long_value_in_the_plan_is_quoted_by_a_prefix(tmp_path: Path) -> None:
    """An error never echoes a long input back: a 1 MB period label is quoted by its first 40 characters."""
    label = "x" * (1 << 20)
    plan = write_plan(tmp_path, replace=("plan.2024 = { at_least = 7 }", f'plan."{label}" = {{ at_least = 7 }}'))
    line = refused(tmp_path, 4, "report", "--plan", str(plan))
    assert "x" * 40 + "…" in line and "x" * 41 not in line


# ---------------------------------------------------------------- the progress log


def test_a_log_that_is_a_folder_is_refused(small_plan: Path) -> None:
    """The log beside the plan is a folder: report and check say so in one line (exit 4)."""
    (small_plan.parent / "plan.progress.toml").mkdir()
    for command in ("report", "check", "history"):
        line = refused(small_plan.parent, 4, command, "--plan", str(small_plan))
        assert "plan.progress.toml: cannot read the progress log: Is a directory" in line


def test_log_from_dev_zero_is_refused_within_bounded_memory(small_plan: Path) -> None:
    """--log /dev/zero: a megabyte without a line break is no log; refused at once (exit 4)."""
    for command in ("report", "check"):
        result = run_bounded(command, "--plan", str(small_plan), "--log", "/dev/zero")
        line = one_line_error(result, 4)
        assert "/dev/zero:1: damaged progress log: a line longer than 1 MB" in line
    assert not Path("/dev", ROOT_NAME).exists()  # no cache is kept beside a device


def test_a_log_line_over_the_limit_is_damage(small_plan: Path) -> None:
    """A line over 1 MB inside the log (a hand edit) is damage naming its line (exit 4)."""
    log = small_plan.parent / "plan.progress.toml"
    log.write_text('[entries]\nx = "' + "a" * (2 << 20) + '"\n\n', encoding="utf-8")
    line = refused(small_plan.parent, 4, "report", "--plan", str(small_plan))
    assert "plan.progress.toml:2: damaged progress log: a line longer than 1 MB" in line


def test_a_log_line_nested_deep_is_damage(small_plan: Path) -> None:
    """A log line nested thousands deep is damage naming its line, not a RecursionError."""
    log = small_plan.parent / "plan.progress.toml"
    log.write_text("[entries]\nx = { value = " + "[" * 5000 + "]" * 5000 + " }\n", encoding="utf-8")
    line = refused(small_plan.parent, 4, "report", "--plan", str(small_plan))
    assert "plan.progress.toml:2: damaged progress log: values nested too deeply" in line


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[Callable[[], None] | None]:
    """``path`` made 0o444 for the duration; yields a preexec_fn under which that binds."""
    mode = path.stat().st_mode & 0o7777
    os.chmod(path, 0o444)
    try:
        yield drop_file_capabilities if os.geteuid() == 0 else None
    finally:
        os.chmod(path, mode)


def run_with(preexec: Callable[[], None] | None, *args: str) -> Result:
    proc = subprocess.run([str(TRACKER), *args], env=base_env(), capture_output=True, timeout=TIMEOUT,
                          preexec_fn=preexec)  # fmt: skip
    return Result(proc.returncode, proc.stdout.decode(), proc.stderr.decode())


def test_check_repair_on_a_read_only_log_with_nothing_to_repair(small_plan: Path) -> None:
    """check --repair with nothing to repair writes nothing, so a read-only log is fine: exit 0."""
    assert run(*RECORD, "--plan", str(small_plan)).code == 0
    log = small_plan.parent / "plan.progress.toml"
    before = user_files(small_plan.parent)
    with read_only(log) as preexec:
        probe = subprocess.run(["/bin/sh", "-c", 'echo probe >> "$0"', str(log)], capture_output=True,
                               preexec_fn=preexec)  # fmt: skip
        assert probe.returncode != 0, "file modes are not enforced: the test would prove nothing"
        result = run_with(preexec, "check", "--repair", "--plan", str(small_plan))
    assert result.code == 0, result.err
    assert result.err == "" and result.out.startswith("ok: ")
    assert user_files(small_plan.parent) == before


def test_check_repair_on_a_read_only_log_that_needs_it(small_plan: Path) -> None:
    """A torn last line in a read-only log: check --repair says it cannot write (exit 6), changes nothing."""
    assert run(*RECORD, "--plan", str(small_plan)).code == 0
    log = small_plan.parent / "plan.progress.toml"
    with open(log, "ab") as handle:
        handle.write(b'abc = { target = "gro')
    before = user_files(small_plan.parent)
    with read_only(log) as preexec:
        result = run_with(preexec, "check", "--repair", "--plan", str(small_plan))
    assert result.code == 6, result.err
    assert "Traceback" not in result.err
    assert result.err.splitlines()[-1].startswith("tracker: error: ")
    assert "cannot repair the progress log: Permission denied; it was left as it was" in result.err
    assert user_files(small_plan.parent) == before


# ---------------------------------------------------------------- import files


def write_json(folder: Path, text: str) -> Path:
    path = folder / "figures.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_100000_digit_integer_in_a_json_import_is_refused(small_plan: Path) -> None:
    source = write_json(small_plan.parent, '[{"target": "growth", "period": "2025", "value": ' + DIGITS + "}]")
    line = refused(small_plan.parent, 4, "import", str(source), "--plan", str(small_plan))
    assert "figures.json: row 1: value: too long for a number: '9999999999" in line and "…'" in line


def test_a_json_import_nested_100000_deep_is_refused(small_plan: Path) -> None:
    source = write_json(small_plan.parent, "[" * DEEP + "]" * DEEP)
    line = refused(small_plan.parent, 4, "import", str(source), "--plan", str(small_plan))
    assert "figures.json: not valid JSON: values nested too deeply" in line


def test_a_lone_surrogate_in_a_json_import_is_refused(small_plan: Path) -> None:
    """JSON's "\\ud800" is half a character and cannot be stored as UTF-8: exit 4 naming entry and field."""
    source = write_json(small_plan.parent, json.dumps([ENTRY, {**ENTRY, "note": "ok \ud800"}]))
    line = refused(small_plan.parent, 4, "import", str(source), "--plan", str(small_plan))
    assert "figures.json: entry 2: note: not Unicode text" in line


def test_a_surrogate_pair_in_a_json_import_is_one_character(small_plan: Path) -> None:
    """A pair of surrogates ("\\ud83d\\ude00") is a real character and is recorded."""
    source = write_json(small_plan.parent, json.dumps([{**ENTRY, "note": "\U0001f600"}]))
    assert "\\ud83d\\ude00" in source.read_text(encoding="utf-8")
    result = run("import", str(source), "--plan", str(small_plan))
    assert result.code == 0, result.err
    history = json.loads(run("history", "--format", "json", "--plan", str(small_plan)).out)
    assert history["entries"][0]["note"] == "\U0001f600"


def test_import_from_dev_zero_is_refused_within_bounded_memory(small_plan: Path) -> None:
    """import /dev/zero and import - < /dev/zero stop at the limit (256 MB): exit 4."""
    for args, stdin, name in ((["/dev/zero"], None, "/dev/zero"), (["-"], "/dev/zero", "<stdin>")):
        before = user_files(small_plan.parent)
        result = run_bounded("import", *args, "--plan", str(small_plan), stdin_path=stdin)
        line = one_line_error(result, 4)
        assert f"{name}: larger than 256 MB, the limit for a file to import" in line
        assert user_files(small_plan.parent) == before


def test_a_long_value_in_an_import_is_quoted_by_a_prefix(small_plan: Path) -> None:
    """A 10 MB value in a csv row is quoted in the error by its first 40 characters."""
    source = small_plan.parent / "figures.csv"
    source.write_text("target,period,value\ngrowth,2025," + "1x" * 5_000_000 + "\n", encoding="utf-8")
    line = refused(small_plan.parent, 4, "import", str(source), "--plan", str(small_plan))
    assert "row 2: value: not a number: '" + "1x" * 20 + "…'" in line


def test_a_long_note_round_trips_through_csv(small_plan: Path) -> None:
    """A 300,000-character note (csv's default cell limit is 131,072) goes history csv -> import."""
    note = ('Ghi chú dài, có dấu phẩy và "ngoặc kép"\n' * 8000)[:300_000]
    first = write_json(small_plan.parent, json.dumps([{**ENTRY, "note": note}]))
    assert run("import", str(first), "--plan", str(small_plan)).code == 0
    exported = run("history", "--format", "csv", "--plan", str(small_plan))
    assert exported.code == 0, exported.err
    csv_file = small_plan.parent / "history.csv"
    csv_file.write_bytes(exported.out.encode("utf-8"))
    copy = small_plan.parent / "copy.progress.toml"
    result = run("import", str(csv_file), "--plan", str(small_plan), "--log", str(copy))
    assert result.code == 0, result.err[-2000:]
    rows = json.loads(run("history", "--format", "json", "--plan", str(small_plan), "--log", str(copy)).out)
    assert [row["note"] for row in rows["entries"]] == [note]


def test_a_note_too_long_for_a_log_line_is_refused(small_plan: Path) -> None:
    """A figure whose log line would pass 1 MB is refused before anything is written (readers
    hold lines to 1 MB): exit 4 naming the row."""
    # the second row a figure of its own (the same figure again would be skipped, never written)
    source = write_json(
        small_plan.parent, json.dumps([ENTRY, {**ENTRY, "as_of": "2025-07-31", "note": "n" * (2 << 20)}])
    )
    line = refused(small_plan.parent, 4, "import", str(source), "--plan", str(small_plan))
    assert "figures.json: row 2: too long for the log: its line would pass 1 MB" in line


# ---------------------------------------------------------------- the command line and the environment


@pytest.mark.parametrize("typer", [False, True], ids=["fast-path", "typer"])
@pytest.mark.parametrize("option", ["--note", "--source"])
def test_a_note_that_is_not_utf8_is_refused(small_plan: Path, option: str, typer: bool) -> None:
    """Bytes that are not UTF-8 in --note or --source (a Latin-1 terminal): exit 2, nothing written.
    ("--" sends the command line to Typer, which reads it the same way.)"""
    args: tuple[str | bytes, ...] = (RECORD[0], option, b"caf\xe9", "--plan", str(small_plan), *RECORD[3:])
    args += ("--", *RECORD[1:3]) if typer else RECORD[1:3]
    line = refused(small_plan.parent, 2, *args)
    assert f"{option}: not UTF-8 text" in line
    assert not (small_plan.parent / "plan.progress.toml").exists()


def test_a_retraction_note_that_is_not_utf8_is_refused(small_plan: Path) -> None:
    assert run(*RECORD, "--plan", str(small_plan)).code == 0
    line = refused(small_plan.parent, 2, "undo", "--note", b"\xff", "--plan", str(small_plan))
    assert "--note: not UTF-8 text" in line


def test_a_user_name_that_is_not_utf8_is_refused(small_plan: Path) -> None:
    """TRACKER_USER (or the login name) holding bytes that are not UTF-8: exit 2, nothing written."""
    env = base_env()
    env["TRACKER_USER"] = b"l\xe2n"  # type: ignore[assignment]  # bytes on purpose: not UTF-8
    line = refused(small_plan.parent, 2, *RECORD, "--plan", str(small_plan), env=env)
    assert "TRACKER_USER: not UTF-8 text" in line
    env = {k: v for k, v in base_env().items() if k != "TRACKER_USER"}
    env["LOGNAME"] = env["USER"] = b"l\xe2n"  # type: ignore[assignment]  # bytes on purpose: not UTF-8
    line = refused(small_plan.parent, 2, *RECORD, "--plan", str(small_plan), env=env)
    assert "the login name is not UTF-8 text; set TRACKER_USER" in line
    assert not (small_plan.parent / "plan.progress.toml").exists()


def test_a_note_too_long_for_a_log_line_is_refused_by_record(small_plan: Path) -> None:
    """Control characters are written escaped (6 bytes each): a note and a source of 120,000 of
    them would make a line over 1 MB: exit 2, nothing written."""
    control = "\x01" * 120_000
    line = refused(small_plan.parent, 2, *RECORD, "--note", control, "--source", control, "--plan", str(small_plan))
    assert "too long for the log: its line would pass 1 MB" in line


def test_a_long_command_line_value_is_quoted_by_a_prefix(small_plan: Path) -> None:
    """Values Typer refuses are quoted by a prefix too."""
    line = refused(small_plan.parent, 2, "report", "--format", "x" * 100_000, "--plan", str(small_plan))
    assert "'" + "x" * 40 + "…'" in line
    line = refused(small_plan.parent, 2, "record", "growth", "1x" * 50_000, "--plan", str(small_plan))
    assert "'" + "1x" * 20 + "…'" in line


@pytest.mark.parametrize("number", ["1e9999999999999999999", "-1e9999999999999999999", "1e-9999999999999999999"])
def test_a_plan_number_beyond_what_a_decimal_holds_is_refused(tmp_path: Path, number: str) -> None:
    """An exponent past Decimal's own range in the plan: exit 4 naming the line, not an internal error."""
    plan = write_plan(tmp_path, replace=("at_least = 8 }", f"at_least = {number} }}"))
    line = refused(tmp_path, 4, "report", "--plan", str(plan))
    assert f"{plan}:12: " in line and "'at_least'" in line
