"""Issue 15, part B through the installed command: reported headlines beside the computed
one, targets tracked without being counted, parents of unjudged components, and periods
that ended with only a part-year figure (incomplete)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import base_env, run, snapshot

PLAN = """\
[plan]
title = "Kế hoạch thử"
organisation = "Tỉnh Thử"
language = "{lang}"
default_period = "2024"

[[target]]
id = "growth"
name = "Tăng trưởng GRDP"
name_en = "GRDP growth"
group = "Kinh tế"
unit = "%"
owner = "Sở Tài chính"
plan.2024 = {{ at_least = 7 }}

[[target]]
id = "revenue"
name = "Thu ngân sách"
name_en = "Budget revenue"
group = "Kinh tế"
unit = "tỷ đồng"
owner = "Sở Tài chính"
accumulates = true
plan.2024 = {{ at_least = 3000 }}

[[target]]
id = "forest"
name = "Che phủ rừng"
name_en = "Forest cover"
group = "Môi trường"
unit = "%"
plan.2024 = {{ at_least = 50 }}
{extra}
[[reported]]
period = "2024"
met = 38
total = 42
source = "Báo cáo UBND tỉnh"
date = 2024-11-20
note = "ngày minh họa"
illustrative = true

[[reported]]
period = "2024"
met = 39
total = 43
source = "Hội nghị BCH Đảng bộ tỉnh"
date = 2024-12-20
"""

LANGS = ("vi", "en")


def write_plan(folder: Path, lang: str, extra: str = "") -> Path:
    """The plan above in ``folder``, its language ``lang``."""
    path = folder / "plan.toml"
    path.write_text(PLAN.format(lang=lang, extra=extra), encoding="utf-8")
    return path


def record(plan: Path, *args: str) -> None:
    """Record a figure, as an office would."""
    result = run("record", *args, "--plan", str(plan))
    assert result.code == 0, result.err


def report_json(plan: Path, *args: str) -> dict[str, Any]:
    """The report as json, the run having succeeded."""
    result = run("report", "--plan", str(plan), "--format", "json", *args)
    assert result.code in (0, 3), result.err
    document: dict[str, Any] = json.loads(result.out)
    return document


def summary_of(document: dict[str, Any]) -> dict[str, Any]:
    summary = document["summary"]
    assert isinstance(summary, dict)
    return summary


def items_of(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    targets = document["targets"]
    assert isinstance(targets, list)
    return {item["id"]: item for item in targets}


# ---------------------------------------------------------------- [[reported]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_latest_reported_headline_stands_beside_the_computed_one(tmp_path: Path, lang: str) -> None:
    """The headline a document reported is shown beside the computed count, with its
    source and date, in the people's formats and in json's summary."""
    plan = write_plan(tmp_path, lang)
    record(plan, "growth", "7.5", "--period", "2024", "--as-of", "2024-12-31")
    plain = run("report", "--plan", str(plan), "--format", "plain", "--as-of", "2025-01-10")
    assert plain.code == 0, plain.err
    headline = plain.out.rstrip().splitlines()[-1]
    if lang == "vi":
        assert headline.startswith("Tính từ số liệu: 1/3 chỉ tiêu đạt và vượt kế hoạch")
        assert headline.endswith("· Đã báo cáo: 39/43 (Hội nghị BCH Đảng bộ tỉnh, 20/12/2024)")
    else:
        assert headline.startswith("Computed: 1 of 3 targets met or exceeded the plan")
        assert headline.endswith("· Reported: 39/43 (Hội nghị BCH Đảng bộ tỉnh, 2024-12-20)")
    text = run("report", "--plan", str(plan), "--format", "text", "--as-of", "2025-01-10")
    said = " ".join(text.out.split())
    if lang == "vi":
        assert "Theo Hội nghị BCH Đảng bộ tỉnh ngày 20/12/2024: 39/43 chỉ tiêu đạt và vượt kế hoạch." in said
    else:
        assert "As reported by Hội nghị BCH Đảng bộ tỉnh on 2024-12-20: 39 of 43 targets met or exceeded" in said
    reported = summary_of(report_json(plan, "--as-of", "2025-01-10"))["reported"]
    assert reported == {"period": "2024", "met": 39, "total": 43, "source": "Hội nghị BCH Đảng bộ tỉnh",
                        "date": "2024-12-20", "note": None, "illustrative": False}  # fmt: skip


def test_the_reported_headline_is_the_latest_known_at_the_as_of_date(tmp_path: Path) -> None:
    """--as-of picks the headline reported by then: none before the first, the November one
    in between (marked illustrative, with the legend), the December one after."""
    plan = write_plan(tmp_path, "en")
    assert summary_of(report_json(plan, "--as-of", "2024-11-19"))["reported"] is None
    november = summary_of(report_json(plan, "--as-of", "2024-11-20"))["reported"]
    assert isinstance(november, dict)
    assert (november["met"], november["total"], november["illustrative"]) == (38, 42, True)
    assert november["note"] == "ngày minh họa"
    plain = run("report", "--plan", str(plan), "--format", "plain", "--as-of", "2024-11-30").out
    assert "Reported: 38/42 (Báo cáo UBND tỉnh, 2024-11-20) *" in plain
    assert "* illustrative value, not a published figure" in plain
    december = summary_of(report_json(plan, "--as-of", "2024-12-31"))["reported"]
    assert isinstance(december, dict) and (december["met"], december["total"]) == (39, 43)
    other_year = summary_of(report_json(plan, "--period", "2025", "--as-of", "2025-12-31"))
    assert other_year["reported"] is None


def test_a_report_of_some_targets_or_per_owner_carries_no_reported_headline(tmp_path: Path) -> None:
    """A headline reported for the whole plan is not one of a group's or an owner's."""
    plan = write_plan(tmp_path, "en")
    assert summary_of(report_json(plan, "--as-of", "2024-12-31", "--group", "Kinh tế"))["reported"] is None
    assert summary_of(report_json(plan, "--as-of", "2024-12-31", "--owner", "Sở Tài chính"))["reported"] is None
    by_owner = run("report", "--plan", str(plan), "--format", "plain", "--as-of", "2024-12-31", "--by", "owner")
    owner_lines = [line for line in by_owner.out.splitlines() if line.startswith("Sở Tài chính:")]
    assert owner_lines and not any("Reported" in line for line in owner_lines)


@pytest.mark.parametrize("lang", LANGS)
def test_check_warns_when_a_reported_headline_differs_and_still_exits_0(tmp_path: Path, lang: str) -> None:
    """check computes each reported period's count as of its date: a difference is a
    warning on stderr, not a failure; an agreeing headline says nothing."""
    plan = write_plan(tmp_path, lang)
    record(plan, "growth", "7.5", "--period", "2024", "--as-of", "2024-12-31")
    result = run("check", "--plan", str(plan))
    assert result.code == 0, result.err
    lines = result.err.splitlines()
    if lang == "vi":
        assert "tracker: warning: 2024: đã báo cáo 39/43 (Hội nghị BCH Đảng bộ tỉnh, 20/12/2024); tính từ số liệu " \
               "tại ngày đó: 1/3" in lines  # fmt: skip
    else:
        # the growth estimate is dated 31 December: a document of 20 December counted it already
        assert "tracker: warning: 2024: reported 39/43 (Hội nghị BCH Đảng bộ tỉnh, 2024-12-20), computed 1/3 as of " \
               "that date" in lines  # fmt: skip
    assert len(lines) == 2  # one per reported headline
    agreeing = tmp_path / "agree"
    agreeing.mkdir()
    small = write_plan(agreeing, lang).read_text(encoding="utf-8")
    small = small.replace("met = 38\ntotal = 42", "met = 0\ntotal = 3").replace("met = 39\ntotal = 43", "met = 0\n"
                                                                              "total = 3")  # fmt: skip
    (agreeing / "plan.toml").write_text(small, encoding="utf-8")
    quiet = run("check", "--plan", str(agreeing / "plan.toml"))
    assert (quiet.code, quiet.err) == (0, "")


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_reported_table_is_named_with_its_line(tmp_path: Path, lang: str) -> None:
    """Each problem of a [[reported]] table is its own FILE:LINE line, exit 4, nothing written."""
    bad = PLAN.format(lang=lang, extra="").replace("met = 39\ntotal = 43", "met = 44\ntotal = 43")
    bad = bad.replace('source = "Báo cáo UBND tỉnh"\n', "").replace("date = 2024-11-20", 'date = "20/11/2024"')
    bad += '\n[[reported]]\nperiod = "2024-13"\nmet = -1\ntotal = 3\nsourse = "x"\ndate = 2024-12-01\n'
    plan = tmp_path / "plan.toml"
    plan.write_text(bad, encoding="utf-8")
    lines = bad.splitlines()
    before = snapshot(tmp_path)
    result = run("report", "--plan", str(plan))
    assert result.code == 4
    assert snapshot(tmp_path) == before

    def line_of(text: str, start: int = 0) -> int:
        return next(i for i, line in enumerate(lines) if i >= start and line.startswith(text)) + 1

    second = line_of("[[reported]]", line_of("[[reported]]"))  # 1-based: the search starts after the first
    third = line_of("[[reported]]", second)
    expected_lines = {
        line_of("[[reported]]"),  # no source
        line_of('date = "20/11/2024"'),
        line_of("met = 44"),
        line_of('period = "2024-13"'),
        line_of("met = -1"),
        line_of('sourse = "x"'),
        third,  # the third table lacks 'source' too: said at its header
    }
    err = result.err.splitlines()
    found = {int(m[1]) for line in err if (m := re.search(r"plan\.toml:(\d+): ", line))}
    assert found == expected_lines, result.err
    assert len(err) == 7
    if lang == "en":
        assert f"plan.toml:{line_of('met = 44')}: [[reported]] #2: 'met' (44) is more than 'total' (43)" in result.err
        assert "did you mean 'source'?" in result.err
    else:
        assert f"plan.toml:{line_of('met = 44')}: [[reported]] thứ 2: 'met' (44) lớn hơn 'total' (43)" in result.err


# ---------------------------------------------------------------- counted = false


@pytest.mark.parametrize("lang", LANGS)
def test_a_target_not_counted_is_shown_and_judged_but_never_counted(tmp_path: Path, lang: str) -> None:
    """counted = false: the row is there with its verdict, csv/json say counted false,
    and neither the headline, its group nor its owner counts it."""
    plan = write_plan(tmp_path, lang)
    text = plan.read_text(encoding="utf-8").replace('id = "forest"\n', 'id = "forest"\ncounted = false\n')
    plan.write_text(text, encoding="utf-8")
    record(plan, "forest", "55", "--period", "2024", "--as-of", "2024-12-31")
    record(plan, "growth", "6", "--period", "2024", "--as-of", "2024-12-31")
    document = report_json(plan, "--as-of", "2025-01-10", "--by", "owner")
    items = items_of(document)
    assert (items["forest"]["status"], items["forest"]["counted"]) == ("exceeded", False)
    summary = summary_of(document)
    assert (summary["total"], summary["met_or_exceeded"]) == (2, 0)
    assert [g["group"] for g in summary["by_group"]] == ["Kinh tế"]
    assert [o["owner"] for o in summary["by_owner"]] == ["Sở Tài chính"]
    plain = run("report", "--plan", str(plan), "--format", "plain", "--as-of", "2025-01-10", "--lang", lang).out
    assert "forest" in plain
    assert ("0/2 chỉ tiêu" if lang == "vi" else "0 of 2 targets") in plain
    paragraph = " ".join(run("report", "--plan", str(plan), "--format", "text", "--as-of", "2025-01-10").out.split())
    assert ("Che phủ rừng" if lang == "vi" else "Forest cover") not in paragraph
    bad = text.replace("counted = false", 'counted = "no"')
    plan.write_text(bad, encoding="utf-8")
    refused = run("report", "--plan", str(plan))
    assert refused.code == 4
    line = bad.splitlines().index('counted = "no"') + 1
    message = "'counted' phải là true hoặc false" if lang == "vi" else "'counted' must be true or false"
    assert refused.err == f"tracker: error: {plan}:{line}: {message}\n"


PARENT = """
[[target]]
id = "enrolment"
name = "Huy động trẻ đi học"
name_en = "Enrolment"
group = "Xã hội"
unit = "%"
{parent_key}
[[target]]
id = "enrolment_primary"
parent = "enrolment"
name = "Tiểu học"
group = "Xã hội"
unit = "%"
plan.2024 = {{ at_least = 99 }}
{kid_key}
[[target]]
id = "enrolment_lower"
parent = "enrolment"
name = "THCS"
group = "Xã hội"
unit = "%"
plan.2024 = {{ at_least = 95 }}
"""


def test_counted_false_on_a_parent_leaves_its_components_out(tmp_path: Path) -> None:
    """On a parent, counted = false takes its components out of the count with it."""
    extra = PARENT.format(parent_key="counted = false", kid_key="")
    plan = write_plan(tmp_path, "en", extra)
    record(plan, "enrolment_primary", "99.5", "--period", "2024", "--as-of", "2024-12-31")
    document = report_json(plan, "--as-of", "2025-01-10")
    items = items_of(document)
    assert [items[i]["counted"] for i in ("enrolment", "enrolment_primary", "enrolment_lower")] == [False] * 3
    assert items["enrolment_primary"]["status"] == "exceeded"
    assert summary_of(document)["total"] == 3


def test_counted_false_on_a_component_leaves_out_that_component_only(tmp_path: Path) -> None:
    """On a component it is that component alone: its sibling counts, the parent never in its place."""
    extra = PARENT.format(parent_key="", kid_key="counted = false")
    plan = write_plan(tmp_path, "en", extra)
    document = report_json(plan, "--as-of", "2025-01-10")
    items = items_of(document)
    assert [items[i]["counted"] for i in ("enrolment", "enrolment_primary", "enrolment_lower")] == [
        False, False, True,
    ]  # fmt: skip
    assert summary_of(document)["total"] == 4
    only = write_plan(tmp_path, "en", extra.replace("plan.2024 = { at_least = 95 }", ""))
    items = items_of(report_json(only, "--as-of", "2025-01-10"))
    assert "enrolment_lower" not in items  # no plan value or figure for 2024: not in the report
    assert (items["enrolment"]["counted"], items["enrolment_primary"]["counted"]) == (False, False)


@pytest.mark.parametrize("lang", LANGS)
def test_a_parent_of_unjudged_components_reads_not_judged(tmp_path: Path, lang: str) -> None:
    """A parent whose components are all neutral (the economic structure) is "not
    judged", not "no data", and counts nowhere."""
    extra = """
[[target]]
id = "structure"
name = "Cơ cấu kinh tế"
name_en = "Economic structure"
group = "Kinh tế"
unit = "%"

[[target]]
id = "structure_agriculture"
parent = "structure"
name = "Nông, lâm nghiệp và thủy sản"
group = "Kinh tế"
unit = "%"
plan.2024 = { point = 12.44, better = "none" }

[[target]]
id = "structure_industry"
parent = "structure"
name = "Công nghiệp - xây dựng"
group = "Kinh tế"
unit = "%"
plan.2024 = { point = 42.42, better = "none" }
"""
    plan = write_plan(tmp_path, lang, extra)
    record(plan, "structure_agriculture", "12.1", "--period", "2024", "--as-of", "2024-12-31")
    document = report_json(plan, "--as-of", "2025-01-10")
    items = items_of(document)
    assert items["structure"]["status"] == "not_judged"
    assert not any(items[i]["counted"] for i in ("structure", "structure_agriculture", "structure_industry"))
    assert summary_of(document)["total"] == 3
    plain = run("report", "--plan", str(plan), "--format", "plain", "--as-of", "2025-01-10").out
    structure = next(line for line in plain.splitlines() if line.startswith("structure "))
    assert structure.rstrip().endswith("Không đánh giá" if lang == "vi" else "Not judged")


