"""Keep one index per audience edition up to date, incrementally, under a lock, never half-written.

Layout under ``build/index/``::

    state.json            analyzer version + one hash of every content file's name, size and mtime
    public/               Whoosh index of public records only      + manifest.json {id: digest}
    internal/             public and internal records               + manifest.json
    restricted/           every record                              + manifest.json

Each edition folder is self-contained and holds nothing above its audience, so it can be shipped with
that edition of the site. ``state.json`` holds one hash, no names, so it leaks nothing either.

A refresh compares each record's digest with the edition's manifest and re-indexes only what changed
(Whoosh commits atomically: a killed writer leaves the previous generation readable). The manifest is
marked dirty before a commit and clean after it; a dirty or outdated edition is rebuilt in a temporary
folder and swapped in whole.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.search.engine import IndexDoc, SearchEngine
from generator.search.text import analyzer_version, forget_words

if TYPE_CHECKING:
    from generator.load import Content

# The loader, the model (pydantic, pypinyin) and the lock take ~0.7 s to import; a query on a fresh
# index needs none of them, so they are imported inside the functions that refresh.

EDITIONS = ("public", "internal", "restricted")
STATE_FILE = "state.json"
MANIFEST_FILE = "manifest.json"
ENGINE_NAME = "whoosh"
# Past this share of changed records a fresh build is faster than updating in place.
REBUILD_SHARE = 0.3


@dataclass
class EditionStats:
    added: int = 0
    updated: int = 0
    removed: int = 0
    rebuilt: bool = False
    records: int = 0


@dataclass
class IndexStats:
    """What one refresh did, per edition."""

    editions: dict[str, EditionStats] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return any(e.added or e.updated or e.removed or e.rebuilt for e in self.editions.values())

    def __str__(self) -> str:
        parts = [
            f"{name}: {'重建' if e.rebuilt else ''}{e.records} 条（新增 {e.added}，更新 {e.updated}，删除 {e.removed}）"
            for name, e in self.editions.items()
        ]
        return "；".join(parts) + f"；用时 {self.seconds:.2f} 秒"


def engine() -> SearchEngine:
    from generator.search.whoosh_engine import WhooshEngine

    return WhooshEngine()


def index_version() -> str:
    return f"{ENGINE_NAME}/{analyzer_version()}"


def default_index_dir(root: Path) -> Path:
    return root.resolve() / "build" / "index"


def content_fingerprint(root: Path) -> str:
    """Hash the name, size and modification time of site_config.yml and every file under content/.

    Cheap (no file is read), and any edit, addition or removal changes it. Files the loader ignores
    count too: a stray file costs one needless reload, never a stale index.
    """
    digest = hashlib.sha256()
    paths = [root / "site_config.yml", *sorted((root / "content").rglob("*"))]
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        if path.is_dir():
            continue
        digest.update(f"{path.relative_to(root).as_posix()}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_json(path: Path, data: dict[str, Any]) -> None:
    from generator.atomic import atomic_write_bytes

    atomic_write_bytes(path, json.dumps(data, ensure_ascii=False, sort_keys=True).encode())


def is_fresh(root: Path, index_dir: Path | None = None) -> bool:
    """Tell, without loading any record, whether the index matches the content files as they are now."""
    root = root.resolve()
    index_dir = index_dir or default_index_dir(root)
    state = _read_json(index_dir / STATE_FILE)
    if not state or state.get("version") != index_version():
        return False
    if not all((index_dir / edition / MANIFEST_FILE).is_file() for edition in EDITIONS):
        return False
    return bool(state.get("fingerprint")) and state.get("fingerprint") == content_fingerprint(root)


def ensure_index(root: Path, index_dir: Path | None = None) -> IndexStats | None:
    """Create or refresh the index of root if any content file changed; return None when it was fresh."""
    root = root.resolve()
    index_dir = index_dir or default_index_dir(root)
    if is_fresh(root, index_dir):
        return None
    from generator.load import load_content

    return refresh_index(load_content(root), index_dir)


def refresh_index(content: Content, index_dir: Path) -> IndexStats:
    """Bring all three editions in line with content (pass the whole content, not one audience's part)."""
    from generator.atomic import output_lock
    from generator.model.records import AUDIENCE_NAMES, AUDIENCE_RANK
    from generator.search.documents import to_document

    started = time.perf_counter()
    index_dir = index_dir.absolute()
    stats = IndexStats()
    search_engine = engine()
    docs = [to_document(item) for item in content.items]
    try:
        with output_lock(index_dir):
            index_dir.mkdir(parents=True, exist_ok=True)
            fingerprint = content_fingerprint(content.root)
            for edition in EDITIONS:
                wanted = {doc.id: doc for doc in docs if AUDIENCE_RANK[doc.audience] <= AUDIENCE_RANK[edition]}
                editions: dict[str, str] = {str(key): value for key, value in content.config.editions.items()}
                label = editions.get(edition) or AUDIENCE_NAMES[edition]
                stats.editions[edition] = _refresh_edition(search_engine, index_dir, edition, wanted, label)
            unchanged_since_load = _files_match(content)
            _write_json(index_dir / STATE_FILE, {
                "version": index_version(),
                "fingerprint": fingerprint if unchanged_since_load else "",
            })
    finally:
        forget_words()
    stats.seconds = time.perf_counter() - started
    return stats


def _files_match(content: Content) -> bool:
    """Check that the files on disk are still the ones content was loaded from (no edit since)."""
    from generator.load import content_files as list_content_files

    paths = {path for _, path in list_content_files(content.root)}
    if paths != {item.path for item in content.items}:
        return False
    for item in content.items:
        try:
            if hashlib.sha256(item.path.read_bytes()).hexdigest()[: len(item.digest)] != item.digest:
                return False
        except OSError:
            return False
    return True


def _refresh_edition(search_engine: SearchEngine, index_dir: Path, edition: str,
                     wanted: dict[str, IndexDoc], label: str) -> EditionStats:
    directory = index_dir / edition
    _remove_leftovers(index_dir, edition)
    manifest = _read_json(directory / MANIFEST_FILE)
    stats = EditionStats(records=len(wanted))
    if not manifest or manifest.get("version") != index_version() or manifest.get("dirty"):
        _rebuild(search_engine, index_dir, edition, wanted, label)
        stats.rebuilt = True
        return stats
    indexed: dict[str, str] = manifest.get("docs") or {}
    upserts = [doc for record_id, doc in wanted.items() if indexed.get(record_id) != doc.digest]
    deletions = [record_id for record_id in indexed if record_id not in wanted]
    if not upserts and not deletions:
        if manifest.get("label") != label:
            _write_json(directory / MANIFEST_FILE, _manifest(wanted, label))
        return stats
    if len(upserts) + len(deletions) > max(50, REBUILD_SHARE * len(wanted)):
        _rebuild(search_engine, index_dir, edition, wanted, label)
        stats.rebuilt = True
        return stats
    stats.added = sum(1 for doc in upserts if doc.id not in indexed)
    stats.updated = len(upserts) - stats.added
    stats.removed = len(deletions)
    _write_json(directory / MANIFEST_FILE, {**manifest, "dirty": True})
    search_engine.apply(directory, upserts, deletions)
    _write_json(directory / MANIFEST_FILE, _manifest(wanted, label))
    return stats


def _manifest(wanted: dict[str, IndexDoc], label: str) -> dict[str, Any]:
    return {
        "version": index_version(),
        "label": label,
        "dirty": False,
        "docs": {record_id: doc.digest for record_id, doc in sorted(wanted.items())},
    }


def edition_label(index_dir: Path, audience: str) -> str:
    """The edition's name from site_config.yml (内部版 …), as recorded at the last refresh."""
    manifest = _read_json(index_dir / audience / MANIFEST_FILE) or {}
    return str(manifest.get("label") or audience)


def _rebuild(search_engine: SearchEngine, index_dir: Path, edition: str, wanted: dict[str, IndexDoc],
             label: str) -> None:
    from generator.atomic import replace_directory

    temporary = Path(tempfile.mkdtemp(prefix=f".{edition}.tmp-", dir=index_dir))
    try:
        search_engine.build(temporary, list(wanted.values()))
        _write_json(temporary / MANIFEST_FILE, _manifest(wanted, label))
        temporary.chmod(0o755)
        replace_directory(temporary, index_dir / edition)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _remove_leftovers(index_dir: Path, edition: str) -> None:
    for pattern in (f".{edition}.tmp-*", f".{edition}.old-*"):
        for leftover in index_dir.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)
