"""`tracker compare`: units × targets, for people and for programs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.core.model import Status
from tracker.render.numbers import format_date, format_number
from tracker.render.schema import COMPARE_FIELDS, SCHEMA_VERSION
from tracker.render.sheet import Column, Line, Records, Section, Sheet
from tracker.render.views.fields import (
    actual_fields,
    amendment_fields,
    iso,
    number_field,
    percent_span_fields,
    plan_fields,
    rounded,
    target_fields,
)
from tracker.render.views.phrases import percent_text, status_text, status_word
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.compare import Comparison, Total
    from tracker.core.compare import Line as TargetLine
    from tracker.core.judging import Assessment
    from tracker.core.report import Row


def compare_sheet(comparison: Comparison, lang: str) -> Sheet:
    """The matrix for people: a line per target, a column per unit (each cell the verdict
    and % of plan), the total where the plan adds units up, how many units met the target;
    a last line with each unit's headline."""
    totals = any(line.total is not None for line in comparison.lines)
    columns = (
        Column(word(lang, "ID"), key="id"),
        Column(word(lang, "Target"), wrap=True, key="name"),
        Column(word(lang, "Unit"), key="unit"),
        *(Column(unit.name) for unit in comparison.units),
        *((Column(word(lang, "Total"), numeric=True),) if totals else ()),
        Column(word(lang, "Met or exceeded"), numeric=True),
    )
    sections = [
        Section(group, tuple(_line(line, lang, totals) for line in comparison.lines if line.target.group == group))
        for group in comparison.groups()
    ]
    headline = tuple(f"{unit.summary.met_or_exceeded}/{unit.summary.total}" for unit in comparison.units)
    tail = ("",) if totals else ()
    sections.append(
        Section(word(lang, "Headline"), (Line(("", word(lang, "Met or exceeded"), "", *headline, *tail, "")),))
    )
    return Sheet(
        title=comparison.title,
        subtitle=_subtitle(comparison, lang),
        columns=columns,
        sections=tuple(sections),
        footer=compare_footer(comparison, lang),
    )


def _subtitle(comparison: Comparison, lang: str) -> str:
    units = word(lang, "{count} units", count=len(comparison.units))
    return f"{units} · {comparison.period.label} · {word(lang, 'as of')} {format_date(comparison.as_of, lang)}"


def compare_footer(comparison: Comparison, lang: str) -> tuple[str, ...]:
    """Each unit's headline, then the targets refused for their units of measure."""
    said = [
        f"{unit.name}: "
        + word(lang, "{met} of {total} targets met or exceeded the plan", met=unit.summary.met_or_exceeded,
               total=unit.summary.total)
        for unit in comparison.units
    ]  # fmt: skip
    for refused in comparison.refused:
        measures = ", ".join(f"{name}: {measure or '—'}" for name, measure in refused.units)
        said.append(word(lang, "Not compared: {id} is measured differently ({measures})", id=refused.target_id,
                         measures=measures))  # fmt: skip
    return tuple(said)


def _line(line: TargetLine, lang: str, totals: bool) -> Line:
    cells = tuple(cell_text(cell, lang) for cell in line.cells)
    total = (total_text(line.total, lang),) if totals else ()
    return Line(
        cells=(line.target.id, line.target.display_name(lang), line.target.unit, *cells, *total,
               f"{line.met}/{line.judged}" if line.judged else ""),
        depth=line.depth,
    )  # fmt: skip


def cell_text(cell: Row | None, lang: str) -> str:
    """One unit's verdict and % of plan: "102,5% Vượt"; empty when the unit's plan has no
    value or figure for the period."""
    if cell is None:
        return ""
    percent = percent_text(cell.assessment, lang)
    verdict = status_text(cell.assessment, lang)
    return f"{percent} {verdict}" if percent else verdict


def total_text(total: Total | None, lang: str) -> str:
    """A total with how many units are in it, and its verdict once judged against the
    parent's plan: "3.210 (3/3) 107,0% Vượt"."""
    if total is None:
        return ""
    if total.value is None:
        return f"— (0/{total.units})"
    text = f"{format_number(total.value, lang)} ({total.reported}/{total.units})"
    if total.assessment is not None:
        percent = percent_text(total.assessment, lang)
        text += (
            f" {percent} {status_word(total.assessment.status, lang)}"
            if percent
            else f" {status_word(total.assessment.status, lang)}"
        )
    return text


def compare_records(comparison: Comparison) -> Records:
    """The matrix for programs: one item per unit and target (and per total), with each
    unit's and each target's headline in the envelope."""
    items = []
    for line in comparison.lines:
        for unit, cell in zip(comparison.units, line.cells, strict=True):
            if cell is not None:
                items.append(_cell_item(unit.name, cell.assessment, cell.counted, comparison))
        if line.total is not None:
            items.append(_total_item(line, line.total, comparison))
    envelope = {
        "schema_version": SCHEMA_VERSION,
        "kind": "compare",
        "title": comparison.title,
        "period": comparison.period.label,
        "as_of": comparison.as_of.isoformat(),
        "parent": comparison.parent or None,
        "units": [
            {
                "name": unit.name,
                "total": unit.summary.total,
                "met_or_exceeded": unit.summary.met_or_exceeded,
                "by_status": {s.value: unit.summary.by_status.get(s.value, 0) for s in Status},
            }
            for unit in comparison.units
        ],
        "targets": [
            {
                "id": line.target.id,
                "name": line.target.name,
                "unit": line.target.unit,
                "judged": line.judged,
                "met_or_exceeded": line.met,
            }
            for line in comparison.lines
        ],
        "refused": [
            {"id": r.target_id, "units": [{"unit_name": name, "unit": measure} for name, measure in r.units]}
            for r in comparison.refused
        ],
    }
    return Records("compare", envelope, "cells", COMPARE_FIELDS, items)


def _cell_item(name: str, a: Assessment, counted: bool, comparison: Comparison) -> dict[str, Any]:
    return {
        "unit_name": name,
        "total": False,
        **target_fields(a.target),
        "period": comparison.period.label,
        **plan_fields(a.plan),
        "actual": number_field(a.actual.value) if a.actual else None,
        "as_of": iso(a.actual.as_of) if a.actual else None,
        "figure_status": a.actual.status.value if a.actual else None,
        "status": a.status.value,
        "computed_status": a.computed_status.value,
        "reported": a.reported,
        "percent_of_plan": rounded(a.percent_of_plan),
        "counted": counted,
        "units_reported": None,
        "units": None,
        **amendment_fields(a.original, a.amendment),
        **{k: v for k, v in actual_fields(a.actual.value if a.actual else None).items() if k != "actual"},
        **percent_span_fields(a),
    }


def _total_item(line: TargetLine, total: Total, comparison: Comparison) -> dict[str, Any]:
    a = total.assessment
    return {
        "unit_name": comparison.parent or None,
        "total": True,
        **target_fields(a.target if a else line.target),
        "period": comparison.period.label,
        **plan_fields(a.plan if a else None),
        "actual": total.value,
        "as_of": iso(total.as_of),
        "figure_status": a.actual.status.value if a and a.actual else None,
        "status": a.status.value if a else None,
        "computed_status": a.computed_status.value if a else None,
        "reported": a.reported if a else None,
        "percent_of_plan": rounded(a.percent_of_plan) if a else None,
        "counted": False,
        "units_reported": total.reported,
        "units": total.units,
        **amendment_fields(a.original if a else None, a.amendment if a else None),
        **{k: v for k, v in actual_fields(None).items() if k != "actual"},
        **percent_span_fields(None),
    }
