"""A cache of the parsed progress log, so a run reads only what changed since the last.

The log is the only source of truth: the cache lives in ``.tracker-cache/`` beside it
(see ``cache_files``) and can be deleted at any time. It holds the log's rows split into
shards by target (a run that needs one target reads one shard), and a ``meta`` file with
the log's size, inode, change and modification times and the crc32 of its bytes.

- Same size, inode and times: the cache is used as it is; but if the log changed within
  a clock tick of the cache's writing (20 ms where the file system keeps nanoseconds, 2 s
  where it keeps whole seconds), a later change within that tick could hide, so the crc
  is checked too (git's "racy clean" rule).
- The log grew: the cached bytes are checked against the crc (an edit, not an append,
  fails the check), then only the new bytes are parsed and the cache rewritten.
- Anything else, or a cache that cannot be read: rebuilt silently from the log.
- ``tracker record`` brings the cache up to date itself after appending, under the lock,
  and waits out its own tick so the next run need not check the crc.

Shards are read lazily, after the log's lock is released; each carries the epoch of the
cache it belongs to, and a shard from another epoch (another run rebuilt the cache in the
meantime) makes the reader parse the log again rather than return the wrong rows.
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
from typing import Any

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
from tracker.storage.progress_log import ID, LogContents, Row, TornTail, parse_log, read_all

VERSION = (5, sys.version_info[:2])  # marshal's format belongs to the Python version
SHARDS = 256  # at most: a run asking for one target of a huge log reads 1/256 of its rows
SMALL = 20_000  # rows up to which the whole cache is one shard (one file to read)
ROWS_PER_SHARD = 4_096  # above SMALL, about this many rows per shard: a report reads every
# shard, and hundreds of tiny files cost more to open than their rows to load
RACY_NS = 2_000_000_000  # timestamps this close to the cache's writing are not trusted
# ... on a file system keeping whole seconds (FAT: 2 s; ext3, SMB: 1 s). One keeping
# nanoseconds stamps files from the kernel's coarse clock, which ticks every 1-10 ms.
FINE_RACY_NS = 20_000_000
WAIT_ABOVE = 4 << 20  # record waits out its tick only for a log whose crc costs more than the wait
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
    same = _identity(st) == meta["identity"]
    racy = _racy(meta)
    if same and (not racy or _crc(fd, meta["size"]) == meta["crc"]):
        if racy:
            meta["saved_ns"] = seen
            _save_meta(folder, meta, st.st_mode)  # checked now: no longer racy
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
            _replace(folder, contents, st, _clean_end(fd, contents.size), seen)
        else:
            touched = {shard_of(t, meta["shards"]) for t in contents.rows}
            _save(folder, contents, st, _clean_end(fd, contents.size), meta["epoch"], meta["shards"], touched, seen,
                  meta["window"])  # fmt: skip
        return contents
    return _rebuild(path, fd, folder, st, seen)


def follow_append(path: Path, before: os.stat_result, appended: bytes) -> None:
    """After an append (under the exclusive lock): bring the cache up to date without
    reading the log, if it described the log exactly as it was before. Never fails:
    anything unexpected drops the cache for the next reader to rebuild.

    For a log over WAIT_ABOVE bytes it waits out the clock tick of its own append (at
    most FINE_RACY_NS, and only when the work did not take that long already) so that the next run can trust the log's
    timestamps instead of reading the whole log to check it: a script recording one
    figure per call would otherwise pay for the log's size on every call. What is left
    unseen is a same-size edit by another program within that tick, while tracker holds
    the log's lock; with whole-second timestamps the next run checks the bytes instead.
    A cache itself written within a tick of an earlier change has its bytes checked first.
    """
    folder = cache_dir(path)
    try:
        meta = _meta(folder)
        if meta is None or meta["torn"] is not None or _identity(before) != meta["identity"]:
            return
        if _racy(meta) and not _same_bytes(path, meta):
            return
        contents = _from_meta(meta, folder, path, recover=False)
        fresh = _extend(contents, path, appended, meta)
        touched = {shard_of(t, meta["shards"]) for t in fresh.rows}
        after = os.stat(path)
        if after.st_size > WAIT_ABOVE and _window(meta, after.st_ctime_ns) == FINE_RACY_NS:
            wait = after.st_ctime_ns + FINE_RACY_NS - time.time_ns()
            if 0 < wait <= FINE_RACY_NS:  # more: the file system's clock is ahead; stay racy
                time.sleep(wait / 1e9)
        seen = time.time_ns()
        if _identity(os.stat(path)) != _identity(after):
            raise _Damaged  # written by someone else meanwhile
        _save(folder, contents, after, appended.endswith(b"\n"), meta["epoch"], meta["shards"], touched, seen,
              meta["window"])  # fmt: skip
    except Exception:
        _remove(folder)


def _extend(contents: LogContents, path: Path, appended: bytes, meta: dict[str, Any]) -> LogContents:
    """Add the lines appended after the cached bytes to ``contents`` (loading only the
    shards of their targets); _Damaged when they need a full parse instead."""
    fresh = parse_log(appended, path, LogContents(size=meta["size"], lines=meta["lines"], crc=meta["crc"]))
    known = {r.id for r in contents.retraction_list}
    if fresh.torn is not None or any(r.id in known for r in fresh.retraction_list):
        raise _Damaged
    for target_id, rows in fresh.rows.items():
        have = {r[ID] for r in contents.rows_of(target_id)}
        if any(r[ID] in have for r in rows):
            raise _Damaged  # an id seen before: let a full parse sort it out
        contents.rows.setdefault(target_id, []).extend(rows)
    contents.retraction_list.extend(fresh.retraction_list)
    contents.size, contents.crc, contents.lines = fresh.size, fresh.crc, fresh.lines
    return fresh


def _window(meta: dict[str, Any], ctime_ns: int) -> int:
    """How long after a change the log's timestamps cannot yet tell a later change apart:
    FINE_RACY_NS only where the file system was seen keeping sub-second timestamps from a
    clock that agrees with ours (see _save_meta), and the log's own show it."""
    return RACY_NS if ctime_ns % 1_000_000_000 == 0 else int(meta.get("window", RACY_NS))


