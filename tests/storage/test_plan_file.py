"""Unit tests of loading and validating the plan file: every problem as FILE:LINE: message."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from tracker.core.model import Better, ChangeKind, Shape
from tracker.errors import DataError, ExitCode
from tracker.storage.plan_file import load_plan

SHIPPED_PLAN = Path(__file__).resolve().parents[2] / "data" / "plan.toml"

HEADER = """\
[plan]
title = "Kế hoạch thử"
organisation = "Tỉnh Thử"
language = "vi"
default_period = "2025"
"""  # lines 1-5

VALID = (
    HEADER
    + """
[[target]]
id = "growth"
name = "Tốc độ tăng trưởng GRDP"
group = "Kinh tế"
unit = "%"
owner = "Sở Tài chính"
source = "NQ 39/2020/NQ-HĐND"
plan.2021-2025 = { between = [9, 10] }
plan.2025 = { at_least = 8, note = "từ 8% trở lên" }

[[target]]
id = "revenue"
name = "Thu ngân sách"
group = "Kinh tế"
unit = "tỷ đồng"
accumulates = true
plan.2025 = { at_least = 3000 }
plan.2025-Q3 = { at_least = 2200, illustrative = true }
plan.2025-06 = { about = 1500, tolerance = 50 }

[[target]]
id = "agri"
name = "Nông nghiệp"
group = "Kinh tế"
unit = "%"
plan.2025 = { above = 5 }

[[target]]
id = "unemployment"
name = "Thất nghiệp"
group = "Văn hóa - Xã hội"
unit = "%"
plan.2025 = { below = 4 }

[[target]]
id = "enrolment"
name = "Tỷ lệ đi học"
group = "Văn hóa - Xã hội"
unit = "%"

[[target]]
id = "enrol_primary"
parent = "enrolment"
name = "Tiểu học"
group = "Văn hóa - Xã hội"
unit = "%"
plan.2021-2025 = { at_least = 99.80 }

[[target]]
id = "structure"
name = "Cơ cấu"
group = "Kinh tế"
unit = "%"
plan.2025 = { point = 12.44, better = "none" }

