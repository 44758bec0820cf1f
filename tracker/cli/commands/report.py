"""`tracker report`: progress against the plan, headline last."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli import actions
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
    finish,
)


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
    finish(actions.report(period, as_of, group, owner, check, fmt, plan, log, lang))
