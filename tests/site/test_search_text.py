"""The search's text rules: normalisation, query words and tokens, in Python (indexes) and the browser (query)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.load import load_content
from generator.search.documents import record_passages
from generator.search.text import (
    browser_rules,
    contains,
    matches,
    normalise,
    normalise_aligned,
    one_line,
    query_words,
)
from generator.site.browser_search import search_record
from generator.site.model import gather
from generator.site.search_tokens import lookup_tokens, tokens
from tests.site.conftest import served


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("中秋假期颱風防禦值班總結", "中秋假期台风防御值班总结"),  # traditional → simplified
        ("ＧＢ／Ｔ　９７０４", "gb/t 9704"),  # full-width → half-width, ideographic space → space
        ("值班\n  人员 and 2024 年", "值班人员 and 2024 年"),  # a folded line between Han characters
        ("王𠮷", "王𠮷"),  # extension B stays itself
        ("\uf900\u8c48", "岂岂"),  # a compatibility ideograph becomes the unified one (豈), then simplified
        ("会前……踩点", "会前......踩点"),  # NFKC: one ellipsis is three dots
        ("  A\t\tB  ", "a b"),
    ],
)
def test_it_folds_each_character_and_tidies_whitespace(text: str, normalised: str) -> None:
    assert normalise(text) == normalised


TEXT = st.text(alphabet=st.sampled_from("颱風台风值班人員员 \n\t　ＡａＢ1１,，…𠮷豈「」"), max_size=30)


@given(TEXT)
def test_normalising_twice_changes_nothing(text: str) -> None:
    assert normalise(normalise(text)) == normalise(text)


@given(TEXT)
def test_the_aligned_form_is_the_normalised_form_and_points_into_the_text(text: str) -> None:
    normalised, origins = normalise_aligned(text)
    assert normalised == normalise(text)
    assert len(origins) == len(normalised) and origins == sorted(origins)
    assert all(0 <= origin < len(text) for origin in origins)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("接待 席卡", ["接待", "席卡"]),  # the space between two Han words separates them
        ("接待　席卡\t踩點", ["接待", "席卡", "踩点"]),
        ("  會議通知  会议通知 ", ["会议通知"]),
        ("ＧＢ／Ｔ", ["gb/t"]),
        ("   ", []),
    ],
)
def test_a_query_is_split_into_words_before_normalising(query: str, words: list[str]) -> None:
    assert query_words(query) == words


def test_a_record_matches_when_it_holds_every_word_within_one_passage() -> None:
    parts = [normalise("中秋假期颱風防禦值班總結"), normalise("值班\n人员私下调班")]
    assert contains(parts, "台风防御") and contains(parts, "值班人员")
    assert matches(parts, query_words("台风 值班人员"))
    assert not matches(parts, query_words("台风 席卡"))
    assert not contains(parts, "总结值班")  # never across two passages
    assert not contains(parts, "")


def test_every_han_character_starts_exactly_one_token() -> None:
    found = list(tokens(normalise("台风值班，GB/T 9704 八项规定")))
    han = [t for t in found if t.startswith("hz")]
    assert len(han) == len("台风值班") + len("八项规定")
    assert [t for t in found if not t.startswith("hz")] == ["gb", "t", "9704"]
    assert han[3].endswith("zzzz") and han[-1].endswith("zzzz")  # runs end with the end mark
    assert all(len(t) == 10 for t in han)


def test_each_han_character_and_each_stretch_of_another_word_can_be_looked_up_alone() -> None:
    found = lookup_tokens(normalise("台风台，GB 97"))
    assert {t for t in found if t.startswith("hy")} == {"hybfum", "hycfwo"}  # 台 and 风, once each
    assert found - {"hybfum", "hycfwo"} == {"g", "b", "gb", "9", "7", "97"}


def test_the_browser_gets_the_folds_that_can_find_something_on_this_site() -> None:
    rules = browser_rules({"台", "风", "a"})
    assert rules["fold"]["颱"] == "台" and rules["fold"]["風"] == "风" and rules["fold"]["臺"] == "台"
    assert rules["fold"]["Ａ"] == "a" and rules["fold"]["A"] == "a"
    assert "說" not in rules["fold"]  # 说 is not on this site: no query with 說 can find anything
    assert set("".join(rules["fold"].values())) <= {"台", "风", "a"}
    assert "\U00020000-\U000323af" in rules["han"] and "\u3000" in rules["space"]


SAMPLES = [
    "中秋假期颱風防禦值班總結",
    "台风 值班人员",
    "接待总结<script>alert(1)</script>",
    "席卡、踩點和話筒",
    "Ａｌｅｒｔ　Script",
    "值班\n人员",
    "第一会议室 & 二楼",
    "  接待　 席卡\t踩点  ",
]


@pytest.mark.browser
def test_browser_and_python_normalise_split_and_tokenise_alike(fixture_sites: dict[str, Path], browser: object) -> None:
    site = gather(load_content(fixture_sites["root"]).for_audience("internal"), "internal", related={})
    on_site = set().union(*(search_record(entry)[1] for entry in site.entries))
    with served(fixture_sites["internal"]) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "search/")
        page.wait_for_function("window.handbookSearch !== undefined")
        for sample in SAMPLES:
            assert set(normalise(sample)) - {" "} <= on_site, sample  # the samples use this site's characters
            assert page.evaluate("s => window.handbookSearch.normalise(s)", sample) == normalise(sample), sample
            assert page.evaluate("s => window.handbookSearch.words(s)", sample) == query_words(sample), sample
            in_order, lookups = list(tokens(normalise(sample))), sorted(lookup_tokens(normalise(sample)))
            assert page.evaluate("s => window.handbookSearch.tokens(s)", sample) == in_order + lookups, sample
        # each record's passages are normalised in the browser, and a hit mapped back onto the shown text
        shown = [one_line(passage.text) for entry in site.entries for passage in record_passages(entry.item)]
        for text in [*SAMPLES, *shown]:
            if set(normalise(text)) - {" "} <= on_site:
                assert page.evaluate("s => window.handbookSearch.aligned(s)", text) == list(normalise_aligned(text)), text
        page.close()


def test_the_browser_folds_are_kept_between_builds_and_are_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """t2s.json comes from the folds kept in the cache folder, byte for byte what OpenCC's table gives,
    also when an edit brings a character the site did not use before."""
    from generator.site import browser_search

    characters = set("台风颱風会議席卡 ")
    made = browser_search.character_table(characters)
    assert browser_search.character_table(characters, tmp_path) == made  # made, and kept
    assert "颱" in json.loads(made)["fold"]
    more = characters | {"書", "书"}
    made_more = browser_search.character_table(more)
    assert json.loads(made_more)["fold"]["書"] == "书"

    def not_again() -> dict[str, str]:
        raise AssertionError("OpenCC's table read again although its folds are kept")

    monkeypatch.setattr(browser_search, "folds_that_change", not_again)
    assert browser_search.character_table(characters, tmp_path) == made
    assert browser_search.character_table(more, tmp_path) == made_more
