"""tracker: a command-line tracker of plan targets."""

__version__ = "0.1.0"
