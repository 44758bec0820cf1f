"""One plan value of the plan file (tracker.storage.plan_values): each shape read, and each
wrong value refused on its line with its own message."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tracker.core.model import Better, PlanValue, Shape
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
        ("{ about = 4 }", "'about' needs a tolerance, e.g. tolerance = 0.5"),
        ("{ about = 4, tolerance = -1 }", "'about' needs a tolerance, e.g. tolerance = 0.5"),
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
