"""The fast path (tracker.cli.fast) must read a command line exactly as the Typer app
does, or leave it to Typer; and common runs must not pay for Typer or Rich at all."""

from __future__ import annotations

import inspect
import subprocess
import sys
import types
import typing
from collections.abc import Callable, Iterator
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from conftest import ROOT, TRACKER, base_env, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.models import ArgumentInfo, OptionInfo

from tracker.cli import _run_typer, actions, fast
from tracker.cli.help_pages import (
    PAGES_FILE,
    page,
    parse_pages,
    render_with_typer,
    rendered_by,
    rendered_pages,
    typer_version,
)


class Declared(NamedTuple):
    """One parameter of a command function as the code declares it for Typer."""

    name: str
    info: Any  # the typer.Option(...) / typer.Argument(...) it is annotated with, if any
    annotation: Any  # its type, Optional unwrapped
    default: Any
    names: tuple[str, ...]  # an option's spellings


def declared_commands() -> dict[str, Callable[..., Any]]:
    """The app's commands, name -> function, from Typer's public registration model."""
    from tracker.cli.app import app
    from tracker.cli.commands import load

    load([])
    commands: dict[str, Callable[..., Any]] = {}
    for c in app.registered_commands:
        assert c.callback is not None  # typer types it optional; every command here has one
        commands[c.name or c.callback.__name__.replace("_", "-")] = c.callback
    return commands


def declared(name: str) -> list[Declared]:
    """The parameters of command ``name`` as declared: read from the code's annotations
    (typer.Option / typer.Argument objects), not from the parser Typer builds from them,
    whose internals change between Typer versions."""
    function = declared_commands()[name]
    hints = typing.get_type_hints(function, include_extras=True)
    params = []
    for param in inspect.signature(function).parameters.values():
        annotation, info = hints[param.name], None
        if typing.get_origin(annotation) is typing.Annotated:
            annotation, *extras = typing.get_args(annotation)
            info = next((e for e in extras if isinstance(e, (OptionInfo, ArgumentInfo))), None)
        inner = [a for a in typing.get_args(annotation) if a is not type(None)]
        annotation = inner[0] if typing.get_origin(annotation) in (typing.Union, types.UnionType) else annotation
        # In Annotated, typer.Option's positional arguments are all spellings (the first
        # lands in its `default` slot), as Typer's documentation says.
        names = tuple(n for n in (getattr(info, "default", None), *(getattr(info, "param_decls", None) or ()))
                      if isinstance(n, str))  # fmt: skip
        params.append(Declared(param.name, info, annotation, param.default, names))
    return params


def _plain(value: Any) -> Any:
    """A value and its type: an action must get an enum member, not its text."""
    return (type(value).__name__, value.value if isinstance(value, Enum) else value)


# ------------------------------------------------------------------ the table is the app's


@pytest.mark.parametrize("name", list(fast.COMMANDS))
def test_fast_table_declares_the_same_options_as_the_typer_command(name: str) -> None:
    """The fast path's table lists each command's arguments and options as the code
    declares them for Typer: spellings, flag or value, env var, default, choices, path."""
    command = fast.COMMANDS[name]
    params = declared(name)
    arguments = [p for p in params if not isinstance(p.info, OptionInfo)]
    assert tuple(p.name for p in arguments) == command.arguments
    assert sum(1 for p in arguments if p.default is inspect.Parameter.empty) == command.required

    mine = {o.dest: o for o in command.options}
    options = [p for p in params if isinstance(p.info, OptionInfo)]
    assert sorted(p.name for p in options) == sorted(mine)
    for p in options:
        option = mine[p.name]
        assert set(p.names) == set(option.names), p.name
        assert not any("/" in d for d in p.names), p.name  # no --no-flag spellings to mirror
        assert (p.annotation is bool) == option.flag, p.name
        assert p.info.envvar == option.envvar, p.name
        assert _plain(p.default) == _plain(option.default), p.name
        is_enum = isinstance(p.annotation, type) and issubclass(p.annotation, Enum)
        assert (p.annotation if is_enum else None) == option.choices, p.name
        assert (p.annotation is Path) == option.path, p.name


def test_fast_table_covers_every_command_and_calls_its_action() -> None:
    from tracker.cli.commands import MODULES

    assert set(declared_commands()) == set(fast.COMMANDS) == set(MODULES)
    for command in fast.COMMANDS.values():
        signature = inspect.signature(command.action)
        assert set(signature.parameters) == set(command.arguments) | {o.dest for o in command.options}


