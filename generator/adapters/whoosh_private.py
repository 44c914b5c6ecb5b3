"""Whoosh's private posting-block reads, behind one public function with a fallback.

Whoosh-Reloaded 2.7 (pinned in pyproject.toml) keeps a term's postings in blocks of up to 128; its
leaf matcher (whoosh.codec.whoosh3.W3LeafMatcher) decodes a block into arrays with ``_read_ids`` and
``_read_weights`` (filling ``_ids`` and ``_weights``) and moves on with ``_next_block``. Taking a block
at a time is some fifty times faster than stepping posting by posting through the public methods,
which is what ``read_postings`` falls back to for any matcher without those parts (a term seen once
is stored inline, and a future Whoosh may rename them).
"""

from __future__ import annotations

from typing import Any

# (module, class, attribute) this adapter relies on; tests/test_adapters.py checks each exists.
PRIVATE_SYMBOLS: tuple[tuple[str, str, str], ...] = (
    ("whoosh.codec.whoosh3", "W3LeafMatcher", "_read_ids"),
    ("whoosh.codec.whoosh3", "W3LeafMatcher", "_read_weights"),
    ("whoosh.codec.whoosh3", "W3LeafMatcher", "_next_block"),
)
BLOCK_METHODS = ("_read_ids", "_read_weights", "_next_block")


def reads_blocks(matcher: Any) -> bool:
    """True when the matcher can hand over its postings a block at a time."""
    return all(hasattr(matcher, name) for name in BLOCK_METHODS)


def read_postings(matcher: Any, ids: list[int], weights: list[float] | None) -> None:
    """Append a posting list's document numbers (and weights, unless None) to the lists."""
    if reads_blocks(matcher):
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
