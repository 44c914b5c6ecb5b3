"""A review page is made again on the day one of its actions becomes overdue; the ledger counts the days.

The site keeps each page's Markdown between builds and renders it again only when what it shows has
changed (generator/site/page_keys.py); for a review page, that includes the day and the earlier reviews.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.load import load_content
from generator.site.markdown import Renderer
from generator.site.model import gather
from generator.site.page_keys import KeyFile, page_key
from tests.conftest import make_root

REVIEWS = {
    "content/reviews/late.yml": "title: 有逾期事项的总结\ndate: 2025-01-10\ntype: 接待\nactions:\n"
    "  - what: 修订接待方案模板\n    owner: 周敏\n    due: 2025-03-01\n",
    "content/reviews/closed.yml": "title: 整改都已完成的总结\ndate: 2025-01-12\ntype: 会议\nactions:\n"
    "  - what: 修订会议通知模板\n    due: 2025-02-01\n    done: true\n",
}


def _render(root: Path, work: Path, today: date) -> dict[str, str | None]:
    site = gather(load_content(root).for_audience("internal"), "internal", today=today)
    keys = KeyFile(work / "keys.cache", "salt")
    renderer = Renderer(site, root, {"chapter_summaries": {}}, keys=keys, docs=work / "docs")
    pages = dict(renderer.pages(lambda entry: ""))
    for entry in renderer.records():  # a record page is made again only when its key changed (as edition.py does)
        key = page_key(entry)
        keys.remember(entry.src, key)
        pages[entry.src] = None if keys.unchanged(entry.src, key) is not None else renderer.record_body(entry).html
    for src, text in pages.items():
        if text is not None:
            (work / "docs" / src).parent.mkdir(parents=True, exist_ok=True)
            (work / "docs" / src).write_text(text, encoding="utf-8")
    keys.save()
    return pages


def test_a_review_page_is_redone_when_its_action_becomes_overdue_and_only_then(tmp_path: Path) -> None:
    root = make_root(tmp_path / "handbook", REVIEWS)
    work = tmp_path / "work"
    before = _render(root, work, date(2025, 3, 1))  # due today: not late yet
    assert "<strong>未完成</strong>：修订接待方案模板" in (before["reviews/late.md"] or "")

    same_day = _render(root, work, date(2025, 3, 1))
    assert same_day["reviews/late.md"] is None and same_day["reviews/closed.md"] is None

    late = _render(root, work, date(2025, 3, 2))
    assert "<strong>已逾期</strong>：修订接待方案模板" in (late["reviews/late.md"] or "")
    assert late["reviews/closed.md"] is None  # nothing on it depends on the day
    assert "| **逾期 1 天** | 修订接待方案模板 |" in (late["reviews/ledger.md"] or "")

    later = _render(root, work, date(2025, 3, 11))
    assert later["reviews/late.md"] is None  # still 已逾期: the page stays as it is
    assert "| **逾期 10 天** | 修订接待方案模板 |" in (later["reviews/ledger.md"] or "")  # the ledger counts on


def test_a_page_naming_an_earlier_fix_is_redone_when_that_review_changes(tmp_path: Path) -> None:
    files = {
        "content/reviews/first.yml": "title: 第一次\ndate: 2023-03-16\ntype: 接待\nproblems:\n"
        "  - what: 替会人员的席卡没有及时更换\n    cause: 替会信息只发在工作群\n    fix: 当面签收\n"
        "actions:\n  - what: 增加替会人员名单签收环节\n    done: false\n",
        "content/reviews/again.yml": "title: 第二次\ndate: 2025-04-18\ntype: 接待\nproblems:\n"
        "  - what: 替會人員席卡沒有及時更換\n    cause: 替會信息只在工作群裡說了一句\n",
    }
    root = make_root(tmp_path / "handbook", files)
    work = tmp_path / "work"
    first = _render(root, work, date(2025, 5, 1))
    assert "整改事项“增加替会人员名单签收环节”未完成" in (first["reviews/again.md"] or "")
    path = root / "content/reviews/first.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("done: false", "done: true"), encoding="utf-8")
    second = _render(root, work, date(2025, 5, 1))
    assert "已完成，但问题再次发生：<strong>整改没有见效</strong>" in (second["reviews/again.md"] or "")
