"""generator/model/kinds.py: the registry says of each kind what records.py and the stages say, once."""

from __future__ import annotations

import typing

import pytest
from pydantic import BaseModel

from generator.load import content_files, load_content
from generator.model import records
from generator.model.kinds import (
    BY_CONTENT_FOLDER,
    KIND_NAMES,
    KINDS,
    NAMES,
    REGISTRY,
    RecordKind,
    kind_of,
)
from generator.model.records import Event
from generator.search.documents import to_document
from tests.conftest import REPO

TEMPLATES = REPO / "templates" / "site" / "markdown"


@pytest.fixture(scope="module")
def sample_items() -> list:  # type: ignore[type-arg]
    return load_content(REPO).items


def _model_of(annotation: typing.Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if (found := _model_of(arg)) is not None:
            return found
    return None


def field_exists(model: type[BaseModel], path: str) -> bool:
    current: type[BaseModel] | None = model
    for part in path.split("."):
        if current is None or part not in current.model_fields:
            return False
        current = _model_of(current.model_fields[part].annotation)
    return True


class DescribeTheRegistry:
    def it_has_one_entry_per_record_kind_with_its_model(self) -> None:
        assert {"review": records.Review, "guideline": records.Guideline, "habit": records.Habit,
                         "page": records.Page, "document": records.Document} == KINDS

    def it_names_each_kind_and_the_event_file(self) -> None:
        assert KIND_NAMES == {"review": "事后总结", "guideline": "工作规范", "habit": "领导习惯备忘",
                              "page": "手册章节", "document": "公文", "event": "事件"}

    def it_keeps_the_tables_of_kinds_only_in_the_registry(self) -> None:
        for name in ("KINDS", "KIND_NAMES", "FOLDERS"):
            assert not hasattr(records, name)

    def it_gives_the_loader_every_folder_and_suffix_it_reads(self) -> None:
        found = {(kind, path.relative_to(REPO / "content").parent.as_posix(), path.suffix)
                 for kind, path in content_files(REPO)}
        assert found == {(kind.name, kind.content_folder, kind.suffix) for kind in REGISTRY}
        assert BY_CONTENT_FOLDER["pages"].name == "page" and BY_CONTENT_FOLDER["pages"].has_body

    def it_leaves_events_out(self) -> None:
        assert "event" not in NAMES and Event not in {kind.model for kind in REGISTRY}

    def it_is_in_the_order_the_manual_lists_the_kinds(self) -> None:
        assert NAMES == ("review", "guideline", "habit", "page", "document")

    @pytest.mark.parametrize("kind", REGISTRY, ids=lambda kind: kind.name)
    def it_names_templates_that_exist(self, kind: RecordKind) -> None:
        assert (TEMPLATES / kind.page_template).is_file() and (TEMPLATES / kind.listing_template).is_file()

    @pytest.mark.parametrize("kind", REGISTRY, ids=lambda kind: kind.name)
    def it_names_type_and_date_fields_the_model_has(self, kind: RecordKind) -> None:
        fields = [field for field in (kind.type_field, kind.date_field) if field]
        assert [field for field in fields if not field_exists(kind.model, field)] == []

    def it_refuses_a_kind_it_does_not_know(self) -> None:
        with pytest.raises(KeyError):
            kind_of("event")


class DescribeAKindsPassages:
    def it_takes_each_problem_whole_before_the_next(self) -> None:
        review = KINDS["review"].model_validate({
            "title": "t", "date": "2025-01-02", "type": "接待",
            "problems": [{"what": "晚到", "cause": "没踩点"}, {"what": "席卡错", "fix": "核对"}],
        })
        problems = [(label, text) for label, text, group in kind_of("review").texts(review) if group == "key"]
        assert problems == [("问题", "晚到"), ("原因", "没踩点"), ("严重程度", "中"),
                            ("问题", "席卡错"), ("严重程度", "中"), ("改进办法", "核对")]

    def it_reads_dates_and_types_as_a_page_shows_them(self) -> None:
        review = KINDS["review"].model_validate({"title": "席卡", "date": "2025-01-02", "type": "接待"})
        assert list(kind_of("review").texts(review)) == [
            ("标题", "席卡", "title"), ("日期", "2025年1月2日", "body"), ("事件类型", "接待", "body")]

    def it_leaves_out_what_is_not_text(self) -> None:
        review = KINDS["review"].model_validate({
            "id": "r-1", "title": "t", "date": "2025-01-02", "type": "接待", "audience": "public",
            "guidelines": ["seat-cards"], "headcount": 12})
        texts = [text for _, text, _ in kind_of("review").texts(review)]
        assert not {"r-1", "public", "seat-cards", "12"} & set(texts)

    @pytest.mark.parametrize(
        ("body", "expected"),
        [
            ("第一段\n\n第二段", ["第一段", "第二段"]),
            ("# 标题\n\n正文第一行\n正文第二行", ["标题", "正文第一行 正文第二行"]),
            ("第一段\n\n\n\n", ["第一段"]),
        ],
    )
    def it_splits_long_text_into_paragraphs(self, body: str, expected: list[str]) -> None:
        document = KINDS["document"].model_validate({
            "type": "notice", "issuer": "青禾区人民政府办公室", "title": "关于值班的通知", "body": body,
            "date": "2025-04-18"})
        assert [text for label, text, _ in kind_of("document").texts(document) if label == "正文"] == expected

    def it_names_a_documents_type_in_chinese_too(self) -> None:
        document = KINDS["document"].model_validate({
            "type": "notice", "issuer": "青禾区人民政府办公室", "title": "关于值班的通知", "body": "正文",
            "date": "2025-04-18"})
        assert ("文种", "通知", "body") in list(kind_of("document").texts(document))

    def they_match_what_the_search_index_takes_from_every_sample_record(self, sample_items: list) -> None:  # type: ignore[type-arg]
        """The command line's index takes the registry's texts, record for record."""
        checked = 0
        for item in sample_items:
            if item.kind == "page":
                continue  # a chapter's passages are its Markdown body, made plain by the search stage
            document = to_document(item)
            kind = kind_of(item.kind)
            assert [(p.label, p.text, p.group) for p in document.passages] == list(kind.texts(item.model)), item.id
            assert document.type == kind.type_of(item.model)
            date = kind.date_of(item.model)
            assert document.date == (date.isoformat() if date else None)
            checked += 1
        assert checked >= 20
