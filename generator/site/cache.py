"""Remember what each record's page and search entry were made from, so a rebuild redoes only those.

A record's page shows the record and a little of its neighbours (titles and dates of the guidelines it
cites, of the reviews citing it, of similar reviews; its tags). Its key is a digest of exactly those
inputs — file digests, page paths, tag names — plus the templates and this code. When the key is
unchanged the page's Markdown on disk is still right, and rendering it again would only cost time.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from generator import __version__
from generator.site.model import Entry

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parents[1] / "templates" / "site"


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def code_digest(root: Path | None = None) -> str:
    """Digest of the templates and the code that turns records into Markdown and search entries."""
    files = sorted(TEMPLATES.rglob("*.j2")) + sorted(HERE.glob("*.py"))
    if root is not None and (root / "templates" / "site").is_dir():
        files += sorted((root / "templates" / "site").rglob("*"))
    return _digest([__version__, *(f"{p.name}:{p.read_bytes().hex()}" for p in files if p.is_file())])


_SHOWN_FIELDS = ("date", "type", "place", "category")


def _neighbours(entries: Iterable[Entry]) -> list[str]:
    """What a page shows of other records: address, title, kind, date, type, place and category.

    Not their digests: fixing a typo in one review's lessons must not re-render every page listing it."""
    parts = []
    for e in entries:
        model = e.item.model
        parts.append("\x1f".join([e.src, e.title, e.kind, str(e.day), *(str(getattr(model, f, "")) for f in _SHOWN_FIELDS)]))
    return [*parts, "|"]


def page_key(entry: Entry) -> str:
    """Everything a record's page is made from."""
    parts = [entry.src, entry.item.digest, entry.item.display, str(entry.updated)]
    parts += _neighbours(entry.cited) + _neighbours(entry.cited_by) + _neighbours(entry.similar)
    parts += [f"{tag.name}:{tag.src}" for tag in entry.tags]
    if entry.download is not None:
        parts += [entry.download.docx_name, entry.download.spec_name]
    return _digest(parts)


def listing_key(template: str, src: str, entries: Iterable[Entry], values: list[str]) -> str:
    """Everything a listing page (a tag, a year, a type of review) is made from: its lines show only
    what _neighbours keys on."""
    return _digest([template, src, *values, "|", *_neighbours(entries)])


def search_key(entry: Entry) -> str:
    """Everything a record's search entry is made from (its text, address, kind and tags)."""
    return _digest([entry.url, entry.kind, entry.item.digest, *(tag.name for tag in entry.tags)])


class KeyFile:
    """Keys of the last successful build, in the work folder.

    The file is removed when a build starts and written when it ends, so after a failed or killed
    build nothing is trusted and everything is made again.
    """

    def __init__(self, path: Path, salt: str) -> None:
        self.path, self.salt = path, salt
        self.old: dict[str, list[str]] = {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("salt") == salt:
                self.old = data["keys"]
        except (OSError, ValueError, KeyError, AttributeError):
            self.old = {}
        path.unlink(missing_ok=True)
        self.new: dict[str, list[str]] = {}

    def unchanged(self, name: str, key: str) -> list[str] | None:
        """Return what was stored with name when its key is the same as last time."""
        stored = self.old.get(name)
        return stored[1:] if stored and stored[0] == key else None

    def remember(self, name: str, key: str, *values: str) -> None:
        self.new[name] = [key, *values]

    def save(self) -> None:
        self.path.write_text(json.dumps({"salt": self.salt, "keys": self.new}, ensure_ascii=False), encoding="utf-8")
