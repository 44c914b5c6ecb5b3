"""The pack as it prints: rendered by LibreOffice to PDF and pictures, then checked page by page."""

from __future__ import annotations

import re
import statistics
import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator.brief.pack import make_pack
from generator.brief.render import render_pack
from generator.documents.libreoffice import render_pdf

pytestmark = [
    pytest.mark.libreoffice,
]


@pytest.fixture
def pdf(brief_root: Path, reception_event: Path, tmp_path: Path) -> Path:
    docx = tmp_path / "pack.docx"
    docx.write_bytes(render_pack(make_pack(reception_event, brief_root, today=date(2025, 6, 1))))
    return render_pdf(docx, tmp_path / "pdf")


def _page_sizes(pdf: Path) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(pdf)], capture_output=True, text=True, check=True)
    return [(float(w), float(h)) for w, h in re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info.stdout)]


def _text(pdf: Path, first: int = 1, last: int = 999) -> str:
    out = subprocess.run(["pdftotext", "-f", str(first), "-l", str(last), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def _gray_page(pdf: Path, page: int, out: Path) -> tuple[int, int, bytes]:
    """Rasterise one page to 8-bit grey at 20 dpi and return (width, height, pixels)."""
    subprocess.run(["pdftoppm", "-r", "20", "-gray", "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
                    str(out)], check=True)
    data = out.with_suffix(".pgm").read_bytes()
    magic, width, height, _maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5"
    return int(width), int(height), pixels[: int(width) * int(height)]


def test_what_the_reader_sees_on_paper(pdf: Path) -> None:
    text = _text(pdf)
    for expected in ("事前安排会材料", "三要素和来宾方联系人", "FIX-R1A", "2024年8月2日", "讲话稿送审截止",
                     "2025年6月6日", "主席台（就座领导面向台下）", "陈德安", "林振华", "沈晓岚"):
        assert expected in text, expected
    for absent in ("FIX-UNRELATED", "HABIT-DIET", "RESTRICTED-PROBLEM"):
        assert absent not in text


def test_text_pages_are_a4_portrait_and_each_name_card_is_a4_landscape(pdf: Path) -> None:
    sizes = _page_sizes(pdf)
    portrait, landscape = (595, 842), (842, 595)
    rounded = [(round(w), round(h)) for w, h in sizes]
    assert rounded[-3:] == [landscape] * 3  # three attendees, one card each, no blank page between
    assert set(rounded[:-3]) == {portrait}


def _blocks(ink: list[list[int]], size: int = 3) -> list[int]:
    """Ink per size × size block (3 px at 20 dpi ≈ 4 mm): thin strokes need not hit the same pixels."""
    rows, columns = len(ink) // size, len(ink[0]) // size
    return [
        sum(ink[y * size + i][x * size + j] for i in range(size) for j in range(size))
        for y in range(rows)
        for x in range(columns)
    ]


def test_a_name_card_reads_upright_from_both_sides_of_the_tent(pdf: Path, tmp_path: Path) -> None:
    """Turning the flat card by 180° gives the same picture: the upper face is the lower one upside down."""
    width, height, pixels = _gray_page(pdf, len(_page_sizes(pdf)), tmp_path / "card")
    ink = [[1 if pixels[y * width + x] < 128 else 0 for x in range(width)] for y in range(height)]
    assert sum(map(sum, ink)) > 0.03 * width * height, "the name should be large and black"
    turned = [row[::-1] for row in ink[::-1]]
    assert statistics.correlation(_blocks(ink), _blocks(turned)) > 0.85
    # and the faces are not the same picture twice (that would read upside down from the back)
    half = height // 2
    upper, lower = ink[:half], ink[height - half :]
    assert statistics.correlation(_blocks(upper), _blocks(lower)) < 0.6


def test_a_page_can_be_pictured(pdf: Path, tmp_path: Path) -> None:
    subprocess.run(["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(tmp_path / "page1")], check=True)
    picture = tmp_path / "page1.png"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert picture.stat().st_size > 10_000
