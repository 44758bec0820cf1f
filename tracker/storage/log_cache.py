"""A cache of the parsed progress log, so a run reads only what changed since the last.

The log is the only source of truth: the cache lives in ``.tracker-cache/`` beside it
(see ``cache_files``) and can be deleted at any time. It holds the log's rows split into
shards by target (a run that needs one target reads one shard), and a ``meta`` file with
the log's size, inode, change and modification times and the crc32 of its bytes.

- Same size, inode and times: the cache is used as it is; but a cache that looked at the
  log within RACY_NS of its last change is "racy" (git's word): a later same-size edit
  could have kept every timestamp, so the next run checks the crc too.
- The log grew: the cached bytes are checked against the crc (an edit, not an append,
  fails the check), then only the new bytes are parsed and the cache rewritten.
- Anything else, or a cache that cannot be read: rebuilt silently from the log.
- ``tracker record`` brings the cache up to date itself after appending, under the lock;
  for a log over TRUST_ABOVE bytes it trusts its own append (see ``follow_append``).

Shards are read lazily, after the log's lock is released; each carries the epoch of the
cache it belongs to. A shard from another epoch (another run rebuilt the cache in the
meantime) or a damaged one makes the reader parse the log again rather than return the
wrong rows; rows a later append added to a shard of the same epoch are left out, so the
contents stay the log as it was read.

What each mechanism buys at the benchmarks' sizes is measured in benchmarks/RESULTS.md
("What the cache machinery buys").
"""

from __future__ import annotations

import contextlib
import marshal
import os
import re
import sys
import time
import zlib
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from tracker.core.model import Retraction
from tracker.storage.cache_files import (
    cache_root,
    ensure_dir,
    ensure_root,
    folder_mode,
    is_real_dir,
    read_sealed,
    write_sealed,
)
from tracker.storage.locking import locked
from tracker.storage.progress_log import ID, LINE, Batch, LogContents, Row, TornTail, parse_log, read_all

# marshal's format belongs to the Python version; 7: meta keeps batches; 8: and each retraction's line
VERSION = (8, sys.version_info[:2])
SHARDS = 256  # at most: a run asking for one target of a huge log reads 1/256 of its rows
SMALL = 20_000  # rows up to which the whole cache is one shard (one file to read)
ROWS_PER_SHARD = 4_096  # above SMALL, about this many rows per shard: a report reads every
# shard, and hundreds of tiny files cost more to open than their rows to load
# A change this close before the cache looked at the log may hide a later same-size one:
# the coarsest timestamps kept (FAT: 2 s; ext3, SMB: 1 s), and room for the clock of a
# network file system's server to disagree with ours.
RACY_NS = 2_000_000_000
TRUST_ABOVE = 4 << 20  # record trusts its own append only where a crc of the log costs more (about 3 ms)
_CHUNK = 1 << 22


_OURS = re.compile(r"(meta|shard-\d{3})(\.\d+\.tmp)?")


def _remove(folder: Path) -> None:
    """Drop a log's cache: only the files this module names, in a real folder (never
    through a link); anything else someone put there stays, and so does the folder."""
    if not is_real_dir(folder) or not is_real_dir(folder.parent):
        return
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            if _OURS.fullmatch(name):
                with contextlib.suppress(OSError):
                    os.unlink(folder / name)
        os.rmdir(folder)


class _Damaged(Exception):
    """A shard of the cache is missing, unreadable or from another epoch."""


def cache_dir(log: Path) -> Path:
    """The folder holding the cache of one log."""
    return cache_root(log.parent) / log.name


