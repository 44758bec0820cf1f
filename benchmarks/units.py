"""Generate many units for `tracker compare` benchmarks: a folder per unit with its plan
and log (benchmarks/generate.py, one seed per unit: the same 43 targets, other figures),
accumulating targets marked ``rollup = "sum"``, a parent plan, and a units file per count.

    python benchmarks/units.py --units 63 --targets 43 --years 10 --out DIR

writes ``DIR/uNN/plan.toml`` and its log for NN = 01 … 63, ``DIR/province/plan.toml`` and
``DIR/units-N.toml`` for each count asked of ``units_files`` (the first N units).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import generate


def with_rollup(plan: str) -> str:
    """The plan with every accumulating target totalled over units."""
    return plan.replace("accumulates = true\n", 'accumulates = true\nrollup = "sum"\n')


def make_units(count: int, targets: int, years: int, out: Path) -> None:
    """``count`` units of ``targets`` targets with ``years`` years of monthly figures, and
    the parent's plan (the same targets)."""
    for number in range(1, count + 1):
        folder = out / f"u{number:02d}"
        plan, _ = generate.generate(targets, years, folder, seed=1000 + number)
        plan.write_text(with_rollup(plan.read_text(encoding="utf-8")), encoding="utf-8")
    parent = out / "province"
    plan, log = generate.generate(targets, 1, parent, seed=999)
    log.unlink()  # the parent's own figures are not read: only its plan
    plan.write_text(with_rollup(plan.read_text(encoding="utf-8")), encoding="utf-8")


def units_file(out: Path, count: int) -> Path:
    """``out/units-COUNT.toml``: the first ``count`` units and the parent's plan."""
    path = out / f"units-{count}.toml"
    lines = ['title = "Benchmark: units side by side"\nplan = "province/plan.toml"\n']
    lines += [f'\n[[unit]]\nname = "Đơn vị {n:02d}"\nplan = "u{n:02d}/plan.toml"\n' for n in range(1, count + 1)]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: generate the units and a units file for all of them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--targets", type=int, default=43)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    make_units(args.units, args.targets, args.years, args.out)
    print(units_file(args.out, args.units))
    return 0


if __name__ == "__main__":
    sys.exit(main())
