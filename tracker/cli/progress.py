"""A progress bar for long runs: on a terminal only, and only once a second has passed."""

from __future__ import annotations

import sys
import time
from types import TracebackType
from typing import Any, TextIO

DELAY = 1.0  # seconds before a bar appears: short runs stay silent


class SlowProgress:
    """Counts work done; draws a Rich bar on stderr when the work turns out to be long.

    Nothing is drawn when stderr is not a terminal (cron, pipes, tests), and Rich is not
    even imported for runs that finish within DELAY.
    """

    def __init__(self, total: int, label: str, stream: TextIO | None = None, delay: float = DELAY) -> None:
        self.total, self.label, self.delay = total, label, delay
        self.stream = stream if stream is not None else sys.stderr
        self.done = 0
        self.started = time.monotonic()
        self.bar: Any = None
        self.task: Any = None
        try:
            self.enabled = self.stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def advance(self, steps: int = 1) -> None:
        """Record ``steps`` more units of work done."""
        self.done += steps
        if not self.enabled:
            return
        if self.bar is None:
            if time.monotonic() - self.started < self.delay:
                return
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(file=self.stream), transient=True)
            self.bar.start()
            self.task = self.bar.add_task(self.label, total=self.total)
        self.bar.update(self.task, completed=self.done)

    def __enter__(self) -> SlowProgress:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self.bar is not None:
            self.bar.stop()
