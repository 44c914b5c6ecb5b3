"""The one registry of record kinds: what differs between them, declared once beside the model.

For each kind: its content folder, its Chinese name, its pydantic model, the folder and template of its
pages in the site, the field that gives its type and its date, and the passages the search indexes and
the site's search take from it (with the label each passage is shown under). Stages ask the registry
instead of keeping their own if/elif on ``item.kind``, so a new kind, or a new field worth searching, is
one edit here. generator/model/records.py stays the description of each kind's fields; this module says
how the stages treat the kinds.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from generator.model.records import (
    DOCUMENT_TYPE_NAMES,
    Document,
    Guideline,
    Habit,
    Page,
    Record,
    Review,
)

Group = Literal["title", "key", "body"]  # how much a match in a passage weighs in search


@dataclass(frozen=True)
class Passage:
    """A piece of a record that search indexes: shown under label; path walks fields and lists ("problems.what")."""

    label: str
    path: str
    group: Group = "body"
    paragraphs: bool = False  # long text: one passage per paragraph, Markdown heading marks dropped

    def texts(self, model: Any) -> Iterator[str]:
        """Every non-empty text at path in model (a list yields each of its items)."""
        for text in _walk(model, self.path.split(".")):
            if not self.paragraphs:
                yield text
                continue
            for paragraph in text.split("\n\n"):
                lines = (line.strip().lstrip("#").strip() for line in paragraph.splitlines() if line.strip())
                if joined := " ".join(lines):
                    yield joined


@dataclass(frozen=True)
class Each:
    """Passages taken from each item of a list in turn (a problem's what, cause and fix stay together)."""

    path: str
    passages: tuple[Passage, ...]

    def labelled(self, model: Any) -> Iterator[tuple[str, str, Group]]:
        items = getattr(model, self.path, None) or []
        for item in items:
            for passage in self.passages:
                for text in passage.texts(item):
                    yield passage.label, text, passage.group


def _walk(value: Any, parts: list[str]) -> Iterator[str]:
    if value is None:
        return
    if isinstance(value, list):
        for inner in value:
            yield from _walk(inner, parts)
        return
    if parts:
        yield from _walk(getattr(value, parts[0], None), parts[1:])
        return
    text = str(value).strip()
    if text:
        yield text


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
    passages: tuple[Passage | Each, ...]  # what search takes from it, after the title (pages add their body)
    type_field: str | None = None  # the field naming its type or category, shown beside its title
    date_field: str | None = None  # the field dating it (listings, the year filter, search results)
    has_body: bool = False  # Markdown body below the front matter

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

    def texts(self, model: Any) -> Iterator[tuple[str, str, Group]]:
        """(label, text, group) for each passage of a record, in the declared order."""
        for passage in self.passages:
            if isinstance(passage, Each):
                yield from passage.labelled(model)
                continue
            for text in passage.texts(model):
                yield passage.label, text, passage.group


TAGS = Passage("标签", "tags", "key")

REGISTRY: tuple[RecordKind, ...] = (
    RecordKind(
        "review", "事后总结", Review, "reviews", ".yml", "reviews", "review.md.j2", "reviews.md.j2",
        (
            Passage("概要", "summary"),
            Each("problems", (
                Passage("问题", "what", "key"), Passage("原因", "cause", "key"), Passage("改进办法", "fix", "key"),
            )),
            Passage("经验教训", "lessons", "key"),
            Passage("整改事项", "actions.what", "key"),
            Passage("原定安排", "planned"),
            Passage("实际情况", "happened"),
            Passage("做得好的", "went_well"),
            Passage("地点", "place"),
            Passage("规格", "level"),
            Passage("牵头", "lead"),
            Passage("来宾", "guests"),
            TAGS,
        ),
        type_field="type", date_field="date",
    ),
    RecordKind(
        "guideline", "工作规范", Guideline, "guidelines", ".yml", "guidelines", "guideline.md.j2", "guidelines.md.j2",
        (
            Passage("概要", "summary"),
            Each("rules", (
                Passage("条目", "title", "key"), Passage("说明", "text", "key"), Passage("检查", "checklist", "key"),
            )),
            Passage("来源", "source"),
            TAGS,
        ),
        type_field="category",
    ),
    RecordKind(
        "habit", "领导习惯备忘", Habit, "habits", ".yml", "habits", "habit.md.j2", "habits.md.j2",
        (
            Passage("职务", "role", "title"),
            Passage("饮食", "diet", "key"),
            Passage("作息", "routine", "key"),
            Passage("工作要求", "work", "key"),
            Passage("出行", "travel", "key"),
            Passage("其他", "other", "key"),
            Passage("备注", "notes"),
        ),
        date_field="updated",
    ),
    RecordKind(
        "page", "手册章节", Page, "pages", ".md", "chapters", "chapter.md.j2", "chapters.md.j2",
        (),  # a chapter's text is its Markdown body
        has_body=True,
    ),
    RecordKind(
        "document", "公文", Document, "documents", ".yml", "documents", "document.md.j2", "documents.md.j2",
        (
            Passage("正文", "body", paragraphs=True),
            Passage("发文机关", "issuer"),
            Passage("主送", "to"),
            Passage("会议时间", "meeting.time"),
            Passage("会议地点", "meeting.place"),
            Passage("参会人员", "meeting.attendees"),
            Passage("议程", "meeting.agenda"),
            Passage("附件", "attachments"),
            Passage("附注", "note"),
            Passage("抄送", "cc"),
        ),
        type_field="type", date_field="date",
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
