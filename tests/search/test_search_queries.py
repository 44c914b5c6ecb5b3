"""The query test set: what a clerk types, and exactly which records must come back (recall 100%)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from generator.load import load_content
from generator.search import Query, find, search
from generator.search.text import normalise

# (query, options, expected ids) — expected is the whole answer: nothing missing, nothing extra.
CASES: list[tuple[str, dict[str, Any], set[str]]] = [
    # plain terms
    ("席卡", {}, {"name-cards", "reception-rules"}),
    ("话筒", {}, {"microphone"}),
    ("踩点", {}, {"microphone"}),
    ("过敏", {}, {"food-safety"}),
    ("三看", {}, {"name-cards", "meeting-notice-checks"}),
    ("替会人员", {}, {"name-cards", "meeting-notice-checks"}),
    ("会务总结", {}, {"microphone", "meeting-notice-checks"}),
    ("食品安全", {}, {"food-safety", "reception-rules"}),
    ("安全", {}, {"food-safety", "reception-rules", "microphone"}),
    # simplified finds traditional and the reverse
    ("台风", {}, {"typhoon-traditional"}),
    ("颱風", {}, {"typhoon-traditional"}),
    ("办公室", {}, {"office-move", "typhoon-traditional", "01-newcomer", "duty-notice"}),
    ("辦公室", {}, {"office-move", "typhoon-traditional", "01-newcomer", "duty-notice"}),
    # two-character terms jieba keeps inside longer words (防汛防台, 调换班次, 区政办发, 会议室)
    ("防台", {}, {"typhoon-traditional", "duty-notice"}),
    ("换班", {}, {"typhoon-traditional"}),
    ("政办", {}, {"document-number"}),
    ("议室", {}, {"name-cards", "microphone", "duty-notice"}),
    # several terms: every term must occur
    ("席卡 座次", {}, {"name-cards"}),
    ("文号 括号", {}, {"document-number"}),
    ("15号", {}, {"document-number"}),
    ("2023", {}, {"document-number", "office-move"}),  # the 文号, and office-move's date 2023年5月8日
    ("搬", {}, {"office-move"}),
    # filters
    ("值班", {}, {"typhoon-traditional", "office-move", "duty-notice", "01-newcomer"}),
    ("值班", {"kind": "review"}, {"typhoon-traditional", "office-move"}),
    ("席卡", {"kind": "guideline"}, {"reception-rules"}),
    ("接待", {"type": "接待"}, {"name-cards", "food-safety", "internal-secret-recipe", "reception-rules"}),
    ("话筒", {"type": "接待"}, set()),
    ("值班", {"tag": "颱風"}, {"typhoon-traditional"}),
    ("值班", {"tag": "台风"}, {"typhoon-traditional"}),
    ("值班", {"since": "2024-01-01"}, {"typhoon-traditional", "duty-notice"}),
    ("值班", {"until": "2023-12-31"}, {"office-move"}),
    ("接待", {"since": "2025-01-01", "until": "2025-12-31"}, {"food-safety"}),
    # audiences: nothing above the reader's
    ("暗记白鹭", {}, {"internal-secret-recipe"}),
    ("暗记白鹭", {"audience": "public"}, set()),
    ("xinternalmarker", {}, {"internal-secret-recipe"}),
    ("暗记朱雀", {}, set()),
    ("暗记朱雀", {"audience": "restricted"}, {"restricted-visit"}),
    ("香菜", {}, set()),
    ("香菜", {"audience": "restricted"}, {"leader-wang"}),
    ("席卡", {"audience": "public"}, {"name-cards", "reception-rules"}),
    ("值班", {"audience": "public"}, {"01-newcomer"}),
]


@pytest.mark.parametrize(("text", "options", "expected"), CASES, ids=[f"{q}{o or ''}" for q, o, _ in CASES])
def test_query_finds_exactly_the_expected_records(indexed_root: Path, text: str, options: dict[str, Any],
                                                  expected: set[str]) -> None:
    hits = search(text, root=indexed_root, limit=100, **options)
    assert {hit.id for hit in hits} == expected


def test_the_query_set_is_large_enough() -> None:
    assert len(CASES) >= 25


def test_jieba_really_cuts_those_terms_differently() -> None:
    """The 'jieba keeps it inside a longer word' cases are real: search-mode jieba never emits them."""
    from generator.search.text import words

    for term, text in (("防台", "防汛防台"), ("换班", "调换班次"), ("政办", "区政办发"), ("议室", "会议室")):
        assert term not in words(text)


def _record_texts(root: Path) -> dict[str, list[str]]:
    from generator.search.documents import to_document

    texts: dict[str, list[str]] = {}
    for item in load_content(root).for_audience("internal").items:
        texts[item.id] = [normalise(p.text) for p in to_document(item).passages]
    return texts


def test_every_substring_of_every_record_finds_that_record(indexed_root: Path) -> None:
    """Recall is 100%: every 2-character piece of a record's text, and many 3- and 5-character ones, finds it."""
    texts = _record_texts(indexed_root)
    terms: set[str] = set()
    for passages in texts.values():
        for passage in passages:
            for run in re.findall(r"[\u4e00-\u9fff]+", passage):
                for size, step in ((2, 1), (3, 3), (5, 5)):
                    terms.update(run[i : i + size] for i in range(0, max(0, len(run) - size + 1), step))
    assert len(terms) > 1000
    for term in sorted(terms):
        wanted = {rid for rid, passages in texts.items() if any(term in p for p in passages)}
        found = {hit.id for hit in find(Query(term, limit=100), root=indexed_root, refresh=False).hits}
        assert wanted <= found, f"{term}: missing {wanted - found}"