# ---------------------------------------------------------------- incomplete


@pytest.mark.parametrize("lang", LANGS)
def test_a_year_over_with_a_year_to_date_figure_is_incomplete(tmp_path: Path, lang: str) -> None:
    """2.540,17 of 3.000 at 31/10 in a report after the year: incomplete, with its share,
    date and projection; out of met and not met, in the total; --check exits 3."""
    plan = write_plan(tmp_path, lang)
    record(plan, "revenue", "2540.17", "--period", "2024", "--as-of", "2024-10-31")
    record(plan, "growth", "7.5", "--period", "2024", "--as-of", "2024-12-31")
    record(plan, "forest", "49", "--period", "2024", "--as-of", "2024-12-31")
    document = report_json(plan, "--as-of", "2025-02-01")
    revenue = items_of(document)["revenue"]
    assert (revenue["status"], revenue["computed_status"], revenue["running"]) == ("incomplete", "incomplete", False)
    assert revenue["percent_of_plan"] == 84.6723
    assert revenue["projected"] == pytest.approx(2540.17 * 366 / 305, abs=1e-3)
    assert revenue["as_of"] == "2024-10-31"
    summary = summary_of(document)
    assert (summary["total"], summary["met_or_exceeded"]) == (3, 1)
    assert summary["by_status"] == {**summary["by_status"], "incomplete": 1, "not_met": 1, "met": 0, "exceeded": 1}
    plain = run("report", "--plan", str(plan), "--format", "plain", "--as-of", "2025-02-01").out
    if lang == "vi":
        assert "Chưa đủ số liệu cả kỳ (84,7% kế hoạch tính đến 31/10/2024, dự kiến cả năm 3.048)" in plain
        assert plain.rstrip().endswith("Chưa đủ số liệu cả kỳ 1) · Đã báo cáo: 39/43 (Hội nghị BCH Đảng bộ tỉnh, "
                                       "20/12/2024)")  # fmt: skip
    else:
        assert "Incomplete (84.7% of plan at 2024-10-31, projected for the year 3,048)" in plain
    paragraph = " ".join(run("report", "--plan", str(plan), "--format", "text", "--as-of", "2025-02-01").out.split())
    if lang == "vi":
        assert (
            "Chưa đủ số liệu cả kỳ: Thu ngân sách (84,7% kế hoạch tính đến 31/10/2024, dự kiến cả năm 3.048)."
            in paragraph
        )
    else:
        assert "Incomplete: Budget revenue (84.7% of plan at 2024-10-31, projected for the year 3,048)." in paragraph
    checked = run("report", "--plan", str(plan), "--check", "--format", "plain", "--as-of", "2025-02-01")
    assert checked.code == 3


