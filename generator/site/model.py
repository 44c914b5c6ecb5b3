"""Phase one of the site: gather everything each page shows, from one audience edition, before writing.

Nothing here reads beyond the edition it is given (``Content.for_audience``): a cited guideline or a
similar review above the edition's audience is simply not in ``edition.by_id()`` and is dropped. The
same holds for the 整改台账 (generator/lessons/ledger.py) and for "此前发生过" (the same problem in an
earlier review, generator/lessons/recurrence.py): both are computed from the edition's reviews only.
"""

from __future__ import annotations

import functools
import heapq
import posixpath
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Any

from generator.cache import SLUGS, CacheFile, digest
from generator.lessons.ledger import LedgerEntry, by_owner, ledger
from generator.lessons.recurrence import Occurrence, find_recurrences, kept_recurrences
from generator.lessons.terms import KeptTerms
from generator.load import Content, Item, slugify
from generator.model.kinds import KIND_NAMES, kind_of
from generator.site.search_tokens import normalise

# Names the listing pages use inside those folders; a record whose slug would clash gets a suffix.
RESERVED_SLUGS = {"index", "year", "type", "assets", "downloads", "search", "tags", "ledger"}
LEDGER_SRC = "reviews/ledger.md"  # the 整改台账 page
SIMILAR_MIN, SIMILAR_MAX = 3, 5
FALLBACK_PER_TAG = 200  # the fallback looks at the latest reviews of each tag only: it stays linear


@dataclass
class Download:
    """One file the documents page offers: a sample document, its YAML, or a blank template."""

    key: str  # the document record's id, or the template's document type
    title: str
    docx: Path | None  # where the built file is now
    spec: Path | None
    docx_name: str = ""  # file name under downloads/ in the site
    spec_name: str = ""


@dataclass(eq=False)
class Entry:
    """One record as the site shows it: where its page lives and what links to and from it."""

    item: Item
    src: str  # Markdown path inside the docs folder, e.g. reviews/2024-typhoon.md
    updated: date | None = None  # last commit touching the file, if any
    cited: list[Entry] = field(default_factory=list)  # guidelines a review cites (visible ones only)
    cited_by: list[Entry] = field(default_factory=list)  # reviews citing a guideline
    similar: list[Entry] = field(default_factory=list)  # similar past reviews
    tags: list[Tag] = field(default_factory=list)
    download: Download | None = None
    actions: list[LedgerEntry] = field(default_factory=list)  # a review's actions, with their state today
    recurrences: dict[int, list[Earlier]] = field(default_factory=dict)  # problem index → same problem before

    @property
    def id(self) -> str:
        return self.item.id

    @property
    def kind(self) -> str:
        return self.item.kind

    @property
    def title(self) -> str:
        return self.item.title

    @property
    def model(self) -> Any:
        return self.item.model

    @property
    def url(self) -> str:
        """The page's URL relative to the site root (directory URLs), e.g. reviews/2024-typhoon/."""
        return page_url(self.src)

    @property
    def day(self) -> date | None:
        value = getattr(self.model, "date", None) or getattr(self.model, "updated", None)
        return value if isinstance(value, date) else None

    @cached_property
    def shown(self) -> str:
        """What other pages show of this record; their keys are made of it (generator/site/page_keys.py,
        which reads the templates and imports this module)."""
        from generator.site.page_keys import shown_text

        return shown_text(self)

    def lessons_state(self) -> str:
        """What a review page shows that the day and other reviews decide: which of its actions are overdue
        and the earlier occurrences of its problems. Part of the page's cache key, so that the page is made
        again on the day an action becomes overdue (已逾期), and when an earlier fix it names changes.
        (The days overdue are on the ledger page only, which is made on every build.)"""
        parts = [a.status for a in self.actions]
        for index, found in sorted(self.recurrences.items()):
            for earlier in found:
                parts.append("\x1f".join([str(index), earlier.entry.src, earlier.entry.title,
                                          str(earlier.occurrence.date), earlier.fix or "", earlier.action_state]))
        return "\x1e".join(parts)


