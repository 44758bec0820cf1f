"""Vietnamese texts of reports as they stood (`--known-at`) and of figures revised since
they were first reported.

Kept apart from vi.py so that work on different parts adds its words in different files;
vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_KNOWN: dict[str, str] = {
    # a figure whose point was first reported with another value (tracker.render.views.phrases)
    "revised from {value}": "điều chỉnh từ {value}",
}  # fmt: skip
