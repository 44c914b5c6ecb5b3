"""The whole pipeline in one screen: load → validate → browser search → documents → similar reviews → pages.

Phase one gathers and validates every record and proofreads every document spec; no tool runs and
nothing is written unless all of it is sound.
Phase two writes each output into a temporary place and swaps it in whole (generator/atomic.py).
The site sees only ``content.for_audience(audience)``: nothing above the edition reaches any page,
download or search file of it. The command-line search index (build/index) is not built here: the first
`handbook search` after a change brings it up to date, so a build pays only for what the site shows.
Both cores work: similar reviews in a forked copy of this process (generator/beside.py) while this one
stages the search entries, then Pagefind (a process of its own) while this one makes the pages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.beside import Beside
from generator.cache import DOCUMENTS, CacheFile, cache_folder
from generator.errors import Problem
from generator.load import Content, load_content
from generator.model.records import DOCUMENT_TYPE_NAMES
from generator.search import similar_ids
from generator.session import Session
from generator.site import SiteResult
from generator.site.edition import edition_build
from generator.site.model import Download
from generator.site.progress import BuildProgress

SIMILAR_ASKED = 8  # related reviews asked of the search stage; the site shows 3–5, earlier ones first


@dataclass
class BuildPaths:
    """Where one build writes: all under the content root's build/ unless --out says otherwise."""

    root: Path
    site: Path

    @property
    def documents(self) -> Path:
        return self.root / "build" / "documents"

    @property
    def index(self) -> Path:
        return self.root / "build" / "index"

    @classmethod
    def for_root(cls, root: Path, out: Path | None = None) -> BuildPaths:
        root = root.resolve()
        return cls(root, (out.absolute() if out else root / "build" / "site"))


@dataclass
class BuildReport:
    content: Content
    site: SiteResult
    notes: list[str] = field(default_factory=list)  # document proofreading warnings, mkdocs warnings


def build_handbook(
    root: Path,
    audience: str = "internal",
    out: Path | None = None,
    progress: BuildProgress | None = None,
    *,
    publish: bool = True,
    content: Content | None = None,
    session: Session | None = None,
) -> BuildReport:
    """Build documents, search index and the handbook site for readers up to `audience`.

    publish=False leaves the site in its work folder (the live preview serves it from there) and lets
    the browser search index follow a few seconds after the pages. content: the records as just loaded
    by load_content (the preview loads them once per save), else they are loaded here. session: what this
    process keeps between builds (the preview passes its own; default: a new one for this build).
    """
    keeps_session = session is not None  # what this build learns is wanted afterwards: no step in a copy
    session = session or Session()
    paths = BuildPaths.for_root(root, out)
    progress = progress or BuildProgress(enabled=False)
    notes: list[str] = []
    progress.stage("读取并检查记录")
    # Phase one: load, validate and proofread everything; raises ContentError before any tool runs or any write.
    if content is None:
        content = load_content(paths.root, cache_dir=cache_folder(paths.root), session=session)
    edition = content.for_audience(audience)  # the only records the site may show
    documents = _DocumentsRun.prepare(content, paths)  # proofreads every spec unless the last rendering holds
    # Phase two: each output written whole.
    with edition_build(edition, audience, session, progress=progress) as site_build:  # the edition's work folder, locked
        with progress.paused():  # similar reviews on the second core, until the record pages need them
            similar = Beside(_similar_reviews, content, edition, audience, paths, session, fork=not keeps_session)
        with similar:
            if publish:
                site_build.search_first()  # the browser's search index, while this process is small
            progress.stage("生成公文")
            downloads, templates = documents.render({i.id for i in edition.items}, notes)  # .docx, templates
            site = site_build.pages(  # the pages (they take the similar reviews last), the site swapped in whole
                paths.site if publish else None, related=similar.result, downloads=downloads, templates=templates,
                search_later=not publish,
            )
    return BuildReport(content, site, notes + site.warnings)


Rendering = tuple[list[Download], list[Download], list[tuple[str, str]]]  # downloads, templates, warnings


