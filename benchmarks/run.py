"""Time tracker as whole processes and say which goals of issues 6 and 11 are met.

    python benchmarks/run.py            # the full run: every size (takes a while)
    python benchmarks/run.py --quick    # shipped plan and 43 targets, 3 runs each: seconds
    python benchmarks/run.py --markdown # the same, as tables for benchmarks/RESULTS.md
    python benchmarks/run.py --compare  # only `compare` over 16, 32 and 63 units (issue 16)

Each case is a fresh process started with a clean environment (PATH, HOME, LANG=C.UTF-8,
TRACKER_USER=bench) in a scratch folder, with ``--plan`` and ``--log`` given explicitly and
stdout going to a file. Wall time is measured around the whole process and peak RSS is the
child's own ``ru_maxrss`` from ``os.wait4`` (taken by a small helper process: see SPAWNER).
Each figure is the median of the runs and is shown with its ratio to ``python -c pass`` and
to a naive Typer + Rich app (benchmarks/naive_app.py), both measured in the same run, before
and after the cases, because the machine is noisy.

The scratch folder holds copies of the plan and log, and HOME points inside it, so anything
tracker keeps beside the log or under HOME (a cache) is the benchmark's own. ``record``
runs append to the copy one after another, as a script recording one figure per call does
(a few lines do not change the log's size class). ``report json (cold)`` runs with nothing kept from earlier
runs (the folder is put back to plan and log after each run); then one unmeasured
``report --format json`` runs and every other case is warm, as for cron or a script that
calls tracker again and again. The goals are judged on the warm figures. The full run
also loads a plan of 100,000 targets (issue 11) with no cache, cold and warm: the ``load
plan`` cases, which every data set has too. Both runs import workbooks (issue 13, made by
benchmarks/workbooks.py): a province's wide sheet of 43 targets × 12 months, and a long
sheet of 100,000 figures (2,000 in the quick run), each run into an empty log.

Generated data (benchmarks/generate.py) is cached in benchmarks/.data/, which git ignores.
A case whose first run takes longer than ``--repeat-limit`` seconds (30) is not repeated: at
that scale the noise does not matter and five runs would take many minutes; such figures
are marked ``n=1``. The script reports; it never fails because a goal is not met.
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import itertools
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / ".data"
SHIPPED_PLAN = ROOT / "data" / "plan.toml"
SHIPPED_LOG = ROOT / "data" / "plan.progress.toml"
SHIPPED_TARGET = "grdp_growth"
NAIVE_APP = HERE / "naive_app.py"
NAIVE_SIZE = (43, 1)  # the naive app prints the 43-target plan: a province's list
QUICK_SIZES = ((43, 1), (43, 10))
FULL_SIZES = ((43, 1), (43, 10), (2700, 1), (2700, 10), (10000, 1), (10000, 10))
PLAN_ONLY_SIZES = ((100000, 1),)  # full run: a plan of 100,000 targets, timed loading only (issue 11)
RUN_TIMEOUT = 1800.0  # seconds; a run that takes longer is killed and reported

IMPORT_ROWS = 100_000  # the long workbook of the full run (issue 13); the quick run's is small
QUICK_IMPORT_ROWS = 2_000
WIDE_IMPORT = "import wide 43×12 (.xlsx)"

sys.path.insert(0, str(HERE))
import generate  # noqa: E402  (benchmarks/ is not a package)
import units  # noqa: E402

# `compare` (issue 16): this many units, each 43 targets × 10 years of monthly figures
UNIT_COUNTS = (16, 32, 63)
UNIT_TARGETS, UNIT_YEARS = 43, 10
COMPARE_COLD, COMPARE_WARM = "compare json (cold)", "compare json"
import workbooks  # noqa: E402

# ---------------------------------------------------------------- measuring


@dataclass
class Figure:
    """The runs of one case: wall seconds and peak RSS bytes of each, or why it failed."""

    label: str
    times: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        """True when every run succeeded."""
        return not self.error and bool(self.times)

    @property
    def time(self) -> float:
        """Median wall time in seconds (nan when it failed)."""
        return statistics.median(self.times) if self.ok else math.nan

    @property
    def memory(self) -> float:
        """Median peak RSS in bytes (nan when it failed)."""
        return statistics.median(self.rss) if self.ok else math.nan


def clean_env(home: Path) -> dict[str, str]:
    """The environment of every child: nothing from ours but PATH."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "TRACKER_USER": "bench",
    }


