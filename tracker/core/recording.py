"""Turning what a person or a script typed into a valid Entry, or a precise refusal.

`tracker record` and `tracker import` share this, so both refuse the same things with
the same words.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from tracker.core.model import Entry, FigureStatus, Plan, Shape, Span, Target, Value, Verdict
from tracker.core.periods import Period, PeriodError, parse_period, year_of
from tracker.core.values import (
    ValueParseError,
    brief,
    figure_problem,
    has_letter,
    nfc,
    parse_number,
    parse_range,
    parse_yes_no,
    range_order_problem,
    word_problem,
)
from tracker.messages import Msg


class FieldError(ValueError):
    """One field of a figure is wrong; ``field`` names it."""

    def __init__(self, field: str, message: Msg) -> None:
        super().__init__(str(message))
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Draft:
    """A figure as typed: every field text (or already typed, from json), nothing checked."""

    target: str
    value: str | Decimal | bool | int | float | Sequence[object]
    period: str | None = None
    as_of: str | date | None = None
    status: str | None = None
    source: str = ""
    note: str = ""
    verdict: str = ""
    id: str = ""
    recorded_at: datetime | None = None
    recorded_by: str = ""


def is_milestone(target: Target) -> bool:
    """A yes/no target: every plan value it has is a milestone."""
    return bool(target.plans) and all(p.shape is Shape.MILESTONE for p in target.plans.values())


def _is_yes_no(text: str) -> bool:
    """``text`` reads as a milestone's yes or no (có, đạt, no), which no word figure is."""
    try:
        parse_yes_no(text)
    except ValueParseError:
        return False
    return True


def parse_value(
    target: Target, raw: str | Decimal | bool | int | float | Sequence[object], with_verdict: bool = False
) -> Value:
    """The figure for ``target``: yes/no for a milestone; otherwise a finite number, a
    range ("61-62", or a pair of numbers from json) or, ``with_verdict`` (a reported
    verdict recorded with it), a word such as "Xuất siêu"."""
    if is_milestone(target):
        if isinstance(raw, bool):
            return raw
        return parse_yes_no(str(raw))
    if isinstance(raw, bool):
        raise ValueParseError(Msg("{target} takes a number, not {value}", target=target.id, value=str(raw).lower()))
    if isinstance(raw, str):
        span = parse_range(raw)
        if span is not None:
            return Span(*span)
        try:
            return _checked(parse_number(raw))
        except ValueParseError:
            if not has_letter(raw):
                raise
        if _is_yes_no(raw):  # README: a word is text that is not a number, a range or yes/no
            message = Msg("{target} takes a number, not {value}", target=target.id, value=brief(raw.strip()))
            raise ValueParseError(message)
        if not with_verdict:
            raise ValueParseError(
                Msg(
                    "not a number: {text!r}; a figure that is a word (such as Xuất siêu) is recorded "
                    "with its reported verdict: add --verdict met, exceeded, basically_met or not_met "
                    "(in a file, a verdict column)",
                    text=brief(raw.strip()),
                )
            ) from None
        wrong = word_problem(raw)
        if wrong is not None:
            raise ValueParseError(wrong)
        return nfc(raw).strip()
    if isinstance(raw, (int, Decimal, float)):
        return _end(raw)
    if isinstance(raw, Sequence) and len(raw) == 2:  # a range as numbers: [61, 62]
        low, high = _end(raw[0]), _end(raw[1])
        if not low < high:
            raise ValueParseError(range_order_problem(f"{low}..{high}", low, high))
        return Span(low, high)
    raise ValueParseError(Msg("not a number: {text!r} (write it like 3.93, 2365 or 3,93)", text=brief(str(raw))))


def _end(end: object) -> Decimal:
    """A number given as a number (a float by its shortest repr), or as text as typed: a
    figure from json, or one end of a range."""
    if isinstance(end, str):
        return _checked(parse_number(end))
    if isinstance(end, (int, Decimal)) and not isinstance(end, bool):
        return _checked(Decimal(end))
    if isinstance(end, float):
        return _checked(Decimal(repr(end)))
    raise ValueParseError(Msg("not a number: {text!r} (write it like 3.93, 2365 or 3,93)", text=brief(str(end))))


