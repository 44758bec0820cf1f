"""Unit tests of import validation (tracker.core.importing): plain values in, no files, no clock."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tracker.core.importing import Fate, LoggedItems, RowError, same_figure, validate_import
from tracker.core.model import Entry, Plan, PlanValue, Retraction, Shape, Target
from tracker.core.periods import parse_period
from tracker.messages import Msg
from tracker.storage.import_file import parse_timestamp  # the storage parser the CLI passes in

NOW = datetime(2025, 6, 1, 8, 0, tzinfo=UTC)
PLAN = Plan(
    title="Plan", organisation="", language="en", default_period="2025",
    targets=(Target(id="growth", name="Growth", group="economy", unit="%",
                    plans={"2025": PlanValue(Shape.AT_LEAST, value=Decimal(8))},
                    periods={"2025": parse_period("2025")}),),
)  # fmt: skip
LOGGED = Entry(id="e1", target="growth", period="2025", value=Decimal("7.5"), as_of=date(2025, 3, 31),
               recorded_at=NOW, recorded_by="an")  # fmt: skip


def _validate(
    rows: list[Mapping[str, object]], known: list[Entry] | None = None, fits: bool = True
) -> tuple[list[Entry | Retraction], int]:
    ids = iter(f"new{n}" for n in range(100))
    checked = validate_import(
        lambda: PLAN, LoggedItems(known or []), "figures.csv", list(enumerate(rows, start=2)),
        new_id=lambda: next(ids), today=lambda: date(2025, 6, 1), now=NOW, recorder="binh",
        parse_stamp=parse_timestamp, fits=lambda item: fits, too_long=Msg("too long"),
    )  # fmt: skip
    return checked.items, checked.count(Fate.ALREADY)


def _said(exc: pytest.ExceptionInfo[RowError]) -> str:
    return exc.value.message.render("en")


def test_rows_become_entries_stamped_with_the_given_clock_recorder_and_ids() -> None:
    """Nothing comes from the environment: the id, time and recorder are the ones passed in."""
    items, skipped = _validate([{"target": "growth", "value": "8.1", "as_of": "2025-05-31"}])
    assert skipped == 0
    assert [(i.id, i.recorded_at, i.recorded_by) for i in items] == [("new0", NOW, "binh")]


def test_a_row_already_in_the_log_is_skipped_not_added_again() -> None:
    """Importing an export again adds nothing: the same figure is counted as skipped."""
    row = {"id": "e1", "target": "growth", "period": "2025", "value": "7.5", "as_of": "2025-03-31",
           "recorded_at": NOW.isoformat(), "recorded_by": "an"}  # fmt: skip
    assert _validate([row], known=[LOGGED]) == ([], 1)


def test_an_id_in_the_log_with_other_values_is_refused_naming_the_row() -> None:
    """A different figure under a logged id is an error, located at its row."""
    row = {"id": "e1", "target": "growth", "value": "9", "as_of": "2025-03-31", "recorded_at": NOW.isoformat()}
    with pytest.raises(RowError) as exc:
        _validate([row], known=[LOGGED])
    assert _said(exc) == "figures.csv: row 2: id: 'e1' is already in the log with other values"


def test_the_same_id_twice_in_the_file_is_refused() -> None:
    """Two rows sharing an id: the second is named."""
    row = {"id": "x", "target": "growth", "value": "8", "as_of": "2025-03-31"}
    with pytest.raises(RowError) as exc:
        _validate([row, row])
    assert _said(exc) == "figures.csv: row 3: id: 'x' appears twice in the file"


def test_missing_fields_and_bad_stamps_are_refused_with_the_field_named() -> None:
    """The first bad row and field are named, with the same words as before the move."""
    with pytest.raises(RowError) as exc:
        _validate([{"target": "growth"}])
    assert _said(exc) == "figures.csv: row 2: value: missing"
    with pytest.raises(RowError) as exc:
        _validate([{"target": "growth", "value": "1", "recorded_at": "soon"}])
    assert _said(exc) == "figures.csv: row 2: recorded_at: not a date-time: 'soon'"


def test_a_retraction_must_name_an_entry_in_the_log_or_earlier_in_the_file() -> None:
    """A retraction of an unknown id is refused; one of an entry imported just before is not."""
    with pytest.raises(RowError) as exc:
        _validate([{"kind": "retraction", "retracts": "nope"}])
    assert _said(exc) == "figures.csv: row 2: retracts: no entry 'nope'"
    items, _ = _validate([{"id": "a", "target": "growth", "value": "8", "as_of": "2025-03-31"},
                          {"kind": "retraction", "retracts": "a"}])  # fmt: skip
    assert isinstance(items[1], Retraction) and items[1].retracts == "a"


def test_a_retraction_only_import_never_loads_the_plan() -> None:
    """The plan is asked for only when an entry row needs it (a broken plan stays unread)."""

    def no_plan() -> Plan:
        raise AssertionError("the plan was loaded")

    checked = validate_import(
        no_plan, LoggedItems([LOGGED]), "r.csv", [(2, {"kind": "retraction", "retracts": "e1"})],
        new_id=lambda: "r1", today=lambda: date(2025, 6, 1), now=NOW, recorder="binh",
        parse_stamp=parse_timestamp, fits=lambda item: True, too_long=Msg("too long"),
    )  # fmt: skip
    assert checked.items == [Retraction(id="r1", retracts="e1", recorded_at=NOW, recorded_by="binh")]


def test_a_row_whose_log_line_would_not_fit_is_refused_with_the_given_words() -> None:
    """The storage's line limit is passed in as a check and a message."""
    with pytest.raises(RowError) as exc:
        _validate([{"target": "growth", "value": "8", "as_of": "2025-03-31"}], fits=False)
    assert _said(exc) == "figures.csv: row 2: too long"


