"""Property and damage tests of the progress log (one line per figure under `[entries]`):
what `append` writes, `read_log` reads back unchanged; a torn last line is found, reported
and repaired without losing a complete line; merged copies load once."""

from __future__ import annotations

import os
import tempfile
import tomllib
import unicodedata
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tracker.core.model import Entry, FigureStatus, Retraction
from tracker.errors import DataError, WriteError
from tracker.storage import log_repair, progress_log
from tracker.storage.log_repair import repair
from tracker.storage.progress_log import (
    HEADER,
    TAIL_WINDOW,
    append,
    parse_log,
    read_log,
    render_line,
    render_lines,
)

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    database=None,  # write nothing into the repository
    # No shrink or explain phase: a failure is reported as generated, in well under 20 s,
    # instead of minutes of shrinking (each example writes and fsyncs a real file).
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)

# ---------------------------------------------------------------- strategies

# Any character UTF-8 can carry (no lone surrogates), normalised the way the tool stores text.
_chars = st.characters(blacklist_categories=["Cs"])  # a list: hypothesis types it as a collection of literals
_tricky = st.sampled_from(
    ['"', "'", '"""', "'''", "\\", "\n", "\r\n", "\r", "\t", "[", "]", "{", "}", " }", "[[entry]]", "\n[[entry]]\n",
     "\n[[retraction]]\n", "[entries]", "\n[entries]\n", "# not a comment", "=", "id = \"x\"",
     '", recorded_by = "x" }\nfake = { retracts = "y", recorded_by = "z" }\n', "\x00", "\x7f", "\x85", "\u2028",
     "\u2029", "đạt", "Tiếng Việt"]
)  # fmt: skip


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


texts = st.lists(st.one_of(st.text(_chars, max_size=20), _tricky), max_size=6).map("".join).map(_nfc)
nonempty_texts = texts.filter(bool)

decimals = st.integers(min_value=0, max_value=6).flatmap(
    lambda places: st.decimals(
        min_value=Decimal("-1e12"), max_value=Decimal("1e12"), places=places, allow_nan=False, allow_infinity=False
    )
)
values = st.one_of(decimals, st.integers(-(10**15), 10**15).map(Decimal), st.booleans())
periods = st.one_of(st.sampled_from(["2025", "2021-2025", "2025-Q3", "2025-06"]), nonempty_texts)
recorded_ats = st.one_of(
    st.none(),
    st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)),
)

entries = st.builds(
    Entry,
    id=nonempty_texts,
    target=nonempty_texts,
    period=periods,
    value=values,
    as_of=st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
    status=st.sampled_from(list(FigureStatus)),
    source=texts,
    note=texts,
    verdict=st.sampled_from(["", "exceeded", "met", "not_met"]),
    recorded_at=recorded_ats,
    recorded_by=nonempty_texts,
)

retractions = st.builds(
    Retraction, id=nonempty_texts, retracts=nonempty_texts, recorded_at=recorded_ats, recorded_by=nonempty_texts,
    note=texts,
)  # fmt: skip


def _scratch() -> tempfile.TemporaryDirectory[str]:
    """A throwaway folder for one example; in memory when possible, so fsync costs nothing."""
    return tempfile.TemporaryDirectory(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)


def _same_entry(got: Entry, want: Entry) -> None:
    assert got == want
    # True == Decimal(1) in Python: the type must survive too.
    assert type(got.value) is type(want.value)


def _entry(n: int, note: str | None = None, target: str = "growth") -> Entry:
    return Entry(
        id=f"id{n:04d}",
        target=target,
        period="2025",
        value=Decimal(f"{n}.25"),
        as_of=date(2025, 1 + n % 12, 1 + n % 28),
        status=FigureStatus.ESTIMATE,
        source=f"BC {n}/UBND",
        note=f'note {n}: "quoted" [x] {{y}}\nsecond line đạt' if note is None else note,
        recorded_at=datetime(2025, 7, 1, 8, 0, n % 60, tzinfo=UTC),
        recorded_by="tester",
    )


def _body_lines(data: bytes) -> list[bytes]:
    """The lines after the header (split on newline bytes only, as git and the reader do)."""
    assert data.startswith(HEADER.encode()), data[:200]
    body = data[len(HEADER) :]
    assert body.endswith(b"\n"), body[-80:]
    return body[:-1].split(b"\n")


