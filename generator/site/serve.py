"""`handbook serve`: build the edition, serve it on 127.0.0.1, and rebuild what changed on every save.

The preview serves the edition's work folder directly (no copy), so a save re-renders only the
Markdown that changed, mkdocs re-renders only those pages, and Pagefind runs only when searchable
text changed. mkdocs' LiveReloadServer watches the content and reloads open pages after a rebuild.

The editor (generator/authoring/editor.py) sits in front of the server: it adds 编辑 and 新建 to the
pages served here, and after a save that fails the checks (in the browser or in a text editor) shows
the messages over every page until the next good save.

A save that edits a few existing records takes a fast path first: those records' pages are made
again on their own — the article from its HTML template, with the neighbours, tags and similar reviews of
the last build, in the theme's frame the last build kept (generator/site/mkdocs_site.py) — and open
browsers reload. The whole incremental build follows at once
(search index, similar reviews, listings, Pagefind) and reloads them again if anything else changed.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

from mkdocs.livereload import LiveReloadServer

from generator.adapters import mkdocs_private
from generator.atomic import output_lock
from generator.authoring.editor import Editor
from generator.build import BuildReport, build_handbook
from generator.cache import cache_folder
from generator.errors import ContentError, Problem
from generator.load import Content, Item, load_content
from generator.model.kinds import kind_of
from generator.search.text import words
from generator.session import Session
from generator.site.edition import work_folder
from generator.site.markdown import Renderer, is_record_page
from generator.site.mkdocs_site import last_record_pages, last_record_sources, run_mkdocs, write_page
from generator.site.page_keys import RECORD_KEYS, KeyFile, code_digest

HOST = "127.0.0.1"


class Preview:
    """One edition's live preview: the last build's report, and a rebuild per save.

    One Session holds what the preview keeps between saves: the records loaded last time, mkdocs' last
    build and compiled templates, the Pagefind run still going."""

    FAST_PATH_MAX = 5  # more edited records than this at once (a pull, a search-and-replace): whole build only

    def __init__(self, root: Path, audience: str) -> None:
        self.root, self.audience = root, audience
        self.work = work_folder(root, audience)
        self.session = Session()
        self.last: BuildReport | None = None
        self.server: LiveReloadServer | None = None
        self.failed: list[Problem] = []  # the last save's problems, shown over every page until a good save
        self._builds = threading.Condition()  # editors wait on it for the rebuild after their save
        self._started = self._finished = 0

    def load(self) -> Content:
        return load_content(self.root, cache_dir=cache_folder(self.root), session=self.session)  # raises on bad content

    def build(self, content: Content | None = None) -> BuildReport:
        content = self.load() if content is None else content
        self.last = build_handbook(self.root, self.audience, publish=False, content=content, session=self.session)
        return self.last

    def rebuild(self) -> None:
        with self._builds:
            self._started += 1
            number = self._started
        try:
            self._rebuild()
        finally:
            with self._builds:
                self._finished = number
                self._builds.notify_all()

    def _rebuild(self) -> None:
        started = time.monotonic()
        try:
            content = self.load()
            shown = self.edited_pages_first(content)
            if shown:
                self._reload_browsers()
                print(f"已显示修改的页面：{'、'.join(shown)}，用时 {time.monotonic() - started:.1f} 秒", file=sys.stderr)
            report = self.build(content)
            if shown and report.site.written:
                self._reload_browsers()  # the whole build changed more pages (listings, similar reviews)
        except ContentError as error:
            self.failed = list(error.problems)
            for problem in error.problems:
                print(problem, file=sys.stderr)
            print("内容有误，预览保持上一次的结果；改正后保存即可。", file=sys.stderr)
            return
        self.failed = []
        for note in report.notes:
            print(note, file=sys.stderr)
        print(f"已更新：改动 {report.site.written} 个文件，用时 {time.monotonic() - started:.1f} 秒", file=sys.stderr)

    def edited_pages_first(self, content: Content | None = None) -> list[str]:
        """Render the pages of the few records edited since the last build; return their titles.

        Nothing is done (an empty list) when records were added, removed or moved between audiences,
        the site settings changed, or many records changed: the whole build that follows does it all."""
        last = self.last
        if last is None or last.site.model is None:
            return []
        content = self.load() if content is None else content
        before = {item.id: item for item in last.content.items}
        now = {item.id: item for item in content.items}
        if before.keys() != now.keys() or content.config != last.content.config:
            return []
        edited = [item for record_id, item in now.items() if item.digest != before[record_id].digest]
        if not edited or len(edited) > self.FAST_PATH_MAX:
            return []
        site = last.site.model
        pages = last_record_pages(self.work / "mkdocs.yml", self.session)
        if pages is None:
            return []
        entries = {entry.id: entry for entry in site.entries}
        renderer = Renderer(site, self.root, compiled=self.session.compiled_templates)
        sources = []
        with output_lock(self.work):
            for item in edited:
                entry = entries.get(item.id)
                if entry is None or not item.visible_to(self.audience) or item.audience != before[item.id].audience:
                    continue  # not in this edition, or leaving it: only the whole build may change that
                if not is_record_page(kind_of(entry.kind)):
                    return []  # a chapter: chapters link to each other, so the whole build renders them
                text = pages.page(renderer.record_body(replace(entry, item=item)))
                if write_page(self.work / "site" / entry.url / "index.html", text):
                    sources.append((entry.src, item.title))
            if sources:  # these pages no longer show what the last build made them from
                KeyFile(self.work / RECORD_KEYS, code_digest(self.root)).forget({src for src, _ in sources})
        return [title for _, title in sources]

    # What the editor asks of the preview.
    def record_pages(self) -> dict[str, tuple[str, str]]:
        """The URL path of each record's page in this edition → (record id, kind)."""
        model = self.last.site.model if self.last else None
        return {"/" + entry.url: (entry.id, entry.kind) for entry in (model.entries if model else [])}

    def record(self, record_id: str) -> Item | None:
        """A record of this edition, as last loaded."""
        item = self.last.content.by_id().get(record_id) if self.last else None
        return item if item is not None and item.visible_to(self.audience) else None

    def builds_started(self) -> int:
        with self._builds:
            return self._started

    def wait_for_build(self, after: int, timeout: float) -> None:
        """Wait until a rebuild that started after the `after`-th one has finished."""
        with self._builds:
            self._builds.wait_for(lambda: self._finished > after, timeout=timeout)

    def _reload_browsers(self) -> None:
        """Tell open pages to reload now (mkdocs' server also holds page requests back until then)."""
        mkdocs_private.reload_browsers(self.server)


