"""The very files a user gets (every sample, every template, generated specs) rendered by LibreOffice, measured in the PDF.

Type area (GB/T 9704-2012 §5.2.1) in PDF points, y measured down from the top of the page. Each check
is a function applied to the fixed set and to the generated set alike.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.documents import render_document, write_templates
from generator.documents.libreoffice import render_pdfs
from generator.documents.typeset import words
from tests.documents.documents_helpers import NOTICE, REQUEST, long_notice, write_root

pytestmark = [pytest.mark.libreoffice]

MM = 72 / 25.4
TYPE_TOP, TYPE_BOTTOM = 37 * MM, (297 - 35) * MM
TYPE_LEFT, TYPE_RIGHT = 28 * MM, (210 - 26) * MM
PAGE_NUMBER_INDENT = 14  # one 4号 character, in points
SAMPLES = sorted((Path(__file__).resolve().parents[2] / "content" / "documents").glob("*.yml"))
SANS = ("Sans", "Hei", "Gothic")
LETTERS = ("letter", "traffic-support-letter")

Line = list[dict]


class Rendering:
    """One PDF opened with pdfplumber: its printed lines per page, with fonts and positions, and its rules."""

    def __init__(self, pdf: Path) -> None:
        with pdfplumber.open(pdf) as document:
            self.pages = [self._lines(page.chars) for page in document.pages]
            self.red_rules = [[r for r in page.rects + page.lines if _is_red(r)] for page in document.pages]

    @staticmethod
    def _lines(chars: list[dict]) -> list[Line]:
        rows: dict[int, Line] = defaultdict(list)
        for char in chars:
            if char["text"].strip():
                rows[round(char["top"])].append(char)
        return [sorted(rows[y], key=lambda c: c["x0"]) for y in sorted(rows)]

    @staticmethod
    def text(line: Line) -> str:
        return "".join(c["text"] for c in line)

    def body_lines(self, page: int) -> list[Line]:
        return [line for line in self.pages[page - 1] if line[0]["top"] > TYPE_TOP - 2 and line[0]["bottom"] < TYPE_BOTTOM + 1]

    def find(self, text: str, size: float | None = None) -> tuple[int, Line]:
        for number, page in enumerate(self.pages, start=1):
            for line in page:
                if text in self.text(line) and size in (None, line[0]["size"]):
                    return number, line
        raise AssertionError(f"{text} not printed")

    def sized(self, page: int, size: float) -> list[str]:
        return [self.text(line) for line in self.pages[page - 1] if line[0]["size"] == size]


def _is_red(shape: dict) -> bool:
    colour = shape.get("stroking_color") if shape["object_type"] == "line" else shape.get("non_stroking_color")
    return bool(colour) and len(colour) == 3 and colour[0] > 0.9 and colour[1] < 0.1 and colour[2] < 0.1


# ------------------------------------------------------------------ the checks
def check_lines_hold_28_characters(doc: Rendering) -> None:
    for page in range(1, len(doc.pages) + 1):
        for line in doc.body_lines(page):
            if line[0]["size"] == 16 and all(not c["text"].isascii() for c in line):
                assert len(line) <= 28 or (len(line) == 29 and line[-1]["x0"] > TYPE_RIGHT - 2)  # hanging 。，
                if len(line) == 28:
                    assert line[0]["x0"] == pytest.approx(TYPE_LEFT, abs=1)
                    assert TYPE_RIGHT - 3 < line[-1]["x1"] < TYPE_RIGHT + 16


def check_closing_block_on_the_last_even_page(doc: Rendering, last_line: str = "印发") -> None:
    page, line = doc.find(last_line, 14)
    assert page == len(doc.pages) and page % 2 == 0
    assert line[0]["top"] > TYPE_BOTTOM - 12 * MM and line[-1]["bottom"] < TYPE_BOTTOM + 1
    body_after = [row for row in doc.pages[-1] if row[0]["size"] == 16 and row[0]["top"] > line[0]["top"]]
    assert body_after == []  # nothing of the main text (附注 included) after the 版记


def check_page_numbers(doc: Rendering, *, letter: bool = False) -> None:
    blank = [number for number, page in enumerate(doc.pages, start=1) if not page]
    unnumbered = set(blank) | ({blank[0] + 1} if blank else set()) | ({1} if letter else set())
    assert not blank or blank == [len(doc.pages) - 1]  # only ever the page before the 版记 page
    for number, page in enumerate(doc.pages, start=1):
        footer = [line for line in page if line[0]["top"] > TYPE_BOTTOM]
        if number in unnumbered:
            assert footer == []  # §7.5 空白页和版记页均不编排页码; §9.1 信函首页不显示页码
            continue
        (line,) = footer
        assert doc.text(line) == f"—{number}—"
        if number % 2:
            assert abs(line[-1]["x1"] - (TYPE_RIGHT - PAGE_NUMBER_INDENT)) < 3  # 单页码居右空一字
        else:
            assert abs(line[0]["x0"] - (TYPE_LEFT + PAGE_NUMBER_INDENT)) < 3  # 双页码居左空一字


def check_mark_on_one_line_and_serif_body(doc: Rendering) -> None:
    big = [line for line in doc.pages[0] if line[0]["size"] > 22]
    assert len(big) == 1
    assert not any(s in c["fontname"] for c in big[0] for s in SANS)  # 小标宋 → a Song face
    body = [c for page in range(1, len(doc.pages) + 1) for line in doc.body_lines(page) for c in line
            if c["size"] == 16 and not c["text"].isascii()]
    regular = [c for c in body if not any(s in c["fontname"] for s in SANS)]
    assert len(regular) > len(body) / 2  # 仿宋 body (黑体 labels and headings are sans by design)


def check_red_rule_under_the_number(doc: Rendering) -> None:
    number_line = max((line for line in doc.pages[0] if "〔" in doc.text(line) and line[0]["size"] == 16),
                      key=lambda line: line[0]["top"])
    rule = min((r for r in doc.red_rules[0] if r["width"] > 400), key=lambda r: r["top"])
    assert rule["width"] == pytest.approx(TYPE_RIGHT - TYPE_LEFT, abs=2)
    assert 2.5 * MM < rule["top"] - number_line[0]["bottom"] < 5.5 * MM  # §7.2.7: 发文字号之下 4 mm


def check_title_broken_between_words(doc: Rendering, title: str) -> None:
    lines = doc.sized(1, 22)
    assert "".join(lines) == title
    ends, total = set(), 0
    for word in words(title):
        total += len(word)
        ends.add(total)
    cuts = [sum(len(line) for line in lines[: i + 1]) for i in range(len(lines) - 1)]
    assert set(cuts) <= ends, lines


def check_signers(doc: Rendering, number: str, signers: list[str]) -> None:
    rows = [doc.text(line) for line in doc.pages[0] if line[0]["size"] == 16 and line[0]["top"] < 130 * MM]
    named = [row for row in rows if any(name in row for name in signers)]
    pairs = [signers[i:i + 2] for i in range(0, len(signers), 2)]
    assert len(named) == len(pairs)  # two to a line (§7.2.6), none wrapped onto a line of its own
    assert "签发人：" in named[0]
    for row, pair in zip(named, pairs, strict=True):
        assert row.replace("\u3000", "").endswith("".join(pair))
    assert number in named[-1]  # 发文字号与最后一个签发人姓名处在同一行


# ------------------------------------------------------------------ every sample, every template
@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendering]:
    """Every sample, every template, a long notice and one that fills an even page, in one LibreOffice run."""
    root = tmp_path_factory.mktemp("lo")
    write_root(root, {"long": long_notice(), "filled": long_notice(7)})
    out = root / "out"
    files = [render_document(spec, out / f"{spec.stem}.docx")[0] for spec in SAMPLES]
    files += [render_document(root / "content" / "documents" / f"{name}.yml", out / f"{name}.docx", root=root)[0]
              for name in ("long", "filled")]
    files += write_templates(out / "templates")
    return {pdf.stem: Rendering(pdf) for pdf in render_pdfs(files, out / "pdf")}


ALL = [spec.stem for spec in SAMPLES] + ["notice", "meeting_notice", "request", "report", "minutes", "letter",
                                         "long", "filled"]


def test_a_full_page_has_22_lines_of_28_characters(rendered: dict[str, Rendering]) -> None:
    pitch = 225 * MM / 22  # 28.95 pt: the grid pitch, filling the 225 mm type area
    lines = rendered["long"].body_lines(2)
    assert len(lines) == 22
    assert abs((lines[-1][0]["top"] - lines[0][0]["top"]) / 21 - pitch) < 0.05
    # page 1: the header's lines end on the grid, so its last line is the 22nd, where page 2's is
    first = [line for line in rendered["long"].body_lines(1) if line[0]["size"] == 16]
    assert abs(first[-1][0]["top"] - lines[-1][0]["top"]) < 0.5
    assert all(abs((line[0]["top"] - lines[0][0]["top"]) / pitch - round((line[0]["top"] - lines[0][0]["top"]) / pitch)) < 0.05
               for line in first)
    counts = [len(Rendering.text(line)) for line in rendered["long"].body_lines(2)]
    assert max(counts) == 28 and counts.count(28) >= 10  # each paragraph: 26 (indented), 28, 28, 26


@pytest.mark.parametrize("name", ALL)
def test_lines_hold_28_characters(rendered: dict[str, Rendering], name: str) -> None:
    check_lines_hold_28_characters(rendered[name])


@pytest.mark.parametrize("name", [n for n in ALL if n != "traffic-support-letter"])  # that letter has no cc
def test_the_closing_block_is_on_the_last_page_and_it_is_even(rendered: dict[str, Rendering], name: str) -> None:
    check_closing_block_on_the_last_even_page(rendered[name], "抄送" if name == "letter" else "印发")  # §9.1: 函只有抄送


def test_a_full_even_page_is_followed_by_an_empty_page_and_neither_is_numbered(rendered: dict[str, Rendering]) -> None:
    doc = rendered["filled"]
    assert len(doc.pages) == 4 and doc.pages[2] == []
    check_page_numbers(doc)


@pytest.mark.parametrize("name", ALL)
def test_page_numbers_sit_right_on_odd_and_left_on_even_pages(rendered: dict[str, Rendering], name: str) -> None:
    check_page_numbers(rendered[name], letter=name in LETTERS)


@pytest.mark.parametrize("name", ALL)
def test_the_mark_is_one_line_and_the_body_is_not_sans(rendered: dict[str, Rendering], name: str) -> None:
    check_mark_on_one_line_and_serif_body(rendered[name])


@pytest.mark.parametrize("name", [n for n in ALL if n not in LETTERS])
def test_the_red_rule_is_4_mm_below_the_number(rendered: dict[str, Rendering], name: str) -> None:
    check_red_rule_under_the_number(rendered[name])


def test_the_samples_titles_break_between_words_and_the_signer_stays_on_one_line(rendered: dict[str, Rendering]) -> None:
    doc = rendered["flood-supplies-request"]
    assert doc.sized(1, 22) == ["关于申请2025年度防汛防台", "应急物资补助资金的请示"]
    check_signers(doc, "青政〔2025〕9号", ["林振华"])
    for name, spec in zip(ALL, SAMPLES, strict=False):
        title = re.search(r"^title: (.+)$", spec.read_text(encoding="utf-8"), re.M).group(1)
        check_title_broken_between_words(rendered[name], title)


def test_the_letter_has_its_mark_in_the_top_margin_and_no_page_number_on_page_1(rendered: dict[str, Rendering]) -> None:
    _, mark = rendered["traffic-support-letter"].find("青禾区人民政府办公室", 26)
    assert 27 * MM < mark[0]["top"] < 34 * MM  # 上边缘至上页边 30 mm (the box starts a little above the ink)


def test_the_meeting_notice_carries_its_reply_form_on_its_own_page(rendered: dict[str, Rendering]) -> None:
    doc = rendered["safety-meeting-notice"]
    page, label = next((n, line) for n, p in enumerate(doc.pages, 1) for line in p if Rendering.text(line) == "附件")
    assert label[0]["top"] < TYPE_TOP + 10  # 另面编排: first line of its page
    assert doc.find("参会回执", 22)[0] == page


# ------------------------------------------------------------------ generated specs
ORGANS = "青禾南屿东西新区县镇街道人民政府办公室发展和改革委员会财政应急管理局"
issuers = st.text(alphabet=ORGANS, min_size=4, max_size=18)
names = st.text(alphabet="林振华沈晓岚顾国平方卫东叶秋实欧阳", min_size=2, max_size=4)
sentences = st.lists(st.sampled_from([
    "各单位要严格执行值班制度，确保信息报送及时准确。", "全年主动公开信息1200条，办理申请63件。",
    "请于2025年4月30日前报送区政府总值班室。", "会议原则同意该实施方案，由区住建局修改完善后印发。",
]), min_size=1, max_size=10)
subjects = st.sampled_from(["汛期值班值守工作", "安全生产大检查和隐患排查治理工作", "政务公开",
                            "城镇老旧小区改造和背街小巷环境综合整治工作"])


@st.composite
def specs(draw: st.DrawFn) -> dict:
    """A notice or a request: long bodies and titles, long issuers, several signers, with or without cc and attachments."""
    kind = draw(st.sampled_from(["notice", "request"]))
    issuer = draw(issuers) + "办公室"
    title = "关于" + draw(st.sampled_from(["做好", "加强", "进一步规范"])) + draw(issuers) + draw(subjects) + \
        ("的通知" if kind == "notice" else "的请示")
    paragraphs = draw(st.lists(sentences.map("".join), min_size=1, max_size=16))
    template = NOTICE if kind == "notice" else REQUEST
    head = template.split("title:")[0].replace("青禾区人民政府办公室" if kind == "notice" else "青禾区人民政府", issuer, 1)
    signers = draw(st.lists(names, min_size=1, max_size=4, unique=True)) if kind == "request" else []
    if signers:
        head = re.sub(r"signer: .*", "signer: " + "、".join(signers), head)
    text = head + f"title: {title}\nto:\n  - 南屿市人民政府\nbody: |\n" + "\n\n".join(f"  {p}" for p in paragraphs)
    text += "\ndate: 2025-04-18\n"
    if draw(st.booleans()):
        text += "attachments:\n  - 汛期值班表\n  - 突发事件信息报告模板\n"
    cc = draw(st.lists(issuers, max_size=8))
    if cc:
        text += "cc:\n" + "".join(f"  - {name}\n" for name in cc)
    number = re.search(r"prefix: (\S+)\n\s+year: (\d+)\n\s+seq: (\d+)", text)
    return {"text": text, "title": title, "signers": signers,
            "number": f"{number.group(1)}〔{number.group(2)}〕{number.group(3)}号"}


@settings(max_examples=1, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(batch=st.lists(specs(), min_size=10, max_size=10))
def test_generated_documents_keep_every_rule(tmp_path_factory: pytest.TempPathFactory, batch: list[dict]) -> None:
    """Ten generated documents rendered in one LibreOffice run; every check holds for each."""
    root = tmp_path_factory.mktemp("generated")
    write_root(root, {f"g{i}": spec["text"] for i, spec in enumerate(batch)})
    files = [render_document(root / "content" / "documents" / f"g{i}.yml", root / f"g{i}.docx", root=root)[0]
             for i in range(len(batch))]
    for spec, pdf in zip(batch, render_pdfs(files, root / "pdf"), strict=True):
        doc = Rendering(pdf)
        check_lines_hold_28_characters(doc)
        check_closing_block_on_the_last_even_page(doc)
        check_page_numbers(doc)
        check_mark_on_one_line_and_serif_body(doc)
        check_red_rule_under_the_number(doc)
        check_title_broken_between_words(doc, spec["title"])
        if spec["signers"]:
            check_signers(doc, spec["number"], spec["signers"])
