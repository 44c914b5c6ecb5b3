"""The browser search's index tokens, spelled so that Pagefind cannot split them.

What text is, how it is normalised and what "contains" means come from generator/search/text.py, the
one definition both searches share; this module only spells its pieces for Pagefind.

Pagefind's own Chinese segmentation misses most phrases, so we hand it tokens it cannot split: every
pair of neighbouring Han characters (a bigram, as Lucene's CJK analyzer does) spelled in lowercase
letters, and every other word as it is. A query word of n Han characters becomes its n-1 bigrams;
Pagefind returns the pages holding all of them, with the position of each hit, and the browser keeps
a page only where the hits sit next to each other — that is, where the word is written.
Keep this file and templates/site/assets/handbook-search.js in step;
tests/site/test_search_text.py runs both on the same strings.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

from generator.search.text import normalise, pieces

__all__ = ["TOKEN_PREFIX", "index_text", "normalise", "tokens"]

TOKEN_PREFIX = "hz"
_LETTERS = 4  # 26**4 = 456976 > U+323AF, the last Han extension
_END = "zzzz"  # never a real character: marks the end of a Han run


@functools.lru_cache(maxsize=65536)
def _spell(char: str) -> str:
    number, letters = ord(char), []
    for _ in range(_LETTERS):
        number, digit = divmod(number, 26)
        letters.append(chr(97 + digit))
    return "".join(reversed(letters))


def tokens(normalised: str) -> Iterator[str]:
    """Yield the index tokens of normalised text: a token per Han character, plus every other word.

    The token of a Han character pairs it with the next one in its run, or with an end mark at the
    end of the run, so every character starts exactly one token and a run break is never a pair.
    Another word comes with each of its tails (gb9704, b9704, 9704, …): Pagefind matches the start
    of a token, so a query for 9704 finds the record holding gb9704, as "contains" demands.
    """
    for piece, han in pieces(normalised):
        if not han:
            yield from (piece[start:] for start in range(len(piece)))
            continue
        spelled = [_spell(ch) for ch in piece] + [_END]
        for index in range(len(piece)):
            yield TOKEN_PREFIX + spelled[index] + spelled[index + 1]


def index_text(normalised_parts: Iterable[str]) -> str:
    """Return the content string Pagefind indexes for a record made of these (normalised) text parts."""
    return " ".join(token for part in normalised_parts for token in tokens(part))
