"""The things a plan is made of: targets, their plan values, and the figures recorded.

Everything here is a frozen value with no I/O, so the judging core can be tested alone.
Numbers are ``Decimal`` throughout: a plan written as 41.85 is compared as 41.85, never
as the nearest binary fraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cached_property

from tracker.core.periods import Period


@dataclass(frozen=True, slots=True)
class Span:
    """A figure reported as a range ("đạt 61-62%"): both ends numbers, ``low < high``.

    Judged by both ends (the worse verdict counts); nothing is computed from it (no change
    on last year, projection or term value)."""

    low: Decimal
    high: Decimal


# A figure: a number, yes/no for a milestone, a range (Span), or a word ("Xuất siêu",
# trade surplus) that is judged only by the verdict reported with it.
Value = Decimal | bool | Span | str


class Shape(StrEnum):
    """How a plan value is phrased (DOMAIN.md section 3)."""

    POINT = "point"  # "65 million đồng", with an explicit good direction
    AT_LEAST = "at_least"  # "8% or more" (inclusive) or "above 5%" (strict)
    AT_MOST = "at_most"  # "4% or less" (inclusive) or "below 4%" (strict)
    RANGE = "range"  # "9 - 10%/year"
    ABOUT = "about"  # "about 4%": a point with a tolerance
    MILESTONE = "milestone"  # "recognised at level 3": yes or no


class Better(StrEnum):
    """Which way a figure should move."""

    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"  # a neutral figure, e.g. a share of the economic structure


class ChangeKind(StrEnum):
    """How a figure is compared with the same period last year."""

    RELATIVE = "relative"  # amounts: +17 %
    POINTS = "points"  # rates: +0.1 percentage points


class FigureStatus(StrEnum):
    """How final a recorded figure is."""

    ESTIMATE = "estimate"  # ước
    PRELIMINARY = "preliminary"  # sơ bộ
    OFFICIAL = "official"  # chính thức

    @classmethod
    def _missing_(cls, value: object) -> FigureStatus | None:
        # The words offices write (ước, sơ bộ, chính thức; accents forgiven) are these
        # statuses wherever one is read: `record --status ước`, an import's cell.
        from tracker.core.sheet_cells import status_of  # only for a word that is not the machine's

        return cls._value2member_map_.get(status_of(value)) if isinstance(value, str) else None  # type: ignore[return-value]


class Verdict(StrEnum):
    """A verdict reported with a figure (an official assessment that overrides the
    computed one): the words `record --verdict`, an import row and a log line accept."""

    EXCEEDED = "exceeded"
    MET = "met"
    BASICALLY_MET = "basically_met"  # "cơ bản đạt": short of the plan, within a tolerance offices accept
    NOT_MET = "not_met"

    @classmethod
    def _missing_(cls, value: object) -> Verdict | None:
        # Vượt, Đạt, Không đạt (and "not met"), as FigureStatus reads ước.
        from tracker.core.sheet_cells import verdict_of

        return cls._value2member_map_.get(verdict_of(value)) if isinstance(value, str) else None  # type: ignore[return-value]


class Status(StrEnum):
    """How a target stands for a period: machine names, stable in csv and json."""

    EXCEEDED = "exceeded"
    MET = "met"
    BASICALLY_MET = "basically_met"  # "cơ bản đạt": never counted as met (see core/verdicts.py)
    NOT_MET = "not_met"
    NO_DATA = "no_data"
    # An accumulating target whose period is over with only a part-year figure: the
    # period's figure is missing, so there is no verdict yet (issue 15).
    INCOMPLETE = "incomplete"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    NOT_JUDGED = "not_judged"  # a neutral figure: shown, never counted


MET_OR_EXCEEDED = frozenset({Status.EXCEEDED, Status.MET})
# Statuses that `report --check` treats as a problem: "basically met" is still below plan,
# and an incomplete period has no verdict yet.
TROUBLE = frozenset({Status.BASICALLY_MET, Status.NOT_MET, Status.AT_RISK, Status.OFF_TRACK, Status.INCOMPLETE})


class TermMethod(StrEnum):
    """How yearly figures make a term value (``term = ...`` in the plan file; see
    ``tracker.core.terms``)."""

    LATEST = "latest"  # the latest yearly level
    MEAN = "mean"  # the mean of yearly figures
    COMPOUND = "compound"  # the compound average of yearly growth rates
    SUM = "sum"  # the total of yearly flows


_TERM_METHOD_OF = {method.value: method for method in TermMethod}


class Reporting(StrEnum):
    """How often a target's figure is reported (``reporting = ...`` in the plan file): the
    periods a figure is owed for (see ``tracker.core.due``)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half-yearly"
    YEARLY = "yearly"


