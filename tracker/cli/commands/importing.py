"""`tracker import`: many figures at once, all or nothing."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli import actions
from tracker.cli.app import LangOption, LogOption, PlanOption, app, finish


@app.command("import")
def import_entries(
    source: Annotated[str, typer.Argument(metavar="FILE|-", help="CSV or JSON; '-' reads standard input.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Check and report; write nothing.")] = False,
    unplanned: Annotated[bool, typer.Option("--unplanned", help="Allow periods with no plan value.")] = False,
    plan: PlanOption = None,
    log: LogOption = None,
    lang: LangOption = None,
) -> None:
    """Record many figures from CSV or JSON: all of them, or none.

    Columns are those `tracker history --format csv|json` writes; target and value are
    required. Every row is checked first: one bad row writes nothing and names the row
    and field. Entries whose id is already in the log are skipped, so importing an
    export again changes nothing.

    \b
    Examples:
      tracker import figures.csv --dry-run
      tracker history --format json | tracker import - --log other.progress.toml
    """
    finish(actions.import_entries(source, dry_run, unplanned, plan, log, lang))
