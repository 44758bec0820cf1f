"""Checking rows to import against the plan and what the log already holds.

Pure: everything that depends on the process or on storage (new ids, the clock, who is
recording, how a recording time is read, whether a log line would fit) is passed in, so
a test can call it with plain values. ``tracker import`` (``Workspace.prepare_import``)
reads the file and the log, calls this, and appends what it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from tracker.core.model import Entry, Plan, Retraction
from tracker.core.recording import Draft, FieldError, draft_to_entry
from tracker.core.values import nfc
from tracker.messages import Msg, Text, located


class RowError(ValueError):
    """A row that cannot be imported: ``message`` names the row and the field."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


def validate_import(
    plan: Callable[[], Plan],
    known_entries: Iterable[Entry],
    known_retractions: Iterable[Retraction],
    name: str,
    rows: Iterable[tuple[int, Mapping[str, object]]],
    *,
    new_id: Callable[[], str],
    today: Callable[[], date],
    now: datetime,
    recorder: str,
    parse_stamp: Callable[[object], datetime | None],
    fits: Callable[[Entry | Retraction], bool],
    too_long: Text,
    unplanned: bool = False,
    tick: Callable[[], None] | None = None,
) -> tuple[list[Entry | Retraction], int]:
    """Check every row of the file ``name``; raise RowError naming the first bad row
    and field.

    ``plan`` gives the plan when a row first needs it: an import of retractions alone
    never loads it. Returns the items to append and how many rows were already in the log (the same
    figure again: skipped, so an import can be run twice). ``parse_stamp`` raises
    ValueError with a message for a recording time it cannot read; ``fits`` says whether
    an item's log line stays within the log's limit, ``too_long`` what is said when not.
    """
    known: dict[str, Entry | Retraction] = {e.id: e for e in known_entries}
    known |= {r.id: r for r in known_retractions}
    rows_to_items = _RowReader(plan, new_id, today, now, recorder, unplanned)
    items: list[Entry | Retraction] = []
    skipped = 0
    seen: set[str] = set()
    for number, row in rows:
        if tick is not None:
            tick()
        where = located(name, Msg("row {number}", number=number))
        stamp = _stamp(parse_stamp, row, where)
        row_id = str(row.get("id") or "")
        if row_id and row_id in seen:
            raise RowError(Msg("{where}: id: {id!r} appears twice in the file", where=where, id=row_id))
        if row.get("kind") == "retraction":
            retracts = str(row.get("retracts") or "")
            if retracts not in known and retracts not in seen:
                raise RowError(Msg("{where}: retracts: no entry {id!r}", where=where, id=retracts))
            item: Entry | Retraction = rows_to_items.retraction(row, row_id, stamp)
        else:
            item = rows_to_items.entry(row, row_id, stamp, where)
        if item.id in known:
            if not same_figure(known[item.id], item, stamped=bool(stamp)):
                raise RowError(
                    Msg("{where}: id: {id!r} is already in the log with other values", where=where, id=item.id)
                )
            skipped += 1
            continue
        if not fits(item):
            raise RowError(Msg("{where}: {message}", where=where, message=too_long))
        seen.add(item.id)
        items.append(item)
    return items, skipped


def _stamp(parse_stamp: Callable[[object], datetime | None], row: Mapping[str, object], where: Text) -> datetime | None:
    """The row's recording time, when it gives one (a row exported from a log)."""
    try:
        return parse_stamp(row.get("recorded_at"))
    except ValueError as exc:
        raise RowError(
            Msg("{where}: {field}: {detail}", where=where, field="recorded_at", detail=exc.args[0])
        ) from None


@dataclass(frozen=True)
class _RowReader:
    """Turns one row into the item it stands for, with what every row shares."""

    plan: Callable[[], Plan]
    new_id: Callable[[], str]
    today: Callable[[], date]
    now: datetime
    recorder: str
    unplanned: bool

    def retraction(self, row: Mapping[str, object], row_id: str, stamp: datetime | None) -> Retraction:
        """A retraction row (what it retracts already checked)."""
        return Retraction(
            id=row_id or self.new_id(), retracts=str(row.get("retracts") or ""), recorded_at=stamp or self.now,
            recorded_by=str(row.get("recorded_by") or self.recorder), note=nfc(str(row.get("note") or "")),
        )  # fmt: skip

    def entry(self, row: Mapping[str, object], row_id: str, stamp: datetime | None, where: Text) -> Entry:
        """A figure row, checked against the plan as `tracker record` checks a figure."""
        for required in ("target", "value"):
            if row.get(required) in (None, ""):
                raise RowError(Msg("{where}: {field}: missing", where=where, field=required))
        # The ignores below: a row may hold any json value; parse_value and parse_date refuse a
        # wrong type in words (a Draft is "every field text, or already typed, nothing checked")
        draft = Draft(
            target=str(row["target"]), value=row["value"],  # type: ignore[arg-type]
            period=str(row["period"]) if row.get("period") else None,
            as_of=row.get("as_of") or None,  # type: ignore[arg-type]
            status=str(row.get("status") or "official"), source=str(row.get("source") or ""),
            note=str(row.get("note") or ""), verdict=str(row.get("verdict") or ""),
            id=row_id, recorded_at=stamp, recorded_by=str(row.get("recorded_by") or ""),
        )  # fmt: skip
        # A row with an id and a recording time was exported from a log, where it
        # was accepted once: its period is not questioned again.
        exported = bool(row_id and stamp)
        try:
            return draft_to_entry(self.plan(), draft, today=self.today(), new_id=self.new_id(),
                                  recorded_at=self.now, recorded_by=self.recorder,
                                  unplanned=self.unplanned or exported)  # fmt: skip
        except FieldError as exc:
            raise RowError(
                Msg("{where}: {field}: {detail}", where=where, field=exc.field, detail=exc.message)
            ) from None


def same_figure(logged: Entry | Retraction, imported: Entry | Retraction, stamped: bool) -> bool:
    """An imported row is the logged one again: equal, or equal but for the recording
    stamp the import gave it because the row carried none."""
    if stamped or type(logged) is not type(imported):
        return logged == imported
    return replace(logged, recorded_at=None, recorded_by="") == replace(imported, recorded_at=None, recorded_by="")
