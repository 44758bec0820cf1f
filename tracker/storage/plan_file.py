"""Reading and validating the plan file, a TOML file written by people.

The tool never writes this file. Every problem is collected and reported at once as
``FILE:LINE: message`` so the person who keeps the plan can fix them in one pass.
"""

from __future__ import annotations

import bisect
import contextlib
import os
import re
import zlib
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, TypedDict

from tracker import __version__
from tracker.core.judging import change_kind_for_unit
from tracker.core.model import Better, ChangeKind, Plan, PlanValue, Shape, Target
from tracker.core.periods import Period, PeriodError, parse_period
from tracker.core.values import figure_problem, nfc
from tracker.errors import DataError
from tracker.messages import Msg, Text, closest, did_you_mean, located
from tracker.storage.cache_files import (
    cache_root,
    ensure_root,
    folder_mode,
    is_real_dir,
    load_plan_pickle,
    read_sealed,
    write_sealed,
)
from tracker.storage.limits import PLAN_LIMIT, TooLarge, megabytes, read_within
from tracker.storage.plan_toml import loads as read_plan_toml
from tracker.storage.plan_toml import toml_decimal

PLAN_KEYS = {"title", "title_en", "organisation", "language", "default_period"}
TARGET_KEYS = {
    "id", "name", "name_en", "group", "unit", "parent", "owner", "source",
    "accumulates", "change", "note", "plan", "term",
}  # fmt: skip
# Each shape key names the shape; the remaining keys qualify it.
SHAPE_KEYS = {
    "point": Shape.POINT,
    "at_least": Shape.AT_LEAST,
    "above": Shape.AT_LEAST,
    "at_most": Shape.AT_MOST,
    "below": Shape.AT_MOST,
    "between": Shape.RANGE,
    "about": Shape.ABOUT,
    "milestone": Shape.MILESTONE,
}
VALUE_KEYS = set(SHAPE_KEYS) | {"better", "tolerance", "illustrative", "note", "baseline"}
NUMBER_KEYS = (set(SHAPE_KEYS) - {"milestone"}) | {"tolerance", "baseline"}
TERM_METHODS = ("latest", "mean", "compound", "sum")
LANGUAGES = {"vi", "en"}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_TARGET_HEADER = re.compile(r"^\s*\[\[\s*target\s*\]\]")
_PLAN_HEADER = re.compile(r"^\s*\[\s*plan\s*\]")
_TOML_LINE = re.compile(r"\(at line (\d+), column (\d+)\)")