# ------------------------------------------------------------------ both parsers agree


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Replace every action by a recorder of the arguments it was called with."""
    calls: list[tuple[str, dict[str, Any]]] = []
    for name, command in fast.COMMANDS.items():
        real = command.action

        def recorder(*args: Any, _name: str = name, _real: Any = real, **kwargs: Any) -> int:
            bound = inspect.signature(_real).bind(*args, **kwargs)
            bound.apply_defaults()
            calls.append((_name, {k: _plain(v) for k, v in bound.arguments.items()}))
            return 0

        monkeypatch.setattr(actions, real.__name__, recorder)
    yield calls


def typer_reading(argv: list[str], calls: list[tuple[str, dict[str, Any]]]) -> tuple[str, dict[str, Any]] | None:
    calls.clear()
    code = _run_typer(list(argv))
    if code != 0 or not calls:
        return None
    return calls[0]


def fast_reading(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    try:
        command, kwargs = fast.parse(argv)
    except fast.NotMine:
        return None
    name = next(n for n, c in fast.COMMANDS.items() if c is command)
    bound = inspect.signature(command.action).bind(**kwargs)
    bound.apply_defaults()
    return name, {k: _plain(v) for k, v in bound.arguments.items()}


COMMON_LINES = [
    ["report"],
    ["report", "--format", "json"],
    ["report", "-f", "plain", "--period", "2024", "--as-of", "30/06/2024", "--check"],
    ["report", "--format=csv", "--group", "Kinh tế", "-o", "Sở Tài chính", "--lang", "en"],
    ["list", "--plan", "p.toml", "--log", "l.progress.toml"],
    ["show", "grdp_growth", "--format", "json"],
    ["record", "grdp_growth", "8.2", "--period", "2025", "--as-of", "2025-12-31", "--status", "estimate"],
    ["record", "t", "yes", "-s", "official", "--verdict", "met", "--source", "1600/QĐ", "--note", "-x", "--unplanned"],
    ["history"],
    ["history", "grdp_growth", "-f", "tsv"],
    ["undo", "--note", "wrong target"],
    ["retract", "abc123", "--note="],
    ["import", "-", "--dry-run"],
    ["import", "figures.csv", "-n", "--unplanned"],
    ["check", "--repair"],
]


@pytest.mark.parametrize("argv", COMMON_LINES, ids=" ".join)
def test_fast_path_serves_common_lines_as_typer_reads_them(
    argv: list[str], recorded: list[tuple[str, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    mine = fast_reading(argv)
    assert mine is not None, "the fast path should serve this line"
    assert typer_reading(argv, recorded) == mine


DECLINED = [
    [],
    ["--help"],
    ["bogus"],
    ["report", "--bogus"],
    ["report", "--format", "jsn"],
    ["report", "-fjson"],
    ["report", "--format"],
    ["report", "--period", "2024", "--period", "2025"],
    ["report", "--", "x"],
    ["report", "extra"],
    ["report", "--check=yes"],
    ["record", "grdp_growth"],
    ["record", "grdp_growth", "-2.77"],  # a negative figure: Typer lets it through as VALUE
    ["show"],
    ["show", "a", "b"],
    ["list", "--plan", "."],  # a folder: Typer words the error
    ["list", "--plan="],  # empty: the current folder, to Typer
    ["report", "--log", ""],
]


@pytest.mark.parametrize("argv", DECLINED, ids=lambda a: " ".join(a) or "(nothing)")
def test_fast_path_leaves_everything_else_to_typer(argv: list[str]) -> None:
    assert fast_reading(argv) is None


def test_env_vars_name_the_files_on_both_paths(
    monkeypatch: pytest.MonkeyPatch, recorded: list[tuple[str, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRACKER_PLAN", "from-env.toml")
    monkeypatch.setenv("TRACKER_LOG", "")  # empty: as if unset
    for argv in (["report"], ["report", "--plan", "given.toml"]):
        mine = fast_reading(argv)
        assert mine is not None
        assert typer_reading(argv, recorded) == mine
    assert fast_reading(["report"])[1]["plan"] == ("PosixPath", Path("from-env.toml"))  # type: ignore[index]  # served: asserted not None above
    assert fast_reading(["report"])[1]["log"] == ("NoneType", None)  # type: ignore[index]  # served: asserted not None above


@pytest.mark.parametrize("name", list(fast.COMMANDS))
def test_typer_reads_every_spelling_and_choice_as_the_fast_path_does(
    name: str, recorded: list[tuple[str, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    """What the table says, Typer does: each option's every spelling and every choice is
    read to the same value by both parsers; Typer refuses a bad choice and, for a path,
    a folder (both of which the fast path leaves to it)."""
    command = fast.COMMANDS[name]
    positional = ["grdp_growth", "8,2"][: command.required]
    for option in command.options:
        for spelling in option.names:
            if option.flag:
                lines = [[spelling]]
            elif option.choices:
                lines = [[spelling, c.value] for c in option.choices]
            else:
                lines = [[spelling, "plan.toml" if option.path else "2025"]]
            for line in lines:
                argv = [name, *positional, *line]
                mine = fast_reading(argv)
                assert mine is not None, argv
                assert typer_reading(argv, recorded) == mine, argv
            if option.choices:
                assert fast_reading([name, *positional, spelling, "bogus"]) is None
                assert _run_typer([name, *positional, spelling, "bogus"]) == 2, (name, spelling)
            if option.path:
                assert fast_reading([name, *positional, spelling, "."]) is None
                assert _run_typer([name, *positional, spelling, "."]) == 2, (name, spelling)


TEXTS = ["2025", "", "-x", "a b", "Kinh tế", "--format", "json", "grdp_growth", "8,2", "-"]


@st.composite
def well_formed(draw: st.DrawFn) -> list[str]:
    """A line the fast path should take: the command's own options, sensible values."""
    name = draw(st.sampled_from(list(fast.COMMANDS)))
    command = fast.COMMANDS[name]
    count = draw(st.integers(command.required, len(command.arguments)))
    chunks: list[list[str]] = [[] for _ in range(count)]  # positional slots, filled in order below
    for option in draw(st.lists(st.sampled_from(command.options), unique=True, max_size=5)):
        spelling = draw(st.sampled_from(option.names))
        if option.flag:
            chunks.append([spelling])
            continue
        value = draw(st.sampled_from([c.value for c in option.choices] if option.choices else TEXTS))
        if option.path and value in ("-", "--format"):
            value = "plan.toml"
        chunks.append(
            [f"{spelling}={value}"] if spelling.startswith("--") and draw(st.booleans()) else [spelling, value]
        )
    chunks = draw(st.permutations(chunks))
    positional = iter(
        draw(st.lists(st.sampled_from(["grdp_growth", "8,2", "yes", "-", "x y"]), min_size=count, max_size=count))
    )
    return [name, *[word for chunk in chunks for word in (chunk or [next(positional)])]]


