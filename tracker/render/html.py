"""One self-contained HTML page for a status printout that is mailed or published.

Everything the page needs is inside it: inline CSS, an inline SVG bar chart per group, no
scripts, fonts, images or links (inline SVG needs no namespace URL in HTML5), so it opens
the same offline, in a mail client or on paper. Verdicts are written out in words and
coloured only as an aid, and the output is deterministic (no timestamps), so the same
report gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import Any

from tracker.render.numbers import format_number
from tracker.render.sheet import Line, Records, Section, Sheet
from tracker.words import word

CAP = 150.0  # bars stop at this % of plan; the number beside them is still the true one
CHART_WIDTH = 600  # svg user units
BAR_LEFT = 4
BAR_SPAN = 500  # width of CAP % in user units
ROW = 34  # one item: label line + bar
TOP = 18  # room for the "100% = plan" label

# One colour per machine status: text on a light tint in the table, a fill in the chart.
COLOURS = {
    "exceeded": ("#116329", "#dafbe1"),
    "met": ("#1a7f37", "#e6f6ea"),
    "on_track": ("#0550ae", "#ddf4ff"),
    "at_risk": ("#7d4e00", "#fff8c5"),
    "off_track": ("#a40e26", "#ffebe9"),
    "not_met": ("#a40e26", "#ffebe9"),
    "no_data": ("#57606a", "#f6f8fa"),
    "not_judged": ("#57606a", "#f6f8fa"),
}

CSS = """
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1f2328;
margin:24px auto;max-width:1100px;padding:0 16px;line-height:1.4;print-color-adjust:exact}
h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.15em;margin:28px 0 8px}
.subtitle{color:#57606a;margin:0 0 16px}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#f6f8fa}.num{text-align:right;white-space:nowrap}
.sub{padding-left:1.5em}.status{font-weight:600;white-space:nowrap}
svg{display:block;max-width:100%;height:auto;margin:10px 0}
svg text{font-family:inherit;font-size:12px;fill:#1f2328;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .plan{stroke:#1f2328;stroke-dasharray:4 3}
svg .none{fill:#57606a;font-style:italic}
.headline{font-weight:700;margin-top:20px}pre{background:#f6f8fa;padding:8px;overflow:auto}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}table,svg{break-inside:avoid}}
"""


def _status_css() -> str:
    """A class per status, so the verdict cell and its bar share a colour."""
    rules = [f"td.st-{name}{{color:{text};background:{tint}}}" for name, (text, tint) in COLOURS.items()]
    rules += [f"rect.st-{name}{{fill:{text}}}" for name, (text, _) in COLOURS.items()]
    return "\n".join(rules)


def _class(status: str | None) -> str:
    """A CSS class name for a machine status (kept to safe characters)."""
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in status or "none")
    return f"st-{safe}"


def _table(sheet: Sheet, section: Section) -> list[str]:
    """The section's lines as a table under the sheet's column headers."""
    head = "".join(
        '<th scope="col"' + (' class="num"' if c.numeric else "") + f">{escape(c.header)}</th>" for c in sheet.columns
    )
    out = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    status_col = len(sheet.columns) - 1
    for line in section.lines:
        cells = []
        for i, (column, text) in enumerate(zip(sheet.columns, line.cells, strict=False)):
            classes = []
            if column.numeric:
                classes.append("num")
            if column.wrap and line.depth:
                classes.append("sub")
                text = "↳ " + text
            if i == status_col and line.status:
                classes += ["status", _class(line.status)]
            attr = f' class="{" ".join(classes)}"' if classes else ""
            cells.append(f"<td{attr}>{escape(text)}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _items_for(section: Section, sections: Sequence[Section], records: Records) -> list[dict[str, Any]]:
    """The records items behind a section: same group, in order.

    A section without a heading takes the items of no other section's group.
    """
    if section.heading is not None:
        return [i for i in records.items if i.get("group") == section.heading]
    others = {s.heading for s in sections if s.heading is not None}
    return [i for i in records.items if i.get("group") not in others]


def _label(sheet: Sheet, line: Line | None, item: dict[str, Any]) -> str:
    """What a bar is called: the name as the table shows it, else the item's name or id."""
    if line is not None:
        named = next((i for i, c in enumerate(sheet.columns) if c.key == "name"), 0)
        if named < len(line.cells) and line.cells[named]:
            return line.cells[named]
    return str(item.get("name") or item.get("id") or "")


def _chart(sheet: Sheet, section: Section, items: list[dict[str, Any]], index: int, lang: str) -> list[str]:
    """A horizontal bar per item: % of plan, capped at CAP, a dashed line at 100 % behind the bars."""
    lines: list[Line | None] = list(section.lines) if len(section.lines) == len(items) else [None] * len(items)
    height = TOP + ROW * len(items) + 6
    x100 = BAR_LEFT + BAR_SPAN * 100 / CAP
    heading = section.heading or sheet.title
    caption = f"{heading}: % {word(lang, 'plan')}"
    out = [
        f'<svg role="img" aria-labelledby="chart{index}" '
        f'width="{CHART_WIDTH}" height="{height}" viewBox="0 0 {CHART_WIDTH} {height}">',
        f'<title id="chart{index}">{escape(caption)}</title>',
        f'<text x="{x100 + 4:.1f}" y="12">100% = {escape(word(lang, "plan"))}</text>',
        f'<line class="plan" x1="{x100:.1f}" y1="15" x2="{x100:.1f}" y2="{height - 2}"/>',
    ]
    for n, (item, line) in enumerate(zip(items, lines, strict=True)):
        out += _bar(sheet, line, item, TOP + ROW * n, lang)
    out.append("</svg>")
    return out


def _bar(sheet: Sheet, line: Line | None, item: dict[str, Any], y: int, lang: str) -> list[str]:
    """One item of a chart at height ``y``: its label, and its bar with the % beside it
    (or, with no % of plan, its verdict in words)."""
    label = _label(sheet, line, item)
    shift = "↳ " if (line.depth if line is not None else item.get("parent")) else ""
    status = line.status if line is not None else item.get("status")
    verdict = line.cells[-1] if line is not None and line.cells else str(status or "")
    value = item.get("percent_of_plan")
    if value is None:
        tip = verdict
        marks = [f'<text class="none" x="{BAR_LEFT + 8}" y="{y + 27}">— {escape(verdict)}</text>']
    else:
        percent = float(value)
        cells = line.cells if line is not None else ()
        column = sheet.bar_column
        has_cell = column is not None and column < len(cells) and cells[column]
        shown = cells[column] if has_cell and column is not None else f"{format_number(Decimal(str(value)), lang, 1)}%"
        width = BAR_SPAN * max(0.0, min(percent, CAP)) / CAP
        tip = f"{shown} ({verdict})"
        marks = [
            f'<rect class="{_class(status)}" x="{BAR_LEFT}" y="{y + 16}" width="{width:.1f}" height="12"/>',
            f'<text x="{BAR_LEFT + width + 6:.1f}" y="{y + 27}">{escape(shown)}</text>',
        ]
    return [
        f"<g><title>{escape(label)}: {escape(tip)}</title>",
        f'<text x="{BAR_LEFT}" y="{y + 12}">{shift}{escape(label)}</text>',
        *marks,
        "</g>",
    ]


def render_html(sheet: Sheet, records: Records, lang: str = "vi") -> str:
    """The sheet as one HTML5 page: title, a table and a bar chart per group, footer last."""
    charts = "percent_of_plan" in records.fields
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(sheet.title)}</title>",
        f"<style>{CSS}{_status_css()}\n</style>",
        "</head>",
        "<body>",
    ]
    if sheet.title:
        out.append(f"<h1>{escape(sheet.title)}</h1>")
    if sheet.subtitle:
        out.append(f'<p class="subtitle">{escape(sheet.subtitle)}</p>')
    for index, section in enumerate(sheet.sections):
        out.append("<section>")
        if section.heading is not None:
            out.append(f"<h2>{escape(section.heading)}</h2>")
        out += _table(sheet, section)
        items = _items_for(section, sheet.sections, records) if charts else []
        if items:
            out += _chart(sheet, section, items, index, lang)
        out.append("</section>")
    if sheet.figure:
        out.append("<pre>" + escape("\n".join(line.rstrip() for line in sheet.figure)) + "</pre>")
    for text in sheet.footer:
        out.append(f'<p class="headline">{escape(text)}</p>')
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
