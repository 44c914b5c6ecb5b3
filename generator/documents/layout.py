"""Every layout figure of GB/T 9704-2012 《党政机关公文格式》 used by the documents stage, with its source.

Figures the standard fixes carry the clause (§); figures it leaves open carry the reason we chose them.
Lengths are python-docx ``Length`` values (EMU); helpers at the end convert them to the units Word
stores (twips, eighths of a point), so the drawing code never holds a bare number.
"""

from __future__ import annotations

from docx.shared import Emu, Length, Mm, Pt, RGBColor

# ------------------------------------------------------------------ paper and type area (§5)
PAGE_WIDTH = Mm(210)  # GB/T 9704-2012 §5.1: A4, 210 mm × 297 mm
PAGE_HEIGHT = Mm(297)  # GB/T 9704-2012 §5.1
TOP_MARGIN = Mm(37)  # GB/T 9704-2012 §5.2.1: 天头（上白边）37 mm ± 1 mm
LEFT_MARGIN = Mm(28)  # GB/T 9704-2012 §5.2.1: 订口（左白边）28 mm ± 1 mm
TYPE_AREA_WIDTH = Mm(156)  # GB/T 9704-2012 §5.2.1: 版心 156 mm × 225 mm（不含页码）
TYPE_AREA_HEIGHT = Mm(225)  # GB/T 9704-2012 §5.2.1
RIGHT_MARGIN = Emu(PAGE_WIDTH - LEFT_MARGIN - TYPE_AREA_WIDTH)  # = 26 mm, follows from §5.1 and §5.2.1
BOTTOM_MARGIN = Emu(PAGE_HEIGHT - TOP_MARGIN - TYPE_AREA_HEIGHT)  # = 35 mm, follows from §5.1 and §5.2.1

LINES_PER_PAGE = 22  # GB/T 9704-2012 §5.2.3: 一般每面排 22 行
CHARS_PER_LINE = 28  # GB/T 9704-2012 §5.2.3: 每行排 28 个字，并撑满版心

# ------------------------------------------------------------------ fonts and sizes (§5.2.2, §7)
# Names as Word and WPS on an office PC know them; docs/readme/documents.md lists the fallbacks.
FANGSONG = "仿宋_GB2312"  # GB/T 9704-2012 §5.2.2: 公文格式各要素一般用 3 号仿宋体字
XIAOBIAOSONG = "方正小标宋简体"  # GB/T 9704-2012 §7.2.4, §7.3.1: 推荐使用小标宋体字（版头、标题）
HEITI = "黑体"  # GB/T 9704-2012 §7.2.3, §7.3.3, §7.3.7, §9.3: 紧急程度、一级标题、附件标识、“出席”
KAITI = "楷体_GB2312"  # GB/T 9704-2012 §7.2.6, §7.3.3: 签发人姓名、二级标题
SONGTI = "宋体"  # GB/T 9704-2012 §7.5: 页码用 4 号半角宋体阿拉伯数字
LATIN = "Times New Roman"  # not fixed by the standard; the usual companion for digits and Latin letters

BODY_SIZE = Pt(16)  # GB/T 9704-2012 §5.2.2: 3 号字 = 16 pt
TITLE_SIZE = Pt(22)  # GB/T 9704-2012 §7.3.1: 标题一般用 2 号小标宋体字 = 22 pt
CLOSING_SIZE = Pt(14)  # GB/T 9704-2012 §7.4.2, §7.4.3: 抄送、印发机关和印发日期一般用 4 号仿宋体字 = 14 pt
PAGE_NUMBER_SIZE = Pt(14)  # GB/T 9704-2012 §7.5: 4 号 = 14 pt
TABLE_SIZE = Pt(14)  # not fixed by the standard (§8 only places tables); 4 号 keeps five columns readable
MARK_MAX_SIZE = Pt(36)  # not fixed by §7.2.4 (“醒目、美观、庄重”); 小初 is common, smaller for long names
# Every style is condensed by a quarter point (w:spacing w:val="-5" on the Normal style), so a 3 号
# character advances 15.75 pt and 28 of them (441 pt) fit the 156 mm (442.2 pt) line while 29 do not.
CHAR_SPACING = Pt(-0.25)  # not fixed by the standard; the arithmetic that gives §5.2.3's 28 characters a line
CHAR_WIDTH = Emu(BODY_SIZE + CHAR_SPACING)  # one full-width 3 号 character: the unit of “空二字”, “右空一字” …

