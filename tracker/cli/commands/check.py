"""`tracker check`: the plan and log validated together."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli import actions
from tracker.cli.app import LangOption, LogOption, PlanOption, app, finish


@app.command("check")
def check_files(
    repair: Annotated[
        bool,
        typer.Option(
            "--repair", help="Move damaged lines of the log (a torn last line, an unfinished import) to a side file."
        ),
    ] = False,
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
    finish(actions.check_files(repair, plan, log, lang))