def test_better_matches_rank_first(indexed_root: Path) -> None:
    hits = search("席卡", root=indexed_root)
    assert hits[0].id == "name-cards"  # in a problem, its fix and its tags, not only a checklist line
    hits = search("值班", root=indexed_root, kind="review")
    assert hits[0].id == "typhoon-traditional"  # in the title


def test_a_limit_caps_the_hits_but_not_the_count(indexed_root: Path) -> None:
    found = find(Query("办公室", limit=2), root=indexed_root)
    assert len(found.hits) == 2 and found.total == 4


def test_a_record_with_only_some_of_the_words_is_not_found(indexed_root: Path) -> None:
    found = find(Query("席卡 搬迁", fallback=False), root=indexed_root)  # as `handbook search` asks
    assert (found.hits, found.total, found.exact) == ([], 0, 0)


def test_a_caller_may_fall_back_to_records_with_some_of_the_words(indexed_root: Path) -> None:
    # a briefing looks for reviews related to an event's many words this way
    found = find(Query("席卡 搬迁"), root=indexed_root)
    assert found.exact == 0
    assert {(hit.id, hit.match) for hit in found.hits} == {
        ("name-cards", "some"), ("reception-rules", "some"), ("office-move", "some"),
    }
    assert find(Query("席卡 座次"), root=indexed_root).hits[0].match == "exact"  # only when nothing matches


def test_records_holding_a_words_parts_apart_come_after_the_exact_ones_and_say_so(indexed_root: Path) -> None:
    # no record holds 席卡接待; two hold 席卡 and 接待 apart
    found = find(Query("席卡接待", limit=100), root=indexed_root)
    assert (found.total, found.exact) == (2, 0)
    assert {(hit.id, hit.match) for hit in found.hits} == {("name-cards", "words"), ("reception-rules", "words")}
    found = find(Query("接待 席卡接待", limit=100), root=indexed_root)
    assert [hit.match for hit in found.hits] == ["words", "words"]
    found = find(Query("席卡", limit=100), root=indexed_root)
    assert {hit.match for hit in found.hits} == {"exact"}


def test_snippet_shows_the_hit_in_the_record_own_script(indexed_root: Path) -> None:
    [hit] = search("台风", root=indexed_root)
    marked = [hit.snippet[start:end] for start, end in hit.highlights]
    assert marked and set(marked) == {"颱風"}
    assert hit.title == "第9號颱風防禦值班總結"
    assert hit.path == "content/reviews/typhoon-traditional.yml"
    assert hit.date == "2024-09-16" and hit.kind == "review" and hit.type == "应急"


def test_snippet_prefers_a_problem_or_fix_and_names_it(indexed_root: Path) -> None:
    hit = search("席卡", root=indexed_root)[0]
    assert hit.snippet.startswith(("问题：", "原因：", "改进办法：")), hit.snippet
    assert all(hit.snippet[s:e] == "席卡" for s, e in hit.highlights)