class _Lines:
    """Finds the line a key was written on; tomllib does not keep positions."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.targets: list[int] = [i for i, line in enumerate(self.lines) if _TARGET_HEADER.match(line)]
        self.plan_header = next((i for i, line in enumerate(self.lines) if _PLAN_HEADER.match(line)), None)

    def _block(self, index: int | None) -> tuple[int, int]:
        if index is None:
            start = self.plan_header if self.plan_header is not None else 0
        elif index < len(self.targets):
            start = self.targets[index]
        else:
            return 0, len(self.lines)
        after = bisect.bisect_right(self.targets, start)
        return start, self.targets[after] if after < len(self.targets) else len(self.lines)

    def of(self, index: int | None, *keys: str) -> int:
        """1-based line of the innermost of ``keys`` in target ``index`` (None: [plan])."""
        start, end = self._block(index)
        if index is None and keys and self._find(keys[0], start, end) is None:
            start, end = 0, len(self.lines)  # a misspelled top-level table such as [[targt]]
        found = start
        for key in keys:
            line = self._find(key, found, end)
            if line is not None:
                found = line
        return found + 1

    def _find(self, key: str, start: int, end: int) -> int | None:
        """The first line in ``start``..``end`` assigning ``key`` (the last part of a dotted
        key) or naming it as the last part of a table header."""
        if not _BARE_KEY.fullmatch(key):
            return self._find_by_pattern(key, start, end)
        # A bare key (an id, a period, a misspelled key): the same test as the patterns
        # below, without compiling two of them for each key. A plan with 20,000 errors on
        # as many different keys spent 13 s compiling them.
        for i in range(start, end):
            line = self.lines[i]
            if key in line and (_assigns(line, key) or _heads(line, key)):
                return i
        return None

    def _find_by_pattern(self, key: str, start: int, end: int) -> int | None:
        name = r'["\']?' + re.escape(key) + r'["\']?'
        assignment = re.compile(r'^\s*(?:[\w"\'.-]+\s*\.\s*)*' + name + r"\s*=")
        # a table header whose last dotted part is the key: [target.plan."2025"], [[targt]]
        header = re.compile(r'^\s*\[\[?\s*(?:[\w"\'-]+\s*\.\s*)*' + name + r"\s*\]\]?")
        for i in range(start, end):
            if assignment.match(self.lines[i]) or header.match(self.lines[i]):
                return i
        return None


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ASSIGNED_PREFIX = re.compile(r'(?:[\w"\'.-]+\s*\.\s*)+')  # the dotted parts before the last
_HEADER_PREFIX = re.compile(r'(?:[\w"\'-]+\s*\.\s*)+')


def _assigns(line: str, key: str) -> bool:
    """``[parts.]["']key["'] =`` (as ``_find_by_pattern``'s assignment pattern matches)."""
    text = line.lstrip()
    equals = text.find("=")
    return equals >= 0 and _ends_in(text[:equals].rstrip(), key, _ASSIGNED_PREFIX)


def _heads(line: str, key: str) -> bool:
    """``[parts.]["']key["']]`` or the same in ``[[...]]`` (as the header pattern matches)."""
    text = line.lstrip()
    if not text.startswith("["):
        return False
    text = text[2:] if text.startswith("[[") else text[1:]
    text = text.lstrip()
    bracket = text.find("]")
    return bracket >= 0 and _ends_in(text[:bracket].rstrip(), key, _HEADER_PREFIX)


def _ends_in(text: str, key: str, prefix: re.Pattern[str]) -> bool:
    """``text`` is ``key``, quoted or not on either side, after dotted parts ``prefix`` matches."""
    for body in (text, _unquoted_end(text)):
        if body is None or not body.endswith(key):
            continue
        before = body[: len(body) - len(key)]
        for parts in (before, _unquoted_end(before)):
            if parts is not None and (not parts or prefix.fullmatch(parts)):
                return True
    return False


def _unquoted_end(text: str) -> str | None:
    return text[:-1] if text and text[-1] in "\"'" else None


class _Checker:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text_of_file = text
        self.errors: list[Text] = []

    @cached_property
    def where(self) -> _Lines:
        """Line numbers, found only for a plan with errors: a valid one needs none (and
        a list of a million lines costs a plan of 100,000 targets 100 MB)."""
        return _Lines(self.text_of_file)

    def error(self, index: int | None, keys: tuple[str, ...], message: Text) -> None:
        self.errors.append(located(f"{self.path}:{self.where.of(index, *keys)}", message))

    def unknown_keys(
        self, index: int | None, table: dict[str, Any], allowed: set[str], context: Text, keys: tuple[str, ...] = ()
    ) -> None:
        for key in table:
            if key not in allowed:
                hint = did_you_mean(closest(key, sorted(allowed)))
                self.error(
                    index,
                    (*keys, key),
                    Msg("unknown key {key!r} in {context}{hint}", key=key, context=context, hint=hint),
                )

    def text(self, index: int | None, table: dict[str, Any], key: str, context: Text, required: bool = False) -> str:
        value = table.get(key)
        if value is None:
            if required:
                self.error(index, (), Msg("{context} has no {key!r}", context=context, key=key))
            return ""
        if not isinstance(value, str):
            self.error(index, (key,), Msg("{key!r} in {context} must be text in quotes", key=key, context=context))
            return ""
        if required and not value.strip():
            self.error(index, (key,), Msg("{key!r} in {context} is empty", key=key, context=context))
        return nfc(value.strip())


def read_plan_bytes(path: Path) -> bytes:
    """The plan file's bytes, read within PLAN_LIMIT (a pipe or a device such as
    /dev/zero is read only that far); DataError when they cannot be read."""
    try:
        with open(path, "rb", buffering=0) as handle:
            return read_within(handle, PLAN_LIMIT)
    except FileNotFoundError:
        raise DataError(
            located(str(path), Msg("no such plan file (point at one with --plan PATH or TRACKER_PLAN)"))
        ) from None
    except OSError as exc:
        raise DataError(located(str(path), Msg("cannot read the plan file: {reason}", reason=exc.strerror))) from None
    except TooLarge:
        raise DataError(
            located(str(path), Msg("larger than {limit}, the limit for a plan file", limit=megabytes(PLAN_LIMIT)))
        ) from None


def load_plan(path: Path, raw: bytes | None = None) -> Plan:
    """Read and validate a plan file (``raw``: its bytes, when already read); raise
    DataError listing every problem."""
    if raw is None:
        raw = read_plan_bytes(path)
    key = (PLAN_CACHE_VERSION, __version__, len(raw), zlib.crc32(raw))  # the bytes, however the path is spelt
    cached = _cached_plan(path, key)
    if cached is not None:
        return cached
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(located(f"{path}:{line}", Msg("not UTF-8 text (save the file as UTF-8)"))) from None
    document = read_plan_toml(text)  # the shapes plan files use, read fast; None: tomllib must read it
    if document is None:
        document = _read_with_tomllib(path, text)
    plan = parse_plan(document, path, text)
    _cache_plan(path, key, plan)
    return plan


def _read_with_tomllib(path: Path, text: str) -> dict[str, Any]:
    """The document as tomllib reads it; DataError worded for people when it cannot."""
    import tomllib  # only for a plan the fast reader declines (and to word a syntax error)

    try:
        return tomllib.loads(text, parse_float=toml_decimal)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        m = _TOML_LINE.search(message)
        line = m[1] if m else "1"
        message = _TOML_LINE.sub("", message).strip()
        raise DataError(located(f"{path}:{line}", Msg("TOML syntax error: {detail}", detail=message))) from None
    except RecursionError:  # tomllib recurses once per level of [...] or {...}
        where = _where(path, text, _too_deep(text))
        raise DataError(located(where, Msg("TOML syntax error: {detail}", detail=Msg(_TOO_DEEP)))) from None
    except ValueError:  # an integer of more digits than Python converts (sys.get_int_max_str_digits)
        found = _LONG_INTEGER.search(text)
        if found is None:
            raise
        where = _where(path, text, found.start())
        raise DataError(located(where, Msg("TOML syntax error: {detail}", detail=Msg(_TOO_LONG)))) from None


_TOO_DEEP = "values nested too deeply"
_TOO_LONG = "an integer of more than 4300 digits"
_LONG_INTEGER = re.compile(r"[0-9][0-9_]{4300,}")


def _too_deep(text: str, depth: int = 100) -> int | None:
    """Where brackets first nest ``depth`` deep (outside strings and comments, roughly):
    the place to point at when the parser gave up on the nesting."""
    level = 0
    for m in _BRACKETS.finditer(text):
        token = m[0]
        if token in ("[", "{"):
            level += 1
            if level >= depth:
                return m.start()
        elif token in ("]", "}"):
            level = max(0, level - 1)
    return None


_BRACKETS = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'[^\'\n]*\'|#[^\n]*|[\[{\]}]')


