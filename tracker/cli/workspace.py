"""Finding and loading the plan and its log for a command: the CLI's only bridge to storage."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.cli.terminal import today
from tracker.core.model import Entry, Plan, Retraction, Span, Target
from tracker.core.periods import Period, PeriodError, parse_period, year_of
from tracker.core.values import nfc
from tracker.errors import DataError, UsageError
from tracker.messages import Msg, Text, closest, did_you_mean, located
from tracker.storage.limits import LOG_LINE_LIMIT, has_surrogates, megabytes
from tracker.storage.plan_file import load_plan, read_plan_bytes
from tracker.storage.progress_log import (
    NOT_UTF8,
    LogContents,
    append,
    default_log_path,
    new_id,
    now_utc,
    read_log,
    recorder,
    to_entry,
)

if TYPE_CHECKING:
    from tracker.core.importing import Checked
    from tracker.core.recording import Draft
    from tracker.core.sheet_layout import Place, SheetRows
    from tracker.storage.log_contents import Batch

# The plan's language, found even in a plan that cannot be read (quoted or not: `language = vi`
# is a syntax error, to be worded in Vietnamese).
_LANGUAGE_LINE = re.compile(r'^\s*language\s*=\s*["\']?(vi|en)\b', re.MULTILINE)

_SHARED_ID = re.compile(r"^(.*): two different lines share the id (.*)$")

# Looked for, in order, when neither --plan nor TRACKER_PLAN is given.
DEFAULT_PLANS = (Path("plan.toml"), Path("data") / "plan.toml")


def find_plan(given: Path | None) -> Path:
    """The plan file to use: --plan / TRACKER_PLAN, else plan.toml or data/plan.toml here."""
    if given is not None:
        return given
    for candidate in DEFAULT_PLANS:
        if candidate.is_file():
            return candidate
    raise DataError(
        Msg("no plan file here (looked for plan.toml and data/plan.toml); use --plan PATH or set TRACKER_PLAN")
    )


@dataclass
class Workspace:
    """The plan, the log and the language one command works with, loaded on first use."""

    plan_path: Path
    log_option: Path | None = None
    lang_option: str | None = None
    salvage: bool = False  # `check`: read the log itself, listing damage rather than stopping at it
    known_at: date | None = None  # --known-at: the log as it was known at the end of that day

    @cached_property
    def plan(self) -> Plan:
        """The validated plan."""
        raw = self._plan_bytes
        if isinstance(raw, DataError):
            raise raw
        plan = load_plan(self.plan_path, raw)
        self.__dict__["_plan_bytes"] = b""  # read once (a pipe can be read only once); no longer needed
        return plan

    @cached_property
    def _plan_bytes(self) -> bytes | DataError:
        """The plan file's bytes, read once for both the language and the plan."""
        try:
            return read_plan_bytes(self.plan_path)
        except DataError as exc:
            return exc

    @property
    def log_path(self) -> Path:
        """--log / TRACKER_LOG, else the log beside the plan."""
        return self.log_option or default_log_path(self.plan_path)

    @cached_property
    def log(self) -> LogContents:
        """The log's contents; a torn tail becomes a warning on stderr, never silence."""
        contents = read_log(self.log_path, use_cache=not self.salvage, plan=self.plan_path, salvage=self.salvage)
        if contents.torn is not None:
            self.warn(
                located(
                    f"{self.log_path}:{contents.torn.line}",
                    Msg(
                        "ignoring a damaged last entry ({size} bytes); run `tracker check --repair`",
                        size=contents.torn.size,
                    ),
                )
            )
        if self.known_at is not None:
            return contents.known_at(self.known_at)
        return contents

    @cached_property
    def lang(self) -> str:
        """--lang, else the plan's language (read even from a plan that is invalid), else English."""
        if self.lang_option:
            return self.lang_option
        raw = self._plan_bytes
        if isinstance(raw, DataError):
            return "en"
        # [plan] comes first in practice: a large plan need not be decoded whole.
        match = _LANGUAGE_LINE.search(raw[: 1 << 16].decode("utf-8", errors="replace"))
        if match is None and len(raw) > 1 << 16:
            match = _LANGUAGE_LINE.search(raw.decode("utf-8", errors="replace"))
        return match[1] if match else "en"

    def warn(self, message: Text) -> None:
        """A warning on stderr: the data still went to stdout."""
        text = message.render(self.lang) if isinstance(message, Msg) else message
        print(f"tracker: warning: {text}", file=sys.stderr)

    def target(self, target_id: str) -> Target:
        """The target with this id, or a usage error that suggests the closest id."""
        target = self.plan.target(target_id)
        if target is not None:
            return target
        ids = [t.id for t in self.plan.targets]
        close = closest(target_id, ids, cutoff=0.5)
        hint = did_you_mean(close) if close else Msg(" (see `tracker list`)")
        raise UsageError(Msg("no target {id!r} in {plan}{hint}", id=target_id, plan=str(self.plan_path), hint=hint))

    def check_filters(self, group: str | None, owner: str | None) -> None:
        """An unknown group or owner is a mistake, not an empty report (cron would stay
        silent): refuse it, suggesting the closest name."""
        from tracker.core.report import same_name

        for option, typed, names, what in (
            ("--group", group, {t.group for t in self.plan.targets}, Msg("group")),
            ("--owner", owner, {t.owner for t in self.plan.targets if t.owner}, Msg("owner")),
        ):
            if typed and not any(same_name(name, typed) for name in names):
                raise UsageError(
                    Msg("{field}: no {what} {name!r} in the plan{hint}", field=option, what=what, name=typed,
                        hint=did_you_mean(closest(nfc(typed), sorted(names), cutoff=0.5)))
                )  # fmt: skip

    def period(self, label: str | None, as_of: date | None = None) -> Period:
        """--period, else the plan's default period, else the year of the as-of date."""
        if label:
            try:
                return parse_period(label)
            except PeriodError as exc:
                raise UsageError(exc.message) from None
        if self.plan.default_period:
            return parse_period(self.plan.default_period)
        return year_of(as_of or today())

    # ------------------------------------------------------------ recording

    def make_entry(self, draft: Draft, unplanned: bool = False) -> Entry:
        """A checked entry from a figure typed on the command line."""
        from tracker.core.recording import FieldError, draft_to_entry

        if self.plan.target(nfc(draft.target).strip()) is None:
            self.target(draft.target)  # raises with a "did you mean"
        _utf8("--source", draft.source)
        _utf8("--note", draft.note)
        try:
            entry = draft_to_entry(
                self.plan, draft, today=today(), new_id=new_id(),
                recorded_at=now_utc(), recorded_by=recorder(), unplanned=unplanned,
            )  # fmt: skip
        except FieldError as exc:
            raise UsageError(Msg("{field}: {detail}", field=exc.field, detail=exc.message)) from None
        if not _line_fits(entry):
            raise UsageError(Msg(TOO_LONG, limit=megabytes(LOG_LINE_LIMIT)))
        return entry

    def append(self, items: list[Entry | Retraction]) -> None:
        """Append to the log (locked, fsynced; unchanged on any failure)."""
        append(self.log_path, items, plan=self.plan_path)

    def append_batch(self, items: list[Entry | Retraction]) -> str:
        """Append many items as one batch (an import, or the retractions of one): readers
        count them all or none of them, even if the process is killed while writing.
        Returns the batch's id."""
        batch = new_id()
        append(self.log_path, items, plan=self.plan_path, batch=batch)
        return batch

    def to_retract(self, item_id: str) -> tuple[Batch | None, list[Entry]]:
        """What `retract ID` takes back: the entry with that id, or the live figures of
        the batch with that id (an entry's id wins: ids are random, and an id from a file
        imported with its own ids could be anything)."""
        log = self.log
        entry = log.by_id(item_id)
        if isinstance(entry, Entry):
            if entry.id in log.retracted_ids():
                raise UsageError(Msg("entry {id!r} is already retracted", id=item_id))
            return None, [entry]
        batch = log.batch(item_id)
        if batch is None:
            close = closest(item_id, [e.id for e in log.all_entries] + [b.id for b in log.batches])
            hint = did_you_mean(close) if close else Msg(" (see `tracker history`)")
            raise UsageError(Msg("no entry {id!r} in {log}{hint}", id=item_id, log=str(self.log_path), hint=hint))
        dead = log.retracted_ids()
        live = [e for e in map(to_entry, log.batch_rows(batch)) if e.id not in dead]
        if not live:
            raise UsageError(Msg("batch {id!r} has no figure left to retract", id=item_id))
        return batch, live

    def make_retraction(self, entry_id: str, note: str) -> Retraction:
        """A retraction of the live entry ``entry_id`` (see ``to_retract``)."""
        _utf8("--note", note)
        retraction = Retraction(id=new_id(), retracts=entry_id, recorded_at=now_utc(),
                                recorded_by=recorder(), note=nfc(note))  # fmt: skip
        if not _line_fits(retraction):
            raise UsageError(Msg(TOO_LONG, limit=megabytes(LOG_LINE_LIMIT)))
        return retraction

    def prepare_import(
        self, rows: SheetRows, unplanned: bool = False, tick: Callable[[], None] | None = None
    ) -> Checked[Place]:
        """Check every row read from a file; raise DataError naming the first bad row
        and field: for an office's sheet by its sheet, row and column, for what tracker
        wrote (history as csv, tsv or json) by its row, as before sheets were read."""
        from tracker.core.importing import RowError, validate_import
        from tracker.storage.import_file import parse_timestamp

        def by_row(place: Place, field: str | None) -> Text:
            return located(rows.file, Msg("row {number}", number=place.row))

        log = self.log
        who, now = recorder(), now_utc()
        try:
            return validate_import(
                lambda: self.plan, log, rows.file, rows.rows,
                new_id=new_id, today=today, now=now, recorder=who, parse_stamp=parse_timestamp,
                fits=_line_fits, too_long=Msg(TOO_LONG, limit=megabytes(LOG_LINE_LIMIT)),
                unplanned=unplanned, tick=tick, where=by_row if rows.layout in ("tracker", "json") else rows.where,
            )  # fmt: skip
        except RowError as exc:
            raise DataError(exc.message) from None

    # ------------------------------------------------------------ checking

    def problems(self) -> list[Text]:
        """Everything wrong with the plan and log together, one line each."""
        from tracker.core.consistency import find_problems

        log, where = self.log, str(self.log_path)
        found: list[Text] = []
        for said in log.problems:  # kept as text in the cache: worded again for the reader
            shared = _SHARED_ID.match(said)
            found.append(
                located(shared[1], Msg("two different lines share the id {id}", id=shared[2])) if shared else said
            )
        for damage in log.damage:
            found.append(
                located(
                    f"{where}:{damage.line}",
                    Msg("damaged line ({detail}); `tracker check --repair` moves it aside", detail=damage.detail),
                )
            )
        if log.torn is not None:
            found.append(
                located(
                    f"{where}:{log.torn.line}",
                    Msg(
                        "damaged last line ({size} bytes); `tracker check --repair` moves it aside", size=log.torn.size
                    ),
                )
            )
        found += find_problems(lambda: self.plan, log.all_entries, log.retractions, where, _out_of_bounds(log))
        return found