def _both_ways(log: Path) -> progress_log.LogContents:
    """read_log through the cache, checked against a full parse without it."""
    cached = read_log(log)
    plain = read_log(log, use_cache=False)
    assert cached.all_entries == plain.all_entries
    assert cached.retractions == plain.retractions
    assert cached.torn == plain.torn
    assert cached.problems == plain.problems
    return cached


# ---------------------------------------------------------------- round trips


@SETTINGS
@given(items=st.lists(entries, min_size=1, max_size=4, unique_by=lambda e: e.id))
def test_any_entry_round_trips(items: list[Entry]) -> None:
    """Any entries appended one call each read back equal, in order, one line each, with no torn tail."""
    with _scratch() as folder:
        log = Path(folder) / "plan.progress.toml"
        for item in items:
            append(log, [item])
        data = log.read_bytes()
        contents = _both_ways(log)
    assert _body_lines(data) == [render_line(i).encode().rstrip(b"\n") for i in items]
    assert contents.torn is None
    assert contents.problems == []
    assert len(contents.all_entries) == len(items)
    for got, want in zip(contents.all_entries, items, strict=True):
        _same_entry(got, want)


@SETTINGS
@given(items=st.lists(st.one_of(entries, retractions), min_size=1, max_size=5, unique_by=lambda e: e.id))
def test_mixed_lines_round_trip_in_one_append(items: list[Entry | Retraction]) -> None:
    """Entries and retractions appended together in one call read back equal and in order, one line each."""
    with _scratch() as folder:
        log = Path(folder) / "plan.progress.toml"
        append(log, items)
        data = log.read_bytes()
        contents = _both_ways(log)
    assert len(_body_lines(data)) == len(items)
    assert contents.torn is None
    assert contents.all_entries == [i for i in items if isinstance(i, Entry)]
    assert contents.retractions == [i for i in items if isinstance(i, Retraction)]
    for got, want in zip(contents.all_entries, [i for i in items if isinstance(i, Entry)], strict=True):
        _same_entry(got, want)


@SETTINGS
@given(note=texts)
def test_note_stays_one_note_on_one_line_of_one_entry(note: str) -> None:
    """A note holding newlines, quotes, `[[entry]]`, `[entries]` or `}` stays one note on one line of one entry."""
    entry = _entry(1, note=note)
    with _scratch() as folder:
        log = Path(folder) / "plan.progress.toml"
        append(log, [entry, _entry(2)])
        data = log.read_bytes()
        contents = _both_ways(log)
    assert [e.note for e in contents.all_entries] == [note, _entry(2).note]
    lines = _body_lines(data)
    assert len(lines) == 2  # the note smuggled in no line of its own
    assert lines[0].startswith(b"id0001 = { ") and lines[0].endswith(b" }")
    assert lines[1].startswith(b"id0002 = { ") and lines[1].endswith(b" }")
    document = tomllib.loads(data.decode("utf-8"))  # the file stays plain TOML: one table, two keys
    assert list(document) == ["entries"]
    assert list(document["entries"]) == ["id0001", "id0002"]
    assert document["entries"]["id0001"].get("note", "") == note  # an empty note is left out


def test_short_ids_are_still_written_one_line_each() -> None:
    """Short imported ids (an entry `e1`, its retraction `r1`) are one line each, read back, and retract."""
    entry = Entry(id="e1", target="growth", period="2025", value=Decimal("8.2"), as_of=date(2025, 6, 30),
                  recorded_at=datetime(2025, 7, 1, 8, tzinfo=UTC), recorded_by="an")  # fmt: skip
    retraction = Retraction(id="r1", retracts="e1", recorded_at=datetime(2025, 7, 1, 9, tzinfo=UTC), recorded_by="an")
    with _scratch() as folder:
        log = Path(folder) / "plan.progress.toml"
        append(log, [entry])
        append(log, [retraction])
        data = log.read_bytes()
        contents = _both_ways(log)
    assert _body_lines(data) == [
        b'e1 = { target = "growth", period = "2025", value = 8.2, as_of = 2025-06-30, status = "official", '
        b'recorded_at = 2025-07-01 08:00:00+00:00, recorded_by = "an" }',
        b'r1 = { retracts = "e1", recorded_at = 2025-07-01 09:00:00+00:00, recorded_by = "an" }',
    ]
    assert contents.torn is None
    assert contents.all_entries == [entry]
    assert contents.retractions == [retraction]
    assert contents.live() == []


