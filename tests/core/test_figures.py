"""Which recorded figures count (tracker.core.figures): the revision that wins, and the
figures of "the same point last year". Each rule once had two copies; the tests check the one
rule against both old copies, and that judging and the log follow it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.core.figures import (
    SAME_POINT_DAYS,
    latest,
    recording_instant,
    revision_rank,
    same_point_last_year,
    same_point_window,
)
from tracker.core.history import EntryList, relevant_figures
from tracker.core.judging import assess
from tracker.core.model import Entry, PlanValue, Shape, Target
from tracker.core.periods import Period, parse_period, same_period_last_year, shift_years
from tracker.storage.log_contents import LogContents
from tracker.storage.log_line import ASOF, RECORDED, Row, read_line, render_line, to_entry

D = Decimal
_counter = iter(range(10**6))


def entry(value: str, as_of: date, period: str = "2025", recorded_at: datetime | None = None, tid: str = "t") -> Entry:
    return Entry(id=f"e{next(_counter)}", target=tid, period=period, value=D(value), as_of=as_of,
                 recorded_at=recorded_at)  # fmt: skip


# ---------------------------------------------------------------- the winning revision


def test_latest_prefers_later_as_of() -> None:
    """Among revisions the figure with the later as-of date wins, whatever the order."""
    early = entry("10", date(2025, 6, 30), recorded_at=datetime(2025, 12, 1, tzinfo=UTC))
    late = entry("20", date(2025, 9, 30), recorded_at=datetime(2025, 10, 5, tzinfo=UTC))
    assert latest([late, early]) is late
    assert latest([early, late]) is late


def test_latest_same_as_of_prefers_later_recording() -> None:
    """With the same as-of date the later recording (a revision) wins, whatever the order."""
    first = entry("8.0", date(2025, 12, 31), recorded_at=datetime(2025, 11, 20, 8, 0, tzinfo=UTC))
    revised = entry("8.2", date(2025, 12, 31), recorded_at=datetime(2026, 2, 1, 8, 0, tzinfo=UTC))
    assert latest([revised, first]) is revised
    assert latest([first, revised]) is revised


def test_latest_compares_recording_instants_across_offsets() -> None:
    """recorded_at is compared as an instant: 03:00 UTC is later than 09:00+07:00 (02:00 UTC)."""
    hanoi = timezone(timedelta(hours=7))
    earlier = entry("1", date(2025, 12, 31), recorded_at=datetime(2025, 3, 1, 9, 0, tzinfo=hanoi))
    later = entry("2", date(2025, 12, 31), recorded_at=datetime(2025, 3, 1, 3, 0, tzinfo=UTC))
    assert latest([later, earlier]) is later


def test_latest_of_nothing_is_none() -> None:
    """No entries, no latest."""
    assert latest([]) is None


def test_recording_instants_sort_as_the_instants() -> None:
    """The text a recording time ranks by: none first, a time without zone read as UTC, and
    four-digit years, so year 999 sorts before 2025 (strftime wrote "999-...", after it)."""
    hanoi = timezone(timedelta(hours=7))
    moments = [
        None,
        datetime(999, 5, 1, tzinfo=UTC),
        datetime(2025, 3, 1, 9, 0, tzinfo=hanoi),  # 02:00 UTC
        datetime(2025, 3, 1, 2, 30),  # no zone: UTC
        datetime(2025, 3, 1, 3, 0, 0, 1, tzinfo=UTC),
    ]
    texts = [recording_instant(m) for m in moments]
    assert texts == sorted(texts) and len(set(texts)) == len(texts)
    assert recording_instant(datetime(2025, 3, 1, 2, 0)) == recording_instant(datetime(2025, 3, 1, 9, 0, tzinfo=hanoi))
    assert recording_instant(datetime(2025, 3, 1, 2, 0, tzinfo=UTC)) == "2025-03-01T02:00:00.000000"


def test_recording_instants_outside_the_calendar_sort_at_its_ends() -> None:
    """A hand-written time that is before year 1 or after year 9999 once in UTC ranks before
    or after every other time instead of failing (it crashed the log reader)."""
    first = datetime(1, 1, 1, 0, 30, tzinfo=timezone(timedelta(hours=1)))  # 31 Dec of year 0 in UTC
    last = datetime(9999, 12, 31, 23, 0, tzinfo=timezone(timedelta(hours=-2)))  # year 10000 in UTC
    texts = [recording_instant(first), recording_instant(datetime(1, 1, 1, tzinfo=UTC)),
             recording_instant(datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC)), recording_instant(last)]  # fmt: skip
    assert recording_instant(None) < texts[0] and texts == sorted(texts) and len(set(texts)) == 4


def test_the_log_ranks_rows_by_revision_rank() -> None:
    """A row of the log starts with its figure's revision rank: the log and judging rank alike."""
    rows: list[Row] = []
    figure = entry("1", date(2025, 6, 30), recorded_at=datetime(2025, 7, 1, 9, 0, tzinfo=timezone(timedelta(hours=7))))
    read_line(render_line(figure).encode(), 1, True, rows, [], is_last=False)
    assert (rows[0][ASOF], rows[0][RECORDED]) == revision_rank(figure.as_of, figure.recorded_at)
    assert to_entry(rows[0]) == figure


