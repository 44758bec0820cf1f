"""Output that could be turned against its reader (issue 11): a note or a name that a
spreadsheet would run as a formula, or that a wiki would render as HTML, comes out inert,
through the installed `tracker` entry point."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, Result, run

from tracker.render.delimited import formula_like, guarded

TIMEOUT = 30
# What a spreadsheet may skip before a formula: spaces of every kind, controls, invisibles.
# (Not U+2028: an import's framed lines gain two spaces after one, a separate bug.)
LEADERS = [" ", "  ", "\t", "\v", "\f", "\r", "\n", "\r\n", "\xa0", "\u2007", "\u3000", "\u200b", "\ufeff", "\x00",
           "\x1c", " \v\xa0"]  # fmt: skip
SKIPPED = re.compile(r"[\s\x00-\x1f\x7f-\x9f\xad\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff']*")


def runs_as_formula(cell: str) -> bool:
    """What a spreadsheet that skips leading blanks and invisibles would run."""
    return not cell.startswith("'") and cell[SKIPPED.match(cell).end() :].startswith(("=", "+", "-", "@"))  # type: ignore[union-attr]  # SKIPPED matches "": never None


def tracker(plan: Path, *args: str) -> Result:
    return run(*args, "--plan", str(plan), timeout=TIMEOUT)


@pytest.fixture
def hostile_notes(small_plan: Path) -> list[str]:
    """One figure per leader, its note a formula behind that leader."""
    notes = [f'{leader}=cmd|"/c calc"!A1' for leader in LEADERS] + ["@SUM(1)", "'=already quoted", "'' =x", "-5 units"]
    # a figure each (the same figure again would be skipped as already recorded, whatever its note)
    rows = [{"target": "growth", "period": "2025", "value": 8, "as_of": f"2025-{1 + n % 12:02d}-{1 + n // 12:02d}",
             "note": note, "source": note} for n, note in enumerate(notes)]  # fmt: skip
    source = small_plan.parent / "notes.json"
    source.write_text(json.dumps(rows), encoding="utf-8")  # json carries \x00, which no argv can
    result = tracker(small_plan, "import", str(source))
    assert result.code == 0, result.err
    return notes


def test_tsv_never_writes_a_formula_cell(small_plan: Path, hostile_notes: list[str]) -> None:
    """tsv folds whitespace first, then guards what is finally written: " =cmd" and
    "\\v=cmd" no longer come out as a bare =cmd cell."""
    out = tracker(small_plan, "history", "--format", "tsv").out
    rows = [line.split("\t") for line in out.splitlines()]
    header = rows[0]
    assert len(rows) == len(hostile_notes) + 1 and all(len(row) == len(header) for row in rows)
    for row in rows[1:]:
        for field in ("note", "source"):
            cell = row[header.index(field)]
            assert not runs_as_formula(cell), repr(cell)
            assert cell.startswith("'"), repr(cell)


def test_csv_never_writes_a_formula_cell_and_imports_back_whole(small_plan: Path, hostile_notes: list[str]) -> None:
    """csv guards a formula behind any leading blank or invisible character, and import
    takes exactly the guard off again: every note comes back as it was typed."""
    exported = tracker(small_plan, "history", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(exported, newline="")))
    assert len(rows) == len(hostile_notes)
    for row in rows:
        for field in ("note", "source"):
            assert not runs_as_formula(row[field]), repr(row[field])
            assert row[field].startswith("'"), repr(row[field])
    backup = small_plan.parent / "backup.csv"
    backup.write_bytes(exported.encode("utf-8"))
    copy = small_plan.parent / "copy.progress.toml"
    assert tracker(small_plan, "import", str(backup), "--log", str(copy)).code == 0
    original = json.loads(tracker(small_plan, "history", "--format", "json").out)["entries"]
    again = json.loads(tracker(small_plan, "history", "--format", "json", "--log", str(copy)).out)["entries"]
    assert [(e["note"], e["source"]) for e in again] == [(e["note"], e["source"]) for e in original]


@pytest.mark.parametrize(
    "text",
    ["=1+1", " =1", "\v=1", "\xa0@x", "\u200b+1", "'=1", "'' =1", "\t", "\rx", "' '-1"],
)
def test_the_guard_is_undone_exactly(text: str) -> None:
    """Every guarded text is formula-like after its ' is taken off, so import can undo it."""
    assert formula_like(text) and guarded(text) == "'" + text


@pytest.mark.parametrize("text", ["8,2", "Kinh tế", "'quoted", "(=)", "a=b", "", " x", "’=x"])
def test_ordinary_text_is_left_alone(text: str) -> None:
    """Names and notes that no spreadsheet runs are written as they are."""
    assert not formula_like(text) and guarded(text) == text


