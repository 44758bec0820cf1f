"""Batches in the progress log (issue 13): an import is framed as one batch with its own id,
readers learn each item's batch from the frame's lines (rows keep no field for it), the
cache keeps the batches, and what `undo` takes back is the last action: a figure, or the
live figures of the last batch."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.model import Entry, Retraction, Span
from tracker.core.values import has_letter
from tracker.storage import log_line
from tracker.storage.log_line import render_line
from tracker.storage.progress_log import HEADER, append, new_id, parse_log, read_log, render_lines

NOW = datetime(2025, 7, 1, 8, 0, tzinfo=UTC)


def _entry(n: int, target: str = "growth") -> Entry:
    return Entry(id=f"e{n:015d}", target=target, period="2025", value=Decimal(n), as_of=date(2025, 1 + n % 12, 1),
                 recorded_at=NOW, recorded_by="an")  # fmt: skip


def _retraction(n: int, of: int) -> Retraction:
    return Retraction(id=f"r{n:015d}", retracts=f"e{of:015d}", recorded_at=NOW, recorded_by="an")


def _log(*parts: bytes) -> bytes:
    return HEADER.encode() + b"".join(parts)


def test_a_batch_is_framed_with_the_id_it_is_given() -> None:
    """The frame's two comment lines carry the batch id; a malformed id is refused, never written."""
    data = render_lines([_entry(1), _entry(2)], "abcdefghijklmnop")
    lines = data.decode().splitlines()
    assert lines[0] == "# tracker import abcdefghijklmnop: 2 lines"
    assert lines[-1] == "# tracker import abcdefghijklmnop complete"
    assert all(line.startswith("  e") for line in lines[1:-1])
    with pytest.raises(ValueError):
        render_lines([_entry(1)], "not a batch id")


def test_each_item_learns_its_batch_from_the_frame(tmp_path: Path) -> None:
    """Rows between a batch's lines are its own, and so are its retractions; lines outside belong to none."""
    batch_a, batch_b = new_id(), new_id()
    data = _log(
        render_lines([_entry(1)]),
        render_lines([_entry(2), _entry(3, "revenue")], batch_a),
        render_lines([_entry(4)]),
        render_lines([_retraction(1, 2), _retraction(2, 3)], batch_b),
    )
    contents = parse_log(data, tmp_path / "log")
    assert [(b.id, b.retractions) for b in contents.batches] == [
        (batch_a, ()), (batch_b, ("r000000000000001", "r000000000000002")),
    ]  # fmt: skip
    assert contents.batch_of() == {
        "e000000000000002": batch_a, "e000000000000003": batch_a,
        "r000000000000001": batch_b, "r000000000000002": batch_b,
    }  # fmt: skip
    assert [e.id for e in map(log_line.to_entry, contents.batch_rows(contents.batches[0]))] == [
        "e000000000000002", "e000000000000003",
    ]  # fmt: skip
    assert contents.batch("nope") is None and contents.batch(batch_a) == contents.batches[0]


def test_the_last_action_is_a_figure_or_the_live_rest_of_a_batch(tmp_path: Path) -> None:
    """After an import the last action is its batch (what is still live of it); after a record, that figure."""
    batch = new_id()
    imported = _log(render_lines([_entry(1)]), render_lines([_entry(2), _entry(3), _entry(4)], batch))
    contents = parse_log(imported, tmp_path / "log")
    found, entries = contents.last_action()
    assert found is not None and found.id == batch
    assert [e.id for e in entries] == ["e000000000000002", "e000000000000003", "e000000000000004"]

    one_taken_back = imported + render_lines([_retraction(1, 3)])
    found, entries = parse_log(one_taken_back, tmp_path / "log").last_action()
    assert found is not None and [e.id for e in entries] == ["e000000000000002", "e000000000000004"]

    all_taken_back = one_taken_back + render_lines([_retraction(2, 2), _retraction(3, 4)], new_id())
    found, entries = parse_log(all_taken_back, tmp_path / "log").last_action()
    assert found is None and [e.id for e in entries] == ["e000000000000001"]  # the action before

    recorded = imported + render_lines([_entry(5)])
    assert parse_log(recorded, tmp_path / "log").last_action() == (None, [_entry(5)])
    assert parse_log(HEADER.encode(), tmp_path / "log").last_action() == (None, [])


