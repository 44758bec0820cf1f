"""The table of commands (tracker.cli.spec) is the one declaration of the command line:
both parsers are built from it, so it must say what they need, and each action must take
exactly the values it declares."""

from __future__ import annotations

import inspect
import re
from enum import StrEnum
from pathlib import Path

import pytest

from tracker.cli import spec
from tracker.cli.session import Session

NAMES = [command.name for command in spec.COMMANDS]


def test_every_command_has_a_name_of_its_own_and_the_main_page_lists_them_in_this_order() -> None:
    from tracker.cli.help_pages import page

    assert len(set(NAMES)) == len(NAMES) == len(spec.BY_NAME)
    main = page("tracker --help")
    assert main is not None
    listed = [line.split()[0] for line in main.split("Commands:\n")[1].splitlines() if line.strip()]
    assert listed == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_an_action_takes_the_session_and_exactly_the_values_its_command_declares(name: str) -> None:
    """Named by dest, keyword-only and without defaults: the table's defaults are the only ones."""
    command = spec.BY_NAME[name]
    parameters = list(inspect.signature(command.action).parameters.values())
    assert parameters[0].name == "session" and parameters[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    keywords = parameters[1:]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty for p in keywords)
    declared = [a.dest for a in command.arguments] + [o.dest for o in command.options]
    assert len(set(declared)) == len(declared), "a dest declared twice"
    assert {p.name for p in keywords} == set(declared)


@pytest.mark.parametrize("name", NAMES)
def test_each_option_is_declared_so_that_both_parsers_can_read_it(name: str) -> None:
    command = spec.BY_NAME[name]
    spellings = [n for o in command.options for n in o.names]
    assert len(set(spellings)) == len(spellings), "a spelling used twice"
    assert not {"-h", "--help"} & set(spellings), "help is Typer's"
    for option in command.options:
        assert option.help and option.names, option.dest
        for spelling in option.names:
            # a short option is one letter, so a word such as -2.77 or -1,5 is never one
            assert re.fullmatch(r"--[a-z][a-z-]*|-[a-zA-Z]", spelling), spelling
        assert option.kind in (str, Path, bool) or issubclass(option.kind, StrEnum), option.dest
        if option.kind is bool:
            assert option.default is False and option.envvar is None, option.dest
        else:  # a choice's default is its member, which is what the action gets
            assert option.default is None or type(option.default) is option.kind, option.dest
        assert option.eager is None, "only the app's own options answer at once"


@pytest.mark.parametrize("name", NAMES)
def test_required_arguments_come_first(name: str) -> None:
    required = [argument.required for argument in spec.BY_NAME[name].arguments]
    assert required == sorted(required, reverse=True)


@pytest.mark.parametrize("name", NAMES)
def test_only_the_last_argument_may_take_many_words(name: str) -> None:
    many = [argument.many for argument in spec.BY_NAME[name].arguments]
    assert not any(many[:-1])


def test_negative_numbers_are_values_only_where_a_command_takes_a_figure() -> None:
    assert [c.name for c in spec.COMMANDS if c.negative_numbers] == ["record"]


def test_a_call_runs_the_commands_action_with_the_session_and_the_values() -> None:
    seen: list[tuple[Session, dict[str, object]]] = []

    def action(session: Session, **values: object) -> int:
        seen.append((session, values))
        return 7

    command = spec.Command("x", action, "Help.", options=(spec.Option("note", ("--note",), "A note.", default=""),))
    session = Session()
    assert spec.Call(command, {"note": "hi"}).run(session) == 7
    assert seen == [(session, {"note": "hi"})]


def test_the_version_line_is_the_packages_version() -> None:
    from tracker import __version__

    assert spec.version_line() == f"tracker {__version__}\n"
