"""One plan value of the plan file (tracker.storage.plan_values): each shape read, and each
wrong value refused on its line with its own message."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.core.model import Amendment, Better, PlanValue, Shape
from tracker.errors import DataError
from tracker.storage.plan_file import load_plan

HEADER = '[plan]\ntitle = "T"\nlanguage = "en"\n\n[[target]]\nid = "a"\nname = "A"\ngroup = "G"\n'
LINE = HEADER.count("\n") + 1  # the line the plan value is written on


def value_of(tmp_path: Path, spec: str) -> PlanValue:
    path = tmp_path / "plan.toml"
    path.write_text(f"{HEADER}plan.2025 = {spec}\n", encoding="utf-8")
    target = load_plan(path).target("a")
    assert target is not None
    return target.plans["2025"]


def problems_of(tmp_path: Path, spec: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        value_of(tmp_path, spec)
    return [str(line) for line in caught.value.lines]


D = Decimal
ALL_SHAPES = "point, at_least, above, at_most, below, between, about, milestone"


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ('{ point = 65, better = "lower" }', PlanValue(Shape.POINT, value=D(65), better=Better.LOWER)),
        ("{ at_least = 8 }", PlanValue(Shape.AT_LEAST, value=D(8))),
        ("{ above = 5 }", PlanValue(Shape.AT_LEAST, value=D(5), strict=True)),
        ("{ at_most = 4 }", PlanValue(Shape.AT_MOST, value=D(4), better=Better.LOWER)),
        ("{ below = 4 }", PlanValue(Shape.AT_MOST, value=D(4), strict=True, better=Better.LOWER)),
        ("{ between = [9, 10.5] }", PlanValue(Shape.RANGE, low=D(9), high=D("10.5"))),
        ('{ between = [2, 3], better = "lower" }', PlanValue(Shape.RANGE, low=D(2), high=D(3), better=Better.LOWER)),
        ("{ about = 4, tolerance = 0.5 }", PlanValue(Shape.ABOUT, value=D(4), tolerance=D("0.5"))),
        (
            '{ about = 4, tolerance = 0, better = "none" }',
            PlanValue(Shape.ABOUT, value=D(4), tolerance=D(0), better=Better.NONE),
        ),
        ("{ milestone = true }", PlanValue(Shape.MILESTONE)),
        (
            '{ at_least = 8, illustrative = true, note = "ước", baseline = 6.5 }',
            PlanValue(Shape.AT_LEAST, value=D(8), illustrative=True, note="ước", baseline=D("6.5")),
        ),
        # a tolerance is refused only beside one number
        ("{ milestone = true, tolerance = 1 }", PlanValue(Shape.MILESTONE)),
    ],
)
def test_each_shape_is_read(tmp_path: Path, spec: str, expected: PlanValue) -> None:
    """Each shape key gives its PlanValue: bound, strictness, direction, tolerance, the rest."""
    assert value_of(tmp_path, spec) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("8", "write the plan value as a table, e.g. { at_least = 8 }"),
        (
            "{ at_least = 1e20 }",
            "'at_least': 1E+20 is too large: a number has at most 18 digits before the decimal point",
        ),
        ("{ between = [1, 0.00000000001] }", "'between': 1E-11 has 11 decimal places: a number has at most 10"),
        (
            "{ about = 5, tolerance = 1234567.123456789 }",
            "'tolerance': 1234567.123456789 has 16 significant digits: a number has at most 15",
        ),
        ("{ note = 'x' }", f"give exactly one of {ALL_SHAPES} (found none)"),
        ('{ point = 1, better = "up" }', "'better' must be 'higher', 'lower' or 'none'"),
        ("{ point = 1 }", "a point needs better = 'higher', 'lower' or 'none'"),
        ('{ at_most = 1, better = "lower" }', "'at_most' already says which way is better; remove 'better'"),
        ('{ milestone = true, better = "higher" }', "'milestone' already says which way is better; remove 'better'"),
        ('{ at_least = 1, illustrative = "yes" }', "'illustrative' is true/false and 'note' is text"),
        ("{ at_least = 1, note = 5 }", "'illustrative' is true/false and 'note' is text"),
        ('{ at_least = 1, baseline = "x" }', "'baseline' must be a number"),
        ("{ milestone = 1 }", "write milestone = true for a yes/no target"),
        ("{ between = [1] }", "'between' takes two numbers, e.g. [9, 10]"),
        ("{ between = [1, true] }", "'between' takes two numbers, e.g. [9, 10]"),
        ("{ between = [3, 1] }", "'between' runs from low to high, not [3, 1]"),
        ('{ between = [1, 3], better = "none" }', "a range needs better = 'higher' or 'lower'"),
        ('{ at_least = "8" }', "'at_least' must be a number, not '8'"),
        ("{ about = 4, tolerance = -1 }", "'tolerance' of 'about' is a number of 0 or more, e.g. tolerance = 0.5"),
        ('{ about = 4, tolerance = "1" }', "'tolerance' of 'about' is a number of 0 or more, e.g. tolerance = 0.5"),
        ("{ at_least = 4, tolerance = 1 }", "'tolerance' belongs to 'about' only"),
    ],
)
def test_each_wrong_value_is_refused_on_its_line(tmp_path: Path, spec: str, message: str) -> None:
    """Each problem of a plan value is one message, on the value's line, naming target and period."""
    assert problems_of(tmp_path, spec) == [f"{tmp_path / 'plan.toml'}:{LINE}: target 'a', 2025: {message}"]


