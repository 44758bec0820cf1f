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
rewritten (but damaged lines, by ``log_repair``). A write that fails part-way is cut back
to the previous size, leaving the file
byte-for-byte as it was. Readers keep figures as compact rows and build ``Entry`` objects
only for what a command asks (see ``tracker.core.history``); ``tracker.storage.log_cache``
keeps those rows between runs.

This module reads and appends whole files under their lock and decides a file is a log
(``ensure_log``). One job per module beside it: ``log_line`` (one line's format, read and
written), ``log_contents`` (what a log holds, indexed), ``log_ids`` (ids, the clock and the
recorder stamped on lines), ``log_repair`` (setting damage aside), ``log_cache``.
"""

from __future__ import annotations

import os
import stat
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from tracker.core.model import Entry, Retraction
from tracker.errors import DataError, WriteError
from tracker.messages import Msg, Text, located
from tracker.storage.limits import (
    LOG_LINE_LIMIT,
    PIPE_LOG_LIMIT,
    TooLarge,
    is_regular,
    megabytes,
    read_within,
)
from tracker.storage.locking import locked
from tracker.storage.log_contents import Batch, Damage, LogContents, TornTail
from tracker.storage.log_ids import NOT_UTF8, new_id, now_utc, recorder
from tracker.storage.log_line import (
    BATCH_CLOSE,
    BATCH_INDENT,
    BATCH_MARK,
    BATCH_OPEN,
    BOM,
    HEADER,
    ID,
    LINE,
    TABLE,
    VALUE,
    BadLine,
    Row,
    TornLine,
    read_line,
    render_line,
    render_lines,
    to_entry,
)

LOG_SUFFIX = ".progress.toml"
TAIL_WINDOW = 1 << 16  # bytes read from the end to check the last line before appending
HEAD_WINDOW = 1 << 16  # bytes read from the start to tell a progress log from any other file


def default_log_path(plan_path: Path) -> Path:
    """The log beside its plan: ``data/plan.toml`` -> ``data/plan.progress.toml``."""
    return plan_path.with_name(plan_path.stem + LOG_SUFFIX)


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
    parser = _Parser(path, contents, salvage, in_table=first_line > 1 or base > 0, offset=base + skip)
    first_line = max(first_line, contents.lines + 1)
    feed = parser.feed
    for number, raw in enumerate(lines[:-1], start=first_line):  # the last piece has no newline
        feed(raw, number)
    torn = parser.finish(lines[-1], first_line + len(lines) - 1, base + len(data))
    contents.torn = torn
    contents.add(parser.rows, parser.retractions, path, parser.batches, parser.retraction_lines)
    kept = data[: torn.offset - base] if torn else data
    contents.size += len(kept)
    contents.crc = zlib.crc32(kept, contents.crc)
    contents.lines += kept.count(b"\n")
    return contents


class _Parser:
    """One pass over log bytes, a line at a time: the figures read so far, where the
    next line starts, and an import whose closing line has not come yet."""

    def __init__(self, path: Path, contents: LogContents, salvage: bool, in_table: bool, offset: int) -> None:
        self.path, self.contents, self.salvage = path, contents, salvage
        self.in_table = in_table  # the [entries] line has been read
        self.offset = offset  # where the next line starts in the file
        self.rows: list[Row] = []
        self.retractions: list[Retraction] = []
        self.retraction_lines: dict[str, int] = {}  # the line of each retraction read, by id
        self.batch: _Batch | None = None
        self.batches: list[Batch] = []  # the imports read whole

    def feed(self, raw: bytes, number: int) -> None:
        """Read one complete line (``raw``: without its newline)."""
        line = raw[:-1] if raw.endswith(b"\r") else raw
        size = len(raw) + 1
        # Only a line of an import, or one starting like its opening line, needs the import rules.
        batch = self.batch
        in_import = batch is not None and self._in_batch(batch, line, number, size)
        if not in_import and not (line.startswith(BATCH_MARK) and self._opens(line, number)):
            try:
                self.in_table = read_line(line, number, self.in_table, self.rows, self.retractions, is_last=False)
            except BadLine as bad:
                self._damaged(self.offset, number, size, bad.detail)
            self._note_line(self.retractions, number)
        self.offset += size

    def _note_line(self, retractions: list[Retraction], number: int) -> None:
        """Remember the line of a retraction line ``number`` just added to ``retractions``."""
        if retractions and retractions[-1].id not in self.retraction_lines:
            self.retraction_lines[retractions[-1].id] = number

    def _opens(self, line: bytes, number: int) -> bool:
        """True when ``line`` opens an import (its figures count once it closes)."""
        opening = BATCH_OPEN.fullmatch(line)
        if opening:
            self.batch = _Batch(self.offset, number, opening[1], int(opening[2]))
        return opening is not None

    def _in_batch(self, batch: _Batch, line: bytes, number: int, size: int) -> bool:
        """Read a line met inside an import: one of its figures, its closing line, a blank
        line or a comment. False for any other line: the import was cut short (damage), and
        the line is read as if there had been no import."""
        if line.startswith(BATCH_INDENT) and line.strip() and not line.lstrip().startswith(b"#"):
            try:
                self.in_table = read_line(line, number, self.in_table, batch.rows, batch.retractions, is_last=False)
            except BadLine as bad:
                self._damaged(self.offset, number, size, bad.detail)
            self._note_line(batch.retractions, number)
            return True
        closing = BATCH_CLOSE.fullmatch(line)
        if closing and closing[1] == batch.id:
            if len(batch.rows) + len(batch.retractions) == batch.declared:
                self.rows.extend(batch.rows)
                self.retractions.extend(batch.retractions)
                self.batches.append(
                    Batch(batch.id.decode(), batch.line, number, tuple(r.id for r in batch.retractions))
                )
            else:
                span = self.offset + size - batch.offset
                self._damaged(batch.offset, batch.line, span, "an import missing some of its lines")
            self.batch = None
            return True
        if (not line.strip() or line.lstrip().startswith(b"#")) and not BATCH_OPEN.fullmatch(line):
            return True  # a blank line or a comment inside the import
        self._damaged(batch.offset, batch.line, self.offset - batch.offset, "an import that did not finish")
        self.batch = None
        return False

    def finish(self, tail: bytes, number: int, end: int) -> TornTail | None:
        """Read what follows the last newline (``tail``, line ``number``; ``end``: the
        file offset after it); the torn tail, if any: a cut last line, or an import that
        never got its closing line (all of it is torn)."""
        torn: TornTail | None = None
        if tail.strip():
            line = tail[:-1] if tail.endswith(b"\r") else tail
            try:
                if line.startswith(BATCH_MARK):  # an import cut within its opening line
                    raise TornLine
                if self.batch is None:
                    read_line(line, number, self.in_table, self.rows, self.retractions, is_last=True)
                    self._note_line(self.retractions, number)
            except TornLine:
                torn = TornTail(self.offset, number, len(tail))
        if self.batch is not None:
            torn = TornTail(self.batch.offset, self.batch.line, end - self.batch.offset)
        return torn

    def _damaged(self, at: int, number: int, size: int, detail: Text) -> None:
        if not self.salvage:
            message = Msg("damaged progress log: {detail}; run `tracker check --repair`", detail=detail)
            raise DataError(located(f"{self.path}:{number}", message))
        self.contents.damage.append(Damage(at, number, size, detail))


def append(path: Path, items: Sequence[Entry | Retraction], plan: Path | None = None, batch: str | None = None) -> None:
    """Append ``items`` to the log under an exclusive lock, then fsync.

    Refuses, before writing a byte, a file that is not a progress log or is ``plan``
    (see ``ensure_log``). Costs the same whatever the size of the log: only its last line
    is read, to refuse writing after a torn line or an unfinished import (which would bury
    it mid-file). With a ``batch`` id (``new_id``) the items are one batch, an import or
    the retractions of one, that readers count only once it is complete. Lines end as
    the file's own do (CRLF after a Windows editor). On any failure the file is cut back
    to its previous size (or removed if this call created it). A cache that described
    the log before the append is brought up to date.
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
                write_all(fd, prefix + payload)
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
            if last.startswith(BATCH_MARK):
                raise TornLine
            read_line(last.rstrip(b"\r"), 0, True, [], [], is_last=True)
        except TornLine:
            raise DataError(
                located(str(path), Msg("the log ends in a damaged block; run `tracker check --repair` first"))
            ) from None
    elif last_complete.startswith(BATCH_INDENT) or BATCH_OPEN.fullmatch(last_complete.rstrip(b"\r")):
        # Indented lines are an import's: is one still open? Rare enough to read it all.
        with open(path, "rb") as handle:
            if parse_log(handle.read(), path, salvage=True).torn is not None:
                unfinished = Msg("the log ends in an import that did not finish; run `tracker check --repair` first")
                raise DataError(located(str(path), unfinished)) from None
    newline = b"\r\n" if crlf else b"\n"
    if head and TABLE.encode() not in [line.strip() for line in head.removeprefix(BOM).split(b"\n")]:
        return (newline if last else b"") + TABLE.encode() + newline, crlf  # a small file with no table line yet
    return (newline if last else b""), crlf


def write_all(fd: int, data: bytes) -> None:
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


# What other modules have always imported from here (the log's facade).
__all__ = [
    "HEADER", "ID", "LINE", "NOT_UTF8", "TABLE", "VALUE", "Batch", "Damage", "LogContents", "Row", "TornTail",
    "append", "default_log_path", "ensure_log", "new_id", "now_utc", "parse_log", "read_all", "read_log",
    "recorder", "render_line", "render_lines", "to_entry", "write_all",
]  # fmt: skip
