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
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, SMALL_PLAN, base_env, need, run

from tracker.core.judging import Status
from tracker.render.html import COLOURS

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
    assert "<h2>II. &lt;i&gt;Soc&lt;/i&gt;</h2>" in result.out


def test_chromium_shows_title_groups_targets_and_headline(dom: Outline) -> None:
    """The DOM Chromium builds carries the title, every group (numbered as the Biểu numbers
    them), the target names and the headline."""
    text = " ".join("".join(dom.text).split())
    assert dom.h1 == [TITLE]
    assert dom.h2 == [f"{number}. {group}" for number, group in zip(("I", "II"), GROUPS, strict=True)]
    for name in ("Tốc độ tăng trưởng GRDP", "Thu ngân sách nhà nước trên địa bàn", "Giải quyết việc làm mới"):
        assert name in text
    assert HEADLINE in text
    assert "Vượt" in text and "Chưa có số liệu" in text  # verdicts read without colour


def test_chromium_shows_a_chart_per_group_with_a_bar_per_measured_target(dom: Outline, page: Page) -> None:
    """A group with targets that have a % of plan has one svg with a rect and a title per such
    target; a group without any has no chart (its table says there are no figures)."""
    assert len(dom.sections) == len(GROUPS)
    drawn = 0
    for group, seen in zip(GROUPS, dom.sections, strict=True):
        measured = [t for t in page.targets if t["group"] == group and t["percent_of_plan"] is not None]
        assert seen["svg"] == (1 if measured else 0), group
        assert seen["rect"] == len(measured), group
        assert seen["title"] == (len(measured) + 1 if measured else 0), group  # the chart's own title, one per bar
        drawn += bool(measured)
    assert drawn == 1  # the shipped data: figures for the economy, none yet for the other group
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


# ---------------------------------------------------------------- a page a leader reads first

# Appended to a copy of the page: writes where its parts are laid out into the DOM, which
# --dump-dom prints (the page itself has no script).
LAYOUT_PROBE = (
    "<script>const box=e=>{const b=e.getBoundingClientRect();return [b.left,b.top,b.right,b.bottom]};"
    "const one=s=>box(document.querySelector(s));document.body.dataset.layout=JSON.stringify({"
    "headline:one('.lead .headline'),counts:one('svg.counts'),paragraph:one('.paragraph'),table:one('table'),"
    "bars:[...document.querySelectorAll('svg.counts rect')].map(r=>[r.getAttribute('class'),...box(r)])})</script>"
)
SCREEN = (1280, 800)


