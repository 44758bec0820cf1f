"""The progress log: an append-only TOML file of ``[[entry]]`` and ``[[retraction]]`` blocks.

Writers append whole blocks under an exclusive lock, then fsync; nothing is ever
rewritten, so a figure once recorded is never lost. A write that fails part-way is cut
back to the previous size, leaving the file byte-for-byte as it was.

Every block is written with ``recorded_by`` as its last key: a block cut short by a crash
either fails to parse or lacks that key, which is how a torn tail is told apart from a
complete entry.
"""

from __future__ import annotations

import os
import re
import secrets
import tomllib
from base64 import b32encode
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import tomli_w

from tracker.core.model import Entry, FigureStatus, Retraction
from tracker.core.values import nfc
from tracker.errors import DataError, WriteError
from tracker.messages import Msg, located
from tracker.storage.locking import locked

LOG_SUFFIX = ".progress.toml"
HEADER = (
    "# tracker progress log: one [[entry]] per figure, appended by `tracker record`.\n"
    "# Append-only: never edit or delete a block; correct with `tracker retract ID`.\n"
)
_BLOCK_START = re.compile(rb"^\[\[(entry|retraction)\]\][ \t]*(#.*)?$", re.MULTILINE)
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")
ENTRY_KEYS = (
    "id", "target", "period", "value", "as_of", "status", "source", "note", "verdict",
    "recorded_at", "recorded_by",
)  # fmt: skip
RETRACTION_KEYS = ("id", "retracts", "note", "recorded_at", "recorded_by")
VERDICTS = ("exceeded", "met", "not_met")
TAIL_WINDOW = 1 << 16  # bytes read from the end to check the last block before appending


def default_log_path(plan_path: Path) -> Path:
    """The log beside its plan: ``data/lai-chau.toml`` -> ``data/lai-chau.progress.toml``."""
    return plan_path.with_name(plan_path.stem + LOG_SUFFIX)


def new_id() -> str:
    """A unique entry id: 80 random bits, so copies of a log kept in different offices
    never collide when merged."""
    return b32encode(secrets.token_bytes(10)).decode("ascii").lower()


@dataclass(frozen=True)
class TornTail:
    """Bytes at the end of the log that do not form a complete block."""

    offset: int  # where the damaged block starts
    line: int  # 1-based line of that offset
    size: int  # bytes from offset to the end of the file


@dataclass
class LogContents:
    """Everything read from a log, with problems found along the way."""

    entries: list[Entry] = field(default_factory=list)
    retractions: list[Retraction] = field(default_factory=list)
    torn: TornTail | None = None
    problems: list[str] = field(default_factory=list)  # duplicate ids and other damage

    def live(self) -> list[Entry]:
        """Entries that count: not retracted. File order is kept."""
        retracted = {r.retracts for r in self.retractions}
        return [e for e in self.entries if e.id not in retracted]

    def retracted_ids(self) -> set[str]:
        """Ids of entries a retraction names."""
        return {r.retracts for r in self.retractions}


# ---------------------------------------------------------------- reading