def _warm_up(work: Path, session: Session) -> None:
    """Load now what the first save would otherwise wait for: jieba's dictionary (the search index
    splits the edited record into words) and mkdocs-material's compiled templates (kept in memory)."""
    words("预览")
    home = work / "docs" / "index.md"
    records = last_record_sources(work / "mkdocs.yml", session)  # what the first build linked to
    if home.is_file() and records is not None:
        os.utime(home)  # the home page's Markdown is unchanged: mkdocs renders the same page again
        run_mkdocs(work / "mkdocs.yml", session, dirty=True, records=records, same_pages=True)


def serve(root: Path, audience: str, port: int) -> int:
    """Serve a live preview until interrupted; content errors are printed and the last good site stays."""
    root = root.resolve()
    preview = Preview(root, audience)
    report = preview.build()  # a first build that fails is an error (exit 1)
    _warm_up(preview.work, preview.session)
    server = LiveReloadServer(builder=preview.rebuild, host=HOST, port=port, root=str(preview.work / "site"))
    server.set_app(Editor(preview, port).wrap(server.serve_request))
    preview.server = server
    for watched in (root / "content", root / "site_config.yml", root / "templates"):
        if watched.exists():
            server.watch(str(watched))
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    edition = report.content.config.editions.get(audience, audience)  # type: ignore[call-overload]
    print(f"预览{edition}：http://{HOST}:{port}/  （保存记录后自动刷新；页面右下角“编辑”“新建”可在浏览器中修改记录；Ctrl+C 结束）",
          file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        preview.session.wait_for_search()  # the last save's Pagefind run finishes its index
    return 0