[[target]]
id = "primary_l3"
name = "Phổ cập mức độ 3"
group = "Văn hóa - Xã hội"
plan.2025 = { milestone = true }
"""
)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def errors_of(path: Path) -> tuple[str, ...]:
    with pytest.raises(DataError) as info:
        load_plan(path)
    assert info.value.exit_code is ExitCode.BAD_DATA
    return tuple(info.value.render("en"))


def target_block(tid: str, *lines: str, group: str = "Kinh tế") -> str:
    """A [[target]] block: a blank line, header, id, name, group, then one line per item of ``lines``."""
    body = "\n".join(lines)
    return f'\n[[target]]\nid = "{tid}"\nname = "{tid}"\ngroup = "{group}"\n{body}\n'


# ---------------------------------------------------------------- valid files


def test_valid_plan_loads_metadata(tmp_path: Path) -> None:
    """A valid plan loads with its metadata and targets in file order."""
    plan = load_plan(write(tmp_path, VALID))
    assert (plan.title, plan.organisation, plan.language, plan.default_period) == (
        "Kế hoạch thử",
        "Tỉnh Thử",
        "vi",
        "2025",
    )
    assert [t.id for t in plan.targets] == [
        "growth",
        "revenue",
        "agri",
        "unemployment",
        "enrolment",
        "enrol_primary",
        "structure",
        "primary_l3",
    ]


def test_valid_plan_reads_every_shape(tmp_path: Path) -> None:
    """Each shape key becomes the right PlanValue: bounds, strictness, direction, tolerance."""
    plan = load_plan(write(tmp_path, VALID))
    growth = plan.target("growth")
    assert growth is not None
    term = growth.plans["2021-2025"]
    assert (term.shape, term.low, term.high, term.better) == (Shape.RANGE, Decimal(9), Decimal(10), Better.HIGHER)
    annual = growth.plans["2025"]
    assert (annual.shape, annual.value, annual.strict, annual.note) == (
        Shape.AT_LEAST,
        Decimal(8),
        False,
        "từ 8% trở lên",
    )
    agri = plan.target("agri").plans["2025"]  # type: ignore[union-attr]  # the target is in the plan
    assert (agri.shape, agri.value, agri.strict) == (Shape.AT_LEAST, Decimal(5), True)
    unemployment = plan.target("unemployment").plans["2025"]  # type: ignore[union-attr]  # the target is in the plan
    assert (unemployment.shape, unemployment.strict, unemployment.better) == (Shape.AT_MOST, True, Better.LOWER)
    structure = plan.target("structure").plans["2025"]  # type: ignore[union-attr]  # the target is in the plan
    assert (structure.shape, structure.better, structure.is_judged) == (Shape.POINT, Better.NONE, False)
    milestone = plan.target("primary_l3").plans["2025"]  # type: ignore[union-attr]  # the target is in the plan
    assert milestone.shape is Shape.MILESTONE
    month = plan.target("revenue").plans["2025-06"]  # type: ignore[union-attr]  # the target is in the plan
    assert (month.shape, month.value, month.tolerance) == (Shape.ABOUT, Decimal(1500), Decimal(50))


def test_valid_plan_reads_target_fields(tmp_path: Path) -> None:
    """Target fields (owner, source, accumulates, parent, change kind from the unit) are read."""
    plan = load_plan(write(tmp_path, VALID))
    growth = plan.target("growth")
    revenue = plan.target("revenue")
    assert growth is not None and revenue is not None
    assert (growth.owner, growth.source, growth.accumulates, growth.change) == (
        "Sở Tài chính",
        "NQ 39/2020/NQ-HĐND",
        False,
        ChangeKind.POINTS,
    )
    assert (revenue.accumulates, revenue.change) == (True, ChangeKind.RELATIVE)
    assert set(revenue.plans) == {"2025", "2025-Q3", "2025-06"}
    assert revenue.periods["2025-Q3"].kind == "quarter"
    assert revenue.plans["2025-Q3"].illustrative is True
    assert [c.id for c in plan.components("enrolment")] == ["enrol_primary"]
    assert plan.target("enrol_primary").parent == "enrolment"  # type: ignore[union-attr]  # the target is in the plan


def test_values_keep_written_precision(tmp_path: Path) -> None:
    """A plan value written 99.80 is read as Decimal("99.80"), not a float."""
    value = load_plan(write(tmp_path, VALID)).target("enrol_primary").plans["2021-2025"].value  # type: ignore[union-attr]  # the target is in the plan
    assert isinstance(value, Decimal)
    assert str(value) == "99.80"


def test_shipped_plan_loads() -> None:
    """The shipped data/plan.toml loads, with its parents and components in place."""
    plan = load_plan(SHIPPED_PLAN)
    assert plan.title == "Kế hoạch phát triển kinh tế - xã hội tỉnh Lai Châu"
    assert plan.default_period == "2025"
    assert plan.language == "vi"
    assert [c.id for c in plan.components("enrolment")] == [
        "enrolment_preschool",
        "enrolment_primary",
        "enrolment_lower_secondary",
        "enrolment_upper_secondary",
    ]
    assert [c.id for c in plan.components("poverty")] == ["poverty_cut", "poverty_cut_poor_districts"]


def test_shipped_plan_keeps_written_precision() -> None:
    """Shipped values keep their precision: 99.8 and "above 57.5" are exact Decimals."""
    plan = load_plan(SHIPPED_PLAN)
    primary = plan.target("enrolment_primary").plans["2021-2025"]  # type: ignore[union-attr]  # the target is in the plan
    assert isinstance(primary.value, Decimal)
    assert str(primary.value) == "99.8"
    assert primary.value == Decimal("99.8")
    communes = plan.target("new_rural_communes").plans["2021-2025"]  # type: ignore[union-attr]  # the target is in the plan
    assert str(communes.value) == "57.5"
    assert communes.value == Decimal("57.5")
    assert (communes.shape, communes.strict) == (Shape.AT_LEAST, True)


# ---------------------------------------------------------------- one problem each


def test_missing_file_suggests_plan_option(tmp_path: Path) -> None:
    """A missing plan file is one line naming the path and suggesting --plan."""
    path = tmp_path / "nowhere.toml"
    lines = errors_of(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}: no such plan file")
    assert "--plan" in lines[0]


def test_toml_syntax_error_line(tmp_path: Path) -> None:
    """A TOML syntax error is reported on the line where it is."""
    text = HEADER + target_block("a", "unit = %", "plan.2025 = { at_least = 8 }")  # unit on line 11
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert lines == (
        f'{path}:11: TOML syntax error: text must be in quotes: unit = "%"',
        "  11 | unit = %",
        "     |        ^",
    )  # the problem, then the line it is on with a caret under it


def test_toml_syntax_error_unclosed_table(tmp_path: Path) -> None:
    """An unclosed inline table is reported with its line number."""
    text = HEADER + target_block("a", 'unit = "%"', "plan.2025 = { at_least = 8")  # line 12
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert lines[0] == f"{path}:12: TOML syntax error: an inline table {{ … }} must end with '}}' on the same line"
    assert lines[1:] == ("  12 | plan.2025 = { at_least = 8", "     |                           ^")


def test_unknown_target_key_suggests_closest(tmp_path: Path) -> None:
    """`gruop` in the second target is reported on its own line with "did you mean 'group'"."""
    text = (
        HEADER
        + target_block("a", 'unit = "%"', "plan.2025 = { at_least = 8 }")  # lines 7-12
        + '\n[[target]]\nid = "b"\nname = "B"\ngruop = "Kinh tế"\nplan.2025 = { at_least = 1 }\n'  # gruop on 17
    )
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert f"{path}:17: unknown key 'gruop' in target 'b'; did you mean 'group'?" in lines


def test_unknown_key_in_plan_value_suggests_closest(tmp_path: Path) -> None:
    """`at_lest` inside a plan value is reported on that value's line with "did you mean 'at_least'"."""
    text = HEADER + target_block("a", 'unit = "%"', "plan.2024 = { at_least = 7 }", "plan.2025 = { at_lest = 8 }")
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert f"{path}:13: unknown key 'at_lest' in target 'a', plan 2025; did you mean 'at_least'?" in lines
    assert all(line.startswith(f"{path}:13: ") for line in lines)


