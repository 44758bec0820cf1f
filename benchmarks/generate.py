"""Generate a benchmark plan and progress log in tracker's own formats.

    python benchmarks/generate.py --targets N --years Y --out DIR [--seed S]

writes ``DIR/plan.toml`` (N targets in five groups, with every shape of plan value, about a
quarter of them accumulating, a few parents with components, a plan value for each year of
the span and one term span) and ``DIR/plan.progress.toml`` with N x Y x 12 monthly figures,
one line each in the log's ``[entries]`` table: the period is the year, ``as_of`` each
month's last day, cumulative year-to-date values for accumulating targets, ``recorded_at``
strictly increasing.

The output depends only on the arguments: no wall clock, and entry ids come from a seeded
random generator (80 bits, written as 16 lowercase base32 characters like real ids). The log
is written with plain string formatting that is byte-identical to what
``tracker.storage.progress_log.render_lines`` (tomli_w) writes for the same entries, which
is what makes 1.2 million entries take seconds rather than minutes.
"""

from __future__ import annotations

import argparse
import calendar
import random
import sys
import unicodedata
from base64 import b32encode
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

LAST_YEAR = 2025  # the span ends here, whatever today's date: runs must be reproducible
RECORDED_BY = "bench"
LOG_HEADER = (
    "# tracker progress log: one line per figure, appended by `tracker record`.\n"
    "# Append-only: never edit or delete a line; correct with `tracker retract ID`.\n"
    "[entries]\n"
)  # the same header tracker writes when it creates a log
GROUPS = (
    ("Kinh tế", "kt"),
    ("Văn hóa - Xã hội", "vhxh"),
    ("Tài nguyên - Môi trường", "tnmt"),
    ("Kết cấu hạ tầng", "ht"),
    ("Quốc phòng - An ninh", "qpan"),
)


@dataclass(frozen=True)
class Kind:
    """A kind of target: its wording, unit, shape of plan value and how figures behave."""

    name: str
    name_en: str
    unit: str
    shape: str  # at_least, above, at_most, between, point_higher, point_lower, about, milestone
    base: float  # a typical plan value (per year for accumulating targets)
    decimals: int  # digits after the point in plan values and figures
    accumulates: bool = False

    @property
    def ceiling(self) -> int | None:
        """The largest figure possible, scaled: 100 for a share in %, else none."""
        return 100 * 10**self.decimals if self.unit == "%" and self.base >= 50 else None


# Cycled through target by target, so even a 43-target plan has every shape; 3 of the 12
# accumulate. Every 17th target is a milestone instead (see _kind_for).
KINDS = (
    Kind("Thu ngân sách nhà nước trên địa bàn", "State budget revenue", "tỷ đồng", "at_least", 3000, 1, True),
    Kind("Tốc độ tăng trưởng GRDP", "GRDP growth", "%", "between", 9, 2),
    Kind("Tỷ lệ dân số tham gia bảo hiểm y tế", "Health insurance coverage", "%", "at_least", 95, 1),
    Kind("Tốc độ tăng giá trị sản xuất nông nghiệp", "Growth of agricultural output", "%", "above", 5, 2),
    Kind("Tỷ lệ hộ nghèo", "Poverty rate", "%", "at_most", 12, 2),
    Kind("GRDP bình quân đầu người", "GRDP per capita", "triệu đồng", "point_higher", 65, 2),
    Kind("Số lao động được tạo việc làm mới", "New jobs created", "lao động", "at_least", 8500, 0, True),
    Kind("Tỷ lệ che phủ rừng", "Forest cover", "%", "about", 52, 1),
    Kind("Tỷ lệ thất nghiệp khu vực thành thị", "Urban unemployment rate", "%", "point_lower", 3.5, 2),
    Kind("Số vụ tai nạn giao thông", "Road traffic accidents", "vụ", "at_most", 120, 0, True),
    Kind("Tỷ lệ xã đạt chuẩn nông thôn mới", "Communes meeting new-rural standards", "%", "at_least", 60, 1),
    Kind("Sản lượng lương thực có hạt", "Cereal output", "tấn", "above", 226000, 0),
)
MILESTONE = Kind(
    "Đạt chuẩn phổ cập giáo dục tiểu học mức độ 3", "Primary education universalised at level 3", "", "milestone", 1, 0
)
MILESTONE_EVERY = 17  # target i is a milestone when i % 17 == 16
PARENT_EVERY = 20  # target i is a parent when i % 20 == 0 (and N > 20); the next 3 are its components
COMPONENTS = 3


@dataclass(frozen=True)
class TargetSpec:
    """One generated target: what the plan says and what its figures look like."""

    id: str
    kind: Kind
    group: str
    parent: str | None
    plans: dict[int, int]  # year -> plan value scaled by 10**decimals (0 for milestones)
    milestone_month: int  # for milestones: the month from which the figure is yes


# ---------------------------------------------------------------- numbers


