"""Write mkdocs.yml for one edition and run the mkdocs-material build in this process.

The navigation lists only the top-level listing pages: mkdocs writes the whole navigation into every
page, so a navigation holding every record grows the site with the square of its size (about
300 MB for 1,000 records when measured). Records are reached through the listings and search.
mkdocs-material's own search plugin is off: Pagefind replaces it, and its search_index.json would
be one more file to keep free of records above the edition.

Record pages (reviews, guidelines, documents, habits) are not mkdocs pages: their articles are HTML
already (generator/site/markdown.py). mkdocs renders one *frame* per record folder instead — a page at the
same depth as the records, so every relative address in it is theirs too — and the plugin keeps it (never
writing it) split where pages differ: the title, the skip link, material's table of contents, the article
and, with a site_url, the canonical address. Each record's page is that frame with its own parts filled in
(RecordPages.page): the theme's own page, made once per folder instead of once per record. mkdocs still
knows every record's address (excluded files, which it links to but never builds), so listings and chapters
keep linking to ``.md`` files, and sitemap.xml lists the record pages where mkdocs would have listed them.
"""

from __future__ import annotations

import functools
import html
import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import jinja2
import nh3
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel, file_sort_key
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc
from mkdocs.utils.templates import TemplateContext

from generator.adapters.mkdocs_private import skip_static_pages
from generator.cache import digest
from generator.model.kinds import kind_of
from generator.model.records import SiteConfig
from generator.session import Session
from generator.site.chapters import sanitise
from generator.site.markdown import TEMPLATES, MemoryBytecodeCache, RecordBody
from generator.site.model import Entry, page_url

OVERRIDES = TEMPLATES / "overrides"
MARKDOWN_EXTENSIONS: list[Any] = [{"toc": {"permalink": "¶"}}, "tables", "admonition"]


def nav(has_habits: bool) -> list[dict[str, str]]:
    """Return the navigation: the home page, the listings and search; never a record."""
    entries = [
        {"首页": "index.md"},
        {"手册章节": "chapters/index.md"},
        {"工作规范": "guidelines/index.md"},
        {"事后总结": "reviews/index.md"},
        {"公文范本": "documents/index.md"},
        {"标签": "tags/index.md"},
    ]
    if has_habits:
        entries.append({"领导习惯备忘": "habits/index.md"})
    entries.append({"检索": "search.md"})
    return entries


def mkdocs_config(config: SiteConfig, edition_name: str, *, has_habits: bool) -> dict[str, Any]:
    """Return mkdocs.yml for one edition. Text from site_config.yml is HTML-escaped: the theme prints it raw."""
    text = html.escape
    settings: dict[str, Any] = {
        "site_name": text(config.site_title),
        "site_description": text(config.site_description or config.organisation),
        "copyright": text(config.copyright or f"{config.organisation} · {edition_name}"),
        "docs_dir": "docs",
        "site_dir": "site",
        "use_directory_urls": True,
        "theme": {
            "name": "material",
            "language": "zh",
            "custom_dir": str(OVERRIDES),
            "font": False,  # an intranet has no Google Fonts; Chinese comes from the system fonts anyway
            "palette": {"primary": config.theme.primary, "accent": config.theme.accent},
            "features": ["navigation.tabs", "navigation.top", "navigation.footer", "toc.follow"],
        },
        "plugins": [],  # no material/search: Pagefind replaces it (and it would copy every record)
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "extra_css": ["assets/handbook/handbook.css"],
        # Opened from disk (file://), links to folders would show bare listings: this points them at
        # each folder's index.html. Over http it does nothing, so one site serves both ways.
        "extra_javascript": ["assets/handbook/handbook-offline.js"],
        "extra": {"generator": False, "edition": edition_name},
        "nav": nav(has_habits),
        "validation": {
            "omitted_files": "ignore",  # records are deliberately not in the navigation
            "not_found": "warn",
            "links": {"not_found": "warn", "anchors": "ignore", "unrecognized_links": "ignore"},
        },
    }
    if config.site_url:
        settings["site_url"] = config.site_url
    return settings


