"""Evaluate a query straight from Whoosh's postings: sets for matching, a few sums for ranking.

Whoosh's own matchers score every matching posting through several layers of Python objects and
check phrases position by position for every candidate; on 5,000 reviews where a common word like 席卡
occurs in a quarter of them, that is 50–250 ms a query. Here each term costs one pass over its posting
lists; positions are read only for the few records that contain the term's characters but not the
jieba words it is made of. The matching rules are the ones in ``whoosh_engine``:

* a term matches a record that contains it as a substring (its character bigrams, consecutive), or
  that contains every indexed word the term is made of;
* every term must match (if no record has them all, any term may, and the result says so).

Ranking: a word's weight already counts where it stands (title 4, problems/fixes/lessons 2.5, other
1); each word adds idf × saturated weight (BM25 without length normalisation). Holding the term itself
(its bigrams) adds half the term's idf, so 会议通知 ranks records with that phrase above records that
merely mention 会议 and 通知; a record matching only as a substring inside other words gets that half.
"""

from __future__ import annotations

import heapq
import math
from typing import Any

from whoosh.matching.wrappers import FilterMatcher

from generator.search.text import cover_words, is_cjk_run, run_bigrams, term_pieces

K1 = 1.2  # BM25 term-frequency saturation
SUBSTRING_SHARE = 0.5


