"""Everything that depends on the process: streams, terminal or not, width, colour, today.

Kept on one object so commands never look at os.environ or isatty themselves.
"""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from datetime import date
from typing import TextIO


@dataclass
class Terminal:
    """What the output is going to, decided once per run."""

    out: TextIO
    is_terminal: bool
    width: int
    colour: bool

    @classmethod
    def detect(cls) -> Terminal:
        """Inspect stdout and the environment.

        Colour only when stdout is a terminal and NO_COLOR is unset or empty: FORCE_COLOR
        and TTY_COMPATIBLE are not consulted, so a pipe never receives escape codes.
        """
        out = sys.stdout
        try:
            is_terminal = out.isatty()
        except (AttributeError, ValueError):
            is_terminal = False
        if is_terminal:
            width = columns(fallback=100)
        else:
            # Nothing to fit in a pipe: lay a forced table out wide rather than at
            # Rich's 80 columns, which would cut cells.
            try:
                width = int(os.environ.get("COLUMNS", ""))
            except ValueError:
                width = 200
        colour = is_terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        return cls(out, is_terminal, max(width, 40), colour)


def columns(fallback: int = 80) -> int:
    """The terminal's width as ``shutil.get_terminal_size`` reports it (COLUMNS first),
    without importing shutil, which costs a short run more than this."""
    try:
        width = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        width = 0
    if width <= 0:
        try:
            # The ignore below: sys.__stdout__ may be None; the AttributeError is caught
            width = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            width = 0
    return width or fallback


def today() -> date:
    """Today's date, the default as-of date: TRACKER_TODAY (2025-12-31) when set, so a
    script's report (and the test suite) reads the same whatever day it runs. The one
    place tracker asks for the date."""
    fixed = os.environ.get("TRACKER_TODAY", "").strip()
    if not fixed:
        return date.today()
    try:
        return date.fromisoformat(fixed)
    except ValueError:
        from tracker.errors import UsageError
        from tracker.messages import Msg

        raise UsageError(Msg("TRACKER_TODAY must be a date such as 2025-12-31, not {value!r}", value=fixed)) from None


def write_out(text: str, out: TextIO | None = None) -> None:
    """Write ``text`` to stdout (or ``out``). A reader that leaves early (`| head -n 1`)
    is not an error: the rest goes nowhere and the command ends with its own exit code."""
    try:
        (out or sys.stdout).write(text)
    except BrokenPipeError:
        reader_left()


def write_bytes(data: bytes) -> None:
    """Write a binary format (a workbook) to standard output, a pipe or a file: what the
    text written so far is flushed first. A reader that leaves early is not an error."""
    try:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        reader_left()


def reader_left() -> None:
    """Point stdout at /dev/null once its reader has gone, so no later write or the
    interpreter's last flush can fail ("Exception ignored ... BrokenPipeError")."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
