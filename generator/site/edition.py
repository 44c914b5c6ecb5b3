"""Build one audience edition of the handbook site: gather → render Markdown → mkdocs ∥ Pagefind → swap in.

The Markdown, mkdocs' output and the search index live in a work folder per edition
(``build/.site-work/<audience>``) that survives between builds: unchanged Markdown is not rewritten,
so mkdocs' dirty build re-renders only the pages that changed, and Pagefind runs only when a record's
searchable text changed — in its own process, alongside mkdocs. The finished site reaches ``--out``
whole, in one swap (generator/site/publish.py), so readers only ever see a whole old or a whole new site.
A build that fails part-way leaves no stamp in the work folder, and the next one starts clean.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import marshal
import os
import shutil
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic import atomic_write_bytes, output_lock
from generator.cache import SITE, cache_folder, digest
from generator.load import Content
from generator.session import Session
from generator.site import browser_search
from generator.site.chapters import ChapterLinks, summary
from generator.site.gitdates import last_updated
from generator.site.markdown import TEMPLATES, Renderer
from generator.site.mkdocs_site import (
    RecordPages,
    RecordSources,
    config_text,
    mkdocs_config,
    run_mkdocs,
    write_record_pages,
)
from generator.site.model import (
    Download,
    Entry,
    SiteModel,
    gather_records,
    link_lessons,
    link_similar,
    offer_downloads,
    page_url,
)
from generator.site.page_keys import RECORD_KEYS, KeyFile, code_digest, page_key
from generator.site.progress import BuildProgress
from generator.site.publish import SPARE, publish, start_spare, stop

Related = dict[str, list[str]] | Callable[[], dict[str, list[str]]]  # each review's similar reviews, by id
ASSETS = TEMPLATES / "assets"
ASSET_FOLDER = "assets/handbook"


@dataclass
class SiteResult:
    """What one edition's build did (for messages, tests and the benchmark)."""

    out: Path
    pages: int
    changed: list[str]  # files of the docs folder written because they changed (docs/…)
    removed: int
    dirty: bool  # mkdocs rebuilt only changed pages
    indexed: bool  # Pagefind ran (its input changed)
    warnings: list[str] = field(default_factory=list)  # mkdocs' warnings, as "警告：…" lines
    model: SiteModel | None = None  # what the pages showed (the preview re-renders an edited record from it)

    @property
    def written(self) -> int:
        return len(self.changed)


def work_folder(root: Path, audience: str) -> Path:
    return root / "build" / ".site-work" / audience


def build_edition_site(
    edition: Content,
    audience: str,
    out: Path | None,
    *,
    related: dict[str, list[str]] | None = None,
    downloads: list[Download] | None = None,
    templates: list[Download] | None = None,
    progress: BuildProgress | None = None,
    work: Path | None = None,
    search_later: bool = False,
    session: Session | None = None,
) -> SiteResult:
    """Build the site of one edition (content already filtered to audience) into out, atomically.

    With out None the site stays in the work folder (``work/site``), for the live preview, which also
    passes search_later: the pages are ready at once and Pagefind's new index follows a few seconds later.
    session: what the process keeps between builds (default: a new one for this build).
    """
    session = session or Session()
    with edition_build(edition, audience, session, work=work, progress=progress) as run:
        return run.pages(out, related=related, downloads=downloads, templates=templates, search_later=search_later)


@contextmanager
def edition_build(
    edition: Content, audience: str, session: Session, *, work: Path | None = None,
    progress: BuildProgress | None = None,
) -> Iterator[EditionBuild]:
    """Hold the edition's work folder for one build (a second build waits its turn)."""
    work = work or work_folder(edition.root, audience)
    _wait_for_search(session, work)
    with output_lock(work):
        run = EditionBuild(edition, audience, work, progress or BuildProgress(enabled=False), session)
        try:
            yield run
        finally:
            run.site_ready.set()  # a build that failed before its pages must not leave Pagefind's thread waiting
            stop(run.linking)


