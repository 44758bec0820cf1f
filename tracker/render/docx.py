"""`--format docx`: the Biểu as a Word document an office can edit and sign.

Set as Vietnamese administrative documents are (../shared/DOMAIN.md section 7): A4,
here landscape for a wide table, Times New Roman 13, margins 20 mm top and bottom, 30 mm
left, 15 mm right; the organisation and the place-and-date line, the title, the year-end
paragraph, the table with its header row repeated on every page and no row split across
pages, the notes, and an empty signature block. python-docx writes it; it is imported
only when a Word document is asked for.
"""

from __future__ import annotations

import io
from typing import Any

from tracker.render.bieu import BieuRow, Filing, Number, bieu_rows, document_words
from tracker.render.numbers import format_number

FONT = "Times New Roman"
SIZE = 13  # points: body text of administrative documents is 13-14
TABLE_SIZE = 11  # a ten-column table at 13 points does not fit an A4 width
# STT, name, unit, plan, actual, % plan, change, verdict: widths in millimetres (252 mm usable).
WIDTHS_MM = (13, 80, 22, 24, 30, 20, 30, 33)


def number_text(number: Number, lang: str, mark: str = "") -> str:
    """A Biểu number as the table writes it: ≥ 8,5; 55,89 (ước)."""
    text = format_number(number.value, lang, number.places)
    if number.bound.value:
        text = f"{number.bound.value} {text}"
    suffix = f"{number.suffix}{mark}".strip()
    return f"{text} {suffix}" if suffix else text


def share_text(number: Number | None, lang: str, signed: bool) -> str:
    """108,5% or +7,7% from a share."""
    if number is None:
        return ""
    percent = format_number(number.value * 100, lang, 1)
    return f"+{percent}%" if signed and number.value > 0 else f"{percent}%"


def cells(item: BieuRow, lang: str) -> tuple[str, ...]:
    """The eight cells of a target row as text."""
    mark = " *" if item.illustrative and not item.plan_marked else ""
    plan = (
        number_text(item.plan, lang, mark) if isinstance(item.plan, Number) else (item.plan + mark if item.plan else "")
    )
    actual = number_text(item.actual, lang) if isinstance(item.actual, Number) else item.actual
    if item.change is not None and not item.change_is_share:
        sign = "+" if item.change.value > 0 else ""
        change = f"{sign}{number_text(item.change, lang)}"
    else:
        change = share_text(item.change, lang, signed=True)
    percent = item.percent if isinstance(item.percent, str) else share_text(item.percent, lang, signed=False)
    return (item.stt, item.name, item.unit, plan, actual, percent, change, item.verdict)


