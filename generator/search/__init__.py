"""Search every record: full text in simplified or traditional Chinese, filters, and related records.

The library is the whole feature; ``handbook search`` (``command.py``) is a thin front over it.

* ``refresh_index(content, index_dir)`` — bring the index (every record, with its audience) up to date.
* ``search(query, root=…, audience=…, …)`` — ranked ``Hit``s, never above the reader's audience.
* ``related(record_id, root=…)`` / ``related_many(content, ids, n, audience, index_dir)`` — similar records,
  from the records' own text (no index needed); related_many keeps its lists between builds and updates
  only those an edit touches (``related_cache.py``). ``similar_ids`` gives the same lists as ids only,
  for the site build.

The engine (Whoosh) sits behind ``engine.SearchEngine``; nothing here depends on it directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from generator.cache import cache_folder
from generator.errors import UsageError
from generator.search.engine import Found, Hit, Query, SearchEngine
from generator.search.index import (
    EDITIONS,
    IndexStats,
    default_index_dir,
    discard_index,
    edition_label,
    engine,
    ensure_index,
    is_fresh,
    records_dir,
    refresh_index,
)
from generator.search.related_cache import EditionRecords, edition_digests, related_ids, related_lists
from generator.session import Session

__all__ = [
    "EDITIONS",
    "Found",
    "Hit",
    "IndexStats",
    "Query",
    "SearchEngine",
    "default_index_dir",
    "edition_label",
    "ensure_index",
    "find",
    "is_fresh",
    "refresh_index",
    "related",
    "related_dir",
    "related_many",
    "search",
    "similar_ids",
]

if TYPE_CHECKING:
    from generator.load import Content

_RETRIES = 3
T = TypeVar("T")


def _check_audience(audience: str) -> None:
    if audience not in EDITIONS:
        raise UsageError(f"读者范围“{audience}”无效：可选 {'、'.join(EDITIONS)}")


def _day(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def find(query: Query, *, root: Path, audience: str = "internal", index_dir: Path | None = None,
         refresh: bool = True) -> Found:
    """Run a query for a reader of audience (records above it are filtered out before scoring).

    refresh=True first brings the index up to date if any content file changed (a stat of every
    file: ~10–30 ms on 5,000 records). A caller that has just called refresh_index may pass False.
    """
    index_dir = index_dir or default_index_dir(root)
    _check_audience(audience)
    if refresh:
        ensure_index(root, index_dir)
    return _recovering(lambda: engine(audience).search(records_dir(index_dir), query), root, index_dir, refresh)


def _recovering(action: Callable[[], T], root: Path, index_dir: Path, refresh: bool) -> T:
    """Run action; if the index cannot be read, retry (another process may be swapping a rebuilt
    index in), then rebuild it from the content (its files were damaged) and run action once more."""
    for attempt in range(_RETRIES):
        try:
            return action()
        except Exception:
            if attempt == _RETRIES - 1 or (attempt == 1 and not refresh):
                raise
            if attempt == 0:
                time.sleep(0.2)
            else:
                discard_index(index_dir)
                ensure_index(root, index_dir)
    raise AssertionError("unreachable")


def search(
    query: str,
    *,
    root: Path,
    audience: str = "internal",
    kind: str | None = None,
    type: str | None = None,  # noqa: A002 - the option is called --type
    tag: str | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    limit: int = 10,
    index_dir: Path | None = None,
    refresh: bool = True,
) -> list[Hit]:
    """Return the best records for query, within audience, best first (see find for refresh)."""
    request = Query(query, kind, type, tag, _day(since), _day(until), limit)
    return find(request, root=root, audience=audience, index_dir=index_dir, refresh=refresh).hits


def related(
    record_id: str,
    n: int = 5,
    *,
    root: Path,
    audience: str = "internal",
    kind: str | None = None,
    index_dir: Path | None = None,
    refresh: bool = True,
) -> list[Hit]:
    """Return up to n records like record_id, within audience, never the record itself.

    kind None keeps the record's own kind (reviews → similar past reviews); "any" allows every kind.
    A record above the audience has no related records (it is not in that edition at all). The answer
    is the one a site build shows (related_many); refresh is accepted for symmetry with search.
    """
    from generator.load import load_content

    root = root.resolve()
    content = load_content(root, cache_dir=cache_folder(root))
    return related_many(content, [record_id], n, audience, index_dir or default_index_dir(root), kind)[record_id]


def related_many(
    content: Content,
    ids: list[str],
    n: int,
    audience: str,
    index_dir: Path,
    kind: str | None = None,
    session: Session | None = None,
) -> dict[str, list[Hit]]:
    """Return related records for many ids at once (for the site build), within audience.

    Needs no search index: the records' text comes from content (see similar.py). The lists are kept
    between calls, in memory and in related_dir(index_dir, audience), and only those a changed record
    may affect are computed again (see related_cache.py for what that trades). session: where they are
    kept in memory (default: a new one, kept for this call only).
    """
    return _kept_lists(related_lists, content, ids, n, audience, index_dir, kind, session)


def similar_ids(content: Content, ids: list[str], n: int, audience: str, index_dir: Path, kind: str | None = None,
                session: Session | None = None) -> dict[str, list[str]]:
    """The ids of the records related_many would return, best first: what a site build needs.

    The same kept lists, without the title and summary each hit carries: no card is made or kept for
    them, so an unchanged edition answers in a few hundredths of a second.
    """
    return _kept_lists(related_ids, content, ids, n, audience, index_dir, kind, session)


Listed = TypeVar("Listed")


def _kept_lists(answer: Callable[..., dict[str, list[Listed]]], content: Content, ids: list[str], n: int,
                audience: str, index_dir: Path, kind: str | None, session: Session | None) -> dict[str, list[Listed]]:
    """Ask the edition's kept lists (related_cache.py) for ids, answered as Hits or as ids."""
    edition = content.for_audience(audience)
    return answer(EditionRecords(edition.items), related_dir(index_dir, audience), edition_digests(content, audience),
                  list(ids), n, kind, session or Session())


def related_dir(index_dir: Path, audience: str) -> Path:
    """The folder keeping one edition's similar-records lists between builds."""
    _check_audience(audience)
    return index_dir / "related" / audience
