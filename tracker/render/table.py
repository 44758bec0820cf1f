"""The Rich table for people at a terminal: sections by group, coloured verdicts, a bar
of % of plan, the headline as a footer. Imported only when this format is chosen."""

from __future__ import annotations

import io
import re
import textwrap

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.render.sheet import Line, Sheet
from tracker.render.views.phrases import RANGE_DASH

STYLES = {
    "exceeded": "bold green",
    "met": "green",
    "basically_met": "bold yellow",
    "not_met": "bold red",
    "no_data": "dim",
    "incomplete": "yellow",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "not_judged": "",
    "retracted": "dim strike",
    "retraction": "dim",
}
BAR_WIDTH = 8
VERDICT_WIDTH = 14  # the verdict column keeps this many characters at most ("Không đánh giá")
NARROW = 100  # below this many columns the bar is left out to leave room for numbers
AMENDED = " → "  # between a plan value as written and the amendment in force (views/phrases.py)
_QUALIFIER = re.compile(r" (?=[^\d\s])")  # "8,2 (ước)", "-0,8 điểm %", "1.000 *": not "≥ 3.000"
# A qualifier wraps at spaces within this width (or its number's): "(điều chỉnh / từ 7,0)"
# would otherwise set the width of its column and take it from the names.
QUALIFIER_WIDTH = 12


def bar(share: float) -> str:
    """A bar of ``share`` (1.0 = the plan) in BAR_WIDTH cells, '+' when beyond the plan."""
    share = max(-1.0, min(share, 2.0))  # an infinite share (a huge % of plan) has no round()
    filled = max(0, min(BAR_WIDTH, round(share * BAR_WIDTH)))
    return "█" * filled + "·" * (BAR_WIDTH - filled) + ("+" if share > 1.0 else " ")


def _layout(sheet: Sheet, wide: bool = True) -> tuple[list[int], list[int], int | None]:
    """Which sheet columns become table columns: id and unit go under the name, which
    leaves the width to the numbers; below NARROW columns the trend is left out with the
    bar, so the verdict keeps the width of its words."""
    keys = [c.key for c in sheet.columns]
    if "name" not in keys:
        return list(range(len(keys))), [], None
    under = [keys.index(k) for k in ("id", "unit") if k in keys]
    dropped = set(under) | ({keys.index("trend")} if "trend" in keys and not wide else set())
    return [i for i in range(len(keys)) if i not in dropped], under, keys.index("name")


def _stack(text: str) -> str:
    """A number and its qualifier on two lines (a long qualifier wrapped at spaces), so a
    narrow column never cuts a number;
    an amended plan value (≥ 8 → ≥ 7,5 (NQ 05)) on a line each for the value as written,
    the value in force and the document, so it leaves the width to the names."""
    if AMENDED in text:
        written, amended = text.split(AMENDED, 1)
        value, _, source = amended.rpartition(" (")
        if not value:
            return f"{written}\n→ {amended}"
        width = max(len(written), len(value) + 2)  # the document's name wraps at spaces within the values' width
        lines = textwrap.wrap(f"({source}", width, break_long_words=False, break_on_hyphens=False)
        return "\n".join((written, f"→ {value}", *lines))
    if RANGE_DASH in text and not wide_range_ok(text):  # a range figure or its % of plan: an end a line
        low, _, high = text.partition(RANGE_DASH)
        return f"{low}{RANGE_DASH}\n{_stack(high)}"
    parts = _QUALIFIER.split(text, maxsplit=1)
    if len(parts) == 1 or not any(c.isdigit() for c in parts[0]):  # "Xuất siêu", "Chưa đạt": words, not qualified
        return "\n".join(textwrap.wrap(text, QUALIFIER_WIDTH, break_long_words=False)) or text
    number, qualifier = parts
    width = max(len(number), QUALIFIER_WIDTH)
    return "\n".join((number, *textwrap.wrap(qualifier, width, break_long_words=False, break_on_hyphens=False)))


