"""The reference for benchmarks/run.py: a plan table as a beginner would write it.

One Typer command reads a TOML plan with tomllib and prints one row per target in a Rich
table. Nothing is lazy or tuned: this is what "a small Typer + Rich tool" costs, and the
goals of issue 6 are ratios to it. run.py measures it as a whole process, on a 43-target
plan (a province's list)::

    python benchmarks/naive_app.py benchmarks/.data/43x1-seed1/plan.toml
"""

import tomllib
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer()


@app.command()
def main(plan: Path, period: str = "") -> None:
    """Print the targets of PLAN with their plan value for PERIOD (default: the plan's)."""
    with open(plan, "rb") as f:
        data = tomllib.load(f)
    period = period or data["plan"].get("default_period", "")
    table = Table(title=data["plan"]["title"])
    table.add_column("ID")
    table.add_column("Chỉ tiêu")
    table.add_column("Nhóm")
    table.add_column("ĐVT")
    table.add_column("Kế hoạch " + period, justify="right")
    for target in data["target"]:
        value = target.get("plan", {}).get(period, {})
        shown = ", ".join(f"{k} {v}" for k, v in value.items())
        table.add_row(target["id"], target["name"], target["group"], target.get("unit", ""), shown)
    Console().print(table)


if __name__ == "__main__":
    app()