class EditionBuild:
    """One edition's site build: optionally the browser's search index first, then the pages.

    `handbook build` stages the search entries first (search_first) and lets Pagefind, a process of
    its own, index them on the second core while this one computes similar reviews and renders the
    pages; its index joins the site when mkdocs is done.
    """

    def __init__(self, edition: Content, audience: str, work: Path, progress: BuildProgress, session: Session) -> None:
        self.edition, self.audience, self.work, self.progress = edition, audience, work, progress
        self.session = session
        self.compiled = _CompiledTemplates(session, work)
        self.updated = last_updated(edition.root)
        self.site_ready = threading.Event()
        self.staged: browser_search.Staged | None = None
        self.site: SiteModel | None = None  # the records as search_first gathered them, for the pages too
        self.indexing: concurrent.futures.Future[bool] | None = None
        self.linking: subprocess.Popen[bytes] | None = None  # a spare for publishing, made beside the pages

    def search_first(self) -> None:
        """Stage every record's search entry and start Pagefind on them (the pages are made meanwhile)."""
        self.progress.stage("检索索引（准备）")
        self.site = self._records()
        self._start_search(self.site)

    def _records(self) -> SiteModel:
        return gather_records(self.edition, self.audience, updated=self.updated, cache=cache_folder(self.edition.root))

    def _start_search(self, site: SiteModel) -> None:
        self.staged = browser_search.stage(site, self.work)
        self.indexing = self.session.pagefind().submit(_index_search, self.work, self.staged, self.site_ready)
        self.session.pending_search[self.work] = self.indexing

    def pages(
        self,
        out: Path | None,
        *,
        related: Related | None = None,
        downloads: list[Download] | None = None,
        templates: list[Download] | None = None,
        search_later: bool = False,
    ) -> SiteResult:
        """Render the pages, run mkdocs, put the search index in, and publish to out (None: stay in work).

        related: each review's similar reviews, or a function that gives them; it is called after mkdocs,
        just before the record pages (nothing else shows them), so that a step computing them beside this
        process has as long as possible to finish."""
        edition, audience, work, progress = self.edition, self.audience, self.work, self.progress
        if out is not None:
            self.linking = start_spare(out, work / SPARE)
        progress.stage("整理记录")
        site = self.site or self._records()
        link_lessons(site, cache_folder(edition.root))
        offer_downloads(site, downloads or [], templates or [])
        salt = code_digest(edition.root)
        page_keys = KeyFile(work / "page-keys.cache", salt)
        record_keys = KeyFile(work / RECORD_KEYS, salt)
        renderer, files = _render(site, progress, page_keys, work / "docs", self.session.compiled_templates)
        if self.staged is None:
            progress.stage("检索索引（准备）")
            self._start_search(site)
        assert self.staged is not None and self.indexing is not None
        files[f"docs/{ASSET_FOLDER}/t2s.json"] = browser_search.character_table(
            self.staged.characters, cache_folder(edition.root)).encode()
        settings = mkdocs_config(
            edition.config, edition.config.editions.get(audience, audience), has_habits=bool(site.habits)  # type: ignore[call-overload]
        )
        mkdocs_yml = files["mkdocs.yml"] = config_text(settings).encode()

        stamp_path = work / "mkdocs.stamp"
        stamp = _stamp(mkdocs_yml, salt)
        dirty = stamp_path.is_file() and stamp_path.read_text() == stamp and (work / "site").is_dir()
        stamp_path.unlink(missing_ok=True)  # an interrupted build leaves no stamp: the next one starts clean
        if not dirty:
            shutil.rmtree(work / "site", ignore_errors=True)
        written, added, removed = _sync(work, files)
        records = renderer.records()
        sources = RecordSources.of(records)
        removed += sorted(set(record_keys.old) - set(sources.pages))  # records gone since the last build
        same_pages = not removed and not any(name.endswith(".md") for name in added) and set(record_keys.old) == set(
            sources.pages)
        for stale in removed:
            _remove_output(work / "site", stale)

        # Pagefind is a process of its own: it indexes on the second core while mkdocs renders on this one.
        pages = sum(1 for name in files if name.endswith(".md")) + len(records)
        progress.stage("生成网页", total=None if dirty else pages)
        try:
            warnings, record_pages = run_mkdocs(
                work / "mkdocs.yml", self.session, dirty=dirty, records=sources, on_page=progress.advance,
                same_pages=same_pages,
            )
            # only the record pages, made from here on, show similar reviews: a step beside this one has
            # had all of mkdocs' time to finish them
            link_similar(site, related() if callable(related) else related)
            written += _record_pages(renderer, record_pages, records, work / "site", record_keys, progress)
        finally:
            self.site_ready.set()
        progress.stage("检索索引（Pagefind）")
        indexed = self.staged.changed if search_later else self.indexing.result()
        stamp_path.write_text(stamp)
        page_keys.save()
        self.compiled.save()
        record_keys.save()

        if out is not None:
            progress.stage("写入网站")
            publish(work / "site", out, work / SPARE, {f"{page_url(src)}index.html" for src in sources.pages},
                    changed=bool(written or removed or indexed) or not dirty, linking=self.linking)
        notes = [f"警告：mkdocs：{message}" for message in warnings]
        return SiteResult(out or work / "site", pages, written, len(removed), dirty, indexed, notes, site)