HOSTILE_PLAN = (
    SMALL_PLAN.replace('title = "Kế hoạch thử"', 'title = "<script>alert(1)</script> & co"')
    .replace('name = "GRDP growth"', 'name = "<script>alert(2)</script> | x ![i](http://e.x/p.png)"')
    .replace('group = "Society"', 'group = "<img src=x onerror=alert(3)>"')
    .replace('unit = "tỷ đồng"', 'unit = "<b>tỷ</b>"')
    .replace('id = "revenue"', 'id = "revenue"\nowner = "<iframe src=//e.x>"\nsource = "[x](javascript:alert(4))"')
)


@pytest.fixture
def hostile_plan(tmp_path: Path) -> Path:
    plan = tmp_path / "plan.toml"
    plan.write_text(HOSTILE_PLAN, encoding="utf-8")
    for target, value in (("growth", "8.2"), ("revenue", "100"), ("poverty_cut", "1")):
        note = "<script>alert(5)</script> ``` <img src=x onerror=alert(6)> |"
        assert (
            tracker(plan, "record", target, value, "--as-of", "2025-06-30", "--note", note, "--source", note).code == 0
        )
    return plan


COMMANDS = [["report"], ["list"], ["history"], ["show", "growth"], ["show", "revenue"], ["show", "poverty_cut"]]


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_markdown_escapes_html_and_table_breakers(hostile_plan: Path, args: list[str]) -> None:
    """A target, group, title, unit, owner or note holding HTML comes out escaped, a | never
    adds a cell, and no link or image is formed (markdown is offered for wiki pages)."""
    out = tracker(hostile_plan, *args, "--format", "markdown").out
    in_code = False  # a fenced code block shows its text literally: HTML there is inert
    for line in out.splitlines():
        if line.startswith("```"):
            in_code = not in_code
            continue
        if in_code:
            continue
        assert "<" not in line and ">" not in line and "](" not in line, line
        if line.startswith("|") and not line.startswith("|-") and "---" not in line:
            cells = re.split(r"(?<!\\)\|", line)[1:-1]
            header_cells = (
                len(re.split(r"(?<!\\)\|", next(row for row in out.splitlines() if row.startswith("| ")))) - 2
            )
            assert len(cells) == header_cells, line
    if args[0] in ("report", "list"):
        assert "&lt;script&gt;alert(2)&lt;/script&gt; \\| x !\\[i\\]\\(http" not in out  # no stray escapes either
        assert "&lt;script&gt;alert(2)&lt;/script&gt; \\| x ![i]\\(http://e.x/p.png)" in out
        assert "## &lt;img src=x onerror=alert(3)&gt;" in out


def test_markdown_code_fence_cannot_be_closed_by_a_note(hostile_plan: Path) -> None:
    """show's figure block is fenced with more backticks than any note holds."""
    out = tracker(hostile_plan, "show", "growth", "--format", "markdown").out
    fences = [line for line in out.splitlines() if line.startswith("```")]
    assert fences == ["````", "````"]


def test_markdown_of_ordinary_names_is_unchanged(small_plan: Path) -> None:
    """Names without <, >, &, | or ]( are written exactly as before."""
    text = SMALL_PLAN.replace('"GRDP growth"', '"GRDP (giá 2010) tăng_trưởng *ước* [sơ bộ] 8%/năm - #1"')
    small_plan.write_text(text, encoding="utf-8")
    out = tracker(small_plan, "report", "--format", "markdown").out
    assert "| growth | GRDP (giá 2010) tăng_trưởng *ước* [sơ bộ] 8%/năm - #1 | % |" in out
    assert out.startswith("# Kế hoạch thử\n\nTỉnh Thử · 2025 · ")
    assert "## Economy\n\n| ID | Target | Unit | Plan | Actual | % plan |" in out


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a) for a in COMMANDS])
def test_html_escapes_every_user_string(hostile_plan: Path, args: list[str]) -> None:
    """The html page shows every name, group, unit, owner, source and note as text."""
    out = tracker(hostile_plan, *args, "--format", "html").out
    assert "<script" not in out and "<img" not in out and "<b>" not in out and "<iframe" not in out
    assert "javascript:alert" not in out or "[x](javascript:alert(4))" in out  # only ever as text
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", out))
    assert tags <= {"html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "p", "section", "table",
                    "thead", "tbody", "tr", "th", "td", "small", "svg", "g", "rect", "text", "line", "pre"}, tags  # fmt: skip
    if args[0] == "report":
        assert "&lt;script&gt;alert(2)&lt;/script&gt; | x ![i](http://e.x/p.png)" in out
        assert "<h2>II. &lt;img src=x onerror=alert(3)&gt;</h2>" in out