def test_unknown_plan_metadata_key_suggests_closest(tmp_path: Path) -> None:
    """A typo in [plan] (`titel`) is reported on its line with "did you mean 'title'"."""
    text = '[plan]\norganisation = "X"\ntitel = "Thử"\n' + target_block("a", "plan.2025 = { at_least = 8 }")
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert f"{path}:3: unknown key 'titel' in [plan]; did you mean 'title'?" in lines


def test_misspelled_target_table_reported_on_its_line(tmp_path: Path) -> None:
    """A misspelled `[[targt]]` header is reported on the header's line, suggesting 'target'."""
    text = HEADER + target_block("a", "plan.2025 = { at_least = 8 }") + '\n[[targt]]\nid = "b"\n'  # line 13
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert lines == (f"{path}:13: unknown key 'targt' in the file; did you mean 'target'?",)


def test_duplicate_id(tmp_path: Path) -> None:
    """A second target with the same id is reported on its id line, naming the first one's line."""
    text = (
        HEADER
        + target_block("growth", "plan.2025 = { at_least = 8 }")  # id on line 8
        + target_block("other", "plan.2025 = { at_least = 1 }")  # lines 13-17
        + target_block("growth", "plan.2024 = { at_least = 7 }")  # id on line 20
    )
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert lines == (f"{path}:20: duplicate id 'growth' (first defined on line 8)",)


