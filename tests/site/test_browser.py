"""A new member of staff uses the site in chromium: home page → search → filter → record → cross-link.

Screenshots of each step land in the test session's temporary folder, under screenshots/ (desktop and
phone widths); the path is printed with -s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.site.conftest import served

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def shot(shared_tmp: Path) -> Callable[[object, str], None]:
    """Save a screenshot of the page under the session's temporary folder (never into the checkout)."""
    folder = shared_tmp / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {folder}")

    def save(page: object, name: str) -> None:
        page.screenshot(path=str(folder / f"{name}.png"))  # type: ignore[attr-defined]

    return save


def result_titles(page: object) -> list[str]:
    return page.locator(".hb-result__title").all_inner_texts()  # type: ignore[attr-defined, no-any-return]


def test_search_filter_open_and_follow_a_link(
    fixture_sites: dict[str, Path], browser: object, shot: Callable[[object, str], None]
) -> None:
    errors: list[str] = []
    with served(fixture_sites["internal"]) as url:
        page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url)
        assert page.locator("h1").first.inner_text().startswith("测试手册")
        assert page.get_by_role("link", name="欢迎<script>").count() >= 1  # the reading path
        shot(page, "site-home")

        page.locator(".hb-home-search input[name=q]").fill("席卡")
        page.locator(".hb-home-search button").click()
        page.wait_for_url("**/search/?q=*")
        page.wait_for_selector(".hb-result")
        titles = result_titles(page)
        assert "季度经济运行分析会会务总结" in titles
        assert any(t.startswith("接待总结<script>") for t in titles)
        assert page.locator(".hb-search__results mark").first.inner_text() == "席卡"
        shot(page, "site-search")

        page.select_option("select[data-filter=type]", "会议")
        page.wait_for_function("document.querySelectorAll('.hb-result').length === 1")
        assert result_titles(page) == ["季度经济运行分析会会务总结"]
        assert "type=%E4%BC%9A%E8%AE%AE" in page.url  # the filter is kept in the address
        shot(page, "site-search-filtered")

        page.get_by_role("link", name="季度经济运行分析会会务总结").click()
        page.wait_for_url("**/reviews/public-meeting/")
        assert page.locator("h1").inner_text().rstrip("¶") == "季度经济运行分析会会务总结"
        assert page.get_by_text("三要素").count() == 1
        shot(page, "site-review")

        page.get_by_role("link", name="公务接待须知").first.click()
        page.wait_for_url("**/guidelines/reception-rules/")
        backlinks = page.locator("#yin-yong-ben-gui-fan-de-shi-hou-zong-jie ~ ul a, h2 + ul a").all_inner_texts()
        assert "季度经济运行分析会会务总结" in backlinks
        shot(page, "site-guideline")
        page.close()
    assert errors == []


def test_traditional_and_simplified_find_each_other(
    fixture_sites: dict[str, Path], browser: object, shot: Callable[[object, str], None]
) -> None:
    with served(fixture_sites["internal"]) as url:
        page = browser.new_page(viewport=PHONE)  # type: ignore[attr-defined]
        for query in ("台风", "颱風", "防御值班"):
            page.goto(f"{url}search/?q={query}")
            page.wait_for_selector(".hb-result")
            assert result_titles(page) == ["中秋假期颱風防禦值班總結"], query
        shot(page, "site-search-phone")
        page.goto(url)
        shot(page, "site-home-phone")
        page.close()


def test_header_box_searches_from_any_page(fixture_sites: dict[str, Path], browser: object) -> None:
    with served(fixture_sites["public"]) as url:
        page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
        page.goto(url + "reviews/")
        box = page.locator(".hb-header-search input[name=q]")
        box.fill("踩点")
        box.press("Enter")
        page.wait_for_selector(".hb-result")
        assert "公务接待须知" in result_titles(page)
        page.locator(".hb-header-search input[name=q]").fill("话筒")  # on the search page: no reload
        page.locator(".hb-header-search input[name=q]").press("Enter")
        page.wait_for_function("document.querySelector('.hb-search__status').textContent.includes('话筒')")
        assert page.locator("#hb-search-input").input_value() == "话筒"
        page.close()
