"""Related records of a whole edition, kept from one build to the next and updated record by record.

A site build asks every review for its similar reviews. From scratch that means weighing every
record's bigrams (~0.5 s at 2,000 records) and asking the model once per review (~2 s), after what
is usually a one-record edit. So the answers are kept — in memory for a long-running ``handbook serve``,
and in ``<edition>/related.json`` for the next process — with what produced them: each record's digest,
kind, tags, types, every word (to take it out of the frequency table again) and strongest words, and
the frequency table and record count those strongest words were weighed with.

Each call compares the edition's records (by digest) with the cache:

* nothing changed: the cached lists are the answer;
* records changed, added or removed, at most DRIFT_SHARE of the edition since the last full computation:
  only their terms are read and their strongest words weighed again, with the frequency table
  updated by the change — as are the strongest words of a record holding a word that has just become
  shared or unshared (a word held by one record relates nothing, so this decides whether two records
  can meet at all). Then only these lists are asked again: the changed records' own, those that name a
  changed or removed record, and those a changed record would now enter (``SimilarityModel.reach``);
* otherwise (no cache, a damaged one, another version, n or kind, too much drift): everything is
  computed afresh and the drift starts again from nothing.

Trade-off: an untouched record keeps the strongest words weighed with the idf of its last computation,
and a list not asked again does not see second-order effects (a record pushed out of a capped posting
list, a tag-only neighbour). So after incremental updates an untouched record's list may differ slightly
from a cold computation; the drift limit bounds how far. The result is deterministic for a given cache
and content, whether the cache was kept in memory or read from the file.

Audience: each edition has a cache folder of its own (``build/index/related/<audience>/``, never part
of a site) holding only that edition's records; every list is filtered by the edition's current
records on return.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from generator.cache import SEARCH
from generator.search.engine import Hit
from generator.search.similar import (
    DocTerms,
    KeyTerms,
    Profile,
    SimilarityModel,
    document_frequency,
    key_terms,
    profile,
    record_bigrams,
)
from generator.search.text import analyzer_version, normalise
from generator.session import Session

if TYPE_CHECKING:
    from generator.load import Content, Item
    from generator.search.engine import IndexDoc

CACHE_FILE = "related.json"
DRIFT_SHARE = 0.05  # share of records changed since the last full computation beyond which it is done again


@dataclass
class RelatedCard:
    """One record as the related-lists cache keeps it (not the model's Record: its digest, profile and words)."""

    digest: str
    profile: Profile
    words: str  # every term of the record, space separated (bigrams and ASCII words hold no space)


@dataclass
class EditionCache:
    """What the related lists of one edition were computed from, and the lists asked so far."""

    index: str  # the index version (analyzer) the term vectors came from
    n: int
    kind: str | None
    count: int  # records counted by frequency
    frequency: dict[str, int]
    records: dict[str, RelatedCard]
    lists: dict[str, list[tuple[str, float]]]
    drift: set[str]  # records changed, added or removed since the last full computation
    cards: dict[str, tuple[str, Hit]] = field(default_factory=dict)  # id → (digest, the record as lists show it)
    # kept in memory only
    model: SimilarityModel | None = None
    shown: dict[str, list[Hit]] = field(default_factory=dict)  # id → its list as Hits
    encoded: dict[str, str] = field(default_factory=dict)  # id → its entry in the file
    dirty: bool = True  # differs from the file

    def forget_list(self, record_id: str) -> None:
        self.lists.pop(record_id, None)
        self.shown.pop(record_id, None)
        self.encoded.pop(record_id, None)
        self.dirty = True

    def put(self, record_id: str, record: RelatedCard) -> None:
        self.records[record_id] = record
        self.forget_list(record_id)

    def remove(self, record_id: str) -> None:
        del self.records[record_id]
        self.cards.pop(record_id, None)
        self.forget_list(record_id)


@dataclass
class RelatedStats:
    """What one related_lists call did for an edition."""

    mode: str = "full"  # "full", "incremental" or "unchanged"
    source: str = "none"  # where the cache came from: "memory", "file" or "none"
    changed: int = 0
    added: int = 0
    removed: int = 0
    reweighed: int = 0  # records whose strongest words were weighed (again)
    computed: int = 0  # lists asked of the model
    drift: int = 0  # records changed since the last full computation
    saved: bool = False
    seconds: float = 0.0


def last_stats(directory: Path, session: Session) -> RelatedStats | None:
    """What the session's last related_lists call did for the edition folder."""
    stats: RelatedStats | None = session.related_stats.get(directory.absolute())
    return stats


def forget(session: Session, directory: Path | None = None) -> None:
    """Drop the session's in-memory lists of one edition folder (None: all), as a new process would start."""
    with session.related_lock:
        if directory is None:
            session.related_reviews.clear()
        else:
            session.related_reviews.pop(directory.absolute(), None)


def drift_limit(records: int) -> int:
    return max(1, int(DRIFT_SHARE * records))


def edition_digests(content: Content, audience: str) -> dict[str, str]:
    """Map every record of the audience's edition to the digest its index document was made from."""
    from generator.model.records import AUDIENCE_RANK
    from generator.search.documents import document_digest

    rank = AUDIENCE_RANK[audience]
    return {item.id: document_digest(item) for item in content.items if AUDIENCE_RANK[item.audience] <= rank}


def similarity_version() -> str:
    """Name what the kept lists were computed with (the search code, the rule set, the tokeniser's
    libraries: SEARCH's salt); a cache of another version is computed afresh."""
    return SEARCH.salt("bigrams", analyzer_version())


class EditionRecords:
    """The records of one edition as similarity reads them, made from the loaded records on demand."""

    def __init__(self, items: Iterable[Item]) -> None:
        self.items = {item.id: item for item in items}
        self._docs: dict[str, IndexDoc] = {}

    def _doc(self, record_id: str) -> IndexDoc:
        from generator.search.documents import to_document

        doc = self._docs.get(record_id)
        if doc is None:
            doc = self._docs[record_id] = to_document(self.items[record_id])
        return doc

    def terms(self, ids: list[str] | None) -> list[DocTerms]:
        """Each record's bigram weights, tags and types (None: every record); unknown ids are skipped."""
        found = []
        for record_id in self.items if ids is None else [i for i in ids if i in self.items]:
            doc = self._doc(record_id)
            weights = record_bigrams((p.group, p.text) for p in doc.passages)
            found.append(DocTerms(doc.id, doc.kind, frozenset(_keys(doc.tags)), frozenset(_keys(doc.types)), weights))
        return found

    def cards(self, ids: list[str]) -> dict[str, Hit]:
        """Each known id's record as a list of related records shows it: title, date, summary."""
        from generator.search.snippets import make_snippet

        found = {}
        for record_id in ids:
            if record_id in self.items:
                doc = self._doc(record_id)
                snippet, _ = make_snippet([(p.label, p.text, p.group) for p in doc.passages], [], [])
                found[record_id] = Hit(doc.id, doc.kind, doc.title, doc.date, 0.0, snippet, doc.path, doc.type)
        return found


def _keys(values: list[str]) -> list[str]:
    """Tags and types as they are compared: normalised (繁→简, case), never empty."""
    return [normalise(value).strip() for value in values if value.strip()]


def related_lists(source: EditionRecords, directory: Path, current: dict[str, str], ids: list[str],
                  n: int, kind: str | None, session: Session) -> dict[str, list[Hit]]:
    """Return up to n related records for each id, from the cache where it still holds.

    current maps each record of the edition to its digest (source holds these records); the lists are
    kept in directory, and in the session's memory (session.related_reviews) between calls.
    """
    return _asked(source, directory, current, ids, n, kind, session, _hits)


def related_ids(source: EditionRecords, directory: Path, current: dict[str, str], ids: list[str],
                n: int, kind: str | None, session: Session) -> dict[str, list[str]]:
    """The ids related_lists would return, without making the cards a list shows (a site build needs
    only the ids: it shows each record from its own page)."""
    return _asked(source, directory, current, ids, n, kind, session, _ids)


Answer = TypeVar("Answer")


def _asked(source: EditionRecords, directory: Path, current: dict[str, str], ids: list[str], n: int,
           kind: str | None, session: Session,
           answer: Callable[[EditionRecords, EditionCache, dict[str, str], list[str]], dict[str, list[Answer]]],
           ) -> dict[str, list[Answer]]:
    """Bring the kept lists up to date for ids, then answer them (as Hits, or as ids)."""
    directory = directory.absolute()
    with session.related_lock:  # one call at a time updates the session's lists
        started = time.perf_counter()
        stats = RelatedStats()
        cache = previous = _recall(session.related_reviews.get(directory), directory, n, kind, stats)
        if cache is not None:
            changed = {i for i, digest in current.items() if i in cache.records and cache.records[i].digest != digest}
            added = current.keys() - cache.records.keys()
            removed = cache.records.keys() - current.keys()
            stats.changed, stats.added, stats.removed = len(changed), len(added), len(removed)
            if len(cache.drift | changed | added | removed) > drift_limit(len(current)):
                cache = None
            elif changed or added or removed:
                _update(source, cache, current, changed, added, removed, stats)
                stats.mode = "incremental"
            else:
                stats.mode = "unchanged"
        if cache is None:
            cache = _compute(source, current, n, kind, previous, stats)
        session.related_reviews[directory] = cache
        for record_id in ids:
            if record_id in cache.records and record_id not in cache.lists:
                cache.lists[record_id] = _model(cache).similar(record_id, n, kind)
                cache.encoded.pop(record_id, None)
                cache.dirty = True
                stats.computed += 1
        found = answer(source, cache, current, ids)
        if cache.dirty or not (directory / CACHE_FILE).exists():
            stats.saved = _save(directory / CACHE_FILE, cache)
        stats.drift = len(cache.drift)
        stats.seconds = time.perf_counter() - started
        session.related_stats[directory] = stats
        return found


def _recall(
    cache: EditionCache | None, directory: Path, n: int, kind: str | None, stats: RelatedStats
) -> EditionCache | None:
    """The lists kept in memory, else those in the edition folder, when made for the same version, n and kind."""
    wanted = (similarity_version(), n, kind)
    if cache is not None and (cache.index, cache.n, cache.kind) == wanted:
        stats.source = "memory"
        return cache
    cache = _load(directory / CACHE_FILE)
    if cache is not None and (cache.index, cache.n, cache.kind) == wanted:
        stats.source = "file"
        return cache
    return None


def _compute(source: EditionRecords, current: dict[str, str], n: int, kind: str | None,
             previous: EditionCache | None, stats: RelatedStats) -> EditionCache:
    """Weigh every record's words afresh; the lists are asked as they are needed."""
    docs = [doc for doc in source.terms(None) if doc.id in current]
    frequency = document_frequency(doc.weights for doc in docs)
    records = {doc.id: _record(doc, current[doc.id], frequency, len(docs)) for doc in docs}
    cache = EditionCache(similarity_version(), n, kind, len(docs), frequency, records, {}, set())
    if previous is not None:  # a record's card depends on its digest alone
        cache.cards = {i: card for i, card in previous.cards.items() if current.get(i) == card[0]}
    _model(cache)
    stats.mode, stats.reweighed = "full", len(records)
    return cache


def _update(source: EditionRecords, cache: EditionCache, current: dict[str, str],
            changed: set[str], added: set[str], removed: set[str], stats: RelatedStats) -> None:
    """Weigh the changed and added records' words again and forget the lists they may change."""
    before: dict[str, int] = {}

    def count(word: str, step: int) -> None:
        before.setdefault(word, cache.frequency.get(word, 0))
        cache.frequency[word] = cache.frequency.get(word, 0) + step

    for record_id in sorted(changed | removed):
        for word in cache.records[record_id].words.split():
            count(word, -1)
    docs = source.terms(sorted(changed | added))
    for doc in docs:
        for word in doc.weights:
            count(word, +1)
    for word in before:
        if cache.frequency[word] <= 0:
            del cache.frequency[word]
    # A word held by one record relates nothing: where a word has just become shared, or is left to one
    # record, the other records holding it are weighed again, or two records now alike could not meet.
    crossed = {word for word, old in before.items() if (old > 1) != (cache.frequency.get(word, 0) > 1)}
    touched = changed | added
    docs += source.terms(sorted(_holding(cache, crossed) - touched - removed))
    fresh = {doc.id for doc in docs}
    gone = (changed | removed) - fresh  # removed, or changed and vanished from the index meanwhile
    for record_id in gone:
        cache.remove(record_id)
    cache.count = len(cache.records.keys() | fresh)
    for doc in docs:
        cache.put(doc.id, _record(doc, current[doc.id], cache.frequency, cache.count))
    if cache.model is not None:  # a model read from the file is made whole, with the new profiles, below
        cache.model.update((cache.records[record_id].profile for record_id in fresh), gone)
    model = _model(cache)
    moved = fresh | touched | gone
    stale = set(fresh)
    for record_id, listed in cache.lists.items():
        if any(other in moved for other, _ in listed):
            stale.add(record_id)
    for record_id in sorted(fresh):
        stale |= _entered(model, cache, record_id)
    for record_id in stale:
        cache.forget_list(record_id)
    cache.drift |= touched | removed
    stats.reweighed = len(docs)


def _holding(cache: EditionCache, words: set[str]) -> set[str]:
    """The records holding any of words."""
    if not words:
        return set()
    return {record_id for record_id, record in cache.records.items() if not words.isdisjoint(record.words.split())}


def _entered(model: SimilarityModel, cache: EditionCache, record_id: str) -> set[str]:
    """Records whose cached list record_id may now enter: it would score at least their last entry."""
    source = model.docs[record_id]
    entered = set()
    for other, score in model.reach(record_id).items():
        listed = cache.lists.get(other)
        if listed is None:
            continue
        wanted = model.docs[other].kind if cache.kind is None else cache.kind
        if wanted != "any" and source.kind != wanted:
            continue
        if len(listed) < cache.n or score >= listed[-1][1]:
            entered.add(other)
    return entered


def _record(doc: DocTerms, digest: str, frequency: dict[str, int], count: int) -> RelatedCard:
    return RelatedCard(digest, profile(doc, key_terms(doc.weights, frequency, count)), " ".join(sorted(doc.weights)))


def _model(cache: EditionCache) -> SimilarityModel:
    if cache.model is None:
        cache.model = SimilarityModel(record.profile for record in cache.records.values())
    return cache.model


def _hits(source: EditionRecords, cache: EditionCache, current: dict[str, str],
          ids: list[str]) -> dict[str, list[Hit]]:
    """The asked lists as Hits, holding only records of the edition as it is now."""
    unshown = [record_id for record_id in dict.fromkeys(ids) if record_id in current and record_id not in cache.shown]
    missing = {
        other for record_id in unshown for other, _ in cache.lists.get(record_id, ())
        if other in current and cache.cards.get(other, ("",))[0] != current[other]
    }
    for record_id, fetched in source.cards(sorted(missing)).items():
        cache.cards[record_id] = (current[record_id], fetched)
        cache.encoded.pop(record_id, None)
        cache.dirty = True
    for record_id in unshown:
        hits = []
        for other, score in cache.lists.get(record_id, ()):
            digest, card = cache.cards.get(other, ("", None))
            if card is not None and digest == current.get(other):
                hits.append(_scored(card, score))
        cache.shown[record_id] = hits
    # the lists were made for the edition as it was: this keeps every record now outside it out
    return {record_id: [hit for hit in cache.shown.get(record_id, ()) if hit.id in current] if record_id in current
            else [] for record_id in ids}


def _ids(source: EditionRecords, cache: EditionCache, current: dict[str, str], ids: list[str]) -> dict[str, list[str]]:
    """The asked lists as ids, holding only records of the edition as it is now (as _hits does)."""
    return {record_id: [other for other, _ in cache.lists.get(record_id, ()) if other in current]
            if record_id in current else [] for record_id in ids}


def _scored(card: Hit, score: float) -> Hit:
    return Hit(card.id, card.kind, card.title, card.date, round(score, 3), card.snippet, card.path, card.type)


# ------------------------------------------------------------ the file


def _pairs(values: Iterable[Any]) -> KeyTerms:
    return [(str(word), float(value)) for word, value in values]


def _load(path: Path) -> EditionCache | None:
    """Read the cache file; None if it is missing, damaged or of another version."""
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        if data["version"] != similarity_version():
            return None
        kind = data["kind"]
        cache = EditionCache(
            str(data["index"]), int(data["n"]), None if kind is None else str(kind), int(data["count"]),
            {str(word): int(value) for word, value in data["frequency"].items()}, {}, {}, set(map(str, data["drift"])),
            dirty=False,
        )
        for record_id, entry in data["records"].items():
            kind, digest = str(entry["kind"]), str(entry["digest"])
            tags, types = frozenset(map(str, entry["tags"])), frozenset(map(str, entry["types"]))
            cache.records[record_id] = RelatedCard(digest, Profile(record_id, kind, tags, types, _pairs(entry["top"])),
                                              str(entry["words"]))
            if entry["related"] is not None:
                cache.lists[record_id] = _pairs(entry["related"])
            if entry["card"] is not None:
                title, day, where, shown_type, snippet = map(str, entry["card"])
                cache.cards[record_id] = (digest, Hit(record_id, kind, title, day or None, 0.0, snippet, where,
                                                      shown_type))
        cache.encoded = _entries(text, cache.records.keys())
        return cache
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _entries(text: str, ids: Iterable[str]) -> dict[str, str]:
    """Each record's entry as the file holds it, one a line (see _save), so that a rebuild in a new process
    writes again only the entries it changed; nothing when the file is not laid out that way."""
    lines = text.split("\n")[1:-1]
    found = {}
    for line in lines:
        entry = line.removesuffix(",")
        try:
            record_id, end = _DECODER.raw_decode(entry)
        except ValueError:
            return {}
        if not isinstance(record_id, str) or entry[end : end + 1] != ":":
            return {}
        found[record_id] = entry
    return found if found.keys() == set(ids) and len(found) == len(lines) else {}


_DECODER = json.JSONDecoder()


def _encoded(cache: EditionCache, record_id: str) -> str:
    """One record's entry in the file, made again only when the record, its list or its card changed."""
    text = cache.encoded.get(record_id)
    if text is None:
        record = cache.records[record_id]
        digest, card = cache.cards.get(record_id, ("", None))
        entry = {
            "digest": record.digest,
            "kind": record.profile.kind,
            "tags": sorted(record.profile.tags),
            "types": sorted(record.profile.types),
            "words": record.words,
            "top": record.profile.top,
            "related": cache.lists.get(record_id),
            "card": [card.title, card.date or "", card.path, card.type, card.snippet]
            if card is not None and digest == record.digest else None,
        }
        text = cache.encoded[record_id] = _json(record_id) + ":" + _json(entry)
    return text


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _save(path: Path, cache: EditionCache) -> bool:
    """Write the cache atomically (entries kept encoded in memory: a one-record change writes fast)."""
    from generator.atomic import atomic_write_bytes

    head = _json({"version": similarity_version(), "index": cache.index, "n": cache.n, "kind": cache.kind,
                  "count": cache.count, "drift": sorted(cache.drift), "frequency": cache.frequency})
    records = ",\n".join(_encoded(cache, record_id) for record_id in sorted(cache.records))
    try:  # one record a line: a new process keeps each line as it is until its record changes (_entries)
        atomic_write_bytes(path, f'{head[:-1]},"records":{{\n{records}\n}}}}'.encode())
    except OSError:  # the edition folder was swapped by a rebuild meanwhile: the cache is only a shortcut
        return False
    cache.dirty = False
    return True
