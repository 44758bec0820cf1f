"""What the year-end paragraph says, decided from a report alone (the words are the
render layer's).

Offices turn the Biểu into sentences, as the seed document does: "39/43 chỉ tiêu thành
phần đạt và vượt kế hoạch; nhiều chỉ tiêu vượt kế hoạch và tăng so với cùng kỳ như GRDP
bình quân đầu người, thu ngân sách…". This module picks the facts those sentences state,
every one taken from a row of the report, so each number in the paragraph can be traced
to a figure in the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from tracker.core.judging import MET_OR_EXCEEDED, Assessment, Status
from tracker.core.model import Better, ReportedHeadline, Shape
from tracker.core.periods import Period
from tracker.core.report import Report

# Statuses a running period is described by, in the order the paragraph gives them.
RUNNING_ORDER = (Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK)


@dataclass(frozen=True)
class Paragraph:
    """The facts of one report's paragraph, in the order it states them.

    After the period (``running`` False): the headline (and the one a document reported),
    the targets that exceeded the plan and improved on the same period last year, those
    basically met and those not met (with how far short), those with only a part-period
    figure, those without data. While it runs: how many targets are on track, at risk or
    off track, and what the rest of the period must deliver for each accumulating target
    at risk or off track.
    """

    period: Period
    as_of: date
    running: bool
    total: int  # counted targets, as in the headline
    met_or_exceeded: int
    components: bool  # the count is taken over components ("chỉ tiêu thành phần")
    by_status: dict[Status, int]
    exceeded_and_improved: tuple[Assessment, ...]
    not_met: tuple[Assessment, ...]
    basically_met: tuple[Assessment, ...]  # short of the plan within its tolerance: named apart from not met
    no_data: tuple[Assessment, ...]
    behind_pace: tuple[Assessment, ...]  # running: accumulating targets needing more
    incomplete: tuple[Assessment, ...] = ()  # over with only a part-period figure: no verdict yet
    reported: ReportedHeadline | None = None  # the headline a document reported for the period


def describe(report: Report) -> Paragraph:
    """The facts the paragraph of ``report`` states, targets named in the report's order."""
    counted = [row.assessment for row in report.rows if row.counted]
    by_status: dict[Status, int] = {}
    for assessment in counted:
        by_status[assessment.status] = by_status.get(assessment.status, 0) + 1
    return Paragraph(
        period=report.period,
        as_of=report.as_of,
        running=report.as_of < report.period.end,
        total=report.summary.total,
        met_or_exceeded=report.summary.met_or_exceeded,
        components=any(row.counted and row.depth > 0 for row in report.rows),
        by_status=by_status,
        exceeded_and_improved=tuple(a for a in counted if a.status is Status.EXCEEDED and improved(a)),
        not_met=tuple(a for a in counted if a.status is Status.NOT_MET),
        basically_met=tuple(a for a in counted if a.status is Status.BASICALLY_MET),
        no_data=tuple(a for a in counted if a.status is Status.NO_DATA),
        behind_pace=tuple(
            a for a in counted if a.status in (Status.AT_RISK, Status.OFF_TRACK) and a.pace and a.pace.needed
        ),
        incomplete=tuple(a for a in counted if a.status is Status.INCOMPLETE),
        reported=report.reported,
    )


def improved(assessment: Assessment) -> bool:
    """The figure moved the good way on the same period last year: up for a target where
    higher is better (a rise, "tăng so với cùng kỳ"), down where lower is."""
    change, plan = assessment.change, assessment.plan
    if change is None or plan is None or change == 0:
        return False
    if plan.better is Better.HIGHER:
        return change > 0
    if plan.better is Better.LOWER:
        return change < 0
    return False


def shortfall(assessment: Assessment) -> Decimal | None:
    """How far a not-met (or basically met) figure is from the plan, in the target's unit (positive), or
    None where no distance means anything (a milestone, a yes/no figure, no plan)."""
    plan, actual = assessment.plan, assessment.actual
    if plan is None or actual is None or plan.shape is Shape.MILESTONE or not isinstance(actual.value, Decimal):
        return None  # nor a range or a word: "61-62" is shown, no distance is worked out
    reference = plan.reference
    if reference is None:
        return None
    gap = reference - actual.value if plan.better is Better.HIGHER else actual.value - reference
    return gap if gap > 0 else None


def already_final(paragraph: Paragraph) -> dict[Status, int]:
    """In a running period, the counted targets already judged final (met, exceeded,
    basically met or not met by a figure for the whole period), by status."""
    final = (*sorted(MET_OR_EXCEEDED, key=list(Status).index), Status.BASICALLY_MET, Status.NOT_MET)
    return {status: paragraph.by_status[status] for status in final if paragraph.by_status.get(status)}