def _where(path: Path, text: str, offset: int | None) -> str:
    """``FILE:LINE`` of an offset in the text (``FILE`` alone when it is not known)."""
    return str(path) if offset is None else f"{path}:{text.count(chr(10), 0, offset) + 1}"


# A large plan (thousands of targets) takes a second to parse; a valid plan is kept,
# pickled, in the folder's cache and used while the file's bytes are unchanged. Measured
# (benchmarks/RESULTS.md): a 100,000-target plan loads in 1.7 s instead of 11.5 s, and
# `report` on 2,700 targets takes 0.55 s instead of 0.69 s (its goal is 0.5 s).
PLAN_CACHE_VERSION = 4


def _plan_cache(path: Path) -> Path:
    return cache_root(path.parent) / f"{path.name}.plan-cache"


def _model_shape() -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """The declared fields of every class a cached plan holds: a cache pickled before any
    of them changed is stale, whether or not someone remembered PLAN_CACHE_VERSION."""
    return tuple((c.__name__, tuple(c.__annotations__.items())) for c in (Plan, Target, PlanValue, Period))


def _cached_plan(path: Path, key: tuple[Any, ...]) -> Plan | None:
    cache = _plan_cache(path)
    data = read_sealed(cache) if is_real_dir(cache.parent) else None  # sealed: never a forged plan
    if data is None:
        return None
    try:
        stored_key, plan = load_plan_pickle(data)
    except Exception:
        return None
    return plan if stored_key == (key, _model_shape()) and isinstance(plan, Plan) else None


