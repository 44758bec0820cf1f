"""How much tracker reads from the files a user points it at, and reading within that.

A mistaken path (``--plan /dev/zero``, a folder, a huge unrelated file) must end in a
one-line refusal, never in gigabytes of memory and a traceback. Each limit is far above
real use and documented in README (*Limits*):

- a plan file: 64 MB (a plan of 100,000 targets is about 30 MB);
- an import file or standard input: 256 MB (an export of 120,000 figures is about 35 MB);
- a progress-log line: 1 MB (a figure's line is about 250 bytes; a long note fits);
- a progress log that is not a regular file (a pipe, a device): 256 MB. A log that is
  a regular file is read whole whatever its size: it only ever grows by tracker's own
  appends.
"""

from __future__ import annotations

import os
import stat
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from collections.abc import Callable

MB = 1 << 20
PLAN_LIMIT = 64 * MB
IMPORT_LIMIT = 256 * MB
LOG_LINE_LIMIT = 1 * MB
PIPE_LOG_LIMIT = 256 * MB
_CHUNK = 4 * MB


class TooLarge(Exception):
    """More than the limit was there to read (``line``: a line of more than the line
    limit, numbered from 1)."""

    def __init__(self, limit: int, line: int | None = None) -> None:
        super().__init__(f"more than {limit} bytes" + (f" on line {line}" if line else ""))
        self.limit = limit
        self.line = line


def megabytes(limit: int) -> str:
    """A limit as people read it: '64 MB'."""
    return f"{limit // MB} MB"


def is_regular(source: int | BinaryIO) -> bool:
    """True when the open file is a regular file (not a pipe, a device or a socket)."""
    try:
        fd = source if isinstance(source, int) else source.fileno()
        return stat.S_ISREG(os.fstat(fd).st_mode)
    except (OSError, ValueError, AttributeError):
        return False


def read_within(source: int | BinaryIO, limit: int, line_limit: int | None = None) -> bytes:
    """Everything left in ``source`` (a descriptor or a binary file object), at most
    ``limit`` bytes; TooLarge when there is more. A regular file larger than the limit
    is refused from its size, unread; anything else (a pipe, /dev/zero) is read in chunks
    and refused as soon as it passes the limit, so memory stays within it. With
    ``line_limit``, also refused as soon as more than that many bytes come without a
    line break."""
    read: Callable[[int], bytes]
    if isinstance(source, int):

        def read(size: int) -> bytes:
            return os.read(source, size)
    else:
        read = source.read
    want = _CHUNK
    try:
        st = os.fstat(source if isinstance(source, int) else source.fileno())
    except (OSError, ValueError, AttributeError):
        st = None
    if st is not None and stat.S_ISREG(st.st_mode):
        if st.st_size > limit:
            raise TooLarge(limit)
        want = st.st_size + 1  # a regular file in one read (plus one to see its end)
    chunks: list[bytes] = []
    total = lines = unbroken = 0
    while True:
        chunk = read(max(1, min(want, limit + 1 - total)))
        if not chunk:
            break
        total += len(chunk)
        if total > limit:
            chunks.clear()
            raise TooLarge(limit)
        chunks.append(chunk)
        want = _CHUNK
        if line_limit is not None:
            last = chunk.rfind(b"\n")
            unbroken = unbroken + len(chunk) if last < 0 else len(chunk) - last - 1
            lines += chunk.count(b"\n")
            if unbroken > line_limit:
                chunks.clear()
                raise TooLarge(line_limit, line=lines + 1)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def has_surrogates(text: str) -> bool:
    """True when ``text`` holds a lone surrogate: bytes that were not UTF-8 on the command
    line or in the environment (Python keeps them as U+DC80..U+DCFF), or a JSON escape
    such as "\\ud800". Such text cannot be written as UTF-8."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