def noisy() -> st.SearchStrategy[list[str]]:
    """Lines made of the table's spellings, good and bad values and noise in any order."""
    names = sorted({n for c in fast.COMMANDS.values() for o in c.options for n in o.names})
    token = st.one_of(
        st.sampled_from(names),
        st.sampled_from(names).flatmap(lambda n: st.sampled_from(TEXTS).map(lambda v: f"{n}={v}")),
        st.sampled_from(TEXTS),
        st.sampled_from(["--", "-h", "--bogus", "-fjson", "-2.77", "plain", "estimate", "."]),
    )
    return st.tuples(st.sampled_from(list(fast.COMMANDS)), st.lists(token, max_size=7)).map(lambda t: [t[0], *t[1]])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=st.one_of(well_formed(), noisy()))
def test_whatever_the_fast_path_accepts_typer_reads_the_same_way(
    argv: list[str], recorded: list[tuple[str, dict[str, Any]]], capsys: pytest.CaptureFixture[str]
) -> None:
    mine = fast_reading(argv)
    if mine is not None:
        assert typer_reading(argv, recorded) == mine


# ------------------------------------------------------------------ help pages


def _words(text: str) -> str:
    """Text with its layout gone: click's \\b markers dropped, every run of white space one space."""
    return " ".join(word for line in text.splitlines() if line.strip() != "\b" for word in line.split())


STALE = "help.txt is stale: run `python -m tracker.cli.help_pages`"


