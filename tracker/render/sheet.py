"""The two shapes every output is rendered from.

A ``Sheet`` is for people: localised text cells in sections, with a status per line for
colour. ``Records`` is for programs: one flat dict of raw values per item, the same field
names in csv, tsv and json, whatever the language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


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


@dataclass(frozen=True)
class Section:
    """Rows under one heading (a group of targets)."""

    heading: str | None
    lines: tuple[Line, ...]


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


@dataclass(frozen=True)
class Records:
    """Items for programs inside a versioned envelope (json) or as rows (csv, tsv)."""

    kind: str  # "report", "list" or "history"
    envelope: dict[str, Any]
    key: str  # "targets" or "entries"
    fields: tuple[str, ...]  # csv/tsv columns, in order
    items: list[dict[str, Any]] = field(default_factory=list)