def test_same_figure_ignores_only_the_stamp_an_unstamped_row_was_given() -> None:
    """Without a recording time in the row, the stamp differs but the figure is the same."""
    restamped = Entry(id="e1", target="growth", period="2025", value=Decimal("7.5"), as_of=date(2025, 3, 31),
                      recorded_at=datetime(2026, 1, 1, tzinfo=UTC), recorded_by="binh")  # fmt: skip
    assert same_figure(LOGGED, restamped, stamped=False)
    assert not same_figure(LOGGED, restamped, stamped=True)


# ---------------------------------------------------------------- never twice (issue 13)


def _check(
    rows: Sequence[Mapping[str, object]], known: list[Entry] | None = None, retractions: list[Retraction] | None = None
) -> list[tuple[int, Fate, object]]:
    """Each row's number, fate and value (a retraction's: what it retracts)."""
    ids = iter(f"new{n}" for n in range(100))
    checked = validate_import(
        lambda: PLAN, LoggedItems(known or [], retractions or []), "kq.csv", list(enumerate(rows, start=2)),
        new_id=lambda: next(ids), today=lambda: date(2025, 6, 1), now=NOW, recorder="binh",
        parse_stamp=parse_timestamp, fits=lambda item: True, too_long=Msg("too long"),
    )  # fmt: skip
    return [(o.key, o.fate, getattr(o.item, "value", getattr(o.item, "retracts", None))) for o in checked.outcomes]


SAME = {"target": "growth", "period": "2025", "value": "7.5", "as_of": "2025-03-31"}  # LOGGED, as an office writes it


def test_a_figure_identical_to_a_live_one_is_already_recorded() -> None:
    """Target, period, as-of, value and status all equal: skipped, whatever the note or source; 7.50 is 7.5."""
    assert _check([SAME], [LOGGED]) == [(2, Fate.ALREADY, Decimal("7.5"))]
    assert _check([{**SAME, "value": "7.50", "note": "gửi lại"}], [LOGGED])[0][1] is Fate.ALREADY


def test_another_value_or_status_for_the_same_day_is_a_revision() -> None:
    """The same target, period and as-of with another value, or another status: recorded, as a revision."""
    assert _check([{**SAME, "value": "7.6"}], [LOGGED]) == [(2, Fate.REVISION, Decimal("7.6"))]
    assert _check([{**SAME, "status": "estimate"}], [LOGGED])[0][1] is Fate.REVISION
    assert _check([{**SAME, "as_of": "2025-04-30"}], [LOGGED])[0][1] is Fate.NEW


