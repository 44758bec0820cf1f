"""Markdown tables for e-mail, chat and wiki pages: one table per group."""

from __future__ import annotations

from tracker.render.sheet import Sheet


def _escape(text: str) -> str:
    return " ".join(text.replace("\\", "\\\\").replace("|", "\\|").split())


def render_markdown(sheet: Sheet) -> str:
    """Title as a heading, a table per section, the footer in bold."""
    out = []
    if sheet.title:
        out += [f"# {_escape(sheet.title)}", ""]
    if sheet.subtitle:
        out += [_escape(sheet.subtitle), ""]
    header = "| " + " | ".join(_escape(c.header) for c in sheet.columns) + " |"
    rule = "|" + "|".join("---:" if c.numeric else "---" for c in sheet.columns) + "|"
    named = next((i for i, c in enumerate(sheet.columns) if c.wrap), None)
    for section in sheet.sections:
        if section.heading is not None:
            out += [f"## {_escape(section.heading)}", ""]
        out += [header, rule]
        for line in section.lines:
            cells = [_escape(c) for c in line.cells]
            if line.depth and named is not None:
                cells[named] = "↳ " + cells[named]
            out.append("| " + " | ".join(cells) + " |")
        out.append("")
    if sheet.figure:
        out += ["```", *sheet.figure, "```", ""]
    for text in sheet.footer:
        out += [f"**{_escape(text)}**", ""]
    return "\n".join(out)