def wide_range_ok(text: str) -> bool:
    """A range short enough to stay on one line ("1,5–2", a plan's range)."""
    return len(text) <= 8


def _row(sheet: Sheet, line: Line, colour: bool, with_bar: bool, wide: bool) -> list[Text]:
    shown, under, name_at = _layout(sheet, wide)
    style = STYLES.get(line.status or "", "") if colour else ""
    named = next((i for i, c in enumerate(sheet.columns) if c.wrap), None)
    cells: list[Text] = []
    for i in shown:
        column = sheet.columns[i]
        cell = Text(_stack(line.cells[i]) if column.numeric else line.cells[i])
        if i == named and line.depth:
            cell = Text("↳ ") + cell
        extra = " · ".join(line.cells[j] for j in under if line.cells[j])
        if i == name_at and extra:
            cell.append("\n" + extra, style="dim" if colour else "")
        if i == len(sheet.columns) - 1 and style:
            cell.stylize(style)
        cells.append(cell)
        if with_bar and i == sheet.bar_column:
            drawn = Text(bar(line.bar) if line.bar is not None else "")
            if style:
                drawn.stylize(style)
            cells.append(drawn)
    return cells


def render_table(sheet: Sheet, width: int, colour: bool) -> str:
    """The sheet as a Rich table, ``width`` columns wide, with or without colour.

    Every user string goes in as ``Text`` so a name holding "[/]" is never read as
    markup. Cells wrap at spaces, so a number is never cut.
    """
    out = io.StringIO()  # kept as a StringIO: Console.file is typed as any text file
    console = Console(
        file=out,
        width=width,
        force_terminal=colour,
        color_system="standard" if colour else None,
        no_color=not colour,
        highlight=False,
        emoji=False,
        markup=False,
        legacy_windows=False,
        _environ={},  # FORCE_COLOR, TTY_COMPATIBLE, COLUMNS: decided by the caller
    )
    wide = width >= NARROW
    console.print(_table(sheet, colour, with_bar=sheet.bar_column is not None and wide, wide=wide))
    for note in sheet.notes:
        console.print(Text(note))
    for figure_line in sheet.figure:
        console.print(Text(figure_line), no_wrap=True, overflow="ignore", crop=False)
    for text in sheet.footer:
        console.print(Text(text, style="bold" if colour else ""))
    return out.getvalue()


def _table(sheet: Sheet, colour: bool, with_bar: bool, wide: bool) -> Table:
    """The sheet's columns and sections as a Rich table, a group's heading on a row of its own."""
    table = Table(
        title=Text(sheet.title, style="bold" if colour else ""),
        caption=Text(sheet.subtitle) if sheet.subtitle else None,
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        header_style="bold" if colour else "",
        title_style="",
        caption_style="",
    )
    shown, _, _ = _layout(sheet, wide)
    last = len(sheet.columns) - 1
    for i in shown:
        column = sheet.columns[i]
        table.add_column(
            Text(column.header),
            justify="right" if column.numeric else "left",
            no_wrap=column.numeric,
            overflow="fold",
            ratio=1 if column.wrap else None,
            min_width=12 if column.wrap else (_verdict_width(sheet, i) if i == last else None),
        )
        if with_bar and i == sheet.bar_column:
            table.add_column("", no_wrap=True, min_width=BAR_WIDTH + 1)
    for section in sheet.sections:
        if section.heading is not None:
            if table.row_count:
                table.add_section()
            table.add_row(Text(section.heading, style="bold" if colour else ""))
        for line in section.lines:
            table.add_row(*_row(sheet, line, colour, with_bar, wide))
    return table


def _verdict_width(sheet: Sheet, index: int) -> int:
    """The width column ``index`` (the verdict) keeps at any terminal width: its longest
    cell ("Không đánh giá", "Basically met"), up to VERDICT_WIDTH, so a narrow terminal
    takes the room from the names, not from the verdict's words."""
    cells = (line.cells[index] for section in sheet.sections for line in section.lines)
    return min(max((len(cell) for cell in cells), default=0), VERDICT_WIDTH) or len(sheet.columns[index].header)