def test_an_unknown_key_is_reported_and_the_value_still_read(tmp_path: Path) -> None:
    """A misspelled key is reported with the closest key; the rest of the value is still checked."""
    assert problems_of(tmp_path, '{ at_least = "8", tolerence = 1 }') == [
        f"{tmp_path / 'plan.toml'}:{LINE}: unknown key 'tolerence' in target 'a', plan 2025; did you mean 'tolerance'?",
        f"{tmp_path / 'plan.toml'}:{LINE}: target 'a', 2025: 'at_least' must be a number, not '8'",
    ]


@pytest.mark.parametrize(
    ("written", "tolerance"),
    [("4", "0.5"), ("4.0", "0.05"), ("7.5", "0.05"), ("0.25", "0.005"), ("-3", "0.5"), ("1200", "0.5")],
)
def test_about_without_a_tolerance_is_what_rounds_to_it(tmp_path: Path, written: str, tolerance: str) -> None:
    """ "khoảng 4": half a unit of the last decimal place written, marked as derived."""
    value = value_of(tmp_path, f"{{ about = {written} }}")
    assert value == PlanValue(Shape.ABOUT, value=D(written), tolerance=D(tolerance), tolerance_derived=True)
    assert str(value.tolerance) == tolerance


AMENDED = '{ at_least = 8, amended = [{ from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" }] }'


def test_an_amendment_is_read_with_its_date_and_source(tmp_path: Path) -> None:
    """Each amendment is a plan value of its own (any shape), with when and by what."""
    value = value_of(tmp_path, AMENDED)
    assert value.amendments == (
        Amendment(date(2025, 2, 20), PlanValue(Shape.AT_LEAST, value=D("7.5")), "NQ 05/NQ-HĐND"),
    )
    assert value.in_force(date(2025, 2, 19)) is value
    assert value.in_force(date(2025, 2, 20)) == PlanValue(Shape.AT_LEAST, value=D("7.5"))


def test_amendments_are_sorted_by_date_and_may_change_the_shape(tmp_path: Path) -> None:
    """Written in any order; the latest in force on a day wins; a shape may change."""
    value = value_of(
        tmp_path,
        "{ at_least = 8, amended = ["
        '{ from = 2025-09-01, between = [6, 7], source = "NQ 2" }, '
        '{ from = 2025-02-20, about = 7.5, illustrative = true, source = "NQ 1" }] }',
    )
    assert [a.source for a in value.amendments] == ["NQ 1", "NQ 2"]
    assert value.in_force(date(2025, 5, 1)) == PlanValue(
        Shape.ABOUT, value=D("7.5"), tolerance=D("0.05"), tolerance_derived=True, illustrative=True
    )
    assert value.in_force(date(2025, 12, 31)) == PlanValue(Shape.RANGE, low=D(6), high=D(7))


