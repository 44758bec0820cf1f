"""The two shapes every output is rendered from.

A ``Sheet`` is for people: localised text cells in sections, with a status per line for
colour. ``Records`` is for programs: one flat dict of raw values per item, the same field
names in csv, tsv and json, whatever the language.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Text safe to show people: line breaks and tabs become spaces, other control
    characters (an escape code in a note) are shown as \\xNN instead of acting."""
    text = " ".join(text.replace("\t", " ").split("\n")) if "\n" in text or "\t" in text else text
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


@dataclass(frozen=True)
class Column:
    """A column for people."""

    header: str
    numeric: bool = False  # right-aligned
    key: str = ""  # what the column holds: "id" and "name" are laid out together in the table
    wrap: bool = False  # the one column a narrow terminal may wrap (names)


@dataclass(frozen=True)
class Line:
    """One row for people."""

    cells: tuple[str, ...]
    status: str | None = None  # machine status name, for colour
    depth: int = 0  # 1 for a component shown under its parent
    bar: float | None = None  # share (0..1+) drawn as a bar in the table format
    number: str = ""  # the line's STT in the Biểu (1, 2, 2.1), shown first by html


@dataclass(frozen=True)
class Section:
    """Rows under one heading (a group of targets)."""

    heading: str | None
    lines: tuple[Line, ...]
    number: str = ""  # the group's STT in the Biểu (I, II), shown before its heading by html


@dataclass(frozen=True)
class Count:
    """How many targets have one status: a bar of the chart a page opens with."""

    status: str  # machine status name, for colour
    label: str  # the status in words
    count: int


@dataclass(frozen=True)
class Lead:
    """What a page for a leader opens with, before any table: the headline, the counts by
    status and the year-end paragraph."""

    headline: str
    counts: tuple[Count, ...]
    paragraph: str


@dataclass(frozen=True)
class Sheet:
    """A titled table for people, ending with footer lines such as the headline."""

    title: str
    columns: tuple[Column, ...]
    sections: tuple[Section, ...]
    footer: tuple[str, ...] = ()
    subtitle: str = ""
    bar_column: int | None = None  # index of the column the table format draws a bar in
    figure: tuple[str, ...] = ()  # preformatted lines (a text chart) shown after the table
    notes: tuple[str, ...] = ()  # the legend of the marks in the table, shown right under it
    # Built only by a format that opens with it (html), so the other formats never word the
    # paragraph; such a page leaves out the footer, which says what the lead's headline says.
    lead: Callable[[], Lead] | None = None


@dataclass(frozen=True)
class Records:
    """Items for programs inside a versioned envelope (json) or as rows (csv, tsv)."""

    kind: str  # "report", "list" or "history"
    envelope: dict[str, Any]
    key: str  # "targets" or "entries"
    fields: tuple[str, ...]  # csv/tsv columns, in order
    items: list[dict[str, Any]] = field(default_factory=list)


def cleaned(sheet: Sheet) -> Sheet:
    """The sheet with every text made ``visible``: what people-facing formats render."""
    return Sheet(
        title=visible(sheet.title),
        columns=tuple(Column(visible(c.header), c.numeric, c.key, c.wrap) for c in sheet.columns),
        sections=tuple(
            Section(
                None if s.heading is None else visible(s.heading),
                tuple(
                    Line(tuple(visible(c) for c in ln.cells), ln.status, ln.depth, ln.bar, visible(ln.number))
                    for ln in s.lines
                ),
                visible(s.number),
            )
            for s in sheet.sections
        ),
        footer=tuple(visible(f) for f in sheet.footer),
        subtitle=visible(sheet.subtitle),
        bar_column=sheet.bar_column,
        figure=tuple(visible(f) for f in sheet.figure),
        notes=tuple(visible(n) for n in sheet.notes),
        lead=None if sheet.lead is None else _cleaned_lead(sheet.lead),
    )


def _cleaned_lead(build: Callable[[], Lead]) -> Callable[[], Lead]:
    """``build`` with every text of what it builds made ``visible``, still built on demand."""

    def cleaned_lead() -> Lead:
        lead = build()
        counts = tuple(Count(c.status, visible(c.label), c.count) for c in lead.counts)
        return Lead(visible(lead.headline), counts, visible(lead.paragraph))

    return cleaned_lead
