"""Key terms and recurrences kept between builds (build/cache/lessons.cache): the same recurrences as jieba
gives, an edit to a problem shows on the next build, and an edit elsewhere compares no problem again."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from generator.cache import LESSONS
from generator.lessons import recurrence
from generator.lessons.recurrence import decode_recurrences, encode_recurrences, find_recurrences
from generator.lessons.terms import KeptTerms
from generator.load import load_content
from generator.site.model import gather
from tests.conftest import REPO, make_root

FIRST = "title: 督查组接待总结\ndate: 2023-03-16\ntype: 接待\nproblems:\n" \
    "  - what: 替会人员的席卡没有及时更换\n    cause: 替会信息只发在工作群\n" \
    "actions:\n  - what: 替会名单当面交给负责席卡的同志签收\n    done: true\n"
LATER = "title: 经济工作会议总结\ndate: 2024-12-20\ntype: 会议\nproblems:\n  - what: {what}\n    cause: {cause}\n"
UNRELATED = LATER.format(what="茶歇点心不够", cause="没有按最终人数准备")
SAME = LATER.format(what="替会人员席卡没有及时更换", cause="替会名单只在工作群说了一句")


def _shown(root: Path, cache: Path) -> dict[str, list[str]]:
    """What each review page shows under 此前发生过: the earlier review and its action's state."""
    site = gather(load_content(root).for_audience("internal"), "internal", related={}, today=date(2025, 1, 1),
                  cache=cache)
    return {e.id: [f"{x.entry.id} {x.action_state}" for found in e.recurrences.values() for x in found]
            for e in site.reviews}


def test_kept_terms_give_the_recurrences_jieba_gives(tmp_path: Path) -> None:
    reviews = load_content(REPO).of_kind("review")
    fresh = find_recurrences(reviews)
    for _ in range(2):  # made by jieba, then read back from the file
        terms = KeptTerms(tmp_path)
        kept = find_recurrences(reviews, terms=terms)
        assert {key: [o.item.id for o in r.earlier] for key, r in kept.items()} == \
            {key: [o.item.id for o in r.earlier] for key, r in fresh.items()}
        assert [o.action for r in kept.values() for o in r.earlier] == \
            [o.action for r in fresh.values() for o in r.earlier]
        terms.save()
    assert LESSONS.cache_file(tmp_path).is_file()


def test_an_edit_that_makes_a_problem_recur_shows_on_the_next_build(tmp_path: Path) -> None:
    root = make_root(tmp_path / "handbook", {"content/reviews/first.yml": FIRST,
                                             "content/reviews/later.yml": UNRELATED})
    cache = tmp_path / "cache"
    assert _shown(root, cache) == {"later": [], "first": []}
    (root / "content/reviews/later.yml").write_text(SAME, encoding="utf-8")
    assert _shown(root, cache) == {"later": ["first 整改事项“替会名单当面交给负责席卡的同志签收”已完成"], "first": []}
    (root / "content/reviews/first.yml").write_text(FIRST.replace("done: true", "done: false"), encoding="utf-8")
    assert _shown(root, cache) == {"later": ["first 整改事项“替会名单当面交给负责席卡的同志签收”未完成"], "first": []}
    (root / "content/reviews/later.yml").write_text(UNRELATED, encoding="utf-8")
    assert _shown(root, cache) == {"later": [], "first": []}


def test_a_damaged_cache_costs_only_time(tmp_path: Path) -> None:
    root = make_root(tmp_path / "handbook", {"content/reviews/first.yml": FIRST, "content/reviews/later.yml": SAME})
    cache = tmp_path / "cache"
    expected = _shown(root, cache)
    LESSONS.cache_file(cache).write_bytes(b"\xff\xfe not a cache \x00")
    assert _shown(root, cache) == expected
    assert expected["later"]


def test_kept_recurrences_are_those_find_recurrences_gives(tmp_path: Path) -> None:
    reviews = load_content(REPO).of_kind("review")
    fresh = find_recurrences(reviews)
    assert fresh
    kept = decode_recurrences(encode_recurrences(fresh), reviews)
    assert kept is not None
    assert {k: [(o.item.id, o.index) for o in r.earlier] for k, r in kept.items()} == \
        {k: [(o.item.id, o.index) for o in r.earlier] for k, r in fresh.items()}
    assert [o.action for r in kept.values() for o in r.earlier] == [o.action for r in fresh.values() for o in r.earlier]
    assert decode_recurrences(encode_recurrences(fresh), reviews[1:]) is None  # not for other reviews


def test_an_edit_to_no_problem_compares_no_problem_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_root(tmp_path / "handbook", {"content/reviews/first.yml": FIRST, "content/reviews/later.yml": SAME})
    cache = tmp_path / "cache"
    expected = _shown(root, cache)
    assert expected["later"]

    def not_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("problems compared again although no problem changed")

    monkeypatch.setattr(recurrence, "find_recurrences", not_again)
    (root / "content/reviews/later.yml").write_text(SAME + "summary: 只改了概要\n", encoding="utf-8")
    (root / "content/reviews/first.yml").write_text(FIRST.replace("done: true", "done: false"), encoding="utf-8")
    assert _shown(root, cache) == {"later": ["first 整改事项“替会名单当面交给负责席卡的同志签收”未完成"], "first": []}
    (root / "content/reviews/later.yml").write_text(UNRELATED, encoding="utf-8")
    with pytest.raises(AssertionError, match="compared again"):  # a problem changed: compared again
        _shown(root, cache)
