"""The editor's small parts: fields read from the model, forms read back, YAML written in place, pasted text."""

from __future__ import annotations

from datetime import date

import pytest

from generator.authoring.candidate import field_name, place_problems
from generator.authoring.fields import LONG_TEXT, fields_of
from generator.authoring.form import collect, parse
from generator.authoring.skeleton import new_id
from generator.authoring.yamledit import updated_front_matter, updated_yaml
from generator.errors import Problem
from generator.load.paste import clean_pasted_text
from generator.model.kinds import KINDS
from generator.model.records import Document, Guideline, Page, Review

REVIEW = fields_of(Review)

COMMENTED = """\
# yaml-language-server: $schema=../../schemas/review.schema.json
# 由秘书一科整理
title: 季度经济运行分析会会务总结  # 会后第二天写
date: 2023-04-12
type: 会议
summary: >-
  会议通知漏发两个单位，
  替会人员的席卡没有及时更换。
problems:
  # 按严重程度排列
  - what: 替会人员的席卡没有及时更换
    severity: 中
tags: [会议, 席卡]
audience: public
"""


def spec(model: type, name: str):  # noqa: ANN201 - a FieldSpec
    return next(s for s in fields_of(model) if s.name == name)


@pytest.mark.parametrize(("model", "name", "widget"), [
    (Review, "title", "text"),
    (Review, "date", "date"),
    (Review, "type", "choice"),
    (Review, "headcount", "integer"),
    (Review, "summary", "textarea"),
    (Review, "went_well", "lines"),
    (Review, "problems", "groups"),
    (Guideline, "applies_to", "choices"),
    (Guideline, "rules", "groups"),
    (Document, "number", "group"),
    (Document, "body", "textarea"),
])
def test_it_reads_each_field_s_widget_from_the_model(model: type, name: str, widget: str) -> None:
    assert spec(model, name).widget == widget


def test_it_carries_the_model_s_chinese_labels_choices_and_required_marks() -> None:
    review_type = spec(Review, "type")
    assert (review_type.title, review_type.required) == ("事件类型", True)
    assert review_type.choices == ("接待", "会议", "活动", "应急", "办文", "其他")
    problem = spec(Review, "problems")
    assert [child.name for child in problem.children] == ["what", "cause", "severity", "fix"]
    assert [s.name for s in fields_of(Page)] == ["title", "order", "id", "audience"]  # what every record has, last


def test_it_names_only_long_text_fields_that_exist() -> None:
    names = {s.name for model in KINDS.values() for s in fields_of(model)}
    names |= {c.name for model in KINDS.values() for s in fields_of(model) for c in s.children}
    assert names >= LONG_TEXT


def test_it_reads_a_form_back_into_the_record_s_structure() -> None:
    form = collect([
        ("title", " 新标题 "), ("date", "2024-02-30"), ("headcount", "12"), ("went_well", "准备充分"),
        ("went_well", ""), ("problems.0.what", "席卡错了"), ("problems.0.severity", "高"),
        ("problems.3.what", ""), ("problems.3.severity", ""),  # an item left empty is dropped
        ("problems.5.what", "用车晚到"), ("problems.5.severity", "中"), ("actions.0.what", "建立报到制度"),
        ("actions.0.due", "2024-05-01"), ("actions.0.done", "true"),
    ])
    values = parse(REVIEW, form)
    assert values["title"] == "新标题"
    assert values["date"] == "2024-02-30"  # kept as typed: the check says it does not exist
    assert values["headcount"] == 12
    assert values["went_well"] == ["准备充分"]
    assert [p["what"] for p in values["problems"]] == ["席卡错了", "用车晚到"]
    assert values["actions"] == [{"what": "建立报到制度", "due": date(2024, 5, 1), "done": True}]  # owner: not in the form


def test_it_cleans_text_pasted_from_word_on_the_way_in() -> None:
    values = parse(REVIEW, collect([("title", "\u200b季度\u00a0会议\ufeff"), ("lessons", "\u3000\u3000先核对名单")]))
    assert values["title"] == "季度 会议"
    assert values["lessons"] == ["先核对名单"]


@pytest.mark.parametrize(("pasted", "cleaned"), [
    ("替会\u200b人员", "替会人员"),  # zero-width space
    ("\u00a0\u00a0- what: 席卡", "  - what: 席卡"),  # non-breaking spaces as indentation
    ("\u3000\u3000- 名单", "    - 名单"),  # full-width spaces as indentation: each as wide as two spaces
    ("姓\u3000名", "姓\u3000名"),  # a full-width space between words is meant
    ("\ufeffproblems:", "problems:"),
])
def test_it_removes_what_word_and_web_pages_leave_in_pasted_text(pasted: str, cleaned: str) -> None:
    assert clean_pasted_text(pasted) == cleaned


