"""Checking rows to import against the plan and what the log already holds.

Pure: everything that depends on the process or on storage (new ids, the clock, who is
recording, how a recording time is read, whether a log line would fit, what the log
holds) is passed in, so a test can call it with plain values. ``tracker import``
(``Workspace.prepare_import``) reads the file and the log, calls this, and appends the
items it returns.

Never twice. Each row ends in one of three fates (``Fate``):

- **already recorded** (skipped): its id is in the log with the same figure (an export
  imported again), or it is identical in target, period, as-of date, value, status and
  reported verdict to a live figure, one not retracted, of the log or of an earlier row of the same file. A
  row that gives no as-of date is matched on the rest alone (its as-of would be today's).
- **revision** (recorded): the log or an earlier row has a live figure for the same
  target, period and as-of date with another value or status. The later recording wins,
  as for ``tracker record``.
- **new** (recorded): anything else.

Edge cases, decided: a figure whose only equal in the log is retracted is recorded again
(that is how a batch taken back is brought back); a row equal to an *earlier* figure that
a later revision superseded is still already recorded, so running last month's file again
never undoes this month's correction. Two rows of one file for the same target, period and
as-of date are one figure: identical, the second is already recorded; different, the file
is refused, naming both. Rows carrying the id and recording time ``tracker history``
writes are entries of a log with an identity of their own: they are skipped when their id
is in the log and recorded as they are otherwise (never matched by figure), so a log's
history copies into another log exactly, revisions and repeats included.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Generic, Protocol, TypeVar

from tracker.core.model import Entry, FigureStatus, Plan, Retraction, Value
from tracker.core.recording import Draft, FieldError, draft_to_entry
from tracker.core.values import nfc
from tracker.messages import Msg, Text, located

K = TypeVar("K")  # how a row is named to the caller: its number, or its place in a sheet


class RowError(ValueError):
    """A row that cannot be imported: ``message`` names the row and the field."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


class Fate(StrEnum):
    """What becomes of one row."""

    NEW = "new"
    REVISION = "revision"
    ALREADY = "already"  # already recorded: skipped


@dataclass(frozen=True, slots=True)
class Outcome(Generic[K]):
    """One row checked: its key, its fate and the item it stands for (for a skipped row,
    the item it would have been)."""

    key: K
    fate: Fate
    item: Entry | Retraction


@dataclass(frozen=True)
class Checked(Generic[K]):
    """Every row of a file checked, in file order."""

    outcomes: list[Outcome[K]]

    @property
    def items(self) -> list[Entry | Retraction]:
        """What to append: the new rows and the revisions."""
        return [o.item for o in self.outcomes if o.fate is not Fate.ALREADY]

    def count(self, fate: Fate) -> int:
        """How many rows have this fate."""
        return sum(1 for o in self.outcomes if o.fate is fate)


class Logged(Protocol):
    """What an import asks of the log."""

    def by_id(self, item_id: str) -> Entry | Retraction | None:
        """The figure or retraction with this id, retracted or not."""

    def live_figures(self, target: str, period: str) -> Sequence[Entry]:
        """The live (not retracted) figures of a target for a period."""


@dataclass
class LoggedItems:
    """A ``Logged`` made of plain lists of what a log holds."""

    entries: Sequence[Entry] = ()
    retractions: Sequence[Retraction] = ()
    _ids: dict[str, Entry | Retraction] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._ids = {e.id: e for e in self.entries}
        self._ids |= {r.id: r for r in self.retractions}
        self._dead = {r.retracts for r in self.retractions}

    def by_id(self, item_id: str) -> Entry | Retraction | None:
        """The figure or retraction with this id."""
        return self._ids.get(item_id)

    def live_figures(self, target: str, period: str) -> list[Entry]:
        """The live figures of a target for a period."""
        return [e for e in self.entries if e.target == target and e.period == period and e.id not in self._dead]


