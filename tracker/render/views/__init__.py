"""The views: the domain (a report, a plan, a log) turned into Sheets for people and
Records for programs. Every format renders from these, so all formats say the same thing.

One module per view: ``report``, ``listing`` (list), ``show`` (with ``explain``, the
verdict in a sentence), ``history`` and ``lines`` (what record, undo and retract print).
``phrases`` writes the figures and verdicts every view shares, ``fields`` the raw values;
the machine field names are in ``tracker.render.schema``, the words in ``tracker.words``.

The names below are loaded on first use, so a command imports only its own view.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what mypy sees; at run time __getattr__ below imports them
    from tracker.render.views.history import history_records as history_records
    from tracker.render.views.history import history_sheet as history_sheet
    from tracker.render.views.lines import record_line as record_line
    from tracker.render.views.lines import retract_line as retract_line
    from tracker.render.views.listing import list_records as list_records
    from tracker.render.views.listing import list_sheet as list_sheet
    from tracker.render.views.report import report_records as report_records
    from tracker.render.views.report import report_sheet as report_sheet
    from tracker.render.views.show import show_records as show_records
    from tracker.render.views.show import show_sheet as show_sheet

_HOME = {
    "history_records": "history",
    "history_sheet": "history",
    "record_line": "lines",
    "retract_line": "lines",
    "list_records": "listing",
    "list_sheet": "listing",
    "report_records": "report",
    "report_sheet": "report",
    "show_records": "show",
    "show_sheet": "show",
}


def __getattr__(name: str) -> Any:
    """A view's function, imported from its module the first time it is asked for."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{home}"), name)
