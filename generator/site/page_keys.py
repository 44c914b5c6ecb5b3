"""Remember what each record's page and search entry were made from, so a rebuild redoes only those.

A record's page shows the record and a little of its neighbours (titles and dates of the guidelines it
cites, of the reviews citing it, of similar reviews; its tags). Its key is a digest of exactly those
inputs — file digests, page paths, tag names, and the fields of neighbours the templates print. Which
fields those are is read from the templates themselves (``shown_fields``), so a template that starts
showing a neighbour's field also starts keying on it. The key file's salt is the site stage's salt
(generator/cache.py: this package's code, the templates and the rule set) plus the content root's own
template overrides. When a key is unchanged the page's Markdown on disk is still right, and rendering
it again would only cost time.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable
from pathlib import Path

from jinja2 import Environment, nodes

from generator.cache import SITE, CacheFile, digest, files_digest
from generator.cache import TEMPLATES as SHIPPED_TEMPLATES
from generator.site.model import Entry

TEMPLATES = SHIPPED_TEMPLATES / "site"
RECORD_KEYS = "record-pages.cache"  # in an edition's work folder: the record pages in site/ and what made them
PAGE_TEMPLATES = (TEMPLATES / "markdown", TEMPLATES / "html")  # pages mkdocs renders; record pages


def code_digest(root: Path | None = None) -> str:
    """Salt of the site's key files: the site stage's salt and the content root's template overrides."""
    overrides = root / "templates" / "site" if root is not None else None
    extra = files_digest(overrides.rglob("*"), overrides) if overrides is not None and overrides.is_dir() else ""
    return SITE.salt(extra)


@functools.cache
def shown_fields(*folders: Path) -> tuple[str, ...]:
    """The fields of other records that the page templates print (those in folders; default: all of ours):
    every ``x.model.FIELD`` where x is not the page's own ``entry``, and every ``"model.FIELD"`` attribute
    path given to a filter (groupby)."""
    env = Environment()
    found: set[str] = set()
    for path in sorted(p for folder in folders or PAGE_TEMPLATES for p in folder.glob("*.j2")):
        tree = env.parse(path.read_text(encoding="utf-8"))
        for node in tree.find_all(nodes.Getattr):
            owner = node.node
            if isinstance(owner, nodes.Getattr) and owner.attr == "model" and not (
                isinstance(owner.node, nodes.Name) and owner.node.name == "entry"
            ):
                found.add(node.attr)
        for const in tree.find_all(nodes.Const):
            if isinstance(const.value, str) and const.value.startswith("model."):
                found.add(const.value.split(".")[1])
    return tuple(sorted(found))


def _neighbours(entries: Iterable[Entry]) -> list[str]:
    """What a page shows of other records: address, title, kind, date and the fields the templates print.

    Not their digests: fixing a typo in one review's lessons must not re-render every page listing it."""
    return [*(e.shown for e in entries), "|"]


def shown_text(entry: Entry) -> str:
    """What other pages show of one record (Entry.shown keeps it: a record is neighbour to many pages)."""
    model = entry.item.model
    return "\x1f".join(
        [entry.src, entry.title, entry.kind, str(entry.day), *(str(getattr(model, f, "")) for f in shown_fields())])


def page_key(entry: Entry) -> str:
    """Everything a record's page is made from."""
    parts = [entry.src, entry.item.digest, entry.item.display, str(entry.updated)]
    parts += _neighbours(entry.cited) + _neighbours(entry.cited_by) + _neighbours(entry.similar)
    parts += [f"{tag.name}:{tag.src}" for tag in entry.tags]
    if entry.download is not None:
        parts += [entry.download.docx_name, entry.download.spec_name]
    parts.append(entry.lessons_state())  # overdue actions and 此前发生过: what the day and other reviews decide
    return digest(parts)


def listing_key(template: str, src: str, entries: Iterable[Entry], values: list[str]) -> str:
    """Everything a listing page (a tag, a year, a type of review) is made from: its lines show only
    what _neighbours keys on."""
    return digest([template, src, *values, "|", *_neighbours(entries)])


def search_key(entry: Entry) -> str:
    """Everything a record's search entry is made from (its text, address, kind and tags)."""
    return digest([entry.url, entry.kind, entry.item.digest, *(tag.name for tag in entry.tags)])


class KeyFile:
    """Keys of the last successful build, in the work folder (a CacheFile of the site stage).

    The file is removed when a build starts and written when it ends, so after a failed or killed
    build nothing is trusted and everything is made again.
    """

    def __init__(self, path: Path, salt: str) -> None:
        self.path, self.salt = path, salt
        self.file = CacheFile(path, salt, fresh=True)

    @property
    def old(self) -> dict[str, str]:
        """The entries the last successful build left (empty: nothing is known, everything is made)."""
        return self.file.stored

    def unchanged(self, name: str, key: str) -> list[str] | None:
        """Return what was stored with name when its key is the same as last time."""
        stored = self.file.previous(name)
        try:
            values = json.loads(stored) if stored is not None else None
        except ValueError:
            return None
        return values[1:] if isinstance(values, list) and values and values[0] == key else None

    def remember(self, name: str, key: str, *values: str) -> None:
        self.file.put(name, json.dumps([key, *values], ensure_ascii=False))

    def save(self) -> None:
        self.file.save()

    def forget(self, names: set[str]) -> None:
        """Keep every entry of the last build but these, now (pages rewritten between builds, by the
        preview's fast path: whatever the next build finds, it makes them again)."""
        for name, value in self.old.items():
            if name not in names:
                self.file.put(name, value)
        self.save()
