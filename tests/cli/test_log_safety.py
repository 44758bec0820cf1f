"""The progress log (one line per figure) under stress, through the installed `tracker`
entry point: concurrent recorders, killed recorders, read-only folders, a full disk, a held
lock, refused input, git union merges, retractions and imports. Every refusal must leave
the files byte-for-byte as they were (the disposable cache folder beside the log aside)."""

from __future__ import annotations

import csv
import io
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import SMALL_PLAN, TRACKER, Result, base_env, drop_file_capabilities, run, snapshot, unavailable

from tracker.core.model import Entry
from tracker.storage.cache_files import ROOT_NAME
from tracker.storage.progress_log import HEADER, append, read_log

PYTHON = sys.executable


def log_of(plan: Path) -> Path:
    """The default log beside ``plan``."""
    return plan.with_name("plan.progress.toml")


def record(plan: Path, *args: str, env: dict[str, str] | None = None) -> Result:
    """`tracker record ARGS --plan PLAN`."""
    return run("record", *args, "--plan", str(plan), env=env)


def history(plan: Path, *extra: str) -> list[dict[str, Any]]:
    """Every row of `tracker history --format json` (numbers as Decimal)."""
    result = run("history", "--format", "json", "--plan", str(plan), *extra)
    assert result.code == 0, result.err
    entries: list[dict[str, Any]] = json.loads(result.out, parse_float=Decimal)["entries"]
    return entries


