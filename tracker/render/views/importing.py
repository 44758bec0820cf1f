"""`tracker import --dry-run`: each row of the file and what would become of it (recorded,
a revision, or skipped as already recorded); and the line `undo` and `retract` end with
after taking back a whole batch."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tracker.core.model import Entry
from tracker.render.numbers import format_date
from tracker.render.schema import SCHEMA_VERSION
from tracker.render.sheet import Column, Line, Records, Section, Sheet
from tracker.render.views.fields import value_field
from tracker.render.views.phrases import figure_word, value_text
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.importing import Outcome
    from tracker.core.model import Plan
    from tracker.core.sheet_layout import Place

# The fields of each row for programs (not a format `tracker import` writes today: the
# table is for people; these keep the view whole for every format).
IMPORT_FIELDS = ("row", "cell", "action", "kind", "id", "target", "period", "value", "as_of", "status", "retracts")


def _action(fate: str, lang: str) -> str:
    if fate == "new":
        return word(lang, "record")
    if fate == "revision":
        return word(lang, "revise")
    return word(lang, "skip: already recorded")


def _cell(place: Place) -> str:
    """Where a row's value is: F7 in a sheet, 7 in what tracker wrote (no column known)."""
    column = place.columns.get("value", "")
    return f"{column}{place.row}" if column else str(place.row)


def import_sheet(plan: Plan, name: str, outcomes: Sequence[Outcome[Place]], lang: str) -> Sheet:
    """Every row of the file, with what importing it would do."""
    columns = (
        Column(word(lang, "Where")),
        Column(word(lang, "Action")),
        Column(word(lang, "Target")),
        Column(word(lang, "Period")),
        Column(word(lang, "Value"), numeric=True),
        Column(word(lang, "As of")),
        Column(word(lang, "Figure")),
    )
    lines = []
    for outcome in outcomes:
        item = outcome.item
        if isinstance(item, Entry):
            cells = (item.target, item.period, value_text(item.value, lang), format_date(item.as_of, lang),
                     figure_word(item.status, lang))  # fmt: skip
        else:
            cells = ("", "", "", "", word(lang, "retracts {entry}", entry=item.retracts))
        status = "retraction" if outcome.fate == "already" else None  # dimmed at a terminal
        lines.append(Line((_cell(outcome.key), _action(outcome.fate, lang), *cells), status=status))
    return Sheet(
        title=plan.display_title(lang),
        subtitle=name,
        columns=columns,
        sections=(Section(None, tuple(lines)),),
    )


def import_records(plan: Plan, outcomes: Sequence[Outcome[Place]]) -> Records:
    """The same rows for programs."""
    items: list[dict[str, Any]] = []
    for outcome in outcomes:
        item = outcome.item
        entry = item if isinstance(item, Entry) else None
        items.append(
            {
                "row": outcome.key.row, "cell": _cell(outcome.key), "action": outcome.fate.value,
                "kind": "entry" if entry else "retraction", "id": item.id,
                "target": entry.target if entry else None, "period": entry.period if entry else None,
                "value": value_field(entry.value) if entry else None,
                "as_of": entry.as_of.isoformat() if entry else None,
                "status": entry.status.value if entry else None,
                "retracts": None if entry else getattr(item, "retracts", None),
            }
        )  # fmt: skip
    envelope = {"schema_version": SCHEMA_VERSION, "kind": "import", "title": plan.title,
                "organisation": plan.organisation}  # fmt: skip
    return Records("import", envelope, "rows", IMPORT_FIELDS, items)


def batch_line(batch: str, count: int, lang: str) -> str:
    """What `undo` and `retract` print after the lines of a batch they took back."""
    said = (
        "took back batch {batch}: {count} entry retracted"
        if count == 1
        else "took back batch {batch}: {count} entries retracted"
    )
    return word(lang, said, batch=batch, count=count)
