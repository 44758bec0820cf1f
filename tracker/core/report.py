"""One report model that every output format renders: rows in group order, and the
headline count ("39/43 met or exceeded") taken over component targets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from functools import reduce

from tracker.core.history import History, as_history, relevant_figures
from tracker.core.judging import MET_OR_EXCEEDED, TROUBLE, Assessment, Status, assess
from tracker.core.model import Entry, Plan, ReportedHeadline, Target
from tracker.core.periods import Period, parse_period
from tracker.core.values import nfc
from tracker.core.verdicts import worse


@dataclass(frozen=True)
class Row:
    """One line of a report: a target judged, and where it sits in the tree."""

    assessment: Assessment
    depth: int  # 0 for a target of its own, 1 for a component under its parent
    counted: bool  # part of the headline count
    components: int = 0  # for a parent: how many components it has in the report
    trend: tuple[Decimal, ...] = ()  # the latest figure of each recent year, oldest first

    @property
    def target(self) -> Target:
        """The target this row judges."""
        return self.assessment.target

    @property
    def status(self) -> Status:
        """The status shown: a reported verdict when one was recorded."""
        return self.assessment.status


@dataclass(frozen=True)
class GroupCount:
    """Headline count within one group."""

    group: str
    total: int
    met_or_exceeded: int


@dataclass(frozen=True)
class Summary:
    """The headline and counts, over counted rows only."""

    total: int
    met_or_exceeded: int
    by_status: dict[str, int]
    by_group: tuple[GroupCount, ...]

    @property
    def trouble(self) -> int:
        """Counted targets in trouble (``TROUBLE``): not met, basically met, at risk, off track or
        incomplete."""
        return sum(self.by_status.get(s.value, 0) for s in TROUBLE)


@dataclass(frozen=True)
class Report:
    """Plan against progress for one period, ready to render."""

    title: str
    organisation: str
    period: Period
    as_of: date
    rows: tuple[Row, ...]
    summary: Summary
    title_en: str = ""
    reported: ReportedHeadline | None = None  # the latest headline reported for the period by as_of

    def display_title(self, lang: str) -> str:
        """The title in the reader's language when the plan file gives one."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def groups(self) -> list[str]:
        """Group names in the order they first appear."""
        return list(dict.fromkeys(row.target.group for row in self.rows))


def build_report(
    plan: Plan,
    entries: History | Sequence[Entry],
    period: Period,
    as_of: date,
    group: str | None = None,
    owner: str | None = None,
    until: date | None = None,
) -> Report:
    """Judge every target that has a plan value or a figure for ``period``.

    ``group`` and ``owner`` keep only matching targets (case-insensitive); a parent stays
    when one of its components matches. Only the figures the judgement needs are asked of
    ``entries`` (see ``tracker.core.history``); ``until`` leaves out figures dated after it.
    The plan's reported headline for the period (see ``latest_reported``) is kept beside the
    computed one, unless ``group`` or ``owner`` keeps only some targets: a headline
    reported for the whole plan is not one of theirs.
    """
    judge = _Judge(as_history(entries), period, as_of, until, group, owner)
    children: dict[str, list[Target]] = {}
    for target in plan.targets:
        if target.parent:
            children.setdefault(target.parent, []).append(target)
    rows: list[Row] = []
    for target in plan.targets:
        if target.parent and plan.target(target.parent) is not None:
            continue  # components are placed under their parent
        rows.extend(judge.block(target, children.get(target.id, [])))
    rows = _by_group(rows)
    return Report(
        title=plan.title,
        title_en=plan.title_en,
        organisation=plan.organisation,
        period=period,
        as_of=as_of,
        rows=tuple(rows),
        summary=summarise(rows),
        reported=None if group or owner else latest_reported(plan.reported, period, as_of),
    )


def disagreements(plan: Plan, entries: History | Sequence[Entry]) -> list[tuple[ReportedHeadline, Summary]]:
    """Each headline the plan says was reported whose count differs from the one the
    figures give for its period judged as at its date, with that computed count: what
    `tracker check` warns of. Figures dated after the document are kept, as `report`
    without `--as-of` keeps them: a November report already counts the full-year
    estimates dated 31 December."""
    history = as_history(entries)
    found = []
    for reported in plan.reported:
        period = parse_period(reported.period)
        summary = build_report(plan, history, period, reported.date).summary
        if (summary.met_or_exceeded, summary.total) != (reported.met, reported.total):
            found.append((reported, summary))
    return found


def latest_reported(reported: Sequence[ReportedHeadline], period: Period, on: date) -> ReportedHeadline | None:
    """The headline officially reported for ``period`` that was known on ``on``: the one
    dated latest on or before it (of two on one day, the later in the plan file), or None."""
    known = [r for r in reported if r.period == period.label and r.date <= on]
    return max(reversed(known), key=lambda r: r.date) if known else None


