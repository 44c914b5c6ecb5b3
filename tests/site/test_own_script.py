"""A record's enumerated values are shown in the record's own script; listings and filters keep the standard value.

The loader stores 應急 as 应急 (so filters, grouping and search agree); a review written in traditional
characters still reads as one text on its own page.
"""

from __future__ import annotations

from datetime import date

import pytest

from generator.load import load_content
from generator.site.markdown import Renderer
from generator.site.model import gather
from generator.site.own_script import in_own_script, is_traditional
from tests.conftest import make_root

FILES = {
    "content/reviews/typhoon.yml": "title: 第13號颱風防禦值班總結\ndate: 2024-09-16\ntype: 應急\n"
    "guidelines: [duty-rules]\nproblems:\n  - what: 值班表沒有及時更新\n    severity: 高\n",
    "content/reviews/flood.yml": "title: 防汛值班总结\ndate: 2024-07-02\ntype: 应急\n",
    "content/guidelines/duty-rules.yml": "title: 值班應急工作規範\ncategory: 辦事\napplies_to: [應急, 會議]\n"
    "rules:\n  - title: 值班表每天核對\n",
}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = make_root(tmp_path_factory.mktemp("own-script") / "handbook", FILES)
    content = load_content(root)
    assert {item.id: getattr(item.model, "type", None) for item in content.of_kind("review")} == {
        "typhoon": "应急", "flood": "应急"}  # stored in the standard spelling
    site = gather(content.for_audience("internal"), "internal", today=date(2025, 6, 1))
    renderer = Renderer(site, root, {"chapter_summaries": {}})
    records = {entry.src: renderer.record_body(entry).html for entry in renderer.records()}  # HTML
    return {src: text or "" for src, text in renderer.pages(lambda entry: "")} | records


def test_a_traditional_review_shows_its_type_as_written(pages: dict[str, str]) -> None:
    page = pages["reviews/typhoon.md"]
    assert '<a href="../type/emergency/">應急</a>' in page  # the link still goes to the one 应急 listing
    assert "应急" not in page
    assert '值班應急工作規範</a> · 辦事' in page and 'href="../../guidelines/duty-rules/"' in page  # the cited guideline, in its script


def test_a_simplified_review_shows_the_standard_value(pages: dict[str, str]) -> None:
    assert '<a href="../type/emergency/">应急</a>' in pages["reviews/flood.md"]


def test_a_traditional_guideline_shows_its_category_and_event_types_as_written(pages: dict[str, str]) -> None:
    assert "类别：辦事 · 适用：應急、會議" in pages["guidelines/duty-rules.md"]


def test_listings_and_filters_keep_the_standard_value(pages: dict[str, str]) -> None:
    listing = pages["reviews/type/emergency.md"]
    assert "应急类事后总结" in listing  # one listing for both scripts
    assert "第13號颱風防禦值班總結" in listing and "防汛值班总结" in listing
    assert "- [应急](type/emergency.md)：2 篇" in pages["reviews/index.md"]


@pytest.mark.parametrize(
    ("title", "traditional"),
    [("香港青禾同鄉商會考察團來區考察接待總結", True), ("省调研组来区考察接待总结", False), ("接待", False), ("", False)],
)
def test_the_script_is_judged_from_the_title(title: str, traditional: bool) -> None:
    assert is_traditional(title) is traditional
    assert in_own_script("会议", title) == ("會議" if traditional else "会议")
