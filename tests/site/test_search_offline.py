"""Editions without records, and a site opened straight from disk, as a reader meets them in chromium.

* An edition with no records of its own (public, when every record is internal) builds, and its search
  page works and says nothing was found.
* A site opened from disk (file://, as handed round on a shared drive or a USB stick) navigates: tabs,
  listings, records, tags and downloads open their pages, never a bare folder listing; the search page
  says plainly that search needs the site to be served.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_root, run_handbook
from tests.site.conftest import served

pytestmark = pytest.mark.browser

INTERNAL_ONLY = """\
title: 内部会议会务总结
date: 2025-03-18
type: 会议
summary: 席卡摆放前没有核对替会人员名单。
tags: [席卡]
"""


def status_after(page: object, query: str) -> str:
    page.fill("#hb-search-input", query)  # type: ignore[attr-defined]
    page.press("#hb-search-input", "Enter")  # type: ignore[attr-defined]
    page.wait_for_function(  # type: ignore[attr-defined]
        "q => document.querySelector('.hb-search__status').textContent.includes(q)", arg=query
    )
    return page.locator(".hb-search__status").inner_text()  # type: ignore[attr-defined, no-any-return]


def test_an_edition_without_records_builds_and_its_search_finds_nothing(tmp_path: Path, browser: object) -> None:
    root = make_root(tmp_path / "handbook", {"content/reviews/internal-only.yml": INTERNAL_ONLY})
    run = run_handbook("build", "--audience", "public", "--root", root, "--out", tmp_path / "site")
    assert run.code == 0, run.err
    assert "内部错误" not in run.err and "Traceback" not in run.err
    site = tmp_path / "site"
    assert (site / "search" / "index.html").is_file()
    assert not any("内部会议会务总结".encode() in path.read_bytes() for path in site.rglob("*") if path.is_file())
    errors: list[str] = []
    with served(site) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "search/")
        page.wait_for_function("!document.querySelector('.hb-search__status').textContent.includes('正在')")
        assert page.locator(".hb-search__status").inner_text() == "本版手册还没有可检索的记录。"
        assert status_after(page, "席卡") == "没有找到包含“席卡”的记录"
        assert page.locator(".hb-result").count() == 0
        page.close()
    assert errors == []


def test_a_site_opened_from_disk_navigates(fixture_sites: dict[str, Path], browser: object, shared_tmp: Path) -> None:
    site = fixture_sites["internal"]
    page = browser.new_page()  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((site / "index.html").as_uri())

    def open_link(name: str, ending: str) -> None:
        page.get_by_role("link", name=name, exact=True).first.click()
        page.wait_for_url(f"**/{ending}")
        assert page.url.startswith("file://")
        assert "Index of" not in page.content()

    open_link("事后总结", "reviews/index.html")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "事后总结"
    open_link("季度经济运行分析会会务总结", "reviews/public-meeting/index.html")
    assert page.locator("h1").inner_text().rstrip("¶") == "季度经济运行分析会会务总结"
    open_link("公务接待须知", "guidelines/reception-rules/index.html")
    open_link("标签", "tags/index.html")
    tag = page.locator("article a[href*='tags/']").first
    tag.click()
    page.wait_for_url("**/tags/*/index.html")
    assert "Index of" not in page.content()
    open_link("公文范本", "documents/index.html")
    downloads = page.locator("a[href$='.docx']")
    assert downloads.count() >= 1
    for href in downloads.evaluate_all("links => links.map(a => a.href)"):
        assert href.startswith("file://") and Path(href.removeprefix("file://")).is_file(), href
    open_link("首页", "index.html")
    page.locator(".hb-home-search input[name=q]").fill("席卡")
    page.locator(".hb-home-search button").click()  # the home page's search box leads to the search page
    page.wait_for_url("**/search/index.html?q=*")
    status = page.locator(".hb-search__status").inner_text()
    assert "检索需要通过网址访问本手册" in status and "handbook serve" in status
    assert page.locator("#hb-search-input").is_disabled()
    (shared_tmp / "screenshots").mkdir(exist_ok=True)
    page.screenshot(path=str(shared_tmp / "screenshots" / "site-search-from-disk.png"))
    page.close()
    assert errors == []


def test_served_over_http_the_links_stay_as_mkdocs_wrote_them(fixture_sites: dict[str, Path], browser: object) -> None:
    with served(fixture_sites["internal"]) as url:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(url)
        page.get_by_role("link", name="事后总结", exact=True).first.click()
        page.wait_for_url(url + "reviews/")
        assert not any(href.endswith("index.html") for href in page.locator("a[href]").evaluate_all(
            "links => links.map(a => a.href)"))
        page.close()
