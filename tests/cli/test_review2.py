"""A second review of issue 15 as users meet it, through the installed command: bad values
of the new plan keys give one line naming the file's line, exit 4, no traceback."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, run

PLAN = """\
[plan]
title = "Kế hoạch"
organisation = "UBND"
language = "{lang}"
default_period = "2025"
{plan_keys}
[[target]]
id = "growth"
name = "Tăng trưởng GRDP"
group = "Kinh tế"
unit = "%"
plan.2025 = {{ at_least = 8 }}
{target_keys}
{tables}
"""


def write_plan(folder: Path, lang: str, plan_keys: str = "", target_keys: str = "", tables: str = "") -> Path:
    path = folder / "plan.toml"
    path.write_text(PLAN.format(lang=lang, plan_keys=plan_keys, target_keys=target_keys, tables=tables),
                    encoding="utf-8")  # fmt: skip
    return path


def refused(plan: Path) -> list[str]:
    """check's lines on stderr, asserting the plan is refused as a plan (exit 4), cleanly."""
    result = run("check", "--plan", str(plan))
    assert result.code == 4, result.err
    assert "Traceback" not in result.err
    return result.err.splitlines()


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("where", ["plan", "target"])
@pytest.mark.parametrize("written", ["nan", "inf", "-inf"])
def test_a_basically_met_share_that_is_not_a_number_is_refused_with_its_line(
    tmp_path: Path, lang: str, where: str, written: str
) -> None:
    keys = {"plan_keys" if where == "plan" else "target_keys": f"basically_met = {written}"}
    plan = write_plan(tmp_path, lang, **keys)
    lines = refused(plan)
    line = 6 if where == "plan" else 13
    assert len(lines) == 1 and lines[0].startswith(f"tracker: error: {plan}:{line}: 'basically_met'"), lines


@pytest.mark.parametrize(
    ("written", "shown"), [("true", "not true"), ('"39"', 'not "39"'), ("1.5", "not 1.5"), ("-1", "not -1")]
)
def test_a_reported_count_that_is_not_a_whole_number_is_quoted_as_the_plan_writes_it(
    tmp_path: Path, written: str, shown: str
) -> None:
    table = f'[[reported]]\nperiod = "2025"\nmet = {written}\ntotal = 43\nsource = "NQ"\ndate = 2025-12-20\n'
    plan = write_plan(tmp_path, "en", tables=table)
    lines = refused(plan)
    assert lines == [f"tracker: error: {plan}:16: [[reported]] #1: 'met' must be a whole number of targets "
                     f"(0 or more), {shown}"]  # fmt: skip


