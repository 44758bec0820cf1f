"""The machine schema: field names, and their order, in csv, tsv and json.

The same in every language, and what scripts rely on: renaming, removing or reordering a
field is a change of SCHEMA_VERSION (a new field at the end is not). `tracker import` reads
the fields `tracker history` writes, so an exported log imports back unchanged.
"""

from __future__ import annotations

SCHEMA_VERSION = 1

# What identifies a target.
TARGET_FIELDS = ("id", "name", "name_en", "group", "unit", "parent", "owner")
# A plan value, flat: ``plan`` is its reference figure, the rest say its shape.
PLAN_FIELDS = (
    "plan", "plan_shape", "plan_low", "plan_high", "plan_strict", "plan_better", "plan_tolerance", "plan_illustrative",
)  # fmt: skip
# An amended plan value: the value as first written and the amendment in force (PLAN_FIELDS
# carry the value in force, the one judged against); at the end of each schema using PLAN_FIELDS.
AMENDMENT_FIELDS = ("plan_original", "plan_original_shape", "plan_amended_from", "plan_amended_by")
# How a term target was judged from its yearly figures.
TERM_FIELDS = (
    "term_method", "term_category", "term_baseline_year", "term_baseline", "term_observed", "term_required",
    "term_ratio", "term_projected",
)  # fmt: skip

# A figure that is not one number, where ``actual`` (a number or yes/no only) is empty: a
# range's two ends, or a word figure's text.
ACTUAL_FIELDS = ("actual_low", "actual_high", "actual_text")

# `report` (and `show`, one item per period): a target judged for a period.
REPORT_FIELDS = (
    *TARGET_FIELDS, "period", *PLAN_FIELDS, "actual", "as_of", "figure_status", "entry_id",
    "status", "computed_status", "reported", "percent_of_plan", "previous", "change",
    "change_kind", "running", "expected_share", "projected", "needed", "needed_change", "counted", "trend",
    *TERM_FIELDS, "first_reported", "first_reported_at", *AMENDMENT_FIELDS, *ACTUAL_FIELDS, "percent_low",
    "percent_high",
)  # fmt: skip

# `list`: a target and its plan value for one period.
LIST_FIELDS = (*TARGET_FIELDS, "source", "accumulates", "period", *PLAN_FIELDS, *AMENDMENT_FIELDS)

# `history`: every entry and retraction; also every field `import` accepts. ``batch`` is the
# import (or batch of retractions) an item came in, empty for one `record`, `undo` or
# `retract` wrote alone; `import` reads it and lets it go: an import is a batch of its own.
HISTORY_FIELDS = (
    "kind", "id", "target", "period", "value", "as_of", "status", "source", "note", "verdict",
    "recorded_at", "recorded_by", "retracts", "retracted", "batch",
)  # fmt: skip

# `due`: a figure owed and not recorded (or only as an estimate), by owner.
DUE_FIELDS = (
    "owner", "id", "name", "name_en", "group", "unit", "owed", "owed_start", "owed_end", "period", "due",
    "days_late", "reason", "actual", "as_of", "figure_status", "entry_id", *ACTUAL_FIELDS,
)  # fmt: skip

# `compare`: one target in one unit (a cell of the matrix), or a total over the units.
COMPARE_FIELDS = (
    "unit_name", "total", *TARGET_FIELDS, "period", *PLAN_FIELDS, "actual", "as_of", "figure_status", "status",
    "computed_status", "reported", "percent_of_plan", "counted", "units_reported", "units", *AMENDMENT_FIELDS,
    *ACTUAL_FIELDS, "percent_low", "percent_high",
)  # fmt: skip
