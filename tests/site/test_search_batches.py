"""The browser's search index in batches: the page finds, counts and lists what one index would.

Pagefind keeps every record it indexes in memory, so generator/site/browser_search.py splits the
records into batches by a hash of their address, each indexed by a Pagefind process of its own, and the
search page merges them. These tests build the same content twice — once as one index (the shared
agreement site) and once split into many small batches — and ask both the same queries in chromium; and
they check that a changed record makes Pagefind index its own batch again and no other.
"""

from __future__ import annotations

import gzip
import json
import threading
from pathlib import Path

import pytest

from generator.load import load_content
from generator.site import browser_search
from generator.site.edition import work_folder
from generator.site.model import gather
from tests.site.conftest import served
from tests.site.oracle import record_texts
from tests.site.test_search_agreement import (  # noqa: F401 (fixtures)
    QUERIES,
    add_records,
    agreement_site,
    build_split,
    expected,
    split_site,
)

FILTERS = [{"kind": "事后总结"}, {"year": "2024"}, {"tag": "席卡"}, {"kind": "工作规范"}, {}]


def test_the_number_of_batches_grows_in_powers_of_two() -> None:
    counts = {records: browser_search.batch_count(records) for records in (0, 1, 640, 641, 1280, 1281, 2000, 5000)}
    assert counts == {0: 1, 1: 1, 640: 1, 641: 2, 1280: 2, 1281: 4, 2000: 4, 5000: 8}
    # a record stays in its batch whatever the other records are; the batches are evenly used
    urls = [f"reviews/r{number}/" for number in range(4000)]
    batches = [browser_search.batch_of(url, 8) for url in urls]
    assert batches == [browser_search.batch_of(url, 8) for url in urls]
    assert all(350 < batches.count(batch) < 650 for batch in range(8))


def manifest(site: Path) -> list[dict[str, str]]:
    return json.loads((site / "pagefind" / browser_search.BATCHES_FILE).read_text(encoding="utf-8"))["indexes"]


def answers(site: Path, days: dict[str, str], browser: object) -> dict[str, object]:
    """Every query's URLs (as a set), every listing's URLs (as a set, and their dates in order) and the
    filters' options, as the page gives them. Records of the same day may come in either order: one
    index orders them as Pagefind happened to read their files."""
    found: dict[str, object] = {}
    with served(site) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "search/")
        page.wait_for_function("window.handbookSearch !== undefined")
        for query in QUERIES:
            found[query] = sorted(page.evaluate("q => window.handbookSearch.urls(q, {})", query))
        for filters in FILTERS:
            listed = page.evaluate("f => window.handbookSearch.urls('', f)", filters)
            found[f"listing {filters}"] = (sorted(listed), [days[url] for url in listed])
            found[f"席卡 {filters}"] = sorted(page.evaluate("f => window.handbookSearch.urls('席卡', f)", filters))
        page.wait_for_function("document.querySelector('.hb-search__status').textContent.startsWith('输入')")
        found["options"] = page.evaluate(
            "() => [...document.querySelectorAll('.hb-search__filters option')].map(option => option.textContent)")
        page.close()
    return found


@pytest.mark.browser
def test_a_split_index_answers_exactly_as_one_index(
    split_site: dict[str, Path], agreement_site: dict[str, Path], browser: object  # noqa: F811
) -> None:
    indexes = manifest(split_site["site"])
    assert len(indexes) >= 4 and indexes[0]["path"] == ""
    assert all((split_site["site"] / "pagefind" / index["path"] / "pagefind-entry.json").is_file() for index in indexes)
    assert len(manifest(agreement_site["site"])) == 1
    site = gather(load_content(split_site["root"]).for_audience("internal"), "internal", related={})
    days = {entry.url: entry.day.isoformat() if entry.day else "" for entry in site.entries}
    split, whole = answers(split_site["site"], days, browser), answers(agreement_site["site"], days, browser)
    assert split == whole
    texts = record_texts(split_site["root"], "internal")
    assert all(split[query] == sorted(expected(texts, query)) for query in QUERIES)
    listed, listed_days = split["listing {'kind': '事后总结'}"]  # type: ignore[misc]
    assert len(listed) >= 4 and listed_days == sorted(listed_days, reverse=True)  # newest first, across batches
    assert any("（" in option for option in split["options"])  # type: ignore[union-attr]


@pytest.mark.browser
def test_a_listing_on_a_split_index_counts_and_shows_every_record(
    split_site: dict[str, Path], browser: object, shared_tmp: Path  # noqa: F811
) -> None:
    with served(split_site["site"]) as url:
        page = browser.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "search/?kind=事后总结")
        page.wait_for_selector(".hb-result")
        shown = page.locator(".hb-result__meta").all_inner_texts()
        assert len(shown) >= 4 and all(meta.startswith("事后总结") for meta in shown)
        assert page.locator(".hb-search__status").inner_text() == f"找到 {len(shown)} 条记录"
        (shared_tmp / "screenshots").mkdir(exist_ok=True)
        page.screenshot(path=str(shared_tmp / "screenshots" / "site-search-split-listing.png"))
        page.close()
    assert errors == []


