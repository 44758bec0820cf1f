"""Reading one plan value of a target, ``"2025" = { at_least = 8 }``, in each of its shapes.

Each shape key names the shape (DOMAIN.md section 3); the remaining keys qualify it.
A wrong value is recorded on the checker and read as None, so every problem of the file
is reported at once.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypedDict, assert_never

from tracker.core.model import Amendment, Better, PlanValue, Shape
from tracker.core.values import figure_problem, is_figure, nfc
from tracker.core.verdicts import derived_tolerance
from tracker.messages import Msg, Text
from tracker.storage.plan_check import Checker

SHAPE_KEYS = {
    "point": Shape.POINT,
    "at_least": Shape.AT_LEAST,
    "above": Shape.AT_LEAST,
    "at_most": Shape.AT_MOST,
    "below": Shape.AT_MOST,
    "between": Shape.RANGE,
    "about": Shape.ABOUT,
    "milestone": Shape.MILESTONE,
}
VALUE_KEYS = set(SHAPE_KEYS) | {"better", "tolerance", "illustrative", "note", "baseline", "amended"}
AMENDMENT_KEYS = (VALUE_KEYS - {"amended"}) | {"from", "source"}  # an amendment is a plan value, dated and sourced
NUMBER_KEYS = (set(SHAPE_KEYS) - {"milestone"}) | {"tolerance", "baseline"}
STRICT_KEYS = {"above", "below"}  # "trên 5", "dưới 4": the bound itself does not meet the plan


class _Common(TypedDict):
    """The fields every shape of plan value takes, so each PlanValue(**common) is checked."""

    better: Better
    illustrative: bool
    note: str
    baseline: Decimal | None


class _At:
    """Where a plan value is written: target ``index`` (``context`` in messages), period ``label``."""

    __slots__ = ("check", "context", "index", "label", "near")  # one per plan value of the file: made cheaply

    def __init__(self, check: Checker, index: int, context: Text, label: str) -> None:
        self.check, self.index, self.context, self.label = check, index, context, label
        self.near: re.Pattern[str] | None = None  # an amendment's own line, in a list over several lines

    def amendment(self, takes_effect: date) -> _At:
        """Where one amendment is written: its problems name the line of its ``from``."""
        at = _At(self.check, self.index, self.context, self.label)
        at.near = re.compile(r"\bfrom\s*=\s*" + re.escape(takes_effect.isoformat()) + r"\b")
        return at

    def refuse(self, template: str, **values: object) -> None:
        """Record a problem with this value; ``template`` starts "{context}, {period}: "."""
        message = Msg(template, context=self.context, period=self.label, **values)
        if self.near is None:
            self.check.error(self.index, ("plan", self.label), message)
        else:
            self.check.error_near(self.index, ("plan", self.label), self.near, message)


def parse_plan_value(check: Checker, index: int, context: Text, label: str, spec: Any) -> PlanValue | None:
    """The plan value ``label = spec`` of target ``index``, with its amendments; None when
    it is wrong."""
    at = _At(check, index, context, label)
    if not isinstance(spec, dict):
        at.refuse("{context}, {period}: write the plan value as a table, e.g. {{ at_least = 8 }}")
        return None
    if not spec.keys() <= VALUE_KEYS:
        check.unknown_keys(
            index, spec, VALUE_KEYS, Msg("{context}, plan {period}", context=context, period=label), ("plan", label)
        )
    value = _plan_value(at, spec)
    if "amended" not in spec:
        return value
    amendments = _amendments(at, spec["amended"])
    if value is None or amendments is None:
        return None
    # A figure is yes/no or a number for the whole period: which, the target's plan values
    # decide when it is recorded, so an amendment cannot turn one into the other.
    changed = [a for a in amendments if (a.value.shape is Shape.MILESTONE) != (value.shape is Shape.MILESTONE)]
    for amendment in changed:
        at.amendment(amendment.takes_effect).refuse(
            "{context}, {period}: an amendment cannot turn a yes/no milestone into a number, nor a number into one"
        )
    if changed:
        return None
    if value.baseline is not None:  # the level a term starts from is not what an amendment changes
        amendments = tuple(
            a if a.value.baseline is not None else replace(a, value=replace(a.value, baseline=value.baseline))
            for a in amendments
        )
    return replace(value, amendments=amendments)


def _amendments(at: _At, raw: Any) -> tuple[Amendment, ...] | None:
    """``amended = [{ from = 2025-02-20, at_least = 7.5, source = "..." }, ...]``: each a
    plan value of its own shape, with the date it takes effect and the document that made
    it; sorted by date, two on one date refused. None when one is wrong."""
    if not isinstance(raw, list) or not raw or not all(isinstance(item, dict) for item in raw):
        at.refuse(
            "{context}, {period}: write 'amended' as a list of tables, e.g. "
            '[{{ from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" }}]'
        )
        return None
    found: list[Amendment] = []
    wrong = False
    for item in raw:
        amendment = _amendment(at, item)
        if amendment is None:
            wrong = True
        elif any(a.takes_effect == amendment.takes_effect for a in found):
            at.amendment(amendment.takes_effect).refuse(
                "{context}, {period}: two amendments take effect on {date}", date=amendment.takes_effect
            )
            wrong = True
        else:
            found.append(amendment)
    return None if wrong else tuple(sorted(found, key=lambda a: a.takes_effect))


def _amendment(at: _At, item: dict[str, Any]) -> Amendment | None:
    """One amendment: a plan value (checked as one) with ``from`` and ``source``."""
    if "amended" in item:
        at.refuse("{context}, {period}: an amendment cannot itself be amended; list every amendment in one 'amended'")
        return None
    if not item.keys() <= AMENDMENT_KEYS:
        keys = ("plan", at.label, "amended")
        at.check.unknown_keys(at.index, item, AMENDMENT_KEYS, Msg("{context}, amendment of {period}",
                              context=at.context, period=at.label), keys)  # fmt: skip
        return None
    takes_effect = item.get("from")
    if not isinstance(takes_effect, date) or isinstance(takes_effect, datetime):
        at.refuse("{context}, {period}: an amendment needs 'from', the date it takes effect, e.g. from = 2025-02-20")
        return None
    source = item.get("source")
    if not isinstance(source, str) or not source.strip():
        at.amendment(takes_effect).refuse(
            "{context}, {period}: an amendment needs 'source', the document that made it, in quotes"
        )
        return None
    value = _plan_value(at.amendment(takes_effect), {k: v for k, v in item.items() if k not in ("from", "source")})
    return None if value is None else Amendment(takes_effect, value, nfc(source.strip()))


def _plan_value(at: _At, spec: dict[str, Any]) -> PlanValue | None:
    """The value itself (its shape and the keys qualifying it), amendments aside."""
    if not _numbers_within_bounds(at, spec):
        return None
    key = _shape_key(at, spec)
    if key is None:
        return None
    common = _common(at, spec, key)
    if common is None:
        return None
    shape = SHAPE_KEYS[key]
    match shape:
        case Shape.MILESTONE:
            return _milestone(at, spec[key], common)
        case Shape.RANGE:
            return _range(at, spec[key], common)
        case Shape.POINT | Shape.AT_LEAST | Shape.AT_MOST | Shape.ABOUT:
            return _single_number(at, spec, key, shape, common)
        case unknown:
            assert_never(unknown)


def number(value: Any) -> Decimal | None:
    """A finite number written in the plan (not true/false), or None."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        return None
    found = Decimal(value)
    return found if found.is_finite() else None