# The processes are started by a small helper process rather than by this one: on Linux a
# child's ru_maxrss includes the resident size of the process it was forked from (the
# high-water mark of the old address space is kept across exec), so every child of this
# script would show at least this script's own ~25 MB. The helper is a bare interpreter
# (``python -S -I``, about 9 MB, less than ``python -c pass``); it times each child and
# reads its peak RSS with os.wait4, and answers one line per request.
SPAWNER = r"""
import os, signal, sys, time
child = 0
def _timeout(signum, frame):
    if child:
        os.kill(child, signal.SIGKILL)
signal.signal(signal.SIGALRM, _timeout)
for line in sys.stdin:
    argv, cwd, env, out, err, timeout = eval(line)
    os.chdir(cwd)
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
        (os.POSIX_SPAWN_OPEN, 2, err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644),
    ]
    start = time.perf_counter()
    child = os.posix_spawn(argv[0], argv, env, file_actions=actions)
    signal.alarm(timeout)
    _, status, usage = os.wait4(child, 0)
    elapsed = time.perf_counter() - start
    signal.alarm(0)
    child = 0
    sys.stdout.write(f"{elapsed!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}\n")
    sys.stdout.flush()
"""


class Spawner:
    """The helper process that starts, times and measures every child (see SPAWNER)."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-S", "-I", "-c", SPAWNER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            encoding="ascii",
            cwd="/",
        )

    def run(self, argv: Sequence[str], cwd: Path, env: dict[str, str], out: Path, err: Path) -> tuple[float, int, int]:
        """Run one process; return (wall seconds, peak RSS in bytes, exit code)."""
        assert self.proc.stdin is not None and self.proc.stdout is not None
        request = (list(argv), str(cwd), env, str(out), str(err), int(RUN_TIMEOUT))
        self.proc.stdin.write(ascii(request) + "\n")
        self.proc.stdin.flush()
        answer = self.proc.stdout.readline().split()
        if len(answer) != 3:
            raise RuntimeError("the benchmark helper process died")
        return float(answer[0]), int(answer[1]) * 1024, int(answer[2])

    def close(self) -> None:
        """Stop the helper."""
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        self.proc.wait()


_spawner: Spawner | None = None


def run_once(argv: Sequence[str], cwd: Path, env: dict[str, str]) -> tuple[float, int, int, str]:
    """Run one process to completion; return (wall seconds, peak RSS bytes, exit code,
    the last lines of stderr). Its stdout goes to a file and is thrown away."""
    global _spawner
    if _spawner is None:
        _spawner = Spawner()
        atexit.register(_spawner.close)
    out_path = cwd / ".bench-stdout"
    err_path = cwd / ".bench-stderr"
    elapsed, rss, code = _spawner.run(argv, cwd, env, out_path, err_path)
    stderr = err_path.read_text(encoding="utf-8", errors="replace").strip()
    out_path.unlink(missing_ok=True)
    err_path.unlink(missing_ok=True)
    if code < 0:
        stderr = f"killed by signal {-code}" + (f" after {RUN_TIMEOUT:.0f} s" if elapsed >= RUN_TIMEOUT else "")
    return elapsed, rss, code, "\n".join(stderr.splitlines()[-3:])


def measure(
    label: str,
    argv: Sequence[str],
    cwd: Path,
    env: dict[str, str],
    runs: int,
    repeat_limit: float,
    after: Callable[[], None] | None = None,
    figure: Figure | None = None,
) -> Figure:
    """Run ``argv`` ``runs`` times (once if the first run exceeds ``repeat_limit``),
    calling ``after`` after each run; add to ``figure`` when given."""
    figure = figure or Figure(label)
    for i in range(runs):
        elapsed, rss, code, stderr = run_once(argv, cwd, env)
        if after is not None:
            after()
        if code != 0:
            figure.error = f"exit {code}: {stderr or '(no message)'}"
            break
        figure.times.append(elapsed)
        figure.rss.append(rss)
        if i == 0 and elapsed > repeat_limit:
            break
    return figure


class Restorer:
    """Puts a scratch folder back as it was: the log cut to its size and modification time
    (its content is a prefix of what record leaves), every other file copied back, new
    files and folders removed."""

    def __init__(self, root: Path, log: Path, store: Path) -> None:
        self.root, self.log, self.store = root, log, store
        self.saved: dict[Path, tuple[int, int]] = {}
        self.folders = {p for p in root.rglob("*") if p.is_dir() and not p.is_symlink()}
        shutil.rmtree(store, ignore_errors=True)
        store.mkdir(parents=True)
        for path in self._files():
            st = path.stat()
            self.saved[path] = (st.st_size, st.st_mtime_ns)
            if path != log:
                copy = store / path.relative_to(root)
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, copy)

    def _files(self) -> Iterator[Path]:
        for path in sorted(self.root.rglob("*")):
            if path.is_file() and not path.is_symlink() and not path.name.startswith(".bench-"):
                yield path

    def restore(self) -> None:
        """Undo whatever the last run changed."""
        for path in self._files():
            if path not in self.saved:
                path.unlink()
        new_folders = [p for p in self.root.rglob("*") if p.is_dir() and p not in self.folders]
        for folder in sorted(new_folders, key=lambda p: len(p.parts), reverse=True):
            shutil.rmtree(folder, ignore_errors=True)
        for path, (size, mtime) in self.saved.items():
            try:
                st = path.stat()
                unchanged = (st.st_size, st.st_mtime_ns) == (size, mtime)
            except FileNotFoundError:
                unchanged = False
            if unchanged:
                continue
            if path == self.log:
                os.truncate(path, size)
                os.utime(path, ns=(mtime, mtime))
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(self.store / path.relative_to(self.root), path)


# ---------------------------------------------------------------- data sets


@dataclass(frozen=True)
class Dataset:
    """A plan, its log and the target to record for and show."""

    key: str  # "shipped" or "2700x10"
    label: str  # for people
    plan: Path
    log: Path
    target: str
    period: str
    entries: int
    targets: int


def _generator_stamp() -> str:
    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:16]


def generated(targets: int, years: int, data: Path = DATA, seed: int = 1) -> Dataset:
    """The generated data set of this size, from the cache folder ``data`` or made now."""
    folder = data / f"{targets}x{years}-seed{seed}"
    stamp = folder / ".complete"
    if not stamp.exists() or stamp.read_text() != _generator_stamp():
        started = time.perf_counter()
        print(f"generating {targets} targets x {years} years ...", file=sys.stderr, flush=True)
        stamp.unlink(missing_ok=True)
        generate.generate(targets, years, folder, seed)
        stamp.write_text(_generator_stamp())
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    entries = targets * years * 12
    return Dataset(
        key=f"{targets}x{years}",
        label=f"{targets:,}×{years} ({entries:,} entries)",
        plan=folder / "plan.toml",
        log=folder / "plan.progress.toml",
        target=generate.sample_target_id(targets),
        period=str(generate.LAST_YEAR),
        entries=entries,
        targets=targets,
    )


def shipped() -> Dataset:
    """The plan and log shipped in data/."""
    log = SHIPPED_LOG.read_text(encoding="utf-8")
    return Dataset(
        key="shipped",
        label="shipped plan (data/)",
        plan=SHIPPED_PLAN,
        log=SHIPPED_LOG,
        target=SHIPPED_TARGET,
        period="2025",
        entries=sum(1 for line in log.splitlines() if "target = " in line),
        targets=SHIPPED_PLAN.read_bytes().count(b"[[target]]"),
    )


# ---------------------------------------------------------------- the cases


COLD = "report json (cold)"
# Loading the plan alone: `show TARGET` against an empty log. With no cache at all (the
# cache folder blocked by a file: nothing read or written, as if there were no plan
# cache), cold (nothing cached yet: the plan is parsed, then pickled into the cache) and
# warm (the pickled plan read back).
PLAN_NONE, PLAN_COLD, PLAN_WARM = "load plan (no cache)", "load plan (cold)", "load plan"
PLAN_CASES = (PLAN_NONE, PLAN_COLD, PLAN_WARM)
# The documents an office files (issue 14): timed up to a province's size and beyond
# (2,700 targets), not on the larger plans, where nobody prints a Biểu.
DOCUMENTS = ("report xlsx", "report docx")
DOCUMENT_TARGETS = 3_000
COMMANDS = (COLD, "report table", "report plain", "report json", "list", "show", "record", "record (empty log)",
            *DOCUMENTS, *PLAN_CASES)  # fmt: skip


def command_argv(command: str, ds: Dataset, plan: Path, log: Path) -> list[str]:
    """tracker's arguments (after the executable) for one command on one data set."""
    common = ["--plan", str(plan), "--log", str(log)]
    if command == COLD:
        return command_argv("report json", ds, plan, log)
    if command in PLAN_CASES:
        return ["show", ds.target, *common]  # (with the empty log: see measure_dataset)
    if command.startswith("report"):
        return ["report", "--format", command.split()[1], *common]
    if command == "list":
        return ["list", "--plan", str(plan)]  # list reads no figures: it takes no --log
    if command == "show":
        return ["show", ds.target, *common]
    if command.startswith("record"):
        return ["record", ds.target, "8.2", "--period", ds.period, "--as-of", f"{ds.period}-12-31",
                "--status", "estimate", *common]  # fmt: skip
    raise ValueError(command)


