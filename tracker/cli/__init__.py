"""The command line: the one place that turns errors into messages and exit codes."""

from __future__ import annotations

import contextlib
import errno
import gc
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, NoReturn

from tracker.cli.session import Session
from tracker.errors import ExitCode, TrackerError

if TYPE_CHECKING:
    from tracker.cli.spec import Call


def _utf8_streams() -> None:
    # Vietnamese must print under LANG=C or a non-UTF-8 locale: always write UTF-8.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            # The ignore below: TextIO has no reconfigure; a stream without it raises AttributeError, suppressed
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]


def _silence_closed_pipe() -> None:
    # `tracker report | head -n 1`: the reader left, or the output cannot be written.
    from tracker.cli.terminal import reader_left

    reader_left()


# Errors of writing standard output (`> /dev/full`, a full disk, a closed descriptor).
# Anything tracker writes itself is checked where it is written and raised as a
# TrackerError, so an OSError with one of these reaching the top is the output's.
_OUTPUT_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF}


def _output_failed(exc: OSError, session: Session) -> int:
    from tracker.messages import Msg

    _silence_closed_pipe()  # nothing more can be written there
    message = Msg("cannot write the output: {reason}", reason=exc.strerror or str(exc))
    print(f"tracker: error: {message.render(session.language)}", file=sys.stderr)
    return ExitCode.CANNOT_WRITE


def _flush(session: Session) -> int | None:
    """Flush stdout: None when done or when the reader went away (quietly: the command
    keeps its own exit code), else the exit code of the failure, said on stderr."""
    try:
        sys.stdout.flush()
        return None
    except BrokenPipeError:
        _silence_closed_pipe()
        return None
    except OSError as exc:
        return _output_failed(exc, session)


def entry_point() -> NoReturn:
    """The `tracker` command: run, flush, and leave without tearing the heap down.

    An interpreter exiting normally frees every object one by one, after a last full
    collection: a third of a large report's time, for memory the system takes back at
    once anyway. Nothing is left to flush or close at this point (files are closed as
    they are written, and the log's lock goes with the process).
    """
    # A run is short and what it builds (the plan, the log's rows, the figures judged)
    # lives until it ends: the cycle collector would walk those millions of objects
    # again and again for nothing (a third of a large report's time). Reference
    # counting still frees everything else. (Here, not in main(), which tests call
    # in-process.)
    gc.disable()
    code = main()  # flushes stdout itself, and says when it cannot
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code. Every error a user can cause ends here."""
    _utf8_streams()
    args = sys.argv[1:] if argv is None else list(argv)
    session = Session()
    return _guarded(session, lambda: _dispatch(args, session))


def _dispatch(args: list[str], session: Session) -> int:
    """Read the command line without Typer when the fast reader can (tracker.cli.fast),
    else with Typer; then run what it asks."""
    from tracker.cli import fast

    text = fast.said(args)
    if text is not None:
        print(text, end="")
        return ExitCode.OK
    call = fast.read(args)
    if call is None:
        read = _run_typer(args)
        if isinstance(read, int):
            return read
        call = read
    return call.run(session)


def _run_typer(args: list[str]) -> Call | int:
    """Read the command line with the Typer app: the command to run, or the exit code of
    what Typer did itself (help, a usage error, --version). Shell completion (a shell
    asking, --show/--install-completion) ends in SystemExit, its answer written."""
    import typer
    from typer.main import get_command

    from tracker.cli.app import app_for
    from tracker.cli.spec import Call

    try:
        from typer._click.exceptions import ClickException
    except ImportError:  # typer before 0.28 used the click package itself
        # The ignore below: the same name for click's class, bound only when typer._click is absent
        from click.exceptions import ClickException  # type: ignore[no-redef]
    try:
        # Without standalone mode click returns the code of a `typer.Exit` instead of
        # exiting, and raises usage errors for us to word.
        result = get_command(app_for(args)).main(args=args, prog_name="tracker", standalone_mode=False)
    except typer.Exit as exc:
        return exc.exit_code
    except typer.Abort:
        raise KeyboardInterrupt from None
    except ClickException as exc:
        ctx = getattr(exc, "ctx", None)
        if type(exc).__name__ == "NoArgsIsHelpError":  # `tracker` alone: the help, on stdout
            print(exc.format_message())
            return ExitCode.USAGE
        hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        # Typer checks a choice through pydantic, whose message starts "Value error, ": its
        # own wording, not ours. The sentence after it is the one to show.
        said = exc.format_message().replace(": Value error, ", ": ")
        print(f"tracker: error: {_cut_long_words(said)}{hint}", file=sys.stderr)
        return ExitCode.USAGE
    return result if isinstance(result, int | Call) else ExitCode.OK


def _cut_long_words(message: str) -> str:
    """Typer's message with any word of it over 200 characters (a value echoed back from
    the command line, up to 128 K) cut to its first 40 and "…", on one line."""
    import re

    from tracker.messages import shorten

    return re.sub(r"""[^\s'"()]{201,}""", lambda m: shorten(m[0]), " ".join(message.splitlines()))


def _guarded(session: Session, action: Callable[[], int]) -> int:
    """Run a command; word whatever it raises as one line on stderr (in the session's
    language) and an exit code."""
    try:
        code = action()
    except TrackerError as exc:
        for line in exc.render(session.language):
            print(f"tracker: error: {line}", file=sys.stderr)
        code = exc.exit_code
    except KeyboardInterrupt:
        print("tracker: interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        # The reader left (`| head -n 1`) while a one-line message was printed: the
        # command had done its work. Output that can be long is written by
        # terminal.write_out, which lets the command go on to return its own code.
        _silence_closed_pipe()
        return ExitCode.OK
    except OSError as exc:
        if exc.errno not in _OUTPUT_ERRORS:
            return _internal_error()
        return _output_failed(exc, session)
    except SystemExit as exc:  # typer exits by itself after completing, or when stdout is a closed pipe
        _silence_closed_pipe()
        return exc.code if isinstance(exc.code, int) else ExitCode.INTERNAL
    except Exception:
        return _internal_error()
    failed = _flush(session)
    return code if failed is None else failed


def _internal_error() -> int:
    """A bug: a short message and a plain traceback, no boxes."""
    import traceback

    print("tracker: internal error (a bug; please report it with the traceback below)", file=sys.stderr)
    traceback.print_exc()
    return ExitCode.INTERNAL
