"""Generated documents rendered by LibreOffice to PDF, measured where a reader would look.

Type area (GB/T 9704-2012 §5.2.1) in PDF points, y measured down from the top of the page.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from generator.documents import render_document
from generator.documents.preview import libreoffice_preview, render_pdf
from tests.documents.documents_helpers import SPECS, long_notice, words_on_page, write_root

pytestmark = [
    pytest.mark.libreoffice,
]

MM = 72 / 25.4
TYPE_TOP, TYPE_BOTTOM = 37 * MM, (297 - 35) * MM
TYPE_LEFT, TYPE_RIGHT = 28 * MM, (210 - 26) * MM
PAGE_NUMBER_INDENT = 14  # one 4号 character, in points
NAMES = ("notice", "letter", "meeting_notice", "minutes", "long")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Render each spec once with LibreOffice; “<name>-preview” is the 98 % glyph-width preview."""
    root = tmp_path_factory.mktemp("lo")
    write_root(root, {**SPECS, "long": long_notice()})
    out = root / "out"
    result: dict[str, Path] = {}
    for name in NAMES:
        docx, _ = render_document(root / "content" / "documents" / f"{name}.yml", out / f"{name}.docx", root=root)
        result[name] = render_pdf(docx, out)
    preview = out / "long-preview.docx"
    preview.write_bytes(libreoffice_preview((out / "long.docx").read_bytes()))
    result["long-preview"] = render_pdf(preview, out)
    return result


def bbox(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def page_text(pdf: Path, page: int) -> str:
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", text)


def body_lines(pdf: Path, page: int) -> list[list[tuple[float, float, float, float, str]]]:
    """Words inside the type area grouped into printed lines, top to bottom."""
    lines: dict[int, list[tuple[float, float, float, float, str]]] = {}
    for word in words_on_page(bbox(pdf), page):
        if word[1] > TYPE_TOP and word[3] < TYPE_BOTTOM + 1:
            lines.setdefault(round(word[1]), []).append(word)
    return [sorted(lines[y]) for y in sorted(lines)]


def page_number(pdf: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    return [w for w in words_on_page(bbox(pdf), page) if w[1] > TYPE_BOTTOM]


@pytest.mark.parametrize("name", NAMES)
def test_every_page_is_a4(pdfs: dict[str, Path], name: str) -> None:
    info = subprocess.run(["pdfinfo", str(pdfs[name])], check=True, capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)


@pytest.mark.parametrize("name", ["long", "long-preview"])
def test_a_full_body_page_has_22_lines(pdfs: dict[str, Path], name: str) -> None:
    lines = body_lines(pdfs[name], 2)
    assert len(lines) == 22
    pitch = (lines[-1][0][1] - lines[0][0][1]) / 21
    assert abs(pitch - 225 * MM / 22) < 0.5  # 28.95 pt: the grid pitch, filling the 225 mm type area


def test_the_preview_shows_28_characters_on_a_full_line(pdfs: dict[str, Path]) -> None:
    lines = body_lines(pdfs["long-preview"], 2)
    counts = [len("".join(word[4] for word in line)) for line in lines]
    assert max(counts) == 28
    assert counts.count(28) >= 8  # first and last lines of paragraphs and line-breaking rules make the rest


@pytest.mark.parametrize(("name", "title"), [
    ("notice", "关于做好汛期值班工作的通知"), ("letter", "关于商请协助做好调研交通保障工作的函"),
    ("minutes", "区政府第12次常务会议纪要"), ("meeting_notice", "关于召开全区安全生产工作会议的通知"),
])
def test_the_title_is_on_page_1(pdfs: dict[str, Path], name: str, title: str) -> None:
    assert title in page_text(pdfs[name], 1)


def test_page_numbers_sit_outside_right_on_odd_and_left_on_even_pages(pdfs: dict[str, Path]) -> None:
    first, second = page_number(pdfs["long"], 1), page_number(pdfs["long"], 2)
    assert [w[4] for w in first] == ["—", "1", "—"]
    assert [w[4] for w in second] == ["—", "2", "—"]
    assert abs(first[-1][2] - (TYPE_RIGHT - PAGE_NUMBER_INDENT)) < 3  # 单页码居右空一字
    assert abs(second[0][0] - (TYPE_LEFT + PAGE_NUMBER_INDENT)) < 3  # 双页码居左空一字
    middle = (first[1][1] + first[1][3]) / 2
    assert abs(middle - (TYPE_BOTTOM + 7 * MM)) < 3  # 一字线上距版心下边缘 7 mm


def test_the_red_mark_starts_35_mm_into_the_type_area(pdfs: dict[str, Path]) -> None:
    mark = next(w for w in words_on_page(bbox(pdfs["notice"]), 1) if w[4] == "青禾区人民政府办公室文件")
    assert abs(mark[1] - (TYPE_TOP + 35 * MM)) < 4 * MM


def test_the_closing_block_ends_on_the_lower_edge_of_the_last_page(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["notice"]
    last = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout).group(1))
    words = words_on_page(bbox(pdf), last)
    printed = [w for w in words if w[4].endswith("印发")]
    cc = [w for w in words if w[4].startswith("抄送")]
    assert printed and cc
    assert TYPE_BOTTOM - 12 * MM < printed[0][3] < TYPE_BOTTOM
    assert cc[0][3] < printed[0][1]  # 抄送 above 印发


def test_the_letter_has_its_mark_in_the_top_margin_and_no_page_number_on_page_1(pdfs: dict[str, Path]) -> None:
    words = words_on_page(bbox(pdfs["letter"]), 1)
    mark = next(w for w in words if w[4] == "青禾区人民政府办公室")
    assert 27 * MM < mark[1] < 34 * MM  # 上边缘至上页边 30 mm (the PDF box starts a little above the ink)
    assert page_number(pdfs["letter"], 1) == []


def test_the_meeting_notice_carries_its_reply_form(pdfs: dict[str, Path]) -> None:
    pdf = pdfs["meeting_notice"]
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout).group(1))
    last = page_text(pdf, pages)
    assert last.startswith("附件参会回执单位姓名职务联系电话备注")
