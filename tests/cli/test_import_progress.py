"""A long import shows a progress bar at a terminal and nothing elsewhere."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import base_env, run, tty_run

ROWS = 150_000  # enough rows that checking them takes well over a second, even on a fast machine


def big_csv(folder: Path) -> Path:
    """A CSV of many monthly figures for the small plan's growth target, as `history`
    exports them (ids and recording times: entries of their own, never matched by figure)."""
    path = folder / "many.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "target", "period", "value", "as_of", "status", "recorded_at"])
        for i in range(ROWS):
            writer.writerow([f"big{i:013d}", "growth", "2025", f"{i % 97}.{i % 10}", f"2025-{i % 12 + 1:02d}-01",
                             "estimate", "2025-07-01T08:00:00+00:00"])  # fmt: skip
    return path


def test_long_import_shows_a_bar_at_a_terminal(small_plan: Path) -> None:
    """At a terminal, an import that takes more than a second draws a progress bar on stderr,
    then its one-line result; standard output stays empty."""
    source = big_csv(small_plan.parent)
    seen, out = tty_run(["import", str(source), "--plan", str(small_plan)],
                        base_env(TERM="xterm", COLUMNS="100"), stdout_tty=False)  # fmt: skip
    assert out == ""
    assert f"recorded {ROWS} entries from {source} as batch " in seen
    assert "checking" in seen and "━" in seen


def test_long_import_is_silent_in_a_pipe(small_plan: Path) -> None:
    """Without a terminal the same import draws no bar: its one-line result alone on stderr."""
    source = big_csv(small_plan.parent)
    result = run("import", str(source), "--dry-run", "--plan", str(small_plan), timeout=120)
    assert result.code == 0
    # the rows share 12 as-of dates: after the first of each, a revision of it
    assert result.err == f"tracker: would record {ROWS} entries from {source}; {ROWS - 12} of them revisions\n"
    assert result.out.count("\n") == ROWS + 4
