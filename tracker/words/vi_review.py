"""Vietnamese texts of fixes made reviewing issue 15 after its parts were merged.

Kept apart from vi.py so that work on different parts adds its words in different files;
vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_REVIEW: dict[str, str] = {
    # a range whose ends are not low then high (tracker.core.values.range_order_problem)
    "range {text!r}: the low end must come first and be below the high end (write {spelling})":
        "khoảng {text!r}: đầu dưới phải viết trước và nhỏ hơn đầu trên (viết {spelling})",
    "range {text!r}: both ends are {value}: write the figure as one number, {value}":
        "khoảng {text!r}: hai đầu đều là {value}: hãy ghi số liệu là một số, {value}",
    # an amendment between a milestone and a number (tracker.storage.plan_values)
    "{context}, {period}: an amendment cannot turn a yes/no milestone into a number, nor a number into one":
        "{context}, {period}: lần điều chỉnh không thể đổi chỉ tiêu đạt/chưa đạt thành chỉ tiêu bằng số, "
        "hay ngược lại",
}  # fmt: skip
