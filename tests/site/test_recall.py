"""Browser search finds every record containing a term and nothing else.

A fixed list of 2–6 character terms, simplified and traditional, is searched through the site's own
search code (assets/handbook/handbook-search.js → Pagefind) in chromium, over a site of synthetic
reviews plus the fixture records; the result must equal the records whose text contains the term.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.conftest import served
from tests.site.oracle import expected, record_texts

TERMS = [
    # simplified
    "席卡", "踩点", "话筒", "三看", "饮食禁忌", "驾驶员", "发文字号", "六角括号", "讲话稿", "三个三分之二",
    "值班表", "统计口径", "日结算", "引导人员", "空调温度", "签到表", "视频会议", "备用线路", "文印室",
    "零差错", "事前安排会", "变更通知", "食品安全", "接待标准", "台风", "替会人员", "回头看", "接待",
    "八项规定", "防御值班",
    # traditional (the content has both scripts; a query in one must find the other)
    "颱風", "話筒", "會議通知", "值班人員", "簽到表", "飲食禁忌", "踩點", "席卡和座次",
]


def test_the_term_list_is_long_and_mixed() -> None:
    assert len(TERMS) >= 30 and all(2 <= len(t) <= 6 for t in TERMS)


@pytest.mark.browser
def test_every_record_containing_a_term_is_found_and_nothing_else(recall_site: dict[str, Path], browser: object) -> None:
    texts = record_texts(recall_site["root"], "internal")
    misses, extras = {}, {}
    with served(recall_site["site"]) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "search/")
        page.wait_for_function("window.handbookSearch !== undefined")
        for term in TERMS:
            found = set(page.evaluate("q => window.handbookSearch.urls(q, {})", term))
            wanted = expected(texts, term)
            if wanted - found:
                misses[term] = sorted(wanted - found)
            if found - wanted:
                extras[term] = sorted(found - wanted)
        page.close()
    assert misses == {}, "recall below 100%"
    assert extras == {}, "pages shown that do not contain the term"
    assert sum(1 for term in TERMS if expected(texts, term)) >= 25  # the terms do occur
