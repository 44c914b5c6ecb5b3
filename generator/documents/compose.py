"""Lay out one document spec as a GB/T 9704-2012 Word document, element by element in reading order."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field

from docx.document import Document as WordDocument
from docx.enum.section import WD_SECTION_START
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Emu, Length, Pt
from docx.text.paragraph import Paragraph

from generator.documents import layout, styles
from generator.documents.body import Block, parse_body
from generator.documents.ooxml import border, child, set_char_indents, set_paragraph_border, set_snap_to_grid
from generator.documents.pagination import MARK_LINES, main_text_end
from generator.documents.typeset import break_title, count_lines, text_width, title_capacity
from generator.documents.wording import (
    cc_line,
    chinese_date,
    document_number,
    mark_text,
    recipients_line,
    signature_indents,
)
from generator.model.records import Document

ATTENDANCE_LINE = re.compile(r"^(出席|请假|列席)[：:]\s*(.*)$")
REPLY_FORM_NAME = "参会回执"
REPLY_FORM_COLUMNS = ("单位", "姓名", "职务", "联系电话", "备注")
REPLY_FORM_ROWS = 6
CLOSING_CLEARANCE_LINES = 1  # a free line between the main text and the 版记's first rule
MARK_SLACK = 0.03  # share of the type area's width left free beside the red mark
SIGNERS_PER_LINE = 2  # GB/T 9704-2012 §7.2.6: 一般每行排两个姓名
SIGNER_SEPARATORS = re.compile(r"[、，,；;\s]+")


@dataclass
class Parts:
    """The spec's content sorted into the places the standard gives it."""

    blocks: list[Block]
    attendance: dict[str, list[str]] = field(default_factory=dict)
    attachments: list[str] = field(default_factory=list)
    reply_form: int | None = None  # index into attachments of the generated 回执


def sort_parts(doc: Document) -> Parts:
    """Pull 出席/请假/列席 lines out of minutes and add the 回执 to a meeting notice's attachments."""
    blocks = parse_body(doc.body)
    parts = Parts(blocks, attachments=list(doc.attachments))
    if doc.type == "minutes":
        kept: list[Block] = []
        for block in blocks:
            match = ATTENDANCE_LINE.match(block.text) if not block.is_heading else None
            if match:
                parts.attendance.setdefault(match.group(1), []).append(match.group(2).rstrip("。"))
            else:
                kept.append(block)
        parts.blocks = kept
        if doc.meeting is not None and "出席" not in parts.attendance:
            parts.attendance.update(_attendance_from_meeting(doc.meeting.attendees))
    if doc.type == "meeting_notice" and doc.meeting is not None and doc.meeting.reply_by is not None:
        existing = [i for i, name in enumerate(parts.attachments) if "回执" in name]
        if existing:
            parts.reply_form = existing[0]
        else:
            parts.attachments.append(REPLY_FORM_NAME)
            parts.reply_form = len(parts.attachments) - 1
    return parts


