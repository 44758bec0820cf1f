"""The fast reader of plan files returns exactly what tomllib returns, or None.

``tracker.storage.plan_toml.loads`` must never return a document tomllib would not: for
every text it either returns None (the caller then uses tomllib) or a document equal to
tomllib's, types and key order included. Plans as people write them must take the fast
path. Documents are compared by ``repr``, so 8, Decimal('8') and Decimal('8.0') differ.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SHIPPED_PLAN, SMALL_PLAN
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.storage.plan_toml import loads


def tomllib_or_none(text: str) -> dict[str, Any] | None:
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except Exception:  # TOMLDecodeError, and the int and recursion limits
        return None


def agrees(text: str) -> dict[str, Any] | None:
    """The fast reader's document, checked against tomllib's (None when it declined)."""
    fast = loads(text)
    if fast is not None:
        slow = tomllib_or_none(text)
        assert slow is not None, f"tomllib refuses what the fast reader read:\n{text!r}"
        assert repr(fast) == repr(slow), f"{text!r}\nfast: {fast!r}\ntomllib: {slow!r}"
    return fast


def test_plans_as_written_take_the_fast_path(tmp_path: Path) -> None:
    """The shipped plan, the tests' plan and a generated benchmark plan: read fast, as tomllib reads them."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--targets", "300", "--years", "3",
                    "--out", str(tmp_path), "--seed", "3"], check=True, capture_output=True)  # fmt: skip
    for text in (SHIPPED_PLAN.read_text(encoding="utf-8"), SMALL_PLAN, (tmp_path / "plan.toml").read_text("utf-8")):
        assert agrees(text) is not None
        assert agrees(text.replace("\n", "\r\n")) is not None


ACCEPTED = [
    "",
    "\n\n",
    "# comment only\n",
    'a = "x" # trailing comment\n',
    "a = 'literal \\ not an escape'\n",
    "a = 1\nb = -0\nc = +7\nd = 0.5\ne = -1.25e-3\nf = 1E6\ng = true\nh = false\n",
    "a = 123456789012345678\n",  # the longest integer read fast
    "a = [1, 2.5, -3]\nb = []\nc = [ 1 , 2 , ]\nd = ['x', \"y\", true]\n",
    "a = { at_least = 8 }\nb = {}\nc = { between = [9, 10], better = 'lower' }\n",
    "a = { x = [ ] }\n",
    '[plan]\ntitle = "T"\n[[target]]\nid = "a"\nplan.2025 = { at_least = 1 }\nplan.2024 = { at_most = 2 }\n'
    '[[target]]\nid = "b"\n',
    ' [ plan ] # comment\n  [[ target ]]  \n\tid = "a"\n',
    '["plan"]\n[[\'target\']]\n"id" = "a"\nplan."2025" = { point = 1, better = "none" }\n',
    "[[target]]\nplan . 2025 = { at_least = 1 }\n",
    '[plan]\n[[reported]]\nperiod = "2024"\nmet = 39\ndate = 2024-12-20\n[[target]]\nid = "a"\n[[reported]]\nmet = 1\n',
    'a = "tab\there"\n',
    "a = 1",  # no final line break
    "a = 1\r\nb = 2\r\n",
    # values read by tomllib alone, on their line
    'a = "escaped \\" quote \\u00e9"\n',
    "a = 2025-06-30\nb = 1_000\nc = 0x1F\nd = inf\ne = nan\nf = 1979-05-27T07:32:00Z\n",
    "a = \"\"\"one line\"\"\"\nb = '''also'''\n",
    "a = { nested = { b = 1 } }\nb = [[1, 2], [3]]\nc = { 'quoted' = 1, d.e = 2 }\n",
    "a = 12345678901234567890\n",
    # an amended plan value: an inline array of inline tables with dates, on one line (read
    # by the fast reader itself), and the other shapes of dates and arrays it hands on
    "a = { from = 2025-02-20T10:00:00, b = 1979-05-27 07:32:00 }\n",
    "a = { b = [{ c = 1 }, 2] }\n",
    "a = { b = [{ c = [{ d = 2025-01-01 }] }] }\n",
    "a = { b = [ { c = 1 } , { c = 2 } ] , d = 1 }\n",
    "a = { b = [{ c = 1 }, ] }\n",  # a trailing comma, which an array may have
    'plan.2025 = { at_least = 8, amended = [{ from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" }] }\n',
    'plan.2025 = { about = 4.0, amended = [{ from = 2025-09-01, between = [6, 7], source = "B" }, '
    '{ from = 2025-02-20, about = 7.50, source = "A" }] }\n',
]

