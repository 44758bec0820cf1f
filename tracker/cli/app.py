"""The Typer app, built from the table of commands in ``tracker.cli.spec``.

Typer reads each command from a function's signature; the functions here are made
from the table, with the signature Typer would read from hand-written ones
(``Annotated[type, typer.Option(...)]`` parameters), so help, usage errors and shell
completion are Typer's own. A command's function does not run its action: it returns
the ``Call`` it was given, which ``tracker.cli.main`` runs exactly as it runs one the
fast reader (``tracker.cli.fast``) made.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from tracker.cli import spec

# Annotated and Optional subscripted with types known only at run time, which a type
# checker cannot follow: Typer reads the result as it reads a hand-written annotation.
_ANNOTATED: Any = Annotated
_OPTIONAL: Any = Optional


def build(names: Iterable[str] | None = None) -> typer.Typer:
    """The app with the commands named (unknown names are ignored), or every command.

    A run builds only the command it runs; help and unknown names need them all.
    """
    wanted = set(spec.BY_NAME if names is None else names)
    app = typer.Typer(
        name="tracker",
        help=spec.APP_HELP,
        add_completion=True,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        # Typer matches a choice by its text (lower case, through this function): a status
        # or verdict in Vietnamese (ước, Đạt) is read as the choice it is, as the fast
        # reader reads it (FigureStatus("ước") is the estimate).
        context_settings={"help_option_names": ["-h", "--help"], "token_normalize_func": _choice_word},
    )
    app.callback()(_function("tracker", (), spec.APP_OPTIONS, lambda values: None))
    for command in spec.COMMANDS:
        if command.name in wanted:
            # ignore_unknown_options lets -2.77 through as a value: it is not an option.
            settings = {"ignore_unknown_options": True} if command.negative_numbers else None
            called = _function(command.name, command.arguments, command.options, partial(spec.Call, command))
            called.__doc__ = command.help
            app.command(command.name, context_settings=settings)(called)
    return app


def _choice_word(token: str) -> str:
    """A status or verdict as offices write it (ước, sơ bộ, Đạt) as its machine word; any
    other word (an option's name, another choice) as it is."""
    from tracker.core.model import FigureStatus, Verdict

    for kind in (FigureStatus, Verdict):
        try:
            return kind(token).value
        except ValueError:
            continue
    return token


def requested(argv: Iterable[str]) -> str | None:
    """The command named on the command line: the first word that is not an option."""
    return next((arg for arg in argv if not arg.startswith("-")), None)


def app_for(argv: list[str]) -> typer.Typer:
    """The app with the command ``argv`` runs, or every command when none is recognised."""
    name = requested(argv)
    return build([name] if name in spec.BY_NAME else None)


def _function(
    name: str,
    arguments: tuple[spec.Argument, ...],
    options: tuple[spec.Option, ...],
    result: Callable[[dict[str, Any]], Any],
) -> Callable[..., Any]:
    """A function taking the arguments and options as Typer reads them from a signature,
    returning ``result`` of the values it was called with."""

    def function(**values: Any) -> Any:
        return result(values)

    parameters = [_argument(argument) for argument in arguments] + [_option(option) for option in options]
    # The ignore below: functions take any attribute; inspect.signature reads this one first
    function.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    function.__name__ = function.__qualname__ = name.replace("-", "_")
    return function


def _argument(argument: spec.Argument) -> inspect.Parameter:
    kind: Any = list[str] if argument.many else str
    kind = kind if argument.required else _OPTIONAL[kind]
    return inspect.Parameter(
        argument.dest,
        inspect.Parameter.KEYWORD_ONLY,
        annotation=_ANNOTATED[kind, typer.Argument(metavar=argument.metavar, help=argument.help)],
        default=inspect.Parameter.empty if argument.required else None,
    )


def _option(option: spec.Option) -> inspect.Parameter:
    settings: dict[str, Any] = {"help": option.help}
    if option.envvar:
        settings.update(envvar=option.envvar, show_envvar=True)
    if option.kind is Path:
        settings["dir_okay"] = False  # a path option names a file
    if option.eager is not None:
        settings.update(is_eager=True, callback=_eager(option.eager))
    kind = option.kind if option.default is not None else _OPTIONAL[option.kind]
    return inspect.Parameter(
        option.dest,
        inspect.Parameter.KEYWORD_ONLY,
        annotation=_ANNOTATED[kind, typer.Option(*option.names, **settings)],
        default=option.default,
    )


def _eager(say: Callable[[], str]) -> Callable[[bool], None]:
    """The callback of an option such as --version: print what it says, and stop."""

    def callback(value: bool) -> None:
        if value:
            print(say(), end="")
            raise typer.Exit()

    return callback
