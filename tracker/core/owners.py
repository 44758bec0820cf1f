"""The headline per owner: who owns the misses (``report --by owner``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from tracker.core.model import MET_OR_EXCEEDED, Status
from tracker.core.report import Row


@dataclass(frozen=True)
class OwnerCount:
    """The headline count of one owner's counted targets."""

    owner: str  # "" for targets without an owner
    total: int
    met_or_exceeded: int
    by_status: dict[str, int]


def owners_in_order(rows: Sequence[Row]) -> list[str]:
    """Owners in the order they first appear in the report, targets without one last."""
    return sorted(dict.fromkeys(row.target.owner for row in rows), key=lambda owner: owner == "")


def owner_counts(rows: Sequence[Row]) -> tuple[OwnerCount, ...]:
    """The headline count per owner, over counted rows (a component counts for its own
    owner, whoever owns its parent)."""
    counts = []
    for owner in owners_in_order([row for row in rows if row.counted]):
        own = [row for row in rows if row.counted and row.target.owner == owner]
        statuses = Counter(row.status.value for row in own)
        by_status = {s.value: statuses[s.value] for s in Status if statuses[s.value]}  # the report's order
        counts.append(OwnerCount(owner, len(own), sum(1 for row in own if row.status in MET_OR_EXCEEDED), by_status))
    return tuple(counts)
