"""Where figures are written and what an interrupted write leaves: the log is the only
file tracker appends to, an import is all or nothing even under SIGKILL, logs that other
tools converted (CRLF, a byte-order mark) still read and grow in their own line ending,
and damage that a merge buried mid-file is set aside without losing a whole line."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import TRACKER, base_env, run, snapshot

from tracker.storage.progress_log import read_log


def log_of(plan: Path) -> Path:
    """The default log beside ``plan``."""
    return plan.with_name("plan.progress.toml")


def figures(plan: Path, *extra: str) -> list[dict[str, object]]:
    """The live entries `tracker history --format json` shows."""
    result = run("history", "--format", "json", "--plan", str(plan), *extra)
    assert result.code == 0, result.err
    return [row for row in json.loads(result.out)["entries"] if row["kind"] == "entry"]


def import_csv(count: int, start_day: int = 0) -> bytes:
    """A CSV of ``count`` growth figures as `history` exports them, with ids and recording
    times: each row is an entry of its own (many share a target, period and as-of date,
    which rows without ids may not), so every row is checked and written."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["id", "target", "period", "value", "as_of", "note", "recorded_at"])
    for n in range(count):
        writer.writerow([f"imp{n:013d}", "growth", "2025", f"{n % 97}.5", f"2025-{1 + (n + start_day) % 12:02d}-01",
                         f"row {n}", "2025-07-01T08:00:00+00:00"])  # fmt: skip
    return out.getvalue().encode()


# ---------------------------------------------------------------- only a log is ever written


@pytest.mark.parametrize("command", [["record", "growth", "7.5", "--as-of", "2025-03-31"], ["undo"], ["import", "-"]])
def test_the_plan_given_as_log_is_refused_and_never_written(small_plan: Path, command: list[str]) -> None:
    """`--log plan.toml` on a writing command: exit 4 naming the file; the plan stays byte for byte."""
    before = snapshot(small_plan.parent)
    result = run(*command, "--plan", str(small_plan), "--log", str(small_plan), input=import_csv(3))
    assert result.code == 4, result.out + result.err
    assert "plan file, not its progress log" in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1
    assert snapshot(small_plan.parent) == before


def test_a_symlink_to_the_plan_or_to_another_file_is_refused(small_plan: Path) -> None:
    """A --log that is a symlink to the plan, or to any file that is not a progress log, is never appended to."""
    notes = small_plan.parent / "notes.txt"
    notes.write_text("meeting notes\nline two\n")
    to_plan = small_plan.parent / "to-plan.progress.toml"
    to_plan.symlink_to(small_plan)
    to_notes = small_plan.parent / "to-notes.progress.toml"
    to_notes.symlink_to(notes)
    before = snapshot(small_plan.parent)
    for link, words in ((to_plan, "plan file"), (to_notes, "not a progress log")):
        result = run("record", "growth", "7.5", "--as-of", "2025-03-31", "--plan", str(small_plan), "--log", str(link))
        assert result.code == 4 and words in result.err, result.err
        report = run("report", "--plan", str(small_plan), "--log", str(link))
        assert report.code == 4 and words in report.err, report.err
    assert snapshot(small_plan.parent) == before


def test_a_symlink_to_a_real_log_is_followed(small_plan: Path) -> None:
    """A symlinked log that is a progress log is read and appended to (where it really lives)."""
    assert run("record", "growth", "7.5", "--as-of", "2025-03-31", "--plan", str(small_plan)).code == 0
    link = small_plan.parent / "link.progress.toml"
    link.symlink_to(log_of(small_plan))
    result = run("record", "growth", "7.6", "--as-of", "2025-04-30", "--plan", str(small_plan), "--log", str(link))
    assert result.code == 0, result.err
    assert [row["value"] for row in figures(small_plan)] == [7.5, 7.6]


def test_an_empty_file_is_a_new_log(small_plan: Path) -> None:
    """An empty --log file is a log nobody has written yet: the first record gives it its header."""
    log = small_plan.parent / "fresh.progress.toml"
    log.write_bytes(b"")
    assert (
        run("record", "growth", "7.5", "--as-of", "2025-03-31", "--plan", str(small_plan), "--log", str(log)).code == 0
    )
    assert log.read_text().startswith("# tracker progress log")


# ---------------------------------------------------------------- an import is all or nothing


def _unfinished_imports(small_plan: Path, rows: int) -> tuple[bytes, bytes]:
    """The log before an import of ``rows`` figures, and the bytes that import appended."""
    assert run("record", "growth", "7.0", "--as-of", "2025-01-31", "--plan", str(small_plan)).code == 0
    log = log_of(small_plan)
    before = log.read_bytes()
    result = run("import", "-", "--plan", str(small_plan), input=import_csv(rows))
    assert result.code == 0, result.err
    return before, log.read_bytes()[len(before) :]