def render_docx(filing: Filing, lang: str) -> bytes:
    """The Word document of a report: heading, paragraph, Biểu, notes, signatures."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    from tracker.render.paragraph import paragraph_text

    report = filing.report
    words = document_words(filing, lang)
    document = Document()
    document.core_properties.title = words["title"]
    _page(document, WD_ORIENT, Mm)
    _font(document.styles["Normal"], SIZE, Pt)
    _heading_block(document, words, WD_ALIGN_PARAGRAPH, Pt)
    for text in paragraph_text(report, lang).split("\n\n"):
        body = document.add_paragraph(" ".join(text.split()))
        body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        body.paragraph_format.first_line_indent = Mm(10)
    _table(document, bieu_rows(report, lang), lang, words, Mm, Pt, WD_ALIGN_PARAGRAPH)
    for number, line in enumerate(words["footer"].splitlines()):
        note = document.add_paragraph()
        note.paragraph_format.space_before = Pt(6 if number == 0 else 0)
        run = note.add_run(line)
        run.bold = number == 0
        run.italic = number > 0
        run.font.size = Pt(TABLE_SIZE if number else SIZE)
    _signatures(document, words, WD_ALIGN_PARAGRAPH, Pt)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _page(document: Any, orient: Any, mm: Any) -> None:
    section = document.sections[0]
    section.orientation = orient.LANDSCAPE
    section.page_width, section.page_height = mm(297), mm(210)
    section.top_margin = section.bottom_margin = mm(20)
    section.left_margin, section.right_margin = mm(30), mm(15)


def _font(style: Any, size: int, pt: Any) -> None:
    from docx.oxml.ns import qn

    style.font.name = FONT
    style.font.size = pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for script in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):  # Vietnamese letters use every slot
        fonts.set(qn(script), FONT)


def _heading_block(document: Any, words: dict[str, str], align: Any, pt: Any) -> None:
    top = document.add_table(rows=1, cols=2)
    left, right = top.rows[0].cells
    left.paragraphs[0].add_run(words["organisation"]).bold = True
    left.paragraphs[0].alignment = align.CENTER
    place = right.paragraphs[0]
    place.add_run(words["place_date"]).italic = True
    place.alignment = align.CENTER
    title = document.add_paragraph()
    title.alignment = align.CENTER
    title.paragraph_format.space_before = pt(12)
    run = title.add_run(words["title"].upper())
    run.bold = True
    run.font.size = pt(14)
    period = document.add_paragraph(words["period_line"])
    period.alignment = align.CENTER


def _table(document: Any, rows: list[BieuRow], lang: str, words: dict[str, str], mm: Any, pt: Any,
           align: Any) -> None:  # fmt: skip
    from docx.oxml import OxmlElement, parse_xml
    from docx.oxml.ns import nsdecls, qn

    headers = ("col_stt", "col_name", "col_unit", "col_plan", "col_actual", "col_percent", "col_change", "col_status")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.autofit = False
    # Word reads each cell's width, LibreOffice the table's grid: set both.
    for column, width in zip(table.columns, WIDTHS_MM, strict=True):
        column.width = mm(width)
    for cell, key, width in zip(table.rows[0].cells, headers, WIDTHS_MM, strict=True):
        cell.width = mm(width)
        _cell(cell, words[key], pt, bold=True, align=align.CENTER)
    _mark_row(table.rows[0], OxmlElement, qn, header=True)
    # The body is written as WordprocessingML text and parsed once: python-docx's objects
    # cost about half a millisecond per element, a minute for a 2,700-target Biểu.
    body = "".join(_row_xml(item, lang) for item in rows)
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>"):
        table._tbl.append(tr)


_TWIPS = [round(width * 1440 / 25.4) for width in WIDTHS_MM]  # a twip is 1/1440 inch
_ALIGN = ("center", "left", "center", "right", "right", "right", "right", "center")
_INDENT = 284  # twips (5 mm) per level of nesting


def _row_xml(item: BieuRow, lang: str) -> str:
    """One row of the Biểu body: no row split across pages; a group spans the row."""
    if item.section:
        name = _cell_xml(item.name, sum(_TWIPS[1:]), "left", bold=True, span=len(_TWIPS) - 1)
        return (
            f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{_cell_xml(item.stt, _TWIPS[0], 'center', bold=True)}{name}</w:tr>"
        )
    texts = cells(item, lang)
    tcs = "".join(
        _cell_xml(text, _TWIPS[column], _ALIGN[column], indent=item.depth * _INDENT if column == 1 else 0)
        for column, text in enumerate(texts)
    )
    return f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{tcs}</w:tr>"


def _cell_xml(text: str, twips: int, align: str, bold: bool = False, span: int = 1, indent: int = 0) -> str:
    from xml.sax.saxutils import escape

    from tracker.render.sheet import visible

    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    indent_xml = f'<w:ind w:left="{indent}"/>' if indent else ""
    bold_xml = "<w:b/>" if bold else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{twips}" w:type="dxa"/>{span_xml}</w:tcPr>'
        f'<w:p><w:pPr>{indent_xml}<w:jc w:val="{align}"/></w:pPr>'
        f'<w:r><w:rPr>{bold_xml}<w:sz w:val="{TABLE_SIZE * 2}"/></w:rPr>'
        f'<w:t xml:space="preserve">{escape(visible(text))}</w:t></w:r></w:p></w:tc>'
    )


def _mark_row(row: Any, element: Any, qn: Any, header: bool) -> None:
    """Header rows repeat on each page; no row is split across pages."""
    properties = row._tr.get_or_add_trPr()
    keep = element("w:cantSplit")
    properties.append(keep)
    if header:
        properties.append(element("w:tblHeader"))


def _cell(cell: Any, text: str, pt: Any, bold: bool = False, align: Any = None, indent: int = 0) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(("    " * indent) + text)
    run.bold = bold
    run.font.size = pt(TABLE_SIZE)
    if align is not None:
        paragraph.alignment = align


def _signatures(document: Any, words: dict[str, str], align: Any, pt: Any) -> None:
    block = document.add_table(rows=1, cols=2)
    for cell, key in zip(block.rows[0].cells, ("sign_left", "sign_right"), strict=True):
        title = cell.paragraphs[0]
        title.alignment = align.CENTER
        title.paragraph_format.space_before = pt(12)
        title.add_run(words[key]).bold = True
        hint = cell.add_paragraph(words["sign_hint"])
        hint.alignment = align.CENTER
        hint.runs[0].italic = True