def shard_count(rows: int) -> int:
    """How many shards a cache of ``rows`` rows is split into: a power of two."""
    if rows <= SMALL:
        return 1
    wanted = min(SHARDS, -(-rows // ROWS_PER_SHARD) if ROWS_PER_SHARD > 0 else SHARDS)
    count = 2
    while count < wanted:
        count *= 2
    return count


def shard_of(target_id: str, shards: int = SHARDS) -> int:
    """The shard a target's rows live in (stable across runs, unlike hash())."""
    return zlib.crc32(target_id.encode("utf-8")) % shards if shards > 1 else 0


def read_through_cache(path: Path, fd: int) -> LogContents:
    """The log's contents, from the cache where it still describes the log (the caller
    holds at least a shared lock on ``fd``)."""
    folder = cache_dir(path)
    seen = time.time_ns()  # before the stat: what the cache describes is the log as of then
    st = os.fstat(fd)
    meta = _meta(folder)
    if meta is None:
        return _rebuild(path, fd, folder, st, seen)
    if _identity(st) == meta["identity"] and (not meta["racy"] or _crc(fd, meta["size"]) == meta["crc"]):
        if meta["racy"] and not _racy(st.st_ctime_ns, seen):  # checked, and now too late for a change to hide
            meta["racy"] = False
            _write_meta(folder, meta, st.st_mode)
        contents = _from_meta(meta, folder, path, recover=meta["shards"] != 1)
        if meta["shards"] == 1:  # a small log: read it now, under the lock, all of it
            try:
                contents.all_rows()
            except _Damaged:
                return _rebuild(path, fd, folder, st, seen)
        return contents
    grew = st.st_ino == meta["identity"][1] and st.st_size >= meta["size"] and meta["clean_end"]
    if grew and meta["torn"] is None and _crc(fd, meta["size"]) == meta["crc"]:
        # Appended by someone else (a git pull, an older tracker), or only touched: add
        # the new lines to the shards of their targets. (A damaged shard met later, when
        # the lock is released, makes that reader parse the log: see _from_meta.)
        contents = _from_meta(meta, folder, path, recover=meta["shards"] != 1)
        try:
            _extend(contents, path, read_all(fd, meta["size"]), meta)
        except _Damaged:
            return _rebuild(path, fd, folder, st, seen)
        if meta["shards"] == 1 and contents.count() > SMALL:
            _replace(folder, contents, _looked(fd, st, seen, contents.size))
        else:
            touched = {shard_of(t, meta["shards"]) for t in contents.rows}
            stamp = _looked(fd, st, seen, contents.size)
            _save(folder, contents, stamp, epoch=meta["epoch"], count=meta["shards"], shards=touched)
        return contents
    return _rebuild(path, fd, folder, st, seen)


def follow_append(path: Path, before: os.stat_result, appended: bytes) -> None:
    """After an append (under the exclusive lock): bring the cache up to date without
    reading the log, if it described the log exactly as it was before. Never fails:
    anything unexpected drops the cache for the next reader to rebuild.

    For a log over TRUST_ABOVE bytes, with timestamps finer than a second, the cache is
    trusted as of this append: a script recording one figure per call would otherwise pay
    for a crc of the whole log on every call. What is left unseen is a same-size edit by
    another program within the file system's clock tick (a few milliseconds) after the
    append, while tracker holds the log's lock; any later change moves the timestamps.
    (Sleeping out the tick, as this once did, left exactly that unseen too: an edit within
    the tick keeps every timestamp however long one waits.) Smaller logs, and file systems
    keeping whole seconds, are left racy: the next run checks the bytes.
    """
    folder = cache_dir(path)
    try:
        meta = _meta(folder)
        if meta is None or meta["torn"] is not None or _identity(before) != meta["identity"]:
            return
        if meta["racy"] and not _same_bytes(path, meta):
            return
        contents = _from_meta(meta, folder, path, recover=False)
        fresh = _extend(contents, path, appended, meta)
        after = os.stat(path)
        size, _, _, ctime = _identity(after)
        if size != contents.size:
            raise _Damaged  # written by another program too
        racy = size <= TRUST_ABOVE or ctime % 1_000_000_000 == 0  # small, or whole-second timestamps
        touched = {shard_of(t, meta["shards"]) for t in fresh.rows}
        stamp = _Stamp(after, appended.endswith(b"\n"), racy)
        _save(folder, contents, stamp, epoch=meta["epoch"], count=meta["shards"], shards=touched)
    except Exception:
        _remove(folder)


def _extend(contents: LogContents, path: Path, appended: bytes, meta: dict[str, Any]) -> LogContents:
    """Add the lines appended after the cached bytes to ``contents`` (loading only the
    shards of their targets); _Damaged when they need a full parse instead."""
    fresh = parse_log(appended, path, LogContents(size=meta["size"], lines=meta["lines"], crc=meta["crc"]))
    known = {r.id for r in contents.retraction_list}
    batches = {b.id for b in contents.batches}
    if (
        fresh.torn is not None
        or any(r.id in known for r in fresh.retraction_list)
        or any(b.id in batches for b in fresh.batches)
    ):
        raise _Damaged
    for target_id, rows in fresh.rows.items():
        have = {r[ID] for r in contents.rows_of(target_id)}
        if any(r[ID] in have for r in rows):
            raise _Damaged  # an id seen before: let a full parse sort it out
        contents.rows.setdefault(target_id, []).extend(rows)
    contents.retraction_list.extend(fresh.retraction_list)
    contents.retraction_lines.update(fresh.retraction_lines)
    contents.batches.extend(fresh.batches)
    contents.size, contents.crc, contents.lines = fresh.size, fresh.crc, fresh.lines
    return fresh


def _racy(ctime_ns: int, seen: int) -> bool:
    """True when the log's last change (``ctime_ns``) came so soon before ``seen`` (the
    time just before the stat that read it) that a same-size edit could have kept every
    timestamp: a cache made from that look at the log has its bytes checked by the next run."""
    return ctime_ns >= seen - RACY_NS


def _identity(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


def _meta(folder: Path) -> dict[str, Any] | None:
    if not is_real_dir(folder.parent) or not is_real_dir(folder):
        return None
    data = read_sealed(folder / "meta")
    if data is None:
        return None
    try:
        meta = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        return None
    return meta if isinstance(meta, dict) and meta.get("version") == VERSION else None


def _same_bytes(path: Path, meta: dict[str, Any]) -> bool:
    """True when the log's first bytes are still those the cache was made from."""
    fd = os.open(path, os.O_RDONLY)
    try:
        expected: int = meta["crc"]
        return _crc(fd, meta["size"]) == expected
    finally:
        os.close(fd)


def _crc(fd: int, size: int) -> int:
    os.lseek(fd, 0, os.SEEK_SET)
    crc, left = 0, size
    while left > 0:
        chunk = os.read(fd, min(_CHUNK, left))
        if not chunk:
            break
        crc = zlib.crc32(chunk, crc)
        left -= len(chunk)
    return crc


def _looked(fd: int, st: os.stat_result, seen: int, size: int) -> _Stamp:
    """The stamp of a cache made from ``size`` bytes read after the stat ``st``, taken at ``seen``."""
    clean_end = size == 0 or os.pread(fd, 1, size - 1) == b"\n"  # so appended bytes start a new line
    return _Stamp(st, clean_end, _racy(st.st_ctime_ns, seen))


def _rebuild(path: Path, fd: int, folder: Path, st: os.stat_result, seen: int) -> LogContents:
    contents = parse_log(read_all(fd), path)
    _replace(folder, contents, _looked(fd, st, seen, contents.size))
    return contents


def _replace(folder: Path, contents: LogContents, stamp: _Stamp) -> None:
    """A whole new cache, with a new epoch so lazy readers of the old one notice."""
    _remove(folder)
    count = shard_count(sum(len(rows) for rows in contents.rows.values()))
    _save(folder, contents, stamp, epoch=os.urandom(8).hex(), count=count, shards=range(count))


def _from_meta(meta: dict[str, Any], folder: Path, path: Path, recover: bool = True) -> LogContents:
    contents = LogContents(
        retraction_list=[
            Retraction(
                id=r[0],
                retracts=r[1],
                recorded_at=datetime.fromisoformat(r[2]) if r[2] else None,
                recorded_by=r[3],
                note=r[4],
            )
            for r in meta["retractions"]
        ],
        retraction_lines={r[0]: r[5] for r in meta["retractions"]},
        batches=[Batch(*b) for b in meta["batches"]],
        torn=TornTail(*meta["torn"]) if meta["torn"] else None,
        problems=list(meta["problems"]),
        size=meta["size"],
        crc=meta["crc"],
        lines=meta["lines"],
        shard_of=lambda target_id: shard_of(target_id, meta["shards"]),
        shard_count=meta["shards"],
    )

    def load_shard(shard: int) -> dict[str, list[Row]]:
        data = read_sealed(folder / f"shard-{shard:03d}") if is_real_dir(folder) else None
        with contextlib.suppress(EOFError, ValueError, TypeError):
            epoch, rows = marshal.loads(data) if data is not None else (None, None)
            if epoch == meta["epoch"] and isinstance(rows, dict):
                return _up_to(rows, meta["lines"])
        if not recover:
            raise _Damaged
        # Damaged or rebuilt since meta was read: parse the log again (this runs after
        # the read lock was released, so taking it again cannot wait on ourselves).
        fd = os.open(path, os.O_RDONLY)
        try:
            with locked(fd, path, exclusive=False):
                fresh = parse_log(read_all(fd), path)
        finally:
            os.close(fd)
        contents.retraction_list, contents.problems, contents.torn, contents.batches = (
            fresh.retraction_list, fresh.problems, fresh.torn, fresh.batches)  # fmt: skip
        contents.retraction_lines = fresh.retraction_lines
        contents.rows.clear()
        contents.loaded.update(range(meta["shards"]))
        return fresh.rows

    contents.load_shard = load_shard
    return contents


def _up_to(rows: dict[str, list[Row]], lines: int) -> dict[str, list[Row]]:
    """A shard's rows as of the log's first ``lines`` lines. A later append rewrites the
    shards of its targets in the same epoch: a reader holding an older meta (its
    retractions, its size) must not see the figures of that append alone."""
    if all(target_rows[-1][LINE] <= lines for target_rows in rows.values()):  # each in line order
        return rows
    return {t: kept for t, target_rows in rows.items() if (kept := [r for r in target_rows if r[LINE] <= lines])}


class _Stamp(NamedTuple):
    """What a cache records of the log it was made from, besides the rows."""

    st: os.stat_result  # the log as stat'ed: a later run compares its own stat with it
    clean_end: bool  # the parsed bytes end with a newline: appended bytes start a new line
    racy: bool  # the next run must check the bytes before trusting the timestamps (_racy)


def _save(folder: Path, contents: LogContents, stamp: _Stamp, *, epoch: str, count: int, shards: Iterable[int]) -> None:
    """Write the given shards of a cache of ``count`` shards, then meta (last, so a reader
    never trusts a meta whose shards are not written yet). A folder that cannot be
    written only means no cache."""
    mode = stamp.st.st_mode & 0o666  # the cache copies the log: it is as private as the log
    with contextlib.suppress(OSError, ValueError):
        ensure_root(folder.parent.parent, folder_mode(mode))
        ensure_dir(folder, folder_mode(mode))
        by_shard: dict[int, dict[str, list[Row]]] = {s: {} for s in shards}
        for target_id, rows in contents.rows.items():
            shard = shard_of(target_id, count)
            if shard in by_shard:
                by_shard[shard][target_id] = rows
        for shard, shard_rows in by_shard.items():
            write_sealed(folder / f"shard-{shard:03d}", marshal.dumps((epoch, shard_rows)), mode)
        meta = {
            "version": VERSION,
            "epoch": epoch,
            "shards": count,
            "identity": _identity(stamp.st),
            "racy": stamp.racy,
            "size": contents.size,  # bytes parsed, which "crc" covers (a torn line is not)
            "clean_end": stamp.clean_end,
            "crc": contents.crc,
            "lines": contents.lines,
            "torn": (contents.torn.offset, contents.torn.line, contents.torn.size) if contents.torn else None,
            "problems": contents.problems,
            "retractions": [
                (
                    r.id,
                    r.retracts,
                    r.recorded_at.isoformat() if r.recorded_at else None,
                    r.recorded_by,
                    r.note,
                    contents.retraction_lines.get(r.id, 0),
                )
                for r in contents.retraction_list
            ],
            "batches": [tuple(b) for b in contents.batches],  # marshal takes plain tuples only
        }
        _write_meta(folder, meta, mode)


def _write_meta(folder: Path, meta: dict[str, Any], mode: int) -> None:
    with contextlib.suppress(OSError, ValueError):
        write_sealed(folder / "meta", marshal.dumps(meta), mode)
