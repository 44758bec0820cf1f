"""Reading figures typed by people: plain numbers, Vietnamese-formatted numbers, yes/no.

A parser of figures must never guess (DOMAIN.md section 5): "2,365" may be 2.365 written
the Vietnamese way or 2365 written the English way, so it is refused with a hint.

It is also where the one rule on what a number may be lives (``figure_problem``): every
door a number comes in by (``record``, ``import``, the plan file, ``check`` on the log)
asks it.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from tracker.messages import Msg, Text

_PLAIN = re.compile(r"^[+-]?\d+(\.\d+)?$")
# 2.365 is two point three six five to a program and two thousand three hundred and
# sixty-five to a Vietnamese reader: refused, like 2,365.
_DOT_THOUSANDS = re.compile(r"^[+-]?[1-9]\d{0,2}\.\d{3}$")
# 1.234.567 or 1.234.567,89 or 1.234,5: dots group thousands, a comma marks decimals
_VI_GROUPED = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_VI_DECIMAL = re.compile(r"^[+-]?\d+,\d+$")
_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
# What a number is written with: a longer run of these is refused before it is converted.
_NUMBER_CHARACTERS = re.compile(r"[\d.,+\-\u2212eE]+")

# What a figure or a plan value may be. Real plans are far inside these bounds (4,100,000
# tỷ đồng; a rate of 0.0001), and 15 significant digits is what a spreadsheet or a JSON
# reader (a double) keeps exactly, so every figure leaves csv and json whole. Bounds also
# keep every number short to write and cheap to compute with: a figure of 10^999999999
# would be a billion digits in the log.
MAX_DIGITS = 15  # significant digits, leading and trailing zeros aside
MAX_WHOLE_DIGITS = 18  # digits before the decimal point: less than 10^18 in size
MAX_DECIMALS = 10  # digits after the decimal point, as written
# Characters in a number as typed or found in a file: longer text is refused before it is
# converted (a 10 MB run of digits must cost nothing).
MAX_NUMBER_TEXT = 100

_YES = {"yes", "y", "true", "1", "có", "đạt", "done", "achieved", "x"}
_NO = {"no", "n", "false", "0", "không", "chưa đạt", "chưa", "not achieved"}


class ValueParseError(ValueError):
    """A figure that cannot be read; the message says how to write it."""

    def __init__(self, message: Msg) -> None:
        super().__init__(str(message))
        self.message = message


def nfc(text: str) -> str:
    """Text as stored and compared: Unicode NFC."""
    return unicodedata.normalize("NFC", text)


def brief(text: str, limit: int = 40) -> str:
    """``text`` as a message may quote it: a long one cut to its first ``limit``
    characters and "…" (a message never echoes 10 MB back)."""
    return text if len(text) <= limit else text[:limit] + "…"


def figure_problem(number: Decimal) -> Msg | None:
    """Why ``number`` may not be a figure or a plan value, or None when it may: the one
    rule (MAX_DIGITS, MAX_WHOLE_DIGITS, MAX_DECIMALS), cheapest test first."""
    if not number.is_finite():
        return Msg("not a finite number: {text!r}", text=brief(str(number)))
    if not number.is_zero() and number.adjusted() >= MAX_WHOLE_DIGITS:
        return Msg(
            "{number} is too large: a number has at most {limit} digits before the decimal point",
            number=brief(str(number)),
            limit=MAX_WHOLE_DIGITS,
        )
    _, digits, exponent = number.as_tuple()
    assert isinstance(exponent, int)  # finite
    if -exponent > MAX_DECIMALS:
        return Msg(
            "{number} has {count} decimal places: a number has at most {limit}",
            number=brief(str(number)),
            count=-exponent,
            limit=MAX_DECIMALS,
        )
    significant = len(bytes(digits).rstrip(b"\0"))  # trailing zeros say nothing (4100000: 2)
    if significant > MAX_DIGITS:
        return Msg(
            "{number} has {count} significant digits: a number has at most {limit}",
            number=brief(str(number)),
            count=significant,
            limit=MAX_DIGITS,
        )
    return None


def is_figure(number: Decimal) -> bool:
    """``number`` keeps the rule of ``figure_problem``."""
    if number.is_finite():
        text = str(number)
        # The common case, quickly: at most 12 characters and no exponent is at most 12
        # digits, at most 10 of them after the point ("0." comes first).
        if len(text) <= 12 and "E" not in text:
            return True
    return figure_problem(number) is None


def parse_number(text: str) -> Decimal:
    """Read a number: plain (3.93, 2365, -2.77) or Vietnamese (3,93; 1.234,5; 1.234.567).

    A comma or a dot followed by exactly three digits and nothing else ("2,365", "2.365")
    is refused as ambiguous: never guess between a decimal and a thousands separator.
    A run of digits (and separators) longer than MAX_NUMBER_TEXT is refused before it is
    converted.
    """
    # (Other long text is "not a number", and says so.)
    typed = text.strip() if len(text) > MAX_NUMBER_TEXT else text
    if len(typed) > MAX_NUMBER_TEXT and _NUMBER_CHARACTERS.fullmatch(typed):
        raise ValueParseError(
            Msg("too long for a number: {text!r} (at most {limit} characters)", text=brief(typed),
                limit=MAX_NUMBER_TEXT)
        )  # fmt: skip
    raw = nfc(text).strip().replace("\u2212", "-")  # a typographic minus sign
    if not raw:
        raise ValueParseError(Msg("empty value: write a number such as 3.93"))
    if _DOT_THOUSANDS.match(raw):
        whole = raw.replace(".", "")
        raise ValueParseError(
            Msg(
                "ambiguous number {text!r}: a dot may be a decimal point or a thousands separator; "
                "write {whole} for the whole number, or {decimal} for the decimal one",
                text=text.strip(),
                whole=whole,
                decimal=raw + "0",
            )
        )
    if _PLAIN.match(raw):
        return Decimal(raw)
    if _VI_GROUPED.match(raw):
        return Decimal(raw.replace(".", "").replace(",", "."))
    if _VI_DECIMAL.match(raw) and not _COMMA_THOUSANDS.match(raw):
        return Decimal(raw.replace(",", "."))
    if _COMMA_THOUSANDS.match(raw):
        plain_en = raw.replace(",", "")
        # the decimal reading spelled so that it is not ambiguous any more: 2,365 -> 2,3650
        plain_vi = raw + "0" if raw.count(",") == 1 and "." not in raw else None
        hint: Text = (
            Msg("write {first} or {second}", first=plain_en, second=plain_vi)
            if plain_vi
            else Msg("write {first}", first=plain_en)
        )
        raise ValueParseError(
            Msg(
                "ambiguous number {text!r}: a comma may be a decimal or a thousands separator; {hint}",
                text=text.strip(),
                hint=hint,
            )
        )
    try:
        number = Decimal(raw)
    except InvalidOperation:
        number = None
    if number is not None and not number.is_finite():
        raise ValueParseError(Msg("not a finite number: {text!r}", text=brief(text.strip())))
    raise ValueParseError(Msg("not a number: {text!r} (write it like 3.93, 2365 or 3,93)", text=brief(text.strip())))


def parse_yes_no(text: str) -> bool:
    """Read a milestone: yes/no, true/false, có/không, đạt/chưa đạt."""
    word = " ".join(nfc(text).strip().casefold().split())
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueParseError(
        Msg("not yes or no: {text!r} (write yes/no, có/không or đạt/chưa đạt)", text=brief(text.strip()))
    )


# A range as typed: "61-62", "61 - 62", "61–62" (en dash), "61..62", "1.234,5-1.300".
# A negative low end needs "..": "-3..-2" (in "-3-2" the dash is ambiguous). Each end is
# then read by parse_number, so its refusals ("2,365" is ambiguous) still apply.
_RANGE_DOTS = re.compile(r"^([+-]?[\d.,]+?)\s*\.\.\s*([+-]?[\d.,]+)$")
# "-3-2": a negative low end joined by a dash, refused with the spelling that is not a guess.
_NEGATIVE_DASH = re.compile(r"^-[\d.,]+\s*[-\u2013]\s*-?[\d.,]+$")
_RANGE_DASH = re.compile(r"^([+]?[\d.,]+)\s*[-\u2013]\s*([+]?[\d.,]+)$")
# A word figure ("Xuất siêu") is at most this many characters.
MAX_WORD = 200


def range_ends(text: str) -> tuple[str, str] | None:
    """The two ends of ``text`` as written when it is written as a range (two ends joined
    by "-", "–" or ".."), else None."""
    raw = nfc(text).strip().replace("\u2212", "-")
    if len(raw) > 2 * MAX_NUMBER_TEXT + 10:
        return None
    found = _RANGE_DOTS.match(raw) or _RANGE_DASH.match(raw)
    return (found[1].strip(), found[2].strip()) if found else None


def parse_range(text: str) -> tuple[Decimal, Decimal] | None:
    """The two ends of a range as typed, or None when ``text`` is not written as a range.

    Each end is read by ``parse_number`` and must keep ``figure_problem``'s rule; the low
    end must be below the high end. Raises ValueParseError for a range that is wrong."""
    ends = range_ends(text)
    if ends is None:
        if _NEGATIVE_DASH.match(nfc(text).strip().replace("\u2212", "-")):
            first, _, second = text.strip()[1:].replace("\u2013", "-").partition("-")
            raise ValueParseError(
                Msg(
                    "range {text!r}: write a range with a negative low end with two dots: -{low}..{high}",
                    text=brief(text.strip()),
                    low=brief(first.strip()),
                    high=brief(second.strip()),
                )
            )
        return None
    low, high = _range_end(*ends), _range_end(ends[1], ends[0])
    for end in (low, high):
        wrong = figure_problem(end)
        if wrong is not None:
            raise ValueParseError(wrong)
    if not low < high:
        raise ValueParseError(range_order_problem(brief(text.strip()), low, high))
    return low, high


def range_order_problem(text: str, low: Decimal, high: Decimal) -> Msg:
    """Why a range whose ends are not low then high is refused, with a spelling that is
    read: the ends turned round (with ".." when the low end is negative, as "-3-2" is
    refused), or one number when both ends are the same ("8-8" is the figure 8)."""
    if low == high:
        return Msg("range {text!r}: both ends are {value}: write the figure as one number, {value}", text=text,
                   value=low)  # fmt: skip
    low, high = min(low, high), max(low, high)
    return Msg(
        "range {text!r}: the low end must come first and be below the high end (write {spelling})",
        text=text,
        spelling=f"{low}..{high}" if low < 0 else f"{low}-{high}",
    )


# A range as tracker writes it in history's csv and json ("1234.5..1300", dot decimals):
# read exactly by import, as tracker's own numbers are, never by the rules for people.
_WRITTEN_RANGE = re.compile(r"^([+-]?\d{1,30}(?:\.\d{1,30})?)\.\.([+-]?\d{1,30}(?:\.\d{1,30})?)$")


def written_range(text: str) -> tuple[Decimal, Decimal] | None:
    """The ends of a range tracker wrote ("2.365..3": two point three six five), else None."""
    found = _WRITTEN_RANGE.match(text)
    return (Decimal(found[1]), Decimal(found[2])) if found else None


def _range_end(end: str, other: str) -> Decimal:
    """One end of a range. "1.300" alone is ambiguous, but beside "1.234,5" (dots grouping
    thousands, a decimal comma) the writer's convention is shown, so it is 1300: the other
    end decides, never a guess. Otherwise ``parse_number``'s rules."""
    end, other = end.strip(), other.strip()
    if _DOT_THOUSANDS.match(end) and (_VI_DECIMAL.match(other) or (_VI_GROUPED.match(other) and "," in other)):
        return Decimal(end.replace(".", ""))
    return parse_number(end)


def has_letter(text: str) -> bool:
    """``text`` holds a letter and is no number to a program ("1e5", "NaN"): what tells a
    word figure ("Xuất siêu") from a mistyped number ("61--62", "1e5"), refused as one."""
    if not any(ch.isalpha() for ch in text):
        return False
    try:
        Decimal(text.strip())
    except InvalidOperation:
        return True
    return False


def word_problem(text: str) -> Msg | None:
    """Why ``text`` may not be a word figure ("Xuất siêu"), or None when it may: it is not
    empty, at most MAX_WORD characters and on one line."""
    word = nfc(text).strip()
    if not word:
        return Msg("empty value: write a number such as 3.93")
    if len(word) > MAX_WORD:
        return Msg("a word figure has at most {limit} characters", limit=MAX_WORD)
    if any(ch < " " or ch == "\x7f" for ch in word):
        return Msg("a word figure is one line of text")
    return None
