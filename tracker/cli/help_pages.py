"""Help pages as Typer renders them at 80 columns, kept in help.txt so that `--help`
needs no Typer import.

help.txt is generated: run ``python -m tracker.cli.help_pages`` after changing a
command's options or help (``tracker.cli.spec``); tests/cli/test_fast_path.py fails
while a page there lacks what the table declares, or (with the Typer that rendered it, named on its first line)
differs from what Typer prints.
"""

from __future__ import annotations

from pathlib import Path

PAGES_FILE = Path(__file__).with_name("help.txt")
MARK = "%% "  # starts the line naming each page; no help text starts a line with it
RENDERED_BY = "# rendered by typer "  # the first line: "# rendered by typer 0.29.2 (...)"


def page(title: str) -> str | None:
    """The page for "tracker --help" or "tracker COMMAND --help", or None."""
    try:
        text = PAGES_FILE.read_text(encoding="utf-8")
    except OSError:
        return None
    return parse_pages(text).get(title)


def parse_pages(text: str) -> dict[str, str]:
    """The pages of help.txt by title ("tracker report --help")."""
    pages: dict[str, list[str]] = {}
    lines: list[str] = []
    for line in text.splitlines(keepends=True):
        if line.startswith(MARK):
            lines = pages.setdefault(line[len(MARK) :].strip(), [])
        else:
            lines.append(line)
    return {name: "".join(lines) for name, lines in pages.items()}


def typer_version() -> str:
    """The installed Typer's version, which decides the pages' layout."""
    from importlib.metadata import version

    return version("typer")


def rendered_by(text: str) -> str | None:
    """The version of Typer that rendered the pages of help.txt, from its first line."""
    first = text.partition("\n")[0]
    return first[len(RENDERED_BY) :].split()[0] if first.startswith(RENDERED_BY) else None


def render_with_typer(argv: list[str], columns: int = 80) -> str:
    """What the Typer app prints for ``argv`` (a help request) at ``columns`` columns."""
    import contextlib
    import io
    import os
    from unittest import mock

    from typer.main import get_command

    from tracker.cli.app import app_for

    out = io.StringIO()
    with mock.patch.dict(os.environ, {"COLUMNS": str(columns)}), contextlib.redirect_stdout(out):
        get_command(app_for(argv)).main(args=argv, prog_name="tracker", standalone_mode=False)
    return out.getvalue()


def rendered_pages() -> dict[str, str]:
    """Every page, freshly rendered by Typer."""
    from tracker.cli.spec import COMMANDS

    requests = [["--help"]] + [[command.name, "--help"] for command in COMMANDS]
    return {" ".join(["tracker", *argv]): render_with_typer(argv) for argv in requests}


if __name__ == "__main__":
    header = f"{RENDERED_BY}{typer_version()} (regenerate: python -m tracker.cli.help_pages)\n"
    pages = "".join(f"{MARK}{name}\n{text}" for name, text in rendered_pages().items())
    PAGES_FILE.write_text(header + pages, encoding="utf-8")
