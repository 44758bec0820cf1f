"""Who and when: the id, the recording time and the recorder stamped on every line."""

from __future__ import annotations

import os
from base64 import b32encode
from datetime import UTC, datetime

from tracker.core.values import nfc
from tracker.errors import UsageError
from tracker.messages import Msg
from tracker.storage.limits import (
    has_surrogates,
)


def new_id() -> str:
    """A unique id: 80 random bits, so copies of a log kept in different offices never
    collide when merged."""
    return b32encode(os.urandom(10)).decode("ascii").lower()


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
