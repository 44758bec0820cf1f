"""`tracker check --repair`: setting aside what readers cannot read, losing no whole line."""

from __future__ import annotations

import os
from pathlib import Path

from tracker.errors import WriteError
from tracker.messages import Msg, located
from tracker.storage.locking import locked
from tracker.storage.log_ids import now_utc
from tracker.storage.progress_log import ensure_log, parse_log, read_all, read_log, write_all


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
            pieces = _merged(pieces)
            mode = os.fstat(fd).st_mode & 0o7777
            side = side_file(path, b"".join(data[o : o + n] for o, n in pieces), mode, "damaged")
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
            backup = side_file(path, data, mode, "before-repair")
            _rewrite(fd, b"".join(kept))
            backup.unlink()
            return side
    finally:
        os.close(fd)


def _merged(pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Damaged ranges in file order, one range where they overlap (a bad line inside an
    import that is itself damaged is set aside once, with the import)."""
    merged: list[tuple[int, int]] = []
    for offset, size in sorted(pieces):
        if merged and offset < merged[-1][0] + merged[-1][1]:
            start = merged[-1][0]
            merged[-1] = (start, max(merged[-1][0] + merged[-1][1], offset + size) - start)
        else:
            merged.append((offset, size))
    return merged


def _rewrite(fd: int, data: bytes) -> None:
    view, at = memoryview(data), 0
    while at < len(data):
        at += os.pwrite(fd, view[at:], at)
    os.ftruncate(fd, len(data))
    os.fsync(fd)


def side_file(path: Path, data: bytes, mode: int, kind: str) -> Path:
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
            write_all(fd, data)
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            side.unlink(missing_ok=True)
            raise
        os.close(fd)
        return side
