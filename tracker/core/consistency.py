"""Whether the plan and the log agree: what `tracker check` finds in the figures themselves.

Pure: given the plan, what the log holds and where it is (for the messages), one
message per problem, in the log's order. Damage to the log file itself (a torn tail,
unreadable lines, two lines sharing an id) is the storage's to find.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from tracker.core.model import Entry, Plan, Retraction
from tracker.core.periods import PeriodError, parse_period
from tracker.core.recording import is_milestone
from tracker.messages import Msg, Text, located


def find_problems(
    plan: Callable[[], Plan],
    entries: Sequence[Entry],
    retractions: Sequence[Retraction],
    where: str,
    out_of_bounds: Mapping[str, tuple[int, Text]] | None = None,
) -> list[Text]:
    """Every entry and retraction of the log at ``where`` that the plan cannot account
    for, one line each: an entry for an unknown target, with a period that is not one,
    an as-of date outside its period or a value of the wrong kind; a retraction of no
    entry. ``out_of_bounds`` maps the id of a figure outside the bounds a figure keeps
    to its line and what is wrong, said just before that entry's other problems.
    ``plan`` gives the plan when an entry first needs it: a log of no entries is checked
    without loading it."""
    found: list[Text] = []
    wrong_figures = out_of_bounds or {}

    def problem(template: str, **values: object) -> None:
        found.append(located(where, Msg(template, **values)))

    ids = {e.id for e in entries}
    for entry in entries:
        wrong = wrong_figures.get(entry.id)
        if wrong is not None:  # read and shown, but no new figure could be so
            line, detail = wrong
            found.append(located(f"{where}:{line}", Msg("entry {id}: value: {detail}", id=entry.id, detail=detail)))
        target = plan().target(entry.target)
        if target is None:
            problem("entry {id}: unknown target {target!r}", id=entry.id, target=entry.target)
            continue
        try:
            period = parse_period(entry.period)
        except PeriodError:
            problem("entry {id}: not a period: {period!r}", id=entry.id, period=entry.period)
            continue
        if not period.contains(entry.as_of):
            problem("entry {id}: as-of {as_of} is outside period {period}", id=entry.id,
                    as_of=entry.as_of.isoformat(), period=period.label)  # fmt: skip
        if is_milestone(target) != isinstance(entry.value, bool):
            kind = Msg("yes or no" if is_milestone(target) else "a number")
            problem("entry {id}: {target} takes {kind}", id=entry.id, target=target.id, kind=kind)
    for retraction in retractions:
        if retraction.retracts not in ids:
            problem("retraction {id}: no entry {entry!r}", id=retraction.id, entry=retraction.retracts)
    return found