def test_amendments_over_several_lines_are_read(tmp_path: Path) -> None:
    """An array of amendments written over several lines (the whole file goes to tomllib)."""
    path = tmp_path / "plan.toml"
    path.write_text(
        f"{HEADER}plan.2025 = {{ at_least = 8, amended = [\n"
        '  { from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" },\n'
        '  { from = 2025-06-01, at_least = 7, source = "NQ 20" },\n]}\n',
        encoding="utf-8",
    )
    target = load_plan(path).target("a")
    assert target is not None and len(target.plans["2025"].amendments) == 2


@pytest.mark.parametrize(
    ("amended", "message"),
    [
        ('[{ at_least = 7.5, source = "NQ" }]', "an amendment needs 'from', the date it takes effect, e.g. from = 2025-02-20"),
        ('[{ from = "2025-02-20", at_least = 7.5, source = "NQ" }]',
         "an amendment needs 'from', the date it takes effect, e.g. from = 2025-02-20"),
        ('[{ from = 2025-02-20T10:00:00, at_least = 7.5, source = "NQ" }]',
         "an amendment needs 'from', the date it takes effect, e.g. from = 2025-02-20"),
        ("[{ from = 2025-02-20, at_least = 7.5 }]", "an amendment needs 'source', the document that made it, in quotes"),
        ('[{ from = 2025-02-20, at_least = 7.5, source = " " }]',
         "an amendment needs 'source', the document that made it, in quotes"),
        ('[{ from = 2025-02-20, source = "NQ" }]', f"give exactly one of {ALL_SHAPES} (found none)"),
        ('[{ from = 2025-02-20, at_least = 7, at_most = 9, source = "NQ" }]',
         f"give exactly one of {ALL_SHAPES} (found at_least, at_most)"),
        ('[{ from = 2025-02-20, at_least = "7", source = "NQ" }]', "'at_least' must be a number, not '7'"),
        ('[{ from = 2025-02-20, at_least = 7, tolerance = 1, source = "NQ" }]', "'tolerance' belongs to 'about' only"),
        ('[{ from = 2025-02-20, at_least = 1e30, source = "NQ" }]',
         "'at_least': 1E+30 is too large: a number has at most 18 digits before the decimal point"),
        ('[{ from = 2025-02-20, at_least = 7, source = "A" }, { from = 2025-02-20, at_least = 6, source = "B" }]',
         "two amendments take effect on 2025-02-20"),
        ('[{ from = 2025-02-20, at_least = 7, source = "A", amended = [] }]',
         "an amendment cannot itself be amended; list every amendment in one 'amended'"),
        ("[]", 'write \'amended\' as a list of tables, e.g. [{ from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" }]'),
        ("7.5", 'write \'amended\' as a list of tables, e.g. [{ from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" }]'),
    ],
)  # fmt: skip
def test_each_wrong_amendment_is_refused_on_its_line(tmp_path: Path, amended: str, message: str) -> None:
    """An amendment is checked as a plan value is, plus its date and source; FILE:LINE."""
    spec = f"{{ at_least = 8, amended = {amended} }}"
    assert problems_of(tmp_path, spec) == [f"{tmp_path / 'plan.toml'}:{LINE}: target 'a', 2025: {message}"]


def test_an_unknown_key_of_an_amendment_is_named(tmp_path: Path) -> None:
    """A misspelled key of an amendment, with the closest one."""
    spec = '{ at_least = 8, amended = [{ form = 2025-02-20, at_least = 7, source = "NQ" }] }'
    assert problems_of(tmp_path, spec) == [
        f"{tmp_path / 'plan.toml'}:{LINE}: unknown key 'form' in target 'a', amendment of 2025; did you mean 'from'?"
    ]


def test_an_amendment_keeps_the_terms_baseline_unless_it_writes_its_own(tmp_path: Path) -> None:
    """The level a term starts from is the original's, whatever an amendment asks."""
    value = value_of(
        tmp_path,
        '{ at_least = 52, baseline = 45.2, amended = [{ from = 2023-01-01, at_least = 50, source = "NQ" }, '
        '{ from = 2024-01-01, at_least = 51, baseline = 46, source = "NQ 2" }] }',
    )
    assert [a.value.baseline for a in value.amendments] == [D("45.2"), D(46)]