def read_log(path: Path) -> LogContents:
    """Read a log; a missing file is an empty log. Raise DataError for damage that is
    not a torn tail (a hand edit gone wrong), naming the line."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return LogContents()
    except OSError as exc:
        raise DataError(
            located(str(path), Msg("cannot read the progress log: {reason}", reason=exc.strerror))
        ) from None
    try:
        with locked(fd, path, exclusive=False):
            data = _read_all(fd)
    finally:
        os.close(fd)
    return parse_log(data, path)


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 20):
        chunks.append(chunk)
    return b"".join(chunks)


def parse_log(data: bytes, path: Path) -> LogContents:
    """Parse log bytes: every block but the last must be sound; a last block that is
    cut short is reported as a torn tail and left out."""
    starts = [m.start() for m in _BLOCK_START.finditer(data)]
    contents = LogContents()
    body_end = len(data)
    if starts:
        last = starts[-1]
        tail = _parse_block(data[last:])
        if tail is None:
            contents.torn = TornTail(last, data.count(b"\n", 0, last) + 1, len(data) - last)
            body_end = last
    elif data.strip() and not _only_comments(data):
        contents.torn = TornTail(0, 1, len(data))
        body_end = 0
    text = _decode(data[:body_end], path)
    try:
        document = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        m = _TOML_LINE.search(str(exc))
        message = _TOML_LINE.sub("", str(exc)).strip()
        where = f"{path}:{m[1] if m else 1}"
        raise DataError(located(where, Msg("damaged progress log: {detail}", detail=message))) from None
    lines = _header_lines(data[:body_end])
    for kind, reader, target in (
        ("entry", _entry, contents.entries),
        ("retraction", _retraction, contents.retractions),
    ):
        tables = document.get(kind, [])
        for i, table in enumerate(tables):
            line = lines[kind][i] if i < len(lines[kind]) else 0
            try:
                target.append(reader(table))  # type: ignore[arg-type]
            except (KeyError, TypeError, ValueError) as exc:
                message = Msg("damaged {kind}: {detail}", kind=kind, detail=_reason(exc))
                raise DataError(located(f"{path}:{line}", message)) from None
    _dedupe(contents, path)
    return contents


def _reason(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"missing {exc.args[0]!r}"
    return str(exc)


def _decode(data: bytes, path: Path) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DataError(located(f"{path}:{line}", Msg("damaged progress log: {detail}", detail="not UTF-8"))) from None


def _only_comments(data: bytes) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith(b"#") for ln in data.splitlines())


def _header_lines(data: bytes) -> dict[str, list[int]]:
    lines: dict[str, list[int]] = {"entry": [], "retraction": []}
    line, pos = 1, 0
    for m in _BLOCK_START.finditer(data):
        line += data.count(b"\n", pos, m.start())
        pos = m.start()
        lines[m[1].decode()].append(line)
    return lines


def _parse_block(block: bytes) -> Entry | Retraction | None:
    """A complete block as an Entry or Retraction; None when it is torn."""
    try:
        document = tomllib.loads(block.decode("utf-8"), parse_float=Decimal)
        if "entry" in document:
            (table,) = document["entry"]
            return _entry(table)
        (table,) = document["retraction"]
        return _retraction(table)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError):
        return None


def _text(table: dict[str, Any], key: str, required: bool = False) -> str:
    value = table[key] if required else table.get(key, "")
    if not isinstance(value, str):
        raise TypeError(f"{key!r} must be text")
    return value


def _entry(table: dict[str, Any]) -> Entry:
    value = table["value"]
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, (Decimal, bool)) or (isinstance(value, Decimal) and not value.is_finite()):
        raise TypeError("'value' must be a number or true/false")
    as_of = table["as_of"]
    if not isinstance(as_of, date) or isinstance(as_of, datetime):
        raise TypeError("'as_of' must be a date such as 2025-06-30")
    recorded_at = table.get("recorded_at")
    if recorded_at is not None and not isinstance(recorded_at, datetime):
        raise TypeError("'recorded_at' must be a date-time")
    verdict = _text(table, "verdict")
    if verdict and verdict not in VERDICTS:
        raise ValueError(f"'verdict' must be one of {', '.join(VERDICTS)}")
    return Entry(
        id=_text(table, "id", True),
        target=_text(table, "target", True),
        period=_text(table, "period", True),
        value=value,
        as_of=as_of,
        status=FigureStatus(table.get("status", "official")),
        source=_text(table, "source"),
        note=_text(table, "note"),
        verdict=verdict,
        recorded_at=recorded_at,
        recorded_by=_text(table, "recorded_by", True),
    )


def _retraction(table: dict[str, Any]) -> Retraction:
    recorded_at = table.get("recorded_at")
    if recorded_at is not None and not isinstance(recorded_at, datetime):
        raise TypeError("'recorded_at' must be a date-time")
    return Retraction(
        id=_text(table, "id", True),
        retracts=_text(table, "retracts", True),
        note=_text(table, "note"),
        recorded_at=recorded_at,
        recorded_by=_text(table, "recorded_by", True),
    )


def _dedupe(contents: LogContents, path: Path) -> None:
    """Identical copies of a block (two merged copies of one log) count once; two
    different blocks with one id are a problem that `tracker check` reports."""
    for name in ("entries", "retractions"):
        seen: dict[str, Any] = {}
        kept = []
        for item in getattr(contents, name):
            if item.id not in seen:
                seen[item.id] = item
                kept.append(item)
            elif seen[item.id] != item:
                contents.problems.append(f"{path}: two different blocks share the id {item.id!r}")
        setattr(contents, name, kept)


# ---------------------------------------------------------------- writing


def entry_table(entry: Entry) -> dict[str, Any]:
    """An entry as the TOML table written to the log; empty optional fields are left out
    and recorded_by comes last (see the module docstring)."""
    table: dict[str, Any] = {
        "id": entry.id,
        "target": entry.target,
        "period": entry.period,
        "value": _toml_number(entry.value),
        "as_of": entry.as_of,
        "status": entry.status.value,
        "source": entry.source,
        "note": entry.note,
        "verdict": entry.verdict,
        "recorded_at": entry.recorded_at,
        "recorded_by": entry.recorded_by,
    }
    return {k: v for k, v in table.items() if v not in ("", None)}


def _toml_number(value: Decimal | bool) -> Decimal | bool | int:
    # tomli-w writes Decimal("2365") as 2365.0, which would read back with a decimal
    # place the user never typed; a whole number goes out as a TOML integer instead.
    if isinstance(value, Decimal) and value.as_tuple().exponent >= 0:  # type: ignore[operator]
        return int(value)
    return value


def retraction_table(retraction: Retraction) -> dict[str, Any]:
    """A retraction as written to the log, recorded_by last."""
    table: dict[str, Any] = {
        "id": retraction.id,
        "retracts": retraction.retracts,
        "note": retraction.note,
        "recorded_at": retraction.recorded_at,
        "recorded_by": retraction.recorded_by,
    }
    return {k: v for k, v in table.items() if v not in ("", None)}


def render_blocks(items: list[Entry | Retraction]) -> bytes:
    """The bytes appended for ``items``: one block each, separated by a blank line."""
    parts = []
    for item in items:
        if isinstance(item, Entry):
            parts.append(tomli_w.dumps({"entry": [entry_table(item)]}))
        else:
            parts.append(tomli_w.dumps({"retraction": [retraction_table(item)]}))
    return "\n".join(parts).encode("utf-8")


def now_utc() -> datetime:
    """The recording time stamped on entries, UTC to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def recorder() -> str:
    """Who records: TRACKER_USER, else the login name, else 'unknown'."""
    name = os.environ.get("TRACKER_USER")
    if name:
        return nfc(name)
    try:
        import getpass

        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def append(path: Path, items: list[Entry | Retraction]) -> None:
    """Append ``items`` to the log under an exclusive lock, then fsync.

    Costs the same whatever the size of the log: only the last block is read, to refuse
    writing after a torn tail (which would bury it mid-file). On any failure the file is
    cut back to its previous size (or removed if this call created it).
    """
    payload = render_blocks(items)
    existed = path.exists()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    except OSError as exc:
        message = Msg("cannot write the progress log: {reason}; nothing was recorded", reason=exc.strerror)
        raise WriteError(located(str(path), message)) from None
    try:
        with locked(fd, path, exclusive=True):
            size = os.fstat(fd).st_size
            prefix = _prefix_for(path, size)
            try:
                _write_all(fd, prefix + payload)
                os.fsync(fd)
            except OSError as exc:
                _undo(fd, size)
                message = Msg("cannot write the progress log: {reason}; nothing was recorded", reason=exc.strerror)
                raise WriteError(located(str(path), message)) from None
    except BaseException:
        if not existed and os.fstat(fd).st_size == 0:
            path.unlink(missing_ok=True)
        raise
    finally:
        os.close(fd)


