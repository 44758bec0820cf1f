"""Finding the line a plan file's key is on, and collecting the file's problems.

tomllib keeps no positions, so a problem is located by searching the text for the key it
is about, and only once there is a problem: a valid plan never splits its text into lines.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from tracker.core.values import nfc
from tracker.messages import Msg, Text, closest, did_you_mean, located

_TARGET_HEADER = re.compile(r"^\s*\[\[\s*target\s*\]\]")
_PLAN_HEADER = re.compile(r"^\s*\[\s*plan\s*\]")
_REPORTED_HEADER = re.compile(r"^\s*\[\[\s*reported\s*\]\]")


class Lines:
    """Finds the line a key was written on; tomllib does not keep positions."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.targets: list[int] = [i for i, line in enumerate(self.lines) if _TARGET_HEADER.match(line)]
        self.plan_header = next((i for i, line in enumerate(self.lines) if _PLAN_HEADER.match(line)), None)
        self.reported: list[int] = [i for i, line in enumerate(self.lines) if _REPORTED_HEADER.match(line)]
        # where a block of a table in an array ends: at the next [[target]] or [[reported]]
        self.ends = sorted(self.targets + self.reported)

    def _block(self, index: int | None, headers: list[int] | None = None) -> tuple[int, int]:
        headers = self.targets if headers is None else headers
        if index is None:
            start = self.plan_header if self.plan_header is not None else 0
        elif index < len(headers):
            start = headers[index]
        else:
            return 0, len(self.lines)
        after = bisect.bisect_right(self.ends, start)
        return start, self.ends[after] if after < len(self.ends) else len(self.lines)

    def of(self, index: int | None, *keys: str) -> int:
        """1-based line of the innermost of ``keys`` in target ``index`` (None: [plan])."""
        return self._of(self._block(index), index, keys)

    def of_text(self, index: int | None, keys: tuple[str, ...], pattern: re.Pattern[str]) -> int:
        """1-based line of the first line matching ``pattern`` from the line of ``keys`` on,
        within target ``index``; the line of ``keys`` when none does (an item of a list
        written over several lines, such as one amendment)."""
        start, end = self._block(index)
        found = self._of((start, end), index, keys) - 1
        return next((i for i in range(found, end) if pattern.search(self.lines[i])), found) + 1

    def of_reported(self, index: int, *keys: str) -> int:
        """1-based line of the innermost of ``keys`` in the ``index``-th [[reported]] table."""
        return self._of(self._block(index, self.reported), index, keys)

    def _of(self, block: tuple[int, int], index: int | None, keys: tuple[str, ...]) -> int:
        start, end = block
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


class Checker:
    """Collects every problem of a plan file, each located as ``FILE:LINE``."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text_of_file = text
        self.errors: list[Text] = []

    @cached_property
    def where(self) -> Lines:
        """Line numbers, found only for a plan with errors: a valid one needs none (and
        a list of a million lines costs a plan of 100,000 targets 100 MB)."""
        return Lines(self.text_of_file)

    def error(self, index: int | None, keys: tuple[str, ...], message: Text) -> None:
        """Record a problem of target ``index`` (None: the file or [plan]), located at the
        line of the innermost of ``keys`` written there."""
        self.errors.append(located(f"{self.path}:{self.where.of(index, *keys)}", message))

    def error_near(self, index: int, keys: tuple[str, ...], pattern: re.Pattern[str], message: Text) -> None:
        """Record a problem at the first line matching ``pattern`` from the line of ``keys``
        on (see ``Lines.of_text``)."""
        self.errors.append(located(f"{self.path}:{self.where.of_text(index, keys, pattern)}", message))

    def reported_error(self, index: int, keys: tuple[str, ...], message: Text) -> None:
        """Record a problem of the ``index``-th ``[[reported]]`` table, at the line of the
        innermost of ``keys`` written there."""
        self.errors.append(located(f"{self.path}:{self.where.of_reported(index, *keys)}", message))

    def unknown_keys(
        self, index: int | None, table: dict[str, Any], allowed: set[str], context: Text, keys: tuple[str, ...] = ()
    ) -> None:
        """Record each key of ``table`` not in ``allowed``, with the closest allowed one."""
        for key in table:
            if key not in allowed:
                self.unknown_key(lambda at, message: self.error(index, (*keys, *at), message), key, allowed, context)

    def unknown_key(self, error: ErrorAt, key: str, allowed: set[str], context: Text) -> None:
        """Record through ``error`` that ``key`` is not one of ``allowed``, with the closest one."""
        hint = did_you_mean(closest(key, sorted(allowed)))
        error((key,), Msg("unknown key {key!r} in {context}{hint}", key=key, context=context, hint=hint))

    def text(self, index: int | None, table: dict[str, Any], key: str, context: Text, required: bool = False) -> str:
        """The text at ``key`` (NFC, stripped), "" when absent or wrong (the problem recorded)."""
        return self.text_with(lambda at, message: self.error(index, at, message), table, key, context, required)

    def text_with(self, error: ErrorAt, table: dict[str, Any], key: str, context: Text, required: bool = False) -> str:
        """``text``, its problems recorded through ``error`` (for a table other than a target)."""
        value = table.get(key)
        if value is None:
            if required:
                error((), Msg("{context} has no {key!r}", context=context, key=key))
            return ""
        if not isinstance(value, str):
            error((key,), Msg("{key!r} in {context} must be text in quotes", key=key, context=context))
            return ""
        if required and not value.strip():
            error((key,), Msg("{key!r} in {context} is empty", key=key, context=context))
        return nfc(value.strip())


# Records a problem at the line of the innermost of the keys given, in a table it knows.
ErrorAt = Callable[[tuple[str, ...], Text], None]
