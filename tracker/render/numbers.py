"""Numbers for people, without the system locale (a server often has only C and C.UTF-8).

vi: 1.234.567,89 and 3,93%; en: 1,234,567.89 and 3.93%.

Every function here is total over any finite Decimal, however large, small or long: a
number that would take more than PLAIN_DIGITS digits written out in full (only a log
written by an older version can hold such a figure, or a computation can make one) is
written in scientific notation instead, so no output is ever huge or slow to make.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, getcontext, localcontext

from tracker.core.model import decimal_places

_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimal)
PLAIN_DIGITS = 40  # digits a number written out in full may take; beyond, 1.5e+40
SCIENTIFIC_DIGITS = 15  # significant digits of a number in scientific notation


def _too_wide(number: Decimal, places: int) -> bool:
    """More than PLAIN_DIGITS digits written out in full with ``places`` decimals."""
    whole = number.adjusted() + 1 if not number.is_zero() and number.adjusted() > 0 else 1
    return whole + places > PLAIN_DIGITS


def _rounded(number: Decimal, places: int) -> Decimal:
    """``number`` rounded half up to ``places`` decimals, with the precision that takes
    (the usual 28 digits are too few for 18 digits before the point and 11 after)."""
    quantum, digits = Decimal(1).scaleb(-places), max(number.adjusted(), 0) + places + 2
    if digits <= getcontext().prec:  # the usual case: no context to set up
        return number.quantize(quantum, rounding=ROUND_HALF_UP)
    with localcontext() as exact:
        exact.prec = digits
        return number.quantize(quantum, rounding=ROUND_HALF_UP)


def _scientific(number: Decimal, mark: str) -> str:
    """1.5e+40, -2e-15: at most SCIENTIFIC_DIGITS significant digits, ``mark`` as decimal mark."""
    mantissa, _, exponent = f"{number:.{SCIENTIFIC_DIGITS - 1}e}".partition("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa.replace('.', mark)}e{exponent}"


def format_number(number: Decimal, lang: str, decimals: int | None = None) -> str:
    """Group thousands and place the decimal mark for ``lang``.

    ``decimals`` None keeps the digits the number was written with.
    """
    thousands, mark = _SEPARATORS.get(lang, _SEPARATORS["en"])
    if not number.is_finite():
        return ""
    places = decimal_places(number) if decimals is None else decimals
    if _too_wide(number, places):
        return _scientific(number, mark)
    rounded = _rounded(number, places)
    if rounded == 0:
        rounded = rounded.copy_abs()  # never print "-0"
    sign = "-" if rounded < 0 else ""
    digits = f"{rounded.copy_abs():f}"  # copy_abs, not abs(): no rounding to 28 digits
    whole, _, fraction = digits.partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = thousands.join(groups)
    return f"{sign}{text}{mark}{fraction}" if fraction else f"{sign}{text}"


def format_signed(number: Decimal, lang: str, decimals: int | None = None) -> str:
    """A change with its sign: +7,7 or -0,5."""
    text = format_number(number, lang, decimals)
    return text if text.startswith("-") or text == format_number(Decimal(0), lang, decimals) else "+" + text


def format_date(day: date, lang: str) -> str:
    """A date for people: 30/06/2025 in Vietnamese, 2025-06-30 in English."""
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def raw(number: Decimal | None) -> int | float | None:
    """A number for json: an int when whole, else the shortest float that reads back.

    A number too long to write out in full is a float; one beyond what a float holds
    (only an older version's log can have one) is null rather than an invalid Infinity.
    """
    if number is None or not number.is_finite():
        return None
    if not _too_wide(number, 0) and number == number.to_integral_value():
        return int(number)
    value = float(number)
    return value if math.isfinite(value) and (value != 0 or number.is_zero()) else None


def plain_decimal(number: Decimal | None, places: int | None = None) -> str:
    """A number for csv/tsv: dot decimal, no grouping, no exponent (but for a number too
    long to write out in full: 1e+999999999)."""
    if number is None or not number.is_finite():
        return ""
    if places is not None:
        if _too_wide(number, places):
            return _scientific(number, ".")
        number = _rounded(number, places)
    elif not -PLAIN_DIGITS < number.adjusted() < PLAIN_DIGITS:
        return _scientific(number, ".")
    text = f"{number:f}"
    if len(text) > PLAIN_DIGITS + 2:  # a long run of digits (only an older version's log)
        return _scientific(number, ".")
    return "0" if text in ("-0", "0") else text
