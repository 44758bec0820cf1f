"""When figures are owed (reporting, due_days) and how units add up (rollup): read from
[plan], an owner's table or the target, the nearest winning; every wrong value refused on
its line (tracker.storage.plan_schedule)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.core.model import Plan, Reporting, Rollup
from tracker.errors import DataError
from tracker.storage.plan_file import PLAN_CACHE_MIN_TARGETS, load_plan


def target(tid: str, owner: str = "", *lines: str) -> str:
    owned = f'owner = "{owner}"\n' if owner else ""
    return (f'\n[[target]]\nid = "{tid}"\nname = "{tid}"\ngroup = "G"\n{owned}'
            + "".join(f"{line}\n" for line in lines) + "plan.2025 = { at_least = 1 }\n")  # fmt: skip


def write(tmp_path: Path, plan_lines: str, *blocks: str) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text('[plan]\ntitle = "T"\nlanguage = "en"\n' + plan_lines + "".join(blocks), encoding="utf-8")
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_plan(path)
    return [str(line).removeprefix(f"{path}:") for line in caught.value.lines]


def test_without_a_word_on_it_a_figure_is_owed_yearly_and_due_at_the_periods_end(tmp_path: Path) -> None:
    plan = load_plan(write(tmp_path, "", target("a")))
    assert (plan.targets[0].reporting, plan.targets[0].due_days, plan.targets[0].rollup) == (Reporting.YEARLY, 0, None)


def test_the_target_beats_its_owner_which_beats_the_plan(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'reporting = "quarterly"\ndue_days = 15\n\n[owners."Sở Tài chính"]\nreporting = "monthly"\n',
        target("plain"),
        target("owned", "Sở Tài chính"),
        target("owned_nfd", "so\u031b\u0309 tài chính"),  # another case and Unicode form: the same owner
        target("own", "Sở Tài chính", 'reporting = "half-yearly"', "due_days = 0", 'rollup = "sum"'),
    )
    plan: Plan = load_plan(path)
    found = {t.id: (t.reporting, t.due_days, t.rollup) for t in plan.targets}
    assert found == {
        "plain": (Reporting.QUARTERLY, 15, None),
        "owned": (Reporting.MONTHLY, 15, None),  # the owner's reporting, the plan's due_days
        "owned_nfd": (Reporting.MONTHLY, 15, None),
        "own": (Reporting.HALF_YEARLY, 0, Rollup.SUM),  # 0 written is 0, not "not said"
    }


def test_every_wrong_value_is_refused_on_its_line_at_once(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'reporting = "weekly"\ndue_days = 10.5\n'  # lines 4, 5
        '\n[owners."Sở Tài chinh"]\n'  # line 7: no target has this owner
        "due_days = -1\n"  # line 8
        "colour = 1\n",  # line 9
        target("a", "Sở Tài chính", "due_days = true", 'rollup = "mean"', "reporting = 12"),  # lines 16-18
    )
    assert problems(path) == [
        "4: 'reporting' in [plan] must be one of monthly, quarterly, half-yearly, yearly",
        "5: 'due_days' in [plan] must be a whole number of days from 0 to 366",
        "9: unknown key 'colour' in [owners.Sở Tài chinh]",
        "8: 'due_days' in [owners.Sở Tài chinh] must be a whole number of days from 0 to 366",
        "7: no target has the owner 'Sở Tài chinh'; did you mean 'Sở Tài chính'?",
        "18: 'reporting' in target 'a' must be one of monthly, quarterly, half-yearly, yearly",
        "16: 'due_days' in target 'a' must be a whole number of days from 0 to 366",
        "17: 'rollup' in target 'a' must be 'sum'",
    ]


def test_owners_must_be_tables(tmp_path: Path) -> None:
    path = tmp_path / "p2.toml"
    path.write_text('owners = 3\n[plan]\ntitle = "T"\n' + target("a"), encoding="utf-8")
    assert problems(path) == ["1: 'owners' must hold one table per owner: [owners.\"Sở Tài chính\"]"]
    path.write_text('[plan]\ntitle = "T"\n[owners]\n"Sở X" = 3\n' + target("a", "Sở X"), encoding="utf-8")
    assert problems(path) == ["4: [owners.Sở X] must be a table"]


def test_a_cached_plan_keeps_the_schedule(tmp_path: Path) -> None:
    """A plan large enough to be pickled into the cache reads back with its schedule."""
    blocks = [target(f"t{i}", "Sở A" if i % 2 else "", 'rollup = "sum"' if i == 3 else "")
              for i in range(PLAN_CACHE_MIN_TARGETS)]  # fmt: skip
    path = write(tmp_path, 'reporting = "monthly"\n\n[owners."Sở A"]\ndue_days = 20\n', *blocks)
    first, again = load_plan(path), load_plan(path)
    assert first == again
    assert list((tmp_path / ".tracker-cache").glob("*.plan-cache"))
    assert (again.targets[3].reporting, again.targets[3].due_days, again.targets[3].rollup) == (
        Reporting.MONTHLY, 20, Rollup.SUM,
    )  # fmt: skip
    assert (again.targets[2].due_days, again.targets[2].rollup) == (0, None)