def _racy(meta: dict[str, Any]) -> bool:
    """True when the log's last change came so soon before the cache saw it that a
    same-size edit could have kept every timestamp (git's "racy clean"): its bytes must
    be checked. ``saved_ns`` is the time just before the stat the cache describes."""
    ctime = meta["identity"][3]
    return bool(ctime >= meta["saved_ns"] - _window(meta, ctime))


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


def _clean_end(fd: int, size: int) -> bool:
    """True when the parsed bytes end with a newline: new bytes start a new line."""
    return size == 0 or os.pread(fd, 1, size - 1) == b"\n"


def _rebuild(path: Path, fd: int, folder: Path, st: os.stat_result, seen: int) -> LogContents:
    contents = parse_log(read_all(fd), path)
    _replace(folder, contents, st, _clean_end(fd, contents.size), seen)
    return contents


def _replace(folder: Path, contents: LogContents, st: os.stat_result, clean_end: bool, seen: int) -> None:
    """A whole new cache, with a new epoch so lazy readers of the old one notice."""
    _remove(folder)
    count = shard_count(sum(len(rows) for rows in contents.rows.values()))
    _save(folder, contents, st, clean_end, os.urandom(8).hex(), count, range(count), seen)


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
                return rows
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
        contents.retraction_list, contents.problems, contents.torn = (
            fresh.retraction_list, fresh.problems, fresh.torn)  # fmt: skip
        contents.rows.clear()
        contents.loaded.update(range(meta["shards"]))
        return fresh.rows

    contents.load_shard = load_shard
    return contents


def _save(
    folder: Path,
    contents: LogContents,
    st: os.stat_result,
    clean_end: bool,
    epoch: str,
    count: int,
    shards: Iterable[int],
    seen: int,
    window: int = RACY_NS,
) -> None:
    """Write the given shards, then meta (last, so a reader never trusts a meta whose
    shards are not written yet). ``st`` is the log as stat'ed at ``seen``; ``window`` the
    racy window known for its file system. A folder that cannot be written only means no
    cache."""
    mode = st.st_mode & 0o666  # the cache copies the log: it is as private as the log
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
            "identity": _identity(st),
            "saved_ns": seen,
            "window": window,
            "size": contents.size,  # bytes parsed, which "crc" covers (a torn line is not)
            "clean_end": clean_end,
            "crc": contents.crc,
            "lines": contents.lines,
            "torn": (contents.torn.offset, contents.torn.line, contents.torn.size) if contents.torn else None,
            "problems": contents.problems,
            "retractions": [
                (r.id, r.retracts, r.recorded_at.isoformat() if r.recorded_at else None, r.recorded_by, r.note)
                for r in contents.retraction_list
            ],
        }
        _save_meta(folder, meta, mode)


def _save_meta(folder: Path, meta: dict[str, Any], mode: int) -> None:
    """Write meta; then learn the file system's racy window from the file just written:
    fine when its timestamp has sub-second digits and agrees with our clock (a network
    file system stamped by a server's clock may not), else whole seconds."""
    with contextlib.suppress(OSError, ValueError):
        before = time.time_ns()
        write_sealed(folder / "meta", marshal.dumps(meta), mode)
        after = time.time_ns()
        stamped = os.lstat(folder / "meta").st_mtime_ns
        agrees = before - FINE_RACY_NS // 2 <= stamped <= after + FINE_RACY_NS // 2
        window = FINE_RACY_NS if stamped % 1_000_000_000 and agrees else RACY_NS
        if meta.get("window") != window:
            meta["window"] = window
            write_sealed(folder / "meta", marshal.dumps(meta), mode)
