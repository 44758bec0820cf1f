"""Files `tracker init` creates: all or none, each whole, never over a name already taken
(even one taken between the check and the write), on file systems with or without hard
links."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tracker.errors import UsageError, WriteError
from tracker.storage.new_files import create_new

FILES = [("plan.toml", b"[plan]\n"), ("plan.progress.toml", b"[entries]\n")]


def test_creates_the_folder_and_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    create_new(folder, FILES)
    assert sorted(p.name for p in folder.iterdir()) == ["plan.progress.toml", "plan.toml"]
    assert (folder / "plan.toml").read_bytes() == b"[plan]\n"


def test_a_failure_on_the_second_file_takes_back_the_first_and_the_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_link = os.link
    calls: list[str] = []

    def link(source: str | Path, target: str | Path) -> None:
        calls.append(str(target))
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_link(source, target)

    monkeypatch.setattr(os, "link", link)
    with pytest.raises(WriteError) as info:
        create_new(tmp_path / "new" / "folder", FILES)
    assert "No space left on device; nothing was written" in info.value.render("en")[0]
    assert list(tmp_path.iterdir()) == []  # no file, no temporary file, no folder


def test_a_name_taken_after_the_check_is_not_written_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone writes plan.progress.toml between the check and the link: theirs stays, ours goes."""
    real_link = os.link

    def link(source: str | Path, target: str | Path) -> None:
        if str(target).endswith("progress.toml"):
            Path(target).write_bytes(b"theirs")
        real_link(source, target)

    monkeypatch.setattr(os, "link", link)
    with pytest.raises(UsageError):
        create_new(tmp_path, FILES)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"plan.progress.toml": b"theirs"}


def test_without_hard_links_each_file_is_still_created_whole_and_never_over_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(source: str | Path, target: str | Path) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    create_new(tmp_path / "fat", FILES)
    assert {p.name: p.read_bytes() for p in (tmp_path / "fat").iterdir()} == dict(FILES)
    with pytest.raises(UsageError):
        create_new(tmp_path / "fat", FILES)
    assert {p.name: p.read_bytes() for p in (tmp_path / "fat").iterdir()} == dict(FILES)
