"""What a log holds once read: figures as rows indexed by target and period, the
retractions, and the damage found on the way (also the ``History`` judging asks)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import NamedTuple

from tracker.core.figures import known_by
from tracker.core.model import Entry, Retraction
from tracker.messages import Text
from tracker.storage.log_line import ASOF, ID, LINE, PERIOD, RECORDED_RAW, TARGET, Row, to_entry


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


class Batch(NamedTuple):
    """One batch of the log: an import, or the retractions of one, framed by two comment
    lines (tracker.storage.log_line.BATCH_OPEN). Its figures are the rows whose line lies
    between ``first`` and ``last``, so a row needs no field for its batch; a retraction
    keeps no line, so the batch lists its own."""

    id: str
    first: int  # the line of the opening comment
    last: int  # the line of the closing comment
    retractions: tuple[str, ...] = ()  # ids of the retractions it holds


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
    retraction_lines: dict[str, int] = field(default_factory=dict)  # each retraction's line, by id
    batches: list[Batch] = field(default_factory=list)  # in line order
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
    _ids: dict[str, Row | Retraction] | None = field(default=None, repr=False)

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
        elif len(periods) == 1:  # the common question (a period, or last year's): its rows as indexed
            (period,) = periods
            rows = self._by_period(target_id).get(period, [])
        else:
            index = self._by_period(target_id)
            rows = [r for p in periods for r in index.get(p, ())]
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

    # ------------------------------------------------------------ Logged (what an import asks)

    def by_id(self, item_id: str) -> Entry | Retraction | None:
        """The figure or retraction with this id, retracted or not (the index is built
        on first use, over the contents as they are then)."""
        if self._ids is None:
            ids: dict[str, Row | Retraction] = {r[ID]: r for rows in self.all_rows().values() for r in rows}
            ids.update((r.id, r) for r in self.retraction_list)
            self._ids = ids
        found = self._ids.get(item_id)
        return found if found is None or isinstance(found, Retraction) else self._entry(found)

    def live_figures(self, target: str, period: str) -> list[Entry]:
        """The live figures of a target for a period, in line order."""
        return self.entries(target, (period,))

    # ------------------------------------------------------------ batches

    def batch(self, batch_id: str) -> Batch | None:
        """The batch with this id, or None."""
        return next((b for b in self.batches if b.id == batch_id), None)

    def batch_rows(self, batch: Batch) -> list[Row]:
        """The figures of a batch, retracted ones included, in line order."""
        rows = [
            r for target_rows in self.all_rows().values() for r in target_rows if batch.first < r[LINE] < batch.last
        ]
        return sorted(rows, key=lambda r: r[LINE])

    def batch_of(self) -> dict[str, str]:
        """The batch of every figure and retraction that came in one, by its id (for
        `history`). Worked out from the lines when asked: reading a log never pays for it."""
        if not self.batches:
            return {}
        ordered = sorted(self.batches, key=lambda b: b.first)
        starts = [b.first for b in ordered]
        found: dict[str, str] = {}
        for target_rows in self.all_rows().values():
            for r in target_rows:
                at = bisect_right(starts, r[LINE]) - 1
                if at >= 0 and r[LINE] < ordered[at].last:
                    found[r[ID]] = ordered[at].id
        for b in ordered:
            found.update(dict.fromkeys(b.retractions, b.id))
        return found

    def last_action(self) -> tuple[Batch | None, list[Entry]]:
        """What `undo` takes back: the live figures of the last action that still has
        one. That is the most recently appended live figure, and with it every live
        figure of its batch when it came in one (an import); None for the batch when it
        did not (a `record`)."""
        dead = self.retracted_ids()
        rows = [r for target_rows in self.all_rows().values() for r in target_rows if r[ID] not in dead]
        if not rows:
            return None, []
        last = max(rows, key=lambda r: r[LINE])
        batch = next((b for b in self.batches if b.first < last[LINE] < b.last), None)
        if batch is None:
            return None, [to_entry(last)]
        return batch, [to_entry(r) for r in self.batch_rows(batch) if r[ID] not in dead]

    def known_at(self, day: date) -> LogContents:
        """The log as it was known at the end of ``day`` (`--known-at`): only the figures
        and retractions recorded by then (``figures.known_by``: a line without a recording
        time always counts). Figures keep their lines, so batches still frame them; the
        damage found reading the log stays with it. Reads every row: an occasional look
        back, never the path of a plain report."""
        rows: dict[str, list[Row]] = {}
        for target, target_rows in self.all_rows().items():
            kept = [r for r in target_rows if _known(r[RECORDED_RAW], day)]
            if kept:
                rows[target] = kept
        retractions = [r for r in self.retraction_list if known_by(r.recorded_at, day)]
        known_ids = {r.id for r in retractions}
        batches = [b._replace(retractions=tuple(i for i in b.retractions if i in known_ids)) for b in self.batches]
        lines = {i: n for i, n in self.retraction_lines.items() if i in known_ids}
        return LogContents(rows=rows, retraction_list=retractions, retraction_lines=lines, batches=batches,
                           torn=self.torn, problems=list(self.problems), damage=list(self.damage))  # fmt: skip

    def line_of(self, target_id: str | None = None) -> dict[str, int]:
        """The line of the log each figure (of ``target_id``, or every one) and each
        retraction was read from, by id: the order they were recorded in (the log is
        append-only; recording times may tie within a second, or be written in different
        time zones)."""
        groups = [self.rows_of(target_id)] if target_id is not None else self.all_rows().values()
        lines = {r[ID]: r[LINE] for target_rows in groups for r in target_rows}
        lines.update(self.retraction_lines)
        return lines

    def count(self) -> int:
        """Number of figures, retracted ones included."""
        return sum(len(rows) for rows in self.all_rows().values())

    def add(
        self,
        rows: list[Row],
        retractions: list[Retraction],
        path: Path,
        batches: Sequence[Batch] = (),
        retraction_lines: Mapping[str, int] | None = None,
    ) -> None:
        """Add parsed lines; an identical copy of a line (a merge) counts once, two
        different lines with one id are a problem. So does a copy of a batch: its rows
        are those of the first copy."""
        if batches:
            have = {b.id for b in self.batches}
            for batch in batches:
                if batch.id not in have:
                    have.add(batch.id)
                    self.batches.append(batch)
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
            if retraction_lines and retraction.id in retraction_lines:
                self.retraction_lines[retraction.id] = retraction_lines[retraction.id]


def _known(raw: str, day: date) -> bool:
    """Whether a row recorded at ``raw`` (as written; "" for none) was known by ``day``."""
    return not raw or known_by(datetime.fromisoformat(raw), day)
