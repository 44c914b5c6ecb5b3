"""The body's heading levels and the meeting block (GB/T 9704-2012 §7.3.3; the three essentials of a meeting)."""

from __future__ import annotations

from generator.documents.body import parse_body
from generator.documents.proofread.source import Source
from generator.documents.wording import type_name
from generator.errors import Problems
from generator.model.records import Document

LEVEL_NAMES = ("一级", "二级", "三级", "四级")


def meeting(doc: Document, source: Source, problems: Problems) -> None:
    """A meeting notice states time, place and attendees; other types do not print a meeting block."""
    if doc.type == "meeting_notice" and doc.meeting is None:
        source.add(problems, source.key(("type",)),
                   "会议通知必须写会议三要素：请加上 meeting，写明 time（时间）、place（地点）和 attendees（参会人员）")
    if doc.meeting is not None and doc.type not in ("meeting_notice", "minutes"):
        source.add(problems, source.key(("meeting",)),
                   f"meeting 只用于会议通知和纪要，{type_name(doc.type)}中不会印出：可删去，或把会议事项写进正文", warning=True)


def headings(doc: Document, source: Source, problems: Problems) -> None:
    """Headings go 一级 → 二级 → 三级 → 四级 without skipping a level (GB/T 9704 §7.3.3)."""
    lines = doc.body.splitlines(keepends=True)
    previous = 0
    for block in parse_body(doc.body):
        if not block.is_heading:
            continue
        offset = sum(len(line) for line in lines[:block.line]) + block.column
        at = source.locate(("body",), doc.body, offset, len(lines[block.line].strip()))
        marks = "#" * block.level
        if block.level > 4:
            source.add(problems, at, f"标题最多四级（# 到 ####）：这里用了 {block.level} 个“#”")
            previous = 4
            continue
        if not block.text:
            source.add(problems, at, f"“{marks}”后面没有标题文字：请写上标题，或删去这一行")
        if block.level > previous + 1:
            needed = "#" * (previous + 1)
            if previous == 0:
                message = f"正文的第一个标题应从“#”（一级标题）开始，这里是“{marks}”（{LEVEL_NAMES[block.level - 1]}标题）"
            else:
                message = (f"标题跳级：“{marks}”（{LEVEL_NAMES[block.level - 1]}标题）不能紧跟在"
                           f"“{'#' * previous}”（{LEVEL_NAMES[previous - 1]}标题）之后，中间缺少“{needed}”")
            source.add(problems, at, message)
        if block.manual_number:
            source.add(problems, at,
                       f"标题会自动编号（一、（一）1.（1）），不必手写“{block.manual_number}”：已自动去掉", warning=True)
        previous = block.level
