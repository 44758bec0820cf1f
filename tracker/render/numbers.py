"""Numbers for people, without the system locale (a server often has only C and C.UTF-8).

vi: 1.234.567,89 and 3,93%; en: 1,234,567.89 and 3.93%.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from tracker.core.model import decimal_places

_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}  # (thousands, decimal)


def format_number(number: Decimal, lang: str, decimals: int | None = None) -> str:
    """Group thousands and place the decimal mark for ``lang``.

    ``decimals`` None keeps the digits the number was written with.
    """
    places = decimal_places(number) if decimals is None else decimals
    quantum = Decimal(1).scaleb(-places)
    rounded = number.quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never print "-0"
    sign = "-" if rounded < 0 else ""
    digits = f"{abs(rounded):f}"
    whole, _, fraction = digits.partition(".")
    thousands, mark = _SEPARATORS.get(lang, _SEPARATORS["en"])
    groups = []
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
    """A number for json: an int when whole, else the shortest float that reads back."""
    if number is None:
        return None
    if number == number.to_integral_value():
        return int(number)
    return float(number)


def plain_decimal(number: Decimal | None, places: int | None = None) -> str:
    """A number for csv/tsv: dot decimal, no grouping, no exponent."""
    if number is None:
        return ""
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    text = f"{number:f}"
    return "0" if text in ("-0", "0") else text
