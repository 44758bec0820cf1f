"""Reading a units file: the units (districts, provinces) one `compare` spans.

    title = "Các huyện tỉnh Lai Châu"      # optional
    plan = "tinh/plan.toml"                 # optional: the parent's own plan (the province)

    [[unit]]
    name = "Tam Đường"
    plan = "tam-duong/plan.toml"            # relative to this file; its log beside it

Every problem is reported at once as ``FILE:LINE: message`` (exit 4), like a plan's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tracker.core.values import nfc
from tracker.errors import DataError
from tracker.messages import Msg, Text, closest, did_you_mean, located
from tracker.storage.limits import PLAN_LIMIT, TooLarge, megabytes, read_within

FILE_KEYS = {"title", "plan", "unit"}
UNIT_KEYS = {"name", "plan"}
DEFAULT_UNITS = Path("units.toml")  # looked for when `compare` is given no file
_UNIT_HEADER = re.compile(r"^\s*\[\[\s*unit\s*\]\]", re.MULTILINE)
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class UnitRef:
    """One unit as the units file names it."""

    name: str
    plan: Path  # as the file says, made relative to the current folder
    where: str  # FILE:LINE of its [[unit]]


@dataclass(frozen=True)
class UnitsFile:
    """The units a comparison spans, and the parent's plan when the file names one."""

    path: Path
    title: str
    parent: Path | None
    units: tuple[UnitRef, ...]


def is_units_file(path: Path) -> bool:
    """Whether ``path`` reads as a units file (it has a [[unit]] table) rather than a plan."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
    except OSError:
        return False
    return _UNIT_HEADER.search(head.decode("utf-8", errors="replace")) is not None


def read_units_file(path: Path) -> UnitsFile:
    """The units file at ``path``, checked; DataError listing every problem."""
    text = _text(path)
    document = _document(path, text)
    lines = text.splitlines()
    headers = [i for i, line in enumerate(lines) if _UNIT_HEADER.match(line)]
    problems: list[Text] = []

    def problem(index: int | None, key: str | None, message: Text) -> None:
        problems.append(located(f"{path}:{_line(lines, headers, index, key)}", message))

    for key in document:
        if key not in FILE_KEYS:
            hint = did_you_mean(closest(key, sorted(FILE_KEYS)))
            problem(
                None, key, Msg("unknown key {key!r} in {context}{hint}", key=key, context=Msg("the file"), hint=hint)
            )
    title = _text_value(document, "title", problem, None)
    parent_text = _text_value(document, "plan", problem, None)
    raw_units = document.get("unit", [])
    if not isinstance(raw_units, list) or not all(isinstance(u, dict) for u in raw_units):
        problem(None, "unit", Msg("units must be written as [[unit]] tables with a name and a plan"))
        raw_units = []
    units: list[UnitRef] = []
    seen: dict[str, int] = {}
    for index, table in enumerate(raw_units):
        for key in table:
            if key not in UNIT_KEYS:
                hint = did_you_mean(closest(key, sorted(UNIT_KEYS)))
                context = Msg("unit #{number}", number=index + 1)
                problem(index, key, Msg("unknown key {key!r} in {context}{hint}", key=key, context=context, hint=hint))
        name = _text_value(table, "name", problem, index, required=True)
        plan = _text_value(table, "plan", problem, index, required=True)
        if not name or not plan:
            continue
        folded = name.casefold()
        if folded in seen:
            first = _line(lines, headers, seen[folded], "name")
            problem(index, "name", Msg("unit {name!r} is listed twice (first on line {line})", name=name, line=first))
            continue
        seen[folded] = index
        units.append(UnitRef(name, path.parent / plan, f"{path}:{_line(lines, headers, index, None)}"))
    if not raw_units and not problems:
        problem(None, None, Msg("the file lists no units: add [[unit]] tables with a name and a plan"))
    if problems:
        raise DataError(*problems)
    return UnitsFile(path, title, path.parent / parent_text if parent_text else None, tuple(units))


def _text(path: Path) -> str:
    try:
        with open(path, "rb", buffering=0) as handle:
            raw = read_within(handle, PLAN_LIMIT)
    except FileNotFoundError:
        raise DataError(located(str(path), Msg("no such units file"))) from None
    except IsADirectoryError:
        raise DataError(located(str(path), Msg("a folder, not a units file"))) from None
    except OSError as exc:
        raise DataError(located(str(path), Msg("cannot read the units file: {reason}", reason=exc.strerror))) from None
    except TooLarge:
        raise DataError(
            located(str(path), Msg("larger than {limit}, the limit for a plan file", limit=megabytes(PLAN_LIMIT)))
        ) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(located(f"{path}:{line}", Msg("not UTF-8 text (save the file as UTF-8)"))) from None


def _document(path: Path, text: str) -> dict[str, Any]:
    import tomllib  # a units file is a few lines: the standard reader is fast enough

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        detail = _TOML_LINE.sub("", str(exc)).strip()
        where = f"{path}:{found[1] if found else 1}"
        raise DataError(located(where, Msg("TOML syntax error: {detail}", detail=detail))) from None
    except (RecursionError, ValueError):  # nested too deep, an integer too long
        raise DataError(
            located(str(path), Msg("TOML syntax error: {detail}", detail=Msg("values nested too deeply")))
        ) from None


def _text_value(table: dict[str, Any], key: str, problem: Any, index: int | None, required: bool = False) -> str:
    """The text at ``key`` (NFC, stripped); "" when absent or wrong (the problem said)."""
    value = table.get(key)
    context = Msg("the file") if index is None else Msg("unit #{number}", number=index + 1)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problem(index, key if value is not None else None,
                    Msg("{context} has no {key!r}", context=context, key=key))  # fmt: skip
        return ""
    if not isinstance(value, str):
        problem(index, key, Msg("{key!r} in {context} must be text in quotes", key=key, context=context))
        return ""
    return nfc(value.strip())


def _line(lines: list[str], headers: list[int], index: int | None, key: str | None) -> int:
    """1-based line of ``key`` in unit ``index`` (None: before the first [[unit]]), else of
    the unit's header (or the first line)."""
    if index is None:
        start, end = 0, headers[0] if headers else len(lines)
    elif index < len(headers):
        start = headers[index]
        end = headers[index + 1] if index + 1 < len(headers) else len(lines)
    else:
        return 1
    if key is not None:
        pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
        for number in range(start, end):
            if pattern.match(lines[number]):
                return number + 1
    return start + 1