def test_duplicate_id_with_spaced_table_headers(tmp_path: Path) -> None:
    """`[[ target ]]` (valid TOML with spaces) still gets the duplicate's own line number."""
    text = (
        HEADER
        + '\n[[ target ]]\nid = "a"\nname = "A"\ngroup = "g"\nplan.2025 = { at_least = 8 }\n'  # id on line 8
        + '\n[[ target ]]\nid = "a"\nname = "B"\ngroup = "g"\nplan.2025 = { at_least = 8 }\n'  # id on line 14
    )
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert lines == (f"{path}:14: duplicate id 'a' (first defined on line 8)",)


def test_parent_that_does_not_exist(tmp_path: Path) -> None:
    """A parent naming no target is reported on the parent line with the closest id."""
    text = (
        HEADER
        + target_block("enrolment")  # lines 6-11 (line 11 is empty)
        + target_block("enrol_pre", 'parent = "enrolmnt"', "plan.2025 = { at_least = 98 }")  # parent on 17
    )
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert lines == (f"{path}:17: parent 'enrolmnt' is not a target id; did you mean 'enrolment'?",)


def test_point_without_better(tmp_path: Path) -> None:
    """A point plan value without `better` is reported on its line."""
    text = HEADER + target_block("a", "plan.2024 = { at_least = 7 }", "plan.2025 = { point = 65 }")  # line 12
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert lines == (f"{path}:12: target 'a', 2025: a point needs better = 'higher', 'lower' or 'none'",)


def test_point_without_better_in_sub_table(tmp_path: Path) -> None:
    """A point without `better` written as a `[target.plan.2025]` sub-table is reported at that table."""
    text = HEADER + target_block("a", 'unit = "%"') + "\n[target.plan.2025]\npoint = 65\n"  # header on line 13
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:13: target 'a', 2025: a point needs better")


def test_between_low_above_high(tmp_path: Path) -> None:
    """`between = [10, 9]` is reported on its line as running from high to low."""
    text = HEADER + target_block("a", "plan.2021-2025 = { between = [10, 9] }")  # line 11
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert lines == (f"{path}:11: target 'a', 2021-2025: 'between' runs from low to high, not [10, 9]",)


def test_two_shape_keys_in_one_value(tmp_path: Path) -> None:
    """A plan value giving both at_least and above is reported on its line, naming both."""
    text = HEADER + target_block("a", 'unit = "%"', "plan.2025 = { at_least = 5, above = 5 }")  # line 12
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:12: target 'a', 2025: give exactly one of ")
    assert lines[0].endswith("(found at_least, above)")


def test_bad_period_label(tmp_path: Path) -> None:
    """A plan value keyed by an unreadable period (2025-13) is reported on its line."""
    text = HEADER + target_block("a", "plan.2025 = { at_least = 8 }", "plan.2025-13 = { at_least = 1 }")  # line 12
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:12: target 'a': not a period: '2025-13'")


def test_bad_default_period(tmp_path: Path) -> None:
    """An unreadable default_period in [plan] is reported on its line."""
    text = '[plan]\ntitle = "T"\ndefault_period = "2025-Q5"\n' + target_block("a", "plan.2025 = { at_least = 8 }")
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:3: not a period: '2025-Q5'")


# ---------------------------------------------------------------- many problems at once


def test_all_problems_reported_at_once(tmp_path: Path) -> None:
    """Several problems in one file are all reported, each on its own line, in one error."""
    text = (
        HEADER
        + target_block("a", "plan.2025 = { at_lest = 8, at_least = 8 }")  # line 11: unknown key
        + target_block("b", "plan.2025 = { point = 3 }")  # line 17: point without better
        + target_block("a", "plan.2025 = { at_least = 1 }")  # id on line 20: duplicate
        + target_block("c", 'parent = "zzz"', "plan.2025 = { between = [3, 1] }")  # 29: parent, 30: between
        + target_block("d", "plan.2025-Q9 = { at_least = 1 }")  # line 36: bad period
    )
    path = write(tmp_path, text)
    lines = errors_of(path)
    assert sorted(lines, key=lambda line: int(line.split(":")[1])) == [
        f"{path}:11: unknown key 'at_lest' in target 'a', plan 2025; did you mean 'at_least'?",
        f"{path}:17: target 'b', 2025: a point needs better = 'higher', 'lower' or 'none'",
        f"{path}:20: duplicate id 'a' (first defined on line 8)",
        f"{path}:29: parent 'zzz' is not a target id",
        f"{path}:30: target 'c', 2025: 'between' runs from low to high, not [3, 1]",
        f"{path}:36: target 'd': not a period: '2025-Q9' "
        "(write a year 2025, a span 2021-2025, a quarter 2025-Q3 or a month 2025-06)",
    ]


