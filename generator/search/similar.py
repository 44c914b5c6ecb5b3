"""Related records: cosine similarity of tf-idf vectors of character bigrams, plus shared tags and type.

A record's "words" here are the overlapping pairs of Chinese characters of its normalised text (and its
ASCII words), weighted by where they stand, as the command-line index weighs its words: a title counts
4, a problem, fix or lesson 2.5, anything else 1 (``record_bigrams``). They come straight from the loaded
records, so a site build needs no search index and no jieba: 2,000 records take about half a second,
where reading them back from a Whoosh index took twenty times as long to build. Keeping each record's
strongest terms and an inverted list of them answers one question in about a millisecond.

A record's strongest words (``key_terms``) depend on the document frequency of its words across the
edition, so they can be kept between builds with that frequency table (see ``related_cache.py``).
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from operator import itemgetter

from generator.search.engine import PASSAGE_BREAK
from generator.search.text import normalise, pieces

KEY_TERMS = 24  # strongest terms kept per record (one bigram is weaker evidence than one word)
POSTINGS_CAP = 120  # per word, only the records where it is strongest: bounds the work per question
SHORTLIST = 60  # records closest in text that the tag and type bonuses may reorder
TAG_BONUS = 0.12  # per shared tag: tags are chosen by people, a strong signal
TYPE_BONUS = 0.05  # same event type (接待, 会议 …) or guideline category

KeyTerms = list[tuple[str, float]]
_BY_SCORE = itemgetter(1, 0)  # (id, score) pairs: highest score first, ties by id
# Weight of a term by where it stands: titles first, then problems, fixes and lessons, then the rest.
GROUP_BOOST = {"title": 4.0, "key": 2.5, "body": 1.0}


def record_bigrams(passages: Iterable[tuple[str, str]]) -> dict[str, float]:
    """Return a record's terms with their weights, from its passages as (group, text).

    Terms are the character bigrams and ASCII words of the normalised text (繁→简, full-width → ASCII);
    a Chinese character alone and a bare number say nothing about a subject and are left out. Each
    passage is read on its own: a bigram never spans the end of one passage and the start of the next.
    """
    by_group: dict[str, list[str]] = defaultdict(list)
    for group, text in passages:
        by_group[group].append(text)
    weights: dict[str, float] = defaultdict(float)
    for group, texts in by_group.items():
        boost = GROUP_BOOST.get(group, 1.0)
        # one call per group (normalising costs per call); the break between passages is no term and no space
        for term, count in Counter(passage_terms(normalise(PASSAGE_BREAK.join(texts)))).items():
            if not term.isdigit():
                weights[term] += boost * count
    return dict(weights)


def passage_terms(normalised: str) -> list[str]:
    """The bigrams of each Han run and the other words of normalised text (gram_tokens' terms of two
    characters or more, without their positions)."""
    found: list[str] = []
    for piece, han in pieces(normalised):
        if han:
            found += [piece[index : index + 2] for index in range(len(piece) - 1)]
        elif len(piece) > 1:
            found.append(piece)
    return found


@dataclass(frozen=True)
class DocTerms:
    """What similarity needs of one record: its word weights, as the engine's term vector holds them."""

    id: str
    kind: str
    tags: frozenset[str]
    types: frozenset[str]
    weights: dict[str, float]


@dataclass(frozen=True)
class Profile:
    """One record as similarity keeps it: its filters and its strongest words, normalised."""

    id: str
    kind: str
    tags: frozenset[str]
    types: frozenset[str]
    top: KeyTerms


def document_frequency(word_sets: Iterable[Iterable[str]]) -> dict[str, int]:
    """Count, for every word, the records that contain it."""
    frequency: dict[str, int] = defaultdict(int)
    for words in word_sets:
        for word in words:
            frequency[word] += 1
    return dict(frequency)


def key_terms(weights: Mapping[str, float], frequency: Mapping[str, int], count: int) -> KeyTerms:
    """Return a record's KEY_TERMS strongest words by tf-idf, as a unit vector, strongest first."""
    scored = {
        word: (1.0 + math.log(weight)) * math.log(1.0 + count / frequency[word])
        for word, weight in weights.items()
        if weight >= 1.0 and frequency.get(word, 0) > 1  # a word no other record has relates nothing
    }
    strongest = heapq.nlargest(KEY_TERMS, scored.items(), key=_BY_SCORE)
    norm = math.sqrt(sum(value * value for _, value in strongest)) or 1.0
    return [(word, value / norm) for word, value in strongest]