def _cache_plan(path: Path, key: tuple[Any, ...], plan: Plan) -> None:
    if len(plan.targets) < PLAN_CACHE_MIN_TARGETS:
        return  # parsing a small plan is faster than any cache
    import pickle

    stored = ((key, _model_shape()), plan)
    with contextlib.suppress(OSError):
        mode = os.stat(path).st_mode & 0o666  # as private as the plan it copies
        ensure_root(path.parent, folder_mode(mode))
        write_sealed(_plan_cache(path), pickle.dumps(stored, protocol=pickle.HIGHEST_PROTOCOL), mode)


PLAN_CACHE_MIN_TARGETS = 200
HINTS = 20  # unknown parents given a "did you mean" (the closest of all ids); the rest are listed plainly


def parse_plan(document: dict[str, Any], path: Path, text: str) -> Plan:
    """Validate a parsed plan document; ``text`` is used only to find line numbers."""
    check = _Checker(path, text)
    check.unknown_keys(None, dict(document), {"plan", "target"}, Msg("the file"))
    meta = document.get("plan", {})
    if not isinstance(meta, dict):
        check.error(None, ("plan",), Msg("'plan' must be a table: [plan]"))
        meta = {}
    if "plan" not in document:
        check.error(None, (), Msg("the file has no [plan] table (title, organisation, language, default_period)"))
    check.unknown_keys(None, meta, PLAN_KEYS, "[plan]")
    title = check.text(None, meta, "title", "[plan]", required="plan" in document)
    language = check.text(None, meta, "language", "[plan]") or "vi"
    if language not in LANGUAGES:
        check.error(None, ("language",), Msg("language must be 'vi' or 'en', not {value!r}", value=language))
    default_period = check.text(None, meta, "default_period", "[plan]")
    if default_period:
        try:
            default_period = parse_period(default_period).label
        except PeriodError as exc:
            check.error(None, ("default_period",), exc.message)

    raw_targets = document.get("target", [])
    if not isinstance(raw_targets, list):
        check.error(None, ("target",), Msg("targets must be written as [[target]] tables"))
        raw_targets = []
    targets: list[Target] = []
    first_index: dict[str, int] = {}
    for index, table in enumerate(raw_targets):
        target = _parse_target(check, index, table)
        if target is None:
            continue
        if target.id in first_index:
            line = check.where.of(first_index[target.id], "id")
            check.error(
                index, ("id",), Msg("duplicate id {id!r} (first defined on line {line})", id=target.id, line=line)
            )
            continue
        first_index[target.id] = index
        targets.append(target)

    ids = {t.id: i for i, t in enumerate(targets)}
    hints = HINTS  # each "did you mean" compares with every id: a plan with thousands of wrong parents took hours
    for index, target in enumerate(raw_targets):
        parent = target.get("parent") if isinstance(target, dict) else None
        if not isinstance(parent, str) or not parent:
            continue
        if parent not in ids:
            hints -= 1
            hint = did_you_mean(closest(parent, ids)) if hints >= 0 else ""
            check.error(index, ("parent",), Msg("parent {parent!r} is not a target id{hint}", parent=parent, hint=hint))
        elif parent == target.get("id"):
            check.error(index, ("parent",), Msg("a target cannot be its own parent"))
        elif targets[ids[parent]].parent:
            check.error(
                index, ("parent",), Msg("parent {parent!r} is itself a component (one level only)", parent=parent)
            )

    if default_period and not any(default_period in t.plans for t in targets) and not check.errors:
        check.error(
            None,
            ("default_period",),
            Msg("no target has a plan value for default_period {period!r}", period=default_period),
        )

    if check.errors:
        raise DataError(*check.errors)
    return Plan(
        title=title,
        title_en=check.text(None, meta, "title_en", "[plan]"),
        organisation=check.text(None, meta, "organisation", "[plan]"),
        language=language,
        default_period=default_period,
        targets=tuple(targets),
    )


