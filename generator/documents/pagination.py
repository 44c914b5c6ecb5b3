"""Where the main text ends: page and grid line, counted on the 22 × 28 grid before any suite lays it out.

The 版记 must sit on the last page and that page must be even (GB/T 9704-2012 §7.4, §7.5). Word and
LibreOffice put every grid-snapped line exactly one line pitch below the last, 22 to a page, with
28 characters a line, so the document can be counted here line by line; typeset.count_lines gives the
lines of each paragraph. The header block's height is whole grid lines by construction (MARK_LINES).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Length

from generator.documents import layout, styles
from generator.documents.typeset import count_lines

# Grid lines from the top of page 1 to the first line below the header: the red mark (its 35 mm
# space above included) takes five lines, the number line follows two blank lines (§7.2.4, §7.2.5).
MARK_LINES = 5
LETTER_NUMBER_LINES = 2  # §9.1: the number 7/8 of a character below the double rule, then the grid resumes
SKIPPED_STYLES = frozenset({styles.CLOSING})  # framed: they take no lines of the flow


@dataclass(frozen=True)
class TextEnd:
    """The page (1-based) the main text ends on and how many of its 22 lines it fills."""

    page: int
    lines: int


def main_text_end(word: WordDocument) -> TextEnd:
    """Count the document's grid lines up to its last paragraph (the 版记 frames excluded)."""
    page, used = 1, 0
    per_page = layout.LINES_PER_PAGE
    style_names = {style.style_id: style.name for style in word.styles}
    body = word.element.body
    pending_keep = 0  # lines of keep-with-next paragraphs waiting for the paragraph they belong to
    for element in body:
        if element.tag == qn("w:tbl"):
            rows = len(element.findall(qn("w:tr")))
            page, used = _advance(page, used + pending_keep, rows + 1, per_page)
            pending_keep = 0
            continue
        if element.tag != qn("w:p"):
            continue
        style = _style_name(style_names, element)
        if style in SKIPPED_STYLES:
            continue
        ppr = element.find(qn("w:pPr"))
        if ppr is not None and ppr.find(qn("w:pageBreakBefore")) is not None and (used or pending_keep):
            page, used, pending_keep = page + 1, 0, 0
        lines = _paragraph_lines(word, element, style)
        if _keeps_with_next(style):
            if used + pending_keep + lines >= per_page:  # would stand alone at the foot of the page
                page, used = page + (1 if used else 0), 0
            pending_keep += lines
            continue
        page, used = _advance(page, used + pending_keep, lines, per_page)
        pending_keep = 0
    page, used = _advance(page, used, pending_keep, per_page)
    return TextEnd(page, used)


def _advance(page: int, used: int, lines: int, per_page: int) -> tuple[int, int]:
    used += lines
    while used > per_page:
        page, used = page + 1, used - per_page
    return page, used


def _keeps_with_next(style: str) -> bool:
    spec = styles.STYLE_BY_NAME.get(style)
    return bool(spec and spec.keep_with_next and style not in (styles.MARK, styles.NUMBER, styles.URGENCY))


def _style_name(style_names: dict[str, str], paragraph: BaseOxmlElement) -> str:
    ppr = paragraph.find(qn("w:pPr"))
    found = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return style_names.get(found.get(qn("w:val")) if found is not None else "", styles.BODY)


def _paragraph_lines(word: WordDocument, paragraph: BaseOxmlElement, style: str) -> int:
    text = "".join(node.text or "" for node in paragraph.iter(qn("w:t")))
    breaks = len(list(paragraph.iter(qn("w:br"))))
    if style == styles.MARK:
        return MARK_LINES - (1 if _has_urgency(word) else 0)
    if style in (styles.TITLE, styles.ATTACHMENT_TITLE):
        return 1 + breaks
    if style == styles.NUMBER:
        return LETTER_NUMBER_LINES if _is_letter(word) else 1
    spec = styles.STYLE_BY_NAME.get(style, styles.STYLE_BY_NAME[styles.BODY])
    unit = layout.advance(spec.size)
    first, left, right, hanging = _indents(paragraph, spec, unit)
    capacity = (layout.TYPE_AREA_WIDTH - left - right) / unit
    return count_lines(text, capacity, first_line=first, hanging=hanging)


def _indents(paragraph: BaseOxmlElement, spec: styles.ParagraphStyle, unit: Length) -> tuple[float, int, int, float]:
    """(first line in characters, left, right as lengths, hanging in characters) of a paragraph."""
    ppr = paragraph.find(qn("w:pPr"))
    ind = ppr.find(qn("w:ind")) if ppr is not None else None
    if ind is None:
        return (spec.first_line, int(spec.left * unit), int(spec.right * unit), spec.hanging)

    def twips(name: str) -> int:
        return int(Emu(int(ind.get(qn(f"w:{name}"), "0")) * 635))

    return (twips("firstLine") / unit, twips("left"), twips("right"), twips("hanging") / unit)


def _has_urgency(word: WordDocument) -> bool:
    return any(p.style is not None and p.style.name == styles.URGENCY for p in word.paragraphs[:2])


def _is_letter(word: WordDocument) -> bool:
    return word.sections[0].different_first_page_header_footer
