"""`compare --format html`: the matrix of units × targets and one chart per target, as one
self-contained page (inline CSS and SVG, no script, no network), deterministic.

Each chart is a horizontal bar per unit: its % of plan, capped at CAP, a dashed line at
100 %, the verdict in words beside the bar so it reads without colour; a unit with no
% of plan (no data, a milestone) shows its verdict instead of a bar.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from tracker.render import html as report_html
from tracker.render.sheet import Sheet, cleaned, visible
from tracker.render.views.compare import compare_sheet, total_text
from tracker.render.views.phrases import percent_text, status_text
from tracker.words import word

if TYPE_CHECKING:
    from tracker.core.compare import Comparison
    from tracker.core.compare import Line as TargetLine

CAP = 150.0  # bars stop here; the number beside them is the true one
LABEL = 190  # room for the unit's name, in svg user units
SPAN = 380  # width of CAP % of plan
ROW = 22
TOP = 20

COLOURS = report_html.COLOURS  # the verdict's colour, as on every other page

CSS = """
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1f2328;margin:24px auto;
max-width:1200px;padding:0 16px;line-height:1.4;print-color-adjust:exact}
h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.15em;margin:28px 0 8px}h3{font-size:1em;margin:18px 0 4px}
.subtitle{color:#57606a;margin:0 0 16px}.wide{overflow-x:auto}
table{border-collapse:collapse;font-size:.85em}
th,td{border:1px solid #d0d7de;padding:3px 6px;vertical-align:top;text-align:left}
th{background:#f6f8fa}.num{text-align:right;white-space:nowrap}.sub{padding-left:1.5em}
svg{display:block;max-width:100%;height:auto;margin:6px 0 14px}
svg text{font-family:inherit;font-size:12px;fill:#1f2328;paint-order:stroke;stroke:#fff;stroke-width:3px}
svg .plan{stroke:#1f2328;stroke-dasharray:4 3}svg .none{fill:#57606a;font-style:italic}
.headline{font-weight:700}
@media print{body{margin:0;max-width:none}table,svg{break-inside:avoid}}
"""


def _css() -> str:
    rules = [f"td.st-{name}{{color:{text};background:{tint}}}" for name, (text, tint) in COLOURS.items()]
    rules += [f"rect.st-{name}{{fill:{text}}}" for name, (text, _) in COLOURS.items()]
    return CSS + "\n".join(rules)


def compare_page(comparison: Comparison, lang: str) -> str:
    """The page: title, the matrix by group, each unit's headline, a chart per target."""
    sheet = cleaned(compare_sheet(comparison, lang))
    title = sheet.title or word(lang, "Comparison of units")
    out = ["<!DOCTYPE html>", f'<html lang="{escape(lang)}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(title)}</title>", f"<style>{_css()}\n</style>", "</head>", "<body>",
           f"<h1>{escape(title)}</h1>", f'<p class="subtitle">{escape(sheet.subtitle)}</p>']  # fmt: skip
    out += _matrix(sheet, comparison)
    out += [f'<p class="headline">{escape(text)}</p>' for text in sheet.footer]
    for index, line in enumerate(comparison.lines):
        out += _chart(comparison, line, index, lang)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _matrix(sheet: Sheet, comparison: Comparison) -> list[str]:
    """The sheet's sections as tables; each unit's cell coloured by its verdict."""
    first_unit = 3  # ID, Target, Unit, then one column per unit
    statuses = {
        line.target.id: [cell.status.value if cell is not None else None for cell in line.cells]
        for line in comparison.lines
    }
    head = "".join(f'<th scope="col"{" class=num" if c.numeric else ""}>{escape(c.header)}</th>' for c in sheet.columns)
    out: list[str] = []
    for section in sheet.sections:
        out += [f"<h2>{escape(section.heading or '')}</h2>", '<div class="wide"><table>',
                f"<thead><tr>{head}</tr></thead>", "<tbody>"]  # fmt: skip
        for line in section.lines:
            colours = statuses.get(line.cells[0], [])
            cells = []
            for i, text in enumerate(line.cells):
                classes = ["num"] if sheet.columns[i].numeric else []
                unit = i - first_unit
                if 0 <= unit < len(colours) and colours[unit]:
                    classes.append(f"st-{colours[unit]}")
                if i == 1 and line.depth:
                    classes.append("sub")
                    text = "↳ " + text
                attr = f' class="{" ".join(classes)}"' if classes else ""
                cells.append(f"<td{attr}>{escape(text)}</td>")
            out.append("<tr>" + "".join(cells) + "</tr>")
        out += ["</tbody>", "</table></div>"]
    return out


def _chart(comparison: Comparison, line: TargetLine, index: int, lang: str) -> list[str]:
    """A bar per unit of its % of plan for one target, the total's line under the heading."""
    name = visible(line.target.display_name(lang))
    height = TOP + ROW * len(comparison.units) + 6
    x100 = LABEL + SPAN * 100 / CAP
    met = word(lang, "{met} of {total} units met or exceeded the plan", met=line.met, total=line.judged)
    out = [f"<h3>{escape(name)}</h3>", f"<p>{escape(met)}</p>"]
    if line.total is not None:
        out.append(f"<p>{escape(word(lang, 'Total'))}: {escape(total_text(line.total, lang))}</p>")
    out += [
        f'<svg role="img" aria-labelledby="chart{index}" width="{LABEL + SPAN + 150}" height="{height}" '
        f'viewBox="0 0 {LABEL + SPAN + 150} {height}">',
        f'<title id="chart{index}">{escape(name)}: % {escape(word(lang, "plan"))}</title>',
        f'<text x="{x100 + 4:.1f}" y="12">100% = {escape(word(lang, "plan"))}</text>',
        f'<line class="plan" x1="{x100:.1f}" y1="15" x2="{x100:.1f}" y2="{height - 2}"/>',
    ]
    for n, (unit, cell) in enumerate(zip(comparison.units, line.cells, strict=True)):
        y = TOP + ROW * n
        label = visible(unit.name)
        out.append(f'<g><text x="4" y="{y + 14}">{escape(label)}</text>')
        if cell is None:
            out.append(f'<text class="none" x="{LABEL}" y="{y + 14}">—</text></g>')
            continue
        verdict = visible(status_text(cell.assessment, lang))
        percent = cell.assessment.percent_of_plan
        if percent is None:
            out.append(f'<text class="none" x="{LABEL}" y="{y + 14}">{escape(verdict)}</text></g>')
            continue
        width = SPAN * max(0.0, min(float(percent), CAP)) / CAP
        shown = f"{percent_text(cell.assessment, lang)} {verdict}"
        out += [
            f"<title>{escape(label)}: {escape(shown)}</title>",
            f'<rect class="st-{cell.status.value}" x="{LABEL}" y="{y + 4}" width="{width:.1f}" height="13"/>',
            f'<text x="{LABEL + width + 6:.1f}" y="{y + 15}">{escape(shown)}</text></g>',
        ]
    out.append("</svg>")
    return out
