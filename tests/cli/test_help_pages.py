"""`--help` is served from tracker/cli/help.txt without importing Typer: the pages must be
what Typer renders from the table of commands (tracker.cli.spec)."""

from __future__ import annotations

from enum import StrEnum

import pytest
from conftest import base_env, run

from tracker.cli import spec
from tracker.cli.help_pages import (
    PAGES_FILE,
    page,
    parse_pages,
    render_with_typer,
    rendered_by,
    rendered_pages,
    typer_version,
)


def _words(text: str) -> str:
    """Text with its layout gone: click's \\b markers dropped, every run of white space one space."""
    return " ".join(word for line in text.splitlines() if line.strip() != "\b" for word in line.split())


STALE = "help.txt is stale: run `python -m tracker.cli.help_pages`"


def test_kept_help_pages_say_what_the_table_declares() -> None:
    """Whatever Typer version is installed, each kept page carries what the table declares:
    the command's description and examples, every option's spellings, help text,
    choices and env var, every argument; the main page every command, the exit codes and
    the options of shell completion."""
    kept = parse_pages(PAGES_FILE.read_text(encoding="utf-8"))
    assert set(kept) == {"tracker --help"} | {f"tracker {c.name} --help" for c in spec.COMMANDS}, STALE
    main = _words(kept["tracker --help"])
    assert _words(spec.APP_HELP) in main, STALE
    for option in spec.APP_OPTIONS:
        assert all(f" {d}" in main for d in option.names) and _words(option.help) in main, STALE
    assert " --install-completion " in main and " --show-completion " in main, STALE
    for command in spec.COMMANDS:
        name = command.name
        assert f" {name} " in main.split("Commands:")[1] + " ", f"{STALE} ({name} is not on the main page)"
        text = _words(kept[f"tracker {name} --help"])
        assert text.startswith(f"Usage: tracker {name} "), name
        assert _words(command.help) in text, f"{STALE} (the description of {name})"
        for option in command.options:
            assert all(f" {d}" in text for d in option.names), f"{STALE} ({name} {option.dest})"
            assert _words(option.help) in text, f"{STALE} ({name} {option.dest}: {option.help!r})"
            if option.envvar:
                assert option.envvar in text, f"{STALE} ({name} {option.dest})"
            if issubclass(option.kind, StrEnum):
                assert all(c.value in text for c in option.kind), f"{STALE} ({name} {option.dest})"
        for argument in command.arguments:
            assert argument.metavar in text and _words(argument.help) in text, f"{STALE} ({name} {argument.dest})"


def test_kept_help_pages_are_what_typer_prints_now() -> None:
    """Byte for byte, with the Typer version that rendered help.txt (its first line). Another
    version may lay the same pages out differently, which is harmless (the test above
    checks what they say): then this is skipped, saying so."""
    text = PAGES_FILE.read_text(encoding="utf-8")
    kept_by, installed = rendered_by(text), typer_version()
    assert kept_by is not None, f"help.txt does not say which Typer rendered it; {STALE}"
    if kept_by != installed:
        pytest.skip(f"help.txt was laid out by typer {kept_by}, this is typer {installed}: layout not compared")
    assert parse_pages(text) == rendered_pages(), STALE


@pytest.mark.parametrize("argv", [["--help"], ["-h"], ["report", "--help"], ["record", "-h"]], ids=" ".join)
def test_help_in_a_pipe_is_the_page_typer_renders(argv: list[str]) -> None:
    result = run(*argv)
    assert result.code == 0 and result.err == ""
    title = "tracker --help" if len(argv) == 1 else f"tracker {argv[0]} --help"
    assert result.out == page(title)
    assert result.out.startswith("Usage: tracker")


def test_help_for_a_narrow_terminal_is_laid_out_by_typer() -> None:
    result = run("report", "--help", env=base_env(COLUMNS="60"))
    assert result.code == 0
    assert result.out == render_with_typer(["report", "--help"], columns=60)
    assert result.out != page("tracker report --help")


def test_help_for_an_unknown_command_is_typers_usage_error() -> None:
    result = run("bogus", "--help")
    assert result.code == 2 and result.out == ""
    assert result.err == "tracker: error: No such command 'bogus'. (see `tracker --help`)\n"
