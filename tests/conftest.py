"""Shared fixtures: run the installed `tracker` entry point as a user would, on files in
a temporary folder, with no terminal attached."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parent.parent
TRACKER = Path(sys.executable).parent / "tracker"
SHIPPED_PLAN = ROOT / "data" / "plan.toml"

SMALL_PLAN = """\
[plan]
title = "Kế hoạch thử"
organisation = "Tỉnh Thử"
language = "en"
default_period = "2025"

[[target]]
id = "growth"
name = "GRDP growth"
group = "Economy"
unit = "%"
plan.2025 = { at_least = 8 }
plan.2024 = { at_least = 7 }

[[target]]
id = "revenue"
name = "Budget revenue"
group = "Economy"
unit = "tỷ đồng"
accumulates = true
plan.2025 = { at_least = 3000 }

[[target]]
id = "poverty_cut"
name = "Poverty rate cut"
group = "Society"
unit = "điểm %"
plan.2025 = { at_least = 3 }

[[target]]
id = "milestone"
name = "Primary level 3"
group = "Society"
unit = ""
plan.2025 = { milestone = true }
"""


@dataclass
class Result:
    """What a finished `tracker` process left behind."""

    code: int
    out: str
    err: str


# Under CI=true every test must run: a missing tool fails the test instead of skipping it.
ON_CI = os.environ.get("CI", "").lower() == "true"
INSTALL_TOOLS = "tests/install-tools.sh"  # the README's test set-up runs it before pytest


def unavailable(reason: str) -> NoReturn:
    """Skip the test, saying why (pytest's -ra prints it); under CI=true fail it instead."""
    if ON_CI:
        pytest.fail(f"{reason} (CI=true: every test must run)", pytrace=False)
    pytest.skip(reason)


def need(tool: str, why: str) -> str:
    """The path of the program ``tool``; when it is missing the test is skipped with the
    reason and how to install it, or fails under CI=true. Tests never install anything."""
    path = shutil.which(tool)
    if path is None:
        unavailable(f"{tool} is not installed ({why}): run `bash {INSTALL_TOOLS}` as root, or install {tool}")
    return path


@pytest.fixture(scope="session")
def git() -> str:
    """git, for the tests of union merges (skipped without it, failed under CI=true)."""
    return need("git", "the log's union merge is tried with git")


@pytest.fixture(scope="session")
def jq() -> str:
    """jq, for the README recipe that uses it (skipped without it, failed under CI=true)."""
    return need("jq", "a README recipe pipes json into jq")


# The date every `tracker` run in the tests takes as today (TRACKER_TODAY), so the suite
# passes whatever day it runs; a test that is about the date sets its own.
TODAY = "2026-06-15"


def base_env(**extra: str) -> dict[str, str]:
    """A minimal environment like cron's: no terminal, no colour settings, today fixed."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.environ.get("HOME", "/tmp"),
           "LANG": "C.UTF-8", "TRACKER_USER": "tester", "TRACKER_TODAY": TODAY}  # fmt: skip
    env.update(extra)
    return env


def run(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None,
        input: bytes | None = None, timeout: float = 60) -> Result:  # fmt: skip
    """Run the installed entry point in a subprocess and capture bytes as UTF-8 text."""
    proc = subprocess.run(
        [str(TRACKER), *args], cwd=cwd, env=env if env is not None else base_env(),
        input=input, capture_output=True, timeout=timeout,
    )  # fmt: skip
    return Result(proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8"))


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    """A four-target plan in a temporary folder; its log is plan.progress.toml beside it."""
    path = tmp_path / "plan.toml"
    path.write_text(SMALL_PLAN, encoding="utf-8")
    return path


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped data folder, so tests never touch data/."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target / "plan.toml"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes under ``folder``: compare before and after a refused command."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER = 1, 2, 3
PR_CAPBSET_DROP = 24


def drop_file_capabilities() -> None:
    """A preexec_fn for root: keep the uid, lose the capabilities that override file
    modes, so the exec'd child obeys 0o555 folders and 0o444 files like any user (no
    folder above a test's own ever needs opening to anyone)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER):
        if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def read_all_of(fd: int) -> bytes:
    """Everything a pseudo-terminal's leader side receives until the other side closes."""
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the follower side was closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def tty_run(args: list[str], env: dict[str, str], cwd: Path | None = None, stdout_tty: bool = True) -> tuple[str, str]:
    """Run with stderr (and stdout unless ``stdout_tty`` is False) on a pseudo-terminal.

    Returns (what the terminal showed, what a non-terminal stdout received)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([str(TRACKER), *args], stdin=subprocess.DEVNULL,
                            stdout=follower if stdout_tty else subprocess.PIPE, stderr=follower,
                            env=env, cwd=cwd)  # fmt: skip
    os.close(follower)
    shown = read_all_of(leader)
    out, _ = proc.communicate(timeout=120)
    os.close(leader)
    return shown.decode("utf-8", "replace"), (out or b"").decode("utf-8")
