"""Time reading the workbooks offices send (issue 13): ``read_figures`` on a wide sheet of
43 targets x 12 months, and on a long sheet of 100,000 rows, each an .xlsx.

    python benchmarks/sheets.py            # 5 runs each, the median printed
    python benchmarks/sheets.py --runs 1

The workbooks are those `benchmarks/run.py` imports (benchmarks/workbooks.py, written once
into benchmarks/.data/workbooks/). This times the reading layer alone, in one process
(bytes in, rows out); ``tracker import`` adds start-up, checking each row against the plan
and the log, and appending (run.py times the whole command).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import workbooks  # noqa: E402

from tracker.core.sheet_layout import PlanTarget  # noqa: E402
from tracker.storage.sheet_import import read_figures  # noqa: E402

DATA = HERE / ".data"
TARGETS = [PlanTarget(f"t{n:03d}", (f"Chỉ tiêu số {n}",), frozenset({"2025"})) for n in range(1, workbooks.TARGETS + 1)]


def timed(label: str, call: Callable[[], int], runs: int) -> None:
    """The median wall time and CPU time of ``runs`` calls (CPU time is what a busy
    machine changes least)."""
    walls, cpus = [], []
    count = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        count = call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    wall_ms, cpu_ms = statistics.median(walls) * 1000, statistics.median(cpus) * 1000
    print(f"{label:<30} {count:>7} rows  wall {wall_ms:8.1f} ms  cpu {cpu_ms:8.1f} ms  (median of {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    made = workbooks.import_data(DATA / "workbooks", 100_000)
    began = time.perf_counter()
    import python_calamine  # noqa: F401

    print(f"import python_calamine: {(time.perf_counter() - began) * 1000:.1f} ms")
    wide_bytes, long_bytes = made.wide.read_bytes(), made.long.read_bytes()
    timed("wide 43 x 12 (.xlsx, names)", lambda: len(read_figures(made.wide.name, wide_bytes,
                                                                    plan_targets=lambda: TARGETS,
                                                                    decimal="comma").rows), runs)  # fmt: skip
    timed(
        "long 100,000 rows (.xlsx)", lambda: len(read_figures(made.long.name, long_bytes, decimal="comma").rows), runs
    )


if __name__ == "__main__":
    main()