class Rollup(StrEnum):
    """How `compare` makes one figure of many units' figures (``rollup = ...``)."""

    SUM = "sum"  # flows such as budget revenue: the units' figures add up


class TermCategory(StrEnum):
    """How a term target stands: the Open SDG progress categories while the term runs,
    achieved or not once it is over (DOMAIN.md section 4). Stable in csv and json."""

    ACHIEVED = "achieved"
    NOT_ACHIEVED = "not_achieved"
    ON_TRACK = "on_track"
    NEEDS_ACCELERATION = "needs_acceleration"
    LIMITED_PROGRESS = "limited_progress"
    DETERIORATION = "deterioration"
    INSUFFICIENT_DATA = "insufficient_data"


@dataclass(frozen=True)
class PlanValue:
    """What the plan asks of one target for one period."""

    shape: Shape
    value: Decimal | None = None  # the point, bound or centre; None for range and milestone
    low: Decimal | None = None  # range only
    high: Decimal | None = None  # range only
    strict: bool = False  # at_least / at_most: "above" and "below" exclude the bound
    better: Better = Better.HIGHER
    tolerance: Decimal | None = None  # about only
    illustrative: bool = False  # not a published figure: the plan file says so
    note: str = ""
    baseline: Decimal | None = None  # term targets: the level the term starts from
    tolerance_derived: bool = False  # about without a written tolerance: half a unit of its last digit
    amendments: tuple[Amendment, ...] = ()  # later versions of this value, by the date they take effect

    def amendment_on(self, day: date) -> Amendment | None:
        """The amendment in force on ``day``: the latest taking effect on or before it."""
        found = None
        for amendment in self.amendments:  # sorted by takes_effect when read
            if amendment.takes_effect > day:
                break
            found = amendment
        return found

    def in_force(self, day: date) -> PlanValue:
        """The value a period is judged against on ``day``: the latest amendment in force,
        else this original value."""
        amendment = self.amendment_on(day) if self.amendments else None
        return self if amendment is None else amendment.value

    @property
    def is_judged(self) -> bool:
        """False for a neutral figure, which has no verdict."""
        return self.better is not Better.NONE

    @property
    def reference(self) -> Decimal | None:
        """The figure "% of plan" divides by: the point, the bound, or the end of a range
        that must be reached (the low end when higher is better)."""
        if self.shape is Shape.RANGE:
            return self.low if self.better is Better.HIGHER else self.high
        return self.value

    @property
    def decimals(self) -> int:
        """Decimal places the plan is written with; numbers for people use as many."""
        numbers = [n for n in (self.value, self.low, self.high) if n is not None]
        return max((decimal_places(n) for n in numbers), default=0)


@dataclass(frozen=True)
class Amendment:
    """A later version of a plan value: ``value`` is in force from ``takes_effect`` on, as
    the document ``source`` (a resolution) decided."""

    takes_effect: date
    value: PlanValue
    source: str


def decimal_places(number: Decimal) -> int:
    """Decimal places a number was written with: 41.850 -> 3, 65 -> 0."""
    exponent = number.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


