"""`tracker list`: the targets and their plan values."""

from __future__ import annotations

from tracker.cli import actions
from tracker.cli.app import (
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


@app.command("list")
def list_targets(
    period: PeriodOption = None,
    group: GroupOption = None,
    owner: OwnerOption = None,
    fmt: FormatOption = Format.auto,
    plan: PlanOption = None,
    log: LogOption = None,  # accepted on every command; list itself reads no figures
    lang: LangOption = None,
) -> None:
    """List targets with their group, unit, owner and plan value.

    \b
    Examples:
      tracker list
      tracker list --period 2021-2025 --group "Kinh tế"
      tracker list --format json | jq -r '.targets[].id'
    """
    finish(actions.list_targets(period, group, owner, fmt, plan, log, lang))
