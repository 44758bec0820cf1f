"""Vietnamese texts of amended plan values, "about" without a tolerance and "cơ bản đạt"
(basically met).

Kept apart from vi.py so that work on different parts adds its words in different files;
vi.py merges them into one catalogue.
"""

from __future__ import annotations

VI_AMEND: dict[str, str] = {
    # ---------------------------------------------------------------- plan file: amendments, about, basically_met
    "{context}, {period}: write 'amended' as a list of tables, e.g. "
    '[{{ from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" }}]':
        "{context}, {period}: hãy viết 'amended' là một danh sách bảng, ví dụ "
        '[{{ from = 2025-02-20, at_least = 7.5, source = "NQ 05/NQ-HĐND" }}]',
    "{context}, {period}: two amendments take effect on {date}":
        "{context}, {period}: có hai lần điều chỉnh cùng có hiệu lực từ {date}",
    "{context}, {period}: an amendment cannot itself be amended; list every amendment in one 'amended'":
        "{context}, {period}: một lần điều chỉnh không thể tự có 'amended'; "
        "hãy liệt kê mọi lần điều chỉnh trong một 'amended'",
    "{context}, amendment of {period}": "{context}, điều chỉnh kế hoạch {period}",
    "{context}, {period}: an amendment needs 'from', the date it takes effect, e.g. from = 2025-02-20":
        "{context}, {period}: lần điều chỉnh cần có 'from', ngày có hiệu lực, ví dụ from = 2025-02-20",
    "{context}, {period}: an amendment needs 'source', the document that made it, in quotes":
        "{context}, {period}: lần điều chỉnh cần có 'source', văn bản điều chỉnh, đặt trong ngoặc kép",
    "{context}, {period}: 'tolerance' of 'about' is a number of 0 or more, e.g. tolerance = 0.5":
        "{context}, {period}: 'tolerance' của 'about' là một số từ 0 trở lên, ví dụ tolerance = 0.5",
    "'basically_met' is a share of the plan value from 0 up to 1, e.g. 0.05":
        "'basically_met' là tỷ lệ so với giá trị kế hoạch, từ 0 đến dưới 1, ví dụ 0.05",
    "verdict must be exceeded, met, basically_met or not_met, not {value!r}":
        "đánh giá phải là exceeded, met, basically_met hoặc not_met, không phải {value!r}",
    # ---------------------------------------------------------------- reports
    "Basically met": "Cơ bản đạt",
    "Basically met the plan": "Cơ bản đạt kế hoạch",
    "is within the basically-met tolerance of the plan":
        "nằm trong ngưỡng cơ bản đạt so với kế hoạch",
    "Plan values and their amendments": "Giá trị kế hoạch và các lần điều chỉnh",
    "from {day}": "từ {day}",
}  # fmt: skip
