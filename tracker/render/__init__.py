"""Rendering: one report model, many formats.

``render`` picks the format; the Rich table module is imported only for ``table``, so
json, csv and plain output never pay for Rich.
"""

from __future__ import annotations

from collections.abc import Callable

from tracker.render.sheet import Records, Sheet, cleaned


def choose(fmt: str, is_terminal: bool) -> str:
    """auto is table at a terminal and plain otherwise."""
    if fmt == "auto":
        return "table" if is_terminal else "plain"
    return fmt


def render(
    fmt: str,
    sheet: Callable[[], Sheet],
    records: Callable[[], Records],
    *,
    width: int = 100,
    colour: bool = False,
    lang: str = "en",
) -> str:
    """Render in ``fmt`` (already resolved from auto); builds only what the format needs."""
    if fmt == "plain":
        from tracker.render.plain import render_plain

        return render_plain(cleaned(sheet()))
    if fmt == "markdown":
        from tracker.render.markdown import render_markdown

        return render_markdown(cleaned(sheet()))
    if fmt == "html":
        from tracker.render.html import render_html

        return render_html(cleaned(sheet()), records(), lang)
    if fmt == "json":
        from tracker.render.json_out import render_json

        return render_json(records())
    if fmt in ("csv", "tsv"):
        from tracker.render.delimited import render_delimited

        return render_delimited(records(), "," if fmt == "csv" else "\t")
    if fmt == "table":
        from tracker.render.table import render_table

        return render_table(cleaned(sheet()), width=width, colour=colour)
    raise ValueError(f"unknown format {fmt!r}")
