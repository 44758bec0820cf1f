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
    "Overdue figures: {count} ({missing} missing, {estimates} only as estimates); owners behind: {owners}":
        "Số liệu quá hạn: {count} ({missing} chưa báo cáo, {estimates} mới có số ước); số đơn vị chậm: {owners}",
    # ---------------------------------------------------------------- units file and tracker compare
    "no such units file": "không có tệp danh sách đơn vị",
    "a folder, not a units file": "là một thư mục, không phải tệp danh sách đơn vị",
    "cannot read the units file: {reason}": "không đọc được tệp danh sách đơn vị: {reason}",
    "no units file here (looked for units.toml): name one, or give the units' plans":
        "không có tệp danh sách đơn vị ở đây (đã tìm units.toml): hãy chỉ ra tệp, hoặc đưa các tệp kế hoạch của đơn vị",
    "the file lists no units: add [[unit]] tables with a name and a plan":
        "tệp không liệt kê đơn vị nào: thêm các bảng [[unit]] có name và plan",
    "units must be written as [[unit]] tables with a name and a plan":
        "các đơn vị phải được viết thành bảng [[unit]] có name và plan",
    "unit #{number}": "đơn vị thứ {number}",
    "unit {name!r} is listed twice (first on line {line})":
        "đơn vị {name!r} được liệt kê hai lần (lần đầu ở dòng {line})",
    "unit {name!r} cannot be compared:": "không so sánh được đơn vị {name!r}:",
    "(--skip-broken compares the other units)": "(--skip-broken để so sánh các đơn vị còn lại)",
    "no unit could be compared": "không so sánh được đơn vị nào",
    "{id} is not compared: the units measure it differently ({measures})":
        "không so sánh {id}: các đơn vị dùng đơn vị tính khác nhau ({measures})",
    "Not compared: {id} is measured differently ({measures})":
        "Không so sánh: {id} có đơn vị tính khác nhau ({measures})",
    "Comparison of units": "So sánh các đơn vị",
    "Headline": "Kết quả chung",
    "Met or exceeded": "Đạt và vượt",
    "Total": "Tổng",
    "{count} units": "{count} đơn vị",
    "{met} of {total} units met or exceeded the plan": "{met}/{total} đơn vị đạt và vượt kế hoạch",
}  # fmt: skip
