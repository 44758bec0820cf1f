"""The files tracker keeps beside the log (its caches, the side file of a repair) can be
deleted at any time and can never change what a report says: an edited cache is not
believed, `check` reads the log itself, side files are as private as what they copy, and
no symbolic link leads tracker to write or delete anything outside its own files."""

from __future__ import annotations

import json
import marshal
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from conftest import base_env, run

PLAN_TARGETS = 250  # plans of 200 targets or more are cached


def _env(tmp_path: Path) -> dict[str, str]:
    """The user's environment, with the private cache key kept in the test's folder."""
    return base_env(XDG_CACHE_HOME=str(tmp_path / "user-cache"))


def _large_plan(folder: Path) -> Path:
    """A plan of PLAN_TARGETS targets, large enough for its validated form to be cached."""
    lines = ['[plan]\ntitle = "T"\norganisation = "O"\nlanguage = "en"\ndefault_period = "2025"\n']
    for n in range(PLAN_TARGETS):
        lines.append(
            f'[[target]]\nid = "t{n}"\nname = "T {n}"\ngroup = "G"\nunit = "%"\nplan.2025 = {{ at_least = 8 }}\n'
        )
    plan = folder / "plan.toml"
    plan.write_text("".join(lines))
    return plan


def _report_json(plan: Path, env: dict[str, str]) -> dict[str, Any]:
    result = run("report", "--format", "json", "--period", "2025", "--plan", str(plan), env=env)
    assert result.code == 0, result.err
    report: dict[str, Any] = json.loads(result.out)
    return report


def _actual(report: dict[str, Any], target: str) -> object:
    return next(t["actual"] for t in report["targets"] if t["id"] == target)


def _cache_files(plan: Path) -> list[Path]:
    return [p for p in (plan.parent / ".tracker-cache").rglob("*") if p.is_file() and p.name != ".gitignore"]


def test_an_edited_cache_shard_never_shows_a_figure_the_log_does_not_hold(small_plan: Path, tmp_path: Path) -> None:
    """7.1 edited to 9.9 inside the cache: report still shows 7.1 from the log, and check reads the log (ok)."""
    env = _env(tmp_path)
    assert run("record", "growth", "7.1", "--as-of", "2025-03-31", "--plan", str(small_plan), env=env).code == 0
    assert _actual(_report_json(small_plan, env), "growth") == 7.1
    shards = [p for p in _cache_files(small_plan) if p.name.startswith("shard-")]
    assert shards, "no cache was written"
    for shard in shards:
        data = shard.read_bytes()
        assert b"7.1" in data
        shard.write_bytes(data.replace(b"7.1", b"9.9"))
    report = _report_json(small_plan, env)
    assert _actual(report, "growth") == 7.1
    assert next(t["status"] for t in report["targets"] if t["id"] == "growth") == "not_met"


def test_a_cache_forged_with_the_users_own_key_still_cannot_fool_check(small_plan: Path, tmp_path: Path) -> None:
    """check reads the log itself: a validly sealed cache holding a figure of an unknown target is never reported."""
    from tracker.storage import cache_files

    env = _env(tmp_path)
    assert run("record", "growth", "7.1", "--as-of", "2025-03-31", "--plan", str(small_plan), env=env).code == 0
    assert run("report", "--plan", str(small_plan), env=env).code == 0
    key = (tmp_path / "user-cache" / "tracker" / "cache-key").read_bytes()
    (shard,) = [p for p in _cache_files(small_plan) if p.name.startswith("shard-")]
    unsealed = cache_files.unseal_with(key, shard.read_bytes())
    assert unsealed is not None
    epoch, rows = marshal.loads(unsealed)
    forged = list(rows["growth"][0])
    forged[3], forged[4] = "forgedforgedforg", "no_such_target"
    rows["no_such_target"] = [tuple(forged)]
    shard.write_bytes(cache_files.seal_with(key, marshal.dumps((epoch, rows))))
    check = run("check", "--plan", str(small_plan), env=env)
    assert check.code == 0, check.out + check.err
    assert "1 entries" in check.out and "no_such_target" not in check.out