def _attendance_from_meeting(attendees: str | list[str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for entry in [attendees] if isinstance(attendees, str) else attendees:
        match = ATTENDANCE_LINE.match(entry)
        label, names = (match.group(1), match.group(2)) if match else ("出席", entry)
        groups.setdefault(label, []).append(names.rstrip("。"))
    return groups


def compose(doc: Document) -> WordDocument:
    """Return the Word document for one validated, proofread spec."""
    word = styles.new_document()
    parts = sort_parts(doc)
    if doc.type == "letter":
        _letter_header(word, doc)
        styles.add_blank_lines(word, layout.LINES_BETWEEN_RULE_AND_TITLE)
    else:
        _red_header(word, doc)  # ends with the two lines under the red rule
    _title(word, doc.title)
    styles.add_blank_lines(word, layout.LINES_BETWEEN_TITLE_AND_RECIPIENTS)  # also above the body of minutes
    if doc.to:
        styles.add_paragraph(word, recipients_line(doc.to), styles.RECIPIENTS)
    _body(word, parts.blocks)
    if doc.type == "meeting_notice" and doc.meeting is not None:
        _meeting_essentials(word, doc, parts)
    if parts.attachments:
        styles.add_blank_lines(word, layout.LINES_BEFORE_ATTACHMENTS)
        _attachment_list(word, parts.attachments)
    if parts.attendance:
        styles.add_blank_lines(word, 1)  # GB/T 9704 §9.3: 在正文或附件说明下空一行
        _attendance(word, parts.attendance)
    _signature_and_date(word, doc)
    if doc.note:
        note = doc.note.strip()
        wrapped = note if note.startswith(("（", "(")) else f"（{note}）"
        styles.add_paragraph(word, wrapped, styles.NOTE)
    if parts.reply_form is not None:
        _reply_form(word, doc, parts)
    _closing_block(word, doc)
    return word


# ------------------------------------------------------------------ header (版头)
def _red_header(word: WordDocument, doc: Document) -> None:
    """紧急程度, the red mark 35 mm below the type area's top, the number (with 签发人) and the red rule."""
    lines_above = 0
    if doc.urgency:
        styles.add_paragraph(word, doc.urgency, styles.URGENCY)
        lines_above = 1
    mark = styles.add_paragraph(word, mark_text(doc), styles.MARK)
    size = _mark_size(mark_text(doc), layout.MARK_MAX_SIZE)
    mark.runs[0].font.size = size
    # §7.2.4 measures to the upper edge of the characters; a line box starts ~0.1 em above it.
    before = layout.MARK_TOP - lines_above * layout.LINE_PITCH - Emu(int(size * 0.1))
    mark.paragraph_format.space_before = Emu(max(0, int(before)))
    # Space above and an exact line height add up to whole grid lines, so the lines below stay on the
    # grid and page 1 holds its 22 lines in LibreOffice too (pagination.MARK_LINES).
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    mark.paragraph_format.line_spacing = Emu(int((MARK_LINES - lines_above) * layout.LINE_PITCH - max(0, int(before))))
    styles.add_blank_lines(word, layout.LINES_BETWEEN_MARK_AND_NUMBER)
    text = document_number(doc.number) if doc.number else ""
    if doc.type in ("request", "report"):
        number = _number_with_signers(word, text, doc.signer or "")
    else:
        number = styles.add_paragraph(word, text, styles.NUMBER)
    rule_height = _red_rule_below(number)
    # The rule's border adds its height to the number's line; the first line under it is that much
    # shorter, so the title and everything after it stay on the grid (and page 1 keeps 22 lines).
    shortened = styles.add_paragraph(word, "", styles.BODY)
    set_snap_to_grid(shortened._p.get_or_add_pPr(), False)
    shortened.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    shortened.paragraph_format.line_spacing = Emu(int(layout.LINE_PITCH - rule_height))
    styles.add_blank_lines(word, layout.LINES_BETWEEN_RULE_AND_TITLE - 1)


def _mark_size(text: str, largest: Length) -> Length:
    """The largest whole-point size (up to `largest`) at which the mark fits one line with room to spare.

    Measured from the text: each character advances its size plus layout.CHAR_SPACING; MARK_SLACK of
    the line stays free, so a face a little wider than the one measured still keeps the mark on one line.
    """
    width = max(1.0, text_width(text))
    room = layout.TYPE_AREA_WIDTH.pt * (1 - MARK_SLACK)
    fitting = int(room / width - layout.CHAR_SPACING.pt)
    return Pt(min(largest.pt, fitting))


def _number_with_signers(word: WordDocument, number: str, signer: str) -> Paragraph:
    """上行文: number one character in from the left, 签发人 one character in from the right (§7.2.5, §7.2.6).

    Several signers (separated by 、 or spaces in the spec) go two to a line, each line's names under
    the first line's, the number on the line of the last signer. Tab stops, not indents, so the red rule
    below stays as wide as the type area; the block is placed from its measured width, so no line wraps.
    """
    names = [name for name in SIGNER_SEPARATORS.split(signer) if name] or [""]
    rows = [names[i:i + SIGNERS_PER_LINE] for i in range(0, len(names), SIGNERS_PER_LINE)]
    gap = "\u3000"
    widest = max(text_width(gap.join(row)) for row in rows)
    label = "签发人："
    names_at = layout.TYPE_AREA_WIDTH - (layout.SIGNER_INDENT_CHARS + widest) * layout.CHAR_WIDTH
    label_at = Emu(int(names_at - text_width(label) * layout.CHAR_WIDTH))
    paragraph = None
    for index, row in enumerate(rows):
        paragraph = styles.add_paragraph(word, "", styles.NUMBER)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        # one tab stop per line: the label runs straight into the first names, later names start under them
        stop = label_at if index == 0 else Emu(int(names_at))
        paragraph.paragraph_format.tab_stops.add_tab_stop(stop, WD_TAB_ALIGNMENT.LEFT)
        last = index == len(rows) - 1
        lead = "\u3000" * layout.NUMBER_INDENT_CHARS + number if last else ""
        paragraph.add_run(f"{lead}\t{label if index == 0 else ''}")
        paragraph.add_run(gap.join(row), style=styles.SIGNER_NAME)
    assert paragraph is not None
    return paragraph


def _red_rule_below(paragraph: Paragraph) -> Length:
    """Draw a red rule as wide as the type area, 4 mm under the number (§7.2.7); return the height it adds."""
    # The number sits in the middle of its grid line; the border is drawn under the line box.
    gap_below_text = (layout.LINE_PITCH.pt - layout.BODY_SIZE.pt) / 2
    space = max(0, round(layout.RULE_BELOW_NUMBER.pt - gap_below_text))
    edge = border("bottom", width=layout.RED_RULE_WIDTH, color=layout.RED_HEX, space_pt=space)
    set_paragraph_border(paragraph._p.get_or_add_pPr(), edge)
    return Emu(Pt(space) + layout.RED_RULE_WIDTH)


def _letter_header(word: WordDocument, doc: Document) -> None:
    """信函格式 (§9.1): mark 30 mm from the paper's top, red double rules 170 mm long, no page number on page 1.

    The mark and the upper rule are the first page's header, the lower rule its footer; header and
    footer distances put them where §9.1 says. Word and LibreOffice both push the body below a header
    that is taller than the top margin.
    """
    section = word.sections[0]
    section.different_first_page_header_footer = True
    mark_size = _mark_size(mark_text(doc), layout.LETTER_MARK_SIZE)
    # §9.1 measures to the upper edge of the characters; a line box starts ~0.1 em above it.
    section.header_distance = Emu(layout.LETTER_MARK_TOP - int(mark_size * 0.1))
    section.footer_distance = Emu(layout.LETTER_RULE_FROM_BOTTOM - layout.LETTER_RULE_GAP)
    lift = Emu(layout.FOOTER_DISTANCE - section.footer_distance)
    for footer in (section.footer, section.even_page_footer):  # page numbers stay 7 mm under the type area
        footer.paragraphs[0].paragraph_format.space_after = lift
    for header in (section.header, section.even_page_header):  # empty, and never taller than the margin
        header.paragraphs[0].paragraph_format.line_spacing = Pt(1)

    header = section.first_page_header
    header.is_linked_to_previous = False
    mark = header.paragraphs[0]
    mark.style = styles.MARK
    mark.add_run(mark_text(doc)).font.size = mark_size
    top_rule = header.add_paragraph(style=styles.BODY)
    top_rule.paragraph_format.space_before = Emu(max(0, layout.LETTER_RULE_BELOW_MARK - int(mark_size * 0.15)))
    _double_rule(top_rule, thick_first=True)  # 上粗下细

    footer = section.first_page_footer
    footer.is_linked_to_previous = False
    bottom_rule = footer.paragraphs[0]
    bottom_rule.style = styles.BODY
    _double_rule(bottom_rule, thick_first=False)  # 上细下粗

    # §9.1: 紧急程度 flush left and the number flush right on the first line under the rule,
    # 7/8 of a 3号 character below it.
    number = styles.add_paragraph(word, "", styles.NUMBER)
    number.paragraph_format.space_before = Emu(int(layout.BODY_SIZE * 7 / 8) - int((layout.LINE_PITCH - layout.BODY_SIZE) / 2))
    text = document_number(doc.number) if doc.number else ""
    if doc.urgency:
        number.alignment = WD_ALIGN_PARAGRAPH.LEFT
        number.paragraph_format.tab_stops.add_tab_stop(layout.TYPE_AREA_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        styles.add_label_run(number, doc.urgency)  # 3 号黑体 (§7.2.3)
        number.add_run(f"\t{text}")
    else:
        number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        number.add_run(text)


def _double_rule(paragraph: Paragraph, *, thick_first: bool) -> None:
    """A red double line 170 mm long: the top and bottom borders of a one-point-high paragraph."""
    first, second = (layout.LETTER_RULE_THICK, layout.LETTER_RULE_THIN)
    if not thick_first:
        first, second = second, first
    ppr = paragraph._p.get_or_add_pPr()
    set_paragraph_border(ppr, border("top", width=first, color=layout.RED_HEX))
    set_paragraph_border(ppr, border("bottom", width=second, color=layout.RED_HEX))
    overhang = (layout.LETTER_RULE_LENGTH.pt - layout.TYPE_AREA_WIDTH.pt) / 2 / layout.CHAR_WIDTH.pt
    set_char_indents(ppr, left=-overhang, right=-overhang, char_width=layout.CHAR_WIDTH)
    set_snap_to_grid(ppr, False)
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph.paragraph_format.line_spacing = layout.LETTER_RULE_GAP


# ------------------------------------------------------------------ main part (主体)
def _title(word: WordDocument, title: str) -> None:
    """The title, centred; a long one broken between words into a trapezoid or diamond (§7.3.1).

    A line break typed in the spec splits it where the clerk wants instead.
    """
    paragraph = styles.add_title(word, "")
    for index, line in enumerate(break_title(title, title_capacity())):
        if index:
            paragraph.runs[-1].add_break(WD_BREAK.LINE)
        paragraph.add_run(line)


def _body(word: WordDocument, blocks: list[Block]) -> None:
    for block in blocks:
        if block.is_heading:
            styles.add_heading(word, block.text, min(block.level, 4))
        else:
            styles.add_body(word, block.text)


def _meeting_essentials(word: WordDocument, doc: Document, parts: Parts) -> None:
    """The three essentials (time, place, attendees), agenda, contact and the reply request."""
    meeting = doc.meeting
    assert meeting is not None
    attendees = meeting.attendees if isinstance(meeting.attendees, str) else "、".join(meeting.attendees)
    for label, text in (("会议时间：", meeting.time), ("会议地点：", meeting.place), ("参会人员：", attendees)):
        paragraph = styles.add_body(word, "")
        styles.add_label_run(paragraph, label)
        paragraph.add_run(_end_sentence(text))
    if meeting.agenda:
        paragraph = styles.add_body(word, "")
        styles.add_label_run(paragraph, "会议议程：")
        for number, item in enumerate(meeting.agenda, start=1):
            styles.add_body(word, f"{number}.{_end_sentence(item)}")
    if meeting.contact and (meeting.contact.name or meeting.contact.phone):
        paragraph = styles.add_body(word, "")
        styles.add_label_run(paragraph, "联系方式：")
        pieces = [f"联系人：{meeting.contact.name}" if meeting.contact.name else "",
                  f"电话：{meeting.contact.phone}" if meeting.contact.phone else ""]
        paragraph.add_run("，".join(p for p in pieces if p) + "。")
    if meeting.reply_by is not None and parts.reply_form is not None:
        label = f"附件{parts.reply_form + 1}" if len(parts.attachments) > 1 else "附件"
        styles.add_body(word, f"请于{chinese_date(meeting.reply_by)}前将{parts.attachments[parts.reply_form]}"
                              f"（见{label}）报送会议联系人。")


def _end_sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "！", "？", "；")) else text.rstrip("，、,;；") + "。"


def _attachment_list(word: WordDocument, names: list[str]) -> None:
    """附件：name, or 附件：1.name / 2.name aligned under each other (§7.3.4)."""
    char = layout.CHAR_WIDTH
    if len(names) == 1:
        styles.add_paragraph(word, f"附件：{names[0]}", styles.ATTACHMENT_LIST)
        return
    for number, name in enumerate(names, start=1):
        prefix = "附件：" if number == 1 else ""
        paragraph = styles.add_paragraph(word, f"{prefix}{number}.{name}", styles.ATTACHMENT_LIST)
        number_width = text_width(f"{number}.")
        left = layout.BODY_INDENT_CHARS + 3 + number_width
        set_char_indents(paragraph._p.get_or_add_pPr(), left=left, hanging=(3 if number == 1 else 0) + number_width,
                         char_width=char)


def _attendance(word: WordDocument, groups: dict[str, list[str]]) -> None:
    """出席/请假/列席 lines of minutes: 黑体 label, names in 仿宋 aligned after the colon (§9.3)."""
    for label in layout.ATTENDANCE_LABELS:
        if label in groups:
            paragraph = styles.add_paragraph(word, "", styles.ATTENDANCE)
            styles.add_label_run(paragraph, f"{label}：")
            paragraph.add_run("；".join(groups[label]) + "。")  # entries arrive without their final 。


def _signature_and_date(word: WordDocument, doc: Document) -> None:
    """署名 and 成文日期 for documents without a seal (§7.3.5.2)."""
    signature = doc.signature or doc.issuer
    day = chinese_date(doc.date)
    signature_right, date_right = signature_indents(signature, day)
    styles.add_blank_lines(word, layout.LINES_BEFORE_SIGNATURE)
    for text, style, right in ((signature, styles.SIGNATURE, signature_right), (day, styles.DATE, date_right)):
        paragraph = styles.add_paragraph(word, text, style)
        set_char_indents(paragraph._p.get_or_add_pPr(), right=right, char_width=layout.CHAR_WIDTH)


def _reply_form(word: WordDocument, doc: Document, parts: Parts) -> None:
    """The 回执 attachment page: 附件 label, title on the third line, a table to fill in (§7.3.7)."""
    assert parts.reply_form is not None and doc.meeting is not None
    label = f"附件{parts.reply_form + 1}" if len(parts.attachments) > 1 else "附件"
    # 另面编排 (§7.3.7): a page break before the label, which Word and LibreOffice both put on line one
    styles.add_paragraph(word, label, styles.ATTACHMENT_LABEL).paragraph_format.page_break_before = True
    styles.add_blank_lines(word, layout.ATTACHMENT_TITLE_LINE - 2)
    styles.add_paragraph(word, parts.attachments[parts.reply_form], styles.ATTACHMENT_TITLE)
    styles.add_blank_lines(word, 1)
    rows = [list(REPLY_FORM_COLUMNS)] + [[""] * len(REPLY_FORM_COLUMNS) for _ in range(REPLY_FORM_ROWS)]
    widths = [Emu(int(layout.TYPE_AREA_WIDTH * share)) for share in (0.28, 0.14, 0.2, 0.22, 0.16)]
    styles.add_table(word, rows, widths=widths, min_row_height=layout.LINE_PITCH)
    styles.add_blank_lines(word, 1)
    contact = doc.meeting.contact
    who = f"，联系人：{contact.name}" if contact and contact.name else ""
    phone = f"，电话：{contact.phone}" if contact and contact.phone else ""
    assert doc.meeting.reply_by is not None
    styles.add_body(word, f"请于{chinese_date(doc.meeting.reply_by)}前报送{who}{phone}。")


# ------------------------------------------------------------------ closing block (版记)
def _closing_block(word: WordDocument, doc: Document) -> None:
    """抄送 and 印发机关/印发日期 between a thick and a thin rule, at the foot of the last page (§7.4).

    The last page must be even (§7.5: the back of the last sheet). When the main text ends on an even
    page with room below it, the 版记 goes there; when it ends on an odd page, on the next page; when
    an even page is full, an empty page comes between, and neither carries a number (§7.5: 版记页前有
    空白页的，空白页和版记页均不编排页码).

    Each line is a paragraph in a frame anchored to the type area: 印发 at its bottom, so the last thick
    rule coincides with the type area's lower edge whatever the text above, and 抄送 right above it.
    (One frame per paragraph: LibreOffice drops frames that group paragraphs with different borders.)
    """
    cc_text = "抄送：" + cc_line(doc.cc) if doc.cc else ""
    is_letter = doc.type == "letter"
    if not cc_text and is_letter:
        return
    cc_lines = _closing_lines(cc_text) if cc_text else 0
    needed = cc_lines + (0 if is_letter else 1) + CLOSING_CLEARANCE_LINES
    end = main_text_end(word)
    # the 版记's page starts with an empty line: the next page when it is even, else one page later
    if end.page % 2 == 1:
        styles.add_paragraph(word, "", styles.BODY).paragraph_format.page_break_before = True
    elif end.lines + needed > layout.LINES_PER_PAGE:
        _closing_section(word)
        styles.add_paragraph(word, "", styles.BODY).paragraph_format.page_break_before = True
    rule = (lambda width: None) if is_letter else (lambda width: width)  # noqa: E731 - §9.1: no rules
    line = layout.LINE_PITCH.pt
    if cc_text:
        cc = styles.add_paragraph(word, cc_text, styles.CLOSING)
        indent = layout.CLOSING_INDENT_CHARS
        set_char_indents(cc._p.get_or_add_pPr(), left=indent + 3, right=indent, hanging=3,
                         char_width=layout.advance(layout.CLOSING_SIZE))
        _closing_borders(cc, top=rule(layout.THICK_RULE), bottom=None)
        if is_letter:
            _anchor_to_type_area(cc, bottom_offset=None)
        else:
            height = cc_lines * line + layout.THICK_RULE.pt + 1
            printed_height = line + layout.THIN_RULE.pt + layout.THICK_RULE.pt + 2
            _anchor_to_type_area(cc, bottom_offset=Pt(height + printed_height))
    if not is_letter:  # §9.1: 信函格式的版记不加印发机关和印发日期、分隔线
        if cc_text:  # LibreOffice merges adjacent framed paragraphs; a one-point paragraph keeps them apart
            spacer = styles.add_paragraph(word, "", styles.CLOSING)
            set_snap_to_grid(spacer._p.get_or_add_pPr(), False)
            spacer.paragraph_format.line_spacing = Pt(1)
        day = chinese_date(doc.printed_date or doc.date)
        printed = styles.add_paragraph(word, f"{doc.printed_by or doc.issuer}\t{day}印发", styles.CLOSING)
        right_tab = Emu(layout.TYPE_AREA_WIDTH - layout.CLOSING_INDENT_CHARS * layout.advance(layout.CLOSING_SIZE))
        printed.paragraph_format.tab_stops.add_tab_stop(right_tab, WD_TAB_ALIGNMENT.RIGHT)
        _closing_borders(printed, top=layout.THIN_RULE if cc_text else layout.THICK_RULE, bottom=layout.THICK_RULE)
        _anchor_to_type_area(printed, bottom_offset=None)


def _closing_section(word: WordDocument) -> None:
    """End the main text's section at its last paragraph and open one for an empty page and the 版记's page.

    The section break rides on the last paragraph (an extra empty paragraph could itself spill onto a
    new page). The new section has its own empty headers and footers: no page numbers (§7.5), and
    LibreOffice keeps the same page margins only when a section has a header and footer of its own.
    """
    last = word.paragraphs[-1]._p
    last.get_or_add_pPr().append(copy.deepcopy(word.sections[-1]._sectPr))
    section = word.sections[-1]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.different_first_page_header_footer = False  # a letter's first-page rules stay on page 1
    for name in ("w:headerReference", "w:footerReference"):  # copied from the main text's section
        for reference in section._sectPr.findall(qn(name)):
            section._sectPr.remove(reference)
    for part in (section.header, section.even_page_header, section.footer, section.even_page_footer):
        part.is_linked_to_previous = False  # new, empty definitions
    styles.add_paragraph(word, "", styles.BODY)  # the empty page


def _closing_lines(text: str) -> int:
    """How many lines the 抄送 paragraph takes (4 号, one character in on each side, wrapped names after the colon)."""
    unit = layout.advance(layout.CLOSING_SIZE)
    capacity = (layout.TYPE_AREA_WIDTH - 2 * layout.CLOSING_INDENT_CHARS * unit) / unit - 3
    return count_lines(text, capacity, hanging=3)


def _closing_borders(paragraph: Paragraph, *, top: Length | None, bottom: Length | None) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    if top is not None:
        set_paragraph_border(ppr, border("top", width=top, color="000000", space_pt=1))
    if bottom is not None:
        set_paragraph_border(ppr, border("bottom", width=bottom, color="000000", space_pt=1))


def _anchor_to_type_area(paragraph: Paragraph, *, bottom_offset: Length | None) -> None:
    """Frame a paragraph as wide as the type area: at its bottom, or bottom_offset above the bottom."""
    frame = child(paragraph._p.get_or_add_pPr(), "w:framePr")
    settings = {"w:w": str(layout.twips(layout.TYPE_AREA_WIDTH)), "w:wrap": "notBeside", "w:hAnchor": "margin",
                "w:vAnchor": "margin", "w:xAlign": "center"}
    if bottom_offset is None:
        settings["w:yAlign"] = "bottom"
    else:
        settings["w:y"] = str(layout.twips(Emu(layout.TYPE_AREA_HEIGHT - bottom_offset)))
    for key, value in settings.items():
        frame.set(qn(key), value)
