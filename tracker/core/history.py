"""Where judging gets its figures: only those a question needs.

A report of one year needs, per target, the figures of that year and the year before,
and the latest figure of a few earlier years for the trend mark. Asking through this small
interface lets the progress log hand over just those, built on demand, instead of turning
a million log lines into objects on every run.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from typing import Protocol, cast

from tracker.core.figures import latest, same_point_window
from tracker.core.model import Entry
from tracker.core.periods import Period, same_period_last_year


class History(Protocol):
    """Figures that count (not retracted), looked up by target and period."""

    def entries(
        self,
        target_id: str,
        periods: Collection[str] | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Entry]:
        """Every figure of the target, or those of ``periods`` dated within
        ``since``..``until`` (both included), in log order."""
        ...

    def winners(self, target_id: str, periods: Collection[str], until: date | None = None) -> dict[str, Entry]:
        """The figure that wins in each of ``periods`` (see ``figures.latest``), among
        those dated ``until`` or before."""
        ...


class EntryList:
    """A History over a list of entries held in memory."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._by_target: dict[str, list[Entry]] = {}
        for entry in entries:
            self._by_target.setdefault(entry.target, []).append(entry)

    def entries(
        self,
        target_id: str,
        periods: Collection[str] | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Entry]:
        """Every figure of the target, or those asked for, in the order given."""
        return [
            e
            for e in self._by_target.get(target_id, [])
            if (periods is None or e.period in periods)
            and (since is None or e.as_of >= since)
            and (until is None or e.as_of <= until)
        ]

    def winners(self, target_id: str, periods: Collection[str], until: date | None = None) -> dict[str, Entry]:
        """The latest figure of each period that has one."""
        found: dict[str, Entry] = {}
        for period in periods:
            own = self._by_target.get(target_id, [])
            winner = latest(e for e in own if e.period == period and (until is None or e.as_of <= until))
            if winner is not None:
                found[period] = winner
        return found


def relevant_figures(history: History, target_id: str, period: Period, until: date | None = None) -> list[Entry]:
    """The figures ``judging.assess`` needs to judge a target for a period, and no more:
    the winning figure of the period and of the same period last year, and last year's
    figures at the same point (for "so với cùng kỳ"), and every figure dated as the
    winner is (its earlier reports, for "revised from"); for a term, each year's winner and
    any figure recorded for the term itself. ``until`` leaves out figures dated after it
    (a report "as at" an earlier date)."""
    if period.kind == "span":
        years = [str(y) for y in range(period.start.year - 1, period.end.year + 1)]
        return [
            *history.winners(target_id, years, until).values(),
            *history.entries(target_id, [period.label], until=until),
        ]
    before = same_period_last_year(period).label
    winners = history.winners(target_id, [period.label, before], until)
    figures = list(winners.values())
    actual = winners.get(period.label)
    if actual is not None:
        label, since, last = same_point_window(period, actual.as_of)
        figures += history.entries(target_id, [label], since=since, until=last)
        # Every figure of the winner's point, for its first report (figures.first_reported);
        # placed before the winner, which so still wins a tie (the later entry given wins).
        figures[:0] = history.entries(target_id, [period.label], since=actual.as_of, until=actual.as_of)
    return figures


def as_history(source: History | Sequence[Entry]) -> History:
    """Accept a plain list of entries where a History is expected."""
    # History is a Protocol, not runtime-checkable: what has its methods is one (cast, not isinstance).
    return cast("History", source) if hasattr(source, "winners") else EntryList(source)