def _fmt(scaled: int, decimals: int) -> str:
    """A scaled integer as written in TOML: 820, 2 -> '8.20'; the text of Decimal('8.20')."""
    if decimals == 0:
        return str(scaled)
    sign = "-" if scaled < 0 else ""
    whole, frac = divmod(abs(scaled), 10**decimals)
    return f"{sign}{whole}.{frac:0{decimals}d}"


def _plan_fmt(scaled: int, decimals: int) -> str:
    """A plan number as a person writes it: trailing zeros dropped (8.50 -> 8.5, 9.00 -> 9)."""
    text = _fmt(scaled, decimals)
    return text.rstrip("0").rstrip(".") if "." in text else text


def _quote(text: str) -> str:
    """A TOML basic string (the few escapes generated names could ever need)."""
    text = unicodedata.normalize("NFC", text)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# ---------------------------------------------------------------- the plan


def _kind_for(index: int) -> Kind:
    if index % MILESTONE_EVERY == MILESTONE_EVERY - 1:
        return MILESTONE
    return KINDS[index % len(KINDS)]


def make_targets(n: int, years: list[int], rng: random.Random) -> list[TargetSpec]:
    """The targets of an N-target plan, in file order (group by group)."""
    targets: list[TargetSpec] = []
    parent: str | None = None
    for i in range(n):
        group, slug = GROUPS[i * len(GROUPS) // n]
        kind = _kind_for(i)
        tid = f"{slug}_{i + 1:05d}"
        if n > PARENT_EVERY and i % PARENT_EVERY == 0:
            parent_of_next, own_parent = tid, None
        elif parent is not None and 0 < i % PARENT_EVERY <= COMPONENTS:
            parent_of_next, own_parent = parent, parent
        else:
            parent_of_next, own_parent = None, None
        scale = 10**kind.decimals
        level = kind.base * rng.uniform(0.7, 1.3)
        plans: dict[int, int] = {}
        for year in years:
            if kind.shape == "milestone":
                plans[year] = 0
            else:
                plans[year] = max(1, round(level * scale))
                if kind.ceiling is not None:
                    plans[year] = min(plans[year], kind.ceiling * 99 // 100)
                level *= rng.uniform(0.98, 1.06)  # plans drift a little from year to year
        targets.append(TargetSpec(tid, kind, group, own_parent, plans, rng.randint(3, 14)))
        parent = parent_of_next
    return targets


def sample_target_id(n: int) -> str:
    """The id of a plain level target (at_least, not accumulating) of an N-target plan: the
    one benchmarks record figures for and show."""
    index = next((i for i in range(n) if _kind_for(i).shape == "at_least" and not _kind_for(i).accumulates), 0)
    return f"{GROUPS[index * len(GROUPS) // n][1]}_{index + 1:05d}"


def _plan_value(kind: Kind, scaled: int) -> str:
    """The inline table of one plan value, e.g. ``{ between = [8.5, 9.5] }``."""
    d = kind.decimals
    value = _plan_fmt(scaled, d)
    if kind.shape == "milestone":
        return "{ milestone = true }"
    if kind.shape == "between":
        low = _plan_fmt(scaled - scaled // 20, d)
        high = _plan_fmt(scaled + scaled // 20, d)
        return f"{{ between = [{low}, {high}] }}"
    if kind.shape == "point_higher":
        return f'{{ point = {value}, better = "higher" }}'
    if kind.shape == "point_lower":
        return f'{{ point = {value}, better = "lower" }}'
    if kind.shape == "about":
        tolerance = _plan_fmt(max(1, scaled // 50), d)
        return f"{{ about = {value}, tolerance = {tolerance} }}"
    return f"{{ {kind.shape} = {value} }}"  # at_least, above, at_most


def render_plan(targets: list[TargetSpec], years: list[int]) -> str:
    """The plan file: a [plan] table and one [[target]] per target."""
    last = years[-1]
    term = f"{last - 4}-{last}"
    out = [
        f"# Benchmark plan generated by benchmarks/generate.py: {len(targets)} targets, "
        f"{years[0]}-{last}. Not real data.\n\n",
        "[plan]\n",
        f'title = "Kế hoạch phát triển kinh tế - xã hội (dữ liệu thử, {len(targets)} chỉ tiêu)"\n',
        f'title_en = "Socio-economic development plan (benchmark data, {len(targets)} targets)"\n',
        'organisation = "UBND tỉnh Thử Nghiệm"\n',
        'language = "vi"\n',
        f'default_period = "{last}"\n',
    ]
    for t in targets:
        k = t.kind
        out.append("\n[[target]]\n")
        out.append(f'id = "{t.id}"\n')
        out.append(f"name = {_quote(f'{k.name} ({t.id})')}\n")
        out.append(f"name_en = {_quote(f'{k.name_en} ({t.id})')}\n")
        out.append(f"group = {_quote(t.group)}\n")
        out.append(f"unit = {_quote(k.unit)}\n")
        if t.parent:
            out.append(f'parent = "{t.parent}"\n')
        out.append('owner = "Sở Kế hoạch và Đầu tư"\n')
        if k.accumulates:
            out.append("accumulates = true\n")
        if k.shape != "milestone" and not k.accumulates:
            out.append(f"plan.{term} = {_plan_value(k, t.plans[last])}\n")
        for year in years:
            out.append(f"plan.{year} = {_plan_value(k, t.plans[year])}\n")
    return unicodedata.normalize("NFC", "".join(out))


# ---------------------------------------------------------------- the log


def _month_values(t: TargetSpec, year: int, rng: random.Random) -> list[str]:
    """The twelve figures of one target in one year, as written in the log."""
    k = t.kind
    if k.shape == "milestone":
        return ["true" if month >= t.milestone_month else "false" for month in range(1, 13)]
    plan = t.plans[year]
    if k.accumulates:
        # year-to-date: monthly increments adding up to roughly the year's plan
        total = plan * rng.uniform(0.85, 1.15)
        weights = [rng.uniform(0.6, 1.4) for _ in range(12)]
        scale = total / sum(weights)
        running, values = 0.0, []
        for w in weights:
            running += w * scale
            values.append(_fmt(max(0, round(running)), k.decimals))
        return values
    level = plan * rng.uniform(0.9, 1.1)
    values = []
    for _ in range(12):
        level *= rng.uniform(0.985, 1.015)
        scaled = max(0, round(level))
        values.append(_fmt(scaled if k.ceiling is None else min(scaled, k.ceiling), k.decimals))
    return values


def write_log(path: Path, targets: list[TargetSpec], years: list[int], rng: random.Random) -> int:
    """Write N x Y x 12 entries, month by month; return the number written.

    Each line is exactly what ``render_lines`` writes for the entry: the id as the key, the
    fields in their fixed order, empty ones left out, ``recorded_by`` last. Everything that
    repeats is formatted once."""
    n = len(targets)
    # recorded_at: 08:00:00 on the 5th day after the month's end, one second per entry
    clock = [f"{8 + s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}+00:00" for s in range(n)]
    count = 0
    with open(path, "wb") as handle:
        handle.write(LOG_HEADER.encode())
        for year in years:
            values = [_month_values(t, year, rng) for t in targets]
            heads = [f' = {{ target = "{t.id}", period = "{year}", value = ' for t in targets]
            for month in range(1, 13):
                as_of = date(year, month, calendar.monthrange(year, month)[1])
                status = (
                    f'"official", source = "Báo cáo tình hình kinh tế - xã hội tháng {month}/{year}"'
                    if month % 3 == 0
                    else '"estimate"'
                )
                recorded_on = as_of + timedelta(days=5)
                middle = unicodedata.normalize(
                    "NFC", f", as_of = {as_of}, status = {status}, recorded_at = {recorded_on} "
                )
                tail = f', recorded_by = "{RECORDED_BY}" }}\n'
                ids = b32encode(rng.randbytes(10 * n)).decode("ascii").lower()  # 16 characters per 10 bytes
                m = month - 1
                lines = [
                    f"{ids[16 * i : 16 * i + 16]}{heads[i]}{values[i][m]}{middle}{clock[i]}{tail}" for i in range(n)
                ]
                handle.write("".join(lines).encode())
                count += n
    return count


# ---------------------------------------------------------------- entry point


def generate(targets: int, years: int, out: Path, seed: int = 1, last_year: int = LAST_YEAR) -> tuple[Path, Path]:
    """Write ``out/plan.toml`` and ``out/plan.progress.toml``; return their paths."""
    if targets < 1 or years < 1:
        raise ValueError("--targets and --years must be at least 1")
    out.mkdir(parents=True, exist_ok=True)
    span = list(range(last_year - years + 1, last_year + 1))
    rng = random.Random(seed)
    specs = make_targets(targets, span, rng)
    plan_path = out / "plan.toml"
    log_path = out / "plan.progress.toml"
    plan_path.write_text(render_plan(specs, span), encoding="utf-8")
    write_log(log_path, specs, span, rng)
    return plan_path, log_path


def main(argv: list[str] | None = None) -> int:
    """Command line: parse arguments, generate, say what was written."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--targets", type=int, required=True, help="number of targets in the plan")
    parser.add_argument("--years", type=int, required=True, help="years of monthly figures")
    parser.add_argument("--out", type=Path, required=True, help="folder for plan.toml and plan.progress.toml")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--last-year", type=int, default=LAST_YEAR, help=f"last year of the span ({LAST_YEAR})")
    args = parser.parse_args(argv)
    try:
        plan_path, log_path = generate(args.targets, args.years, args.out, args.seed, args.last_year)
    except ValueError as exc:
        parser.error(str(exc))
    entries = args.targets * args.years * 12
    print(f"{plan_path}: {args.targets} targets; {log_path}: {entries} entries, {log_path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
