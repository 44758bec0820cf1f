"""`tracker history`: every entry and retraction with its provenance, for people and for
programs (whose fields `tracker import` reads back)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tracker.core.model import Entry
from tracker.render.numbers import format_date
from tracker.render.schema import HISTORY_FIELDS, SCHEMA_VERSION
from tracker.render.sheet import Column, Line, Records, Section, Sheet
from tracker.render.views.fields import iso, value_field
from tracker.render.views.phrases import figure_word, status_word, value_text
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.model import Plan, Retraction


def recording_order(items: Sequence[Entry | Retraction], lines: Mapping[str, int]) -> list[Entry | Retraction]:
    """``items`` in the order they were recorded: by their lines in the log (``lines``, by
    id; ``LogContents.line_of``): the log is append-only, while recording times tie within
    a second and are written in different time zones."""
    return sorted(items, key=lambda item: lines.get(item.id, 0))


def history_sheet(
    plan: Plan,
    entries: Sequence[Entry],
    retractions: Sequence[Retraction],
    lang: str,
    lines: Mapping[str, int],
    batches: Mapping[str, str] | None = None,
) -> Sheet:
    """Every entry with its provenance, retracted ones marked, in recording order
    (``recording_order``); what came in a batch (an import, the retractions of one) says
    which at the start of its note, the id `retract` takes."""
    retracted = {r.retracts for r in retractions}
    batch_of = batches or {}
    columns = (
        Column(word(lang, "Entry")),
        Column(word(lang, "Target")),
        Column(word(lang, "Period")),
        Column(word(lang, "Value"), numeric=True),
        Column(word(lang, "As of")),
        Column(word(lang, "Figure")),
        Column(word(lang, "Recorded")),
        Column(word(lang, "By")),
        Column(word(lang, "Source")),
        Column(word(lang, "Note"), wrap=True),
    )
    shown = [
        _in_batch(
            _entry_line(item, item.id in retracted, lang) if isinstance(item, Entry) else _retraction_line(item, lang),
            batch_of.get(item.id),
            lang,
        )
        for item in recording_order([*entries, *retractions], lines)
    ]
    return Sheet(
        title=plan.display_title(lang),
        subtitle=plan.organisation,
        columns=columns,
        sections=(Section(None, tuple(shown)),),
    )


def _in_batch(line: Line, batch: str | None, lang: str) -> Line:
    """``line`` with "[batch ID]" at the start of its note when it came in a batch."""
    if batch is None:
        return line
    note = f"[{word(lang, 'batch {batch}', batch=batch)}] {line.cells[-1]}".strip()
    return replace(line, cells=(*line.cells[:-1], note))


def _entry_line(e: Entry, retracted: bool, lang: str) -> Line:
    """An entry: its figure, its kind (and reported verdict), who recorded it when."""
    status = figure_word(e.status, lang)
    if e.verdict:
        status = f"{status}; {status_word(e.verdict, lang)}"
    note = " ".join(e.note.split())
    if retracted:
        note = f"[{word(lang, 'retracted')}] {note}".strip()
    cells = (e.id, e.target, e.period, value_text(e.value, lang), format_date(e.as_of, lang), status,
             iso(e.recorded_at) or "", e.recorded_by, e.source, note)  # fmt: skip
    return Line(cells=cells, status="retracted" if retracted else None)


def _retraction_line(r: Retraction, lang: str) -> Line:
    """A retraction: which entry it retracts, who retracted it when, and why."""
    cells = (r.id, "", "", "", "", word(lang, "retracts {entry}", entry=r.retracts), iso(r.recorded_at) or "",
             r.recorded_by, "", " ".join(r.note.split()))  # fmt: skip
    return Line(cells=cells, status="retraction")


def history_records(
    plan: Plan,
    entries: Sequence[Entry],
    retractions: Sequence[Retraction],
    batches: Mapping[str, str] | None,
    lines: Mapping[str, int],
) -> Records:
    """Every entry and retraction with every field, in recording order
    (``recording_order``); import reads the same names. ``batches``: the batch each item
    came in, by its id (LogContents.batch_of)."""
    retracted = {r.retracts for r in retractions}
    batch_of = batches or {}
    items: list[dict[str, Any]] = []
    for item in recording_order([*entries, *retractions], lines):
        if isinstance(item, Entry):
            items.append(_entry_item(item, item.id in retracted, batch_of))
        else:
            items.append(_retraction_item(item, batch_of))
    envelope = {"schema_version": SCHEMA_VERSION, "kind": "history", "title": plan.title,
                "organisation": plan.organisation}  # fmt: skip
    return Records("history", envelope, "entries", HISTORY_FIELDS, items)


def _entry_item(e: Entry, retracted: bool, batch_of: Mapping[str, str]) -> dict[str, Any]:
    return {
        "kind": "entry", "id": e.id, "target": e.target, "period": e.period,
        "value": value_field(e.value), "as_of": e.as_of.isoformat(), "status": e.status.value,
        "source": e.source or None, "note": e.note or None, "verdict": e.verdict or None,
        "recorded_at": iso(e.recorded_at), "recorded_by": e.recorded_by,
        "retracts": None, "retracted": retracted, "batch": batch_of.get(e.id),
    }  # fmt: skip


def _retraction_item(r: Retraction, batch_of: Mapping[str, str]) -> dict[str, Any]:
    return {
        "kind": "retraction", "id": r.id, "target": None, "period": None, "value": None,
        "as_of": None, "status": None, "source": None, "note": r.note or None,
        "verdict": None, "recorded_at": iso(r.recorded_at), "recorded_by": r.recorded_by,
        "retracts": r.retracts, "retracted": False, "batch": batch_of.get(r.id),
    }  # fmt: skip