def test_an_import_cut_anywhere_reads_as_none_of_its_figures(small_plan: Path) -> None:
    """At every cut point of an import's bytes, readers see only the figures from before it and warn; repair sets all of it aside."""
    before, appended = _unfinished_imports(small_plan, 5)
    log = log_of(small_plan)
    assert appended.count(b"\n") == 7  # an opening line, five figures, a closing line
    for cut in range(1, len(appended)):  # every cut point, read in-process (the same reader the CLI uses)
        log.write_bytes(before + appended[:cut])
        contents = read_log(log, use_cache=False)
        assert len(contents.all_entries) == 1, f"cut at {cut}: {len(contents.all_entries)} figures read"
        if cut >= len(b"# tracker import "):  # before that, a comment cut short: nothing was written yet
            assert contents.torn is not None and contents.torn.offset == len(before), cut
    ends = [i + 1 for i, byte in enumerate(appended) if byte == ord("\n")][:-1]
    for cut in sorted({*ends, *(end - 3 for end in ends)}):  # the CLI, with its cache, at line ends and just before
        log.write_bytes(before + appended[:cut])
        rows = figures(small_plan)
        assert [row["value"] for row in rows] == [7.0], f"cut at {cut}: {len(rows)} figures read"
        report = run("report", "--plan", str(small_plan))
        assert report.code == 0 and "check --repair" in report.err, (cut, report.err)
    whole = run("report", "--format", "json", "--plan", str(small_plan))
    assert whole.code == 0
    log.write_bytes(before + appended[: len(appended) // 2])
    refused = run("record", "growth", "7.9", "--as-of", "2025-05-31", "--plan", str(small_plan))
    assert refused.code == 4 and "check --repair" in refused.err, refused.err
    assert log.read_bytes() == before + appended[: len(appended) // 2]
    at_line_end = before + appended[: ends[2]]
    log.write_bytes(at_line_end)
    refused = run("record", "growth", "7.9", "--as-of", "2025-05-31", "--plan", str(small_plan))
    assert refused.code == 4 and "import that did not finish" in refused.err, refused.err
    assert log.read_bytes() == at_line_end
    check = run("check", "--plan", str(small_plan))
    assert check.code == 3 and "check --repair" in check.out
    repaired = run("check", "--repair", "--plan", str(small_plan))
    assert repaired.code == 0, repaired.out + repaired.err
    assert log.read_bytes() == before
    (side,) = small_plan.parent.glob("plan.progress.toml.damaged-*")
    assert side.read_bytes() == appended[: ends[2]]


def test_an_import_killed_while_writing_is_all_or_nothing(small_plan: Path) -> None:
    """SIGKILL at six moments of a 20,000-row import (checking or writing, whichever it lands in): readers see 0 or 20,000 of its rows, and after repair and a re-run exactly 20,000. Every cut point of the write itself is tested above."""
    data = import_csv(20_000)
    log = log_of(small_plan)
    assert run("record", "growth", "7.0", "--as-of", "2025-01-31", "--plan", str(small_plan)).code == 0
    base = log.read_bytes()
    seen = set()
    for delay in (0.3, 0.6, 0.9, 1.2, 1.6, 2.0):
        log.write_bytes(base)
        proc = subprocess.Popen([str(TRACKER), "import", "-", "--plan", str(small_plan)], stdin=subprocess.PIPE,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=base_env())  # fmt: skip
        assert proc.stdin is not None
        proc.stdin.write(data)
        proc.stdin.close()
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        count = len(figures(small_plan)) - 1
        assert count in (0, 20_000), f"killed after {delay} s: {count} of 20,000 rows read"
        seen.add(count)
        assert run("check", "--repair", "--plan", str(small_plan)).code == 0
        if count == 0:
            again = run("import", "-", "--plan", str(small_plan), input=data, timeout=300)
            assert again.code == 0, again.err
        assert len(figures(small_plan)) - 1 == 20_000


# ---------------------------------------------------------------- logs as other tools leave them


def _with_figures(small_plan: Path) -> Path:
    for value, day in (("7.1", "2025-01-31"), ("7.2", "2025-02-28")):
        assert run("record", "growth", value, "--as-of", day, "--plan", str(small_plan)).code == 0
    return log_of(small_plan)


def test_a_log_converted_to_crlf_reads_and_grows_in_crlf(small_plan: Path) -> None:
    """After git autocrlf or Notepad: every command reads the log, and record appends CRLF lines."""
    log = _with_figures(small_plan)
    log.write_bytes(log.read_bytes().replace(b"\n", b"\r\n"))
    for command in (["report"], ["show", "growth"], ["history"], ["check"]):
        result = run(*command, "--plan", str(small_plan))
        assert result.code == 0, (command, result.err)
    assert run("record", "growth", "7.3", "--as-of", "2025-03-31", "--plan", str(small_plan)).code == 0
    data = log.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n"), "a line appended with a bare LF"
    assert [row["value"] for row in figures(small_plan)] == [7.1, 7.2, 7.3]
    assert run("import", "-", "--plan", str(small_plan), input=import_csv(2)).code == 0
    data = log.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n") and len(figures(small_plan)) == 5


def test_a_log_with_a_byte_order_mark_reads(small_plan: Path) -> None:
    """A log saved with a UTF-8 BOM: read by every command, appended to after."""
    log = _with_figures(small_plan)
    log.write_bytes(b"\xef\xbb\xbf" + log.read_bytes())
    for command in (["report"], ["history"], ["check"]):
        result = run(*command, "--plan", str(small_plan))
        assert result.code == 0, (command, result.err)
    assert run("record", "growth", "7.3", "--as-of", "2025-03-31", "--plan", str(small_plan)).code == 0
    assert [row["value"] for row in figures(small_plan)] == [7.1, 7.2, 7.3]


def test_repair_keeps_every_whole_line_after_a_torn_one(small_plan: Path) -> None:
    """A merge put another clone's lines after a torn one: reads fail naming the line, check lists it, repair sets only it aside."""
    log = _with_figures(small_plan)
    data = log.read_bytes()
    lines = data.splitlines(keepends=True)
    torn = lines[-1][:30] + b"\n"
    merged = b"".join(lines[:-1]) + torn + lines[-1]
    other = run("record", "growth", "7.4", "--as-of", "2025-04-30", "--plan", str(small_plan), "--log",
                str(small_plan.parent / "other.progress.toml"))  # fmt: skip
    assert other.code == 0
    clone_line = (small_plan.parent / "other.progress.toml").read_bytes().splitlines(keepends=True)[-1]
    log.write_bytes(merged + clone_line)
    torn_line = len(lines)
    report = run("report", "--plan", str(small_plan))
    assert report.code == 4 and f":{torn_line}:" in report.err and "check --repair" in report.err, report.err
    check = run("check", "--plan", str(small_plan))
    assert check.code == 3 and f":{torn_line}: damaged line" in check.out, check.out
    repaired = run("check", "--repair", "--plan", str(small_plan))
    assert repaired.code == 0, repaired.out + repaired.err
    assert log.read_bytes() == data + clone_line
    (side,) = small_plan.parent.glob("plan.progress.toml.damaged-*")
    assert side.read_bytes() == torn
    assert not list(small_plan.parent.glob("*.before-repair-*"))
    assert [row["value"] for row in figures(small_plan)] == [7.1, 7.2, 7.4]


def test_side_files_copy_the_logs_permissions(small_plan: Path) -> None:
    """With a private log (0600), the damaged-line side file is private too."""
    log = _with_figures(small_plan)
    with open(log, "ab") as handle:
        handle.write(b'torn = { target = "gro')
    os.chmod(log, 0o600)
    assert run("check", "--repair", "--plan", str(small_plan)).code == 0
    (side,) = small_plan.parent.glob("plan.progress.toml.damaged-*")
    assert side.stat().st_mode & 0o777 == 0o600


def test_an_import_keeps_every_character_of_a_note(small_plan: Path) -> None:
    """Notes holding line and paragraph separators (U+2028, U+2029, U+0085) come back from an import unchanged."""
    note = "a\u2028b\u2029c\u0085d\x0ce"
    data = f"target,period,value,as_of,note\ngrowth,2025,7.5,2025-03-31,{note}\n".encode()
    assert run("import", "-", "--plan", str(small_plan), input=data).code == 0
    assert [row["note"] for row in figures(small_plan)] == [note]


def test_repair_sets_aside_a_damaged_import_holding_a_bad_line_once(small_plan: Path) -> None:
    """An import cut short and then merged over, with a hand-damaged line inside it: repair moves the import out once and keeps the lines after it."""
    before, appended = _unfinished_imports(small_plan, 3)
    lines = appended.splitlines(keepends=True)
    damaged_import = lines[0] + lines[1] + b"  not a figure\n" + lines[2]  # no closing line
    log = log_of(small_plan)
    other = run("record", "growth", "7.4", "--as-of", "2025-04-30", "--plan", str(small_plan), "--log",
                str(small_plan.parent / "other.progress.toml"))  # fmt: skip
    assert other.code == 0
    clone_line = (small_plan.parent / "other.progress.toml").read_bytes().splitlines(keepends=True)[-1]
    log.write_bytes(before + damaged_import + clone_line)
    repaired = run("check", "--repair", "--plan", str(small_plan))
    assert repaired.code == 0, repaired.out + repaired.err
    assert log.read_bytes() == before + clone_line
    (side,) = small_plan.parent.glob("plan.progress.toml.damaged-*")
    assert side.read_bytes() == damaged_import
