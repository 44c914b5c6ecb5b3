"""What text a record holds for search, and the engine-neutral document the command-line index stores.

``record_passages`` gives a record's searchable text as the registry (generator/model/kinds.py) defines
it: every text field (ids, audience and guideline references are not text), each list entry and each
paragraph apart, dates as a page shows them. The command line indexes these passages (``to_document``) and the browser's
search indexes the same ones (generator/site/browser_search.py), so both find the same records.

Imported only when an index is refreshed: the loader and the model are too slow to import for a query.
"""

from __future__ import annotations

from generator.cache import SEARCH
from generator.load import Item
from generator.model.kinds import kind_of
from generator.model.plain_text import plain_blocks  # Markdown as a reader sees it, block by block
from generator.search.engine import IndexDoc, Passage


def document_digest(item: Item) -> str:
    """Key of everything the index keeps about a record: file bytes, id, kind and path (with SEARCH's salt)."""
    return SEARCH.key(item.digest, item.id, item.kind, item.display)


def record_passages(item: Item) -> list[Passage]:
    """Return every piece of text the record holds, labelled with its field's Chinese name (the registry's texts)."""
    kind = kind_of(item.kind)
    if kind.has_body:
        return [Passage("标题", item.title, "title"), *(Passage("正文", b, "body") for b in plain_blocks(item.body))]
    return [Passage(label, text, group) for label, text, group in kind.texts(item.model)]


def to_document(item: Item) -> IndexDoc:
    """Describe one record for the index."""
    model = item.model
    kind = kind_of(item.kind)
    day = kind.date_of(model)
    shown_type = kind.type_of(model)  # pages and habit notes have no type of their own: the kind's name
    raw_type = getattr(model, kind.type_field, None) if kind.type_field else None
    types = list(dict.fromkeys([raw_type, shown_type])) if raw_type is not None else []
    types += list(getattr(model, "applies_to", None) or [])  # a guideline is found under the types it applies to
    tags = [str(tag) for tag in getattr(model, "tags", None) or []]
    return IndexDoc(
        id=item.id,
        kind=item.kind,
        title=item.title,
        date=day.isoformat() if day else None,
        path=item.display,
        type=shown_type,
        types=types,
        tags=tags,
        audience=item.audience,
        digest=document_digest(item),
        passages=record_passages(item),
    )
