"""The Biểu: the annex table offices file, as one model the xlsx and docx formats lay out.

Groups are section rows numbered in Roman numerals (I. Kinh tế, II. Văn hóa - Xã hội),
targets are numbered 1, 2, 3 … through the document in the plan's order, components
under their parent as 2.1, 2.2 (../shared/DOMAIN.md section 7). Cells keep the numbers
themselves, with how each is to be shown (``NumberShape``), so a workbook stores numbers
and a Word table writes them the reader's way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from tracker.core.judging import Assessment
from tracker.core.model import ChangeKind, FigureStatus, Shape, decimal_places
from tracker.core.report import Report
from tracker.render.numbering import numbered


class Bound(StrEnum):
    """How a plan number is bounded: written before it ("≥ 8")."""

    none = ""
    at_least = "≥"
    above = ">"
    at_most = "≤"
    below = "<"
    about = "≈"


@dataclass(frozen=True)
class Number:
    """A number for a cell, with what a format needs to show it as the table does."""

    value: Decimal
    places: int  # decimals shown
    bound: Bound = Bound.none  # plan values: the sign before the number
    suffix: str = ""  # a mark after it: "(ước)"; for changes in points, the unit


@dataclass(frozen=True)
class BieuRow:
    """One row of the Biểu: a group heading (``section``) or a target."""

    stt: str
    name: str
    section: bool = False
    depth: int = 0
    unit: str = ""
    plan: Number | str = ""  # a number, or text: a range "9–10", a milestone "Đạt"
    actual: Number | str = ""
    percent: Number | str | None = None  # % of plan, as a share (1.085 for 108.5 %); text for a range figure
    change: Number | None = None  # relative change as a share, or points
    change_is_share: bool = True
    verdict: str = ""
    status: str = ""  # machine status, for colour
    illustrative: bool = False  # the plan value is not a published one
    plan_marked: bool = False  # the plan is an amended value's text, each part starred within it
    estimate: bool = False  # the figure is an estimate or preliminary


def plan_number(a: Assessment) -> Number | None:
    """The plan value as one number and its bound, or None for a range, a milestone or no plan."""
    plan = a.plan
    if plan is None or plan.value is None:
        return None
    places = plan.decimals
    if plan.shape is Shape.AT_LEAST:
        return Number(plan.value, places, Bound.above if plan.strict else Bound.at_least)
    if plan.shape is Shape.AT_MOST:
        return Number(plan.value, places, Bound.below if plan.strict else Bound.at_most)
    if plan.shape is Shape.ABOUT:
        return Number(plan.value, places, Bound.about)
    return Number(plan.value, places)


def actual_number(a: Assessment, marks: str = "") -> Number | None:
    """The figure as a number with its ``marks`` ("(ước, điều chỉnh từ 7,0)", from
    ``phrases.figure_marks``); None for yes/no, a range or a word (written as text: a
    spreadsheet cell holds one number). The marks are shown by the cell's format, so the
    cell keeps the number."""
    if a.actual is None or not isinstance(a.actual.value, Decimal):
        return None
    value = a.actual.value
    places = max(decimal_places(value), a.plan.decimals if a.plan else 0)
    return Number(value, places, suffix=marks)


def percent_share(a: Assessment) -> Number | None:
    """% of plan as a share, one decimal of the percentage."""
    if a.percent_of_plan is None:
        return None
    return Number(a.percent_of_plan / 100, 3)


def change_number(a: Assessment, points_word: str) -> tuple[Number | None, bool]:
    """The change on last year, and whether it is a share (relative %) rather than points."""
    if a.change is None:
        return None, True
    if a.change_kind is ChangeKind.POINTS:
        places = max(
            a.plan.decimals if a.plan else 0,
            decimal_places(a.actual.value) if a.actual and isinstance(a.actual.value, Decimal) else 0,
            1,
        )
        return Number(a.change, places, suffix=points_word), False
    return Number(a.change / 100, 3), True


def bieu_rows(report: Report, lang: str) -> list[BieuRow]:
    """The Biểu of ``report`` in ``lang``: group headings and numbered targets."""
    from tracker.render.views.phrases import (
        actual_text,
        any_illustrative,
        assessed_plan_text,
        figure_marks,
        percent_text,
        plan_text,
        revised_text,
        status_text,
    )
    from tracker.words import word

    rows: list[BieuRow] = []
    for stt, depth, a, group in numbered(report):
        if a is None:
            rows.append(BieuRow(stt=stt, name=group, section=True))
            continue
        marks = figure_marks(a.actual, revised_text(a, lang), lang) if a.actual else ""
        change, is_share = change_number(a, word(lang, "pts"))
        rows.append(
            BieuRow(
                stt=stt,
                name=a.target.display_name(lang),
                depth=depth,
                unit=a.target.unit,
                # an amended value is text: both versions (each starred when illustrative) and
                # the document that amended it; any other plan is starred by the layout
                plan=(plan_number(a) or plan_text(a.plan, lang))
                if a.amendment is None
                else assessed_plan_text(a, lang),
                plan_marked=a.amendment is not None,
                actual=actual_number(a, marks) or actual_text(a, lang),  # yes/no, a range, a word: text
                percent=percent_text(a, lang) if a.percent_span else percent_share(a),
                change=change,
                change_is_share=is_share,
                verdict=status_text(a, lang),
                status=a.status.value,
                illustrative=any_illustrative(a),
                estimate=bool(a.actual and a.actual.status is not FigureStatus.OFFICIAL),
            )
        )
    return rows


@dataclass(frozen=True)
class Filing:
    """A report as a document to file: what the Biểu needs beyond the report itself."""

    report: Report
    issued: date  # the day on the place-and-date line (today)
    place: str = ""  # "Lai Châu": the plan's place, when it names one


def place_and_date(filing: Filing, lang: str) -> str:
    """Lai Châu, ngày 02 tháng 12 năm 2026: a leading zero for days below 10 and for
    January and February, as Vietnamese administrative documents write it (English:
    Lai Châu, 2026-12-02)."""
    from tracker.words import word

    day = filing.issued
    # Vietnamese documents pad only January and February (so "tháng 1" cannot become "tháng 10").
    month = str(day.month) if lang == "vi" and day.month > 2 else f"{day.month:02d}"
    text = word(lang, "{year}-{month}-{day}", year=day.year, month=month, day=f"{day.day:02d}")
    return f"{filing.place}, {text}" if filing.place else text[:1].upper() + text[1:]


def document_words(filing: Filing, lang: str) -> dict[str, str]:
    """Every text of the Biểu as xlsx and docx lay it out, in ``lang``."""
    from tracker.render.numbers import format_date
    from tracker.render.paragraph import period_words
    from tracker.render.views.phrases import headline, illustrative_legend, incomplete_notes, marked
    from tracker.words import word

    report = filing.report
    rows = bieu_rows(report, lang)
    notes = [headline(report, lang)]
    if marked(report):  # the one test every format's legend takes
        notes.append(illustrative_legend(lang))
    if any(row.estimate for row in rows):
        notes.append(word(lang, "est. and prelim. mark estimated and preliminary figures"))
    notes.extend(incomplete_notes(report, lang))
    when = period_words(report.period, lang)
    return {
        "col_stt": word(lang, "No."),
        "col_name": word(lang, "Target"),
        "col_unit": word(lang, "Unit"),
        "col_plan": word(lang, "Plan"),
        "col_actual": word(lang, "Actual"),
        "col_percent": word(lang, "% of plan"),
        "col_change": word(lang, "vs last year"),
        "col_status": word(lang, "Status"),
        "sheet_bieu": word(lang, "Report"),
        "sheet_data": word(lang, "Data"),
        "organisation": report.organisation,
        "title": report.display_title(lang),
        "period_line": word(lang, "{period}, as of {day}", period=when[:1].upper() + when[1:],
                            day=format_date(report.as_of, lang)),
        "place_date": place_and_date(filing, lang),
        "footer": "\n".join(notes),
        "sign_left": word(lang, "PREPARED BY"),
        "sign_right": word(lang, "HEAD OF OFFICE"),
        "sign_hint": word(lang, "(signature and full name)"),
    }  # fmt: skip