class _Judge:
    """Judges targets for one report: the period, the as-of date, the filters, and the
    figures each target needs, asked of the history once per target."""

    def __init__(
        self, history: History, period: Period, as_of: date, until: date | None, group: str | None, owner: str | None
    ) -> None:
        self.history, self.period, self.as_of, self.until = history, period, as_of, until
        self.group, self.owner = group, owner
        self._figures: dict[str, list[Entry]] = {}

    def block(self, target: Target, components: list[Target]) -> list[Row]:
        """The rows of a target and its wanted components, the component rows under it;
        none when neither the target nor any component is wanted.

        This is where the headline counts components: a parent is counted through its
        judged components, and by itself only when none of them is judged. A parent
        without a plan value of its own takes the status of its components."""
        kids = [c for c in components if self.wanted(c)]
        if not kids and not self.wanted(target):
            return []
        parent = self.assess(target)
        kid_rows = []
        for kid in kids:
            judged = self.assess(kid)
            # `counted = false` on a parent leaves its components out of the count too
            counted = judged.judged and kid.counted and target.counted
            kid_rows.append(Row(judged, depth=1, counted=counted, trend=self.trend(kid)))
        if kid_rows and parent.plan is None:
            parent = _through_components(parent, [r.assessment for r in kid_rows])
        # A judged component stands for its parent even when it is not counted itself:
        # the parent is never counted in its place.
        counted = parent.judged and target.counted and not any(row.assessment.judged for row in kid_rows)
        top = Row(parent, depth=0, counted=counted, components=len(kid_rows), trend=self.trend(target))
        return [top, *kid_rows]

    def assess(self, target: Target) -> Assessment:
        """The target judged for the report's period."""
        return assess(target, self.period, self.figures(target), self.as_of)

    def figures(self, target: Target) -> list[Entry]:
        """The figures judging the target needs (see ``relevant_figures``), asked once."""
        if target.id not in self._figures:
            self._figures[target.id] = relevant_figures(self.history, target.id, self.period, self.until)
        return self._figures[target.id]

    def wanted(self, target: Target) -> bool:
        """In the report: matches the filters, and has a plan value or a figure for the period."""
        if self.group and not same_name(target.group, self.group):
            return False
        if self.owner and not same_name(target.owner, self.owner):
            return False
        return self.period.label in target.plans or any(e.period == self.period.label for e in self.figures(target))

    def trend(self, target: Target) -> tuple[Decimal, ...]:
        """The target's recent yearly figures (see ``yearly_trend``)."""
        return yearly_trend(self.history, target, self.period, until=self.until)


def same_name(written: str, typed: str) -> bool:
    """Group and owner names match whatever the case and Unicode normalisation."""
    return nfc(written).casefold() == nfc(typed.strip()).casefold()


TREND_YEARS = 6


def yearly_trend(
    history: History, target: Target, period: Period, years: int = TREND_YEARS, until: date | None = None
) -> tuple[Decimal, ...]:
    """The winning figure of each of the last ``years`` calendar years up to the period's
    end (a term: its own years), oldest first; years without a figure are left out, and so
    are year-to-date figures of accumulating targets, which would read as a fall."""
    last = period.end.year
    first = period.start.year if period.kind == "span" else last - years + 1
    labels = [str(y) for y in range(first, last + 1)]
    winners = history.winners(target.id, labels, until)
    values = []
    for label in labels:
        figure = winners.get(label)
        if figure is None or not isinstance(figure.value, Decimal):
            continue  # a trend is drawn through numbers: yes/no, a range or a word is left out
        if target.accumulates and (figure.as_of.month, figure.as_of.day) != (12, 31):
            continue
        values.append(figure.value)
    return tuple(values)


def _through_components(parent: Assessment, parts: list[Assessment]) -> Assessment:
    """The status of a parent without a plan value of its own, from its components: the
    worst of the judged ones; "not judged" when none is (all neutral, such as the shares
    of the economic structure), rather than "no data"."""
    judged = [p.status for p in parts if p.judged]
    if not judged:
        if parent.reported:
            return parent
        return replace(parent, status=Status.NOT_JUDGED, computed_status=Status.NOT_JUDGED)
    if all(s in MET_OR_EXCEEDED for s in judged):
        status = Status.EXCEEDED if all(s is Status.EXCEEDED for s in judged) else Status.MET
    else:
        status = reduce(worse, judged)  # a parent without a plan value of its own: its worst component
    return replace(parent, status=status, computed_status=status)


def _by_group(rows: list[Row]) -> list[Row]:
    """Stable regrouping: groups in order of first appearance, a parent's components
    staying right under it."""
    blocks: list[list[Row]] = []
    for row in rows:
        if row.depth == 0:
            blocks.append([row])
        else:
            blocks[-1].append(row)
    order = list(dict.fromkeys(block[0].target.group for block in blocks))
    blocks.sort(key=lambda block: order.index(block[0].target.group))
    return [row for block in blocks for row in block]


def summarise(rows: Sequence[Row]) -> Summary:
    """The headline count, per status and per group, over counted rows."""
    counted = [row for row in rows if row.counted]
    by_status = Counter(row.status.value for row in counted)
    groups: dict[str, list[Row]] = {}
    for row in counted:
        groups.setdefault(row.target.group, []).append(row)
    return Summary(
        total=len(counted),
        met_or_exceeded=sum(1 for row in counted if row.status in MET_OR_EXCEEDED),
        by_status={s.value: by_status.get(s.value, 0) for s in Status if by_status.get(s.value)},
        by_group=tuple(
            GroupCount(name, len(g), sum(1 for r in g if r.status in MET_OR_EXCEEDED)) for name, g in groups.items()
        ),
    )