@dataclass(frozen=True)
class Earlier:
    """The same problem in an earlier review, as a review page shows it under 此前发生过."""

    entry: Entry
    occurrence: Occurrence

    @property
    def fix(self) -> str | None:
        return self.occurrence.problem.fix

    @property
    def action_state(self) -> str:
        """整改已完成 / 整改未完成 / 没有对应的整改事项, from the earlier review's matching action."""
        action = self.occurrence.action
        if action is None:
            return "没有对应的整改事项"
        return f"整改事项“{action.what}”{'已完成' if action.done else '未完成'}"

    @property
    def fix_failed(self) -> bool:
        """The earlier action is marked done, yet the problem happened again."""
        action = self.occurrence.action
        return action is not None and action.done


@dataclass(eq=False)
class Tag:
    """A tag, merged across simplified and traditional spellings (台风 and 颱風 are one tag)."""

    name: str
    src: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class SiteModel:
    """Everything the pages of one edition show."""

    content: Content
    audience: str
    entries: list[Entry]
    tags: list[Tag]
    downloads: list[Download]
    templates: list[Download]
    today: date = field(default_factory=date.today)
    ledger: list[LedgerEntry] = field(default_factory=list)  # every action of the edition's reviews

    @property
    def open_actions(self) -> list[LedgerEntry]:
        return [a for a in self.ledger if not a.action.done]

    @property
    def overdue(self) -> list[LedgerEntry]:
        return [a for a in self.ledger if a.overdue]

    @property
    def open_by_owner(self) -> list[tuple[str, list[LedgerEntry]]]:
        """Open actions grouped by owner, owners with overdue actions first."""
        return by_owner(self.open_actions)

    def page_of(self, action: LedgerEntry) -> Entry:
        """The review page an action belongs to."""
        return self.by_id[action.item.id]

    @cached_property
    def by_id(self) -> dict[str, Entry]:
        """Every entry by its record's id (ids are unique across kinds: generator/load checks)."""
        return {e.id: e for e in self.entries}

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    @property
    def reviews(self) -> list[Entry]:
        """Reviews, newest first."""
        return sorted(self.of_kind("review"), key=lambda e: (e.model.date, e.id), reverse=True)

    @property
    def chapters(self) -> list[Entry]:
        """Chapters in reading order."""
        return sorted(self.of_kind("page"), key=lambda e: (e.model.order is None, e.model.order or 0, e.id))

    @property
    def guidelines(self) -> list[Entry]:
        return sorted(self.of_kind("guideline"), key=lambda e: (e.model.category, e.id))

    @property
    def habits(self) -> list[Entry]:
        return sorted(self.of_kind("habit"), key=lambda e: e.model.person)

    @property
    def documents(self) -> list[Entry]:
        return sorted(self.of_kind("document"), key=lambda e: (e.model.date, e.id), reverse=True)


def page_url(src: str) -> str:
    """Return the directory URL mkdocs gives a Markdown file (use_directory_urls)."""
    stem = src[: -len(".md")]
    if stem == "index":
        return ""
    return (stem[: -len("/index")] if stem.endswith("/index") else stem) + "/"


def relative_link(from_src: str, to_src: str) -> str:
    """Return a Markdown link from one docs file to another; mkdocs turns it into the right URL."""
    return posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")


def relative_url(from_url: str, to_url: str) -> str:
    """Return the URL of one page relative to another, both directory URLs relative to the site root."""
    relative = posixpath.relpath("/" + to_url, "/" + from_url)
    return "./" if relative == "." else relative + ("/" if to_url.endswith("/") else "")


def _unique(slug: str, taken: set[str]) -> str:
    candidate, number = slug, 1
    while candidate in taken or candidate in RESERVED_SLUGS:
        number += 1
        candidate = f"{slug}-{number}"
    taken.add(candidate)
    return candidate


