"""Render every page of the site to Markdown through the Jinja2 templates in templates/site/markdown/.

Content is data, never a template: record text only ever reaches a template as a variable, and every
printed value is escaped for Markdown *and* HTML unless a template marks it as already safe. That is
Jinja's autoescape with a stricter escape (``finalize`` below): ``<script>`` arrives as ``&lt;script&gt;``,
``*`` as ``&#42;``, ``{{ 7*7 }}`` as ``&#123;&#123; 7&#42;7 &#125;&#125;`` — a reader sees exactly what
was typed. The environment is Jinja's sandbox, so a template placed in a content repository's own
``templates/site/markdown/`` (which overrides ours) cannot reach Python internals either.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from generator.cache import TEMPLATES as SHIPPED_TEMPLATES
from generator.model.kinds import kind_of
from generator.model.records import AUDIENCE_NAMES, DOCUMENT_TYPE_NAMES
from generator.site.model import (
    LEDGER_SRC,
    Entry,
    SiteModel,
    Tag,
    kind_name,
    page_url,
    relative_link,
    relative_url,
)
from generator.site.own_script import in_own_script
from generator.site.page_keys import KeyFile, listing_key, page_key

TEMPLATES = SHIPPED_TEMPLATES / "site"

# Characters that Markdown, its extensions or HTML give a meaning: always written as entities.
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]|~#="} | {
    ord("<"): "&lt;", ord(">"): "&gt;", ord("&"): "&amp;", ord('"'): "&quot;", ord("'"): "&#39;",
}
_LINE_BREAKS = re.compile(r"[ \t\r\n\f\v]+")
_LIST_START = re.compile(r"^(\d+)([.)])")  # "1." or "1)" would start an ordered list
_CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
# YAML folds a wrapped line into a space; between two Chinese characters that space is not meant.
_FOLDED_SPACE = re.compile(f"(?<=[{_CJK}])[ \t\r\n]+(?=[{_CJK}])")


def markdown_text(value: Any) -> Markup:
    """Escape text for one line of Markdown: shown literally, whatever it contains."""
    text = _LINE_BREAKS.sub(" ", str(value)).strip().translate(_ENTITIES)
    if text[:1] in ("-", "+"):  # a bullet list at the start of a line
        text = f"&#{ord(text[0])};{text[1:]}"
    text = _LIST_START.sub(lambda m: f"{m.group(1)}&#{ord(m.group(2))};", text)
    return Markup(text)


def markdown_paragraphs(value: Any) -> Markup:
    """Escape multi-paragraph text: blank lines separate paragraphs, other line breaks are spaces."""
    paragraphs = [p for p in re.split(r"\n\s*\n", str(value or "")) if p.strip()]
    return Markup("\n\n".join(markdown_text(_FOLDED_SPACE.sub("", p)) for p in paragraphs))


def _finalize(value: Any) -> Any:
    """Escape every printed value that a template has not marked safe (autoescape, for Markdown)."""
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return markdown_text(value)


def chinese_date(value: date | str | None) -> str:
    """Write a date as 2024年8月2日 (GB/T 9704: Arabic numerals, no leading zeros)."""
    if value is None or value == "":
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{day.year}年{day.month}月{day.day}日"


def front_matter_value(value: Any) -> Markup:
    """Write a front-matter value for mkdocs: HTML-escaped (its theme prints titles raw), JSON-quoted."""
    return Markup(json.dumps(html.escape(str(value), quote=True), ensure_ascii=False))


def environment(root: Path | None = None) -> SandboxedEnvironment:
    """Return the sandboxed, autoescaping environment (a content root's own templates come first)."""
    folders = [TEMPLATES / "markdown"]
    if root is not None and (root / "templates" / "site" / "markdown").is_dir():
        folders.insert(0, root / "templates" / "site" / "markdown")
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        md=markdown_text,
        paragraphs=markdown_paragraphs,
        cn_date=chinese_date,
        fm=front_matter_value,
        in_own_script=in_own_script,  # an enumerated value in the script of the record it belongs to
    )
    env.globals.update(
        audience_names=AUDIENCE_NAMES,
        document_type_names=DOCUMENT_TYPE_NAMES,
        kind_name=kind_name,
        ledger_src=LEDGER_SRC,
    )
    return env


