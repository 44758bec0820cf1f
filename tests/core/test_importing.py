"""Unit tests of import validation (tracker.core.importing): plain values in, no files, no clock."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from tracker.core.importing import RowError, same_figure, validate_import
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
    return validate_import(
        lambda: PLAN, known or [], [], "figures.csv", list(enumerate(rows, start=2)),
        new_id=lambda: next(ids), today=lambda: date(2025, 6, 1), now=NOW, recorder="binh",
        parse_stamp=parse_timestamp, fits=lambda item: fits, too_long=Msg("too long"),
    )  # fmt: skip


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

    items, _ = validate_import(
        no_plan, [LOGGED], [], "r.csv", [(2, {"kind": "retraction", "retracts": "e1"})],
        new_id=lambda: "r1", today=lambda: date(2025, 6, 1), now=NOW, recorder="binh",
        parse_stamp=parse_timestamp, fits=lambda item: True, too_long=Msg("too long"),
    )  # fmt: skip
    assert items == [Retraction(id="r1", retracts="e1", recorded_at=NOW, recorded_by="binh")]


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