def test_a_repickled_plan_cache_cannot_flip_a_verdict(tmp_path: Path) -> None:
    """A plan cache re-pickled with allowed classes and a changed plan value is not believed."""
    import pickle

    from tracker.storage import cache_files

    env = _env(tmp_path)
    plan = _large_plan(tmp_path)
    assert run("record", "t0", "7.5", "--as-of", "2025-03-31", "--plan", str(plan), env=env).code == 0
    before = _report_json(plan, env)
    (cache,) = [p for p in _cache_files(plan) if p.name.endswith(".plan-cache")]
    data = cache.read_bytes()
    start = cache_files.DIGEST_SIZE  # the pickle follows the seal's digest
    key, cached = pickle.loads(data[start:])
    import dataclasses

    target = cached.targets[0]
    target.plans["2025"] = dataclasses.replace(target.plans["2025"], value=Decimal(1))  # 7.5 now "exceeds" it
    cache.write_bytes(data[:start] + pickle.dumps((key, cached)))
    assert pickle.loads(pickle.dumps(cached)).targets[0].plans["2025"].value == 1  # the forgery is well formed
    assert _report_json(plan, env) == before


def test_side_files_are_as_private_as_the_log_and_plan(tmp_path: Path) -> None:
    """With the plan and log chmod 600, every cache file is 600 and every cache folder 700."""
    env = _env(tmp_path)
    plan = _large_plan(tmp_path)
    assert run("record", "t0", "7.5", "--as-of", "2025-03-31", "--plan", str(plan), env=env).code == 0
    os.chmod(plan, 0o600)
    os.chmod(tmp_path / "plan.progress.toml", 0o600)
    import shutil

    shutil.rmtree(tmp_path / ".tracker-cache")
    assert run("report", "--plan", str(plan), env=env).code == 0
    files = _cache_files(plan)
    assert any(p.name.endswith(".plan-cache") for p in files) and any(p.name == "meta" for p in files)
    for file in files:
        assert file.stat().st_mode & 0o777 == 0o600, file
    for folder in (tmp_path / ".tracker-cache", tmp_path / ".tracker-cache" / "plan.progress.toml"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


def test_a_symlinked_cache_folder_is_never_followed(small_plan: Path, tmp_path: Path) -> None:
    """.tracker-cache as a link to another folder: commands work, and nothing there is written or removed."""
    env = _env(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "plan.progress.toml").mkdir(parents=True)
    (elsewhere / "plan.progress.toml" / "precious.txt").write_text("keep me")
    (elsewhere / "notes.txt").write_text("keep me too")
    (small_plan.parent / ".tracker-cache").symlink_to(elsewhere)
    before = sorted((p.relative_to(elsewhere), p.read_bytes()) for p in elsewhere.rglob("*") if p.is_file())
    assert run("record", "growth", "7.1", "--as-of", "2025-03-31", "--plan", str(small_plan), env=env).code == 0
    assert _actual(_report_json(small_plan, env), "growth") == 7.1
    assert run("record", "growth", "7.2", "--as-of", "2025-04-30", "--plan", str(small_plan), env=env).code == 0
    assert _actual(_report_json(small_plan, env), "growth") == 7.2
    after = sorted((p.relative_to(elsewhere), p.read_bytes()) for p in elsewhere.rglob("*") if p.is_file())
    assert after == before


def test_a_rebuilt_cache_removes_only_its_own_files(small_plan: Path, tmp_path: Path) -> None:
    """A file someone put in a log's cache folder survives the cache being dropped and rebuilt."""
    env = _env(tmp_path)
    assert run("record", "growth", "7.1", "--as-of", "2025-03-31", "--plan", str(small_plan), env=env).code == 0
    assert run("report", "--plan", str(small_plan), env=env).code == 0
    folder = small_plan.parent / ".tracker-cache" / "plan.progress.toml"
    (folder / "mine.txt").write_text("not tracker's")
    log = small_plan.parent / "plan.progress.toml"
    log.write_bytes(log.read_bytes().replace(b"7.1", b"7.3"))  # an edit, not an append: the cache is rebuilt
    assert _actual(_report_json(small_plan, env), "growth") == 7.3
    assert (folder / "mine.txt").read_text() == "not tracker's"
