"""Blank Word templates (.dotx): the layout of each document type with placeholders in place of content."""

from __future__ import annotations

import io
from datetime import date

from docx.document import Document as WordDocument

from generator.documents.compose import compose
from generator.documents.ooxml import rewrite_part
from generator.documents.wording import chinese_date
from generator.model.records import DOCUMENT_TYPE_NAMES, Document

DOCUMENT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
TEMPLATE_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_PLACEHOLDER_DAY = date(2000, 1, 1)
_PLACEHOLDER_YEAR = 2000
_BODY = (
    "正文第一段，每段首行空二字，回行顶格。\n\n# 一级标题（黑体）\n\n正文……\n\n## 二级标题（楷体）\n\n正文……\n\n"
    "### 三级标题（仿宋）\n\n正文……\n\n#### 四级标题（仿宋）\n\n正文……"
)


def template_name(doc_type: str) -> str:
    """Return the template's file name, e.g. ``notice.dotx``."""
    return f"{doc_type}.dotx"


def placeholder_spec(doc_type: str) -> Document:
    """Return a spec whose every field shows the clerk what goes where."""
    name = DOCUMENT_TYPE_NAMES[doc_type]
    title = f"关于××××的{'通知' if doc_type == 'meeting_notice' else name}"
    data: dict[str, object] = {
        "type": doc_type,
        "issuer": "发文机关全称",
        "number": {"prefix": "×××发", "year": _PLACEHOLDER_YEAR, "seq": 1},
        "title": "××××会议纪要" if doc_type == "minutes" else title,
        "to": [] if doc_type == "minutes" else ["主送机关"],
        "body": _BODY,
        "signature": "发文机关署名",
        "date": _PLACEHOLDER_DAY,
        "cc": ["抄送机关"],
        "printed_by": "印发机关",
    }
    if doc_type in ("request", "report"):
        data["signer"] = "×××"
        data["note"] = "联系人：×××，电话：××××××××"
    if doc_type == "meeting_notice":
        data["meeting"] = {
            "time": "××××年×月×日（星期×）上午×:××", "place": "会议地点", "attendees": "参会人员范围",
            "agenda": ["议程一", "议程二"], "contact": {"name": "×××", "phone": "××××××××"},
            "reply_by": _PLACEHOLDER_DAY,
        }
    if doc_type == "minutes":
        data["body"] = "出席：×××、×××\n\n请假：×××\n\n列席：×××\n\n" + _BODY
    return Document.model_validate(data, strict=False)


def template_bytes(doc_type: str) -> bytes:
    """Return a .dotx for one type: Word opens it as a new, untitled document with the same styles."""
    word = compose(placeholder_spec(doc_type))
    _blank_out_dates(word)
    word.core_properties.title = f"{DOCUMENT_TYPE_NAMES[doc_type]}模板（GB/T 9704-2012）"
    buffer = io.BytesIO()
    word.save(buffer)
    return as_template(buffer.getvalue())


def as_template(docx: bytes) -> bytes:
    """Turn a .docx package into a .dotx by changing the main part's content type."""
    return rewrite_part(
        docx, "[Content_Types].xml",
        lambda types: types.replace(DOCUMENT_CONTENT_TYPE.encode(), TEMPLATE_CONTENT_TYPE.encode()),
    )


def _blank_out_dates(word: WordDocument) -> None:
    """Show ××××年×月×日 and 〔××××〕 where the placeholder spec had real dates."""
    replacements = {chinese_date(_PLACEHOLDER_DAY): "××××年×月×日", f"〔{_PLACEHOLDER_YEAR}〕1号": "〔××××〕×号"}
    paragraphs = list(word.paragraphs)
    for table in word.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for paragraph in paragraphs:
        for run in paragraph.runs:
            for old, new in replacements.items():
                if old in run.text:
                    run.text = run.text.replace(old, new)
