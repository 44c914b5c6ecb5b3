"""Blank Word templates (.dotx): the layout of each document type with placeholders in place of content."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterable
from datetime import date
from importlib.metadata import version

from docx.document import Document as WordDocument

from generator.cache import DOCUMENTS, CacheFile, digest, user_cache_folder
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


def blank_templates(doc_types: Iterable[str]) -> dict[str, bytes]:
    """Each type's .dotx by its file name, made once per version of the documents code.

    They depend on the code alone, never on content (about 0.2 s each to compose): the first build after
    an install or an upgrade keeps them in the user's cache (generator/cache.py user_cache_folder), under
    the documents stage's salt (with the versions of python-docx and lxml), and every later build of any content root reads them back. An entry is
    its bytes' hash and the bytes in base64; a damaged one is made again.
    """
    libraries = f"python-docx-{version('python-docx')}/lxml-{version('lxml')}"  # they write the package's XML
    kept = CacheFile(DOCUMENTS.cache_file(user_cache_folder() / "templates"), DOCUMENTS.salt(libraries))
    found: dict[str, bytes] = {}
    for doc_type in doc_types:
        name = template_name(doc_type)
        data = _kept_template(kept.get(name))
        if data is None:
            data = template_bytes(doc_type)
            kept.put(name, f"{digest([data])}:{base64.b64encode(data).decode('ascii')}")
        found[name] = data
    kept.save()
    return found


def _kept_template(stored: str | None) -> bytes | None:
    """The bytes of a cache entry, when its hash still matches them."""
    hashed, _, encoded = (stored or "").partition(":")
    try:
        data = base64.b64decode(encoded, validate=True)
    except ValueError:
        return None
    return data if data and digest([data]) == hashed else None


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
