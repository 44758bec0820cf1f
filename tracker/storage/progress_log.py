"""The progress log: an append-only TOML file, one line per figure.

    # comments
    [entries]
    k3v5q2m7x9a1b4c6 = { target = "grdp_growth", period = "2025", value = 8.2, ... }
    ysjudsssbzfi6zuw = { retracts = "k3v5q2m7x9a1b4c6", recorded_at = ..., recorded_by = "lan" }

Why one line per figure: every line holds its own unique id, so two copies of a log
merged by git's line-based union merge keep each figure whole (multi-line blocks share
lines such as ``status = "official"`` and get interleaved), and a crash can only cut the
last line, which then lacks its closing brace. The file stays plain TOML.

Writers append whole lines under an exclusive lock, then fsync; nothing is ever
rewritten. A write that fails part-way is cut back to the previous size, leaving the file
byte-for-byte as it was. Readers keep figures as compact rows and build ``Entry`` objects
only for what a command asks (see ``tracker.core.history``); ``tracker.storage.log_cache``
keeps those rows between runs.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
import zlib
from base64 import b32encode
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from sys import intern
from typing import Any, Final

from tracker.core.model import Entry, FigureStatus, Retraction
from tracker.core.values import nfc
from tracker.errors import DataError, UsageError, WriteError
from tracker.messages import Msg, Text, located
from tracker.storage.limits import (
    LOG_LINE_LIMIT,
    PIPE_LOG_LIMIT,
    TooLarge,
    has_surrogates,
    is_regular,
    megabytes,
    read_within,
)
from tracker.storage.locking import locked

LOG_SUFFIX = ".progress.toml"
TABLE = "[entries]"
HEADER = (
    "# tracker progress log: one line per figure, appended by `tracker record`.\n"
    "# Append-only: never edit or delete a line; correct with `tracker retract ID`.\n"
    f"{TABLE}\n"
)
VERDICTS = ("exceeded", "met", "not_met")
TAIL_WINDOW = 1 << 16  # bytes read from the end to check the last line before appending
HEAD_WINDOW = 1 << 16  # bytes read from the start to tell a progress log from any other file
BOM = b"\xef\xbb\xbf"
# An import is one append framed by two comment lines, its figures indented between
# them: a reader counts the figures only once the closing line is there, so an import
# killed part-way is never read as figures, and a writer sees from the last line alone
# (indented, or the opening line) that the log ends inside an unfinished import.
_BATCH_OPEN = re.compile(rb"# tracker import ([a-z2-7]{16}): (\d+) lines")
_BATCH_CLOSE = re.compile(rb"# tracker import ([a-z2-7]{16}) complete")
BATCH_INDENT = b"  "
_BATCH_MARK = b"# tracker import "
_TOML_COLUMN = re.compile(r"\s*\(at line \d+, column \d+\)")
_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")
_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$")
# The exact shape the writer produces, read without the TOML parser; any other line
# (escapes in strings, hand edits) goes through tomllib instead.
_STR = r'"([^"\\]*)"'
_FAST_ENTRY = re.compile(
    r"([A-Za-z0-9_-]+) = \{ target = " + _STR + ", period = " + _STR + r", value = ([^,{}]+), "
    r"as_of = (\d{4}-\d\d-\d\d), status = \"(\w+)\"(?:, source = " + _STR + ")?(?:, note = " + _STR + ")?"
    r"(?:, verdict = \"(\w+)\")?(?:, recorded_at = ([0-9T:.+ Z-]+))?, recorded_by = " + _STR + r" \}"
)
_FAST_RETRACTION = re.compile(
    r"([A-Za-z0-9_-]+) = \{ retracts = " + _STR + "(?:, note = " + _STR + ")?"
    r"(?:, recorded_at = ([0-9T:.+ Z-]+))?, recorded_by = " + _STR + r" \}"
)

# A figure kept as a tuple until a command needs it as an Entry. Tuples compare in the
# order revisions are ranked: as-of date, recording instant (UTC), then line.
# Each index is a Final constant, not unpacked from range(13), so mypy knows which field
# (and so which type) row[ID] or row[ASOF] reads.
ASOF: Final = 0
RECORDED: Final = 1
LINE: Final = 2
ID: Final = 3
TARGET: Final = 4
PERIOD: Final = 5
VALUE: Final = 6
STATUS: Final = 7
SOURCE: Final = 8
NOTE: Final = 9
VERDICT: Final = 10
BY: Final = 11
RECORDED_RAW: Final = 12
Row = tuple[int, str, int, str, str, str, str, str, str, str, str, str, str]


def default_log_path(plan_path: Path) -> Path:
    """The log beside its plan: ``data/plan.toml`` -> ``data/plan.progress.toml``."""
    return plan_path.with_name(plan_path.stem + LOG_SUFFIX)


def new_id() -> str:
    """A unique id: 80 random bits, so copies of a log kept in different offices never
    collide when merged."""
    return b32encode(os.urandom(10)).decode("ascii").lower()


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
    _period_index: dict[str, tuple[list[Row], int, dict[str, list[Row]]]] = field(default_factory=dict, repr=False)
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
        if known is None or known[0] is not rows or known[1] != len(rows):
            index: dict[str, list[Row]] = {}
            for r in rows:
                index.setdefault(r[PERIOD], []).append(r)
            known = (rows, len(rows), index)
            self._period_index[target_id] = known
        return known[2]

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


def to_entry(row: Row) -> Entry:
    """The Entry a row stands for."""
    raw = row[VALUE]
    value: Decimal | bool = True if raw == "true" else False if raw == "false" else Decimal(raw)
    return Entry(
        id=row[ID],
        target=row[TARGET],
        period=row[PERIOD],
        value=value,
        as_of=date.fromordinal(row[ASOF]),
        status=_STATUSES[row[STATUS]],
        source=row[SOURCE],
        note=row[NOTE],
        verdict=row[VERDICT],
        recorded_at=datetime.fromisoformat(row[RECORDED_RAW]) if row[RECORDED_RAW] else None,
        recorded_by=row[BY],
    )


_STATUSES = {s.value: s for s in FigureStatus}  # a dict lookup is much faster than FigureStatus(text)


def _instant(raw: str) -> str:
    """A recording time as a sortable UTC string; a time without zone is read as UTC."""
    if not raw:
        return ""
    moment = datetime.fromisoformat(raw)
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")


# ---------------------------------------------------------------- reading


def read_log(path: Path, use_cache: bool = True, plan: Path | None = None, salvage: bool = False) -> LogContents:
    """Read a log; a missing file is an empty log. Raise DataError for damage that is
    not a torn last line (a hand edit gone wrong), naming the line, unless ``salvage``
    (for `check`): then damage is listed in ``damage`` and every good line is read.

    Reads under a shared lock, so it never sees half of a line a writer is appending.
    ``check`` reads with ``use_cache=False``: it judges the log itself, never a cache.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return LogContents()
    except OSError as exc:
        raise DataError(
            located(str(path), Msg("cannot read the progress log: {reason}", reason=exc.strerror))
        ) from None
    try:
        if not is_regular(fd):  # a pipe or a device (/dev/null, /dev/zero): no cache, read within a limit
            return _read_special(fd, path)
        ensure_log(fd, path, plan)
        with locked(fd, path, exclusive=False):
            if use_cache and not salvage:
                from tracker.storage.log_cache import read_through_cache

                return read_through_cache(path, fd)
            return parse_log(read_all(fd), path, salvage=salvage)
    finally:
        os.close(fd)


