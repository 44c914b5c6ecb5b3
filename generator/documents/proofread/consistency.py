"""One thing written one way throughout a document: people's names and numbers.

Only cases a program can decide without guessing are reported:
- a name typed in prose after a title or role (区长林振化) that differs by one character from a name the
  spec lists as a person (签发人, 联系人, 出席/列席 lists) with the same surname and length;
- one quantity written both in Arabic and in Chinese numerals (160万元 / 一百六十万元; 24小时 / 二十四小时),
  against GB/T 15835-2011 (出版物上数字用法), which asks for one form within a text;
- in minutes, the meeting the title names (第12次常务会议) numbered differently where the body says it was held
  (第12次 and 第十二次 for the same meeting are one number written two ways, reported as such).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.documents.compose import ATTENDANCE_LINE
from generator.documents.proofread.chinese import CHINESE_NUMBER, CJK, NUMERAL_CHARS, chinese_number
from generator.documents.proofread.source import Place, Source, TextField, prose_fields, text_fields
from generator.errors import Problems
from generator.model.records import Document

NUMBERS_RULE = "GB/T 15835-2011：同一文本中同类数字的写法应一致"
ROLES = re.compile(r"(?:副?(?:区长|市长|县长|镇长|书记|主任|局长|秘书长|主席|部长|处长|科长)|同志|(?:联系人|签发人|主持人)[：:]?)"
                   rf"(?=[{CJK}])")
ORGAN_ENDINGS = tuple("局委办厅部院会组室所队府镇站处科股司团社")
NAME_TOKEN = re.compile(r"[^、，,；;。\s（）()]+")
UNITS = "万元|亿元|元|人次|人|名|个|件|台|户|条|次|项|所|艘|只|天|小时|分钟|公里|平方米|米|吨|家|辆|篇|批|场|间|套"
ARABIC_QUANTITY = re.compile(rf"(?<![\d.])(?P<ordinal>第)?(?P<value>\d+(?:\.\d+)?)(?P<unit>{UNITS})")
CHINESE_QUANTITY = re.compile(rf"(?<![{NUMERAL_CHARS}])(?P<ordinal>第)?(?P<value>{CHINESE_NUMBER})(?P<unit>{UNITS})")
MONEY = ("万元", "亿元", "元")
SESSION = re.compile(rf"第(?P<number>\d+|{CHINESE_NUMBER})次(?P<meeting>[{CJK}]{{0,8}}?会议)")


@dataclass(frozen=True)
class Mention:
    """A name or number as written, where it is (field and offset), and what it stands for."""

    written: str
    field: TextField | None
    offset: int
    place: Place


def consistency(doc: Document, source: Source, problems: Problems) -> None:
    """Names and numbers each written one way."""
    _names(doc, source, problems)
    _quantities(doc, source, problems)
    _session(doc, source, problems)


# ------------------------------------------------------------------ names
def _listed_names(doc: Document, source: Source) -> Iterator[Mention]:
    """People the spec names in fields and attendance lists, with where each is written."""
    if doc.signer:
        yield Mention(doc.signer, None, 0, source.value(("signer",)))
    if doc.meeting is not None and doc.meeting.contact is not None and doc.meeting.contact.name:
        yield Mention(doc.meeting.contact.name, None, 0, source.value(("meeting", "contact", "name")))
    body = TextField(("body",), doc.body)
    for line_match in re.finditer(r"^.*$", doc.body, re.MULTILINE):
        attendance = ATTENDANCE_LINE.match(line_match.group(0).strip())
        if not attendance:
            continue
        start = line_match.start() + line_match.group(0).index(attendance.group(2))
        for name in NAME_TOKEN.finditer(attendance.group(2)):
            if _looks_like_a_name(name.group(0)):
                offset = start + name.start()
                yield Mention(name.group(0), body, offset, source.locate(body.loc, body.text, offset, len(name.group(0))))


def _looks_like_a_name(token: str) -> bool:
    return bool(re.fullmatch(f"[{CJK}]{{2,3}}", token)) and not token.endswith(ORGAN_ENDINGS)


def _names(doc: Document, source: Source, problems: Problems) -> None:
    listed = list(_listed_names(doc, source))
    known = {mention.written for mention in listed}
    for text in prose_fields(doc):
        for role in ROLES.finditer(text.text):
            for mention in listed:
                written = text.text[role.end():role.end() + len(mention.written)]
                if written in known or len(written) != len(mention.written) or written[0] != mention.written[0]:
                    continue
                if sum(a != b for a, b in zip(written, mention.written, strict=True)) == 1:
                    at = source.locate(text.loc, text.text, role.end(), len(written))
                    source.add(problems, at, f"人名“{written}”与第{mention.place[0]}行的“{mention.written}”只差一个字："
                               "同一人请统一写法", warning=True)
                    break


# ------------------------------------------------------------------ numbers
def _quantity_key(match: re.Match[str]) -> tuple[str, float, str] | None:
    raw = match["value"]
    value = float(raw) if raw[0].isdigit() else chinese_number(raw)
    if value is None or (value < 10 and match["unit"] not in MONEY):
        return None
    return match["ordinal"] or "", float(value), match["unit"]


def _quantities(doc: Document, source: Source, problems: Problems) -> None:
    arabic: dict[tuple[str, float, str], Mention] = {}
    chinese: list[tuple[tuple[str, float, str], Mention]] = []
    for text in text_fields(doc):
        for pattern, is_arabic in ((ARABIC_QUANTITY, True), (CHINESE_QUANTITY, False)):
            for match in pattern.finditer(text.text):
                key = _quantity_key(match)
                if key is None:
                    continue
                place = source.locate(text.loc, text.text, match.start(), len(match.group(0)))
                mention = Mention(match.group(0), text, match.start(), place)
                if is_arabic:
                    arabic.setdefault(key, mention)
                else:
                    chinese.append((key, mention))
    for key, mention in chinese:
        if key in arabic:
            other = arabic[key]
            source.add(problems, mention.place, f"同一数字两种写法：“{mention.written}”与第{other.place[0]}行的"
                       f"“{other.written}”，请统一用阿拉伯数字（{NUMBERS_RULE}）", warning=True)


def _session(doc: Document, source: Source, problems: Problems) -> None:
    """The minutes' title names the meeting; the body says the same meeting was held, numbered the same."""
    if doc.type != "minutes" or not (titled := SESSION.search(doc.title)):
        return
    number = _session_number(titled["number"])
    for match in SESSION.finditer(doc.body):
        if match["meeting"] != titled["meeting"]:
            continue
        sentence_start = max(doc.body.rfind(mark, 0, match.start()) for mark in "。；\n") + 1
        held = re.search(r"召开|举行", doc.body[sentence_start:match.start()] + doc.body[match.end():match.end() + 4])
        at = source.locate(("body",), doc.body, match.start(), len(match.group(0)))
        if held and _session_number(match["number"]) != number:
            source.add(problems, at, f"纪要标题是“{titled.group(0)}”，正文却写“{match.group(0)}”召开：请核对会议届次")


def _session_number(written: str) -> int | None:
    return int(written) if written.isdigit() else chinese_number(written)
