"""Vietnamese texts of figures that are not one number: a range ("61-62") and a word
("Xuất siêu") recorded with its reported verdict.

Kept apart from vi.py so that work on different areas adds its words in different files;
vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_FIGURES: dict[str, str] = {
    "a word figure has at most {limit} characters": "số liệu bằng chữ dài tối đa {limit} ký tự",
    "a word figure is one line of text": "số liệu bằng chữ phải nằm trên một dòng",
    "not a number: {text!r}; a figure that is a word (such as Xuất siêu) is recorded with its reported "
    "verdict: add --verdict met, exceeded, basically_met or not_met (in a file, a verdict column)":
        "không phải số: {text!r}; số liệu bằng chữ (như Xuất siêu) được ghi kèm kết quả đánh giá đã "
        "báo cáo: thêm --verdict Đạt, Vượt, \"Cơ bản đạt\" hoặc \"Không đạt\" (trong tệp: một cột đánh giá)",
    "; a range is judged by its worse end": "; khoảng số liệu được đánh giá theo đầu kém hơn",
    "range {text!r}: write a range with a negative low end with two dots: -{low}..{high}":
        "khoảng {text!r}: khoảng có đầu dưới âm viết bằng hai dấu chấm: -{low}..{high}",
}  # fmt: skip