def _checked(number: Decimal) -> Decimal:
    """``number`` if it keeps the bounds every figure keeps (README, record)."""
    wrong = figure_problem(number)
    if wrong is not None:
        raise ValueParseError(wrong)
    return number


def parse_date(raw: str | date, field: str) -> date:
    """A date written 2025-06-30 or 30/06/2025."""
    if isinstance(raw, date) and not isinstance(raw, datetime):
        return raw
    text = str(raw).strip()
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise FieldError(field, Msg("not a date: {text!r} (write 2025-06-30 or 30/06/2025)", text=text)) from None


def draft_to_entry(
    plan: Plan,
    draft: Draft,
    *,
    today: date,
    new_id: str,
    recorded_at: datetime,
    recorded_by: str,
    unplanned: bool = False,
) -> Entry:
    """Check a draft against the plan; raise FieldError naming the first bad field.

    The period defaults to the year of the as-of date; the as-of date defaults to today,
    or to the period's last day once the period is over. A period the target has no plan
    value for is refused unless ``unplanned`` (a figure kept only for comparisons).
    """
    target = plan.target(nfc(draft.target).strip())
    if target is None:
        raise FieldError("target", Msg("no target {id!r}", id=draft.target))
    try:
        value = parse_value(target, draft.value, with_verdict=bool((draft.verdict or "").strip()))
    except ValueParseError as exc:
        raise FieldError("value", exc.message) from None
    period, as_of = _period_and_as_of(draft, today)
    if not unplanned:
        _check_planned(target, period)
    return Entry(
        id=draft.id or new_id,
        target=target.id,
        period=period.label,
        value=value,
        as_of=as_of,
        status=_figure_status(draft.status),
        source=nfc(draft.source or "").strip(),
        note=nfc(draft.note or ""),
        verdict=_verdict(draft.verdict),
        recorded_at=draft.recorded_at or recorded_at,
        recorded_by=nfc(draft.recorded_by) if draft.recorded_by else recorded_by,
    )


def _period_and_as_of(draft: Draft, today: date) -> tuple[Period, date]:
    """The draft's period and as-of date, each defaulting from the other (or today), the
    date inside the period."""
    as_of = parse_date(draft.as_of, "as_of") if draft.as_of not in (None, "") else None
    period: Period
    if draft.period:
        try:
            period = parse_period(str(draft.period))
        except PeriodError as exc:
            raise FieldError("period", exc.message) from None
    else:
        period = year_of(as_of or today)
    if as_of is None:
        as_of = min(today, period.end)
    if not period.contains(as_of):
        raise FieldError(
            "as_of",
            Msg(
                "as-of {as_of} is outside period {period} ({start} to {end}); "
                "a figure for the whole period has as-of {end}",
                as_of=as_of.isoformat(),
                period=period.label,
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            ),
        )
    return period, as_of


def _check_planned(target: Target, period: Period) -> None:
    """Refuse a period the target has no plan value for (a target with no plan values at
    all takes any). A yearly figure of a term target feeds the term's judgement: a year
    inside a planned span counts as planned."""
    in_a_term = any(
        p.kind == "span" and p.start <= period.start and period.end <= p.end for p in target.periods.values()
    )
    if period.label not in target.plans and target.plans and not in_a_term:
        have = ", ".join(sorted(target.plans))
        raise FieldError(
            "period",
            Msg(
                "{target} has no plan value for {period} (it has {have}); "
                "use --unplanned to keep a figure for comparison only",
                target=target.id,
                period=period.label,
                have=have,
            ),
        )


def _figure_status(typed: str | None) -> FigureStatus:
    """How final the figure is: official unless said otherwise."""
    try:
        return FigureStatus((typed or "official").strip().lower())
    except ValueError:
        raise FieldError(
            "status", Msg("status must be estimate, preliminary or official, not {value!r}", value=typed)
        ) from None


def _verdict(typed: str) -> str:
    """A reported verdict as the log keeps it ("" for none); "not met" is read as not_met,
    and the words offices write (Vượt, Đạt, Cơ bản đạt, Không đạt) as theirs."""
    text = (typed or "").strip()
    if not text:
        return ""
    for candidate in (text.lower().replace(" ", "_"), text):
        try:
            return Verdict(candidate).value
        except ValueError:
            continue
    wrong = Msg("verdict must be exceeded, met, basically_met or not_met, not {value!r}", value=typed)
    raise FieldError("verdict", wrong)
