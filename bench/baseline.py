"""The baselines: the same review text as hand-written Markdown, built by plain mkdocs-material.

Two layouts of the same pages:

* **fair** (``nav_records=False``) — what someone who knows mkdocs would write for thousands of records:
  the navigation holds the home page and the listings; the records are listed in Markdown pages by year,
  by type and by tag, as this tool's site does, and declared ``not_in_nav``.
* **nav** (``nav_records=True``) — every record in the navigation, so every page carries all N entries
  (the site grows with N², which is why nobody builds a large site that way).

Each record page holds the same text as this tool's record page (three essentials, summary, plan, what
happened, what went well, problems with cause and fix, lessons, actions, tags). Search is
mkdocs-material's own plugin with its Chinese (jieba) segmentation, as a user without this tool would use.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

BASELINE_MKDOCS = """site_name: 基线手册
theme:
  name: material
  language: zh
plugins:
  - search:
      lang: zh
      separator: '[\\s\\u200b\\-]'
"""

FAIR_NAV = """nav:
  - 首页: index.md
  - 事后总结: reviews/index.md
  - 标签: tags/index.md
not_in_nav: |
  /reviews/*/
  /reviews/*.md
  /tags/*.md
"""


def record_markdown(model: Any, tag_slugs: dict[str, str]) -> str:
    """One review as a user would write it by hand, with the text this tool's record page shows."""
    lines = [f"# {model.title}", "", f"[{model.type}](type/{model.type}.md) · [{model.date.year}年](year/{model.date.year}.md)"]
    lines[-1] += "".join(f" · [{tag}](../tags/{tag_slugs[tag]}.md)" for tag in model.tags)
    lines += ["", '!!! info "三要素"', "", f"    - **时间**：{model.date}", f"    - **地点**：{model.place or ''}",
              f"    - **人员**：牵头 {model.lead or ''}；共 {model.headcount or 0} 人", ""]
    for heading, text in (("概要", model.summary), ("原定安排", model.planned), ("实际情况", model.happened)):
        if text:
            lines += [f"## {heading}", "", text, ""]
    if model.went_well:
        lines += ["## 做得好的", "", *[f"- {x}" for x in model.went_well], ""]
    if model.problems:
        lines += ["## 问题与改进", ""]
        for number, problem in enumerate(model.problems, 1):
            lines += [f"### 问题{number}：{problem.what}", "", f"- **严重程度**：{problem.severity}",
                      f"- **原因**：{problem.cause or ''}", f"- **改进办法**：{problem.fix or ''}", ""]
    if model.lessons:
        lines += ["## 经验教训", "", *[f"- {x}" for x in model.lessons], ""]
    if model.actions:
        lines += ["## 整改事项", ""]
        lines += [f"- {'已完成' if a.done else '未完成'}：{a.what} — {a.owner or ''} · 期限 {a.due or ''}" for a in model.actions]
    return "\n".join(lines) + "\n"


def _listing(title: str, items: list[Any], prefix: str) -> str:
    rows = sorted(items, key=lambda item: item.model.date, reverse=True)
    lines = [f"# {title}", ""]
    lines += [f"- {i.model.date} · [{i.model.title}]({prefix}{i.slug}.md) · {i.model.type} · {i.model.place or ''}" for i in rows]
    return "\n".join(lines) + "\n"


def write_baseline(root: Path, target: Path, *, nav_records: bool) -> Path:
    """Write the baseline mkdocs project for the reviews under root into target; return its mkdocs.yml."""
    from generator.load import load_content, slugify

    docs = target / "docs"
    shutil.rmtree(target, ignore_errors=True)
    for folder in ("reviews/year", "reviews/type", "tags"):
        (docs / folder).mkdir(parents=True)
    reviews = sorted(load_content(root).of_kind("review"), key=lambda item: item.slug)
    by_year: dict[int, list[Any]] = defaultdict(list)
    by_type: dict[str, list[Any]] = defaultdict(list)
    by_tag: dict[str, list[Any]] = defaultdict(list)
    tag_slugs: dict[str, str] = {}
    for item in reviews:
        by_year[item.model.date.year].append(item)
        by_type[item.model.type].append(item)
        for tag in item.model.tags:
            by_tag[tag].append(item)
            tag_slugs.setdefault(tag, slugify(tag))
    for item in reviews:
        (docs / "reviews" / f"{item.slug}.md").write_text(record_markdown(item.model, tag_slugs), encoding="utf-8")
    for year, items in by_year.items():
        (docs / "reviews" / "year" / f"{year}.md").write_text(_listing(f"{year}年", items, "../"), encoding="utf-8")
    for kind, items in by_type.items():
        (docs / "reviews" / "type" / f"{kind}.md").write_text(_listing(kind, items, "../"), encoding="utf-8")
    for tag, items in by_tag.items():
        (docs / "tags" / f"{tag_slugs[tag]}.md").write_text(_listing(tag, items, "../reviews/"), encoding="utf-8")
    index = ["# 事后总结", "", "## 按年份", ""]
    index += [f"- [{year}年](year/{year}.md)：{len(items)} 篇" for year, items in sorted(by_year.items(), reverse=True)]
    index += ["", "## 按类型", "", *[f"- [{kind}](type/{kind}.md)：{len(items)} 篇" for kind, items in sorted(by_type.items())]]
    latest = sorted(reviews, key=lambda item: item.model.date, reverse=True)[:20]
    index += ["", "## 最近的 20 篇", "", *[f"- {i.model.date} · [{i.model.title}]({i.slug}.md)" for i in latest]]
    (docs / "reviews" / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    tags = ["# 标签", "", *[f"- [{tag}]({tag_slugs[tag]}.md)：{len(items)} 篇" for tag, items in sorted(by_tag.items())]]
    (docs / "tags" / "index.md").write_text("\n".join(tags) + "\n", encoding="utf-8")
    (docs / "index.md").write_text("# 基线手册\n\n- [事后总结](reviews/index.md)\n- [标签](tags/index.md)\n", encoding="utf-8")
    if nav_records:
        nav = ["nav:", "  - 首页: index.md", "  - 事后总结:", "    - reviews/index.md"]
        nav += [f"    - reviews/{item.slug}.md" for item in reviews]
        settings = "\n".join(nav) + "\n"
    else:
        settings = FAIR_NAV
    (target / "mkdocs.yml").write_text(BASELINE_MKDOCS + settings, encoding="utf-8")
    return target / "mkdocs.yml"


def touch_baseline_record(target: Path, slug: str, marker: str) -> Path:
    """Change one record page's summary the way the same edit to its YAML would."""
    page = target / "docs" / "reviews" / f"{slug}.md"
    text = page.read_text(encoding="utf-8")
    head, _, rest = text.partition("## 概要\n\n")
    _, _, tail = rest.partition("\n")
    page.write_text(f"{head}## 概要\n\n修改后的概要{marker}\n{tail}", encoding="utf-8")
    return page