def config_text(settings: dict[str, Any]) -> str:
    return "# Written by `handbook build` from site_config.yml; edits here are overwritten.\n" + yaml.safe_dump(
        settings, allow_unicode=True, sort_keys=False
    )


@dataclass
class RecordSources:
    """The record pages of a site: their docs paths, and the kind of each record folder (one frame each)."""

    pages: list[str] = field(default_factory=list)
    folders: dict[str, str] = field(default_factory=dict)  # site folder → kind name

    @classmethod
    def of(cls, entries: list[Entry]) -> RecordSources:
        return cls([e.src for e in entries], {kind_of(e.kind).site_folder: e.kind for e in entries})


# What the frame page holds where each record's page has its own: distinct words no page contains.
FRAME_TITLE = "hb-frame-title-5e1f"
FRAME_CONTENT = "<h1>hb-frame-article-5e1f</h1>"  # with an <h1>, so that the theme adds none
FRAME_ANCHOR = "hb-frame-anchor-5e1f"


def _frame_markdown(kind: str) -> str:
    """A frame page's source: the front matter a record page of this kind has (the article is set later)."""
    return f"---\ntitle: {FRAME_TITLE}\nhandbook_kind: {kind}\nhide:\n  - navigation\n---\n\n# {FRAME_TITLE}\n"


def _frame_toc() -> TableOfContents:
    top = AnchorLink(FRAME_TITLE, FRAME_ANCHOR, 1)
    top.children.append(AnchorLink(FRAME_TITLE + "-item", FRAME_ANCHOR + "-item", 2))
    return TableOfContents([top])


@dataclass
class Frame:
    """The theme's page around the records of one folder, split where one record's page differs from another's.

    parts alternates literal HTML (even places) and the name of what goes between (odd places)."""

    parts: list[str]
    page_url: str  # the frame's own address: the records' addresses replace it where it appears

    @classmethod
    def split(cls, output: str, toc_html: str, canonical: str | None, url: str) -> Frame:
        slots = {FRAME_CONTENT: "article", toc_html: "toc", f'href="#{FRAME_ANCHOR}"': "skip", FRAME_TITLE: "title"}
        if canonical:
            slots[canonical] = "canonical"
        pieces = re.split("(" + "|".join(re.escape(s) for s in sorted(slots, key=len, reverse=True)) + ")", output)
        parts = [piece if number % 2 == 0 else slots[piece] for number, piece in enumerate(pieces)]
        found = parts[1::2]
        if [found.count(name) for name in ("article", "toc", "skip")] != [1, 1, 1] or FRAME_TITLE in "".join(parts[::2]):
            raise RuntimeError(f"the theme's page could not be split into a frame for record pages ({url}): {found}")
        return cls(parts, url)

    @functools.cached_property
    def digest(self) -> str:
        return digest(self.parts)

    def fill(self, values: dict[str, str]) -> str:
        return "".join(part if number % 2 == 0 else values[part] for number, part in enumerate(self.parts))


@dataclass
class RecordPages:
    """Make record pages from the frames of the last mkdocs build and material's own table of contents."""

    frames: dict[str, Frame]  # record folder → frame
    toc_template: jinja2.Template
    toc_context: dict[str, Any]
    site_url: str | None

    def page(self, body: RecordBody) -> str:
        """Return a record's whole page: the frame of its folder with its title, contents and article."""
        frame = self.frames[body.src.split("/", 1)[0]]
        toc = get_toc(body.toc_tokens)  # type: ignore[arg-type]  # the tokens Python-Markdown would give it
        _clean_toc(toc)
        anchor = next(iter(toc)).id if len(toc) else ""
        values = {
            "title": html.escape(body.title, quote=True),  # what the front matter gave the theme, printed raw
            "skip": f'href="#{anchor}"',
            "toc": self.toc_template.render({**self.toc_context, "page": _TocOnly(toc)}),
            "article": body.html,
            "canonical": _canonical(self.site_url, page_url(body.src)) or "",
        }
        return frame.fill(values)

    def digest(self, src: str) -> str:
        """What a record page takes from its frame: when it changes (theme, navigation, settings), the page does."""
        return self.frames[src.split("/", 1)[0]].digest


