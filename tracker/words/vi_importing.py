"""Vietnamese texts of importing figures (tracker import, undo and retract of batches).

Kept apart from vi.py so that work on different commands adds its words in different
files; vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_IMPORTING: dict[str, str] = {}
