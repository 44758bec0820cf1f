"""`tracker record`: append one figure and say how the target stands."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Optional

import typer

from tracker.cli.app import LangOption, LogOption, PlanOption, app, workspace
from tracker.cli.terminal import today


class FigureStatusChoice(StrEnum):
    """How final a figure is."""

    estimate = "estimate"
    preliminary = "preliminary"
    official = "official"


class VerdictChoice(StrEnum):
    """A reported verdict."""

    exceeded = "exceeded"
    met = "met"
    not_met = "not_met"


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
    status: Annotated[FigureStatusChoice, typer.Option("--status", "-s", help="How final the figure is.")] = (
        FigureStatusChoice.official
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
    from tracker.core.history import relevant_figures
    from tracker.core.judging import assess
    from tracker.core.recording import Draft
    from tracker.render.views import record_line

    ws = workspace(plan, log, lang)
    draft = Draft(target=target_id, value=value, period=period, as_of=as_of or None, status=status.value,
                  source=source, note=note, verdict=verdict.value if verdict else "")  # fmt: skip
    entry = ws.make_entry(draft, unplanned=unplanned)
    ws.append([entry])
    target = ws.target(entry.target)
    period_of_entry = ws.period(entry.period)
    figures = relevant_figures(ws.log, target.id, period_of_entry)  # read after the append: holds it
    standing = assess(target, period_of_entry, figures, today())
    print(record_line(entry, standing, ws.lang))
