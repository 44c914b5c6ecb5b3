"""Proofread a document spec before rendering (零差错): each finding carries `path:line:column`.

The loader has already checked field types and dates; these are the rules of GB/T 9704-2012 and of
the office (seed 004) that a typed model cannot express. Errors stop the render; warnings are printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from generator.documents.body import Block, parse_body
from generator.documents.wording import FINAL_PUNCTUATION, mark_text, type_name
from generator.errors import Problem, Problems
from generator.load.reader import Loc, Positions
from generator.model.records import Document

# A document number cited in running text: 〔2025〕12号 and its usual slips; the 机关代字 is found
# by looking back from the bracket (at most eight characters, without a leading 根据/按照/和…).
NUMBER_IN_TEXT = re.compile(
    r"(?P<open>[〔\[【(（［〈<﹝])\s*(?P<year>\d{4})\s*(?P<close>[〕\]】)）］〉>﹞])\s*(?P<di>第?)\s*(?P<seq>\d+)\s*号"
)
PREFIX_BEFORE = re.compile(r"[\u4e00-\u9fff]{1,8}$")
NOT_PREFIX = re.compile(r"^(?:根据|按照|依据|依照|参照|执行|贯彻|落实|印发|转发|关于|号|和|及|与|或|见|经|对|将|以|在|的)+")
DATE_IN_TEXT = re.compile(r"(?<!\d)(?P<year>\d{4})年(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
ISO_DATE_IN_TEXT = re.compile(r"(?<![\d-])\d{4}-\d{1,2}-\d{1,2}(?![\d-])")
LEVEL_NAMES = ("一级", "二级", "三级", "四级")
UPWARD_TYPES = ("request", "report")


@dataclass
class Source:
    """The spec's text and positions, to point at the exact line and column of a finding."""

    display: str
    text: str
    positions: Positions

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def value(self, loc: Loc) -> tuple[int, int]:
        return self.positions.value(loc)

    def key(self, loc: Loc) -> tuple[int, int]:
        return self.positions.key(loc)

    def raw_scalar(self, loc: Loc) -> str:
        """Return the scalar exactly as typed (e.g. ``012`` that YAML reads as 12)."""
        line, column = self.value(loc)
        if not 1 <= line <= len(self.lines):
            return ""
        token = self.lines[line - 1][column - 1:]
        return re.split(r"\s+#|\s*$", token.strip(), maxsplit=1)[0].strip("'\"")

    def find(self, loc: Loc, fragment: str, start_line: int | None = None) -> tuple[int, int]:
        """Return where fragment first appears at or after the field's line (or start_line)."""
        line, column = self.value(loc)
        first = start_line or line
        for number in range(first, len(self.lines) + 1):
            found = self.lines[number - 1].find(fragment)
            if found >= 0:
                return number, found + 1
        return line, column


def proofread(doc: Document, source: Source) -> list[Problem]:
    """Return every finding for one spec, errors and warnings, in file order."""
    problems = Problems()
    checks = (_number, _texts, _dates, _recipients_and_signer, _meeting, _title, _mark, _attachments, _body)
    for check in checks:
        check(doc, source, problems)
    return problems.sorted()


def _add(problems: Problems, source: Source, at: tuple[int, int], message: str, *, warning: bool = False) -> None:
    problems.add(source.display, at[0], at[1], message, warning=warning)


# ------------------------------------------------------------------ 发文字号
def _number(doc: Document, source: Source, problems: Problems) -> None:
    if doc.number is None:
        return
    prefix = doc.number.prefix
    if re.search(r"[〔〕\[\]【】()（）\d]", prefix):
        _add(problems, source, source.value(("number", "prefix")),
             f"发文机关代字“{prefix}”里不应有年份、序号或括号：prefix 只写代字（如 青政办发），年份写在 year，序号写在 seq")
    raw_seq = source.raw_scalar(("number", "seq"))
    if re.fullmatch(r"0\d+", raw_seq):
        _add(problems, source, source.value(("number", "seq")),
             f"发文顺序号“{raw_seq}”不编虚位：应写成 {int(raw_seq, 10)}（1 不编为 01）")
    if doc.number.year != doc.date.year:
        _add(problems, source, source.value(("number", "year")),
             f"发文字号的年份 {doc.number.year} 与成文日期的年份 {doc.date.year} 不一致：请核对", warning=True)


def _text_fields(doc: Document) -> Iterator[tuple[Loc, str]]:
    yield ("title",), doc.title
    yield ("body",), doc.body
    if doc.note:
        yield ("note",), doc.note
    for index, name in enumerate(doc.attachments):
        yield ("attachments", index), name
    if doc.meeting is not None:
        yield ("meeting", "time"), doc.meeting.time


