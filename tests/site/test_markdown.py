"""The generated Markdown: escaping rules, dates, and golden files for a few pages of the fixture site.

Regenerate the golden files after an intended change with:
    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/site/test_markdown.py
and read the diff before committing it.
"""

from __future__ import annotations

import difflib
import os
from datetime import date
from pathlib import Path

import markdown
import pytest

from generator.site.markdown import chinese_date, front_matter_value, markdown_paragraphs, markdown_text

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = [
    "index.md",  # record pages are HTML: tests/site/test_record_pages.py compares them with mkdocs' own
    "chapters/01-welcome.md",
    "documents/index.md",
    "tags/xi-ka.md",
]


def rendered(text: str) -> str:
    """Render Markdown as mkdocs does (same extensions) and return the HTML."""
    return markdown.markdown(text, extensions=["toc", "tables", "admonition", "fenced_code"])


@pytest.mark.parametrize(
    "value",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "{{ 7*7 }} {% raw %}",
        "*星号* _下划线_ `代码` ~~删除~~",
        "[链接](javascript:alert(1)) ![图](x.png)",
        "| 竖线 | # 井号 = 等号",
        "- 不是列表",
        "+ 也不是",
        "1. 不是编号",
        "12) 不是编号",
        "&amp; 已经是实体 &lt;",
        "反斜杠 \\ 和 \\* ",
        "```\n围栏\n```",
        "~~~",
        "<!-- 注释 -->",
        "<http://example.com>",
    ],
)
def test_it_shows_any_text_literally_in_markdown(value: str) -> None:
    html = rendered(f"前\n\n{markdown_text(value)}\n\n后")
    from html import unescape

    from generator.model.plain_text import plain_blocks

    assert "<script" not in html and "<img" not in html and "<a " not in html and "<code" not in html
    assert "<em>" not in html and "<strong>" not in html and "<ol>" not in html and "<ul>" not in html
    shown = unescape(html.replace("<p>", "").replace("</p>", "").split("\n")[1])
    assert shown == " ".join(value.split()), (value, html)
    assert plain_blocks(markdown_text(value))[0] == " ".join(value.split())


def test_it_keeps_paragraphs_and_drops_folded_spaces_between_chinese() -> None:
    text = "第一段 第一段续。\n\n第二段 *强调*"
    assert str(markdown_paragraphs(text)) == "第一段第一段续。\n\n第二段 &#42;强调&#42;"


def test_it_writes_dates_the_chinese_way_without_leading_zeros() -> None:
    assert chinese_date(date(2024, 8, 2)) == "2024年8月2日"
    assert chinese_date("2025-12-31") == "2025年12月31日"
    assert chinese_date(None) == ""


def test_it_writes_front_matter_titles_escaped_for_the_theme() -> None:
    assert str(front_matter_value('标题<script>"')) == '"标题&lt;script&gt;&quot;"'


@pytest.mark.parametrize("page", GOLDEN_PAGES)
def test_it_generates_the_golden_markdown(fixture_sites: dict[str, Path], page: str) -> None:
    produced = (fixture_sites["root"] / "build" / ".site-work" / "public" / "docs" / page).read_text(encoding="utf-8")
    golden = GOLDEN / "public" / page
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(produced, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), produced.splitlines(True), f"golden/{page}", page))
    assert produced == expected, f"generated Markdown differs (UPDATE_GOLDEN=1 to accept):\n{diff}"


def test_a_content_roots_own_templates_run_in_the_sandbox_and_ours_do_not(tmp_path: Path) -> None:
    """Our templates are the program's code; a content repository's templates are data and cannot reach
    Python internals (the sandbox refuses the attribute and the strict environment stops the page)."""
    from jinja2.exceptions import SecurityError, UndefinedError

    from generator.site.markdown import environment

    reach = "{{ value.__class__.__mro__ }}"
    ours = environment(tmp_path, "html")
    assert "object" in ours.from_string(reach).render(value="文字")  # no sandbox: shipped templates only
    (tmp_path / "templates" / "site" / "html").mkdir(parents=True)
    theirs = environment(tmp_path, "html")
    with pytest.raises((SecurityError, UndefinedError)):
        theirs.from_string(reach).render(value="文字")


@pytest.mark.parametrize("name", ["content/reviews/2024_typhoon_duty.yml", "a*b*c.yml", "x`y.yml", "`q`", "<b>&amp;.yml"])
def test_a_source_file_name_shows_exactly_as_typed_in_both_ways(name: str) -> None:
    """The 源文件 line: the Markdown code span and the record page's <code> show the name as it is."""
    from html import unescape

    from generator.site.markdown import code_span, code_text

    html = rendered(str(code_span(name)))
    assert html == f"<p><code>{code_text(name)}</code></p>"
    assert unescape(str(code_text(name))) == name