DECLINED = [
    'a = "x"\na = "y"\n',  # a key twice
    "a = 1\na.b = 2\n",  # a value extended by a dotted key
    "a = { b = 1 }\na.c = 2\n",  # an inline table extended
    "plan.x = 1\n[plan]\n",  # a table made by dotted keys, then given a header
    "[plan]\n[plan]\n",
    "target = 1\n[[target]]\n",
    "target = [{ a = 1 }]\n[[target]]\n",  # a static array, then an array of tables
    "[[target]]\n[target]\n",
    "reported = 1\n[[reported]]\n",
    "[[reported]]\n[reported]\n",
    "[[reported.x]]\n",
    "[other]\n",
    "[[target]\n",
    "[target.plan]\n",
    'a = """\nmulti-line\n"""\n',
    "a = [\n  1,\n]\n",
    'plan.2025 = { at_least = 8, amended = [\n{ from = 2025-02-20, at_least = 7.5, source = "NQ" }] }\n',
    "a = 1 b = 2\n",
    "a = \n",
    "= 1\n",
    "a = 1\rb = 2\n",  # a lone carriage return
    "a = 1\r",
    'a = "bell \x07"\n',
    "a = 1 # bell \x07\n",
    "a = 0123\n",
    "a = 1.\n",
    "a = .5\n",
    "a = [,]\n",
    "a = { b = 1, }\n",  # TOML has no trailing comma in an inline table
    "a = { b = 1, b = 2 }\n",
    "a = { b = 1\n",
    "a = truee\n",
    'a = "unterminated\n',
    "a = '''unterminated\n",
    "\ufeffa = 1\n",  # a byte-order mark inside the text (tracker strips the file's first)
    "a = 1\u00a0\n",  # no-break space is not TOML whitespace
    "a = " + "9" * 5000 + "\n",  # over Python's limit on an int's digits
    "a = " + "[" * 2000 + "]" * 2000 + "\n",  # deeper than tomllib recurses
    "a = { from = 2025-02-30 }\n",  # not a day: tomllib words it
    "a = { from = 2025-02-20, from = 2025-02-21 }\n",
    "a = { b = [{ c = 1 }], b = [{ c = 2 }] }\n",
    "a = { b = [{ c = 1 }] x }\n",
    "a = { b = [{ c = 1 } { c = 2 }] }\n",
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_shapes_read_as_tomllib_reads_them(text: str) -> None:
    assert agrees(text) is not None


@pytest.mark.parametrize("text", DECLINED)
def test_shapes_left_to_tomllib(text: str) -> None:
    assert agrees(text) is None


# ---------------------------------------------------------------- generated documents

_bare = st.text("abcAZ09_-", min_size=1, max_size=4)
_chars = st.characters(
    codec="utf-8", blacklist_categories=["Cs"]
)  # a list: hypothesis types it as a collection of literals
_text = st.text(st.one_of(_chars, st.sampled_from("\"'\\#=[]{}.,\t\r\n\x00\x7f ")), max_size=6)
_key_part = st.one_of(_bare, _text.map(lambda t: '"' + t + '"'), _text.map(lambda t: "'" + t + "'"))
_key = st.lists(_key_part, min_size=1, max_size=3).flatmap(
    lambda parts: st.sampled_from([".", " . ", "."]).map(lambda dot: dot.join(parts))
)
_number = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.decimals(allow_nan=False, allow_infinity=False, places=3).map(str),
    st.sampled_from(["0", "-0", "+1", "1e5", "1.5E-3", "00", "1.", ".5", "1_000", "0x10", "inf", "-nan", "1979-05-27"]),
)
_scalar = st.one_of(
    _number,
    st.sampled_from(["true", "false", "True", "yes"]),
    _text.map(lambda t: '"' + t + '"'),
    _text.map(lambda t: "'" + t + "'"),
)
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3).flatmap(
            lambda xs: st.sampled_from(["", ","]).map(lambda c: "[" + ", ".join(xs) + c + "]")
        ),
        st.lists(st.tuples(_key, inner), max_size=3).map(
            lambda kv: "{ " + ", ".join(f"{k} = {v}" for k, v in kv) + " }"
        ),
    ),
    max_leaves=5,
)
_line = st.one_of(
    st.tuples(_key, _value, st.sampled_from(["", " # c", "\t#", " x"])).map(lambda t: f"{t[0]} = {t[1]}{t[2]}"),
    st.sampled_from(
        [
            "",
            "# comment",
            "[plan]",
            "[[target]]",
            " [[ target ]] ",
            "[target]",
            "[other]",
            "[[plan]]",
            "[[reported]]",
            "[reported]",
        ]
    ),
    _text,
)
_document = st.lists(_line, max_size=12).flatmap(
    lambda lines: st.sampled_from(["\n", "\r\n", "\r"]).map(lambda end: end.join(lines))
)


@settings(max_examples=600, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_document)
def test_any_document_is_read_as_tomllib_reads_it_or_declined(text: str) -> None:
    agrees(text)


# Lines plan files are made of: the fast reader must read each of these, not decline them.
_plan_key = st.sampled_from(["id", "name", "group", "unit", "owner", "note", "accumulates"])
_plain_text = st.text(st.characters(codec="utf-8", blacklist_categories=("Cs", "Cc")).filter(lambda c: c not in '"\\'),
                      max_size=12)  # fmt: skip
_plain_number = st.one_of(st.integers(-(10**17), 10**17).map(str),
                          st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str))  # fmt: skip
_plan_line = st.one_of(
    st.tuples(_plan_key, _plain_text).map(lambda t: f'{t[0]} = "{t[1]}"'),
    st.tuples(st.integers(2000, 2100), st.sampled_from(["at_least", "at_most", "point", "about"]), _plain_number).map(
        lambda t: f"plan.{t[0]} = {{ {t[1]} = {t[2]} }}"
    ),
    st.tuples(st.integers(2000, 2100), _plain_number, _plain_number).map(
        lambda t: f'plan.{t[0]}-Q1 = {{ between = [{t[1]}, {t[2]}], note = "x" }}'
    ),
)


@settings(max_examples=300, deadline=None, database=None)
@given(targets=st.lists(st.lists(_plan_line, max_size=8, unique_by=lambda line: line.split("=")[0]), max_size=5))
def test_plan_shaped_documents_take_the_fast_path(targets: list[list[str]]) -> None:
    text = '[plan]\ntitle = "T"\n' + "".join("\n[[target]]\n" + "\n".join(lines) + "\n" for lines in targets)
    assert agrees(text) is not None, text
