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
import tomllib
import zlib
from base64 import b32encode
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from sys import intern
from typing import Any

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
ASOF, RECORDED, LINE, ID, TARGET, PERIOD, VALUE, STATUS, SOURCE, NOTE, VERDICT, BY, RECORDED_RAW = range(13)
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


@dataclass
class LogContents:
    """What a log holds: figures as rows, retractions, and damage found on the way.

    Also a ``History``: judging asks it for the figures of a target and periods.
    """

    rows: dict[str, list[Row]] = field(default_factory=dict)  # by target, in line order
    retraction_list: list[Retraction] = field(default_factory=list)
    torn: TornTail | None = None
    problems: list[str] = field(default_factory=list)  # duplicate ids and other damage
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


def read_log(path: Path, use_cache: bool = True) -> LogContents:
    """Read a log; a missing file is an empty log. Raise DataError for damage that is
    not a torn last line (a hand edit gone wrong), naming the line.

    Reads under a shared lock, so it never sees half of a line a writer is appending.
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
        with locked(fd, path, exclusive=False):
            if use_cache:
                from tracker.storage.log_cache import read_through_cache

                return read_through_cache(path, fd)
            return parse_log(read_all(fd), path)
    finally:
        os.close(fd)


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


def parse_log(data: bytes, path: Path, contents: LogContents | None = None, first_line: int = 1) -> LogContents:
    """Parse log bytes into ``contents`` (a new one by default).

    A last line that is cut short is reported as a torn tail and left out; any other line
    that is not a figure is damage, raised with its line number. ``first_line`` numbers
    lines when ``data`` continues a log already read.
    """
    contents = contents if contents is not None else LogContents()
    contents.torn = None  # a torn line read before is read again as part of ``data``
    lines = data.split(b"\n")
    complete = lines[:-1]  # the last piece has no newline: empty, or cut short
    rows: list[Row] = []
    retractions: list[Retraction] = []
    in_table = first_line > 1 or contents.size > 0
    first_line = max(first_line, contents.lines + 1)
    offset = 0
    for number, raw in enumerate(complete, start=first_line):
        in_table = _read_line(raw, number, in_table, path, rows, retractions, is_last=False)
        offset += len(raw) + 1
    tail = lines[-1]
    if tail.strip():
        number = first_line + len(complete)
        try:
            _read_line(tail, number, in_table, path, rows, retractions, is_last=True)
        except _Torn:
            contents.torn = TornTail(contents.size + offset, number, len(tail))
    contents.add(rows, retractions, path)
    kept = data[: len(data) - len(tail)] if contents.torn else data
    contents.size += len(kept)
    contents.crc = zlib.crc32(kept, contents.crc)
    contents.lines += kept.count(b"\n")
    return contents


class _Torn(Exception):
    """The last line is incomplete."""


def _read_line(
    raw: bytes, number: int, in_table: bool, path: Path, rows: list[Row], retractions: list[Retraction], is_last: bool
) -> bool:
    """Parse one line into ``rows`` or ``retractions``; return whether the entries table
    has started. Raises _Torn for a bad last line, DataError for a bad line elsewhere."""
    if len(raw) > LOG_LINE_LIMIT:
        if is_last:
            raise _Torn
        detail = Msg("a line longer than {limit}", limit=megabytes(LOG_LINE_LIMIT))
        raise DataError(located(f"{path}:{number}", Msg("damaged progress log: {detail}", detail=detail)))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        if is_last:
            raise _Torn from None
        raise DataError(
            located(f"{path}:{number}", Msg("damaged progress log: {detail}", detail="not UTF-8"))
        ) from None
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return in_table
    if stripped == TABLE:
        return True
    try:
        if not in_table:
            raise ValueError(f"a figure before the {TABLE} line")
        _parse_line(text, number, rows, retractions)
    except (ValueError, TypeError, KeyError, tomllib.TOMLDecodeError, RecursionError) as exc:
        if is_last:
            raise _Torn from None
        detail: Text = _TOML_COLUMN.sub("", str(exc)) if not isinstance(exc, KeyError) else f"missing {exc.args[0]!r}"
        if isinstance(exc, RecursionError):
            detail = Msg("values nested too deeply")
        elif "integer string conversion" in str(exc):  # Python's limit on the digits of an int
            detail = Msg("an integer of more than 4300 digits")
        raise DataError(located(f"{path}:{number}", Msg("damaged progress log: {detail}", detail=detail))) from None
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
    document = tomllib.loads(text, parse_float=Decimal)
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
    if text in ("true", "false"):
        return text
    number = Decimal(text)
    if not number.is_finite():
        raise ValueError("'value' must be a finite number")
    return text


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
            parts.append(f"value = {_number_literal(item.value)}")  # type: ignore[union-attr]
        elif name == "recorded_by" or value not in ("", None):
            parts.append(f"{name} = {_literal(value)}")
    return f"{_key(item.id)} = {{ {', '.join(parts)} }}\n"


def render_lines(items: list[Entry | Retraction]) -> bytes:
    """The bytes appended for ``items``: one line each."""
    return "".join(render_line(item) for item in items).encode("utf-8")


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


def append(path: Path, items: list[Entry | Retraction]) -> None:
    """Append ``items`` to the log under an exclusive lock, then fsync.

    Costs the same whatever the size of the log: only its last line is read, to refuse
    writing after a torn line (which would bury it mid-file). On any failure the file is
    cut back to its previous size (or removed if this call created it). A cache that
    described the log before the append is brought up to date.
    """
    payload = render_lines(items)
    existed = path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        message = Msg("cannot write the progress log: {reason}; nothing was recorded", reason=exc.strerror)
        raise WriteError(located(str(path), message)) from None
    try:
        with locked(fd, path, exclusive=True):
            before = os.fstat(fd)
            size = before.st_size
            prefix = _prefix_for(path, size)
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


def _prefix_for(path: Path, size: int) -> bytes:
    """What must precede the new lines: the header for a new log, a newline after a
    complete last line written without one; refuse after a torn last line."""
    if size == 0:
        return HEADER.encode()
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
    if last:
        try:
            _read_line(last, 0, True, path, [], [], is_last=True)
        except _Torn:
            raise DataError(
                located(str(path), Msg("the log ends in a damaged block; run `tracker check --repair` first"))
            ) from None
    if head and TABLE.encode() not in head.split(b"\n"):  # a small file that has no table line yet
        return (b"\n" if last else b"") + f"{TABLE}\n".encode()
    return b"\n" if last else b""


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


def repair(path: Path) -> Path | None:
    """Move a torn last line into a side file and cut the log after its last complete
    line. Returns the side file, or None when there was nothing to repair."""
    fd = os.open(path, os.O_RDWR)
    try:
        with locked(fd, path, exclusive=True):
            data = read_all(fd)
            contents = parse_log(data, path)
            if contents.torn is None:
                return None
            side = _side_file(path, data[contents.torn.offset :])
            os.ftruncate(fd, contents.torn.offset)
            os.fsync(fd)
            return side
    finally:
        os.close(fd)


def _side_file(path: Path, damaged: bytes) -> Path:
    """Write the damaged bytes to a new file beside the log, never over an older one."""
    stamp = now_utc().strftime("%Y%m%dT%H%M%SZ")
    attempt = 0
    while True:
        side = path.with_name(f"{path.name}.damaged-{stamp}" + (f"-{attempt}" if attempt else ""))
        try:
            with open(side, "xb") as handle:
                handle.write(damaged)
                handle.flush()
                os.fsync(handle.fileno())
            return side
        except FileExistsError:
            attempt += 1
