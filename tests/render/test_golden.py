"""Golden files: one fixed plan and log rendered by the installed `tracker` in every format
and both languages, compared byte for byte with the files under tests/render/golden/, so
any change in what people or programs read shows up as a diff of those files.

The plan (golden/plan.toml) and log (golden/plan.progress.toml) are kept by hand; between
them they hold groups, a parent with components, every verdict, estimates and
preliminary figures, a revision, a reported verdict, yes/no milestones, term targets of
every method, an illustrative plan value, a retracted entry, targets named in Vietnamese
only and in both languages. Today is TRACKER_TODAY (tests/conftest.py), so the output
never depends on the date.

After an intended change of output, rewrite the files and review the diff:

    TRACKER_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/render/test_golden.py
    git diff tests/render/golden/

In that mode each case rewrites its file and is reported as skipped (never as passed);
under CI=true it fails instead, so a CI run can never bless its own output.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ON_CI, base_env, run

from tracker.core.judging import Status

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("TRACKER_UPDATE_GOLDEN", "") == "1"
FORMATS = {"table": "table.txt", "plain": "txt", "csv": "csv", "tsv": "tsv", "json": "json", "markdown": "md",
           "html": "html"}  # fmt: skip
LANGS = ("vi", "en")
TABLE_COLUMNS = "120"  # a forced table in a pipe is laid out at COLUMNS


@dataclass(frozen=True)
class Case:
    """One command line whose output is kept as a golden file."""

    name: str  # the file's stem
    args: tuple[str, ...]
    fmt: str
    lang: str
    columns: str = TABLE_COLUMNS

    @property
    def file(self) -> Path:
        """Where the expected output is kept."""
        return GOLDEN / f"{self.name}.{self.lang}.{FORMATS[self.fmt]}"


# Each view in every format; show's explanations (the same text in every people's format)
# for the other targets in plain only.
EVERY_FORMAT = {
    "report": ("report",),
    "report-term": ("report", "--period", "2021-2025"),
    "list": ("list",),
    "history": ("history",),
    "show-grdp_growth": ("show", "grdp_growth"),
    "due": ("due",),
    "report-by-owner": ("report", "--by", "owner"),
}
SHOWN_PLAIN = ("budget_revenue", "tourism_revenue", "exports", "new_jobs", "poverty_cut", "unemployment",
               "school_level3", "hospital_opened", "population", "doctors", "hospital_beds", "forest_cover")  # fmt: skip
CASES = [
    *(Case(name, args, fmt, lang) for name, args in EVERY_FORMAT.items() for fmt in FORMATS for lang in LANGS),
    *(Case(f"show-{target}", ("show", target), "plain", lang) for target in SHOWN_PLAIN for lang in LANGS),
    *(Case("report-narrow", ("report",), "table", lang, columns="80") for lang in LANGS),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the golden plan and log: runs may keep a cache beside the log."""
    path = tmp_path_factory.mktemp("golden")
    for name in ("plan.toml", "plan.progress.toml"):
        shutil.copy(GOLDEN / name, path / name)
    return path


def compare(expected_file: Path, output: str) -> None:
    """Assert ``output`` is the file's text; in update mode write it instead."""
    if UPDATE:
        if ON_CI:
            pytest.fail("TRACKER_UPDATE_GOLDEN=1 under CI=true: golden files are rewritten by people, not CI")
        expected_file.write_bytes(output.encode("utf-8"))
        pytest.skip(f"rewrote {expected_file.name}: review `git diff tests/render/golden/`")
    assert expected_file.exists(), f"no golden file {expected_file.name}: run with TRACKER_UPDATE_GOLDEN=1"
    assert output == expected_file.read_bytes().decode("utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.name}-{c.lang}-{c.fmt}")
def test_each_view_renders_exactly_as_its_golden_file(case: Case, folder: Path) -> None:
    """Every view, format and language gives the bytes kept in its golden file."""
    env = base_env(COLUMNS=case.columns)
    result = run(*case.args, "--format", case.fmt, "--lang", case.lang, cwd=folder, env=env)
    assert result.code == 0, result.err
    assert result.err == ""
    compare(case.file, result.out)


_ID = re.compile(r"\b[a-z2-7]{16}\b")  # a new entry's random id


@pytest.mark.parametrize("lang", LANGS)
def test_record_and_undo_say_what_they_did_as_their_golden_file_says(lang: str, tmp_path: Path) -> None:
    """The one-line answers of `record` and `undo` (their new ids aside)."""
    for name in ("plan.toml", "plan.progress.toml"):
        shutil.copy(GOLDEN / name, tmp_path / name)
    said = []
    for args in (
        ("record", "budget_revenue", "1700", "--as-of", "2026-06-30", "--status", "estimate"),
        ("record", "hospital_opened", "yes", "--as-of", "2026-06-10", "--source", "QĐ 20/QĐ-UBND"),
        ("record", "population", "479", "--as-of", "2026-06-01", "--verdict", "met"),
        ("undo", "--note", "nhập nhầm"),
        ("retract", "vuq6sgbzctvx6cch"),
    ):
        result = run(*args, "--lang", lang, cwd=tmp_path)
        assert result.code == 0, result.err
        said.append(_ID.sub("<id>", result.out))
    compare(GOLDEN / f"record.{lang}.txt", "".join(said))


def test_every_golden_file_belongs_to_a_case() -> None:
    """No output file is left behind by a case that was renamed or removed."""
    expected = {case.file.name for case in CASES} | {f"record.{lang}.txt" for lang in LANGS}
    kept = {p.name for p in GOLDEN.iterdir()} - {"plan.toml", "plan.progress.toml", ".gitattributes"}
    assert kept == expected


def test_the_golden_reports_show_every_verdict() -> None:
    """The fixture keeps its promise: between its two reports every verdict appears, as
    do a reported verdict, an estimate, a component and a judged term."""
    items = [
        item
        for name in ("report", "report-term")
        for item in json.loads((GOLDEN / f"{name}.en.json").read_text(encoding="utf-8"))["targets"]
    ]
    assert {item["status"] for item in items} == {status.value for status in Status}
    assert any(item["reported"] for item in items)
    assert any(item["figure_status"] == "estimate" for item in items)
    assert any(item["parent"] for item in items)
    assert {item["term_method"] for item in items} >= {"compound", "mean", "sum", "latest"}