@dataclass(frozen=True)
class Target:
    """One plan target, as the plan file defines it."""

    id: str
    name: str
    group: str
    unit: str
    plans: dict[str, PlanValue] = field(default_factory=dict)  # keyed by period label
    periods: dict[str, Period] = field(default_factory=dict)  # the same keys, parsed
    name_en: str = ""
    parent: str | None = None
    owner: str = ""
    source: str = ""
    accumulates: bool = False  # a year-to-date flow (revenue) rather than a level (a rate)
    change: ChangeKind = ChangeKind.RELATIVE
    note: str = ""
    term: TermMethod = TermMethod.LATEST  # how yearly figures make a term value
    reporting: Reporting = Reporting.YEARLY  # how often a figure is owed
    due_days: int = 0  # days after a reporting period's end its figure is due
    rollup: Rollup | None = None  # how `compare` totals the units' figures; None: it does not
    counted: bool = True  # False: shown and judged, never counted in a headline (``counted = false``)
    basically_met: Decimal = Decimal(0)  # share of the plan a miss may be and read "cơ bản đạt"; 0: off

    def display_name(self, lang: str) -> str:
        """The name in the reader's language when the plan file gives one."""
        return self.name_en if lang == "en" and self.name_en else self.name

    # The plan cache (storage/cache_files.py) unpickles only the model classes it lists,
    # TermMethod not among them yet: a pickled target carries its term method as the word.
    def __getstate__(self) -> dict[str, object]:
        return {**self.__dict__, "term": str(self.term)}

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state, term=_TERM_METHOD_OF[str(state["term"])])  # a lookup: once per target


@dataclass(frozen=True)
class ReportedHeadline:
    """A headline a document officially reported (``[[reported]]`` in the plan file):
    "39/43 component targets met or exceeded the plan", by whom and when. Different
    documents of one year report different totals, so a plan may hold several."""

    period: str  # a period label, as the plan's are written
    met: int
    total: int
    source: str  # the document that reported it
    date: date  # the day it was reported
    note: str = ""
    illustrative: bool = False  # not a published figure: the plan file says so


@dataclass(frozen=True)
class Plan:
    """A whole plan file: metadata and targets in file order."""

    title: str
    organisation: str
    language: str
    default_period: str
    targets: tuple[Target, ...]
    title_en: str = ""
    place: str = ""  # where documents are signed: "Lai Châu" on the place-and-date line
    reported: tuple[ReportedHeadline, ...] = ()  # officially reported headlines, in file order

    def display_title(self, lang: str) -> str:
        """The title in the reader's language when the plan file gives one."""
        return self.title_en if lang == "en" and self.title_en else self.title

    def target(self, target_id: str) -> Target | None:
        """The target with this id, or None."""
        return self._by_id.get(target_id)

    def components(self, target_id: str) -> list[Target]:
        """Targets whose parent is ``target_id``, in file order."""
        return [t for t in self.targets if t.parent == target_id]

    @cached_property
    def _by_id(self) -> dict[str, Target]:
        # A report asks for every parent by id: a scan each time is quadratic at
        # thousands of targets.
        return {target.id: target for target in self.targets}


@dataclass(frozen=True)
class Entry:
    """One figure recorded against a target for a period.

    ``as_of`` is the date the figure stands for: a year-to-date figure at the end of
    October has as_of 31 October; a full-year estimate made in November has as_of
    31 December and status estimate.
    """

    id: str
    target: str
    period: str
    value: Value
    as_of: date
    status: FigureStatus = FigureStatus.OFFICIAL
    source: str = ""
    note: str = ""
    verdict: str = ""  # "" or a reported Verdict word, which overrides the computed status
    recorded_at: datetime | None = None
    recorded_by: str = ""


@dataclass(frozen=True)
class Retraction:
    """A correction: the entry ``retracts`` no longer counts. Nothing is deleted."""

    id: str
    retracts: str
    recorded_at: datetime | None = None
    recorded_by: str = ""
    note: str = ""
