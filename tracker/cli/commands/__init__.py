"""One module per command. Importing a module registers its command on the app.

``load`` imports only the command being run, so a run pays for building one command,
not nine; help and unknown names load them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

# Command name -> module, in the order `tracker --help` lists them.
MODULES = {
    "list": "listing",
    "report": "report",
    "show": "show",
    "record": "record",
    "history": "history",
    "undo": "corrections",
    "retract": "corrections",
    "import": "importing",
    "check": "check",
}


def requested(argv: Sequence[str]) -> str | None:
    """The command named on the command line: the first word that is not an option."""
    for arg in argv:
        if not arg.startswith("-"):
            return arg
    return None


def load(argv: Sequence[str]) -> None:
    """Register the command in ``argv``, or every command when none is recognised."""
    name = requested(argv)
    modules = [MODULES[name]] if name in MODULES else list(dict.fromkeys(MODULES.values()))
    for module in modules:
        importlib.import_module(f"tracker.cli.commands.{module}")