# The two copies the rule had, kept as they were to check the one rule against.


def _old_judging_latest(entries: list[Entry]) -> Entry | None:
    def instant(moment: datetime | None) -> datetime:
        if moment is None:
            return datetime.min.replace(tzinfo=UTC)
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment

    best: Entry | None = None
    best_key: tuple[date, datetime] | None = None
    for e in entries:
        key = (e.as_of, instant(e.recorded_at))
        if best_key is None or key >= best_key:
            best, best_key = e, key
    return best


def _old_log_winner(entries: list[Entry]) -> Entry | None:
    def instant(moment: datetime | None) -> str:
        if moment is None:
            return ""
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")

    ranked = [(e.as_of.toordinal(), instant(e.recorded_at), line) for line, e in enumerate(entries)]
    return entries[max(ranked)[2]] if ranked else None


_INSTANTS = [datetime(2025, 3, 1, 2, 0, tzinfo=UTC), datetime(2025, 3, 1, 2, 0, 0, 1, tzinfo=UTC),
             datetime(2026, 1, 5, 8, 12, tzinfo=UTC)]  # fmt: skip


@st.composite
def _recording_times(draw: st.DrawFn) -> datetime | None:
    """None, or a time often equal to another one written in another zone or without zone."""
    kind = draw(st.sampled_from(["none", "shared", "any"]))
    if kind == "none":
        return None
    moment = (
        draw(st.sampled_from(_INSTANTS))
        if kind == "shared"
        else draw(
            st.datetimes(min_value=datetime(1000, 1, 2), max_value=datetime(9999, 12, 30), timezones=st.just(UTC))
        )
    )
    assert isinstance(moment, datetime)
    minutes = draw(st.integers(-14 * 60, 14 * 60))
    if draw(st.booleans()):
        return moment.replace(tzinfo=None)  # read as UTC
    return moment.astimezone(timezone(timedelta(minutes=minutes)))


_revisions = st.lists(
    st.tuples(st.sampled_from([date(2025, 6, 30), date(2025, 12, 30), date(2025, 12, 31)]), _recording_times()),
    min_size=1,
    max_size=8,
).map(lambda pairs: [entry(str(i), as_of, recorded_at=moment) for i, (as_of, moment) in enumerate(pairs)])


