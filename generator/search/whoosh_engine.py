"""The Whoosh engine (Whoosh-Reloaded): schema, analyzers, writing and querying.

A record's text is indexed twice: as jieba words weighted by where they stand (``all_w``: ranking; a
title word counts 4, a word in a problem, fix or lesson 2.5, any other 1) and as
character bigrams with positions (``all_g``: exact substring recall). A query term matches a record
that contains the term, or contains every indexed word the term is made of.

One index holds every record with its audience; an engine made for a reader (``WhooshEngine(visible)``)
filters every question by the audiences that reader may see, before anything is scored or shown.
"""

from __future__ import annotations

import gc
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.query import And, Or, Term, TermRange
from whoosh.query import Query as WhooshQuery

from generator.search.engine import Found, Hit, IndexDoc, Query
from generator.search.similar import GROUP_BOOST
from generator.search.snippets import make_snippet
from generator.search.text import gram_tokens, normalise, query_words, words
from generator.search.whoosh_query import PostingsQuery
from generator.session import Session

# Weight of a word by where it stands: titles first, then problems, fixes and lessons, then the rest.
BOOST = GROUP_BOOST  # the same weights rank hits and similar reviews
GROUP_MARK = {"title": "t", "key": "k", "body": "b"}
MARK_BOOST = {GROUP_MARK[group]: boost for group, boost in BOOST.items()}
MARK_END = "\x1f"  # a line "k\x1f…" holds text of the key group


class WordTokenizer(Tokenizer):
    """Normalise (繁→简) each line, then jieba search-mode words, weighted by the line's group mark."""

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, mode: str = "",
                 **kwargs: Any) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        position = start_pos
        for line in value.split("\n"):
            boost = 1.0
            if line[1:2] == MARK_END:
                boost, line = MARK_BOOST.get(line[:1], 1.0), line[2:]
            for word in words(normalise(line)):
                token.text, token.boost, token.stopped = word, boost, False
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
        "audience": ID(stored=True),
        "types": KEYWORD(commas=True),
        "tags": KEYWORD(commas=True),
        "day": ID(),
        "date": STORED(),
        "title": STORED(),
        "path": STORED(),
        "type": STORED(),
        "passages": STORED(),
        "digest": STORED(),
        "all_w": TEXT(analyzer=WordTokenizer(), phrase=False),
        "all_g": TEXT(analyzer=GramTokenizer(), phrase=True),
    }
    return Schema(**fields)


def _keys(values: list[str]) -> list[str]:
    return [normalise(v).replace(",", " ").strip() for v in values if v.strip()]


def _fields(doc: IndexDoc) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": doc.id,
        "kind": doc.kind,
        "audience": doc.audience,
        "types": ",".join(_keys(doc.types)),
        "tags": ",".join(_keys(doc.tags)),
        "date": doc.date,
        "title": doc.title,
        "path": doc.path,
        "type": doc.type,
        "passages": [(p.label, p.text, p.group) for p in doc.passages],
        "digest": doc.digest,
        "all_w": "\n".join(f"{GROUP_MARK[p.group]}{MARK_END}{' '.join(p.text.split())}" for p in doc.passages),
        "all_g": doc.all_text,
    }
    if doc.date:
        fields["day"] = doc.date
    return fields


def _generation_key(directory: Path) -> tuple[tuple[str, int, int], ...]:
    """Identify the committed state of an index folder: its table-of-contents files, by name and inode."""
    with os.scandir(directory) as entries:
        return tuple(sorted(
            (entry.name, entry.inode(), entry.stat().st_mtime_ns) for entry in entries if entry.name.endswith(".toc")
        ))


class DamagedIndex(Exception):
    """An index folder could not be opened (files missing or damaged)."""


class _Searchers:
    """Keep one open searcher per index folder while its committed state stays the same, in the session.

    Opening an index and its readers costs a few milliseconds; a site build or a benchmark asks
    thousands of questions of the same folder.
    """

    def __init__(self, session: Session) -> None:
        self._open: dict[Path, tuple[Any, Any]] = session.searchers

    def get(self, directory: Path) -> Any:
        key = _generation_key(directory)
        cached = self._open.get(directory)
        if cached and cached[0] == key:
            return cached[1]
        if cached:
            cached[1].close()
        # Whoosh leaves the files it had opened when it fails to the garbage collector: close them
        # here, quietly, rather than as a ResourceWarning at some later point.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            try:
                searcher = whoosh_index.open_dir(str(directory)).searcher()
            except Exception as exc:  # noqa: BLE001 - damaged files show up as many kinds of error
                problem = f"{type(exc).__name__}: {exc}"
            else:
                self._open[directory] = (key, searcher)
                return searcher
            gc.collect()
        raise DamagedIndex(f"{directory}: {problem}")

    def forget(self, directory: Path) -> None:
        cached = self._open.pop(directory, None)
        if cached:
            cached[1].close()


class WhooshEngine:
    """SearchEngine on Whoosh: one index folder of every record, read for one reader's audiences.

    visible: the audiences the reader may see (None: every record, for writing and maintenance).
    session: where the open searchers are kept between calls (default: a new one for this engine).
    """

    def __init__(self, visible: tuple[str, ...] | None = None, session: Session | None = None) -> None:
        self.visible = visible
        self.searchers = _Searchers(session or Session())

    def _audience(self) -> WhooshQuery | None:
        if self.visible is None:
            return None
        return Or([Term("audience", audience) for audience in self.visible])

    def _shown(self, stored: dict[str, Any]) -> bool:
        return self.visible is None or stored.get("audience") in self.visible

    def build(self, directory: Path, docs: list[IndexDoc]) -> None:
        ix = whoosh_index.create_in(str(directory), make_schema())
        writer = ix.writer(limitmb=256)
        try:
            for doc in docs:
                writer.add_document(**_fields(doc))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(merge=False)  # one fresh segment: nothing to merge
        ix.close()

    def apply(self, directory: Path, upserts: list[IndexDoc], deletions: list[str]) -> None:
        self.searchers.forget(directory)
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

    def _filter(self, query: Query) -> WhooshQuery | None:
        parts: list[WhooshQuery] = [audience] if (audience := self._audience()) is not None else []
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
        terms = query_words(query.text)
        if not terms:
            return Found([], 0)
        searcher = self.searchers.get(directory)
        filter_query = self._filter(query)
        allowed = set(searcher.docs_for_query(filter_query)) if filter_query is not None else None
        top, total, exact, words_used = PostingsQuery(searcher).run(terms, allowed, max(1, query.limit), query.fallback)
        highlight = [word for word in dict.fromkeys(words_used) if word not in terms]
        hits = [self._hit(searcher.stored_fields(docnum), score, terms, highlight, match) for docnum, score, match in top]
        return Found(hits, total, exact)

    @staticmethod
    def _hit(stored: dict[str, Any], score: float, terms: list[str], highlight: list[str], match: str = "") -> Hit:
        snippet, spans = make_snippet(stored["passages"], terms, highlight)
        return Hit(
            id=stored["id"], kind=stored["kind"], title=stored["title"], date=stored.get("date"),
            score=round(float(score), 3), snippet=snippet, path=stored["path"], type=stored.get("type") or "",
            highlights=spans, match=match,
        )