@dataclass
class _DocumentsRun:
    """The sample documents of one build: proofread in phase one, rendered (or reused) in phase two.

    They are rendered again only when a document spec or the documents code changed: the last rendering
    is kept under its key (DOCUMENTS in build/cache/documents.cache), and a one-record edit elsewhere
    reuses it. A kept rendering was proofread under the same code, so only a new one is proofread again.
    """

    content: Content
    paths: BuildPaths
    cache: CacheFile
    key: str
    known: Rendering | None
    proofread: dict[str, list[Problem]] | None

    @classmethod
    def prepare(cls, content: Content, paths: BuildPaths) -> _DocumentsRun:
        cache = CacheFile(DOCUMENTS.cache_file(cache_folder(paths.root)), DOCUMENTS.salt())
        key = DOCUMENTS.key(*(f"{item.id}:{item.display}:{item.digest}" for item in content.of_kind("document")))
        known = _known_documents(cache.get(RENDERING), key)
        if known is not None:  # the documents stage (python-docx and all) is not even imported
            return cls(content, paths, cache, key, known, None)
        from generator.documents import proofread_samples

        return cls(content, paths, cache, key, known, proofread_samples(content))

    def render(self, visible: set[str], notes: list[str]) -> tuple[list[Download], list[Download]]:
        """Every sample document (all audiences; the site offers only its edition's) and blank templates."""
        known = self.known
        if known is None:
            known = _render_documents(self.content, self.paths, self.proofread)
            downloads, templates, warnings = known
            self.cache.put(RENDERING, json.dumps({
                "key": self.key,
                "downloads": [_download_json(d) for d in downloads],
                "templates": [_download_json(t) for t in templates],
                "warnings": warnings,
            }, ensure_ascii=False))
            self.cache.save()
        # a document above the edition is not even named in the build's messages
        notes.extend(text for record_id, text in known[2] if record_id in visible)
        return known[0], known[1]


RENDERING = "rendering"  # the one entry of the documents cache: the last rendering, as JSON


def _download_json(download: Download) -> dict[str, str | None]:
    return {"key": download.key, "title": download.title, "docx": str(download.docx) if download.docx else None,
            "spec": str(download.spec) if download.spec else None, "docx_name": download.docx_name,
            "spec_name": download.spec_name}


def _known_documents(stored: str | None, key: str) -> Rendering | None:
    """The last rendering's downloads, when its key matches and every file it wrote is still there."""
    try:
        data = json.loads(stored or "")
        if data["key"] != key:
            return None
        downloads, templates = (
            [Download(d["key"], d["title"], Path(d["docx"]), Path(d["spec"]) if d["spec"] else None,
                      docx_name=d["docx_name"], spec_name=d["spec_name"]) for d in data[part]]
            for part in ("downloads", "templates")
        )
        warnings = [(record_id, text) for record_id, text in data["warnings"]]
    except (ValueError, KeyError, TypeError):
        return None
    if not all(d.docx and d.docx.is_file() for d in downloads + templates):
        return None
    return downloads, templates, warnings


def _render_documents(content: Content, paths: BuildPaths, proofread: dict[str, list[Problem]] | None) -> Rendering:
    downloads, warnings = [], []
    from generator.documents import TEMPLATES_SUBDIR, render_sample_documents

    for built in render_sample_documents(content, paths.documents, proofread):
        downloads.append(Download(built.id, built.title, Path(built.docx), Path(built.spec)))
        warnings += [(built.id, str(warning)) for warning in built.warnings]
    templates = []
    for blank in sorted((paths.documents / TEMPLATES_SUBDIR).glob("*.dot*")):
        name = DOCUMENT_TYPE_NAMES.get(blank.stem, blank.stem)
        templates.append(Download(blank.stem, f"{name}（空白模板）", blank, None, docx_name=blank.name))
    return downloads, templates, warnings


def _similar_reviews(
    content: Content, edition: Content, audience: str, paths: BuildPaths, session: Session
) -> dict[str, list[str]]:
    """Each review's similar reviews in this edition, from the records' text (kept between builds)."""
    reviews = [item.id for item in edition.of_kind("review")]
    return similar_ids(content, reviews, SIMILAR_ASKED, audience, paths.index, session=session)
