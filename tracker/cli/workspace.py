"""Finding and loading the plan and its log for a command: the CLI's only bridge to storage."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from tracker.core.model import Entry, Plan, Target
from tracker.core.periods import Period, PeriodError, parse_period, year_of
from tracker.errors import DataError, UsageError
from tracker.storage.plan_file import load_plan
from tracker.storage.progress_log import LogContents, default_log_path, read_log

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
        "no plan file here (looked for plan.toml and data/plan.toml); "
        "use --plan PATH or set TRACKER_PLAN"
    )


@dataclass
class Workspace:
    """The plan, the log and the language one command works with, loaded on first use."""

    plan_path: Path
    log_option: Path | None = None
    lang_option: str | None = None
    warnings: list[str] = field(default_factory=list)

    @cached_property
    def plan(self) -> Plan:
        """The validated plan."""
        return load_plan(self.plan_path)

    @property
    def log_path(self) -> Path:
        """--log / TRACKER_LOG, else the log beside the plan."""
        return self.log_option or default_log_path(self.plan_path)

    @cached_property
    def log(self) -> LogContents:
        """The log's contents; a torn tail becomes a warning on stderr, never silence."""
        contents = read_log(self.log_path)
        if contents.torn is not None:
            self.warn(
                f"{self.log_path}:{contents.torn.line}: ignoring a damaged last entry "
                f"({contents.torn.size} bytes); run `tracker check --repair`"
            )
        return contents

    @property
    def entries(self) -> list[Entry]:
        """Entries that count (not retracted)."""
        return self.log.live()

    @property
    def lang(self) -> str:
        """--lang, else the plan's language, else English."""
        if self.lang_option:
            return self.lang_option
        try:
            return self.plan.language or "en"
        except DataError:
            return "en"

    def warn(self, message: str) -> None:
        """A warning on stderr: the data still went to stdout."""
        print(f"tracker: warning: {message}", file=sys.stderr)

    def target(self, target_id: str) -> Target:
        """The target with this id, or a usage error that suggests the closest id."""
        target = self.plan.target(target_id)
        if target is not None:
            return target
        ids = [t.id for t in self.plan.targets]
        close = difflib.get_close_matches(target_id, ids, n=1, cutoff=0.5)
        hint = f"; did you mean {close[0]!r}?" if close else " (see `tracker list`)"
        raise UsageError(f"no target {target_id!r} in {self.plan_path}{hint}")

    def period(self, label: str | None, as_of: date | None = None) -> Period:
        """--period, else the plan's default period, else the year of the as-of date."""
        if label:
            try:
                return parse_period(label)
            except PeriodError as exc:
                raise UsageError(str(exc)) from None
        if self.plan.default_period:
            return parse_period(self.plan.default_period)
        return year_of(as_of or date.today())
