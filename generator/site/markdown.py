"""Render the site's pages through Jinja2 templates: Markdown for mkdocs, HTML for the record pages.

The home page, listings, chapters, search and the ledger are rendered to Markdown (templates/site/markdown/)
and mkdocs makes them pages. A record's page (review, guideline, document, habit: nearly every page of a big
site) is rendered straight to its article's HTML (templates/site/html/) and put into the theme's page by
generator/site/mkdocs_site.py, so neither Python-Markdown nor a theme render runs per record. That HTML is
what Python-Markdown made from the record's Markdown (``record_markdown``, kept so that a test compares
the two ways byte for byte): the same escapes, heading ids from its toc extension's own slugify and
unique, the same permalinks, admonitions and lists; links are the final relative URLs mkdocs would write.

Content is data, never a template: record text only ever reaches a template as a variable, and every
printed value is escaped for Markdown *and* HTML unless a template marks it as already safe. That is
Jinja's autoescape with a stricter escape (``finalize`` below): ``<script>`` arrives as ``&lt;script&gt;``,
``*`` as ``&#42;``, ``{{ 7*7 }}`` as ``&#123;&#123; 7&#42;7 &#125;&#125;`` — a reader sees exactly what
was typed. HTML uses the same escape (every entity is HTML too), which is why its bytes equal Python-Markdown's.
When a content repository has its own ``templates/site/markdown/`` or ``templates/site/html/`` (which
override ours), that folder's environment is Jinja's sandbox, so its templates cannot reach Python internals.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from jinja2.sandbox import SandboxedEnvironment
from markdown.extensions.toc import nest_toc_tokens, slugify, strip_tags, unique
from markdown.util import code_escape
from markupsafe import Markup

from generator.cache import TEMPLATES as SHIPPED_TEMPLATES
from generator.model.kinds import RecordKind, kind_of
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
from generator.site.page_keys import KeyFile, listing_key

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


def html_paragraphs(value: Any) -> list[Markup]:
    """Escape multi-paragraph text into its paragraphs, as markdown_paragraphs separates them."""
    return [markdown_text(_FOLDED_SPACE.sub("", p)) for p in re.split(r"\n\s*\n", str(value or "")) if p.strip()]


def _one_line(value: Any) -> str:
    return _LINE_BREAKS.sub(" ", str(value)).strip()


def code_text(value: Any) -> Markup:
    """Escape text for <code>: what Python-Markdown prints for the same text between backticks (code_span)."""
    return Markup(code_escape(_one_line(value)))


def code_span(value: Any) -> Markup:
    """Write text as a Markdown code span, shown exactly as typed (a file name with _ or * in it).

    Inside backticks Markdown escapes nothing but HTML's own characters, so the text goes in as it is,
    between a run of backticks longer than any it holds."""
    text = _one_line(value)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")


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


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates (the theme's and ours), kept in the session (session.compiled_templates): a preview
    builds again on every save, and compiling the templates anew would take most of a one-page rebuild."""

    def __init__(self, compiled: dict[str, bytes]) -> None:
        self.compiled = compiled

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


