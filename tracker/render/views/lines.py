"""The one-line answers of `record`, `undo` and `retract`: what was done, and how the
target now stands."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tracker.render.labels import word
from tracker.render.numbers import format_date
from tracker.render.views.phrases import plan_text, status_text, value_text

if TYPE_CHECKING:
    from tracker.core.judging import Assessment
    from tracker.core.model import Entry, Retraction


def record_line(entry: Entry, standing: Assessment, lang: str) -> str:
    """What `record` prints: what was recorded and how the target now stands."""
    value = value_text(entry.value, lang)
    if entry.status.value != "official":
        value = f"{value} ({word(lang, entry.status.value)})"
    stands = status_text(standing, lang)
    plan = plan_text(standing.plan, lang)
    plan_part = f"; {word(lang, 'col_plan').lower()} {plan}" if plan else ""
    day = format_date(entry.as_of, lang)
    if lang == "vi":
        return (
            f"đã ghi {entry.target} {entry.period} = {value} {word(lang, 'as_of')} {day} "
            f"[{entry.id}]; hiện tại: {stands}{plan_part}"
        )
    return (
        f"recorded {entry.target} {entry.period} = {value} {word(lang, 'as_of')} {day} "
        f"[{entry.id}]; now: {stands}{plan_part}"
    )


def retract_line(entry: Entry, retraction: Retraction, lang: str) -> str:
    """What `undo` and `retract` print."""
    value = value_text(entry.value, lang)
    verb = "đã hủy" if lang == "vi" else "retracted"
    day = format_date(entry.as_of, lang)
    return f"{verb} {entry.id}: {entry.target} {entry.period} = {value} ({day}) [{retraction.id}]"
