"""The fast path: well-formed command lines run without importing Typer.

Importing Typer (and pydantic, which typer 0.29 uses to check options) costs more than
most runs of tracker do: a cron job printing the report, a script recording one figure
per call. This module reads the command lines those runs use, with the same options as
the Typer app, and calls the same ``tracker.cli.actions``; ``--help`` prints the pages
Typer rendered, kept in ``tracker/cli/help.txt``.

It only ever says yes or "not mine": anything it does not fully understand (an unknown
or repeated option, a bad choice, a missing argument, ``--``, short options run
together, a path that is a folder, a narrow terminal for help) goes to Typer, which
parses it again and words the usage error. tests/cli/test_fast_path.py checks that the
table below matches the Typer app option for option, and that both parsers agree.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple

from tracker.cli import actions
from tracker.cli.actions import Format, Lang, VerdictChoice
from tracker.cli.terminal import columns
from tracker.core.model import FigureStatus


class Option(NamedTuple):  # a NamedTuple costs a tenth of a dataclass to define
    """One option: its parameter name, spellings, and what its value must be."""

    dest: str
    names: tuple[str, ...]
    flag: bool = False  # takes no value: True when given
    choices: type[StrEnum] | None = None
    path: bool = False
    envvar: str | None = None
    default: Any = None


class Command(NamedTuple):
    """One command: the action it runs, its positional arguments and its options."""

    action: Callable[..., int]
    arguments: tuple[str, ...]  # positional parameter names, in order
    required: int  # how many of them must be given
    options: tuple[Option, ...]


_PLAN = Option("plan", ("--plan",), path=True, envvar="TRACKER_PLAN")
_LOG = Option("log", ("--log",), path=True, envvar="TRACKER_LOG")
_LANG = Option("lang", ("--lang",), choices=Lang)
_FORMAT = Option("fmt", ("--format", "-f"), choices=Format, default=Format.auto)
_PERIOD = Option("period", ("--period", "-p"))
_AS_OF = Option("as_of", ("--as-of",))
_GROUP = Option("group", ("--group", "-g"))
_OWNER = Option("owner", ("--owner", "-o"))
_NOTE = Option("note", ("--note",), default="")
_UNPLANNED = Option("unplanned", ("--unplanned",), flag=True, default=False)
_FILES = (_PLAN, _LOG, _LANG)

COMMANDS: dict[str, Command] = {
    "list": Command(actions.list_targets, (), 0, (_PERIOD, _GROUP, _OWNER, _FORMAT, *_FILES)),
    "report": Command(
        actions.report,
        (),
        0,
        (_PERIOD, _AS_OF, _GROUP, _OWNER, Option("check", ("--check",), flag=True, default=False), _FORMAT, *_FILES),
    ),
    "show": Command(actions.show, ("target_id",), 1, (_AS_OF, _FORMAT, *_FILES)),
    "record": Command(
        actions.record,
        ("target_id", "value"),
        2,
        (
            _PERIOD,
            _AS_OF,
            Option("status", ("--status", "-s"), choices=FigureStatus, default=FigureStatus.OFFICIAL),
            Option("source", ("--source",), default=""),
            _NOTE,
            Option("verdict", ("--verdict",), choices=VerdictChoice),
            _UNPLANNED,
            *_FILES,
        ),
    ),
    "history": Command(actions.history, ("target_id",), 0, (_FORMAT, *_FILES)),
    "undo": Command(actions.undo, (), 0, (_NOTE, *_FILES)),
    "retract": Command(actions.retract, ("entry_id",), 1, (_NOTE, *_FILES)),
    "import": Command(
        actions.import_entries,
        ("source",),
        1,
        (Option("dry_run", ("--dry-run", "-n"), flag=True, default=False), _UNPLANNED, *_FILES),
    ),
    "check": Command(actions.check_files, (), 0, (Option("repair", ("--repair",), flag=True, default=False), *_FILES)),
}

HELP = ("-h", "--help")
HELP_WIDTH = 80  # Typer lays help out for min(terminal, 80) columns: pages kept are for 80


class NotMine(Exception):
    """The command line is for Typer to read."""


def parse(argv: Sequence[str]) -> tuple[Command, dict[str, Any]]:
    """The command and the keyword arguments for its action; NotMine otherwise."""
    if not argv or argv[0] not in COMMANDS:
        raise NotMine
    command = COMMANDS[argv[0]]
    by_name = {name: option for option in command.options for name in option.names}
    given: dict[str, Any] = {}
    positional: list[str] = []
    words = list(argv[1:])
    while words:
        word = words.pop(0)
        if word == "-" or not word.startswith("-"):
            positional.append(word)
            continue
        name, attached, text = word.partition("=")
        option = by_name.get(name) if name.startswith("--") or not attached else None
        if option is None or option.dest in given:
            raise NotMine  # unknown, repeated, --, -abc, --help: Typer's to read or word
        if option.flag:
            if attached:
                raise NotMine
            given[option.dest] = True
            continue
        if not attached:
            if not words:
                raise NotMine
            text = words.pop(0)
        given[option.dest] = _value(option, text)
    if not command.required <= len(positional) <= len(command.arguments):
        raise NotMine
    kwargs: dict[str, Any] = dict(zip(command.arguments, positional, strict=False))
    for option in command.options:
        if option.dest in given:
            kwargs[option.dest] = given[option.dest]
        elif option.envvar and os.environ.get(option.envvar):
            kwargs[option.dest] = _value(option, os.environ[option.envvar])
        else:
            kwargs[option.dest] = option.default
    return command, kwargs


def _value(option: Option, text: str) -> Any:
    if option.choices is not None:
        try:
            return option.choices(text)
        except ValueError:
            raise NotMine from None
    if option.path:
        # Typer refuses a folder (an empty value is the current one) or an unreadable
        # file here, with its own message.
        path = Path(text)
        if not text or path.is_dir() or (path.exists() and not os.access(path, os.R_OK)):
            raise NotMine
        return path
    return text


def help_page(argv: Sequence[str]) -> str | None:
    """The help page asked for, as Typer renders it; None when Typer must render it."""
    if len(argv) == 1 and argv[0] in HELP:
        title = "tracker --help"
    elif len(argv) == 2 and argv[0] in COMMANDS and argv[1] in HELP:
        title = f"tracker {argv[0]} --help"
    else:
        return None
    if columns() < HELP_WIDTH:
        return None
    from tracker.cli.help_pages import page

    return page(title)


def run(argv: Sequence[str]) -> Callable[[], int] | None:
    """What to run for ``argv`` without Typer, or None when Typer must read it."""
    page = help_page(argv)
    if page is not None:

        def show_help() -> int:
            print(page, end="")
            return 0

        return show_help
    try:
        command, kwargs = parse(argv)
    except NotMine:
        return None
    return lambda: command.action(**kwargs)
