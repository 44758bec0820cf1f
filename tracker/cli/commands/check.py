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
    problems = ws.problems()
    if repair:
        from tracker.storage.progress_log import repair as repair_log

        side = repair_log(ws.log_path)
        if side is not None:
            print(f"moved the damaged tail of {ws.log_path} to {side}")
            problems = Workspace(ws.plan_path, ws.log_option, ws.lang_option).problems()
    for problem in problems:
        print(problem)
    if problems:
        raise typer.Exit(ExitCode.CHECK_FAILED)
    print(f"ok: {ws.plan_path} and {ws.log_path}: {len(ws.plan.targets)} targets, {ws.log.count()} entries")