class _CompiledTemplates:
    """The Jinja templates compiled by the last build (the theme's and ours), kept in the work folder.

    A new process would otherwise compile every template again, a good part of a one-record rebuild.
    The bytes are marshal data (never code run on loading); Jinja itself checks each one against its
    template's source and its own version before use, and compiles again when they differ."""

    FILE = "compiled-templates.cache"

    def __init__(self, session: Session, work: Path) -> None:
        self.session, self.path = session, work / self.FILE
        compiled = session.compiled_templates
        if not compiled:  # a preview keeps them in its session already
            with contextlib.suppress(OSError, ValueError, EOFError, TypeError):
                kept = marshal.loads(self.path.read_bytes())
                if isinstance(kept, dict):
                    compiled.update((k, v) for k, v in kept.items() if isinstance(k, str) and isinstance(v, bytes))
        self.known = dict(compiled)

    def save(self) -> None:
        """Write them back when this build compiled any template anew."""
        if self.session.compiled_templates != self.known:
            atomic_write_bytes(self.path, marshal.dumps(dict(self.session.compiled_templates)))
            self.known = dict(self.session.compiled_templates)


def _index_search(work: Path, staged: browser_search.Staged, site_ready: threading.Event) -> bool:
    """Run Pagefind on the batches whose records' search text changed, then put the index into the site mkdocs made."""
    indexed = browser_search.write_index(work, staged, second_core=site_ready)
    site_ready.wait()  # a clean mkdocs build empties the site folder first
    linked = work / "site" / browser_search.PAGEFIND_FOLDER
    if indexed or not linked.is_dir():  # otherwise it already links to this very index
        _link_tree(work / browser_search.PAGEFIND_FOLDER, linked)
    staged.keys.save()  # only now is the staging folder known to match the index
    return indexed


def _wait_for_search(session: Session, work: Path) -> None:
    """Let the previous build's Pagefind run finish before this build touches the work folder."""
    pending = session.pending_search.pop(work, None)
    if pending is not None:
        # A failure there left no search keys behind, so this build stages and indexes everything again.
        concurrent.futures.wait([pending])


