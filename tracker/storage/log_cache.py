"""A cache of the parsed progress log, so a run reads only what changed since the last.

The log is the only source of truth: the cache sits beside it in a hidden folder
(``.plan.progress.toml.cache/``) and can be deleted at any time. It holds the rows of the
log split into shards by target (a run that needs one target loads one shard), and a
``meta`` file with the log's size, inode, modification time and the crc32 of its bytes.

- Same size, inode and time: the cache is used as it is.
- The log grew: the cached bytes are checked against the crc (an edit, not an append,
  fails the check), then only the new bytes are parsed and the cache updated.
- Anything else, or a cache that cannot be read: it is rebuilt silently from the log.
- ``tracker record`` updates the cache itself after appending, while it holds the lock.

All of this happens under the log's lock (shared for readers, exclusive for writers), so
the cache always describes one state of the log. A folder the cache cannot be written to
only costs speed.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import shutil
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tracker.storage.locking import locked
from tracker.storage.progress_log import LogContents, Row, parse_log, read_all

VERSION = 3
SHARDS = 256  # for a large log: a run asking for one target reads 1/256 of the rows
SMALL = 20_000  # rows up to which the whole cache is one shard (one file to read)
_CHUNK = 1 << 22


def cache_dir(log: Path) -> Path:
    """The hidden folder beside the log."""
    return log.with_name(f".{log.name}.cache")


def shard_of(target_id: str, shards: int = SHARDS) -> int:
    """The shard a target's rows live in (stable across runs, unlike hash())."""
    return zlib.crc32(target_id.encode("utf-8")) % shards if shards > 1 else 0


def _shards_for(contents: LogContents) -> int:
    return 1 if sum(len(rows) for rows in contents.rows.values()) <= SMALL else SHARDS


def read_through_cache(path: Path, fd: int) -> LogContents:
    """The log's contents, from the cache where it still describes the log (the caller
    holds at least a shared lock on ``fd``)."""
    folder = cache_dir(path)
    st = os.fstat(fd)
    meta = _meta(folder)
    if meta is None:
        return _rebuild(path, fd, folder, st)
    if (meta["file_size"], meta["ino"], meta["mtime_ns"]) == (st.st_size, st.st_ino, st.st_mtime_ns):
        return _from_meta(meta, folder, path)
    if st.st_ino == meta["ino"] and st.st_size >= meta["size"] and _crc(fd, meta["size"]) == meta["crc"]:
        contents = _from_meta(meta, folder, path)
        contents.all_rows()
        parse_log(read_all(fd, meta["size"]), path, contents)
        shutil.rmtree(folder, ignore_errors=True)  # the number of shards may change
        contents.shard_count = _shards_for(contents)
        _save(folder, contents, st)
        return contents
    return _rebuild(path, fd, folder, st)


def follow_append(path: Path, before: os.stat_result, appended: bytes) -> None:
    """After an append (under the exclusive lock): bring the cache up to date without
    reading the log, if it described the log exactly as it was before. Never fails."""
    folder = cache_dir(path)
    try:
        meta = _meta(folder)
        if meta is None or meta["torn"] is not None:
            return
        if (meta["file_size"], meta["ino"], meta["mtime_ns"]) != (before.st_size, before.st_ino, before.st_mtime_ns):
            return
        contents = _from_meta(meta, folder, path)
        fresh = parse_log(appended, path, LogContents(size=meta["size"], lines=meta["lines"], crc=meta["crc"]))
        for target_id, rows in fresh.rows.items():
            contents.rows_of(target_id)  # loads the shard the target lives in
            contents.rows.setdefault(target_id, []).extend(rows)
        contents.retraction_list.extend(fresh.retraction_list)
        contents.size, contents.crc, contents.lines, contents.torn = fresh.size, fresh.crc, fresh.lines, fresh.torn
        _save(folder, contents, os.stat(path), {shard_of(t, meta["shards"]) for t in fresh.rows})
    except Exception:
        shutil.rmtree(folder, ignore_errors=True)


def _meta(folder: Path) -> dict[str, Any] | None:
    meta = _load(folder / "meta")
    return meta if isinstance(meta, dict) and meta.get("version") == VERSION else None


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


def _rebuild(path: Path, fd: int, folder: Path, st: os.stat_result) -> LogContents:
    contents = parse_log(read_all(fd), path)
    shutil.rmtree(folder, ignore_errors=True)
    _save(folder, contents, st)
    return contents


def _from_meta(meta: dict[str, Any], folder: Path, path: Path) -> LogContents:
    contents = LogContents(
        retraction_list=list(meta["retractions"]),
        torn=meta["torn"],
        problems=list(meta["problems"]),
        size=meta["size"],
        crc=meta["crc"],
        lines=meta["lines"],
        shard_of=lambda target_id: shard_of(target_id, meta["shards"]),
        shard_count=meta["shards"],
    )

    def load_shard(shard: int) -> dict[str, list[Row]]:
        rows = _load(folder / f"shard-{shard:03d}")
        if isinstance(rows, dict):
            return rows
        # A damaged shard: read the whole log again, drop the cache for the next run.
        shutil.rmtree(folder, ignore_errors=True)
        fd = os.open(path, os.O_RDONLY)
        try:
            with locked(fd, path, exclusive=False):
                fresh = parse_log(read_all(fd), path)
        finally:
            os.close(fd)
        contents.retraction_list, contents.problems, contents.torn = (
            fresh.retraction_list, fresh.problems, fresh.torn)  # fmt: skip
        contents.loaded.update(range(meta["shards"]))
        return fresh.rows

    contents.load_shard = load_shard
    return contents


def _load(file: Path) -> Any:
    try:
        with open(file, "rb") as handle:
            return pickle.load(handle)
    except Exception:
        return None


def _save(folder: Path, contents: LogContents, st: os.stat_result, shards: Iterable[int] | None = None) -> None:
    """Write the given shards (all by default), then meta (last, so a reader never trusts
    a meta whose shards are not written yet). Errors only mean there is no cache."""
    count = contents.shard_count or _shards_for(contents)
    with contextlib.suppress(OSError):
        folder.mkdir(exist_ok=True)
        by_shard: dict[int, dict[str, list[Row]]] = {s: {} for s in (range(count) if shards is None else shards)}
        for target_id, rows in contents.rows.items():
            shard = shard_of(target_id, count)
            if shard in by_shard:
                by_shard[shard][target_id] = rows
        for shard, rows in by_shard.items():
            _write(folder / f"shard-{shard:03d}", rows)
        meta = {
            "version": VERSION,
            "shards": count,
            "file_size": st.st_size,  # with a torn last line this is more than "size"
            "size": contents.size,  # bytes parsed, which "crc" covers
            "ino": st.st_ino,
            "mtime_ns": st.st_mtime_ns,
            "crc": contents.crc,
            "lines": contents.lines,
            "torn": contents.torn,
            "problems": contents.problems,
            "retractions": contents.retraction_list,
        }
        _write(folder / "meta", meta)


def _write(file: Path, value: Any) -> None:
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    with open(temporary, "wb") as handle:
        pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, file)
