"""The one-line answers of `record`, `undo` and `retract`: what was done, and how the
target now stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.render.numbers import format_date
from tracker.render.views.phrases import assessed_plan_text, marked_figure, revised_text, status_text, value_text
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.judging import Assessment
    from tracker.core.model import Entry, Retraction


def record_line(entry: Entry, standing: Assessment, lang: str) -> str:
    """What `record` prints: what was recorded (marked as a revision when it gives its point
    another value than first reported) and how the target now stands, against the plan in
    force (after an arrow when amended)."""
    winner = standing.actual is not None and standing.actual.id == entry.id
    value = marked_figure(value_text(entry.value, lang), entry, revised_text(standing, lang) if winner else "", lang)
    plan = assessed_plan_text(standing, lang)
    return word(
        lang,
        "recorded {target} {period} = {value} as of {day} [{id}]; now: {standing}{plan}",
        target=entry.target, period=entry.period, value=value, day=format_date(entry.as_of, lang), id=entry.id,
        standing=status_text(standing, lang), plan=word(lang, "; plan {plan}", plan=plan) if plan else "",
    )  # fmt: skip


def retract_line(entry: Entry, retraction: Retraction, lang: str) -> str:
    """What `undo` and `retract` print."""
    return word(
        lang,
        "retracted {id}: {target} {period} = {value} ({day}) [{retraction}]",
        id=entry.id, target=entry.target, period=entry.period, value=value_text(entry.value, lang),
        day=format_date(entry.as_of, lang), retraction=retraction.id,
    )  # fmt: skip