def test_a_batch_merged_twice_counts_once(tmp_path: Path) -> None:
    """Two copies of one import (a union merge of logs that both had it): its figures once, one batch."""
    batch = new_id()
    framed = render_lines([_entry(1), _entry(2)], batch)
    contents = parse_log(_log(framed, render_lines([_entry(3)]), framed), tmp_path / "log")
    assert [b.id for b in contents.batches] == [batch] and contents.count() == 3 and not contents.problems
    assert set(contents.batch_of()) == {"e000000000000001", "e000000000000002"}


def test_an_unfinished_batch_is_no_batch(tmp_path: Path) -> None:
    """A frame without its closing line holds no figures, and no batch is read from it."""
    framed = render_lines([_entry(1), _entry(2)], new_id())
    contents = parse_log(_log(framed[: framed.rindex(b"# tracker")]), tmp_path / "log")
    assert contents.batches == [] and contents.count() == 0 and contents.torn is not None


def test_the_cache_keeps_batches_across_runs_and_appends(tmp_path: Path) -> None:
    """Read through the cache, after a rebuild and after appends followed in place, batches are the full parse's."""
    log = tmp_path / "plan.progress.toml"
    first, second = new_id(), new_id()
    append(log, [_entry(1)])
    append(log, [_entry(2), _entry(3)], batch=first)
    assert read_log(log).batches == read_log(log, use_cache=False).batches  # built, then used
    append(log, [_retraction(1, 2)], batch=second)  # followed by the writer
    cached, parsed = read_log(log), read_log(log, use_cache=False)
    assert [b.id for b in cached.batches] == [first, second] and cached.batches == parsed.batches
    assert cached.batch_of() == parsed.batch_of() and cached.last_action() == parsed.last_action()


_chars = st.characters(blacklist_categories=["Cs"])


@given(st.one_of(st.text(_chars), st.datetimes(timezones=st.just(UTC)), st.datetimes(), st.dates()))
def test_text_and_dates_are_written_exactly_as_tomli_w_writes_them(value: object) -> None:
    """The log's fast path for plain text and dates gives tomli-w's bytes, whatever the text."""
    assert log_line._literal(value) == tomli_w.dumps({"v": value})[4:].rstrip("\n")


# Figures that are not one number (issue 15): a range and a word, whatever their numbers and text.
_ends = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=3, allow_nan=False)
_words = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=200).filter(
    lambda w: has_letter(w) and w == w.strip()  # "INFINITY" holds letters but is a number to a program
)


@given(st.one_of(st.tuples(_ends, _ends).filter(lambda e: e[0] < e[1]), _words))
def test_a_range_or_a_word_reads_back_as_written(value: tuple[Decimal, Decimal] | str) -> None:
    """A range's line holds [low, high] as one line (tomli-w would spread an array over
    lines); a word is written as tomli-w writes the text; both read back to the same figure,
    through the TOML reader (the line is not of the fast path's shape)."""
    figure: Span | str = Span(*value) if isinstance(value, tuple) else value
    entry = replace(_entry(1), value=figure, verdict="met")
    line = render_line(entry)
    assert line.count("\n") == 1
    if isinstance(figure, str):
        assert f"value = {tomli_w.dumps({'v': figure})[4:].rstrip()}," in line
    rows: list[log_line.Row] = []
    log_line.read_line(line.encode(), 7, True, rows, [], is_last=False)
    assert log_line.to_entry(rows[0]) == entry
    assert tomllib.loads(line, parse_float=Decimal)[entry.id]["value"] == (
        [figure.low, figure.high] if isinstance(figure, Span) else figure
    )
