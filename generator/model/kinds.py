"""The one registry of record kinds: what differs between them, declared once beside the model.

For each kind: its content folder, its Chinese name, its pydantic model, the folder and template of its
pages in the site, the field that gives its type and its date. ``RecordKind.texts`` is the one definition
of a record's searchable text, which both the command line's index and the site's search take: every
text field of the record, each list entry and each paragraph apart, labelled with its field's Chinese
name. Stages ask the registry instead of keeping their own if/elif on ``item.kind``, so a new kind is
one edit here. generator/model/records.py stays the description of each kind's fields; this module says
how the stages treat the kinds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from generator.model.records import (
    DOCUMENT_TYPE_NAMES,
    Document,
    DocumentNumber,
    Guideline,
    Habit,
    Page,
    Record,
    Review,
)

Group = Literal["title", "key", "body"]  # how much a match in a passage weighs in search


# What a record's text is, for search: every field below holds text except these (ids are not text and may
# name records a reader may not see). Where a field stands decides its weight: problems, fixes, lessons,
# rules and a leader's habits are what a reader searches for, so they outrank the rest; the title
# outranks everything.
NOT_TEXT = frozenset({"id", "kind", "audience", "guidelines"})
TITLE_FIELDS = frozenset({"title", "person", "role"})
KEY_FIELDS = frozenset({"problems", "lessons", "actions", "rules", "diet", "routine", "work", "travel", "other", "tags"})
PARAGRAPHS = frozenset({"body"})  # long text searched (and shown) a paragraph at a time


def record_texts(model: BaseModel, top: str = "") -> Iterator[tuple[str, str, Group]]:
    """(label, text, group) for every text a record holds, in the model's field order."""
    for name, info in type(model).model_fields.items():
        if name in NOT_TEXT:
            continue
        field = top or name
        group: Group = "title" if field in TITLE_FIELDS else "key" if field in KEY_FIELDS else "body"
        yield from _value_texts(getattr(model, name), info.title or name, field, group)


def _value_texts(value: Any, label: str, field: str, group: Group) -> Iterator[tuple[str, str, Group]]:
    if isinstance(value, DocumentNumber):
        yield label, f"{value.prefix}〔{value.year}〕{value.seq}号", group
    elif isinstance(value, BaseModel):
        yield from record_texts(value, field)
    elif isinstance(value, list):
        for entry in value:
            yield from _value_texts(entry, label, field, group)
    elif isinstance(value, str) and field in PARAGRAPHS:
        for paragraph in value.split("\n\n"):
            text = " ".join(line.strip().lstrip("#").strip() for line in paragraph.splitlines() if line.strip())
            if text:
                yield label, text, group
    elif isinstance(value, str) and value.strip():
        yield label, value.strip(), group
    elif isinstance(value, date):
        yield label, f"{value.year}年{value.month}月{value.day}日", group


@dataclass(frozen=True)
class RecordKind:
    """Everything the stages need to know about one kind of record."""

    name: str  # the value of `kind:` in a record, e.g. review
    chinese: str  # shown to readers, e.g. 事后总结
    model: type[Record]
    content_folder: str  # under content/
    suffix: str  # of its files there
    site_folder: str  # of its pages in the site (and so in their URLs)
    page_template: str  # under templates/site/markdown/
    listing_template: str  # the kind's index page
    type_field: str | None = None  # the field naming its type or category, shown beside its title
    date_field: str | None = None  # the field dating it (listings, the year filter, search results)
    has_body: bool = False  # Markdown body below the front matter
    type_filter: bool = False  # the site's search offers its type as a filter (事件类型)
    year_filter: bool = False  # the site's search offers its year as a filter

    @property
    def suffixes(self) -> tuple[str, ...]:
        """The file name endings its files may have under content/ (YAML records may end in .yaml too)."""
        return (".yml", ".yaml") if self.suffix == ".yml" else (self.suffix,)

    def type_of(self, model: Any) -> str:
        """Its type as a reader sees it (a document's type in Chinese), or the kind's name."""
        value = getattr(model, self.type_field, None) if self.type_field else None
        if value is None:
            return self.chinese
        return DOCUMENT_TYPE_NAMES.get(value, value) if self.name == "document" else str(value)

    def date_of(self, model: Any) -> Any:
        return getattr(model, self.date_field, None) if self.date_field else None

    def texts(self, model: BaseModel) -> Iterator[tuple[str, str, Group]]:
        """(label, text, group) for every text of a record (a chapter's Markdown body is made plain by search).

        A type shown to readers in other words than the file's (a document's notice is 通知) is text too.
        """
        yield from record_texts(model)
        raw = getattr(model, self.type_field, None) if self.type_field else None
        if raw is not None and self.type_of(model) != raw:
            yield type(model).model_fields[self.type_field].title or "类型", self.type_of(model), "body"  # type: ignore[index]


REGISTRY: tuple[RecordKind, ...] = (
    RecordKind(
        "review", "事后总结", Review, "reviews", ".yml", "reviews", "review.md.j2", "reviews.md.j2",
        type_field="type", date_field="date", type_filter=True, year_filter=True,
    ),
    RecordKind(
        "guideline", "工作规范", Guideline, "guidelines", ".yml", "guidelines", "guideline.md.j2", "guidelines.md.j2",
        type_field="category",
    ),
    RecordKind(
        "habit", "领导习惯备忘", Habit, "habits", ".yml", "habits", "habit.md.j2", "habits.md.j2",
        date_field="updated",
    ),
    RecordKind(
        "page", "手册章节", Page, "pages", ".md", "chapters", "chapter.md.j2", "chapters.md.j2",
        has_body=True,
    ),
    RecordKind(
        "document", "公文", Document, "documents", ".yml", "documents", "document.md.j2", "documents.md.j2",
        type_field="type", date_field="date", year_filter=True,
    ),
)

BY_NAME: dict[str, RecordKind] = {kind.name: kind for kind in REGISTRY}
BY_CONTENT_FOLDER: dict[str, RecordKind] = {kind.content_folder: kind for kind in REGISTRY}
NAMES: tuple[str, ...] = tuple(BY_NAME)  # for --kind choices: review, guideline, habit, page, document
KINDS: dict[str, type[Record]] = {kind.name: kind.model for kind in REGISTRY}  # kind name → pydantic model
# Readers' names of the record kinds, and of the event file `handbook brief` reads (not a record kind).
KIND_NAMES: dict[str, str] = {**{kind.name: kind.chinese for kind in REGISTRY}, "event": "事件"}


def kind_of(name: str) -> RecordKind:
    """The registry entry of a kind by its name (KeyError for a name that is not a record kind)."""
    return BY_NAME[name]
