"""The vocabulary of the model (tracker.core.model): each word list is one enum, and the doors
words come in by (the plan file, `record`, an import row, a log line) accept exactly its words."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Any

import pytest

from tracker.core.model import (
    Better,
    Plan,
    PlanValue,
    Shape,
    Status,
    Target,
    TermCategory,
    TermMethod,
    Verdict,
)
from tracker.core.recording import Draft, FieldError, draft_to_entry
from tracker.errors import DataError
from tracker.storage.log_line import VERDICT, VERDICTS, BadLine, Row, read_line
from tracker.storage.plan_file import TERM_METHODS, parse_plan

README = Path(__file__).resolve().parents[2] / "README.md"
NOT_WORDS = ["", "x", "ok", "yes", "Latest ", "avg", "not-met", "no_data", "on_track", "achieved", "exceeded!"]


def plan_with_term(term: object) -> Plan:
    document: dict[str, Any] = {
        "plan": {"title": "T", "default_period": "2021-2025"},
        "target": [{"id": "t", "name": "T", "group": "G", "term": term, "plan": {"2021-2025": {"at_least": 1}}}],
    }
    return parse_plan(document, Path("plan.toml"), "")


@pytest.mark.parametrize("method", list(TermMethod))
def test_the_plan_file_reads_every_term_method(method: TermMethod) -> None:
    """Each method, written as its word, is read as the enum member."""
    assert plan_with_term(method.value).targets[0].term is method


@pytest.mark.parametrize("word", [*NOT_WORDS, "LATEST", 3, ["sum"]])
def test_the_plan_file_refuses_any_other_term(word: object) -> None:
    """Anything else is refused with the list of methods, in the enum's order."""
    with pytest.raises(DataError) as caught:
        plan_with_term(word)
    assert str(caught.value.lines[0]).endswith("'term' must be one of latest, mean, compound, sum")
    assert TERM_METHODS == ("latest", "mean", "compound", "sum") == tuple(TermMethod)


def record(verdict: str) -> str:
    target = Target(id="t", name="T", group="G", unit="%", plans={"2025": PlanValue(Shape.AT_LEAST, value=Decimal(1))})
    plan = Plan(title="T", organisation="", language="en", default_period="2025", targets=(target,))
    draft = Draft(target="t", value="5", period="2025", as_of="2025-12-31", verdict=verdict)
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    entry = draft_to_entry(plan, draft, today=date(2026, 1, 1), new_id="e1", recorded_at=moment, recorded_by="me")
    return entry.verdict


def log_line_verdict(verdict: str, fast: bool) -> str:
    """The verdict of a log line as the writer writes it (fast) or as a hand edit does."""
    spacing = " " if fast else "  "
    line = (f'e1 ={spacing}{{ target = "t", period = "2025", value = 5, as_of = 2025-12-31, status = "official", '
            f'verdict = "{verdict}", recorded_by = "me" }}')  # fmt: skip
    rows: list[Row] = []
    read_line(line.encode(), 1, True, rows, [], is_last=False)
    return rows[0][VERDICT]


@pytest.mark.parametrize("verdict", list(Verdict))
def test_record_and_the_log_take_every_verdict(verdict: Verdict) -> None:
    """Each reported verdict is taken by `record` (as typed, any case, "not met" with a space)
    and read from a log line, and kept as its plain word."""
    assert record(verdict.value) == record(verdict.value.upper()) == verdict.value
    assert record(verdict.value.replace("_", " ")) == verdict.value
    for fast in (True, False):
        kept = log_line_verdict(verdict.value, fast)
        assert kept == verdict.value and type(kept) is str
    assert Status(verdict) == verdict.value  # a reported verdict is shown as the status of the same word


@pytest.mark.parametrize("word", NOT_WORDS[1:])
def test_record_and_the_log_refuse_any_other_verdict(word: str) -> None:
    """Anything else is refused by `record` and makes a log line damaged."""
    with pytest.raises(FieldError) as caught:
        record(word)
    assert caught.value.field == "verdict"
    assert str(caught.value.message) == f"verdict must be exceeded, met, basically_met or not_met, not {word!r}"
    for fast in (True, False):
        with pytest.raises(BadLine):
            log_line_verdict(word, fast)
    assert VERDICTS == ("exceeded", "met", "basically_met", "not_met") == tuple(Verdict)


def _readme_words(field: str) -> list[str]:
    """The words the README's table of report fields gives for ``field``, in order."""
    row = next(line for line in README.read_text("utf-8").splitlines() if line.startswith(f"| `{field}`"))
    return re.findall(r"`([a-z_]+)`", row.split("|")[2])


@pytest.mark.parametrize(
    ("field", "words"),
    [
        ("status", list(Status)),
        ("plan_shape", list(Shape)),
        ("plan_better", list(Better)),
        ("term_method", [*TermMethod, *TermCategory]),
    ],
)
def test_the_readme_names_every_word(field: str, words: list[StrEnum]) -> None:
    """The words csv and json print are the enums' words, as the README lists them."""
    assert _readme_words(field) == [str(w) for w in words]
