"""The whole pipeline in one screen: load → validate → browser search → documents → similar reviews → pages.

Phase one gathers and validates every record; nothing is written unless all of it is sound.
Phase two writes each output into a temporary place and swaps it in whole (generator/atomic.py).
The site sees only ``content.for_audience(audience)``: nothing above the edition reaches any page,
download or search file of it. The command-line search index (build/index) is not built here: the first
`handbook search` after a change brings it up to date, so a build pays only for what the site shows.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.atomic import atomic_write_bytes
from generator.documents import TEMPLATES_SUBDIR, build_samples
from generator.load import Content, load_content
from generator.model.records import DOCUMENT_TYPE_NAMES
from generator.search import related_many
from generator.site import SiteResult
from generator.site.builder import edition_build
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


def build(
    root: Path,
    audience: str = "internal",
    out: Path | None = None,
    progress: BuildProgress | None = None,
    *,
    publish: bool = True,
    content: Content | None = None,
) -> BuildReport:
    """Build documents, search index and the handbook site for readers up to `audience`.

    publish=False leaves the site in its work folder (the live preview serves it from there) and lets
    the browser search index follow a few seconds after the pages. content: the records as just loaded
    by load_content (the preview loads them once per save), else they are loaded here.
    """
    paths = BuildPaths.for_root(root, out)
    progress = progress or BuildProgress(enabled=False)
    notes: list[str] = []
    progress.stage("读取并检查记录")
    if content is None:  # 1. load and validate everything (raises before any write)
        content = load_content(paths.root, cache_dir=paths.root / "build" / "cache")
    edition = content.for_audience(audience)  # the only records the site may show
    with edition_build(edition, audience, progress=progress) as site_build:  # the edition's work folder, locked
        if publish:
            site_build.search_first()  # 2. the browser's search index, while this process is small
        progress.stage("生成公文")
        downloads, templates = _documents(content, {i.id for i in edition.items}, paths, notes)  # 3. .docx, templates
        progress.stage("相似总结")
        related = _similar_reviews(content, edition, audience, paths)  # 4. similar reviews
        site = site_build.pages(  # 5. the pages, the site swapped in whole
            paths.site if publish else None, related=related, downloads=downloads, templates=templates,
            search_later=not publish,
        )
    return BuildReport(content, site, notes + site.warnings)


def _documents(
    content: Content, visible: set[str], paths: BuildPaths, notes: list[str]
) -> tuple[list[Download], list[Download]]:
    """Render every sample document (all audiences; the site offers only its edition's) and blank templates.

    They are rendered again only when a document spec or the documents code changed: the key of the last
    rendering is kept beside them (build/cache/documents.json), and a one-record edit elsewhere reuses them.
    """
    key = _documents_key(content)
    stamp = paths.root / "build" / "cache" / "documents.json"
    known = _known_documents(stamp, key)
    if known is None:
        downloads, templates, warnings = _render_documents(content, paths)
        known = (downloads, templates, warnings)
        stamp.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(stamp, json.dumps({
            "key": key,
            "downloads": [_download_json(d) for d in downloads],
            "templates": [_download_json(t) for t in templates],
            "warnings": warnings,
        }, ensure_ascii=False).encode())
    # a document above the edition is not even named in the build's messages
    notes.extend(text for record_id, text in known[2] if record_id in visible)
    return known[0], known[1]


def _documents_key(content: Content) -> str:
    """Digest of every document spec and of the code and templates that render them."""
    code = Path(__file__).resolve().parent / "documents"
    parts = [f"{item.id}:{item.display}:{item.digest}" for item in content.of_kind("document")]
    parts += [f"{p.name}:{hashlib.blake2b(p.read_bytes()).hexdigest()}" for p in sorted(code.rglob("*")) if p.is_file()]
    return hashlib.blake2b("\0".join(parts).encode()).hexdigest()


def _download_json(download: Download) -> dict[str, str | None]:
    return {"key": download.key, "title": download.title, "docx": str(download.docx) if download.docx else None,
            "spec": str(download.spec) if download.spec else None, "docx_name": download.docx_name,
            "spec_name": download.spec_name}


def _known_documents(
    stamp: Path, key: str
) -> tuple[list[Download], list[Download], list[tuple[str, str]]] | None:
    """The last rendering's downloads, when its key matches and every file it wrote is still there."""
    try:
        data = json.loads(stamp.read_bytes())
        if data["key"] != key:
            return None
        downloads, templates = (
            [Download(d["key"], d["title"], Path(d["docx"]), Path(d["spec"]) if d["spec"] else None,
                      docx_name=d["docx_name"], spec_name=d["spec_name"]) for d in data[part]]
            for part in ("downloads", "templates")
        )
        warnings = [(record_id, text) for record_id, text in data["warnings"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not all(d.docx and d.docx.is_file() for d in downloads + templates):
        return None
    return downloads, templates, warnings


def _render_documents(
    content: Content, paths: BuildPaths
) -> tuple[list[Download], list[Download], list[tuple[str, str]]]:
    downloads, warnings = [], []
    for built in build_samples(content, paths.documents):
        downloads.append(Download(built.id, built.title, Path(built.docx), Path(built.spec)))
        warnings += [(built.id, str(warning)) for warning in getattr(built, "warnings", [])]
    templates = []
    for blank in sorted((paths.documents / TEMPLATES_SUBDIR).glob("*.dot*")):
        name = DOCUMENT_TYPE_NAMES.get(blank.stem, blank.stem)
        templates.append(Download(blank.stem, f"{name}（空白模板）", blank, None, docx_name=blank.name))
    return downloads, templates, warnings


def _similar_reviews(content: Content, edition: Content, audience: str, paths: BuildPaths) -> dict[str, list[str]]:
    """Each review's similar reviews in this edition, from the records' text (kept between builds)."""
    reviews = [item.id for item in edition.of_kind("review")]
    hits = related_many(content, reviews, SIMILAR_ASKED, audience, paths.index)
    return {record_id: [hit.id for hit in found] for record_id, found in hits.items()}