def _parse_target(check: _Checker, index: int, table: Any) -> Target | None:
    if not isinstance(table, dict):
        check.error(index, (), Msg("a [[target]] must be a table"))
        return None
    target_id = table.get("id")
    context = (
        Msg("target {id!r}", id=target_id) if isinstance(target_id, str) else Msg("target #{number}", number=index + 1)
    )
    check.unknown_keys(index, table, TARGET_KEYS, context)
    tid = check.text(index, table, "id", context, required=True)
    if tid and not _ID.match(tid):
        check.error(index, ("id",), Msg("id {id!r} may hold only letters, digits, '_', '-' and '.'", id=tid))
    name = check.text(index, table, "name", context, required=True)
    group = check.text(index, table, "group", context, required=True)
    unit = check.text(index, table, "unit", context)
    accumulates = table.get("accumulates", False)
    if not isinstance(accumulates, bool):
        check.error(index, ("accumulates",), Msg("'accumulates' must be true or false"))
        accumulates = False
    change_text = table.get("change")
    change = change_kind_for_unit(unit)
    if change_text is not None:
        try:
            change = ChangeKind(change_text)
        except ValueError:
            check.error(index, ("change",), Msg("'change' must be 'relative' or 'points'"))

    term = table.get("term", "sum" if accumulates else "latest")
    if term not in TERM_METHODS:
        check.error(index, ("term",), Msg("'term' must be one of {methods}", methods=", ".join(TERM_METHODS)))
        term = "latest"

    plans: dict[str, PlanValue] = {}
    periods: dict[str, Period] = {}
    raw_plans = table.get("plan", {})
    if not isinstance(raw_plans, dict):
        check.error(index, ("plan",), Msg("'plan' of {context} must be a table of period = {{ ... }}", context=context))
        raw_plans = {}
    for label, spec in raw_plans.items():
        try:
            period = parse_period(label)
        except PeriodError as exc:
            check.error(index, ("plan", label), Msg("{context}: {detail}", context=context, detail=exc.message))
            continue
        if period.label in plans:
            check.error(
                index,
                ("plan", label),
                Msg("{context}: period {period} is given twice", context=context, period=period.label),
            )
            continue
        value = _parse_plan_value(check, index, context, label, spec)
        if value is not None:
            plans[period.label] = value
            periods[period.label] = period

    if not tid or not name or not group:
        return None
    return Target(
        id=tid,
        name=name,
        name_en=check.text(index, table, "name_en", context),
        group=group,
        unit=unit,
        parent=check.text(index, table, "parent", context) or None,
        owner=check.text(index, table, "owner", context),
        source=check.text(index, table, "source", context),
        accumulates=accumulates,
        change=change,
        term=term,
        note=check.text(index, table, "note", context),
        plans=plans,
        periods=periods,
    )


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    number = Decimal(value)
    return number if number.is_finite() else None


def _numbers_in(spec: dict[str, Any]) -> list[tuple[str, Decimal]]:
    """Every number of a plan value with its key: the shape's, both ends of a range,
    tolerance and baseline."""
    found = []
    for key, value in spec.items():
        if key not in NUMBER_KEYS:
            continue
        for item in value if key == "between" and isinstance(value, list) else [value]:
            if isinstance(item, (int, Decimal)) and not isinstance(item, bool):
                found.append((key, Decimal(item)))
    return found


class _Common(TypedDict):
    """The fields every shape of plan value takes, so each PlanValue(**common) is checked."""

    better: Better
    illustrative: bool
    note: str
    baseline: Decimal | None