RED = RGBColor(0xFF, 0x00, 0x00)  # GB/T 9704-2012 §7.2.4, §7.2.7, §9.1, §9.3: 红色
RED_HEX = str(RED)

# ------------------------------------------------------------------ header block (版头, §7.2)
MARK_TOP = Mm(35)  # GB/T 9704-2012 §7.2.4: 发文机关标志上边缘至版心上边缘为 35 mm
LINES_BETWEEN_MARK_AND_NUMBER = 2  # GB/T 9704-2012 §7.2.5: 发文字号编排在发文机关标志下空二行位置
NUMBER_INDENT_CHARS = 1  # GB/T 9704-2012 §7.2.5: 上行文的发文字号居左空一字
SIGNER_INDENT_CHARS = 1  # GB/T 9704-2012 §7.2.6: 签发人居右空一字
RULE_BELOW_NUMBER = Mm(4)  # GB/T 9704-2012 §7.2.7: 发文字号之下 4 mm 处印一条与版心等宽的红色分隔线
RED_RULE_WIDTH = Pt(1.5)  # not fixed by §7.2.7; 1.5 pt prints as a clear single red line
LINES_BETWEEN_RULE_AND_TITLE = 2  # GB/T 9704-2012 §7.3.1: 标题编排于红色分隔线下空二行位置

# ------------------------------------------------------------------ main part (主体, §7.3)
LINES_BETWEEN_TITLE_AND_RECIPIENTS = 1  # GB/T 9704-2012 §7.3.2: 主送机关编排于标题下空一行位置
BODY_INDENT_CHARS = 2  # GB/T 9704-2012 §7.3.3: 每个自然段左空二字，回行顶格
HEADING_NUMBERS = ("一、", "（一）", "1.", "（1）")  # GB/T 9704-2012 §7.3.3: 结构层次序数
HEADING_FONTS = (HEITI, KAITI, FANGSONG, FANGSONG)  # GB/T 9704-2012 §7.3.3: 第一层黑体、第二层楷体、三四层仿宋
LINES_BEFORE_ATTACHMENTS = 1  # GB/T 9704-2012 §7.3.4: 在正文下空一行左空二字编排“附件”
LINES_BEFORE_SIGNATURE = 1  # GB/T 9704-2012 §7.3.5.2: 在正文（或附件说明）下空一行编排发文机关署名
SIGNATURE_RIGHT_CHARS = 2  # GB/T 9704-2012 §7.3.5.2: 署名右空二字
DATE_SHIFT_CHARS = 2  # GB/T 9704-2012 §7.3.5.2: 成文日期首字比署名首字右移二字（日期更长时日期右空二字）
NOTE_INDENT_CHARS = 2  # GB/T 9704-2012 §7.3.6: 附注居左空二字加圆括号，编排在成文日期下一行
ATTACHMENT_TITLE_LINE = 3  # GB/T 9704-2012 §7.3.7: 附件标题居中编排在版心第三行

# ------------------------------------------------------------------ closing block (版记, §7.4)
CLOSING_INDENT_CHARS = 1  # GB/T 9704-2012 §7.4.2, §7.4.3: 抄送左右各空一字；印发机关左空一字、印发日期右空一字
THICK_RULE = Mm(0.35)  # GB/T 9704-2012 §7.4.1: 首条和末条分隔线用粗线（推荐高度 0.35 mm）
THIN_RULE = Mm(0.25)  # GB/T 9704-2012 §7.4.1: 中间的分隔线用细线（推荐高度 0.25 mm）

