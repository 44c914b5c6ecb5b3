"""The terms similar reviews are weighed by: bigrams of one passage at a time, titles weighing most."""

from __future__ import annotations

from generator.search.similar import GROUP_BOOST, passage_terms, record_bigrams
from generator.search.text import gram_tokens, normalise


def test_a_bigram_never_spans_two_passages() -> None:
    weights = record_bigrams([("body", "席卡错误"), ("body", "话筒没响")])
    assert "误话" not in weights
    assert record_bigrams([("body", "席卡错误 \n"), ("body", "\u3000话筒没响")]) == weights  # spaces at the ends too
    assert {"席卡", "卡错", "错误", "话筒", "筒没", "没响"} == set(weights)


def test_passages_of_one_group_add_up_and_groups_weigh_differently() -> None:
    weights = record_bigrams([("title", "席卡"), ("body", "席卡摆错"), ("body", "又是席卡")])
    assert weights["席卡"] == GROUP_BOOST["title"] + 2 * GROUP_BOOST["body"]
    assert "卡又" not in weights and "错又" not in weights


def test_passage_terms_are_the_index_grams_of_two_characters_or_more() -> None:
    text = normalise("臺風「海葵」期間 值班電話 2 次無人接聽，WiFi 斷了；A 樓 12 層")
    expected = [term for term, _ in gram_tokens(text) if len(term) > 1]
    assert passage_terms(text) == expected
    assert "台风" in expected and "wifi" in expected and "12" in expected
