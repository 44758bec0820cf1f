"""Every number renderer is total over any finite Decimal: no exception, no hang, no giant
string. An older version's log can hold 10^999999999 or a million digits; a computation
can make a % of plan of 10^30."""

from __future__ import annotations

import json
import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.render.charts import Bar, history_chart, sparkline
from tracker.render.numbers import format_number, format_signed, plain_decimal, raw
from tracker.render.table import bar
from tracker.render.views.fields import rounded

EXTREMES = [
    "1E+999999999", "-1E+999999999", "1E-999999999", "-1E-999999999", "1E+999999999999999999",
    "12345678901234567890123456789", "0.30000000000000000000000000004", "1E+30", "9.99999999999999999999E+39",
    "1" * 1_000_000, "0." + "1" * 1_000_000, "0E+999999999", "0E-999999999", "-0E-50",
]  # fmt: skip


@pytest.mark.parametrize("text", EXTREMES, ids=[t[:24] for t in EXTREMES])
def test_number_text_is_short_and_quick_for_any_finite_decimal(text: str) -> None:
    """People's, csv's and json's number text stay short, whatever the number."""
    number = Decimal(text)
    started = time.perf_counter()
    for lang in ("vi", "en"):
        for decimals in (None, 0, 1, 4):
            assert len(format_number(number, lang, decimals)) < 80
            assert len(format_signed(number, lang, decimals)) < 80
    for places in (None, 0, 4):
        assert len(plain_decimal(number, places)) < 60
    value = raw(number)
    assert len(json.dumps(value, allow_nan=False)) < 60  # never Infinity: that is not JSON
    four_places = rounded(number)
    assert four_places is None or len(plain_decimal(four_places)) < 60
    assert time.perf_counter() - started < 1


@pytest.mark.parametrize(
    ("text", "vi", "en", "csv", "json_value"),
    [
        ("1E+999999999", "1e+999999999", "1e+999999999", "1e+999999999", None),
        ("-1.5E+40", "-1,5e+40", "-1.5e+40", "-1.5e+40", -1.5e40),
        ("1E-999999999", "1e-999999999", "1e-999999999", "1e-999999999", None),
        ("12345678901234567890123456789", "12.345.678.901.234.567.890.123.456.789",
         "12,345,678,901,234,567,890,123,456,789", "12345678901234567890123456789", 12345678901234567890123456789),
        ("0.30000000000000000000000000004", "0,30000000000000000000000000004", "0.30000000000000000000000000004",
         "0.30000000000000000000000000004", 0.3),
        ("4100000", "4.100.000", "4,100,000", "4100000", 4100000),
        ("-0.0000000001", "-0,0000000001", "-0.0000000001", "-0.0000000001", -1e-10),
    ],
)  # fmt: skip
def test_what_each_number_reads(text: str, vi: str, en: str, csv: str, json_value: object) -> None:
    """Written out in full up to 40 digits, scientific beyond; json null past a double."""
    number = Decimal(text)
    assert format_number(number, "vi") == vi
    assert format_number(number, "en") == en
    assert plain_decimal(number) == csv
    assert raw(number) == json_value


def test_rounding_never_runs_out_of_digits() -> None:
    """18 digits before the point and 11 after is more than Decimal's 28: still exact."""
    assert format_number(Decimal("999999999999999000"), "en", 11) == "999,999,999,999,999,000.00000000000"
    assert plain_decimal(Decimal("123456789012345678.5"), 11) == "123456789012345678.50000000000"
    assert rounded(Decimal("1.23456789012345678901234567E+30")) == Decimal("1.23456789012345678901234567E+30")
    assert format_number(Decimal("1E+30"), "en", 1) == "1,000,000,000,000,000,000,000,000,000,000.0"


@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_any_finite_decimal_renders(number: Decimal) -> None:
    """No finite Decimal makes a renderer raise."""
    format_number(number, "vi")
    format_number(number, "en", 1)
    plain_decimal(number)
    plain_decimal(number, 4)
    json.dumps(raw(number), allow_nan=False)
    rounded(number)


def test_charts_take_figures_of_any_size() -> None:
    """The trend mark leaves out what it cannot scale; the history chart draws the rest."""
    huge, small = Decimal("1E+999999999"), Decimal(8)
    assert sparkline([small, huge, small]) == ""
    assert sparkline([Decimal(1), Decimal(2), Decimal(3)]) == "▁▅█"
    lines = history_chart(
        [Bar("2024", small, Decimal(3000), "8", "≥ 3000"), Bar("2025", huge, Decimal(3000), "1e+999999999", "≥ 3000")]
    )
    assert len(lines) == 2 and all(len(line) < 120 for line in lines)
    assert bar(float("inf")) == "████████+" and bar(float("-inf")) == "········ "
