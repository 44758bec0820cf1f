"""The rules file (``--rules FILE.toml``): how to read a sheet whose layout is not guessed,
the way hledger's CSV rules describe a bank's CSV. For example::

    sheet = "Tháng 6"          # a sheet's name, or its number from 1
    header_row = 4             # the row of column names (0: there is none)
    skip_rows = [5, 48]        # rows holding no figures (a total, a note)
    decimal = "comma"          # 4.100 is 4100, 3,93 is 3.93 ("point": the other way)
    date_format = "%d/%m/%Y"   # how as-of dates are written as text
    year = 2025                # the year of month or quarter columns that do not say it
    encoding = "cp1258"        # a CSV not saved as UTF-8 (cp1258: Windows Vietnamese)
    separator = ";"            # a CSV's separator, when it is not found by itself
    ignore = ["Lũy kế"]        # columns not to read

    [columns]                  # field = a header's text, or a column's letters
    target = "Mã số"
    value = "F"

    [periods]                  # a column (header text or letters) = the period it holds
    G = "Tháng 6"

Errors name FILE:LINE, as the plan's do; every problem is listed at once.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from tracker.core.sheet_cells import DECIMAL_MARKS
from tracker.core.sheet_columns import FIELD_NAMES, period_column
from tracker.core.sheet_layout import SheetRules
from tracker.errors import DataError
from tracker.messages import Msg, Text, closest, did_you_mean, located
from tracker.storage.limits import PLAN_LIMIT, TooLarge, megabytes, read_within
from tracker.storage.sheet_files import SEPARATORS, encoding_name

KEYS = ("sheet", "header_row", "skip_rows", "decimal", "date_format", "year", "encoding", "separator", "ignore",
        "columns", "periods")  # fmt: skip
FIELDS = tuple(FIELD_NAMES)
_SEPARATOR_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}


def read_rules(path: str) -> SheetRules:
    """The rules in the file at ``path``; DataError listing every problem, each FILE:LINE."""
    try:
        with open(path, "rb", buffering=0) as handle:
            data = read_within(handle, PLAN_LIMIT)
    except OSError as exc:
        raise DataError(located(path, Msg("cannot read: {reason}", reason=exc.strerror))) from None
    except TooLarge:
        message = Msg("larger than {limit}, the limit for a rules file", limit=megabytes(PLAN_LIMIT))
        raise DataError(located(path, message)) from None
    return parse_rules(path, data)


def parse_rules(name: str, data: bytes) -> SheetRules:
    """The rules in ``data``, the bytes of the file ``name``."""
    import tomllib  # only when there is a rules file

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(located(f"{name}:{line}", Msg("not UTF-8 text (save the file as UTF-8)"))) from None
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column \d+\)", str(exc))
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        where = f"{name}:{found[1]}" if found else name
        raise DataError(located(where, Msg("TOML syntax error: {detail}", detail=detail))) from None
    except RecursionError:
        deep = Msg("values nested too deeply")
        raise DataError(located(name, Msg("TOML syntax error: {detail}", detail=deep))) from None
    return _Checker(name, text).rules(document)


class _Checker:
    """Checks a rules document, collecting every problem with its line."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.lines = text.splitlines()
        self.errors: list[Text] = []
        self.where: dict[str, str] = {}

    def line(self, key: str, table: str = "") -> str:
        """ "FILE:LINE" of ``key`` in ``table`` ("" for the top level)."""
        current = ""
        quoted = re.escape(key)
        assignment = re.compile(r"^\s*(?:\"" + quoted + r"\"|'" + quoted + r"'|" + quoted + r")\s*=")
        for number, text in enumerate(self.lines, start=1):
            header = re.match(r"^\s*\[\s*([^\]]*?)\s*\]", text)
            if header:
                current = header[1].strip("\"'")
                if not table and current == key:
                    return f"{self.name}:{number}"
            elif current == table and assignment.match(text):
                return f"{self.name}:{number}"
        return self.name

    def error(self, key: str, message: Text, table: str = "") -> None:
        self.errors.append(located(self.line(key, table), message))

    def rules(self, document: dict[str, Any]) -> SheetRules:
        for key in document:
            if key not in KEYS:
                self.error(key, Msg("unknown key {key!r} in {context}{hint}", key=key, context=Msg("the file"),
                                    hint=did_you_mean(closest(key, KEYS))))  # fmt: skip
        self.where = {key: self.line(key) for key in document if key in KEYS}
        rules = SheetRules(
            sheet=self._sheet(document.get("sheet")),
            header_row=self._row_number(document, "header_row", lowest=0),
            skip_rows=frozenset(self._rows(document.get("skip_rows"))),
            decimal=self._choice(document, "decimal", DECIMAL_MARKS),
            date_format=self._date_format(document.get("date_format")),
            year=self._year(document.get("year")),
            encoding=self._encoding(document.get("encoding")),
            separator=self._separator(document.get("separator")),
            ignore=tuple(self._texts(document, "ignore")),
            columns=self._columns(document.get("columns")),
            periods=self._periods(document.get("periods")),
            where=self.where,
        )
        if self.errors:
            raise DataError(*self.errors)
        return rules

    def _sheet(self, value: Any) -> str | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
            return str(value)
        if isinstance(value, str) and value.strip():
            return value
        self.error("sheet", Msg("sheet is a sheet's name, or its number from 1"))
        return None

    def _row_number(self, document: dict[str, Any], key: str, lowest: int) -> int | None:
        value = document.get(key)
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and value >= lowest:
            return value
        self.error(key, Msg("{key} is a row's number, from {lowest}", key=key, lowest=lowest))
        return None

    def _rows(self, value: Any) -> list[int]:
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value):
            return value
        self.error("skip_rows", Msg("skip_rows is a list of row numbers, such as [5, 48]"))
        return []

    def _choice(self, document: dict[str, Any], key: str, choices: tuple[str, ...]) -> str | None:
        value = document.get(key)
        if value is None:
            return None
        if value in choices:
            return str(value)
        self.error(key, Msg("{key} is one of {choices}, not {value!r}", key=key, choices=", ".join(choices),
                            value=str(value)))  # fmt: skip
        return None

    def _date_format(self, value: Any) -> str | None:
        if value is None:
            return None
        sample = date(2025, 12, 31)
        try:
            if not isinstance(value, str) or "%" not in value:
                raise ValueError
            if datetime.strptime(sample.strftime(value), value).date() != sample:
                raise ValueError
        except ValueError:
            self.error("date_format", Msg('date_format is written like "%d/%m/%Y" (day, month, year)'))
            return None
        return value

    def _year(self, value: Any) -> int | None:
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and 1900 <= value <= 2199:
            return value
        self.error("year", Msg("year is a year such as 2025"))
        return None

    def _encoding(self, value: Any) -> str | None:
        if value is None:
            return None
        found = encoding_name(value) if isinstance(value, str) else None
        if found is None:
            self.error("encoding", Msg("encoding is utf-8, utf-16, cp1258 (Windows Vietnamese) or cp1252"))
        return found

    def _separator(self, value: Any) -> str | None:
        if value is None:
            return None
        found = _SEPARATOR_NAMES.get(value, value) if isinstance(value, str) else None
        if found not in SEPARATORS:
            self.error("separator", Msg('separator is ",", ";" or "tab"'))
            return None
        return found

    def _texts(self, document: dict[str, Any], key: str) -> list[str]:
        value = document.get(key)
        if value is None:
            return []
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return value
        self.error(key, Msg("{key} is a list of columns: header texts or letters", key=key))
        return []

    def _columns(self, value: Any) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error("columns", Msg("'columns' must be a table: [columns]"))
            return {}
        columns = {}
        for key, ref in value.items():
            self.where[f"columns.{key}"] = self.line(key, "columns")
            if key not in FIELDS:
                hint = did_you_mean(closest(key, FIELDS))
                self.error(key, Msg("unknown key {key!r} in {context}{hint}", key=key, context="[columns]", hint=hint),
                           "columns")  # fmt: skip
            elif not isinstance(ref, str) or not ref.strip():
                self.error(key, Msg("{key!r} in {context} must be text in quotes", key=key, context="[columns]"),
                           "columns")  # fmt: skip
            else:
                columns[key] = ref
        return columns

    def _periods(self, value: Any) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.error("periods", Msg("'periods' must be a table: [periods]"))
            return {}
        periods = {}
        for ref, label in value.items():
            self.where[f"periods.{ref}"] = self.line(ref, "periods")
            if not isinstance(label, str) or period_column(label) is None:
                self.error(ref, Msg("{ref!r}: not a period column: {label!r} (write T1, Quý II, 6 tháng, Cả năm "
                                    "or 2025-06)", ref=ref, label=str(label)), "periods")  # fmt: skip
            else:
                periods[ref] = label
        return periods
