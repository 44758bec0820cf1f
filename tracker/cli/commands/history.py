"""`tracker history`: every entry with its provenance."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from tracker.cli import actions
from tracker.cli.app import Format, FormatOption, LangOption, LogOption, PlanOption, app, finish


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
    finish(actions.history(target_id, fmt, plan, log, lang))
