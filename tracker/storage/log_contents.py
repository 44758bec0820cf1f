"""What a log holds once read: figures as rows indexed by target and period, the
retractions, and the damage found on the way (also the ``History`` judging asks)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from tracker.core.model import Entry, Retraction
from tracker.messages import Text
from tracker.storage.log_line import ASOF, ID, LINE, PERIOD, TARGET, Row, to_entry


@dataclass(frozen=True)
class TornTail:
    """Bytes at the end of the log that do not form a complete line."""

    offset: int  # where the damaged line starts
    line: int  # 1-based line number of that offset
    size: int  # bytes from offset to the end of the file


@dataclass(frozen=True)
class Damage:
    """Complete lines in the middle of the log that are not figures (a hand edit, an
    import cut short and followed by other lines after a merge)."""

    offset: int  # where the damaged bytes start
    line: int  # 1-based line number of that offset
    size: int  # bytes, up to the start of the next good line
    detail: Text  # what is wrong


class _PeriodIndex(NamedTuple):
    """A target's rows by period, and the list (and its length) they were built from."""

    rows: list[Row]
    length: int
    by_period: dict[str, list[Row]]


@dataclass
class LogContents:
    """What a log holds: figures as rows, retractions, and damage found on the way.

    Also a ``History``: judging asks it for the figures of a target and periods.
    """

    rows: dict[str, list[Row]] = field(default_factory=dict)  # by target, in line order
    retraction_list: list[Retraction] = field(default_factory=list)
    torn: TornTail | None = None
    problems: list[str] = field(default_factory=list)  # duplicate ids and other damage
    damage: list[Damage] = field(default_factory=list)  # only when parsed with salvage=True
    size: int = 0  # bytes of the log these contents describe
    crc: int = 0  # crc32 of those bytes: tells an append from an edit
    lines: int = 0  # newlines in those bytes
    # Rows kept in a cache are loaded a shard at a time, when a target of it is asked for.
    shard_of: Callable[[str], int] | None = None
    load_shard: Callable[[int], dict[str, list[Row]]] | None = None
    shard_count: int = 0
    loaded: set[int] = field(default_factory=set)
    _dead: set[str] | None = field(default=None, repr=False)
    _dead_count: int = field(default=0, repr=False)
    _period_index: dict[str, _PeriodIndex] = field(default_factory=dict, repr=False)
    _entry_of: dict[str, tuple[Row, Entry]] = field(default_factory=dict, repr=False)

    def rows_of(self, target_id: str) -> list[Row]:
        """The rows of one target, loading its shard of the cache if need be."""
        rows = self.rows.get(target_id)
        if rows is not None:  # its shard is loaded (rows arrive a whole shard at a time)
            return rows
        if self.shard_of is not None and self.load_shard is not None:
            shard = self.shard_of(target_id)
            if shard not in self.loaded:
                self.rows.update(self.load_shard(shard))
                self.loaded.add(shard)
        return self.rows.get(target_id, [])

    def all_rows(self) -> dict[str, list[Row]]:
        """Every row, by target (loads every shard of the cache)."""
        if self.load_shard is not None:
            for shard in range(self.shard_count):
                if shard not in self.loaded:
                    self.rows.update(self.load_shard(shard))
                    self.loaded.add(shard)
        return self.rows

    # ------------------------------------------------------------ History

    def entries(
        self,
        target_id: str,
        periods: Collection[str] | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Entry]:
        """Live figures of a target, or those of ``periods`` dated ``since``..``until``,
        in line order. Rows are filtered before any Entry is built."""
        dead = self.retracted_ids()
        low = since.toordinal() if since else 0
        high = until.toordinal() if until else 1 << 30
        if periods is None:
            rows = self.rows_of(target_id)
        else:
            index = self._by_period(target_id)
            rows = [r for p in periods for r in index.get(p, ())]
            if len(periods) > 1:
                rows.sort(key=lambda r: r[LINE])
        return [self._entry(r) for r in rows if low <= r[ASOF] <= high and r[ID] not in dead]

    def winners(self, target_id: str, periods: Collection[str], until: date | None = None) -> dict[str, Entry]:
        """The winning live figure of each period (latest as-of, then recording, then
        line), among those dated ``until`` or before."""
        dead = self.retracted_ids()
        high = until.toordinal() if until else 1 << 30
        index = self._by_period(target_id)
        found: dict[str, Entry] = {}
        for period in periods:
            rows = index.get(period)
            if not rows:
                continue
            if until is not None or dead:
                rows = [r for r in rows if r[ASOF] <= high and r[ID] not in dead]
                if not rows:
                    continue
            found[period] = self._entry(max(rows))  # rows rank as revisions do
        return found

    def _by_period(self, target_id: str) -> dict[str, list[Row]]:
        """A target's rows by period, built once: a report asks for several periods of
        every target, and a ten-year log holds a hundred rows per target."""
        rows = self.rows_of(target_id)
        known = self._period_index.get(target_id)
        # Rows only ever grow (appends), or are replaced by a fresh list (a re-read).
        if known is None or known.rows is not rows or known.length != len(rows):
            index: dict[str, list[Row]] = {}
            for r in rows:
                index.setdefault(r[PERIOD], []).append(r)
            known = _PeriodIndex(rows, len(rows), index)
            self._period_index[target_id] = known
        return known.by_period

    def _entry(self, row: Row) -> Entry:
        """The Entry of a row, built once: the trend and the judgement ask for the same
        winners."""
        known = self._entry_of.get(row[ID])
        if known is None or known[0] is not row:
            known = (row, to_entry(row))
            self._entry_of[row[ID]] = known
        return known[1]

    def history_of(self, target_id: str) -> list[Entry]:
        """Every figure of a target, retracted ones included, in line order."""
        return [to_entry(r) for r in self.rows_of(target_id)]

    # ------------------------------------------------------------ whole-log views

    def last_live(self) -> Entry | None:
        """The most recently appended figure that is not retracted."""
        dead = self.retracted_ids()
        rows = [r for target_rows in self.all_rows().values() for r in target_rows if r[ID] not in dead]
        return to_entry(max(rows, key=lambda r: r[LINE])) if rows else None

    @property
    def all_entries(self) -> list[Entry]:
        """Every figure, retracted ones included, in line order."""
        rows = sorted((r for target_rows in self.all_rows().values() for r in target_rows), key=lambda r: r[LINE])
        return [to_entry(r) for r in rows]

    @property
    def retractions(self) -> list[Retraction]:
        """Every retraction, in line order."""
        return list(self.retraction_list)

    def live(self) -> list[Entry]:
        """Figures that count (not retracted), in line order."""
        dead = self.retracted_ids()
        return [e for e in self.all_entries if e.id not in dead]

    def retracted_ids(self) -> set[str]:
        """Ids of entries a retraction names."""
        if self._dead is None or self._dead_count != len(self.retraction_list):
            self._dead = {r.retracts for r in self.retraction_list}
            self._dead_count = len(self.retraction_list)
        return self._dead

    def count(self) -> int:
        """Number of figures, retracted ones included."""
        return sum(len(rows) for rows in self.all_rows().values())

    def add(self, rows: list[Row], retractions: list[Retraction], path: Path) -> None:
        """Add parsed lines; an identical copy of a line (a merge) counts once, two
        different lines with one id are a problem."""
        seen = {r[ID]: r for target_rows in self.all_rows().values() for r in target_rows} if rows else {}
        for row in rows:
            earlier = seen.get(row[ID])
            if earlier is not None:
                if earlier[:LINE] + earlier[LINE + 1 :] != row[:LINE] + row[LINE + 1 :]:
                    self.problems.append(f"{path}: two different lines share the id {row[ID]!r}")
                continue
            seen[row[ID]] = row
            self.rows.setdefault(row[TARGET], []).append(row)
        known = {r.id: r for r in self.retraction_list}
        for retraction in retractions:
            earlier_r = known.get(retraction.id)
            if earlier_r is not None:
                if earlier_r != retraction:
                    self.problems.append(f"{path}: two different lines share the id {retraction.id!r}")
                continue
            known[retraction.id] = retraction
            self.retraction_list.append(retraction)
