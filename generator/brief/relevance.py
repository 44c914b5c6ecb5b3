"""Ask the search stage which past reviews are closest to the event ("most relevant first").

The event is not a record, so `generator.search.related()` (which starts from a record id) does not
apply; instead the event's tags and the key terms of its title become a query against the review
index of the reader's audience edition. The scores are only one part of the ranking
(generator/brief/lessons.py): without an index (read-only folder, broken index) the pack is still
made, ranked by type and shared tags alone.
"""

from __future__ import annotations

from generator.errors import ContentError, OutputBusy, UsageError
from generator.lessons.terms import key_terms
from generator.load import Content
from generator.model.records import Event

MAX_REVIEWS = 500  # far more than a content repository holds; the ranking needs every hit


def event_query(event: Event) -> str:
    """The words to search for: the event's tags and the key terms of its title, without repeats."""
    words = [*event.tags, *sorted(key_terms(event.title))]
    seen: dict[str, None] = {}
    for word in words:
        seen.setdefault(word.strip(), None)
    return " ".join(word for word in seen if word)


def search_scores(event: Event, content: Content, audience: str) -> dict[str, float]:
    """Return {review id: search score} for the event's query, or {} when search is unavailable."""
    query = event_query(event)
    if not query:
        return {}
    try:
        from generator.search import Query, find

        found = find(Query(query, kind="review", limit=MAX_REVIEWS), root=content.root, audience=audience)
    except (ImportError, OSError, UsageError, OutputBusy, ContentError, ValueError):
        return {}
    return {hit.id: float(hit.score) for hit in found.hits}