@settings(max_examples=400, deadline=None)
@given(revisions=_revisions)
def test_one_rule_picks_the_figure_both_old_copies_picked(revisions: list[Entry]) -> None:
    """On revisions of one figure (ties of date and instant across zones included), the one
    rule picks what judging's copy and the log's copy picked, and so do both readers today:
    judging over entries, and the log over the rows it read from the lines written."""
    winner = latest(revisions)
    ranked = max(range(len(revisions)), key=lambda i: (revision_rank(revisions[i].as_of, revisions[i].recorded_at), i))
    assert winner is revisions[ranked]  # the rank the function documents, the later one winning a tie
    assert winner is _old_judging_latest(revisions)
    assert winner is _old_log_winner(revisions)
    rows: list[Row] = []
    for number, revision in enumerate(revisions, start=1):
        read_line(render_line(revision).encode(), number, True, rows, [], is_last=False)
    assert winner is not None
    assert LogContents(rows={"t": rows}).winners("t", ["2025"])["2025"].id == winner.id
    assert EntryList(revisions).winners("t", ["2025"])["2025"] is winner


# ---------------------------------------------------------------- the same point last year


def _old_window(period: Period, as_of: date) -> tuple[str, date, date]:
    """The window as judging and history each computed it."""
    before = same_period_last_year(period).label
    cutoff = shift_years(as_of, -(period.end.year - parse_period(before).end.year))
    return before, cutoff - timedelta(days=SAME_POINT_DAYS), cutoff


_periods = st.one_of(
    st.integers(2001, 2098).map(str),
    st.tuples(st.integers(2001, 2098), st.integers(1, 4)).map(lambda yq: f"{yq[0]}-Q{yq[1]}"),
    st.tuples(st.integers(2001, 2098), st.integers(1, 12)).map(lambda ym: f"{ym[0]}-{ym[1]:02d}"),
    st.tuples(st.integers(2001, 2090), st.integers(1, 6)).map(lambda ys: f"{ys[0]}-{ys[0] + ys[1]}"),
).map(parse_period)


@settings(max_examples=300, deadline=None)
@given(period=_periods, day=st.integers(0, 4000))
def test_the_window_is_the_one_both_copies_computed(period: Period, day: int) -> None:
    """Same label, first and last day as before, for years, quarters, months and spans, 29
    February included."""
    as_of = min(period.start + timedelta(days=day), period.end)
    assert same_point_window(period, as_of) == _old_window(period, as_of)


def test_the_window_of_a_first_half_figure() -> None:
    """30 June 2025 is compared with figures of 2024 dated 30 May to 30 June 2024."""
    assert same_point_window(parse_period("2025"), date(2025, 6, 30)) == ("2024", date(2024, 5, 30), date(2024, 6, 30))


@settings(max_examples=200, deadline=None)
@given(
    actual_day=st.integers(0, 364),
    last_year=st.lists(st.tuples(st.integers(0, 365), st.integers(0, 3)), max_size=6),
)
def test_history_hands_judging_the_figure_it_compares_with(actual_day: int, last_year: list[tuple[int, int]]) -> None:
    """The figures history hands over (one window) hold the one judging compares with (the
    same window): a report judges as if it had every figure."""
    year = parse_period("2025")
    target = Target(id="t", name="t", group="g", unit="", plans={"2025": PlanValue(Shape.AT_LEAST, value=D(1))},
                    periods={"2025": year})  # fmt: skip
    actual = entry("5", date(2025, 1, 1) + timedelta(days=actual_day))
    before = [entry(str(n), date(2024, 1, 1) + timedelta(days=d), period="2024",
                    recorded_at=datetime(2025, 1, 1, n, tzinfo=UTC)) for d, n in last_year]  # fmt: skip
    everything = [actual, *before]
    handed = relevant_figures(EntryList(everything), "t", year)
    expected = same_point_last_year(everything, year, actual)
    assert same_point_last_year(handed, year, actual) == expected
    as_of = date(2026, 1, 1)
    assert assess(target, year, handed, as_of).previous == assess(target, year, everything, as_of).previous == expected
