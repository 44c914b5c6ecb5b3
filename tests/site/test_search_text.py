"""The search's text rules: normalisation and tokens, in Python (index) and in the browser (query) alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.text import browser_table, contains, normalise, t2s_table, tokens
from tests.site.conftest import served


def test_it_folds_traditional_full_width_and_case() -> None:
    assert normalise("中秋假期颱風防禦值班總結") == "中秋假期台风防御值班总结"
    assert normalise("ＧＢ／Ｔ　９７０４") == "gb/t 9704"
    assert normalise("值班\n  人员 and 2024 年") == "值班人员 and 2024 年"
    assert normalise(normalise("薴麻")) == normalise("薴麻")  # chains are closed: normalising twice is a no-op


def test_every_han_character_starts_exactly_one_token() -> None:
    found = list(tokens(normalise("台风值班，GB/T 9704 八项规定")))
    han = [t for t in found if t.startswith("hz")]
    assert len(han) == len("台风值班") + len("八项规定")
    assert [t for t in found if not t.startswith("hz")] == ["gb", "t", "9704"]
    assert han[3].endswith("zzzz") and han[-1].endswith("zzzz")  # runs end with the end mark
    assert all(len(t) == 10 for t in han)


def test_contains_is_the_definition_search_must_meet() -> None:
    assert contains("中秋假期颱風防禦值班總結", "台风防御")
    assert contains("值班\n人员", "值班人员")
    assert not contains("台风。值班", "台风值班")
    assert not contains("任何文字", "")


def test_the_browser_table_holds_only_what_this_site_can_match() -> None:
    table = browser_table({"台", "风"})
    assert table["颱"] == "台" and table["風"] == "风" and table["臺"] == "台"
    assert set(table.values()) == {"台", "风"}
    assert len(t2s_table()) > 3000


SAMPLES = [
    "中秋假期颱風防禦值班總結",
    "台风 值班人员",
    "ＧＢ／Ｔ　９７０４—2012",
    "接待总结<script>alert(1)</script>",
    "席卡、踩點和話筒",
    "Ａｂｃ　Def",
    "值班\n人员",
]


@pytest.mark.browser
def test_browser_and_python_normalise_and_tokenise_alike(fixture_sites: dict[str, Path], browser: object) -> None:
    with served(fixture_sites["internal"]) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "search/")
        page.wait_for_function("window.handbookSearch !== undefined")
        for sample in SAMPLES:
            assert page.evaluate("s => window.handbookSearch.normalise(s)", sample) == normalise(sample), sample
            assert page.evaluate("s => window.handbookSearch.tokens(s)", sample) == list(tokens(normalise(sample)))
        page.close()
