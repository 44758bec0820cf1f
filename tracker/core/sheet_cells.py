"""Reading one cell of an office's sheet: numbers typed as text, status and verdict words,
and target names.

Pure. A workbook's number cells are numbers already; these rules are for text: a CSV, or
a workbook cell typed as text. A number's reading follows the file's decimal mark
(``comma``: 4.100 is 4100 and 3,93 is 3.93, as Vietnamese is written; ``point``: the
English way), and without one it follows ``parse_number``, which refuses what it cannot
tell. Text that does not fit the file's mark is refused rather than read either way: a
"4.1" in a file read with a decimal comma says that the file may be written the other way,
and then its "4.100" would have been misread.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache
from typing import NoReturn

from tracker.core.sheet_columns import fold
from tracker.core.values import MAX_NUMBER_TEXT, ValueParseError, brief, nfc, parse_number
from tracker.messages import Msg

DECIMAL_MARKS = ("comma", "point")

# A number by the file's mark: ``g`` groups thousands (may be absent), ``d`` marks decimals.
_GROUPED = {
    "comma": re.compile(r"^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$"),
    "point": re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$"),
}
_SPACED = re.compile(r"^[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?$")  # 4 100 000 (a space groups)
_NUMBERISH = re.compile(r"^[+\-\u2212]?[\d.,\s\u00a0\u202f]*\d[\d.,\s\u00a0\u202f]*$")
_DASHES = {"-", "–", "—", "--"}  # a cell that says "no figure" (never zero)

STATUS_WORDS = {
    "uoc": "estimate", "uoc tinh": "estimate", "uoc thuc hien": "estimate", "estimate": "estimate",
    "so bo": "preliminary", "preliminary": "preliminary",
    "chinh thuc": "official", "official": "official",
}  # fmt: skip
VERDICT_WORDS = {
    "vuot": "exceeded", "vuot ke hoach": "exceeded", "exceeded": "exceeded",
    "dat": "met", "dat ke hoach": "met", "met": "met",
    "khong dat": "not_met", "chua dat": "not_met", "khong dat ke hoach": "not_met", "not met": "not_met",
    "not_met": "not_met",
    "co ban dat": "basically_met", "co ban dat ke hoach": "basically_met", "basically met": "basically_met",
    "basically_met": "basically_met",
}  # fmt: skip


class CellError(ValueError):
    """A cell that cannot be read; ``message`` says why, without its place."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


_EDGES = frozenset(" \t\r\n\u00a0\u202f\u3000-–—")


def is_blank(text: str) -> bool:
    """Text that holds no figure: spaces, or a dash alone."""
    if text and text[0] not in _EDGES and text[-1] not in _EDGES:
        return False  # the common case, quickly: text that neither starts nor ends blank
    stripped = text.strip()
    return not stripped or stripped in _DASHES


def looks_numeric(text: str) -> bool:
    """Text made of digits, separators and a sign: what is read as a number."""
    return len(text) <= MAX_NUMBER_TEXT and _NUMBERISH.match(text.strip()) is not None


def read_number(text: str, decimal: str | None) -> Decimal:
    """A number typed as text, read by the file's decimal mark (None: ``parse_number``'s
    rules, which refuse 4.100 and 2,365). CellError when it does not fit."""
    raw = nfc(text).strip().replace("\u2212", "-")
    if decimal is None:
        try:
            return parse_number(raw)
        except ValueParseError as exc:
            raise CellError(exc.message) from None
    thousands, mark = (".", ",") if decimal == "comma" else (",", ".")
    if _SPACED.match(raw):
        raw = re.sub(r"[ \u00a0\u202f]", "", raw)
    if _GROUPED[decimal].match(raw):
        return Decimal(raw.replace(thousands, "").replace(mark, "."))
    if not looks_numeric(raw):
        raise CellError(Msg("not a number: {text!r} (write it like 3.93, 2365 or 3,93)", text=brief(raw)))
    written = "4,1" if decimal == "comma" else "4.1"
    other = "point" if decimal == "comma" else "comma"
    raise CellError(
        Msg(
            "{text!r} does not fit the file's decimal {mark} (it is read as {example}); "
            "write it that way, or read the file with --decimal {other}",
            text=brief(raw),
            mark=decimal,
            example=written,
            other=other,
        )
    )


@lru_cache(maxsize=1024)  # a sheet says the same few words on every row
def status_of(text: str) -> str:
    """The machine word for a status as offices write it (ước, sơ bộ, chính thức), or
    the text as it was: the import refuses it in its own words."""
    return STATUS_WORDS.get(fold(text), text)


@lru_cache(maxsize=1024)
def verdict_of(text: str) -> str:
    """The machine word for a verdict as offices write it (Vượt, Đạt, Không đạt), or the
    text as it was."""
    return VERDICT_WORDS.get(fold(text), text)


def _name_key(name: str) -> str:
    """A target's name as names are matched: NFC, case and spacing forgiven."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?|[a-zđ][.)]|[ivx]+[.)]|[-–+*•])\s+")


class TargetNames:
    """Finds a target's id from its name as a sheet writes it."""

    def __init__(self, targets: Iterable[tuple[str, str]]) -> None:
        """``targets``: (id, name) pairs, a target perhaps more than once (its Vietnamese
        and English names)."""
        self._ids: dict[str, set[str]] = {}
        self._names: dict[str, str] = {}  # key -> a name as the plan writes it
        for target_id, name in targets:
            if not name:
                continue
            key = _name_key(name)
            self._ids.setdefault(key, set()).add(target_id)
            self._names.setdefault(key, nfc(name))

    def find(self, name: str) -> str:
        """The id of the one target called ``name`` (a leading "1.", "a)" or "-" forgiven
        when the name is not found as written); CellError naming the closest names when
        none or several are."""
        key = _name_key(name)
        ids = self._ids.get(key)
        if ids is None:
            ids = self._ids.get(_NUMBERING.sub("", key, count=1))
        if ids is not None and len(ids) == 1:
            return next(iter(ids))
        if ids:
            return self._ambiguous(name, ids)
        return self._unknown(name, key)

    def _ambiguous(self, name: str, ids: set[str]) -> NoReturn:
        raise CellError(
            Msg(
                "{name!r} names several targets ({found}); write the target's id",
                name=name,
                found=", ".join(sorted(ids)),
            )
        )

    def _unknown(self, name: str, key: str) -> NoReturn:
        import difflib  # only for a name not found

        near = difflib.get_close_matches(key, list(self._names), n=3, cutoff=0.5)
        shown = "; ".join(f"{self._names[k]!r} ({', '.join(sorted(self._ids[k]))})" for k in near)
        if not shown:
            raise CellError(Msg("no target named {name!r} in the plan", name=name))
        raise CellError(Msg("no target named {name!r} in the plan; closest: {found}", name=name, found=shown))
