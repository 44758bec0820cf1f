"""A fast reader for the TOML that plan files are written in: tomllib's result, sooner.

tomllib is a pure-Python parser that reads character by character: about 140 µs per
target of a plan, 14 s for a plan of 100,000 targets. Plan files use a small part of
TOML, one statement per line: ``[plan]``, ``[[target]]``, ``[[reported]]`` and ``key = value`` with bare or
dotted keys, strings, numbers, booleans and one-line inline tables such as
``plan.2025 = { between = [9, 10] }`` (whose values may also be dates and arrays of
inline tables, as an amended value's ``amended = [{ from = 2025-02-20, ... }]``). This
module reads those lines with one regular expression a line (and one a key of an inline
table).

It never guesses. A value of another shape on one line (an escaped string, a time, a
nested table) is handed to tomllib on its own. Anything else (another table header, a
string or array over several lines, a key or table given twice, a control character)
makes ``loads`` return None, and the caller reads the whole file with tomllib, which
also words any syntax error. So a document returned is the one tomllib would return;
tests/storage/test_plan_toml.py compares the two on plans and on hostile snippets.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

# What a one-line string or a comment may hold: anything but the control characters
# TOML forbids there (tab is allowed), and for a string its closing quote (and, for a
# basic string, the backslash of an escape: escaped strings go to tomllib).
_FREE = r"[^\x00-\x08\x0a-\x1f\x7f"
_BASIC = _FREE + r'"\\]*'
_LITERAL = _FREE + r"']*"
_COMMENT = rf"(?:#{_FREE}]*)?"
_KEY_PART = rf"""(?:[A-Za-z0-9_-]+|"{_BASIC}"|'{_LITERAL}')"""
_KEY = rf"{_KEY_PART}(?:[ \t]*\.[ \t]*{_KEY_PART})*"
_FLOAT = r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][+-]?[0-9]+)?|[eE][+-]?[0-9]+)"
_INT = r"[+-]?(?:0|[1-9][0-9]{0,17})"  # longer integers go to tomllib (and its limits)
_NUMBERS = rf"(?:{_FLOAT}|{_INT})(?:[ \t]*,[ \t]*(?:{_FLOAT}|{_INT}))*"

# One whole line with its line break, anchored at the line's start: ``key = "text"``
# (the commonest line), ``key = other value``, a table header, or nothing (blank or a
# comment). A line of any other shape is not matched at all.
_LINE = re.compile(
    rf'(?m)^[ \t]*(?:(?P<key>{_KEY})[ \t]*=[ \t]*(?:"(?P<text>{_BASIC})"[ \t]*{_COMMENT}|(?P<value>[^\r\n]*))'
    rf"|(?P<open>\[\[?)[ \t]*(?P<table>{_KEY})[ \t]*(?P<close>\]\]?)[ \t]*{_COMMENT}|{_COMMENT})"
    r"(?:\r\n|\n|\Z)"
)
_PARTS = re.compile(_KEY_PART)
_BARE_PATH = re.compile(r"[A-Za-z0-9_.-]+")
_REST = re.compile(rf"[ \t]*{_COMMENT}")  # what may follow a value on its line
_SPACE = re.compile(r"[ \t]*")
# A value (which group matched says its type): a string, a number or a boolean.
_SCALAR = re.compile(rf"\"({_BASIC})\"|'({_LITERAL})'|({_FLOAT})|({_INT})|(true|false)")
# One ``key = value`` of an inline table with what follows it, ',' or '}': the value a
# string, a number, a boolean or an array of numbers.
_PAIR = re.compile(
    rf"([A-Za-z0-9_-]+)[ \t]*=[ \t]*(?:\"({_BASIC})\"|'({_LITERAL})'|({_FLOAT})|({_INT})|(true|false)"
    rf"|\[[ \t]*(?:({_NUMBERS})[ \t]*,?[ \t]*)?\])[ \t]*([,}}])[ \t]*"
)
_NUMBER = re.compile(rf"({_FLOAT})|{_INT}")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# Two more values of an inline table, read by _dated_or_tables: a date, and the opening
# and closing of an array of inline tables (an amended plan value's amendments).
_DATE_PAIR = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*([0-9]{4})-([0-9]{2})-([0-9]{2})[ \t]*([,}])[ \t]*")
_TABLES_OPEN = re.compile(r"([A-Za-z0-9_-]+)[ \t]*=[ \t]*\[[ \t]*(?=\{)")
_TABLES_CLOSE = re.compile(r"\][ \t]*([,}])[ \t]*")
_NOTHING = object()
_ARRAYS = frozenset({"target", "reported"})  # the arrays of tables plan files hold


def toml_decimal(text: str) -> Decimal:
    """A TOML float as a Decimal; one whose exponent Decimal cannot hold
    (1e9999999999999999999) as the largest or smallest exponent Decimal holds, which
    validation then refuses in words (too large, too many decimals) instead of crashing."""
    try:
        return Decimal(text)
    except ArithmeticError:
        sign = "-" if text.lstrip().startswith("-") else ""
        exponent = "-999999999999999999" if "e-" in text.lower() else "+999999999999999999"
        return Decimal(f"{sign}1E{exponent}")


def loads(text: str) -> dict[str, Any] | None:
    """The document ``tomllib.loads(text, parse_float=Decimal)`` returns, or None when
    the text needs tomllib itself (for a shape not read here, or to word an error)."""
    root: dict[str, Any] = {}
    table = root
    made_by_dots: set[int] = set()  # ids of tables dotted keys created: more dotted keys may add to them
    arrays: dict[str, list[dict[str, Any]]] = {}  # [[target]] and [[reported]]: tables in file order
    known: dict[str, Any] = {}  # a value's text -> its value: units, flags, plan values repeat
    strings: dict[str, str] = {}  # one object for a group or an owner written a thousand times
    lines = 0
    for lines, m in enumerate(_LINE.finditer(text), start=1):  # noqa: B007 (the count is checked below)
        key, string, raw, opening, name, closing = m.groups()
        if key is not None:
            if raw is None:
                value: Any = strings.setdefault(string, string)
            else:
                value = known.get(raw, _NOTHING)
                if value is _NOTHING:
                    value = _value(raw)
                    if value is _NOTHING:
                        return None
                    known[raw] = value
                if type(value) is dict or type(value) is list:
                    value = value.copy()  # each its own table, however often it is written
            container = table
            if "." in key or '"' in key or "'" in key:
                *path, key = _key(key)
                for part in path:
                    inner = container.get(part)
                    if inner is None:
                        inner = container[part] = {}
                        made_by_dots.add(id(inner))
                    elif type(inner) is not dict or id(inner) not in made_by_dots:
                        return None  # a value, an inline table or a table with a header
                    container = inner
            if key in container:
                return None
            container[key] = value
        elif opening is not None:
            path = _key(name)
            if len(opening) != len(closing):
                return None
            if opening == "[" and path == ["plan"] and "plan" not in root:
                table = root["plan"] = {}
            elif opening == "[[" and len(path) == 1 and path[0] in _ARRAYS and root.get(path[0]) is arrays.get(path[0]):
                if path[0] not in arrays:
                    arrays[path[0]] = root[path[0]] = []
                table = {}
                arrays[path[0]].append(table)
            else:
                return None
    # Each match starts at a line's start and takes the whole line: one match a line
    # means every line was read (one of another shape is not matched at all).
    return root if lines == text.count("\n") + 1 else None


def _key(text: str) -> list[str]:
    """The parts of a dotted key, unquoted."""
    if _BARE_PATH.fullmatch(text):
        return text.split(".")
    return [part[1:-1] if part[0] in "\"'" else part for part in _PARTS.findall(text)]


def _value(text: str) -> Any:
    """The value of a ``key = value`` line (``text``: all after '='), or _NOTHING."""
    if text.startswith("{"):
        found: Any = _inline_table(text)
    elif text.startswith("["):
        found = _array(text)
    else:
        m = _SCALAR.match(text)
        found = (_scalar(m), m.end()) if m else None
        if found is None or not _REST.fullmatch(text, found[1]):
            found = _date(text)
    if found is not None and _REST.fullmatch(text, found[1]):
        return found[0]
    import tomllib

    try:  # a value of another shape, alone: an escaped string, a date, a nested table
        return tomllib.loads("v = " + text, parse_float=toml_decimal)["v"]
    except Exception:  # not one on one line, or not valid: the whole file goes to tomllib
        return _NOTHING


def _scalar(m: re.Match[str], first: int = 1) -> Any:
    """The value a match of _SCALAR (or of _PAIR's scalar groups from ``first``) read."""
    if m[first] is not None:
        return m[first]
    if m[first + 1] is not None:
        return m[first + 1]
    if m[first + 2] is not None:
        return toml_decimal(m[first + 2])
    if m[first + 3] is not None:
        return int(m[first + 3])
    return m[first + 4] == "true"


def _date(text: str) -> tuple[date, int] | None:
    """A local date (``date = 2024-12-31`` of a [[reported]] table); anything else that
    starts like one (a time after it, a day that does not exist) is tomllib's."""
    m = _DATE.match(text)
    if m is None:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), m.end()
    except ValueError:
        return None