@pytest.mark.browser
def test_a_changed_record_indexes_its_own_batch_again_and_no_other(tmp_path: Path, browser: object) -> None:
    root = add_records(tmp_path / "root")
    out = tmp_path / "site"
    build_split(root, out)
    batches = work_folder(root, "internal") / browser_search.BATCHES_FOLDER
    before = {folder.name: (folder / "pagefind-entry.json").stat().st_ino for folder in batches.iterdir()}
    record = root / "content" / "reviews" / "zq-rare-name.yml"
    record.write_text(record.read_text(encoding="utf-8").replace("接待前做了三看", "接待前做了四查"), encoding="utf-8")
    build_split(root, out)
    after = {folder.name: (folder / "pagefind-entry.json").stat().st_ino for folder in batches.iterdir()}
    assert before.keys() == after.keys() and len(before) >= 4
    again = [name for name in before if before[name] != after[name]]
    assert len(again) == 1
    staged = work_folder(root, "internal") / browser_search.STAGING_FOLDER / again[0]
    assert any(path.parent.name == "zq-rare-name" for path in staged.rglob("index.html"))
    with served(out) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "search/")
        page.wait_for_function("window.handbookSearch !== undefined")
        assert page.evaluate("q => window.handbookSearch.urls(q, {})", "四查") == ["reviews/zq-rare-name/"]
        assert "reviews/zq-rare-name/" not in page.evaluate("q => window.handbookSearch.urls(q, {})", "三看")
        assert page.evaluate("q => window.handbookSearch.urls(q, {})", "會議通知漏發的教訓") == ["reviews/zq-traditional-notice/"]
        page.close()
    # a record that is gone leaves its batch's index, and only that batch is indexed again
    (root / "content" / "reviews" / "zq-traditional-notice.yml").unlink()
    build_split(root, out)
    gone = {folder.name: (folder / "pagefind-entry.json").stat().st_ino for folder in batches.iterdir()}
    assert len([name for name in gone if gone[name] != after.get(name)]) <= 1
    assert not any(path.parent.name == "zq-traditional-notice" for path in staged.parent.rglob("index.html"))
    with served(out) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url + "search/")
        page.wait_for_function("window.handbookSearch !== undefined")
        assert page.evaluate("q => window.handbookSearch.urls(q, {})", "會議通知漏發的教訓") == []
        assert page.evaluate("q => window.handbookSearch.urls(q, {})", "四查") == ["reviews/zq-rare-name/"]
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("which", ["one index", "split"])
def test_a_filter_alone_lists_records_without_a_date(
    which: str, agreement_site: dict[str, Path], split_site: dict[str, Path], browser: object  # noqa: F811
) -> None:
    """Guidelines have no date; choosing 工作规范 with no words must still list every one of them."""
    site = agreement_site if which == "one index" else split_site
    guidelines = sorted(p.parent.name for p in (site["site"] / "guidelines").glob("*/index.html"))
    assert guidelines
    with served(site["site"]) as url:
        page = browser.new_page(viewport={"width": 1100, "height": 900})  # type: ignore[attr-defined]
        page.goto(url + "search/?kind=工作规范")
        page.wait_for_selector(".hb-result")
        shown = page.locator(".hb-result__meta").all_inner_texts()
        links = page.locator(".hb-result a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
        status = page.locator(".hb-search__status").inner_text()
        page.close()
    assert len(shown) == len(guidelines) and all(meta.startswith("工作规范") for meta in shown)
    assert sorted({link.rstrip("/").split("/")[-1] for link in links if "guidelines/" in link}) == guidelines
    assert status == f"找到 {len(guidelines)} 条记录"


def test_two_batches_at_a_time_make_the_same_index_as_one_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Once the pages are made the build indexes two batches at a time; the index is the same."""
    root = add_records(tmp_path / "root")
    monkeypatch.setattr(browser_search, "BATCH_SIZE", 2)
    site = gather(load_content(root).for_audience("internal"), "internal", related={})
    threads: list[str] = []
    run_pagefind = browser_search._run_pagefind

    def noted(staging: Path, output: Path) -> None:
        threads.append(threading.current_thread().name)
        run_pagefind(staging, output)

    monkeypatch.setattr(browser_search, "_run_pagefind", noted)
    made = {}
    for name, second_core in [("one", None), ("two", threading.Event())]:
        work = tmp_path / name
        staged = browser_search.stage(site, work)
        assert staged.batches >= 8
        if second_core is not None:
            second_core.set()  # the pages are made: the second core is free from the start
        threads.clear()
        assert browser_search.write_index(work, staged, second_core=second_core)
        made[name] = fragments(work / "pagefind")
        assert len(threads) == len(list((work / browser_search.STAGING_FOLDER).iterdir())) >= 4
        assert ("pagefind-second" in threads) == (second_core is not None)
    assert made["one"] == made["two"] and len(made["one"]) >= 4 and all(made["one"].values())


def fragments(index: Path) -> dict[str, list[str]]:
    """Each batch's pages as Pagefind stored them (its file names and word index vary from run to run)."""
    batches = [entry["path"] for entry in json.loads((index / browser_search.BATCHES_FILE).read_text())["indexes"]]
    return {batch: sorted(gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
                          for path in (index / batch / "fragment").glob("*.pf_fragment"))
            for batch in batches}
