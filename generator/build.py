"""The whole pipeline in one screen: load → validate → documents → search index → site.

Phase one gathers and validates every record; nothing is written unless all of it is sound.
Phase two writes each output into a temporary place and swaps it in whole (generator/atomic.py).
The site sees only ``content.for_audience(audience)``: nothing above the edition reaches any page,
download or search file of it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.load import Content, load_content
from generator.model.records import DOCUMENT_TYPE_NAMES
from generator.site import SiteResult, build_site
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
    notes: list[str] = field(default_factory=list)  # stages that were skipped, mkdocs warnings


def build(
    root: Path,
    audience: str = "internal",
    out: Path | None = None,
    progress: BuildProgress | None = None,
    *,
    publish: bool = True,
) -> BuildReport:
    """Build documents, search index and the handbook site for readers up to `audience`.

    publish=False leaves the site in its work folder (the live preview serves it from there) and lets
    the browser search index follow a few seconds after the pages.
    """
    paths = BuildPaths.for_root(root, out)
    progress = progress or BuildProgress(enabled=False)
    notes: list[str] = []
    progress.stage("读取并检查记录")
    content = load_content(paths.root, cache_dir=paths.root / "build" / "cache")  # 1. load and validate everything (raises before any write)
    edition = content.for_audience(audience)  # the only records the site may show
    progress.stage("生成公文")
    downloads, templates = _documents(content, {i.id for i in edition.items}, paths, notes)  # 2. sample .docx and blank templates
    progress.stage("更新检索索引")
    related = _search_index(content, edition, audience, paths, notes)  # 3. search index, similar reviews
    site = build_site(  # 4. the site, swapped in whole
        edition, audience, paths.site if publish else None, related=related, downloads=downloads,
        templates=templates, progress=progress, search_later=not publish,
    )
    return BuildReport(content, site, notes + site.warnings)


def _stage(module: str, name: str, notes: list[str]) -> Any:
    """Return a stage function, or None (with a note) while that stage is not written yet."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        notes.append(f"警告：{module}.{name} 尚未提供，已跳过")
        return None


# In a long-running preview the documents are rendered again only when a document spec changed.
_RENDERED: dict[Path, tuple[tuple[str, ...], list[Download], list[Download], list[tuple[str, str]]]] = {}


def _documents(
    content: Content, visible: set[str], paths: BuildPaths, notes: list[str]
) -> tuple[list[Download], list[Download]]:
    """Render every sample document (all audiences; the site offers only its edition's) and blank templates."""
    build_samples = _stage("generator.documents", "build_samples", notes)
    if build_samples is None:
        return [], []
    key = tuple(f"{item.id}:{item.digest}" for item in content.of_kind("document"))
    known = _RENDERED.get(paths.documents)
    if not (known and known[0] == key and all(d.docx and d.docx.is_file() for d in known[1] + known[2])):
        known = (key, *_render_documents(build_samples, content, paths))
        _RENDERED[paths.documents] = known
    # a document above the edition is not even named in the build's messages
    notes.extend(text for record_id, text in known[3] if record_id in visible)
    return known[1], known[2]


def _render_documents(
    build_samples: Any, content: Content, paths: BuildPaths
) -> tuple[list[Download], list[Download], list[tuple[str, str]]]:
    downloads, warnings = [], []
    for built in build_samples(content, paths.documents):
        downloads.append(Download(built.id, built.title, Path(built.docx), Path(built.spec)))
        warnings += [(built.id, str(warning)) for warning in getattr(built, "warnings", [])]
    templates = []
    subfolder = getattr(importlib.import_module("generator.documents"), "TEMPLATES_SUBDIR", "templates")
    for blank in sorted((paths.documents / subfolder).glob("*.dot*")):
        name = DOCUMENT_TYPE_NAMES.get(blank.stem, blank.stem)
        templates.append(Download(blank.stem, f"{name}（空白模板）", blank, None, docx_name=blank.name))
    return downloads, templates, warnings


def _search_index(
    content: Content, edition: Content, audience: str, paths: BuildPaths, notes: list[str]
) -> dict[str, list[str]] | None:
    """Refresh the `handbook search` index and ask it for each review's similar reviews in this edition."""
    refresh_index = _stage("generator.search", "refresh_index", notes)
    related_many = _stage("generator.search", "related_many", notes)
    if refresh_index is None or related_many is None:
        return None
    refresh_index(content, paths.index)
    reviews = [item.id for item in edition.of_kind("review")]
    hits = related_many(content, reviews, SIMILAR_ASKED, audience, paths.index)
    return {record_id: [hit.id for hit in found] for record_id, found in hits.items()}
