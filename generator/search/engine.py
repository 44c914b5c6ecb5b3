"""The small interface every search engine implements, and the values that cross it.

Callers (the command, the site, the briefing pack) only see ``Hit`` and ``Query``; the engine only sees
``IndexDoc`` and a folder of its own. Replacing Whoosh means writing one class with these three methods.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Protocol

# Each passage belongs to a group that weighs in the ranking: the title first, then problems, fixes
# and lessons ("key"), then everything else ("body").
GROUPS = ("title", "key", "body")
# Between passages in the text the index tokenises: not whitespace (normalising drops whitespace between
# two Han characters) and not a letter, so no token and no phrase spans two passages.
PASSAGE_BREAK = "\n|\n"
# How a hit matches the query: "exact" — its normalised text holds every query word; "words" — it holds
# the indexed words each query word is made of, but apart (the command line lists these after the others).
EXACT, WORDS = "exact", "words"
# Only when asked for (Query.fallback) and nothing else is found: a record holding some of the words.
SOME = "some"


@dataclass
class Passage:
    """One piece of a record's text with its label, e.g. ("改进办法", "席卡提前一天核对")."""

    label: str
    text: str
    group: str


@dataclass
class IndexDoc:
    """What any engine needs to index one record."""

    id: str
    kind: str
    title: str
    date: str | None
    path: str
    type: str  # shown to the reader: 接待 / 会务 / 会议通知 …
    types: list[str]  # filter values for --type
    tags: list[str]
    audience: str
    digest: str
    passages: list[Passage] = field(default_factory=list)

    @property
    def all_text(self) -> str:
        """The passages in one string, kept apart by a mark that ends every run of characters."""
        return PASSAGE_BREAK.join(p.text for p in self.passages)


@dataclass(frozen=True)
class Hit:
    """One record found: what a result list shows."""

    id: str
    kind: str
    title: str
    date: str | None
    score: float
    snippet: str
    path: str
    type: str = ""
    # (start, end) character spans of the query's hits inside snippet
    highlights: tuple[tuple[int, int], ...] = field(default=())
    match: str = ""  # EXACT or WORDS for a search hit; empty for a related record

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["highlights"] = [list(span) for span in self.highlights]
        return data


@dataclass(frozen=True)
class Query:
    """A search as the user asked it: free text plus filters."""

    text: str
    kind: str | None = None
    type: str | None = None
    tag: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int = 10
    # When no record holds every word (nor their parts), return the records holding some of them (match
    # SOME): a briefing looks for reviews related to an event this way. `handbook search` does not.
    fallback: bool = True


@dataclass
class Found:
    """The hits of one query (exact matches first), how many records it found, and how many match exactly."""

    hits: list[Hit]
    total: int
    exact: int = 0  # records whose text holds every query word; the others hold their parts (or, as a
    # fallback, some of the words)


class SearchEngine(Protocol):
    """Index and search records inside one index folder (similar records come from the records' own text:
    similar.py)."""

    def build(self, directory: Path, docs: list[IndexDoc]) -> None:
        """Create a new index of docs in an empty directory."""

    def apply(self, directory: Path, upserts: list[IndexDoc], deletions: list[str]) -> None:
        """Add or replace upserts and remove the ids in deletions, committing once."""

    def search(self, directory: Path, query: Query) -> Found:
        """Run one query."""
