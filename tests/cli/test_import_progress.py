"""A long import shows a progress bar at a terminal and nothing elsewhere."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import base_env, run, tty_run

ROWS = 150_000  # enough rows that checking them takes well over a second, even on a fast machine


def big_csv(folder: Path) -> Path:
    """A CSV of many monthly figures for the small plan's growth target."""
    path = folder / "many.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["target", "period", "value", "as_of", "status"])
        for i in range(ROWS):
            writer.writerow(["growth", "2025", f"{i % 97}.{i % 10}", f"2025-{i % 12 + 1:02d}-01", "estimate"])
    return path


def test_long_import_shows_a_bar_at_a_terminal(small_plan: Path) -> None:
    """At a terminal, an import that takes more than a second draws a progress bar on stderr."""
    source = big_csv(small_plan.parent)
    seen, out = tty_run(["import", str(source), "--dry-run", "--plan", str(small_plan)],
                        base_env(TERM="xterm", COLUMNS="100"), stdout_tty=False)  # fmt: skip
    assert out == f"would record {ROWS} entries from {source}\n"
    assert "checking" in seen and "━" in seen


def test_long_import_is_silent_in_a_pipe(small_plan: Path) -> None:
    """Without a terminal the same import prints only its one-line result, nothing on stderr."""
    source = big_csv(small_plan.parent)
    result = run("import", str(source), "--dry-run", "--plan", str(small_plan), timeout=120)
    assert result.code == 0
    assert result.err == ""
    assert result.out == f"would record {ROWS} entries from {source}\n"
