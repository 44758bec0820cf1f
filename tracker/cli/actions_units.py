"""What `due` and `compare` do, given plain values (see ``tracker.cli.actions``): who is
behind with their figures, and many units side by side.

Kept apart from ``actions`` so that their modules (``tracker.core.due``,
``tracker.core.compare``, the units file) are imported only by these commands.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.actions import as_of_date, emit, output_format, workspace
from tracker.cli.choices import Format, Lang
from tracker.cli.workspace import Workspace
from tracker.errors import DataError, ExitCode, UsageError
from tracker.messages import Msg, Text, located

if TYPE_CHECKING:
    from datetime import date

    from tracker.cli.session import Session
    from tracker.core.compare import Unit
    from tracker.core.model import Plan
    from tracker.core.periods import Period
    from tracker.storage.units_file import UnitsFile


def due(
    session: Session,
    *,
    as_of: str | None,
    period: str | None,
    group: str | None,
    owner: str | None,
    check: bool,
    fmt: Format,
    output: Path | None,
    plan: Path | None,
    log: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker due`: every figure owed at the as-of date, by owner."""
    from tracker.core.due import find_due
    from tracker.render.views.due import due_records, due_sheet

    ws = workspace(session, plan, log, lang)
    chosen = output_format(fmt, output)
    ws.check_filters(group, owner)
    within = ws.period(period) if period else None
    dues = find_due(ws.plan, ws.log, as_of_date(as_of, "--as-of"), group, owner, within)
    emit(chosen, lambda: due_sheet(dues, ws.lang), lambda: due_records(dues), ws.lang, output)
    return ExitCode.CHECK_FAILED if check and dues.items else ExitCode.OK


def compare(
    session: Session,
    *,
    sources: list[str] | None,
    period: str | None,
    as_of: str | None,
    group: str | None,
    owner: str | None,
    skip_broken: bool,
    fmt: Format,
    output: Path | None,
    lang: Lang | None,
) -> int:
    """`tracker compare`: the targets several units share, side by side."""
    from tracker.core.compare import compare as side_by_side
    from tracker.render.compare_html import compare_page
    from tracker.render.views.compare import compare_records, compare_sheet

    session.language = lang.value if lang else session.language
    units_file = _units_file(sources)
    parent = _parent(units_file)
    units, workspaces = _load_units(session, units_file, lang, skip_broken)
    session.language = lang.value if lang else (parent.language if parent else workspaces[0].lang)
    words = session.language
    chosen = output_format(fmt, output)
    workspaces[0].check_filters(group, owner)  # names as the first unit's plan writes them
    day = as_of_date(as_of, "--as-of")
    title = units_file.title or (parent.display_title(words) if parent else "")
    result = side_by_side(units, _period(period, parent, units[0].plan, day), day, title=title, parent=parent,
                          group=group, owner=owner, until=day if as_of else None,
                          listed=len(units_file.units))  # fmt: skip
    for refused in result.refused:
        measures = ", ".join(f"{name}: {measure!r}" for name, measure in refused.units)
        _warn(Msg(REFUSED, id=refused.target_id, measures=measures), words)
    emit(chosen, lambda: compare_sheet(result, words), lambda: compare_records(result), words, output,
         page=lambda: compare_page(result, words))  # fmt: skip
    return ExitCode.OK


REFUSED = "{id} is not compared: the units measure it differently ({measures})"


def _warn(message: Text, lang: str) -> None:
    text = message.render(lang) if isinstance(message, Msg) else message
    print(f"tracker: warning: {text}", file=sys.stderr)


def _units_file(sources: list[str] | None) -> UnitsFile:
    """The units file named (or units.toml here), or the plans given, as a units file."""
    from tracker.storage.units_file import DEFAULT_UNITS, UnitRef, UnitsFile, is_units_file, read_units_file

    if not sources:
        if not DEFAULT_UNITS.is_file():
            raise DataError(Msg("no units file here (looked for units.toml): name one, or give the units' plans"))
        return read_units_file(DEFAULT_UNITS)
    if len(sources) == 1 and is_units_file(Path(sources[0])):
        return read_units_file(Path(sources[0]))
    return UnitsFile(Path("."), "", None, tuple(UnitRef("", Path(source), source) for source in sources))


def _parent(units_file: UnitsFile) -> Plan | None:
    """The parent's own plan, when the units file names one: totals are judged against it."""
    if units_file.parent is None:
        return None
    from tracker.storage.plan_file import load_plan

    return load_plan(units_file.parent)


def _load_units(session: Session, units_file: UnitsFile, lang: Lang | None,
                skip_broken: bool) -> tuple[list[Unit], list[Workspace]]:  # fmt: skip
    """Each unit's plan and log. A unit whose plan or log does not load stops the run
    with every problem of every such unit (exit 4), or, with ``skip_broken``, is left
    out with its problems as warnings."""
    from tracker.core.compare import Unit

    units: list[Unit] = []
    loaded: list[Workspace] = []
    broken: list[Text] = []
    names: set[str] = set()
    for ref in units_file.units:
        ws = Workspace(ref.plan, None, lang.value if lang else None)
        try:
            plan, history = ws.plan, ws.log
        except DataError as exc:
            said = ref.name or str(ref.plan)
            broken += [located(ref.where, Msg("unit {name!r} cannot be compared:", name=said)), *exc.lines]
            continue
        name = ref.name or plan.organisation or plan.title or str(ref.plan)
        name = name if name not in names else str(ref.plan)  # two plans of one organisation: told apart by path
        names.add(name)
        units.append(Unit(name, plan, history))
        loaded.append(ws)
    if broken and not skip_broken:
        raise DataError(*broken, Msg("(--skip-broken compares the other units)"))
    language = lang.value if lang else (loaded[0].lang if loaded else session.language)
    for line in broken:
        _warn(line, language)
    if not units:
        raise DataError(Msg("no unit could be compared"))
    return units, loaded


def _period(label: str | None, parent: Plan | None, reference: Plan, day: date) -> Period:
    """--period, else the parent's default period, else the first unit's, else the year of the as-of date."""
    from tracker.core.periods import PeriodError, parse_period, year_of

    if label:
        try:
            return parse_period(label)
        except PeriodError as exc:
            raise UsageError(exc.message) from None
    default = (parent.default_period if parent else "") or reference.default_period
    return parse_period(default) if default else year_of(day)
