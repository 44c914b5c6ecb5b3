"""Evaluate a query straight from Whoosh's postings: sets for matching, a few sums for ranking.

Whoosh's own matchers score every matching posting through several layers of Python objects; here each
term costs one pass over its posting lists, and positions are read only for records that hold all the
characters of a query word. The matching rules (generator/search/text.py says what "contains" means):

* **exact** — the record's normalised text holds every query word. A Han word is found as its bigrams
  standing one after another (a single character: any bigram starting with it), a word of letters and
  digits as a stretch of an indexed word (9704 in gb9704); a word mixing them or holding punctuation is
  narrowed down by its pieces and then looked for in the record's own passages.
* **words** — the record is not exact, but holds, for every query word, either the word itself or every
  indexed jieba word the query word is made of (会议通知 → 会议, 通知), apart.

Exact records come first, then the others. Ranking within each: a word's weight already counts where
it stands (title 4, problems/fixes/lessons 2.5, other 1); each word adds idf × saturated weight (BM25
without length normalisation); holding the query word itself adds half its idf.
"""

from __future__ import annotations

import heapq
import math
from typing import Any

from whoosh.matching.wrappers import FilterMatcher

from generator.adapters.whoosh_private import read_postings
from generator.search.engine import EXACT, SOME, WORDS
from generator.search.text import HAN_RUN, contains, cover_words, normalise, pieces, run_bigrams

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
        self._texts: dict[int, list[str]] = {}  # normalised passages of records checked by text

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
            read_postings(matcher, ids, weights if weighted else None)
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

    def _han_run(self, run: str) -> set[int]:
        """Records whose normalised text holds this run of Han characters."""
        if len(run) == 1:
            docs: set[int] = set()
            for gram in self.reader.expand_prefix(self.gram_field, run):
                docs |= self._ids(self.gram_field, gram.decode() if isinstance(gram, bytes) else gram)
            return docs
        grams = run_bigrams(run)
        sets = sorted((self._ids(self.gram_field, gram) for gram in dict.fromkeys(grams)), key=len)
        found = sets[0].intersection(*sets[1:])
        return self._consecutive(grams, found) if len(grams) > 1 else found

    def _other_word(self, piece: str) -> set[int]:
        """Records with an indexed word (not Han) that holds piece: 9704 is in gb9704."""
        docs: set[int] = set()
        for term in self.reader.lexicon(self.gram_field):
            text = term.decode() if isinstance(term, bytes) else term
            if piece in text and not HAN_RUN.match(text):
                docs |= self._ids(self.gram_field, text)
        return docs

    def exact(self, word: str, allowed: set[int] | None) -> set[int]:
        """Records whose normalised text holds the normalised query word."""
        found: set[int] | None = allowed
        simple = True
        for piece, han in pieces(word):
            docs = self._han_run(piece) if han else self._other_word(piece)
            found = docs if found is None else found & docs
            simple = simple and piece == word  # one Han run or one word of letters and digits: exact as is
            if not found:
                return set()
        if found is None:  # nothing but punctuation: every record is a candidate
            found = {docnum for docnum in range(self.reader.doc_count_all()) if not self.reader.is_deleted(docnum)}
        if simple:
            return found
        return {docnum for docnum in found if contains(self._normalised(docnum), word)}

    def _normalised(self, docnum: int) -> list[str]:
        if docnum not in self._texts:
            passages = self.searcher.stored_fields(docnum)["passages"]
            self._texts[docnum] = [normalise(text) for _, text, _ in passages]
        return self._texts[docnum]

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

    def run(self, terms: list[str], allowed: set[int] | None, limit: int,
            fallback: bool = False) -> tuple[list[tuple[int, float, str]], int, int, list[str]]:
        """Return (top (docnum, score, match), number found, number exact, words used) for normalised terms.

        fallback: when no record matches, return those holding some of the words (match SOME).
        """
        exact: set[int] | None = None
        loose: set[int] | None = None
        some: set[int] = set()
        totals: dict[int, float] = {}
        words_used: list[str] = []
        for term in terms:
            words = self.words_of(term)
            words_used += words
            scores = self._word_scores(words)
            holding = self.exact(term, allowed)
            share = SUBSTRING_SHARE * self._idf(len(holding))
            for docnum in holding:
                scores[docnum] = scores.get(docnum, 0.0) + share
            if allowed is not None:
                scores = {docnum: score for docnum, score in scores.items() if docnum in allowed}
            exact = holding if exact is None else exact & holding
            loose = set(scores) if loose is None else loose & scores.keys()
            some |= scores.keys()
            for docnum, score in scores.items():
                totals[docnum] = totals.get(docnum, 0.0) + score
        exact, loose = exact or set(), (loose or set()) - (exact or set())
        kind = WORDS
        if fallback and not exact and not loose:
            loose, kind = some, SOME
        ranked = heapq.nlargest(limit, exact, key=lambda docnum: (totals[docnum], -docnum))
        if len(ranked) < limit:
            ranked += heapq.nlargest(limit - len(ranked), loose, key=lambda docnum: (totals[docnum], -docnum))
        top = [(docnum, totals[docnum], EXACT if docnum in exact else kind) for docnum in ranked]
        return top, len(exact) + len(loose), len(exact), words_used