# ------------------------------------------------------------------ the cache of a large plan


def _large_plan(folder: Path, count: int = 250) -> Path:
    """A plan large enough (200 targets or more) to be kept in the cache."""
    targets = "".join(
        f'\n[[target]]\nid = "t{i:03d}"\nname = "Chỉ tiêu {i}"\ngroup = "Nhóm"\nunit = "%"\n'
        f"plan.2025 = {{ at_least = {i}.5 }}\nplan.2024 = {{ between = [1, {i + 2}] }}\n"
        for i in range(count)
    )
    path = folder / "plan.toml"
    path.write_text('[plan]\ntitle = "Lớn"\norganisation = "Tỉnh"\nlanguage = "vi"\ndefault_period = "2025"\n'
                    + targets, encoding="utf-8")  # fmt: skip
    return path


def _cache_of(plan: Path) -> Path:
    return plan.parent / ".tracker-cache" / f"{plan.name}.plan-cache"


def test_large_plan_is_cached_and_read_back_equal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = _large_plan(tmp_path)
    first = load_plan(plan)
    assert _cache_of(plan).is_file()
    monkeypatch.chdir(tmp_path)
    again = load_plan(Path("plan.toml"))  # another spelling of the same file uses the same cache
    assert again == first
    assert again.target("t123") == first.target("t123")


def test_edited_plan_is_read_again_not_from_the_cache(tmp_path: Path) -> None:
    plan = _large_plan(tmp_path)
    load_plan(plan)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("at_least = 7.5 }", "at_least = 9.5 }"), encoding="utf-8")  # same size
    target = load_plan(plan).target("t007")
    assert target is not None
    assert target.plans["2025"].value == Decimal("9.5")


@pytest.mark.parametrize("damage", [b"", b"garbage", b"\x80\x05N."])
def test_damaged_plan_cache_is_ignored_silently(tmp_path: Path, damage: bytes) -> None:
    plan = _large_plan(tmp_path)
    expected = load_plan(plan)
    _cache_of(plan).write_bytes(damage)
    assert load_plan(plan) == expected


def test_plan_cache_is_stale_once_a_class_it_holds_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan cached before a field of Target changed is parsed again, though nobody bumped PLAN_CACHE_VERSION."""
    from tracker.core.model import Target
    from tracker.storage import plan_file

    plan = _large_plan(tmp_path)
    expected = load_plan(plan)
    parsed: list[Path] = []
    real_parse = plan_file.parse_plan

    def counting_parse(document: dict[str, object], path: Path, text: str) -> object:
        parsed.append(path)
        return real_parse(document, path, text)

    monkeypatch.setattr(plan_file, "parse_plan", counting_parse)
    assert load_plan(plan) == expected and parsed == []  # from the cache
    monkeypatch.setitem(Target.__annotations__, "added_later", "str")
    assert load_plan(plan) == expected and parsed == [plan]


def test_plan_cache_never_runs_code(tmp_path: Path) -> None:
    """A cache file holding anything but the plan's own classes is refused, not executed."""
    import pickle

    plan = _large_plan(tmp_path)
    expected = load_plan(plan)
    marker = tmp_path / "ran"

    class Exploit:
        def __reduce__(self) -> tuple[Callable[..., object], tuple[Path]]:
            return (Path.touch, (marker,))

    _cache_of(plan).write_bytes(pickle.dumps(Exploit()))
    assert load_plan(plan) == expected
    assert not marker.exists()
