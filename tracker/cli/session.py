"""One run of tracker, as the error handler needs to know it."""

from __future__ import annotations


class Session:
    """What one run has learnt that its errors depend on: the language to word them in.

    ``tracker.cli.main`` makes one per run and words whatever the run raises in its
    language; the action sets it once it knows the reader's (``--lang``, else the
    plan's), so that even a plan that cannot be loaded is complained about in its own
    language. English until then.
    """

    __slots__ = ("language",)

    def __init__(self) -> None:
        self.language = "en"
