"""`tracker record`: append one figure and say how the target stands."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from tracker.cli import actions
from tracker.cli.actions import VerdictChoice
from tracker.cli.app import LangOption, LogOption, PlanOption, app, finish
from tracker.core.model import FigureStatus


# ignore_unknown_options lets a negative figure through as VALUE: -2.77 is not an option.
@app.command(context_settings={"ignore_unknown_options": True})
def record(
    target_id: Annotated[str, typer.Argument(metavar="TARGET_ID", help="The target's id.")],
    value: Annotated[str, typer.Argument(metavar="VALUE", help="3.93, 2365, 3,93, 1.234,5 or yes/no.")],
    period: Annotated[
        Optional[str], typer.Option("--period", "-p", help="Default: the year of the as-of date.")
    ] = None,
    as_of: Annotated[
        Optional[str], typer.Option("--as-of", help="Date the figure stands for (default: today).")
    ] = None,
    status: Annotated[FigureStatus, typer.Option("--status", "-s", help="How final the figure is.")] = (
        FigureStatus.OFFICIAL
    ),
    source: Annotated[str, typer.Option("--source", help="Document number, e.g. 1600/QĐ-BGDĐT.")] = "",
    note: Annotated[str, typer.Option("--note", help="Free text.")] = "",
    verdict: Annotated[Optional[VerdictChoice], typer.Option("--verdict", help="A reported verdict.")] = None,
    unplanned: Annotated[bool, typer.Option("--unplanned", help="Allow a period with no plan value.")] = False,
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Record one figure, then say how the target stands.

    A later figure for the same target and period supersedes an earlier one (latest
    as-of date first, then latest recording); both stay in the history.

    \b
    Examples:
      tracker record grdp_growth 8.2 --period 2025 --as-of 2025-12-31 --status estimate
      tracker record budget_revenue 2540,17 --as-of 31/10/2025 --source "BC 512/UBND"
      tracker record primary_universal_l3 yes --period 2024 --as-of 2024-06-10
    """
    finish(actions.record(target_id, value, period, as_of, status, source, note, verdict, unplanned, plan, log, lang))
