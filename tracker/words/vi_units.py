"""Vietnamese texts of who is behind (tracker due) and many units side by side (tracker compare).

Kept apart from vi.py so that work on different commands adds its words in different
files; vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_UNITS: dict[str, str] = {
    # ---------------------------------------------------------------- plan keys: reporting, due_days, owners, rollup
    "'reporting' in {context} must be one of {choices}": "'reporting' trong {context} phải là một trong {choices}",
    "'due_days' in {context} must be a whole number of days from 0 to {most}":
        "'due_days' trong {context} phải là số ngày nguyên từ 0 đến {most}",
    "'rollup' in {context} must be 'sum'": "'rollup' trong {context} phải là 'sum'",
    '\'owners\' must hold one table per owner: [owners."Sở Tài chính"]':
        '\'owners\' phải gồm một bảng cho mỗi đơn vị chủ trì: [owners."Sở Tài chính"]',
    "[owners.{name}]": "[owners.{name}]",
    "{context} must be a table": "{context} phải là một bảng",
    "no target has the owner {owner!r}{hint}": "không chỉ tiêu nào có đơn vị chủ trì {owner!r}{hint}",
    # ---------------------------------------------------------------- tracker due
    "(no owner)": "(chưa giao đơn vị)",
    "Owed for": "Kỳ báo cáo",
    "Due": "Hạn",
    "Days late": "Số ngày trễ",
    "Latest figure": "Số liệu gần nhất",
    "Missing": "Chưa báo cáo",
    "Estimate only": "Mới có số ước",
    "No figure is overdue as of {date}": "Không có số liệu nào quá hạn tính đến {date}",
    "{count} figures overdue from {owners} owners: {missing} missing, {estimates} only as estimates":
        "{count} số liệu quá hạn của {owners} đơn vị: {missing} chưa báo cáo, {estimates} mới có số ước",
}  # fmt: skip
