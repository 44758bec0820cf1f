"""Vietnamese texts of importing figures (tracker import, undo and retract of batches).

Kept apart from vi.py so that work on different commands adds its words in different
files; vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_IMPORTING: dict[str, str] = {
    # the summary of `tracker import` (tracker.cli.actions)
    " as batch {batch}": ", lô {batch}",
    "; {count} of them revisions": "; trong đó {count} số liệu sửa đổi",
    "; {count} of them a revision": "; trong đó {count} số liệu sửa đổi",
    "; {count} already recorded": "; {count} số liệu đã có, bỏ qua",
    "; columns not read: {columns}": "; các cột không đọc: {columns}",
    "{field}: not a year: {text!r} (write it like 2025)": "{field}: không phải năm: {text!r} (hãy viết như 2025)",
    (
        "{field}: {text!r} is not an encoding tracker reads: utf-8, cp1258 (Windows Vietnamese), "
        "cp1252 (Windows Western) or utf-16"
    ): (
        "{field}: {text!r} không phải bảng mã tracker đọc được: utf-8, cp1258 (tiếng Việt của Windows), "
        "cp1252 (Windows phương Tây) hoặc utf-16"
    ),
    # reading a CSV (tracker.storage.sheet_files)
    (
        'not UTF-8 text: save it as "CSV UTF-8", or name its encoding: --encoding cp1258 '
        'for Windows Vietnamese (or encoding = "cp1258" in a rules file)'
    ): (
        'không phải văn bản UTF-8: hãy lưu tệp dạng "CSV UTF-8", hoặc ghi rõ bảng mã: --encoding cp1258 '
        'cho bảng mã Windows tiếng Việt (hoặc encoding = "cp1258" trong tệp quy tắc)'
    ),
    # never twice (tracker.core.importing)
    (
        "{where}: a second, different figure for {target} {period} as of {as_of} (the first is at {first}); "
        "a file gives each figure once"
    ): (
        "{where}: số liệu thứ hai, khác số liệu trước, cho {target} {period} tính đến {as_of} (số liệu trước ở "
        "{first}); mỗi số liệu chỉ được có một lần trong tệp"
    ),
    # the table of `import --dry-run` (tracker.render.views.importing)
    "Where": "Vị trí",
    "Action": "Xử lý",
    "record": "ghi mới",
    "revise": "sửa đổi",
    "skip: already recorded": "bỏ qua: đã có",
    # undo and retract of a batch
    "batch {id!r} has no figure left to retract": "lô {id!r} không còn số liệu nào để hủy",
    "took back batch {batch}: {count} entries retracted": "đã hoàn tác lô {batch}: hủy {count} số liệu",
    "batch {batch}": "lô {batch}",
    "took back batch {batch}: {count} entry retracted": "đã hoàn tác lô {batch}: hủy {count} số liệu",
}
