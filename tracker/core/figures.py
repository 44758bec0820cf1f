"""Which recorded figures count: the revision that wins, and "the same point last year".

A figure may be recorded many times (an estimate, then the preliminary figure, then the
official one, or a mistake typed again): one rule says which revision counts, and the
progress log ranks its rows by the same rule (``revision_rank``). A figure is compared
with last year's figure at the same point of the period ("so với cùng kỳ"): one rule says
which of last year's figures that may be (``same_point_window``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

from tracker.core.model import Entry, Value
from tracker.core.periods import Period, same_period_last_year, shift_years

# A figure of the previous period counts as "the same point last year" when it is dated
# at most this many days before the same calendar day a year earlier.
SAME_POINT_DAYS = 31
# What a recording time outside the calendar once turned to UTC ranks as (only a hand-edited
# line holds one, 0001-01-01T00:00+01:00): before or after every other time.
_BEFORE_ALL = "0000"
_AFTER_ALL = "99999"


def recording_instant(moment: datetime | None) -> str:
    """A recording time as text that sorts as the instants do: UTC to the microsecond
    (a time without zone read as UTC), and no time at all ("") first."""
    if moment is None:
        return ""
    try:
        utc = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except OverflowError:
        return _BEFORE_ALL if moment.year == 1 else _AFTER_ALL
    # isoformat, not strftime("%Y"): the year keeps four digits, so year 999 sorts before 2025
    return utc.replace(tzinfo=None).isoformat(timespec="microseconds")


def revision_rank(as_of: date, recorded_at: datetime | None) -> tuple[int, str]:
    """How revisions of one figure rank, lowest first: by as-of date, then by recording
    instant, a figure without one (hand-written) ranking as recorded earliest. Among equal
    ranks the later line of the log (the later entry given) wins."""
    return as_of.toordinal(), recording_instant(recorded_at)


def latest(entries: Iterable[Entry]) -> Entry | None:
    """The entry that wins among revisions (see ``revision_rank``), or None for none."""
    best: Entry | None = None
    best_instant: str | None = None  # the best one's recording instant, once a tie needs it
    for entry in entries:
        # revision_rank compared a part at a time: recording times are turned into text only
        # for a tie of dates, and a report's figures rarely tie
        if best is None or entry.as_of > best.as_of:
            best, best_instant = entry, None
        elif entry.as_of == best.as_of and entry is not best:  # a report may hand one figure twice
            if best_instant is None:
                best_instant = recording_instant(best.recorded_at)
            instant = recording_instant(entry.recorded_at)
            if instant >= best_instant:
                best, best_instant = entry, instant
    return best


def known_by(recorded_at: datetime | None, day: date) -> bool:
    """Whether a line recorded at ``recorded_at`` was known by the end of ``day``
    (`--known-at`): its date as written, in its own UTC offset, is ``day`` or earlier (the
    day the person recording it saw on their calendar). A line without a recording time
    (written by hand) counts as known on any day: when it was written cannot be known,
    and leaving it out would hide a figure from every look back."""
    return recorded_at is None or recorded_at.date() <= day


def first_reported(entries: Iterable[Entry], actual: Entry | None) -> Entry | None:
    """The first report of the figure ``actual``: among ``entries`` (live figures, in log
    order) those of its target, period and as-of date (the same point: a full-year
    estimate and the official figure that replaced it, never a year-to-date figure a
    later point superseded), the one recorded earliest (a figure without a recording
    time first, as ``revision_rank`` ranks it; of equals, the one given first).
    ``actual`` itself when no other was recorded before it; None without ``actual``."""
    if actual is None:
        return None
    point = (actual.as_of, actual.period, actual.target)
    others = [e for e in entries if (e.as_of, e.period, e.target) == point and e is not actual and e != actual]
    if not others:  # the common case: nothing else was recorded for that point
        return actual
    first, first_instant = actual, recording_instant(actual.recorded_at)
    for entry in others:
        instant = recording_instant(entry.recorded_at)
        if instant < first_instant or (instant == first_instant and first is actual):
            first, first_instant = entry, instant
    return first


def differs(first: Value, then: Value) -> bool:
    """Whether two figures differ as figures: 7.0 and 7.00 are one number, yes is never 1."""
    return isinstance(first, bool) is not isinstance(then, bool) or first != then


def same_point_window(period: Period, as_of: date) -> tuple[str, date, date]:
    """Where the figure "at the same point last year" of a figure of ``period`` dated
    ``as_of`` is found: the label of the same period last year, and the first and last
    day (both included) a figure of it may be dated. A first-half figure is never
    compared with a full-year one."""
    before = same_period_last_year(period)
    cutoff = shift_years(as_of, before.end.year - period.end.year)
    return before.label, cutoff - timedelta(days=SAME_POINT_DAYS), cutoff


def same_point_last_year(entries: Iterable[Entry], period: Period, actual: Entry | None) -> Entry | None:
    """The winning figure of the same period last year at the same point of that period
    as ``actual`` (see ``same_point_window``); None without ``actual``."""
    if actual is None:
        return None
    label, since, until = same_point_window(period, actual.as_of)
    return latest(e for e in entries if e.period == label and since <= e.as_of <= until)
