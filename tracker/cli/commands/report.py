"""`tracker report`: progress against the plan, headline last."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import (
    AsOfOption,
    Format,
    FormatOption,
    GroupOption,
    LangOption,
    LogOption,
    OwnerOption,
    PeriodOption,
    PlanOption,
    app,
    as_of_date,
    emit,
    workspace,
)
from tracker.errors import ExitCode


@app.command()
def report(
    period: PeriodOption = None,
    as_of: AsOfOption = None,
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

    ws = workspace(plan, log, lang)
    ws.check_filters(group, owner)
    day = as_of_date(as_of, "--as-of")
    # An explicit --as-of is a look back: figures dated after it are left out.
    result = build_report(ws.plan, ws.log, ws.period(period, day), day, group, owner, until=day if as_of else None)
    emit(fmt, lambda: report_sheet(result, ws.lang), lambda: report_records(result), ws.lang)
    if check and result.summary.trouble:
        raise typer.Exit(ExitCode.CHECK_FAILED)
