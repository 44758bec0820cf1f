"""Advisory locks on the progress log, with a timeout so cron jobs never hang."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tracker.errors import LockTimeout, UsageError
from tracker.messages import Msg, located

DEFAULT_TIMEOUT = 10.0  # seconds; TRACKER_LOCK_TIMEOUT overrides it
_POLL = 0.005


def lock_timeout() -> float:
    """Seconds to wait for the log's lock: TRACKER_LOCK_TIMEOUT, else 10."""
    raw = os.environ.get("TRACKER_LOCK_TIMEOUT", "")
    if not raw.strip():
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise UsageError(Msg("TRACKER_LOCK_TIMEOUT must be a number of seconds, not {value!r}", value=raw))
    return seconds


@contextmanager
def locked(fd: int, path: Path, exclusive: bool, timeout: float | None = None) -> Iterator[None]:
    """Hold a shared (readers) or exclusive (writers) flock on ``fd``.

    flock is used rather than lockf because it works on files opened read-only, so
    readers of a log in a read-only folder can still take a shared lock.
    """
    mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
    limit = lock_timeout() if timeout is None else timeout
    deadline = time.monotonic() + limit
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                message = Msg(
                    "locked by another process for more than {seconds} s (set TRACKER_LOCK_TIMEOUT to wait longer)",
                    seconds=f"{limit:g}",
                )
                raise LockTimeout(located(str(path), message)) from None
            time.sleep(_POLL)
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
