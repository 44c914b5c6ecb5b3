"""Small WordprocessingML helpers that python-docx has no API for: fonts per script, borders, grid, fields."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length

from generator.documents.layout import twips

THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")

# Order of children inside w:pPr and w:rPr that Word insists on (ECMA-376 Part 1, §17.3.1.26 / §17.3.2.28).
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
    "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
    "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
    "w:rPr", "w:sectPr", "w:pPrChange",
)
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
    "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
    "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
    "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)


def _insert_in_order(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> None:
    tag = child.tag
    names = [qn(name) for name in order]
    position = names.index(tag) if tag in names else len(names)
    for existing in parent:
        if existing.tag in names and names.index(existing.tag) > position:
            existing.addprevious(child)
            return
    parent.append(child)


def child(parent: BaseOxmlElement, name: str) -> BaseOxmlElement:
    """Return parent's child `name` (e.g. "w:snapToGrid"), creating it in schema order when missing."""
    found = parent.find(qn(name))
    if found is not None:
        return found
    element = OxmlElement(name)
    order = _PPR_ORDER if parent.tag == qn("w:pPr") else _RPR_ORDER
    _insert_in_order(parent, element, order)
    return element


def set_fonts(rpr: BaseOxmlElement, east_asia: str, latin: str) -> None:
    """Write the East Asian and Latin font names explicitly and drop theme-font references."""
    fonts = child(rpr, "w:rFonts")
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def set_snap_to_grid(ppr: BaseOxmlElement, snap: bool) -> None:
    """Turn grid snapping on or off for a paragraph (off where a large font would take two grid lines)."""
    child(ppr, "w:snapToGrid").set(qn("w:val"), "1" if snap else "0")


def set_char_indents(
    ppr: BaseOxmlElement, *, first_line: float = 0, left: float = 0, right: float = 0,
    hanging: float = 0, char_width: Length,
) -> None:
    """Indent by whole character advances, stored in twips (two 3 号 characters = 630 twips).

    No *Chars attributes: ECMA-376 lets them override the twips, and without a character grid each
    program measures a “character” differently; twips mean the same everywhere.
    """
    ind = child(ppr, "w:ind")
    for key in list(ind.attrib):
        del ind.attrib[key]
    unit = twips(char_width)
    ind.set(qn("w:left"), str(round(left * unit)))
    ind.set(qn("w:right"), str(round(right * unit)))
    if hanging:
        ind.set(qn("w:hanging"), str(round(hanging * unit)))
    else:
        ind.set(qn("w:firstLine"), str(round(first_line * unit)))


def border(name: str, *, width: Length, color: str, style: str = "single", space_pt: int = 0) -> BaseOxmlElement:
    """Build one border edge (w:top, w:bottom, …); width is stored in eighths of a point."""
    edge = OxmlElement(f"w:{name}")
    edge.set(qn("w:val"), style)
    edge.set(qn("w:sz"), str(max(2, round(Length(width).pt * 8))))
    edge.set(qn("w:space"), str(space_pt))
    edge.set(qn("w:color"), color)
    return edge


def set_paragraph_border(ppr: BaseOxmlElement, edge: BaseOxmlElement) -> None:
    """Add or replace one edge of a paragraph's border."""
    borders = child(ppr, "w:pBdr")
    existing = borders.find(edge.tag)
    if existing is not None:
        borders.remove(existing)
    order = [qn(f"w:{n}") for n in ("top", "left", "bottom", "right", "between", "bar")]
    for other in borders:
        if order.index(other.tag) > order.index(edge.tag):
            other.addprevious(edge)
            return
    borders.append(edge)


def add_field(paragraph_element: BaseOxmlElement, instruction: str, placeholder: str, rpr: BaseOxmlElement | None) -> None:
    """Append a complex field (begin, instruction, separate, result, end) such as PAGE to a paragraph."""
    import copy

    def run(*children: BaseOxmlElement) -> None:
        r = OxmlElement("w:r")
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        for item in children:
            r.append(item)
        paragraph_element.append(r)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    result = OxmlElement("w:t")
    result.text = placeholder
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for part in (begin, text, separate, result, end):
        run(part)


def rewrite_part(package: bytes, part_name: str, change: Callable[[bytes], bytes]) -> bytes:
    """Return a copy of a .docx/.dotx package with one part (e.g. ``word/styles.xml``) changed."""
    source = zipfile.ZipFile(io.BytesIO(package))
    result = io.BytesIO()
    with zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info, change(content) if info.filename == part_name else content)
    return result.getvalue()