def validate_import(
    plan: Callable[[], Plan],
    logged: Logged,
    name: str,
    rows: Sequence[tuple[K, Mapping[str, object]]],
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
    where: Callable[[K, str | None], Text] | None = None,
) -> Checked[K]:
    """Check every row of the file ``name``; raise RowError naming the first bad row
    and field. Each row is (key, fields); ``where(key, field)`` words the place of a row
    and of one of its fields (default: "FILE: row KEY").

    ``plan`` gives the plan when a row first needs it: an import of retractions alone
    never loads it. ``parse_stamp`` raises ValueError with a message for a recording
    time it cannot read; ``fits`` says whether an item's log line stays within the log's
    limit, ``too_long`` what is said when not. The fate of each row: see the module.
    """
    place = where or (lambda key, _field: located(name, Msg("row {number}", number=key)))
    reader = _RowReader(plan, new_id, cache(today), now, recorder, unplanned)  # one day for the whole file
    retracted_here = {str(f.get("retracts") or "") for _, f in rows if f.get("kind") == "retraction"}
    figures = _Figures(logged, place, retracted_here)
    outcomes: list[Outcome[K]] = []
    seen: set[str] = set()
    for key, row in rows:
        if tick is not None:
            tick()
        stamp = _stamp(parse_stamp, row, place, key)
        row_id = str(row.get("id") or "")
        if row_id and row_id in seen:
            raise RowError(Msg("{where}: id: {id!r} appears twice in the file", where=place(key, "id"), id=row_id))
        item = reader.item(row, row_id, stamp, place, key, lambda ref: ref in seen or logged.by_id(ref) is not None)
        known = logged.by_id(item.id) if row_id else None
        fate = Fate.NEW
        if known is not None:
            if not same_figure(known, item, stamped=bool(stamp)):
                where_id = place(key, "id")
                raise RowError(Msg("{where}: id: {id!r} is already in the log with other values", where=where_id,
                                   id=item.id))  # fmt: skip
            fate = Fate.ALREADY
        elif isinstance(item, Entry) and item.id not in retracted_here:
            exported = bool(row_id and stamp)
            fate = figures.fate(
                item, key, matched=not exported, dated=row.get("as_of") not in (None, ""), own_id=row_id
            )
        if fate is not Fate.ALREADY:
            if not fits(item):
                raise RowError(Msg("{where}: {message}", where=place(key, None), message=too_long))
            seen.add(item.id)
        outcomes.append(Outcome(key, fate, item))
    return Checked(outcomes)


# A figure as rows and the log's figures are compared: its value (True is not the number 1)
# and the verdict reported with it, which for a word ("Xuất siêu") is the whole judgement.
_ValueKey = tuple[bool, Value, str]


def _value_key(figure: Entry) -> _ValueKey:
    return (isinstance(figure.value, bool), figure.value, figure.verdict)


@dataclass
class _Day(Generic[K]):
    """A figure already there for a target, period and as-of date: from the log (``key``
    None) or from an earlier row of the file."""

    value: _ValueKey
    status: FigureStatus
    key: K | None
    own_id: bool