@contextmanager
def scratch() -> Iterator[Path]:
    """A scratch folder (with a HOME inside), removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-"))
    try:
        (folder / "home").mkdir()
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def measure_dataset(
    tracker: Path, ds: Dataset, commands: Sequence[str], runs: int, repeat_limit: float
) -> dict[str, Figure]:
    """Every command of ``commands`` on one data set, in a scratch folder of its own.

    The cold cases run first, the folder put back to its first state (plan and log only)
    after each run, then the plan with no cache at all; then one unmeasured ``report
    json`` leaves whatever tracker keeps between runs, and the other cases run warm. A
    data set measured for loading its plan only gets an empty log."""
    figures: dict[str, Figure] = {}
    with scratch() as root:
        work = root / "work"
        work.mkdir()
        plan = work / "plan.toml"
        log = work / "plan.progress.toml"
        empty = work / "empty.progress.toml"
        shutil.copyfile(ds.plan, plan)
        if all(command in PLAN_CASES for command in commands):
            log.touch()  # a log of a million lines would only slow the warm-up down
        else:
            shutil.copyfile(ds.log, log)
        empty.touch()
        (work / "home").mkdir()
        env = clean_env(work / "home")

        def argv(command: str) -> list[str]:
            emptied = "empty" in command or command in PLAN_CASES
            return [str(tracker), *command_argv(command, ds, plan, empty if emptied else log)]

        for cold in (c for c in (COLD, PLAN_COLD) if c in commands):
            pristine = Restorer(work, log, root / "pristine")
            figures[cold] = measure(cold, argv(cold), work, env, runs, repeat_limit, pristine.restore)
            progress(f"{ds.key}: {cold}", figures[cold])
        if PLAN_NONE in commands:
            blocker = work / ".tracker-cache"  # a file where the cache folder would be: no cache is read or written
            blocker.touch()
            figures[PLAN_NONE] = measure(PLAN_NONE, argv(PLAN_NONE), work, env, runs, repeat_limit, None)
            progress(f"{ds.key}: {PLAN_NONE}", figures[PLAN_NONE])
            blocker.unlink()
        run_once(argv("report json"), work, env)  # warm-up, not measured
        for command in commands:
            if command in (COLD, PLAN_COLD, PLAN_NONE):
                continue
            # record runs one after another into the same log, as a script recording one
            # figure per call does: each run appends a line (5 lines do not change the log's
            # size class) and finds the cache the previous run left.
            figures[command] = measure(command, argv(command), work, env, runs, repeat_limit, None)
            progress(f"{ds.key}: {command}", figures[command])
    return {c: figures[c] for c in commands}


def measure_imports(tracker: Path, rows: int, runs: int, repeat_limit: float, data: Path = DATA) -> dict[str, Figure]:
    """`tracker import` of a province's wide workbook (43 targets × 12 months, by name) and of
    a long one of ``rows`` figures, each run into an empty log (removed after each run with
    whatever tracker keeps beside it), so every run checks and writes every figure."""
    made = workbooks.import_data(data / "workbooks", rows)
    figures: dict[str, Figure] = {}
    with scratch() as root:
        work = root / "work"
        work.mkdir()
        plan, log = work / "plan.toml", work / "plan.progress.toml"
        shutil.copyfile(made.plan, plan)
        env = clean_env(root / "home")

        def emptied() -> None:
            log.unlink(missing_ok=True)
            shutil.rmtree(work / ".tracker-cache", ignore_errors=True)

        for label, book in ((WIDE_IMPORT, made.wide), (f"import long {rows:,} rows (.xlsx)", made.long)):
            argv = [str(tracker), "import", str(book), "--plan", str(plan), "--log", str(log)]
            run_once(argv, work, env)  # warm-up (the plan's cache), not measured
            emptied()
            figures[label] = measure(label, argv, work, env, runs, repeat_limit, emptied)
            progress(f"import: {label}", figures[label])
    return figures


def progress(what: str, fig: Figure) -> None:
    """One line on stderr per case, so a long run shows where it is."""
    said = f"{ms(fig.time)}, {mb(fig.memory)}, n={len(fig.times)}" if fig.ok else f"FAILED: {fig.error}"
    print(f"  {what}: {said}", file=sys.stderr, flush=True)


def measure_baselines(naive_plan: Path, runs: int, into: dict[str, Figure] | None = None) -> dict[str, Figure]:
    """``python -c pass`` and the naive app; called before and after the cases, adding up."""
    into = into if into is not None else {"python -c pass": Figure("python -c pass"), "naive app": Figure("naive app")}
    with scratch() as root:
        env = clean_env(root / "home")
        measure("", [sys.executable, "-c", "pass"], root, env, runs, math.inf, figure=into["python -c pass"])
        argv = [sys.executable, str(NAIVE_APP), str(naive_plan)]
        measure("", argv, root, env, runs, math.inf, figure=into["naive app"])
    return into


def units_data(data: Path) -> Path:
    """The generated units (benchmarks/units.py), from the cache folder ``data`` or made now."""
    folder = data / f"units-{max(UNIT_COUNTS)}x{UNIT_TARGETS}x{UNIT_YEARS}"
    stamp = folder / ".complete"
    made_by = _generator_stamp() + hashlib.sha256((HERE / "units.py").read_bytes()).hexdigest()[:16]
    if not stamp.exists() or stamp.read_text() != made_by:
        started = time.perf_counter()
        print(f"generating {max(UNIT_COUNTS)} units ...", file=sys.stderr, flush=True)
        stamp.unlink(missing_ok=True)
        units.make_units(max(UNIT_COUNTS), UNIT_TARGETS, UNIT_YEARS, folder)
        stamp.write_text(made_by)
        print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return folder


def unit_entries(count: int) -> int:
    """Figures in the logs of ``count`` generated units."""
    return count * UNIT_TARGETS * UNIT_YEARS * 12


def measure_units(tracker: Path, data: Path, runs: int, repeat_limit: float) -> dict[str, dict[str, Figure]]:
    """`compare --format json` over 16, 32 and 63 units, cold (no cache beside any log, no
    cache key: put back after each run) and then warm, keyed ``units16`` and so on."""
    source = units_data(data)
    results: dict[str, dict[str, Figure]] = {}
    with scratch() as root:
        work = root / "work"
        shutil.copytree(source, work, ignore=shutil.ignore_patterns(".complete"))
        for count in UNIT_COUNTS:
            units.units_file(work, count)
        (work / "home").mkdir()
        env = clean_env(work / "home")

        def argv(count: int) -> list[str]:
            return [str(tracker), "compare", f"units-{count}.toml", "--format", "json"]

        pristine = Restorer(work, work / "no-such.progress.toml", root / "pristine")
        for count in UNIT_COUNTS:
            fig = measure(COMPARE_COLD, argv(count), work, env, runs, repeat_limit, pristine.restore)
            results[f"units{count}"] = {COMPARE_COLD: fig}
            progress(f"{count} units: {COMPARE_COLD}", fig)
        run_once(argv(max(UNIT_COUNTS)), work, env)  # warm-up, not measured
        for count in UNIT_COUNTS:
            fig = measure(COMPARE_WARM, argv(count), work, env, runs, repeat_limit)
            results[f"units{count}"][COMPARE_WARM] = fig
            progress(f"{count} units: {COMPARE_WARM}", fig)
    return results


# ---------------------------------------------------------------- goals


@dataclass
class Goal:
    """One goal of issue 6 section 3 and how the run stands against it."""

    name: str
    status: str  # MET, NOT MET, SKIPPED
    detail: str


def ms(seconds: float) -> str:
    """A duration for people: 12.3 ms, 1.23 s, 169 s."""
    if math.isnan(seconds):
        return "—"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def mb(size: float) -> str:
    """Bytes as MB (10**6), one decimal."""
    return "—" if math.isnan(size) else f"{size / 1e6:.1f} MB"


def _ratio_goal(name: str, fig: Figure | None, reference: Figure, factor: float) -> Goal:
    if fig is None:
        return Goal(name, "SKIPPED", "not measured in this run")
    if not fig.ok:
        return Goal(name, "NOT MET", f"failed: {fig.error}")
    ratio = fig.time / reference.time
    status = "MET" if ratio <= factor else "NOT MET"
    return Goal(name, status, f"{ms(fig.time)} = {ratio:.2f} × {ms(reference.time)} (limit {factor} ×)")


def _limit_goal(name: str, fig: Figure | None, limit: float, memory: bool = False, cold: Figure | None = None) -> Goal:
    if fig is None:
        return Goal(name, "SKIPPED", "needs the full run (without --quick)")
    if not fig.ok:
        return Goal(name, "NOT MET", f"failed: {fig.error}")
    value, shown, bound = (fig.memory, mb(fig.memory), mb(limit)) if memory else (fig.time, ms(fig.time), ms(limit))
    detail = f"{shown} (limit {bound}){_runs_note(fig)}"
    if cold is not None and cold.ok:
        detail += f"; cold: {mb(cold.memory) if memory else ms(cold.time)}{_runs_note(cold)}"
    return Goal(name, "MET" if value <= limit else "NOT MET", detail)


def _runs_note(fig: Figure) -> str:
    return f", n={len(fig.times)}" if len(fig.times) < 5 else ""


def _growth_goal(name: str, points: list[tuple[str, int, Figure]], memory: bool) -> Goal:
    """No faster than linear: the cost per entry may not rise (10 % allowed for noise) from
    one size to the next larger one."""
    if len(points) < 2:
        return Goal(name, "SKIPPED", "needs at least two sizes")
    failed = [f"{label} failed" for label, _, fig in points if not fig.ok]
    if failed:
        return Goal(name, "NOT MET", "; ".join(failed))
    unit, scale = ("kB", 1e3) if memory else ("µs", 1e-6)
    per = [((fig.memory if memory else fig.time) / n / scale) for _, n, fig in points]
    parts = [f"{label} {p:.2f} {unit}/entry" for (label, _, _), p in zip(points, per, strict=True)]
    exponents = []
    for (_, n1, f1), (_, n2, f2) in itertools.pairwise(points):
        v1, v2 = (f1.memory, f2.memory) if memory else (f1.time, f2.time)
        exponents.append(f"{math.log(v2 / v1) / math.log(n2 / n1):.2f}")
    met = all(b <= a * 1.10 for a, b in itertools.pairwise(per))
    detail = " → ".join(parts) + f" (growth exponent {', '.join(exponents)}; 1 = linear)"
    return Goal(name, "MET" if met else "NOT MET", detail)


def evaluate(results: dict[str, dict[str, Figure]], baselines: dict[str, Figure], quick: bool) -> list[Goal]:
    """Each goal of issue 6 section 3, from the figures of this run."""
    naive = baselines["naive app"]
    ship = results.get("shipped", {})
    goals = [
        _ratio_goal("shipped plan: report --format plain ≤ 0.5 × naive app", ship.get("report plain"), naive, 0.5),
        _ratio_goal("shipped plan: report --format json ≤ 0.4 × naive app", ship.get("report json"), naive, 0.4),
        _ratio_goal("shipped plan: record ≤ 0.4 × naive app", ship.get("record"), naive, 0.4),
        _ratio_goal("--help ≤ 0.4 × naive app", results.get("any", {}).get("--help"), naive, 0.4),
    ]
    big = "43x10" if quick else "10000x10"
    into_big = results.get(big, {}).get("record")
    into_empty = results.get(big, {}).get("record (empty log)")
    name = "record into a 1.2 M-entry log ≤ 1.2 × record into an empty log"
    if quick:
        name += " (quick: 43×10 log, 5,160 entries)"
    if into_big is None or into_empty is None:
        goals.append(Goal(name, "SKIPPED", "not measured"))
    elif not (into_big.ok and into_empty.ok):
        goals.append(Goal(name, "NOT MET", f"failed: {into_big.error or into_empty.error}"))
    else:
        ratio = into_big.time / into_empty.time
        goals.append(
            Goal(
                name,
                "MET" if ratio <= 1.2 else "NOT MET",
                f"{ms(into_big.time)} = {ratio:.2f} × {ms(into_empty.time)}{_runs_note(into_big)}",
            )
        )

    def json_fig(key: str, command: str = "report json") -> Figure | None:
        return results.get(key, {}).get(command)

    goals += [
        _limit_goal(f"report --format json, {label}", json_fig(key), limit, memory, json_fig(key, COLD))
        for label, key, limit, memory in (
            ("2,700 × 1 year ≤ 0.5 s", "2700x1", 0.5, False),
            ("2,700 × 10 years ≤ 2 s", "2700x10", 2.0, False),
            ("2,700 × 10 years ≤ 500 MB", "2700x10", 500e6, True),
            ("10,000 × 10 years ≤ 6 s", "10000x10", 6.0, False),
        )
    ]
    chain = ("43x1", "43x10") if quick else ("2700x1", "2700x10", "10000x10")
    points = [(k.replace("x", "×"), _entries(k), f) for k in chain if (f := json_fig(k)) is not None]
    suffix = " (quick: 43 targets only)" if quick else ""
    goals.append(_growth_goal("report --format json: time grows no faster than linearly" + suffix, points, False))
    goals.append(_growth_goal("report --format json: memory grows no faster than linearly" + suffix, points, True))
    wide = results.get("import", {}).get(WIDE_IMPORT)  # issue 13: well under a second
    goals.append(_limit_goal("a 43 × 12 wide workbook imports ≤ 1 s", wide, 1.0))
    plan = results.get("100000x1", {})  # issue 11: a plan of 100,000 targets loads in seconds
    goals.append(_limit_goal("a plan of 100,000 targets loads ≤ 5 s, with no cache", plan.get(PLAN_NONE), 5.0,
                             cold=plan.get(PLAN_COLD)))  # fmt: skip
    for command, name in ((COMPARE_WARM, "compare --format json"), (COMPARE_COLD, "compare --format json (cold)")):
        points = [(f"{n} units", unit_entries(n), f) for n in UNIT_COUNTS
                  if (f := results.get(f"units{n}", {}).get(command)) is not None]  # fmt: skip
        for memory in (False, True):  # issue 16: time grows linearly with units
            what = "memory" if memory else "time"
            goals.append(_growth_goal(f"{name}: {what} grows no faster than linearly with units", points, memory))
    return goals


def _entries(key: str) -> int:
    targets, years = (int(x) for x in key.split("x"))
    return targets * years * 12


# ---------------------------------------------------------------- output


def rows(
    results: dict[str, dict[str, Figure]], labels: dict[str, str], baselines: dict[str, Figure]
) -> list[list[str]]:
    """One row per figure: data set, command, runs, time and memory with their ratios."""
    pass_, naive = baselines["python -c pass"], baselines["naive app"]
    out = []
    for name, fig in baselines.items():
        out.append(_row("baseline", name, fig, pass_, naive))
    for key, figures in results.items():
        for command, fig in figures.items():
            out.append(_row(labels[key], command, fig, pass_, naive))
    return out


def _row(where: str, command: str, fig: Figure, pass_: Figure, naive: Figure) -> list[str]:
    if not fig.ok:
        return [where, command, str(len(fig.times)), f"FAILED: {fig.error}", "", "", "", "", ""]
    return [
        where,
        command,
        str(len(fig.times)),
        ms(fig.time),
        f"{fig.time / pass_.time:.1f}",
        f"{fig.time / naive.time:.2f}",
        mb(fig.memory),
        f"{fig.memory / pass_.memory:.1f}",
        f"{fig.memory / naive.memory:.2f}",
    ]


HEADERS = ["data", "command", "n", "time", "× pass", "× naive", "peak RSS", "× pass", "× naive"]


def print_text(header: list[str], table: list[list[str]], goals: list[Goal]) -> None:
    """Aligned columns for a terminal or a log."""
    for line in header:
        print(line)
    print()
    widths = [max(len(r[i]) for r in [HEADERS, *table]) for i in range(len(HEADERS))]
    right = {2, 3, 4, 5, 6, 7, 8}
    for r in [HEADERS, *table]:
        if r[3].startswith("FAILED"):
            print("  ".join(c.ljust(widths[i]) for i, c in enumerate(r[:3])) + "  " + r[3])
            continue
        cells = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(r)]
        print("  ".join(cells).rstrip())
    print()
    print("Goals (issue 6, section 3; issue 11; issue 13; issue 16):")
    for goal in goals:
        print(f"{goal.status:<8} {goal.name} — {goal.detail}")


def print_markdown(header: list[str], table: list[list[str]], goals: list[Goal]) -> None:
    """The same as Markdown, for benchmarks/RESULTS.md."""
    for line in header:
        print(line + "  ")
    print()
    print("| " + " | ".join(HEADERS) + " |")
    print("|" + "|".join(["---", "---", "--:", "--:", "--:", "--:", "--:", "--:", "--:"]) + "|")
    for r in table:
        print("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |")
    print()
    print("| goal | status | figures |")
    print("|---|---|---|")
    for goal in goals:
        print(f"| {goal.name} | **{goal.status}** | {goal.detail} |")


def machine() -> str:
    """One line about where the figures come from."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    system = f"{platform.system()} {platform.machine()}"
    return f"Python {platform.python_version()} on {system}, {os.cpu_count()} CPUs, load average {load}"


