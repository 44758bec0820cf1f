"""`tracker check`: the plan and log validated together."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import LangOption, LogOption, PlanOption, Workspace, app, workspace
from tracker.errors import ExitCode


@app.command("check")
def check_files(
    repair: Annotated[bool, typer.Option("--repair", help="Move a damaged tail of the log to a side file.")] = False,
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
    ws = workspace(plan, log, lang)
    from tracker.messages import Msg

    problems = ws.problems()
    if repair and ws.log_path.exists():
        from tracker.storage.progress_log import repair as repair_log

        side = repair_log(ws.log_path)
        if side is not None:
            print(
                Msg("moved the damaged tail of {log} to {side}", log=str(ws.log_path), side=str(side)).render(ws.lang)
            )
            problems = Workspace(ws.plan_path, ws.log_option, ws.lang_option).problems()
    from tracker.messages import render

    for problem in problems:
        print(render(problem, ws.lang))
    if problems:
        raise typer.Exit(ExitCode.CHECK_FAILED)
    print(
        Msg("ok: {plan} and {log}: {targets} targets, {entries} entries", plan=str(ws.plan_path), log=str(ws.log_path),
            targets=len(ws.plan.targets), entries=ws.log.count()).render(ws.lang)
    )  # fmt: skip
