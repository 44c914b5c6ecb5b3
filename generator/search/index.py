"""Keep the command-line search index up to date, incrementally, under a lock, never half-written.

Layout under ``build/index/``::

    state.json            analyzer version + one hash of every content file's name, size and mtime
    files.json            size and mtime per content file, keyed by a hash of its name
    records/              one Whoosh index of every record, each with its audience  + manifest.json
    related/<audience>/   similar-records lists kept between site builds (related_cache.py)

One index serves every reader: each record's audience is stored with it and every question is filtered
by the audiences the reader may see (``engine(audience)``), so nothing above the reader is ever scored,
counted or shown. The index stays on the machine that holds every record anyway (it is never part of a
site); one index instead of one per edition costs a third of the time and space to build. It is built
only when ``handbook search`` needs it, not by ``handbook build``.

A refresh compares each record's digest with the manifest and re-indexes only what changed (Whoosh
commits atomically: a killed writer leaves the previous generation readable). The manifest is marked
dirty before a commit and clean after it; a dirty or outdated index is rebuilt in a temporary folder
and swapped in whole.

Refreshing never re-reads every file: a record's digest (from the loader) decides what is written,
and only files that changed since the last refresh are hashed again to prove the fingerprint true.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.cache import SEARCH, cache_folder
from generator.search.engine import IndexDoc, SearchEngine
from generator.search.text import analyzer_version, forget_words

if TYPE_CHECKING:
    from generator.load import Content, Item

# The loader, the model (pydantic, pypinyin) and the lock take ~0.7 s to import; a query on a fresh
# index needs none of them, so they are imported inside the functions that refresh.

EDITIONS = ("public", "internal", "restricted")  # audiences, lowest first
RECORDS = "records"  # the index folder under build/index
STATE_FILE = "state.json"
FILES_FILE = "files.json"
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
    """What one refresh did."""

    index: EditionStats = field(default_factory=EditionStats)
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        e = self.index
        return bool(e.added or e.updated or e.removed or e.rebuilt)

    def __str__(self) -> str:
        e = self.index
        return (f"{'重建' if e.rebuilt else ''}{e.records} 条（新增 {e.added}，更新 {e.updated}，删除 {e.removed}）"
                f"；用时 {self.seconds:.2f} 秒")


def engine(audience: str | None = None) -> SearchEngine:
    """The engine, reading for a reader of audience (None: every record, to write the index)."""
    from generator.search.whoosh_engine import WhooshEngine

    return WhooshEngine(None if audience is None else visible_audiences(audience))


def visible_audiences(audience: str) -> tuple[str, ...]:
    """The audiences a reader of audience may see: their own and every lower one."""
    return EDITIONS[: EDITIONS.index(audience) + 1]


def records_dir(index_dir: Path) -> Path:
    return index_dir / RECORDS


def index_version() -> str:
    """What the index was made with: the search code and the rule set (SEARCH's salt), the engine, the
    tokeniser's libraries. An index of another version is rebuilt."""
    return SEARCH.salt(ENGINE_NAME, analyzer_version())


def default_index_dir(root: Path) -> Path:
    return root.resolve() / "build" / "index"


def file_stats(root: Path) -> dict[str, tuple[int, int]]:
    """Map site_config.yml and every file under content/ to (size, mtime_ns), without reading any.

    Files the loader ignores count too: a stray file costs one needless reload, never a stale index.
    """
    found: dict[str, tuple[int, int]] = {}
    with contextlib.suppress(OSError):
        stat = os.stat(root / "site_config.yml")
        found["site_config.yml"] = (stat.st_size, stat.st_mtime_ns)
    pending = [("content/", str(root / "content"))]
    while pending:
        prefix, folder = pending.pop()
        try:
            entries = os.scandir(folder)
        except OSError:
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    pending.append((f"{prefix}{entry.name}/", entry.path))
                    continue
                try:
                    stat = entry.stat()
                except OSError:  # vanished while listing: it will not be in the index either
                    continue
                found[prefix + entry.name] = (stat.st_size, stat.st_mtime_ns)
    return found


def _fingerprint(stats: dict[str, tuple[int, int]]) -> str:
    listing = "".join(f"{name}\0{size}\0{mtime}\n" for name, (size, mtime) in sorted(stats.items()))
    return hashlib.sha256(listing.encode()).hexdigest()


def content_fingerprint(root: Path) -> str:
    """One hash of every content file's name, size and modification time: changes on any edit."""
    return _fingerprint(file_stats(root))


def _hidden(name: str) -> str:
    """Stand-in for a file name in files.json, so the index folder names no record."""
    return hashlib.sha256(name.encode()).hexdigest()[:16]


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
    if not (records_dir(index_dir) / MANIFEST_FILE).is_file():
        return False
    return bool(state.get("fingerprint")) and state.get("fingerprint") == content_fingerprint(root)


def discard_index(index_dir: Path) -> None:
    """Forget what the index holds, so the next refresh rebuilds every edition (after damage)."""
    from generator.atomic import output_lock

    with output_lock(index_dir.absolute()):
        for path in (index_dir / STATE_FILE, records_dir(index_dir) / MANIFEST_FILE):
            path.unlink(missing_ok=True)


def ensure_index(root: Path, index_dir: Path | None = None) -> IndexStats | None:
    """Create or refresh the index of root if any content file changed; return None when it was fresh."""
    root = root.resolve()
    index_dir = index_dir or default_index_dir(root)
    if is_fresh(root, index_dir):
        return None
    from generator.load import load_content

    return refresh_index(load_content(root, cache_dir=cache_folder(root)), index_dir)


def refresh_index(content: Content, index_dir: Path) -> IndexStats:
    """Bring the index in line with content (pass the whole content, not one audience's part)."""
    from generator.atomic import output_lock
    from generator.model.records import AUDIENCE_NAMES
    from generator.search.documents import document_digest

    started = time.perf_counter()
    index_dir = index_dir.absolute()
    stats = IndexStats()
    search_engine = engine()
    records = _Records(content.items, {item.id: document_digest(item) for item in content.items})
    configured: dict[str, str] = {str(key): value for key, value in content.config.editions.items()}
    labels = {edition: configured.get(edition) or AUDIENCE_NAMES[edition] for edition in EDITIONS}
    try:
        with output_lock(index_dir):
            index_dir.mkdir(parents=True, exist_ok=True)
            on_disk = file_stats(content.root)
            _remove_edition_folders(index_dir)
            stats.index, changed = _refresh_records(search_engine, index_dir, content.items, records, labels)
            before = _read_json(index_dir / FILES_FILE) or {}
            current = _matches_disk(content, on_disk, before, changed)
            _write_json(index_dir / FILES_FILE, {_hidden(name): list(stat) for name, stat in on_disk.items()})
            _write_json(index_dir / STATE_FILE, {
                "version": index_version(),
                "fingerprint": _fingerprint(on_disk) if current else "",
            })
    finally:
        forget_words()
    stats.seconds = time.perf_counter() - started
    return stats


class _Records:
    """The records of one refresh: digests for all, index documents made only for those written."""

    def __init__(self, items: list[Item], digests: dict[str, str]) -> None:
        self.items = items
        self.digests = digests
        self._docs: dict[str, IndexDoc] = {}

    def doc(self, item: Item) -> IndexDoc:
        from generator.search.documents import to_document

        if item.id not in self._docs:
            self._docs[item.id] = to_document(item)
        return self._docs[item.id]


def _matches_disk(content: Content, on_disk: dict[str, tuple[int, int]], before: dict[str, Any],
                  changed: set[str]) -> bool:
    """Check that the files are still those content was loaded from, so the fingerprint may be trusted.

    A file that kept its size and time since the last refresh, and whose record did not change in the
    index, cannot differ from what was loaded; only the others are read again and hashed.
    """
    from generator.load import content_files as list_content_files

    if {path for _, path in list_content_files(content.root)} != {item.path for item in content.items}:
        return False
    for item in content.items:
        stat = on_disk.get(item.display)
        if stat is None:
            return False
        if item.id not in changed and before.get(_hidden(item.display)) == list(stat):
            continue
        try:
            if hashlib.sha256(item.path.read_bytes()).hexdigest()[: len(item.digest)] != item.digest:
                return False
        except OSError:
            return False
    return True


def _refresh_records(search_engine: SearchEngine, index_dir: Path, wanted: list[Item],
                     records: _Records, labels: dict[str, str]) -> tuple[EditionStats, set[str]]:
    directory = records_dir(index_dir)
    _remove_leftovers(index_dir, RECORDS)
    manifest = _read_json(directory / MANIFEST_FILE)
    stats = EditionStats(records=len(wanted))
    digests = {item.id: records.digests[item.id] for item in wanted}
    if not manifest or manifest.get("version") != index_version() or manifest.get("dirty"):
        _rebuild(search_engine, index_dir, [records.doc(item) for item in wanted], digests, labels)
        stats.rebuilt = True
        return stats, set(digests)
    indexed: dict[str, str] = manifest.get("docs") or {}
    upserts = [item for item in wanted if indexed.get(item.id) != digests[item.id]]
    deletions = [record_id for record_id in indexed if record_id not in digests]
    if not upserts and not deletions:
        if manifest.get("labels") != labels:
            _write_json(directory / MANIFEST_FILE, _manifest(digests, labels))
        return stats, set()
    if len(upserts) + len(deletions) > max(50, REBUILD_SHARE * len(wanted)):
        _rebuild(search_engine, index_dir, [records.doc(item) for item in wanted], digests, labels)
        stats.rebuilt = True
        return stats, set(digests)
    stats.added = sum(1 for item in upserts if item.id not in indexed)
    stats.updated = len(upserts) - stats.added
    stats.removed = len(deletions)
    _write_json(directory / MANIFEST_FILE, {**manifest, "dirty": True})
    search_engine.apply(directory, [records.doc(item) for item in upserts], deletions)
    _write_json(directory / MANIFEST_FILE, _manifest(digests, labels))
    return stats, {item.id for item in upserts}


def _manifest(digests: dict[str, str], labels: dict[str, str]) -> dict[str, Any]:
    return {"version": index_version(), "labels": labels, "dirty": False, "docs": dict(sorted(digests.items()))}


def edition_label(index_dir: Path, audience: str) -> str:
    """The edition's name from site_config.yml (内部版 …), as recorded at the last refresh."""
    manifest = _read_json(records_dir(index_dir) / MANIFEST_FILE) or {}
    labels = manifest.get("labels")
    return str(labels.get(audience) or audience) if isinstance(labels, dict) else audience


def _rebuild(search_engine: SearchEngine, index_dir: Path, docs: list[IndexDoc],
             digests: dict[str, str], labels: dict[str, str]) -> None:
    from generator.atomic import replace_directory

    temporary = Path(tempfile.mkdtemp(prefix=f".{RECORDS}.tmp-", dir=index_dir))
    try:
        search_engine.build(temporary, docs)
        _write_json(temporary / MANIFEST_FILE, _manifest(digests, labels))
        temporary.chmod(0o755)
        replace_directory(temporary, records_dir(index_dir))
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _remove_leftovers(index_dir: Path, name: str) -> None:
    for pattern in (f".{name}.tmp-*", f".{name}.old-*"):
        for leftover in index_dir.glob(pattern):
            shutil.rmtree(leftover, ignore_errors=True)


def _remove_edition_folders(index_dir: Path) -> None:
    """Delete the per-edition indexes an earlier version kept beside records/ (one index replaces them)."""
    for edition in EDITIONS:
        if (index_dir / edition / MANIFEST_FILE).is_file():
            shutil.rmtree(index_dir / edition, ignore_errors=True)
