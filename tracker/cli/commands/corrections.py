"""`tracker undo` and `tracker retract`: corrections by appended retractions."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli import actions
from tracker.cli.app import LangOption, LogOption, PlanOption, app, finish


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
    finish(actions.undo(note, plan, log, lang))


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
    finish(actions.retract(entry_id, note, plan, log, lang))
