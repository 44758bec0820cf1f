"""Vietnamese texts of reported headlines, targets not counted and periods that ended
with only a part-period figure (issue 15, part B).

Kept apart from vi.py so that work on different parts adds its words in different
files; vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_HEADLINE: dict[str, str] = {
    # ---------------------------------------------------------------- plan keys: counted, [[reported]]
    "'counted' must be true or false": "'counted' phải là true hoặc false",
    "reported headlines must be written as [[reported]] tables":
        "kết quả đã báo cáo phải viết thành các bảng [[reported]]",
    "[[reported]] #{number}": "[[reported]] thứ {number}",
    "{context}: 'met' ({met}) is more than 'total' ({total})":
        "{context}: 'met' ({met}) lớn hơn 'total' ({total})",
    "{context}: 'illustrative' must be true or false": "{context}: 'illustrative' phải là true hoặc false",
    "{context}: {key!r} must be a whole number of targets (0 or more), not {value}":
        "{context}: {key!r} phải là số chỉ tiêu, một số nguyên từ 0 trở lên, không phải {value}",
    "{context}: 'date' must be a date written as 2024-12-20, without quotes":
        "{context}: 'date' phải là một ngày viết dạng 2024-12-20, không có dấu ngoặc kép",
    # ---------------------------------------------------------------- tracker check
    "{period}: reported {met}/{total} ({source}, {day}), computed {computed_met}/{computed_total} as of that date":
        "{period}: đã báo cáo {met}/{total} ({source}, {day}); tính từ số liệu tại ngày đó: "
        "{computed_met}/{computed_total}",
    # ---------------------------------------------------------------- the headline in reports
    "Computed: {headline}": "Tính từ số liệu: {headline}",
    "Reported: {met}/{total} ({source}, {day})": "Đã báo cáo: {met}/{total} ({source}, {day})",
    "As reported by {source} on {day}: {met} of {total} targets met or exceeded the plan":
        "Theo {source} ngày {day}: {met}/{total} chỉ tiêu đạt và vượt kế hoạch",
    "illustrative": "minh họa",
    # ---------------------------------------------------------------- incomplete
    "Incomplete": "Chưa đủ số liệu cả kỳ",
    "{percent} of plan at {day}": "{percent} kế hoạch tính đến {day}",
    "{figure} at {day}": "{figure} tính đến {day}",
    "{known}, projected for the year {amount}": "{known}, dự kiến cả năm {amount}",
    "{known}, projected for the term {amount}": "{known}, dự kiến cả giai đoạn {amount}",
    "{known}, projected for the period {amount}": "{known}, dự kiến cả kỳ {amount}",
}  # fmt: skip
