"""What was known on a day (tracker.core.figures.known_by, LogContents.known_at) and a
figure's first report (figures.first_reported, Assessment.revised)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from tracker.core.figures import differs, first_reported, known_by, latest
from tracker.core.history import EntryList, relevant_figures
from tracker.core.judging import assess
from tracker.core.model import Entry, FigureStatus, PlanValue, Retraction, Shape, Target
from tracker.core.periods import parse_period
from tracker.storage.progress_log import HEADER, parse_log, render_lines

D = Decimal
HANOI = timezone(timedelta(hours=7))
YEAR_END = date(2025, 12, 31)
_ids = iter(range(10**6))


def entry(value: str | bool, as_of: date = YEAR_END, recorded_at: datetime | None = None, period: str = "2025",
          status: FigureStatus = FigureStatus.OFFICIAL) -> Entry:  # fmt: skip
    return Entry(id=f"e{next(_ids):015d}", target="growth", period=period,
                 value=value if isinstance(value, bool) else D(value), as_of=as_of, status=status,
                 recorded_at=recorded_at, recorded_by="t")  # fmt: skip


GROWTH = Target(id="growth", name="GRDP growth", group="Economy", unit="%",
                plans={"2025": PlanValue(Shape.AT_LEAST, D(8))}, periods={"2025": parse_period("2025")})  # fmt: skip
OCTOBER = entry("7.0", recorded_at=datetime(2025, 10, 15, 9, tzinfo=HANOI), status=FigureStatus.ESTIMATE)
JANUARY = entry("7.09", recorded_at=datetime(2026, 1, 10, 14, tzinfo=HANOI))


# ---------------------------------------------------------------- known_by


def test_a_line_is_known_from_the_day_written_in_its_own_offset() -> None:
    """00:30 on 20 November in Hanoi is 19 November in UTC: the line is known from the 20th,
    the day its writer saw."""
    at = datetime(2025, 11, 20, 0, 30, tzinfo=HANOI)
    assert not known_by(at, date(2025, 11, 19))
    assert known_by(at, date(2025, 11, 20)) and known_by(at, date(2026, 1, 1))
    late_utc = datetime(2025, 11, 19, 23, 59, tzinfo=UTC)  # already the 20th in Hanoi
    assert known_by(late_utc, date(2025, 11, 19)) and not known_by(late_utc, date(2025, 11, 18))
    assert known_by(datetime(2025, 11, 20, 8), date(2025, 11, 20))  # a time without zone: its own date


def test_a_line_without_recording_time_is_known_on_any_day() -> None:
    assert known_by(None, date(1, 1, 1)) and known_by(None, date(2025, 1, 1))


# ---------------------------------------------------------------- first_reported and revised


def test_first_report_is_the_earliest_recorded_figure_of_the_same_point() -> None:
    """The October estimate is the first report of the year-end figure the January one
    revised; the winner alone is its own first report; none without a figure."""
    assert first_reported([OCTOBER, JANUARY], JANUARY) is OCTOBER
    assert first_reported([JANUARY, OCTOBER], JANUARY) is OCTOBER  # whatever the order given
    assert first_reported([JANUARY], JANUARY) is JANUARY
    assert first_reported([], JANUARY) is JANUARY
    assert first_reported([OCTOBER], None) is None


def test_another_point_or_period_is_not_an_earlier_report() -> None:
    """A year-to-date figure of 31 October superseded by the year-end one is another point;
    last year's figure of the same day is another period."""
    october_ytd = entry("5.1", as_of=date(2025, 10, 31), recorded_at=datetime(2025, 11, 5, tzinfo=UTC))
    last_year = entry("6.0", as_of=YEAR_END, period="2024", recorded_at=datetime(2025, 1, 5, tzinfo=UTC))
    assert first_reported([october_ytd, last_year, JANUARY], JANUARY) is JANUARY


def test_first_report_ranks_as_revisions_do() -> None:
    """A hand-written figure (no recording time) ranks as recorded earliest; of two recorded
    at the same instant, the one given first (the earlier line)."""
    hand = entry("6.9")
    assert first_reported([OCTOBER, hand, JANUARY], JANUARY) is hand
    when = datetime(2025, 10, 15, 2, tzinfo=UTC)  # the same instant as OCTOBER, in UTC
    twin = entry("6.8", recorded_at=when)
    assert first_reported([twin, OCTOBER, JANUARY], JANUARY) is twin
    assert first_reported([OCTOBER, twin, JANUARY], JANUARY) is OCTOBER
    # the winner itself tied with an earlier line: that line is the first report
    again = entry("7.09", recorded_at=JANUARY.recorded_at)
    winner = latest([again, JANUARY])
    assert winner is JANUARY and first_reported([again, JANUARY], JANUARY) is again


