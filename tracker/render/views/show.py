"""`tracker show`: one target in full, for people and for programs."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from tracker.core.model import Shape
from tracker.render.charts import Bar, history_chart
from tracker.render.numbers import format_date
from tracker.render.schema import REPORT_FIELDS, SCHEMA_VERSION
from tracker.render.sheet import Column, Line, Records, Section, Sheet
from tracker.render.views.explain import explain
from tracker.render.views.history import history_records
from tracker.render.views.listing import list_records
from tracker.render.views.phrases import (
    actual_text,
    any_illustrative,
    assessed_plan_text,
    change_text,
    figure_word,
    illustrative_legend,
    marked_plan_text,
    percent_text,
    plan_text,
    status_word,
    value_text,
)
from tracker.render.views.report import report_records
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.judging import Assessment
    from tracker.core.model import Entry, Plan, Retraction, Target


def show_sheet(
    target: Target,
    assessments: Sequence[Assessment],
    lang: str,
    entries: Sequence[Entry] = (),
    retracted: Collection[str] = (),
) -> Sheet:
    """One target in full: definition in the subtitle, a line per period with the
    verdict explained, its history as a chart, and every figure recorded."""
    columns = (
        Column(word(lang, "Period")),
        Column(word(lang, "Plan"), numeric=True),
        Column(word(lang, "Actual"), numeric=True),
        Column(word(lang, "As of")),
        Column(word(lang, "% plan"), numeric=True),
        Column(word(lang, "vs last year"), numeric=True),
        Column(word(lang, "Status"), wrap=True),
    )
    footer = list(plan_versions(target, lang))
    if any(any_illustrative(a) for a in assessments) or any(
        v.illustrative for p in target.plans.values() for v in (p, *(a.value for a in p.amendments))
    ):
        footer.append(illustrative_legend(lang))
    if target.note:
        footer.append(target.note)
    return Sheet(
        title=target.display_name(lang),
        subtitle=definition(target, lang),
        columns=columns,
        sections=(Section(None, tuple(_period_line(a, lang) for a in assessments)),),
        footer=tuple(footer),
        figure=(*history_figure(assessments, lang), *recorded_figures(entries, retracted, lang)),
    )


def definition(target: Target, lang: str) -> str:
    """What the plan file says of a target, on one line: id, group, unit, and the rest when given."""
    parts = [
        f"{word(lang, 'ID')}: {target.id}",
        f"{word(lang, 'Group')}: {target.group}",
        f"{word(lang, 'Unit')}: {target.unit}",
    ]
    if target.parent:
        parts.append(f"{word(lang, 'Part of')}: {target.parent}")
    if target.owner:
        parts.append(f"{word(lang, 'Owner')}: {target.owner}")
    if target.source:
        parts.append(f"{word(lang, 'Source')}: {target.source}")
    return " · ".join(parts)


def plan_versions(target: Target, lang: str) -> tuple[str, ...]:
    """Every version of each amended plan value, oldest first: the value as written, then
    each amendment with the date it takes effect and the document that made it."""
    lines: list[str] = []
    for label, value in target.plans.items():
        if not value.amendments:
            continue
        if not lines:
            lines.append(word(lang, "Plan values and their amendments"))
        lines.append(f"  {label}: {marked_plan_text(value, lang)}")
        for amendment in value.amendments:
            day = format_date(amendment.takes_effect, lang)
            said = word(lang, "from {day}", day=day)
            lines.append(f"  {label}: {said} {marked_plan_text(amendment.value, lang)} ({amendment.source})")
    return tuple(lines)


def _period_line(a: Assessment, lang: str) -> Line:
    """One period: plan (starred when illustrative; the amendment in force after an arrow),
    figure, date, % of plan, change, the verdict explained."""
    return Line(
        cells=(
            a.period.label, assessed_plan_text(a, lang), actual_text(a, lang),
            format_date(a.actual.as_of, lang) if a.actual else "", percent_text(a, lang),
            change_text(a, lang), explain(a, lang),
        ),
        status=a.status.value,
    )  # fmt: skip


def recorded_figures(entries: Sequence[Entry], retracted: Collection[str], lang: str) -> tuple[str, ...]:
    """Every figure of a target, revisions and retracted ones included, oldest first."""
    if not entries:
        return ()
    lines = ["", word(lang, "Figures recorded")]
    for e in entries:
        parts = [
            e.period,
            value_text(e.value, lang),
            figure_word(e.status, lang),
            format_date(e.as_of, lang),
            f"[{e.id}]",
        ]
        if e.verdict:
            parts.append(f"{word(lang, 'reported')}: {status_word(e.verdict, lang)}")
        if e.source:
            parts.append(e.source)
        if e.note:
            parts.append(e.note)
        if e.id in retracted:
            parts.append(f"({word(lang, 'retracted')})")
        lines.append("  " + "  ".join(parts))
    return tuple(lines)


def history_figure(assessments: Sequence[Assessment], lang: str) -> tuple[str, ...]:
    """The target's history as text bars, one per period with a figure or a plan."""
    bars = []
    for a in assessments:
        if a.actual is None and a.plan is None:
            continue
        plan = a.plan.reference if a.plan is not None and a.plan.shape is not Shape.MILESTONE else None
        bars.append(
            Bar(
                label=a.period.label,
                value=a.actual.value if a.actual else None,
                plan=plan,
                value_text=value_text(a.actual.value, lang, a.plan) if a.actual else "",
                plan_text=plan_text(a.plan, lang),
            )
        )
    if not bars:
        return ()
    return (word(lang, "History (█ actual, │ plan)"), *history_chart(bars, plan_word=word(lang, "plan")))


def show_records(
    plan: Plan,
    target: Target,
    assessments: Sequence[Assessment],
    as_of: date,
    entries: Sequence[Entry],
    retractions: Sequence[Retraction],
    batches: Mapping[str, str],
    lines: Mapping[str, int],
) -> Records:
    """One target for programs: its definition, a judged item per period, its entries
    (as `history` gives them: ``batches`` and ``lines`` as ``history_records`` takes them)."""
    from tracker.core.report import Report, Row, summarise

    rows = [Row(a, depth=0, counted=a.judged) for a in assessments]
    items = []
    for a, row in zip(assessments, rows, strict=False):
        single = Report(plan.title, plan.organisation, a.period, as_of, (row,), summarise([row]))
        items.extend(report_records(single).items)
    history = history_records(plan, entries, retractions, batches, lines)
    envelope = {
        "schema_version": SCHEMA_VERSION,
        "kind": "show",
        "title": plan.title,
        "target": list_records(plan, [target], plan.default_period, as_of).items[0],
        "entries": history.items,
    }
    return Records("show", envelope, "periods", REPORT_FIELDS, items)
