"""The mistakes people make hand-editing TOML, recognised on the line tomllib stopped at.

Each rule looks at that line (strings and the comment masked, so a quoted "9,5" or a '#'
in a note is never taken for a mistake) and, when it recognises a mistake, says what it
is and how to write it instead, with the column to put a caret under. A line none of
them recognises keeps tomllib's own words. Used by ``plan_syntax`` once a file failed to
parse; nothing here runs on a valid file.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tracker.messages import Msg, Text


class Found(NamedTuple):
    """What a line's mistake probably is, and where on the line (0-based; None: nowhere)."""

    message: Text
    column: int | None


# Numbers as people write them and TOML does not, matched in a masked value.
_COMMA_THOUSANDS = re.compile(r"(?<![\w.,])[+-]?\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?(?![\w.,])")  # 4,100,000
_DECIMAL_COMMA = re.compile(r"(?<![\w.,])[+-]?\d+(?:\.\d{3})*,\d+(?![\w.,])")  # 9,5  1.234,5  2,365
_DOT_THOUSANDS = re.compile(r"(?<![\w.,])[+-]?\d{1,3}(?:\.\d{3}){2,}(?![\w.,])")  # 4.100.000
_PERCENT = re.compile(r"([+-]?\d+(?:\.\d+)?)\s*%")  # 8%
_BARE_RANGE = re.compile(r"\bbetween\s*=\s*(?!\[)")  # between = 9, 10
_TRAILING_COMMA = re.compile(r",\s*\}")
_KEY = re.compile(r"""(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*""")
_KEY_PART = re.compile(r"""[A-Za-z0-9_-]+|"[^"]*"|'[^']*'""")
_KEY_BEFORE = re.compile(r"""([A-Za-z0-9_."'-]+)\s*=\s*$""")  # the key of the value starting here
_TOKEN_END = re.compile(r"[,}\]]")
_BOOLEAN_WORDS = {"yes", "no", "y", "n", "true", "false", "có", "không", "đúng", "sai", "đạt", "on", "off"}
_ESCAPES = set('btnfr"\\uUe')  # what may follow a backslash in "..."
_CURLY = "“”„‟‘’‚‛«»"
_HEADER = re.compile(r"(\[\[?)\s*([^\[\]]*?)\s*(\]*)")


def masked(line: str) -> tuple[str, int | None]:
    """The line with the inside of each string replaced by '_' (same length, so columns
    still match) and its comment cut off; and the column of a quote opened and not
    closed on the line (None when every string closes, or one opens with three quotes)."""
    out: list[str] = []
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch == "#":
            break
        if ch not in "\"'":
            out.append(ch)
            i += 1
            continue
        if line.startswith(ch * 3, i):  # a string over several lines: not followed here
            out.append(line[i:])
            break
        j = i + 1
        while j < n and line[j] != ch:
            j += 2 if ch == '"' and line[j] == "\\" else 1
        if j >= n:
            return "".join(out), i
        out.append(ch + "_" * (j - i - 1) + ch)
        i = j + 1
    return "".join(out), None


def explain(lines: list[str], number: int, column: int | None, detail: str) -> Found:
    """The likely mistake on line ``number`` (1-based), where tomllib stopped at
    ``column`` saying ``detail``; tomllib's words when no rule recognises it."""
    line = lines[number - 1]
    code, unclosed = masked(line)
    if unclosed is not None:
        key, equals, value = code[:unclosed].partition("=")
        if equals and value.strip() and not line[unclosed + 1 :].strip():  # name = GRDP": the opening one is missing
            at = len(key) + 1 + len(value) - len(value.lstrip())
            return Found(Msg("text must be in quotes: {fix}", fix=_fixed(line, at, line[at:unclosed])), at)
        return Found(Msg('the text has no closing quote: end it on the same line, as in name = "…"'), unclosed)
    escape = _bad_escape(line)
    if escape is not None:
        return Found(Msg("a backslash in \"…\" starts an escape such as \\n: write \\\\ for one backslash, or put "
                         "the text in single quotes '…'"), escape)  # fmt: skip
    if code.lstrip().startswith("["):
        return _header(lines, number, code) or Found(detail, column)
    key, equals, value = code.partition("=")
    if not equals:
        return _no_equals(code, column)
    start = len(key) + 1
    return (
        _bad_key(line[: len(key)])
        or _bad_number(value, start)
        or _bad_value(line, code, value, start, column)
        or _twice(lines, number, line[: len(key)])
        or Found(detail, column)
    )


