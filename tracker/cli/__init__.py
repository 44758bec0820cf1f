"""The command line: the one place that turns errors into messages and exit codes."""

from __future__ import annotations

import os
import sys
import traceback

from tracker.errors import ExitCode, TrackerError


def _utf8_streams() -> None:
    # Vietnamese must print under LANG=C or a non-UTF-8 locale: always write UTF-8.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def _silence_closed_pipe() -> None:
    # `tracker report | head -n 1`: the reader left. Point stdout at /dev/null so the
    # interpreter's final flush cannot print "Exception ignored ... BrokenPipeError".
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return the exit code. Every error a user can cause ends here."""
    _utf8_streams()
    from typer._click import exceptions as click_exceptions
    from typer.main import get_command

    from tracker.cli.app import app

    command = get_command(app)
    try:
        command.main(args=argv, prog_name="tracker", standalone_mode=False)
        sys.stdout.flush()
        return ExitCode.OK
    except TrackerError as exc:
        for line in exc.lines:
            print(f"tracker: error: {line}", file=sys.stderr)
        return exc.exit_code
    except click_exceptions.Exit as exc:
        sys.stdout.flush()
        return exc.exit_code
    except click_exceptions.UsageError as exc:
        hint = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx else ""
        print(f"tracker: error: {exc.format_message()}{hint}", file=sys.stderr)
        return ExitCode.USAGE
    except click_exceptions.Abort:
        print("tracker: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_closed_pipe()
        return ExitCode.INTERNAL
    except KeyboardInterrupt:
        print("tracker: interrupted", file=sys.stderr)
        return 130
    except Exception:  # a bug: a short message and a plain traceback, no boxes
        print("tracker: internal error (a bug; please report it with the traceback below)", file=sys.stderr)
        traceback.print_exc()
        return ExitCode.INTERNAL
