"""Errors a user can cause, each with the exit code scripts can rely on.

The CLI turns these into one line (or one line per problem) on stderr in one place,
``tracker.cli.main``; nothing else prints errors or chooses exit codes.
"""

from __future__ import annotations

from enum import IntEnum

from tracker.messages import Text, render


class ExitCode(IntEnum):
    """Exit codes, documented in README and ``tracker --help``."""

    OK = 0
    INTERNAL = 1  # a bug: a short message and a plain traceback
    USAGE = 2  # a bad option, argument, target id or value on the command line
    CHECK_FAILED = 3  # `report --check` / `check` found something wrong
    BAD_DATA = 4  # a plan, log or import file that is missing or invalid
    LOCKED = 5  # the log stayed locked by another process beyond the timeout
    CANNOT_WRITE = 6  # the log or standard output could not be written (permissions, full disk)


class TrackerError(Exception):
    """A mistake in the user's input or environment, reported without a traceback."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, *lines: Text) -> None:
        super().__init__(str(lines[0]) if lines else "")
        self.lines: tuple[Text, ...] = lines

    def render(self, lang: str) -> list[str]:
        """The problem lines in ``lang``."""
        return [render(line, lang) for line in self.lines]


class UsageError(TrackerError):
    """A bad argument on the command line."""

    exit_code = ExitCode.USAGE


class DataError(TrackerError):
    """A plan, log or import file that is missing or invalid; one line per problem."""

    exit_code = ExitCode.BAD_DATA


class LockTimeout(TrackerError):
    """Another process held the log's lock for too long."""

    exit_code = ExitCode.LOCKED


class WriteError(TrackerError):
    """The log could not be written; it is left as it was."""

    exit_code = ExitCode.CANNOT_WRITE
