"""Reading and validating the plan file, a TOML file written by people.

The tool never writes this file. Every problem is collected and reported at once as
``FILE:LINE: message`` so the person who keeps the plan can fix them in one pass.

This module reads the file and checks the document as a whole ([plan], the list of
targets, ids and parents); ``plan_targets`` reads one target, ``plan_values`` one plan
value, ``plan_check`` finds the line a problem is on; ``plan_toml`` is the fast TOML reader.
"""

from __future__ import annotations

import contextlib
import os
import re
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker.core.model import Amendment, Plan, PlanValue, ReportedHeadline, Target
from tracker.core.periods import Period, PeriodError, parse_period
from tracker.errors import DataError
from tracker.messages import Msg, closest, did_you_mean, located
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
from tracker.storage.plan_check import Checker
from tracker.storage.plan_reported import parse_reported
from tracker.storage.plan_schedule import schedules
from tracker.storage.plan_targets import TARGET_KEYS as TARGET_KEYS
from tracker.storage.plan_targets import TERM_METHODS as TERM_METHODS
from tracker.storage.plan_targets import basically_met_share, parse_target
from tracker.storage.plan_toml import loads as read_plan_toml
from tracker.storage.plan_toml import toml_decimal
from tracker.storage.plan_values import NUMBER_KEYS as NUMBER_KEYS
from tracker.storage.plan_values import SHAPE_KEYS as SHAPE_KEYS
from tracker.storage.plan_values import VALUE_KEYS as VALUE_KEYS

PLAN_KEYS = {
    "title", "title_en", "organisation", "place", "language", "default_period", "reporting", "due_days",
    "basically_met",
}  # fmt: skip
LANGUAGES = {"vi", "en"}


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
        from tracker.storage.plan_syntax import syntax_error  # what the mistake probably is, and its line

        raise syntax_error(str(path), text, exc) from None
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
PLAN_CACHE_VERSION = 5


def _plan_cache(path: Path) -> Path:
    return cache_root(path.parent) / f"{path.name}.plan-cache"


def _model_shape() -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """The declared fields of every class a cached plan holds: a cache pickled before any
    of them changed is stale, whether or not someone remembered PLAN_CACHE_VERSION."""
    classes = (Plan, Target, PlanValue, Amendment, Period, ReportedHeadline)
    return tuple((c.__name__, tuple(c.__annotations__.items())) for c in classes)


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
    check = Checker(path, text)
    check.unknown_keys(None, dict(document), {"plan", "target", "owners", "reported"}, Msg("the file"))
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
    default_period = _default_period(check, meta)
    raw_targets = document.get("target", [])
    if not isinstance(raw_targets, list):
        check.error(None, ("target",), Msg("targets must be written as [[target]] tables"))
        raw_targets = []
    share = basically_met_share(check, None, meta["basically_met"]) if "basically_met" in meta else Decimal(0)
    targets = _targets(check, raw_targets, share)
    _check_parents(check, raw_targets, targets)
    targets = schedules(check, document, meta, raw_targets, targets)  # reporting, due_days, rollup
    reported = parse_reported(check, document.get("reported"))  # [[reported]] headlines
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
        place=check.text(None, meta, "place", "[plan]"),
        language=language,
        default_period=default_period,
        targets=tuple(targets),
        reported=reported,
    )


def _default_period(check: Checker, meta: dict[str, Any]) -> str:
    """The period a report shows unless told otherwise, as its label is written when parsed."""
    default_period = check.text(None, meta, "default_period", "[plan]")
    if default_period:
        try:
            default_period = parse_period(default_period).label
        except PeriodError as exc:
            check.error(None, ("default_period",), exc.message)
    return default_period


def _targets(check: Checker, raw_targets: list[Any], basically_met: Decimal) -> list[Target]:
    """The targets that can be read, in file order; a second target of an id is refused.
    ``basically_met`` is the plan's share, for targets that do not set their own."""
    targets: list[Target] = []
    first_index: dict[str, int] = {}
    for index, table in enumerate(raw_targets):
        target = parse_target(check, index, table, basically_met)
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
    return targets


def _check_parents(check: Checker, raw_targets: list[Any], targets: list[Target]) -> None:
    """Each parent is another target's id, and that target is not itself a component."""
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
