"""What a TOML syntax error in a hand-edited file probably is, said with its line.

tomllib says what it expected where it stopped ("Invalid value (at line 11, column 8)").
Whoever keeps a plan needs to hear what they did: wrote a decimal comma (``9,5``), left a
word without quotes (``unit = tỷ đồng``), lost a closing quote or an '=', gave a key or a
table twice. ``syntax_error`` looks at the line tomllib stopped at, words the likely
mistake and its fix (in the reader's language, as every ``Msg``), and shows the line
with a caret under the place. The rules for one line are in ``toml_mistakes``. It runs
only once a file has failed to parse: never on a valid plan's path.
"""

from __future__ import annotations

import re
import unicodedata

from tracker.errors import DataError
from tracker.messages import Msg, located
from tracker.storage.toml_mistakes import Found, explain, masked

# How tomllib (3.11 to 3.13) ends its message; 3.14 also gives lineno and colno.
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)|\s*\(at end of document\)")
SHOWN = 100  # characters of a long line shown around the caret
_UNPRINTABLE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")  # shown as '?': never sent to a terminal


def syntax_error(name: str, text: str, error: Exception) -> DataError:
    """The error to raise for ``error``, tomllib's TOMLDecodeError on ``text`` read from
    ``name`` (a file): ``FILE:LINE: TOML syntax error: what it probably is``, then the
    line with its number and a caret under the place (each a line of the error)."""
    detail, number, column = _position(error)
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    if number is None or not 1 <= number <= len(lines):
        number, column = _unfinished(lines)
    found = explain(lines, number, column, detail)
    head = located(f"{name}:{number}", Msg("TOML syntax error: {detail}", detail=found.message))
    return DataError(head, *_shown(lines[number - 1], number, found))


def _position(error: Exception) -> tuple[str, int | None, int | None]:
    """tomllib's message without its position, the line (1-based) and the column
    (0-based) it stopped at; None for "at end of document"."""
    message = str(getattr(error, "msg", None) or error)
    m = _POSITION.search(message)
    detail = _POSITION.sub("", message).strip() or message
    number = getattr(error, "lineno", None)
    column = getattr(error, "colno", None)
    if m is not None and m[1] is not None:
        number, column = int(m[1]), int(m[2])
    elif m is not None:  # at the end of the document: where it started is looked for
        return detail, None, None
    if isinstance(number, int) and isinstance(column, int):
        return detail, number, column - 1
    return detail, None, None


def _unfinished(lines: list[str]) -> tuple[int, int | None]:
    """Where to point when tomllib reached the end of the file: the first line that
    opens a string it does not close, else the last line that is not blank."""
    for index, line in enumerate(lines):
        if masked(line)[1] is not None:
            return index + 1, None
    last = max((i for i, line in enumerate(lines) if line.strip()), default=0)
    return last + 1, None


def _shown(line: str, number: int, found: Found) -> tuple[str, ...]:
    """The line as ``  11 | text``, and a caret under ``found.column`` when there is one;
    a long line is cut to SHOWN characters around the caret."""
    column = found.column
    start, end = 0, len(line)
    if end > SHOWN:
        start = max(0, min((column or 0) - SHOWN // 2, end - SHOWN))
        end = start + SHOWN
    text = _UNPRINTABLE.sub("?", line[start:end].replace("\t", " "))
    before, after = ("…" if start else ""), ("…" if end < len(line) else "")
    gutter = f"  {number} | "
    shown = (f"{gutter}{before}{text}{after}".rstrip(),)
    if column is None or not start <= column <= end:
        return shown
    offset = len(before) + _width(text[: column - start])
    return (*shown, f"{' ' * (len(gutter) - 2)}| {' ' * offset}^")


def _width(text: str) -> int:
    """Columns ``text`` takes at a terminal: a combining accent (a plan saved decomposed)
    takes none, a wide character two."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
