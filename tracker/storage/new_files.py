"""Creating files that must not exist yet (`tracker init`): each whole, all or none,
never over anything already there.

Each file is written under a temporary name beside its place, flushed to disk, then
hard-linked to its name, which fails if the name is taken (a file, a folder, a link,
even one made a moment before): nothing is ever overwritten, and a run killed part-way
leaves at most a temporary file, never half a file under the real name. On a file
system without hard links the file is created in place with O_EXCL instead, which still
never overwrites. A failure removes whatever this run made, folders included.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Sequence
from pathlib import Path

from tracker.errors import UsageError, WriteError
from tracker.messages import Msg, Text, located

# A file system that cannot hard-link (FAT, some network shares) answers with one of these.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS}


def create_new(folder: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Create each ``(name, data)`` in ``folder`` (made, with its parents, when missing):
    all of them or none. UsageError (exit 2) when the folder is a file or any of the
    names is already taken; WriteError (exit 6) when something cannot be written."""
    if folder.exists() and not folder.is_dir():
        raise UsageError(located(str(folder), Msg("is a file, not a folder")))
    taken: list[Text] = [_taken(folder / name) for name, _ in files if os.path.lexists(folder / name)]
    if taken:
        raise UsageError(*taken)
    made_folders = _missing(folder)
    made: list[Path] = []
    path = folder
    try:
        for made_folder in made_folders:
            path = made_folder
            made_folder.mkdir()
        for name, data in files:
            path = folder / name
            _create(path, data)
            made.append(path)
    except BaseException as exc:
        for done in reversed(made):
            with contextlib.suppress(OSError):
                done.unlink()
        for made_folder in reversed(made_folders):
            with contextlib.suppress(OSError):
                made_folder.rmdir()  # only if still empty: never anything another process put there
        if isinstance(exc, FileExistsError):
            raise UsageError(_taken(path)) from None
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            message = Msg("cannot write it: {reason}; nothing was written", reason=reason)
            raise WriteError(located(str(path), message)) from None
        raise


def _taken(path: Path) -> Text:
    return located(str(path), Msg("already exists: `tracker init` never writes over a file (choose another folder)"))


def _missing(folder: Path) -> list[Path]:
    """The folders to make for ``folder`` to exist, outermost first."""
    missing: list[Path] = []
    path = folder.absolute()
    while not path.exists() and path != path.parent:
        missing.append(path)
        path = path.parent
    return missing[::-1]


def _create(path: Path, data: bytes) -> None:
    """``path`` with ``data``, made whole under a temporary name first; FileExistsError
    when the name is taken."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    _write(temporary, data)
    try:
        os.link(temporary, path)
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        _write(path, data)  # no hard links here: written in place, still never over a file
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _write(path: Path, data: bytes) -> None:
    """A new file (O_EXCL: FileExistsError if the name is taken) holding ``data``, on
    disk; removed again if writing fails."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for any new file
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
        os.fsync(descriptor)
    except BaseException:
        os.close(descriptor)
        with contextlib.suppress(OSError):
            os.unlink(path)
        raise
    os.close(descriptor)
