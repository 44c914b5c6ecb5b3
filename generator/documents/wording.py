"""How the parts of a document are written out in words: number, dates, recipients, defaults."""

from __future__ import annotations

from datetime import date

from generator.documents import layout
from generator.documents.typeset import text_width
from generator.model.records import DOCUMENT_TYPE_NAMES, Document, DocumentNumber

FINAL_PUNCTUATION = "。，、；：！？.,;:!?"


def document_number(number: DocumentNumber) -> str:
    """Return 青政办发〔2025〕12号: year in 〔〕, sequence without 第 or leading zeros (GB/T 9704 §7.2.5)."""
    return f"{number.prefix}〔{number.year}〕{number.seq}号"


def chinese_date(day: date) -> str:
    """Return 2025年4月1日: Arabic numerals, full year, no padding (GB/T 9704 §7.3.5.4)."""
    return f"{day.year}年{day.month}月{day.day}日"


def mark_text(doc: Document) -> str:
    """Return the red header: the spec's mark, or the default for the document type."""
    if doc.mark:
        return doc.mark
    if doc.type == "letter":
        return doc.issuer  # GB/T 9704 §9.1: 信函格式用发文机关全称或规范化简称
    if doc.type == "minutes":
        return f"{doc.issuer}{layout.MINUTES_MARK_SUFFIX}"  # GB/T 9704 §9.3: “XXXXX纪要”
    return f"{doc.issuer}文件"  # GB/T 9704 §7.2.4: 发文机关全称或规范化简称加“文件”二字


def recipients_line(recipients: list[str]) -> str:
    """Join the main recipients and end with a full-width colon (GB/T 9704 §7.3.2)."""
    return "，".join(name.rstrip(FINAL_PUNCTUATION) for name in recipients) + "："


def cc_line(recipients: list[str]) -> str:
    """Join the copy recipients and end with a full stop (GB/T 9704 §7.4.2)."""
    return "，".join(name.rstrip(FINAL_PUNCTUATION) for name in recipients) + "。"


def type_name(doc_type: str) -> str:
    """Return the Chinese name of a document type, e.g. 请示."""
    return DOCUMENT_TYPE_NAMES[doc_type]


def signature_indents(signature: str, day: str) -> tuple[float, float]:
    """Return (signature, date) right indents in characters for an unsealed document (GB/T 9704 §7.3.5.2).

    The signature sits two characters from the right; the date's first character is two characters
    right of the signature's. When that would bring the date closer than two characters to the edge,
    the date keeps two characters and the signature moves left instead.
    """
    signature_width, date_width = text_width(signature), text_width(day)
    date_right = max(float(layout.SIGNATURE_RIGHT_CHARS), signature_width - date_width)
    signature_right = date_right + date_width - signature_width + layout.DATE_SHIFT_CHARS
    return signature_right, date_right
