"""Shell completion, as a user sets it up and as bash asks for it: Typer's own, answered
by the installed `tracker` (the fast path must leave a shell's requests to Typer)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import TRACKER, base_env, need, run


def complete(words: str, cword: int, **env: str) -> list[str]:
    """What `tracker` answers bash asking to complete ``words`` at word ``cword``
    (Typer's protocol: the completion script sets these variables and runs the command)."""
    result = run(env=base_env(_TRACKER_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword), **env))
    assert result.code == 0 and result.err == "", result.err
    return result.out.splitlines()


def test_command_names_complete() -> None:
    assert complete("tracker rep", 1) == ["report"]
    assert complete("tracker re", 1) == ["report", "record", "retract"]


def test_options_and_their_choices_complete() -> None:
    assert complete("tracker report --fo", 2) == ["--format"]
    assert complete("tracker report --format ", 3) == [
        "auto",
        "table",
        "plain",
        "csv",
        "tsv",
        "json",
        "markdown",
        "html",
        "text",
        "xlsx",
        "docx",
    ]
    assert complete("tracker record growth 8 --status e", 5) == ["estimate"]
    assert complete("tracker show x --lang ", 4) == ["vi", "en"]


def test_the_command_line_itself_is_ignored_while_completing() -> None:
    """The shell runs `tracker` with arguments of its own (bash passes the command name);
    the request is in the environment, and a line the fast path could serve is not run."""
    env = base_env(_TRACKER_COMPLETE="complete_bash", COMP_WORDS="tracker rep", COMP_CWORD="1")
    result = run("report", "--format", "json", env=env)
    assert (result.code, result.out, result.err) == (0, "report\n", "")


def bash_script(tmp_path: Path, script: str) -> subprocess.CompletedProcess[str]:
    """Run ``script`` in bash, with `tracker` on PATH and HOME in ``tmp_path``. (`; true`
    keeps bash from handing its process to the last command: Typer finds the shell by
    the parent process.)"""
    bash = need("bash", "completion is tried in bash")
    env = base_env(HOME=str(tmp_path), PATH=f"{TRACKER.parent}:{base_env()['PATH']}")
    return subprocess.run([bash, "-c", f"{script}; true"], env=env, cwd=tmp_path, capture_output=True, text=True,
                          timeout=60)  # fmt: skip


def test_show_completion_prints_the_script_that_completes_in_bash(tmp_path: Path) -> None:
    shown = bash_script(tmp_path, "tracker --show-completion > completion.sh")
    script = (tmp_path / "completion.sh").read_text(encoding="utf-8")
    assert shown.stderr == "" and "_TRACKER_COMPLETE=complete_bash" in script, shown.stderr
    used = bash_script(
        tmp_path,
        "source completion.sh && COMP_WORDS=(tracker report --f) && COMP_CWORD=2 && _tracker_completion tracker"
        ' && printf "%s\\n" "${COMPREPLY[@]}"',
    )
    assert used.stdout == "--format\n", used.stderr


def test_install_completion_sets_bash_up(tmp_path: Path) -> None:
    installed = bash_script(tmp_path, "tracker --install-completion")
    assert installed.returncode == 0
    assert "bash completion installed in" in installed.stdout, installed.stderr
    script = tmp_path / ".bash_completions" / "tracker.sh"
    assert f"source '{script}'" in (tmp_path / ".bashrc").read_text(encoding="utf-8")
    used = bash_script(
        tmp_path,
        "source ~/.bashrc && COMP_WORDS=(tracker ch) && COMP_CWORD=1 && _tracker_completion tracker"
        ' && printf "%s\\n" "${COMPREPLY[@]}"',
    )
    assert used.stdout == "check\n", used.stderr


@pytest.mark.parametrize("argv", [["--show-completion"], ["--install-completion"]], ids=" ".join)
def test_completion_options_are_on_the_main_help_page(argv: list[str]) -> None:
    assert f"  {argv[0]} " in run("--help").out
