"""Where caches live and how they are written and read safely.

Every cache of a data folder lives in ``.tracker-cache/`` inside it, with a ``.gitignore``
of ``*`` so a folder kept in git never commits (or merges) a cache. Caches are never the
source of truth: anything wrong with one means "no cache".

Reading a cache never runs code: rows are stored with ``marshal`` (plain values only), and
the one pickled object, a validated plan, is read by an unpickler that accepts only the
plan's own value classes.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path
from typing import Any

ROOT_NAME = ".tracker-cache"

_ALLOWED = {
    ("tracker.core.model", "Plan"),
    ("tracker.core.model", "Target"),
    ("tracker.core.model", "PlanValue"),
    ("tracker.core.model", "Shape"),
    ("tracker.core.model", "Better"),
    ("tracker.core.model", "ChangeKind"),
    ("tracker.core.periods", "Period"),
    ("decimal", "Decimal"),
    ("datetime", "date"),
    ("copyreg", "_reconstructor"),
    ("builtins", "object"),
}


def cache_root(folder: Path) -> Path:
    """The cache folder of a data folder (created, with its .gitignore, on demand)."""
    return folder / ROOT_NAME


def ensure_root(folder: Path) -> Path:
    """Create the cache folder and its .gitignore; OSError when the folder is read-only."""
    root = cache_root(folder)
    root.mkdir(exist_ok=True)
    ignore = root / ".gitignore"
    if not ignore.exists():
        write_atomic(ignore, b"# tracker's caches: safe to delete, never commit\n*\n")
    return root


def write_atomic(file: Path, data: bytes) -> None:
    """Write through a temporary file and rename, so readers see all or nothing."""
    temporary = file.with_name(f"{file.name}.{os.getpid()}.tmp")
    try:
        with open(temporary, "wb") as handle:
            handle.write(data)
        os.replace(temporary, file)
    except OSError:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def load_plan_pickle(data: bytes) -> Any:
    """Unpickle a cached plan, refusing any class but the plan's own value classes."""
    import pickle  # only plans large enough to be cached pay for it

    class PlanUnpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if (module, name) not in _ALLOWED:
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache")
            return super().find_class(module, name)

    return PlanUnpickler(io.BytesIO(data)).load()