@dataclass
class _TocOnly:
    toc: TableOfContents


def _canonical(site_url: str | None, url: str) -> str | None:
    """A page's canonical address as mkdocs computes it (Page._set_canonical_url)."""
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)


class HandbookPlugin(BasePlugin):
    """Make chapter HTML safe, keep table-of-contents titles as text, reuse compiled templates, report progress;
    render the record folders' frames (never written) and put the record pages into sitemap.xml."""

    def __init__(
        self, compiled: dict[str, bytes], on_page: Callable[[], None] | None = None,
        records: RecordSources | None = None,
    ) -> None:
        super().__init__()
        self.compiled = MemoryBytecodeCache(compiled)
        self.page_done = on_page
        self.records = records or RecordSources()
        self.nav: Navigation | None = None  # what the build used, kept for the preview
        self.env: jinja2.Environment | None = None
        self.files: Files | None = None
        self.frame_sources: dict[str, str] = {}  # frame docs path → record folder
        self.frames: dict[str, Frame] = {}
        self.record_files: list[File] = []

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files | None:
        self.record_files = []
        for src in self.records.pages:  # addresses to link to; mkdocs never builds an excluded file
            record = File.generated(config, src, content="", inclusion=InclusionLevel.EXCLUDED)
            files.append(record)
            self.record_files.append(record)
        for folder, kind in self.records.folders.items():
            name = next(f"{folder}/_frame{n or ''}.md" for n in range(len(files) + 1)
                        if files.get_file_from_path(f"{folder}/_frame{n or ''}.md") is None)
            files.append(File.generated(config, name, content=_frame_markdown(kind)))
            self.frame_sources[name] = folder
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        env.bytecode_cache = self.compiled  # keyed by template name and source: an edited template compiles again
        self.env, self.files = env, files
        return env

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri in self.frame_sources:
            return FRAME_CONTENT
        if page.meta.get("handbook_kind") == "chapter":
            return sanitise(html)
        return html

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if page.file.src_uri in self.frame_sources:
            page.toc = _frame_toc()
        _clean_toc(page.toc)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        folder = self.frame_sources.get(page.file.src_uri)
        if folder is not None:
            toc_html = self.toc_template().render({**self.toc_context(config), "page": page})
            self.frames[folder] = Frame.split(output, toc_html, page.canonical_url, page.url)
            return ""  # mkdocs writes nothing for an empty page
        if self.page_done is not None:
            self.page_done()
        return output

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext | None:
        if template_name == "sitemap.xml":  # the record pages where mkdocs would list them; no frame
            for record in self.record_files:
                if record.page is None:
                    Page(None, record, config)
            pages = [f for f in context["pages"] if f.src_uri not in self.frame_sources] + self.record_files
            context["pages"] = sorted(pages, key=file_sort_key)
        return context

    def toc_template(self) -> jinja2.Template:
        assert self.env is not None
        return self.env.get_template("partials/toc.html")

    def toc_context(self, config: MkDocsConfig) -> dict[str, Any]:
        """What material's partials/toc.html reads besides the page: the settings and the language's words."""
        assert self.env is not None
        lang = self.env.get_template("partials/language.html").make_module({"config": config})
        return {"config": config, "lang": lang}

    def record_pages(self, config: MkDocsConfig) -> RecordPages:
        return RecordPages(dict(self.frames), self.toc_template(), self.toc_context(config), config.site_url)


def _clean_toc(links: list[AnchorLink] | Any) -> None:
    """The theme prints TOC titles raw: keep them as escaped text whatever a heading held."""
    for link in links:
        link.title = html.escape(html.unescape(sanitise_text(link.title)), quote=False)
        _clean_toc(link.children)