# ------------------------------------------------------------------ page numbers (§7.5)
PAGE_NUMBER_DROP = Mm(7)  # GB/T 9704-2012 §7.5: 一字线上距版心下边缘 7 mm
PAGE_NUMBER_INDENT = PAGE_NUMBER_SIZE  # GB/T 9704-2012 §7.5: 单页码居右空一字，双页码居左空一字
PAGE_NUMBER_DASH = "—"  # GB/T 9704-2012 §7.5: 数字左右各放一条一字线
# The footer paragraph is exactly one page-number line high; its middle (where the dash sits) lies
# PAGE_NUMBER_DROP below the type area. Word measures the footer distance up from the paper edge.
PAGE_NUMBER_LINE = PAGE_NUMBER_SIZE
FOOTER_DISTANCE = Emu(BOTTOM_MARGIN - PAGE_NUMBER_DROP - PAGE_NUMBER_LINE // 2)
HEADER_DISTANCE = Mm(15)  # headers stay empty (§7 puts nothing there); Word's usual 15 mm

# ------------------------------------------------------------------ letter format (信函格式, §9.1)
LETTER_MARK_TOP = Mm(30)  # GB/T 9704-2012 §9.1: 发文机关标志上边缘至上页边为 30 mm
LETTER_RULE_BELOW_MARK = Mm(4)  # GB/T 9704-2012 §9.1: 发文机关标志下 4 mm 处印一条红色双线（上粗下细）
LETTER_RULE_FROM_BOTTOM = Mm(20)  # GB/T 9704-2012 §9.1: 距下页边 20 mm 处印一条红色双线（上细下粗）
LETTER_RULE_LENGTH = Mm(170)  # GB/T 9704-2012 §9.1: 线长均为 170 mm，居中排布
LETTER_RULE_THICK = Pt(2.25)  # not fixed by §9.1; thick and thin strokes of the double line
LETTER_RULE_THIN = Pt(0.75)
LETTER_RULE_GAP = Pt(1.5)  # the white between the two strokes of the double line
LETTER_MARK_SIZE = Pt(26)  # not fixed by §9.1; 一号 (26 pt) fits the full name on one line above the rule

# ------------------------------------------------------------------ minutes (纪要格式, §9.3)
MINUTES_MARK_SUFFIX = "纪要"  # GB/T 9704-2012 §9.3: 纪要标志由“XXXXX纪要”组成，红色小标宋
ATTENDANCE_LABELS = ("出席", "请假", "列席")  # GB/T 9704-2012 §9.3: 出席、请假、列席，依次另起一行
ATTENDANCE_INDENT_CHARS = 2  # GB/T 9704-2012 §9.3: 正文下空一行左空二字编排“出席”二字


# ------------------------------------------------------------------ the document grid (§5.2.3)
def twips(length: Length | int) -> int:
    """Return a length in twentieths of a point, as Word stores page and indent figures."""
    return int(round(int(length) / 635))


def type_area_twips() -> tuple[int, int]:
    """Return (width, height) of the type area exactly as Word will compute it from the stored twips."""
    width = twips(PAGE_WIDTH) - twips(LEFT_MARGIN) - twips(RIGHT_MARGIN)
    height = twips(PAGE_HEIGHT) - twips(TOP_MARGIN) - twips(BOTTOM_MARGIN)
    return width, height


def grid_line_pitch() -> int:
    """Return w:docGrid/@w:linePitch: the largest whole-twip pitch that still fits 22 lines (≈579)."""
    return type_area_twips()[1] // LINES_PER_PAGE


def advance(size: Length) -> Length:
    """Return how far one full-width character of `size` moves the pen: its size plus CHAR_SPACING.

    The grid is of type “lines” (ECMA-376 ST_DocGrid): it fixes the line pitch only, so a character
    takes exactly its own advance in Word, WPS and LibreOffice alike. (A “linesAndChars” grid of
    15.79 pt cells made LibreOffice give each 16 pt character two cells: 14 characters a line.)
    """
    return Emu(size + CHAR_SPACING)


def chars_per_line(size: Length, width: Length = TYPE_AREA_WIDTH) -> int:
    """Return how many full-width characters of `size` fit in `width` (28 for 3 号 in the type area)."""
    return int(width // advance(size))


LINE_PITCH = Pt(grid_line_pitch() / 20)  # one grid line (≈ 28.95 pt): the unit of “空一行”
