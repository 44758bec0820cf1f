"""One [[target]] of the plan file (tracker.storage.plan_targets), and the checks across targets
(plan_file): each key read with its default, each wrong key refused on its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.core.model import ChangeKind, Plan, TermMethod
from tracker.errors import DataError
from tracker.storage import plan_file
from tracker.storage.plan_file import load_plan

HEADER = '[plan]\ntitle = "T"\nlanguage = "en"\n'


def block(tid: str, *lines: str) -> str:
    """A [[target]] block of five lines and ``lines``: after HEADER, the first of ``lines`` is line 9."""
    return f'\n[[target]]\nid = "{tid}"\nname = "{tid}"\ngroup = "G"\n' + "".join(f"{line}\n" for line in lines)


def load(tmp_path: Path, *blocks: str) -> Plan:
    path = tmp_path / "plan.toml"
    path.write_text(HEADER + "".join(blocks), encoding="utf-8")
    return load_plan(path)


def problems(tmp_path: Path, *blocks: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(tmp_path, *blocks)
    return [str(line).removeprefix(f"{tmp_path / 'plan.toml'}:") for line in caught.value.lines]


@pytest.mark.parametrize(
    ("lines", "change", "term", "accumulates"),
    [
        (['unit = "%"'], ChangeKind.POINTS, TermMethod.LATEST, False),
        (['unit = "tỷ đồng"', "accumulates = true"], ChangeKind.RELATIVE, TermMethod.SUM, True),
        (['unit = "%"', 'change = "relative"', 'term = "compound"'], ChangeKind.RELATIVE, TermMethod.COMPOUND, False),
    ],
)
def test_defaults_follow_the_unit_and_the_kind_of_figure(
    tmp_path: Path, lines: list[str], change: ChangeKind, term: TermMethod, accumulates: bool
) -> None:
    """Change kind from the unit (% in points), term method from the kind of figure (a flow is
    summed, a level taken as latest), unless written."""
    target = load(tmp_path, block("a", *lines, "plan.2025 = { at_least = 1 }")).targets[0]
    assert (target.change, target.term, target.accumulates) == (change, term, accumulates)


def test_plan_periods_are_keyed_as_parsed(tmp_path: Path) -> None:
    """A period written 2025-q3 is the period 2025-Q3; a second spelling of it is refused."""
    target = load(tmp_path, block("a", 'plan."2025-q3" = { at_least = 1 }')).targets[0]
    assert list(target.plans) == list(target.periods) == ["2025-Q3"]
    twice = block("a", 'plan."2025-q3" = { at_least = 1 }', 'plan."2025-Q3" = { at_least = 2 }')
    assert problems(tmp_path, twice) == ["10: target 'a': period 2025-Q3 is given twice"]


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('id2 = "x"', "unknown key 'id2' in target 'a'; did you mean 'id'?"),
        ("accumulates = 1", "'accumulates' must be true or false"),
        ('change = "pts"', "'change' must be 'relative' or 'points'"),
        ('term = "avg"', "'term' must be one of latest, mean, compound, sum"),
        ('plan = "2025"', "'plan' of target 'a' must be a table of period = { ... }"),
        ("owner = 5", "'owner' in target 'a' must be text in quotes"),
        ('parent = "a"', "a target cannot be its own parent"),
        ('parent = "b"', "parent 'b' is not a target id"),
    ],
)
def test_each_wrong_key_is_refused_on_its_line(tmp_path: Path, line: str, message: str) -> None:
    """Each wrong key of a target is one message, on the key's line (line 9 here)."""
    assert problems(tmp_path, block("a", line)) == [f"9: {message}"]


def test_a_target_without_its_required_keys(tmp_path: Path) -> None:
    """An id of other characters, an empty name and a missing group are each reported."""
    text = '\n[[target]]\nid = "a b"\nname = ""\nplan.2025 = { at_least = 1 }\n'
    assert problems(tmp_path, text) == [
        "6: id 'a b' may hold only letters, digits, '_', '-' and '.'",
        "7: 'name' in target 'a b' is empty",
        "5: target 'a b' has no 'group'",
    ]


def test_a_parent_must_not_be_a_component(tmp_path: Path) -> None:
    """Components are one level deep: a component's own components are refused."""
    text = block("a") + block("b", 'parent = "a"') + block("c", 'parent = "b"')
    assert problems(tmp_path, text) == ["20: parent 'b' is itself a component (one level only)"]


def test_targets_must_be_tables(tmp_path: Path) -> None:
    """`target = ...` that is not a list of tables is refused where it is written."""
    path = tmp_path / "plan.toml"
    path.write_text('target = "x"\n' + HEADER, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_plan(path)
    assert [str(line) for line in caught.value.lines] == [f"{path}:1: targets must be written as [[target]] tables"]


def test_a_cached_plan_is_read_back_with_its_term_methods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan large enough to be cached is read from the cache the second time (not parsed
    again), each target with its term method as the enum member."""
    methods = list(TermMethod)
    blocks = [block(f"t{i}", f'term = "{methods[i % 4]}"', "plan.2025 = { at_least = 1 }") for i in range(250)]
    first = load(tmp_path, *blocks)
    monkeypatch.setattr(plan_file, "parse_plan", lambda *args: pytest.fail("the cached plan was parsed again"))
    again = load_plan(tmp_path / "plan.toml")
    assert again == first
    assert [t.term for t in again.targets[:4]] == methods and all(type(t.term) is TermMethod for t in again.targets)


def test_basically_met_is_off_by_default_set_in_plan_and_overridden_on_a_target(tmp_path: Path) -> None:
    """`basically_met` in [plan] is every target's share unless the target sets its own (0: off)."""
    assert load(tmp_path, block("a")).targets[0].basically_met == 0
    path = tmp_path / "plan.toml"
    path.write_text(
        HEADER
        + "basically_met = 0.05\n"
        + block("a")
        + block("b", "basically_met = 0.1")
        + block("c", "basically_met = 0"),
        encoding="utf-8",
    )
    shares = [str(t.basically_met) for t in load_plan(path).targets]
    assert shares == ["0.05", "0.1", "0"]


@pytest.mark.parametrize("written", ["1", "1.5", "-0.05", '"5%"', "true"])
def test_a_wrong_basically_met_is_refused_on_its_line(tmp_path: Path, written: str) -> None:
    """A share from 0 up to (not including) 1, in [plan] and on a target, each on its line."""
    message = "'basically_met' is a share of the plan value from 0 up to 1, e.g. 0.05"
    path = tmp_path / "plan.toml"
    path.write_text(
        HEADER + f"basically_met = {written}\n" + block("a", f"basically_met = {written}"), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_plan(path)
    assert [str(line).removeprefix(f"{path}:") for line in caught.value.lines] == [f"4: {message}", f"10: {message}"]


def test_a_cached_plan_keeps_amendments_and_basically_met(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Amendments (dated, sourced) and the basically-met share survive the plan cache."""
    amended = 'plan.2025 = { at_least = 8, amended = [{ from = 2025-02-20, about = 7.5, source = "NQ 05" }] }'
    blocks = [block(f"t{i}", "basically_met = 0.05", amended) for i in range(250)]
    first = load(tmp_path, *blocks)
    monkeypatch.setattr(plan_file, "parse_plan", lambda *args: pytest.fail("the cached plan was parsed again"))
    again = load_plan(tmp_path / "plan.toml")
    assert again == first
    assert again.targets[7].plans["2025"].amendments[0].source == "NQ 05"
    assert str(again.targets[7].basically_met) == "0.05"
