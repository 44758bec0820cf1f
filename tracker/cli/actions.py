"""What each command does, given plain Python values: no argument parsing here.

Each action takes the run's ``Session`` and one keyword argument per argument and
option that ``tracker.cli.spec`` declares for its command (named by its ``dest``; the
defaults are the table's, so none here). Two parsers build that call from the same
table: the fast reader (``tracker.cli.fast``) and the Typer app (``tracker.cli.app``).
Each action returns the exit code; errors are raised, never printed (``tracker.cli.main``
words them, in the language the action put on the session).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.choices import By, DecimalMark, Format, Lang, Verdict
from tracker.cli.terminal import Terminal, today, write_bytes, write_out
from tracker.cli.workspace import Workspace, find_plan
from tracker.core.model import FigureStatus
from tracker.errors import ExitCode, UsageError
from tracker.messages import Msg, located

if TYPE_CHECKING:
    from tracker.cli.session import Session
    from tracker.core.model import Entry
    from tracker.render import Concrete
    from tracker.render.bieu import Filing
    from tracker.render.sheet import Records, Sheet
    from tracker.storage.log_contents import Batch


def workspace(
    session: Session, plan: Path | None, log: Path | None, lang: Lang | None, salvage: bool = False
) -> Workspace:
    """The plan, log and language a command works with; from here on the session's
    errors are worded in that language."""
    ws = Workspace(find_plan(plan), log, lang.value if lang else None, salvage=salvage)
    session.language = ws.lang
    return ws


def as_of_date(text: str | None, option: str = "--as-of") -> date:
    """The date given on the command line, or today."""
    from tracker.core.recording import FieldError, parse_date

    if not text:
        return today()
    try:
        return parse_date(text, option)
    except FieldError as exc:
        raise UsageError(Msg("{field}: {detail}", field=option, detail=exc.message)) from None


def look_back(ws: Workspace, as_of: str | None, known_at: str | None) -> tuple[date, date | None]:
    """The as-of date of a report (or a target's page) and the last date its figures may
    be dated (None: any), with the log narrowed to what was known at --known-at.

    An explicit --as-of is a look back: figures dated after it are left out. --known-at
    without it gives the report as it was printed at the end of that day: as at that day
    (today, for a day still to come) with every figure then known, whatever its date, as
    a report without --as-of counts them."""
    if known_at:
        ws.known_at = as_of_date(known_at, "--known-at")
    day = as_of_date(as_of, "--as-of")
    if as_of:
        return day, day
    return (min(ws.known_at, day) if ws.known_at else day), None


# What `--format auto` becomes when --output names a file with one of these endings.
_BY_SUFFIX = {
    ".xlsx": "xlsx", ".docx": "docx", ".html": "html", ".htm": "html", ".csv": "csv", ".tsv": "tsv",
    ".json": "json", ".md": "markdown", ".txt": "plain",
}  # fmt: skip


def output_format(fmt: Format, output: Path | None, *, report: bool = False) -> Concrete:
    """The format to render, refusing what cannot be written where it is going: a report
    format (text, docx) for another command, or a binary one (xlsx, docx) to a terminal.
    Checked before any figure is read or judged (after the plan, so it is worded in the
    plan's language)."""
    from tracker.render import choose
    from tracker.render.formats import BINARY, REPORT_ONLY

    if fmt is Format.auto and output is not None:
        chosen = choose(_BY_SUFFIX.get(output.suffix.lower(), "plain"), False)
    else:
        chosen = choose(fmt, Terminal.detect().is_terminal)
    if chosen in REPORT_ONLY and not report:
        raise UsageError(Msg("--format {format} is for `tracker report`", format=chosen.value))
    if chosen in BINARY and output is None and Terminal.detect().is_terminal:
        raise UsageError(
            Msg("--format {format} is a file, not text: add --output FILE (or redirect: > FILE)", format=chosen.value)
        )
    return chosen


def emit(
    chosen: Concrete,
    sheet: Callable[[], Sheet],
    records: Callable[[], Records],
    lang: str = "en",
    output: Path | None = None,
    filing: Callable[[], Filing] | None = None,
    page: Callable[[], str] | None = None,
) -> None:
    """Write the output in the chosen format, to ``output`` (whole or not at all) or to
    standard output; only what that format needs is built (``page``: a page of its own
    for html)."""
    from tracker.render import render

    term = Terminal.detect()
    to_screen = output is None and term.is_terminal
    content = render(chosen, sheet, records, width=term.width, colour=term.colour and to_screen, lang=lang,
                     filing=filing, page=page)  # fmt: skip
    if output is not None:
        from tracker.storage.output_file import write_whole

        write_whole(output, content if isinstance(content, bytes) else content.encode("utf-8"))
    elif isinstance(content, bytes):
        write_bytes(content)
    else:
        write_out(content, term.out)


def init(session: Session, *, folder: str | None, lang: Lang) -> int:
    """`tracker init`: a commented starter plan and an empty log in FOLDER (made when
    missing), both or neither; nothing already there is ever written over."""
    from tracker.starter import starter_plan
    from tracker.storage.new_files import create_new
    from tracker.storage.plan_file import load_plan
    from tracker.storage.progress_log import HEADER, default_log_path

    session.language = lang.value
    where = Path(folder or ".")
    plan_path = where / "plan.toml"
    log_path = default_log_path(plan_path)
    text = starter_plan(lang.value, today().year)
    plan = load_plan(plan_path, text.encode("utf-8"))  # checked before a byte is written: a starter always loads
    create_new(where, [(plan_path.name, text.encode("utf-8")), (log_path.name, HEADER.encode("utf-8"))])
    said = Msg("wrote a starter plan, {plan} ({targets} targets), and an empty progress log, {log}",
               plan=str(plan_path), targets=len(plan.targets), log=str(log_path))  # fmt: skip
    here = where.resolve() == Path.cwd().resolve()
    then = (
        Msg("next: edit plan.toml to hold your own targets; `tracker check` says what is wrong with it, "
            "`tracker report` shows it")
        if here
        else Msg("next: cd {where}, edit plan.toml to hold your own targets; `tracker check` says what is wrong "
                 "with it, `tracker report` shows it", where=str(where))
    )  # fmt: skip
    print(f"{said.render(session.language)}\n{then.render(session.language)}")
    return ExitCode.OK


def list_targets(
    session: Session,
    *,
    period: str | None,
    group: str | None,
    owner: str | None,
    fmt: Format,
    output: Path | None,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker list`: the targets and their plan values."""
    from tracker.core.report import same_name
    from tracker.render.views import list_records, list_sheet

    ws = workspace(session, plan, log, lang)
    chosen = output_format(fmt, output)
    ws.check_filters(group, owner)
    label = ws.period(period).label
    # An explicit period lists what the plan asks for it; without one, every target.
    planned = {t.id for t in ws.plan.targets if label in t.plans}
    parents = {t.parent for t in ws.plan.targets if t.id in planned}
    targets = [
        t for t in ws.plan.targets
        if (not period or t.id in planned or t.id in parents)
        and (not group or same_name(t.group, group))
        and (not owner or same_name(t.owner, owner))
    ]  # fmt: skip
    on = today()  # the plan value in force today, with its amendment
    emit(chosen, lambda: list_sheet(ws.plan, targets, label, ws.lang, on),
         lambda: list_records(ws.plan, targets, label, on), ws.lang, output)  # fmt: skip
    return ExitCode.OK


def report(
    session: Session,
    *,
    period: str | None,
    as_of: str | None,
    known_at: str | None,
    group: str | None,
    owner: str | None,
    by: By,
    check: bool,
    fmt: Format,
    output: Path | None,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker report`: progress against the plan, headline last."""
    from tracker.core.report import build_report
    from tracker.render.bieu import Filing
    from tracker.render.views import report_records, report_sheet

    ws = workspace(session, plan, log, lang)
    chosen = output_format(fmt, output, report=True)
    ws.check_filters(group, owner)
    day, until = look_back(ws, as_of, known_at)
    result = build_report(ws.plan, ws.log, ws.period(period, day), day, group, owner, until=until)
    if by is By.owner:  # sections and a headline per owner (issue 16)
        from tracker.render.views.owners import owner_records as report_records
        from tracker.render.views.owners import owner_sheet as report_sheet
    # A report as known on a past day is dated that day, as it was printed then.
    issued = min(ws.known_at, today()) if ws.known_at else today()
    emit(chosen, lambda: report_sheet(result, ws.lang), lambda: report_records(result), ws.lang, output,
         lambda: Filing(result, issued, ws.plan.place))  # fmt: skip
    return ExitCode.CHECK_FAILED if check and result.summary.trouble else ExitCode.OK


def show(
    session: Session,
    *,
    target_id: str,
    as_of: str | None,
    known_at: str | None,
    fmt: Format,
    output: Path | None,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker show`: one target in full."""
    from tracker.core.judging import assess
    from tracker.render.views import show_records, show_sheet

    ws = workspace(session, plan, log, lang)
    chosen = output_format(fmt, output)
    target = ws.target(target_id)
    day, until = look_back(ws, as_of, known_at)
    entries = ws.log.entries(target.id, until=until)
    # years first, in order, then terms: the order a history chart reads
    periods = sorted({ws.period(label) for label in set(target.periods) | {e.period for e in entries}},
                     key=lambda p: (p.kind == "span", p.start, p.end))  # fmt: skip
    assessments = [assess(target, period, entries, day) for period in periods]
    all_entries = ws.log.history_of(target.id)
    ids = {e.id for e in all_entries}
    retractions = [r for r in ws.log.retractions if r.retracts in ids]
    dead = {r.retracts for r in retractions}
    emit(chosen, lambda: show_sheet(target, assessments, ws.lang, all_entries, dead),
         lambda: show_records(ws.plan, target, assessments, day, all_entries, retractions, ws.log.batch_of(),
                              ws.log.line_of(target.id)), ws.lang,
         output)  # fmt: skip
    return ExitCode.OK


def record(
    session: Session,
    *,
    target_id: str,
    value: str,
    period: str | None,
    as_of: str | None,
    status: FigureStatus,
    source: str,
    note: str,
    verdict: Verdict | None,
    unplanned: bool,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker record`: append one figure and say how the target stands."""
    from tracker.core.history import relevant_figures
    from tracker.core.judging import assess
    from tracker.core.recording import Draft
    from tracker.render.views import record_line

    ws = workspace(session, plan, log, lang)
    draft = Draft(target=target_id, value=value, period=period, as_of=as_of or None, status=status.value,
                  source=source, note=note, verdict=verdict.value if verdict else "")  # fmt: skip
    entry = ws.make_entry(draft, unplanned=unplanned)
    ws.append([entry])
    target = ws.target(entry.target)
    period_of_entry = ws.period(entry.period)
    figures = relevant_figures(ws.log, target.id, period_of_entry)  # read after the append: holds it
    standing = assess(target, period_of_entry, figures, today())
    print(record_line(entry, standing, ws.lang))
    return ExitCode.OK


def history(
    session: Session,
    *,
    target_id: str | None,
    known_at: str | None,
    fmt: Format,
    output: Path | None,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker history`: every entry with its provenance (as known at --known-at)."""
    from tracker.render.views import history_records, history_sheet

    ws = workspace(session, plan, log, lang)
    chosen = output_format(fmt, output)
    if known_at:
        ws.known_at = as_of_date(known_at, "--known-at")
    entries = ws.log.all_entries
    retractions = ws.log.retractions
    if target_id:
        target = ws.target(target_id)
        entries = [e for e in entries if e.target == target.id]
        ids = {e.id for e in entries}
        retractions = [r for r in retractions if r.retracts in ids]
    lines = ws.log.line_of()
    emit(chosen, lambda: history_sheet(ws.plan, entries, retractions, ws.lang, lines, ws.log.batch_of()),
         lambda: history_records(ws.plan, entries, retractions, ws.log.batch_of(), lines), ws.lang, output)  # fmt: skip
    return ExitCode.OK


def undo(
    session: Session,
    *,
    note: str,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker undo`: take back the last action (a figure, or a whole import)."""
    ws = workspace(session, plan, log, lang)
    batch, entries = ws.log.last_action()
    if not entries:
        raise UsageError(located(str(ws.log_path), Msg("nothing to undo")))
    return _retract(ws, batch, entries, note)


def retract(
    session: Session,
    *,
    entry_id: str,
    note: str,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker retract`: retract one entry, or a batch, by its id."""
    ws = workspace(session, plan, log, lang)
    batch, entries = ws.to_retract(entry_id)
    return _retract(ws, batch, entries, note)


def _retract(ws: Workspace, batch: Batch | None, entries: list[Entry], note: str) -> int:
    """Append a retraction of each entry (one batch for a batch's, all or none) and say so."""
    from tracker.render.views import retract_line

    retractions = [ws.make_retraction(e.id, note) for e in entries]
    if batch is None:
        ws.append(list(retractions))
    else:
        ws.append_batch(list(retractions))
    said = [retract_line(e, r, ws.lang) for e, r in zip(entries, retractions, strict=True)]
    if batch is not None:
        from tracker.render.views.importing import batch_line

        said.append(batch_line(batch.id, len(entries), ws.lang))
    write_out("".join(f"{line}\n" for line in said))
    return ExitCode.OK


def import_entries(
    session: Session,
    *,
    source: str,
    sheet: str | None,
    year: str | None,
    decimal: DecimalMark | None,
    rules: Path | None,
    per_month: bool,
    encoding: str | None,
    dry_run: bool,
    unplanned: bool,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker import`: the figures of a file, all or nothing, never one twice."""
    import sys

    from tracker.cli.importing import read_file, summary
    from tracker.cli.progress import SlowProgress

    ws = workspace(session, plan, log, lang)
    rows = read_file(ws, source, sheet=sheet, year=year, decimal=decimal, rules=rules, per_month=per_month,
                     encoding=encoding)  # fmt: skip
    with SlowProgress(len(rows.rows), f"checking {rows.file}") as progress:
        checked = ws.prepare_import(rows, unplanned=unplanned, tick=progress.advance)
    items = checked.items
    batch = None
    if dry_run:
        from tracker.render.views.importing import import_records, import_sheet

        chosen = output_format(Format.auto, None)
        emit(chosen, lambda: import_sheet(ws.plan, rows.file, checked.outcomes, ws.lang),
             lambda: import_records(ws.plan, checked.outcomes), ws.lang)  # fmt: skip
    elif items:
        batch = ws.append_batch(items)
    # stderr: stdout is the table of a dry run, or nothing (a script's pipe stays clean)
    print(f"tracker: {summary(rows, checked, batch, dry_run, ws.lang)}", file=sys.stderr)
    return ExitCode.OK


def check_files(
    session: Session,
    *,
    repair: bool,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker check`: the plan and log validated together."""
    from tracker.messages import render

    ws = workspace(session, plan, log, lang, salvage=True)
    problems = ws.problems()
    _headline_warnings(ws)
    if repair and (ws.log.torn is not None or ws.log.damage):  # nothing damaged: nothing to write (it may be read-only)
        from tracker.errors import WriteError
        from tracker.storage.log_repair import repair as repair_log

        try:
            side = repair_log(ws.log_path, plan=ws.plan_path)
        except OSError as exc:
            message = Msg("cannot repair the progress log: {reason}; it was left as it was", reason=exc.strerror)
            raise WriteError(located(str(ws.log_path), message)) from None
        if side is not None:
            print(
                Msg("moved the damaged lines of {log} to {side}", log=str(ws.log_path), side=str(side)).render(ws.lang)
            )
            problems = Workspace(ws.plan_path, ws.log_option, ws.lang_option, salvage=True).problems()
    if problems:
        write_out("".join(f"{render(problem, ws.lang)}\n" for problem in problems))
        return ExitCode.CHECK_FAILED
    print(
        Msg("ok: {plan} and {log}: {targets} targets, {entries} entries", plan=str(ws.plan_path), log=str(ws.log_path),
            targets=len(ws.plan.targets), entries=ws.log.count()).render(ws.lang)
    )  # fmt: skip
    return ExitCode.OK


def _headline_warnings(ws: Workspace) -> None:
    """A warning for each reported headline the figures do not give (the documents may
    count other targets, or the log may lack figures): said, never a failure."""
    from tracker.core.report import disagreements
    from tracker.render.numbers import format_date

    for reported, computed in disagreements(ws.plan, ws.log):
        ws.warn(
            Msg("{period}: reported {met}/{total} ({source}, {day}), computed {computed_met}/{computed_total} as of "
                "that date", period=reported.period, met=reported.met, total=reported.total, source=reported.source,
                day=format_date(reported.date, ws.lang), computed_met=computed.met_or_exceeded,
                computed_total=computed.total)
        )  # fmt: skip
