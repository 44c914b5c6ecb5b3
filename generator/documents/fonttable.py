"""The font table (word/fontTable.xml): each font the documents name, with what to use when it is missing.

GB/T 9704 names fonts an office PC has (仿宋_GB2312, 方正小标宋简体 …) but a home PC often lacks. Word
and WPS pick a substitute from the font table: the alternative name (w:altName, a face every Chinese
Windows has), the character set (GB2312), the family (roman = with serifs, swiss = without) and the
PANOSE numbers. LibreOffice 7.x reads none of these (its DOCX import skips them); on Linux it asks
fontconfig instead, which fonts/fontconfig.conf maps to Noto Serif CJK (see docs/documents.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import XmlPart
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from generator.documents import layout


@dataclass(frozen=True)
class FontEntry:
    """One w:font: the name the styles use and how a missing font is replaced."""

    name: str
    alternative: str | None  # w:altName: the usual Windows face of the same kind
    family: str  # w:family: roman (serif), swiss (sans), modern (fixed pitch)
    panose: str  # w:panose1 of the face itself (or of its alternative when the original has none)
    charset: str = "86"  # GB2312
    pitch: str = "variable"


FONT_ENTRIES: tuple[FontEntry, ...] = (
    FontEntry(layout.FANGSONG, "仿宋", "roman", "02010609030101010101"),  # 仿宋 (FangSong) ships with Windows
    FontEntry(layout.XIAOBIAOSONG, "宋体", "roman", "02010600030101010101"),  # a Song face, as 小标宋 is
    FontEntry(layout.KAITI, "楷体", "roman", "02010609060101010101"),  # 楷体 (KaiTi) ships with Windows
    FontEntry(layout.HEITI, "SimHei", "swiss", "02010609060101010101"),  # 黑体 is sans by design
    FontEntry(layout.SONGTI, "SimSun", "roman", "02010600030101010101"),
    FontEntry(layout.LATIN, None, "roman", "02020603050405020304", charset="00"),
)


def font_table_xml() -> str:
    """Return word/fontTable.xml listing FONT_ENTRIES."""
    fonts = []
    for entry in FONT_ENTRIES:
        alternative = f'<w:altName w:val="{entry.alternative}"/>' if entry.alternative else ""
        fonts.append(
            f'<w:font w:name="{entry.name}">{alternative}<w:panose1 w:val="{entry.panose}"/>'
            f'<w:charset w:val="{entry.charset}"/><w:family w:val="{entry.family}"/>'
            f'<w:pitch w:val="{entry.pitch}"/></w:font>'
        )
    return f'<w:fonts {nsdecls("w")}>{"".join(fonts)}</w:fonts>'


def set_font_table(document: Document) -> None:
    """Replace python-docx's template font table (Japanese and Office theme fonts) with FONT_ENTRIES."""
    main = document.part
    old = main.part_related_by(RT.FONT_TABLE)
    for rel_id, rel in list(main.rels.items()):
        if rel.reltype == RT.FONT_TABLE:
            main.drop_rel(rel_id)
    main.relate_to(XmlPart(old.partname, old.content_type, parse_xml(font_table_xml()), old.package), RT.FONT_TABLE)