def test_ids_that_are_not_bare_keys_are_quoted_and_read_back() -> None:
    """An id with spaces, dots or quotes is written as a quoted key and reads back as the same id."""
    items = [Entry(**{**_entry(n).__dict__, "id": key}) for n, key in enumerate(["a b", "x.y", 'q"uote', "đ"], 1)]
    with _scratch() as folder:
        log = Path(folder) / "plan.progress.toml"
        append(log, items)
        data = log.read_bytes()
        contents = _both_ways(log)
    assert [e.id for e in contents.all_entries] == ["a b", "x.y", 'q"uote', "đ"]
    assert _body_lines(data)[1].startswith(b'"x.y" = { ')


@pytest.mark.parametrize("key", ["B\n", "e9\n", "id0001\r\n", "a\nb"])
def test_id_holding_a_line_break_stays_on_one_line(key: str) -> None:
    """An id holding a line break (even only a trailing one) is quoted, so its entry stays one line and reads back."""
    entry = Entry(**{**_entry(1).__dict__, "id": key})
    retraction = Retraction(id=key + "r", retracts=key, recorded_by="tester")
    with _scratch() as folder:
        log = Path(folder) / "plan.progress.toml"
        append(log, [entry, retraction, _entry(2)])
        data = log.read_bytes()
        contents = _both_ways(log)  # a line split in two would be damage mid-file: DataError
    assert len(_body_lines(data)) == 3, data.decode(errors="replace")
    assert contents.all_entries == [entry, _entry(2)]
    assert contents.retractions == [retraction]


def test_whole_number_decimal_reads_back_without_an_invented_decimal_place() -> None:
    """Decimal("2365") is written as the integer 2365 and reads back as an equal Decimal."""
    entry = _entry(1)
    entry = Entry(**{**entry.__dict__, "value": Decimal("2365")})
    with _scratch() as folder:
        log = Path(folder) / "plan.progress.toml"
        append(log, [entry])
        text = log.read_text(encoding="utf-8")
        (got,) = _both_ways(log).all_entries
    assert ", value = 2365, " in text
    assert got.value == Decimal("2365") and isinstance(got.value, Decimal)
    assert str(got.value) == "2365"


def test_new_log_starts_with_the_header_then_the_first_line() -> None:
    """A new log starts with the explanatory header ending in `[entries]`, then the first figure's line."""
    with _scratch() as folder:
        log = Path(folder) / "plan.progress.toml"
        append(log, [_entry(1)])
        data = log.read_bytes()
    assert HEADER.endswith("[entries]\n")
    assert data == HEADER.encode() + render_lines([_entry(1)])
    assert data.startswith(HEADER.encode() + b"id0001 = { ")


def test_log_of_comments_only_gets_the_table_line_before_the_first_figure(tmp_path: Path) -> None:
    """A log holding only a comment (no `[entries]` line yet) gets that line before the first appended figure."""
    log = tmp_path / "plan.progress.toml"
    log.write_bytes(b"# kept by hand\n")
    append(log, [_entry(1)])
    assert log.read_bytes() == b"# kept by hand\n[entries]\n" + render_lines([_entry(1)])
    assert _both_ways(log).all_entries == [_entry(1)]


# ---------------------------------------------------------------- torn tails


def _three_entry_log(folder: Path, last_note: str | None = None) -> tuple[bytes, list[int], list[Entry]]:
    """A log of three entries: its bytes, where each entry's line starts, and the entries."""
    log = folder / "plan.progress.toml"
    items = [_entry(1), _entry(2), _entry(3, note=last_note)]
    for item in items:
        append(log, [item])
    data = log.read_bytes()
    line_starts = [0, *(i + 1 for i, byte in enumerate(data) if byte == 10)]
    starts = [i for i in line_starts if data.startswith(b"id000", i)]
    assert len(starts) == 3
    assert starts[0] == len(HEADER)
    return data, starts, items


# The default note holds quotes and a newline (escaped: the line goes through tomllib); a
# plain note is read by the fast pattern. A cut must read as torn on either path.
NOTES = {"escaped note": None, "plain note": "plain note", "no note": ""}


