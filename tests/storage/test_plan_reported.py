"""[[reported]] headlines and `counted` read from a plan file, through the cache too."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tracker.core.model import Plan, ReportedHeadline
from tracker.core.periods import parse_period
from tracker.core.report import latest_reported
from tracker.storage.plan_file import PLAN_CACHE_MIN_TARGETS, load_plan

HEAD = '[plan]\ntitle = "T"\ndefault_period = "2024"\n'
REPORTED = """
[[reported]]
period = "2024"
met = 38
total = 42
source = "UBND"
date = 2024-11-20
illustrative = true
note = "day not known"
"""


def target(tid: str, extra: str = "") -> str:
    return f'\n[[target]]\nid = "{tid}"\nname = "N"\ngroup = "G"\nplan.2024 = {{ at_least = 1 }}\n{extra}'


def test_a_cached_plan_keeps_its_reported_headlines_and_counted(tmp_path: Path) -> None:
    """A plan large enough to be pickled reads back from the cache with both."""
    path = tmp_path / "plan.toml"
    blocks = [target(f"t{i}", "counted = false\n" if i == 5 else "") for i in range(PLAN_CACHE_MIN_TARGETS)]
    path.write_text(HEAD + REPORTED + "".join(blocks), encoding="utf-8")
    first, again = load_plan(path), load_plan(path)
    assert list((tmp_path / ".tracker-cache").glob("*.plan-cache"))
    assert first == again
    assert again.reported == (
        ReportedHeadline("2024", 38, 42, "UBND", date(2024, 11, 20), "day not known", illustrative=True),
    )
    assert [t.id for t in again.targets if not t.counted] == ["t5"]


def plan_with(*reported: ReportedHeadline) -> Plan:
    return Plan("T", "O", "en", "2024", (), reported=reported)


def test_the_latest_reported_headline_known_on_a_day() -> None:
    """The latest date on or before the day wins; of two on one day, the later in the file."""
    nov = ReportedHeadline("2024", 38, 42, "UBND", date(2024, 11, 20))
    dec = ReportedHeadline("2024", 39, 43, "Hội nghị", date(2024, 12, 20))
    dec_again = ReportedHeadline("2024", 40, 43, "HĐND", date(2024, 12, 20))
    other = ReportedHeadline("2025", 1, 2, "X", date(2024, 12, 1))
    reported = plan_with(dec, nov, dec_again, other).reported
    year = parse_period("2024")
    assert latest_reported(reported, year, date(2024, 11, 19)) is None
    assert latest_reported(reported, year, date(2024, 11, 20)) == nov
    assert latest_reported(reported, year, date(2024, 12, 31)) == dec_again
    assert latest_reported(reported, parse_period("2025"), date(2024, 12, 31)) == other
