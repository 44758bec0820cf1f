"""Vietnamese texts of plan files: starting one (tracker init), TOML mistakes, amendments, reported headlines, verdicts.

Kept apart from vi.py so that work on different commands adds its words in different
files; vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_PLANS: dict[str, str] = {}
