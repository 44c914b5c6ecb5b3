"""Related records: cosine similarity of tf-idf word vectors, plus shared tags and type.

The word vectors are the engine's own term vectors (jieba words weighted by where they stand), so the
words that make two reviews alike are the ones the index already knows. Whoosh's ``more_like`` would
build one query of a dozen common words per record and score every posting of each: about 40 ms a
record on 1,000 reviews. Keeping each record's strongest words and an inverted list of them answers in
about a millisecond, which a site build asking for every record needs.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass

KEY_TERMS = 15  # strongest words kept per record
POSTINGS_CAP = 200  # per word, only the records where it is strongest: bounds the work per question
SHORTLIST = 60  # records closest in text that the tag and type bonuses may reorder
TAG_BONUS = 0.12  # per shared tag: tags are chosen by people, a strong signal
TYPE_BONUS = 0.05  # same event type (接待, 会议 …) or guideline category


@dataclass(frozen=True)
class DocTerms:
    """What similarity needs of one record."""

    id: str
    kind: str
    tags: frozenset[str]
    types: frozenset[str]
    weights: dict[str, float]


class SimilarityModel:
    """Answer "which records are like this one" for every record of one index edition."""

    def __init__(self, docs: list[DocTerms]) -> None:
        self.docs = {doc.id: doc for doc in docs}
        count = len(docs)
        frequency: dict[str, int] = defaultdict(int)
        for doc in docs:
            for word in doc.weights:
                frequency[word] += 1
        self.top: dict[str, list[tuple[str, float]]] = {}
        self.postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
        self.tagged: dict[str, list[str]] = defaultdict(list)
        for doc in docs:
            scored = {
                word: (1.0 + math.log(weight)) * math.log(1.0 + count / frequency[word])
                for word, weight in doc.weights.items()
                if weight >= 1.0 and frequency[word] > 1  # a word no other record has relates nothing
            }
            strongest = heapq.nlargest(KEY_TERMS, scored.items(), key=lambda pair: pair[1])
            norm = math.sqrt(sum(value * value for _, value in strongest)) or 1.0
            self.top[doc.id] = [(word, value / norm) for word, value in strongest]
            for word, value in self.top[doc.id]:
                self.postings[word].append((doc.id, value))
            for tag in doc.tags:
                self.tagged[tag].append(doc.id)
        for word, entries in self.postings.items():
            if len(entries) > POSTINGS_CAP:
                self.postings[word] = heapq.nlargest(POSTINGS_CAP, entries, key=lambda pair: pair[1])

    def similar(self, record_id: str, n: int, kind: str | None = None) -> list[tuple[str, float]]:
        """Return up to n (id, score) most like record_id, best first; kind None keeps the record's kind."""
        source = self.docs.get(record_id)
        if source is None or n <= 0:
            return []
        wanted = source.kind if kind is None else kind
        scores: dict[str, float] = defaultdict(float)
        for word, value in self.top[record_id]:
            for other, other_value in self.postings[word]:
                scores[other] += value * other_value
        if len(scores) <= n:  # little text in common: records sharing a tag may still be related
            for tag in source.tags:
                for other in self.tagged[tag][:POSTINGS_CAP]:
                    scores.setdefault(other, 0.0)
        scores.pop(record_id, None)
        if wanted != "any":
            scores = {other: score for other, score in scores.items() if self.docs[other].kind == wanted}
        # the bonuses (at most a few tenths) only reorder records already close in text
        shortlist = heapq.nlargest(max(SHORTLIST, 4 * n), scores.items(), key=lambda pair: pair[1])
        candidates = []
        for other, score in shortlist:
            doc = self.docs[other]
            score += TAG_BONUS * len(source.tags & doc.tags) + (TYPE_BONUS if source.types & doc.types else 0.0)
            candidates.append((other, score))
        return heapq.nlargest(n, candidates, key=lambda pair: (pair[1], pair[0]))
