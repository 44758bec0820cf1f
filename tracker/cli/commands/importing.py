"""`tracker import`: many figures at once, all or nothing."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.app import LangOption, LogOption, PlanOption, app, workspace


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
    import sys

    from tracker.cli.progress import SlowProgress
    from tracker.messages import Msg
    from tracker.storage.import_file import read_rows, read_source

    ws = workspace(plan, log, lang)
    name, data = read_source(source, sys.stdin.buffer)
    rows = read_rows(name, data)
    with SlowProgress(len(rows), f"checking {name}") as progress:
        items, skipped = ws.prepare_import(name, rows, unplanned=unplanned, tick=progress.advance)
    if not dry_run and items:
        ws.append(items)
    template = "would record {count} entries from {name}" if dry_run else "recorded {count} entries from {name}"
    said = Msg(template, count=len(items), name=name).render(ws.lang)
    if skipped:
        said += Msg("; {count} already in the log", count=skipped).render(ws.lang)
    print(said)