def _link_tree(source: Path, target: Path) -> None:
    """Replace target with hard links to source's files (instant; neither side is ever edited in place)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, copy_function=os.link)


def _render(
    site: SiteModel, progress: BuildProgress, keys: KeyFile, docs: Path, compiled: dict[str, bytes]
) -> tuple[Renderer, dict[str, bytes | None]]:
    """Return the renderer and every file of the docs folder (Markdown, assets, downloads) by its path in the
    work folder. Record pages are not among them: they are made after mkdocs (_record_pages).

    A page whose inputs are the same as last time is not rendered again: its value is None, and the
    Markdown already in docs is kept."""
    chapters = site.chapters
    extra = {"chapter_summaries": {e.id: summary(e) for e in chapters}}
    renderer = Renderer(site, site.content.root, extra, keys=keys, docs=docs, compiled=compiled)
    links = ChapterLinks(site)
    progress.stage("渲染 Markdown")
    files: dict[str, bytes | None] = {}
    for src, text in renderer.pages(links.body):
        files[f"docs/{src}"] = None if text is None else text.encode("utf-8")
        progress.advance()
    for asset in sorted(ASSETS.iterdir()):
        if asset.is_file():
            files[f"docs/{ASSET_FOLDER}/{asset.name}"] = asset.read_bytes()
    for download in site.downloads:
        if download.docx and download.docx_name:
            files[f"docs/downloads/{download.docx_name}"] = download.docx.read_bytes()
        if download.spec and download.spec_name:
            files[f"docs/downloads/{download.spec_name}"] = download.spec.read_bytes()
    for template in site.templates:
        if template.docx:
            files[f"docs/downloads/templates/{template.docx_name}"] = template.docx.read_bytes()
    return renderer, files


def _record_pages(
    renderer: Renderer, pages: RecordPages, records: list[Entry], site_dir: Path, keys: KeyFile,
    progress: BuildProgress,
) -> list[str]:
    """Write the record pages whose record, neighbours or frame changed since the last build."""

    def unchanged(entry: Entry, frame: str) -> bool:
        key = digest([page_key(entry), frame])
        keys.remember(entry.src, key)
        return keys.unchanged(entry.src, key) is not None

    return write_record_pages(pages, renderer.record_body, records, site_dir, unchanged, progress.advance)


def _stamp(mkdocs_yml: bytes, keys_salt: str) -> str:
    """Everything besides the Markdown that shapes the HTML: when it changes, mkdocs rebuilds every page.

    The site code and its templates (overrides included) are in SITE's salt; mkdocs.yml, the salt of the
    page keys (a content root's own templates: when they change, no record page on disk is trusted, and a
    clean build also leaves no page of a removed record) and the versions of mkdocs and the theme are added."""
    import material
    import mkdocs

    return SITE.salt(digest([mkdocs_yml, keys_salt.encode()]), f"mkdocs {mkdocs.__version__}",
                     f"material {getattr(material, '__version__', '')}")


def _sync(work: Path, files: dict[str, bytes | None]) -> tuple[list[str], list[str], list[str]]:
    """Write the files that changed and delete the ones no longer wanted; untouched files keep their mtime.

    A file given as None is known to be current and is left as it is. Returns the names written, the
    names of those that are new, and the docs paths removed."""
    written, added = [], []
    for name, data in files.items():
        target = work / name
        if data is None:
            continue
        exists = target.is_file()
        if exists and target.stat().st_size == len(data) and target.read_bytes() == data:
            continue
        if not exists:
            added.append(name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        written.append(name)
    removed = []
    docs = work / "docs"
    if docs.is_dir():
        for path in sorted(docs.rglob("*")):
            name = path.relative_to(work).as_posix()
            if path.is_file() and name not in files:
                path.unlink()
                removed.append(name[len("docs/"):])
    return written, added, removed


def _remove_output(site_dir: Path, src: str) -> None:
    """Delete what mkdocs made from a docs file that is gone (a dirty build never deletes anything)."""
    if src.endswith(".md"):
        target = site_dir / page_url(src) / "index.html"
        target.unlink(missing_ok=True)
        for folder in (target.parent, *target.parent.parents):
            if folder == site_dir or not folder.is_dir() or any(folder.iterdir()):
                break
            folder.rmdir()
    else:
        (site_dir / src).unlink(missing_ok=True)