def _numbers_within_bounds(at: _At, spec: dict[str, Any]) -> bool:
    """Every number of the value (the shape's, both ends of a range, tolerance, baseline)
    keeps the bounds every number keeps (README, plan file); the first that does not is
    recorded."""
    for key, value in spec.items():
        if key not in NUMBER_KEYS:
            continue
        for item in value if key == "between" and isinstance(value, list) else (value,):
            if isinstance(item, (int, Decimal)) and not isinstance(item, bool):
                found = item if isinstance(item, Decimal) else Decimal(item)
                if not is_figure(found):  # the quick test; figure_problem words what is wrong
                    at.refuse("{context}, {period}: '{key}': {detail}", key=key, detail=figure_problem(found))
                    return False
    return True


def _shape_key(at: _At, spec: dict[str, Any]) -> str | None:
    """The one shape key of the value (at_least, above, between...), or None."""
    shapes = [k for k in spec if k in SHAPE_KEYS]
    if len(shapes) != 1:
        said: Text = ", ".join(shapes) if shapes else Msg("none")
        at.refuse("{context}, {period}: give exactly one of {shapes} (found {found})",
                 shapes=", ".join(SHAPE_KEYS), found=said)  # fmt: skip
        return None
    return shapes[0]


def _common(at: _At, spec: dict[str, Any], key: str) -> _Common | None:
    """The keys that qualify any shape: better, illustrative, note, baseline."""
    better = _better(at, spec, key)
    if better is None:
        return None
    illustrative = spec.get("illustrative", False)
    note = spec.get("note", "")
    if not isinstance(illustrative, bool) or not isinstance(note, str):
        at.refuse("{context}, {period}: 'illustrative' is true/false and 'note' is text")
        return None
    baseline = spec.get("baseline")
    if baseline is not None and number(baseline) is None:
        at.refuse("{context}, {period}: 'baseline' must be a number")
        return None
    return {"better": better, "illustrative": illustrative, "note": nfc(note), "baseline": number(baseline)}


