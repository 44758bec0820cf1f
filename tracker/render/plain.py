"""Plain text for cron mail and logs: no ANSI codes, nothing cut, nothing wrapped.

Columns are aligned by display width (so Vietnamese diacritics line up) and every cell
is printed whole, however long the line gets.
"""

from __future__ import annotations

import unicodedata

from tracker.render.sheet import Line, Sheet

GAP = "  "


def cell_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: combining marks 0, wide characters 2."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in "WF" else 1
    return width


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - cell_width(text))
    return fill + text if right else text + fill


def _cells(sheet: Sheet, line: Line) -> list[str]:
    cells = list(line.cells)
    named = next((i for i, c in enumerate(sheet.columns) if c.wrap), None)
    if line.depth and named is not None:
        cells[named] = "- " + cells[named]
    return [" ".join(c.split()) if "\n" in c else c for c in cells]


def render_plain(sheet: Sheet) -> str:
    """The sheet as aligned plain text: title, header, sections, the notes, footer last."""
    rows = [_cells(sheet, line) for section in sheet.sections for line in section.lines]
    headers = [c.header for c in sheet.columns]
    widths = [cell_width(h) for h in headers]
    for row in rows:
        widths = [max(w, cell_width(c)) for w, c in zip(widths, row, strict=False)]

    def fmt(cells: list[str]) -> str:
        parts = [_pad(c, w, col.numeric) for c, w, col in zip(cells, widths, sheet.columns, strict=False)]
        return GAP.join(parts).rstrip()

    out = [sheet.title] if sheet.title else []
    if sheet.subtitle:
        out.append(sheet.subtitle)
    if out:
        out.append("")
    out.append(fmt(headers))
    it = iter(rows)
    for section in sheet.sections:
        if section.heading is not None:
            out.append(f"[{section.heading}]")
        for _ in section.lines:
            out.append(fmt(next(it)))
    if sheet.notes:
        out.append("")
        out.extend(sheet.notes)
    if sheet.figure:
        out.append("")
        out.extend(line.rstrip() for line in sheet.figure)
    if sheet.footer:
        out.append("")
        out.extend(sheet.footer)
    return "\n".join(out) + "\n"
