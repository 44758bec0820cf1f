"""`tracker show`: one target in full."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli import actions
from tracker.cli.app import AsOfOption, Format, FormatOption, LangOption, LogOption, PlanOption, app, finish


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
    finish(actions.show(target_id, as_of, fmt, plan, log, lang))
