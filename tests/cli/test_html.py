"""`tracker report --format html`: one self-contained page, checked by opening it in
headless Chromium and looking at what it shows (the DOM and a screenshot).

Chromium is installed by the README's test set-up (tests/install-tools.sh), never by the
tests; without it the Chromium tests are skipped with the reason (failed under CI=true).
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SMALL_PLAN, base_env, need, run

TITLE = "Kế hoạch phát triển kinh tế - xã hội tỉnh Lai Châu"
GROUPS = ("Kinh tế", "Văn hóa - Xã hội")
HEADLINE = "3/8 chỉ tiêu đạt và vượt kế hoạch"


# ---------------------------------------------------------------- Chromium


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's chromium: skipped with the reason when it is not installed (failed under CI=true)."""
    return Path(need("chromium", "the html page is checked in headless Chromium"))


def _browse(chromium: Path, profile: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    """Run headless Chromium with no network chatter and a throwaway profile."""
    command = [
        str(chromium), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", *args,
    ]  # fmt: skip
    done = subprocess.run(command, capture_output=True, timeout=120, env=base_env(HOME=str(profile)))
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")[-2000:]
    return done


# ---------------------------------------------------------------- the page


@dataclass
class Page:
    """The written page and what `report --format json` says about the same report."""

    path: Path
    text: str
    targets: list[dict[str, Any]]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Page:
    """The shipped data's report as an HTML file in a temporary folder."""
    folder = tmp_path_factory.mktemp("html")
    shutil.copytree(ROOT / "data", folder / "data")
    result = run("report", "--format", "html", cwd=folder)
    assert result.code == 0, result.err
    path = folder / "report.html"
    path.write_text(result.out, encoding="utf-8")
    data = run("report", "--format", "json", cwd=folder)
    assert data.code == 0, data.err
    return Page(path, result.out, json.loads(data.out)["targets"])


class Outline(HTMLParser):
    """What a DOM shows: heading texts, all text, and per section its svgs, rects and titles."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.h1: list[str] = []
        self.h2: list[str] = []
        self.text: list[str] = []
        self.sections: list[dict[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.sections.append({"svg": 0, "rect": 0, "title": 0})
        elif tag in ("svg", "rect") and self.sections:
            self.sections[-1][tag] += 1
        elif tag == "title" and "svg" in self.open and self.sections:
            self.sections[-1]["title"] += 1
        if tag in ("h1", "h2"):
            getattr(self, tag).append("")
        if tag not in ("rect", "line", "meta"):
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag) :]

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for tag in ("h1", "h2"):
            if self.open and self.open[-1] == tag:
                getattr(self, tag)[-1] += data


@pytest.fixture(scope="module")
def dom(page: Page, chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Outline:
    """The page as Chromium parsed it (--dump-dom), outlined."""
    done = _browse(chromium, tmp_path_factory.mktemp("profile"), "--dump-dom", page.path.as_uri())
    outline = Outline()
    outline.feed(done.stdout.decode("utf-8"))
    return outline


# ---------------------------------------------------------------- a tiny PNG reader


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def read_png(data: bytes) -> tuple[int, int, int, list[bytearray]]:
    """Width, height, bytes per pixel and un-filtered rows of an 8-bit RGB/RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, bytearray(), b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unsupported PNG {depth=} {colour=} {interlace=}"
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(bytes(idat)), width * bpp
    rows: list[bytearray] = []
    prior = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 2:  # up, by far the commonest in screenshots: one pass without branches
            row = bytearray((x + b) & 0xFF for x, b in zip(row, prior, strict=True))
        elif kind:
            for i in range(stride):
                a = row[i - bpp] if i >= bpp else 0
                b, c = prior[i], prior[i - bpp] if i >= bpp else 0
                predictor = (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]
                row[i] = (row[i] + predictor) & 0xFF
        rows.append(row)
        prior = row
    return width, height, bpp, rows


def _pixels(row: bytearray, bpp: int) -> zip[tuple[int, int, int]]:
    """The row's pixels as (r, g, b), alpha dropped."""
    return zip(row[0::bpp], row[1::bpp], row[2::bpp], strict=True)


def _coloured(row: bytearray, bpp: int) -> int:
    """Pixels of the row that are clearly not grey: the bar colours, not light tints or text."""
    if row[0::bpp] == row[1::bpp] == row[2::bpp]:  # all grey (most rows): no need to look closer
        return 0
    return sum(max(p) - min(p) > 60 for p in _pixels(row, bpp))


@pytest.fixture(scope="module")
def screenshot(page: Page, chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1200×2000 screenshot of the page taken by headless Chromium."""
    folder = tmp_path_factory.mktemp("shot")
    png = folder / "page.png"
    _browse(chromium, folder / "profile", f"--screenshot={png}", "--window-size=1200,2000", page.path.as_uri())
    assert png.is_file() and png.stat().st_size > 0
    return png


# ---------------------------------------------------------------- tests


def test_page_is_self_contained(page: Page) -> None:
    """The page is one UTF-8 HTML5 file that reaches for nothing outside itself."""
    text = page.text
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    assert '<html lang="vi">' in text
    for outside in ("http://", "https://", "<script", "<link", "@import", "url("):
        assert outside not in text, outside
    assert not re.search(r"\b(src|href|srcset)\s*=", text, re.IGNORECASE)


def test_page_is_deterministic(shipped: Path) -> None:
    """Two runs on the same data write the same bytes."""
    args = ("report", "--format", "html", "--as-of", "2025-12-31")
    first, second = run(*args, cwd=shipped.parent.parent), run(*args, cwd=shipped.parent.parent)
    assert first.code == 0, first.err
    assert first.out == second.out and TITLE in first.out


def test_user_strings_are_escaped(tmp_path: Path) -> None:
    """Names and groups from the plan are shown as text, never as markup."""
    plan = tmp_path / "plan.toml"
    plan.write_text(
        SMALL_PLAN.replace('"GRDP growth"', '"<b>GDP</b> & \\"co\\""').replace('"Society"', '"<i>Soc</i>"'),
        encoding="utf-8",
    )
    result = run("report", "--format", "html", "--plan", str(plan), cwd=tmp_path)
    assert result.code == 0, result.err
    assert "<b>" not in result.out and "<i>" not in result.out
    assert "&lt;b&gt;GDP&lt;/b&gt; &amp; &quot;co&quot;" in result.out
    assert "<h2>&lt;i&gt;Soc&lt;/i&gt;</h2>" in result.out


def test_chromium_shows_title_groups_targets_and_headline(dom: Outline) -> None:
    """The DOM Chromium builds carries the title, every group, the target names and the headline."""
    text = " ".join("".join(dom.text).split())
    assert dom.h1 == [TITLE]
    assert dom.h2 == list(GROUPS)
    for name in ("Tốc độ tăng trưởng GRDP", "Thu ngân sách nhà nước trên địa bàn", "Giải quyết việc làm mới"):
        assert name in text
    assert HEADLINE in text
    assert "Vượt" in text and "Chưa có số liệu" in text  # verdicts read without colour


def test_chromium_shows_a_chart_per_group_with_a_bar_per_measured_target(dom: Outline, page: Page) -> None:
    """Each group has one svg with a rect per target that has a % of plan, and a title per item."""
    assert len(dom.sections) == len(GROUPS)
    for group, seen in zip(GROUPS, dom.sections, strict=True):
        targets = [t for t in page.targets if t["group"] == group]
        measured = [t for t in targets if t["percent_of_plan"] is not None]
        assert seen["svg"] == 1, group
        assert seen["rect"] == len(measured), group
        assert seen["title"] == len(targets) + 1, group  # the chart's own title and one per item
    assert sum(s["rect"] for s in dom.sections) == 6


def test_png_reader_undoes_every_filter() -> None:
    """The test's PNG reader decodes rows written with each of the five filter types."""
    width, bpp = 3, 3
    rows = [bytes([10 * y + x for x in range(width * bpp)]) for y in range(5)]
    raw, prior = bytearray(), bytes(width * bpp)
    for kind, row in enumerate(rows):
        out = bytearray()
        for i, x in enumerate(row):
            a = row[i - bpp] if i >= bpp else 0
            b, c = prior[i], prior[i - bpp] if i >= bpp else 0
            out.append((x - (0, a, b, (a + b) // 2, _paeth(a, b, c))[kind]) & 0xFF)
        raw += bytes([kind]) + out
        prior = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, 5, 8, 2, 0, 0, 0))
    png += chunk(b"IDAT", zlib.compress(bytes(raw))) + chunk(b"IEND", b"")
    assert read_png(png) == (width, 5, bpp, [bytearray(r) for r in rows])


def test_chromium_screenshot_shows_text_and_coloured_bars(screenshot: Path) -> None:
    """The rendered page has ink at the top, blank paper at the bottom and coloured bars."""
    width, height, bpp, rows = read_png(screenshot.read_bytes())
    assert (width, height) == (1200, 2000)
    top = [p for row in rows[:120] for p in _pixels(row, bpp)]
    assert sum(p != (255, 255, 255) for p in top) > 500  # the title
    assert all(p == (255, 255, 255) for row in rows[-20:] for p in _pixels(row, bpp))  # page ended
    coloured = sum(_coloured(row, bpp) for row in rows)
    assert coloured > 10_000, coloured  # six bars of ~300×12 pixels
