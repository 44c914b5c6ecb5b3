"""The 整改台账 page and a review's 此前发生过 block, as a clerk sees them in chromium.

The content is written relative to today (the site counts overdue days against the day it is built),
so the expected "逾期 N 天" is exact whatever day the test runs.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from generator.build import build_handbook
from tests.conftest import make_root
from tests.site.conftest import served

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
TODAY = date.today()


def _day(days_from_today: int) -> str:
    return (TODAY + timedelta(days=days_from_today)).isoformat()


REVIEWS = {
    # the first time: the substitute's name card, fixed and marked done
    "content/reviews/first.yml": f"""\
title: 督查组接待总结
date: {_day(-700)}
type: 接待
audience: public
problems:
  - what: 替会人员的席卡没有及时更换，会议开始时仍是原参会人员的名字
    cause: 替会信息只发在工作群，没有当面送给负责席卡的同志
    fix: 替会名单当面交给负责席卡的同志签收
  - what: 工作餐的茶歇不够
actions:
  - what: 在会务规程中增加替会人员名单签收环节
    owner: 周敏（秘书一科科长）
    due: {_day(-650)}
    done: true
  - what: PUBLIC-OVERDUE 修订茶歇标准
    owner: 周敏（秘书一科科长）
    due: {_day(-30)}
""",
    # two years later, in traditional characters: the same problem again
    "content/reviews/again.yml": f"""\
title: 商會考察團接待總結
date: {_day(-20)}
type: 会议
audience: internal
problems:
  - what: 我方替會人員席卡沒有及時更換，只能手寫
    cause: 替會信息只在工作群裡說了一句，沒有當面送給負責席卡的同志
    fix: 替會名單當面送負責席卡的同志簽收
actions:
  - what: INTERNAL-OVERDUE 建立陪同人員提前一天確認機制
    owner: 劉暢（秘書一科）
    due: {_day(-5)}
  - what: INTERNAL-OPEN 修订接待方案模板
    due: {_day(40)}
""",
    "content/reviews/secret.yml": f"""\
title: 限定范围的调研总结
date: {_day(-100)}
type: 接待
audience: restricted
actions:
  - what: RESTRICTED-ACTION 不应出现在内部版
    owner: 陈德安
    due: {_day(-60)}
""",
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("ledger")
    root = make_root(folder / "root", REVIEWS)
    return {audience: build_handbook(root, audience, folder / audience).site.out for audience in ("public", "internal")}


def test_the_home_page_counts_the_overdue_actions_and_the_ledger_groups_them_by_owner(
    sites: dict[str, Path], browser: object, tmp_path: Path
) -> None:
    with served(sites["internal"]) as url:
        page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
        page.goto(url)
        ledger_line = page.locator("li", has_text="整改台账").first
        assert ledger_line.inner_text() == "整改台账：3 项整改未完成，其中 2 项逾期"
        assert page.get_by_text("已逾期 · PUBLIC-OVERDUE 修订茶歇标准").count() == 1

        page.get_by_role("link", name="整改台账").first.click()
        page.wait_for_url("**/reviews/ledger/")
        page.screenshot(path=str(tmp_path / "ledger.png"), full_page=True)
        owners = [h.rstrip("¶") for h in page.locator("article h2").all_inner_texts()]
        assert owners == ["劉暢（秘書一科）", "周敏（秘书一科科长）", "责任人未定"]
        rows = [re.sub(r"\s+", " ", r) for r in page.locator("article table tbody tr").all_inner_texts()]
        assert rows[0].startswith("逾期 5 天 INTERNAL-OVERDUE 建立陪同人員提前一天確認機制")
        assert rows[1].startswith("逾期 30 天 PUBLIC-OVERDUE 修订茶歇标准")
        assert rows[2].startswith("未完成 INTERNAL-OPEN 修订接待方案模板")
        overdue = page.locator("article table strong", has_text="逾期 5 天")
        assert overdue.count() == 1  # marked, not just written
        assert "RESTRICTED-ACTION" not in page.content()
        assert "在会务规程中增加替会人员名单签收环节" not in page.locator("article table").first.inner_text()

        page.get_by_role("link", name="商會考察團接待總結").first.click()
        page.wait_for_url("**/reviews/again/")
        assert page.get_by_text(re.compile(r"^已逾期：INTERNAL-OVERDUE")).count() == 1
        assert page.get_by_text(re.compile(r"^未完成：INTERNAL-OPEN")).count() == 1


def test_a_public_ledger_shows_only_actions_of_public_reviews(sites: dict[str, Path], browser: object) -> None:
    with served(sites["public"]) as url:
        page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
        page.goto(url + "reviews/ledger/")
        text = page.locator("article").inner_text()
        assert "PUBLIC-OVERDUE" in text
        assert "INTERNAL-" not in text and "RESTRICTED-" not in text
        assert "1 项整改未完成，其中 1 项逾期" in text


def test_a_review_that_repeats_an_earlier_problem_says_so_under_the_problem(
    sites: dict[str, Path], browser: object, tmp_path: Path
) -> None:
    with served(sites["internal"]) as url:
        page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
        page.goto(url + "reviews/again/")
        block = page.locator(".admonition.warning", has_text="此前发生过")
        assert block.count() == 1
        block.scroll_into_view_if_needed()
        page.screenshot(path=str(tmp_path / "recurrence.png"))
        # it sits under the problem it is about
        heading = page.locator("h3", has_text="我方替會人員席卡沒有及時更換")
        assert heading.evaluate("(h, block) => !!(h.compareDocumentPosition(block) & 4)", block.element_handle())
        text = block.inner_text()
        earlier = (TODAY - timedelta(days=700))
        assert f"督查组接待总结 · {earlier.year}年{earlier.month}月{earlier.day}日" in text
        assert "当时的改进办法：替会名单当面交给负责席卡的同志签收" in text
        assert "整改事项“在会务规程中增加替会人员名单签收环节”已完成，但问题再次发生：整改没有见效" in text
        block.get_by_role("link", name="督查组接待总结").click()
        page.wait_for_url("**/reviews/first/")
        # the earlier review names no earlier occurrence of its own
        assert page.locator(".admonition.warning", has_text="此前发生过").count() == 0


def test_the_public_edition_does_not_point_to_an_internal_review(sites: dict[str, Path], browser: object) -> None:
    with served(sites["public"]) as url:
        page = browser.new_page(viewport=DESKTOP)  # type: ignore[attr-defined]
        response = page.goto(url + "reviews/again/")
        assert response is not None and response.status == 404
