"""Attachments: how they are named in the list and how the text refers to them.

GB/T 9704-2012 §7.3.4: 附件说明 — 如有多个附件，使用阿拉伯数字标注附件顺序号；附件名称后不加标点符号.
One attachment is printed “附件：名称” without a number, several as “附件：1.…  2.…”, so the text says
“附件” for one and “附件1”“附件2” for several.
"""

from __future__ import annotations

import re

from generator.documents.compose import sort_parts
from generator.documents.proofread.chinese import chinese_number
from generator.documents.proofread.source import Source, prose_fields
from generator.documents.wording import FINAL_PUNCTUATION
from generator.errors import Problems
from generator.model.records import Document

RULE = "GB/T 9704-2012 §7.3.4"
NUMBERED = re.compile(r"附件(?P<number>\d+|[一二三四五六七八九十]+)(?![\d月年日号])")
# “见附件”“详见附件”“（附件）”“附件所列”: a reference without a number.
UNNUMBERED = re.compile(r"(?:见|详见|参见|按照|按|填写|附)附件(?![\d一二三四五六七八九十]|名称|说明)|[（(]附件[）)]|附件所列")


def attachment_names(doc: Document, source: Source, problems: Problems) -> None:
    """附件名称不加书名号和标点, and no typed numbers (they are numbered automatically)."""
    for index, name in enumerate(doc.attachments):
        at = source.value(("attachments", index))
        if "《" in name or "》" in name:
            fixed = name.replace("《", "").replace("》", "")
            source.add(problems, at, f"附件名称不加书名号：写成“{fixed}”")
        if name[-1] in FINAL_PUNCTUATION:
            source.add(problems, at, f"附件名称后不加标点符号：删去末尾的“{name[-1]}”")
        if match := re.match(r"^(附件\s*\d*[:：]?|\d+\s*[.．、]|[（(]\d+[）)])", name):
            source.add(problems, at, f"附件顺序号会自动编排：删去开头的“{match.group(0)}”")


def attachment_references(doc: Document, source: Source, problems: Problems) -> None:
    """Every 附件N the text mentions exists; several attachments are referred to by number, one without."""
    printed = sort_parts(doc).attachments
    count = len(printed)
    for text in prose_fields(doc):
        for match in NUMBERED.finditer(text.text):
            at = source.locate(text.loc, text.text, match.start(), len(match.group(0)))
            written = match["number"]
            number = int(written) if written.isdigit() else chinese_number(written)
            if not written.isdigit():
                source.add(problems, at, f"附件顺序号用阿拉伯数字：“{match.group(0)}”应写成“附件{number}”（{RULE}）",
                           warning=True)
            if number is None:
                continue
            if count == 0:
                source.add(problems, at, f"正文提到“{match.group(0)}”，但 attachments 中没有附件：请补上附件或改正文")
            elif number > count:
                source.add(problems, at, f"正文提到“{match.group(0)}”，但附件只有 {count} 个：请核对附件顺序号")
            elif count == 1:
                source.add(problems, at, f"只有一个附件时不编顺序号：“{match.group(0)}”应写成“附件”（{RULE}）",
                           warning=True)
        for match in UNNUMBERED.finditer(text.text):
            at = source.locate(text.loc, text.text, match.start(), len(match.group(0)))
            if count == 0:
                source.add(problems, at, f"正文提到附件（“{match.group(0)}”），但 attachments 中没有附件：请补上附件或改正文")
            elif count > 1:
                source.add(problems, at, f"附件有 {count} 个，“{match.group(0)}”没有说明是哪一个：写成“附件1”“附件2”等"
                           f"（{RULE}）", warning=True)
