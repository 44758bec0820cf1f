"""Every command of tracker and every option, declared once.

Both parsers of a command line are built from this table: the Typer app
(``tracker.cli.app``), which owns help, usage errors and shell completion, and the fast
reader (``tracker.cli.fast``), which serves well-formed command lines without importing
Typer. Either gives a ``Call``: the command and one value per ``dest``, which its action
in ``tracker.cli.actions`` takes as keyword arguments (and the run's ``Session`` first).

Adding an option is one entry here and the use of its value in the action; then run
``python -m tracker.cli.help_pages`` to render the help pages again.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.cli import actions, actions_units
from tracker.cli.choices import By, DecimalMark, FigureStatus, Format, Lang, Verdict

if TYPE_CHECKING:
    from tracker.cli.session import Session


class Option(NamedTuple):  # a NamedTuple costs a tenth of a dataclass to define
    """One option.

    ``kind`` is what its value is: ``str`` (text), ``Path`` (a file: a folder is refused),
    ``bool`` (a flag: True when given, else False) or a StrEnum (one of its values, read
    as its member). With no default (None) the action gets None when it is not given.
    """

    dest: str  # the keyword its action takes
    names: tuple[str, ...]  # its spellings: "--format", "-f"
    help: str
    kind: type = str
    default: Any = None
    envvar: str | None = None  # read when the option is not given (empty counts as unset); shown in help
    eager: Callable[[], str] | None = None  # the app's --version: print this at once and stop


class Argument(NamedTuple):
    """One positional argument; required ones come before optional ones. One that takes
    ``many`` words comes last and gets a list of them (None when none is given)."""

    dest: str
    metavar: str  # as help shows it
    help: str
    required: bool = True
    many: bool = False


class Command(NamedTuple):
    """One command: its action, its help (the first line is its summary on the main
    page; ``\\b`` keeps the next paragraph's lines as they are) and what it takes."""

    name: str
    action: Callable[..., int]  # action(session, **{dest: value for every argument and option})
    help: str
    arguments: tuple[Argument, ...] = ()
    options: tuple[Option, ...] = ()
    negative_numbers: bool = False  # -2.77 or -1,5 is a value here, not an option


class Call(NamedTuple):
    """A command line read: the command and a value for each of its dests."""

    command: Command
    values: dict[str, Any]

    def run(self, session: Session) -> int:
        """Do what the command line asks; the exit code."""
        return self.command.action(session, **self.values)


def version_line() -> str:
    """What `tracker --version` prints."""
    from tracker import __version__

    return f"tracker {__version__}\n"


EXIT_CODES_HELP = """
\b
Exit codes:
  0  success
  1  internal error (a bug: please report it)
  2  usage error: bad option, unknown target, bad value
  3  `report --check` / `check` found a problem
  4  a plan, log or import file is missing or invalid
  5  the log stayed locked by another process (TRACKER_LOCK_TIMEOUT)
  6  the log or the output could not be written (permissions, full disk)
"""

APP_HELP = (
    "Track plan targets: keep the plan in TOML, record figures, compare progress with the plan.\n\n"
    "\b\nExamples:\n  tracker report\n  tracker report --period 2024 --format json | jq .summary\n"
    "  tracker record grdp_growth 8.2 --status estimate\n  tracker show grdp_growth\n" + EXIT_CODES_HELP
)
APP_OPTIONS = (Option("version", ("--version",), "Print the version.", bool, False, eager=version_line),)

# ------------------------------------------------------------------ options several commands take

PLAN = Option("plan", ("--plan",), "Plan file. Default: plan.toml or data/plan.toml in the current folder.",
              Path, envvar="TRACKER_PLAN")  # fmt: skip
LOG = Option(
    "log", ("--log",), "Progress log. Default: PLAN.progress.toml beside the plan.", Path, envvar="TRACKER_LOG"
)
LANG = Option("lang", ("--lang",), "Language for people (default: the plan's).", Lang)
FORMAT = Option("fmt", ("--format", "-f"),
                "auto is table at a terminal, plain in a pipe; html is a standalone page; xlsx a workbook "
                "(with --output or into a pipe); text and docx are for report.", Format, Format.auto)  # fmt: skip
PERIOD = Option("period", ("--period", "-p"), "2025, 2021-2025, 2025-Q3 or 2025-06 (default: the plan's).")
AS_OF = Option("as_of", ("--as-of",), "Judge as at this date, 2025-06-30 or 30/06/2025 (default: today).")
KNOWN_AT = Option("known_at", ("--known-at",),
                  "As known at the end of this date, 2025-10-20 or 20/10/2025: only figures and retractions "
                  "recorded by then (default: everything recorded).")  # fmt: skip
GROUP = Option("group", ("--group", "-g"), "Only this group.")
OWNER = Option("owner", ("--owner",), "Only this owner.")
OUTPUT = Option("output", ("--output", "-o"),
                "Write to this file (whole or not at all) instead of standard output; with --format auto "
                "the file's ending picks the format (.xlsx, .docx, .html, .csv, .json, .md, .txt).", Path)  # fmt: skip
FILES = (PLAN, LOG, LANG)  # every command takes them, last (list reads no figures but accepts --log)


def note(help: str) -> Option:
    """--note, with what it says in this command."""
    return Option("note", ("--note",), help, default="")


def unplanned(help: str) -> Option:
    """--unplanned, with what it allows in this command."""
    return Option("unplanned", ("--unplanned",), help, bool, False)


TARGET_ID = Argument("target_id", "TARGET_ID", "The target's id.")

# ------------------------------------------------------------------ the commands, in the order help lists them

COMMANDS = (
    Command("init", actions.init, """\
Start a plan: write a commented starter plan and an empty log in FOLDER.

FOLDER (made when missing; default: the current folder) gets plan.toml, a plan
for this year and its five-year term showing every shape of target, and its
empty progress log, plan.progress.toml. Nothing is ever written over: if either
file exists, nothing is written.

\b
Examples:
  tracker init
  tracker init ke-hoach && cd ke-hoach && tracker report
  tracker init plans --lang en
""",
        arguments=(Argument("folder", "[FOLDER]", "Where to write (default: the current folder).", required=False),),
        options=(Option("lang", ("--lang",), "Language of the plan, its comments and its reports.", Lang, Lang.vi),)),
    Command("list", actions.list_targets, """\
List targets with their group, unit, owner and plan value.

\b
Examples:
  tracker list
  tracker list --period 2021-2025 --group "Kinh tế"
  tracker list --format json | jq -r '.targets[].id'
""",
        options=(PERIOD, GROUP, OWNER, FORMAT, OUTPUT, *FILES)),
    Command("report", actions.report, """\
Compare progress with the plan, by group, ending with the headline count.

The headline ("39/43 met or exceeded") counts component targets: a target with
components is counted through them. A headline a document reported (the plan's
[[reported]]) is shown beside it.

\b
Examples:
  tracker report
  tracker report --period 2024 --format plain
  tracker report --check --format plain || echo "targets need attention"
  tracker report --format json | jq -r '.targets[] | select(.status=="not_met") | .id'
  tracker report --as-of 2025-12-31 --known-at 2025-10-20   # the year as known on 20 October
""",
        options=(PERIOD, AS_OF, KNOWN_AT, GROUP, OWNER,
                 Option("by", ("--by",), "Sections by group, or by owner with each owner's headline.", By, By.group),
                 Option("check", ("--check",),
                        "Exit 3 when any target is not met, basically met, at risk, off track or incomplete.",
                        bool, False),
                 FORMAT, OUTPUT, *FILES)),
    Command("due", actions_units.due, """\
List the figures owed and not recorded, by owner, with how many days late.

How often a figure is owed (`reporting`, default yearly) and how many days after
its period ends it is due (`due_days`, default 0) are set in [plan], per owner in
[owners."NAME"] or per target. Figures only ever recorded as estimates past their
due date are listed too.

\b
Examples:
  tracker due
  tracker due --owner "Sở Tài chính" --format plain
  tracker due --check --format plain > /dev/null || echo "figures are overdue"
""",
        options=(AS_OF, Option("period", ("--period", "-p"), "Only figures owed for this period (default: all)."),
                 GROUP, OWNER,
                 Option("check", ("--check",), "Exit 3 when any figure is overdue.", bool, False),
                 FORMAT, OUTPUT, *FILES)),
    Command("compare", actions_units.compare, """\
Compare units (districts, provinces) side by side on the targets they share.

A units file lists the units: [[unit]] tables with a name and a plan (paths
relative to the file; each unit's log beside its plan), and optionally the
parent's own plan at its top level (plan = "..."), against which the totals of
targets marked rollup = "sum" are judged. Without a file, units.toml here.

\b
Examples:
  tracker compare units.toml
  tracker compare huyen-a/plan.toml huyen-b/plan.toml --period 2025
  tracker compare --group "Kinh tế" --format html -o so-sanh.html
""",
        arguments=(Argument("sources", "[UNITS_FILE | PLAN...]", "A units file, or the units' plans.", required=False,
                            many=True),),
        options=(PERIOD, AS_OF, GROUP, OWNER,
                 Option("skip_broken", ("--skip-broken",),
                        "Compare the other units when a unit's plan or log does not load.", bool, False),
                 FORMAT, OUTPUT, LANG)),
    Command("show", actions.show, """\
Show one target in full: definition, plan values, figures, verdicts explained.

\b
Examples:
  tracker show grdp_growth
  tracker show budget_revenue --lang en --format json
  tracker show grdp_growth --known-at 2025-10-20
""",
        arguments=(TARGET_ID,), options=(AS_OF, KNOWN_AT, FORMAT, OUTPUT, *FILES)),
    Command("record", actions.record, """\
Record one figure, then say how the target stands.

A later figure for the same target and period supersedes an earlier one (latest
as-of date first, then latest recording); both stay in the history.

\b
Examples:
  tracker record grdp_growth 8.2 --period 2025 --as-of 2025-12-31 --status estimate
  tracker record budget_revenue 2540,17 --as-of 31/10/2025 --source "BC 512/UBND"
  tracker record primary_universal_l3 yes --period 2024 --as-of 2024-06-10
  tracker record trained_labour 61-62 --period 2025
  tracker record trade_balance "Xuất siêu" --verdict Đạt --period 2025
""",
        arguments=(TARGET_ID, Argument("value", "VALUE",
                                       "3.93, 2365, 3,93, 1.234,5, yes/no, a range 61-62 (-3..-2), or a word "
                                       "with --verdict.")),
        options=(Option("period", ("--period", "-p"), "Default: the year of the as-of date."),
                 Option("as_of", ("--as-of",), "Date the figure stands for (default: today)."),
                 Option("status", ("--status", "-s"), "How final the figure is (also ước, sơ bộ, chính thức).",
                        FigureStatus, FigureStatus.OFFICIAL),
                 Option("source", ("--source",), "Document number, e.g. 1600/QĐ-BGDĐT.", default=""),
                 note("Free text."),
                 Option("verdict", ("--verdict",),
                        "A reported verdict (also Vượt, Đạt, Cơ bản đạt, Không đạt); required with a word figure.",
                        Verdict),
                 unplanned("Allow a period with no plan value."),
                 *FILES),
        negative_numbers=True),
    Command("history", actions.history, """\
Every entry with its provenance, retractions shown as such.

\b
Examples:
  tracker history grdp_growth
  tracker history --format csv > backup.csv     # `tracker import` reads it back
  tracker history grdp_growth --known-at 2025-10-20
""",
        arguments=(Argument("target_id", "[TARGET_ID]", "Only this target.", required=False),),
        options=(KNOWN_AT, FORMAT, OUTPUT, *FILES)),
    Command("undo", actions.undo, """\
Take back the last action: one figure after `record`, a whole import after `import`.

Appends retractions (nothing is deleted) and prints what it retracted. Run again, it
takes back the action before.

\b
Example:
  tracker undo --note "typed into the wrong target"
""",
        options=(note("Why it is retracted."), *FILES)),
    Command("retract", actions.retract, """\
Retract one entry, or every figure of an import, by its id (by appending retractions).

\b
Examples:
  tracker retract k3v5q2m7x9a1b4c6 --note "superseded by the official figure"
  tracker retract BATCH_ID --note "the department sent a corrected file"
""",
        arguments=(Argument("entry_id", "ID", "An entry's id, or an import's batch id, from `tracker history`."),),
        options=(note("Why it is retracted."), *FILES)),
    Command("import", actions.import_entries, """\
Record the figures of a workbook or a CSV, TSV or JSON file: all of them, or none.

Reads .xlsx, .xls and .ods workbooks, CSV or TSV as Excel and LibreOffice save them,
and what `tracker history` writes; the format follows the file's content. The header
is found by itself (Mã chỉ tiêu, Chỉ tiêu, Kỳ, Ngày, Giá trị ... or T1 ... T12, Q1 ...
Q4, Cả năm), above it anything. Every row is checked first: one bad cell writes
nothing and names the file, sheet, row and column. A figure already recorded is
skipped, so importing a file twice changes nothing; an import is one batch, which
`tracker undo` takes back whole. The summary goes to standard error.

\b
Examples:
  tracker import so-lieu-thang-6.xlsx --dry-run
  tracker import bao-cao.csv --year 2025
  tracker import kq.xlsx --sheet "Tháng 6" --rules so-tai-chinh.toml
  tracker history --format json | tracker import - --log other.progress.toml
""",
        arguments=(Argument("source", "FILE|-", "A workbook, CSV, TSV or JSON file; '-' reads standard input."),),
        options=(Option("sheet", ("--sheet",), "The sheet to read: its name or number from 1 (default: the first)."),
                 Option("year", ("--year",), "The year of month, quarter and year columns that do not say it."),
                 Option("decimal", ("--decimal",),
                        "How numbers typed as text are written: comma (3,93; 4.100 is 4100) or point. "
                        "Default: the plan's language (vi: comma, en: point).", DecimalMark),
                 Option("rules", ("--rules",), "A rules file (TOML) saying how to read a sheet tracker cannot guess.",
                        Path),
                 Option("per_month", ("--per-month",),
                        "Month columns hold each month's own amount: record the running totals.", bool, False),
                 Option("encoding", ("--encoding",),
                        "A CSV's encoding when it is not UTF-8: cp1258 (Windows Vietnamese) or cp1252."),
                 Option("dry_run", ("--dry-run", "-n"),
                        "Show what would be recorded, revised and skipped; write nothing.", bool, False),
                 unplanned("Allow periods with no plan value."), *FILES)),
    Command("check", actions.check_files, """\
Validate the plan and the log together; exit 3 when anything is wrong.

Finds entries naming unknown targets or periods, duplicate ids, retractions of
unknown entries and a damaged (torn) last block. A reported headline that the
figures do not give is a warning, not a problem.

\b
Examples:
  tracker check
  tracker check --repair
""",
        options=(Option("repair", ("--repair",),
                        "Move damaged lines of the log (a torn last line, an unfinished import) to a side file.",
                        bool, False),
                 *FILES)),
)  # fmt: skip

BY_NAME = {command.name: command for command in COMMANDS}