def test_a_full_year_figure_is_judged_and_a_reported_verdict_still_overrides(tmp_path: Path) -> None:
    """Once a figure for the whole year is recorded (an estimate dated 31/12 will do), the
    year is judged as before; a verdict recorded with a part-year figure overrides."""
    plan = write_plan(tmp_path, "en")
    record(plan, "revenue", "2540.17", "--period", "2024", "--as-of", "2024-10-31")
    record(plan, "growth", "7.5", "--period", "2024", "--as-of", "2024-12-31")
    record(plan, "forest", "51", "--period", "2024", "--as-of", "2024-12-31")
    assert run("report", "--plan", str(plan), "--check", "--as-of", "2025-02-01").code == 3
    record(plan, "revenue", "3010", "--period", "2024", "--as-of", "2024-12-31", "--status", "estimate")
    document = report_json(plan, "--as-of", "2025-02-01")
    assert items_of(document)["revenue"]["status"] == "exceeded"
    assert run("report", "--plan", str(plan), "--check", "--as-of", "2025-02-01").code == 0
    # looking back to before the estimate was dated: the 10-month figure alone again
    assert items_of(report_json(plan, "--as-of", "2024-12-30"))["revenue"]["status"] == "on_track"
    said = tmp_path / "said"
    said.mkdir()
    other = write_plan(said, "en")
    record(other, "revenue", "2540.17", "--period", "2024", "--as-of", "2024-10-31", "--verdict", "met")
    revenue = items_of(report_json(other, "--as-of", "2025-02-01"))["revenue"]
    assert (revenue["status"], revenue["computed_status"], revenue["reported"]) == ("met", "incomplete", True)


def test_due_still_lists_the_missing_year_figure_of_an_incomplete_target(tmp_path: Path) -> None:
    """What is incomplete in the report is what `due` says is missing: the year's figure."""
    plan = write_plan(tmp_path, "en")
    record(plan, "revenue", "2540.17", "--period", "2024", "--as-of", "2024-10-31")
    due = run("due", "--plan", str(plan), "--format", "json", "--as-of", "2025-02-01", env=base_env())
    assert due.code == 0, due.err
    owed = [(i["id"], i["owed"], i["reason"]) for i in json.loads(due.out)["figures"]]
    assert ("revenue", "2024", "missing") in owed