def revision() -> str:
    """The git commit measured, '-dirty' when the working tree has changes; '' outside git."""
    try:
        proc = subprocess.run(
            ["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except OSError:
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def main(argv: list[str] | None = None) -> int:
    """Measure, print the figures, evaluate the goals. Exit 0 whether goals are met or not."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="shipped plan and 43 targets only, 3 runs each")
    mode.add_argument("--full", action="store_true", help="every size (the default)")
    mode.add_argument("--compare", action="store_true", help="only `compare` over 16, 32 and 63 units (issue 16)")
    parser.add_argument("--markdown", action="store_true", help="print Markdown tables for RESULTS.md")
    parser.add_argument("--data", type=Path, default=DATA, help="cache of generated data (benchmarks/.data)")
    parser.add_argument("--note", default="", help="a line of text added to the header (what was measured)")
    parser.add_argument("--runs", type=int, help="runs per case (default 5, or 3 with --quick)")
    parser.add_argument(
        "--repeat-limit", type=float, default=30.0, help="run a case once when its first run takes longer (30 s)"
    )
    args = parser.parse_args(argv)
    quick = args.quick
    runs = args.runs or (3 if quick else 5)
    tracker = Path(sys.executable).parent / "tracker"
    if not tracker.exists():
        print(f"run.py: no tracker next to {sys.executable}; install the project into this venv", file=sys.stderr)
        return 2

    started = time.perf_counter()
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    where = machine()
    sizes = QUICK_SIZES if quick else FULL_SIZES
    datasets = [] if args.compare else [shipped()] + [generated(n, y, args.data) for n, y in sizes]
    plan_only = set() if quick else {f"{n}x{y}" for n, y in PLAN_ONLY_SIZES}
    for n, y in () if quick or args.compare else PLAN_ONLY_SIZES:
        datasets.append(replace(generated(n, y, args.data), label=f"{n:,} targets (loading the plan only)"))
    naive_plan = generated(*NAIVE_SIZE, args.data).plan

    baselines = measure_baselines(naive_plan, runs)
    results: dict[str, dict[str, Figure]] = {}
    labels = {"any": "any size"}
    with scratch() as root:
        help_fig = measure("--help", [str(tracker), "--help"], root, clean_env(root / "home"), runs, math.inf)
        progress("--help", help_fig)
        results["any"] = {"--help": help_fig}
    for ds in datasets:
        labels[ds.key] = ds.label
        if quick and ds.key == "43x1":
            commands: Sequence[str] = ("report json",)
        elif quick and ds.key == "43x10":
            commands = (COLD, "report json", "record", "record (empty log)", PLAN_NONE)
        elif ds.key in plan_only:
            commands = PLAN_CASES
        elif quick:  # the quick run times loading the plan on 43×10 only
            commands = tuple(c for c in COMMANDS if c not in PLAN_CASES)
        else:
            commands = COMMANDS
        if ds.targets > DOCUMENT_TARGETS:
            commands = tuple(c for c in commands if c not in DOCUMENTS)
        results[ds.key] = measure_dataset(tracker, ds, commands, runs, args.repeat_limit)
    if not quick:
        for count in UNIT_COUNTS:
            labels[f"units{count}"] = f"{count} units × {UNIT_TARGETS}×{UNIT_YEARS} ({unit_entries(count):,} entries)"
        results.update(measure_units(tracker, args.data, runs, args.repeat_limit))
    labels["import"] = "workbooks (issue 13)"
    results["import"] = measure_imports(tracker, QUICK_IMPORT_ROWS if quick else IMPORT_ROWS, runs, args.repeat_limit,
                                        args.data)  # fmt: skip
    measure_baselines(naive_plan, runs, baselines)

    goals = evaluate(results, baselines, quick)
    elapsed = time.perf_counter() - started
    header = [
        f"tracker benchmarks, {'quick' if quick else 'full'} run, {when}; took {elapsed:.0f} s",
        where,
        f"tracker: {tracker}" + (f" (at {rev})" if tracker.is_relative_to(ROOT) and (rev := revision()) else ""),
        *([args.note] if args.note else []),
        f"Medians of {runs} runs (n = runs made; a case is run once when its first run exceeds "
        f"{args.repeat_limit:g} s). Baselines: median of {2 * runs} runs, half before and half after the cases.",
        f"naive app = benchmarks/naive_app.py printing the {NAIVE_SIZE[0]}-target plan; MB = 10^6 bytes.",
        "cold = nothing kept from an earlier run (the scratch folder and HOME put back to plan and log only);",
        "every other case runs warm, after one unmeasured report --format json.",
    ]
    table = rows(results, labels, baselines)
    (print_markdown if args.markdown else print_text)(header, table, goals)
    return 0


if __name__ == "__main__":
    sys.exit(main())