def sanitise_text(fragment: str) -> str:
    return nh3.clean(fragment, tags=set(), clean_content_tags={"script", "style"})


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "'dirty' build" not in message:  # we build dirty on purpose, and only after checking it is safe
            self.messages.append(message)


@contextmanager
def _quiet_mkdocs() -> Iterator[_Collect]:
    """Keep mkdocs' INFO chatter off the terminal; collect its warnings to report them our way."""
    logger = logging.getLogger("mkdocs")
    collector = _Collect()
    saved = (logger.level, logger.propagate, list(logger.handlers))
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    logger.handlers = [collector]
    try:
        yield collector
    finally:
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


@dataclass
class _LastBuild:
    """What the last build of a site left in memory: enough to make a record's page again on its own."""

    config_text: bytes
    records: RecordSources
    pages: RecordPages


def last_record_pages(config_file: Path, session: Session) -> RecordPages | None:
    """The record page maker of the last build of this site, while its mkdocs.yml is the same (the preview's
    fast path for an edited record); None when there is none, and a whole build must follow instead."""
    last = session.mkdocs_sessions.get(config_file)
    if last is None or config_file.read_bytes() != last.config_text:
        return None
    return last.pages


def last_record_sources(config_file: Path, session: Session) -> RecordSources | None:
    last = session.mkdocs_sessions.get(config_file)
    return None if last is None else last.records


def run_mkdocs(
    config_file: Path, session: Session, *, dirty: bool, records: RecordSources,
    on_page: Callable[[], None] | None = None, same_pages: bool = False,
) -> tuple[list[str], RecordPages]:
    """Build the site described by config_file; return mkdocs' warnings and the maker of its record pages.

    records: the record pages (mkdocs links to them and lists them in the sitemap, but they are made by
    RecordPages.page). same_pages (a dirty build whose set of pages and navigation are as last time): the
    theme's static pages — 404.html and the sitemap — would come out as they are, so they are not rendered again.
    """
    session.mkdocs_sessions.pop(config_file, None)
    config_text = config_file.read_bytes()
    with _quiet_mkdocs() as collected:
        config: MkDocsConfig = load_config(config_file=str(config_file))
        plugin = config.plugins["handbook"] = HandbookPlugin(session.compiled_templates, on_page, records)
        if dirty and same_pages:
            site = Path(config.site_dir)
            skip_static_pages(config, lambda name: not (site / name).is_file())
        mkdocs_build(config, dirty=dirty)
    pages = plugin.record_pages(config)
    session.mkdocs_sessions[config_file] = _LastBuild(config_text, records, pages)
    return collected.messages, pages


def write_record_pages(
    pages: RecordPages, bodies: Callable[[Entry], RecordBody], entries: list[Entry], site_dir: Path,
    unchanged: Callable[[Entry, str], bool], on_page: Callable[[], None] | None = None,
) -> list[str]:
    """Write the page of every record whose inputs or frame changed; return the work folder's files written.

    unchanged(entry, frame digest) says the page on disk was made from the same record and frame. A page
    whose bytes come out the same is left alone (its mtime too: publishing then links it, not copies it)."""
    written = []
    for entry in entries:
        target = site_dir / page_url(entry.src) / "index.html"
        made_again = not (unchanged(entry, pages.digest(entry.src)) and target.is_file())
        if made_again and write_page(target, pages.page(bodies(entry))):
            written.append(target.relative_to(site_dir.parent).as_posix())
        if on_page is not None:
            on_page()
    return written


def write_page(target: Path, text: str) -> bool:
    """Write a record page unless the same bytes are there already (its mtime then stays); say if written."""
    data = text.encode("utf-8", errors="xmlcharrefreplace")  # as mkdocs writes a page
    if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
        return False
    replace_page(target, data)
    return True


def replace_page(target: Path, data: bytes) -> None:
    """Write a record page as a new file, never into the old one: a published site may share the old
    one's bytes (a hard link, generator/site/publish.py), and must not change with it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fresh = target.with_name(target.name + ".new")
    fresh.write_bytes(data)
    os.replace(fresh, target)
