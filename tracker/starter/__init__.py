"""The starter plans `tracker init` writes, one per language (plan.vi.toml, plan.en.toml).

Each is commented so that a newcomer learns the plan format from it: every shape of plan
value, a target with components, term targets, an accumulating flow, an illustrative
value, owners. Their years are marks filled in when the plan is written, so that a plan
started in any year is about that year and the five-year term holding it (Vietnam's
plans run 2021-2025, 2026-2030, ...), and `tracker record` works in it at once.
"""

from __future__ import annotations

from pathlib import Path

LANGUAGES = ("vi", "en")
FIRST_TERM = 2021  # the first year of a five-year term; terms follow every five years


def term_of(year: int) -> tuple[int, int]:
    """The first and last year of the five-year term holding ``year``."""
    first = year - (year - FIRST_TERM) % 5
    return first, first + 4


def starter_plan(lang: str, year: int) -> str:
    """The starter plan in ``lang`` ("vi" or "en"), its plan values for ``year`` and for
    the term holding it."""
    text = Path(__file__).with_name(f"plan.{lang}.toml").read_text(encoding="utf-8")
    first, last = term_of(year)
    marks = {"@YEAR@": year, "@TERM@": f"{first}-{last}", "@BASE_YEAR@": first - 1}
    for mark, value in marks.items():
        text = text.replace(mark, str(value))
    return text