def _prefix_for(path: Path, size: int) -> bytes:
    if size == 0:
        return HEADER.encode() + b"\n"
    with open(path, "rb") as handle:
        handle.seek(max(0, size - TAIL_WINDOW))
        tail = handle.read()
    starts = [m.start() for m in _BLOCK_START.finditer(tail)]
    if starts and _parse_block(tail[starts[-1] :]) is None:
        raise DataError(located(str(path), Msg("the log ends in a damaged block; run `tracker check --repair` first")))
    if not tail.endswith(b"\n"):
        return b"\n\n"
    return b"" if tail.endswith(b"\n\n") else b"\n"


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _undo(fd: int, size: int) -> None:
    try:
        os.ftruncate(fd, size)
        os.fsync(fd)
    except OSError:
        pass  # the caller reports the original error; readers ignore a torn tail anyway


def repair(path: Path) -> Path | None:
    """Move a torn tail into a side file and cut the log after its last complete block.

    Returns the side file, or None when there was nothing to repair.
    """
    fd = os.open(path, os.O_RDWR)
    try:
        with locked(fd, path, exclusive=True):
            data = _read_all(fd)
            contents = parse_log(data, path)
            if contents.torn is None:
                return None
            stamp = now_utc().strftime("%Y%m%dT%H%M%SZ")
            side = path.with_name(f"{path.name}.damaged-{stamp}")
            with open(side, "xb") as handle:
                handle.write(data[contents.torn.offset :])
                handle.flush()
                os.fsync(handle.fileno())
            os.ftruncate(fd, contents.torn.offset)
            os.fsync(fd)
            return side
    finally:
        os.close(fd)