def gather(
    edition: Content,
    audience: str,
    *,
    updated: dict[Path, date] | None = None,
    related: dict[str, list[str]] | None = None,
    downloads: list[Download] | None = None,
    templates: list[Download] | None = None,
    similar: bool = True,
    today: date | None = None,
    cache: Path | None = None,
) -> SiteModel:
    """Collect pages, listings and cross-links for one edition (which holds nothing above audience).

    similar=False leaves out each review's similar reviews, the earlier occurrences of its problems and the
    state of its actions (the browser's search entries show none of them). today decides which actions are
    overdue (default: today). cache: a cache folder (generator/cache.py) keeping the problems' key terms
    and the tags' slugs between builds.

    The three steps are also called one by one (a build stages the search entries from the first alone)."""
    site = gather_records(edition, audience, updated=updated, today=today, cache=cache)
    if similar:
        link_lessons(site, cache)
        link_similar(site, related)
    offer_downloads(site, downloads or [], templates or [])
    return site


def gather_records(
    edition: Content, audience: str, *, updated: dict[Path, date] | None = None, today: date | None = None,
    cache: Path | None = None,
) -> SiteModel:
    """Each record's page, the guidelines reviews cite and the tags: all that the search entries show."""
    updated = updated or {}
    taken: dict[str, set[str]] = defaultdict(set)
    entries: list[Entry] = []
    for item in sorted(edition.items, key=lambda i: (i.kind, i.id)):
        folder = kind_of(item.kind).site_folder
        entries.append(Entry(item, f"{folder}/{_unique(item.slug, taken[folder])}.md", updated.get(item.path)))
    by_id = {e.id: e for e in entries}

    for entry in entries:
        if entry.kind == "review":
            for ref in entry.model.guidelines:
                target = by_id.get(ref)  # absent when the guideline is above this edition's audience
                if target is not None and target.kind == "guideline" and target not in entry.cited:
                    entry.cited.append(target)
                    target.cited_by.append(entry)
    for entry in entries:
        entry.cited_by.sort(key=lambda e: e.model.date, reverse=True)
    tags = _gather_tags(entries, cache)
    return SiteModel(edition, audience, entries, tags, [], [], today or date.today())


def link_lessons(site: SiteModel, cache: Path | None) -> None:
    """Under each problem, the earlier reviews where it happened; each review's actions with their state."""
    reviews = site.of_kind("review")
    _link_recurrences(reviews, cache)
    site.ledger = ledger((e.item for e in reviews), site.today)
    for action in site.ledger:
        site.page_of(action).actions.append(action)
    for entry in reviews:  # in the order the review lists them
        entry.actions.sort(key=lambda a: entry.model.actions.index(a.action))


def link_similar(site: SiteModel, related: dict[str, list[str]] | None) -> None:
    """Each review's similar reviews: from related (by id) when given, else by shared tags."""
    _link_similar(site.of_kind("review"), site.by_id, related)


def offer_downloads(site: SiteModel, downloads: list[Download], templates: list[Download]) -> None:
    site.downloads = _attach_downloads(downloads, site.by_id)
    site.templates = templates


def _link_recurrences(reviews: list[Entry], cache: Path | None) -> None:
    """Under each problem that happened before, the earlier reviews where it did (newest first)."""
    by_item = {id(e.item): e for e in reviews}
    items = [e.item for e in reviews]
    found = kept_recurrences(items, KeptTerms(cache)) if cache is not None else find_recurrences(items)
    for entry in reviews:
        for index in range(len(entry.model.problems)):
            recurrence = found.get((entry.id, index))
            if recurrence is not None:
                entry.recurrences[index] = [Earlier(by_item[id(o.item)], o) for o in recurrence.earlier]


