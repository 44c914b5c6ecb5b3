"""Generated documents reopened with python-docx: every GB/T 9704-2012 figure read back from the XML."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from generator.documents import layout, render_document, styles
from tests.documents.documents_helpers import (
    LETTER,
    SPECS,
    border_of,
    east_asia_font,
    field_codes,
    paragraph_by_style,
)

ALL_TYPES = list(SPECS)


def near(actual: int | None, expected: int, tolerance: int = int(Mm(0.1))) -> bool:
    return actual is not None and abs(actual - expected) <= tolerance


def style_size(word: WordDocument, name: str) -> float:
    style = word.styles[name]
    while style.font.size is None:
        style = style.base_style
    return style.font.size.pt


class TestPageSetup:
    @pytest.mark.parametrize("kind", ALL_TYPES)
    def test_is_a4_with_the_standard_margins(self, rendered: dict[str, WordDocument], kind: str) -> None:
        section = rendered[kind].sections[0]
        assert near(section.page_width, Mm(210)) and near(section.page_height, Mm(297))
        assert near(section.top_margin, Mm(37))
        assert near(section.left_margin, Mm(28))
        assert near(section.right_margin, Mm(26))
        assert near(section.bottom_margin, Mm(35))
        type_width = section.page_width - section.left_margin - section.right_margin
        type_height = section.page_height - section.top_margin - section.bottom_margin
        assert near(type_width, Mm(156)) and near(type_height, Mm(225))

    @pytest.mark.parametrize("kind", ALL_TYPES)
    def test_has_a_grid_of_22_lines_and_28_characters(self, rendered: dict[str, WordDocument], kind: str) -> None:
        section = rendered[kind].sections[0]
        grid = section._sectPr.find(qn("w:docGrid"))
        assert grid.get(qn("w:type")) == "lines"  # ECMA-376 ST_DocGrid: line pitch only
        assert grid.get(qn("w:charSpace")) is None
        pitch = int(grid.get(qn("w:linePitch")))
        assert 575 <= pitch <= 580
        height_twips = (section.page_height - section.top_margin - section.bottom_margin) / 635
        assert int(height_twips // pitch) == 22
        normal = rendered[kind].styles["Normal"].element.rPr
        condensed = int(normal.find(qn("w:spacing")).get(qn("w:val")))  # twentieths of a point
        char_pitch_pt = 16 + condensed / 20
        width_pt = (section.page_width - section.left_margin - section.right_margin) / 12700
        assert char_pitch_pt == 15.75 and int(width_pt // char_pitch_pt) == 28

    def test_sets_the_grid_on_a_16_point_default(self, rendered: dict[str, WordDocument]) -> None:
        word = rendered["notice"]
        assert word.styles["Normal"].font.size == Pt(16)
        defaults = word.styles.element.find(qn("w:docDefaults"))
        assert defaults.find(f".//{qn('w:sz')}").get(qn("w:val")) == "32"


class TestFonts:
    def test_writes_east_asian_fonts_explicitly_and_no_theme_fonts(self, rendered: dict[str, WordDocument]) -> None:
        word = rendered["notice"]
        xml = word.styles.element.xml
        for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
            assert theme not in xml
        defaults = word.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
        assert east_asia_font(defaults) == "仿宋_GB2312"
        assert defaults.find(f".//{qn('w:lang')}").get(qn("w:eastAsia")) == "zh-CN"

    @pytest.mark.parametrize(
        ("style", "font", "size"),
        [
            (styles.BODY, "仿宋_GB2312", 16),
            (styles.TITLE, "方正小标宋简体", 22),
            (styles.MARK, "方正小标宋简体", 36),
            (styles.HEADINGS[0], "黑体", 16),
            (styles.HEADINGS[1], "楷体_GB2312", 16),
            (styles.HEADINGS[2], "仿宋_GB2312", 16),
            (styles.HEADINGS[3], "仿宋_GB2312", 16),
            (styles.CLOSING, "仿宋_GB2312", 14),
            (styles.PAGE_NUMBER, "宋体", 14),
            (styles.URGENCY, "黑体", 16),
            (styles.ATTACHMENT_LABEL, "黑体", 16),
        ],
    )
    def test_gives_each_named_style_its_font_and_size(
        self, rendered: dict[str, WordDocument], style: str, font: str, size: int
    ) -> None:
        word = rendered["notice"]
        assert east_asia_font(word.styles[style].element) == font
        assert style_size(word, style) == size

    def test_names_the_signer_in_kaiti(self, rendered: dict[str, WordDocument]) -> None:
        assert east_asia_font(rendered["request"].styles[styles.SIGNER_NAME].element) == "楷体_GB2312"


class TestHeader:
    @pytest.mark.parametrize(("kind", "mark"), [
        ("notice", "青禾区人民政府办公室文件"), ("request", "青禾区人民政府文件"),
        ("minutes", "青禾区人民政府常务会议纪要"),
    ])
    def test_prints_the_mark_in_red_xiaobiaosong(self, rendered: dict[str, WordDocument], kind: str, mark: str) -> None:
        word = rendered[kind]
        (paragraph,) = paragraph_by_style(word, styles.MARK)
        assert paragraph.text == mark
        assert str(word.styles[styles.MARK].font.color.rgb) == "FF0000"
        assert paragraph.alignment in (None, WD_ALIGN_PARAGRAPH.CENTER)
        assert word.styles[styles.MARK].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER

    def test_puts_the_mark_35_mm_into_the_type_area(self, rendered: dict[str, WordDocument]) -> None:
        (paragraph,) = paragraph_by_style(rendered["notice"], styles.MARK)
        before = paragraph.paragraph_format.space_before
        assert Mm(33) <= before <= Mm(35)

    def test_writes_the_number_with_hexagonal_brackets_and_a_red_rule(self, rendered: dict[str, WordDocument]) -> None:
        (number,) = paragraph_by_style(rendered["notice"], styles.NUMBER)
        assert number.text == "青政办发〔2025〕12号"
        rule = border_of(number, "bottom")
        assert rule is not None and rule["val"] == "single" and rule["color"] == "FF0000"
        assert number.paragraph_format.left_indent in (None, 0)  # the rule spans the whole type area
        gap_pt = int(rule["space"]) + (layout.LINE_PITCH.pt - 16) / 2
        assert abs(gap_pt - Mm(4).pt) < 1.5

    @pytest.mark.parametrize("kind", ["request", "report"])
    def test_puts_the_signer_on_the_number_line_of_upward_documents(
        self, rendered: dict[str, WordDocument], kind: str
    ) -> None:
        (number,) = paragraph_by_style(rendered[kind], styles.NUMBER)
        signer = {"request": "林振华", "report": "沈晓岚"}[kind]
        number_text = {"request": "青政〔2025〕9号", "report": "青政办〔2025〕3号"}[kind]
        assert number.text == f"\u3000{number_text}\t签发人：{signer}"
        assert number.runs[-1].style.name == styles.SIGNER_NAME
        (tab,) = number.paragraph_format.tab_stops  # 签发人：+ three names end one character from the right
        assert near(tab.position, Mm(156) - Pt(15.75) * 8, int(Mm(0.2)))

    def test_puts_urgency_at_the_top_left_in_heiti(self, rendered: dict[str, WordDocument]) -> None:
        word = rendered["request"]
        assert word.paragraphs[0].text == "加急"
        assert word.paragraphs[0].style.name == styles.URGENCY


class TestMainPart:
    def test_centres_the_title_in_22_point_xiaobiaosong(self, rendered: dict[str, WordDocument]) -> None:
        (title,) = paragraph_by_style(rendered["notice"], styles.TITLE)
        assert title.text == "关于做好汛期值班工作的通知"
        style = rendered["notice"].styles[styles.TITLE]
        assert style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert style.element.pPr.find(qn("w:snapToGrid")).get(qn("w:val")) == "0"

    def test_leaves_two_lines_between_rule_and_title_and_one_before_the_recipients(
        self, rendered: dict[str, WordDocument]
    ) -> None:
        texts = [p.text for p in rendered["notice"].paragraphs]
        title = texts.index("关于做好汛期值班工作的通知")
        assert texts[title - 2:title] == ["", ""] and texts[title - 3].startswith("青政办发")
        assert texts[title + 1] == "" and texts[title + 2] == "各街道办事处，区政府各部门："

    def test_indents_body_paragraphs_two_characters(self, rendered: dict[str, WordDocument]) -> None:
        ind = rendered["notice"].styles[styles.BODY].element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:firstLineChars")) is None  # twips only: the same two advances everywhere
        assert ind.get(qn("w:firstLine")) == str(2 * 315)  # two advances of 15.75 pt

    def test_numbers_headings_automatically_one_level_each(self, rendered: dict[str, WordDocument]) -> None:
        word = rendered["notice"]
        headings = [(p.style.name, p.text) for p in word.paragraphs if p.style.name in styles.HEADINGS]
        assert headings == [(styles.HEADINGS[0], "总体要求"), (styles.HEADINGS[1], "值班安排"),
                            (styles.HEADINGS[2], "值班人员"), (styles.HEADINGS[3], "带班领导")]
        numbering = word.part.numbering_part.element
        (abstract,) = [a for a in numbering.findall(qn("w:abstractNum"))
                       if a.get(qn("w:abstractNumId")) == str(styles.HEADING_NUMBERING_ID)]
        levels = abstract.findall(qn("w:lvl"))
        assert [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in levels] == ["%1、", "（%2）", "%3.", "（%4）"]
        assert [lvl.find(qn("w:numFmt")).get(qn("w:val")) for lvl in levels] == [
            "chineseCounting", "chineseCounting", "decimal", "decimal"]
        assert [east_asia_font(lvl) for lvl in levels] == ["黑体", "楷体_GB2312", "仿宋_GB2312", "仿宋_GB2312"]
        for level, name in enumerate(styles.HEADINGS):
            ppr = word.styles[name].element.pPr
            assert ppr.find(qn("w:numPr")).find(qn("w:ilvl")).get(qn("w:val")) == str(level)
            assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level)

    def test_lists_attachments_after_a_blank_line(self, rendered: dict[str, WordDocument]) -> None:
        texts = [p.text for p in rendered["notice"].paragraphs]
        index = texts.index("附件：汛期值班表")
        assert texts[index - 1] == ""

    def test_right_aligns_signature_and_date_as_for_an_unsealed_document(self, rendered: dict[str, WordDocument]) -> None:
        word = rendered["notice"]
        (signature,) = paragraph_by_style(word, styles.SIGNATURE)
        (day,) = paragraph_by_style(word, styles.DATE)
        assert signature.text == "青禾区人民政府办公室" and day.text == "2025年4月18日"
        assert word.styles[styles.SIGNATURE].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        signature_right = int(signature._p.pPr.find(qn("w:ind")).get(qn("w:right"))) / 315
        date_right = int(day._p.pPr.find(qn("w:ind")).get(qn("w:right"))) / 315
        # signature 右空二字; the date's first character two characters right of the signature's (§7.3.5.2)
        assert signature_right == pytest.approx(2, abs=0.01)
        signature_start = 28 - signature_right - 10
        date_start = 28 - date_right - (7 * 0.58 + 3)  # “2025年4月18日”: typeset.LATIN_WIDTH per digit
        assert date_start - signature_start == pytest.approx(2, abs=0.01)

    def test_puts_the_note_in_brackets_under_the_date(self, rendered: dict[str, WordDocument]) -> None:
        texts = [p.text for p in rendered["notice"].paragraphs]
        assert texts[texts.index("2025年4月18日") + 1] == "（联系人：杨立，电话：86012345）"


class TestClosingBlock:
    def test_frames_cc_and_printing_at_the_foot_of_the_type_area(self, rendered: dict[str, WordDocument]) -> None:
        closing = [p for p in paragraph_by_style(rendered["notice"], styles.CLOSING) if p.text]
        assert [p.text for p in closing] == ["抄送：区委办公室，区人大常委会办公室。", "青禾区人民政府办公室\t2025年4月18日印发"]
        cc, printed = closing
        frame = printed._p.pPr.find(qn("w:framePr"))
        assert (frame.get(qn("w:vAnchor")), frame.get(qn("w:yAlign"))) == ("margin", "bottom")
        assert int(frame.get(qn("w:w"))) == round(Mm(156) / 635)
        assert cc._p.pPr.find(qn("w:framePr")).get(qn("w:vAnchor")) == "margin"

    def test_draws_a_thick_rule_above_a_thin_rule_between_and_a_thick_rule_below(
        self, rendered: dict[str, WordDocument]
    ) -> None:
        cc, printed = [p for p in paragraph_by_style(rendered["notice"], styles.CLOSING) if p.text]
        thick, thin = str(round(Mm(0.35).pt * 8)), str(round(Mm(0.25).pt * 8))
        assert border_of(cc, "top")["sz"] == thick
        assert border_of(printed, "top")["sz"] == thin
        assert border_of(printed, "bottom")["sz"] == thick
        assert int(thick) > int(thin)

    def test_sets_cc_and_printing_in_14_point_one_character_in(self, rendered: dict[str, WordDocument]) -> None:
        style = rendered["notice"].styles[styles.CLOSING]
        ind = style.element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:left")) == "275" and ind.get(qn("w:right")) == "275"  # one 13.75 pt advance
        (_, printed) = [p for p in paragraph_by_style(rendered["notice"], styles.CLOSING) if p.text]
        (tab,) = printed.paragraph_format.tab_stops
        assert near(tab.position, Mm(156) - Pt(13.75), int(Mm(0.2)))


class TestPageNumbers:
    @pytest.mark.parametrize("kind", ALL_TYPES)
    def test_puts_page_fields_right_on_odd_and_left_on_even_pages(
        self, rendered: dict[str, WordDocument], kind: str
    ) -> None:
        word = rendered[kind]
        settings = word.settings.element
        assert settings.find(qn("w:evenAndOddHeaders")) is not None
        section = word.sections[0]
        odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
        for paragraph, align in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
            assert field_codes(paragraph) == ["PAGE"]
            assert paragraph.text == "— 1 —"  # the field's cached result between two 一字线
            assert paragraph.alignment == align
            assert paragraph.style.name == styles.PAGE_NUMBER
        assert odd._p.pPr.find(qn("w:ind")).get(qn("w:right")) == "280"  # one 14 pt character
        assert even._p.pPr.find(qn("w:ind")).get(qn("w:left")) == "280"

    def test_places_the_page_number_7_mm_under_the_type_area(self, rendered: dict[str, WordDocument]) -> None:
        section = rendered["notice"].sections[0]
        middle_of_number = section.footer_distance + Pt(14) / 2
        assert near(section.bottom_margin - middle_of_number, Mm(7), int(Mm(0.2)))


class TestMeetingNotice:
    def test_states_the_three_essentials_agenda_and_contact(self, rendered: dict[str, WordDocument]) -> None:
        texts = [p.text for p in rendered["meeting_notice"].paragraphs]
        for expected in ("会议时间：2025年4月8日（星期二）上午9:00。", "会议地点：区政府5楼常务会议室。",
                         "参会人员：各街道分管负责同志。", "会议议程：", "1.通报一季度安全生产情况。",
                         "2.部署二季度工作。", "联系方式：联系人：孙浩，电话：86012210。",
                         "请于2025年4月3日前将参会回执（见附件）报送会议联系人。", "附件：参会回执"):
            assert expected in texts
        label = next(p for p in rendered["meeting_notice"].paragraphs if p.text.startswith("会议时间"))
        assert label.runs[0].style.name == styles.LABEL

    def test_attaches_a_reply_form_on_its_own_page(self, rendered: dict[str, WordDocument]) -> None:
        word = rendered["meeting_notice"]
        (table,) = word.tables
        assert [c.text for c in table.rows[0].cells] == ["单位", "姓名", "职务", "联系电话", "备注"]
        assert len(table.rows) == 7
        assert table.rows[0].cells[0].paragraphs[0].style.name == styles.TABLE_HEADER
        (label,) = paragraph_by_style(word, styles.ATTACHMENT_LABEL)
        assert label.text == "附件"
        (title,) = paragraph_by_style(word, styles.ATTACHMENT_TITLE)
        assert title.text == "参会回执"
        assert label.paragraph_format.page_break_before  # 另面编排: the label opens a new page


class TestMinutes:
    def test_lists_attendance_after_the_body_in_the_standard_order(self, rendered: dict[str, WordDocument]) -> None:
        word = rendered["minutes"]
        attendance = [p.text for p in paragraph_by_style(word, styles.ATTENDANCE)]
        assert attendance == ["出席：林振华、沈晓岚、顾国平。", "请假：区审计局局长（出差）。", "列席：区发改局主要负责同志。"]
        assert all(not p.text.startswith(("列席", "请假")) for p in paragraph_by_style(word, styles.BODY))
        first = paragraph_by_style(word, styles.ATTENDANCE)[0]
        assert first.runs[0].text == "出席：" and first.runs[0].style.name == styles.LABEL
        assert east_asia_font(word.styles[styles.LABEL].element) == "黑体"

    def test_has_no_recipients_line(self, rendered: dict[str, WordDocument]) -> None:
        assert paragraph_by_style(rendered["minutes"], styles.RECIPIENTS) == []


class TestLetter:
    def test_prints_mark_and_double_rules_on_the_first_page_only(self, rendered: dict[str, WordDocument]) -> None:
        word = rendered["letter"]
        section = word.sections[0]
        assert section.different_first_page_header_footer
        mark, rule = section.first_page_header.paragraphs
        assert mark.text == "青禾区人民政府办公室" and mark.style.name == styles.MARK
        top, bottom = border_of(rule, "top"), border_of(rule, "bottom")
        assert top["color"] == bottom["color"] == "FF0000"
        assert int(top["sz"]) > int(bottom["sz"])  # 上粗下细
        lower = section.first_page_footer.paragraphs[0]
        assert int(border_of(lower, "top")["sz"]) < int(border_of(lower, "bottom")["sz"])  # 上细下粗
        assert field_codes(lower) == []  # no page number on the first page
        overhang = -int(rule._p.pPr.find(qn("w:ind")).get(qn("w:left")))
        assert near(overhang * 635, Mm(7), int(Mm(0.2)))  # 170 mm long, centred over the 156 mm type area

    def test_places_the_mark_30_mm_from_the_top_and_the_lower_rule_20_mm_from_the_bottom(
        self, rendered: dict[str, WordDocument]
    ) -> None:
        section = rendered["letter"].sections[0]
        assert Mm(28) <= section.header_distance <= Mm(30)
        assert Mm(19) <= section.footer_distance <= Mm(20)

    def test_puts_the_number_flush_right_and_prints_no_printing_line(self, rendered: dict[str, WordDocument]) -> None:
        word = rendered["letter"]
        (number,) = paragraph_by_style(word, styles.NUMBER)
        assert number.text == "青政办函〔2025〕21号" and number.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        closing = [p.text for p in paragraph_by_style(word, styles.CLOSING) if p.text]
        assert closing == ["抄送：区农业农村局。"]
        assert paragraph_by_style(word, styles.MARK) == []  # the mark is in the header, not the body


def test_a_letter_puts_urgency_left_and_the_number_right_on_one_line(tmp_path: Path) -> None:
    spec = tmp_path / "letter.yml"
    spec.write_text(LETTER.replace("title:", "urgency: 特急\ntitle:"), encoding="utf-8")
    out, _ = render_document(spec, tmp_path / "letter.docx", root=tmp_path)
    (number,) = paragraph_by_style(docx.Document(str(out)), styles.NUMBER)
    assert number.text == "特急\t青政办函〔2025〕21号"
    assert number.runs[0].style.name == styles.LABEL  # 3 号黑体
    (tab,) = number.paragraph_format.tab_stops
    assert near(tab.position, Mm(156), int(Mm(0.2)))


def test_the_python_docx_internals_the_documents_stage_uses_exist() -> None:
    """compose and styles reach python-docx's section and paragraph elements directly."""
    import docx

    word = docx.Document()
    assert word.sections[0]._sectPr.tag == qn("w:sectPr")
    assert word.add_paragraph("")._p.tag == qn("w:p")
