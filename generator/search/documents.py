"""Turn a loaded record into the engine-neutral document the index stores: text groups, filters, passages.

Imported only when the index is refreshed: the loader and the model are too slow to import for a query.
"""

from __future__ import annotations

import hashlib
from typing import Any

from generator.load import Item
from generator.model.records import DOCUMENT_TYPE_NAMES, KIND_NAMES
from generator.search.engine import IndexDoc, Passage
from generator.search.text import plain_markdown


def document_digest(item: Item) -> str:
    """Hash of everything the index keeps about a record: file bytes, id, kind and path."""
    key = f"{item.digest}\0{item.id}\0{item.kind}\0{item.display}"
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def to_document(item: Item) -> IndexDoc:
    """Describe one record for the index."""
    model = item.model
    passages: list[Passage] = []

    def add(label: str, value: Any, group: str = "body") -> None:
        if value is None or value == "":
            return
        if isinstance(value, list):
            for entry in value:
                add(label, entry, group)
            return
        passages.append(Passage(label, str(value).strip(), group))

    add("标题", item.title, "title")
    date_value = getattr(model, "date", None) or getattr(model, "updated", None)
    kind_type = KIND_NAMES[item.kind]  # pages and habit notes have no type of their own
    types: list[str] = []
    if item.kind == "review":
        kind_type, types = model.type, [model.type]
        add("概要", model.summary)
        for problem in model.problems:
            add("问题", problem.what, "key")
            add("原因", problem.cause, "key")
            add("改进办法", problem.fix, "key")
        add("经验教训", model.lessons, "key")
        add("整改事项", [action.what for action in model.actions], "key")
        add("原定安排", model.planned)
        add("实际情况", model.happened)
        add("做得好的", model.went_well)
        for label, value in (("地点", model.place), ("规格", model.level), ("牵头", model.lead), ("来宾", model.guests)):
            add(label, value)
    elif item.kind == "guideline":
        kind_type, types = model.category, [model.category, *model.applies_to]
        add("概要", model.summary)
        for rule in model.rules:
            add("条目", rule.title, "key")
            add("说明", rule.text, "key")
            add("检查", rule.checklist, "key")
        add("来源", model.source)
    elif item.kind == "habit":
        add("职务", model.role, "title")
        for label, name in (("饮食", "diet"), ("作息", "routine"), ("工作要求", "work"), ("出行", "travel"), ("其他", "other")):
            add(label, getattr(model, name), "key")
        add("备注", model.notes)
    elif item.kind == "page":
        for paragraph in plain_markdown(item.body).split("\n\n"):
            add("正文", " ".join(line.strip() for line in paragraph.splitlines() if line.strip()))
    elif item.kind == "document":
        name = DOCUMENT_TYPE_NAMES[model.type]
        kind_type, types = name, [model.type, name]
        for paragraph in model.body.split("\n\n"):
            add("正文", " ".join(line.strip().lstrip("#").strip() for line in paragraph.splitlines() if line.strip()))
        add("发文机关", model.issuer)
        add("主送", model.to)
        if model.meeting:
            add("会议时间", model.meeting.time)
            add("会议地点", model.meeting.place)
            add("参会人员", model.meeting.attendees)
            add("议程", model.meeting.agenda)
        add("附件", model.attachments)
        add("附注", model.note)
        add("抄送", model.cc)
    tags = [str(tag) for tag in getattr(model, "tags", None) or []]
    add("标签", tags, "key")
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
        passages=passages,
    )