def ensure_log(fd: int, path: Path, plan: Path | None) -> None:
    """The one place that decides a file is a progress log, before anything reads or
    writes it: a regular file, not the plan, and either empty (a new log) or starting
    with comments and the ``[entries]`` line. Raises DataError naming the file."""
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        raise DataError(located(str(path), Msg("not a progress log: not a regular file")))
    if plan is not None:
        try:
            plan_st = os.stat(plan)
        except OSError:
            plan_st = None
        if plan_st is not None and (plan_st.st_dev, plan_st.st_ino) == (st.st_dev, st.st_ino):
            raise DataError(
                located(str(path), Msg("this is the plan file, not its progress log (the log is PLAN.progress.toml)"))
            )
    if st.st_size and not looks_like_log(_head(fd, path)):
        raise DataError(
            located(str(path), Msg("not a progress log (a log starts with comments and an [entries] line)"))
        )


def _head(fd: int, path: Path) -> bytes:
    try:
        return os.pread(fd, HEAD_WINDOW, 0)
    except OSError:  # opened for writing only
        with open(path, "rb") as handle:
            return handle.read(HEAD_WINDOW)


def looks_like_log(head: bytes) -> bool:
    """True when the first bytes of a file are those of a progress log: comments and
    blank lines, then ``[entries]`` (a log cut short before that line counts too)."""
    # Only complete lines count: bytes with no newline at all are a first write cut
    # short, which `check --repair` sets aside like any torn line.
    for raw in head.removeprefix(BOM).split(b"\n")[:-1]:
        line = raw.strip()
        if not line or line.startswith(b"#"):
            continue
        return line == TABLE.encode()
    return True


