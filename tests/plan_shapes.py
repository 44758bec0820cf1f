"""Plan values of each shape for unit tests of the core, written as the plan file writes
them: ``at_least("8")`` is ``{ at_least = 8 }``. Numbers are given as text so they are
exact Decimals."""

from __future__ import annotations

from decimal import Decimal

from tracker.core.model import Better, PlanValue, Shape

MILESTONE = PlanValue(Shape.MILESTONE)


def point(value: str, better: Better = Better.HIGHER) -> PlanValue:
    """``{ point = value, better = ... }``."""
    return PlanValue(Shape.POINT, value=Decimal(value), better=better)


def at_least(value: str, strict: bool = False) -> PlanValue:
    """``{ at_least = value }``, or ``{ above = value }`` when strict."""
    return PlanValue(Shape.AT_LEAST, value=Decimal(value), strict=strict)


def at_most(value: str, strict: bool = False) -> PlanValue:
    """``{ at_most = value }``, or ``{ below = value }`` when strict."""
    return PlanValue(Shape.AT_MOST, value=Decimal(value), strict=strict, better=Better.LOWER)


def between(low: str, high: str, better: Better = Better.HIGHER) -> PlanValue:
    """``{ between = [low, high] }``."""
    return PlanValue(Shape.RANGE, low=Decimal(low), high=Decimal(high), better=better)


def about(value: str, tolerance: str, better: Better = Better.HIGHER) -> PlanValue:
    """``{ about = value, tolerance = ... }``."""
    return PlanValue(Shape.ABOUT, value=Decimal(value), tolerance=Decimal(tolerance), better=better)
