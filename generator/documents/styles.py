"""A blank GB/T 9704 document: A4 page setup, 22 × 28 grid, named Word styles and page-number footers.

`new_document()` is the starting point for every generated .docx (documents, templates and the
briefing pack). Every element has a named paragraph style, so a clerk who edits the file in Word
or WPS keeps the format; the helpers below only pick styles and add text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import docx
from docx.document import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Length, RGBColor
from docx.table import Table
from docx.text.paragraph import Paragraph

from generator.documents import layout
from generator.documents.fonttable import set_font_table
from generator.documents.ooxml import (
    THEME_ATTRIBUTES,
    add_field,
    child,
    set_char_indents,
    set_fonts,
    set_snap_to_grid,
)

# ------------------------------------------------------------------ style names (what a clerk sees in Word)
BODY = "公文正文"
TITLE = "公文标题"
MARK = "发文机关标志"
NUMBER = "发文字号"
URGENCY = "紧急程度"
RECIPIENTS = "主送机关"
HEADINGS = ("一级标题", "二级标题", "三级标题", "四级标题")
ATTACHMENT_LIST = "附件说明"
SIGNATURE = "发文机关署名"
DATE = "成文日期"
NOTE = "附注"
ATTACHMENT_LABEL = "附件标识"
ATTACHMENT_TITLE = "附件标题"
ATTENDANCE = "出席人员"
CLOSING = "版记"
PAGE_NUMBER = "页码"
TABLE_TEXT = "表格文字"
TABLE_HEADER = "表格表头"
SIGNER_NAME = "签发人姓名"  # character style
LABEL = "事项标签"  # character style: 黑体 label at the start of a line (出席：, 会议时间：)
TABLE_STYLE = "公文表格"

HEADING_NUMBERING_ID = 9704  # w:abstractNumId / w:numId of the 一、（一）1.（1） list


@dataclass(frozen=True)
class ParagraphStyle:
    """One named paragraph style of the document."""

    name: str
    style_id: str
    font: str = layout.FANGSONG
    size: Length = layout.BODY_SIZE
    align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.JUSTIFY
    first_line: float = 0  # characters
    left: float = 0
    right: float = 0
    hanging: float = 0
    snap: bool = True
    exact_line: Length | None = None
    color: RGBColor | None = None
    outline_level: int | None = None
    keep_with_next: bool = False


_EXACT = layout.LINE_PITCH  # one grid line, for paragraphs that leave the grid but keep its rhythm

PARAGRAPH_STYLES: tuple[ParagraphStyle, ...] = (
    ParagraphStyle(BODY, "GongwenBody", first_line=layout.BODY_INDENT_CHARS),
    ParagraphStyle(TITLE, "GongwenTitle", font=layout.XIAOBIAOSONG, size=layout.TITLE_SIZE,
                   align=WD_ALIGN_PARAGRAPH.CENTER, snap=False, exact_line=_EXACT, keep_with_next=True),
    ParagraphStyle(MARK, "GongwenMark", font=layout.XIAOBIAOSONG, size=layout.MARK_MAX_SIZE,
                   align=WD_ALIGN_PARAGRAPH.CENTER, snap=False, color=layout.RED, keep_with_next=True),
    ParagraphStyle(NUMBER, "GongwenNumber", align=WD_ALIGN_PARAGRAPH.CENTER, keep_with_next=True),
    ParagraphStyle(URGENCY, "GongwenUrgency", font=layout.HEITI, align=WD_ALIGN_PARAGRAPH.LEFT, keep_with_next=True),
    ParagraphStyle(RECIPIENTS, "GongwenRecipients", keep_with_next=True),
    ParagraphStyle(HEADINGS[0], "GongwenHeading1", font=layout.HEADING_FONTS[0], first_line=layout.BODY_INDENT_CHARS,
                   outline_level=0, keep_with_next=True),
    ParagraphStyle(HEADINGS[1], "GongwenHeading2", font=layout.HEADING_FONTS[1], first_line=layout.BODY_INDENT_CHARS,
                   outline_level=1, keep_with_next=True),
    ParagraphStyle(HEADINGS[2], "GongwenHeading3", font=layout.HEADING_FONTS[2], first_line=layout.BODY_INDENT_CHARS,
                   outline_level=2, keep_with_next=True),
    ParagraphStyle(HEADINGS[3], "GongwenHeading4", font=layout.HEADING_FONTS[3], first_line=layout.BODY_INDENT_CHARS,
                   outline_level=3, keep_with_next=True),
    # “附件：” starts two characters in; wrapped names align with the first character after the colon
    ParagraphStyle(ATTACHMENT_LIST, "GongwenAttachmentList", align=WD_ALIGN_PARAGRAPH.LEFT,
                   left=layout.BODY_INDENT_CHARS + 3, hanging=3),
    ParagraphStyle(SIGNATURE, "GongwenSignature", align=WD_ALIGN_PARAGRAPH.RIGHT, right=layout.SIGNATURE_RIGHT_CHARS,
                   keep_with_next=True),
    ParagraphStyle(DATE, "GongwenDate", align=WD_ALIGN_PARAGRAPH.RIGHT, right=layout.SIGNATURE_RIGHT_CHARS),
    ParagraphStyle(NOTE, "GongwenNote", first_line=layout.NOTE_INDENT_CHARS),
    ParagraphStyle(ATTACHMENT_LABEL, "GongwenAttachmentLabel", font=layout.HEITI, align=WD_ALIGN_PARAGRAPH.LEFT,
                   keep_with_next=True),
    ParagraphStyle(ATTACHMENT_TITLE, "GongwenAttachmentTitle", font=layout.XIAOBIAOSONG, size=layout.TITLE_SIZE,
                   align=WD_ALIGN_PARAGRAPH.CENTER, snap=False, exact_line=_EXACT, keep_with_next=True),
    # “出席：” two characters in; wrapped names align after the colon (§9.3)
    ParagraphStyle(ATTENDANCE, "GongwenAttendance", left=layout.ATTENDANCE_INDENT_CHARS + 3, hanging=3),
    ParagraphStyle(CLOSING, "GongwenClosing", size=layout.CLOSING_SIZE, left=layout.CLOSING_INDENT_CHARS,
                   right=layout.CLOSING_INDENT_CHARS, snap=False, exact_line=_EXACT),
    ParagraphStyle(PAGE_NUMBER, "GongwenPageNumber", font=layout.SONGTI, size=layout.PAGE_NUMBER_SIZE,
                   align=WD_ALIGN_PARAGRAPH.RIGHT, snap=False, exact_line=layout.PAGE_NUMBER_LINE),
    ParagraphStyle(TABLE_TEXT, "GongwenTableText", size=layout.TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.LEFT, snap=False),
    ParagraphStyle(TABLE_HEADER, "GongwenTableHeader", font=layout.HEITI, size=layout.TABLE_SIZE,
                   align=WD_ALIGN_PARAGRAPH.CENTER, snap=False),
)
STYLE_BY_NAME = {style.name: style for style in PARAGRAPH_STYLES}


# ------------------------------------------------------------------ the document
def new_document() -> Document:
    """Return an empty document with the GB/T 9704 page, grid, named styles and “— N —” footers."""
    document = docx.Document()
    _remove_default_body(document)
    _set_defaults(document)
    for spec in PARAGRAPH_STYLES:
        _add_paragraph_style(document, spec)
    _add_character_style(document, SIGNER_NAME, "GongwenSignerName", layout.KAITI)
    _add_character_style(document, LABEL, "GongwenLabel", layout.HEITI)
    _add_table_style(document)
    _add_heading_numbering(document)
    set_font_table(document)
    set_page(document.sections[0])
    add_page_numbers(document.sections[0])
    settings = document.settings
    settings.odd_and_even_pages_header_footer = True  # w:evenAndOddHeaders: “— N —” right on odd, left on even
    _set_east_asian_settings(document)
    document.core_properties.language = "zh-CN"
    return document


def set_page(section: Section) -> None:
    """A4 portrait, GB/T 9704 margins and the 22 lines × 28 characters document grid."""
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width = layout.PAGE_WIDTH
    section.page_height = layout.PAGE_HEIGHT
    section.top_margin = layout.TOP_MARGIN
    section.bottom_margin = layout.BOTTOM_MARGIN
    section.left_margin = layout.LEFT_MARGIN
    section.right_margin = layout.RIGHT_MARGIN
    section.gutter = 0
    section.header_distance = layout.HEADER_DISTANCE
    section.footer_distance = layout.FOOTER_DISTANCE
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.clear()
    grid.set(qn("w:type"), "lines")  # the pitch of 22 lines only; characters keep their own advance
    grid.set(qn("w:linePitch"), str(layout.grid_line_pitch()))


def add_page_numbers(section: Section) -> None:
    """Put “— PAGE —” in the odd footer (right, one character in) and the even footer (left)."""
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = PAGE_NUMBER
        paragraph.alignment = align
        ppr = paragraph._p.get_or_add_pPr()
        # The footer paragraph is one page-number line, sitting PAGE_NUMBER_DROP below the type area.
        one_char = layout.PAGE_NUMBER_INDENT.pt / layout.CHAR_WIDTH.pt
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            set_char_indents(ppr, right=one_char, char_width=layout.CHAR_WIDTH)
        else:
            set_char_indents(ppr, left=one_char, char_width=layout.CHAR_WIDTH)
        paragraph.add_run(f"{layout.PAGE_NUMBER_DASH} ")
        add_field(paragraph._p, "PAGE", "1", None)
        paragraph.add_run(f" {layout.PAGE_NUMBER_DASH}")
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False


# ------------------------------------------------------------------ helpers for content
def add_paragraph(document: Document, text: str = "", style: str = BODY) -> Paragraph:
    """Add a paragraph in a named style."""
    return document.add_paragraph(text, style=style)


def add_body(document: Document, text: str) -> Paragraph:
    """Add a body paragraph (3 号仿宋, first line two characters in)."""
    return document.add_paragraph(text, style=BODY)


def add_title(document: Document, text: str) -> Paragraph:
    """Add a title (2 号小标宋, centred)."""
    return document.add_paragraph(text, style=TITLE)


def add_heading(document: Document, text: str, level: int) -> Paragraph:
    """Add a heading of level 1–4; Word numbers it 一、（一）1.（1） automatically."""
    if not 1 <= level <= 4:
        raise ValueError(f"heading level must be 1–4, not {level}")
    return document.add_paragraph(text, style=HEADINGS[level - 1])


def add_blank_lines(document: Document, count: int) -> None:
    """Add `count` empty grid lines (“空一行”)."""
    for _ in range(count):
        document.add_paragraph("", style=BODY)


def add_page_break(document: Document) -> None:
    """Start a new page."""
    document.add_paragraph("", style=BODY).add_run().add_break(WD_BREAK.PAGE)


def add_label_run(paragraph: Paragraph, label: str) -> None:
    """Add a 黑体 label such as “会议时间：” at the current end of a paragraph."""
    paragraph.add_run(label, style=LABEL)


def add_table(
    document: Document, rows: Sequence[Sequence[str]], *, header: bool = True,
    widths: Sequence[Length] | None = None, min_row_height: Length | None = None,
) -> Table:
    """Add a bordered table as wide as the type area, 仿宋 text (黑体 header row when `header`)."""
    columns = max((len(row) for row in rows), default=1)
    table = document.add_table(rows=len(rows), cols=columns)
    table.style = document.styles[TABLE_STYLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if widths is None:
        widths = [Length(layout.TYPE_AREA_WIDTH // columns)] * columns
    _fix_table_width(table, widths)
    for r, row in enumerate(rows):
        for c in range(columns):
            cell = table.cell(r, c)
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.style = document.styles[TABLE_HEADER if header and r == 0 else TABLE_TEXT]
            paragraph.text = row[c] if c < len(row) else ""
        if min_row_height is not None:
            table.rows[r].height = min_row_height
    return table


# ------------------------------------------------------------------ internals
def _remove_default_body(document: Document) -> None:
    body = document.element.body
    for element in list(body):
        if element.tag != qn("w:sectPr"):
            body.remove(element)


def _set_defaults(document: Document) -> None:
    """Docdefaults and Normal: 3 号仿宋 with explicit East Asian font, Chinese language, no theme fonts."""
    styles = document.styles.element
    for fonts in styles.iter(qn("w:rFonts")):
        for attribute in THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(attribute), None)
    defaults = styles.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, layout.FANGSONG, layout.LATIN)
    child(rpr, "w:sz").set(qn("w:val"), str(round(layout.BODY_SIZE.pt * 2)))
    child(rpr, "w:szCs").set(qn("w:val"), str(round(layout.BODY_SIZE.pt * 2)))
    lang = child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    lang.set(qn("w:bidi"), "ar-SA")
    ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = child(ppr, "w:spacing")
    spacing.attrib.clear()
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    spacing.set(qn("w:lineRule"), "auto")

    normal = document.styles["Normal"]
    normal.font.size = layout.BODY_SIZE
    set_fonts(normal.element.get_or_add_rPr(), layout.FANGSONG, layout.LATIN)
    # condensed a quarter point: 28 advances of 15.75 pt fill the 156 mm line (layout.CHAR_SPACING)
    child(normal.element.get_or_add_rPr(), "w:spacing").set(qn("w:val"), str(layout.twips(layout.CHAR_SPACING)))
    normal_ppr = normal.element.get_or_add_pPr()
    child(normal_ppr, "w:widowControl").set(qn("w:val"), "0")  # 22 full lines on every page, no widow shifts
    for ppr_with_spacing in (ppr, normal_ppr):  # no extra gap between Chinese and digits or Latin letters
        child(ppr_with_spacing, "w:autoSpaceDE").set(qn("w:val"), "0")  # (〔2025〕12号, 2025年4月1日)
        child(ppr_with_spacing, "w:autoSpaceDN").set(qn("w:val"), "0")
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.space_after = 0
    normal.paragraph_format.space_before = 0


def _add_paragraph_style(document: Document, spec: ParagraphStyle) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = spec.style_id
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = spec.size
    if spec.color is not None:
        style.font.color.rgb = spec.color
    set_fonts(style.element.get_or_add_rPr(), spec.font, layout.LATIN)
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.space_before = 0
    fmt.space_after = 0
    fmt.keep_with_next = spec.keep_with_next
    if spec.exact_line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = spec.exact_line
    ppr = style.element.get_or_add_pPr()
    set_char_indents(ppr, first_line=spec.first_line, left=spec.left, right=spec.right, hanging=spec.hanging,
                     char_width=layout.advance(spec.size))
    if not spec.snap:
        set_snap_to_grid(ppr, False)
    if spec.outline_level is not None:
        child(ppr, "w:outlineLvl").set(qn("w:val"), str(spec.outline_level))
        numbering = child(ppr, "w:numPr")
        level = OxmlElement("w:ilvl")
        level.set(qn("w:val"), str(spec.outline_level))
        number = OxmlElement("w:numId")
        number.set(qn("w:val"), str(HEADING_NUMBERING_ID))
        numbering.append(level)
        numbering.append(number)
    style.next_paragraph_style = document.styles[BODY] if spec.name != BODY and BODY in document.styles else style


def _add_character_style(document: Document, name: str, style_id: str, font: str) -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
    style.style_id = style_id
    style.quick_style = True
    set_fonts(style.element.get_or_add_rPr(), font, layout.LATIN)


def _add_table_style(document: Document) -> None:
    style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.style_id = "GongwenTable"
    set_fonts(style.element.get_or_add_rPr(), layout.FANGSONG, layout.LATIN)
    style.font.size = layout.TABLE_SIZE
    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    table_pr = parse_xml(
        f"<w:tblPr {nsdecls('w')}><w:tblBorders>{edges}</w:tblBorders>"
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    )
    style.element.append(table_pr)


def _fix_table_width(table: Table, widths: Sequence[Length]) -> None:
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(sum(layout.twips(w) for w in widths)))
    width.set(qn("w:type"), "dxa")
    layout_element = OxmlElement("w:tblLayout")
    layout_element.set(qn("w:type"), "fixed")
    tbl_pr.append(layout_element)
    for column, column_width in zip(table.columns, widths, strict=False):
        column.width = column_width


def _numbering_level(level: int) -> str:
    formats = ("chineseCounting", "chineseCounting", "decimal", "decimal")
    texts = ("%1、", "（%2）", "%3.", "（%4）")
    style_id = STYLE_BY_NAME[HEADINGS[level]].style_id
    font = layout.HEADING_FONTS[level]
    indent = layout.twips(layout.CHAR_WIDTH) * layout.BODY_INDENT_CHARS
    return (
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/><w:numFmt w:val="{formats[level]}"/>'
        f'<w:pStyle w:val="{style_id}"/><w:suff w:val="nothing"/><w:lvlText w:val="{texts[level]}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0" w:firstLine="{indent}"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{layout.LATIN}" w:hAnsi="{layout.LATIN}" w:eastAsia="{font}" w:hint="eastAsia"/>'
        f"</w:rPr></w:lvl>"
    )


def _add_heading_numbering(document: Document) -> None:
    """One multilevel list 一、（一）1.（1） tied to the four heading styles (GB/T 9704-2012 §7.3.3)."""
    numbering = document.part.numbering_part.element
    levels = "".join(_numbering_level(level) for level in range(4))
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{HEADING_NUMBERING_ID}">'
        f'<w:multiLevelType w:val="multilevel"/><w:name w:val="公文标题序号"/>{levels}</w:abstractNum>'
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{HEADING_NUMBERING_ID}">'
        f'<w:abstractNumId w:val="{HEADING_NUMBERING_ID}"/></w:num>'
    ))


def _set_east_asian_settings(document: Document) -> None:
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")
    # The header and footer must be separate for odd and even pages (set above); no other page tricks.
    for name in ("w:rsids",):
        found = settings.find(qn(name))
        if found is not None:
            settings.remove(found)
