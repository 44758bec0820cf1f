"""The fast reader (tracker.cli.fast) must read a command line exactly as the Typer app
does, or leave it to Typer; and common runs must not pay for Typer or Rich at all.

Both are built from one table (tracker.cli.spec): these tests check what each makes of
it, line by line, rather than that two declarations agree."""

from __future__ import annotations

import subprocess
import sys
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TRACKER, base_env, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.cli import _run_typer, fast, spec

NAMES = [command.name for command in spec.COMMANDS]


def _plain(value: Any) -> Any:
    """A value and its type: an action must get an enum member, not its text."""
    return (type(value).__name__, value.value if isinstance(value, Enum) else value)


def _reading(call: spec.Call | int) -> tuple[str, dict[str, Any]] | None:
    """A command line as read: the command's name and each value with its type."""
    if isinstance(call, int):
        return None
    return call.command.name, {dest: _plain(value) for dest, value in call.values.items()}


def typer_reading(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """What the Typer app reads (None for a usage error, help, and whatever else it answers itself)."""
    return _reading(_run_typer(list(argv)))


def fast_reading(argv: list[str]) -> tuple[str, dict[str, Any]] | None:
    """What the fast reader reads (None when it leaves the line to Typer)."""
    call = fast.read(argv)
    return None if call is None else _reading(call)


def _choices(option: spec.Option) -> list[str]:
    return [c.value for c in option.kind] if issubclass(option.kind, StrEnum) else []


# ------------------------------------------------------------------ both parsers agree


COMMON_LINES = [
    ["report"],
    ["report", "--format", "json"],
    ["report", "-f", "plain", "--period", "2024", "--as-of", "30/06/2024", "--check"],
    ["report", "--format=csv", "--group", "Kinh tế", "--owner", "Sở Tài chính", "--lang", "en"],
    ["list", "--plan", "p.toml", "--log", "l.progress.toml"],
    ["show", "grdp_growth", "--format", "json"],
    ["record", "grdp_growth", "8.2", "--period", "2025", "--as-of", "2025-12-31", "--status", "estimate"],
    ["record", "t", "yes", "-s", "official", "--verdict", "met", "--source", "1600/QĐ", "--note", "-x", "--unplanned"],
    ["record", "grdp_growth", "-2.77"],  # a negative figure is a value, as for Typer
    ["record", "grdp_growth", "-1,5", "--period", "2025"],
    ["record", "-0.5", "-1.234,5"],
    ["record", "--period", "-2", "grdp_growth", "-3"],  # an option's value may look like a number too
    ["record", "grdp_growth", "--", "-x"],  # after --, every word is a value
    ["record", "--note", "n", "--", "--period", "--"],
    ["history", "--", "grdp_growth"],
    ["report", "--"],
    ["retract", "--note", "--", "--", "-abc"],  # --note's value is "--"; the next -- ends the options
    ["history"],
    ["history", "grdp_growth", "-f", "tsv"],
    ["undo", "--note", "wrong target"],
    ["retract", "abc123", "--note="],
    ["import", "-", "--dry-run"],
    ["import", "figures.csv", "-n", "--unplanned"],
    ["check", "--repair"],
    ["due", "--owner", "Sở Tài chính", "--check", "-f", "plain"],
    ["report", "--by", "owner"],
    ["compare"],  # no units named: a list argument given nothing is None on both paths
    ["compare", "units.toml", "--skip-broken"],
    ["compare", "a/plan.toml", "b/plan.toml", "c/plan.toml", "--period", "2025", "--lang", "en"],
    ["compare", "--", "-a.toml", "b.toml"],
]


@pytest.mark.parametrize("argv", COMMON_LINES, ids=" ".join)
def test_fast_path_serves_common_lines_as_typer_reads_them(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    mine = fast_reading(argv)
    assert mine is not None, "the fast path should serve this line"
    assert typer_reading(argv) == mine


def test_negative_figures_and_double_dashes_are_read_as_values() -> None:
    assert fast_reading(["record", "x", "-2.77"]) == typer_reading(["record", "x", "-2.77"])
    values = fast.parse(["record", "x", "-2.77"]).values
    assert (values["target_id"], values["value"]) == ("x", "-2.77")
    values = fast.parse(["record", "--", "-t", "-1,5"]).values
    assert (values["target_id"], values["value"]) == ("-t", "-1,5")


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
    ["record", "grdp_growth", "-2.77", "-3"],  # one value too many
    ["record", "grdp_growth", "-5s", "estimate"],  # -5 and then -s estimate, to click
    ["record", "grdp_growth", "-2e3"],
    ["record", "grdp_growth", "8", "--", "--period", "2025"],
    ["show", "-2"],  # show takes no figure: to Typer, -2 is an unknown option
    ["show"],
    ["show", "a", "b"],
    ["list", "--plan", "."],  # a folder: Typer words the error
    ["list", "--plan="],  # empty: the current folder, to Typer
    ["report", "--log", ""],
    ["compare", "--plan", "p.toml"],  # compare reads the plans of its units: it takes no --plan
]


@pytest.mark.parametrize("argv", DECLINED, ids=lambda a: " ".join(a) or "(nothing)")
def test_fast_path_leaves_everything_else_to_typer(argv: list[str]) -> None:
    assert fast_reading(argv) is None


def test_a_shell_asking_for_completions_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(fast.COMPLETE_VAR, "complete_bash")
    assert fast.read(["report"]) is None and fast.said(["--help"]) is None and fast.said(["--version"]) is None


def test_env_vars_name_the_files_on_both_paths(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TRACKER_PLAN", "from-env.toml")
    monkeypatch.setenv("TRACKER_LOG", "")  # empty: as if unset
    for argv in (["report"], ["report", "--plan", "given.toml"]):
        mine = fast_reading(argv)
        assert mine is not None
        assert typer_reading(argv) == mine
    assert fast.parse(["report"]).values["plan"] == Path("from-env.toml")
    assert fast.parse(["report"]).values["log"] is None


@pytest.mark.parametrize("name", NAMES)
def test_typer_reads_every_spelling_and_choice_as_the_fast_path_does(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """What the table says, both parsers do: each option's every spelling and every
    choice is read to the same value; Typer refuses a bad choice and, for a path, a
    folder (both of which the fast path leaves to it)."""
    command = spec.BY_NAME[name]
    positional = ["grdp_growth", "8,2"][: sum(a.required for a in command.arguments)]
    for option in command.options:
        for spelling in option.names:
            if option.kind is bool:
                lines = [[spelling]]
            elif _choices(option):
                lines = [[spelling, choice] for choice in _choices(option)]
            else:
                lines = [[spelling, "plan.toml" if option.kind is Path else "2025"]]
            for line in lines:
                argv = [name, *positional, *line]
                mine = fast_reading(argv)
                assert mine is not None, argv
                assert typer_reading(argv) == mine, argv
            if _choices(option):
                assert fast_reading([name, *positional, spelling, "bogus"]) is None
                assert _run_typer([name, *positional, spelling, "bogus"]) == 2, (name, spelling)
            if option.kind is Path:
                assert fast_reading([name, *positional, spelling, "."]) is None
                assert _run_typer([name, *positional, spelling, "."]) == 2, (name, spelling)


TEXTS = ["2025", "", "-x", "a b", "Kinh tế", "--format", "json", "grdp_growth", "8,2", "-", "--", "-2.77"]
VALUES = ["grdp_growth", "8,2", "yes", "-", "x y"]
FILES = ["plan.toml", "x/plan.toml", "-x.toml", "Kế hoạch.toml"]  # a path that is no folder
AFTER_DASHES = [*VALUES, "-x", "--format", "--", "-2.77"]


@st.composite
def well_formed(draw: st.DrawFn) -> list[str]:
    """A line the fast path should take: the command's own options, sensible values,
    negative figures where the command takes one, and sometimes `--` before the values."""
    command = draw(st.sampled_from(spec.COMMANDS))
    required = sum(a.required for a in command.arguments)
    count = draw(st.integers(required, len(command.arguments)))
    chunks: list[list[str]] = []
    for option in draw(st.lists(st.sampled_from(command.options), unique=True, max_size=5)):
        spelling = draw(st.sampled_from(option.names))
        if option.kind is bool:
            chunks.append([spelling])
            continue
        value = draw(st.sampled_from(_choices(option) or (FILES if option.kind is Path else TEXTS)))
        chunks.append(
            [f"{spelling}={value}"] if spelling.startswith("--") and draw(st.booleans()) else [spelling, value]
        )
    if draw(st.booleans()):  # options, then --, then the values, which may look like anything
        values = draw(st.lists(st.sampled_from(AFTER_DASHES), min_size=count, max_size=count))
        return [command.name, *[w for chunk in draw(st.permutations(chunks)) for w in chunk], "--", *values]
    pool = [*VALUES, "-2.77", "-1,5"] if command.negative_numbers else VALUES
    values = draw(st.lists(st.sampled_from(pool), min_size=count, max_size=count))
    chunks = draw(st.permutations(chunks + [[] for _ in range(count)]))  # [] marks where a value goes
    positional = iter(values)
    return [command.name, *[word for chunk in chunks for word in (chunk or [next(positional)])]]


def noisy() -> st.SearchStrategy[list[str]]:
    """Lines made of the table's spellings, good and bad values and noise in any order."""
    names = sorted({n for c in spec.COMMANDS for o in c.options for n in o.names})
    token = st.one_of(
        st.sampled_from(names),
        st.sampled_from(names).flatmap(lambda n: st.sampled_from(TEXTS).map(lambda v: f"{n}={v}")),
        st.sampled_from(TEXTS),
        st.sampled_from(
            ["--", "-h", "--bogus", "-fjson", "-2.77", "-1,5", "-.", "-5s", "-2=3", "plain", "estimate", "."]
        ),
    )
    return st.tuples(st.sampled_from(NAMES), st.lists(token, max_size=7)).map(lambda t: [t[0], *t[1]])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=well_formed())
def test_the_fast_path_serves_well_formed_lines_as_typer_reads_them(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    mine = fast_reading(argv)
    assert mine is not None, argv
    assert typer_reading(argv) == mine


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(argv=noisy())
def test_whatever_the_fast_path_accepts_typer_reads_the_same_way(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    mine = fast_reading(argv)
    if mine is not None:
        assert typer_reading(argv) == mine


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
        ["record", "--help"],
        ["--version"],
    ],
    ids=" ".join,
)
def test_common_runs_import_neither_typer_nor_rich(args: list[str], shipped: Path) -> None:
    modules = imported(args, shipped.parent.parent)
    assert "tracker" in modules
    assert not modules & {"typer", "click", "pydantic", "rich"}


@pytest.mark.parametrize("figure", [["8.2"], ["-2.77"], ["-1,5"], ["--", "-3"]], ids=lambda f: " ".join(f))
def test_record_imports_neither_typer_nor_rich(shipped: Path, figure: list[str]) -> None:
    line = ["record", "--period", "2025", "--status", "estimate", "grdp_growth", *figure]
    assert fast_reading(line) is not None
    modules = imported(line, shipped.parent.parent)
    assert not modules & {"typer", "click", "pydantic", "rich"}


def test_help_needs_neither_the_table_nor_the_actions(shipped: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tracker", "--help"],
        cwd=shipped.parent.parent, env=base_env(PYTHONPATH=str(ROOT)), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0
    modules = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    assert "tracker.cli.fast" in modules
    assert not modules & {"tracker.cli.spec", "tracker.cli.actions", "tracker.cli.workspace"}


def test_the_table_imports_rich_only_for_itself(shipped: Path) -> None:
    modules = imported(["report", "--format", "table"], shipped.parent.parent)
    assert "rich" in modules and "typer" not in modules


def test_a_usage_error_is_still_worded_by_typer() -> None:
    result = run("report", "--format", "jsn")
    assert result.code == 2
    assert result.err.startswith("tracker: error: Invalid value for '--format'")
    assert "(see `tracker report --help`)" in result.err


def test_version_is_the_same_on_both_paths() -> None:
    served = run("--version")
    assert served.code == 0 and served.err == ""
    assert served.out == spec.version_line()
    assert run("--version", "report").out == served.out  # read by Typer: --version is eager


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