def _array(text: str) -> tuple[list[Any], int] | None:
    """``[a, b, ...]`` of strings, numbers and booleans on one line."""
    items: list[Any] = []
    pos = _SPACE.match(text, 1).end()  # type: ignore[union-attr]  # _SPACE matches "": never None
    while not text.startswith("]", pos):
        m = _SCALAR.match(text, pos)
        if m is None:
            return None
        items.append(_scalar(m))
        pos = _SPACE.match(text, m.end()).end()  # type: ignore[union-attr]  # _SPACE matches "": never None
        if text.startswith(",", pos):
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]  # _SPACE matches "": never None
        elif not text.startswith("]", pos):
            return None
    return items, pos + 1


def _inline_table(text: str, start: int = 0) -> tuple[dict[str, Any], int] | None:
    """``{ key = value, ... }`` at ``start``, with bare keys (no trailing comma, as TOML
    says): the table and the offset after it."""
    table: dict[str, Any] = {}
    pos = _SPACE.match(text, start + 1).end()  # type: ignore[union-attr]  # _SPACE matches "": never None
    if text.startswith("}", pos):
        return table, pos + 1
    while True:
        m = _PAIR.match(text, pos)
        if m is None:
            found = _dated_or_tables(text, pos)  # amended = [{ from = 2025-02-20, ... }]
            if found is None or found[0] in table:
                return None
            key, value, closing, pos = found
            table[key] = value
            if closing == "}":
                return table, pos
            continue
        if m[1] in table:
            return None
        if m[7] is not None:
            table[m[1]] = [toml_decimal(n[1]) if n[1] else int(n[0]) for n in _NUMBER.finditer(m[7])]
        elif m[2] is None and m[3] is None and m[4] is None and m[5] is None and m[6] is None:
            table[m[1]] = []
        else:
            table[m[1]] = _scalar(m, 2)
        if m[8] == "}":
            return table, m.end()
        pos = m.end()