def _cited_numbers(text: str) -> Iterator[tuple[str, str, re.Match[str]]]:
    """Yield (as written, as it should be, match) for each document number cited in a text."""
    for match in NUMBER_IN_TEXT.finditer(text):
        before = PREFIX_BEFORE.search(text, 0, match.start())
        prefix = NOT_PREFIX.sub("", before.group(0)) if before else ""
        if not prefix:
            continue  # “(2024)12号” without an issuer's code is not a document number
        cited = prefix + match.group(0)
        yield cited, f"{prefix}〔{match['year']}〕{int(match['seq'])}号", match


def _texts(doc: Document, source: Source, problems: Problems) -> None:
    """Document numbers cited in the text: 〔〕 brackets, no 第, no leading zeros (GB/T 9704 §7.2.5)."""
    for loc, text in _text_fields(doc):
        for cited, fixed, match in _cited_numbers(text):
            at = source.find(loc, cited)
            if match["open"] != "〔" or match["close"] != "〕":
                _add(problems, source, at, f"发文字号“{cited}”的年份应使用六角括号〔〕：应写成“{fixed}”")
            elif match["di"]:
                _add(problems, source, at, f"发文字号“{cited}”的顺序号前不加“第”字：应写成“{fixed}”")
            elif match["seq"].startswith("0"):
                _add(problems, source, at, f"发文字号“{cited}”的顺序号不编虚位：应写成“{fixed}”")


# ------------------------------------------------------------------ dates
def _dates(doc: Document, source: Source, problems: Problems) -> None:
    if doc.printed_date is not None and doc.printed_date < doc.date:
        _add(problems, source, source.value(("printed_date",)),
             f"印发日期 {doc.printed_date.isoformat()} 早于成文日期 {doc.date.isoformat()}：印发日期应在成文日期当天或之后")
    if doc.meeting is not None and doc.meeting.reply_by is not None and doc.meeting.reply_by < doc.date:
        _add(problems, source, source.value(("meeting", "reply_by")),
             f"回执截止日期 {doc.meeting.reply_by.isoformat()} 早于成文日期 {doc.date.isoformat()}：请核对")
    for loc, text in _text_fields(doc):
        for match in DATE_IN_TEXT.finditer(text):
            written = match.group(0)
            year, month, day = (int(match[k]) for k in ("year", "month", "day"))
            try:
                date(year, month, day)
            except ValueError:
                _add(problems, source, source.find(loc, written), f"日期“{written}”不存在：请核对月份和日子")
                continue
            if match["month"].startswith("0") or match["day"].startswith("0"):
                _add(problems, source, source.find(loc, written),
                     f"日期“{written}”的月、日不编虚位：应写成“{year}年{month}月{day}日”")
        for match in ISO_DATE_IN_TEXT.finditer(text):
            written = match.group(0)
            _add(problems, source, source.find(loc, written),
                 f"正文中的日期“{written}”应写成“×年×月×日”，例如 2025年4月1日", warning=True)


# ------------------------------------------------------------------ recipients, signer, meeting
def _recipients_and_signer(doc: Document, source: Source, problems: Problems) -> None:
    name = type_name(doc.type)
    if doc.type == "request":
        if not doc.to:
            _add(problems, source, source.key(("type",)),
                 "请示必须写主送机关（to），且只能主送一个机关：例如“to: [南屿市人民政府]”")
        elif len(doc.to) > 1:
            _add(problems, source, source.value(("to", 1)),
                 f"请示只能主送一个机关（现有 {len(doc.to)} 个）：其余机关请改为抄送（cc）")
        elif re.search(r"[、，,；;]", doc.to[0]):
            _add(problems, source, source.value(("to", 0)),
                 f"主送机关“{doc.to[0]}”像是多个机关：请示只能主送一个机关，其余请改为抄送（cc）", warning=True)
    if doc.type in UPWARD_TYPES and not doc.signer:
        _add(problems, source, source.key(("type",)),
             f"{name}是上行文，必须写签发人：请加上“signer: 姓名”")
    if doc.signer and doc.type not in UPWARD_TYPES:
        _add(problems, source, source.key(("signer",)),
             f"签发人只在请示、报告等上行文中标注，{name}不印签发人：可删去 signer", warning=True)


def _meeting(doc: Document, source: Source, problems: Problems) -> None:
    if doc.type == "meeting_notice" and doc.meeting is None:
        _add(problems, source, source.key(("type",)),
             "会议通知必须写会议三要素：请加上 meeting，写明 time（时间）、place（地点）和 attendees（参会人员）")
    if doc.meeting is not None and doc.type not in ("meeting_notice", "minutes"):
        _add(problems, source, source.key(("meeting",)),
             f"meeting 只用于会议通知和纪要，{type_name(doc.type)}中不会印出：可删去，或把会议事项写进正文", warning=True)


