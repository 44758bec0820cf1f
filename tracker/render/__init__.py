"""Rendering: one report model, many formats.

``render`` picks the format; each format's module is imported only when that format is
rendered (the Rich table module only for ``table``), so json, csv and plain output never
pay for Rich. Adding a format: a member of ``Format`` (formats.py), a module with its
render function, and a case below (mypy fails until every member has one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, assert_never

from tracker.render.formats import Format

if TYPE_CHECKING:
    from tracker.render.bieu import Filing
    from tracker.render.sheet import Records, Sheet

# Every format but auto: what ``choose`` resolves auto to, and what ``render`` renders.
Concrete = Literal[
    Format.table, Format.plain, Format.csv, Format.tsv, Format.json, Format.markdown, Format.html,
    Format.text, Format.xlsx, Format.docx,
]  # fmt: skip


def choose(fmt: Format | str, is_terminal: bool) -> Concrete:
    """auto is table at a terminal and plain otherwise."""
    fmt = Format(fmt)
    if fmt is Format.auto:
        return Format.table if is_terminal else Format.plain
    return fmt


def render(
    fmt: Concrete,
    sheet: Callable[[], Sheet],
    records: Callable[[], Records],
    *,
    width: int = 100,
    colour: bool = False,
    lang: str = "en",
    filing: Callable[[], Filing] | None = None,
    page: Callable[[], str] | None = None,
) -> str | bytes:
    """Render in ``fmt`` (already resolved from auto); builds only what the format needs.

    Text formats give str, xlsx and docx bytes. ``filing`` is a report's: text and docx
    need it (a caller without one refuses them first), xlsx adds the Biểu with it.
    ``page`` is a view's own html page (compare's matrix and charts), else html is the sheet's.
    """
    from tracker.render.sheet import cleaned

    match fmt:
        case Format.plain:
            from tracker.render.plain import render_plain

            return render_plain(cleaned(sheet()))
        case Format.markdown:
            from tracker.render.markdown import render_markdown

            return render_markdown(cleaned(sheet()))
        case Format.html:
            if page is not None:
                return page()
            from tracker.render.html import render_html

            return render_html(cleaned(sheet()), records(), lang)
        case Format.json:
            from tracker.render.json_out import render_json

            return render_json(records())
        case Format.csv | Format.tsv:
            from tracker.render.delimited import render_delimited

            return render_delimited(records(), "," if fmt is Format.csv else "\t")
        case Format.table:
            from tracker.render.table import render_table

            return render_table(cleaned(sheet()), width=width, colour=colour)
        case Format.text:
            from tracker.render.paragraph import paragraph_text

            return paragraph_text(_required(filing).report, lang)
        case Format.xlsx:
            from tracker.render.xlsx import render_xlsx

            return render_xlsx(records(), lang, filing() if filing else None)
        case Format.docx:
            from tracker.render.docx import render_docx

            return render_docx(_required(filing), lang)
        case _:
            assert_never(fmt)


def _required(filing: Callable[[], Filing] | None) -> Filing:
    if filing is None:  # callers refuse report-only formats for other commands first
        raise ValueError("this format renders a report")
    return filing()