def test_revised_only_when_the_value_differs() -> None:
    """7.0 then 7.09 is revised; 7.0 then 7.00 is one number; yes is never 1."""
    assert differs(D("7.0"), D("7.09")) and not differs(D("7.0"), D("7.00"))
    assert differs(True, D(1)) and differs(D(0), False) and not differs(True, True)
    judged = assess(GROWTH, parse_period("2025"), [OCTOBER, JANUARY], date(2026, 1, 15))
    assert judged.actual is JANUARY and judged.first_reported is OCTOBER and judged.revised is OCTOBER
    same = entry("7.090", recorded_at=datetime(2026, 2, 1, tzinfo=UTC))
    judged = assess(GROWTH, parse_period("2025"), [JANUARY, same], date(2026, 2, 15))
    assert judged.actual is same and judged.first_reported is JANUARY and judged.revised is None
    alone = assess(GROWTH, parse_period("2025"), [OCTOBER], date(2025, 10, 20))
    assert alone.first_reported is OCTOBER and alone.revised is None
    assert assess(GROWTH, parse_period("2025"), [], date(2025, 10, 20)).first_reported is None


def test_relevant_figures_hold_the_earlier_reports_and_the_winner_still_wins() -> None:
    """A report asks the history for the figures of the winner's point, so judging sees its
    first report; the winner stays the winner, a tie included."""
    tie = entry("7.2", recorded_at=JANUARY.recorded_at)  # recorded at the same instant, an earlier line
    history = EntryList([OCTOBER, tie, JANUARY])
    figures = relevant_figures(history, "growth", parse_period("2025"))
    assert OCTOBER in figures and latest(f for f in figures if f.period == "2025") is JANUARY
    judged = assess(GROWTH, parse_period("2025"), figures, date(2026, 1, 15))
    assert judged.actual is JANUARY and judged.revised is OCTOBER


# ---------------------------------------------------------------- the log as known on a day


def test_log_as_known_at_the_end_of_a_day(tmp_path: Path) -> None:
    """Figures and retractions recorded after the day are left out (a retraction later
    than the day leaves its figure live); lines without a recording time stay; a day before
    everything gives an empty log."""
    hand = entry("1", period="2024")
    wrong = entry("6.5", recorded_at=datetime(2025, 11, 10, 8, tzinfo=HANOI))
    retraction = Retraction(id="r000000000000001", retracts=wrong.id, recorded_by="t",
                            recorded_at=datetime(2025, 11, 20, 0, 30, tzinfo=HANOI))  # fmt: skip
    log = parse_log(HEADER.encode() + render_lines([OCTOBER, hand, wrong, retraction, JANUARY]), tmp_path / "log")
    then = log.known_at(date(2025, 11, 19))
    assert [e.id for e in then.all_entries] == [OCTOBER.id, hand.id, wrong.id]
    assert then.retractions == [] and wrong.id in [e.id for e in then.live()]
    later = log.known_at(date(2025, 11, 20))
    assert later.retractions == [retraction] and wrong.id not in [e.id for e in later.live()]
    assert [e.id for e in log.known_at(date(2026, 1, 10)).live()] == [OCTOBER.id, hand.id, JANUARY.id]
    assert log.known_at(date(2026, 1, 10)).winners("growth", ["2025"])["2025"].id == JANUARY.id
    assert log.known_at(date(2026, 1, 9)).winners("growth", ["2025"])["2025"].id == OCTOBER.id
    empty = log.known_at(date(2000, 1, 1))
    assert [e.id for e in empty.all_entries] == [hand.id] and empty.retractions == []
    assert [e.id for e in log.all_entries] == [OCTOBER.id, hand.id, wrong.id, JANUARY.id]  # the log itself unchanged


def test_log_as_known_keeps_batches_and_only_their_known_retractions(tmp_path: Path) -> None:
    """An import's figures keep their batch; a batch of retractions recorded later lists
    none of them as of the day before."""
    figure = entry("7.0", recorded_at=datetime(2025, 10, 15, tzinfo=UTC))
    taken = Retraction(id="r000000000000002", retracts=figure.id, recorded_by="t",
                       recorded_at=datetime(2025, 12, 1, tzinfo=UTC))  # fmt: skip
    data = HEADER.encode() + render_lines([figure], batch="a" * 16) + render_lines([taken], batch="b" * 16)
    log = parse_log(data, tmp_path / "log")
    then = log.known_at(date(2025, 11, 30))
    assert then.batch_of() == {figure.id: "a" * 16}
    assert [e.id for e in then.live()] == [figure.id]
    assert log.known_at(date(2025, 12, 1)).batch_of() == {figure.id: "a" * 16, taken.id: "b" * 16}
