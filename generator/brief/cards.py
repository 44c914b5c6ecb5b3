"""Name cards (席卡), one per page, to be folded into a tent along the middle of the sheet.

A tent card shows the name on both faces; when the sheet lies flat before folding, the back face
(the upper half) must be printed upside down. What we tried, rendered with LibreOffice 7.4:

- ``w:textDirection`` has no 180° value: ``btLr`` turns text 90° anticlockwise, and ``tbRl`` stacks
  Chinese characters upright rather than turning them, so two cells cannot add up to 180°;
- a DrawingML text box turned by ``a:xfrm rot="10800000"`` (inline or anchored, with or without
  ``bodyPr rot``) turns in Word, but LibreOffice draws its text upright;
- a VML text box with ``rotation:180``: the same;
- a WordArt name (VML ``v:textpath``) with ``rotation:180``: upside down in LibreOffice and in Word.

So each card is one A4 landscape page holding a two-row table whose row boundary lies on the
sheet's middle (drawn dashed: fold here). Both faces carry the name as WordArt of the same size and
font, the upper one turned by 180°, so both sides of the tent look alike. The name stays editable
(double-click the WordArt in Word) and is also in the shape's alternative text. One difference
remains: Word draws the WordArt in 黑体 as the text path asks; LibreOffice 7.4 draws Chinese
WordArt in the document's default East Asian font (仿宋, the GB/T 9704 body font) instead.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.section import Section
from docx.shared import Emu, Length, Mm, Pt
from docx.table import Table, _Cell

from generator.documents import layout
from generator.documents.ooxml import border, set_snap_to_grid
from generator.model.records import Attendee

# A4 landscape, folded along its long middle line: each face is 297 mm × 105 mm, the usual desk card.
CARD_PAGE_WIDTH = layout.PAGE_HEIGHT  # landscape A4
CARD_PAGE_HEIGHT = layout.PAGE_WIDTH
CARD_MARGIN = Mm(10)  # top and bottom; the faces hang from the top margin, so the fold is at 105 mm
CARD_MARGIN_SIDE = Mm(15)
CARD_WIDTH = Emu(CARD_PAGE_WIDTH - 2 * CARD_MARGIN_SIDE)  # 267 mm
CARD_FACE_HEIGHT = Emu(CARD_PAGE_HEIGHT // 2 - CARD_MARGIN - Mm(2))  # 93 mm: the fold sits 2 mm inside each face
# The 4 mm left below the card hold the 1 pt paragraph that keeps two cards from merging into one table.
NAME_FONT = layout.HEITI  # 黑体: plain strokes, legible across a meeting room
NAME_HEIGHT = Mm(50)  # characters 5 cm high: readable from the back of a meeting room
NAME_FILL = 0.85  # share of the card width a long name may take
FOLD_COLOR = "808080"
VML_NAMESPACE = "urn:schemas-microsoft-com:vml"
OFFICE_NAMESPACE = "urn:schemas-microsoft-com:office:office"


def start_card_section(document: Document) -> Section:
    """Begin a landscape section with equal margins, no grid and no page number (cards are cut apart)."""
    section = document.add_section(WD_SECTION_START.NEW_PAGE)
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = CARD_PAGE_WIDTH
    section.page_height = CARD_PAGE_HEIGHT
    section.top_margin = Emu(CARD_MARGIN + Mm(2))
    section.bottom_margin = CARD_MARGIN
    section.left_margin = section.right_margin = CARD_MARGIN_SIDE
    section.header_distance = section.footer_distance = Mm(5)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:
        grid.attrib.clear()  # no 22-line grid: a 110 pt name must not snap to grid lines
    for part in (section.footer, section.even_page_footer, section.header, section.even_page_header):
        part.is_linked_to_previous = False
        for paragraph in part.paragraphs:
            for run in list(paragraph.runs):
                run._r.getparent().remove(run._r)
    return section


# Word's WordArt shape type (VML "text path"), written out in full so each card stands alone.
_WORDART_TYPE = (
    '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
    'path="m@7,l@8,m@5,21600l@6,21600e"><v:formulas>'
    + "".join(
        f'<v:f eqn="{eqn}"/>'
        for eqn in (
            "sum #0 0 10800", "prod #0 2 1", "sum 21600 0 @1", "sum 0 0 @2", "sum 21600 0 @3", "if @0 @3 0",
            "if @0 21600 @1", "if @0 0 @2", "if @0 @4 21600", "mid @5 @6", "mid @8 @5", "mid @7 @8", "mid @6 @7",
            "sum @6 0 @5",
        )
    )
    + '</v:formulas><v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" '
    'o:connectangles="270,180,90,0"/><v:textpath on="t" fitshape="t"/>'
    '<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>'
)


def _attribute(text: str) -> str:
    """Escape text for a double-quoted XML attribute."""
    return escape(text, {'"': "&quot;"})


def name_box(name: str) -> tuple[Length, Length]:
    """Return (width, height) of the name on the card: square characters, as large as fits one line."""
    characters = max(len(name), 2)
    height = min(NAME_HEIGHT, int(CARD_WIDTH * NAME_FILL / characters))
    return Emu(height * characters), Emu(height)


def wordart_name(name: str, shape_id: int, *, upside_down: bool) -> str:
    """A WordArt name (VML text path) filling its box; turned by 180° for the back face."""
    width, height = name_box(name)
    rotation = ";rotation:180" if upside_down else ""
    face = "背面（倒置，折叠后朝后）" if upside_down else "正面"
    return (
        f'<w:r {nsdecls("w")} xmlns:v="{VML_NAMESPACE}" xmlns:o="{OFFICE_NAMESPACE}"><w:pict>{_WORDART_TYPE}'
        f'<v:shape id="namecard{shape_id}" o:spid="_x0000_s{shape_id}" type="#_x0000_t136" alt="{_attribute(name)} {face}" '
        f'style="width:{Length(width).pt:.1f}pt;height:{Length(height).pt:.1f}pt{rotation}" fillcolor="black" stroked="f">'
        f'<v:textpath style="font-family:&quot;{NAME_FONT}&quot;;font-weight:bold;v-text-kern:t" trim="t" '
        f'fitpath="t" string="{_attribute(name)}"/></v:shape></w:pict></w:r>'
    )


def _card_paragraph(cell: _Cell, style: str) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_snap_to_grid(paragraph._p.get_or_add_pPr(), False)


def _fold_borders(table: Table) -> None:
    """Dashed grey fold line between the faces; thin grey cut marks around the card."""
    tbl_pr = table._tbl.tblPr
    for existing in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(existing)
    borders = parse_xml(f"<w:tblBorders {nsdecls('w')}/>")
    for edge in ("top", "left", "bottom", "right"):
        borders.append(border(edge, width=Pt(0.25), color=FOLD_COLOR, style="dotted"))
    borders.append(border("insideH", width=Pt(1), color=FOLD_COLOR, style="dashed"))
    tbl_pr.append(borders)


def add_name_card(document: Document, attendee: Attendee, style: str, shape_id: int, *, first: bool) -> Table:
    """Add one card: the upper face upside down (back of the tent), the lower face upright (front)."""
    table = document.add_table(rows=2, cols=1)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _fold_borders(table)
    for row in table.rows:
        row.height = CARD_FACE_HEIGHT
        row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY
    for index, cell in enumerate((table.cell(0, 0), table.cell(1, 0))):
        cell.width = CARD_WIDTH
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        _card_paragraph(cell, style)
        upside_down = index == 0
        cell.paragraphs[0]._p.append(parse_xml(wordart_name(attendee.name, shape_id * 2 + index, upside_down=upside_down)))
    if not first:
        table.cell(0, 0).paragraphs[0].paragraph_format.page_break_before = True
    spacer = document.add_paragraph(style=style)
    spacer.paragraph_format.line_spacing = Pt(1)
    spacer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    return table
