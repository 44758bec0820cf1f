"""Workbooks for timing `tracker import` (issue 13), written with XlsxWriter (a dependency of
tracker, so no test extra is needed) into benchmarks/.data/ once and kept:

- a plan of 300 targets, "Chỉ tiêu số N", each planned for 2025 (the long sheet needs more
  targets than a province has: 100,000 distinct figures of one year);
- ``wide-43x12.xlsx``: a province's yearly sheet, a title above the header, STT, ĐVT and
  Kế hoạch beside twelve month columns, targets by name, every cell a figure (516);
- ``long-N.xlsx``: one figure a row by id, period, as-of date, value, status word and source;
  each (target, as-of) once, so every row is a figure of its own (never "already recorded").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

TARGETS = 300
WIDE_TARGETS = 43
STAMP = "1"  # bump when what is written changes: the files are made again


@dataclass(frozen=True)
class ImportData:
    """The plan and the workbooks the import cases read."""

    plan: Path
    wide: Path
    long: Path
    long_rows: int


def plan_text(targets: int = TARGETS) -> str:
    """A Vietnamese plan of ``targets`` targets planned for 2025."""
    head = '[plan]\ntitle = "Kế hoạch 2025"\norganisation = "UBND tỉnh"\nlanguage = "vi"\ndefault_period = "2025"\n'
    body = "".join(
        f'\n[[target]]\nid = "t{n:03d}"\nname = "Chỉ tiêu số {n}"\ngroup = "Kinh tế"\nunit = "tỷ đồng"\n'
        f"accumulates = true\nplan.2025 = {{ at_least = {1000 + n} }}\n"
        for n in range(1, targets + 1)
    )
    return head + body


def wide_workbook(path: Path) -> None:
    """43 targets by name, unit and plan columns beside 12 month columns, a title above."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Năm 2025")
    sheet.write_row(0, 0, ["BÁO CÁO THỰC HIỆN CÁC CHỈ TIÊU NĂM 2025"])
    sheet.write_row(2, 0, ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", *[f"T{m}" for m in range(1, 13)]])
    for n in range(1, WIDE_TARGETS + 1):
        months = [round(n * m * 1.1, 2) for m in range(1, 13)]
        sheet.write_row(2 + n, 0, [n, f"Chỉ tiêu số {n}", "tỷ đồng", 1000 + n, *months])
    book.close()


def long_workbook(path: Path, rows: int) -> None:
    """One figure a row: id, period, as-of date, value, status word, source."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("Số liệu")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_row(0, 0, ["Mã chỉ tiêu", "Kỳ", "Ngày số liệu", "Giá trị", "Tình trạng", "Nguồn"])
    start = date(2025, 1, 1)
    for n in range(rows):
        row = n + 1
        sheet.write_string(row, 0, f"t{n % TARGETS + 1:03d}")
        sheet.write_string(row, 1, "2025")
        sheet.write_datetime(row, 2, start + timedelta(days=n // TARGETS), day)
        sheet.write_number(row, 3, n * 0.25)
        sheet.write_string(row, 4, "ước")
        sheet.write_string(row, 5, "Cục Thống kê")
    book.close()


def import_data(folder: Path, long_rows: int) -> ImportData:
    """The plan and workbooks in ``folder``, made now unless they are there already."""
    if long_rows > TARGETS * 365:
        raise ValueError(f"at most {TARGETS * 365} rows: one figure per target and day of 2025")
    folder.mkdir(parents=True, exist_ok=True)
    data = ImportData(folder / "plan.toml", folder / "wide-43x12.xlsx", folder / f"long-{long_rows}.xlsx", long_rows)
    stamp = folder / f".complete-{long_rows}"
    if not stamp.exists() or stamp.read_text() != STAMP:
        data.plan.write_text(plan_text(), encoding="utf-8")
        wide_workbook(data.wide)
        long_workbook(data.long, long_rows)
        stamp.write_text(STAMP)
    return data
