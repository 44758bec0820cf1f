"""What the report's sheet gives every format for people: STT as the Biểu numbers it, the
illustrative mark with its legend once, and the lead a leader's page opens with (built
only when asked for). Built in-process from the golden plan and log."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tracker.core.periods import parse_period
from tracker.core.report import Report, build_report
from tracker.render.bieu import bieu_rows
from tracker.render.numbering import numbered, roman
from tracker.render.paragraph import paragraph_text
from tracker.render.sheet import Count, cleaned
from tracker.render.views.phrases import status_word
from tracker.render.views.report import report_sheet
from tracker.storage.plan_file import load_plan
from tracker.storage.progress_log import read_log

GOLDEN = Path(__file__).resolve().parent / "golden"
LEGEND = {"vi": "* giá trị minh họa, không phải số liệu công bố", "en": "* illustrative value, not a published figure"}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """The golden plan's 2026 report as of 2026-06-15 (the golden files' day)."""
    folder = tmp_path_factory.mktemp("sheet")
    for name in ("plan.toml", "plan.progress.toml"):
        shutil.copy(GOLDEN / name, folder / name)
    plan = load_plan(folder / "plan.toml")
    log = read_log(folder / "plan.progress.toml", use_cache=False)
    return build_report(plan, log, parse_period("2026"), date(2026, 6, 15))


def test_lines_carry_the_stt_of_the_bieu(report: Report) -> None:
    """Groups I, II, III; targets 1, 2 … through the document, components 6.1, 6.2; the same
    numbers as the Biểu of the xlsx and docx formats."""
    sheet = report_sheet(report, "vi")
    shown = [n for s in sheet.sections for n in (s.number, *(line.number for line in s.lines))]
    assert shown == [stt for stt, _, _, _ in numbered(report)] == [row.stt for row in bieu_rows(report, "vi")]
    assert [s.number for s in sheet.sections] == ["I", "II", "III"]
    assert [line.number for line in sheet.sections[1].lines][:3] == ["6", "6.1", "6.2"]
    assert [roman(n) for n in (1, 4, 12, 13)] == ["I", "IV", "XII", "13"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_an_illustrative_plan_value_is_marked_and_explained_once(report: Report, lang: str) -> None:
    """Only the illustrative plan value carries '*'; the legend is one note under the table."""
    sheet = report_sheet(report, lang)
    plan_at = 3
    marked = [line.cells[0] for s in sheet.sections for line in s.lines if line.cells[plan_at].endswith(" *")]
    assert marked == ["tourism_revenue"]
    assert sheet.notes == (LEGEND[lang],)
    assert LEGEND[lang] not in sheet.footer


def test_no_legend_without_a_mark(report: Report) -> None:
    """A report with no illustrative plan value prints no legend."""
    plain = replace(report, rows=tuple(row for row in report.rows if row.target.id != "tourism_revenue"))
    sheet = report_sheet(plain, "vi")
    assert sheet.notes == ()
    assert not any("*" in cell for s in sheet.sections for line in s.lines for cell in line.cells)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_lead_is_the_headline_the_counts_and_the_paragraph(report: Report, lang: str) -> None:
    """The lead repeats the footer's headline, counts each status in the verdicts' order and
    holds the year-end paragraph on one line; cleaning the sheet keeps it built on demand."""
    sheet = cleaned(report_sheet(report, lang))
    assert sheet.lead is not None
    lead = sheet.lead()
    assert (lead.headline,) == sheet.footer
    by_status = report.summary.by_status
    assert lead.counts == tuple(Count(s, status_word(s, lang), n) for s, n in by_status.items())
    assert sum(c.count for c in lead.counts) == report.summary.total
    assert lead.paragraph == " ".join(paragraph_text(report, lang).split())
