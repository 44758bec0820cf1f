"""json: one document, versioned envelope, numbers as JSON numbers, missing as null."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from tracker.render.numbers import raw
from tracker.render.sheet import Records


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return raw(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as json")


def render_json(records: Records) -> str:
    """The envelope with the items under ``records.key``, on one line.

    Compact rather than indented: Python's C encoder only works without indentation and
    is many times faster on large reports; `jq .` prints it indented.
    """
    document = {**records.envelope, records.key: records.items}
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"), default=_default) + "\n"
