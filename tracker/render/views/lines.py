"""The one-line answers of `record`, `undo` and `retract`: what was done, and how the
target now stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.render.numbers import format_date
from tracker.render.views.phrases import figure_word, plan_text, status_text, value_text
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.judging import Assessment
    from tracker.core.model import Entry, Retraction


def record_line(entry: Entry, standing: Assessment, lang: str) -> str:
    """What `record` prints: what was recorded and how the target now stands."""
    value = value_text(entry.value, lang)
    if entry.status.value != "official":
        value = f"{value} ({figure_word(entry.status, lang)})"
    plan = plan_text(standing.plan, lang)
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
