"""What `tracker import` does besides checking and appending (tracker.cli.actions): its
options read, the file read into rows as the plan's language says, and its summary."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import UsageError
from tracker.messages import Msg

if TYPE_CHECKING:
    from tracker.cli.choices import DecimalMark
    from tracker.cli.workspace import Workspace
    from tracker.core.importing import Checked
    from tracker.core.sheet_layout import Place, SheetRows, SheetRules


def read_file(
    ws: Workspace,
    source: str,
    *,
    sheet: str | None,
    year: str | None,
    decimal: DecimalMark | None,
    rules: Path | None,
    per_month: bool,
    encoding: str | None,
) -> SheetRows:
    """The rows of the file ``source`` ('-': standard input) in tracker's field names. The
    options are checked before the file is read (a usage error, exit 2); the file's
    problems are DataErrors naming its place (exit 4)."""
    import sys

    from tracker.core.sheet_layout import plan_targets
    from tracker.storage.import_file import read_source
    from tracker.storage.sheet_import import read_figures

    the_year, the_encoding = _year(year), _encoding(encoding)
    name, data = read_source(source, sys.stdin.buffer)
    said = _rules(rules)
    # Numbers typed as text: --decimal, else the rules file's mark, else the plan's language's.
    mark = decimal.value if decimal else (said.decimal if said and said.decimal else None)
    return read_figures(name, data, sheet=sheet, year=the_year, per_month=per_month, rules=said,
                        decimal=mark or ("comma" if ws.plan.language == "vi" else "point"),
                        plan_targets=lambda: plan_targets(ws.plan), encoding=the_encoding)  # fmt: skip


def _year(text: str | None) -> int | None:
    """--year as a number: a year of four digits."""
    if text is None:
        return None
    if not (text.strip().isdigit() and len(text.strip()) == 4):
        raise UsageError(Msg("{field}: not a year: {text!r} (write it like 2025)", field="--year", text=text))
    return int(text)


def _encoding(text: str | None) -> str | None:
    """--encoding as tracker names it; refused when it is not one tracker reads."""
    from tracker.storage.sheet_files import encoding_name

    if text is None:
        return None
    found = encoding_name(text)
    if found is None:
        message = Msg("{field}: {text!r} is not an encoding tracker reads: utf-8, cp1258 (Windows Vietnamese), "
                      "cp1252 (Windows Western) or utf-16", field="--encoding", text=text)  # fmt: skip
        raise UsageError(message)
    return found


def _rules(path: Path | None) -> SheetRules | None:
    """The rules file's rules, when one is given."""
    from tracker.storage.import_rules import read_rules

    return read_rules(str(path)) if path is not None else None


def summary(rows: SheetRows, checked: Checked[Place], batch: str | None, dry_run: bool, lang: str) -> str:
    """The one line an import ends with, on stderr: what was recorded (as which batch), how
    many of those were revisions, how many rows were already recorded, the columns not read."""
    from tracker.core.importing import Fate

    count, name = len(checked.items), rows.file
    one = count == 1  # English says "1 entry"
    if dry_run:
        text = "would record {count} entry from {name}" if one else "would record {count} entries from {name}"
    else:
        text = "recorded {count} entry from {name}" if one else "recorded {count} entries from {name}"
    said = Msg(text, count=count, name=name)
    parts: list[Msg] = [said]
    if batch is not None:
        parts.append(Msg(" as batch {batch}", batch=batch))
    if revised := checked.count(Fate.REVISION):
        parts.append(
            Msg("; {count} of them a revision" if revised == 1 else "; {count} of them revisions", count=revised)
        )
    if already := checked.count(Fate.ALREADY):
        parts.append(Msg("; {count} already recorded", count=already))
    if rows.ignored:
        parts.append(Msg("; columns not read: {columns}", columns=", ".join(rows.ignored)))
    return "".join(part.render(lang) for part in parts)