def _bad_escape(line: str) -> int | None:
    """Where a string in double quotes has a backslash TOML gives no meaning to (a
    Windows path, "C:\\dir"), if anywhere."""
    inside = False
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "#" and not inside:
            return None
        if ch == "'" and not inside:
            end = line.find("'", i + 1)
            if end < 0:
                return None
            i = end + 1
            continue
        if ch == '"':
            inside = not inside
        elif ch == "\\" and inside:
            if line[i + 1 : i + 2] not in _ESCAPES:
                return i
            i += 1
        i += 1
    return None


def _no_equals(code: str, column: int | None) -> Found:
    """A line that is neither a table header nor ``key = value``."""
    colon = code.find(":")
    if colon >= 0:
        return Found(Msg("write '=' between a key and its value, not ':'"), colon)
    return Found(Msg("'=' is missing: each line is key = value, a [table] header, or a comment starting with #"),
                 column)  # fmt: skip


def _bad_key(key: str) -> Found | None:
    """A key that is not one: spaces, accents, nothing before '='."""
    text = key.strip()
    if not text:
        return Found(Msg("the key is missing before '='"), len(key))
    if _KEY.fullmatch(text):
        return None
    return Found(
        Msg("{key!r} is not a key: keys are written with letters a-z, digits, '_' and '-', without spaces or accents",
            key=text),
        len(key) - len(key.lstrip()),
    )  # fmt: skip


def _bad_number(value: str, start: int) -> Found | None:
    """A number written the way people write it: commas or dots between thousands, a
    decimal comma, a '%' sign."""
    outside = _outside_arrays(value)
    m = _COMMA_THOUSANDS.search(outside)
    if m:
        fixed = m[0].replace(",", "")
        return Found(Msg("{number} has commas between thousands: write {fixed}", number=m[0], fixed=fixed),
                     start + m.start())  # fmt: skip
    m = _DECIMAL_COMMA.search(outside)
    if m and "." not in m[0] and len(m[0].rpartition(",")[2]) == 3:  # 2,365: thousands, or a decimal?
        whole, decimal = m[0].replace(",", ""), m[0].replace(",", ".")
        return Found(
            Msg("{number} is ambiguous: TOML numbers take a decimal point and nothing between thousands: write "
                "{whole} for a whole number, {decimal} for a decimal", number=m[0], whole=whole, decimal=decimal),
            start + m.start(),
        )  # fmt: skip
    if m:
        fixed = m[0].replace(".", "").replace(",", ".")
        return Found(Msg("{number} has a decimal comma: TOML numbers take a decimal point, {fixed}",
                         number=m[0], fixed=fixed), start + m.start())  # fmt: skip
    m = _DOT_THOUSANDS.search(outside)
    if m:
        return Found(Msg("{number} has dots between thousands: write {fixed}", number=m[0],
                         fixed=m[0].replace(".", "")), start + m.start())  # fmt: skip
    m = _PERCENT.search(outside)
    if m and outside[m.end() :].lstrip()[:1] in ("", ",", "}"):  # 8% alone, not "50% of x" (a text: see below)
        return Found(Msg("write {number} without '%': the target's unit says what it counts", number=m[1]),
                     start + m.end() - 1)  # fmt: skip
    return None


def _outside_arrays(value: str) -> str:
    """The value with what is inside [ ... ] blanked: "9,5" there is two numbers."""
    out, depth = [], 0
    for ch in value:
        depth += ch == "["
        out.append(ch if depth == 0 else " ")
        depth -= ch == "]" and depth > 0
    return "".join(out)


