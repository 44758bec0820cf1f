"""`tracker show`: one target in full."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import (
    AsOfOption,
    Format,
    FormatOption,
    LangOption,
    LogOption,
    PlanOption,
    app,
    as_of_date,
    emit,
    workspace,
)


@app.command()
def show(
    target_id: Annotated[str, typer.Argument(metavar="TARGET_ID", help="The target's id.")],
    as_of: AsOfOption = None,
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

    ws = workspace(plan, log, lang)
    target = ws.target(target_id)
    day = as_of_date(as_of, "--as-of")
    entries = ws.log.entries(target.id, until=day if as_of else None)
    # years first, in order, then terms: the order a history chart reads
    periods = sorted({ws.period(label) for label in set(target.periods) | {e.period for e in entries}},
                     key=lambda p: (p.kind == "span", p.start, p.end))  # fmt: skip
    assessments = [assess(target, period, entries, day) for period in periods]
    all_entries = ws.log.history_of(target.id)
    ids = {e.id for e in all_entries}
    retractions = [r for r in ws.log.retractions if r.retracts in ids]
    dead = {r.retracts for r in retractions}
    emit(fmt, lambda: show_sheet(target, assessments, ws.lang, all_entries, dead),
          lambda: show_records(ws.plan, target, assessments, day, all_entries, retractions), ws.lang)  # fmt: skip
