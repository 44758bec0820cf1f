"""`tracker undo` and `tracker retract`: corrections by appended retractions."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import LangOption, LogOption, PlanOption, Workspace, app, workspace
from tracker.errors import UsageError
from tracker.messages import Msg, located


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
    ws = workspace(plan, log, lang)
    last = ws.log.last_live()
    if last is None:
        raise UsageError(located(str(ws.log_path), Msg("nothing to undo")))
    _retract(ws, last.id, note)


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
    _retract(workspace(plan, log, lang), entry_id, note)


def _retract(ws: Workspace, entry_id: str, note: str) -> None:
    from tracker.render.views import retract_line

    retraction = ws.make_retraction(entry_id, note)
    ws.append([retraction])
    entry = next(e for e in ws.log.all_entries if e.id == retraction.retracts)
    print(retract_line(entry, retraction, ws.lang))