def test_the_readme_recipe_lists_only_figures_revised_never_a_range_or_a_word_as_first_reported(
    tmp_path: Path, jq: str
) -> None:
    """The recipe of *Reports as they stood* lists a revised figure with both values; a
    range or a word never revised (json's actual is then null) is not listed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    program = re.search(r"jq --raw-output '(.*?first_reported.*?)' > revised\.tsv", readme, flags=re.S)
    assert program is not None
    table = ('[[target]]\nid = "beds"\nname = "Giường"\ngroup = "Xã hội"\nunit = "giường"\n'
             'plan.2025 = { between = [30, 32] }\n\n'
             '[[target]]\nid = "trade"\nname = "Cán cân"\ngroup = "Kinh tế"\nunit = ""\n'
             'plan.2025 = { point = 1, better = "higher" }\n\n'
             '[[target]]\nid = "jobs"\nname = "Việc làm"\ngroup = "Xã hội"\nunit = "người"\n'
             'plan.2025 = { at_least = 100 }\n')  # fmt: skip
    plan = write_plan(tmp_path, "vi", tables=table)
    day = ("--period", "2025", "--as-of", "2025-12-31")
    for target, value, *more in [
        ("growth", "8.2", "--status", "estimate"),
        ("growth", "8.3"),
        ("beds", "31-32"),
        ("trade", "Xuất siêu", "--verdict", "Đạt"),
        ("jobs", "90-95"),
        ("jobs", "96-99"),
    ]:
        result = run("record", "--plan", str(plan), *day, *more, target, value)
        assert result.code == 0, result.err
    report = run("report", "--plan", str(plan), "--format", "json")
    listed = subprocess.run([jq, "--raw-output", program.group(1)], input=report.out, capture_output=True,
                            text=True, check=True).stdout  # fmt: skip
    assert listed.splitlines() == ["growth\t8.2\t8.3", "jobs\t90..95\t96..99"]


@pytest.mark.parametrize(
    ("lang", "counts"),
    [("vi", "(Vượt 1, Đạt 1, Cơ bản đạt 1, Không đạt 1)"), ("en", "(Exceeded 1, Met 1, Basically met 1, Not met 1)")],
)
def test_each_owners_headline_counts_statuses_in_the_reports_order(tmp_path: Path, lang: str, counts: str) -> None:
    """report --by owner: an owner's counts read in the order the report's own do (best
    first, basically met between met and not met), whatever order its targets come in."""
    table = "".join(
        f'[[target]]\nid = "t{n}"\nname = "T{n}"\ngroup = "Kinh tế"\nunit = "%"\nowner = "Sở"\n'
        f"plan.2025 = {{ at_least = 10 }}\n\n"
        for n in range(4)
    )
    plan = write_plan(tmp_path, lang, plan_keys="basically_met = 0.05", tables=table)
    for target, value in [("t0", "5"), ("t1", "9.8"), ("t2", "10"), ("t3", "11"), ("growth", "8")]:
        assert run("record", "--plan", str(plan), "--period", "2025", target, value).code == 0
    out = run("report", "--plan", str(plan), "--by", "owner", "--format", "plain").out
    owner_line = next(line for line in out.splitlines() if line.startswith("Sở:"))
    assert owner_line.endswith(counts), owner_line
    json_out = run("report", "--plan", str(plan), "--by", "owner", "--format", "json").out
    by_owner = json.loads(json_out)["summary"]["by_owner"]
    counted = next(item for item in by_owner if item["owner"] == "Sở")
    assert list(counted["by_status"]) == ["exceeded", "met", "basically_met", "not_met"]


@pytest.mark.parametrize(
    ("lang", "cell", "message"),
    [
        ("vi", "62-61", "khoảng '62-61': đầu dưới phải viết trước và nhỏ hơn đầu trên (viết 61-62)"),
        ("en", "62 – 61", "range '62 – 61': the low end must come first and be below the high end (write 61-62)"),
        ("vi", "8..8", "khoảng '8..8': hai đầu đều là 8: hãy ghi số liệu là một số, 8"),
    ],
)
def test_an_imported_range_refused_for_its_order_is_quoted_as_the_cell_writes_it(
    tmp_path: Path, lang: str, cell: str, message: str
) -> None:
    """An office's CSV: the refusal names the row and column and quotes the cell as typed
    (was '62..61', a spelling the office never wrote); nothing is written."""
    plan = write_plan(tmp_path, lang)
    sheet = tmp_path / "kq.csv"
    sheet.write_text(f"Mã chỉ tiêu,Kỳ,Giá trị\ngrowth,2025,{cell}\n", encoding="utf-8")
    result = run("import", str(sheet), "--plan", str(plan))
    assert result.code == 4
    where = "hàng 2, cột C" if lang == "vi" else "row 2, column C"
    assert result.err == f"tracker: error: {sheet}: {where}: {message}\n"
    assert not (tmp_path / "plan.progress.toml").exists() or "growth" not in (
        tmp_path / "plan.progress.toml"
    ).read_text(encoding="utf-8")


def test_a_word_refused_without_a_verdict_quotes_the_vietnamese_verdicts_of_two_words(tmp_path: Path) -> None:
    """The advice is typed as it reads: --verdict Cơ bản đạt unquoted is three arguments."""
    plan = write_plan(tmp_path, "vi")
    result = run("record", "--plan", str(plan), "--period", "2025", "growth", "Xuất siêu")
    assert result.code == 2
    assert result.err.endswith(
        'thêm --verdict Đạt, Vượt, "Cơ bản đạt" hoặc "Không đạt" (trong tệp: một cột đánh giá)\n'
    )
    follow = run("record", "--plan", str(plan), "--period", "2025", "growth", "Xuất siêu", "--verdict", "Cơ bản đạt")
    assert follow.code == 0, follow.err


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_amendment_in_a_list_over_several_lines_is_refused_on_its_own_line(tmp_path: Path, lang: str) -> None:
    """README: a long 'amended' list may be written over several lines; a wrong amendment
    is named by the line it is written on (was: the line of 'plan.2025 =')."""
    table = (
        '[[target]]\nid = "revenue"\nname = "Thu"\ngroup = "Kinh tế"\nunit = "tỷ đồng"\n'
        "plan.2025 = { at_least = 3000, amended = [\n"  # line 19
        '  { from = 2025-02-20, at_least = 2900, source = "NQ 05" },\n'
        '  { from = 2025-07-01, at_least = "2.800", source = "NQ 20" },\n'  # line 21
        "  { from = 2025-09-01, at_least = 2700 },\n"  # line 22
        "] }\n"
    )
    plan = write_plan(tmp_path, lang, tables=table)
    lines = refused(plan)
    assert [line.split(": ")[2] for line in lines] == [f"{plan}:21", f"{plan}:22"], lines


@pytest.mark.parametrize(("lang", "message"), [("vi", "growth cần một số, không phải có"),
                                               ("en", "growth takes a number, not có")])  # fmt: skip
def test_yes_or_no_is_never_recorded_as_a_word_figure_of_a_number_target(
    tmp_path: Path, lang: str, message: str
) -> None:
    """README: a word is text that is not a number, a range or yes/no; 'có' given to a
    target measured in numbers is refused (exit 2), even with a verdict, nothing written."""
    plan = write_plan(tmp_path, lang)
    result = run("record", "--plan", str(plan), "--period", "2025", "growth", "có", "--verdict", "Đạt")
    assert (result.code, result.err) == (2, f"tracker: error: value: {message}\n")
    assert not (tmp_path / "plan.progress.toml").exists()
    word = run("record", "--plan", str(plan), "--period", "2025", "growth", "Xuất siêu", "--verdict", "Đạt")
    assert word.code == 0, word.err


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize(
    ("original", "amended"), [("milestone = true", "at_least = 7.5"), ("at_least = 7", "milestone = true")]
)
def test_an_amendment_between_a_milestone_and_a_number_is_refused_on_its_line(
    tmp_path: Path, lang: str, original: str, amended: str
) -> None:
    """A milestone amended to '≥ 7,5' could only be given yes/no, then judged not met
    against a number (and the other way round no figure could be recorded at all)."""
    table = (
        '[[target]]\nid = "school"\nname = "Trường chuẩn"\ngroup = "Xã hội"\nunit = ""\n'
        f'plan.2025 = {{ {original}, amended = [{{ from = 2025-02-20, {amended}, source = "NQ 05" }}] }}\n'
    )
    plan = write_plan(tmp_path, lang, tables=table)
    lines = refused(plan)
    assert len(lines) == 1 and lines[0].startswith(f"tracker: error: {plan}:19: "), lines
    assert ("đạt/chưa đạt" if lang == "vi" else "milestone") in lines[0]
