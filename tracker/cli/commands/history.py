"""`tracker history`: every entry with its provenance."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from tracker.cli.app import Format, FormatOption, LangOption, LogOption, PlanOption, app, emit, workspace


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

    ws = workspace(plan, log, lang)
    entries = ws.log.all_entries
    retractions = ws.log.retractions
    if target_id:
        target = ws.target(target_id)
        entries = [e for e in entries if e.target == target.id]
        ids = {e.id for e in entries}
        retractions = [r for r in retractions if r.retracts in ids]
    emit(fmt, lambda: history_sheet(ws.plan, entries, retractions, ws.lang),
          lambda: history_records(ws.plan, entries, retractions), ws.lang)  # fmt: skip
