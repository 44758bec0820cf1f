"""Time reading the workbooks offices send (issue 13): ``read_figures`` on a wide sheet of
43 targets x 12 months, and on a long sheet of 100,000 rows, each an .xlsx.

    python benchmarks/sheets.py            # 5 runs each, the median printed
    python benchmarks/sheets.py --runs 1

The workbooks are written once with openpyxl (the `test` extra) into benchmarks/.data/.
This times the reading layer alone, in one process (bytes in, rows out); ``tracker import``
adds start-up, checking each row against the plan and appending.
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

from tracker.core.sheet_layout import PlanTarget  # noqa: E402
from tracker.storage.sheet_import import read_figures  # noqa: E402

DATA = HERE / ".data"
TARGETS = [PlanTarget(f"t{n:02d}", (f"Chỉ tiêu số {n}",), frozenset({"2025"})) for n in range(1, 44)]


def wide_workbook(path: Path) -> None:
    """43 targets by name, unit and plan columns beside 12 month columns, a title above."""
    import openpyxl  # type: ignore[import-untyped]

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Năm 2025")
    sheet.append(["BÁO CÁO THỰC HIỆN CÁC CHỈ TIÊU NĂM 2025"])
    sheet.append([])
    sheet.append(["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", *[f"T{m}" for m in range(1, 13)]])
    for n in range(1, 44):
        sheet.append([n, f"Chỉ tiêu số {n}", "tỷ đồng", 1000 + n, *[round(n * m * 1.1, 2) for m in range(1, 13)]])
    book.save(path)


def long_workbook(path: Path, rows: int = 100_000) -> None:
    """One figure a row: id, period, as-of date, value, status, source."""
    from datetime import date, timedelta

    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Số liệu")
    sheet.append(["Mã chỉ tiêu", "Kỳ", "Ngày số liệu", "Giá trị", "Tình trạng", "Nguồn"])
    start = date(2025, 1, 1)
    for n in range(rows):
        sheet.append([f"t{n % 43 + 1:02d}", "2025", start + timedelta(days=n % 365), n * 0.25, "ước", "Cục Thống kê"])
    book.save(path)


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
    DATA.mkdir(exist_ok=True)
    wide, long = DATA / "wide-43x12.xlsx", DATA / "long-100000.xlsx"
    if not wide.exists():
        wide_workbook(wide)
    if not long.exists():
        long_workbook(long)
    began = time.perf_counter()
    import python_calamine  # noqa: F401

    print(f"import python_calamine: {(time.perf_counter() - began) * 1000:.1f} ms")
    wide_bytes, long_bytes = wide.read_bytes(), long.read_bytes()
    timed("wide 43 x 12 (.xlsx, names)", lambda: len(read_figures(wide.name, wide_bytes, plan_targets=lambda: TARGETS,
                                                                    decimal="comma").rows), runs)  # fmt: skip
    timed("long 100,000 rows (.xlsx)", lambda: len(read_figures(long.name, long_bytes, decimal="comma").rows), runs)


if __name__ == "__main__":
    main()
