"""Both searches find the same records: `handbook search --json` and the site's search page in chromium.

One rule decides what is found (generator/search/text.py): a record is found when its text, normalised
(NFKC, 繁→简), holds every whitespace-separated word of the query. The same query set — single
characters, rare characters in names, terms of two to six characters, two and three words, traditional
queries over simplified records and the reverse — runs through the command line and through the built
site's own search page; each must return exactly the records whose text, read straight from the YAML
files (tests/site/oracle.py), holds every word: recall and precision 100 %, and the same set from both.
"""

from __future__ import annotations

import contextlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from generator.build import build_handbook
from generator.cli import main
from generator.load import load_content
from generator.search.text import query_words
from generator.site import browser_search
from generator.site.model import gather
from tests.conftest import run_handbook
from tests.site.conftest import FIXTURE_ROOT, once, served
from tests.site.oracle import record_texts
from tests.site.test_recall import TERMS

# Records written for these tests (our own words): a name with a character from CJK extension B, ASCII
# commas inside Chinese text, and a traditional record about what a simplified one also covers.
EXTRA_RECORDS = {
    "content/reviews/zq-rare-name.yml": """\
title: 群众来访接待记录
date: 2025-05-06
type: 接待
lead: 王𠮷
guests: 禾丰镇来访群众三人
summary: 接待前做了三看,确认席卡,通知已送达每位参会人员。
problems:
  - what: 会议的通知只发给了一半单位
    cause: 联系人名单没有更新
    fix: 每季度核对一次联系人名单
tags: [来访, 席卡]
""",
    "content/reviews/zq-traditional-notice.yml": """\
title: 會議通知漏發的教訓
date: 2024-04-22
type: 会议
summary: 會議通知發出後沒有做「三看」，兩個單位沒有收到，座談會推遲半小時。
problems:
  - what: 兩個單位沒有收到會議通知
    cause: 通知只發到工作群，沒有逐一電話確認
    fix: 通知發出後逐一電話確認，登記接聽人
lessons:
  - 發了通知不等於通知到了
tags: [會議通知, 三看]
""",
    "content/guidelines/zq-seating.yml": """\
title: 会场席卡与座次摆放要点
category: 会务
applies_to: [会议, 接待]
rules:
  - title: 席卡按最终名单制作
    text: 替会人员的姓名要在会前一小时报到会务组，席卡随之更换。
    checklist: [核对请假名单, 核对替会人员, 踩点时对照座次图检查席卡]
  - title: 台风天气的会场准备
    text: 遇台风预警，提前确认会场门窗和备用电源。
tags: [席卡, 座次]
""",
}

QUERIES = [
    # single characters (simplified, traditional, and one from CJK extension B)
    "会", "席", "卡", "台", "颱", "風", "王", "𠮷",
    # rare characters in names
    "王𠮷",
    # terms of two to six characters
    "席卡", "踩点", "话筒", "三看", "值班人员", "会议通知", "防御值班", "调换班次", "总值班室", "替会人员",
    "接待记录", "最终名单制作",
    # traditional queries over simplified records
    "會議通知", "踩點", "話筒", "替會人員", "席卡與座次",
    # simplified queries over traditional records
    "台风", "值班人员", "两个单位", "电话确认",
    # two and three words
    "接待 席卡", "席卡 踩点", "三看 席卡", "台风 值班", "会议 通知", "会议 通知 三看", "值班 调换 主任",
    "接待 席卡 替会",
    # words with digits, letters and punctuation; a word found nowhere
    "2024", "三看,确认", "「三看」", "潜水艇",
]


def test_the_query_set_covers_every_kind_of_query() -> None:
    assert len(QUERIES) >= 30
    assert sum(1 for q in QUERIES if len(q) == 1) >= 5
    assert sum(1 for q in QUERIES if len(q.split()) == 3) >= 2


def add_records(root: Path) -> Path:
    """Write the site fixture's records and the extra records into root."""
    shutil.copytree(FIXTURE_ROOT, root, dirs_exist_ok=True)
    for name, text in EXTRA_RECORDS.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def agreement_site(shared_tmp: Path) -> dict[str, Path]:
    def make(folder: Path) -> None:
        build_handbook(add_records(folder / "root"), "internal", folder / "site")

    folder = once(shared_tmp, "agreement-site", make)
    return {"root": folder / "root", "site": folder / "site"}


SMALL_BATCH = 2  # records per batch in the split site: the fixture's dozen records make several batches


def build_split(root: Path, out: Path) -> None:
    """Build root's internal edition with its browser search index split into batches of about two records."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(browser_search, "BATCH_SIZE", SMALL_BATCH)
        build_handbook(root, "internal", out)


@pytest.fixture(scope="session")
def split_site(shared_tmp: Path) -> dict[str, Path]:
    """The agreement site's content, its search index split into many batches (tests/site/test_search_batches.py)."""

    def make(folder: Path) -> None:
        build_split(add_records(folder / "root"), folder / "site")

    folder = once(shared_tmp, "split-site", make)
    return {"root": folder / "root", "site": folder / "site"}


def expected(texts: dict[str, list[str]], query: str) -> set[str]:
    """URLs of the records whose text holds every word of the query."""
    words = query_words(query)
    return {url for url, parts in texts.items() if words and all(any(w in p for p in parts) for w in words)}