@pytest.mark.parametrize("note", list(NOTES))
def test_truncation_at_every_byte_of_the_last_line_reads_as_a_torn_tail(tmp_path: Path, note: str) -> None:
    """Cut anywhere inside the last line: read_log never raises, keeps the 2 complete lines, reports the torn bytes."""
    data, starts, items = _three_entry_log(tmp_path, NOTES[note])
    last = starts[2]
    cut = tmp_path / "cut.progress.toml"
    wrong = []
    for size in range(last + 1, len(data) - 1):  # the whole last line but its final newline
        cut.write_bytes(data[:size])
        for use_cache in (False, True):
            try:
                contents = read_log(cut, use_cache=use_cache)
            except Exception as exc:  # never raise: record it and keep going
                wrong.append((size, use_cache, f"raised {exc!r}"))
                continue
            got = (
                contents.all_entries,
                contents.torn and (contents.torn.offset, contents.torn.line, contents.torn.size),
            )
            want = (items[:2], (last, 6, size - last))  # 3 header lines, then lines 4, 5 and the torn 6
            if got != want:
                wrong.append((size, use_cache, f"entries={[e.id for e in contents.all_entries]} torn={got[1]}"))
    assert wrong == [], f"{len(wrong)} cut points read wrongly, e.g. {wrong[:3]} (last line starts at {last})"


def test_truncation_at_line_ends_loses_nothing(tmp_path: Path) -> None:
    """Cut at the end of a complete line, or exactly before its final newline, or after the header: no torn tail."""
    data, starts, items = _three_entry_log(tmp_path)
    cut = tmp_path / "cut.progress.toml"
    ends = [*starts[1:], len(data)]  # offset just past each line's final newline
    cases = {len(HEADER): 0, len(HEADER) - 1: 0}  # the header alone, with or without its final newline
    for n, end in enumerate(ends, start=1):
        cases[end] = n
        cases[end - 1] = n  # a cut exactly before the final newline keeps the entry
    for size, complete in sorted(cases.items()):
        cut.write_bytes(data[:size])
        for use_cache in (False, True):
            contents = read_log(cut, use_cache=use_cache)
            assert contents.torn is None, (size, use_cache)
            assert contents.all_entries == items[:complete], (size, use_cache)


def test_cut_exactly_before_the_final_newline_keeps_the_entry(tmp_path: Path) -> None:
    """A log whose last line lost only its newline keeps all three entries; check finds nothing to repair."""
    data, _, items = _three_entry_log(tmp_path)
    log = tmp_path / "plan.progress.toml"
    log.write_bytes(data[:-1])
    contents = _both_ways(log)
    assert contents.torn is None
    assert contents.all_entries == items
    assert repair(log) is None
    assert log.read_bytes() == data[:-1]


def test_repair_moves_exactly_the_torn_bytes_aside(tmp_path: Path) -> None:
    """For every cut inside the last line, repair() moves data[line start:cut] aside and the log reads clean."""
    data, starts, items = _three_entry_log(tmp_path)
    last = starts[2]
    wrong: list[tuple[int, str | list[str]]] = []
    for size in range(last + 1, len(data) - 1, 3):
        folder = tmp_path / f"cut{size}"
        folder.mkdir()
        log = folder / "plan.progress.toml"
        log.write_bytes(data[:size])
        side = repair(log)
        if side is None:
            wrong.append((size, "nothing repaired"))
            continue
        after = read_log(log)
        problems: list[str] = []
        if side.parent != folder or not side.name.startswith("plan.progress.toml.damaged-"):
            problems.append(f"side file {side}")
        if side.read_bytes() != data[last:size]:
            problems.append(f"side file holds {side.read_bytes()[:40]!r}...")
        if log.read_bytes() != data[:last]:
            problems.append("log is not cut at the start of the torn line")
        if after.torn is not None or after.all_entries != items[:2]:
            problems.append(f"after repair: torn={after.torn} entries={[e.id for e in after.all_entries]}")
        if problems:
            wrong.append((size, problems))
    assert wrong == [], f"{len(wrong)} cut points repaired wrongly, e.g. {wrong[:3]} (last line at {last})"


def test_repair_of_a_sound_log_changes_nothing(tmp_path: Path) -> None:
    """repair() on a log with no torn tail returns None and leaves the bytes alone."""
    data, _, _ = _three_entry_log(tmp_path)
    log = tmp_path / "plan.progress.toml"
    assert repair(log) is None
    assert log.read_bytes() == data
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.progress.toml"]


