"""The values an option of the command line may take, where it takes one of a few.

The one place the command line takes its choices from: ``tracker.cli.spec`` declares
the options with them and ``tracker.cli.actions`` receives their members.
"""

from __future__ import annotations

from enum import StrEnum

from tracker.core.model import FigureStatus as FigureStatus  # re-exported: --status takes the domain's own
from tracker.core.model import Verdict as Verdict  # re-exported: --verdict takes the domain's own
from tracker.render.formats import Format as Format  # re-exported: --format takes the render layer's own


class Lang(StrEnum):
    """Languages for people."""

    vi = "vi"
    en = "en"


class By(StrEnum):
    """What `report --by` sections the report by."""

    group = "group"
    owner = "owner"


class DecimalMark(StrEnum):
    """How numbers typed as text are written in a file to import (tracker.core.sheet_cells)."""

    comma = "comma"  # 3,93 and 4.100 (Vietnamese)
    point = "point"  # 3.93 and 4,100 (English)
