"""Dates in the text: they exist, are not padded, carry the right weekday, and agree with the 成文日期.

A date written without a year (4月8日) is read as the occurrence nearest to the 成文日期, the way a
reader of the document reads it, unless 次年/明年/去年/今年 stands before it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from generator.documents.proofread.chinese import WEEKDAYS, nearest_date, weekday_name
from generator.documents.proofread.source import Source, TextField, prose_fields, text_fields
from generator.errors import Problems
from generator.model.records import Document
from generator.validate import field_name

DATE_IN_TEXT = re.compile(r"(?<![\d年])(?:(?P<year>\d{4})年)?(?P<month>\d{1,2})月(?P<day>\d{1,2})日")
ISO_DATE_IN_TEXT = re.compile(r"(?<![\d-])\d{4}-\d{1,2}-\d{1,2}(?![\d-])")
WEEKDAY_AFTER = re.compile(rf"\s*[（(]\s*(?:星期|周|礼拜)(?P<weekday>[{WEEKDAYS}天])\s*[）)]")
# A deadline: “于4月30日前”“在…之前”, or “4月30日前报送/上报/提交/反馈/完成” (not “前后”).
DEADLINE_LEAD = re.compile(r"(?:于|在)$")
DEADLINE_FOLLOW = re.compile(r"^(?:[上下]午)?(?:\d{1,2}[:：]\d{2}|\d{1,2}时)?(?:之)?前(?!后)")
DEADLINE_VERB = re.compile(r"^(?:之)?前(?:报送|上报|报|提交|反馈|完成)")
ALREADY = re.compile(r"已|业已")
# What the text says has happened (“…主持召开…会议”) and what it says is to come (“定于…召开”).
HAPPENED = re.compile(r"主持召开|召开了|举行了|举办了|召开的|举行的|发生了|收到了|接到了|作出了|印发了|下发了")
TO_COME = re.compile(r"定于|拟于|拟|将|计划|预计|请|须|应当|应于|务必|要求|届时|截止|截至|期间|力争|确保|下一步|即将|准备")
AFTER_DATE_NOT_A_DAY = re.compile(r"^(?:[上下]午)?(?:之|以)?(?:前|后|起)")
SENTENCE_END = "。；！？\n"
RECURRING = ("每年", "每月", "年度", "历年")  # “每年5月10日前报送” is a standing deadline, not one that has passed


@dataclass(frozen=True)
class WrittenDate:
    """A date found in a text: what was written, where, and the day it means (None if it cannot exist)."""

    written: str
    start: int
    end: int
    day: date | None
    has_year: bool


def written_dates(text: str, reference: date) -> Iterator[WrittenDate]:
    """Yield every 年月日 / 月日 date in a text; dates without a year are read near the reference date."""
    for match in DATE_IN_TEXT.finditer(text):
        month, day = int(match["month"]), int(match["day"])
        if match["year"]:
            try:
                meant: date | None = date(int(match["year"]), month, day)
            except ValueError:
                meant = None
        else:
            meant = _without_year(month, day, reference, text[max(0, match.start() - 3):match.start()])
        yield WrittenDate(match.group(0), match.start(), match.end(), meant, bool(match["year"]))


def _without_year(month: int, day: int, reference: date, before: str) -> date | None:
    """Read 次年/明年/去年/今年 before a date without a year; otherwise take the nearest occurrence."""
    for words, shift in ((("次年", "明年", "来年", "下一年"), 1), (("去年", "上年", "上一年"), -1), (("今年", "当年", "本年"), 0)):
        if before.endswith(words):
            try:
                return date(reference.year + shift, month, day)
            except ValueError:
                return None
    return nearest_date(month, day, reference)


def dates(doc: Document, source: Source, problems: Problems) -> None:
    """Every date check, field by field."""
    if doc.printed_date is not None and doc.printed_date < doc.date:
        source.add(problems, source.value(("printed_date",)),
                   f"印发日期 {doc.printed_date.isoformat()} 早于成文日期 {doc.date.isoformat()}：印发日期应在成文日期当天或之后")
    if doc.meeting is not None and doc.meeting.reply_by is not None and doc.meeting.reply_by < doc.date:
        source.add(problems, source.value(("meeting", "reply_by")),
                   f"回执截止日期 {doc.meeting.reply_by.isoformat()} 早于成文日期 {doc.date.isoformat()}：请核对")
    for text in text_fields(doc):
        _written_forms(doc, text, source, problems)
    for text in prose_fields(doc):
        _against_the_document_date(doc, text, source, problems)
    _minutes_after_the_meeting(doc, source, problems)


def _written_forms(doc: Document, text: TextField, source: Source, problems: Problems) -> None:
    for found in written_dates(text.text, doc.date):
        at = source.locate(text.loc, text.text, found.start, len(found.written))
        if found.day is None:
            source.add(problems, at, f"日期“{found.written}”不存在：请核对月份和日子")
            continue
        month_text, day_text = re.findall(r"(\d+)[月日]", found.written)
        if month_text.startswith("0") or day_text.startswith("0"):
            year = f"{found.day.year}年" if found.has_year else ""
            fixed = f"{year}{found.day.month}月{found.day.day}日"
            source.add(problems, at, f"日期“{found.written}”的月、日不编虚位：应写成“{fixed}”")
        if weekday := WEEKDAY_AFTER.match(text.text, found.end):
            _weekday(found, weekday, text, source, problems)
    for match in ISO_DATE_IN_TEXT.finditer(text.text):
        at = source.locate(text.loc, text.text, match.start(), len(match.group(0)))
        where = "正文中的" if text.loc == ("body",) else f"{field_name(Document, text.loc)}中的"
        source.add(problems, at, f"{where}日期“{match.group(0)}”应写成“×年×月×日”，例如 2025年4月1日", warning=True)


def _weekday(found: WrittenDate, weekday: re.Match[str], text: TextField, source: Source, problems: Problems) -> None:
    assert found.day is not None
    written = "日" if weekday["weekday"] == "天" else weekday["weekday"]
    if WEEKDAYS[found.day.weekday()] == written:
        return
    shown = weekday.group(0).strip()
    at = source.locate(text.loc, text.text, weekday.end() - len(shown), len(shown))
    year = "" if found.has_year else f"（{found.day.year}年）"
    source.add(problems, at, f"{found.written}{year}是{weekday_name(found.day)}，不是“{shown}”：请核对日期和星期")


def _against_the_document_date(doc: Document, text: TextField, source: Source, problems: Problems) -> None:
    """A deadline cannot have passed on the 成文日期; what the text says happened cannot lie after it."""
    for found in written_dates(text.text, doc.date):
        if found.day is None or text.text[max(0, found.start - 2):found.start] in RECURRING:
            continue
        sentence = _sentence(text.text, found.start, found.end)
        lead_in = re.split(f"[，,{SENTENCE_END}]", text.text[max(0, found.start - 8):found.start])[-1]
        after = text.text[found.end:found.end + 8]
        is_deadline = bool(DEADLINE_LEAD.search(lead_in) and DEADLINE_FOLLOW.match(after)) or bool(
            DEADLINE_VERB.match(after))
        stated = bool(HAPPENED.search(sentence) or lead_in.endswith("已于"))
        narrative = doc.type in ("report", "minutes") and _opens_sentence(text.text, found.start)
        possible = not (TO_COME.search(sentence) or AFTER_DATE_NOT_A_DAY.match(after))
        at = source.locate(text.loc, text.text, found.start, len(found.written))
        if is_deadline and not ALREADY.search(lead_in) and found.day < doc.date:
            source.add(problems, at, f"期限“{found.written}前”早于成文日期 {doc.date.isoformat()}：发文时期限已过，"
                       "请核对期限或成文日期")
        elif found.day > doc.date and possible and (stated or narrative):
            # “主持召开”“已于” say it happened (error); a report opening a sentence with the date only implies it
            source.add(problems, at, f"正文说“{found.written}”的事已经发生，成文日期 {doc.date.isoformat()} 却在它之前："
                       "成文日期应在所述事项之后，请核对", warning=not stated)


def _opens_sentence(text: str, start: int) -> bool:
    """A report or minutes that opens a sentence with a date (“2025年5月22日，…”) recounts what happened."""
    before = text[:start].rstrip(" ")
    return not before or before[-1] in SENTENCE_END


def _sentence(text: str, start: int, end: int) -> str:
    """Return the sentence around text[start:end] (up to 。；！？ or a line break)."""
    left = max(text.rfind(mark, 0, start) for mark in SENTENCE_END) + 1
    rights = [i for i in (text.find(mark, end) for mark in SENTENCE_END) if i >= 0]
    return text[left:min(rights) if rights else len(text)]


def _minutes_after_the_meeting(doc: Document, source: Source, problems: Problems) -> None:
    """Minutes record a meeting that has taken place: the 成文日期 is on or after the meeting day."""
    if doc.type != "minutes" or doc.meeting is None:
        return
    found = next(written_dates(doc.meeting.time, doc.date), None)
    if found is not None and found.day is not None and found.day > doc.date:
        at = source.locate(("meeting", "time"), doc.meeting.time, found.start, len(found.written))
        source.add(problems, at, f"纪要的成文日期 {doc.date.isoformat()} 早于会议日期“{found.written}”：请核对")