@dataclass
class _Figures(Generic[K]):
    """The live figures of each target and period, the log's and the file's so far,
    indexed to answer "already recorded?" and "a revision?" at once for each row."""

    logged: Logged
    place: Callable[[K, str | None], Text]
    retracted_here: set[str]  # ids the file's own retraction rows retract: not live after it
    days: dict[tuple[str, str], dict[date, list[_Day[K]]]] = field(default_factory=dict)
    whole: dict[tuple[str, str], set[tuple[_ValueKey, FigureStatus]]] = field(default_factory=dict)

    def _load(self, target: str, period: str) -> tuple[dict[date, list[_Day[K]]], set[tuple[_ValueKey, FigureStatus]]]:
        pair = (target, period)
        days = self.days.get(pair)
        if days is None:
            days = self.days[pair] = {}
            whole = self.whole[pair] = set()
            for e in self.logged.live_figures(target, period):
                if e.id in self.retracted_here:
                    continue
                days.setdefault(e.as_of, []).append(_Day(_value_key(e), e.status, None, True))
                whole.add((_value_key(e), e.status))
        return days, self.whole[pair]

    def fate(self, item: Entry, key: K, *, matched: bool, dated: bool, own_id: str) -> Fate:
        """The fate of a figure that will be live, and it counted from now on. ``matched``:
        the figure rule applies (not a tracker export); ``dated``: the row gave its as-of."""
        days, whole = self._load(item.target, item.period)
        value = _value_key(item)
        same_day = days.setdefault(item.as_of, [])
        if matched:
            if dated and any(d.value == value and d.status is item.status for d in same_day):
                return Fate.ALREADY
            if not dated and (value, item.status) in whole:
                return Fate.ALREADY
            for earlier in same_day:
                if earlier.key is not None and not earlier.own_id and not own_id:
                    self._refuse(item, key, earlier.key)
        fate = Fate.REVISION if same_day else Fate.NEW
        same_day.append(_Day(value, item.status, key, bool(own_id)))
        whole.add((value, item.status))
        return fate

    def _refuse(self, item: Entry, key: K, earlier: K) -> None:
        raise RowError(
            Msg(
                "{where}: a second, different figure for {target} {period} as of {as_of} (the first is at {first}); "
                "a file gives each figure once",
                where=self.place(key, "value"), target=item.target, period=item.period,
                as_of=item.as_of.isoformat(), first=self.place(earlier, "value"),
            )
        )  # fmt: skip


def _stamp(
    parse_stamp: Callable[[object], datetime | None],
    row: Mapping[str, object],
    place: Callable[[K, str | None], Text],
    key: K,
) -> datetime | None:
    """The row's recording time, when it gives one (a row exported from a log)."""
    try:
        return parse_stamp(row.get("recorded_at"))
    except ValueError as exc:
        where = place(key, "recorded_at")
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

    def item(
        self,
        row: Mapping[str, object],
        row_id: str,
        stamp: datetime | None,
        place: Callable[[K, str | None], Text],
        key: K,
        known: Callable[[str], bool],
    ) -> Entry | Retraction:
        """The figure or retraction a row stands for; ``known`` says whether an id is in
        the log or earlier in the file (what a retraction may retract)."""
        if row.get("kind") != "retraction":
            return self.entry(row, row_id, stamp, place, key)
        retracts = str(row.get("retracts") or "")
        if not known(retracts):
            raise RowError(Msg("{where}: retracts: no entry {id!r}", where=place(key, "retracts"), id=retracts))
        return self.retraction(row, row_id, stamp)

    def retraction(self, row: Mapping[str, object], row_id: str, stamp: datetime | None) -> Retraction:
        """A retraction row (what it retracts already checked)."""
        return Retraction(
            id=row_id or self.new_id(), retracts=str(row.get("retracts") or ""), recorded_at=stamp or self.now,
            recorded_by=str(row.get("recorded_by") or self.recorder), note=nfc(str(row.get("note") or "")),
        )  # fmt: skip

    def entry(
        self, row: Mapping[str, object], row_id: str, stamp: datetime | None, place: Callable[[K, str | None], Text],
        key: K,
    ) -> Entry:  # fmt: skip
        """A figure row, checked against the plan as `tracker record` checks a figure."""
        for required in ("target", "value"):
            if row.get(required) in (None, ""):
                raise RowError(Msg("{where}: {field}: missing", where=place(key, required), field=required))
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
                Msg("{where}: {field}: {detail}", where=place(key, exc.field), field=exc.field, detail=exc.message)
            ) from None


def same_figure(logged: Entry | Retraction, imported: Entry | Retraction, stamped: bool) -> bool:
    """An imported row is the logged one again: equal, or equal but for the recording
    stamp the import gave it because the row carried none."""
    if stamped or type(logged) is not type(imported):
        return logged == imported
    return replace(logged, recorded_at=None, recorded_by="") == replace(imported, recorded_at=None, recorded_by="")
