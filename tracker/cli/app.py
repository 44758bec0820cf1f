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
from tracker.messages import Msg, located

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
    "  tracker record grdp_growth 8.2 --status estimate\n  tracker show grdp_growth\n" + EXIT_CODES_HELP,
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
LangOption = Annotated[Optional[Lang], typer.Option("--lang", help="Language for people (default: the plan's).")]
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
        message = Msg("not a date: {text!r} (write 2025-06-30 or 30/06/2025)", text=text)
        raise UsageError(Msg("{field}: {detail}", field=option, detail=message)) from None


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
    # An explicit period lists what the plan asks for it; without one, every target.
    planned = {t.id for t in ws.plan.targets if label in t.plans}
    parents = {t.parent for t in ws.plan.targets if t.id in planned}
    targets = [
        t for t in ws.plan.targets
        if (not period or t.id in planned or t.id in parents)
        and (not group or t.group.casefold() == group.casefold())
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
    check: Annotated[
        bool, typer.Option("--check", help="Exit 3 when any target is not met, at risk or off track.")
    ] = False,
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


class FigureStatusChoice(StrEnum):
    """How final a figure is."""

    estimate = "estimate"
    preliminary = "preliminary"
    official = "official"


class VerdictChoice(StrEnum):
    """A reported verdict."""

    exceeded = "exceeded"
    met = "met"
    not_met = "not_met"


@app.command()
def record(
    target_id: Annotated[str, typer.Argument(metavar="TARGET_ID", help="The target's id.")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="3.93, 2365, 3,93, 1.234,5 or yes/no.")],
    period: Annotated[
        Optional[str], typer.Option("--period", "-p", help="Default: the year of the as-of date.")
    ] = None,
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", help="Date the figure stands for (default: today).")
    ] = None,
    status: Annotated[FigureStatusChoice, typer.Option("--status", "-s", help="How final the figure is.")] = (
        FigureStatusChoice.official
    ),
    source: Annotated[str, typer.Option("--source", help="Document number, e.g. 1600/QĐ-BGDĐT.")] = "",
    note: Annotated[str, typer.Option("--note", help="Free text.")] = "",
    verdict: Annotated[Optional[VerdictChoice], typer.Option("--verdict", help="A reported verdict.")] = None,
    unplanned: Annotated[bool, typer.Option("--unplanned", help="Allow a period with no plan value.")] = False,
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Record one figure, then say how the target stands.

    A later figure for the same target and period supersedes an earlier one (latest
    as-of date first, then latest recording); both stay in the history.

    \b
    Examples:
      tracker record grdp_growth 8.2 --period 2025 --as-of 2025-12-31 --status estimate
      tracker record budget_revenue 2540,17 --as-of 31/10/2025 --source "BC 512/UBND"
      tracker record primary_universal_l3 yes --period 2024 --as-of 2024-06-10
    """
    from tracker.core.judging import assess
    from tracker.core.recording import Draft
    from tracker.render.views import record_line

    ws = _workspace(plan, log, lang)
    draft = Draft(target=target_id, value=value, period=period, as_of=as_of or None, status=status.value,
                  source=source, note=note, verdict=verdict.value if verdict else "")  # fmt: skip
    entry = ws.make_entry(draft, unplanned=unplanned)
    ws.append([entry])
    target = ws.target(entry.target)
    standing = assess(target, ws.period(entry.period), [*ws.entries_after_append(entry)], today())
    print(record_line(entry, standing, ws.lang))


@app.command()
def history(
    target_id: Annotated[Optional[str], typer.Argument(metavar="[TARGET_ID]", help="Only this target.")] = None,
    fmt: FormatOption = Format.auto,
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Every entry with its provenance, retractions shown as such.

    \b
    Examples:
      tracker history grdp_growth
      tracker history --format csv > backup.csv     # `tracker import` reads it back
    """
    from tracker.render.views import history_records, history_sheet

    ws = _workspace(plan, log, lang)
    entries = ws.log.entries
    retractions = ws.log.retractions
    if target_id:
        target = ws.target(target_id)
        entries = [e for e in entries if e.target == target.id]
        ids = {e.id for e in entries}
        retractions = [r for r in retractions if r.retracts in ids]
    _emit(fmt, lambda: history_sheet(ws.plan, entries, retractions, ws.lang),
          lambda: history_records(ws.plan, entries, retractions))  # fmt: skip


