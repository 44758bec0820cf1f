"""STT: how the Biểu numbers a report (../shared/DOMAIN.md section 7).

Groups are numbered in Roman numerals (I. Kinh tế, II. Văn hóa - Xã hội), targets 1, 2, 3
through the document in the plan's order, components under their parent 2.1, 2.2. Kept
apart from ``tracker.render.bieu`` (whose dataclasses cost a few milliseconds to create)
because every report for people numbers its rows, and most never build a Biểu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tracker.core.judging import Assessment
    from tracker.core.report import Report

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def roman(number: int) -> str:
    """I … XII, then plain digits (no plan has more groups than that)."""
    return ROMAN[number - 1] if 1 <= number <= len(ROMAN) else str(number)


def numbered(report: Report) -> list[tuple[str, int, Assessment | None, str]]:
    """(STT, depth, assessment, group) in the report's order: a group's heading first
    (assessment None), targets 1, 2, 3 through the document, components 2.1, 2.2."""
    out: list[tuple[str, int, Assessment | None, str]] = []
    group_no = target_no = part_no = 0
    for group in report.groups():
        group_no += 1
        out.append((roman(group_no), 0, None, group))
        for row in report.rows:
            if row.target.group != group:
                continue
            if row.depth == 0:
                target_no, part_no = target_no + 1, 0
                out.append((str(target_no), 0, row.assessment, group))
            else:
                part_no += 1
                out.append((f"{target_no}.{part_no}", row.depth, row.assessment, group))
    return out