def _parse_plan_value(check: _Checker, index: int, context: Text, label: str, spec: Any) -> PlanValue | None:
    where = ("plan", label)
    if not isinstance(spec, dict):
        check.error(
            index,
            where,
            Msg(
                "{context}, {period}: write the plan value as a table, e.g. {{ at_least = 8 }}",
                context=context,
                period=label,
            ),
        )
        return None
    if not spec.keys() <= VALUE_KEYS:
        check.unknown_keys(
            index, spec, VALUE_KEYS, Msg("{context}, plan {period}", context=context, period=label), where
        )
    shapes = [k for k in spec if k in SHAPE_KEYS]
    for key, found_number in _numbers_in(spec):  # not `number`: that name is a Decimal | None below
        wrong = figure_problem(found_number)  # the bounds every number keeps (README, plan file)
        if wrong is not None:
            check.error(
                index, where, Msg("{context}, {period}: '{key}': {detail}", context=context, period=label, key=key,
                                  detail=wrong)
            )  # fmt: skip
            return None
    if len(shapes) != 1:
        said: Text = ", ".join(shapes) if shapes else Msg("none")
        check.error(
            index,
            where,
            Msg(
                "{context}, {period}: give exactly one of {shapes} (found {found})",
                context=context,
                period=label,
                shapes=", ".join(SHAPE_KEYS),
                found=said,
            ),
        )
        return None
    key = shapes[0]
    shape = SHAPE_KEYS[key]
    better_text = spec.get("better")
    better = Better.HIGHER
    if better_text is not None:
        try:
            better = Better(better_text)
        except ValueError:
            check.error(
                index,
                where,
                Msg("{context}, {period}: 'better' must be 'higher', 'lower' or 'none'", context=context, period=label),
            )
            return None
    if shape is Shape.POINT and better_text is None:
        check.error(
            index,
            where,
            Msg(
                "{context}, {period}: a point needs better = 'higher', 'lower' or 'none'", context=context, period=label
            ),
        )
        return None
    if shape in (Shape.AT_LEAST, Shape.AT_MOST, Shape.MILESTONE) and better_text is not None:
        check.error(
            index,
            where,
            Msg(
                "{context}, {period}: '{key}' already says which way is better; remove 'better'",
                context=context,
                period=label,
                key=key,
            ),
        )
        return None
    if shape is Shape.AT_MOST:
        better = Better.LOWER
    illustrative = spec.get("illustrative", False)
    note = spec.get("note", "")
    if not isinstance(illustrative, bool) or not isinstance(note, str):
        check.error(
            index,
            where,
            Msg("{context}, {period}: 'illustrative' is true/false and 'note' is text", context=context, period=label),
        )
        return None
    baseline = spec.get("baseline")
    if baseline is not None and _number(baseline) is None:
        check.error(
            index, where, Msg("{context}, {period}: 'baseline' must be a number", context=context, period=label)
        )
        return None
    common: _Common = {"better": better, "illustrative": illustrative, "note": nfc(note), "baseline": _number(baseline)}
    raw = spec[key]

    if shape is Shape.MILESTONE:
        if raw is not True:
            check.error(
                index,
                where,
                Msg("{context}, {period}: write milestone = true for a yes/no target", context=context, period=label),
            )
            return None
        return PlanValue(Shape.MILESTONE, **common)
    if shape is Shape.RANGE:
        bounds = [_number(v) for v in raw] if isinstance(raw, list) else []
        if len(bounds) != 2 or None in bounds:
            check.error(
                index,
                where,
                Msg("{context}, {period}: 'between' takes two numbers, e.g. [9, 10]", context=context, period=label),
            )
            return None
        low, high = bounds
        assert low is not None and high is not None
        if low > high:
            check.error(
                index,
                where,
                Msg(
                    "{context}, {period}: 'between' runs from low to high, not [{low}, {high}]",
                    context=context,
                    period=label,
                    low=low,
                    high=high,
                ),
            )
            return None
        if better is Better.NONE:
            check.error(
                index,
                where,
                Msg("{context}, {period}: a range needs better = 'higher' or 'lower'", context=context, period=label),
            )
            return None
        return PlanValue(Shape.RANGE, low=low, high=high, **common)
    number = _number(raw)
    if number is None:
        check.error(
            index,
            where,
            Msg(
                "{context}, {period}: '{key}' must be a number, not {value!r}",
                context=context,
                period=label,
                key=key,
                value=raw,
            ),
        )
        return None
    if shape is Shape.ABOUT:
        tolerance = _number(spec.get("tolerance"))
        if tolerance is None or tolerance < 0:
            check.error(
                index,
                where,
                Msg(
                    "{context}, {period}: 'about' needs a tolerance, e.g. tolerance = 0.5",
                    context=context,
                    period=label,
                ),
            )
            return None
        return PlanValue(Shape.ABOUT, value=number, tolerance=tolerance, **common)
    if "tolerance" in spec:
        check.error(
            index, where, Msg("{context}, {period}: 'tolerance' belongs to 'about' only", context=context, period=label)
        )
        return None
    return PlanValue(shape, value=number, strict=key in ("above", "below"), **common)
