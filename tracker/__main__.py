"""`python -m tracker`."""

from tracker.cli import entry_point

entry_point()