def _better(at: _At, spec: dict[str, Any], key: str) -> Better | None:
    """Which way is better: as written for a point (which must say), a range or about;
    said by the key itself for at_least, at_most and milestone (which must not)."""
    shape = SHAPE_KEYS[key]
    written = spec.get("better")
    better = Better.HIGHER
    if written is not None:
        try:
            better = Better(written)
        except ValueError:
            at.refuse("{context}, {period}: 'better' must be 'higher', 'lower' or 'none'")
            return None
    if shape is Shape.POINT and written is None:
        at.refuse("{context}, {period}: a point needs better = 'higher', 'lower' or 'none'")
        return None
    if shape in (Shape.AT_LEAST, Shape.AT_MOST, Shape.MILESTONE) and written is not None:
        at.refuse("{context}, {period}: '{key}' already says which way is better; remove 'better'", key=key)
        return None
    return Better.LOWER if shape is Shape.AT_MOST else better


def _milestone(at: _At, raw: Any, common: _Common) -> PlanValue | None:
    """``milestone = true``: a yes/no target."""
    if raw is not True:
        at.refuse("{context}, {period}: write milestone = true for a yes/no target")
        return None
    return PlanValue(Shape.MILESTONE, **common)


def _range(at: _At, raw: Any, common: _Common) -> PlanValue | None:
    """``between = [low, high]``, with a good direction."""
    bounds = [number(v) for v in raw] if isinstance(raw, list) else []
    if len(bounds) != 2 or None in bounds:
        at.refuse("{context}, {period}: 'between' takes two numbers, e.g. [9, 10]")
        return None
    low, high = bounds
    assert low is not None and high is not None
    if low > high:
        at.refuse("{context}, {period}: 'between' runs from low to high, not [{low}, {high}]", low=low, high=high)
        return None
    if common["better"] is Better.NONE:
        at.refuse("{context}, {period}: a range needs better = 'higher' or 'lower'")
        return None
    return PlanValue(Shape.RANGE, low=low, high=high, **common)


def _single_number(at: _At, spec: dict[str, Any], key: str, shape: Shape, common: _Common) -> PlanValue | None:
    """A shape of one number: a point, a bound (strict for above and below), or about
    with its tolerance."""
    raw = spec[key]
    value = number(raw)
    if value is None:
        at.refuse("{context}, {period}: '{key}' must be a number, not {value!r}", key=key, value=raw)
        return None
    if shape is Shape.ABOUT:
        if "tolerance" not in spec:  # "khoảng 4": what rounds to 4 (README, Judging)
            derived = derived_tolerance(value)
            return PlanValue(Shape.ABOUT, value=value, tolerance=derived, tolerance_derived=True, **common)
        tolerance = number(spec.get("tolerance"))
        if tolerance is None or tolerance < 0:
            at.refuse("{context}, {period}: 'tolerance' of 'about' is a number of 0 or more, e.g. tolerance = 0.5")
            return None
        return PlanValue(Shape.ABOUT, value=value, tolerance=tolerance, **common)
    if "tolerance" in spec:
        at.refuse("{context}, {period}: 'tolerance' belongs to 'about' only")
        return None
    return PlanValue(shape, value=value, strict=key in STRICT_KEYS, **common)
