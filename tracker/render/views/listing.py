"""`tracker list`: the targets and their plan values, for people and for programs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tracker.render.schema import LIST_FIELDS, SCHEMA_VERSION
from tracker.render.sheet import Column, Line, Records, Section, Sheet
from tracker.render.views.fields import plan_fields, target_fields
from tracker.render.views.phrases import plan_text
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.model import Plan, Target


def list_sheet(plan: Plan, targets: Sequence[Target], period: str, lang: str) -> Sheet:
    """Targets with group, unit, owner and the plan value for ``period``."""
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
                cells=(t.id, t.display_name(lang), t.unit, plan_text(t.plans.get(period), lang), t.owner),
                depth=1 if t.parent else 0,
            )
            for t in targets
            if t.group == group
        )
        sections.append(Section(group, lines))
    return Sheet(title=plan.display_title(lang), subtitle=plan.organisation, columns=columns, sections=tuple(sections))


def list_records(plan: Plan, targets: Sequence[Target], period: str) -> Records:
    """Targets for programs; json items also carry ``plans``, every period's value."""
    items = []
    for t in targets:
        items.append(
            {
                **target_fields(t),
                "source": t.source or None,
                "accumulates": t.accumulates,
                "period": period,
                **plan_fields(t.plans.get(period)),
                "plans": {label: plan_fields(value) for label, value in t.plans.items()},
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
