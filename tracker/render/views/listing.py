"""`tracker list`: the targets and their plan values, for people and for programs."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.render.schema import LIST_FIELDS, SCHEMA_VERSION
from tracker.render.sheet import Column, Line, Records, Section, Sheet
from tracker.render.views.fields import amendment_fields, plan_fields, target_fields
from tracker.render.views.phrases import amended_text
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.model import Amendment, Plan, PlanValue, Target


def list_sheet(plan: Plan, targets: Sequence[Target], period: str, lang: str, on: date) -> Sheet:
    """Targets with group, unit, owner and the plan value for ``period``, with the
    amendment in force ``on`` that day after an arrow."""
    columns = (
        Column(word(lang, "ID"), key="id"),
        Column(word(lang, "Target"), wrap=True, key="name"),
        Column(word(lang, "Unit"), key="unit"),
        Column(f"{word(lang, 'Plan')} {period}", numeric=True),
        Column(word(lang, "Owner")),
    )
    sections = []
    for group in dict.fromkeys(t.group for t in targets):
        lines = tuple(
            Line(
                cells=(t.id, t.display_name(lang), t.unit, amended_text(*_in_force(t, period, on), lang), t.owner),
                depth=1 if t.parent else 0,
            )
            for t in targets
            if t.group == group
        )
        sections.append(Section(group, lines))
    return Sheet(title=plan.display_title(lang), subtitle=plan.organisation, columns=columns, sections=tuple(sections))


def _in_force(t: Target, period: str, on: date) -> tuple[PlanValue | None, Amendment | None]:
    """The plan value of ``period`` as written and the amendment in force ``on``, if any."""
    original = t.plans.get(period)
    return original, original.amendment_on(on) if original is not None else None


def list_records(plan: Plan, targets: Sequence[Target], period: str, on: date) -> Records:
    """Targets for programs: the plan fields carry the value in force ``on`` (amendments
    beside it); json items also carry ``plans``, every period's value with its amendments."""
    items = []
    for t in targets:
        original, amendment = _in_force(t, period, on)
        items.append(
            {
                **target_fields(t),
                "source": t.source or None,
                "accumulates": t.accumulates,
                "period": period,
                **plan_fields(amendment.value if amendment else original),
                **amendment_fields(original, amendment),
                "plans": {label: _versions(value) for label, value in t.plans.items()},
            }
        )
    envelope = {
        "schema_version": SCHEMA_VERSION,
        "kind": "list",
        "title": plan.title,
        "organisation": plan.organisation,
        "period": period,
    }
    return Records("list", envelope, "targets", LIST_FIELDS, items)


def _versions(value: PlanValue) -> dict[str, Any]:
    """A period's plan value as written, and its amendments (``amended``) when it has any."""
    fields = plan_fields(value)
    if value.amendments:
        fields["amended"] = [
            {"from": a.takes_effect.isoformat(), "source": a.source, **plan_fields(a.value)} for a in value.amendments
        ]
    return fields