@pytest.fixture(scope="module")
def first_screen(page: Page, chromium: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """Where the page's parts lie in a 1280-wide window (from a copy of the page with
    LAYOUT_PROBE), and a 1280×800 screenshot of the page itself."""
    folder = tmp_path_factory.mktemp("first")
    probe = folder / "probe.html"
    probe.write_text(page.text.replace("</body>", LAYOUT_PROBE + "</body>"), encoding="utf-8")
    size = f"--window-size={SCREEN[0]},{SCREEN[1]}"
    done = _browse(chromium, folder / "profile", size, "--dump-dom", probe.as_uri())
    found = re.search(r'data-layout="([^"]*)"', done.stdout.decode("utf-8"))
    assert found, "the layout probe did not run"
    png = folder / "first.png"
    _browse(chromium, folder / "profile", f"--screenshot={png}", size, page.path.as_uri())
    return json.loads(unescape(found[1])), png


def test_first_screen_shows_the_headline_and_the_counts(first_screen: tuple[dict[str, Any], Path], page: Page) -> None:
    """At 1280×800 the headline and the counts chart are on screen without scrolling, a bar of
    its status's colour for each status the report counts; the paragraph and the Biểu follow."""
    layout, png = first_screen
    width, height, bpp, rows = read_png(png.read_bytes())
    assert (width, height) == SCREEN
    headline, counts = layout["headline"], layout["counts"]
    for left, top, right, bottom in (headline, counts):
        assert 0 <= left < right <= width and 0 <= top < bottom <= height
    assert headline[3] <= counts[1] <= counts[3] <= layout["paragraph"][1] <= layout["table"][1]
    statuses = [status.value for status in Status if any(t["counted"] and t["status"] == status for t in page.targets)]
    assert [cls for cls, *_ in layout["bars"]] == [f"st-{status}" for status in statuses]
    for (cls, left, top, right, bottom), status in zip(layout["bars"], statuses, strict=True):
        colour = COLOURS[status][0]
        expected = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        row = rows[int((top + bottom) / 2)]
        x = int((left + right) / 2) * bpp
        assert tuple(row[x : x + 3]) == expected, cls


def _long_plan(count: int) -> str:
    """A plan of ``count`` targets in one group, none with a figure: one table over many pages."""
    head = '[plan]\ntitle = "Kế hoạch dài"\norganisation = "Tỉnh Thử"\nlanguage = "vi"\ndefault_period = "2025"\n'
    targets = "".join(
        f'\n[[target]]\nid = "t{n:03}"\nname = "Chỉ tiêu số {n} với một cái tên đủ dài để xuống dòng trong bảng in"'
        f'\ngroup = "Kinh tế"\nunit = "%"\nplan.2025 = {{ at_least = {n} }}\n'
        for n in range(1, count + 1)
    )
    return head + targets


def _pdf_pages(pdf: bytes) -> list[tuple[list[float], bytes]]:
    """The MediaBox and the inflated content stream of each page of a PDF Chromium printed, in page order."""
    objects = {int(m[1]): m[2] for m in re.finditer(rb"(\d+) 0 obj(.*?)endobj", pdf, re.DOTALL)}
    tree = next(body for body in objects.values() if re.search(rb"/Type\s*/Pages\b", body))
    kids = re.search(rb"/Kids\s*\[([^\]]*)\]", tree)
    assert kids, tree[:300]
    pages = []
    for number in re.findall(rb"(\d+) 0 R", kids[1]):
        body = objects[int(number)]
        assert re.search(rb"/Type\s*/Page\b(?!s)", body), body[:300]  # one flat level, as Chromium writes it
        box = re.search(rb"/MediaBox\s*\[([^\]]*)\]", body)
        contents = re.search(rb"/Contents\s+(\d+) 0 R", body)
        assert box and contents, body[:300]
        stream = objects[int(contents[1])]
        raw = stream[stream.index(b"stream") + 6 :].lstrip(b"\r\n")  # the inflater stops at the stream's end
        pages.append(([float(n) for n in box[1].split()], zlib.decompressobj().decompress(raw)))
    return pages


def _fills(content: bytes) -> set[tuple[int, int, int]]:
    """The fill colours a page's content sets (``r g b rg``), as 0-255 triples."""
    found = re.findall(rb"([\d.]+) ([\d.]+) ([\d.]+) rg\b", content)
    return {(round(float(r) * 255), round(float(g) * 255), round(float(b) * 255)) for r, g, b in found}


def test_printing_gives_a4_landscape_pages_with_the_header_on_each(page: Page, chromium: Path, tmp_path: Path) -> None:
    """Printed to PDF, every page is A4 landscape (842×595 points); a table over several
    pages has its header row (its own shade) on every page from its first to the last."""
    plan = tmp_path / "plan.toml"
    plan.write_text(_long_plan(90), encoding="utf-8")
    result = run("report", "--format", "html", "--plan", str(plan), cwd=tmp_path)
    assert result.code == 0, result.err
    long_page = tmp_path / "long.html"
    long_page.write_text(result.out, encoding="utf-8")
    header = re.search(r"th\{background:#([0-9a-f]{6})\}", result.out)
    assert header, "the header row's shade"
    shade = tuple(int(header[1][i : i + 2], 16) for i in (0, 2, 4))
    printed = {}
    for source in (page.path, long_page):
        pdf = tmp_path / f"{source.stem}.pdf"
        _browse(chromium, tmp_path / "profile", f"--print-to-pdf={pdf}", source.as_uri())
        printed[source] = _pdf_pages(pdf.read_bytes())
        assert printed[source], source.name
        for box, _ in printed[source]:
            assert (round(box[2] - box[0]), round(box[3] - box[1])) == (842, 595), box
    headed = [shade in _fills(content) for _, content in printed[long_page]]
    assert True in headed, "no page shows the table's header"
    table_pages = headed[headed.index(True) :]  # the lead (headline, counts, paragraph) may fill the first page
    assert len(table_pages) >= 3 and all(table_pages), headed