def test_kept_help_pages_say_what_the_app_declares() -> None:
    """Whatever Typer version is installed, each kept page carries what the code declares:
    the command's description and examples, every option's spellings, help text,
    choices and env var, every argument; the main page every command and the exit codes."""
    from tracker.cli.app import app

    kept = parse_pages(PAGES_FILE.read_text(encoding="utf-8"))
    main = _words(kept["tracker --help"])
    assert isinstance(app.info.help, str)  # typer types it optional; the app has its help
    assert _words(inspect.cleandoc(app.info.help)) in main, STALE
    for name, function in declared_commands().items():
        assert f" {name} " in main.split("Commands:")[1] + " ", f"{STALE} ({name} is not on the main page)"
        page = _words(kept[f"tracker {name} --help"])
        assert page.startswith(f"Usage: tracker {name} "), name
        assert _words(inspect.cleandoc(function.__doc__ or "")) in page, f"{STALE} (the description of {name})"
        for p in declared(name):
            info = p.info
            if isinstance(info, OptionInfo):
                assert p.names and all(f" {d}" in page for d in p.names), f"{STALE} ({name} {p.name})"
                if info.envvar:
                    assert isinstance(info.envvar, str)  # typer allows a list; each option here has one name
                    assert info.envvar in page, f"{STALE} ({name} {p.name})"
                if isinstance(p.annotation, type) and issubclass(p.annotation, Enum):
                    assert all(c.value in page for c in p.annotation), f"{STALE} ({name} {p.name})"
            else:
                assert (info.metavar if info and info.metavar else p.name.upper()) in page, f"{STALE} ({name} {p.name})"
            if info is not None and info.help:
                assert _words(info.help) in page, f"{STALE} ({name} {p.name}: {info.help!r})"


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


# ------------------------------------------------------------------ what a run imports


def imported(args: list[str], cwd: Path) -> set[str]:
    """Top-level packages a real `python -m tracker ARGS` run imported."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", *args],
        cwd=cwd, env=base_env(PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-2000:]
    return {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines() if "|" in line}


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--format", "json"],
        ["report", "--format", "plain"],
        ["report", "--format", "csv"],
        ["list", "--format", "json"],
        ["show", "grdp_growth", "--format", "json"],
        ["--help"],
    ],
    ids=" ".join,
)
def test_common_runs_import_neither_typer_nor_rich(args: list[str], shipped: Path) -> None:
    modules = imported(args, shipped.parent.parent)
    assert "tracker" in modules
    assert not modules & {"typer", "click", "pydantic", "rich"}


def test_record_imports_neither_typer_nor_rich(shipped: Path) -> None:
    modules = imported(["record", "grdp_growth", "8.2", "--period", "2025", "--status", "estimate"],
                       shipped.parent.parent)  # fmt: skip
    assert not modules & {"typer", "click", "pydantic", "rich"}


def test_the_table_imports_rich_only_for_itself(shipped: Path) -> None:
    modules = imported(["report", "--format", "table"], shipped.parent.parent)
    assert "rich" in modules and "typer" not in modules


def test_a_usage_error_is_still_worded_by_typer() -> None:
    result = run("report", "--format", "jsn")
    assert result.code == 2
    assert result.err.startswith("tracker: error: Invalid value for '--format'")
    assert "(see `tracker report --help`)" in result.err


# ------------------------------------------------------------------ leaving without teardown


def test_a_large_output_arrives_whole_through_a_pipe_and_into_a_file(tmp_path: Path) -> None:
    """The command leaves with os._exit after flushing: nothing may be lost on the way out."""
    import json

    plan = tmp_path / "plan.toml"
    targets = "".join(
        f'\n[[target]]\nid = "t{i:04d}"\nname = "Chỉ tiêu số {i}"\ngroup = "Nhóm {i % 7}"\nunit = "%"\n'
        f"plan.2025 = {{ at_least = {i}.5 }}\n"
        for i in range(800)
    )
    plan.write_text('[plan]\ntitle = "Lớn"\norganisation = "Tỉnh"\nlanguage = "vi"\ndefault_period = "2025"\n'
                    + targets, encoding="utf-8")  # fmt: skip
    piped = run("report", "--format", "json", "--plan", str(plan))
    assert piped.code == 0, piped.err
    document = json.loads(piped.out)
    assert len(document["targets"]) == 800 and len(piped.out.encode()) > 256 * 1024
    with (tmp_path / "out.json").open("wb") as sink:
        code = subprocess.run([str(TRACKER), "report", "--format", "json", "--plan", str(plan)],
                              stdout=sink, env=base_env(), timeout=60).returncode  # fmt: skip
    assert code == 0
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == piped.out
