"""The Typer app and the options every command shares.

Each command is declared in its own module under ``tracker.cli.commands`` (its options
and help) and hands its values to ``tracker.cli.actions``, which does the work. Errors
are raised, never printed: ``tracker.cli.main`` turns them into one line on stderr and
an exit code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker import __version__
from tracker.cli.actions import Format as Format  # re-exported: the commands take it from here with its option
from tracker.cli.actions import Lang

EXIT_CODES_HELP = """
\b
Exit codes:
  0  success
  1  internal error (a bug: please report it)
  2  usage error: bad option, unknown target, bad value
  3  `report --check` / `check` found a problem
  4  a plan, log or import file is missing or invalid
  5  the log stayed locked by another process (TRACKER_LOCK_TIMEOUT)
  6  the log or the output could not be written (permissions, full disk)
"""

app = typer.Typer(
    name="tracker",
    help="Track plan targets: keep the plan in TOML, record figures, compare progress "
    "with the plan.\n\n"
    "\b\nExamples:\n  tracker report\n  tracker report --period 2024 --format json | jq .summary\n"
    "  tracker record grdp_growth 8.2 --status estimate\n  tracker show grdp_growth\n" + EXIT_CODES_HELP,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


PlanOption = Annotated[
    Optional[Path],
    typer.Option("--plan", envvar="TRACKER_PLAN", show_envvar=True, dir_okay=False,
                 help="Plan file. Default: plan.toml or data/plan.toml in the current folder."),
]  # fmt: skip
LogOption = Annotated[
    Optional[Path],
    typer.Option("--log", envvar="TRACKER_LOG", show_envvar=True, dir_okay=False,
                 help="Progress log. Default: PLAN.progress.toml beside the plan."),
]  # fmt: skip
LangOption = Annotated[Optional[Lang], typer.Option("--lang", help="Language for people (default: the plan's).")]
FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="auto is table at a terminal, plain in a pipe; html is a standalone page."),
]
PeriodOption = Annotated[
    Optional[str],
    typer.Option("--period", "-p", help="2025, 2021-2025, 2025-Q3 or 2025-06 (default: the plan's)."),
]
GroupOption = Annotated[Optional[str], typer.Option("--group", "-g", help="Only this group.")]
OwnerOption = Annotated[Optional[str], typer.Option("--owner", "-o", help="Only this owner.")]


AsOfOption = Annotated[
    Optional[str], typer.Option("--as-of", help="Judge as at this date, 2025-06-30 or 30/06/2025 (default: today).")
]


def finish(code: int) -> None:
    """End a command with the exit code its action returned."""
    if code:
        raise typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        print(f"tracker {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Track plan targets: keep the plan in TOML, record figures, compare with the plan."""
