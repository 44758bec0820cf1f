"""One self-contained HTML page for a status printout that is mailed or published.

A report's page is read by a leader first: it opens with the headline and the counts by
status (a small chart), then the year-end paragraph, then the Biểu by group, each row led
by its STT and name (the id on a small second line), a bar chart of % of plan under each
group and the legend of the marks once, under the last table. Printed, it is A4 landscape
with the table header repeated on every page and no row split across two.

Everything the page needs is inside it: inline CSS, inline SVG charts, no scripts, fonts,
images or links (inline SVG needs no namespace URL in HTML5), so it opens the same
offline, in a mail client or on paper. Verdicts are written out in words and coloured
only as an aid, and the output is deterministic (no timestamps), so the same report gives
the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape
from typing import Any

from tracker.render.numbers import format_number
from tracker.render.sheet import Count, Lead, Line, Records, Section, Sheet
from tracker.words import word

CAP = 150.0  # bars stop at this % of plan; the number beside them is still the true one
LONG_CELL = 16  # characters of a number cell beyond which it is broken on lines (_broken)
CHART_WIDTH = 600  # svg user units
BAR_LEFT = 4
BAR_SPAN = 500  # width of CAP % in user units
ROW = 34  # one item: label line + bar
TOP = 18  # room for the "100% = plan" label
COUNT_ROW = 22  # one status in the counts chart
COUNT_LABEL = 150  # room for the status in words, left of its bar
COUNT_SPAN = 240  # the longest bar (the commonest status)

# One colour per machine status: text on a light tint in the table, a fill in the chart.
COLOURS = {
    "exceeded": ("#116329", "#dafbe1"),
    "met": ("#1a7f37", "#e6f6ea"),
    "basically_met": ("#7d4e00", "#fdebc8"),  # between met and not met: amber
    "on_track": ("#0550ae", "#ddf4ff"),
    "at_risk": ("#7d4e00", "#fff8c5"),
    "off_track": ("#a40e26", "#ffebe9"),
    "not_met": ("#a40e26", "#ffebe9"),
    "no_data": ("#57606a", "#f6f8fa"),
    "incomplete": ("#7d4e00", "#fff8c5"),
    "not_judged": ("#57606a", "#f6f8fa"),
}

# The header row has a shade no cell has, so it reads as the header on every printed page
# (and a test finds it on each page of a PDF).
CSS = """
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1f2328;
margin:24px auto;max-width:1100px;padding:0 16px;line-height:1.4;print-color-adjust:exact}
h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.15em;margin:28px 0 8px}
.subtitle{color:#57606a;margin:0 0 16px}
.lead .headline{font-size:1.3em;margin:0 0 4px}.paragraph{max-width:75em;margin:8px 0 0}
table{border-collapse:collapse;width:100%;font-size:.9em}
th,td{border:1px solid #d0d7de;padding:4px 6px;vertical-align:top;text-align:left}
th{background:#eaeef2}.num{text-align:right;white-space:nowrap}.stt{text-align:center;white-space:nowrap}
.sub{padding-left:1.5em}.status{font-weight:600;white-space:nowrap}
small{display:block;color:#57606a;font-size:.8em;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
svg{display:block;max-width:100%;height:auto;margin:10px 0}
svg text{font-family:inherit;font-size:12px;fill:#1f2328;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .plan{stroke:#1f2328;stroke-dasharray:4 3}
.headline{font-weight:700;margin-top:20px}.trend{color:#57606a;white-space:nowrap;letter-spacing:.1em}
.notes{color:#57606a;font-size:.9em;margin:8px 0}
pre{background:#f6f8fa;padding:8px;overflow:auto}
@page{size:A4 landscape;margin:12mm 10mm}
@media print{body{margin:0;max-width:none;padding:0;font-size:10pt}thead{display:table-header-group}
tr,svg,.lead{break-inside:avoid}h2{break-after:avoid}}
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


def _shown(sheet: Sheet) -> tuple[list[int], int | None, int | None]:
    """The columns a table shows, which one is the name and which the id: the id goes on a
    small line under the name, so STT and name lead each row."""
    keys = [c.key for c in sheet.columns]
    if "name" not in keys or "id" not in keys:
        return list(range(len(keys))), None, None
    name, ident = keys.index("name"), keys.index("id")
    return [i for i in range(len(keys)) if i != ident], name, ident


def _table(sheet: Sheet, section: Section, lang: str) -> list[str]:
    """The section's lines as a table under the sheet's column headers, STT first when the
    lines are numbered."""
    shown, name_at, id_at = _shown(sheet)
    numbered = any(line.number for line in section.lines)
    head = f'<th scope="col" class="stt">{escape(word(lang, "No."))}</th>' if numbered else ""
    head += "".join(
        '<th scope="col"'
        + (' class="num"' if sheet.columns[i].numeric else "")
        + f">{escape(sheet.columns[i].header)}</th>"
        for i in shown
    )
    out = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for line in section.lines:
        cells = [f'<td class="stt">{escape(line.number)}</td>'] if numbered else []
        under = line.cells[id_at] if id_at is not None and id_at < len(line.cells) else ""
        cells += [_cell(sheet, line, i, under if i == name_at else "") for i in shown]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _cell(sheet: Sheet, line: Line, index: int, under: str) -> str:
    """The line's cell of column ``index``, with ``under`` (the id) on a small line of its own."""
    column, text = sheet.columns[index], line.cells[index] if index < len(line.cells) else ""
    classes = []
    if column.numeric:
        classes.append("num")
    if column.key == "trend":
        classes.append("trend")
    if column.wrap and line.depth:
        classes.append("sub")
        text = "↳ " + text
    if index == len(sheet.columns) - 1 and line.status:
        classes += ["status", _class(line.status)]
    attr = f' class="{" ".join(classes)}"' if classes else ""
    extra = f"<small>{escape(under)}</small>" if under else ""
    shown = _broken(text) if column.numeric else escape(text)
    return f"<td{attr}>{shown}{extra}</td>"


def _broken(text: str) -> str:
    """A long number cell on lines of its own (numbers never wrap): an amended plan value
    (≥ 8 → ≥ 7,5 (NQ 05/NQ-HĐND)) before its arrow and its document, a revised figure
    (1.650 (điều chỉnh từ 1.600)) before its marks, so it does not widen its column."""
    if len(text) <= LONG_CELL:
        return escape(text)
    head, arrow, amended = text.partition(" → ")
    parts = [head, "→ " + amended] if arrow else [head]
    last, paren, marks = parts[-1].rpartition(" (")
    if paren and last:
        parts[-1:] = [last, "(" + marks]
    return "<br>".join(escape(part) for part in parts)


def _lead(lead: Lead, lang: str) -> list[str]:
    """The headline, the counts by status as a small chart, the paragraph."""
    out = [f'<p class="headline">{escape(lead.headline)}</p>']
    if lead.counts:
        out += _counts_chart(lead.counts, lang)
    if lead.paragraph:
        out.append(f'<p class="paragraph">{escape(lead.paragraph)}</p>')
    return out


def _counts_chart(counts: Sequence[Count], lang: str) -> list[str]:
    """A bar per status, as long as its count (the commonest the longest), the status and the
    count in words beside it, so the chart reads without colour."""
    most = max(c.count for c in counts) or 1
    height = COUNT_ROW * len(counts) + 4
    width = COUNT_LABEL + COUNT_SPAN + 40
    caption = word(lang, "Targets by status")
    out = [
        f'<svg class="counts" role="img" aria-labelledby="counts" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
        f'<title id="counts">{escape(caption)}</title>',
    ]
    for n, count in enumerate(counts):
        y = COUNT_ROW * n
        bar = COUNT_SPAN * count.count / most
        out += [
            f'<text x="0" y="{y + 15}">{escape(count.label)}</text>',
            f'<rect class="{_class(count.status)}" x="{COUNT_LABEL}" y="{y + 4}" width="{bar:.1f}" height="14"/>',
            f'<text x="{COUNT_LABEL + bar + 6:.1f}" y="{y + 15}">{count.count}</text>',
        ]
    out.append("</svg>")
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
    """A horizontal bar per item with a % of plan, capped at CAP, a dashed line at 100 %
    behind the bars; nothing when no item has one (the table says which have no figure)."""
    lines: list[Line | None] = list(section.lines) if len(section.lines) == len(items) else [None] * len(items)
    drawn = [(item, line) for item, line in zip(items, lines, strict=True) if item.get("percent_of_plan") is not None]
    if not drawn:
        return []
    height = TOP + ROW * len(drawn) + 6
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
    for n, (item, line) in enumerate(drawn):
        out += _bar(sheet, line, item, TOP + ROW * n, lang)
    out.append("</svg>")
    return out


def _bar(sheet: Sheet, line: Line | None, item: dict[str, Any], y: int, lang: str) -> list[str]:
    """One item of a chart at height ``y``: its label, and its bar with the % beside it."""
    label = _label(sheet, line, item)
    shift = "↳ " if (line.depth if line is not None else item.get("parent")) else ""
    status = line.status if line is not None else item.get("status")
    verdict = line.cells[-1] if line is not None and line.cells else str(status or "")
    value = item["percent_of_plan"]
    cells = line.cells if line is not None else ()
    column = sheet.bar_column
    has_cell = column is not None and column < len(cells) and cells[column]
    shown = cells[column] if has_cell and column is not None else f"{format_number(Decimal(str(value)), lang, 1)}%"
    width = BAR_SPAN * max(0.0, min(float(value), CAP)) / CAP
    return [
        f"<g><title>{escape(label)}: {escape(shown)} ({escape(verdict)})</title>",
        f'<text x="{BAR_LEFT}" y="{y + 12}">{shift}{escape(label)}</text>',
        f'<rect class="{_class(status)}" x="{BAR_LEFT}" y="{y + 16}" width="{width:.1f}" height="12"/>',
        f'<text x="{BAR_LEFT + width + 6:.1f}" y="{y + 27}">{escape(shown)}</text>',
        "</g>",
    ]


def render_html(sheet: Sheet, records: Records, lang: str = "vi") -> str:
    """The sheet as one HTML5 page: title, then the lead when the sheet has one (headline,
    counts, paragraph), a table and a bar chart per group, the notes, the footer last (left
    out after a lead, whose headline it repeats)."""
    charts = "percent_of_plan" in records.fields
    lead = sheet.lead() if sheet.lead is not None else None
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
        '<header class="lead">' if lead is not None else "<header>",
    ]
    if sheet.title:
        out.append(f"<h1>{escape(sheet.title)}</h1>")
    if sheet.subtitle:
        out.append(f'<p class="subtitle">{escape(sheet.subtitle)}</p>')
    if lead is not None:
        out += _lead(lead, lang)
    out.append("</header>")
    for index, section in enumerate(sheet.sections):
        out.append("<section>")
        if section.heading is not None:
            number = f"{section.number}. " if section.number else ""
            out.append(f"<h2>{escape(number + section.heading)}</h2>")
        out += _table(sheet, section, lang)
        if charts:
            out += _chart(sheet, section, _items_for(section, sheet.sections, records), index, lang)
        out.append("</section>")
    out += [f'<p class="notes">{escape(note)}</p>' for note in sheet.notes]
    if sheet.figure:
        out.append("<pre>" + escape("\n".join(line.rstrip() for line in sheet.figure)) + "</pre>")
    if lead is None:
        out += [f'<p class="headline">{escape(text)}</p>' for text in sheet.footer]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
