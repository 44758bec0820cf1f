"""Unit tests of reading figures typed by people: numbers and yes/no."""

from __future__ import annotations

import unicodedata
from decimal import Decimal

import pytest

from tracker.core.values import ValueParseError, parse_number, parse_yes_no


@pytest.mark.parametrize(
    ("text", "expected"),
    [("3.93", "3.93"), ("2365", "2365"), ("-2.77", "-2.77"), ("+5", "5"), ("0", "0"), (" 41.85 ", "41.85")],
)
def test_plain_numbers(text: str, expected: str) -> None:
    """Plain numbers with a dot as decimal point are read exactly."""
    result = parse_number(text)
    assert isinstance(result, Decimal)
    assert result == Decimal(expected)


def test_plain_number_keeps_written_precision() -> None:
    """ "99.80" keeps its two decimal places."""
    assert str(parse_number("99.80")) == "99.80"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,93", "3.93"),
        ("-2,77", "-2.77"),
        ("1.234,5", "1234.5"),
        ("1.234.567", "1234567"),
        ("1.234.567,89", "1234567.89"),
        ("2.540,17", "2540.17"),
        ("12,3456", "12.3456"),
    ],
)
def test_vietnamese_numbers(text: str, expected: str) -> None:
    """Vietnamese numbers (decimal comma, thousands dots) are read exactly."""
    assert parse_number(text) == Decimal(expected)


def test_typographic_minus() -> None:
    """A typographic minus sign (U+2212) is read as a minus."""
    assert parse_number("\u22122,77") == Decimal("-2.77")


def test_ambiguous_comma_three_digits_refused_with_hint() -> None:
    """ "2,365" is ambiguous (2.365 or 2365): refused, and the message shows both spellings."""
    with pytest.raises(ValueParseError) as info:
        parse_number("2,365")
    message = str(info.value)
    assert "ambiguous" in message
    assert "'2,365'" in message
    assert "write 2365 or 2,3650" in message


def test_english_thousands_refused_with_hint() -> None:
    """ "1,234,567" is refused and the message says to write 1234567."""
    with pytest.raises(ValueParseError) as info:
        parse_number("1,234,567")
    message = str(info.value)
    assert "ambiguous" in message
    assert "write 1234567" in message


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "Infinity"])
def test_non_finite_refused(text: str) -> None:
    """NaN and infinities are refused as not finite."""
    with pytest.raises(ValueParseError, match="not a finite number"):
        parse_number(text)


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_refused(text: str) -> None:
    """An empty value is refused with an example of a number."""
    with pytest.raises(ValueParseError, match=r"empty value: write a number such as 3\.93"):
        parse_number(text)


@pytest.mark.parametrize("text", ["abc", "3.93%", "1 234", "1,2,3", "1.2.3"])
def test_not_a_number_refused(text: str) -> None:
    """Text that is not a number is refused and the message shows how to write one."""
    with pytest.raises(ValueParseError) as info:
        parse_number(text)
    assert "3.93" in str(info.value)


def test_value_parse_error_is_a_value_error() -> None:
    """ValueParseError is a ValueError."""
    assert issubclass(ValueParseError, ValueError)


@pytest.mark.parametrize(
    "text",
    ["yes", "YES", "Yes", "true", "TRUE", "có", "CÓ", "Có", "đạt", "ĐẠT", "Đạt", " yes "],
)
def test_yes_words(text: str) -> None:
    """yes, true, có and đạt (any case) read as True."""
    assert parse_yes_no(text) is True


@pytest.mark.parametrize(
    "text",
    ["no", "NO", "No", "false", "False", "không", "KHÔNG", "Không", "chưa đạt", "Chưa Đạt", "CHƯA  ĐẠT"],
)
def test_no_words(text: str) -> None:
    """no, false, không and chưa đạt (any case) read as False."""
    assert parse_yes_no(text) is False


@pytest.mark.parametrize(("text", "expected"), [("có", True), ("đạt", True), ("không", False), ("chưa đạt", False)])
def test_yes_no_decomposed_unicode(text: str, expected: bool) -> None:
    """Vietnamese words typed in decomposed form (NFD) are read like their NFC form."""
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert parse_yes_no(nfd) is expected
    assert parse_yes_no(nfd.upper()) is expected


@pytest.mark.parametrize("text", ["maybe", "", "đạt một phần", "2"])
def test_yes_no_refuses_other_words(text: str) -> None:
    """Anything else is refused with a hint listing the accepted words."""
    with pytest.raises(ValueParseError, match="yes/no, có/không or đạt/chưa đạt"):
        parse_yes_no(text)


@pytest.mark.parametrize("text", ["2.365", "12.345", "-1.125", "999.000"])
def test_dot_followed_by_three_digits_is_ambiguous(text: str) -> None:
    """ "2.365" may be 2365 (Vietnamese) or 2.365 (a program): refused, never guessed."""
    with pytest.raises(ValueParseError) as info:
        parse_number(text)
    assert "ambiguous" in str(info.value) and text.lstrip("-").replace(".", "") in str(info.value)


@pytest.mark.parametrize(("text", "value"), [("0.125", "0.125"), ("2.3650", "2.3650"), ("1.234.567", "1234567")])
def test_unambiguous_dots_are_read(text: str, value: str) -> None:
    """A leading zero, a fourth decimal or several groups leave no doubt."""
    assert parse_number(text) == Decimal(value)