def _dated_or_tables(text: str, pos: int) -> tuple[str, Any, str, int] | None:
    """A pair of an inline table that _PAIR does not read, when it is a date (``from =
    2025-02-20``) or an array of inline tables (``amended = [{ ... }, { ... }]``), as the
    key, the value, the ',' or '}' after it, and the offset after that; None otherwise."""
    m = _DATE_PAIR.match(text, pos)
    if m is not None:
        try:
            return m[1], date(int(m[2]), int(m[3]), int(m[4])), m[5], m.end()
        except ValueError:  # 2025-02-30: tomllib words the error
            return None
    m = _TABLES_OPEN.match(text, pos)
    if m is None:
        return None
    tables: list[dict[str, Any]] = []
    pos = m.end()
    while text.startswith("{", pos):
        found = _inline_table(text, pos)
        if found is None:
            return None
        tables.append(found[0])
        pos = _SPACE.match(text, found[1]).end()  # type: ignore[union-attr]  # _SPACE matches "": never None
        if text.startswith(",", pos):
            pos = _SPACE.match(text, pos + 1).end()  # type: ignore[union-attr]  # _SPACE matches "": never None
        elif not text.startswith("]", pos):
            return None
    end = _TABLES_CLOSE.match(text, pos)
    return None if end is None or not tables else (m[1], tables, end[1], end.end())
