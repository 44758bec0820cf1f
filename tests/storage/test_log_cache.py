"""The cache of the progress log (`.tracker-cache/NAME/` beside it) never changes what a read
returns: after a fresh build, appends by `append()` and by other writers, edits of earlier
lines, a damaged cache and a folder it cannot be written to, `read_log(path)` gives what
`read_log(path, use_cache=False)` gives."""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

import pytest
from conftest import drop_file_capabilities, run

from tracker.core.model import Entry, FigureStatus, Retraction
from tracker.errors import DataError
from tracker.storage import log_cache
from tracker.storage.cache_files import read_sealed
from tracker.storage.log_cache import cache_dir
from tracker.storage.log_repair import repair
from tracker.storage.progress_log import HEADER, LogContents, append, new_id, parse_log, read_log, render_lines

TARGETS = ["growth", "revenue", "poverty_cut", "milestone", "tourism", "đầu_tư"]


@pytest.fixture(params=["one shard", "many shards"])
def shards(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with the whole cache in one file (a small log) and split into 256 shards (a large one)."""
    monkeypatch.setattr(log_cache, "SMALL", 20_000 if request.param == "one shard" else 0)
    monkeypatch.setattr(log_cache, "ROWS_PER_SHARD", 0)  # above SMALL: the most shards
    return str(request.param)


def _entry(n: int, target: str | None = None, note: str = "") -> Entry:
    return Entry(
        id=f"c{n:05d}",
        target=target or TARGETS[n % len(TARGETS)],
        period="2025",
        value=Decimal(f"{n}.25"),
        as_of=date(2025, 1 + n % 12, 1 + n % 28),
        status=FigureStatus.PRELIMINARY,
        note=note or f"figure {n}",
        recorded_at=datetime(2025, 7, 1, 8, n % 60, tzinfo=UTC),
        recorded_by="tester",
    )


def _retraction(n: int, of: int) -> Retraction:
    return Retraction(id=f"r{n:05d}", retracts=f"c{of:05d}", note="wrong", recorded_at=datetime(2025, 8, 1, tzinfo=UTC),
                      recorded_by="tester")  # fmt: skip


def _meta(log: Path) -> dict[str, Any]:
    meta = marshal.loads(read_sealed(cache_dir(log) / "meta") or b"")
    assert isinstance(meta, dict)
    return meta


def _cache_describes(log: Path) -> None:
    """The cache's meta describes the log exactly as it is now (a later read uses it as is)."""
    meta, st = _meta(log), os.stat(log)
    assert meta["identity"] == (st.st_size, st.st_ino, st.st_mtime_ns, st.st_ctime_ns)
    assert meta["size"] == st.st_size


def _views(contents: LogContents, targets: list[str]) -> dict[str, Any]:
    """Everything a command can ask of the contents, per target first (loading shards lazily), then whole."""
    per_target = {
        t: (
            contents.history_of(t),
            contents.entries(t),
            contents.entries(t, {"2025"}),
            contents.entries(t, {"2025"}, since=date(2025, 3, 1), until=date(2025, 9, 30)),
            contents.winners(t, {"2025"}),
        )
        for t in targets
    }
    return {
        "per_target": per_target,
        "all_entries": contents.all_entries,
        "retractions": contents.retractions,
        "live": contents.live(),
        "last_live": contents.last_live(),
        "batches": contents.batches,
        "batch_of": contents.batch_of(),
        "last_action": contents.last_action(),
        "count": contents.count(),
        "torn": contents.torn,
        "problems": contents.problems,
    }


def _brief(value: object) -> object:
    """Entries as ``id=value`` and retractions as ``id->id``, for short failure messages."""
    if isinstance(value, Entry):
        return f"{value.id}={value.value}"
    if isinstance(value, Retraction):
        return f"{value.id}->{value.retracts}"
    if isinstance(value, dict):
        return {k: _brief(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_brief(v) for v in value]
    return value


def same_as_full_parse(log: Path) -> LogContents:
    """Read ``log`` through the cache and without it; every view must be equal. Returns the full parse."""
    plain = read_log(log, use_cache=False)
    targets = sorted({*TARGETS, *(e.target for e in plain.all_entries)})
    want = _views(plain, targets)
    got = _views(read_log(log), targets)
    for key in want:
        if key == "per_target":  # name only the targets that differ
            got[key] = {t: v for t, v in got[key].items() if v != want[key][t]}
            want[key] = {t: want[key][t] for t in got[key]}
        if got[key] != want[key]:  # a short message: pytest's own diff of Entry lists runs to pages
            raise AssertionError(
                f"{key}: through the cache {_brief(got[key])}\n  but a full parse gives {_brief(want[key])}"
            )
    return plain


def _build(log: Path, count: int = 12) -> list[Entry]:
    """A log of ``count`` entries over several targets, with its cache built by a read."""
    items = [_entry(n) for n in range(count)]
    append(log, items[: count // 2])
    append(log, items[count // 2 :])
    assert read_log(log).all_entries == items  # builds the cache
    assert (cache_dir(log) / "meta").is_file()
    return items


def _settle(log: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Let RACY_NS pass since the log's last change (made 50 ms here, not to wait 2 s), then
    read once: a cache written just after a change is checked byte by byte by the next
    reader, and trusted after."""
    monkeypatch.setattr(log_cache, "RACY_NS", 50_000_000)
    time.sleep(0.1)
    read_log(log)
    assert not _meta(log)["racy"]


def _plain_append(log: Path, data: bytes) -> None:
    """Another writer (a script, `cat >>`) that appends without touching the cache."""
    with open(log, "ab") as handle:
        handle.write(data)


def _write_in_place(log: Path, edited: bytes) -> None:
    """Overwrite the log in place (same inode), as `dd conv=notrunc` or an in-place editor would."""
    with open(log, "r+b") as handle:
        handle.write(edited)
        handle.truncate(len(edited))


def _edit_in_place(log: Path, old: bytes, new: bytes) -> None:
    """Replace the one occurrence of ``old`` in the log by ``new``, in place."""
    data = log.read_bytes()
    assert data.count(old) == 1, old
    _write_in_place(log, data.replace(old, new))


# ---------------------------------------------------------------- (a) a fresh build


def test_fresh_build_gives_the_same_contents_as_a_full_parse(tmp_path: Path, shards: str) -> None:
    """A cache built from scratch, then read back, gives exactly the full parse: entries, retractions, winners."""
    log = tmp_path / "plan.progress.toml"
    items = [_entry(n) for n in range(30)]
    append(log, [*items, _retraction(1, 3), _retraction(2, 17)])
    assert not cache_dir(log).exists()
    first = same_as_full_parse(log)  # the read through the cache builds it
    _cache_describes(log)
    assert first.all_entries == items
    assert [r.id for r in first.retractions] == ["r00001", "r00002"]
    expected_files = 1 + (1 if shards == "one shard" else 256)
    assert len(list(cache_dir(log).iterdir())) == expected_files
    same_as_full_parse(log)  # and read again, now from the cache alone


def test_cache_of_a_torn_log_reports_the_same_torn_tail(tmp_path: Path, shards: str) -> None:
    """A log with a torn last line: reads through the cache report the same torn tail, twice over, and after repair."""
    log = tmp_path / "plan.progress.toml"
    append(log, [_entry(n) for n in range(8)])
    data = log.read_bytes()
    log.write_bytes(data[:-20])
    for _ in range(2):  # building the cache, then from it
        contents = same_as_full_parse(log)
        assert contents.torn is not None and len(contents.all_entries) == 7
    assert repair(log) is not None
    assert same_as_full_parse(log).torn is None


# ---------------------------------------------------------------- (b) appends by append()


def test_cache_follows_append_without_rereading_the_log(
    tmp_path: Path, shards: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After each append() the cache's meta already describes the whole file; append parses only its own bytes."""
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    parsed: list[int] = []
    real_parse = parse_log  # the function log_cache calls, imported from progress_log

    def spy(data: bytes, *args: Any, **kwargs: Any) -> LogContents:
        parsed.append(len(data))
        return real_parse(data, *args, **kwargs)

    monkeypatch.setattr(log_cache, "parse_log", spy)
    more: list[Entry | Retraction] = []
    batches: list[list[Entry | Retraction]] = [
        [_entry(100)],
        [_entry(101), _entry(102, "growth")],
        [_retraction(1, 4)],
        [_entry(103)],
    ]
    for n, batch in enumerate(batches):
        before = log.stat().st_size
        parsed.clear()
        append(log, batch)
        assert parsed == [log.stat().st_size - before], f"append {n} parsed {parsed} bytes"
        _cache_describes(log)
        more += batch

    def no_parsing(*args: Any, **kwargs: Any) -> NoReturn:
        raise AssertionError("the log was parsed again although the cache described it")

    monkeypatch.setattr(log_cache, "parse_log", no_parsing)
    cached = read_log(log)
    assert cached.all_entries == [*items, *(i for i in more if isinstance(i, Entry))]
    assert cached.retractions == [_retraction(1, 4)]
    monkeypatch.setattr(log_cache, "parse_log", real_parse)
    same_as_full_parse(log)


def test_append_of_an_id_already_in_the_log_matches_a_full_parse(tmp_path: Path, shards: str) -> None:
    """append() of a line already in the log (it counts once) or of another line with a known id (a problem): cache agrees."""
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    append(log, [items[2]])  # the very same line again
    contents = same_as_full_parse(log)
    assert contents.all_entries == items and contents.problems == []
    append(log, [Entry(**{**items[3].__dict__, "value": Decimal("99.9")})])
    contents = same_as_full_parse(log)
    assert contents.all_entries == items and len(contents.problems) == 1
    append(log, [_retraction(1, 5)])
    append(log, [_retraction(1, 5)])
    assert same_as_full_parse(log).retractions == [_retraction(1, 5)]


# ---------------------------------------------------------------- (c) other writers


def test_plain_append_by_another_writer_is_picked_up(tmp_path: Path, shards: str) -> None:
    """Lines appended by a writer that leaves the cache alone are read, then the cache describes the grown log."""
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    _plain_append(log, render_lines([_entry(200), _retraction(1, 0), _entry(201, "growth")]))
    contents = same_as_full_parse(log)
    assert contents.all_entries == [*items, _entry(200), _entry(201, "growth")]
    assert contents.retractions == [_retraction(1, 0)]
    _cache_describes(log)
    append(log, [_entry(202)])  # and append() follows from there
    _cache_describes(log)
    assert same_as_full_parse(log).all_entries[-1] == _entry(202)


def test_torn_line_appended_by_another_writer_is_reported_then_repaired(tmp_path: Path, shards: str) -> None:
    """Another writer that crashed mid-line: the torn tail read through the cache matches; after repair, the cache does too."""
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    _plain_append(log, render_lines([_entry(300)]) + render_lines([_entry(301)])[:-15])
    contents = same_as_full_parse(log)
    assert contents.all_entries == [*items, _entry(300)] and contents.torn is not None
    repair(log)
    contents = same_as_full_parse(log)
    assert contents.torn is None and contents.all_entries == [*items, _entry(300)]
    _plain_append(log, render_lines([_entry(302)]))
    assert same_as_full_parse(log).all_entries == [*items, _entry(300), _entry(302)]


def test_plain_append_after_a_last_line_without_newline_matches_a_full_parse(tmp_path: Path) -> None:
    """A log whose last line lacks its newline, then `cat >>` of a line: the two lines run together, read alike either way."""
    log = tmp_path / "plan.progress.toml"
    _build(log)
    log.write_bytes(log.read_bytes()[:-1])  # an editor saved it without the final newline
    same_as_full_parse(log)  # the cache now describes that log
    _plain_append(log, render_lines([_entry(400)]))
    with pytest.raises(DataError) as full:
        read_log(log, use_cache=False)
    assert "plan.progress.toml:15:" in str(full.value)  # header 3 lines + 12 entries: the joined line is 15
    with pytest.raises(DataError) as cached:
        read_log(log)
    assert str(cached.value) == str(full.value)


# ---------------------------------------------------------------- (d) edits


def test_same_size_edit_of_an_earlier_line_is_seen(tmp_path: Path, shards: str) -> None:
    """One digit of an earlier line changed in place (same size, same inode): reads give the edited value."""
    log = tmp_path / "plan.progress.toml"
    _build(log)
    size = log.stat().st_size
    _edit_in_place(log, b"value = 1.25,", b"value = 7.25,")
    assert log.stat().st_size == size
    contents = same_as_full_parse(log)
    assert contents.all_entries[1].value == Decimal("7.25")
    _edit_in_place(log, b'"figure 2"', b'"figure 9"')  # and again, in a note
    assert same_as_full_parse(log).all_entries[2].note == "figure 9"


def test_same_size_edit_that_keeps_the_modification_time_is_seen(tmp_path: Path) -> None:
    """A same-size edit within the file system's timestamp granularity (FAT: 2 s, SMB or ext3: 1 s) is still seen."""
    log = tmp_path / "plan.progress.toml"
    _build(log)
    st = log.stat()
    _edit_in_place(log, b"value = 1.25,", b"value = 7.25,")
    os.utime(log, ns=(st.st_atime_ns, st.st_mtime_ns))  # the clock did not tick between the two writes
    assert (log.stat().st_size, log.stat().st_ino, log.stat().st_mtime_ns) == (st.st_size, st.st_ino, st.st_mtime_ns)
    contents = same_as_full_parse(log)
    assert contents.all_entries[1].value == Decimal("7.25")


@pytest.mark.parametrize("edit", ["longer value", "line removed", "edit and append", "file replaced"])
def test_edit_that_changes_the_size_is_seen(tmp_path: Path, shards: str, edit: str) -> None:
    """An earlier line made longer, a line removed, an edit plus an append, or the file replaced: reads give the edited log."""
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    if edit == "longer value":
        _edit_in_place(log, b"value = 1.25,", b"value = 1.255,")
        want = [*items[:1], Entry(**{**items[1].__dict__, "value": Decimal("1.255")}), *items[2:]]
    elif edit == "line removed":
        data = log.read_bytes()
        start = data.index(b"c00004 = ")
        _edit_in_place(log, data[start : data.index(b"\n", start) + 1], b"")
        want = [*items[:4], *items[5:]]
    elif edit == "edit and append":  # grown, so only a crc of the old bytes tells it from a pure append
        _edit_in_place(log, b"value = 1.25,", b"value = 7.25,")
        _plain_append(log, render_lines([_entry(500)]))
        want = [*items[:1], Entry(**{**items[1].__dict__, "value": Decimal("7.25")}), *items[2:], _entry(500)]
    else:  # an editor's save: a new file renamed over the log
        data = log.read_bytes().replace(b"value = 1.25,", b"value = 7.25,")
        (tmp_path / "new.toml").write_bytes(data)
        os.replace(tmp_path / "new.toml", log)
        want = [*items[:1], Entry(**{**items[1].__dict__, "value": Decimal("7.25")}), *items[2:]]
    assert same_as_full_parse(log).all_entries == want
    _cache_describes(log)  # rebuilt for the edited log
    same_as_full_parse(log)


# ---------------------------------------------------------------- (e) a damaged cache


def _damage(file: Path, how: str) -> None:
    data = file.read_bytes()
    if how == "emptied":
        file.write_bytes(b"")
    elif how == "truncated":
        file.write_bytes(data[: len(data) // 2])
    elif how == "one byte short":
        file.write_bytes(data[:-1])
    elif how == "garbage":
        file.write_bytes(random.Random(len(data)).randbytes(len(data)))
    elif how == "not a pickle":
        file.write_bytes(b"[entries]\nthis is not a cache\n")
    else:
        file.unlink()


DAMAGE = ["emptied", "truncated", "one byte short", "garbage", "not a pickle", "removed"]


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_meta_is_rebuilt_silently(
    tmp_path: Path, shards: str, how: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """A meta file emptied, cut, garbled or removed: reads stay right, print nothing, and rebuild a good cache."""
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    _plain_append(log, render_lines([_entry(600)]))  # a stale cache too: the rebuild must read the whole log
    _damage(cache_dir(log) / "meta", how)
    assert same_as_full_parse(log).all_entries == [*items, _entry(600)]
    _cache_describes(log)
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("how", DAMAGE)
def test_damaged_shard_is_read_around_silently(
    tmp_path: Path, shards: str, how: str, capfd: pytest.CaptureFixture[str]
) -> None:
    """A shard file emptied, cut, garbled or removed: reads stay right and print nothing."""
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    shard = log_cache.shard_of("growth", _meta(log)["shards"])
    _damage(cache_dir(log) / f"shard-{shard:03d}", how)
    contents = read_log(log)
    assert [e.id for e in contents.history_of("growth")] == [e.id for e in items if e.target == "growth"]
    assert same_as_full_parse(log).all_entries == items
    same_as_full_parse(log)  # and once more, from whatever cache is left
    assert capfd.readouterr() == ("", "")


def test_append_with_a_damaged_shard_does_not_wait_for_its_own_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """append() onto a log whose cache has a damaged shard returns at once (not after the lock timeout), and reads agree."""
    monkeypatch.setenv("TRACKER_LOCK_TIMEOUT", "1.5")
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    shard = log_cache.shard_of("growth", _meta(log)["shards"])
    (cache_dir(log) / f"shard-{shard:03d}").write_bytes(b"garbage")
    started = time.monotonic()
    append(log, [_entry(700, "growth")])
    waited = time.monotonic() - started
    assert waited < 0.75, f"append() took {waited:.2f} s: it waited for a lock it holds itself"
    assert same_as_full_parse(log).all_entries == [*items, _entry(700, "growth")]


def test_contents_stay_those_read_when_another_run_reshards_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Contents read through the cache keep describing that log, even if another run re-splits the cache before use."""
    monkeypatch.setattr(log_cache, "SMALL", 6)  # up to 6 rows in one shard, then 256
    monkeypatch.setattr(log_cache, "ROWS_PER_SHARD", 0)
    log = tmp_path / "plan.progress.toml"
    items = _build(log, count=6)
    assert _meta(log)["shards"] == 1
    earlier = read_log(log)  # nothing loaded yet: rows come from the cache when asked for
    _plain_append(log, render_lines([_entry(n) for n in range(6, 10)]))
    assert same_as_full_parse(log).count() == 10  # another run: the cache now has 256 shards
    assert _meta(log)["shards"] == 256
    assert [e.id for e in earlier.all_entries] == [e.id for e in items]
    assert [e.id for e in earlier.history_of("growth")] == [e.id for e in items if e.target == "growth"]


# ---------------------------------------------------------------- everything, mixed


def test_random_mix_of_writes_edits_and_damage_always_matches_a_full_parse(tmp_path: Path, shards: str) -> None:
    """A seeded random run of appends, other writers, same-size edits, resizes and cache damage: every read agrees."""
    log = tmp_path / "plan.progress.toml"
    rng = random.Random(20251125)
    next_id = 0
    done: list[str] = []
    for _ in range(40):
        op = rng.choice(["append", "append", "plain", "read", "digit", "grow", "wipe", "meta", "shard"])
        entries = read_log(log, use_cache=False).all_entries
        if op in ("digit", "grow", "shard") and not entries:
            op = "append"
        if op in ("append", "plain"):
            batch: list[Entry | Retraction] = []
            for _ in range(rng.randint(1, 4)):
                if entries and rng.random() < 0.2:
                    batch.append(_retraction(next_id, int(rng.choice(entries).id[1:])))
                else:
                    batch.append(_entry(next_id, rng.choice(TARGETS)))
                next_id += 1
            framed = new_id() if rng.random() < 0.3 else None  # one batch, as an import appends
            if op == "append":
                append(log, batch, batch=framed)
            else:
                body = render_lines(batch, framed)
                _plain_append(log, body if log.exists() else HEADER.encode() + body)
        elif op in ("digit", "grow"):  # the first digit of an entry's value: changed (same size), or two put before it
            data = log.read_bytes()
            at = data.index(b", value = ", data.index(f"{rng.choice(entries).id} = {{ ".encode())) + len(b", value = ")
            first = data[at : at + 1]
            new = (b"9" if first != b"9" else b"8") if op == "digit" else b"98" + first
            _write_in_place(log, data[:at] + new + data[at + 1 :])
        elif op == "wipe":
            shutil.rmtree(cache_dir(log), ignore_errors=True)
        elif op == "meta" and (cache_dir(log) / "meta").exists():
            _damage(cache_dir(log) / "meta", rng.choice(DAMAGE))
        elif op == "shard" and cache_dir(log).exists():
            files = sorted(cache_dir(log).glob("shard-*"))
            if files:
                _damage(rng.choice(files), rng.choice(DAMAGE))
        done.append(op)
        if log.exists():
            try:
                same_as_full_parse(log)
            except AssertionError as exc:
                raise AssertionError(f"after steps {done}: {exc}") from None
    assert {"append", "plain", "digit", "grow", "meta", "shard"} <= set(done)


# ---------------------------------------------------------------- (f) a folder the cache cannot be written to

CHILD_READER = """
import json, sys
from pathlib import Path
from tracker.storage.progress_log import read_log

def view(contents):
    return {"entries": [[e.id, e.target, str(e.value), e.note] for e in contents.all_entries],
            "retractions": [r.id for r in contents.retractions], "torn": repr(contents.torn),
            "problems": contents.problems, "growth": [e.id for e in read_log(Path(sys.argv[1])).history_of("growth")]}

log = Path(sys.argv[1])
print(json.dumps({"cached": view(read_log(log)), "plain": view(read_log(log, use_cache=False))}))
"""


@contextlib.contextmanager
def read_only(*folders: Path) -> Iterator[Callable[[], None] | None]:
    """``folders`` made 0o555 for the duration; yields a preexec_fn under which that binds (None when not root)."""
    modes = [(f, f.stat().st_mode & 0o7777) for f in folders]
    for folder, _ in modes:
        os.chmod(folder, 0o555)
    try:
        yield drop_file_capabilities if os.geteuid() == 0 else None
    finally:
        for folder, mode in reversed(modes):
            os.chmod(folder, mode)


def _read_in_child(log: Path, preexec: Callable[[], None] | None) -> dict[str, Any]:
    probe = subprocess.run(["/bin/sh", "-c", 'mkdir "$0"', str(log.parent / "probe")], preexec_fn=preexec,
                           capture_output=True)  # fmt: skip
    assert probe.returncode != 0, "the child could write the folder: the test would prove nothing"
    proc = subprocess.run([sys.executable, "-c", CHILD_READER, str(log)], preexec_fn=preexec, capture_output=True,
                          timeout=60)  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stderr == b""
    views: dict[str, Any] = json.loads(proc.stdout)
    return views


def test_read_only_folder_without_a_cache_reads_correctly(tmp_path: Path) -> None:
    """In a read-only folder with no cache, reads through the cache path are right, silent, and create nothing."""
    log = tmp_path / "plan.progress.toml"
    items = [_entry(n) for n in range(10)]
    append(log, [*items, _retraction(1, 2)])
    with read_only(tmp_path) as preexec:
        seen = _read_in_child(log, preexec)
    assert seen["cached"] == seen["plain"]
    assert [row[0] for row in seen["cached"]["entries"]] == [e.id for e in items]
    assert seen["cached"]["retractions"] == ["r00001"]
    assert not cache_dir(log).exists()


def test_read_only_folder_with_a_stale_cache_reads_the_log_not_the_cache(tmp_path: Path) -> None:
    """A cache left from when the folder was writable, then outdated by an append and an edit: read-only reads are right."""
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    _plain_append(log, render_lines([_entry(800, "growth")]))
    _edit_in_place(log, b"value = 1.25,", b"value = 7.25,")
    before = {p.name: p.read_bytes() for p in cache_dir(log).iterdir()}
    with read_only(cache_dir(log), tmp_path) as preexec:
        seen = _read_in_child(log, preexec)
    assert seen["cached"] == seen["plain"]
    assert [row[2] for row in seen["cached"]["entries"]][:2] == ["0.25", "7.25"]
    assert [row[0] for row in seen["cached"]["entries"]] == [*(e.id for e in items), "c00800"]
    assert "c00800" in seen["cached"]["growth"]
    assert {p.name: p.read_bytes() for p in cache_dir(log).iterdir()} == before  # nothing could be written


# ---------------------------------------------------------------- through the entry point


def test_report_json_is_identical_with_and_without_the_cache(shipped: Path) -> None:
    """`tracker report --format json` prints the same bytes from a missing, warm, followed or stale cache as from none."""
    log = shipped.with_name("plan.progress.toml")
    cache = cache_dir(log)
    args = ("report", "--format", "json", "--as-of", "2025-12-31", "--plan", str(shipped))

    def report(with_cache: bool) -> str:
        if not with_cache:
            shutil.rmtree(cache, ignore_errors=True)
        result = run(*args)
        assert result.code == 0 and result.err == "", result.err
        assert cache.is_dir()  # every run leaves a cache behind
        return result.out

    copied = run(*args).out  # the data folder was copied with its cache: another inode, so not trusted
    baseline = report(with_cache=False)
    assert copied == baseline
    assert report(with_cache=True) == baseline  # warm: served from the cache

    recorded = run("record", "grdp_growth", "7.9", "--period", "2025", "--as-of", "2025-12-31", "--plan", str(shipped))
    assert recorded.code == 0, recorded.err
    entry_id = recorded.out.split("[", 1)[1].split("]", 1)[0]
    followed = report(with_cache=True)  # the cache followed the append
    assert followed == report(with_cache=False)
    growth = [t for t in json.loads(followed, parse_float=Decimal)["targets"] if t["id"] == "grdp_growth"]
    assert [(t["actual"], t["entry_id"]) for t in growth] == [(Decimal("7.9"), entry_id)]  # the new figure counts

    stamp = "2025-12-31 09:00:00+00:00"
    _plain_append(
        log, f'x{entry_id} = {{ retracts = "{entry_id}", recorded_at = {stamp}, recorded_by = "t" }}\n'.encode()
    )
    stale = report(with_cache=True)  # another writer retracted it behind the cache's back
    assert stale == report(with_cache=False)
    assert stale == baseline


def test_shard_count_grows_with_the_log_up_to_the_limit() -> None:
    """One file for a small log; then about ROWS_PER_SHARD rows a shard, a power of two, at most SHARDS."""
    assert log_cache.shard_count(log_cache.SMALL) == 1
    assert log_cache.shard_count(32_400) == 8  # 2,700 targets × 12 months
    assert log_cache.shard_count(324_000) == 128
    assert log_cache.shard_count(1_200_000) == log_cache.SHARDS == 256


def test_back_to_back_appends_do_not_reread_the_whole_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A script recording one figure per call: each run finds the cache trusted, without a crc of the whole log."""
    log = tmp_path / "plan.progress.toml"
    _build(log)
    _settle(log, monkeypatch)
    monkeypatch.setattr(log_cache, "TRUST_ABOVE", 0)  # as for a large log
    checked: list[int] = []
    real_crc = log_cache._crc

    def counting_crc(fd: int, size: int) -> int:
        checked.append(size)
        return real_crc(fd, size)

    monkeypatch.setattr(log_cache, "_crc", counting_crc)
    for n in range(3):
        append(log, [_entry(100 + n)])
        assert same_as_full_parse(log).count() == 13 + n
    assert checked == []


def _whole_seconds(st: os.stat_result) -> tuple[int, int, int, int]:
    """The identity of a file on a file system keeping whole seconds (FAT, SMB, ext3)."""
    second = 1_000_000_000
    return (st.st_size, st.st_ino, st.st_mtime_ns // second * second, st.st_ctime_ns // second * second)


def test_same_size_edit_with_whole_second_timestamps_is_seen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system keeping whole seconds, an edit right after the cache was written keeps every
    timestamp: the racy rule checks the bytes and sees it."""
    monkeypatch.setattr(log_cache, "_identity", _whole_seconds)
    log = tmp_path / "plan.progress.toml"
    _build(log)
    assert _meta(log)["racy"]  # written within RACY_NS of the log's last change
    _edit_in_place(log, b"value = 1.25,", b"value = 7.25,")
    assert same_as_full_parse(log).all_entries[1].value == Decimal("7.25")


def test_own_append_to_a_large_log_is_trusted_only_with_fine_timestamps(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """record trusts its own append to a large log where timestamps are finer than a second; on a file
    system keeping whole seconds the cache stays racy, and a same-size edit right after is seen."""
    monkeypatch.setattr(log_cache, "TRUST_ABOVE", 0)  # as for a large log
    log = tmp_path / "plan.progress.toml"
    _build(log)
    append(log, [_entry(100)])
    assert not _meta(log)["racy"]
    monkeypatch.setattr(log_cache, "_identity", _whole_seconds)
    shutil.rmtree(cache_dir(log))
    read_log(log)  # a cache made with whole-second timestamps
    append(log, [_entry(101)])
    assert _meta(log)["racy"]
    _edit_in_place(log, b"value = 1.25,", b"value = 7.25,")
    assert same_as_full_parse(log).all_entries[1].value == Decimal("7.25")


def test_small_log_own_append_is_checked_by_the_next_run(tmp_path: Path) -> None:
    """Below TRUST_ABOVE an append leaves the cache racy: a same-size edit right after it is seen."""
    log = tmp_path / "plan.progress.toml"
    _build(log)
    append(log, [_entry(100)])
    assert _meta(log)["racy"]
    _edit_in_place(log, b"value = 1.25,", b"value = 7.25,")
    assert same_as_full_parse(log).all_entries[1].value == Decimal("7.25")


def test_append_that_another_program_joined_is_not_followed(tmp_path: Path, shards: str) -> None:
    """Bytes another program appended between tracker's append and the cache's update: the cache
    does not claim to describe them, and reads give every line."""
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    before = os.stat(log)
    mine, theirs = render_lines([_entry(100)]), render_lines([_entry(101, "growth")])
    _plain_append(log, mine + theirs)
    log_cache.follow_append(log, before, mine)
    assert same_as_full_parse(log).all_entries == [*items, _entry(100), _entry(101, "growth")]


def test_lazily_read_contents_stay_those_read_when_a_later_append_rewrites_a_shard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Contents whose shards are read lazily keep describing the log as read, although a later append
    rewrote a shard of theirs in the same epoch (a retraction and a new figure: neither shows)."""
    monkeypatch.setattr(log_cache, "SMALL", 0)
    monkeypatch.setattr(log_cache, "ROWS_PER_SHARD", 0)
    log = tmp_path / "plan.progress.toml"
    items = _build(log)
    earlier = read_log(log)  # no shard loaded yet
    epoch = _meta(log)["epoch"]
    append(log, [_retraction(1, 0), _entry(900, "growth")])
    assert _meta(log)["epoch"] == epoch  # followed, not rebuilt
    assert [e.id for e in earlier.history_of("growth")] == [e.id for e in items if e.target == "growth"]
    assert earlier.all_entries == items and earlier.retractions == []
    assert earlier.live() == items
    same_as_full_parse(log)


@pytest.mark.parametrize(
    ("ctime", "seen", "racy"),
    [
        (10_000_000_001, 10_005_000_000, True),  # changed 5 ms before the cache looked
        (10_000_000_000, 11_500_000_000, True),  # 1.5 s: a file system keeping whole seconds may not have ticked
        (10_000_000_000, 12_500_000_000, False),  # 2.5 s: a later edit gets a later stamp
        (13_000_000_000, 12_000_000_000, True),  # changed "after": a server's clock ahead of ours
    ],
)
def test_racy_rule(ctime: int, seen: int, racy: bool) -> None:
    """A cache that looked at the log within RACY_NS of its last change cannot trust the timestamps."""
    assert log_cache._racy(ctime, seen) is racy