def _read_special(fd: int, path: Path) -> LogContents:
    """A log that is not a regular file, read whole within PIPE_LOG_LIMIT (refused at once
    past a line of LOG_LINE_LIMIT: /dev/zero has no line breaks), and never cached."""
    try:
        data = read_within(fd, PIPE_LOG_LIMIT, line_limit=LOG_LINE_LIMIT)
    except TooLarge as exc:
        if exc.line is not None:
            detail = Msg("a line longer than {limit}", limit=megabytes(LOG_LINE_LIMIT))
            where = f"{path}:{exc.line}"
            raise DataError(located(where, Msg("damaged progress log: {detail}", detail=detail))) from None
        detail = Msg("more than {limit} from a file that is not a regular file", limit=megabytes(PIPE_LOG_LIMIT))
        raise DataError(located(str(path), Msg("cannot read the progress log: {reason}", reason=detail))) from None
    except OSError as exc:
        raise DataError(
            located(str(path), Msg("cannot read the progress log: {reason}", reason=exc.strerror))
        ) from None
    return parse_log(data, path)


def read_all(fd: int, start: int = 0) -> bytes:
    """The bytes of ``fd`` from ``start`` to its end."""
    os.lseek(fd, start, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 22):
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass
class _Batch:
    """An import whose closing line has not been read yet."""

    offset: int
    line: int
    id: bytes
    declared: int
    rows: list[Row] = field(default_factory=list)
    retractions: list[Retraction] = field(default_factory=list)


def parse_log(
    data: bytes, path: Path, contents: LogContents | None = None, first_line: int = 1, salvage: bool = False
) -> LogContents:
    """Parse log bytes into ``contents`` (a new one by default).

    A last line that is cut short, or an import whose closing line never came, is
    reported as a torn tail and left out; any other line that is not a figure is damage,
    raised with its line number (or, with ``salvage``, listed and skipped).
    ``first_line`` numbers lines when ``data`` continues a log already read. Lines may
    end in CRLF, and the file may start with a UTF-8 byte-order mark.
    """
    contents = contents if contents is not None else LogContents()
    contents.torn = None  # a torn line read before is read again as part of ``data``
    base = contents.size  # where ``data`` starts in the file
    skip = len(BOM) if base == 0 and data.startswith(BOM) else 0
    lines = data[skip:].split(b"\n")
    complete = lines[:-1]  # the last piece has no newline: empty, or cut short
    rows: list[Row] = []
    retractions: list[Retraction] = []
    in_table = first_line > 1 or contents.size > 0
    first_line = max(first_line, contents.lines + 1)
    offset = base + skip
    batch: _Batch | None = None

    def damaged(at: int, number: int, size: int, detail: Text) -> None:
        if not salvage:
            message = Msg("damaged progress log: {detail}; run `tracker check --repair`", detail=detail)
            raise DataError(located(f"{path}:{number}", message))
        contents.damage.append(Damage(at, number, size, detail))

    for number, raw in enumerate(complete, start=first_line):
        line = raw[:-1] if raw.endswith(b"\r") else raw
        size = len(raw) + 1
        if batch is not None:
            if line.startswith(BATCH_INDENT) and line.strip() and not line.lstrip().startswith(b"#"):
                try:
                    in_table = _read_line(line, number, in_table, batch.rows, batch.retractions, is_last=False)
                except _BadLine as bad:
                    damaged(offset, number, size, bad.detail)
                offset += size
                continue
            closing = _BATCH_CLOSE.fullmatch(line)
            if closing and closing[1] == batch.id:
                if len(batch.rows) + len(batch.retractions) == batch.declared:
                    rows.extend(batch.rows)
                    retractions.extend(batch.retractions)
                else:
                    damaged(
                        batch.offset, batch.line, offset + size - batch.offset, "an import missing some of its lines"
                    )
                batch = None
                offset += size
                continue
            blank_or_comment = not line.strip() or line.lstrip().startswith(b"#")
            if blank_or_comment and not _BATCH_OPEN.fullmatch(line):
                offset += size
                continue
            # another line before the import's own closing line: the import was cut short
            damaged(batch.offset, batch.line, offset - batch.offset, "an import that did not finish")
            batch = None
        opening = _BATCH_OPEN.fullmatch(line)
        if opening:
            batch = _Batch(offset, number, opening[1], int(opening[2]))
        else:
            try:
                in_table = _read_line(line, number, in_table, rows, retractions, is_last=False)
            except _BadLine as bad:
                damaged(offset, number, size, bad.detail)
        offset += size
    tail = lines[-1]
    torn_at: TornTail | None = None
    if tail.strip():
        tail_number = first_line + len(complete)
        line = tail[:-1] if tail.endswith(b"\r") else tail
        try:
            if line.startswith(_BATCH_MARK):  # an import cut within its opening line
                raise _Torn
            if batch is None:
                _read_line(line, tail_number, in_table, rows, retractions, is_last=True)
        except _Torn:
            torn_at = TornTail(offset, tail_number, len(tail))
    if batch is not None:  # an import that never got its closing line: all of it is torn
        torn_at = TornTail(batch.offset, batch.line, base + len(data) - batch.offset)
    contents.torn = torn_at
    contents.add(rows, retractions, path)
    kept = data[: torn_at.offset - base] if torn_at else data
    contents.size += len(kept)
    contents.crc = zlib.crc32(kept, contents.crc)
    contents.lines += kept.count(b"\n")
    return contents


