"""Markdown tables for e-mail, chat and wiki pages: one table per group."""

from __future__ import annotations

import re
from html import escape

from tracker.render.sheet import Sheet


def _escape(text: str) -> str:
    """Text as literal markdown on one line: a wiki renders <, > and & (raw HTML, an
    <img onerror=...>), | (a new cell) and ]( (a link or an image) as markup, so they
    are escaped; ordinary names come out as they are."""
    text = text.replace("\\", "\\\\").replace("|", "\\|").replace("](", "]\\(")
    return " ".join(escape(text, quote=False).split())


def _paragraph(text: str) -> str:
    """``text`` as a paragraph of its own: a leading * - + or # (the legend "* illustrative
    value …") would start a list or a heading, so it is escaped."""
    text = _escape(text)
    return "\\" + text if text.startswith(("*", "-", "+", "#")) else text


def _fence(lines: tuple[str, ...]) -> str:
    """A code fence longer than any run of backticks in ``lines``, which cannot close it."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    return "`" * max(3, longest + 1)


def render_markdown(sheet: Sheet) -> str:
    """Title as a heading, a report's year-end paragraph (the words of `--format text`),
    a table per section, the notes under the last, the footer in bold."""
    out = []
    if sheet.title:
        out += [f"# {_escape(sheet.title)}", ""]
    if sheet.subtitle:
        out += [_escape(sheet.subtitle), ""]
    if sheet.lead is not None:
        out += [_paragraph(" ".join(sheet.lead().paragraph.split())), ""]
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
    for note in sheet.notes:
        out += [_paragraph(note), ""]
    if sheet.figure:
        fence = _fence(sheet.figure)
        out += [fence, *sheet.figure, fence, ""]
    for text in sheet.footer:
        out += [f"**{_escape(text)}**", ""]
    return "\n".join(out)
