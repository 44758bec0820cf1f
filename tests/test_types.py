"""The code type-checks: mypy in strict mode, configured in pyproject.toml ([tool.mypy])."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_mypy_strict_clean() -> None:
    """mypy finds nothing in the files pyproject.toml names, with its strict settings."""
    proc = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
