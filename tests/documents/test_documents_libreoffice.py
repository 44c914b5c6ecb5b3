"""The very files a user gets (every sample, every template, generated specs) rendered by LibreOffice, measured in the PDF.

Type area (GB/T 9704-2012 §5.2.1) in PDF points, y measured down from the top of the page.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.documents import render_document, write_templates
from generator.documents.libreoffice import render_pdfs
from generator.documents.typeset import words
from tests.documents.documents_helpers import NOTICE, long_notice, write_root

pytestmark = [pytest.mark.libreoffice]

MM = 72 / 25.4
TYPE_TOP, TYPE_BOTTOM = 37 * MM, (297 - 35) * MM
TYPE_LEFT, TYPE_RIGHT = 28 * MM, (210 - 26) * MM
PAGE_NUMBER_INDENT = 14  # one 4号 character, in points
SAMPLES = sorted((Path(__file__).resolve().parents[2] / "content" / "documents").glob("*.yml"))
SANS = ("Sans", "Hei", "Gothic")


class Rendering:
    """One PDF opened with pdfplumber: its printed lines per page, with fonts and positions."""

    def __init__(self, pdf: Path) -> None:
        with pdfplumber.open(pdf) as document:
            self.pages = [self._lines(page.chars) for page in document.pages]
            self.red_rules = [[r for r in page.rects + page.lines if _is_red(r)] for page in document.pages]
            self.rules = [[r for r in page.rects + page.lines if r["width"] > 300] for page in document.pages]

    @staticmethod
    def _lines(chars: list[dict]) -> list[list[dict]]:
        rows: dict[int, list[dict]] = defaultdict(list)
        for char in chars:
            if char["text"].strip():
                rows[round(char["top"])].append(char)
        return [sorted(rows[y], key=lambda c: c["x0"]) for y in sorted(rows)]

    def text(self, line: list[dict]) -> str:
        return "".join(c["text"] for c in line)

    def body_lines(self, page: int) -> list[list[dict]]:
        return [line for line in self.pages[page - 1] if line[0]["top"] > TYPE_TOP - 2 and line[0]["bottom"] < TYPE_BOTTOM + 1]

    def find(self, text: str, size: float | None = None) -> tuple[int, list[dict]]:
        for number, page in enumerate(self.pages, start=1):
            for line in page:
                if text in self.text(line) and size in (None, line[0]["size"]):
                    return number, line
        raise AssertionError(f"{text} not printed")


def _is_red(rect: dict) -> bool:
    colour = rect.get("stroking_color") if rect["object_type"] == "line" else rect.get("non_stroking_color")
    return bool(colour) and len(colour) == 3 and colour[0] > 0.9 and colour[1] < 0.1 and colour[2] < 0.1


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendering]:
    """Every sample, every template and a long notice, converted in one LibreOffice run."""
    root = tmp_path_factory.mktemp("lo")
    write_root(root, {"long": long_notice()})
    out = root / "out"
    files = [render_document(spec, out / f"{spec.stem}.docx")[0] for spec in SAMPLES]
    files.append(render_document(root / "content" / "documents" / "long.yml", out / "long.docx", root=root)[0])
    files += write_templates(out / "templates")
    pdfs = render_pdfs(files, out / "pdf")
    return {pdf.stem: Rendering(pdf) for pdf in pdfs}


ALL = [spec.stem for spec in SAMPLES] + ["notice", "meeting_notice", "request", "report", "minutes", "letter", "long"]


def test_a_full_page_has_22_lines_of_28_characters(rendered: dict[str, Rendering]) -> None:
    lines = rendered["long"].body_lines(2)
    assert len(lines) == 22
    pitch = (lines[-1][0]["top"] - lines[0][0]["top"]) / 21
    assert abs(pitch - 225 * MM / 22) < 0.5  # 28.95 pt: the grid pitch, filling the 225 mm type area
    counts = [len(rendered["long"].text(line)) for line in lines]
    assert max(counts) == 28 and counts.count(28) >= 10  # each paragraph: 26 (indented), 28, 28, 26


@pytest.mark.parametrize("name", ALL)
def test_no_line_holds_more_than_28_characters_and_full_ones_fill_the_type_area(rendered: dict[str, Rendering], name: str) -> None:
    doc = rendered[name]
    for page in range(1, len(doc.pages) + 1):
        for line in doc.body_lines(page):
            if line[0]["size"] == 16 and all(not c["text"].isascii() for c in line):
                assert len(line) <= 28 or (len(line) == 29 and line[-1]["x0"] > TYPE_RIGHT - 2)  # hanging 。，
                if len(line) == 28:
                    assert line[0]["x0"] == pytest.approx(TYPE_LEFT, abs=1)
                    assert TYPE_RIGHT - 3 < line[-1]["x1"] < TYPE_RIGHT + 16  # last may be hanging punctuation


@pytest.mark.parametrize("name", ALL)
def test_the_closing_block_is_on_the_last_page_and_it_is_even(rendered: dict[str, Rendering], name: str) -> None:
    doc = rendered[name]
    page, line = doc.find("印发", 14) if name not in ("letter", "traffic-support-letter") else (len(doc.pages), None)
    if line is None:
        return  # 信函格式: no 印发 line (§9.1); the letters' cc is checked by test_the_letter…
    assert page == len(doc.pages)
    assert page % 2 == 0
    assert line[-1]["bottom"] < TYPE_BOTTOM + 1 and line[0]["top"] > TYPE_BOTTOM - 12 * MM


@pytest.mark.parametrize("name", ALL)
def test_page_numbers_sit_right_on_odd_and_left_on_even_pages(rendered: dict[str, Rendering], name: str) -> None:
    doc = rendered[name]
    for number, page in enumerate(doc.pages, start=1):
        footer = [line for line in page if line[0]["top"] > TYPE_BOTTOM]
        if not footer:
            assert name in ("letter", "traffic-support-letter") and number == 1  # §9.1: 首页不显示页码
            continue
        (line,) = footer
        assert doc.text(line) == f"—{number}—"
        if number % 2:
            assert abs(line[-1]["x1"] - (TYPE_RIGHT - PAGE_NUMBER_INDENT)) < 3  # 单页码居右空一字
        else:
            assert abs(line[0]["x0"] - (TYPE_LEFT + PAGE_NUMBER_INDENT)) < 3  # 双页码居左空一字


@pytest.mark.parametrize("name", ALL)
def test_the_mark_is_one_line_and_the_body_is_not_sans(rendered: dict[str, Rendering], name: str) -> None:
    doc = rendered[name]
    big = [line for line in doc.pages[0] if line[0]["size"] > 22]
    assert len(big) == 1  # the red mark: one line
    body = [c for page in range(1, len(doc.pages) + 1) for line in doc.body_lines(page) for c in line
            if c["size"] == 16 and not c["text"].isascii()]
    regular = [c for c in body if not any(s in c["fontname"] for s in SANS)]
    assert len(regular) > len(body) / 2  # 仿宋 body (黑体 labels and headings are sans by design)
    assert not any(s in c["fontname"] for c in big[0] for s in SANS)


@pytest.mark.parametrize("name", [n for n in ALL if "letter" not in n])
def test_the_red_rule_is_4_mm_below_the_number_and_as_wide_as_the_type_area(rendered: dict[str, Rendering], name: str) -> None:
    doc = rendered[name]
    number_line = next(line for line in doc.pages[0] if "〔" in doc.text(line) and line[0]["size"] == 16)
    rule = min((r for r in doc.red_rules[0] if r["width"] > 400), key=lambda r: r["top"])
    assert rule["width"] == pytest.approx(TYPE_RIGHT - TYPE_LEFT, abs=2)
    baseline_gap = rule["top"] - number_line[0]["bottom"]
    assert 2 * MM < baseline_gap < 6 * MM  # §7.2.7: 发文字号之下 4 mm


def test_signers_never_wrap_and_titles_break_between_words(rendered: dict[str, Rendering]) -> None:
    doc = rendered["flood-supplies-request"]
    _, line = doc.find("签发人")
    assert doc.text(line).endswith("签发人：林振华")
    title = [doc.text(row) for row in doc.pages[0] if row[0]["size"] == 22]
    assert title == ["关于申请2025年度防汛防台", "应急物资补助资金的请示"]


# ------------------------------------------------------------------ generated specs
names = st.text(alphabet="青禾南屿东西新区县镇街道人民政府办公室发展改革委员会财政应急管理局", min_size=2, max_size=16)
sentences = st.lists(st.sampled_from([
    "各单位要严格执行值班制度，确保信息报送及时准确。", "全年主动公开信息1200条，办理申请63件。",
    "请于2025年4月30日前报送区政府总值班室。", "会议原则同意该实施方案，由区住建局修改完善后印发。",
]), min_size=1, max_size=12)


@st.composite
def specs(draw: st.DrawFn) -> str:
    issuer = draw(names)
    paragraphs = draw(st.lists(sentences.map("".join), min_size=1, max_size=14))
    title = "关于" + draw(st.sampled_from(["做好", "加强", "进一步规范"])) + draw(names) + draw(
        st.sampled_from(["汛期值班值守工作", "安全生产大检查和隐患排查治理工作", "政务公开"])) + "的通知"
    body = "\n\n".join(f"  {p}" for p in paragraphs)
    cc = draw(st.lists(names, max_size=6))
    text = NOTICE.split("title:")[0].replace("青禾区人民政府办公室", issuer + "办公室", 1)
    text += f"title: {title}\nto:\n  - 各街道办事处\nbody: |\n{body}\ndate: 2025-04-18\n"
    if draw(st.booleans()):
        text += "attachments:\n  - 汛期值班表\n"
    if cc:
        text += "cc:\n" + "".join(f"  - {name}\n" for name in cc)
    return text


@settings(max_examples=1, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=st.lists(specs(), min_size=10, max_size=10))
def test_generated_notices_keep_every_rule(tmp_path_factory: pytest.TempPathFactory, batch: list[str]) -> None:
    """Ten generated notices in one LibreOffice run: 版记 on the last, even page; titles whole-word lines."""
    root = tmp_path_factory.mktemp("generated")
    write_root(root, {f"g{i}": text for i, text in enumerate(batch)})
    files = [render_document(root / "content" / "documents" / f"g{i}.yml", root / f"g{i}.docx", root=root)[0]
             for i in range(len(batch))]
    for text, pdf in zip(batch, render_pdfs(files, root / "pdf"), strict=True):
        doc = Rendering(pdf)
        page, _ = doc.find("印发", 14)
        assert page == len(doc.pages) and page % 2 == 0, text
        title = text.split("title: ")[1].split("\n")[0]
        lines = [doc.text(row) for row in doc.pages[0] if row[0]["size"] == 22]
        assert "".join(lines) == title
        position = 0
        cuts = []
        for line in lines[:-1]:
            position += len(line)
            cuts.append(position)
        ends, total = set(), 0
        for word in words(title):
            total += len(word)
            ends.add(total)
        assert set(cuts) <= ends, (title, lines)
        assert len([row for row in doc.pages[0] if row[0]["size"] > 22]) == 1  # mark on one line
    shutil.rmtree(root)
