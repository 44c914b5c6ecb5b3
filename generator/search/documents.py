"""What text a record holds for search, and the engine-neutral document the command-line index stores.

``record_passages`` is the one definition of a record's searchable text: every text field of the record
(ids, audience and guideline references are not text), each list entry and each paragraph apart, dates
as a page shows them. The command line indexes these passages (``to_document``) and the browser's
search indexes the same ones (generator/site/browser_search.py), so both find the same records.

Imported only when an index is refreshed: the loader and the model are too slow to import for a query.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel

from generator.cache import SEARCH
from generator.load import Item
from generator.model.kinds import KIND_NAMES
from generator.model.records import DOCUMENT_TYPE_NAMES, DocumentNumber
from generator.search.engine import IndexDoc, Passage

NOT_TEXT = {"id", "kind", "audience", "guidelines"}  # ids are not text (and may name higher records)
# Where a field stands decides its weight: problems, fixes, lessons, rules and a leader's habits are
# what a reader searches for, so they outrank the rest; the title outranks everything.
TITLE_FIELDS = {"title", "person", "role"}
KEY_FIELDS = {"problems", "lessons", "actions", "rules", "diet", "routine", "work", "travel", "other", "tags"}
PARAGRAPHS = {"body"}  # long text searched (and shown) a paragraph at a time


def document_digest(item: Item) -> str:
    """Key of everything the index keeps about a record: file bytes, id, kind and path (with SEARCH's salt)."""
    return SEARCH.key(item.digest, item.id, item.kind, item.display)


def record_passages(item: Item) -> list[Passage]:
    """Return every piece of text the record holds, labelled with its field's Chinese name."""
    if item.kind == "page":
        from generator.site.chapters import plain_blocks  # Markdown as a reader sees it, block by block

        return [Passage("标题", item.title, "title"), *(Passage("正文", b, "body") for b in plain_blocks(item.body))]
    passages: list[Passage] = []
    _walk(item.model, "", passages)
    if item.kind == "document":
        passages.append(Passage("文种", DOCUMENT_TYPE_NAMES[item.model.type], "body"))
    return passages


def _walk(model: BaseModel, top: str, passages: list[Passage]) -> None:
    for name, info in type(model).model_fields.items():
        if name in NOT_TEXT:
            continue
        field = top or name
        group = "title" if field in TITLE_FIELDS else "key" if field in KEY_FIELDS else "body"
        _add(getattr(model, name), info.title or name, field, group, passages)


def _add(value: Any, label: str, field: str, group: str, passages: list[Passage]) -> None:
    if isinstance(value, DocumentNumber):
        passages.append(Passage(label, f"{value.prefix}〔{value.year}〕{value.seq}号", group))
    elif isinstance(value, BaseModel):
        _walk(value, field, passages)
    elif isinstance(value, list):
        for entry in value:
            _add(entry, label, field, group, passages)
    elif isinstance(value, str) and field in PARAGRAPHS:
        for paragraph in value.split("\n\n"):
            text = " ".join(line.strip().lstrip("#").strip() for line in paragraph.splitlines() if line.strip())
            if text:
                passages.append(Passage(label, text, group))
    elif isinstance(value, str) and value.strip():
        passages.append(Passage(label, value.strip(), group))
    elif isinstance(value, date):
        passages.append(Passage(label, f"{value.year}年{value.month}月{value.day}日", group))


def to_document(item: Item) -> IndexDoc:
    """Describe one record for the index."""
    model = item.model
    date_value = getattr(model, "date", None) or getattr(model, "updated", None)
    kind_type = KIND_NAMES[item.kind]  # pages and habit notes have no type of their own
    types: list[str] = []
    if item.kind == "review":
        kind_type, types = model.type, [model.type]
    elif item.kind == "guideline":
        kind_type, types = model.category, [model.category, *model.applies_to]
    elif item.kind == "document":
        name = DOCUMENT_TYPE_NAMES[model.type]
        kind_type, types = name, [model.type, name]
    tags = [str(tag) for tag in getattr(model, "tags", None) or []]
    return IndexDoc(
        id=item.id,
        kind=item.kind,
        title=item.title,
        date=date_value.isoformat() if date_value else None,
        path=item.display,
        type=kind_type,
        types=types,
        tags=tags,
        audience=item.audience,
        digest=document_digest(item),
        passages=record_passages(item),
    )
