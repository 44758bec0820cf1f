"""What `due` and `compare` do, given plain values (see ``tracker.cli.actions``): who is
behind with their figures, and many units side by side.

Kept apart from ``actions`` so that their modules (``tracker.core.due``,
``tracker.core.compare``, the units file) are imported only by these commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.actions import as_of_date, emit, output_format, workspace
from tracker.cli.choices import Format, Lang
from tracker.errors import ExitCode

if TYPE_CHECKING:
    from tracker.cli.session import Session


def due(
    session: Session,
    *,
    as_of: str | None,
    period: str | None,
    group: str | None,
    owner: str | None,
    check: bool,
    fmt: Format,
    output: Path | None,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker due`: every figure owed at the as-of date, by owner."""
    from tracker.core.due import find_due
    from tracker.render.views.due import due_records, due_sheet

    ws = workspace(session, plan, log, lang)
    chosen = output_format(fmt, output)
    ws.check_filters(group, owner)
    within = ws.period(period) if period else None
    dues = find_due(ws.plan, ws.log, as_of_date(as_of, "--as-of"), group, owner, within)
    emit(chosen, lambda: due_sheet(dues, ws.lang), lambda: due_records(dues), ws.lang, output)
    return ExitCode.CHECK_FAILED if check and dues.items else ExitCode.OK
