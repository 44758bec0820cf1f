"""Pictures made of text, readable without colour: sparklines and a history chart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from tracker.core.model import Value
from tracker.core.values import is_figure

SPARKS = "▁▂▃▄▅▆▇█"
BAR = "█"
PLAN_MARK = "│"


SPARK_MIN = 3  # two points are a step, not a trend: drawn as "▁█" they read as a black block


def sparkline(values: Sequence[Decimal]) -> str:
    """One character per value, low to high; empty for fewer than SPARK_MIN values."""
    if len(values) < SPARK_MIN or not all(is_figure(v) for v in values):
        return ""  # a figure beyond the bounds (an older version's log): no arithmetic on it
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[3] * len(values)
    top = len(SPARKS) - 1
    return "".join(SPARKS[int((v - low) / (high - low) * top + Decimal("0.5"))] for v in values)


@dataclass(frozen=True)
class Bar:
    """One period in a history chart."""

    label: str
    value: Value | None  # None: no figure yet; a range or a word draws no bar
    plan: Decimal | None  # where the plan mark goes
    value_text: str
    plan_text: str


def history_chart(bars: Sequence[Bar], width: int = 40, plan_word: str = "plan") -> list[str]:
    """A bar per period scaled to the largest figure or plan, the plan marked '│'.

    Negative figures draw no bar; a milestone draws ✓ or ✗.
    """
    numbers = [n.copy_abs() for b in bars for n in (b.value, b.plan) if isinstance(n, Decimal)]  # no context: any size
    scale = max(numbers, default=Decimal(0))
    label_width = max((len(b.label) for b in bars), default=0)
    value_width = max((len(b.value_text) for b in bars), default=0)
    lines = []
    for b in bars:
        cells = [" "] * (width + 1)
        if isinstance(b.value, bool):
            cells[0] = "✓" if b.value else "✗"
        elif isinstance(b.value, Decimal) and b.value > 0 and scale:
            for i in range(_position(b.value, scale, width)):
                cells[i] = BAR
        if b.plan is not None and b.plan >= 0 and scale:
            cells[_position(b.plan, scale, width)] = PLAN_MARK
        plan = f"  {plan_word} {b.plan_text}" if b.plan_text else ""
        line = f"{b.label:<{label_width}}  {''.join(cells)}  {b.value_text:>{value_width}}{plan}"
        lines.append(line.rstrip())
    return lines


def _position(value: Decimal, scale: Decimal, width: int) -> int:
    return min(width, int(value / scale * width + Decimal("0.5")))