def _link_similar(reviews: list[Entry], by_id: dict[str, Entry], related: dict[str, list[str]] | None) -> None:
    """Give each review 3–5 similar reviews, earlier ones first ("the fix is applied first next time")."""
    by_tag: dict[str, list[Entry]] = defaultdict(list)
    tags_of: dict[str, set[str]] = {}
    for entry in sorted(reviews, key=lambda e: e.model.date, reverse=True):
        tags_of[entry.id] = {normalise(t) for t in entry.model.tags}
        for tag in tags_of[entry.id]:
            by_tag[tag].append(entry)
    for entry in reviews:
        if related is not None and entry.id in related:
            candidates = [by_id[i] for i in related[entry.id] if i in by_id and i != entry.id]
            candidates = [c for c in candidates if c.kind == "review"]
        else:
            candidates = _fallback_similar(entry, tags_of, by_tag)
        past = [c for c in candidates if c.model.date <= entry.model.date]
        later = [c for c in candidates if c.model.date > entry.model.date]
        chosen = past[:SIMILAR_MAX]
        if len(chosen) < SIMILAR_MIN:
            chosen += later[: SIMILAR_MIN - len(chosen)]
        entry.similar = chosen


def _fallback_similar(entry: Entry, tags_of: dict[str, set[str]], by_tag: dict[str, list[Entry]]) -> list[Entry]:
    """Rank by shared tags, then same type, when the search stage is not available (never leaves the edition)."""
    shared: dict[str, int] = defaultdict(int)
    others: dict[str, Entry] = {}
    for tag in tags_of[entry.id]:
        for other in by_tag[tag][:FALLBACK_PER_TAG]:
            if other is not entry:
                shared[other.id] += 1
                others[other.id] = other
    mine = entry.model.type
    return heapq.nlargest(
        SIMILAR_MAX * 2, others.values(), key=lambda o: (2 * shared[o.id] + (o.model.type == mine), o.model.date)
    )


def _gather_tags(entries: list[Entry], cache: Path | None) -> list[Tag]:
    groups: dict[str, list[tuple[str, Entry]]] = defaultdict(list)
    for entry in entries:
        for name in getattr(entry.model, "tags", None) or []:
            groups[normalise(name)].append((name, entry))
    slugs = _tag_slugs(list(groups), cache)
    tags: list[Tag] = []
    taken: set[str] = set()
    for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        spellings = [name for name, _ in groups[key]]
        name = max(set(spellings), key=lambda s: (spellings.count(s), s == key, s))
        tag = Tag(name, f"tags/{_unique(slugs[key], taken)}.md")
        for entry in dict.fromkeys(entry for _, entry in groups[key]):  # once each, in order
            tag.entries.append(entry)
            entry.tags.append(tag)
        tag.entries.sort(key=lambda e: (e.day or date.min, e.id), reverse=True)
        tags.append(tag)
    return tags


def _tag_slugs(keys: list[str], cache: Path | None) -> dict[str, str]:
    """Each tag's slug (pinyin). Kept in the cache folder between builds: making a slug needs pypinyin,
    whose dictionaries take a noticeable part of a one-record rebuild to import."""
    if cache is None:
        return {key: slugify(key) for key in keys}
    kept = CacheFile(SLUGS.cache_file(cache), SLUGS.salt(f"pypinyin {package_version('pypinyin')}"))
    # a tag may hold any character; the cache's names are one plain line
    slugs = {key: kept.get_or_make(digest([key]), functools.partial(slugify, key)) for key in keys}
    kept.save()
    return slugs


def _attach_downloads(downloads: list[Download], by_id: dict[str, Entry]) -> list[Download]:
    """Keep the sample documents of this edition only and name their files after the record's page."""
    kept = []
    for download in downloads:
        entry = by_id.get(download.key)
        if entry is None or entry.kind != "document":
            continue  # a document above this edition's audience: never offered
        stem = posixpath.basename(entry.src)[: -len(".md")]
        download.title = entry.title
        download.docx_name = f"{stem}.docx" if download.docx else ""
        download.spec_name = f"{stem}.yml" if download.spec else ""
        entry.download = download
        kept.append(download)
    return kept


def kind_name(kind: str) -> str:
    return KIND_NAMES.get(kind, kind)
