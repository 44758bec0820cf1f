"""Writing a report to a file (`--output PATH`): whole, or not at all.

The bytes go to a temporary file beside the target, are flushed to disk, and the
temporary file is renamed over the target, so a reader (or a mail job picking the file
up) never sees half a workbook, and a failure leaves the old file as it was and no
temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from tracker.errors import WriteError
from tracker.messages import Msg, located


def write_whole(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; WriteError (exit 6) naming the path if
    it cannot be written. A new file gets the usual mode (0666 less the umask), a
    replaced one keeps its own."""
    if path.is_dir():
        raise WriteError(located(str(path), Msg("is a folder, not a file")))
    folder = path.parent
    temporary = folder / f".{path.name}.{os.getpid()}.tmp"
    try:
        mode = _mode_for(path)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
            os.fchmod(descriptor, mode)
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        reason = exc.strerror or str(exc)
        raise WriteError(located(str(path), Msg("cannot write the output: {reason}", reason=reason))) from None


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