# ------------------------------------------------------------------ title, mark, attachments
def _title(doc: Document, source: Source, problems: Problems) -> None:
    title = "".join(doc.title.split())
    at = source.value(("title",))
    if title and title[-1] in FINAL_PUNCTUATION:
        _add(problems, source, at, f"标题末尾不加标点：删去“{title[-1]}”")
        title = title[:-1]
    if doc.type == "minutes":
        if not title.endswith("纪要"):
            _add(problems, source, at, "纪要的标题应以“纪要”结尾，例如“区政府第12次常务会议纪要”", warning=True)
        return
    kind = {"notice": "通知", "meeting_notice": "通知", "letter": "函"}.get(doc.type, type_name(doc.type))
    if not re.fullmatch(rf"关于.+的.{{0,4}}{kind}", title):
        _add(problems, source, at, f"标题宜写成“关于……的{kind}”（发文事由加文种）", warning=True)


def _mark(doc: Document, source: Source, problems: Problems) -> None:
    if doc.type == "minutes" and doc.mark and not doc.mark.endswith("纪要"):
        _add(problems, source, source.value(("mark",)),
             f"纪要标志应由“XXXXX纪要”组成（GB/T 9704 §9.3），而不是“{mark_text(doc)}”", warning=True)


def _attachments(doc: Document, source: Source, problems: Problems) -> None:
    """附件名称后不加标点符号 (GB/T 9704 §7.3.4); no 《》, no typed numbers (we number them)."""
    for index, name in enumerate(doc.attachments):
        at = source.value(("attachments", index))
        if "《" in name or "》" in name:
            fixed = name.replace("《", "").replace("》", "")
            _add(problems, source, at, f"附件名称不加书名号：写成“{fixed}”")
        if name[-1] in FINAL_PUNCTUATION:
            _add(problems, source, at, f"附件名称后不加标点符号：删去末尾的“{name[-1]}”")
        if match := re.match(r"^(附件\s*\d*[:：]?|\d+\s*[.．、]|[（(]\d+[）)])", name):
            _add(problems, source, at, f"附件顺序号会自动编排：删去开头的“{match.group(0)}”")


# ------------------------------------------------------------------ body
def _body(doc: Document, source: Source, problems: Problems) -> None:
    """Headings go 一级 → 二级 → 三级 → 四级 without skipping a level (GB/T 9704 §7.3.3)."""
    blocks = parse_body(doc.body)
    place = _body_locator(doc.body, source)
    previous = 0
    for block in blocks:
        if not block.is_heading:
            continue
        at = place(block)
        marks = "#" * block.level
        if block.level > 4:
            _add(problems, source, at, f"标题最多四级（# 到 ####）：这里用了 {block.level} 个“#”")
            previous = 4
            continue
        if not block.text:
            _add(problems, source, at, f"“{marks}”后面没有标题文字：请写上标题，或删去这一行")
        if block.level > previous + 1:
            needed = "#" * (previous + 1)
            if previous == 0:
                message = f"正文的第一个标题应从“#”（一级标题）开始，这里是“{marks}”（{LEVEL_NAMES[block.level - 1]}标题）"
            else:
                message = (f"标题跳级：“{marks}”（{LEVEL_NAMES[block.level - 1]}标题）不能紧跟在"
                           f"“{'#' * previous}”（{LEVEL_NAMES[previous - 1]}标题）之后，中间缺少“{needed}”")
            _add(problems, source, at, message)
        if block.manual_number:
            _add(problems, source, at,
                 f"标题会自动编号（一、（一）1.（1）），不必手写“{block.manual_number}”：已自动去掉", warning=True)
        previous = block.level


def _body_locator(body: str, source: Source) -> Callable[[Block], tuple[int, int]]:
    """Map a block's place in the body text to its line and column in the spec file."""
    line, column = source.value(("body",))
    lines = source.lines
    indicator = lines[line - 1][column - 1:column] if 1 <= line <= len(lines) else ""
    body_lines = body.splitlines()

    def literal(block: Block) -> tuple[int, int]:
        # the model strips the body, so its first line is the block's first non-blank line
        first = next((n for n in range(line + 1, len(lines) + 1) if lines[n - 1].strip()), line + 1)
        content = lines[first - 1] if first <= len(lines) else ""
        indent = len(content) - len(content.lstrip(" "))
        return first + block.line, indent + block.column + 1

    def searched(block: Block) -> tuple[int, int]:
        fragment = body_lines[block.line].strip()[:20] if block.line < len(body_lines) else ""
        return source.find(("body",), fragment) if fragment else (line, column)

    return literal if indicator == "|" else searched