TOO_LONG = "too long for the log: its line would pass {limit} (shorten the note or the source)"


def _line_fits(item: Entry | Retraction) -> bool:
    """Whether the item's log line stays within LOG_LINE_LIMIT, which readers hold lines
    to: a figure must never be written that the log cannot read back. The line is
    rendered only when a quick bound (6 bytes a character: an escaped control character)
    does not settle it."""
    texts = [item.id, item.note, item.recorded_by]
    digits = 0
    if isinstance(item, Entry):
        texts += [item.target, item.period, item.source, item.verdict]
        value = item.value
        if isinstance(value, str):
            texts.append(value)
        for number in (value.low, value.high) if isinstance(value, Span) else (value,):
            if isinstance(number, Decimal):
                _, numerals, exponent = number.as_tuple()
                digits += len(numerals) + abs(exponent) if isinstance(exponent, int) else 0
    else:
        texts.append(item.retracts)
    if 6 * sum(map(len, texts)) + digits + 1024 < LOG_LINE_LIMIT:
        return True
    from tracker.storage.progress_log import render_line

    return len(render_line(item).encode("utf-8")) <= LOG_LINE_LIMIT


def _utf8(option: str, text: str) -> None:
    """Refuse text from the command line that was not UTF-8 (it cannot be stored as such)."""
    if has_surrogates(text):
        raise UsageError(Msg("{field}: {detail}", field=option, detail=Msg(NOT_UTF8)))


def _out_of_bounds(log: LogContents) -> dict[str, tuple[int, Msg]]:
    """Figures in the log outside the bounds a figure keeps (``figure_problem``), by id,
    with their line: only an older version, or a hand edit, writes one."""
    from decimal import Decimal

    from tracker.core.values import figure_problem
    from tracker.storage.progress_log import ID, LINE, VALUE

    found = {}
    for rows in log.all_rows().values():
        for row in rows:
            text = row[VALUE]
            if text in ("true", "false") or (len(text) <= 12 and "e" not in text and "E" not in text):
                continue  # the common case, quickly: at most 12 digits, 10 after the point
            if text[:1] in ("[", '"'):
                continue  # a range (its ends checked when the line was read) or a word
            wrong = figure_problem(Decimal(text))
            if wrong is not None:
                found[row[ID]] = (row[LINE], wrong)
    return found
