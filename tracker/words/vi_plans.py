"""Vietnamese texts of plan files: starting one (tracker init), TOML mistakes, amendments, reported headlines, verdicts.

Kept apart from vi.py so that work on different commands adds its words in different
files; vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_PLANS: dict[str, str] = {
    # ---------------------------------------------------------------- tracker init: starting a plan
    "wrote a starter plan, {plan} ({targets} targets), and an empty progress log, {log}":
        "đã tạo kế hoạch mẫu {plan} ({targets} chỉ tiêu) và sổ số liệu trống {log}",
    "next: edit plan.toml to hold your own targets; `tracker check` says what is wrong with it, "
    "`tracker report` shows it":
        "tiếp theo: sửa plan.toml thành các chỉ tiêu của đơn vị; `tracker check` chỉ ra chỗ sai, "
        "`tracker report` hiển thị báo cáo",
    "next: cd {where}, edit plan.toml to hold your own targets; `tracker check` says what is wrong with it, "
    "`tracker report` shows it":
        "tiếp theo: cd {where}, sửa plan.toml thành các chỉ tiêu của đơn vị; `tracker check` chỉ ra chỗ sai, "
        "`tracker report` hiển thị báo cáo",
    "already exists: `tracker init` never writes over a file (choose another folder)":
        "đã có sẵn: `tracker init` không bao giờ ghi đè một tệp (hãy chọn thư mục khác)",
    "is a file, not a folder": "là một tệp, không phải thư mục",
    "cannot write it: {reason}; nothing was written": "không ghi được: {reason}; không có gì được ghi",
    # ---------------------------------------------------------------- TOML syntax errors: what the mistake probably is
    'the text has no closing quote: end it on the same line, as in name = "…"':
        'văn bản thiếu dấu ngoặc kép đóng: hãy đóng ngay trên dòng đó, ví dụ name = "…"',
    "text must be in quotes: {fix}": "văn bản phải đặt trong dấu ngoặc kép: {fix}",
    "a backslash in \"…\" starts an escape such as \\n: write \\\\ for one backslash, or put the text in single "
    "quotes '…'":
        "dấu \\ trong \"…\" mở đầu một ký tự đặc biệt như \\n: hãy viết \\\\ cho một dấu gạch chéo ngược, hoặc "
        "đặt văn bản trong dấu nháy đơn '…'",
    "write '=' between a key and its value, not ':'": "giữa khóa và giá trị phải là dấu '=', không phải ':'",
    "'=' is missing: each line is key = value, a [table] header, or a comment starting with #":
        "thiếu dấu '=': mỗi dòng là khóa = giá trị, một tiêu đề [bảng], hoặc ghi chú bắt đầu bằng #",
    "the key is missing before '='": "thiếu khóa trước dấu '='",
    "{key!r} is not a key: keys are written with letters a-z, digits, '_' and '-', without spaces or accents":
        "{key!r} không phải là khóa: khóa chỉ gồm chữ a-z, chữ số, '_' và '-', không có dấu cách hay dấu thanh",
    "{number} has commas between thousands: write {fixed}":
        "{number} có dấu phẩy ngăn cách hàng nghìn: hãy viết {fixed}",
    "{number} is ambiguous: TOML numbers take a decimal point and nothing between thousands: write {whole} for a "
    "whole number, {decimal} for a decimal":
        "{number} không rõ nghĩa: số trong TOML dùng dấu chấm thập phân và không ngăn cách hàng nghìn: viết {whole} "
        "nếu là số nguyên, {decimal} nếu là số thập phân",
    "{number} has a decimal comma: TOML numbers take a decimal point, {fixed}":
        "{number} dùng dấu phẩy thập phân: số trong TOML dùng dấu chấm, hãy viết {fixed}",
    "{number} has dots between thousands: write {fixed}": "{number} có dấu chấm ngăn cách hàng nghìn: hãy viết {fixed}",
    "write {number} without '%': the target's unit says what it counts":
        "hãy viết {number}, không có '%': đơn vị tính của chỉ tiêu đã cho biết con số đó đo gì",
    "there is no value after '='": "thiếu giá trị sau dấu '='",
    "a range takes its two numbers in brackets: between = [9, 10]":
        "khoảng giá trị ghi hai số trong ngoặc vuông: between = [9, 10]",
    "remove the comma before '}}': an inline table {{ … }} has none after its last item":
        "hãy bỏ dấu phẩy trước '}}': bảng {{ … }} không có dấu phẩy sau mục cuối",
    "an inline table {{ … }} must end with '}}' on the same line": "bảng {{ … }} phải đóng bằng '}}' ngay trên dòng đó",
    "“ and ” are typographic quotes: TOML text takes straight ones, {fix}":
        "“ và ” là dấu ngoặc kép kiểu in: văn bản trong TOML dùng dấu ngoặc kép thẳng, {fix}",
    "write true or false, in lower case, not {word!r}": "hãy viết true hoặc false (chữ thường), không phải {word!r}",
    "{key!r} is given twice in this table (first on line {line}): keep one":
        "{key!r} được khai báo hai lần trong cùng một bảng (lần đầu ở dòng {line}): chỉ giữ một",
    "the table header needs its closing bracket: {fix}": "tiêu đề bảng thiếu dấu ngoặc vuông đóng: {fix}",
    "each target starts with [[target]], in double brackets: line {line} has [target]":
        "mỗi chỉ tiêu bắt đầu bằng [[target]], hai lớp ngoặc vuông: dòng {line} đang ghi [target]",
    "the table {table} is given twice (first on line {line}): keep one":
        "bảng {table} được khai báo hai lần (lần đầu ở dòng {line}): chỉ giữ một",
}  # fmt: skip
