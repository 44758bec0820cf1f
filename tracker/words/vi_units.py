"""Vietnamese texts of who is behind (tracker due) and many units side by side (tracker compare).

Kept apart from vi.py so that work on different commands adds its words in different
files; vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_UNITS: dict[str, str] = {}