def without_batch(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """History rows without the batch they came in (an import into another log is a batch
    of its own there)."""
    return [{k: v for k, v in row.items() if k != "batch"} for row in rows]


def entry_rows(plan: Path, *extra: str) -> list[dict[str, Any]]:
    """The entries (not retractions) in `tracker history --format json`."""
    return [row for row in history(plan, *extra) if row["kind"] == "entry"]


def user_files(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under ``folder`` but those in the cache folder (``.tracker-cache/``),
    which any read may build or rebuild from the log (tests/storage/test_log_cache.py checks it)."""
    return {name: data for name, data in snapshot(folder).items() if name.split("/", 1)[0] != ROOT_NAME}


def one_line_error(err: str) -> None:
    """stderr is exactly one `tracker: error:` line: no traceback, no box."""
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("tracker: error: "), err
    assert "Traceback" not in err


def seed(plan: Path, count: int = 2) -> bytes:
    """Put ``count`` entries in the plan's log (directly, to save process start-ups)."""
    items = [
        Entry(id=f"seed{n:012d}", target="growth", period="2025", value=Decimal(f"7.{n}5"), as_of=date(2025, 3, n + 1),
              note=f"seed {n}", recorded_at=datetime(2025, 4, 1, 8, n, tzinfo=UTC), recorded_by="tester")
        for n in range(count)
    ]  # fmt: skip
    append(log_of(plan), items)
    return log_of(plan).read_bytes()


# ---------------------------------------------------------------- many writers at once

CHILD_RECORDER = """
import sys
from tracker.cli import main
worker = int(sys.argv[1]); plan = sys.argv[2]
for j in range(50):
    value = f"{worker + 1}.{j:02d}17"
    as_of = f"2025-0{worker + 1}-{j % 28 + 1:02d}"
    code = main(["record", "growth", value, "--period", "2025", "--as-of", as_of, "--plan", plan])
    if code != 0:
        print(f"FAILED {value}: exit {code}", file=sys.stderr, flush=True)
        sys.exit(1)
"""


def test_eight_processes_recording_fifty_each_lose_nothing(small_plan: Path) -> None:
    """8 processes x 50 records at once: the log parses, holds all 400 values once each, unique ids, check passes."""
    # Each worker runs the entry point's main() 50 times in one interpreter: 400 separate
    # interpreter start-ups would take minutes on a small machine; locking is per process either way.
    workers = [
        subprocess.Popen([PYTHON, "-c", CHILD_RECORDER, str(i), str(small_plan)], env=base_env(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for i in range(8)
    ]  # fmt: skip
    outputs = [w.communicate(timeout=120) for w in workers]
    for worker, (out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err.decode()
        assert out.decode().count("recorded growth 2025 = ") == 50
    data = log_of(small_plan).read_bytes()
    document = tomllib.loads(data.decode("utf-8"))  # the whole file parses as TOML
    assert list(document) == ["entries"] and len(document["entries"]) == 400
    assert data.startswith(HEADER.encode()) and data.endswith(b"\n")
    lines = data[len(HEADER) : -1].split(b"\n")
    assert len(lines) == 400  # one line per figure: nothing interleaved inside a line
    for line in lines:  # each line alone is one whole figure
        assert len(tomllib.loads(line.decode("utf-8"))) == 1, line
    rows = entry_rows(small_plan)
    values = sorted(Decimal(str(r["value"])) for r in rows)
    expected = sorted(Decimal(f"{i + 1}.{j:02d}17") for i in range(8) for j in range(50))
    assert values == expected
    assert len({r["id"] for r in rows}) == 400
    check = run("check", "--plan", str(small_plan))
    assert check.code == 0, check.out + check.err
    assert "400 entries" in check.out


def test_concurrent_entry_point_processes_lose_nothing(small_plan: Path) -> None:
    """8 separate `tracker record` processes started together, twice over: all 16 figures land once."""
    expected = []
    for wave in range(2):
        procs = []
        for i in range(8):
            value = f"9.{wave}{i}75"
            expected.append(Decimal(value))
            procs.append(subprocess.Popen(
                [str(TRACKER), "record", "growth", value, "--period", "2025", "--as-of", f"2025-0{i + 1}-15",
                 "--plan", str(small_plan)], env=base_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            ))  # fmt: skip
        for proc in procs:
            out, err = proc.communicate(timeout=60)
            assert proc.returncode == 0, err.decode()
            assert out.decode().startswith("recorded growth 2025 = 9.")
    rows = entry_rows(small_plan)
    assert sorted(Decimal(str(r["value"])) for r in rows) == sorted(expected)
    assert len({r["id"] for r in rows}) == 16
    data = log_of(small_plan).read_bytes()  # the first wave raced to create the log: one header, 16 lines
    assert data.startswith(HEADER.encode()) and data.count(b"[entries]") == 1
    assert len(data[len(HEADER) :].splitlines()) == 16


# ---------------------------------------------------------------- killed writers

CHILD_APPENDER = """
import random, sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from tracker.core.model import Entry
from tracker.storage import progress_log
from tracker.storage.progress_log import append, new_id, now_utc
log = Path(sys.argv[1]); rng = random.Random(int(sys.argv[2]))
if sys.argv[3] == "slow":  # a slow disk: each line goes out in small pieces, so a kill can land mid-line
    import os, time
    def write_all(fd, data):
        for start in range(0, len(data), 256):
            os.write(fd, data[start : start + 256])
            time.sleep(0.0005)
    progress_log.write_all = write_all
for n in range(1, 16):  # then idle until killed, so the log stays small enough to read quickly
    size = rng.choice([0, 200, 2_000, 30_000])  # longer lines widen the window for a torn write
    entry = Entry(id=new_id(), target="growth", period="2025", value=Decimal(f"{n}.5"), as_of=date(2025, 6, 30),
                  note="x" * size, recorded_at=now_utc(), recorded_by="killed")
    append(log, [entry])
    print(entry.id, flush=True)
import time
time.sleep(60)
"""


def test_recorder_killed_at_random_moments_never_loses_a_complete_entry(small_plan: Path) -> None:
    """Recorders SIGKILLed at random moments: the log always loads, torn tails are warned and checked, repair keeps all."""
    log = log_of(small_plan)
    rng = random.Random(20250630)
    acknowledged: set[str] = set()  # ids whose append() returned before the kill
    torn_seen = 0
    aside = small_plan.parent / "aside"
    aside.mkdir()
    started = time.monotonic()
    iterations = 0
    # At least 10 kills and 3 torn lines (a slow child is cut mid-line about half the time),
    # then stop: the loop is bounded by the clock only as a safety net.
    while iterations < 80 and time.monotonic() - started < 45:
        if iterations >= 10 and torn_seen >= 3:
            break
        iterations += 1
        disk = "slow" if iterations % 2 else "fast"
        child = subprocess.Popen([PYTHON, "-c", CHILD_APPENDER, str(log), str(iterations), disk], env=base_env(),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
        time.sleep(rng.uniform(0.05, 0.45))
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate(timeout=30)
        assert child.returncode == -signal.SIGKILL, err.decode()
        acknowledged |= set(out.decode().split())

        contents = read_log(log)  # never raises
        plain = read_log(log, use_cache=False)
        assert (contents.all_entries, contents.torn) == (plain.all_entries, plain.torn)  # the cache agrees
        ids = {e.id for e in contents.all_entries}
        assert acknowledged <= ids, f"iteration {iterations}: lost {sorted(acknowledged - ids)}"
        if contents.torn is None:
            if iterations % 4 == 0:  # a sound log: the entry point reads it without a warning (sampled, for time)
                report = run("report", "--format", "json", "--plan", str(small_plan))
                assert report.code == 0, report.err
                json.loads(report.out)
                assert report.err == ""
            continue
        torn_seen += 1
        report = run("report", "--format", "json", "--plan", str(small_plan))
        assert report.code == 0, report.err
        json.loads(report.out)
        assert f"{log}:{contents.torn.line}:" in report.err and "tracker check --repair" in report.err
        check = run("check", "--plan", str(small_plan))
        assert check.code == 3, check.out + check.err
        assert f"{log}:{contents.torn.line}: damaged last" in check.out
        damaged = log.read_bytes()
        repaired = run("check", "--repair", "--plan", str(small_plan))
        assert repaired.code == 0, repaired.out + repaired.err
        assert "moved the damaged lines" in repaired.out
        (side,) = small_plan.parent.glob("plan.progress.toml.damaged-*")
        assert log.read_bytes() + side.read_bytes() == damaged  # exactly the torn bytes moved aside
        assert b"\n" not in side.read_bytes() and log.read_bytes().endswith(b"\n")  # part of one line, no more
        side.rename(aside / f"{iterations}.damaged")  # side files are named by the second: keep them apart
        after = read_log(log)
        assert after.torn is None
        assert after.all_entries == contents.all_entries  # every complete entry kept
    assert iterations >= 10
    assert acknowledged, "no child ever finished an append: the test proved nothing"
    assert torn_seen >= 3, f"only {torn_seen} kills tore a line: the repair path was barely exercised"
    final = run("check", "--plan", str(small_plan))
    assert final.code == 0, final.out + final.err
    print(f"{iterations} kills, {torn_seen} torn tails, {len(acknowledged)} acknowledged entries")


CHILD_HALF_WRITER = """
import os, sys, time
from datetime import date
from decimal import Decimal
from pathlib import Path
from tracker.core.model import Entry
from tracker.storage import progress_log

def half_then_hang(fd, data):
    os.write(fd, data[: len(data) // 2])
    print("half", flush=True)
    time.sleep(60)

progress_log.write_all = half_then_hang
entry = Entry(id="halfwritten00000", target="growth", period="2025", value=Decimal("9.9"), as_of=date(2025, 6, 30),
              note="cut short", recorded_by="killed")
progress_log.append(Path(sys.argv[1]), [entry])
"""


def test_recorder_killed_mid_write_leaves_a_torn_tail_that_check_repairs(small_plan: Path) -> None:
    """A process killed half-way through writing a line: readers warn, check exits 3, repair moves exactly the half line."""
    before = seed(small_plan, 2)
    log = log_of(small_plan)
    child = subprocess.Popen([PYTHON, "-c", CHILD_HALF_WRITER, str(log)], env=base_env(),
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert child.stdout is not None
    assert child.stdout.readline() == b"half\n"
    child.kill()
    child.communicate(timeout=30)
    damaged = log.read_bytes()
    assert damaged.startswith(before) and len(damaged) > len(before)

    report = run("report", "--format", "json", "--plan", str(small_plan))
    assert report.code == 0
    assert "tracker: warning:" in report.err and "tracker check --repair" in report.err
    check = run("check", "--plan", str(small_plan))
    assert check.code == 3, check.out
    repaired = run("check", "--repair", "--plan", str(small_plan))
    assert repaired.code == 0, repaired.out + repaired.err
    (side,) = [p for p in small_plan.parent.iterdir() if p.name.startswith("plan.progress.toml.damaged-")]
    assert log.read_bytes() + side.read_bytes() == damaged
    assert b"halfwritten00000" in side.read_bytes()
    assert [r["id"] for r in entry_rows(small_plan)] == ["seed000000000000", "seed000000000001"]
    assert run("check", "--plan", str(small_plan)).code == 0


def test_truncated_log_warns_on_stderr_naming_file_and_repair(small_plan: Path) -> None:
    """A log cut mid-line still reports its complete entries; stderr names the file, the line and `tracker check --repair`."""
    data = seed(small_plan, 3)
    log = log_of(small_plan)
    last = data.rindex(b"\nseed000000000002 = { ") + 1
    log.write_bytes(data[: last + 40])
    line = data.count(b"\n", 0, last) + 1
    result = run("history", "--format", "json", "--plan", str(small_plan))
    assert result.code == 0
    assert [r["id"] for r in json.loads(result.out)["entries"]] == ["seed000000000000", "seed000000000001"]
    assert result.err == (
        f"tracker: warning: {log}:{line}: ignoring a damaged last entry (40 bytes); run `tracker check --repair`\n"
    )
    check = run("check", "--plan", str(small_plan))
    assert check.code == 3
    assert line == 6  # 3 header lines, then seeds 0, 1 and the torn seed 2
    assert f"{log}:{line}: damaged last" in check.out and "(40 bytes)" in check.out


def test_record_after_a_torn_tail_is_refused_and_changes_nothing(small_plan: Path) -> None:
    """Recording onto a torn tail is refused (exit 4, names `check --repair`) and leaves the files unchanged."""
    data = seed(small_plan, 2)
    log_of(small_plan).write_bytes(data[:-25])
    before = user_files(small_plan.parent)
    result = record(small_plan, "growth", "8.5", "--period", "2025", "--as-of", "2025-06-30")
    assert result.code == 4, result.err
    assert "tracker check --repair" in result.err and "Traceback" not in result.err
    assert user_files(small_plan.parent) == before


# ---------------------------------------------------------------- read-only folder, full disk, held lock


def unprivileged() -> Callable[[], None] | None:
    """A preexec_fn under which file modes bind: None for a user (they bind already); for
    root, dropping the capabilities that override them. Root keeps its uid, so no folder
    above the test's own needs opening to anyone."""
    return drop_file_capabilities if os.geteuid() == 0 else None


def run_with(preexec: Callable[[], None] | None, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The entry point with ``preexec`` applied in the child: (exit code, stdout, stderr)."""
    proc = subprocess.run([str(TRACKER), *args], env=env or base_env(), capture_output=True, timeout=60,
                          preexec_fn=preexec)  # fmt: skip
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def assert_cannot_write(preexec: Callable[[], None] | None, path: Path) -> None:
    """The sandbox really binds: a shell under ``preexec`` cannot write ``path`` either.
    Where file modes cannot be made to bind (root without CAP_SETPCAP to drop its
    capabilities, in some containers), the test is skipped, or fails under CI=true."""
    before = path.read_bytes() if path.exists() else None
    try:
        proc = subprocess.run(["/bin/sh", "-c", 'echo probe >> "$0"', str(path)], capture_output=True,
                              preexec_fn=preexec)  # fmt: skip
    except subprocess.SubprocessError as exc:  # prctl refused in the child
        unavailable(f"root cannot drop the capabilities that override file modes here ({exc})")
    if proc.returncode == 0:
        path.write_bytes(before) if before is not None else path.unlink()
        unavailable("file modes are not enforced for this user here: a read-only test would prove nothing")
    assert (path.read_bytes() if path.exists() else None) == before


def test_read_only_folder_refuses_with_exit_6_and_creates_nothing(small_plan: Path) -> None:
    """In a read-only folder with no log yet, record exits 6 with one error line and creates no file; report still works."""
    folder = small_plan.parent
    before = user_files(folder)
    os.chmod(small_plan, 0o644)
    os.chmod(folder, 0o555)
    try:
        preexec = unprivileged()
        assert_cannot_write(preexec, folder / "probe.txt")
        code, out, err = run_with(preexec, "record", "growth", "8.5", "--period", "2025", "--as-of", "2025-06-30",
                                  "--plan", str(small_plan))  # fmt: skip
        report = run_with(preexec, "report", "--format", "json", "--plan", str(small_plan))
    finally:
        os.chmod(folder, 0o755)
    assert code == 6, err
    one_line_error(err)
    assert "plan.progress.toml" in err
    assert out == ""
    assert user_files(folder) == before
    assert report[0] == 0, report[2]


def test_read_only_log_refuses_with_exit_6_and_stays_unchanged(small_plan: Path) -> None:
    """A 0444 log in a writable folder: record exits 6 with one error line, the bytes stay; readers still read it."""
    folder = small_plan.parent
    seed(small_plan, 2)
    log = log_of(small_plan)
    os.chmod(log, 0o444)
    os.chmod(folder, 0o777)  # the folder is writable for anyone: only the file's mode refuses
    before = user_files(folder)
    try:
        preexec = unprivileged()
        assert_cannot_write(preexec, log)
        code, out, err = run_with(preexec, "record", "growth", "8.5", "--period", "2025", "--as-of", "2025-06-30",
                                  "--plan", str(small_plan))  # fmt: skip
        history_code, history_out, _ = run_with(preexec, "history", "--format", "json", "--plan", str(small_plan))
    finally:
        os.chmod(folder, 0o755)
    assert code == 6, err
    one_line_error(err)
    assert out == ""
    assert user_files(folder) == before
    assert history_code == 0
    assert len(json.loads(history_out)["entries"]) == 2


def _file_size_limit(limit: int) -> Callable[[], None]:
    def preexec() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return preexec


def test_full_disk_refuses_with_exit_6_and_log_unchanged(small_plan: Path) -> None:
    """When the disk fills part-way through the append (RLIMIT_FSIZE), record exits 6 and the log is byte-for-byte unchanged."""
    data = seed(small_plan, 2)
    before = user_files(small_plan.parent)
    code, out, err = run_with(_file_size_limit(len(data) + 10), "record", "growth", "8.5", "--period", "2025",
                              "--as-of", "2025-06-30", "--note", "a long note " * 20, "--plan", str(small_plan))  # fmt: skip
    assert code == 6, err
    one_line_error(err)
    assert out == ""
    assert user_files(small_plan.parent) == before
    assert log_of(small_plan).read_bytes() == data


def test_full_disk_on_a_new_log_leaves_no_file(small_plan: Path) -> None:
    """When the very first append cannot be written, record exits 6 and leaves no half-made log behind."""
    before = user_files(small_plan.parent)
    code, _, err = run_with(_file_size_limit(50), "record", "growth", "8.5", "--period", "2025", "--as-of",
                            "2025-06-30", "--plan", str(small_plan))  # fmt: skip
    assert code == 6, err
    one_line_error(err)
    assert user_files(small_plan.parent) == before


LOCK_HOLDER = """
import fcntl, sys, time
with open(sys.argv[1], "rb") as handle:
    fcntl.flock(handle, fcntl.LOCK_EX)
    print("locked", flush=True)
    time.sleep(60)
"""


def test_lock_held_beyond_timeout_exits_5_and_log_unchanged(small_plan: Path) -> None:
    """Another process holds the log's lock: record waits TRACKER_LOCK_TIMEOUT, exits 5 with one line, writes nothing."""
    data = seed(small_plan, 2)
    log = log_of(small_plan)
    holder = subprocess.Popen([PYTHON, "-c", LOCK_HOLDER, str(log)], stdout=subprocess.PIPE)
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline() == b"locked\n"
        before = user_files(small_plan.parent)
        started = time.monotonic()
        result = record(small_plan, "growth", "8.5", "--period", "2025", "--as-of", "2025-06-30",
                        env=base_env(TRACKER_LOCK_TIMEOUT="0.5"))  # fmt: skip
        waited = time.monotonic() - started
    finally:
        holder.kill()
        holder.communicate()
    assert result.code == 5, result.err
    one_line_error(result.err)
    assert "TRACKER_LOCK_TIMEOUT" in result.err
    assert 0.5 <= waited < 10
    assert user_files(small_plan.parent) == before
    assert log.read_bytes() == data
    after = record(small_plan, "growth", "8.5", "--period", "2025", "--as-of", "2025-06-30")
    assert after.code == 0, after.err  # the lock released, recording works again


# ---------------------------------------------------------------- refused input

REFUSALS = {
    "unknown target": (["growht", "8.5", "--period", "2025", "--as-of", "2025-06-30"], "did you mean 'growth'"),
    "bad value": (["growth", "abc", "--period", "2025", "--as-of", "2025-06-30"], "not a number: 'abc'"),
    "ambiguous value": (["growth", "2,365", "--period", "2025", "--as-of", "2025-06-30"], "write 2365 or 2,3650"),
    "nan": (["growth", "nan", "--period", "2025", "--as-of", "2025-06-30"], "nan"),
    "infinity": (["growth", "inf", "--period", "2025", "--as-of", "2025-06-30"], "inf"),
    "empty value": (["growth", "", "--period", "2025", "--as-of", "2025-06-30"], "empty value"),
    "bad date": (["growth", "8.5", "--period", "2025", "--as-of", "2025-13-45"], "2025-13-45"),
    "period without plan": (["growth", "8.5", "--period", "2023", "--as-of", "2023-06-30"], "no plan value for 2023"),
    "as-of outside period": (["growth", "8.5", "--period", "2025", "--as-of", "2024-06-30"], "outside period 2025"),
    "milestone not yes/no": (["milestone", "maybe", "--period", "2025", "--as-of", "2025-06-30"], "not yes or no"),
}


@pytest.mark.parametrize("case", list(REFUSALS))
def test_refused_record_leaves_files_byte_identical(small_plan: Path, case: str) -> None:
    """Each refused record exits 2 with one error line saying what is wrong, and changes no byte of any file."""
    args, message = REFUSALS[case]
    seed(small_plan, 2)
    before = user_files(small_plan.parent)
    result = record(small_plan, *args)
    assert result.code == 2, result.err
    one_line_error(result.err)
    assert message.lower() in result.err.lower()
    assert result.out == ""
    assert user_files(small_plan.parent) == before


def test_refused_record_creates_no_log(small_plan: Path) -> None:
    """A refused first record leaves no log file behind."""
    before = user_files(small_plan.parent)
    result = record(small_plan, "growth", "abc", "--period", "2025", "--as-of", "2025-06-30")
    assert result.code == 2
    assert user_files(small_plan.parent) == before


# ---------------------------------------------------------------- git union merge


def _git_env(home: Path) -> dict[str, str]:
    return base_env(HOME=str(home), GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                    GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org")  # fmt: skip


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, env=_git_env(cwd.parent), capture_output=True, text=True,
                          timeout=60)  # fmt: skip


def _record_ok(plan: Path, target: str, value: str, as_of: str) -> str:
    result = record(plan, target, value, "--period", "2025", "--as-of", as_of)
    assert result.code == 0, result.err
    return result.out.split("[", 1)[1].split("]", 1)[0]  # the new entry's id


def test_git_merge_file_union_of_two_offices_loads_each_entry_once(small_plan: Path, git: str) -> None:
    """Two copies of a log grown apart and joined by `git merge-file --union` load with every entry exactly once."""
    base_ids = [
        _record_ok(small_plan, "growth", "7.1", "2025-01-31"),
        _record_ok(small_plan, "revenue", "250", "2025-01-31"),
    ]
    offices = {}
    for name in ("hanoi", "laichau"):
        office = small_plan.parent / name
        office.mkdir()
        shutil.copy(small_plan, office / "plan.toml")
        shutil.copy(log_of(small_plan), office / "plan.progress.toml")
        offices[name] = office / "plan.toml"
    ids = list(base_ids)
    ids.append(_record_ok(offices["hanoi"], "growth", "7.5", "2025-03-31"))
    ids.append(_record_ok(offices["hanoi"], "revenue", "900", "2025-03-31"))
    ids.append(_record_ok(offices["laichau"], "growth", "7.6", "2025-03-31"))
    ids.append(_record_ok(offices["laichau"], "poverty_cut", "1.2", "2025-03-31"))
    merged = log_of(offices["hanoi"])
    proc = subprocess.run([git, "merge-file", "--union", str(merged), str(log_of(small_plan)),
                           str(log_of(offices["laichau"]))], capture_output=True, text=True)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result = run("history", "--format", "json", "--plan", str(offices["hanoi"]))
    assert result.code == 0, result.err
    assert result.err == "", f"merged log is damaged: {result.err}"
    got = [r["id"] for r in json.loads(result.out)["entries"]]
    assert sorted(got) == sorted(ids), f"merged log:\n{merged.read_text()}"
    text = merged.read_text(encoding="utf-8")
    assert {i: text.count(i) for i in ids} == dict.fromkeys(ids, 1)  # each figure on one line, once
    check = run("check", "--plan", str(offices["hanoi"]))
    assert check.code == 0, check.out + check.err


def test_git_merge_with_union_attribute_loads_each_entry_once(small_plan: Path, git: str) -> None:
    """A real repository with `*.progress.toml merge=union` merges two branches' logs into one that loads every entry once."""
    repo = small_plan.parent / "repo"
    repo.mkdir()
    plan = repo / "plan.toml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    (repo / ".gitattributes").write_text("*.progress.toml merge=union\n", encoding="utf-8")
    ids = [_record_ok(plan, "growth", "7.1", "2025-01-31"), _record_ok(plan, "revenue", "250", "2025-01-31")]
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-qm", "base"], ["branch", "office"]):
        assert _git(repo, *args).returncode == 0
    ids.append(_record_ok(plan, "growth", "7.5", "2025-03-31"))
    ids.append(_record_ok(plan, "revenue", "900", "2025-03-31"))
    assert _git(repo, "commit", "-qam", "hanoi").returncode == 0
    assert _git(repo, "checkout", "-q", "office").returncode == 0
    ids.append(_record_ok(plan, "growth", "7.6", "2025-03-31"))
    assert _git(repo, "commit", "-qam", "laichau").returncode == 0
    assert _git(repo, "checkout", "-q", "main").returncode == 0
    merge = _git(repo, "merge", "--no-edit", "office")
    assert merge.returncode == 0, merge.stdout + merge.stderr
    result = run("history", "--format", "json", "--plan", str(plan))
    assert result.code == 0, result.err
    assert result.err == "", f"merged log is damaged: {result.err}"
    assert sorted(r["id"] for r in json.loads(result.out)["entries"]) == sorted(ids)
    text = log_of(plan).read_text(encoding="utf-8")
    assert {i: text.count(i) for i in ids} == dict.fromkeys(ids, 1)  # each figure on one line, once
    check = run("check", "--plan", str(plan))
    assert check.code == 0, check.out + check.err
    assert "5 entries" in check.out


def test_identical_line_twice_loads_once_and_check_passes(small_plan: Path) -> None:
    """A log holding one figure's line twice (merged copies) lists it once, and `tracker check` exits 0."""
    data = seed(small_plan, 2)
    first_line = data[len(HEADER) : data.index(b"\n", len(HEADER)) + 1]
    log_of(small_plan).write_bytes(data + first_line)
    assert [r["id"] for r in entry_rows(small_plan)] == ["seed000000000000", "seed000000000001"]
    check = run("check", "--plan", str(small_plan))
    assert check.code == 0, check.out + check.err
    assert "2 entries" in check.out


def test_two_different_lines_with_one_id_are_reported_by_check(small_plan: Path) -> None:
    """Two different lines sharing an id: `tracker check` exits 3 with a line naming the file and the id."""
    data = seed(small_plan, 2)
    first_line = data[len(HEADER) : data.index(b"\n", len(HEADER)) + 1]
    clash = first_line.replace(b"value = 7.05,", b"value = 9.99,")
    assert clash != first_line
    log_of(small_plan).write_bytes(data + clash)
    check = run("check", "--plan", str(small_plan))
    assert check.code == 3, check.out + check.err
    assert f"{log_of(small_plan)}: two different lines share the id 'seed000000000000'" in check.out
    assert "Traceback" not in check.err


def test_garbage_only_log_is_a_torn_tail_for_every_command(small_plan: Path) -> None:
    """A log of garbage with no newline: report warns and works, check exits 3, `check --repair` moves it all aside."""
    garbage = b"\x00\xffnot a log at all {{ [[entry]]"
    log = log_of(small_plan)
    log.write_bytes(garbage)
    report = run("report", "--format", "json", "--plan", str(small_plan))
    assert report.code == 0, report.err
    json.loads(report.out)
    assert report.err == (
        f"tracker: warning: {log}:1: ignoring a damaged last entry ({len(garbage)} bytes); run `tracker check --repair`\n"
    )
    check = run("check", "--plan", str(small_plan))
    assert check.code == 3, check.out + check.err
    assert f"{log}:1: damaged last" in check.out and "Traceback" not in check.err
    repaired = run("check", "--repair", "--plan", str(small_plan))
    assert repaired.code == 0, repaired.out + repaired.err
    (side,) = small_plan.parent.glob("plan.progress.toml.damaged-*")
    assert side.read_bytes() == garbage and log.read_bytes() == b""
    assert _record_ok(small_plan, "growth", "7.1", "2025-01-31")
    assert len(entry_rows(small_plan)) == 1


# ---------------------------------------------------------------- undo and retract


def test_undo_and_retract_only_append_and_mark_history(small_plan: Path) -> None:
    """undo retracts the latest entry, retract ID a given one; each prints what it retracted; the log only grows."""
    first = _record_ok(small_plan, "growth", "7.1", "2025-01-31")
    second = _record_ok(small_plan, "growth", "7.2", "2025-02-28")
    third = _record_ok(small_plan, "revenue", "900", "2025-03-31")
    log = log_of(small_plan)
    before = log.read_bytes()

    undo = run("undo", "--note", "wrong target", "--plan", str(small_plan))
    assert undo.code == 0, undo.err
    assert undo.out.startswith(f"retracted {third}: revenue 2025 = 900 (2025-03-31) [")
    grown = log.read_bytes()
    assert grown.startswith(before) and len(grown) > len(before)

    retract = run("retract", first, "--plan", str(small_plan))
    assert retract.code == 0, retract.err
    assert retract.out.startswith(f"retracted {first}: growth 2025 = 7.1 (2025-01-31) [")
    final = log.read_bytes()
    assert final.startswith(grown) and len(final) > len(grown)

    rows = history(small_plan)
    entries = {r["id"]: r for r in rows if r["kind"] == "entry"}
    assert {i: r["retracted"] for i, r in entries.items()} == {first: True, second: False, third: True}
    retractions = [r for r in rows if r["kind"] == "retraction"]
    assert sorted(r["retracts"] for r in retractions) == sorted([first, third])
    assert [r["note"] for r in retractions if r["retracts"] == third] == ["wrong target"]
    plain = run("history", "--format", "plain", "--plan", str(small_plan))
    marked = [line for line in plain.out.splitlines() if "[retracted]" in line]
    assert len(marked) == 2 and any(first in line for line in marked) and any(third in line for line in marked)

    again = run("retract", first, "--plan", str(small_plan))
    assert again.code == 2
    one_line_error(again.err)
    assert "already retracted" in again.err
    unknown = run("retract", first[:-1] + ("y" if first.endswith("x") else "x"), "--plan", str(small_plan))
    assert unknown.code == 2
    assert "did you mean" in unknown.err
    assert log.read_bytes() == final
    report = json.loads(run("report", "--format", "json", "--plan", str(small_plan)).out)
    assert "7.2" in json.dumps(report)  # the surviving figure counts


def test_undo_on_an_empty_log_is_refused(small_plan: Path) -> None:
    """undo with nothing recorded exits 2 and creates no log."""
    before = user_files(small_plan.parent)
    result = run("undo", "--plan", str(small_plan))
    assert result.code == 2
    one_line_error(result.err)
    assert user_files(small_plan.parent) == before


# ---------------------------------------------------------------- import

IMPORT_FIELDS = ["kind", "id", "target", "period", "value", "as_of", "status", "source", "note", "verdict",
                 "recorded_at", "recorded_by", "retracts", "retracted"]  # fmt: skip


def _import_rows() -> list[dict[str, str]]:
    return [
        {"kind": "entry", "id": "imp0000000000001", "target": "growth", "period": "2025", "value": "7.4",
         "as_of": "2025-06-30", "status": "preliminary", "source": "BC 12/UBND", "note": 'quý II "sơ bộ"\n[[entry]]',
         "recorded_at": "2025-07-02T08:00:00+00:00", "recorded_by": "cuc_thong_ke"},
        {"kind": "entry", "id": "imp0000000000002", "target": "revenue", "period": "2025", "value": "1.234,5",
         "as_of": "2025-06-30", "status": "official"},
        {"kind": "entry", "id": "imp0000000000003", "target": "milestone", "period": "2025", "value": "đạt",
         "as_of": "2025-05-20"},
        {"kind": "entry", "id": "imp0000000000004", "target": "poverty_cut", "period": "2025", "value": "-0.5",
         "as_of": "2025-06-30", "verdict": "not_met"},
    ]  # fmt: skip


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=IMPORT_FIELDS)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


@pytest.mark.parametrize("kind", ["csv", "json"])
def test_import_records_every_row(small_plan: Path, kind: str) -> None:
    """Importing CSV or JSON with history's field names records every row with its id and value."""
    source = small_plan.parent / f"figures.{kind}"
    if kind == "csv":
        _write_csv(source, _import_rows())
    else:
        source.write_text(json.dumps(_import_rows(), ensure_ascii=False), encoding="utf-8")
    result = run("import", str(source), "--plan", str(small_plan))
    assert result.code == 0, result.err
    assert result.out == "" and result.err.startswith(f"tracker: recorded 4 entries from {source} as batch ")
    rows = {r["id"]: r for r in entry_rows(small_plan)}
    assert {i: rows[i]["value"] for i in rows} == {
        "imp0000000000001": Decimal("7.4"), "imp0000000000002": Decimal("1234.5"),
        "imp0000000000003": True, "imp0000000000004": Decimal("-0.5"),
    }  # fmt: skip
    first = rows["imp0000000000001"]
    assert (first["note"], first["status"], first["source"], first["recorded_by"], first["recorded_at"]) == (
        'quý II "sơ bộ"\n[[entry]]', "preliminary", "BC 12/UBND", "cuc_thong_ke", "2025-07-02T08:00:00+00:00",
    )  # fmt: skip
    assert rows["imp0000000000004"]["verdict"] == "not_met"


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_history_export_imports_into_a_fresh_log_unchanged(small_plan: Path, fmt: str) -> None:
    """`history --format json|csv | import -` into a fresh log gives the same history: ids, values, notes, retractions."""
    source = small_plan.parent / "figures.csv"
    _write_csv(source, _import_rows())
    assert run("import", str(source), "--plan", str(small_plan)).code == 0
    assert run("retract", "imp0000000000002", "--note", "typo", "--plan", str(small_plan)).code == 0
    exported = run("history", "--format", fmt, "--plan", str(small_plan))
    assert exported.code == 0
    fresh = small_plan.parent / "fresh.progress.toml"
    result = run("import", "-", "--plan", str(small_plan), "--log", str(fresh), input=exported.out.encode())
    assert result.code == 0, result.err
    assert result.err.startswith("tracker: recorded 5 entries from <stdin> as batch ")
    copied = history(small_plan, "--log", str(fresh))
    # Every field comes back but the batch: the entries came into this log by one import.
    assert without_batch(copied) == without_batch(history(small_plan))
    assert len({row["batch"] for row in copied}) == 1 and copied[0]["batch"] in result.err
    again = run("import", "-", "--plan", str(small_plan), "--log", str(fresh), input=exported.out.encode())
    assert again.code == 0 and again.err == "tracker: recorded 0 entries from <stdin>; 5 already recorded\n"


def test_import_with_one_bad_row_writes_nothing_and_names_row_and_field(small_plan: Path) -> None:
    """A bad value in the 3rd row (spreadsheet row 4) refuses the whole file, naming row and field; no byte is written."""
    seed(small_plan, 1)
    rows = _import_rows()
    rows[0]["note"] = "one line"
    rows[2]["target"], rows[2]["value"] = "growth", "abc"
    source = small_plan.parent / "figures.csv"
    _write_csv(source, rows)
    before = user_files(small_plan.parent)
    result = run("import", str(source), "--plan", str(small_plan))
    assert result.code == 4, result.err
    one_line_error(result.err)
    assert f"{source}: row 4: value:" in result.err
    assert "abc" in result.err
    assert user_files(small_plan.parent) == before

    as_json = small_plan.parent / "figures.json"
    as_json.write_text(json.dumps(rows), encoding="utf-8")
    before = user_files(small_plan.parent)
    result = run("import", str(as_json), "--plan", str(small_plan))
    assert result.code == 4
    assert f"{as_json}: row 3: value:" in result.err
    assert user_files(small_plan.parent) == before


def test_import_error_row_number_ignores_line_breaks_inside_cells(small_plan: Path) -> None:
    """A note with a line break in an earlier row does not shift the row number the error names (still row 4)."""
    rows = _import_rows()  # row 1's note holds a line break, as `history --format csv` writes it
    rows[2]["target"], rows[2]["value"] = "growth", "abc"
    source = small_plan.parent / "figures.csv"
    _write_csv(source, rows)
    before = user_files(small_plan.parent)
    result = run("import", str(source), "--plan", str(small_plan))
    assert result.code == 4
    assert f"{source}: row 4: value:" in result.err
    assert user_files(small_plan.parent) == before


def test_import_dry_run_writes_nothing_and_reports_the_count(small_plan: Path) -> None:
    """`import --dry-run` reports how many entries it would record and writes no byte."""
    source = small_plan.parent / "figures.csv"
    _write_csv(source, _import_rows())
    before = user_files(small_plan.parent)
    result = run("import", str(source), "--dry-run", "--plan", str(small_plan))
    assert result.code == 0, result.err
    assert result.err == f"tracker: would record 4 entries from {source}\n"
    table = result.out.splitlines()  # title, file, blank, header, then a line per row
    assert table[1] == str(source) and table[3].split()[:2] == ["Where", "Action"]
    assert [line.split()[:3] for line in table[4:]] == [[f"E{n}", "record", t] for n, t in
                                                       ((2, "growth"), (3, "revenue"), (4, "milestone"), (5, "poverty_cut"))]  # fmt: skip
    assert user_files(small_plan.parent) == before


def test_import_of_an_id_ending_in_a_line_break_never_damages_the_log(small_plan: Path) -> None:
    """An imported id ending in a line break is stored whole (or refused): the log still loads and `check` passes."""
    seed(small_plan, 1)
    source = small_plan.parent / "figures.json"
    source.write_text(json.dumps([{"kind": "entry", "id": "abc\n", "target": "growth", "period": "2025",
                                   "value": "7.1", "as_of": "2025-06-30"}]), encoding="utf-8")  # fmt: skip
    before = user_files(small_plan.parent)
    result = run("import", str(source), "--plan", str(small_plan))
    listed = run("history", "--format", "json", "--plan", str(small_plan))
    assert listed.code == 0, f"the log no longer loads: {listed.err}"
    ids = [r["id"] for r in json.loads(listed.out)["entries"]]
    if result.code == 0:
        assert ids == ["seed000000000000", "abc\n"]
    else:  # refused: one error line, nothing written
        one_line_error(result.err)
        assert user_files(small_plan.parent) == before
    check = run("check", "--plan", str(small_plan))
    assert check.code == 0, check.out + check.err


def test_imported_retraction_with_short_ids_is_kept(small_plan: Path) -> None:
    """An imported entry and its retraction with short ids both land in the log: the entry reads as retracted."""
    source = small_plan.parent / "short.csv"
    _write_csv(source, [
        {"kind": "entry", "id": "e1", "target": "growth", "period": "2025", "value": "8.2", "as_of": "2025-06-30",
         "recorded_at": "2025-07-01T08:00:00+00:00", "recorded_by": "an"},
        {"kind": "retraction", "id": "r1", "retracts": "e1", "recorded_at": "2025-07-01T09:00:00+00:00",
         "recorded_by": "an"},
    ])  # fmt: skip
    result = run("import", str(source), "--plan", str(small_plan))
    assert result.code == 0, result.err
    assert result.err.startswith("tracker: recorded 2 entries")
    rows = history(small_plan)
    assert [(r["kind"], r["id"], r["retracted"]) for r in rows] == [("entry", "e1", True), ("retraction", "r1", False)]
