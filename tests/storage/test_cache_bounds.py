"""A damaged cache costs one hash to reject: never the memory or time its garbled bytes
could claim if they were decoded (a garbled marshal stream once asked for 15 GB)."""

from __future__ import annotations

import random
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from tracker.storage.log_cache import cache_dir
from tracker.storage.progress_log import read_log

ADDRESS_SPACE = 3 << 30  # bytes: far more than reading a small log needs, far less than 15 GB


def _huge_list(data: bytes, rng: random.Random) -> bytes:
    """The seal's digest kept, then a marshal list claiming two billion items: decoded,
    it asks for 16 GB."""
    return data[:32] + b"[" + (0x7FFFFFF0).to_bytes(4, "little") + rng.randbytes(max(0, len(data) - 37))


def _random(data: bytes, rng: random.Random) -> bytes:
    return rng.randbytes(len(data))


@pytest.mark.parametrize("garble", [_huge_list, _random])
@pytest.mark.parametrize("seed", range(2))
def test_a_garbled_cache_is_rejected_within_bounded_memory_and_time(
    tmp_path: Path, seed: int, garble: Callable[[bytes, random.Random], bytes]
) -> None:
    """Every cache file garbled: a reader under a 3 GB address-space limit gets the log's figures within seconds."""
    log = tmp_path / "plan.progress.toml"
    lines = [f'e{n:015d} = {{ target = "t{n % 7}", period = "2025", value = {n}, as_of = 2025-03-31, '
             f'status = "official", recorded_by = "tester" }}\n' for n in range(3000)]  # fmt: skip
    log.write_text("[entries]\n" + "".join(lines))
    env = {"XDG_CACHE_HOME": str(tmp_path / "key")}
    script = textwrap.dedent(f"""
        import resource, sys
        from pathlib import Path
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = {ADDRESS_SPACE} if hard == resource.RLIM_INFINITY else min({ADDRESS_SPACE}, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        from tracker.storage.progress_log import read_log
        print(read_log(Path({str(log)!r})).count())
    """)
    first = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert first.stdout.strip() == "3000", first.stderr
    files = [p for p in cache_dir(log).iterdir() if p.is_file()]
    assert files, "no cache was written"
    rng = random.Random(seed)
    for file in files:
        file.write_bytes(garble(file.read_bytes(), rng))
    again = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=20)
    assert again.returncode == 0 and again.stdout.strip() == "3000", again.stderr[-2000:]
    assert read_log(log, use_cache=False).count() == 3000