def test_two_repairs_in_the_same_second_both_succeed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two torn tails repaired within one second (the clock held still) each get their own side file."""
    data, starts, items = _three_entry_log(tmp_path)
    log = tmp_path / "plan.progress.toml"
    monkeypatch.setattr(log_repair, "now_utc", lambda: datetime(2025, 7, 1, 8, 0, 0, tzinfo=UTC))
    log.write_bytes(data[: starts[2] + 20])
    first = repair(log)
    with log.open("ab") as handle:
        handle.write(data[starts[2] : starts[2] + 30])
    second = repair(log)
    assert first is not None and second is not None and first != second
    assert first.name == "plan.progress.toml.damaged-20250701T080000Z"
    assert second.name == "plan.progress.toml.damaged-20250701T080000Z-1"
    assert first.read_bytes() == data[starts[2] : starts[2] + 20]
    assert second.read_bytes() == data[starts[2] : starts[2] + 30]
    assert log.read_bytes() == data[: starts[2]]
    assert read_log(log).all_entries == items[:2]


def test_log_cut_inside_its_first_line_is_a_torn_tail_not_a_crash(tmp_path: Path) -> None:
    """A log holding only the start of its first line reads as empty with a torn tail at that line."""
    log = tmp_path / "plan.progress.toml"
    append(log, [_entry(1)])
    data = log.read_bytes()
    for size in range(len(HEADER) + 1, len(data) - 1, 7):
        log.write_bytes(data[:size])
        contents = _both_ways(log)
        assert contents.all_entries == []
        assert contents.torn is not None
        assert (contents.torn.offset, contents.torn.line, contents.torn.size) == (len(HEADER), 4, size - len(HEADER))


GARBAGE = [b"x", b"garbage", b"\x00\x01\x02", b"\xff\xfe\xfd", b"{{{", b"}", b"[[entry]]", b"[entr",
           b"id = {", b'id = { target = "growth"', "đạt".encode()[:-1], b"\x1b[31mred", b"=" * 100_000]  # fmt: skip


@pytest.mark.parametrize("garbage", GARBAGE, ids=lambda g: repr(g[:12]))
def test_garbage_only_log_is_a_torn_tail_never_a_crash(tmp_path: Path, garbage: bytes) -> None:
    """A log that is nothing but garbage (no newline) reads as empty with all of it a torn tail; repair moves it aside."""
    log = tmp_path / "plan.progress.toml"
    log.write_bytes(garbage)
    contents = _both_ways(log)
    assert contents.all_entries == [] and contents.retractions == []
    assert contents.torn is not None
    assert (contents.torn.offset, contents.torn.line, contents.torn.size) == (0, 1, len(garbage))
    side = repair(log)
    assert side is not None and side.read_bytes() == garbage
    assert log.read_bytes() == b""
    append(log, [_entry(1)])
    assert _both_ways(log).all_entries == [_entry(1)]


@SETTINGS
@given(garbage=st.binary(min_size=1, max_size=200).filter(lambda b: b"\n" not in b))
def test_any_bytes_without_a_newline_never_crash_the_reader(garbage: bytes) -> None:
    """Any bytes with no newline read as an empty log: either nothing at all (blank, a comment) or a torn tail of all of them."""
    with _scratch() as folder:
        log = Path(folder) / "plan.progress.toml"
        log.write_bytes(garbage)
        contents = _both_ways(log)
    assert contents.all_entries == []
    if contents.torn is not None:
        assert (contents.torn.offset, contents.torn.size) == (0, len(garbage))


# ---------------------------------------------------------------- appending after damage


def test_append_after_a_torn_tail_is_refused_and_changes_nothing(tmp_path: Path) -> None:
    """append() onto a torn last line raises DataError naming `check --repair`; the bytes stay as they were."""
    data, starts, _ = _three_entry_log(tmp_path)
    log = tmp_path / "plan.progress.toml"
    for size in (starts[2] + 1, starts[2] + 10, len(data) - 5, len(data) - 2):
        log.write_bytes(data[:size])
        with pytest.raises(DataError, match="check --repair"):
            append(log, [_entry(9)])
        assert log.read_bytes() == data[:size]


@pytest.mark.parametrize("length", [TAIL_WINDOW + 40_000, 5 * TAIL_WINDOW])
@pytest.mark.parametrize("before", [0, 1])
def test_append_after_a_torn_line_longer_than_the_tail_window_is_refused(
    tmp_path: Path, length: int, before: int
) -> None:
    """A torn last line longer than 64 KiB (a huge note), first in the log or not, still stops append(); bytes unchanged."""
    log = tmp_path / "plan.progress.toml"
    if before:
        append(log, [_entry(1)])
    append(log, [_entry(2, note="x" * length)])
    data = log.read_bytes()
    for cut in (30, length // 2):  # near the end of the huge note's line, and in its middle
        torn = data[: len(data) - cut]
        log.write_bytes(torn)
        assert read_log(log, use_cache=False).torn is not None
        with pytest.raises(DataError, match="check --repair"):
            append(log, [_entry(3)])
        assert log.read_bytes() == torn
        assert [e.id for e in _both_ways(log).all_entries] == ["id0001"][:before]


@pytest.mark.parametrize("length", [0, TAIL_WINDOW + 40_000])
def test_append_after_a_line_without_final_newline_keeps_lines_apart(tmp_path: Path, length: int) -> None:
    """A complete last line (short or over 64 KiB) that lost its final newline is not torn; the next append starts a new line."""
    log = tmp_path / "plan.progress.toml"
    items = [_entry(1), _entry(2, note="y" * length)]
    append(log, items)
    data = log.read_bytes()
    log.write_bytes(data[:-1])
    append(log, [_entry(4)])
    assert log.read_bytes() == data + render_lines([_entry(4)])
    contents = _both_ways(log)
    assert contents.torn is None
    assert contents.all_entries == [*items, _entry(4)]


def test_failed_write_cuts_the_file_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A write that fails part-way (disk full) is cut back: the log is byte-for-byte as before."""
    data, _, _ = _three_entry_log(tmp_path)
    log = tmp_path / "plan.progress.toml"

    def half_then_fail(fd: int, payload: bytes) -> None:
        os.write(fd, payload[: len(payload) // 2])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(progress_log, "write_all", half_then_fail)
    with pytest.raises(WriteError, match="No space left"):
        append(log, [_entry(9)])
    assert log.read_bytes() == data


# ---------------------------------------------------------------- merged copies


def test_identical_line_twice_loads_once(tmp_path: Path) -> None:
    """The same line twice (a union merge of two copies of one log) loads once and is not a problem."""
    data, starts, items = _three_entry_log(tmp_path)
    merged = data + data[starts[1] : starts[2]] + data[starts[0] : starts[1]]
    contents = parse_log(merged, tmp_path / "merged.toml")
    assert contents.torn is None
    assert contents.problems == []
    assert contents.all_entries == items
    log = tmp_path / "plan.progress.toml"
    log.write_bytes(merged)
    assert _both_ways(log).all_entries == items


def test_two_different_lines_with_one_id_are_a_problem(tmp_path: Path) -> None:
    """Two different lines sharing an id are reported in `problems`, naming the id; the first one is kept."""
    log = tmp_path / "plan.progress.toml"
    first = _entry(1)
    clash = Entry(**{**first.__dict__, "value": Decimal("99.5")})
    append(log, [first, _entry(2)])
    append(log, [clash])
    contents = _both_ways(log)
    assert len(contents.problems) == 1
    assert "id0001" in contents.problems[0]
    assert [e.id for e in contents.all_entries] == ["id0001", "id0002"]
    assert contents.all_entries[0].value == first.value


def test_duplicate_retraction_loads_once_and_a_different_one_is_a_problem(tmp_path: Path) -> None:
    """A retraction line present twice after a merge counts once; another retraction with its id is a problem."""
    retraction = Retraction(id="r1", retracts="id0001", recorded_at=datetime(2025, 7, 2, tzinfo=UTC),
                            recorded_by="tester", note="wrong target")  # fmt: skip
    body = render_lines([_entry(1), retraction])
    merged = HEADER.encode() + body + render_lines([retraction])
    contents = parse_log(merged, tmp_path / "merged.toml")
    assert contents.problems == []
    assert contents.retractions == [retraction]
    assert contents.live() == []
    other = Retraction(**{**retraction.__dict__, "note": "another reason"})
    clashing = parse_log(merged + render_lines([other]), tmp_path / "merged.toml")
    assert len(clashing.problems) == 1 and "'r1'" in clashing.problems[0]
    assert clashing.retractions == [retraction]


def test_damage_before_the_last_line_is_an_error_naming_the_line(tmp_path: Path) -> None:
    """A damaged line in the middle (a bad hand edit) is a DataError naming the file and line 5, not a torn tail."""
    data, starts, _ = _three_entry_log(tmp_path)
    broken = data[: starts[1] + 12] + b"\n" + data[starts[2] :]
    log = tmp_path / "plan.progress.toml"
    log.write_bytes(broken)
    for use_cache in (False, True):
        with pytest.raises(DataError, match=r"plan\.progress\.toml:5: "):
            read_log(log, use_cache=use_cache)