def test_a_figure_equal_only_to_a_retracted_one_is_recorded_again() -> None:
    """Retracted figures do not count: importing one again brings it back (how an undone batch is restored)."""
    gone = Retraction(id="r1", retracts="e1", recorded_at=NOW, recorded_by="an")
    assert _check([SAME], [LOGGED], [gone]) == [(2, Fate.NEW, Decimal("7.5"))]


def test_a_superseded_figure_sent_again_stays_already_recorded() -> None:
    """Running last month's file again never undoes this month's correction: its figure is still live."""
    corrected = Entry(id="e2", target="growth", period="2025", value=Decimal("7.6"), as_of=date(2025, 3, 31),
                      recorded_at=NOW, recorded_by="an")  # fmt: skip
    assert _check([SAME], [LOGGED, corrected])[0][1] is Fate.ALREADY


def test_a_row_without_an_as_of_matches_whatever_day_the_figure_had() -> None:
    """A row that gives no as-of would be dated today: the same figure recorded on another day is the same figure."""
    undated = {"target": "growth", "period": "2025", "value": "7.5"}
    assert _check([undated], [LOGGED])[0][1] is Fate.ALREADY
    assert _check([{**undated, "value": "7.9"}], [LOGGED])[0][1] is Fate.NEW


def test_two_identical_rows_of_one_file_are_one_figure() -> None:
    """The second is already recorded (by the first); two different ones for the same day refuse the file, naming both rows."""
    assert [fate for _, fate, _ in _check([SAME, SAME])] == [Fate.NEW, Fate.ALREADY]
    with pytest.raises(RowError) as exc:
        _check([SAME, {**SAME, "value": "8"}])
    assert _said(exc) == ("kq.csv: row 3: a second, different figure for growth 2025 as of 2025-03-31 "
                          "(the first is at kq.csv: row 2); a file gives each figure once")  # fmt: skip


def test_rows_exported_from_a_log_are_matched_by_id_only() -> None:
    """A history export (ids and recording times) copies a log exactly: repeats and revisions of a day included."""
    stamp = NOW.isoformat()
    exported = [{**SAME, "id": "x1", "recorded_at": stamp}, {**SAME, "id": "x2", "recorded_at": stamp},
                {**SAME, "id": "x3", "value": "7.6", "recorded_at": stamp}]  # fmt: skip
    assert [fate for _, fate, _ in _check(exported)] == [Fate.NEW, Fate.REVISION, Fate.REVISION]
    assert [fate for _, fate, _ in _check(exported, [LOGGED])] == [Fate.REVISION] * 3
    row = {"id": "e1", "target": "growth", "period": "2025", "value": "7.5", "as_of": "2025-03-31",
           "recorded_at": NOW.isoformat(), "recorded_by": "an"}  # fmt: skip
    assert _check([row], [LOGGED])[0][1] is Fate.ALREADY


def test_a_figure_the_file_itself_retracts_is_not_matched() -> None:
    """An entry row retracted by a later row of the same file is recorded as it is, then retracted."""
    rows = [{**SAME, "id": "a"}, {"kind": "retraction", "retracts": "a"}]
    assert [fate for _, fate, _ in _check(rows, [LOGGED])] == [Fate.NEW, Fate.NEW]  # neither skipped nor a revision
    retracting_the_log = [{"kind": "retraction", "retracts": "e1"}, SAME]  # the log's figure is dead after the file
    assert [fate for _, fate, _ in _check(retracting_the_log, [LOGGED])] == [Fate.NEW, Fate.NEW]


def test_the_place_of_a_refused_field_is_worded_by_the_caller() -> None:
    """Given ``where``, errors name the place it words for the row and the field (a sheet's row and column)."""
    with pytest.raises(RowError) as exc:
        validate_import(
            lambda: PLAN, LoggedItems(), "kq.xlsx", [("R7", {"target": "growth", "value": "abc"})],
            new_id=lambda: "n", today=lambda: date(2025, 6, 1), now=NOW, recorder="binh",
            parse_stamp=parse_timestamp, fits=lambda item: True, too_long=Msg("too long"),
            where=lambda key, field: f"kq.xlsx: sheet 'T6', row {key[1:]}, column {'C' if field == 'value' else '?'}",
        )  # fmt: skip
    assert _said(exc).startswith("kq.xlsx: sheet 'T6', row 7, column C: value: not a number: 'abc'")
