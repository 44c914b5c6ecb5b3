"""Snippets show the record's own words — traditional stays traditional, punctuation stays — and the
marks sit exactly on the query's characters, whatever normalising did to the text's length."""

from __future__ import annotations

import pytest

from generator.search.snippets import make_snippet
from generator.search.text import normalise, query_words


def marked(passages: list[tuple[str, str, str]], query: str) -> tuple[str, list[str]]:
    snippet, spans = make_snippet(passages, query_words(query), [])
    return snippet, [snippet[start:end] for start, end in spans]


@pytest.mark.parametrize(
    ("text", "query", "marks"),
    [
        # a traditional record, searched in simplified: shown and marked in its own characters
        ("颱風影響期間，辦公室加強值班，值班人員私下調換班次沒有報備。", "值班人员", ["值班人員"]),
        ("颱風影響期間，辦公室加強值班，值班人員私下調換班次沒有報備。", "台风", ["颱風"]),
        # ASCII commas and full-width ones side by side do not shift the marks
        ("接待前做了三看,确认席卡,通知已送达每位参会人员。", "三看", ["三看"]),
        ("接待前做了三看,确认席卡,通知已送达每位参会人员。", "席卡", ["席卡"]),
        ("Ａ组，ｂ组,席卡", "席卡", ["席卡"]),
        # … folds to ... (three characters for one): later marks stay on their characters
        ("会前……没有踩点，话筒不响", "踩点", ["踩点"]),
        # whitespace that normalising drops (a folded YAML line) stays inside the mark
        ("值班\n  人员私下调班", "值班人员", ["值班 人员"]),
        # a character outside the basic block (CJK extension B)
        ("牵头：王𠮷，来宾三人", "𠮷", ["𠮷"]),
        ("牵头：王𠮷，来宾三人", "王𠮷", ["王𠮷"]),
        # several words: each marked
        ("會議通知發出後沒有做「三看」，兩個單位沒有收到。", "会议通知 三看", ["會議通知", "三看"]),
    ],
)
def test_marks_sit_on_the_query_in_the_records_own_characters(text: str, query: str, marks: list[str]) -> None:
    snippet, found = marked([("概要", text, "body")], query)
    assert found == marks
    assert snippet == "概要：" + " ".join(text.split())  # short text: shown whole, as written, punctuation kept


def test_a_long_passage_is_cut_around_the_hit_at_a_clause() -> None:
    text = "。".join(f"第{n}句是无关的内容，用来把段落拉长" for n in range(10)) + "。席卡要在会前一小时按最终名单核对。" + "后文" * 40
    snippet, found = marked([("说明", text, "key")], "席卡")
    assert found == ["席卡"]
    assert snippet.startswith("说明：…席卡要在会前一小时") and snippet.endswith("…")


def test_the_passage_with_most_query_words_is_chosen_and_the_title_last() -> None:
    passages = [
        ("标题", "席卡与座次", "title"),
        ("概要", "只提到席卡", "body"),
        ("问题", "席卡和座次图都没有更新", "key"),
    ]
    snippet, found = marked(passages, "席卡 座次")
    assert snippet == "问题：席卡和座次图都没有更新" and found == ["席卡", "座次"]


def test_normalised_text_is_what_marks_are_looked_for_in() -> None:
    assert normalise("會議通知發出後沒有做「三看」") == "会议通知发出后没有做「三看」"
