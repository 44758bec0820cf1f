"""A TOML syntax error in a plan says what the mistake probably is, with its line and a
caret: the mistakes people make hand-editing a plan, one by one (in-process, through
load_plan), then through the installed CLI in the reader's language."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, run, snapshot
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.errors import DataError, ExitCode
from tracker.storage.plan_file import load_plan

HEADER = """\
[plan]
title = "Kế hoạch thử"
organisation = "Tỉnh Thử"
language = "vi"
default_period = "2025"

[[target]]
id = "a"
name = "A"
group = "Kinh tế"
"""  # the mistake goes on line 11


def refused(tmp_path: Path, line: str, lang: str = "en", after: str = "") -> list[str]:
    """The error lines of a plan whose line 11 is ``line`` (``after`` follows it)."""
    path = tmp_path / "plan.toml"
    path.write_text(HEADER + line + "\n" + after, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_plan(path)
    assert info.value.exit_code is ExitCode.BAD_DATA
    lines = info.value.render(lang)
    prefix = f"{path}:"
    assert lines[0].startswith(prefix)
    return [lines[0][len(prefix) :], *lines[1:]]


def caret_under(lines: list[str]) -> str:
    """What the caret points at in the shown line (lines[1] '  11 | text', lines[2] '     |   ^')."""
    return lines[1][lines[2].index("^") :]


MISTAKES = [
    # (line 11, what the message says after "TOML syntax error: ", what the caret points at)
    ("plan.2025 = { at_least = 9,5 }", "9,5 has a decimal comma: TOML numbers take a decimal point, 9.5", "9,5 }"),
    ("plan.2025 = { at_least = 1.234,5 }", "1.234,5 has a decimal comma: TOML numbers take a decimal point, 1234.5",
     "1.234,5 }"),
    ("plan.2025 = { at_least = 2,365 }", "2,365 is ambiguous: TOML numbers take a decimal point and nothing between "
     "thousands: write 2365 for a whole number, 2.365 for a decimal", "2,365 }"),
    ("plan.2025 = { at_least = 4.100.000 }", "4.100.000 has dots between thousands: write 4100000", "4.100.000 }"),
    ("plan.2025 = { at_least = 4,100,000 }", "4,100,000 has commas between thousands: write 4100000", "4,100,000 }"),
    ("plan.2025 = { at_least = 8% }", "write 8 without '%': the target's unit says what it counts", "% }"),
    ("unit = tỷ đồng", 'text must be in quotes: unit = "tỷ đồng"', "tỷ đồng"),
    ("unit = %", 'text must be in quotes: unit = "%"', "%"),
    ('owner = Sở Tài chính"', 'text must be in quotes: owner = "Sở Tài chính"', 'Sở Tài chính"'),
    ("plan.2025 = { point = 5, better = higher }", 'text must be in quotes: better = "higher"', "higher }"),
    ('unit = “tỷ đồng”', '“ and ” are typographic quotes: TOML text takes straight ones, unit = "tỷ đồng"',
     "“tỷ đồng”"),
    ("plan.2025 = { milestone = yes }", "write true or false, in lower case, not 'yes'", "yes }"),
    ('name = "Tốc độ tăng trưởng', 'the text has no closing quote: end it on the same line, as in name = "…"',
     '"Tốc độ tăng trưởng'),
    ('unit "%"', "'=' is missing: each line is key = value, a [table] header, or a comment starting with #", '"%"'),
    ('unit: "%"', "write '=' between a key and its value, not ':'", ': "%"'),
    ('tên = "A"', "'tên' is not a key: keys are written with letters a-z, digits, '_' and '-', without spaces or "
     "accents", 'tên = "A"'),
    ('= "A"', "the key is missing before '='", '= "A"'),
    ("unit =", "there is no value after '='", ""),
    ("plan.2025 = { between = 9, 10 }", "a range takes its two numbers in brackets: between = [9, 10]", "9, 10 }"),
    ("plan.2025 = { at_least = 8, }", "remove the comma before '}': an inline table { … } has none after its last "
     "item", ", }"),
    ("plan.2025 = { at_least = 8", "an inline table { … } must end with '}' on the same line", ""),
    ('source = "C:\\dir"', 'a backslash in "…" starts an escape such as \\n: write \\\\ for one backslash, or put '
     "the text in single quotes '…'", '\\dir"'),
    ('group = "Xã hội"', "'group' is given twice in this table (first on line 10): keep one", 'group = "Xã hội"'),
    ("[[target]", "the table header needs its closing bracket: [[target]]", ""),
    ("[plan]", "the table [plan] is given twice (first on line 1): keep one", "[plan]"),
    ("[target]", "each target starts with [[target]], in double brackets: line 11 has [target]", "[target]"),
]  # fmt: skip


@pytest.mark.parametrize(("line", "said", "pointed"), MISTAKES, ids=[m[0] for m in MISTAKES])
def test_each_mistake_is_named_with_its_fix_and_a_caret_under_it(
    tmp_path: Path, line: str, said: str, pointed: str
) -> None:
    lines = refused(tmp_path, line)
    assert lines[0] == f"11: TOML syntax error: {said}"
    assert lines[1] == f"  11 | {line}"
    assert len(lines) == 3 and set(lines[2][:5]) == {" "} and lines[2][5:7] == "| "
    assert caret_under(lines) == pointed or (pointed == "" and lines[2].index("^") == len(lines[1]))


def test_a_key_given_twice_through_its_period_names_the_first_line(tmp_path: Path) -> None:
    lines = refused(tmp_path, "plan.2025 = { at_least = 8 }", after='plan."2025" = { at_least = 9 }\n')
    assert lines[0] == "12: TOML syntax error: 'plan.2025' is given twice in this table (first on line 11): keep one"
    assert lines[1] == '  12 | plan."2025" = { at_least = 9 }'


def test_a_line_none_of_the_rules_knows_keeps_tomllibs_words_and_its_place(tmp_path: Path) -> None:
    lines = refused(tmp_path, "as_of = 30/06/2025")
    head = "11: TOML syntax error: "
    assert lines[0].startswith(head) and "Expected" in lines[0] and "(at line" not in lines[0]  # tomllib's, placeless
    assert lines[1] == "  11 | as_of = 30/06/2025" and caret_under(lines) == "/06/2025"


def test_quoted_text_and_comments_are_never_taken_for_a_mistake(tmp_path: Path) -> None:
    """ "9,5" in a string and "3,5" in a comment are fine: the mistake is the word without quotes."""
    lines = refused(tmp_path, 'note = "9,5 tỷ" # 3,5%', after="unit = tấn\n")
    assert lines[0] == '12: TOML syntax error: text must be in quotes: unit = "tấn"'


def test_a_string_left_open_at_the_end_of_the_file_is_found_where_it_opens(tmp_path: Path) -> None:
    lines = refused(tmp_path, "note = 'không đóng", after='unit = "%"')
    assert lines[0].startswith("11: TOML syntax error: the text has no closing quote")


def test_in_vietnamese(tmp_path: Path) -> None:
    lines = refused(tmp_path, "plan.2025 = { at_least = 9,5 }", lang="vi")
    assert lines[0] == "11: lỗi cú pháp TOML: 9,5 dùng dấu phẩy thập phân: số trong TOML dùng dấu chấm, hãy viết 9.5"
    lines = refused(tmp_path, "unit = tỷ đồng", lang="vi")
    assert lines[0] == '11: lỗi cú pháp TOML: văn bản phải đặt trong dấu ngoặc kép: unit = "tỷ đồng"'


def test_a_long_line_is_shown_around_the_caret_and_never_whole(tmp_path: Path) -> None:
    line = 'note = "' + "x" * 5000 + '" 9,5 ' + "y" * 5000
    lines = refused(tmp_path, line)
    assert lines[0].startswith("11: TOML syntax error: 9,5 has a decimal comma")
    assert len(lines[1]) < 120 and lines[1].startswith("  11 | …x") and lines[1].endswith("y…")
    assert caret_under(lines).startswith("9,5 ")


def test_control_characters_of_the_line_never_reach_the_terminal(tmp_path: Path) -> None:
    lines = refused(tmp_path, "unit = \x1b[31mđỏ\x1b[0m")
    assert "\x1b" not in "".join(lines)
    assert lines[1] == "  11 | unit = ?[31mđỏ?[0m"


def test_the_caret_stands_under_the_mistake_in_a_plan_saved_decomposed(tmp_path: Path) -> None:
    """A plan saved in NFD (macOS) has a combining mark per accent: they take no column."""
    nfd = unicodedata.normalize("NFD", 'note = "Tỷ lệ hộ nghèo", value = 9,5')
    lines = refused(tmp_path, nfd)
    shown = unicodedata.normalize("NFC", lines[1])
    assert shown[lines[2].index("^") :] == "9,5"


def test_a_file_with_crlf_line_ends_shows_its_line_without_the_carriage_return(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    path.write_bytes((HEADER + "unit = %\n").replace("\n", "\r\n").encode())
    with pytest.raises(DataError) as info:
        load_plan(path)
    assert info.value.render("en")[1:] == ["  11 | unit = %", "     |        ^"]


# ------------------------------------------------------------------ through the CLI, in the reader's language


def broken_plan(tmp_path: Path, language: str | None) -> Path:
    """SMALL_PLAN with a decimal comma on line 12, in ``language`` (None: no language line)."""
    text = SMALL_PLAN.replace("plan.2025 = { at_least = 8 }", "plan.2025 = { at_least = 8,5 }")
    text = text.replace('language = "en"', f'language = "{language}"' if language else "")
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("language", "option", "head"),
    [
        ("vi", [], "lỗi cú pháp TOML: 8,5 dùng dấu phẩy thập phân: số trong TOML dùng dấu chấm, hãy viết 8.5"),
        ("vi", ["--lang", "en"], "TOML syntax error: 8,5 has a decimal comma: TOML numbers take a decimal point, 8.5"),
        ("en", [], "TOML syntax error: 8,5 has a decimal comma: TOML numbers take a decimal point, 8.5"),
        (None, [], "TOML syntax error: 8,5 has a decimal comma: TOML numbers take a decimal point, 8.5"),
    ],
    ids=["the plan's language", "--lang first", "english plan", "no language: english"],
)
def test_the_cli_says_it_in_the_readers_language_exit_4_and_writes_nothing(
    tmp_path: Path, language: str | None, option: list[str], head: str
) -> None:
    plan = broken_plan(tmp_path, language)
    (tmp_path / "plan.progress.toml").write_text("# tracker progress log\n[entries]\n", encoding="utf-8")
    before = snapshot(tmp_path)
    result = run("record", "growth", "8.2", "--period", "2025", "--plan", str(plan), *option)
    assert (result.code, result.out) == (4, "")
    assert result.err == (f"tracker: error: {plan}:12: {head}\n"
                          "tracker: error:   12 | plan.2025 = { at_least = 8,5 }\n"
                          "tracker: error:      |                          ^\n")  # fmt: skip
    assert snapshot(tmp_path) == before


def test_an_unquoted_language_is_still_the_readers_language(tmp_path: Path) -> None:
    """`language = vi` is itself the mistake; it still says the plan is read in Vietnamese."""
    plan = tmp_path / "plan.toml"
    plan.write_text(SMALL_PLAN.replace('language = "en"', "language = vi"), encoding="utf-8")
    for command in (["check"], ["report"], ["list"]):
        result = run(*command, "--plan", str(plan))
        assert result.code == 4 and result.out == ""
        assert result.err.startswith(
            f'tracker: error: {plan}:4: lỗi cú pháp TOML: văn bản phải đặt trong dấu ngoặc kép: language = "vi"\n'
        )


@settings(max_examples=300, deadline=None)
@given(line=st.text(st.sampled_from(list("ab =,.#\"'[]{}%:\\9 \t“”ỷ\u0301-_")), max_size=30))
def test_whatever_the_line_the_error_is_worded_never_a_crash(line: str) -> None:
    """Any line TOML refuses gets FILE:LINE, a message and the line shown; never an internal error."""
    import tomllib

    from tracker.storage.plan_syntax import syntax_error

    text = HEADER + line + "\n"
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        lines = syntax_error("plan.toml", text, exc).render("vi")
        assert lines[0].startswith("plan.toml:") and ": lỗi cú pháp TOML: " in lines[0]
        assert 2 <= len(lines) <= 3 and " | " in lines[1]
