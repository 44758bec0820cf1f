"""`tracker due`: the figures owed, by owner, for people and for programs."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.render.numbers import format_date
from tracker.render.schema import DUE_FIELDS, SCHEMA_VERSION
from tracker.render.sheet import Column, Line, Records, Section, Sheet
from tracker.render.views.fields import actual_fields, iso, number_field
from tracker.render.views.phrases import figure_word, value_text
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.due import Dues, Owed

# The words for why a figure is listed (tracker.core.due.Reason), and the colour it takes.
REASON_WORDS = {"missing": "Missing", "estimate_only": "Estimate only"}
REASON_COLOUR = {"missing": "not_met", "estimate_only": "at_risk"}
NO_OWNER = "(no owner)"


def due_sheet(dues: Dues, lang: str) -> Sheet:
    """The owed figures for people: a section per owner, the count last."""
    columns = (
        Column(word(lang, "ID"), key="id"),
        Column(word(lang, "Target"), wrap=True, key="name"),
        Column(word(lang, "Unit"), key="unit"),
        Column(word(lang, "Owed for")),
        Column(word(lang, "Period")),
        Column(word(lang, "Due")),
        Column(word(lang, "Days late"), numeric=True),
        Column(word(lang, "Latest figure"), numeric=True),
        Column(word(lang, "Status")),
    )
    sections = tuple(
        Section(
            f"{owner.owner or word(lang, NO_OWNER)} ({len(owner.items)})",
            tuple(_line(item, lang) for item in owner.items),
        )
        for owner in dues.owners
    )
    as_of = f"{word(lang, 'as of')} {format_date(dues.as_of, lang)}"
    scope = f" · {dues.period.label}" if dues.period else ""
    return Sheet(
        title=dues.display_title(lang),
        subtitle=f"{dues.organisation}{scope} · {as_of}".lstrip(" ·"),
        columns=columns,
        sections=sections,
        footer=(due_headline(dues, lang),),
    )


def due_headline(dues: Dues, lang: str) -> str:
    """How many figures are overdue, from how many owners; or that none is."""
    items = dues.items
    if not items:
        return word(lang, "No figure is overdue as of {date}", date=format_date(dues.as_of, lang))
    estimates = sum(1 for item in items if item.reason == "estimate_only")
    return word(
        lang,
        "Overdue figures: {count} ({missing} missing, {estimates} only as estimates); owners behind: {owners}",
        count=len(items),
        owners=len(dues.owners),
        missing=len(items) - estimates,
        estimates=estimates,
    )


def _line(item: Owed, lang: str) -> Line:
    figure = item.figure
    shown = ""
    if figure is not None:
        shown = f"{value_text(figure.value, lang)} ({figure_word(figure.status, lang)})"
    return Line(
        cells=(
            item.target.id,
            item.target.display_name(lang),
            item.target.unit,
            item.slot.label,
            item.period,
            format_date(item.due, lang),
            str(item.days_late),
            shown,
            word(lang, REASON_WORDS[item.reason]),
        ),
        status=REASON_COLOUR[item.reason],
        depth=1 if item.target.parent else 0,
    )


def due_records(dues: Dues) -> Records:
    """The owed figures for programs: one item each, and a count per owner."""
    items = dues.items
    envelope = {
        "schema_version": SCHEMA_VERSION,
        "kind": "due",
        "title": dues.title,
        "organisation": dues.organisation,
        "as_of": dues.as_of.isoformat(),
        "period": dues.period.label if dues.period else None,
        "summary": {
            "total": len(items),
            "missing": sum(1 for i in items if i.reason == "missing"),
            "estimate_only": sum(1 for i in items if i.reason == "estimate_only"),
            "by_owner": [
                {
                    "owner": owner.owner or None,
                    "total": len(owner.items),
                    "missing": sum(1 for i in owner.items if i.reason == "missing"),
                    "estimate_only": sum(1 for i in owner.items if i.reason == "estimate_only"),
                    "most_days_late": max(i.days_late for i in owner.items),
                }
                for owner in dues.owners
            ],
        },
    }
    return Records("due", envelope, "figures", DUE_FIELDS, [_item(item) for item in items])


def _item(item: Owed) -> dict[str, Any]:
    t, figure = item.target, item.figure
    return {
        "owner": t.owner or None,
        "id": t.id,
        "name": t.name,
        "name_en": t.name_en or None,
        "group": t.group,
        "unit": t.unit,
        "owed": item.slot.label,
        "owed_start": iso(item.slot.start),
        "owed_end": iso(item.slot.end),
        "period": item.period,
        "due": iso(item.due),
        "days_late": item.days_late,
        "reason": item.reason.value,
        "actual": number_field(figure.value) if figure else None,
        "as_of": iso(figure.as_of) if figure else None,
        "figure_status": figure.status.value if figure else None,
        "entry_id": figure.id if figure else None,
        **{k: v for k, v in actual_fields(figure.value if figure else None).items() if k != "actual"},
    }
