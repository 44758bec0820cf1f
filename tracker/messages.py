"""Messages about the user's data, in English and Vietnamese.

Code raises errors holding ``Msg`` objects whose English template is also their key in
the word catalogue (``tracker.words``, where every language's text is kept); the CLI
renders them in the reader's language at the last moment. ``str(msg)`` is the English
text, so logs and tests read naturally.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any


class Msg:
    """A message: an English template (also the key) and its parameters."""

    __slots__ = ("params", "template")

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params

    def render(self, lang: str) -> str:
        """The message in ``lang`` (English when there is no translation). A value quoted
        from the user's input is cut to its first QUOTE_LIMIT characters and "…": a
        message never echoes a 10 MB field back."""
        from tracker.words import translated  # only once a message is shown: not on every run's path

        template = translated(lang, self.template)
        quoted = _quoted_fields(template)
        values = {
            k: v.render(lang) if isinstance(v, Msg) else _shown(v, k in quoted, k in _WHOLE)
            for k, v in self.params.items()
        }
        return template.format(**values)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Msg({self.template!r}, {self.params!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.template, self.params) == (other.template, other.params)

    def __hash__(self) -> int:
        return hash(self.template)


Text = str | Msg

QUOTE_LIMIT = 40  # characters of the user's input a message quotes
WHOLE_LIMIT = 1000  # ... of a path, a reason or a worded part of a message
# Parameters that are file names or worded text rather than a value the user typed.
_WHOLE = {"where", "plan", "log", "side", "name", "reason", "detail", "hint", "context", "message", "shapes",
          "methods", "found", "columns", "have", "limit"}  # fmt: skip
_FIELDS: dict[str, set[str]] = {}


def _quoted_fields(template: str) -> set[str]:
    """The fields of a template written ``{name!r}``."""
    found = _FIELDS.get(template)
    if found is None:
        import string

        found = {name for _, name, _, conversion in string.Formatter().parse(template) if name and conversion == "r"}
        _FIELDS[template] = found
    return found


class _Verbatim(str):
    """Text already shown as ``repr`` would show it."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def shorten(text: str, limit: int = QUOTE_LIMIT) -> str:
    """``text``, or its first ``limit`` characters and "…"."""
    return text if len(text) <= limit else text[:limit] + "…"


def _shown(value: Any, quoted: bool, whole: bool) -> Any:
    """A parameter as a message shows it, cut to a prefix when it is long."""
    limit = WHOLE_LIMIT if whole else QUOTE_LIMIT
    if quoted:
        if isinstance(value, str):
            return shorten(value, QUOTE_LIMIT)
        shown = repr(value)
        return value if len(shown) <= QUOTE_LIMIT else _Verbatim(shorten(shown, QUOTE_LIMIT))
    if isinstance(value, (str, int, Decimal)) and not isinstance(value, bool):
        shown = str(value)
        return value if len(shown) <= limit else shorten(shown, limit)
    return value


def render(text: Text, lang: str) -> str:
    """A string or message in ``lang``."""
    return text.render(lang) if isinstance(text, Msg) else text


def located(where: str, message: Text) -> Msg:
    """``FILE:LINE: message``, the location kept as written."""
    return Msg("{where}: {message}", where=where, message=message)


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate most like a mistyped ``word``, if any is close enough."""
    import difflib  # only when something was mistyped: not a cost every run pays

    found = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(name: str | None) -> Text:
    """ "; did you mean 'x'?" or nothing."""
    return Msg("; did you mean {name!r}?", name=name) if name else ""
