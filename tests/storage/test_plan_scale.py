"""Loading a plan costs what its size says (issue 11): no step that is quadratic, no work
for a valid plan that only an invalid one needs, no tomllib for plans as people write them."""

from __future__ import annotations

import subprocess
import sys
import time
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import DataError
from tracker.storage import plan_check, plan_file

HEADER = '[plan]\ntitle = "T"\norganisation = "O"\nlanguage = "en"\ndefault_period = "2025"\n'


def targets(count: int, extra: str = "") -> str:
    return "".join(
        f'\n[[target]]\nid = "t{i:05d}"\nname = "Target {i}"\ngroup = "G"\n{extra.format(i=i)}plan.2025 = {{ at_least = {i} }}\n'
        for i in range(count)
    )


@pytest.fixture
def uncached(monkeypatch: pytest.MonkeyPatch) -> None:
    """No plan cache: every load parses."""
    monkeypatch.setattr(plan_file, "_cached_plan", lambda path, key: None)
    monkeypatch.setattr(plan_file, "_cache_plan", lambda path, key, plan: None)


def test_thousands_of_wrong_parents_are_reported_in_seconds(tmp_path: Path, uncached: None) -> None:
    """Each "did you mean" compares a name with every id: 3,000 wrong parents took a minute
    (5,000 three). The first 20 get a suggestion, the rest are listed plainly."""
    path = tmp_path / "plan.toml"
    path.write_text(HEADER + targets(3000, 'parent = "x{i:05d}"\n'), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DataError) as caught:
        plan_file.load_plan(path)
    assert time.perf_counter() - started < 15
    lines = [str(line) for line in caught.value.lines]
    assert len(lines) == 3000
    assert lines[0].endswith("parent 'x00000' is not a target id; did you mean 't00000'?")
    assert lines[19].endswith("did you mean 't00019'?")
    assert lines[20].endswith("parent 'x00020' is not a target id")


def test_a_valid_plan_finds_no_line_numbers(tmp_path: Path, uncached: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Line numbers are for messages: a valid plan never splits its text into lines (for
    100,000 targets a list of a million strings), an invalid one still names its lines."""

    def refuse(text: str) -> None:
        raise AssertionError("line numbers looked for in a valid plan")

    path = tmp_path / "plan.toml"
    path.write_text(HEADER + targets(300), encoding="utf-8")
    with monkeypatch.context() as patched:
        patched.setattr(plan_check.Lines, "__init__", refuse)
        assert len(plan_file.load_plan(path).targets) == 300
    path.write_text(HEADER + targets(3) + 'gruop = "G"\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        plan_file.load_plan(path)
    assert str(caught.value.lines[0]).startswith(f"{path}:{HEADER.count(chr(10)) + 3 * 6 + 1}: unknown key 'gruop'")


def test_plans_as_written_are_not_read_by_tomllib(
    tmp_path: Path, uncached: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shipped plan and a generated one load through the fast reader alone; a plan it
    declines still loads, through tomllib."""
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), "--targets", "500", "--years", "2",
                    "--out", str(tmp_path), "--seed", "5"], check=True, capture_output=True)  # fmt: skip
    expected = {}
    for path in (ROOT / "data" / "plan.toml", tmp_path / "plan.toml"):
        expected[path] = plan_file.parse_plan(tomllib.loads(path.read_text("utf-8"), parse_float=Decimal),
                                              path, path.read_text("utf-8"))  # fmt: skip
    with monkeypatch.context() as patched:
        patched.setattr(tomllib, "loads", lambda *args, **kwargs: pytest.fail("tomllib was used"))
        for path, plan in expected.items():
            assert plan_file.load_plan(path) == plan
    declined = tmp_path / "multiline.toml"
    declined.write_text(HEADER + targets(2) + 'note = """\nover two lines"""\n', encoding="utf-8")
    assert plan_file.load_plan(declined).targets[-1].note == "over two lines"


def test_thousands_of_errors_on_different_keys_are_located_in_seconds(tmp_path: Path, uncached: None) -> None:
    """Each error is located by its key: 20,000 bad period labels compiled 40,000 patterns (13 s)."""
    path = tmp_path / "plan.toml"
    path.write_text(HEADER + targets(5000, "plan.x{i} = {{ at_least = 1 }}\n"), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DataError) as caught:
        plan_file.load_plan(path)
    assert time.perf_counter() - started < 10
    assert str(caught.value.lines[-1]).startswith(
        f"{path}:{HEADER.count(chr(10)) + 5000 * 7 - 1}: target 't04999': not a period: 'x4999'"
    )


_PIECES = ["", " ", "\t", ".", " . ", '"', "'", "[", "[[", "]", "]]", "=", " = ", "#", "x", "2025", "plan", "id",
           "a-b", "_", "é", "{", "}", "x.2025"]  # fmt: skip


_KEYS = ["x", "2025", "plan", "id", "a-b", "_", "a", "20", "x.2025", "é", 'x"']


def _lines_with(key: str) -> st.SearchStrategy[tuple[str, list[str]]]:
    piece = st.one_of(st.sampled_from(_PIECES), st.just(key))
    line = st.lists(piece, max_size=8).map("".join)
    return st.tuples(st.just(key), st.lists(line, min_size=1, max_size=5))


@settings(max_examples=1500, deadline=None, database=None)
@given(case=st.sampled_from(_KEYS).flatmap(_lines_with))
def test_lines_are_found_as_the_patterns_find_them(case: tuple[str, list[str]]) -> None:
    """The line of a bare key is found without compiling patterns, on the same line as they find."""
    key, lines = case
    where = plan_check.Lines("\n".join(lines))
    assert where._find(key, 0, len(where.lines)) == where._find_by_pattern(key, 0, len(where.lines))