class _Torn(Exception):
    """The last line is incomplete."""


class _BadLine(Exception):
    """A complete line that is not a figure."""

    def __init__(self, detail: Text) -> None:
        super().__init__(str(detail))
        self.detail = detail


def _read_line(
    raw: bytes, number: int, in_table: bool, rows: list[Row], retractions: list[Retraction], is_last: bool
) -> bool:
    """Parse one line into ``rows`` or ``retractions``; return whether the entries table
    has started. Raises _Torn for a bad last line, _BadLine for a bad line elsewhere."""
    if len(raw) > LOG_LINE_LIMIT:
        if is_last:
            raise _Torn
        raise _BadLine(Msg("a line longer than {limit}", limit=megabytes(LOG_LINE_LIMIT)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        if is_last:
            raise _Torn from None
        raise _BadLine("not UTF-8") from None
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return in_table
    if stripped == TABLE:
        return True
    try:
        if not in_table:
            raise ValueError(f"a figure before the {TABLE} line")
        _parse_line(stripped, number, rows, retractions)
    except (ValueError, TypeError, KeyError, tomllib.TOMLDecodeError, RecursionError) as exc:
        if is_last:
            raise _Torn from None
        detail: Text = _TOML_COLUMN.sub("", str(exc)) if not isinstance(exc, KeyError) else f"missing {exc.args[0]!r}"
        if isinstance(exc, RecursionError):
            detail = Msg("values nested too deeply")
        elif "integer string conversion" in str(exc):  # Python's limit on the digits of an int
            detail = Msg("an integer of more than 4300 digits")
        raise _BadLine(detail) from None
    return in_table


def _parse_line(text: str, number: int, rows: list[Row], retractions: list[Retraction]) -> None:
    if m := _FAST_ENTRY.fullmatch(text):
        value = m[4].strip()
        if value in ("true", "false") or _NUMBER.match(value):
            as_of = date.fromisoformat(m[5]).toordinal()
            status = FigureStatus(m[6]).value
            verdict = m[9] or ""
            if verdict and verdict not in VERDICTS:
                raise ValueError(f"'verdict' must be one of {', '.join(VERDICTS)}")
            recorded = m[10] or ""
            # Repeated words are interned: one object each, so the cache stores them once.
            rows.append((as_of, _instant(recorded), number, m[1], intern(m[2]), intern(m[3]), _value_text(value),
                         intern(status), intern(m[7] or ""), m[8] or "", intern(verdict), intern(m[11]),
                         recorded))  # fmt: skip
            return
    elif m := _FAST_RETRACTION.fullmatch(text):
        retractions.append(
            Retraction(id=m[1], retracts=m[2], note=m[3] or "", recorded_at=_when(m[4]), recorded_by=m[5])
        )
        return
    document = tomllib.loads(text, parse_float=_decimal)
    if len(document) != 1:
        raise ValueError("expected one figure: ID = { ... }")
    ((key, table),) = document.items()
    if not isinstance(table, dict):
        raise ValueError("expected one figure: ID = { ... }")
    if "retracts" in table:
        retractions.append(_retraction(key, table))
    else:
        rows.append(_row(key, table, number))


def _value_text(text: str) -> str:
    """A figure's text, kept as written. Any finite decimal is accepted, however far
    outside the bounds of a new figure (an older version may have written it; `tracker
    check` names it): reading it is linear in its length, and every renderer copes."""
    if text in ("true", "false"):
        return text
    number = _decimal(text)
    if not number.is_finite():
        raise ValueError("'value' must be a finite number")
    return text


def _decimal(text: str) -> Decimal:
    """Decimal(text), with an exponent beyond what Decimal holds (1e9999999999999999999,
    only a hand edit writes one) a damaged line rather than an internal error."""
    try:
        return Decimal(text)
    except ArithmeticError:
        raise ValueError("'value' is not a number tracker can read") from None


def _when(raw: str | None) -> datetime | None:
    return datetime.fromisoformat(raw) if raw else None


def _text(table: dict[str, Any], key: str, required: bool = False) -> str:
    value = table[key] if required else table.get(key, "")
    if not isinstance(value, str):
        raise TypeError(f"{key!r} must be text")
    return value


def _row(key: str, table: dict[str, Any], number: int) -> Row:
    unknown = set(table) - {"target", "period", "value", "as_of", "status", "source", "note", "verdict",
                            "recorded_at", "recorded_by"}  # fmt: skip
    if unknown:
        raise ValueError(f"unknown key {sorted(unknown)[0]!r}")
    value = table["value"]
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, (int, Decimal)) and Decimal(value).is_finite():
        text = str(value)
    else:
        raise TypeError("'value' must be a number or true/false")
    as_of = table["as_of"]
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise TypeError("'as_of' must be a date such as 2025-06-30")
    recorded_at = table.get("recorded_at")
    if recorded_at is not None and not isinstance(recorded_at, datetime):
        raise TypeError("'recorded_at' must be a date-time")
    verdict = _text(table, "verdict")
    if verdict and verdict not in VERDICTS:
        raise ValueError(f"'verdict' must be one of {', '.join(VERDICTS)}")
    raw = recorded_at.isoformat() if recorded_at else ""
    return (as_of.toordinal(), _instant(raw), number, key, intern(_text(table, "target", True)),
            intern(_text(table, "period", True)), text, intern(FigureStatus(table.get("status", "official")).value),
            intern(_text(table, "source")), _text(table, "note"), intern(verdict),
            intern(_text(table, "recorded_by", True)), raw)  # fmt: skip


def _retraction(key: str, table: dict[str, Any]) -> Retraction:
    recorded_at = table.get("recorded_at")
    if recorded_at is not None and not isinstance(recorded_at, datetime):
        raise TypeError("'recorded_at' must be a date-time")
    return Retraction(
        id=key,
        retracts=_text(table, "retracts", True),
        note=_text(table, "note"),
        recorded_at=recorded_at,
        recorded_by=_text(table, "recorded_by", True),
    )


# ---------------------------------------------------------------- writing


def _literal(value: Any) -> str:
    """A TOML literal written by tomli-w (a string always on one line)."""
    import tomli_w

    return tomli_w.dumps({"v": value})[4:].rstrip("\n")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else _literal(key)


def _number_literal(value: Decimal | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    # plain digits as typed: 2365 stays 2365 (not 2365.0), 41.850 keeps its zero
    # The ignore below: a figure is finite, so its exponent is an int (never "n", "N" or "F")
    return f"{value:f}" if value.as_tuple().exponent >= -28 else _literal(value)  # type: ignore[operator]


def render_line(item: Entry | Retraction) -> str:
    """One log line for an entry or a retraction; recorded_by comes last."""
    if isinstance(item, Entry):
        fields: list[tuple[str, Any]] = [
            ("target", item.target), ("period", item.period), ("value", None), ("as_of", item.as_of),
            ("status", item.status.value), ("source", item.source), ("note", item.note),
            ("verdict", item.verdict), ("recorded_at", item.recorded_at), ("recorded_by", item.recorded_by),
        ]  # fmt: skip
    else:
        fields = [("retracts", item.retracts), ("note", item.note), ("recorded_at", item.recorded_at),
                  ("recorded_by", item.recorded_by)]  # fmt: skip
    parts = []
    for name, value in fields:
        if name == "value":
            # The ignore below: only an Entry's fields hold "value", so item is an Entry here
            parts.append(f"value = {_number_literal(item.value)}")  # type: ignore[union-attr]
        elif name == "recorded_by" or value not in ("", None):
            parts.append(f"{name} = {_literal(value)}")
    return f"{_key(item.id)} = {{ {', '.join(parts)} }}\n"


def render_lines(items: Sequence[Entry | Retraction], batch: bool = False) -> bytes:
    """The bytes appended for ``items``: one line each; with ``batch``, framed as one
    import (see ``_BATCH_OPEN``)."""
    body = "".join(render_line(item) for item in items)
    if not batch:
        return body.encode("utf-8")
    batch_id = new_id()
    # split at newlines only: str.splitlines would also break at U+2028 inside a note
    indented = "".join(f"  {line}\n" for line in body.split("\n")[:-1])
    return (
        f"# tracker import {batch_id}: {len(items)} lines\n{indented}# tracker import {batch_id} complete\n"
    ).encode()


def now_utc() -> datetime:
    """The recording time stamped on entries, UTC to the second."""
    return datetime.now(UTC).replace(microsecond=0)


NOT_UTF8 = "not UTF-8 text (set the terminal, script or environment to UTF-8)"


def recorder() -> str:
    """Who records: TRACKER_USER, else the login name, else 'unknown'. A name that is
    not UTF-8 (bytes Python kept as surrogates) is refused: it cannot be written."""
    name = os.environ.get("TRACKER_USER")
    if name:
        if has_surrogates(name):
            raise UsageError(Msg("{field}: {detail}", field="TRACKER_USER", detail=Msg(NOT_UTF8)))
        return nfc(name)
    try:
        import getpass

        login = getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"
    if has_surrogates(login):
        raise UsageError(Msg("the login name is not UTF-8 text; set TRACKER_USER"))
    return nfc(login)


def append(path: Path, items: Sequence[Entry | Retraction], plan: Path | None = None, batch: bool = False) -> None:
    """Append ``items`` to the log under an exclusive lock, then fsync.

    Refuses, before writing a byte, a file that is not a progress log or is ``plan``
    (see ``ensure_log``). Costs the same whatever the size of the log: only its last line
    is read, to refuse writing after a torn line or an unfinished import (which would bury
    it mid-file). With ``batch`` the items are one import that readers count only once it
    is complete. Lines end as the file's own do (CRLF after a Windows editor). On any
    failure the file is cut back to its previous size (or removed if this call created
    it). A cache that described the log before the append is brought up to date.
    """
    existed = path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        message = Msg("cannot write the progress log: {reason}; nothing was recorded", reason=exc.strerror)
        raise WriteError(located(str(path), message)) from None
    try:
        ensure_log(fd, path, plan)
        with locked(fd, path, exclusive=True):
            before = os.fstat(fd)
            size = before.st_size
            prefix, crlf = _prefix_for(path, size)
            payload = render_lines(items, batch)
            if crlf:
                payload = payload.replace(b"\n", b"\r\n")
            try:
                _write_all(fd, prefix + payload)
                os.fsync(fd)
            except OSError as exc:
                _undo(fd, size)
                message = Msg("cannot write the progress log: {reason}; nothing was recorded", reason=exc.strerror)
                raise WriteError(located(str(path), message)) from None
            from tracker.storage.log_cache import follow_append

            follow_append(path, before, prefix + payload)
    except BaseException:
        if not existed and os.fstat(fd).st_size == 0:
            path.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _prefix_for(path: Path, size: int) -> tuple[bytes, bool]:
    """What must precede the new lines (the header for a new log, a newline after a
    complete last line written without one), and whether the file's lines end in CRLF;
    refuse after a torn last line or inside an unfinished import."""
    if size == 0:
        return HEADER.encode(), False
    with open(path, "rb") as handle:
        window = TAIL_WINDOW
        while True:  # widen until the window holds the start of the last line
            handle.seek(max(0, size - window))
            tail = handle.read()
            if b"\n" in tail[:-1] or window >= size:
                break
            window *= 4
        head = tail if size <= len(tail) else b""
    last = tail[tail.rstrip(b"\n").rfind(b"\n") + 1 :] if not tail.endswith(b"\n") else b""
    complete = tail[: len(tail) - len(last)].rstrip(b"\n")
    last_complete = complete[complete.rfind(b"\n") + 1 :]
    crlf = last_complete.endswith(b"\r") if complete else False
    if last:
        try:
            if last.startswith(_BATCH_MARK):
                raise _Torn
            _read_line(last.rstrip(b"\r"), 0, True, [], [], is_last=True)
        except _Torn:
            raise DataError(
                located(str(path), Msg("the log ends in a damaged block; run `tracker check --repair` first"))
            ) from None
    elif last_complete.startswith(BATCH_INDENT) or _BATCH_OPEN.fullmatch(last_complete.rstrip(b"\r")):
        # Indented lines are an import's: is one still open? Rare enough to read it all.
        with open(path, "rb") as handle:
            if parse_log(handle.read(), path, salvage=True).torn is not None:
                unfinished = Msg("the log ends in an import that did not finish; run `tracker check --repair` first")
                raise DataError(located(str(path), unfinished)) from None
    newline = b"\r\n" if crlf else b"\n"
    if head and TABLE.encode() not in [line.strip() for line in head.removeprefix(BOM).split(b"\n")]:
        return (newline if last else b"") + TABLE.encode() + newline, crlf  # a small file with no table line yet
    return (newline if last else b""), crlf


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _undo(fd: int, size: int) -> None:
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass  # the caller reports the original error; readers ignore a torn line anyway


def repair(path: Path, plan: Path | None = None) -> Path | None:
    """Set aside what readers cannot read: a torn last line, an import that did not
    finish, and damaged lines anywhere (a merge can put another clone's whole lines after
    a torn one). The damaged bytes go to a new side file beside the log; every good line
    stays, in order. Returns the side file, or None when there was nothing to repair."""
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError as exc:
        contents = read_log(path, use_cache=False, plan=plan, salvage=True)  # read-only: is anything wrong?
        if contents.torn is None and not contents.damage:
            return None
        message = Msg("cannot repair the progress log: {reason}; it was left as it was", reason=exc.strerror)
        raise WriteError(located(str(path), message)) from None
    try:
        ensure_log(fd, path, plan)
        with locked(fd, path, exclusive=True):
            data = read_all(fd)
            contents = parse_log(data, path, salvage=True)
            pieces = [(d.offset, d.size) for d in contents.damage]
            if contents.torn is not None:
                pieces.append((contents.torn.offset, contents.torn.size))
            if not pieces:
                return None
            pieces.sort()
            mode = os.fstat(fd).st_mode & 0o7777
            side = _side_file(path, b"".join(data[o : o + n] for o, n in pieces), mode, "damaged")
            if not contents.damage:  # only the tail: cutting it is enough
                os.ftruncate(fd, pieces[0][0])
                os.fsync(fd)
                return side
            kept, at = [], 0
            for offset, size in pieces:
                kept.append(data[at:offset])
                at = offset + size
            kept.append(data[at:])
            # Rewritten in place, not renamed over: a writer waiting for this lock holds
            # this inode and appends after the repaired log. A whole copy is kept until
            # the new bytes are on disk, so a crash here loses nothing.
            backup = _side_file(path, data, mode, "before-repair")
            _rewrite(fd, b"".join(kept))
            backup.unlink()
            return side
    finally:
        os.close(fd)


def _rewrite(fd: int, data: bytes) -> None:
    view, at = memoryview(data), 0
    while at < len(data):
        at += os.pwrite(fd, view[at:], at)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def _side_file(path: Path, data: bytes, mode: int, kind: str) -> Path:
    """Write bytes to a new file beside the log, never over an older one and never
    through a symbolic link, with the log's own permissions (they copy its bytes)."""
    stamp = now_utc().strftime("%Y%m%dT%H%M%SZ")
    attempt = 0
    while True:
        side = path.with_name(f"{path.name}.{kind}-{stamp}" + (f"-{attempt}" if attempt else ""))
        try:
            fd = os.open(side, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode & 0o666)
        except FileExistsError:
            attempt += 1
            continue
        try:
            os.fchmod(fd, mode & 0o666)
            _write_all(fd, data)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            side.unlink(missing_ok=True)
            raise
        os.close(fd)
        return side
