"""The output formats a command can be asked for (``--format``)."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """Output formats: ``auto`` is resolved by ``tracker.render.choose`` before rendering."""

    auto = "auto"
    table = "table"
    plain = "plain"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"
    html = "html"