class PostingsQuery:
    """Answer queries against one open Whoosh searcher."""

    def __init__(self, searcher: Any, word_field: str = "all_w", gram_field: str = "all_g") -> None:
        self.searcher = searcher
        self.reader = searcher.reader()
        self.word_field = word_field
        self.gram_field = gram_field
        self.count = max(1, self.reader.doc_count())
        self.leaves = self.reader.leaf_readers()

    # ------------------------------------------------------------ postings

    def _postings(self, field: str, text: str, weighted: bool) -> tuple[list[int], list[float]]:
        """All (document numbers, weights) of a term, read a block at a time, deleted records left out."""
        ids: list[int] = []
        weights: list[float] = []
        for leaf, base in self.leaves:
            if (field, text) not in leaf:
                continue
            matcher = leaf.postings(field, text)
            deleted: frozenset[int] = frozenset()
            if isinstance(matcher, FilterMatcher):  # the reader hides deleted records this way: do it below
                matcher, deleted = matcher.child, frozenset(leaf.deleted_docs_set)
            start = len(ids)
            read_blocks(matcher, ids, weights if weighted else None)
            if deleted:
                keep = [i for i in range(start, len(ids)) if ids[i] not in deleted]
                if weighted:
                    weights[start:] = [weights[i] for i in keep]
                ids[start:] = [ids[i] for i in keep]
            if base:
                ids[start:] = [base + docnum for docnum in ids[start:]]
        return ids, weights

    def _weights(self, field: str, text: str) -> dict[int, float]:
        ids, weights = self._postings(field, text, weighted=True)
        return dict(zip(ids, weights, strict=True))

    def _ids(self, field: str, text: str) -> set[int]:
        return set(self._postings(field, text, weighted=False)[0])

    def _idf(self, matching: int) -> float:
        return math.log(1.0 + self.count / max(1, matching))

    # ------------------------------------------------------------ one term

    def words_of(self, term: str) -> list[str]:
        """The indexed words the term is made of (empty if it cannot be cut into indexed words)."""
        return cover_words(term, lambda word: (self.word_field, word) in self.reader)

    def term_scores(self, term: str, words: list[str]) -> dict[int, float]:
        """Score every record that matches one normalised query term."""
        scores = self._word_scores(words)
        candidates, phrases = self._gram_candidates(term)
        if not candidates:
            return scores
        share = SUBSTRING_SHARE * self._idf(len(candidates))
        # Records that have the words anyway and all the term's bigrams almost surely hold the term
        # itself: the bonus ranks them above records where the words stand apart. No positions read.
        for docnum in candidates & scores.keys():
            scores[docnum] += share
        # Elsewhere the bigrams must be checked to stand one after another: the recall guarantee.
        outside = candidates - scores.keys()
        for grams in phrases:
            outside = self._consecutive(grams, outside)
        for docnum in outside:
            scores[docnum] = share
        return scores

    def _word_scores(self, words: list[str]) -> dict[int, float]:
        if not words:
            return {}
        postings = sorted((self._weights(self.word_field, word) for word in dict.fromkeys(words)), key=len)
        if not postings[0]:
            return {}
        scores: dict[int, float] = {}
        common = set(postings[0]).intersection(*postings[1:])
        for weights in postings:
            idf = self._idf(len(weights))
            for docnum in common:
                weight = weights[docnum]
                scores[docnum] = scores.get(docnum, 0.0) + idf * weight * (K1 + 1.0) / (weight + K1)
        return scores

    def _gram_candidates(self, term: str) -> tuple[set[int], list[list[str]]]:
        """Records with every bigram (and ASCII word) of the term, and the bigram runs to check in order."""
        found: set[int] | None = None
        phrases: list[list[str]] = []
        for piece in term_pieces(term):
            if not is_cjk_run(piece):
                docs = self._ids(self.gram_field, piece)
            elif len(piece) == 1:
                docs = set()
                for gram in self.reader.expand_prefix(self.gram_field, piece):
                    docs |= self._ids(self.gram_field, gram.decode() if isinstance(gram, bytes) else gram)
            else:
                grams = run_bigrams(piece)
                sets = sorted((self._ids(self.gram_field, gram) for gram in dict.fromkeys(grams)), key=len)
                docs = sets[0].intersection(*sets[1:])
                if len(grams) > 1:
                    phrases.append(grams)
            found = docs if found is None else found & docs
            if not found:
                return set(), []
        return found or set(), phrases

    def _consecutive(self, grams: list[str], candidates: set[int]) -> set[int]:
        """Keep the candidates where the bigrams stand one after another (the term itself is there)."""
        if not candidates:
            return candidates
        matchers = [self.reader.postings(self.gram_field, gram) for gram in grams]
        kept = set()
        for docnum in sorted(candidates):
            positions = []
            for matcher in matchers:
                matcher.skip_to(docnum)
                positions.append(set(matcher.value_as("positions")))
            if any(all(start + offset in positions[offset] for offset in range(1, len(grams)))
                   for start in positions[0]):
                kept.add(docnum)
        return kept

    # ------------------------------------------------------------ whole query

    def run(self, terms: list[str], allowed: set[int] | None, limit: int) -> tuple[list[tuple[int, float]], int, bool, list[str]]:
        """Return (top (docnum, score), number matching, partial?, words used) for normalised terms."""
        per_term, words_used = [], []
        for term in terms:
            words = self.words_of(term)
            words_used += words
            scores = self.term_scores(term, words)
            if allowed is not None:
                scores = {docnum: score for docnum, score in scores.items() if docnum in allowed}
            per_term.append(scores)
        matching = set(per_term[0]).intersection(*per_term[1:]) if per_term else set()
        partial = False
        if not matching and len(per_term) > 1:
            matching = set().union(*per_term)
            partial = bool(matching)
        if len(per_term) == 1:
            totals = per_term[0]
        else:
            totals = {docnum: sum(scores.get(docnum, 0.0) for scores in per_term) for docnum in matching}
        top = heapq.nlargest(limit, totals.items(), key=lambda pair: (pair[1], -pair[0]))
        return top, len(totals), partial, words_used


def read_blocks(matcher: Any, ids: list[int], weights: list[float] | None) -> None:
    """Append a posting list's ids (and weights) to the lists.

    Whoosh's leaf matchers hold a block of up to 128 postings as arrays; taking them a block at a
    time is some fifty times faster than stepping posting by posting through the matcher's methods.
    Matchers without blocks (a term seen once is stored inline) are stepped through.
    """
    if all(hasattr(matcher, name) for name in ("_read_ids", "_read_weights", "_next_block")):
        while matcher.is_active():
            matcher._read_ids()
            ids.extend(matcher._ids)
            if weights is not None:
                matcher._read_weights()
                weights.extend(matcher._weights)
            matcher._next_block()
        return
    while matcher.is_active():
        ids.append(matcher.id())
        if weights is not None:
            weights.append(matcher.weight())
        matcher.next()