class Renderer:
    """Render the pages of one SiteModel; each page gets a ``link(target)`` relative to itself."""

    def __init__(
        self,
        site: SiteModel,
        root: Path | None = None,
        extra: dict[str, Any] | None = None,
        keys: KeyFile | None = None,
        docs: Path | None = None,
    ) -> None:
        self.site = site
        self.env = environment(root)
        self.extra = extra or {}
        self.keys, self.docs = keys, docs  # what each record and listing page was made from last time

    def _unchanged(self, src: str, key: str) -> bool:
        """Remember src's key; True when the Markdown written last time from the same inputs is still there."""
        if self.keys is None:
            return False
        self.keys.remember(src, key)
        return self.docs is not None and self.keys.unchanged(src, key) is not None and (self.docs / src).is_file()

    def record(self, template: str, entry: Entry, **values: Any) -> str | None:
        """Render a record's page; None when it is known to be unchanged."""
        key = page_key(entry)
        if self._unchanged(entry.src, key):
            return None
        return self.render(template, entry.src, entry=entry, **values)

    def listing(self, template: str, src: str, entries: list[Entry], **values: Any) -> str | None:
        """Render a page listing entries (a tag, a year, a type); None when it is known to be unchanged.

        A listing line shows an entry's title, kind, date, type and place and links to its page; those
        and the page's own simple values are its key (generator/site/page_keys.py)."""
        simple = sorted(f"{name}={value!r}" for name, value in values.items() if isinstance(value, (str, int)))
        key = listing_key(template, src, entries, simple + [repr(sorted(self.extra_keys(values)))])
        if self._unchanged(src, key):
            return None
        return self.render(template, src, **values)

    @staticmethod
    def extra_keys(values: dict[str, Any]) -> list[str]:
        """The shape of the review listings' shared tables (which years and types exist)."""
        return [f"{name}:{sorted(map(str, value))}" for name, value in values.items() if isinstance(value, dict)]

    def render(self, template: str, src: str, **values: Any) -> str:
        def link(target: Entry | Tag | str) -> Markup:
            to_src = target if isinstance(target, str) else target.src
            return Markup(relative_link(src, to_src))

        def href(target: Entry | Tag | str) -> Markup:
            to_src = target if isinstance(target, str) else target.src
            return Markup(relative_url(page_url(src), page_url(to_src)))

        context = {
            "site": self.site,
            "config": self.site.content.config,
            "audience": self.site.audience,
            "edition": self.site.content.config.editions.get(self.site.audience, self.site.audience),  # type: ignore[call-overload]
            "link": link,
            "href": href,
            "page_url": page_url(src),
            **self.extra,
            **values,
        }
        return self.env.get_template(template).render(context)

    def record_page(self, entry: Entry) -> str:
        """Render one record's page on its own (the preview shows an edited record before the rest).

        Every record page is given the review listings' pages; a review's page links its type and year."""
        return self.render(kind_of(entry.kind).page_template, entry.src, entry=entry, **self._review_links())

    def _review_links(self) -> dict[str, Any]:
        return {"type_src": self._type_src(), "year_src": self._year_src()}

    def _type_src(self) -> dict[str, str]:
        return {t: f"reviews/type/{review_type_slug(t)}.md" for t in sorted({e.model.type for e in self.site.reviews})}

    def _year_src(self) -> dict[int, str]:
        return {y: f"reviews/year/{y}.md" for y in sorted({e.model.date.year for e in self.site.reviews}, reverse=True)}

    def pages(self, chapter_body: Callable[[Entry], str]) -> Iterator[tuple[str, str | None]]:
        """Yield (docs path, Markdown) for every page of the site; Markdown None: unchanged since last time."""
        site = self.site
        yield "index.md", self.render("home.md.j2", "index.md")
        yield "search.md", self.render("search.md.j2", "search.md")
        page, guideline, document, habit = (kind_of(name) for name in ("page", "guideline", "document", "habit"))
        yield "chapters/index.md", self.render(page.listing_template, "chapters/index.md")
        chapters = site.chapters
        for number, entry in enumerate(chapters):
            body = chapter_body(entry)  # the author's Markdown: sanitised after rendering (chapters.sanitise)
            previous = chapters[number - 1] if number else None
            following = chapters[number + 1] if number + 1 < len(chapters) else None
            yield entry.src, self.render(
                page.page_template, entry.src, entry=entry, body=Markup(body), previous=previous, following=following,
                starts_with_heading=body.lstrip().startswith("# "),
            )
        yield "guidelines/index.md", self.render(guideline.listing_template, "guidelines/index.md")
        for entry in site.guidelines:
            yield entry.src, self.record(guideline.page_template, entry)
        yield from self._review_pages()
        yield "tags/index.md", self.render("tags.md.j2", "tags/index.md")
        for tag in site.tags:
            yield tag.src, self.listing("tag.md.j2", tag.src, tag.entries, tag=tag, tag_name=tag.name)
        yield "documents/index.md", self.render(document.listing_template, "documents/index.md")
        for entry in site.documents:
            yield entry.src, self.record(document.page_template, entry)
        if site.habits:
            yield "habits/index.md", self.render(habit.listing_template, "habits/index.md")
            for entry in site.habits:
                yield entry.src, self.record(habit.page_template, entry)

    def _review_pages(self) -> Iterator[tuple[str, str | None]]:
        reviews = self.site.reviews
        years = sorted({e.model.date.year for e in reviews}, reverse=True)
        types = sorted({e.model.type for e in reviews})
        by_year = {y: [e for e in reviews if e.model.date.year == y] for y in years}
        by_type = {t: [e for e in reviews if e.model.type == t] for t in types}
        review = kind_of("review")
        type_src, year_src = self._type_src(), self._year_src()
        shared = {"by_year": by_year, "by_type": by_type, "type_src": type_src, "year_src": year_src}
        yield "reviews/index.md", self.render(review.listing_template, "reviews/index.md", **shared)
        for year in years:
            src = year_src[year]
            yield src, self.listing(
                "review-list.md.j2", src, by_year[year], heading=f"{year}年的事后总结", reviews=by_year[year], **shared
            )
        for review_type in types:
            src = type_src[review_type]
            yield src, self.listing(
                "review-list.md.j2", src, by_type[review_type], heading=f"{review_type}类事后总结",
                reviews=by_type[review_type], **shared,
            )
        for entry in reviews:
            yield entry.src, self.record(review.page_template, entry, type_src=type_src, year_src=year_src)
        yield LEDGER_SRC, self.render("ledger.md.j2", LEDGER_SRC)


REVIEW_TYPE_SLUGS = {"接待": "reception", "会议": "meeting", "活动": "event", "应急": "emergency", "办文": "documents", "其他": "other"}


def review_type_slug(review_type: str) -> str:
    return REVIEW_TYPE_SLUGS.get(review_type, "other")
