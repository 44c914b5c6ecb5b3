"""The Whoosh engine (Whoosh-Reloaded): schema, analyzers, writing, querying and "more like this".

Each text group (title; problems, fixes and lessons; the rest) is indexed twice: as jieba words (ranking,
related records) and as character bigrams with positions (exact substring recall). A query term matches
a record when the record contains the term, or contains every indexed word the term is made of.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.query import And, AndMaybe, Or, Phrase, Prefix, Term, TermRange
from whoosh.query import Query as WhooshQuery

from generator.search.engine import GROUPS, Found, Hit, IndexDoc, Query
from generator.search.snippets import make_snippet
from generator.search.text import (
    TERM_SPLIT,
    cover_words,
    gram_tokens,
    is_cjk_run,
    normalise,
    run_bigrams,
    term_pieces,
    words,
)

BOOST = {"title": 4.0, "key": 2.5, "body": 1.0}
GRAM_SHARE = 0.6  # a substring hit counts a little less than a whole-word hit in the same field
RELATED_TERMS = 14
RELATED_TAG_BOOST = 2.0
RELATED_TYPE_BOOST = 1.5


class WordTokenizer(Tokenizer):
    """Normalise (繁→简) each line, then jieba search-mode words."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        for line in value.split("\n"):
            for word in words(normalise(line)):
                token.text, token.boost, token.stopped = word, 1.0, False
                if positions:
                    token.pos = position
                    position += 1
                yield token


class GramTokenizer(Tokenizer):
    """Normalise (繁→简), then overlapping CJK bigrams and ASCII words, with positions."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, position in gram_tokens(normalise(value)):
            token.text, token.boost, token.stopped = text, 1.0, False
            if positions:
                token.pos = start_pos + position
            yield token


def make_schema() -> Schema:
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "kind": ID(stored=True),
        "types": KEYWORD(commas=True),
        "tags": KEYWORD(commas=True),
        "day": ID(),
        "date": STORED(),
        "title": STORED(),
        "path": STORED(),
        "type": STORED(),
        "passages": STORED(),
        "digest": STORED(),
        "keys": STORED(),
        "all_w": TEXT(analyzer=WordTokenizer(), phrase=False, vector=True),
    }
    for group in GROUPS:
        fields[f"{group}_w"] = TEXT(analyzer=WordTokenizer(), phrase=False)
        fields[f"{group}_g"] = TEXT(analyzer=GramTokenizer(), phrase=True)
    return Schema(**fields)


def _keys(values: list[str]) -> list[str]:
    return [normalise(v).replace(",", " ").strip() for v in values if v.strip()]


def _fields(doc: IndexDoc) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": doc.id,
        "kind": doc.kind,
        "types": ",".join(_keys(doc.types)),
        "tags": ",".join(_keys(doc.tags)),
        "keys": {"types": _keys(doc.types), "tags": _keys(doc.tags)},
        "date": doc.date,
        "title": doc.title,
        "path": doc.path,
        "type": doc.type,
        "passages": [(p.label, p.text, p.group) for p in doc.passages],
        "digest": doc.digest,
        "all_w": doc.all_text,
    }
    if doc.date:
        fields["day"] = doc.date
    for group in GROUPS:
        text = doc.group_text(group)
        fields[f"{group}_w"] = text
        fields[f"{group}_g"] = text
    return fields


def split_terms(text: str) -> list[str]:
    """The query's terms: normalised, split at spaces and punctuation, duplicates dropped."""
    seen: list[str] = []
    for term in TERM_SPLIT.split(normalise(text)):
        if term and term not in seen:
            seen.append(term)
    return seen