class SimilarityModel:
    """Answer "which records are like this one" for every record of one index edition."""

    def __init__(self, profiles: Iterable[Profile]) -> None:
        self.docs: dict[str, Profile] = {}
        self.top: dict[str, KeyTerms] = {}
        # every record holding a word among its strongest, and (capped) the ones where it is strongest
        self.holders: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self.postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self.tagged: dict[str, list[str]] = defaultdict(list)  # sorted: similar() takes the first ones
        self.kinds: Counter[str] = Counter()  # records per kind: a question needs no kind filter when all match
        self.update(profiles)

    def update(self, profiles: Iterable[Profile], removed: Iterable[str] = ()) -> None:
        """Add or replace these records and drop the removed ones: the model is then as if built anew."""
        profiles = sorted(profiles, key=lambda p: p.id)
        words: set[str] = set()
        for record_id in [*removed, *(p.id for p in profiles)]:
            old = self.docs.pop(record_id, None)
            if old is None:
                continue
            del self.top[record_id]
            self.kinds[old.kind] -= 1
            for word, _ in old.top:
                self.holders[word] = [entry for entry in self.holders[word] if entry[0] != record_id]
                words.add(word)
            for tag in old.tags:
                self.tagged[tag].remove(record_id)
        for doc in profiles:
            self.docs[doc.id] = doc
            self.top[doc.id] = doc.top
            self.kinds[doc.kind] += 1
            for word, value in doc.top:
                self.holders[word].append((doc.id, value))
                words.add(word)
            for tag in doc.tags:
                bisect.insort(self.tagged[tag], doc.id)
        for word in words:
            entries = self.holders[word]
            if not entries:
                del self.holders[word], self.postings[word]
            elif len(entries) > POSTINGS_CAP:
                self.postings[word] = heapq.nlargest(POSTINGS_CAP, entries, key=_BY_SCORE)
            else:
                self.postings[word] = entries

    @classmethod
    def from_terms(cls, docs: list[DocTerms]) -> SimilarityModel:
        """Build the model of an edition from every record's word weights."""
        frequency = document_frequency(doc.weights for doc in docs)
        return cls(profile(doc, key_terms(doc.weights, frequency, len(docs))) for doc in docs)

    def bonus(self, record_id: str, other_id: str) -> float:
        """Score added for tags and type the two records share (symmetric)."""
        source, other = self.docs[record_id], self.docs[other_id]
        return TAG_BONUS * len(source.tags & other.tags) + (TYPE_BONUS if source.types & other.types else 0.0)

    def similar(self, record_id: str, n: int, kind: str | None = None) -> list[tuple[str, float]]:
        """Return up to n (id, score) most like record_id, best first; kind None keeps the record's kind."""
        source = self.docs.get(record_id)
        if source is None or n <= 0:
            return []
        wanted = source.kind if kind is None else kind
        scores: dict[str, float] = {}
        add, postings = scores.get, self.postings  # the innermost loop of a site build: names bound once
        for word, value in self.top[record_id]:
            for other, other_value in postings[word]:
                scores[other] = add(other, 0.0) + value * other_value
        if len(scores) <= n:  # little text in common: records sharing a tag may still be related
            for tag in source.tags:
                for other in self.tagged[tag][:POSTINGS_CAP]:
                    scores.setdefault(other, 0.0)
        scores.pop(record_id, None)
        if wanted != "any" and self.kinds[wanted] != len(self.docs):
            scores = {other: score for other, score in scores.items() if self.docs[other].kind == wanted}
        # the bonuses (at most a few tenths) only reorder records already close in text
        shortlist = heapq.nlargest(max(SHORTLIST, 4 * n), scores.items(), key=_BY_SCORE)
        candidates = [(other, score + self.bonus(record_id, other)) for other, score in shortlist]
        return heapq.nlargest(n, candidates, key=_BY_SCORE)

    def reach(self, record_id: str) -> dict[str, float]:
        """Return the score every other record's own question would give record_id (with bonuses).

        This is similar() seen from the other side: it tells whose lists record_id may now enter.
        Records sharing only a tag are included with their bonus, as similar() may fall back on them.
        """
        source = self.docs.get(record_id)
        if source is None:
            return {}
        scores: dict[str, float] = defaultdict(float)
        for word, value in self.top[record_id]:
            postings = self.postings[word]
            if postings is not self.holders[word] and all(other != record_id for other, _ in postings):
                continue  # capped out of this word's list: no other record finds it through the word
            for other, other_value in self.holders[word]:
                scores[other] += value * other_value
        for tag in source.tags:
            for other in self.tagged[tag]:
                scores.setdefault(other, 0.0)
        scores.pop(record_id, None)
        return {other: score + self.bonus(record_id, other) for other, score in scores.items()}


def profile(doc: DocTerms, top: KeyTerms) -> Profile:
    return Profile(doc.id, doc.kind, doc.tags, doc.types, top)
