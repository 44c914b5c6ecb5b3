"""Safe rendering: whatever a record or chapter holds, a reader sees text, never code.

The fixture's public review carries <script>, onerror=, {{ 7*7 }}, {% raw %}, Markdown syntax and
`</title>` in its title, summary, problem and tags; the public chapter carries raw HTML with script,
event handlers and a javascript: link. We read the built HTML as a browser would.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

PAYLOAD_PAGES = ["reviews/public-escaping/index.html", "chapters/01-welcome/index.html", "index.html",
                 "tags/index.html", "reviews/index.html"]


class Page(HTMLParser):
    """Collect scripts, event-handler attributes, javascript: URLs and the visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[dict[str, str | None]] = []
        self.script_text: list[str] = []
        self.handlers: list[tuple[str, str, str | None]] = []
        self.js_urls: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in.append(tag)
        if tag == "script":
            self.scripts.append(dict(attrs))
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:"):
                self.js_urls.append(value)

    def handle_endtag(self, tag: str) -> None:
        while self._in and self._in.pop() != tag:
            pass

    def handle_data(self, data: str) -> None:
        if self._in and self._in[-1] == "script":
            self.script_text.append(data)
        elif self._in and self._in[-1] == "title":
            self.title += data
        else:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.mark.parametrize("page", PAYLOAD_PAGES)
def test_no_content_becomes_a_script_or_handler(fixture_sites: dict[str, Path], page: str) -> None:
    parsed = parse(fixture_sites["public"] / page)
    assert not parsed.handlers, parsed.handlers
    assert not parsed.js_urls, parsed.js_urls
    for script in parsed.scripts:  # only the theme's own scripts, ours, and its JSON config
        src = script.get("src") or ""
        assert src == "" or "assets/javascripts/" in src or "assets/handbook/" in src, script
    assert not any("alert" in text for text in parsed.script_text)


def test_review_text_appears_literally(fixture_sites: dict[str, Path]) -> None:
    parsed = parse(fixture_sites["public"] / "reviews/public-escaping/index.html")
    shown = parsed.visible
    assert '接待总结<script>alert("review-title")</script></title><b>粗</b>' in shown
    assert "摘要 <img src=x onerror=alert('summary')> {{ 7*7 }} {% raw %} *星号* [链接](javascript:alert(1)) | 竖线 # 井号" in shown
    assert "问题<script>alert('problem')</script> onerror=alert(2) {{ 7*7 }}" in shown
    assert "原因 `代码` _下划线_ ~~删除~~" in shown
    assert "<img src=x onerror=alert('tag')>" in shown and "{{ 7*7 }}" in shown
    assert "49" not in shown  # {{ 7*7 }} was never evaluated
    assert parsed.title.startswith('接待总结<script>alert("review-title")</script></title><b>粗</b> - 测试手册<script>')


def test_site_title_from_config_is_text(fixture_sites: dict[str, Path]) -> None:
    parsed = parse(fixture_sites["public"] / "index.html")
    assert '测试手册<script>alert("site-title")</script>' in parsed.visible
    assert "用于测试的手册 & 说明" in parsed.visible


def test_chapter_markdown_works_but_raw_html_is_sanitised(fixture_sites: dict[str, Path]) -> None:
    html = (fixture_sites["public"] / "chapters/01-welcome/index.html").read_text(encoding="utf-8")
    parsed = parse(fixture_sites["public"] / "chapters/01-welcome/index.html")
    assert "<strong>踩点</strong>" in html  # Markdown still works in chapters
    assert "{{ 7*7 }} 和 {% raw %}" in parsed.visible
    assert "chapter-script" not in html and "chapter-click" not in html and "chapter-img" not in html
    assert "坏链接" in parsed.visible and "点这里" in parsed.visible
    assert re.search(r'<img src="x.png"\s*/?>', html)


def test_table_of_contents_titles_stay_text(fixture_sites: dict[str, Path]) -> None:
    html = (fixture_sites["public"] / "reviews/public-escaping/index.html").read_text(encoding="utf-8")
    toc = html[html.index('data-md-component="toc"'):html.index("</nav>", html.index('data-md-component="toc"'))]
    assert "<script" not in toc and "<img" not in toc
    parsed = Page()
    parsed.feed(toc)
    assert "问题1：问题<script>alert('problem')</script> onerror=alert(2) {{ 7*7 }}" in parsed.visible
