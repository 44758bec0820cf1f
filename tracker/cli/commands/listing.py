"""`tracker list`: the targets and their plan values."""

from __future__ import annotations

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
    emit,
    workspace,
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
    from tracker.core.report import same_name
    from tracker.render.views import list_records, list_sheet

    ws = workspace(plan, log, lang)
    ws.check_filters(group, owner)
    label = ws.period(period).label
    # An explicit period lists what the plan asks for it; without one, every target.
    planned = {t.id for t in ws.plan.targets if label in t.plans}
    parents = {t.parent for t in ws.plan.targets if t.id in planned}
    targets = [
        t for t in ws.plan.targets
        if (not period or t.id in planned or t.id in parents)
        and (not group or same_name(t.group, group))
        and (not owner or same_name(t.owner, owner))
    ]  # fmt: skip
    emit(fmt, lambda: list_sheet(ws.plan, targets, label, ws.lang),
          lambda: list_records(ws.plan, targets, label), ws.lang)  # fmt: skip