def cli_found(root: Path, query: str, in_process: bool) -> tuple[set[str], list[str]]:
    """(URLs of the exact matches, the match kinds in the order printed) from `handbook search --json`.

    in_process runs the command's own entry point in this process (thousands of hits a query, many
    queries: a process each would spend most of the test starting Python).
    """
    argv = ["search", query, "--root", str(root), "--json", "--limit", "5000"]
    if in_process:
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            assert main(argv) == 0
        out = printed.getvalue()
    else:
        run = run_handbook(*argv)
        assert run.code == 0 and run.err == "", run.err
        out = run.out
    hits = json.loads(out)
    urls = urls_by_id(root)
    return {urls[hit["id"]] for hit in hits if hit["match"] == "exact"}, [hit["match"] for hit in hits]


_URLS: dict[Path, dict[str, str]] = {}


def urls_by_id(root: Path) -> dict[str, str]:
    if root not in _URLS:
        site = gather(load_content(root).for_audience("internal"), "internal", related={})
        _URLS[root] = {entry.id: entry.url for entry in site.entries}
    return _URLS[root]


def compare(root: Path, site: Path, queries: list[str], browser: object, in_process: bool = False) -> dict[str, object]:
    """Run every query through both searches; return the disagreements and the recall/precision counts."""
    texts = record_texts(root, "internal")
    wrong: dict[str, object] = {}
    counts = {"expected": 0, "browser": 0, "cli": 0, "browser_right": 0, "cli_right": 0, "with_matches": 0}
    with served(site) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "search/")
        page.wait_for_function("window.handbookSearch !== undefined")
        for query in queries:
            wanted = expected(texts, query)
            in_browser = set(page.evaluate("q => window.handbookSearch.urls(q, {})", query))
            on_cli, order = cli_found(root, query, in_process)
            counts["expected"] += len(wanted)
            counts["with_matches"] += bool(wanted)
            for name, found in (("browser", in_browser), ("cli", on_cli)):
                counts[name] += len(found)
                counts[f"{name}_right"] += len(found & wanted)
            if not (in_browser == on_cli == wanted):
                wrong[query] = {"missed by browser": sorted(wanted - in_browser), "extra in browser": sorted(in_browser - wanted),
                                "missed by cli": sorted(wanted - on_cli), "extra on cli": sorted(on_cli - wanted)}
            if order != sorted(order):  # "exact" < "words": every exact match before the others
                wrong[query] = {"order": order}
        page.close()
    return {"wrong": wrong, **counts}


@pytest.mark.browser
def test_both_searches_find_exactly_the_records_holding_every_word(agreement_site: dict[str, Path], browser: object) -> None:
    result = compare(agreement_site["root"], agreement_site["site"], QUERIES, browser)
    assert result["wrong"] == {}
    assert result["browser_right"] == result["cli_right"] == result["expected"] == result["browser"] == result["cli"]
    assert result["with_matches"] >= len(QUERIES) - 1  # only 潜水艇 finds nothing


@pytest.mark.browser
def test_two_thousand_synthetic_records_recall_and_precision_are_complete(shared_tmp: Path, browser: object) -> None:
    from bench.synthetic import generate

    def make(folder: Path) -> None:
        root = folder / "root"
        generate(root, 2000, seed=13)
        build_handbook(add_records(root), "internal", folder / "site")  # the fixture's site_config.yml replaces bench's

    folder = once(shared_tmp, "agreement-2000", make)
    result = compare(folder / "root", folder / "site", QUERIES + TERMS, browser, in_process=True)
    assert result["wrong"] == {}
    assert result["expected"] > 2000  # the queries do find many records
    assert result["browser_right"] == result["cli_right"] == result["expected"] == result["browser"] == result["cli"]


def results(page: object) -> list[list[Any]]:
    """(title, snippet, marked text) of every result on the search page."""
    return page.evaluate("""() => [...document.querySelectorAll('.hb-result')].map(item => [
        item.querySelector('.hb-result__title').textContent,
        item.querySelector('.hb-result__snippet').textContent,
        [...item.querySelectorAll('mark')].map(mark => mark.textContent)])""")  # type: ignore[attr-defined, no-any-return]


@pytest.mark.browser
@pytest.mark.parametrize("built", ["agreement_site", "split_site"])
def test_the_search_page_shows_several_words_in_the_records_own_characters(
    built: str, request: pytest.FixtureRequest, browser: object, shared_tmp: Path
) -> None:
    with served(request.getfixturevalue(built)["site"]) as url:
        page = browser.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
        page.goto(url + "search/")
        page.fill("#hb-search-input", "会议通知 三看")
        page.press("#hb-search-input", "Enter")
        page.wait_for_function("document.querySelector('.hb-search__status').textContent.startsWith('找到')")
        assert page.locator(".hb-search__status").inner_text() == "找到 1 条包含“会议通知 三看”的记录"
        page.wait_for_selector(".hb-result .hb-result__snippet mark")  # snippets arrive after the count
        [(title, snippet, marks)] = results(page)
        assert title == "會議通知漏發的教訓"
        # the traditional record is shown as written, punctuation and all; the marks sit on its own characters
        assert snippet == "概要：會議通知發出後沒有做「三看」，兩個單位沒有收到，座談會推遲半小時。"
        assert marks == ["會議通知", "三看"]
        (shared_tmp / "screenshots").mkdir(exist_ok=True)
        page.screenshot(path=str(shared_tmp / "screenshots" / f"site-search-multiword-{built}.png"))

        page.goto(url + "search/?q=" + "三看,确认")  # ASCII commas in the record do not move the marks
        page.wait_for_selector(".hb-result")
        assert [r[2] for r in results(page)] == [["三看,确认"]]
        page.goto(url + "search/?q=" + "𠮷")
        page.wait_for_selector(".hb-result")
        assert results(page) == [["群众来访接待记录", "牵头人：王𠮷", ["𠮷"]]]
        page.close()
