"""The Typer app: each command resolves its inputs, calls the core, renders. Nothing else.

Errors are raised, never printed here: ``tracker.cli.main`` turns them into one line on
stderr and an exit code.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Optional

import typer

from tracker import __version__
from tracker.cli.terminal import Terminal, today
from tracker.cli.workspace import Workspace, find_plan
from tracker.errors import ExitCode, UsageError

EXIT_CODES_HELP = """
\b
Exit codes:
  0  success
  1  internal error (a bug: please report it)
  2  usage error: bad option, unknown target, bad value
  3  `report --check` / `check` found a problem
  4  a plan, log or import file is missing or invalid
  5  the log stayed locked by another process (TRACKER_LOCK_TIMEOUT)
  6  the log could not be written (permissions, full disk)
"""

app = typer.Typer(
    name="tracker",
    help="Track plan targets: keep the plan in TOML, record figures, compare progress "
    "with the plan.\n\n"
    "\b\nExamples:\n  tracker report\n  tracker report --period 2024 --format json | jq .summary\n"
    "  tracker record grdp_growth 8.2 --status estimate\n  tracker show grdp_growth\n"
    + EXIT_CODES_HELP,
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    """Output formats."""

    auto = "auto"
    table = "table"
    plain = "plain"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"


class Lang(StrEnum):
    """Languages for people."""

    vi = "vi"
    en = "en"


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
LangOption = Annotated[
    Optional[Lang], typer.Option("--lang", help="Language for people (default: the plan's).")
]
FormatOption = Annotated[
    Format,
    typer.Option("--format", "-f", help="auto is table at a terminal, plain in a pipe."),
]
PeriodOption = Annotated[
    Optional[str],
    typer.Option("--period", "-p", help="2025, 2021-2025, 2025-Q3 or 2025-06 (default: the plan's)."),
]
GroupOption = Annotated[Optional[str], typer.Option("--group", "-g", help="Only this group.")]
OwnerOption = Annotated[Optional[str], typer.Option("--owner", "-o", help="Only this owner.")]


def _workspace(plan: Path | None, log: Path | None, lang: Lang | None) -> Workspace:
    return Workspace(find_plan(plan), log, lang.value if lang else None)


def _date(text: str | None, option: str) -> date:
    if not text:
        return today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:  # 30/06/2025, the way Vietnamese documents write dates
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise UsageError(f"{option}: not a date: {text!r} (write 2025-06-30 or 30/06/2025)") from None


def _emit(fmt: Format, sheet, records) -> None:  # type: ignore[no-untyped-def]
    from tracker.render import choose, render

    term = Terminal.detect()
    chosen = choose(fmt.value, term.is_terminal)
    term.out.write(render(chosen, sheet, records, width=term.width, colour=term.colour))


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


@app.command("list")
def list_targets(
    period: PeriodOption = None,
    group: GroupOption = None,
    owner: OwnerOption = None,
    fmt: FormatOption = Format.auto,
    plan: PlanOption = None,
    lang: LangOption = None,
) -> None:
    """List targets with their group, unit, owner and plan value.

    \b
    Examples:
      tracker list
      tracker list --period 2021-2025 --group "Kinh tế"
      tracker list --format json | jq -r '.targets[].id'
    """
    from tracker.render.views import list_records, list_sheet

    ws = _workspace(plan, None, lang)
    label = ws.period(period).label
    targets = [
        t for t in ws.plan.targets
        if (not group or t.group.casefold() == group.casefold())
        and (not owner or t.owner.casefold() == owner.casefold())
    ]  # fmt: skip
    _emit(fmt, lambda: list_sheet(ws.plan, targets, label, ws.lang),
          lambda: list_records(ws.plan, targets, label))  # fmt: skip


@app.command()
def report(
    period: PeriodOption = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Judge as at this date (default: today).")] = None,
    group: GroupOption = None,
    owner: OwnerOption = None,
    check: Annotated[bool, typer.Option("--check", help="Exit 3 when any target is not met, at risk or off track.")] = False,
    fmt: FormatOption = Format.auto,
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Compare progress with the plan, by group, ending with the headline count.

    The headline ("39/43 met or exceeded") counts component targets: a target with
    components is counted through them.

    \b
    Examples:
      tracker report
      tracker report --period 2024 --format plain
      tracker report --check --format plain || echo "targets need attention"
      tracker report --format json | jq -r '.targets[] | select(.status=="not_met") | .id'
    """
    from tracker.core.report import build_report
    from tracker.render.views import report_records, report_sheet

    ws = _workspace(plan, log, lang)
    day = _date(as_of, "--as-of")
    result = build_report(ws.plan, ws.entries, ws.period(period, day), day, group, owner)
    _emit(fmt, lambda: report_sheet(result, ws.lang), lambda: report_records(result))
    if check and result.summary.trouble:
        raise typer.Exit(ExitCode.CHECK_FAILED)


@app.command()
def show(
    target_id: Annotated[str, typer.Argument(metavar="TARGET_ID", help="The target's id.")],
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Judge as at this date (default: today).")] = None,
    fmt: FormatOption = Format.auto,
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Show one target in full: definition, plan values, figures, verdicts explained.

    \b
    Examples:
      tracker show grdp_growth
      tracker show budget_revenue --lang en --format json
    """
    from tracker.core.judging import assess
    from tracker.render.views import show_records, show_sheet

    ws = _workspace(plan, log, lang)
    target = ws.target(target_id)
    day = _date(as_of, "--as-of")
    entries = [e for e in ws.entries if e.target == target.id]
    labels = sorted(set(target.periods) | {e.period for e in entries})
    assessments = [assess(target, ws.period(label), entries, day) for label in labels]
    all_entries = [e for e in ws.log.entries if e.target == target.id]
    ids = {e.id for e in all_entries}
    retractions = [r for r in ws.log.retractions if r.retracts in ids]
    _emit(fmt, lambda: show_sheet(target, assessments, ws.lang),
          lambda: show_records(ws.plan, target, assessments, all_entries, retractions))  # fmt: skip