def test_it_keeps_comments_key_order_and_the_schema_line_when_writing_changes() -> None:
    text = updated_yaml(COMMENTED, {
        "title": "季度经济运行分析会会务复盘", "place": "区行政中心",
        "problems": [{"what": "替会人员的席卡没有及时更换", "severity": "中"}, {"what": "空调太冷", "severity": "低"}],
        "tags": ["会议", "席卡", "空调"], "summary": "会议通知漏发两个单位， 替会人员的席卡没有及时更换。",
    }, REVIEW)
    lines = text.splitlines()
    assert lines[:2] == COMMENTED.splitlines()[:2]
    assert lines[2] == "title: 季度经济运行分析会会务复盘  # 会后第二天写"
    assert lines[5] == "place: 区行政中心"  # where the model puts it: after type
    assert "summary: >-" in text  # unchanged text keeps its folded style
    assert "  # 按严重程度排列" in text
    assert "  - what: 空调太冷\n    severity: 低" in text
    assert "tags: [会议, 席卡, 空调]" in text
    assert [line.split(":")[0] for line in lines if line and line[0].isalpha()] == [
        "title", "date", "type", "place", "summary", "problems", "tags", "audience"]


def test_it_removes_an_emptied_field_and_writes_paragraphs_as_block_text() -> None:
    text = updated_yaml(COMMENTED, {"tags": [], "summary": "第一段。\n\n第二段。"}, REVIEW)
    assert "tags" not in text
    assert "summary: |-\n  第一段。\n\n  第二段。\n" in text


def test_it_keeps_block_text_whose_only_difference_is_the_trailing_line_break() -> None:
    original = "title: x\nsummary: |\n  第一段。\n  第二段。\n"
    assert updated_yaml(original, {"title": "x", "summary": "第一段。\n第二段。"}, REVIEW) == original


def test_it_updates_a_chapter_s_front_matter_and_body() -> None:
    chapter = "---\n# 给新同志\ntitle: 新人入门\norder: 1\n---\n\n旧正文\n"
    text = updated_front_matter(chapter, {"title": "新人须知", "order": 1}, fields_of(Page), "## 第一周\n\n新正文")
    assert text == "---\n# 给新同志\ntitle: 新人须知\norder: 1\n---\n\n## 第一周\n\n新正文\n"


@pytest.mark.parametrize(("loc", "name"), [
    (("title",), "title"),
    (("problems", 1, "what"), "problems.1.what"),
    (("problems", 1), "problems.1"),
    (("tags", 2), "tags"),
    (("unknown_key",), ""),
])
def test_it_finds_the_form_field_of_a_location(loc: tuple, name: str) -> None:
    assert field_name(loc, REVIEW) == name


def test_it_places_each_message_beside_the_field_at_its_line_and_column() -> None:
    text = "title: x\ndate: 2024-02-30\nproblems:\n  - what: a\n    severity: 极高\n"
    problems = [Problem("content/reviews/a.yml", 2, 7, "日期不存在"), Problem("content/reviews/a.yml", 5, 15, "不在范围内"),
                Problem("content/reviews/b.yml", 1, 1, "编号重复")]
    problems.append(Problem("content/reviews/a.yml", 1, 1, "缺少必填字段“type”"))  # reported where the record starts
    placed = place_problems(problems, "content/reviews/a.yml", text, REVIEW, is_page=False)
    assert placed.by_field == {"date": ["日期不存在"], "problems.0.severity": ["不在范围内"]}
    assert placed.general == ["content/reviews/b.yml:1:1: 编号重复", "缺少必填字段“type”"]


@pytest.mark.parametrize(("kind", "title", "expected"), [
    ("guideline", "公务接待须知", "gong-wu-jie-dai-xu-zhi"),
    ("review", "防汛值班总结", "2025-06-fang-xun-zhi-ban-zong-jie"),
    ("page", None, "page-20250610"),
    ("guideline", "../../etc/passwd", "etc-passwd"),
])
def test_it_derives_a_safe_id_from_the_title(kind: str, title: str | None, expected: str) -> None:
    assert new_id(kind, title, date(2025, 6, 10)) == expected
