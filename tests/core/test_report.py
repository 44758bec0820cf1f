"""Unit tests of the report model: rows, filters and the headline count over components."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tracker.core.judging import Status
from tracker.core.model import Better, Entry, Plan, PlanValue, Shape, Target
from tracker.core.periods import parse_period
from tracker.core.report import GroupCount, Report, Row, build_report

D = Decimal
P2024 = parse_period("2024")
AS_OF = date(2025, 3, 1)  # after 2024: every figure gets a final verdict
ECONOMY = "Kinh tế"
SOCIETY = "Văn hóa - Xã hội"


def at_least(value: str) -> dict[str, PlanValue]:
    return {"2024": PlanValue(Shape.AT_LEAST, value=D(value))}


def neutral(value: str) -> dict[str, PlanValue]:
    return {"2024": PlanValue(Shape.POINT, value=D(value), better=Better.NONE)}


def tgt(
    tid: str, group: str, plans: dict[str, PlanValue] | None = None, parent: str | None = None, owner: str = ""
) -> Target:
    plans = plans or {}
    return Target(
        id=tid,
        name=tid,
        group=group,
        unit="%",
        plans=plans,
        periods={label: parse_period(label) for label in plans},
        parent=parent,
        owner=owner,
    )


def fig(tid: str, value: str, period: str = "2024") -> Entry:
    return Entry(id=f"{tid}-{period}", target=tid, period=period, value=D(value), as_of=date(2024, 12, 31))


def plan_of(*targets: Target) -> Plan:
    return Plan(title="Thử", organisation="Tỉnh Thử", language="vi", default_period="2024", targets=targets)


def enrolment_plan(owner_of_components: str = "Sở Giáo dục") -> Plan:
    """A standalone economy target, a neutral one, and a parent with three components."""
    return plan_of(
        tgt("growth", ECONOMY, at_least("8"), owner="Sở Tài chính"),
        tgt("structure", ECONOMY, neutral("12.44"), owner="Sở Tài chính"),
        tgt("enrolment", SOCIETY, owner="Sở Giáo dục"),
        tgt("enrol_pre", SOCIETY, at_least("98"), parent="enrolment", owner=owner_of_components),
        tgt("enrol_pri", SOCIETY, at_least("99.8"), parent="enrolment", owner=owner_of_components),
        tgt("enrol_low", SOCIETY, at_least("95"), parent="enrolment", owner=owner_of_components),
    )


def rows_by_id(report: Report) -> dict[str, Row]:
    return {row.target.id: row for row in report.rows}


def test_headline_counts_components_not_parent() -> None:
    """The parent is shown but not counted; its three components and the economy target are."""
    entries = [fig("growth", "9"), fig("enrol_pre", "98"), fig("enrol_pri", "99.9"), fig("enrol_low", "94")]
    report = build_report(enrolment_plan(), entries, P2024, AS_OF)
    rows = rows_by_id(report)
    assert rows["enrolment"].counted is False
    assert rows["enrolment"].components == 3
    assert [rows[c].counted for c in ("enrol_pre", "enrol_pri", "enrol_low")] == [True, True, True]
    assert rows["growth"].counted is True
    assert report.summary.total == 4
    assert report.summary.met_or_exceeded == 3


def test_neutral_target_shown_but_not_counted() -> None:
    """A neutral (better = none) target appears as not_judged and is left out of every count."""
    entries = [fig("growth", "9"), fig("structure", "13")]
    report = build_report(enrolment_plan(), entries, P2024, AS_OF)
    rows = rows_by_id(report)
    assert rows["structure"].status is Status.NOT_JUDGED
    assert rows["structure"].counted is False
    assert report.summary.total == 4  # growth + three components, no data for the components
    assert "not_judged" not in report.summary.by_status
    economy = next(g for g in report.summary.by_group if g.group == ECONOMY)
    assert economy == GroupCount(ECONOMY, 1, 1)


def test_counts_per_status_and_group() -> None:
    """Counts per status and per group are taken over counted rows only."""
    entries = [fig("growth", "9"), fig("enrol_pre", "98"), fig("enrol_pri", "99.5")]
    report = build_report(enrolment_plan(), entries, P2024, AS_OF)
    assert report.summary.by_status == {"exceeded": 1, "met": 1, "not_met": 1, "no_data": 1}
    assert report.summary.by_group == (GroupCount(ECONOMY, 1, 1), GroupCount(SOCIETY, 3, 1))
    assert report.summary.trouble == 1


def test_rows_in_group_order_with_components_under_parent() -> None:
    """Rows come in group order, each component right under its parent at depth 1."""
    report = build_report(enrolment_plan(), [], P2024, AS_OF)
    assert [(row.target.id, row.depth) for row in report.rows] == [
        ("growth", 0),
        ("structure", 0),
        ("enrolment", 0),
        ("enrol_pre", 1),
        ("enrol_pri", 1),
        ("enrol_low", 1),
    ]
    assert report.groups() == [ECONOMY, SOCIETY]


def test_groups_regrouped_when_file_interleaves_them() -> None:
    """Targets of one group are gathered together even when the file interleaves groups."""
    plan = plan_of(
        tgt("a", ECONOMY, at_least("1")),
        tgt("b", SOCIETY, at_least("1")),
        tgt("c", ECONOMY, at_least("1")),
    )
    report = build_report(plan, [], P2024, AS_OF)
    assert [row.target.id for row in report.rows] == ["a", "c", "b"]


def test_target_without_plan_or_figure_for_period_is_left_out() -> None:
    """A target with no plan value and no figure for the period does not appear."""
    plan = plan_of(
        tgt("this_year", ECONOMY, at_least("8")),
        tgt("other_year", ECONOMY, {"2025": PlanValue(Shape.AT_LEAST, value=D("8"))}),
    )
    report = build_report(plan, [], P2024, AS_OF)
    assert [row.target.id for row in report.rows] == ["this_year"]
    assert report.summary.total == 1


def test_figure_without_plan_is_shown_not_counted() -> None:
    """A target tracked without a plan value appears when it has a figure but is never counted."""
    plan = plan_of(tgt("poverty_rate", SOCIETY), tgt("growth", ECONOMY, at_least("8")))
    report = build_report(plan, [fig("poverty_rate", "19.46"), fig("growth", "9")], P2024, AS_OF)
    rows = rows_by_id(report)
    assert rows["poverty_rate"].status is Status.NOT_JUDGED
    assert rows["poverty_rate"].counted is False
    assert report.summary.total == 1
    assert report.summary.met_or_exceeded == 1


def test_parent_met_when_all_components_met() -> None:
    """A parent without its own plan is met when every component is met or exceeded."""
    entries = [fig("enrol_pre", "98"), fig("enrol_pri", "99.9"), fig("enrol_low", "95")]
    report = build_report(enrolment_plan(), entries, P2024, AS_OF)
    assert rows_by_id(report)["enrolment"].status is Status.MET


def test_parent_exceeded_when_all_components_exceeded() -> None:
    """A parent whose components all exceeded is exceeded."""
    entries = [fig("enrol_pre", "99"), fig("enrol_pri", "99.9"), fig("enrol_low", "96")]
    report = build_report(enrolment_plan(), entries, P2024, AS_OF)
    assert rows_by_id(report)["enrolment"].status is Status.EXCEEDED


def test_parent_not_met_when_any_component_not_met() -> None:
    """One component not met makes the parent not met, even with others exceeded."""
    entries = [fig("enrol_pre", "99"), fig("enrol_pri", "99.7"), fig("enrol_low", "96")]
    report = build_report(enrolment_plan(), entries, P2024, AS_OF)
    parent = rows_by_id(report)["enrolment"]
    assert parent.status is Status.NOT_MET
    assert parent.assessment.computed_status is Status.NOT_MET


def test_parent_not_met_beats_no_data() -> None:
    """A parent with one component not met and one without data is not met."""
    entries = [fig("enrol_pre", "97"), fig("enrol_pri", "99.9")]
    report = build_report(enrolment_plan(), entries, P2024, AS_OF)
    assert rows_by_id(report)["enrolment"].status is Status.NOT_MET


def test_parent_with_own_plan_not_counted_when_it_has_components() -> None:
    """A parent that also carries a plan value is still counted only through its components."""
    plan = plan_of(
        tgt("tourism", ECONOMY, at_least("1000")),
        tgt("tourism_rev", ECONOMY, at_least("1200"), parent="tourism"),
        tgt("tourism_arr", ECONOMY, at_least("2000"), parent="tourism"),
    )
    entries = [fig("tourism", "1100"), fig("tourism_rev", "1205.7"), fig("tourism_arr", "1500")]
    report = build_report(plan, entries, P2024, AS_OF)
    rows = rows_by_id(report)
    assert rows["tourism"].counted is False
    assert rows["tourism"].status is Status.EXCEEDED  # its own plan judges it
    assert report.summary.total == 2
    assert report.summary.met_or_exceeded == 1
    assert report.summary.by_status == {"exceeded": 1, "not_met": 1}


def test_owner_filter_keeps_parent_of_matching_component() -> None:
    """Filtering by owner keeps a parent owned by someone else when a component matches."""
    plan = enrolment_plan(owner_of_components="Phòng GD huyện")
    report = build_report(plan, [fig("enrol_pre", "98")], P2024, AS_OF, owner="phòng gd huyện")
    assert [row.target.id for row in report.rows] == ["enrolment", "enrol_pre", "enrol_pri", "enrol_low"]
    assert rows_by_id(report)["enrolment"].counted is False
    assert report.summary.total == 3


def test_owner_filter_drops_other_owners() -> None:
    """Filtering by owner leaves out targets of other owners (case-insensitive match)."""
    report = build_report(enrolment_plan(), [fig("growth", "9")], P2024, AS_OF, owner="sở tài chính")
    assert [row.target.id for row in report.rows] == ["growth", "structure"]
    assert report.summary.total == 1
    assert report.summary.met_or_exceeded == 1


def test_group_filter_keeps_parent_when_component_matches() -> None:
    """Filtering by group keeps a parent of another group when one of its components matches."""
    plan = plan_of(
        tgt("growth", ECONOMY, at_least("8")),
        tgt("mixed", SOCIETY),
        tgt("mixed_env", "Môi trường", at_least("54"), parent="mixed"),
        tgt("mixed_soc", SOCIETY, at_least("97"), parent="mixed"),
    )
    report = build_report(plan, [fig("mixed_env", "55")], P2024, AS_OF, group="môi trường")
    assert [row.target.id for row in report.rows] == ["mixed", "mixed_env"]
    assert report.summary.total == 1
    assert report.summary.met_or_exceeded == 1


def test_group_filter_drops_other_groups() -> None:
    """Filtering by group keeps only that group's targets (case-insensitive)."""
    report = build_report(enrolment_plan(), [fig("growth", "9")], P2024, AS_OF, group="kinh tế")
    assert [row.target.id for row in report.rows] == ["growth", "structure"]
    assert report.groups() == [ECONOMY]


def test_report_carries_plan_metadata() -> None:
    """The report keeps the plan's title, organisation, period and as-of date."""
    report = build_report(enrolment_plan(), [], P2024, AS_OF)
    assert (report.title, report.organisation, report.period, report.as_of) == ("Thử", "Tỉnh Thử", P2024, AS_OF)


def test_reported_verdict_counts_in_headline() -> None:
    """A reported verdict replaces the computed one in the headline count."""
    plan = plan_of(tgt("agri", ECONOMY, {"2024": PlanValue(Shape.AT_LEAST, value=D("5"), strict=True)}))
    official = Entry(id="x", target="agri", period="2024", value=D("5"), as_of=date(2024, 12, 31), verdict="met")
    report = build_report(plan, [official], P2024, AS_OF)
    assert report.rows[0].status is Status.MET
    assert report.rows[0].assessment.computed_status is Status.NOT_MET
    assert report.summary.met_or_exceeded == 1
    assert report.summary.by_status == {"met": 1}