@app.command()
def undo(
    note: Annotated[str, typer.Option("--note", help="Why it is retracted.")] = "",
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Retract the most recent entry (by appending a retraction; nothing is deleted).

    \b
    Example:
      tracker undo --note "typed into the wrong target"
    """
    ws = _workspace(plan, log, lang)
    live = ws.entries
    if not live:
        raise UsageError(located(str(ws.log_path), Msg("nothing to undo")))
    _retract(ws, live[-1].id, note)


@app.command()
def retract(
    entry_id: Annotated[str, typer.Argument(metavar="ENTRY_ID", help="An id from `tracker history`.")],
    note: Annotated[str, typer.Option("--note", help="Why it is retracted.")] = "",
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Retract one entry by its id (by appending a retraction; nothing is deleted).

    \b
    Example:
      tracker retract k3v5q2m7x9a1b4c6 --note "superseded by the official figure"
    """
    _retract(_workspace(plan, log, lang), entry_id, note)


def _retract(ws: Workspace, entry_id: str, note: str) -> None:
    from tracker.render.views import retract_line

    retraction = ws.make_retraction(entry_id, note)
    ws.append([retraction])
    entry = next(e for e in ws.log.entries if e.id == retraction.retracts)
    print(retract_line(entry, retraction, ws.lang))


@app.command("import")
def import_entries(
    source: Annotated[str, typer.Argument(metavar="FILE|-", help="CSV or JSON; '-' reads standard input.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Check and report; write nothing.")] = False,
    unplanned: Annotated[bool, typer.Option("--unplanned", help="Allow periods with no plan value.")] = False,
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Record many figures from CSV or JSON: all of them, or none.

    Columns are those `tracker history --format csv|json` writes; target and value are
    required. Every row is checked first: one bad row writes nothing and names the row
    and field. Entries whose id is already in the log are skipped, so importing an
    export again changes nothing.

    \b
    Examples:
      tracker import figures.csv --dry-run
      tracker history --format json | tracker import - --log other.progress.toml
    """
    import sys

    from tracker.storage.import_file import read_rows, read_source

    ws = _workspace(plan, log, lang)
    name, data = read_source(source, sys.stdin.buffer)
    items, skipped = ws.prepare_import(name, read_rows(name, data), unplanned=unplanned)
    verb = "would record" if dry_run else "recorded"
    if not dry_run and items:
        ws.append(items)
    print(f"{verb} {len(items)} entries from {name}" + (f"; {skipped} already in the log" if skipped else ""))


@app.command("check")
def check_files(
    repair: Annotated[bool, typer.Option("--repair", help="Move a damaged tail of the log to a side file.")] = False,
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Validate the plan and the log together; exit 3 when anything is wrong.

    Finds entries naming unknown targets or periods, duplicate ids, retractions of
    unknown entries and a damaged (torn) last block.

    \b
    Examples:
      tracker check
      tracker check --repair
    """
    ws = _workspace(plan, log, lang)
    problems = ws.problems()
    if repair:
        from tracker.storage.progress_log import repair as repair_log

        side = repair_log(ws.log_path)
        if side is not None:
            print(f"moved the damaged tail of {ws.log_path} to {side}")
            problems = Workspace(ws.plan_path, ws.log_option, ws.lang_option).problems()
    for problem in problems:
        print(problem)
    if problems:
        raise typer.Exit(ExitCode.CHECK_FAILED)
    print(f"ok: {ws.plan_path} and {ws.log_path}: {len(ws.plan.targets)} targets, {len(ws.log.entries)} entries")
