"""The fast reader: well-formed command lines read without importing Typer.

Importing Typer (and pydantic, which typer 0.29 uses to check options) costs more than
most runs of tracker do: a cron job printing the report, a script recording one figure
per call. This module reads the command lines those runs use from the same table as
the Typer app (``tracker.cli.spec``) and gives the same ``Call``; ``--help`` prints the
pages Typer rendered, kept in ``tracker/cli/help.txt``, and ``--version`` the version.

It only ever says yes or "not mine": anything it does not fully understand (an unknown
or repeated option, a bad choice, a missing argument, short options run together, a
path that is a folder, a narrow terminal for help, a shell asking for completions) goes
to Typer, which parses it again and words the usage error. tests/cli/test_fast_path.py
checks that for every line it reads, Typer reads the same values.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tracker.cli.terminal import columns

if TYPE_CHECKING:
    from tracker.cli.spec import Call, Option

HELP = ("-h", "--help")
HELP_WIDTH = 80  # Typer lays help out for min(terminal, 80) columns: pages kept are for 80
COMPLETE_VAR = "_TRACKER_COMPLETE"  # set by the completion script a shell runs: Typer answers
# A negative figure, where a command takes one: click reads the word as a value because
# none of its characters is a short option (those are letters), so it reads it so too.
NEGATIVE_NUMBER = re.compile(r"-[0-9.,]+")


class NotMine(Exception):
    """The command line is for Typer to read."""


def said(argv: Sequence[str]) -> str | None:
    """What to print for a help page or `--version`, as Typer would; None otherwise.

    Help needs neither the table nor the actions: the pages are kept whole in help.txt.
    """
    if os.environ.get(COMPLETE_VAR):
        return None
    if len(argv) == 1 and argv[0].startswith("--") and argv[0] not in HELP:
        from tracker.cli.spec import APP_OPTIONS

        eager = next((o.eager for o in APP_OPTIONS if o.eager is not None and argv[0] in o.names), None)
        return None if eager is None else eager()
    if len(argv) == 1 and argv[0] in HELP:
        title = "tracker --help"
    elif len(argv) == 2 and not argv[0].startswith("-") and argv[1] in HELP:
        title = f"tracker {argv[0]} --help"
    else:
        return None
    if columns() < HELP_WIDTH:
        return None
    from tracker.cli.help_pages import page

    return page(title)  # None for a command with no page: Typer says it has none


def read(argv: Sequence[str]) -> Call | None:
    """The command and its values, as Typer would read them; None when Typer must."""
    try:
        return parse(argv)
    except NotMine:
        return None


def parse(argv: Sequence[str]) -> Call:
    """The command and a value for each of its dests; NotMine otherwise."""
    from tracker.cli.spec import BY_NAME, Call

    if not argv or argv[0] not in BY_NAME or os.environ.get(COMPLETE_VAR):
        raise NotMine
    command = BY_NAME[argv[0]]
    by_name = {name: option for option in command.options for name in option.names}
    given: dict[str, Any] = {}
    positional: list[str] = []
    words = iter(argv[1:])
    for word in words:
        if word == "--":  # the rest are values, whatever they look like
            positional.extend(words)
            break
        if word == "-" or not word.startswith("-") or (command.negative_numbers and NEGATIVE_NUMBER.fullmatch(word)):
            positional.append(word)
            continue
        name, attached, text = word.partition("=")
        option = by_name.get(name) if name.startswith("--") or not attached else None
        if option is None or option.dest in given:
            raise NotMine  # unknown, repeated, -abc, --help: Typer's to read or word
        if option.kind is bool:
            if attached:
                raise NotMine
            given[option.dest] = True
            continue
        if not attached:
            following = next(words, None)  # taken whatever it looks like, as click does
            if following is None:
                raise NotMine
            text = following
        given[option.dest] = _value(option, text)
    required = sum(argument.required for argument in command.arguments)
    many = bool(command.arguments) and command.arguments[-1].many
    if not required <= len(positional) <= (1 << 30 if many else len(command.arguments)):
        raise NotMine
    values: dict[str, Any] = {argument.dest: None for argument in command.arguments}
    values.update((argument.dest, word) for argument, word in zip(command.arguments, positional, strict=False))
    if many:  # the last argument takes the rest, as a list (None for none, as Typer gives)
        rest = positional[len(command.arguments) - 1 :]
        values[command.arguments[-1].dest] = rest or None
    for option in command.options:
        if option.dest in given:
            values[option.dest] = given[option.dest]
        elif option.envvar and os.environ.get(option.envvar):
            values[option.dest] = _value(option, os.environ[option.envvar])
        else:
            values[option.dest] = option.default
    return Call(command, values)


def _value(option: Option, text: str) -> Any:
    if option.kind is str:
        return text
    if option.kind is Path:
        # Typer refuses a folder (an empty value is the current one) or an unreadable
        # file here, with its own message.
        path = Path(text)
        if not text or path.is_dir() or (path.exists() and not os.access(path, os.R_OK)):
            raise NotMine
        return path
    try:
        return option.kind(text)  # a choice: its member
    except ValueError:
        raise NotMine from None