def _bad_value(line: str, code: str, value: str, start: int, column: int | None) -> Found | None:
    """A value TOML cannot read: nothing, a word without quotes, curly quotes, yes/no, an
    inline table left open or with a comma before its '}', a range without brackets."""
    if not value.strip():
        return Found(Msg("there is no value after '='"), len(code.rstrip()))
    m = _BARE_RANGE.search(value)
    if m:
        return Found(Msg("a range takes its two numbers in brackets: between = [9, 10]"), start + m.end())
    m = _TRAILING_COMMA.search(value)
    if m:
        return Found(Msg("remove the comma before '}}': an inline table {{ … }} has none after its last item"),
                     start + m.start())  # fmt: skip
    if value.count("{") > value.count("}"):
        return Found(Msg("an inline table {{ … }} must end with '}}' on the same line"), len(code.rstrip()))
    at = _item_start(code, column, start)
    end = _TOKEN_END.search(code, at)
    token = line[at : end.start() if end else len(code)].strip()
    if not token:
        return None
    if token[0] in _CURLY:
        fix = _fixed(line, at, token.strip(_CURLY))
        return Found(Msg("“ and ” are typographic quotes: TOML text takes straight ones, {fix}", fix=fix), at)
    if token.lower() in _BOOLEAN_WORDS:
        return Found(Msg("write true or false, in lower case, not {word!r}", word=token), at)
    if token[0].isalpha() or token[0] in "%/":
        return Found(Msg("text must be in quotes: {fix}", fix=_fixed(line, at, token)), at)
    return None


def _item_start(code: str, column: int | None, start: int) -> int:
    """Where the value tomllib stopped in begins: after the '=', ',', '{' or '[' before
    the column (the value's start when the column is not in it)."""
    at = column if column is not None and start <= column < len(code) else start
    while at > start and code[at - 1] not in "=,{[":
        at -= 1
    while at < len(code) and code[at] in " \t":
        at += 1
    return at


def _fixed(line: str, at: int, text: str) -> str:
    """``key = "text"`` for the value at ``at`` (``"text"`` in a list, which has no key)."""
    key = _KEY_BEFORE.search(line[:at])
    quoted = f'"{text.strip()}"'
    return f"{key[1]} = {quoted}" if key else quoted


def _twice(lines: list[str], number: int, key: str) -> Found | None:
    """The key of line ``number`` given earlier in the same table (or a key it is part
    of, or one that is part of it: ``plan = {...}`` then ``plan.2025 = ...``)."""
    parts = _parts(key)
    for index in range(number - 2, -1, -1):
        code = masked(lines[index])[0]
        if code.lstrip().startswith("["):
            return None  # the table's header: the key is first given on this line
        earlier, equals, _ = code.partition("=")
        if not equals:
            continue
        other = _parts(lines[index][: len(earlier)])
        shorter = min(len(other), len(parts))
        if other and other[:shorter] == parts[:shorter]:
            return Found(
                Msg("{key!r} is given twice in this table (first on line {line}): keep one",
                    key=".".join(other[:shorter]), line=index + 1),
                len(key) - len(key.lstrip()),
            )  # fmt: skip
    return None


def _parts(key: str) -> tuple[str, ...]:
    """A dotted key's parts, unquoted: ``plan."2025"`` -> ("plan", "2025")."""
    return tuple(part.strip("\"'") for part in _KEY_PART.findall(key))


def _header(lines: list[str], number: int, code: str) -> Found | None:
    """A table header left open, a table given twice, a target in single brackets."""
    m = _HEADER.fullmatch(code.strip())
    if m is None:
        return None
    opening, name, closing = m[1], m[2], m[3]
    if len(closing) != len(opening):
        fix = f"{opening}{name}{']' * len(opening)}"
        return Found(Msg("the table header needs its closing bracket: {fix}", fix=fix), len(code.rstrip()))
    for index in range(number - 1):
        earlier = _HEADER.fullmatch(masked(lines[index])[0].strip())
        if earlier is None or earlier[2] != name:
            continue
        if name == "target":
            single = index if len(earlier[1]) == 1 else number - 1
            return Found(Msg("each target starts with [[target]], in double brackets: line {line} has [target]",
                             line=single + 1), len(code) - len(code.lstrip()))  # fmt: skip
        return Found(Msg("the table {table} is given twice (first on line {line}): keep one",
                         table=f"[{name}]", line=index + 1), len(code) - len(code.lstrip()))  # fmt: skip
    return None