def environment(
    root: Path | None = None, folder: str = "markdown", compiled: dict[str, bytes] | None = None
) -> jinja2.Environment:
    """Return the autoescaping environment of one template folder (markdown or html); a content root's own
    templates/site/<folder>/ comes first, and then the environment is Jinja's sandbox.

    Our own templates are code of this program, like the modules that call them: they run without the
    sandbox, whose check on every attribute a template reads took a third of the time of a record page."""
    folders = [TEMPLATES / folder]
    own = root / "templates" / "site" / folder if root is not None else None
    if own is not None and own.is_dir():
        folders.insert(0, own)
    kind = SandboxedEnvironment if len(folders) > 1 else jinja2.Environment
    env = kind(
        loader=jinja2.FileSystemLoader([str(f) for f in folders]),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=folder == "markdown",  # an article's HTML ends with its last element
        bytecode_cache=MemoryBytecodeCache(compiled) if compiled is not None else None,
    )
    env.filters.update(
        md=markdown_text,
        paragraphs=html_paragraphs if folder == "html" else markdown_paragraphs,
        code=code_text,
        code_span=code_span,
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


def html_template(kind: RecordKind) -> str:
    """The HTML template of a record kind's page: its Markdown template's name with .html.j2."""
    return kind.page_template.removesuffix(".md.j2") + ".html.j2"


def is_record_page(kind: RecordKind) -> bool:
    """Whether a kind's pages are rendered straight to HTML (every kind but chapters, which are Markdown)."""
    return not kind.has_body


class Headings:
    """The headings of one record page, numbered as Python-Markdown's toc extension numbers them.

    A template calls it for each heading in page order; it returns the heading's id and keeps the token
    mkdocs would have made the page's table of contents from."""

    def __init__(self) -> None:
        self.taken: set[str] = set()
        self.counters: dict[str, int] = {}
        self.tokens: list[dict[str, Any]] = []

    def __call__(self, level: int, text: Any) -> Markup:
        inner = str(text if isinstance(text, Markup) else markdown_text(text))
        name = strip_tags(inner)
        anchor = unique(slugify(html.unescape(name), "-"), self.taken, self.counters)
        self.tokens.append({"level": level, "id": anchor, "name": name, "html": inner, "data-toc-label": ""})
        return Markup(html.escape(anchor))  # slugify leaves word characters and "-" only: escaped all the same

    def toc_tokens(self) -> list[dict[str, Any]]:
        return list(nest_toc_tokens(self.tokens))


@dataclass
class RecordBody:
    """A record page's article: its HTML and its headings (nested, as mkdocs' get_toc takes them)."""

    src: str
    title: str
    html: str
    toc_tokens: list[dict[str, Any]] = field(default_factory=list)


class Renderer:
    """Render the pages of one SiteModel; each page gets a ``link(target)`` relative to itself."""

    def __init__(
        self,
        site: SiteModel,
        root: Path | None = None,
        extra: dict[str, Any] | None = None,
        keys: KeyFile | None = None,
        docs: Path | None = None,
        compiled: dict[str, bytes] | None = None,
    ) -> None:
        self.site = site
        self.env = environment(root, compiled=compiled)  # compiled: templates kept between builds (a session's)
        self.html_env = environment(root, "html", compiled)
        self.extra = extra or {}
        self.keys, self.docs = keys, docs  # what each record and listing page was made from last time
        self._links: dict[str, Any] | None = None

    def _unchanged(self, src: str, key: str) -> bool:
        """Remember src's key; True when the Markdown written last time from the same inputs is still there."""
        if self.keys is None:
            return False
        self.keys.remember(src, key)
        return self.docs is not None and self.keys.unchanged(src, key) is not None and (self.docs / src).is_file()

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
        """Render a page to Markdown: links are to docs files (mkdocs turns them into URLs)."""

        def link(target: Entry | Tag | str) -> Markup:
            to_src = target if isinstance(target, str) else target.src
            return Markup(relative_link(src, to_src))

        def href(target: Entry | Tag | str) -> Markup:
            to_src = target if isinstance(target, str) else target.src
            return Markup(relative_url(page_url(src), page_url(to_src)))

        return self.env.get_template(template).render(self._context(src, link, href=href, **values))

    def _context(self, src: str, link: Callable[[Any], Markup], **values: Any) -> dict[str, Any]:
        return {
            "site": self.site,
            "config": self.site.content.config,
            "audience": self.site.audience,
            "edition": self.site.content.config.editions.get(self.site.audience, self.site.audience),  # type: ignore[call-overload]
            "link": link,
            "page_url": page_url(src),
            **self.extra,
            **values,
        }

    def record_body(self, entry: Entry) -> RecordBody:
        """Render a record's article to HTML; its links are final URLs relative to its page.

        The page around it (header, tabs, table of contents, footer) is the theme's: mkdocs_site.RecordPages."""
        here = page_url(entry.src)

        def link(target: Entry | Tag | str) -> Markup:
            to_src = target if isinstance(target, str) else target.src
            return Markup(relative_url(here, page_url(to_src) if to_src.endswith(".md") else to_src))

        headings = Headings()
        context = self._context(entry.src, link, entry=entry, anchor=headings, **self._review_links())
        text = self.html_env.get_template(html_template(kind_of(entry.kind))).render(context)
        return RecordBody(entry.src, entry.title, text, headings.toc_tokens())

    def record_markdown(self, entry: Entry) -> str:
        """Render a record's page as the Markdown it once was: mkdocs makes the same page from it in its
        ordinary way, which tests/site/test_record_pages.py compares with record_body's page byte for byte."""
        return self.render(kind_of(entry.kind).page_template, entry.src, entry=entry, **self._review_links())

    def records(self) -> list[Entry]:
        """The records whose pages are made from HTML templates (all but chapters)."""
        return [entry for entry in self.site.entries if is_record_page(kind_of(entry.kind))]

    def _review_links(self) -> dict[str, Any]:
        """The review listings' pages by type and by year (worked out once: every record page asks)."""
        if self._links is None:
            reviews = self.site.reviews
            types = sorted({e.model.type for e in reviews})
            years = sorted({e.model.date.year for e in reviews}, reverse=True)
            self._links = {
                "type_src": {t: f"reviews/type/{review_type_slug(t)}.md" for t in types},
                "year_src": {y: f"reviews/year/{y}.md" for y in years},
            }
        return self._links


    def pages(self, chapter_body: Callable[[Entry], str]) -> Iterator[tuple[str, str | None]]:
        """Yield (docs path, Markdown) for every page mkdocs renders; Markdown None: unchanged since last time.

        Record pages are not among them: see records() and record_body()."""
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
        yield from self._review_pages()
        yield "tags/index.md", self.render("tags.md.j2", "tags/index.md")
        for tag in site.tags:
            yield tag.src, self.listing("tag.md.j2", tag.src, tag.entries, tag=tag, tag_name=tag.name)
        yield "documents/index.md", self.render(document.listing_template, "documents/index.md")
        if site.habits:
            yield "habits/index.md", self.render(habit.listing_template, "habits/index.md")

    def _review_pages(self) -> Iterator[tuple[str, str | None]]:
        reviews = self.site.reviews
        links = self._review_links()
        type_src, year_src = links["type_src"], links["year_src"]  # types in order, years newest first
        by_year = {y: [e for e in reviews if e.model.date.year == y] for y in year_src}
        by_type = {t: [e for e in reviews if e.model.type == t] for t in type_src}
        review = kind_of("review")
        shared = {"by_year": by_year, "by_type": by_type, "type_src": type_src, "year_src": year_src}
        yield "reviews/index.md", self.render(review.listing_template, "reviews/index.md", **shared)
        for year in year_src:
            src = year_src[year]
            yield src, self.listing(
                "review-list.md.j2", src, by_year[year], heading=f"{year}年的事后总结", reviews=by_year[year], **shared
            )
        for review_type in type_src:
            src = type_src[review_type]
            yield src, self.listing(
                "review-list.md.j2", src, by_type[review_type], heading=f"{review_type}类事后总结",
                reviews=by_type[review_type], **shared,
            )
        yield LEDGER_SRC, self.render("ledger.md.j2", LEDGER_SRC)


REVIEW_TYPE_SLUGS = {"接待": "reception", "会议": "meeting", "活动": "event", "应急": "emergency", "办文": "documents", "其他": "other"}


def review_type_slug(review_type: str) -> str:
    return REVIEW_TYPE_SLUGS.get(review_type, "other")
