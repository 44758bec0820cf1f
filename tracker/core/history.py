"""Where judging gets its figures: only those a question needs.

A report of one year needs, per target, the figures of that year and the year before,
and the latest figure of a few earlier years for the trend mark. Asking through this small
interface lets the progress log hand over just those, built on demand, instead of turning
a million log lines into objects on every run.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Protocol

from tracker.core.judging import latest
from tracker.core.model import Entry


class History(Protocol):
    """Figures that count (not retracted), looked up by target and period."""

    def entries(self, target_id: str, periods: Collection[str] | None = None) -> list[Entry]:
        """Every figure of the target, or only those of ``periods``, in log order."""
        ...

    def winners(self, target_id: str, periods: Collection[str]) -> dict[str, Entry]:
        """The figure that wins in each of ``periods`` (see ``judging.latest``)."""
        ...


class EntryList:
    """A History over a list of entries held in memory."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._by_target: dict[str, list[Entry]] = {}
        for entry in entries:
            self._by_target.setdefault(entry.target, []).append(entry)

    def entries(self, target_id: str, periods: Collection[str] | None = None) -> list[Entry]:
        """Every figure of the target, or only those of ``periods``, in the order given."""
        own = self._by_target.get(target_id, [])
        return list(own) if periods is None else [e for e in own if e.period in periods]

    def winners(self, target_id: str, periods: Collection[str]) -> dict[str, Entry]:
        """The latest figure of each period that has one."""
        found: dict[str, Entry] = {}
        for period in periods:
            winner = latest(e for e in self._by_target.get(target_id, []) if e.period == period)
            if winner is not None:
                found[period] = winner
        return found


def as_history(source: History | Sequence[Entry]) -> History:
    """Accept a plain list of entries where a History is expected."""
    return source if hasattr(source, "winners") else EntryList(source)  # type: ignore[return-value,arg-type]
