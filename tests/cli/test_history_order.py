"""`history` lists what was recorded in the order it was recorded: the log's line order,
whatever the recording times say (they tie within a second, and may be written in
different time zones), read whole, from the cache, and from the cache and an append."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import SMALL_PLAN, run

HEADER = "[entries]\n"
# Recorded in this order within one second: a figure, its retraction, another figure. A
# later line written in Hanoi time (+07:00) is earlier in text than the UTC lines above it.
LINES = (
    'first00000000001 = { target = "growth", period = "2025", value = 7.5, as_of = 2025-12-31, '
    'recorded_at = 2026-01-10 03:00:00+00:00, recorded_by = "lan" }\n',
    'retract000000001 = { retracts = "first00000000001", note = "typo", '
    'recorded_at = 2026-01-10 03:00:00+00:00, recorded_by = "lan" }\n',
    'second0000000001 = { target = "growth", period = "2025", value = 8.5, as_of = 2025-12-31, '
    'recorded_at = 2026-01-10 03:00:00+00:00, recorded_by = "lan" }\n',
    'third00000000001 = { target = "revenue", period = "2025", value = 2540, as_of = 2025-10-31, '
    'recorded_at = 2026-01-10 10:30:00+07:00, recorded_by = "hoa" }\n',
)
IN_ORDER = ["first00000000001", "retract000000001", "second0000000001", "third00000000001"]


def ids_in(plan: Path, fmt: str) -> list[str]:
    result = run("history", "--plan", str(plan), "--format", fmt)
    assert result.code == 0, result.err
    if fmt == "json":
        return [item["id"] for item in json.loads(result.out)["entries"]]
    if fmt == "csv":
        return [row["id"] for row in csv.DictReader(io.StringIO(result.out))]
    return [line.split()[0] for line in result.out.splitlines() if line.split() and line.split()[0] in IN_ORDER]


@pytest.mark.parametrize("fmt", ["json", "csv", "plain"])
def test_history_is_in_the_order_lines_were_recorded(tmp_path: Path, fmt: str) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    log = tmp_path / "plan.progress.toml"
    log.write_text(HEADER + "".join(LINES), encoding="utf-8")
    assert ids_in(plan, fmt) == IN_ORDER
    assert ids_in(plan, fmt) == IN_ORDER  # again, as a cache may now answer


def test_history_keeps_the_order_from_a_cache_and_an_append(tmp_path: Path) -> None:
    """A log big enough to be cached, read once (the cache is written), then appended to by
    `record` and `retract` in the same second: the new lines come last, in their order."""
    plan = tmp_path / "plan.toml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    filler = "".join(
        f'fill{n:012d} = {{ target = "revenue", period = "2024", value = {n}, as_of = 2024-01-01, '
        f'recorded_at = 2026-01-01 00:00:00+00:00, recorded_by = "x" }}\n'
        for n in range(3000)
    )
    (tmp_path / "plan.progress.toml").write_text(HEADER + filler + "".join(LINES), encoding="utf-8")
    assert ids_in(plan, "json")[-4:] == IN_ORDER
    assert any(tmp_path.glob(".tracker-cache*")), "the log was not cached: make it bigger"
    recorded = run("record", "growth", "9", "--period", "2025", "--plan", str(plan))
    assert recorded.code == 0, recorded.err
    new_id = json.loads(run("history", "--plan", str(plan), "--format", "json").out)["entries"][-1]["id"]
    retracted = run("retract", new_id, "--plan", str(plan))
    assert retracted.code == 0, retracted.err
    items = json.loads(run("history", "--plan", str(plan), "--format", "json").out)["entries"]
    assert [i["id"] for i in items[-6:-2]] == IN_ORDER
    assert (items[-2]["id"], items[-1]["kind"], items[-1]["retracts"]) == (new_id, "retraction", new_id)


def test_show_lists_a_figure_with_its_batch_as_history_does(tmp_path: Path) -> None:
    """show's json gives each figure the batch it was imported in, as history's does."""
    plan = tmp_path / "plan.toml"
    plan.write_text(SMALL_PLAN, encoding="utf-8")
    source = tmp_path / "figures.csv"
    source.write_text("target,period,value,as_of\ngrowth,2025,7.5,2025-06-30\ngrowth,2025,8.1,2025-12-31\n")
    imported = run("import", str(source), "--plan", str(plan))
    assert imported.code == 0, imported.err
    recorded = run("record", "growth", "8.2", "--period", "2025", "--plan", str(plan))
    assert recorded.code == 0, recorded.err
    history = json.loads(run("history", "--plan", str(plan), "--format", "json").out)["entries"]
    batches = [item["batch"] for item in history]
    assert batches[0] and batches[0] == batches[1] and batches[2] is None
    shown = json.loads(run("show", "growth", "--plan", str(plan), "--format", "json").out)
    assert [item["batch"] for item in shown["entries"]] == batches
    # for people, history's note starts with the batch, the id `retract` takes
    plain = run("history", "--plan", str(plan), "--format", "plain", "--lang", "en").out.splitlines()
    noted = [line for line in plain if f"[batch {batches[0]}]" in line]
    assert [line.split()[0] for line in noted] == [item["id"] for item in history[:2]]
