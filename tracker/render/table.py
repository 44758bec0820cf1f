"""The Rich table for people at a terminal: sections by group, coloured verdicts, a bar
of % of plan, the headline as a footer. Imported only when this format is chosen."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from tracker.render.sheet import Sheet

STYLES = {
    "exceeded": "bold green",
    "met": "green",
    "not_met": "bold red",
    "no_data": "dim",
    "on_track": "green",
    "at_risk": "yellow",
    "off_track": "red",
    "not_judged": "",
    "retracted": "dim strike",
    "retraction": "dim",
}
BAR_WIDTH = 10


def bar(share: float) -> str:
    """A bar of ``share`` (1.0 = the plan) in BAR_WIDTH cells; '▏' marks beyond 100 %."""
    filled = max(0, min(BAR_WIDTH, round(share * BAR_WIDTH)))
    text = "█" * filled + "·" * (BAR_WIDTH - filled)
    return text + ("+" if share > 1.0 else " ")


def render_table(sheet: Sheet, width: int, colour: bool) -> str:
    """The sheet as a Rich table, ``width`` columns wide, with or without colour.

    Every user string goes in as ``Text`` so a name holding "[/]" is never read as markup.
    """
    console = Console(
        file=io.StringIO(),
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
    table = Table(
        title=Text(sheet.title, style="bold" if colour else ""),
        caption=Text(sheet.subtitle) if sheet.subtitle else None,
        show_footer=False,
        expand=False,
        header_style="bold" if colour else "",
        title_style="",
        caption_style="",
    )
    for i, column in enumerate(sheet.columns):
        table.add_column(
            Text(column.header),
            justify="right" if column.numeric else "left",
            no_wrap=not column.wrap,
            overflow="fold",
            ratio=None,
            min_width=12 if column.wrap else None,
        )
        if sheet.bar_column is not None and i == sheet.bar_column:
            table.add_column("", no_wrap=True)
    for section in sheet.sections:
        if section.heading is not None:
            if table.row_count:
                table.add_section()
            heading = [Text(section.heading, style="bold" if colour else "")]
            table.add_row(*heading, *[""] * (len(table.columns) - 1))
        for line in section.lines:
            cells = [Text(c) for c in line.cells]
            named = next((i for i, c in enumerate(sheet.columns) if c.wrap), None)
            if line.depth and named is not None:
                cells[named] = Text("  ↳ ") + cells[named]
            style = STYLES.get(line.status or "", "") if colour else ""
            if style:
                cells[-1].stylize(style)
            if sheet.bar_column is not None:
                drawn = Text(bar(line.bar) if line.bar is not None else "")
                if style:
                    drawn.stylize(style)
                cells.insert(sheet.bar_column + 1, drawn)
            table.add_row(*cells)
    console.print(table)
    for text in sheet.footer:
        console.print(Text(text, style="bold" if colour else ""))
    output = console.file.getvalue()  # type: ignore[attr-defined]
    return output
