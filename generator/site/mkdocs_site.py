"""Write mkdocs.yml for one edition and run the mkdocs-material build in this process.

The navigation lists only the top-level listing pages: mkdocs writes the whole navigation into every
page, so a navigation holding every record grows the site with the square of its size (about
300 MB for 1,000 records when measured). Records are reached through the listings and search.
mkdocs-material's own search plugin is off: Pagefind replaces it, and its search_index.json would
be one more file to keep free of records above the edition.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import nh3
import yaml
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.templates import TemplateContext

from generator.adapters.mkdocs_private import can_render_single_pages, render_page, skip_static_pages
from generator.model.records import SiteConfig
from generator.session import Session
from generator.site.chapters import sanitise
from generator.site.markdown import TEMPLATES

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


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in the session (session.compiled_templates): a preview builds again
    on every save, and compiling mkdocs-material's templates anew would take most of a one-page rebuild."""

    def __init__(self, compiled: dict[str, bytes]) -> None:
        self.compiled = compiled

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class HandbookPlugin(BasePlugin):
    """Make chapter HTML safe, keep table-of-contents titles as text, reuse compiled templates, report progress."""

    def __init__(self, compiled: dict[str, bytes], on_page: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.compiled = _MemoryBytecodeCache(compiled)
        self.page_done = on_page
        self.nav: Navigation | None = None  # what the build used, kept for render_pages
        self.env: jinja2.Environment | None = None
        self.files: Files | None = None

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        self.nav = nav
        return nav

    def on_env(self, env: jinja2.Environment, /, *, config: MkDocsConfig, files: Files) -> jinja2.Environment | None:
        env.bytecode_cache = self.compiled  # keyed by template name and source: an edited template compiles again
        self.env, self.files = env, files
        return env

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.meta.get("handbook_kind") == "chapter":
            return sanitise(html)
        return html

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        _clean_toc(page.toc)
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.page_done is not None:
            self.page_done()
        return output


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
    """What the last build of a site left in memory: enough to render one page again on its own."""

    config_text: bytes
    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment


def render_pages(config_file: Path, sources: list[str], session: Session) -> bool:
    """Render these docs pages again with the last build's files, navigation and theme (the preview's
    fast path for an edited record). Return False when that is not possible; a whole build then follows."""
    last = session.mkdocs_sessions.get(config_file)
    if last is None or not can_render_single_pages() or config_file.read_bytes() != last.config_text:
        return False
    pages = []
    for source in sources:
        file = last.files.get_file_from_path(source)
        if file is None or file.page is None:
            return False
        pages.append(file.page)
    try:
        with _quiet_mkdocs():
            for page in pages:
                if not render_page(page, last.config, last.files, last.nav, last.env):
                    return False
    except Exception:  # noqa: BLE001 - the whole build that follows reports any real problem
        return False
    return True


def run_mkdocs(
    config_file: Path, session: Session, *, dirty: bool, on_page: Callable[[], None] | None = None,
    same_pages: bool = False,
) -> list[str]:
    """Build the site described by config_file; return mkdocs' warnings.

    same_pages (a dirty build whose set of pages and navigation are as last time): the theme's static
    pages — 404.html and the sitemap — would come out as they are, so they are not rendered again.
    """
    session.mkdocs_sessions.pop(config_file, None)
    config_text = config_file.read_bytes()
    with _quiet_mkdocs() as collected:
        config: MkDocsConfig = load_config(config_file=str(config_file))
        plugin = config.plugins["handbook"] = HandbookPlugin(session.compiled_templates, on_page)
        if dirty and same_pages:
            site = Path(config.site_dir)
            skip_static_pages(config, lambda name: not (site / name).is_file())
        mkdocs_build(config, dirty=dirty)
    if plugin.nav is not None and plugin.env is not None and plugin.files is not None:
        session.mkdocs_sessions[config_file] = _LastBuild(config_text, config, plugin.files, plugin.nav, plugin.env)
    return collected.messages