class WhooshEngine:
    """SearchEngine on Whoosh: one index folder per edition."""

    def build(self, directory: Path, docs: list[IndexDoc]) -> None:
        ix = whoosh_index.create_in(str(directory), make_schema())
        writer = ix.writer(limitmb=256)
        try:
            for doc in docs:
                writer.add_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(optimize=True)
        ix.close()

    def apply(self, directory: Path, upserts: list[IndexDoc], deletions: list[str]) -> None:
        ix = whoosh_index.open_dir(str(directory))
        writer = ix.writer(limitmb=128)
        try:
            for record_id in deletions:
                writer.delete_by_term("id", record_id)
            for doc in upserts:
                writer.update_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        ix.close()

    # ------------------------------------------------------------ search

    def _term_query(self, reader: Any, term: str) -> tuple[WhooshQuery, list[str]]:
        """Match records containing term (bigram phrase), or all indexed words the term is made of."""
        exact: list[WhooshQuery] = []
        for group in GROUPS:
            boost = BOOST[group] * GRAM_SHARE
            parts: list[WhooshQuery] = []
            for piece in term_pieces(term):
                if not is_cjk_run(piece):
                    parts.append(Term(f"{group}_g", piece, boost=boost))
                elif len(piece) == 1:
                    parts.append(Prefix(f"{group}_g", piece, boost=boost))
                else:
                    grams = run_bigrams(piece)
                    parts.append(Term(f"{group}_g", grams[0], boost=boost) if len(grams) == 1
                                 else Phrase(f"{group}_g", grams, boost=boost))
            exact.append(parts[0] if len(parts) == 1 else And(parts))
        found_words = cover_words(term, lambda word: ("all_w", word) in reader)
        alternatives: list[WhooshQuery] = [Or(exact)]
        if found_words:
            alternatives.append(And([
                Or([Term(f"{group}_w", word, boost=BOOST[group]) for group in GROUPS]) for word in found_words
            ]))
        return Or(alternatives), found_words

    @staticmethod
    def _filter(query: Query) -> WhooshQuery | None:
        parts: list[WhooshQuery] = []
        if query.kind:
            parts.append(Term("kind", query.kind))
        if query.type:
            parts.append(Term("types", normalise(query.type)))
        if query.tag:
            parts.append(Term("tags", normalise(query.tag)))
        if query.since or query.until:
            # ISO dates sort as text; Whoosh's NUMERIC ranges proved unreliable for open-ended spans
            low = query.since.isoformat() if query.since else "0000-01-01"
            high = query.until.isoformat() if query.until else "9999-12-31"
            parts.append(TermRange("day", low, high))
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else And(parts)

    def search(self, directory: Path, query: Query) -> Found:
        terms = split_terms(query.text)
        if not terms:
            return Found([], 0)
        ix = whoosh_index.open_dir(str(directory))
        try:
            with ix.searcher() as searcher:
                reader = searcher.reader()
                term_queries, highlight_words = [], []
                for term in terms:
                    term_query, found_words = self._term_query(reader, term)
                    term_queries.append(term_query)
                    highlight_words += found_words
                combined = term_queries[0] if len(term_queries) == 1 else And(term_queries)
                limit = max(1, query.limit)
                filter_query = self._filter(query)
                results = searcher.search(combined, limit=limit, filter=filter_query)
                partial = False
                if results.is_empty() and len(term_queries) > 1:
                    results = searcher.search(Or(term_queries), limit=limit, filter=filter_query)
                    partial = True
                total = len(results)
                hits = [self._hit(stored.fields(), stored.score, terms, highlight_words) for stored in results]
        finally:
            ix.close()
        return Found(hits, total, partial)

    @staticmethod
    def _hit(stored: dict[str, Any], score: float, terms: list[str], highlight: list[str]) -> Hit:
        snippet, spans = make_snippet(stored["passages"], terms, [w for w in highlight if w not in terms])
        return Hit(
            id=stored["id"], kind=stored["kind"], title=stored["title"], date=stored.get("date"),
            score=round(float(score), 3), snippet=snippet, path=stored["path"], type=stored.get("type") or "",
            highlights=spans,
        )

    # ------------------------------------------------------------ related

    def related(self, directory: Path, ids: list[str], n: int, kind: str | None) -> dict[str, list[Hit]]:
        found: dict[str, list[Hit]] = {}
        ix = whoosh_index.open_dir(str(directory))
        try:
            with ix.searcher() as searcher:
                for record_id in ids:
                    found[record_id] = self._related_one(searcher, record_id, n, kind)
        finally:
            ix.close()
        return found

    def _related_one(self, searcher: Any, record_id: str, n: int, kind: str | None) -> list[Hit]:
        docnum = searcher.document_number(id=record_id)
        if docnum is None or n <= 0:
            return []
        stored = searcher.stored_fields(docnum)
        signals: list[WhooshQuery] = [
            Term("all_w", word, boost=float(weight))
            for word, weight in searcher.key_terms([docnum], "all_w", numterms=RELATED_TERMS)
        ]
        keys = stored.get("keys") or {}
        signals += [Term("tags", tag, boost=RELATED_TAG_BOOST) for tag in keys.get("tags", [])]
        if not signals:
            return []
        similar: WhooshQuery = Or(signals)
        if keys.get("types"):
            similar = AndMaybe(similar, Or([Term("types", t, boost=RELATED_TYPE_BOOST) for t in keys["types"]]))
        wanted_kind = stored["kind"] if kind is None else kind
        kind_filter = Term("kind", wanted_kind) if wanted_kind != "any" else None
        results = searcher.search(similar, limit=n, filter=kind_filter, mask=Term("id", record_id))
        return [self._hit(hit.fields(), hit.score, [], []) for hit in results]

